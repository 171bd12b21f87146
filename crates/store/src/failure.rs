//! Telling a database that is away or full from every other failure.
//!
//! Callers answer these differently from bugs: a database that cannot be reached, is
//! paused or busy past its timeouts is worth trying again in a moment; a full disk needs
//! someone to make room; anything else is a fault of ours.

use crate::StoreError;

/// What kind of failure a storage error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The database cannot be reached, refuses connections, is shutting down, or kept a
    /// statement waiting past its timeouts: try again later.
    Unavailable,
    /// The disk or database is full: nothing was written, and reads still work.
    Full,
    /// Anything else (a bug, corrupt data, a refused constraint).
    Other,
}

/// PostgreSQL conditions (SQLSTATE) that mean "not now" rather than "wrong".
const PG_UNAVAILABLE: &[&str] = &[
    "53200", // out_of_memory
    "53300", // too_many_connections (also a database's CONNECTION LIMIT)
    "57014", // query_canceled: statement_timeout
    "55P03", // lock_not_available: lock_timeout
    "55000", // object_not_in_prerequisite_state: a database not accepting connections
    "25006", // read_only_sql_transaction: a standby, or a primary being failed over
    "40001", // serialization_failure
    "40P01", // deadlock_detected
    "3D000", // invalid_catalog_name: the database is gone
];

/// PostgreSQL's disk_full.
const PG_FULL: &str = "53100";

/// SQLite's primary result codes (the low byte of an extended code).
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;
const SQLITE_READONLY: i64 = 8;
const SQLITE_IOERR: i64 = 10;
const SQLITE_FULL: i64 = 13;
const SQLITE_CANTOPEN: i64 = 14;

impl StoreError {
    /// What kind of failure this is.
    pub fn failure(&self) -> Failure {
        match self {
            StoreError::Database(e) => database_failure(e),
            StoreError::Flush(e) => io_failure(e),
            StoreError::Conflict | StoreError::Corrupt(_) | StoreError::UnsupportedUrl => {
                Failure::Other
            }
        }
    }
}

/// The kind of a database driver's error.
pub fn database_failure(e: &sqlx::Error) -> Failure {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => Failure::Unavailable,
        sqlx::Error::Io(io) => io_failure(io),
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default();
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                sqlite_failure(code.parse().unwrap_or_default())
            } else {
                postgres_failure(&code)
            }
        }
        _ => Failure::Other,
    }
}

/// The kind of a SQLite error, from its (extended) result code.
fn sqlite_failure(code: i64) -> Failure {
    match code & 0xff {
        SQLITE_FULL => Failure::Full,
        SQLITE_BUSY | SQLITE_LOCKED | SQLITE_READONLY | SQLITE_IOERR | SQLITE_CANTOPEN => {
            Failure::Unavailable
        }
        _ => Failure::Other,
    }
}

/// The kind of a PostgreSQL error, from its SQLSTATE.
fn postgres_failure(code: &str) -> Failure {
    if code == PG_FULL {
        Failure::Full
    } else if code.starts_with("08") // connection_exception
        || code.starts_with("57P") // operator intervention: shutdown, terminated
        || PG_UNAVAILABLE.contains(&code)
    {
        Failure::Unavailable
    } else {
        Failure::Other
    }
}

/// The kind of a failed read or write of a file.
pub fn io_failure(e: &std::io::Error) -> Failure {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Failure::Full,
        _ => Failure::Unavailable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_disks_are_told_apart() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(io_failure(&full), Failure::Full);
        assert_eq!(
            StoreError::Flush(std::io::Error::other("eio")).failure(),
            Failure::Unavailable
        );
        assert_eq!(
            database_failure(&sqlx::Error::PoolTimedOut),
            Failure::Unavailable
        );
        assert_eq!(StoreError::Conflict.failure(), Failure::Other);
        // SQLSTATEs look like numbers too; each engine's codes are read apart.
        assert_eq!(postgres_failure("55000"), Failure::Unavailable);
        assert_eq!(postgres_failure("53100"), Failure::Full);
        assert_eq!(postgres_failure("08006"), Failure::Unavailable);
        assert_eq!(postgres_failure("23505"), Failure::Other);
        assert_eq!(sqlite_failure(13), Failure::Full);
        assert_eq!(sqlite_failure(5 | (1 << 8)), Failure::Unavailable);
        assert_eq!(sqlite_failure(19), Failure::Other);
    }
}
