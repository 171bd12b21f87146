//! The public face of concerns, as Open311 shows them: only concerns marked public in
//! public categories, and none of the reporter's fields.

use liaison_domain::categories::Answers;
use liaison_domain::concerns::{LineKind, Status};
use sqlx::Row;

use crate::{word, Conn, Result, Sql};

/// A public concern: nothing in it identifies the reporter.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicConcern {
    /// Id.
    pub id: i64,
    /// Reference (the Open311 `service_request_id`).
    pub reference: String,
    /// Where it stands.
    pub status: Status,
    /// The category's code (the Open311 `service_code`).
    pub category_code: String,
    /// The category's name.
    pub category_name: String,
    /// What the reporter said.
    pub description: String,
    /// The address or place given.
    pub address: Option<String>,
    /// The map point given.
    pub point: Option<(f64, f64)>,
    /// When it was received.
    pub received_at: i64,
    /// When anything last changed.
    pub updated_at: i64,
    /// When it is expected to be resolved.
    pub resolve_due_at: i64,
    /// The latest public update, if any.
    pub latest_update: Option<String>,
    /// The answers to the category's intake questions.
    pub answers: Answers,
}

/// A line of a public concern's timeline that the public may read: a status change, an
/// update from the office, or a duplicate mark.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicUpdate {
    /// Id of the timeline line (the Open311 `update_id`).
    pub id: i64,
    /// The concern's id.
    pub concern_id: i64,
    /// The concern's reference.
    pub reference: String,
    /// What happened.
    pub kind: LineKind,
    /// The status before a status change.
    pub from_status: Option<Status>,
    /// The concern's status once this line was written.
    pub status: Status,
    /// When.
    pub at: i64,
    /// What the office said with it, if anything.
    pub body: String,
}

/// Which public timeline lines to list, oldest first.
#[derive(Debug, Clone, Default)]
pub struct UpdateFilter {
    /// Only the lines of these concerns (when given, the dates are ignored).
    pub concern_ids: Vec<i64>,
    /// Written at or after.
    pub start: Option<i64>,
    /// Written at or before.
    pub end: Option<i64>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// The timeline lines the public may read, of concerns the public may read.
pub async fn updates(c: &mut Conn, f: &UpdateFilter) -> Result<Vec<PublicUpdate>> {
    // A line other than a status change carries the status of the last change before it.
    // An appeal's grounds are the reporter's own words, for them and the office only (as
    // their answers are): the public sees that it was appealed, not why.
    let mut sql = Sql::new(
        "SELECT e.id, e.record_id AS concern_id, c.reference, e.kind, e.changed_from, e.at, \
         CASE WHEN e.changed_to = 'appealed' THEN '' ELSE e.body END AS body, COALESCE(e.changed_to, (SELECT t.changed_to FROM timeline_lines t \
         WHERE t.record_kind = 'concern' AND t.record_id = e.record_id \
         AND t.kind = 'transition' AND t.id < e.id \
         ORDER BY t.id DESC LIMIT 1), 'received') AS status \
         FROM timeline_lines e JOIN concerns c ON c.id = e.record_id \
         JOIN categories k ON k.id = c.category_id \
         WHERE e.record_kind = 'concern' AND e.public = 1 \
         AND e.kind IN ('transition', 'update', 'duplicate') \
         AND c.confidentiality = 'public' AND k.public = 1",
    );
    if !f.concern_ids.is_empty() {
        sql.push(" AND e.record_id IN (");
        for (i, id) in f.concern_ids.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.int(*id);
        }
        sql.push(") ORDER BY e.record_id, e.id");
    } else {
        if let Some(t) = f.start {
            sql.push(" AND e.at >= ").int(t);
        }
        if let Some(t) = f.end {
            sql.push(" AND e.at <= ").int(t);
        }
        sql.push(" ORDER BY e.at, e.id");
    }
    sql.push(" LIMIT ")
        .int(f.limit)
        .push(" OFFSET ")
        .int(f.offset);
    let rows = sql.query().fetch_all(c).await?;
    rows.iter()
        .map(|r| {
            Ok(PublicUpdate {
                id: r.try_get("id")?,
                concern_id: r.try_get("concern_id")?,
                reference: r.try_get("reference")?,
                kind: word(&r.try_get::<String, _>("kind")?, LineKind::parse)?,
                from_status: r
                    .try_get::<Option<String>, _>("changed_from")?
                    .map(|s| word(&s, Status::parse))
                    .transpose()?,
                status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
                at: r.try_get("at")?,
                body: r.try_get("body")?,
            })
        })
        .collect()
}

/// Which public concerns to list.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    /// Only these references (when given, the other filters are ignored).
    pub references: Vec<String>,
    /// Only these category codes.
    pub category_codes: Vec<String>,
    /// Received at or after.
    pub start: Option<i64>,
    /// Received at or before.
    pub end: Option<i64>,
    /// Only open (`Some(true)`) or only finished (`Some(false)`) concerns.
    pub open: Option<bool>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// Public concerns matching `f`, newest first.
pub async fn list(c: &mut Conn, f: &PublicFilter) -> Result<Vec<PublicConcern>> {
    let mut sql = Sql::new(
        "SELECT c.id, c.reference, c.status, k.code AS category_code, k.name AS category_name, \
         c.description, c.address, c.lat, c.lng, c.received_at, c.updated_at, \
         c.resolve_due_at, (SELECT e.body FROM timeline_lines e WHERE e.record_kind = 'concern' \
         AND e.record_id = c.id AND e.public = 1 AND e.kind = 'update' ORDER BY e.id DESC LIMIT 1) AS latest_update, \
         c.answers FROM concerns c JOIN categories k ON k.id = +c.category_id \
         WHERE c.confidentiality = 'public' AND k.public = 1",
    );
    if !f.references.is_empty() {
        sql.push(" AND c.reference IN (");
        for (i, r) in f.references.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.text(r);
        }
        sql.push(")");
    } else {
        if !f.category_codes.is_empty() {
            sql.push(" AND k.code IN (");
            for (i, code) in f.category_codes.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.text(code);
            }
            sql.push(")");
        }
        if let Some(t) = f.start {
            sql.push(" AND c.received_at >= ").int(t);
        }
        if let Some(t) = f.end {
            sql.push(" AND c.received_at <= ").int(t);
        }
        if let Some(open) = f.open {
            sql.push(" AND c.open = ").int(i64::from(open));
        }
    }
    sql.push(" ORDER BY c.id DESC LIMIT ")
        .int(f.limit)
        .push(" OFFSET ")
        .int(f.offset);
    let rows = sql.query().fetch_all(c).await?;
    rows.iter()
        .map(|r| {
            let lat: Option<f64> = r.try_get("lat")?;
            let lng: Option<f64> = r.try_get("lng")?;
            Ok(PublicConcern {
                id: r.try_get("id")?,
                reference: r.try_get("reference")?,
                status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
                category_code: r.try_get("category_code")?,
                category_name: r.try_get("category_name")?,
                description: r.try_get("description")?,
                address: r.try_get("address")?,
                point: lat.zip(lng),
                received_at: r.try_get("received_at")?,
                updated_at: r.try_get("updated_at")?,
                resolve_due_at: r.try_get("resolve_due_at")?,
                latest_update: r.try_get("latest_update")?,
                answers: crate::json("answers", &r.try_get::<String, _>("answers")?)?,
            })
        })
        .collect()
}
