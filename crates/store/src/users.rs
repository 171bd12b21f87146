//! Staff accounts.

use liaison_domain::Role;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{conflict, word, Conn, Result};

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Stable id.
    pub id: i64,
    /// Sign-in address, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Disabled accounts cannot sign in and lose their sessions.
    pub active: bool,
}

pub(crate) const COLUMNS: &str = "u.id, u.email, u.name, u.role, u.active";

pub(crate) fn from_row(r: &AnyRow) -> Result<User> {
    from_row_as(r, "id")
}

/// A user from a row where the user's id is in column `id_column` (a join that also
/// selects another record's `id`).
pub(crate) fn from_row_as(r: &AnyRow, id_column: &str) -> Result<User> {
    Ok(User {
        id: r.try_get(id_column)?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: word(&r.try_get::<String, _>("role")?, Role::parse)?,
        active: r.try_get::<i64, _>("active")? != 0,
    })
}

/// Creates an account; [`crate::StoreError::Conflict`] when the email is taken.
pub async fn insert(
    c: &mut Conn,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO users (email, name, role, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_one(c)
    .await
    .map_err(conflict)
}

/// An account and its password hash, by email.
pub async fn with_password(c: &mut Conn, email: &str) -> Result<Option<(User, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, u.password_hash FROM users u WHERE u.email = $1"
    ))
    .bind(email)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok((from_row(&r)?, r.try_get("password_hash")?)))
        .transpose()
}

/// The password hash of an account.
pub async fn password_hash(c: &mut Conn, id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await?,
    )
}

/// One account.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users u WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every account, by name.
pub async fn list(c: &mut Conn) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users u ORDER BY u.name, u.id"
    ))
    .fetch_all(c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// How many accounts exist.
pub async fn count(c: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(c)
        .await?)
}

/// Changes name, role and whether the account is active.
pub async fn update(c: &mut Conn, id: i64, name: &str, role: Role, active: bool) -> Result<()> {
    sqlx::query("UPDATE users SET name = $1, role = $2, active = $3 WHERE id = $4")
        .bind(name)
        .bind(role.as_str())
        .bind(i64::from(active))
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password(c: &mut Conn, id: i64, password_hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}
