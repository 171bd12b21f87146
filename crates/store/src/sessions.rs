//! Sign-in sessions and failed sign-in attempts, in the database so any node can serve any
//! request.

use sqlx::Row;

use crate::users::{self, User};
use crate::{Conn, Result};

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct Session {
    /// The signed-in user.
    pub user: User,
    /// The token forms must carry back (CSRF protection).
    pub csrf_token: String,
    /// When the session began (for the absolute timeout).
    pub created_at: i64,
    /// When it was last used (for the idle timeout).
    pub last_seen_at: i64,
}

/// Stores a new session under the hash of its token.
pub async fn insert(
    c: &mut Conn,
    token_hash: &str,
    user_id: i64,
    csrf: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// The session with this token hash, if its user is still active.
pub async fn find(c: &mut Conn, token_hash: &str) -> Result<Option<Session>> {
    let row = sqlx::query(&format!(
        "SELECT {}, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s \
         JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.active = 1",
        users::COLUMNS
    ))
    .bind(token_hash)
    .fetch_optional(c)
    .await?;
    row.map(|r| {
        Ok(Session {
            user: users::from_row(&r)?,
            csrf_token: r.try_get("csrf_token")?,
            created_at: r.try_get("created_at")?,
            last_seen_at: r.try_get("last_seen_at")?,
        })
    })
    .transpose()
}

/// Records that the session was used.
pub async fn touch(c: &mut Conn, token_hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(c)
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn delete(c: &mut Conn, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(c)
        .await?;
    Ok(())
}

/// Ends every session of a user (disabled account, changed password).
pub async fn delete_for_user(c: &mut Conn, user_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Removes sessions idle since `idle_before` or begun before `started_before`.
pub async fn delete_expired(c: &mut Conn, idle_before: i64, started_before: i64) -> Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(started_before)
        .execute(c)
        .await?;
    Ok(r.rows_affected())
}

/// Records a failed sign-in for an email address.
pub async fn record_failure(c: &mut Conn, email: &str, now: i64) -> Result<()> {
    sqlx::query("INSERT INTO login_failures (email, at) VALUES ($1, $2)")
        .bind(email)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}

/// Failed sign-ins for an email since `since`, and the time of the latest.
pub async fn failures_since(c: &mut Conn, email: &str, since: i64) -> Result<(i64, Option<i64>)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MAX(at) AS latest FROM login_failures WHERE email = $1 AND at >= $2",
    )
    .bind(email)
    .bind(since)
    .fetch_one(c)
    .await?;
    Ok((row.try_get("n")?, row.try_get("latest")?))
}

/// Forgets failed sign-ins older than `before`.
pub async fn prune_failures(c: &mut Conn, before: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(c)
        .await?;
    Ok(())
}
