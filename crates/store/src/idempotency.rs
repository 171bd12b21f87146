//! Answers to API writes kept under their `Idempotency-Key`, so a retry gets the first
//! answer instead of a second write. A key is reserved before its write runs, so a retry
//! sent while the first attempt is still running is told so instead of writing again.

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

/// What a key holds when a request arrives with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// Nothing yet: the key is now reserved for this request, which should run.
    Reserved,
    /// The answer to an earlier request with this key.
    Kept(KeptAnswer),
    /// An earlier request with this key and the same content is still running.
    InFlight,
    /// The key was used for a request with different content.
    Reused,
}

/// A reservation not settled within this many seconds was abandoned (its server stopped)
/// and may be taken over.
pub const ABANDONED_AFTER: i64 = 60;

/// Reserves a token's key for a request (status 0 marks a reservation), or says what the
/// key already holds. Run inside a write transaction.
pub async fn reserve(
    c: &mut Conn,
    token_id: i64,
    key: &str,
    request_hash: &str,
    now: i64,
) -> Result<Reservation> {
    let row = sqlx::query(
        "SELECT request_hash, status, location, body, created_at FROM idempotency_keys \
         WHERE token_id = $1 AND idempotency_key = $2",
    )
    .bind(token_id)
    .bind(key)
    .fetch_optional(&mut *c)
    .await?;
    let Some(r) = row else {
        sqlx::query(
            "INSERT INTO idempotency_keys (token_id, idempotency_key, request_hash, status, \
             location, body, created_at) VALUES ($1, $2, $3, 0, NULL, '', $4)",
        )
        .bind(token_id)
        .bind(key)
        .bind(request_hash)
        .bind(now)
        .execute(c)
        .await
        .map_err(conflict)?;
        return Ok(Reservation::Reserved);
    };
    let kept = KeptAnswer {
        request_hash: r.try_get("request_hash")?,
        status: r.try_get("status")?,
        location: r.try_get("location")?,
        body: r.try_get("body")?,
    };
    if kept.request_hash != request_hash {
        return Ok(Reservation::Reused);
    }
    if kept.status != 0 {
        return Ok(Reservation::Kept(kept));
    }
    if r.try_get::<i64, _>("created_at")? > now - ABANDONED_AFTER {
        return Ok(Reservation::InFlight);
    }
    sqlx::query(
        "UPDATE idempotency_keys SET created_at = $1 WHERE token_id = $2 AND idempotency_key = $3",
    )
    .bind(now)
    .bind(token_id)
    .bind(key)
    .execute(c)
    .await?;
    Ok(Reservation::Reserved)
}

/// Keeps the answer to a reserved key.
pub async fn settle(c: &mut Conn, token_id: i64, key: &str, answer: &KeptAnswer) -> Result<()> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = $1, location = $2, body = $3 \
         WHERE token_id = $4 AND idempotency_key = $5",
    )
    .bind(answer.status)
    .bind(answer.location.as_deref())
    .bind(&answer.body)
    .bind(token_id)
    .bind(key)
    .execute(c)
    .await?;
    Ok(())
}

/// Frees a reserved key whose request should be tried again (refused for load, failed).
pub async fn release(c: &mut Conn, token_id: i64, key: &str) -> Result<()> {
    sqlx::query(
        "DELETE FROM idempotency_keys WHERE token_id = $1 AND idempotency_key = $2 AND status = 0",
    )
    .bind(token_id)
    .bind(key)
    .execute(c)
    .await?;
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
