//! What Liaison's tests share, so no test file carries its own copy.
//!
//! - Fresh databases: a SQLite file in a folder of its own, or a uniquely named PostgreSQL
//!   database on the server `LIAISON_TEST_DATABASE_URL` names, each removed afterwards.
//!   Without that variable PostgreSQL tests print a notice and pass without running;
//!   `.ci/run` sets it and requires the server.
//! - [`both!`]: one test, run once on each database, given whatever it starts ([`Start`]):
//!   a migrated [`TestStore`], or the real HTTP server ([`Harness`]).
//! - The server and a minimal browser ([`server`]).
//! - An SMTP server that Liaison's mail goes out to ([`smtp`]).

use std::future::Future;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use liaison_store::sqlx::{AnyConnection, Connection, Executor};
use liaison_store::Store;

pub mod server;
pub mod smtp;
pub use server::{multipart, serialize, Browser, FilePart, Harness, Page};
pub use smtp::MailServer;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    /// An embedded SQLite file.
    Sqlite,
    /// A database on the PostgreSQL server of `LIAISON_TEST_DATABASE_URL`.
    Postgres,
}

/// Declares a test that runs on both databases: `both!(name)` for `async fn name(x: T)`,
/// where `T` is what the test needs started ([`Start`]).
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {
        $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::run($crate::Db::Sqlite, super::$name).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::run($crate::Db::Postgres, super::$name).await;
            }
        }
        )+
    };
}

/// What a test starts on a fresh database.
pub trait Start: Sized {
    /// Starts on a fresh database; `None` when PostgreSQL is not configured.
    fn start(db: Db) -> impl Future<Output = Option<Self>> + Send;
}

/// Starts what `test` takes on `db` and runs it; on PostgreSQL without a server, skips it
/// with a notice. SQLite needs nothing, so it never skips.
pub async fn run<T: Start, F: Future<Output = ()>>(db: Db, test: impl FnOnce(T) -> F) {
    match T::start(db).await {
        Some(started) => test(started).await,
        None => assert_eq!(db, Db::Postgres, "a SQLite test could not start"),
    }
}

/// Just the database to use, for tests that start Liaison their own way (with a mail
/// server, say).
impl Start for Db {
    async fn start(db: Db) -> Option<Self> {
        if db == Db::Postgres && postgres_url().is_none() {
            skipped_notice();
            return None;
        }
        Some(db)
    }
}

pub(crate) static COUNTER: AtomicUsize = AtomicUsize::new(0);
static NOTICE: Once = Once::new();

/// The PostgreSQL URL tests may use, if configured.
pub fn postgres_url() -> Option<String> {
    std::env::var("LIAISON_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Says once per test binary that PostgreSQL tests are skipped, straight to stderr so the
/// test harness does not capture it (`.ci/run` fails when it sees this).
pub fn skipped_notice() {
    NOTICE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "notice: LIAISON_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped"
        );
    });
}

/// Replaces the database name in a PostgreSQL URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let root = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// Removes a test's database when dropped: its SQLite folder, or its PostgreSQL database.
pub enum Cleanup {
    Dir(std::path::PathBuf),
    Database { admin_url: String, name: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                let (url, sql) = (
                    admin_url.clone(),
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                );
                // Drop cannot await; a short-lived runtime on its own thread can.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(mut c) = AnyConnection::connect(&url).await {
                                let _ = c.execute(sql.as_str()).await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

/// A fresh, empty database of a test's own (not migrated), and what removes it; `None` when
/// PostgreSQL is not configured.
pub async fn blank_database(db: Db) -> Option<(String, Cleanup)> {
    liaison_store::sqlx::any::install_default_drivers();
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let pid = std::process::id();
    Some(match db {
        Db::Sqlite => {
            let dir = std::env::temp_dir().join(format!("liaison-test-{pid}-{n}"));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("temp dir");
            (
                format!("sqlite://{}", dir.join("liaison.db").display()),
                Cleanup::Dir(dir),
            )
        }
        Db::Postgres => {
            let Some(admin_url) = postgres_url() else {
                skipped_notice();
                return None;
            };
            let name = format!("liaison_test_{pid}_{n}");
            let url = fresh_postgres(&admin_url, &name).await;
            (url, Cleanup::Database { admin_url, name })
        }
    })
}

/// Creates the empty PostgreSQL database `name` on the server of `admin_url` (dropping one
/// left by an earlier run) and answers its URL.
pub async fn fresh_postgres(admin_url: &str, name: &str) -> String {
    liaison_store::sqlx::any::install_default_drivers();
    let mut admin = AnyConnection::connect(admin_url)
        .await
        .expect("LIAISON_TEST_DATABASE_URL is set but PostgreSQL cannot be reached");
    // Apart: neither may run inside the transaction a multi-statement query makes.
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop old test database");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let _ = admin.close().await;
    with_database(admin_url, name)
}

/// A folder of a test's own, removed when dropped.
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    /// A new empty folder whose name starts with `tag`.
    pub fn new(tag: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("liaison-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Self(dir)
    }

    /// A path inside it.
    pub fn join(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A migrated database of a test's own, for tests of storage itself.
pub struct TestStore {
    /// The store over it.
    pub store: Store,
    /// Which database it is.
    pub db: Db,
    _cleanup: Cleanup,
}

impl Start for TestStore {
    async fn start(db: Db) -> Option<Self> {
        let (url, cleanup) = blank_database(db).await?;
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        Some(Self {
            store,
            db,
            _cleanup: cleanup,
        })
    }
}
