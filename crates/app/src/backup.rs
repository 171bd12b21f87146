//! Backups, restores, and moving a whole office from one database to another.
//!
//! Two kinds of folder, each described by a `manifest.json` written last (to a temporary
//! name, flushed, then renamed), so a folder without one is an unfinished copy:
//!
//! - **A SQLite backup** (`liaison-sqlite-backup`): `liaison.db`, a snapshot taken with
//!   `VACUUM INTO` while the server runs and checked with `PRAGMA integrity_check`; the
//!   files its attachments refer to under `files/` (laid out as in the files folder); the
//!   manifest with the snapshot's size and SHA-256, its schema version and rows per table.
//! - **An export** (`liaison-export`): one JSON Lines file per table under `tables/` (each
//!   line a JSON array of the row's values in the order the manifest lists the columns),
//!   the attachments' files under `files/`, and the manifest with the schema version and,
//!   per table, its columns, rows and SHA-256. It is read from one snapshot of the database
//!   and loads into SQLite or PostgreSQL alike; it is what `backup` writes on PostgreSQL.
//!
//! Files are copied only after their SHA-256 (their name) is checked, and always before the
//! rows that refer to them are committed, as uploads are.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use liaison_store::transfer::{self, Cell, Loader, Pages, Table, TransferError};
use liaison_store::{Backend, Store, StoreError};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::secrets::hex;
use crate::{files, App, Settings};

/// Backups, exports and imports of the office this application serves. `app.backups()`.
/// (A restore replaces the database file, so it runs with no application open:
/// [`restore_snapshot`].)
#[derive(Clone, Copy)]
pub struct Backups<'a> {
    pub(crate) app: &'a App,
    /// Hears how far the work has got; by default nobody listens.
    pub(crate) progress: &'a (dyn Fn(Step) + Sync),
}

/// What a backup, restore, export or import is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Taking, checking or copying a SQLite snapshot (no count).
    Snapshot,
    /// Tables written to an export (counted in tables: their rows are not known ahead).
    Tables,
    /// An export's table files checked against its manifest (counted in tables).
    Checking,
    /// Rows loaded into the database (counted in rows, as the manifest lists them).
    Rows,
    /// Attachment files copied (counted in files).
    Files,
}

/// How far a stage has got: `done` of `total` (`total` 0 when there is nothing to count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// What is being done.
    pub stage: Stage,
    /// How much of it is done.
    pub done: u64,
    /// How much there is in all.
    pub total: u64,
}

impl Step {
    fn new(stage: Stage, done: u64, total: u64) -> Self {
        Self { stage, done, total }
    }
}

/// The progress nobody listens to.
pub(crate) fn unheard(_: Step) {}

/// Rows loaded between two reports of progress: often enough for a display, rarely
/// enough to cost nothing.
const ROWS_PER_REPORT: u64 = 1_000;
/// Files copied on one blocking task between two reports of progress.
const FILES_PER_REPORT: usize = 16;

/// The `format` of an export's manifest.
pub const EXPORT_FORMAT: &str = "liaison-export";
/// The `format` of a SQLite backup's manifest.
pub const SNAPSHOT_FORMAT: &str = "liaison-sqlite-backup";
/// The version of both formats this build writes and reads.
pub const FORMAT_VERSION: i64 = 1;
/// The snapshot's name inside a SQLite backup.
pub const DATABASE_FILE: &str = "liaison.db";
const MANIFEST: &str = "manifest.json";

/// Why a backup, restore, export or import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup or export is unfinished, damaged, or not one at all; nothing was changed.
    #[error("{0}")]
    Damaged(String),
    /// The target is not one this may write to (not empty, in use, another version).
    #[error("{0}")]
    Refused(String),
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, naming the file.
        context: String,
        /// The system's reason.
        source: io::Error,
    },
    /// The database failed, or holds something a transfer cannot carry.
    #[error(transparent)]
    Transfer(#[from] TransferError),
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::Transfer(TransferError::Store(e))
    }
}

impl From<liaison_store::sqlx::Error> for BackupError {
    fn from(e: liaison_store::sqlx::Error) -> Self {
        BackupError::Transfer(e.into())
    }
}

/// An I/O error with what was being done to which file.
fn io_error(context: impl std::fmt::Display) -> impl FnOnce(io::Error) -> BackupError {
    move |source| BackupError::Io {
        context: context.to_string(),
        source,
    }
}

/// Which kind of folder a backup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A portable export (also what `backup` writes on PostgreSQL).
    Export,
    /// A checked SQLite snapshot with its files.
    SqliteSnapshot,
}

/// What a backup, restore, export or import carried.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Which kind of folder.
    pub format: Format,
    /// The schema version of the data.
    pub schema_version: i64,
    /// Rows per table.
    pub tables: Vec<(String, u64)>,
    /// Attachment files carried, and their bytes.
    pub files: u64,
    /// Bytes of those files.
    pub file_bytes: u64,
    /// Files the attachments refer to that were missing or damaged in the files folder
    /// when the copy was made (listed in the manifest; never silently dropped).
    pub missing_files: Vec<String>,
}

impl Summary {
    /// Rows in every table together.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Reads which kind of backup the folder holds, checking its manifest's format version.
pub fn format_of(dir: &Path) -> Result<Format, BackupError> {
    Ok(read_manifest(dir)?.0)
}

impl<'a> Backups<'a> {
    /// The same operations, telling `progress` how far they have got as they go (tables,
    /// rows and files done of how many); what they do is unchanged.
    pub fn with_progress(self, progress: &'a (dyn Fn(Step) + Sync)) -> Self {
        Self { progress, ..self }
    }

    /// Copies the office while it runs: on SQLite a snapshot of the database, checked, with
    /// the files it refers to; on PostgreSQL an export (use `pg_dump` for a native one).
    /// `dir` must not exist or be empty.
    pub async fn backup(&self, dir: &Path) -> Result<Summary, BackupError> {
        match self.app.store.backend() {
            Backend::Postgres => self.export(dir).await,
            Backend::Sqlite => self.snapshot(dir).await,
        }
    }

    async fn snapshot(&self, dir: &Path) -> Result<Summary, BackupError> {
        new_folder(dir)?;
        let database = dir.join(DATABASE_FILE);
        (self.progress)(Step::new(Stage::Snapshot, 0, 0));
        transfer::vacuum_into(&self.app.store, &database).await?;
        let info = transfer::check_sqlite_file(&database)
            .await
            .map_err(|e| BackupError::Damaged(format!("the snapshot failed its check: {e}")))?;
        let db = database.clone();
        let (sha256, bytes) = blocking(move || hash_file(&db, true)).await?;
        let (from, to) = (self.app.settings.files.clone(), dir.join("files"));
        let copied = copy_files(&from, &to, &info.files, self.progress).await?;
        let summary = Summary {
            format: Format::SqliteSnapshot,
            schema_version: info.schema_version,
            tables: info
                .rows
                .iter()
                .map(|(t, n)| (t.clone(), *n as u64))
                .collect(),
            files: copied.count,
            file_bytes: copied.bytes,
            missing_files: copied.missing,
        };
        let manifest = json!({
            "format": SNAPSHOT_FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": info.schema_version,
            "liaison_version": env!("CARGO_PKG_VERSION"),
            "created_at": liaison_store::now(),
            "database": {"file": DATABASE_FILE, "bytes": bytes, "sha256": sha256},
            "tables": summary.tables.iter()
                .map(|(t, n)| json!({"name": t, "rows": n})).collect::<Vec<_>>(),
            "files": {"count": summary.files, "bytes": summary.file_bytes},
            "missing_files": summary.missing_files,
        });
        write_manifest(dir, &manifest)?;
        Ok(summary)
    }

    /// Writes the whole office to `dir` in the portable format, read from one snapshot of
    /// the database while it runs. `dir` must not exist or be empty.
    pub async fn export(&self, dir: &Path) -> Result<Summary, BackupError> {
        let backend = self.app.store.backend();
        new_folder(dir)?;
        let folder = dir.join("tables");
        fs::create_dir(&folder).map_err(io_error(folder.display()))?;
        let mut conn = self.app.store.read().await?;
        let mut tx = transfer::snapshot(&mut conn, backend).await?;
        let schema_version = transfer::schema_version(&mut tx).await?;
        let tables = transfer::tables(&mut tx, backend).await?;
        let mut listed = Vec::with_capacity(tables.len());
        let mut counts = Vec::with_capacity(tables.len());
        let all = tables.len() as u64;
        for (n, t) in tables.iter().enumerate() {
            (self.progress)(Step::new(Stage::Tables, n as u64, all));
            let path = table_file(dir, &t.name)?;
            let mut out = HashingWriter::create(&path)?;
            let mut pages = Pages::new(backend, t);
            let mut rows = 0_u64;
            loop {
                let page = pages.next(&mut tx).await?;
                if page.is_empty() {
                    break;
                }
                for row in &page {
                    out.row(t, row)?;
                    rows += 1;
                }
            }
            let (sha256, bytes) = out.finish()?;
            listed.push(json!({
                "name": t.name,
                "columns": t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
                "rows": rows,
                "bytes": bytes,
                "sha256": sha256,
            }));
            counts.push((t.name.clone(), rows));
        }
        (self.progress)(Step::new(Stage::Tables, all, all));
        let wanted = transfer::attachment_files(&mut tx).await?;
        tx.rollback().await?;
        drop(conn);
        sync_folder(&folder)?;
        let (from, to) = (self.app.settings.files.clone(), dir.join("files"));
        let copied = copy_files(&from, &to, &wanted, self.progress).await?;
        let manifest = json!({
            "format": EXPORT_FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": schema_version,
            "liaison_version": env!("CARGO_PKG_VERSION"),
            "created_at": liaison_store::now(),
            "source": match backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" },
            "tables": listed,
            "files": {"count": copied.count, "bytes": copied.bytes},
            "missing_files": copied.missing,
        });
        write_manifest(dir, &manifest)?;
        Ok(Summary {
            format: Format::Export,
            schema_version,
            tables: counts,
            files: copied.count,
            file_bytes: copied.bytes,
            missing_files: copied.missing,
        })
    }

    /// Loads an export into this database, which must be empty and at the export's schema
    /// version: every table file is checked against the manifest first, then every row is
    /// written with its id in one transaction, the search index rebuilt and the attachments'
    /// files copied before it commits. Anything wrong leaves the database as it was.
    pub async fn import(&self, dir: &Path) -> Result<Summary, BackupError> {
        let (format, manifest) = read_manifest(dir)?;
        if format != Format::Export {
            return Err(BackupError::Refused(format!(
                "{} holds a SQLite backup, not an export: use `liaison restore`",
                dir.display()
            )));
        }
        let backend = self.app.store.backend();
        let schema_version = integer(&manifest, "schema_version")?;
        let listed = listed_tables(&manifest)?;
        let missing_ok: HashSet<String> = strings(&manifest, "missing_files")?;
        let mut c = self.app.store.read().await?;
        let ours = transfer::schema_version(&mut c).await?;
        if ours != schema_version {
            return Err(BackupError::Refused(format!(
                "the export has schema version {schema_version} and this database {ours}: \
                 import with the Liaison version that made the export"
            )));
        }
        let tables = transfer::tables(&mut c, backend).await?;
        let columns: Vec<(String, Vec<String>)> = listed
            .iter()
            .map(|l| (l.name.clone(), l.columns.clone()))
            .collect();
        let differences = transfer::differences(&tables, &columns);
        if !differences.is_empty() {
            return Err(BackupError::Refused(format!(
                "the export's tables do not match this database's: {}",
                differences.join("; ")
            )));
        }
        refuse_non_empty(&mut c, &tables).await?;
        drop(c);
        // One table at a time, so the check's progress can be told.
        let all = listed.len() as u64;
        for (n, t) in listed.iter().enumerate() {
            (self.progress)(Step::new(Stage::Checking, n as u64, all));
            let (d, t) = (dir.to_path_buf(), t.clone());
            blocking(move || t.verify(&d)).await?;
        }
        (self.progress)(Step::new(Stage::Checking, all, all));

        // Not through the door (`door.rs`): an import writes every row as exported, the audit
        // trail included, into an empty database; an entry of its own would make the copy
        // differ from the office it came from.
        let mut tx = self.app.store.write().await?;
        // Checked again under the write lock: another process may have written meanwhile.
        refuse_non_empty(&mut tx, &tables).await?;
        let mut counts = Vec::with_capacity(tables.len());
        let mut loaded = Rows {
            done: 0,
            total: listed.iter().map(|l| l.rows).sum(),
            progress: self.progress,
        };
        loaded.report();
        for t in &tables {
            let entry = listed
                .iter()
                .find(|l| l.name == t.name)
                .ok_or_else(|| BackupError::Damaged(format!("table {} is missing", t.name)))?;
            let rows = load_table(&mut tx, backend, dir, t, entry, &mut loaded).await?;
            counts.push((t.name.clone(), rows));
        }
        transfer::finish_import(&mut tx, backend, &tables).await?;
        let wanted: Vec<String> = transfer::attachment_files(&mut tx)
            .await?
            .into_iter()
            .filter(|h| !missing_ok.contains(h))
            .collect();
        let (from, to) = (dir.join("files"), self.app.settings.files.clone());
        let copied = copy_files(&from, &to, &wanted, self.progress).await?;
        if let Some(first) = copied.missing.first() {
            return Err(BackupError::Damaged(format!(
                "{} attachment files are missing or damaged in the export (first: files/{}): \
                 nothing was imported",
                copied.missing.len(),
                file_path(first)
            )));
        }
        tx.commit().await?;
        self.app.forget_config();
        // Fresh planner statistics for the new rows, as after a demo load.
        self.app.store.analyze().await?;
        Ok(Summary {
            format: Format::Export,
            schema_version,
            tables: counts,
            files: copied.count,
            file_bytes: copied.bytes,
            missing_files: sorted(missing_ok),
        })
    }

    /// Brings a SQLite backup into this database (PostgreSQL, or SQLite already open), which
    /// must be empty: the snapshot is copied aside, brought to this version's schema,
    /// exported and imported. The backup itself is left untouched.
    pub async fn import_snapshot(&self, from: &Path) -> Result<Summary, BackupError> {
        let (format, manifest) = read_manifest(from)?;
        if format != Format::SqliteSnapshot {
            return self.import(from).await;
        }
        let work = scratch_folder()?;
        let result = async {
            let copy = work.join(DATABASE_FILE);
            (self.progress)(Step::new(Stage::Snapshot, 0, 0));
            copy_checked(&from.join(DATABASE_FILE), &copy, &manifest).await?;
            let url = format!("sqlite://{}", copy.display());
            let store = Store::connect(&url).await?;
            store.migrate().await?;
            let settings = Settings {
                files: from.join("files"),
                ..Settings::default()
            };
            let source = App::new(store.clone(), settings);
            let exported = work.join("export");
            let done = source
                .backups()
                .with_progress(self.progress)
                .export(&exported)
                .await;
            store.close().await;
            done?;
            self.import(&exported).await
        }
        .await;
        let _ = fs::remove_dir_all(&work);
        result.map(|s| Summary {
            format: Format::SqliteSnapshot,
            ..s
        })
    }
}

/// Where a SQLite backup is restored to.
#[derive(Debug, Clone)]
pub struct RestoreTarget {
    /// The database file (replaced whole).
    pub database: PathBuf,
    /// The files folder (the backup's files are added to it).
    pub files: PathBuf,
    /// Replace a database that holds data.
    pub force: bool,
}

/// Restores a SQLite backup over the database file at `target.database`, which no process
/// may have open. The snapshot is checked (its SHA-256, `PRAGMA integrity_check`), copied
/// beside the target and flushed, the files are copied, and the copy then renamed over the
/// target, so the database is either the old one or the restored one, whatever happens.
/// A database holding data is replaced only with `force`.
pub async fn restore_snapshot(from: &Path, target: &RestoreTarget) -> Result<Summary, BackupError> {
    restore_snapshot_with_progress(from, target, &unheard).await
}

/// [`restore_snapshot`], telling `progress` how far it has got (the snapshot copied, then
/// the files).
pub async fn restore_snapshot_with_progress(
    from: &Path,
    target: &RestoreTarget,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<Summary, BackupError> {
    let (format, manifest) = read_manifest(from)?;
    if format != Format::SqliteSnapshot {
        return Err(BackupError::Refused(format!(
            "{} holds an export, which is imported into a database rather than copied over one",
            from.display()
        )));
    }
    let database = &target.database;
    let name = database
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| BackupError::Refused(format!("{} is not a file", database.display())))?
        .to_string();
    let folder = match database.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder).map_err(io_error(folder.display()))?;
    check_target(database, target.force).await?;

    let temporary = folder.join(format!(".{name}.restoring-{}", std::process::id()));
    let _ = fs::remove_file(&temporary);
    let result = async {
        progress(Step::new(Stage::Snapshot, 0, 0));
        let info = copy_checked(&from.join(DATABASE_FILE), &temporary, &manifest).await?;
        if info.schema_version > Store::schema_version() {
            return Err(BackupError::Refused(format!(
                "the backup has schema version {} and this Liaison knows only up to {}: \
                 restore it with a newer Liaison",
                info.schema_version,
                Store::schema_version()
            )));
        }
        let missing_ok: HashSet<String> = strings(&manifest, "missing_files")?;
        let wanted: Vec<String> = info
            .files
            .iter()
            .filter(|h| !missing_ok.contains(*h))
            .cloned()
            .collect();
        let copied = copy_files(&from.join("files"), &target.files, &wanted, progress).await?;
        if let Some(first) = copied.missing.first() {
            return Err(BackupError::Damaged(format!(
                "{} attachment files are missing or damaged in the backup (first: files/{}): \
                 nothing was restored",
                copied.missing.len(),
                file_path(first)
            )));
        }
        // Checked again just before the switch: a server may have started meanwhile.
        check_target(database, true).await?;
        for suffix in ["-wal", "-shm", "-journal"] {
            // Left by the old database, they would be applied to the restored one.
            let mut stale = database.as_os_str().to_owned();
            stale.push(suffix);
            match fs::remove_file(PathBuf::from(stale)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(io_error(database.display())(e))
                }
                _ => {}
            }
        }
        fs::rename(&temporary, database).map_err(io_error(database.display()))?;
        sync_folder(&folder)?;
        Ok(Summary {
            format: Format::SqliteSnapshot,
            schema_version: info.schema_version,
            tables: info
                .rows
                .iter()
                .map(|(t, n)| (t.clone(), *n as u64))
                .collect(),
            files: copied.count,
            file_bytes: copied.bytes,
            missing_files: sorted(missing_ok),
        })
    }
    .await;
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Refuses a target database that a process has open, or that holds data (unless
/// `force`). A missing file is a fine target.
async fn check_target(database: &Path, force: bool) -> Result<(), BackupError> {
    if !database.exists() {
        return Ok(());
    }
    if transfer::sqlite_in_use(database).await? {
        return Err(BackupError::Refused(format!(
            "{} is in use (is `liaison serve` running on it?): stop the server first",
            database.display()
        )));
    }
    if !force {
        let held = transfer::sqlite_rows(database).await?;
        if !held.is_empty() {
            return Err(BackupError::Refused(format!(
                "{} holds data ({}): restoring would replace it; add --force to do so",
                database.display(),
                describe_rows(&held)
            )));
        }
    }
    Ok(())
}

/// Copies a backup's snapshot to `to`, checking its size and SHA-256 against the manifest,
/// then checks the copy as a database and flushes it.
async fn copy_checked(
    from: &Path,
    to: &Path,
    manifest: &Value,
) -> Result<transfer::SqliteFile, BackupError> {
    let database = manifest
        .get("database")
        .ok_or_else(|| damaged_manifest("database"))?;
    let expected = text(database, "sha256")?;
    let (source, copy) = (from.to_path_buf(), to.to_path_buf());
    let (sha256, _) = blocking(move || copy_hashing(&source, &copy)).await?;
    if sha256 != expected {
        return Err(BackupError::Damaged(format!(
            "{} does not match its SHA-256 in manifest.json: the backup is damaged",
            from.display()
        )));
    }
    let info = transfer::check_sqlite_file(to)
        .await
        .map_err(|e| BackupError::Damaged(format!("the backup's database is unusable: {e}")))?;
    let copy = to.to_path_buf();
    blocking(move || {
        File::open(&copy)
            .and_then(|f| f.sync_all())
            .map_err(io_error(copy.display()))
    })
    .await?;
    Ok(info)
}

/// The hashes in order, for a stable report.
fn sorted(hashes: HashSet<String>) -> Vec<String> {
    let mut list: Vec<String> = hashes.into_iter().collect();
    list.sort();
    list
}

/// "users: 3 rows, concerns: 120 rows".
fn describe_rows(held: &[(String, i64)]) -> String {
    held.iter()
        .take(4)
        .map(|(t, n)| format!("{t}: {n} rows"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a database that holds rows in any table a transfer writes.
async fn refuse_non_empty(
    c: &mut liaison_store::Conn,
    tables: &[Table],
) -> Result<(), BackupError> {
    let held = transfer::non_empty(c, tables).await?;
    if held.is_empty() {
        Ok(())
    } else {
        Err(BackupError::Refused(format!(
            "the database is not empty ({}): import only into a new, empty database",
            describe_rows(&held)
        )))
    }
}

/// Writes one table's file into the open transaction, checking every value against the
/// column it goes to; answers the rows written.
async fn load_table(
    tx: &mut liaison_store::Conn,
    backend: Backend,
    dir: &Path,
    table: &Table,
    entry: &Listed,
    loaded: &mut Rows<'_>,
) -> Result<u64, BackupError> {
    let name = format!("tables/{}.jsonl", table.name);
    let path = table_file(dir, &table.name)?;
    let file = File::open(&path).map_err(io_error(path.display()))?;
    // Where each of this database's columns is in the file's rows.
    let positions: Vec<usize> = table
        .columns
        .iter()
        .map(|c| entry.columns.iter().position(|n| *n == c.name))
        .collect::<Option<_>>()
        .ok_or_else(|| BackupError::Damaged(format!("{name}: the columns do not match")))?;
    transfer::clear_seeded(tx, table).await?;
    let mut loader = Loader::new(backend, table);
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line_no = n + 1;
        let at = |why: String| BackupError::Damaged(format!("{name} line {line_no}: {why}"));
        let line = line.map_err(io_error(path.display()))?;
        let values: Vec<Value> =
            serde_json::from_str(&line).map_err(|e| at(format!("not a JSON array: {e}")))?;
        if values.len() != entry.columns.len() {
            return Err(at(format!(
                "{} values for {} columns",
                values.len(),
                entry.columns.len()
            )));
        }
        let mut row = Vec::with_capacity(positions.len());
        for (column, &p) in table.columns.iter().zip(&positions) {
            row.push(
                Cell::from_json(column, &values[p])
                    .map_err(|why| at(format!("column {}: {why}", column.name)))?,
            );
        }
        loader.push(tx, row).await.map_err(|e| {
            BackupError::Damaged(format!(
                "{name}: the database refused the rows up to line {line_no}: {e}"
            ))
        })?;
        loaded.one();
    }
    loader
        .finish(tx)
        .await
        .map_err(|e| BackupError::Damaged(format!("{name}: the database refused a row: {e}")))
}

/// Rows loaded so far of all an import loads, told to its progress now and then.
struct Rows<'a> {
    done: u64,
    total: u64,
    progress: &'a (dyn Fn(Step) + Sync),
}

impl Rows<'_> {
    fn one(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(ROWS_PER_REPORT) || self.done == self.total {
            self.report();
        }
    }

    fn report(&self) {
        (self.progress)(Step::new(Stage::Rows, self.done, self.total));
    }
}

/// A table as the manifest lists it.
#[derive(Debug, Clone)]
struct Listed {
    name: String,
    columns: Vec<String>,
    rows: u64,
    sha256: String,
}

impl Listed {
    /// Checks the table's file is whole: as many lines as rows, the same SHA-256.
    fn verify(&self, dir: &Path) -> Result<(), BackupError> {
        let name = format!("tables/{}.jsonl", self.name);
        let path = table_file(dir, &self.name)?;
        let file = File::open(&path).map_err(|e| {
            BackupError::Damaged(format!(
                "{name} cannot be read ({e}): the export is incomplete"
            ))
        })?;
        let mut reader = BufReader::new(file);
        let (mut hash, mut lines, mut buf) = (Sha256::new(), 0_u64, [0_u8; 64 * 1024]);
        loop {
            let n = reader.read(&mut buf).map_err(io_error(path.display()))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
            lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        }
        if lines != self.rows {
            return Err(BackupError::Damaged(format!(
                "{name} has {lines} rows where manifest.json lists {}: the export is damaged \
                 or truncated; nothing was imported",
                self.rows
            )));
        }
        if hex(&hash.finalize()) != self.sha256 {
            return Err(BackupError::Damaged(format!(
                "{name} does not match its SHA-256 in manifest.json: the export is damaged; \
                 nothing was imported"
            )));
        }
        Ok(())
    }
}

/// The tables a manifest lists.
fn listed_tables(manifest: &Value) -> Result<Vec<Listed>, BackupError> {
    let list = manifest
        .get("tables")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged_manifest("tables"))?;
    list.iter()
        .map(|t| {
            let name = text(t, "name")?;
            safe_name(&name)?;
            let columns = t
                .get("columns")
                .and_then(Value::as_array)
                .and_then(|c| c.iter().map(|v| v.as_str().map(str::to_string)).collect())
                .ok_or_else(|| damaged_manifest("columns"))?;
            Ok(Listed {
                rows: u64::try_from(integer(t, "rows")?).map_err(|_| damaged_manifest("rows"))?,
                sha256: text(t, "sha256")?,
                name,
                columns,
            })
        })
        .collect()
}

fn damaged_manifest(field: &str) -> BackupError {
    BackupError::Damaged(format!(
        "manifest.json lacks a valid \"{field}\": the backup is damaged"
    ))
}

fn integer(v: &Value, field: &str) -> Result<i64, BackupError> {
    v.get(field)
        .and_then(Value::as_i64)
        .ok_or_else(|| damaged_manifest(field))
}

fn text(v: &Value, field: &str) -> Result<String, BackupError> {
    v.get(field)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| damaged_manifest(field))
}

fn strings(v: &Value, field: &str) -> Result<HashSet<String>, BackupError> {
    match v.get(field) {
        None => Ok(HashSet::new()),
        Some(list) => list
            .as_array()
            .and_then(|l| l.iter().map(|s| s.as_str().map(str::to_string)).collect())
            .ok_or_else(|| damaged_manifest(field)),
    }
}

/// Reads and checks a folder's manifest: a known format, the version this build reads.
fn read_manifest(dir: &Path) -> Result<(Format, Value), BackupError> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| {
        BackupError::Damaged(format!(
            "{} cannot be read ({e}): this is not a Liaison backup or export, or it is \
             unfinished",
            path.display()
        ))
    })?;
    let manifest: Value = serde_json::from_slice(&bytes)
        .map_err(|e| BackupError::Damaged(format!("{} is not valid JSON: {e}", path.display())))?;
    let format = match text(&manifest, "format")?.as_str() {
        EXPORT_FORMAT => Format::Export,
        SNAPSHOT_FORMAT => Format::SqliteSnapshot,
        other => {
            return Err(BackupError::Damaged(format!(
                "{} names the format {other:?}, which Liaison does not know",
                path.display()
            )))
        }
    };
    let version = integer(&manifest, "format_version")?;
    if version != FORMAT_VERSION {
        return Err(BackupError::Refused(format!(
            "{} is in format version {version}; this Liaison reads version {FORMAT_VERSION}",
            path.display()
        )));
    }
    Ok((format, manifest))
}

/// Writes the manifest last, durably: to a temporary name, flushed, renamed, folder flushed.
fn write_manifest(dir: &Path, manifest: &Value) -> Result<(), BackupError> {
    let temporary = dir.join(".manifest.json.partial");
    let path = dir.join(MANIFEST);
    let mut text = serde_json::to_string_pretty(manifest)
        .map_err(|e| BackupError::Io {
            context: path.display().to_string(),
            source: io::Error::other(e),
        })?
        .into_bytes();
    text.push(b'\n');
    (|| {
        let mut f = File::create(&temporary)?;
        f.write_all(&text)?;
        f.sync_all()?;
        fs::rename(&temporary, &path)
    })()
    .map_err(io_error(path.display()))?;
    sync_folder(dir)
}

/// Creates `dir` for a new backup; an existing one must be empty, so nothing is mixed or
/// overwritten.
fn new_folder(dir: &Path) -> Result<(), BackupError> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BackupError::Refused(format!(
                    "{} already exists and is not empty: choose a new folder",
                    dir.display()
                )));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(io_error(dir.display()))?;
        }
        Err(e) => return Err(io_error(dir.display())(e)),
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_folder(parent)?;
    }
    Ok(())
}

/// A folder of its own under the system's temporary folder.
fn scratch_folder() -> Result<PathBuf, BackupError> {
    let dir = std::env::temp_dir().join(format!(
        "liaison-restore-{}-{}",
        std::process::id(),
        hex(&crate::secrets::random_bytes::<6>())
    ));
    fs::create_dir_all(&dir).map_err(io_error(dir.display()))?;
    Ok(dir)
}

/// A table's file. Names come from a database or a manifest; only plain ones make paths.
fn table_file(dir: &Path, table: &str) -> Result<PathBuf, BackupError> {
    safe_name(table)?;
    Ok(dir.join("tables").join(format!("{table}.jsonl")))
}

fn safe_name(name: &str) -> Result<(), BackupError> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        Ok(())
    } else {
        Err(BackupError::Damaged(format!(
            "the table name {name:?} is not a plain name (a-z, 0-9, _)"
        )))
    }
}

/// `ab/cd/abcd…`: where a file lives under a files folder.
fn file_path(hash: &str) -> String {
    match (hash.get(..2), hash.get(2..4)) {
        (Some(a), Some(b)) => format!("{a}/{b}/{hash}"),
        _ => hash.to_string(),
    }
}

/// Flushes a folder's entries to disk.
fn sync_folder(dir: &Path) -> Result<(), BackupError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_error(dir.display()))
}

/// Runs file work on a blocking thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, BackupError> + Send + 'static,
) -> Result<T, BackupError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| BackupError::Io {
            context: "file copy".into(),
            source: io::Error::other(e),
        })?
}

/// Files copied from one files folder to another.
struct Copied {
    count: u64,
    bytes: u64,
    /// Wanted but absent, or whose content no longer matches its name.
    missing: Vec<String>,
}

/// Copies the files named by `hashes`, each checked against its SHA-256 and written
/// durably ([`files::keep`]); the absent and the damaged are listed, not copied. The work
/// runs on blocking threads a few files at a time, telling `progress` between them.
async fn copy_files(
    from: &Path,
    to: &Path,
    hashes: &[String],
    progress: &(dyn Fn(Step) + Sync),
) -> Result<Copied, BackupError> {
    let mut copied = Copied {
        count: 0,
        bytes: 0,
        missing: Vec::new(),
    };
    let all = hashes.len() as u64;
    progress(Step::new(Stage::Files, 0, all));
    let mut done = 0;
    for some in hashes.chunks(FILES_PER_REPORT) {
        done += some.len() as u64;
        let (f, t, some) = (from.to_path_buf(), to.to_path_buf(), some.to_vec());
        let part = blocking(move || copy_some(&f, &t, &some)).await?;
        copied.count += part.count;
        copied.bytes += part.bytes;
        copied.missing.extend(part.missing);
        progress(Step::new(Stage::Files, done, all));
    }
    Ok(copied)
}

/// Copies some of the files of [`copy_files`], on a blocking thread.
fn copy_some(from: &Path, to: &Path, hashes: &[String]) -> Result<Copied, BackupError> {
    let mut copied = Copied {
        count: 0,
        bytes: 0,
        missing: Vec::new(),
    };
    for hash in hashes {
        let Some(source) = files::path(from, hash) else {
            copied.missing.push(hash.clone());
            continue;
        };
        match fs::read(&source) {
            Ok(bytes) if files::hash(&bytes) == *hash => {
                files::keep(to, hash, &bytes).map_err(io_error(to.display()))?;
                copied.count += 1;
                copied.bytes += bytes.len() as u64;
            }
            Ok(_) => copied.missing.push(hash.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => copied.missing.push(hash.clone()),
            Err(e) => return Err(io_error(source.display())(e)),
        }
    }
    Ok(copied)
}

/// SHA-256 and size of a file, flushing it to disk first when asked.
fn hash_file(path: &Path, sync: bool) -> Result<(String, u64), BackupError> {
    let mut file = File::open(path).map_err(io_error(path.display()))?;
    if sync {
        file.sync_all().map_err(io_error(path.display()))?;
    }
    let mut hash = Sha256::new();
    let bytes = io::copy(&mut file, &mut hash).map_err(io_error(path.display()))?;
    Ok((hex(&hash.finalize()), bytes))
}

/// Copies `from` to a new file `to`, flushed, answering the SHA-256 of what was written.
fn copy_hashing(from: &Path, to: &Path) -> Result<(String, u64), BackupError> {
    let mut source = File::open(from).map_err(|e| {
        BackupError::Damaged(format!(
            "{} cannot be read ({e}): the backup is incomplete",
            from.display()
        ))
    })?;
    let mut out = HashingWriter::create(to)?;
    io::copy(&mut source, &mut out).map_err(io_error(to.display()))?;
    out.finish()
}

/// A new file that hashes what is written to it.
struct HashingWriter {
    path: PathBuf,
    out: BufWriter<File>,
    hash: Sha256,
    bytes: u64,
}

impl HashingWriter {
    fn create(path: &Path) -> Result<Self, BackupError> {
        let file = File::create_new(path).map_err(io_error(path.display()))?;
        Ok(Self {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(256 * 1024, file),
            hash: Sha256::new(),
            bytes: 0,
        })
    }

    /// Writes one row as a line: a JSON array of its values.
    fn row(&mut self, table: &Table, row: &[Cell]) -> Result<(), BackupError> {
        let mut values = Vec::with_capacity(row.len());
        for (cell, column) in row.iter().zip(&table.columns) {
            values.push(cell.to_json().ok_or_else(|| {
                BackupError::Transfer(TransferError::Unsupported(format!(
                    "column {}.{} holds a number JSON cannot write (infinite or not a number)",
                    table.name, column.name
                )))
            })?);
        }
        let mut line = serde_json::to_vec(&Value::Array(values)).map_err(|e| BackupError::Io {
            context: self.path.display().to_string(),
            source: io::Error::other(e),
        })?;
        line.push(b'\n');
        self.write_all(&line).map_err(io_error(self.path.display()))
    }

    /// Flushes the file to disk; answers its SHA-256 and size.
    fn finish(mut self) -> Result<(String, u64), BackupError> {
        self.out.flush().map_err(io_error(self.path.display()))?;
        self.out
            .get_ref()
            .sync_all()
            .map_err(io_error(self.path.display()))?;
        Ok((hex(&self.hash.finalize()), self.bytes))
    }
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_table_names_make_paths() {
        assert!(safe_name("concern_events").is_ok());
        for bad in ["", "../etc", "a/b", "Users", "x y", &"a".repeat(64)] {
            assert!(safe_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(file_path("abcdef"), "ab/cd/abcdef");
        assert_eq!(file_path("a"), "a");
    }

    #[test]
    fn a_manifest_must_name_a_known_format_and_version() {
        let dir = std::env::temp_dir().join(format!(
            "liaison-manifest-{}",
            hex(&crate::secrets::random_bytes::<6>())
        ));
        fs::create_dir_all(&dir).expect("folder");
        let err = format_of(&dir).expect_err("no manifest");
        assert!(err.to_string().contains("not a Liaison backup"), "{err}");
        fs::write(dir.join(MANIFEST), "{\"format\": \"zip\"}").expect("write");
        let err = format_of(&dir).expect_err("unknown format");
        assert!(err.to_string().contains("\"zip\""), "{err}");
        let manifest = json!({"format": EXPORT_FORMAT, "format_version": 9});
        fs::write(dir.join(MANIFEST), manifest.to_string()).expect("write");
        let err = format_of(&dir).expect_err("future version");
        assert!(err.to_string().contains("format version 9"), "{err}");
        let manifest = json!({"format": SNAPSHOT_FORMAT, "format_version": FORMAT_VERSION});
        fs::write(dir.join(MANIFEST), manifest.to_string()).expect("write");
        assert_eq!(format_of(&dir).expect("known"), Format::SqliteSnapshot);
        let _ = fs::remove_dir_all(&dir);
    }
}
