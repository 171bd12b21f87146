//! The commitments register (see `migrations/0021_commitments.sql`): promises with an owner,
//! a due day and where they stand. Every read names the reader's `Sight`: the owner is
//! the one responsible.

use liaison_domain::commitments::{Source, Status, Terms};
use liaison_domain::values::{self, Day};
use liaison_domain::visibility::Confidentiality;
use liaison_domain::Sight;
use sqlx::Row;

use crate::visibility::{push, Guarded};
use crate::{word, Conn, Result, Sql};

/// Where commitments keep what the visibility rule reads.
pub const GUARDED: Guarded = Guarded {
    level: "k.confidentiality",
    responsible: "k.owner_id",
    kept: None,
};

/// A commitment as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub id: i64,
    pub terms: Terms,
    pub owner_name: String,
    pub status: Status,
    /// The evidence it was kept, or why it was dropped.
    pub evidence: String,
    pub source: Source,
    /// The concern it was made on (a concern's, or its mediation's).
    pub concern_id: Option<i64>,
    pub concern_reference: Option<String>,
    /// The mediation whose agreement it is a term of.
    pub mediation_id: Option<i64>,
    /// The engagement it was made at.
    pub engagement_id: Option<i64>,
    /// `''`, `due` or `late`: the reminders sent so far.
    pub reminded: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

const COLUMNS: &str = "k.id, k.title, k.description, k.owner_id, u.name AS owner_name, \
    k.due_on, k.status, k.evidence, k.confidentiality, k.public, k.source, k.concern_id, \
    c.reference AS concern_reference, k.mediation_id, k.engagement_id, k.reminded, k.created_at, k.updated_at, k.closed_at \
    FROM commitments k JOIN users u ON u.id = k.owner_id \
    LEFT JOIN concerns c ON c.id = k.concern_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Commitment> {
    let due: String = r.try_get("due_on")?;
    let due_on = values::day(&due)
        .ok()
        .flatten()
        .ok_or_else(|| crate::StoreError::Corrupt(format!("day {due:?}")))?;
    Ok(Commitment {
        id: r.try_get("id")?,
        terms: Terms {
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            owner: r.try_get("owner_id")?,
            due_on,
            confidentiality: word(
                &r.try_get::<String, _>("confidentiality")?,
                Confidentiality::parse,
            )?,
            public: r.try_get::<i64, _>("public")? != 0,
        },
        owner_name: r.try_get("owner_name")?,
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        evidence: r.try_get("evidence")?,
        source: word(&r.try_get::<String, _>("source")?, Source::parse)?,
        concern_id: r.try_get("concern_id")?,
        concern_reference: r.try_get("concern_reference")?,
        mediation_id: r.try_get("mediation_id")?,
        engagement_id: r.try_get("engagement_id")?,
        reminded: r.try_get("reminded")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        closed_at: r.try_get("closed_at")?,
    })
}

/// The records a commitment was made on, besides its source: a concern (its own, or its
/// mediation's), a mediation, an engagement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    pub concern: Option<i64>,
    pub mediation: Option<i64>,
    pub engagement: Option<i64>,
}

/// Records a new, open commitment; answers its id.
pub async fn insert(
    c: &mut Conn,
    t: &Terms,
    source: Source,
    origin: Origin,
    by: Option<i64>,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO commitments (title, description, owner_id, due_on, status, open, \
         evidence, confidentiality, public, source, concern_id, mediation_id, engagement_id, \
         reminded, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'open', 1, '', $5, $6, $7, $8, $9, $10, '', $11, $12, $12) \
         RETURNING id",
    )
    .bind(&t.title)
    .bind(&t.description)
    .bind(t.owner)
    .bind(values::day_text(t.due_on))
    .bind(t.confidentiality.as_str())
    .bind(i64::from(t.public))
    .bind(source.as_str())
    .bind(origin.concern)
    .bind(origin.mediation)
    .bind(origin.engagement)
    .bind(by)
    .bind(at)
    .fetch_one(&mut *c)
    .await?)
}

/// Writes a commitment's terms, status and evidence back. A new owner or day starts the
/// reminders again.
pub async fn update(c: &mut Conn, k: &Commitment, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE commitments SET title = $1, description = $2, owner_id = $3, due_on = $4, \
         confidentiality = $5, public = $6, status = $7, open = $8, evidence = $9, \
         reminded = $10, updated_at = $11, closed_at = $12 WHERE id = $13",
    )
    .bind(&k.terms.title)
    .bind(&k.terms.description)
    .bind(k.terms.owner)
    .bind(values::day_text(k.terms.due_on))
    .bind(k.terms.confidentiality.as_str())
    .bind(i64::from(k.terms.public))
    .bind(k.status.as_str())
    .bind(i64::from(k.status.is_open()))
    .bind(&k.evidence)
    .bind(&k.reminded)
    .bind(at)
    .bind(k.closed_at)
    .bind(k.id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// One commitment, if `sight` lets its reader see it.
pub async fn get(c: &mut Conn, id: i64, sight: Sight) -> Result<Option<Commitment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE k.id = "));
    sql.int(id);
    push(&mut sql, sight, GUARDED);
    let row = sql.query().fetch_optional(&mut *c).await?;
    row.as_ref().map(from_row).transpose()
}

/// Which commitments a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Open and in progress, soonest due first.
    #[default]
    Open,
    /// The reader's own open ones.
    Mine,
    /// Open ones past their day.
    Late,
    /// Kept and dropped, soonest due first.
    Closed,
}

/// A page of commitments `sight` lets its reader see, by due day then id, after the
/// cursor; and where the next page starts.
pub async fn list(
    c: &mut Conn,
    view: View,
    me: i64,
    today: Day,
    after: Option<(Day, i64)>,
    limit: i64,
    sight: Sight,
) -> Result<(Vec<Commitment>, Option<(Day, i64)>)> {
    let limit = limit.clamp(1, 200);
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE "));
    match view {
        View::Open => sql.push("k.open = 1"),
        View::Mine => sql.push("k.open = 1 AND k.owner_id = ").int(me),
        View::Late => sql
            .push("k.open = 1 AND k.due_on < ")
            .text(values::day_text(today)),
        View::Closed => sql.push("k.open = 0"),
    };
    if let Some((d, id)) = after {
        let d = values::day_text(d);
        sql.push(" AND (k.due_on > ")
            .text(d.as_str())
            .push(" OR (k.due_on = ")
            .text(d)
            .push(" AND k.id > ")
            .int(id)
            .push("))");
    }
    push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY k.due_on, k.id LIMIT ").int(limit + 1);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let next = if found.len() as i64 > limit {
        found.truncate(limit as usize);
        found.last().map(|k| (k.terms.due_on, k.id))
    } else {
        None
    };
    Ok((found, next))
}

/// The commitments made on a concern that `sight` lets its reader see, oldest first.
pub async fn of_concern(c: &mut Conn, concern_id: i64, sight: Sight) -> Result<Vec<Commitment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE k.concern_id = "));
    sql.int(concern_id);
    push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY k.id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// The terms of a mediation's agreement that `sight` lets its reader see, oldest first.
pub async fn of_mediation(
    c: &mut Conn,
    mediation_id: i64,
    sight: Sight,
) -> Result<Vec<Commitment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE k.mediation_id = "));
    sql.int(mediation_id);
    push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY k.id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// The commitments made at an engagement that `sight` lets its reader see, oldest first.
pub async fn of_engagement(
    c: &mut Conn,
    engagement_id: i64,
    sight: Sight,
) -> Result<Vec<Commitment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE k.engagement_id = "));
    sql.int(engagement_id);
    push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY k.id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// Public commitments for the portal ("you said, we did"): those still open, soonest due
/// first, then those kept or dropped since `closed_since`, latest first; at most `limit`.
pub async fn public(c: &mut Conn, closed_since: i64, limit: i64) -> Result<Vec<Commitment>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} WHERE k.public = 1 AND k.confidentiality = 'public' \
         AND (k.open = 1 OR k.closed_at >= "
    ));
    sql.int(closed_since)
        .push(") ORDER BY k.open DESC, k.due_on, k.id LIMIT ")
        .int(limit.clamp(1, 1000));
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// Open commitments due on or before `by` whose owner was not yet told what `stage`
/// (`due` or `late`) tells, earliest first, at most `limit`.
pub async fn to_remind(c: &mut Conn, by: Day, stage: &str, limit: i64) -> Result<Vec<Commitment>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} WHERE k.open = 1 AND k.due_on <= "
    ));
    sql.text(values::day_text(by));
    // `late` follows `due`: a commitment told it is late is never told it comes due.
    if stage == "due" {
        sql.push(" AND k.reminded = ''");
    } else {
        sql.push(" AND k.reminded <> ").text(stage);
    }
    sql.push(" ORDER BY k.due_on, k.id LIMIT ").int(limit);
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// Marks what the owner of commitment `id` was told: `due` or `late`.
pub async fn reminded(c: &mut Conn, id: i64, stage: &str) -> Result<()> {
    sqlx::query("UPDATE commitments SET reminded = $1 WHERE id = $2")
        .bind(stage)
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(())
}
