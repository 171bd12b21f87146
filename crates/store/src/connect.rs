//! Opening the database: pools, SQLite pragmas, write transactions.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, ConnectOptions, Executor};

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
pub type WriteTx = sqlx::Transaction<'static, Any>;

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
}

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://…`), creating a SQLite file if needed.
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let timeout = Duration::from_secs(5);
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
                    .after_connect(|c, _| Box::pin(async move { sqlite_pragmas(c).await }))
                    .connect_with(options.clone())
                    .await?;
                // WAL is a property of the file: set it once through the writer.
                writer.execute("PRAGMA journal_mode = WAL").await?;
                let readers = AnyPoolOptions::new()
                    .max_connections(8)
                    .min_connections(1)
                    .acquire_timeout(timeout)
                    .after_connect(|c, _| Box::pin(async move { sqlite_pragmas(c).await }))
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    backend,
                    readers,
                    writer,
                })
            }
            Backend::Postgres => {
                let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(timeout)
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    backend,
                    readers: pool.clone(),
                    writer: pool,
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
        Ok(self.readers.acquire().await?)
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so it never has to
    /// upgrade a read lock and fail with `SQLITE_BUSY` half-way).
    pub async fn write(&self) -> Result<WriteTx> {
        Ok(match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.writer.begin().await?,
        })
    }

    /// A plain connection to the writer (for migrations, which manage their own transactions).
    pub(crate) async fn writer_connection(&self) -> Result<PoolConnection<Any>> {
        Ok(self.writer.acquire().await?)
    }

    /// Answers whether the database can be reached, for `/healthz`.
    pub async fn ping(&self) -> bool {
        let probe = async {
            let mut c = self.readers.acquire().await?;
            c.execute("SELECT 1").await?;
            Ok::<_, sqlx::Error>(())
        };
        matches!(
            tokio::time::timeout(Duration::from_secs(2), probe).await,
            Ok(Ok(()))
        )
    }

    /// Closes every connection (on shutdown, so SQLite checkpoints its WAL).
    pub async fn close(&self) {
        self.readers.close().await;
        self.writer.close().await;
    }
}

/// Per-connection SQLite settings: durable commits, foreign keys, a wait instead of BUSY.
/// Reads go through a memory map (up to SQLite's 2 GiB default ceiling), so the reader
/// connections share the operating system's page cache instead of each copying pages in
/// with a system call; writes still go through the write-ahead log.
async fn sqlite_pragmas(c: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    c.execute(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000; PRAGMA mmap_size = 2147418112",
    )
    .await?;
    Ok(())
}
