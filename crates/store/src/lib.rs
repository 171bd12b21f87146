//! Liaison's persistence: one code path for SQLite and PostgreSQL.
//!
//! Queries are written once in portable SQL with `$1` placeholders and run through sqlx's
//! `Any` driver. The few places where the databases differ (DDL types, full-text search)
//! ask [`Backend`] which text to use. Every function takes a connection, so the
//! application layer decides what shares a transaction.

pub mod access_tokens;
pub mod aggregates;
pub mod api_keys;
pub mod appeals;
pub mod areas;
pub mod attachments;
pub mod audit;
pub mod categories;
pub mod commitments;
pub mod concerns;
mod connect;
pub mod engagements;
pub mod escalations;
mod failure;
pub mod idempotency;
pub mod imports;
pub mod interactions;
pub mod jobs;
pub mod mediation;
pub mod migrations;
pub mod notifications;
pub mod office;
mod outage;
pub mod outbox;
mod records;
pub mod replies;
pub mod report_schedules;
pub mod satisfaction;
pub mod saved_lists;
pub mod search;
pub mod secrets;
pub mod sessions;
mod sql;
pub mod stakeholders;
pub mod surveys;
pub mod teams;
pub mod texts;
pub mod timeline;
pub mod transfer;
pub mod users;
pub mod visibility;

pub use connect::{
    Backend, Pending, Store, WriteTx, ACQUIRE_TIMEOUT, IDLE_TRANSACTION_TIMEOUT, LOCK_TIMEOUT,
    STATEMENT_TIMEOUT,
};
pub use failure::{database_failure, io_failure, Failure};
pub use sql::Sql;
pub use sqlx;

/// A connection from either pool, or a transaction (`&mut *tx`).
pub type Conn = sqlx::AnyConnection;

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or answered with an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A unique constraint refused the write (for example an email already in use).
    #[error("a record with this value already exists")]
    Conflict,
    /// Committed changes could not be flushed to disk.
    #[error("could not flush the database to disk: {0}")]
    Flush(std::io::Error),
    /// Stored data that does not decode (a bug or a hand-edited database).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database URL is not one Liaison understands.
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
}

/// Result of a storage call.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Maps a unique-constraint violation to [`StoreError::Conflict`].
pub(crate) fn conflict(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict,
        _ => StoreError::Database(e),
    }
}

/// Reads a word-enum column, naming the column when it holds something unknown.
pub(crate) fn word<T>(text: &str, parse: fn(&str) -> Result<T, &'static str>) -> Result<T> {
    parse(text).map_err(|_| StoreError::Corrupt(format!("unknown value {text:?}")))
}

/// Reads a JSON column. The error says where the text stops making sense, never what it
/// says: serde quotes the offending value, which may be a resident's words, and storage
/// errors are logged.
pub(crate) fn json<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        StoreError::Corrupt(format!(
            "{column}: not readable at line {} column {}",
            e.line(),
            e.column()
        ))
    })
}

/// Now, in whole seconds since the Unix epoch (how every time is stored).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
