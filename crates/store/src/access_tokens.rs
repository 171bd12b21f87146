//! Personal access tokens for the JSON API: each belongs to one staff member and carries
//! that person's role, nothing more. Only a hash of a token is kept.

use sqlx::Row;

use crate::users::{self, User};
use crate::{conflict, Conn, Result};

/// An issued token, without the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// Id.
    pub id: i64,
    /// Whose it is.
    pub user_id: i64,
    /// What its owner called it ("reporting script").
    pub name: String,
    /// The token's last characters, to recognise it in a list.
    pub hint: String,
    /// When it was issued.
    pub created_at: i64,
    /// When it stops working by itself, if ever.
    pub expires_at: Option<i64>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<i64>,
}

const COLUMNS: &str =
    "t.id, t.user_id, t.name, t.token_hint, t.created_at, t.expires_at, t.revoked_at, t.last_used_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<AccessToken> {
    Ok(AccessToken {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        name: r.try_get("name")?,
        hint: r.try_get("token_hint")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        last_used_at: r.try_get("last_used_at")?,
    })
}

/// A token to store.
pub struct NewAccessToken<'a> {
    /// Whose it is.
    pub user_id: i64,
    /// Its name.
    pub name: &'a str,
    /// SHA-256 of the token.
    pub hash: &'a str,
    /// Its last characters.
    pub hint: &'a str,
    /// Now.
    pub created_at: i64,
    /// When it expires, if ever.
    pub expires_at: Option<i64>,
}

/// Stores a new token; fails with `Conflict` if the owner has a live token of that name.
pub async fn insert(c: &mut Conn, n: &NewAccessToken<'_>) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO access_tokens (user_id, name, token_hash, token_hint, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(n.user_id)
    .bind(n.name)
    .bind(n.hash)
    .bind(n.hint)
    .bind(n.created_at)
    .bind(n.expires_at)
    .fetch_one(c)
    .await
    .map_err(conflict)
}

/// A person's tokens, newest first.
pub async fn list_for(c: &mut Conn, user_id: i64) -> Result<Vec<AccessToken>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM access_tokens t WHERE t.user_id = $1 ORDER BY t.id DESC"
    ))
    .bind(user_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// One token by id.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<AccessToken>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM access_tokens t WHERE t.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The live token with this hash and its owner, if the owner's account is active.
pub async fn find_live(c: &mut Conn, hash: &str, now: i64) -> Result<Option<(AccessToken, User)>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, {} FROM access_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL \
         AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active = 1",
        users::COLUMNS.replace("u.id", "u.id AS owner_id")
    ))
    .bind(hash)
    .bind(now)
    .fetch_optional(c)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let token = from_row(&r)?;
    let user = users::from_row_as(&r, "owner_id")?;
    Ok(Some((token, user)))
}

/// Revokes a token; false when it was already revoked or does not exist.
pub async fn revoke(c: &mut Conn, id: i64, now: i64) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE access_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(c)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records that a token was used (at most once a minute, to spare the writer).
pub async fn touch(c: &mut Conn, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE access_tokens SET last_used_at = $1 WHERE id = $2 \
         AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(now)
    .bind(id)
    .bind(now - 60)
    .execute(c)
    .await?;
    Ok(())
}
