//! Backups, restores, exports and imports on real databases and real files: a demo office
//! with attachments is copied while it is written to, moved from SQLite to PostgreSQL and
//! back, and every table is compared row by row.
//!
//! PostgreSQL tests read `LIAISON_TEST_DATABASE_URL` (a database the tests may use to create
//! and drop their own); without it they print a notice and pass without running.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use liaison_app::accounts::NewUser;
use liaison_app::attachments::Upload;
use liaison_app::backup::{self, BackupError, Format, RestoreTarget, Stage, Step};
use liaison_app::concerns::{AttachFiles, MarkDuplicate, RecordConcern};
use liaison_app::office::SaveCategory;
use liaison_app::{App, Settings};
use liaison_domain::records::RecordKind;
use liaison_domain::Sight;
use liaison_store::sqlx::{self, Executor};
use liaison_store::transfer::{self, Cell, Pages};
use liaison_store::users::User;
use liaison_store::{Backend, Store};
use liaison_testkit::{blank_database, Cleanup, Db, Scratch};
use serde_json::Value;

/// An office on a fresh, migrated database, with its own files folder.
struct Office {
    app: App,
    /// The database behind `app`, for looking into it.
    store: Store,
    files: PathBuf,
    /// The SQLite file.
    sqlite: Option<PathBuf>,
    /// What removes its database, after the store is closed.
    cleanup: Option<Cleanup>,
    _scratch: Scratch,
}

impl Office {
    /// `None` on PostgreSQL when no server is configured.
    async fn fresh(db: Db) -> Option<Self> {
        let scratch = Scratch::new("office");
        let (url, cleanup) = blank_database(db).await?;
        let sqlite = url.strip_prefix("sqlite://").map(PathBuf::from);
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let files = scratch.join("files");
        let settings = Settings {
            files: files.clone(),
            ..Settings::default()
        };
        Some(Self {
            app: App::new(store.clone(), settings),
            store,
            files,
            sqlite,
            cleanup: Some(cleanup),
            _scratch: scratch,
        })
    }

    /// This office over a copy of an existing SQLite file (a restored one).
    async fn open_sqlite(file: &Path, files: &Path, scratch: Scratch) -> Self {
        let store = Store::connect(&format!("sqlite://{}", file.display()))
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        let settings = Settings {
            files: files.to_path_buf(),
            ..Settings::default()
        };
        Self {
            app: App::new(store.clone(), settings),
            store,
            files: files.to_path_buf(),
            sqlite: Some(file.to_path_buf()),
            cleanup: None,
            _scratch: scratch,
        }
    }

    fn backend(&self) -> Backend {
        self.store.backend()
    }

    async fn close(self) {
        self.store.close().await;
        drop(self.cleanup);
    }
}

/// The first administrator.
async fn admin(office: &Office) -> User {
    let mut c = office.store.read().await.expect("read");
    liaison_store::users::list(&mut c)
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.role.as_str() == "administrator")
        .expect("an administrator")
}

/// A realistic office: the demo generator's, plus concerns with PDF documents and a photo,
/// and an older concern marked a duplicate of a newer one (a reference forward in id
/// order, which an import must set after the row it names exists).
async fn load(office: &Office, concerns: u64) {
    let app = &office.app;
    liaison_demo::load(&office.store, concerns, 7)
        .await
        .expect("demo office");
    let admin = admin(office).await;
    let category = app
        .office()
        .add_category(
            &admin,
            &SaveCategory {
                name: "Meeting minutes".into(),
                ack_amount: "8".into(),
                ack_unit: "working_hours".into(),
                resolve_amount: "10".into(),
                resolve_unit: "calendar_days".into(),
                default_priority: "normal".into(),
                active: true.into(),
                ..SaveCategory::default()
            },
        )
        .await
        .expect("category")
        .to_string();
    let mut newest = None;
    for n in 0..3 {
        let pdf = Upload {
            file_name: format!("minutes-{n}.pdf"),
            content_type: "application/pdf".into(),
            bytes: format!("%PDF-1.4\n% minutes of meeting {n}\n%%EOF\n").into_bytes(),
        };
        let receipt = app
            .concerns()
            .record_with(&admin, &concern_input(&category, n), &[pdf])
            .await
            .expect("concern with a document");
        newest = Some(receipt.reference);
    }
    let photo = Upload {
        file_name: "site.png".into(),
        content_type: "image/png".into(),
        bytes: include_bytes!("../../web/tests/fixtures/photo.png").to_vec(),
    };
    app.concerns()
        .attach(
            &admin,
            1,
            &AttachFiles {
                public: true.into(),
            },
            &[photo],
        )
        .await
        .expect("photo on the first concern");
    let newest = newest.expect("a reference");
    app.concerns()
        .mark_duplicate(
            &admin,
            2,
            &MarkDuplicate {
                of: newest.as_str().into(),
            },
        )
        .await
        .expect("duplicate of a newer concern");
}

fn concern_input(category: &str, n: usize) -> RecordConcern {
    let description = format!("Minutes of community meeting {n}: dust from the haul road");
    RecordConcern {
        category: category.into(),
        description: description.into(),
        channel: "meeting".into(),
        priority: "normal".into(),
        confidentiality: "restricted".into(),
        reporter_name: "Thandi Mokoena".into(),
        reporter_email: "thandi@example.org".into(),
        reporter_language: "en".into(),
        address: "12 Haul Road".into(),
        ..RecordConcern::default()
    }
}

/// Every table, every row, read from one snapshot.
async fn dump(store: &Store) -> BTreeMap<String, Vec<Vec<Cell>>> {
    let backend = store.backend();
    let mut conn = store.read().await.expect("read");
    let mut tx = transfer::snapshot(&mut conn, backend)
        .await
        .expect("snapshot");
    let tables = transfer::tables(&mut tx, backend).await.expect("tables");
    let mut out = BTreeMap::new();
    for t in &tables {
        let mut pages = Pages::new(backend, t);
        let mut rows = Vec::new();
        loop {
            let page = pages.next(&mut tx).await.expect("page");
            if page.is_empty() {
                break;
            }
            rows.extend(page);
        }
        out.insert(t.name.clone(), rows);
    }
    out
}

/// The search index as what it holds and finds: the concerns it indexes, and the concerns
/// a few searches find (its shards keep no text to compare).
async fn search_index(store: &Store) -> (Vec<i64>, Vec<Vec<i64>>) {
    let backend = store.backend();
    let mut c = store.read().await.expect("read");
    let ids = liaison_store::search::indexed(&mut c, backend, RecordKind::Concern)
        .await
        .expect("index");
    let mut found = Vec::new();
    for words in [
        "haul road",
        "dust",
        "mokoena",
        "minutes meeting",
        "a",
        "zzz",
    ] {
        let filter = liaison_store::concerns::QueueFilter {
            search: liaison_store::search::terms(words),
            limit: 10_000,
            ..Default::default()
        };
        let (rows, _) = liaison_store::concerns::queue(&mut c, backend, Sight::Everything, &filter)
            .await
            .expect("search");
        found.push(rows.iter().map(|r| r.id).collect());
    }
    (ids, found)
}

/// Asserts the audit trail's hash chain verifies over every entry.
async fn assert_trail_verifies(office: &Office) {
    let check = office
        .app
        .audit_trail()
        .verify(None, None)
        .await
        .expect("verify");
    assert!(check.broken.is_none(), "audit chain broken: {check:?}");
    let mut c = office.store.read().await.expect("read");
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_entries")
        .fetch_one(&mut *c)
        .await
        .expect("count");
    assert!(entries > 0);
    assert_eq!(check.checked, entries as u64, "{check:?}");
}

/// Compares two exports table by table, row by row, and their files byte for byte.
fn assert_same_export(a: &Path, b: &Path) {
    let manifest = |dir: &Path| -> Value {
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest"))
            .expect("json")
    };
    let (ma, mb) = (manifest(a), manifest(b));
    assert_eq!(ma["schema_version"], mb["schema_version"]);
    let tables = |m: &Value| -> Vec<(String, Value)> {
        m["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .map(|t| (t["name"].as_str().expect("name").to_string(), t.clone()))
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .collect()
    };
    let (ta, tb) = (tables(&ma), tables(&mb));
    let names = |t: &[(String, Value)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ta), names(&tb), "the same tables");
    let mut compared = 0;
    for ((name, ea), (_, eb)) in ta.iter().zip(&tb) {
        assert_eq!(ea["columns"], eb["columns"], "{name}: columns");
        assert_eq!(ea["rows"], eb["rows"], "{name}: row counts");
        let read = |dir: &Path| {
            std::fs::read_to_string(dir.join("tables").join(format!("{name}.jsonl")))
                .expect("table file")
        };
        let (ra, rb) = (read(a), read(b));
        let (la, lb): (Vec<&str>, Vec<&str>) = (ra.lines().collect(), rb.lines().collect());
        assert_eq!(
            la.len() as u64,
            ea["rows"].as_u64().expect("rows"),
            "{name}"
        );
        for (n, (x, y)) in la.iter().zip(&lb).enumerate() {
            assert_eq!(x, y, "{name}, row {}", n + 1);
        }
        assert_eq!(la.len(), lb.len(), "{name}");
        assert_eq!(ea["sha256"], eb["sha256"], "{name}: checksums");
        compared += la.len();
    }
    assert!(compared > 500, "only {compared} rows compared");
    assert_eq!(files_in(&a.join("files")), files_in(&b.join("files")));
    assert_eq!(ma["files"], mb["files"]);
}

/// Every file under a folder, by relative path, with its bytes.
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("inside").display().to_string();
                out.insert(rel, std::fs::read(&p).expect("file"));
            }
        }
    }
    out
}

fn step(stage: Stage, done: u64, total: u64) -> Step {
    Step { stage, done, total }
}

/// An office made on `from`, exported, imported into `to`, exported again and compared
/// row by row; then brought back into a new office on `from` and compared again, search
/// index included. The audit chain verifies after every move.
async fn round_trip(from: Db, to: Db) {
    let Some(source) = Office::fresh(from).await else {
        return;
    };
    let Some(target) = Office::fresh(to).await else {
        return source.close().await;
    };
    load(&source, 120).await;
    let scratch = Scratch::new("round-trip");
    let (first, second, third) = (
        scratch.join("first"),
        scratch.join("second"),
        scratch.join("third"),
    );
    let heard = std::sync::Mutex::new(Vec::new());
    let hear = |s: Step| heard.lock().expect("steps").push(s);
    let exported = (source.app.backups().with_progress(&hear))
        .export(&first)
        .await
        .expect("export");
    assert_eq!(exported.format, Format::Export);
    assert_eq!(exported.files, 4, "three documents and a photo");
    assert!(exported.missing_files.is_empty());
    let tables = exported.tables.len() as u64;
    let steps = std::mem::take(&mut *heard.lock().expect("steps"));
    assert_eq!(steps.first(), Some(&step(Stage::Tables, 0, tables)));
    assert!(steps.contains(&step(Stage::Tables, tables, tables)));
    assert_eq!(steps.last(), Some(&step(Stage::Files, 4, 4)));

    let imported = (target.app.backups().with_progress(&hear))
        .import(&first)
        .await
        .expect("import");
    assert_eq!(imported.rows(), exported.rows());
    assert_eq!(imported.files, 4);
    // Progress only moves forward within a stage, and each stage ends whole.
    let steps = std::mem::take(&mut *heard.lock().expect("steps"));
    assert!(steps.contains(&step(Stage::Checking, tables, tables)));
    let rows = imported.rows();
    assert!(steps.contains(&step(Stage::Rows, rows, rows)), "{steps:?}");
    assert!(steps
        .windows(2)
        .all(|w| w[0].stage != w[1].stage || w[0].done <= w[1].done));
    assert_eq!(steps.last(), Some(&step(Stage::Files, 4, 4)));
    assert_trail_verifies(&target).await;
    target
        .app
        .backups()
        .export(&second)
        .await
        .expect("export again");
    assert_same_export(&first, &second);

    // New rows get new ids after the imported ones (PostgreSQL's sequences were moved).
    let chief = admin(&target).await;
    let categories: Vec<i64> = {
        let mut c = target.store.read().await.expect("read");
        sqlx::query_scalar("SELECT id FROM categories WHERE name = 'Meeting minutes'")
            .fetch_all(&mut *c)
            .await
            .expect("category")
    };
    let receipt = target
        .app
        .concerns()
        .record(&chief, &concern_input(&categories[0].to_string(), 9))
        .await
        .expect("a new concern after the import");
    assert!(receipt.id > 123, "{}", receipt.id);
    assert_trail_verifies(&target).await;

    let Some(back) = Office::fresh(from).await else {
        unreachable!("the source backend is available")
    };
    back.app
        .backups()
        .import(&second)
        .await
        .expect("import back");
    back.app
        .backups()
        .export(&third)
        .await
        .expect("export back");
    assert_same_export(&first, &third);
    assert_eq!(dump(&back.store).await, dump(&source.store).await);
    assert_eq!(
        search_index(&back.store).await,
        search_index(&source.store).await,
        "the rebuilt search index matches the one kept up to date"
    );
    assert_trail_verifies(&back).await;
    assert_eq!(files_in(&back.files), files_in(&source.files));
    // Search finds the same concerns through the rebuilt index.
    let queue = |app: App, admin: User| async move {
        let filter = liaison_store::concerns::QueueFilter {
            search: liaison_store::search::terms("haul road"),
            limit: 500,
            now: liaison_store::now(),
            ..Default::default()
        };
        app.concerns()
            .queue(&admin, &filter)
            .await
            .expect("search")
            .0
            .len()
    };
    let found = queue(back.app.clone(), admin(&back).await).await;
    assert!(found >= 3, "{found}");
    assert_eq!(found, queue(source.app.clone(), admin(&source).await).await);
    for o in [source, target, back] {
        o.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_sqlite_round_trip() {
    round_trip(Db::Sqlite, Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_postgres_round_trip() {
    round_trip(Db::Sqlite, Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_to_sqlite_round_trip() {
    round_trip(Db::Postgres, Db::Sqlite).await;
}

/// Records concerns one after another until told to stop; answers how many.
fn keep_writing(
    app: App,
    store: Store,
    admin: User,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let category = {
            let mut c = store.read().await.expect("read");
            let id: i64 =
                sqlx::query_scalar("SELECT id FROM categories WHERE name = 'Meeting minutes'")
                    .fetch_one(&mut *c)
                    .await
                    .expect("category");
            id.to_string()
        };
        let mut n = 0;
        while !stop.load(Ordering::SeqCst) {
            app.concerns()
                .record(&admin, &concern_input(&category, 100 + n))
                .await
                .expect("write during the backup");
            n += 1;
        }
        n
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_while_writing_restores_every_record() {
    let office = Office::fresh(Db::Sqlite).await.expect("sqlite");
    load(&office, 300).await;
    let stop = Arc::new(AtomicBool::new(false));
    let writer = keep_writing(
        office.app.clone(),
        office.store.clone(),
        admin(&office).await,
        stop.clone(),
    );
    let count = |store: Store| async move {
        let mut c = store.read().await.expect("read");
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("count")
    };
    let start = count(office.store.clone()).await;
    while count(office.store.clone()).await < start + 5 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let scratch = Scratch::new("during-writes");
    let dir = scratch.join("backup");
    let summary = office.app.backups().backup(&dir).await.expect("backup");
    let during = count(office.store.clone()).await;
    while count(office.store.clone()).await < during + 5 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    stop.store(true, Ordering::SeqCst);
    let written = writer.await.expect("writer");
    assert!(written >= 10, "{written}");
    assert_eq!(summary.format, Format::SqliteSnapshot);
    assert_eq!(summary.files, 4);
    let backed_up = summary
        .tables
        .iter()
        .find(|(t, _)| t == "concerns")
        .map(|(_, n)| *n as i64)
        .expect("concerns");
    assert!(backed_up > start && backed_up < count(office.store.clone()).await);

    // Restored into a new data folder, which is then opened as a server would.
    let restored = Scratch::new("restored");
    let target = RestoreTarget {
        database: restored.join("data/liaison.db"),
        files: restored.join("data/files"),
        force: false,
    };
    let done = backup::restore_snapshot(&dir, &target)
        .await
        .expect("restore");
    assert_eq!(done.rows(), summary.rows());
    let copy = Office::open_sqlite(&target.database, &target.files, restored).await;
    assert_trail_verifies(&copy).await;

    // Every restored record is the source's record, field by field; the source only has
    // more of them (written after the snapshot), except for the two rows moved on by each
    // new concern: the reference counter and the audit trail's head.
    let (source, snapshot) = (dump(&office.store).await, dump(&copy.store).await);
    assert_eq!(
        source.keys().collect::<Vec<_>>(),
        snapshot.keys().collect::<Vec<_>>()
    );
    let mut compared = 0;
    for (table, rows) in &snapshot {
        if table == "reference_counters" || table == "audit_head" {
            continue;
        }
        let all = &source[table];
        assert!(rows.len() <= all.len(), "{table}");
        assert_eq!(
            rows[..],
            all[..rows.len()],
            "{table}: a prefix of the source"
        );
        compared += rows.len();
    }
    assert!(compared > 1500, "{compared}");
    // The snapshot is one moment: the counter names the last concern in it, every concern
    // is indexed, and the audit head is the last entry.
    let mut c = copy.store.read().await.expect("read");
    let (max_reference, last): (String, i64) = sqlx::query_as(
        "SELECT (SELECT MAX(reference) FROM concerns), (SELECT MAX(last) FROM reference_counters)",
    )
    .fetch_one(&mut *c)
    .await
    .expect("counters");
    assert!(
        max_reference.ends_with(&format!("{last:05}")),
        "{max_reference} {last}"
    );
    let concerns: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
        .fetch_one(&mut *c)
        .await
        .expect("concerns");
    let indexed = liaison_store::search::indexed(&mut c, copy.store.backend(), RecordKind::Concern)
        .await
        .expect("index")
        .len() as i64;
    assert_eq!((concerns, indexed), (backed_up, backed_up));
    drop(c);
    assert_eq!(files_in(&copy.files), files_in(&office.files));
    copy.close().await;
    office.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_a_database_in_use_or_holding_data() {
    let office = Office::fresh(Db::Sqlite).await.expect("sqlite");
    load(&office, 40).await;
    let scratch = Scratch::new("refusals");
    let dir = scratch.join("backup");
    office.app.backups().backup(&dir).await.expect("backup");
    // The running office's own database is in use.
    let live = RestoreTarget {
        database: office.sqlite.clone().expect("file"),
        files: office.files.clone(),
        force: true,
    };
    let err = backup::restore_snapshot(&dir, &live)
        .await
        .expect_err("in use");
    assert!(matches!(err, BackupError::Refused(_)), "{err}");
    assert!(err.to_string().contains("in use"), "{err}");

    // A stopped office holding data is replaced only with --force.
    let other = Office::fresh(Db::Sqlite).await.expect("sqlite");
    let admin = NewUser {
        email: "someone@office.example".into(),
        name: "Someone".into(),
        role: "administrator".into(),
        password: "a long enough password".into(),
    };
    other.app.accounts().add(None, &admin).await.expect("user");
    let file = other.sqlite.clone().expect("file");
    other.store.close().await;
    let mut target = RestoreTarget {
        database: file.clone(),
        files: scratch.join("files"),
        force: false,
    };
    let err = backup::restore_snapshot(&dir, &target)
        .await
        .expect_err("holds data");
    assert!(err.to_string().contains("--force"), "{err}");
    assert!(err.to_string().contains("users: 1 rows"), "{err}");
    target.force = true;
    backup::restore_snapshot(&dir, &target)
        .await
        .expect("forced");
    let restored = Office::open_sqlite(&file, &target.files, Scratch::new("forced")).await;
    assert_eq!(dump(&restored.store).await, dump(&office.store).await);

    // A damaged snapshot is refused before anything is replaced.
    let db = dir.join("liaison.db");
    let mut bytes = std::fs::read(&db).expect("snapshot");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&db, &bytes).expect("damage");
    restored.store.close().await;
    let err = backup::restore_snapshot(&dir, &target)
        .await
        .expect_err("damaged");
    assert!(matches!(err, BackupError::Damaged(_)), "{err}");
    assert!(err.to_string().contains("SHA-256"), "{err}");
    let reopened = Office::open_sqlite(&file, &target.files, Scratch::new("kept")).await;
    assert_eq!(dump(&reopened.store).await, dump(&office.store).await);
    for o in [office, other, reopened] {
        o.close().await;
    }
    drop(restored);
}

/// True when every table a transfer writes is empty.
async fn is_empty(office: &Office) -> bool {
    let mut c = office.store.read().await.expect("read");
    let tables = transfer::tables(&mut c, office.backend())
        .await
        .expect("tables");
    transfer::non_empty(&mut c, &tables)
        .await
        .expect("count")
        .is_empty()
}

async fn refusals(to: Db) {
    let Some(source) = Office::fresh(Db::Sqlite).await else {
        return;
    };
    let Some(target) = Office::fresh(to).await else {
        return source.close().await;
    };
    load(&source, 30).await;
    let scratch = Scratch::new("damaged");
    let good = scratch.join("good");
    source.app.backups().export(&good).await.expect("export");
    assert!(
        is_empty(&target).await,
        "a freshly migrated database is empty"
    );

    // A changed byte: the checksum no longer matches.
    let changed = copy_dir(&good, &scratch.join("changed"));
    let file = changed.join("tables/concerns.jsonl");
    let text = std::fs::read_to_string(&file).expect("table");
    std::fs::write(&file, text.replacen("haul road", "haul_road", 1)).expect("change");
    let err = target
        .app
        .backups()
        .import(&changed)
        .await
        .expect_err("changed");
    assert!(
        err.to_string()
            .contains("tables/concerns.jsonl does not match its SHA-256"),
        "{err}"
    );
    assert!(is_empty(&target).await);

    // A truncated file: fewer rows than the manifest lists.
    let truncated = copy_dir(&good, &scratch.join("truncated"));
    let file = truncated.join("tables/timeline_lines.jsonl");
    let text = std::fs::read_to_string(&file).expect("table");
    let half: String = text
        .lines()
        .take(text.lines().count() / 2)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, half).expect("truncate");
    let err = target
        .app
        .backups()
        .import(&truncated)
        .await
        .expect_err("truncated");
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(is_empty(&target).await);

    // A wrong value whose checksum was "fixed" in the manifest: found while loading, with
    // its line, after earlier tables were written, and the transaction leaves nothing.
    let forged = copy_dir(&good, &scratch.join("forged"));
    let file = forged.join("tables/timeline_lines.jsonl");
    let text = std::fs::read_to_string(&file).expect("table");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut row: Vec<Value> = serde_json::from_str(&lines[4]).expect("row");
    row[0] = Value::String("five".into());
    lines[4] = serde_json::to_string(&row).expect("json");
    let text = lines.join("\n") + "\n";
    std::fs::write(&file, &text).expect("forge");
    rewrite_checksum(&forged, "timeline_lines", &text);
    let err = target
        .app
        .backups()
        .import(&forged)
        .await
        .expect_err("forged");
    assert!(
        err.to_string()
            .contains("tables/timeline_lines.jsonl line 5: column id: expected an integer"),
        "{err}"
    );
    assert!(is_empty(&target).await, "nothing half-written");

    // A missing attachment file.
    let lost = copy_dir(&good, &scratch.join("lost"));
    let one = files_in(&lost.join("files"))
        .into_keys()
        .next()
        .expect("a file");
    std::fs::remove_file(lost.join("files").join(one)).expect("remove");
    let err = target
        .app
        .backups()
        .import(&lost)
        .await
        .expect_err("lost file");
    assert!(err.to_string().contains("missing or damaged"), "{err}");
    assert!(is_empty(&target).await);

    // The good export loads; loading it again is refused, as is any non-empty database.
    target.app.backups().import(&good).await.expect("import");
    let err = target
        .app
        .backups()
        .import(&good)
        .await
        .expect_err("not empty");
    assert!(matches!(err, BackupError::Refused(_)), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(dump(&target.store).await, dump(&source.store).await);
    let err = source
        .app
        .backups()
        .export(&good)
        .await
        .expect_err("not a new folder");
    assert!(err.to_string().contains("not empty"), "{err}");
    source.close().await;
    target.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_exports_and_full_databases_are_refused_sqlite() {
    refusals(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_exports_and_full_databases_are_refused_postgres() {
    refusals(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_restores_into_postgres() {
    let source = Office::fresh(Db::Sqlite).await.expect("sqlite");
    let Some(target) = Office::fresh(Db::Postgres).await else {
        return source.close().await;
    };
    load(&source, 40).await;
    let scratch = Scratch::new("snapshot-to-postgres");
    let dir = scratch.join("backup");
    source.app.backups().backup(&dir).await.expect("backup");
    let done = target
        .app
        .backups()
        .import_snapshot(&dir)
        .await
        .expect("restore");
    assert_eq!(done.files, 4);
    assert_eq!(dump(&target.store).await, dump(&source.store).await);
    assert_trail_verifies(&target).await;
    source.close().await;
    target.close().await;
}

/// Tables added later (by a migration this code has never heard of) travel too: one that
/// refers to itself, forward across INSERT batches, and one keyed by mixed-case text, which
/// both engines must read in the same order.
async fn new_tables(to: Db) {
    let source = Office::fresh(Db::Sqlite).await.expect("sqlite");
    let Some(target) = Office::fresh(to).await else {
        return source.close().await;
    };
    let ddl = "CREATE TABLE stakeholder_notes (id BIGINT PRIMARY KEY, \
               concern_id BIGINT REFERENCES concerns(id), \
               parent_id BIGINT REFERENCES stakeholder_notes(id), at BIGINT NOT NULL, \
               weight DOUBLE PRECISION, body TEXT); \
               CREATE TABLE tags (code TEXT PRIMARY KEY, label TEXT NOT NULL)";
    for o in [&source, &target] {
        let mut tx = o.store.write().await.expect("write");
        tx.execute(ddl).await.expect("new tables");
        tx.commit().await.expect("commit");
    }
    load(&source, 10).await;
    {
        let mut tx = source.store.write().await.expect("write");
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) \
             INSERT INTO stakeholder_notes SELECT i, NULL, NULL, 1700000000 + i, i * 0.1, \
             'note ' || i FROM n; \
             INSERT INTO stakeholder_notes VALUES \
             (1, 3, 1200, 1700000000, 0.1, 'Chief''s \"note\" ✓'), \
             (2, NULL, 1, 1700000001, NULL, NULL); \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) \
             INSERT INTO tags SELECT printf('%s%05d', substr('aB_Zé', 1 + i % 5, 1), i), \
             'tag ' || i FROM n",
        )
        .await
        .expect("rows");
        tx.commit().await.expect("commit");
    }
    let scratch = Scratch::new("new-tables");
    let (first, second) = (scratch.join("first"), scratch.join("second"));
    let s = source.app.backups().export(&first).await.expect("export");
    assert!(s.tables.contains(&("stakeholder_notes".to_string(), 1200)));
    assert!(s.tables.contains(&("tags".to_string(), 1500)));
    target.app.backups().import(&first).await.expect("import");
    target
        .app
        .backups()
        .export(&second)
        .await
        .expect("export again");
    assert_same_export(&first, &second);
    let a = dump(&source.store).await;
    assert_eq!(a, dump(&target.store).await);
    let notes = &a["stakeholder_notes"];
    assert_eq!(
        notes[0][2],
        Cell::Integer(1200),
        "set after row 1200 was in"
    );
    assert_eq!(notes[0][4], Cell::Real(0.1));
    assert_eq!(notes[0][5], Cell::Text("Chief's \"note\" ✓".into()));
    if to == Db::Sqlite {
        // Every table of the database is in the export but the ones deliberately left out.
        let mut c = source.store.read().await.expect("read");
        let all: BTreeSet<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(&mut *c)
        .await
        .expect("tables")
        .into_iter()
        // The search index's shards (and FTS5's tables behind them) and the office's
        // figures are derived: recounted in the new database.
        .filter(|t: &String| !liaison_store::search::is_index_table(t))
        .filter(|t: &String| !liaison_store::aggregates::TABLES.contains(&t.as_str()))
        .collect();
        drop(c);
        let exported: BTreeSet<String> = s.tables.iter().map(|(t, _)| t.clone()).collect();
        let left_out: BTreeSet<String> = all.difference(&exported).cloned().collect();
        assert_eq!(
            left_out,
            ["schema_migrations".to_string()].into_iter().collect(),
            "only bookkeeping is left out"
        );
    }
    source.close().await;
    target.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_tables_travel_without_a_change_sqlite() {
    new_tables(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_tables_travel_without_a_change_postgres() {
    new_tables(Db::Postgres).await;
}

/// A file gone from the files folder is listed in the export, reported, and tolerated by
/// the import that carries the list; the rows that name it still travel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_files_are_listed_not_dropped() {
    let source = Office::fresh(Db::Sqlite).await.expect("sqlite");
    let target = Office::fresh(Db::Sqlite).await.expect("sqlite");
    load(&source, 10).await;
    let (name, _) = files_in(&source.files).into_iter().next().expect("a file");
    std::fs::remove_file(source.files.join(&name)).expect("lose a file");
    let hash = name.rsplit('/').next().expect("hash").to_string();
    let scratch = Scratch::new("missing-files");
    let dir = scratch.join("export");
    let exported = source.app.backups().export(&dir).await.expect("export");
    assert_eq!(exported.missing_files, std::slice::from_ref(&hash));
    assert_eq!(exported.files, 3);
    let imported = target.app.backups().import(&dir).await.expect("import");
    assert_eq!(imported.missing_files, [hash]);
    assert_eq!(dump(&target.store).await, dump(&source.store).await);
    let backup = scratch.join("backup");
    let s = source.app.backups().backup(&backup).await.expect("backup");
    assert_eq!(s.missing_files, exported.missing_files);
    source.close().await;
    target.close().await;
}

fn copy_dir(from: &Path, to: &Path) -> PathBuf {
    for (rel, bytes) in files_in(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
        std::fs::write(&p, bytes).expect("copy");
    }
    to.to_path_buf()
}

fn rewrite_checksum(dir: &Path, table: &str, text: &str) {
    use sha2::Digest;
    let path = dir.join("manifest.json");
    let mut m: Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    let sum: String = sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for t in m["tables"].as_array_mut().expect("tables") {
        if t["name"] == table {
            t["sha256"] = Value::String(sum.clone());
        }
    }
    std::fs::write(&path, m.to_string()).expect("write");
}
