//! Opening the database: pools, SQLite pragmas, write transactions.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, ConnectOptions, Connection, Executor};

use crate::{Result, StoreError};

/// Which database engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default: one file in the data folder.
    Sqlite,
    /// The scale-out backend shared by several Liaison nodes.
    Postgres,
}

/// A write transaction. On SQLite it holds the write lock from its first statement.
///
/// It reads and writes like a connection (`&mut *tx`). [`WriteTx::commit`] answers once the
/// changes are on disk; dropping it uncommitted rolls back.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, Any>,
    flusher: Option<Arc<WalFlusher>>,
}

impl WriteTx {
    /// Commits and waits until the changes are durable.
    pub async fn commit(self) -> Result<()> {
        self.commit_pending().await?.durable().await
    }

    /// Commits, and answers what to wait on for the changes to be durable. The writer is
    /// free for the next transaction meanwhile, so the next group's statements overlap
    /// this one's flush. Nothing may be acknowledged before [`Pending::durable`].
    pub async fn commit_pending(self) -> Result<Pending> {
        self.tx.commit().await?;
        Ok(Pending(self.flusher.map(|f| {
            let ticket = f.committed.fetch_add(1, Ordering::SeqCst) + 1;
            (f, ticket)
        })))
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// A committed transaction whose changes may not be on disk yet.
#[must_use = "a commit is durable only once `durable` has answered"]
pub struct Pending(Option<(Arc<WalFlusher>, u64)>);

impl Pending {
    /// Waits until the commit is on disk.
    pub async fn durable(self) -> Result<()> {
        match self.0 {
            Some((flusher, ticket)) => flusher.flush_through(ticket).await,
            None => Ok(()),
        }
    }
}

/// Makes the SQLite writer's commits durable, many at a time, beside the writer.
///
/// The writer connection commits with `synchronous = NORMAL`: the commit writes its pages
/// to the write-ahead log without waiting for the disk. Each committer then takes a ticket
/// and waits here; whoever finds the flush free reads how many commits have finished and
/// flushes the log file once for all of them, while the writer goes on with the next
/// transaction. SQLite flushes the log itself before every checkpoint and before it
/// reuses the file, so a commit flushed here is one SQLite recovers after a crash.
struct WalFlusher {
    /// The database file (its log is beside it, named with `-wal`).
    database: PathBuf,
    /// Commits that have finished (and taken their ticket).
    committed: AtomicU64,
    /// Commits known to be on disk. Held while flushing, so waiters queue here.
    flushed: tokio::sync::Mutex<Flushed>,
}

#[derive(Default)]
struct Flushed {
    /// Tickets up to this one are durable.
    through: u64,
    /// The log file flushed last (device, inode): a new file needs its folder flushed.
    file: Option<(u64, u64)>,
}

impl WalFlusher {
    async fn flush_through(self: Arc<Self>, ticket: u64) -> Result<()> {
        let mut flushed = self.flushed.lock().await;
        if flushed.through >= ticket {
            return Ok(());
        }
        // Every commit counted here returned before the flush below starts.
        let through = self.committed.load(Ordering::SeqCst);
        let database = self.database.clone();
        let known = flushed.file;
        let file = tokio::task::spawn_blocking(move || flush_log(&database, known))
            .await
            .map_err(|e| StoreError::Flush(std::io::Error::other(e)))?
            .map_err(StoreError::Flush)?;
        flushed.through = through;
        flushed.file = file.or(known);
        Ok(())
    }
}

/// Flushes the database's log to disk (and its folder when the file is new to us). Where
/// there is no log, its commits were checkpointed into the database file and the log
/// removed: flushing that file then is enough.
fn flush_log(
    database: &std::path::Path,
    known: Option<(u64, u64)>,
) -> std::io::Result<Option<(u64, u64)>> {
    use std::os::unix::fs::MetadataExt;
    let mut wal = database.as_os_str().to_owned();
    wal.push("-wal");
    let file = match std::fs::File::open(&wal) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::File::open(database)?.sync_data()?;
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    file.sync_data()?;
    let meta = file.metadata()?;
    let id = (meta.dev(), meta.ino());
    if known != Some(id) {
        let folder = match database.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => std::path::Path::new("."),
        };
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(Some(id))
}

/// The database: a pool for reads and a pool for writes.
///
/// On SQLite there is exactly one writer connection (SQLite allows one writer at a time;
/// queuing in the pool is cheaper than retrying on `SQLITE_BUSY`) and a pool of readers
/// that never block it thanks to WAL. On PostgreSQL both are the same pool.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
    readers: AnyPool,
    writer: AnyPool,
    /// Flushes the SQLite writer's commits (none on PostgreSQL, whose commits are durable).
    flusher: Option<Arc<WalFlusher>>,
    /// Whether PostgreSQL connections carry the server's timeouts ([`Store::connect_serving`]).
    limited: bool,
    /// Whether the database was found away moments ago (callers then fail at once).
    outage: Arc<crate::outage::Outage>,
}

/// How long a caller waits for a free connection before the pool gives up (with
/// `PoolTimedOut`, answered as "database unavailable"). A database that refuses or does not
/// answer connections fails requests after this long, not after a TCP timeout.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// The longest statement the server lets PostgreSQL run (`statement_timeout`). The
/// slowest page's queries take under a second; a statement past this is stuck.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest the server lets a PostgreSQL statement wait for a lock (`lock_timeout`),
/// so that a database paused by someone else's lock answers "unavailable" quickly.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(1);

/// How long PostgreSQL keeps a server's transaction that sits idle before ending its
/// session (`idle_in_transaction_session_timeout`): a transaction leaked by a bug cannot hold
/// its locks for ever.
pub const IDLE_TRANSACTION_TIMEOUT: Duration = Duration::from_secs(60);

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://…`), creating a SQLite file if needed.
    /// Statements may run as long as they need (for tools: imports, the demo generator).
    pub async fn connect(url: &str) -> Result<Self> {
        Self::open(url, false).await
    }

    /// Connects for the web server: as [`Store::connect`], and on PostgreSQL every connection
    /// gives up a statement after [`STATEMENT_TIMEOUT`] and a lock wait after
    /// [`LOCK_TIMEOUT`], and ends a transaction left idle after [`IDLE_TRANSACTION_TIMEOUT`],
    /// so a paused database answers errors instead of holding requests and connections.
    /// Migrations and `ANALYZE` run without these limits, on a connection of their own.
    pub async fn connect_serving(url: &str) -> Result<Self> {
        Self::open(url, true).await
    }

    async fn open(url: &str, limited: bool) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let timeout = ACQUIRE_TIMEOUT;
        match backend {
            Backend::Sqlite => {
                let url = if url.contains('?') {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
                let writer = AnyPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(timeout)
                    .before_acquire(|c, _| Box::pin(async move { Ok(settled(c)) }))
                    .after_connect(|c, _| Box::pin(async move { sqlite_pragmas(c, true).await }))
                    .connect_with(options.clone())
                    .await?;
                // WAL is a property of the file: set it once through the writer.
                writer.execute("PRAGMA journal_mode = WAL").await?;
                let readers = AnyPoolOptions::new()
                    .max_connections(8)
                    .min_connections(1)
                    .acquire_timeout(timeout)
                    .before_acquire(|c, _| Box::pin(async move { Ok(settled(c)) }))
                    .after_connect(|c, _| Box::pin(async move { sqlite_pragmas(c, false).await }))
                    .connect_with(options)
                    .await?;
                // SQLite names its own file, whatever form the URL took; an in-memory
                // database has none and nothing to flush.
                let file: String =
                    sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                        .fetch_one(&writer)
                        .await?;
                Ok(Self {
                    backend,
                    readers,
                    writer,
                    flusher: (!file.is_empty()).then(|| {
                        Arc::new(WalFlusher {
                            database: PathBuf::from(file),
                            committed: AtomicU64::new(0),
                            flushed: Default::default(),
                        })
                    }),
                    limited,
                    outage: Arc::new(crate::outage::Outage::new()),
                })
            }
            Backend::Postgres => {
                let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
                // A connection whose server went away (restarted, or its backend terminated)
                // fails the check before it is handed out, and is replaced.
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(timeout)
                    .test_before_acquire(true)
                    .before_acquire(|c, _| Box::pin(async move { Ok(settled(c)) }))
                    .after_connect(move |c, _| {
                        Box::pin(async move {
                            if limited {
                                postgres_limits(c).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    backend,
                    readers: pool.clone(),
                    writer: pool,
                    flusher: None,
                    limited,
                    outage: Arc::new(crate::outage::Outage::new()),
                })
            }
        }
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for reading.
    pub async fn read(&self) -> Result<PoolConnection<Any>> {
        let acquire = self.readers.acquire();
        Ok(self.outage.guard(acquire).await?)
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so it never has to
    /// upgrade a read lock and fail with `SQLITE_BUSY` half-way).
    pub async fn write(&self) -> Result<WriteTx> {
        let begin = async {
            match self.backend {
                Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
                Backend::Postgres => self.writer.begin().await,
            }
        };
        let tx = self.outage.guard(begin).await?;
        Ok(WriteTx {
            tx,
            flusher: self.flusher.clone(),
        })
    }

    /// Waits until everything committed so far through the writer is on disk: after
    /// writes that bypass [`Store::write`] (migrations), and before acknowledging a write
    /// found by reading, which may be committed without being flushed yet.
    pub async fn flush(&self) -> Result<()> {
        if let Some(f) = &self.flusher {
            let ticket = f.committed.fetch_add(1, Ordering::SeqCst) + 1;
            f.clone().flush_through(ticket).await?;
        }
        Ok(())
    }

    /// A plain connection to the writer (for migrations, which manage their own transactions).
    /// On a server's PostgreSQL pool it runs without the request timeouts (a migration may
    /// build an index over millions of rows, or wait for another node's), and is closed
    /// after use so no request ever gets it without them.
    pub(crate) async fn writer_connection(&self) -> Result<PoolConnection<Any>> {
        let mut c = self.writer.acquire().await?;
        if self.limited && self.backend == Backend::Postgres {
            c.close_on_drop();
            c.execute(
                "SET statement_timeout = 0; SET lock_timeout = 0; \
                 SET idle_in_transaction_session_timeout = 0",
            )
            .await?;
        }
        Ok(c)
    }

    /// Answers whether the database can be reached, for `/healthz`.
    pub async fn ping(&self) -> bool {
        let probe = async {
            let mut c = self.read().await?;
            c.execute("SELECT 1").await?;
            Ok::<_, StoreError>(())
        };
        matches!(
            tokio::time::timeout(Duration::from_secs(2), probe).await,
            Ok(Ok(()))
        )
    }

    /// Closes every connection (on shutdown, so SQLite checkpoints its WAL).
    pub async fn close(&self) {
        // sqlx 0.8's close ends once it holds every permit, without looking again for a
        // connection handed back while it waited for the last one: that connection would
        // stay open (and SQLite's file in use) for as long as the pool lives. Once the first
        // pass returns nothing is in flight, so a second pass closes whatever came back.
        for pool in [&self.readers, &self.writer] {
            pool.close().await;
            pool.close().await;
        }
    }
}

/// Whether a pooled connection may be handed out: not while sqlx still counts it inside a
/// transaction. When SQLite rolls a transaction back by itself (a `COMMIT` that fails on a
/// full disk does), sqlx's own `ROLLBACK` then fails and its count stays at one, so every
/// later `BEGIN` on that connection would fail; such a connection is closed and replaced.
fn settled(c: &AnyConnection) -> bool {
    !c.is_in_transaction()
}

/// The server's limits on a PostgreSQL connection (see [`Store::connect_serving`]).
async fn postgres_limits(c: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    let ms = |d: Duration| d.as_millis();
    c.execute(
        format!(
            "SET statement_timeout = {}; SET lock_timeout = {}; \
             SET idle_in_transaction_session_timeout = {}",
            ms(STATEMENT_TIMEOUT),
            ms(LOCK_TIMEOUT),
            ms(IDLE_TRANSACTION_TIMEOUT)
        )
        .as_str(),
    )
    .await?;
    Ok(())
}

/// Per-connection SQLite settings: foreign keys, a wait instead of BUSY, and how commits
/// reach the disk. The writer commits without waiting (`NORMAL`): [`WalFlusher`] flushes
/// for it, several commits at once. Other connections keep `FULL`.
/// Reads go through a memory map (up to SQLite's 2 GiB default ceiling), so the reader
/// connections share the operating system's page cache instead of each copying pages in
/// with a system call; writes still go through the write-ahead log.
async fn sqlite_pragmas(c: &mut sqlx::AnyConnection, writer: bool) -> Result<(), sqlx::Error> {
    let synchronous = if writer { "NORMAL" } else { "FULL" };
    c.execute(
        format!(
            "PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; \
             PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY; \
             PRAGMA cache_size = -32000; PRAGMA mmap_size = 2147418112"
        )
        .as_str(),
    )
    .await?;
    Ok(())
}
