//! One error type for every operation, mapped to a response in one place by the web layer.

use liaison_domain::FieldErrors;
use liaison_store::{io_failure, StoreError};

pub use liaison_store::Failure;

/// Why an operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such record, or one the user may not see (the two are indistinguishable).
    #[error("not found")]
    NotFound,
    /// The user's role may not use this function at all.
    #[error("forbidden")]
    Forbidden,
    /// The input is wrong; each field at fault is named.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts")]
    Throttled(i64),
    /// Something that should never happen did (a failed random generator, a panicked task).
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The files folder could not be written or read.
    #[error("file storage failed: {0}")]
    Files(#[from] std::io::Error),
}

impl From<sqlx_error::Error> for AppError {
    fn from(e: sqlx_error::Error) -> Self {
        AppError::Store(StoreError::Database(e))
    }
}

/// Re-export path for the database error type without a direct sqlx dependency.
mod sqlx_error {
    pub use liaison_store::sqlx::Error;
}

impl AppError {
    /// What a storage failure behind this error amounts to: the database away, the disk
    /// full (the database's or the files folder's), or anything else — also for errors
    /// that are no storage failure.
    pub fn failure(&self) -> Failure {
        match self {
            AppError::Store(e) => e.failure(),
            AppError::Files(e) if io_failure(e) == Failure::Full => Failure::Full,
            _ => Failure::Other,
        }
    }

    /// An invalid-input error with one field at fault.
    pub fn field(field: &str, code: &'static str) -> Self {
        let mut e = FieldErrors::new();
        e.add(field, code);
        AppError::Invalid(e)
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

/// Result of an operation.
pub type AppResult<T> = Result<T, AppError>;
