//! Text per language: the versions of records' public texts in the portal's other
//! languages (`record_texts`), one row per record, field and language. Every kind of record
//! keeps its versions here; the record's own columns keep the office's language.

use std::collections::HashMap;

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::Versions;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::sql::tuples;
use crate::{Backend, Conn, Result, Sql};

/// Ids per `IN (…)` list when reading many records' versions.
const CHUNK: usize = 500;

fn put(into: &mut HashMap<i64, Versions>, r: &AnyRow) -> Result<()> {
    let id: i64 = r.try_get("record_id")?;
    let field: String = r.try_get("field")?;
    let language: String = r.try_get("language")?;
    let text: String = r.try_get("text")?;
    into.entry(id).or_default().set(&field, &language, &text);
    Ok(())
}

/// The versions of one record.
pub async fn of(c: &mut Conn, record: RecordRef) -> Result<Versions> {
    let rows = sqlx::query(
        "SELECT record_id, field, language, text FROM record_texts \
         WHERE record_kind = $1 AND record_id = $2",
    )
    .bind(record.kind.as_str())
    .bind(record.id)
    .fetch_all(c)
    .await?;
    let mut out = HashMap::new();
    for r in &rows {
        put(&mut out, r)?;
    }
    Ok(out.remove(&record.id).unwrap_or_default())
}

/// The versions of many records of one kind, by id, in one query per 500 ids. Records
/// without versions are absent.
pub async fn of_many(
    c: &mut Conn,
    kind: RecordKind,
    ids: &[i64],
) -> Result<HashMap<i64, Versions>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Sql::new(
            "SELECT record_id, field, language, text FROM record_texts WHERE record_kind = ",
        );
        q.text(kind.as_str()).push(" AND record_id IN (");
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.int(*id);
        }
        q.push(")");
        for r in &q.query().fetch_all(&mut *c).await? {
            put(&mut out, r)?;
        }
    }
    Ok(out)
}

/// The versions of every record of a kind, by id, in one query (for the few records the
/// office configures: categories, areas).
pub async fn of_kind(c: &mut Conn, kind: RecordKind) -> Result<HashMap<i64, Versions>> {
    let rows = sqlx::query(
        "SELECT record_id, field, language, text FROM record_texts WHERE record_kind = $1",
    )
    .bind(kind.as_str())
    .fetch_all(c)
    .await?;
    let mut out = HashMap::new();
    for r in &rows {
        put(&mut out, r)?;
    }
    Ok(out)
}

/// One version to write: `text` empty (or blank) removes the version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write<'a> {
    /// The field, such as `name` or `question.dust_source.label`.
    pub field: &'a str,
    /// The language, such as `es`.
    pub language: &'a str,
    /// The version, or empty to remove it.
    pub text: &'a str,
}

/// Writes versions of one record: each kept or replaced, or removed when empty. A field
/// and language named twice keeps the last. Run it in the caller's transaction.
pub async fn write(c: &mut Conn, record: RecordRef, versions: &[Write<'_>]) -> Result<()> {
    let mut kept: Vec<&Write<'_>> = Vec::new();
    let mut removed: Vec<&Write<'_>> = Vec::new();
    for (i, w) in versions.iter().enumerate() {
        let later = versions[i + 1..]
            .iter()
            .any(|o| o.field == w.field && o.language == w.language);
        if later {
            continue;
        }
        if w.text.trim().is_empty() {
            removed.push(w);
        } else {
            kept.push(w);
        }
    }
    for w in removed {
        sqlx::query(
            "DELETE FROM record_texts WHERE record_kind = $1 AND record_id = $2 AND field = $3 \
             AND language = $4",
        )
        .bind(record.kind.as_str())
        .bind(record.id)
        .bind(w.field)
        .bind(w.language)
        .execute(&mut *c)
        .await?;
    }
    // Numbered placeholders (both databases read them), 5 per row: far under either limit
    // for the texts of one record, written 100 rows at a time.
    for rows in kept.chunks(100) {
        let sql = format!(
            "INSERT INTO record_texts (record_kind, record_id, field, language, text) VALUES {} \
             ON CONFLICT (record_kind, record_id, field, language) DO UPDATE SET text = excluded.text",
            tuples(Backend::Postgres, rows.len(), 5, |_, p| p)
        );
        let mut q = sqlx::query(&sql);
        for w in rows {
            q = q
                .bind(record.kind.as_str())
                .bind(record.id)
                .bind(w.field)
                .bind(w.language)
                .bind(w.text);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Removes the versions of every field of a record but `fields` (the texts it still has):
/// a removed question's or choice's versions go with it. Answers how many were removed.
pub async fn keep_only(c: &mut Conn, record: RecordRef, fields: &[String]) -> Result<u64> {
    let mut q = Sql::new("DELETE FROM record_texts WHERE record_kind = ");
    q.text(record.kind.as_str())
        .push(" AND record_id = ")
        .int(record.id);
    if !fields.is_empty() {
        q.push(" AND field NOT IN (");
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.text(f.as_str());
        }
        q.push(")");
    }
    Ok(q.query().execute(c).await?.rows_affected())
}
