//! `liaison backup`, `restore`, `export` and `import`: copying an office while it runs,
//! bringing it back, and moving it between SQLite and PostgreSQL.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use liaison_app::backup::{self, BackupError, Format, RestoreTarget, Summary};

use crate::progress::Bar;
use crate::refusals::{os_reason, quoted, refused, tr};

/// The commands that copy an office or bring one back.
#[derive(Subcommand)]
pub enum BackupCommand {
    /// Copy the office while the server runs into a new folder: on SQLite a snapshot of the
    /// database, integrity checked, with the attachments' files; on PostgreSQL Liaison's
    /// portable export (pg_dump is the native alternative).
    Backup {
        /// The folder to create (it must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Bring a backup back. A SQLite backup replaces the SQLite database file (stop the
    /// server first); an export, or a SQLite backup restored into PostgreSQL, is imported
    /// into an empty database.
    Restore {
        /// The backup folder.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// Replace a SQLite database that holds data.
        #[arg(long)]
        force: bool,
    },
    /// Write the whole office, with the attachments' files, into a new folder in Liaison's
    /// portable format, read from one consistent snapshot while the server runs.
    Export {
        /// The folder to create (it must not exist, or be empty).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Load an exported office into an empty database (SQLite or PostgreSQL), in one
    /// transaction: on any error nothing is imported.
    Import {
        /// The export folder.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
    },
}

/// Runs one of the commands. It opens the database itself: a restore must find the
/// SQLite file closed.
pub async fn run(cli: &super::Cli, command: &BackupCommand) -> Result<(), String> {
    // The folders are checked before the database is opened: a wrong one is said at once.
    match command {
        BackupCommand::Backup { to } | BackupCommand::Export { to } => new_folder(to)?,
        BackupCommand::Restore { from, .. } | BackupCommand::Import { from } => {
            written_folder(from)?
        }
    }
    let bar = Bar::new();
    let hear = |step| bar.backup(step);
    match command {
        BackupCommand::Backup { to } => {
            let (app, _) = super::open(cli).await?;
            let s = app
                .backups()
                .with_progress(&hear)
                .backup(to)
                .await
                .map_err(|e| failed(e, Some(to)))?;
            bar.clear();
            let how = match s.format {
                Format::SqliteSnapshot => "a SQLite snapshot, integrity checked",
                Format::Export => "Liaison's portable export (pg_dump is the native alternative)",
            };
            report("Backed up", &s, "to", to, how);
        }
        BackupCommand::Restore { from, force } => restore(cli, from, *force, &bar).await?,
        BackupCommand::Export { to } => {
            let (app, _) = super::open(cli).await?;
            let s = app
                .backups()
                .with_progress(&hear)
                .export(to)
                .await
                .map_err(|e| failed(e, Some(to)))?;
            bar.clear();
            report("Exported", &s, "to", to, "one consistent snapshot");
        }
        BackupCommand::Import { from } => {
            let (app, _) = super::open(cli).await?;
            let s = app
                .backups()
                .with_progress(&hear)
                .import(from)
                .await
                .map_err(|e| failed(e, None))?;
            bar.clear();
            report("Imported", &s, "from", from, "in one transaction");
        }
    }
    Ok(())
}

async fn restore(cli: &super::Cli, from: &Path, force: bool, bar: &Bar) -> Result<(), String> {
    let hear = |step| bar.backup(step);
    let format = backup::format_of(from).map_err(|e| failed(e, None))?;
    let url = super::database_url(cli)?;
    let s = match (format, sqlite_file(&url)) {
        (Format::SqliteSnapshot, Some(database)) => {
            let target = RestoreTarget {
                database,
                files: cli
                    .files_dir
                    .clone()
                    .unwrap_or_else(|| cli.data_dir.join("files")),
                force,
            };
            backup::restore_snapshot_with_progress(from, &target, &hear)
                .await
                .map_err(|e| failed(e, None))?
        }
        (Format::SqliteSnapshot, None) => {
            let (app, _) = super::open(cli).await?;
            app.backups()
                .with_progress(&hear)
                .import_snapshot(from)
                .await
                .map_err(|e| failed(e, None))?
        }
        (Format::Export, _) => {
            if force {
                return Err(
                    "--force replaces a SQLite database with a SQLite backup; an export \
                            is only imported into an empty database"
                        .into(),
                );
            }
            let (app, _) = super::open(cli).await?;
            app.backups()
                .with_progress(&hear)
                .import(from)
                .await
                .map_err(|e| failed(e, None))?
        }
    };
    bar.clear();
    report(
        "Restored",
        &s,
        "from",
        from,
        "the database is ready to serve",
    );
    Ok(())
}

/// A folder to write a backup or an export into must be new, or empty.
fn new_folder(to: &Path) -> Result<(), String> {
    let why = match std::fs::metadata(to) {
        Ok(m) if !m.is_dir() => "cli-to-file",
        Ok(_) if std::fs::read_dir(to).is_ok_and(|mut d| d.next().is_some()) => "cli-to-not-empty",
        // Made by the backup; what goes wrong there is said then.
        _ => return Ok(()),
    };
    Err(refused(&quoted("--to", to.display()), &tr().t(why)))
}

/// A folder to restore or import from must be one a backup or an export wrote.
fn written_folder(from: &Path) -> Result<(), String> {
    let why = match std::fs::metadata(from) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            tr().t1("cli-from-missing", "reason", os_reason(&e))
        }
        Err(e) => tr().t1("cli-from-unreadable", "reason", os_reason(&e)),
        Ok(m) if !m.is_dir() => tr().t("cli-from-file"),
        Ok(_) if !from.join("manifest.json").exists() => tr().t("cli-from-no-manifest"),
        Ok(_) => return Ok(()),
    };
    Err(refused(&quoted("--from", from.display()), &why))
}

/// A failed backup, restore, export or import in words; the folder `to` named as the
/// option when it could not be made.
fn failed(e: BackupError, to: Option<&Path>) -> String {
    match e {
        BackupError::Io { context, source } => match to {
            Some(to) if context == to.display().to_string() => refused(
                &quoted("--to", to.display()),
                &tr().t1("cli-folder-unwritable", "reason", os_reason(&source)),
            ),
            _ => format!("{context}: {}", os_reason(&source)),
        },
        other => other.to_string(),
    }
}

/// The file of a `sqlite://` URL (none for PostgreSQL or an in-memory database).
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Prints what was carried, and warns about files that could not be.
fn report(done: &str, s: &Summary, word: &str, dir: &Path, how: &str) {
    println!(
        "{done} {} rows in {} tables and {} attachment files ({}) {word} {}: {how} \
         (schema version {}).",
        s.rows(),
        s.tables.len(),
        s.files,
        size(s.file_bytes),
        dir.display(),
        s.schema_version
    );
    if !s.missing_files.is_empty() {
        eprintln!(
            "warning: {} attachment files were missing or damaged in the files folder when \
             the copy was made, so they are not in it (listed in manifest.json):",
            s.missing_files.len()
        );
        for h in s.missing_files.iter().take(10) {
            eprintln!("  {h}");
        }
    }
}

/// A size for people: bytes, KiB or MiB.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://data/liaison.db?mode=rwc"),
            Some(PathBuf::from("data/liaison.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/var/lib/liaison.db"),
            Some(PathBuf::from("/var/lib/liaison.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://db/liaison"), None);
        assert_eq!(size(512), "512 B");
        assert_eq!(size(2048), "2.0 KiB");
    }
}
