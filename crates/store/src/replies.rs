//! Reply tokens: the part of a reply address that names the record a letter was about
//! (see `migrations/0017_replies.sql`).

use crate::{Conn, Result};

/// The token of record `(kind, id)`, if one was given.
pub async fn token_of(c: &mut Conn, kind: &str, id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT token FROM reply_tokens WHERE record_kind = $1 AND record_id = $2",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(&mut *c)
    .await?)
}

/// Gives record `(kind, id)` the token `token`.
pub async fn insert(c: &mut Conn, token: &str, kind: &str, id: i64, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO reply_tokens (token, record_kind, record_id, created_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token)
    .bind(kind)
    .bind(id)
    .bind(at)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// The record token `token` names: its kind and id.
pub async fn record_of(c: &mut Conn, token: &str) -> Result<Option<(String, i64)>> {
    Ok(
        sqlx::query_as("SELECT record_kind, record_id FROM reply_tokens WHERE token = $1")
            .bind(token)
            .fetch_optional(&mut *c)
            .await?,
    )
}
