//! Imports of contacts files into the register: the file (kept in the files folder by its
//! hash), how its columns are read, and how far the import has got — in the database, so
//! every server shows the same preview and progress.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Conn, Result};

/// An import as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Its id.
    pub id: i64,
    /// Who started it (none from the command line).
    pub user_id: Option<i64>,
    /// The file's SHA-256 in the files folder.
    pub file_hash: String,
    /// The file's name as uploaded.
    pub file_name: String,
    /// `csv` or `vcard`.
    pub format: String,
    /// Each CSV column's word, in the file's order.
    pub mapping: Vec<String>,
    /// Whether likely duplicates of records already there are left out.
    pub skip_duplicates: bool,
    /// `preview`, `running`, `done` or `failed`.
    pub status: String,
    /// Rows in the file.
    pub total: i64,
    /// Rows dealt with so far.
    pub done: i64,
    /// Rows added to the register.
    pub imported: i64,
    /// Rows left out as likely duplicates.
    pub skipped: i64,
    /// Rows left out as invalid.
    pub invalid: i64,
    /// When it was uploaded.
    pub created_at: i64,
    /// When it last moved on.
    pub updated_at: i64,
}

fn from_row(r: &AnyRow) -> Result<Import> {
    let mapping: String = r.try_get("mapping")?;
    Ok(Import {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        file_hash: r.try_get("file_hash")?,
        file_name: r.try_get("file_name")?,
        format: r.try_get("format")?,
        mapping: mapping
            .split(',')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect(),
        skip_duplicates: r.try_get::<i64, _>("skip_duplicates")? != 0,
        status: r.try_get("status")?,
        total: r.try_get("total")?,
        done: r.try_get("done")?,
        imported: r.try_get("imported")?,
        skipped: r.try_get("skipped")?,
        invalid: r.try_get("invalid")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Records an uploaded file, in preview; returns the import's id.
pub async fn create(c: &mut Conn, i: &Import, at: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO imports (user_id, file_hash, file_name, format, mapping, skip_duplicates, \
         status, total, done, imported, skipped, invalid, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'preview', $7, 0, 0, 0, 0, $8, $8) RETURNING id",
    )
    .bind(i.user_id)
    .bind(&i.file_hash)
    .bind(&i.file_name)
    .bind(&i.format)
    .bind(i.mapping.join(","))
    .bind(i64::from(i.skip_duplicates))
    .bind(i.total)
    .bind(at)
    .fetch_one(c)
    .await?)
}

/// One import.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<Import>> {
    let row = sqlx::query("SELECT * FROM imports WHERE id = $1")
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Reads the file's columns anew (still in preview).
pub async fn set_mapping(c: &mut Conn, id: i64, mapping: &[String], at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE imports SET mapping = $1, updated_at = $2 WHERE id = $3 AND status = 'preview'",
    )
    .bind(mapping.join(","))
    .bind(at)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

/// Starts an import that was in preview; false when it was not (already started).
pub async fn start(c: &mut Conn, id: i64, skip_duplicates: bool, at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE imports SET status = 'running', skip_duplicates = $1, updated_at = $2 \
         WHERE id = $3 AND status = 'preview'",
    )
    .bind(i64::from(skip_duplicates))
    .bind(at)
    .bind(id)
    .execute(c)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Counts a batch of rows dealt with: in the batch's own transaction, so the count is
/// exactly what was written.
pub async fn advance(
    c: &mut Conn,
    id: i64,
    rows: i64,
    imported: i64,
    skipped: i64,
    invalid: i64,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE imports SET done = done + $1, imported = imported + $2, skipped = skipped + $3, \
         invalid = invalid + $4, updated_at = $5 WHERE id = $6",
    )
    .bind(rows)
    .bind(imported)
    .bind(skipped)
    .bind(invalid)
    .bind(at)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

/// Ends an import: `done` or `failed`.
pub async fn finish(c: &mut Conn, id: i64, status: &str, at: i64) -> Result<()> {
    sqlx::query("UPDATE imports SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status)
        .bind(at)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}
