//! Attachments: what describes each photo or document attached to a record of any kind.
//! The bytes themselves live in the files folder under their SHA-256; only that hash is
//! kept here.

use liaison_domain::records::{RecordKind, RecordRef};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Actor;
use crate::{word, Conn, Result, Sql};

/// A file attached to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Id.
    pub id: i64,
    /// The record it belongs to.
    pub record: RecordRef,
    /// SHA-256 of the stored bytes, in lower-case hex: the file's name in the files folder.
    pub file_hash: String,
    /// The name shown and offered for download (made safe when it was taken in).
    pub file_name: String,
    /// The content type it is served with.
    pub content_type: String,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// May be shown with its record when the record is public.
    pub public: bool,
    /// When it was attached.
    pub created_at: i64,
    /// `staff`, `resident`, `client` or `system`.
    pub uploaded_by_kind: String,
    /// The staff member who attached it, if staff.
    pub uploaded_by: Option<i64>,
    /// Their name.
    pub uploaded_by_name: Option<String>,
}

/// A file to record against a record.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    /// The record it belongs to.
    pub record: RecordRef,
    /// SHA-256 of the stored bytes.
    pub file_hash: &'a str,
    /// The name to show.
    pub file_name: &'a str,
    /// The content type.
    pub content_type: &'a str,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// May be shown with its record when that is public.
    pub public: bool,
    /// When.
    pub created_at: i64,
    /// Who attached it.
    pub actor: &'a Actor,
}

const COLUMNS: &str =
    "a.id, a.record_kind, a.record_id, a.file_hash, a.file_name, a.content_type, \
    a.size_bytes, a.public, a.created_at, a.uploaded_by_kind, a.uploaded_by, \
    u.name AS uploaded_by_name";

const FROM: &str = "FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by";

fn from_row(r: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get("id")?,
        record: RecordRef {
            kind: word(&r.try_get::<String, _>("record_kind")?, RecordKind::parse)?,
            id: r.try_get("record_id")?,
        },
        file_hash: r.try_get("file_hash")?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size_bytes: r.try_get("size_bytes")?,
        public: r.try_get::<i64, _>("public")? != 0,
        created_at: r.try_get("created_at")?,
        uploaded_by_kind: r.try_get("uploaded_by_kind")?,
        uploaded_by: r.try_get("uploaded_by")?,
        uploaded_by_name: r.try_get("uploaded_by_name")?,
    })
}

/// Records an attachment; returns its id.
pub async fn insert(c: &mut Conn, n: &NewAttachment<'_>) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO attachments (record_kind, record_id, file_hash, file_name, content_type, \
         size_bytes, public, created_at, uploaded_by_kind, uploaded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(n.record.kind.as_str())
    .bind(n.record.id)
    .bind(n.file_hash)
    .bind(n.file_name)
    .bind(n.content_type)
    .bind(n.size_bytes)
    .bind(i64::from(n.public))
    .bind(n.created_at)
    .bind(n.actor.kind())
    .bind(n.actor.user_id())
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// A record's attachments, oldest first. The caller has checked the record is visible.
pub async fn list(c: &mut Conn, record: RecordRef) -> Result<Vec<Attachment>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.record_kind = $1 AND a.record_id = $2 ORDER BY a.id"
    ))
    .bind(record.kind.as_str())
    .bind(record.id)
    .fetch_all(c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// One attachment of a record. The caller has checked the record is visible.
pub async fn get(c: &mut Conn, record: RecordRef, id: i64) -> Result<Option<Attachment>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.id = $1 AND a.record_kind = $2 AND a.record_id = $3"
    ))
    .bind(id)
    .bind(record.kind.as_str())
    .bind(record.id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// One attachment anyone may see: marked public, on a record anyone may see
/// (`records::public_record`).
pub async fn get_public(c: &mut Conn, id: i64) -> Result<Option<Attachment>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.id = $1 AND a.public = 1 AND {}",
        crate::records::public_record()
    ))
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The first public attachment of each of these records of one kind that has one
/// (Open311's `media_url`), in no particular order.
pub async fn first_public(c: &mut Conn, kind: RecordKind, ids: &[i64]) -> Result<Vec<Attachment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.id IN (SELECT MIN(a.id) FROM attachments a \
         WHERE a.public = 1 AND {} AND a.record_kind = ",
        crate::records::public_record()
    ));
    sql.text(kind.as_str()).push(" AND a.record_id IN (");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.int(*id);
    }
    sql.push(") GROUP BY a.record_id)");
    let rows = sql.query().fetch_all(c).await?;
    rows.iter().map(from_row).collect()
}
