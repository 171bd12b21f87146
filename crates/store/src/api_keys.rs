//! Open311 API keys: each names one client (a 311 app, a city system) so its submissions
//! can be told apart in the audit trail, and can be revoked. Only a hash of a key is kept.

use sqlx::Row;

use crate::{conflict, Conn, Result};

/// An issued key, without the key itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    /// Id.
    pub id: i64,
    /// The client it was issued to.
    pub name: String,
    /// The key's last characters, to recognise it in a list.
    pub hint: String,
    /// When it was issued.
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// When it was last used.
    pub last_used_at: Option<i64>,
}

const COLUMNS: &str = "id, name, key_hint, created_at, revoked_at, last_used_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApiKey> {
    Ok(ApiKey {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        hint: r.try_get("key_hint")?,
        created_at: r.try_get("created_at")?,
        revoked_at: r.try_get("revoked_at")?,
        last_used_at: r.try_get("last_used_at")?,
    })
}

/// Stores a new key under its hash; fails with `Conflict` if a live key has the name.
pub async fn insert(
    c: &mut Conn,
    name: &str,
    key_hash: &str,
    hint: &str,
    created_by: Option<i64>,
    now: i64,
) -> Result<ApiKey> {
    let row = sqlx::query(&format!(
        "INSERT INTO api_keys (name, key_hash, key_hint, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    ))
    .bind(name)
    .bind(key_hash)
    .bind(hint)
    .bind(now)
    .bind(created_by)
    .fetch_one(c)
    .await
    .map_err(conflict)?;
    from_row(&row)
}

/// Every key, newest first.
pub async fn list(c: &mut Conn) -> Result<Vec<ApiKey>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM api_keys ORDER BY id DESC"))
        .fetch_all(c)
        .await?;
    rows.iter().map(from_row).collect()
}

/// One key by id.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<ApiKey>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM api_keys WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The live (not revoked) key with this hash.
pub async fn find_live(c: &mut Conn, key_hash: &str) -> Result<Option<ApiKey>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"
    ))
    .bind(key_hash)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Revokes a key; false when it was already revoked or does not exist.
pub async fn revoke(c: &mut Conn, id: i64, now: i64) -> Result<bool> {
    let r = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Records that a key was used (at most once a minute, to spare the writer).
pub async fn touch(c: &mut Conn, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE api_keys SET last_used_at = $1 WHERE id = $2 \
         AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(now)
    .bind(id)
    .bind(now - 60)
    .execute(c)
    .await?;
    Ok(())
}
