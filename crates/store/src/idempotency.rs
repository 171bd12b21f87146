//! Answers to API writes kept under their `Idempotency-Key`, so a retry gets the first
//! answer instead of a second write.

use sqlx::Row;

use crate::{conflict, Conn, Result};

/// A kept answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAnswer {
    /// SHA-256 of the method, path and body of the first request.
    pub request_hash: String,
    /// Its status code.
    pub status: i64,
    /// Its `Location` header, if any.
    pub location: Option<String>,
    /// Its body.
    pub body: String,
}

/// The answer kept for a token's key, if any.
pub async fn get(c: &mut Conn, token_id: i64, key: &str) -> Result<Option<KeptAnswer>> {
    let row = sqlx::query(
        "SELECT request_hash, status, location, body FROM idempotency_keys \
         WHERE token_id = $1 AND idempotency_key = $2",
    )
    .bind(token_id)
    .bind(key)
    .fetch_optional(c)
    .await?;
    row.map(|r| {
        Ok(KeptAnswer {
            request_hash: r.try_get("request_hash")?,
            status: r.try_get("status")?,
            location: r.try_get("location")?,
            body: r.try_get("body")?,
        })
    })
    .transpose()
}

/// Keeps an answer; `Conflict` when the key already has one.
pub async fn keep(
    c: &mut Conn,
    token_id: i64,
    key: &str,
    answer: &KeptAnswer,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_keys (token_id, idempotency_key, request_hash, status, location, \
         body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_id)
    .bind(key)
    .bind(&answer.request_hash)
    .bind(answer.status)
    .bind(answer.location.as_deref())
    .bind(&answer.body)
    .bind(now)
    .execute(c)
    .await
    .map_err(conflict)?;
    Ok(())
}

/// Forgets answers kept before `before`.
pub async fn forget_before(c: &mut Conn, before: i64) -> Result<u64> {
    let r = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(before)
        .execute(c)
        .await?;
    Ok(r.rows_affected())
}
