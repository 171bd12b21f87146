//! Attachments: what describes each photo or document attached to a concern. The bytes
//! themselves live in the files folder under their SHA-256; only that hash is kept here.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::Actor;
use crate::{Conn, Result, Sql};

/// A file attached to a concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Id.
    pub id: i64,
    /// The concern it belongs to.
    pub concern_id: i64,
    /// SHA-256 of the stored bytes, in lower-case hex: the file's name in the files folder.
    pub file_hash: String,
    /// The name shown and offered for download (made safe when it was taken in).
    pub file_name: String,
    /// The content type it is served with.
    pub content_type: String,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// May be shown with its concern when the concern is public.
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

/// A file to record against a concern.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    /// The concern.
    pub concern_id: i64,
    /// SHA-256 of the stored bytes.
    pub file_hash: &'a str,
    /// The name to show.
    pub file_name: &'a str,
    /// The content type.
    pub content_type: &'a str,
    /// Size of the stored bytes.
    pub size_bytes: i64,
    /// May be shown with a public concern.
    pub public: bool,
    /// When.
    pub created_at: i64,
    /// Who attached it.
    pub actor: &'a Actor,
}

const COLUMNS: &str = "a.id, a.concern_id, a.file_hash, a.file_name, a.content_type, \
    a.size_bytes, a.public, a.created_at, a.uploaded_by_kind, a.uploaded_by, \
    u.name AS uploaded_by_name";

const FROM: &str = "FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by";

/// The condition that makes an attachment public: marked so, on a concern marked public,
/// in a category offered on the portal (the rule of `concerns::public`).
const PUBLIC: &str = "a.public = 1 AND c.confidentiality = 'public' AND k.public = 1";

/// The joins [`PUBLIC`] needs.
const PUBLIC_JOINS: &str =
    "JOIN concerns c ON c.id = a.concern_id JOIN categories k ON k.id = c.category_id";

fn from_row(r: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get("id")?,
        concern_id: r.try_get("concern_id")?,
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
        "INSERT INTO attachments (concern_id, file_hash, file_name, content_type, size_bytes, \
         public, created_at, uploaded_by_kind, uploaded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(n.concern_id)
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

/// A concern's attachments, oldest first. The caller has checked the concern is visible.
pub async fn list(c: &mut Conn, concern_id: i64) -> Result<Vec<Attachment>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.concern_id = $1 ORDER BY a.id"
    ))
    .bind(concern_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// One attachment of a concern. The caller has checked the concern is visible.
pub async fn get(c: &mut Conn, concern_id: i64, id: i64) -> Result<Option<Attachment>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.id = $1 AND a.concern_id = $2"
    ))
    .bind(id)
    .bind(concern_id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// One attachment anyone may see: marked public, on a public concern of a public category.
pub async fn get_public(c: &mut Conn, id: i64) -> Result<Option<Attachment>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} {PUBLIC_JOINS} WHERE a.id = $1 AND {PUBLIC}"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The first public attachment of each of `concern_ids` that has one (Open311's
/// `media_url`), in no particular order.
pub async fn first_public(c: &mut Conn, concern_ids: &[i64]) -> Result<Vec<Attachment>> {
    if concern_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.id IN (SELECT MIN(a.id) FROM attachments a \
         {PUBLIC_JOINS} WHERE {PUBLIC} AND a.concern_id IN ("
    ));
    for (i, id) in concern_ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.int(*id);
    }
    sql.push(") GROUP BY a.concern_id)");
    let rows = sql.query().fetch_all(c).await?;
    rows.iter().map(from_row).collect()
}
