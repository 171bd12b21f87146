//! Saved lists of the register: a list's filters under a name, a staff member's own or
//! shared with the office.

use liaison_domain::records::RecordKind;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{word, Conn, Result};

/// A saved list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedList {
    /// Its id.
    pub id: i64,
    /// People or organizations.
    pub kind: RecordKind,
    /// Its name.
    pub name: String,
    /// The list's query string.
    pub query: String,
    /// Who saved it.
    pub owner_id: i64,
    /// Their name.
    pub owner_name: String,
    /// Whether every staff member who reads the register sees it.
    pub shared: bool,
    /// When it was saved.
    pub created_at: i64,
}

fn from_row(r: &AnyRow) -> Result<SavedList> {
    Ok(SavedList {
        id: r.try_get("id")?,
        kind: word(&r.try_get::<String, _>("record_kind")?, RecordKind::parse)?,
        name: r.try_get("name")?,
        query: r.try_get("query")?,
        owner_id: r.try_get("owner_id")?,
        owner_name: r.try_get("owner_name")?,
        shared: r.try_get::<i64, _>("shared")? != 0,
        created_at: r.try_get("created_at")?,
    })
}

const SELECT: &str = "SELECT l.id, l.record_kind, l.name, l.query, l.owner_id, \
    u.name AS owner_name, l.shared, l.created_at FROM saved_lists l JOIN users u ON u.id = l.owner_id";

/// Saves a list; returns its id.
pub async fn insert(
    c: &mut Conn,
    kind: RecordKind,
    name: &str,
    query: &str,
    owner: i64,
    shared: bool,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO saved_lists (record_kind, name, query, owner_id, shared, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(kind.as_str())
    .bind(name)
    .bind(query)
    .bind(owner)
    .bind(i64::from(shared))
    .bind(at)
    .fetch_one(c)
    .await?)
}

/// The lists of one kind `user` sees: their own and the shared ones, by name.
pub async fn of(c: &mut Conn, kind: RecordKind, user: i64) -> Result<Vec<SavedList>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE l.record_kind = $1 AND (l.owner_id = $2 OR l.shared = 1) \
         ORDER BY l.name, l.id"
    ))
    .bind(kind.as_str())
    .bind(user)
    .fetch_all(c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// One list.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<SavedList>> {
    let row = sqlx::query(&format!("{SELECT} WHERE l.id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Forgets a list.
pub async fn delete(c: &mut Conn, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM saved_lists WHERE id = $1")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}
