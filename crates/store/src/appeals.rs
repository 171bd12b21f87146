//! Appeals of how a concern was decided, and each category's appeal window (see
//! `migrations/0020_appeals.sql`).

use liaison_domain::appeals::Window;
use sqlx::Row;

use crate::{Conn, Result};

/// A category's appeal window (the defaults when none is set).
pub async fn window(c: &mut Conn, category_id: i64) -> Result<Window> {
    let row = sqlx::query(
        "SELECT appeal_days, appeal_review_days FROM category_rules WHERE category_id = $1",
    )
    .bind(category_id)
    .fetch_optional(&mut *c)
    .await?;
    let days = |v: i64| v.clamp(0, i64::from(u32::MAX)) as u32;
    Ok(match row {
        Some(r) => Window {
            days: days(r.try_get("appeal_days")?),
            review_days: days(r.try_get("appeal_review_days")?),
        },
        None => Window::default(),
    })
}

/// Sets a category's appeal window (its escalation rules stay as they are).
pub async fn save_window(c: &mut Conn, category_id: i64, w: Window, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO category_rules (category_id, tell_unacknowledged, appeal_days, \
         appeal_review_days, updated_at) VALUES ($1, 0, $2, $3, $4) ON CONFLICT (category_id) \
         DO UPDATE SET appeal_days = excluded.appeal_days, \
         appeal_review_days = excluded.appeal_review_days, updated_at = excluded.updated_at",
    )
    .bind(category_id)
    .bind(i64::from(w.days))
    .bind(i64::from(w.review_days))
    .bind(at)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// The decision an appeal would be of: the concern's last step to resolved or rejected —
/// when, by whom (a staff member's id), and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Its timeline line.
    pub line: i64,
    pub at: i64,
    pub by: Option<i64>,
    /// `resolved` or `rejected`.
    pub status: String,
}

/// The concern's last decision, if it was ever resolved or rejected.
pub async fn last_decision(c: &mut Conn, concern_id: i64) -> Result<Option<Decision>> {
    let row = sqlx::query(
        "SELECT id, at, actor_id, changed_to FROM timeline_lines WHERE record_kind = 'concern' \
         AND record_id = $1 AND kind = 'transition' AND changed_to IN ('resolved', 'rejected') \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(concern_id)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|r| {
        Ok(Decision {
            line: r.try_get("id")?,
            at: r.try_get("at")?,
            by: r.try_get("actor_id")?,
            status: r.try_get("changed_to")?,
        })
    })
    .transpose()
}

/// An appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appeal {
    pub id: i64,
    pub concern_id: i64,
    pub lodged_at: i64,
    /// How it came: `portal`, `phone`, `visit`, `meeting` or `email`.
    pub via: String,
    pub grounds: String,
    /// The officer who recorded it, when it did not come from the tracking page.
    pub lodged_by: Option<i64>,
    /// What was appealed: the decision's status, when and by whom it was taken.
    pub decision: Decision,
    /// The review's deadline.
    pub due_at: i64,
    /// `uphold` or `overturn`, once reviewed.
    pub outcome: Option<String>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<i64>,
    /// The reviewer's reason, told to the reporter.
    pub reason: Option<String>,
}

/// Records a new appeal; answers its id.
pub async fn insert(c: &mut Conn, a: &Appeal) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO appeals (concern_id, lodged_at, via, grounds, lodged_by, decision_line, \
         decision, decided_at, decided_by, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(a.concern_id)
    .bind(a.lodged_at)
    .bind(&a.via)
    .bind(&a.grounds)
    .bind(a.lodged_by)
    .bind(a.decision.line)
    .bind(&a.decision.status)
    .bind(a.decision.at)
    .bind(a.decision.by)
    .bind(a.due_at)
    .fetch_one(&mut *c)
    .await?)
}

/// Records the review of appeal `id`: `outcome` (`uphold` or `overturn`), by whom, why.
pub async fn review(
    c: &mut Conn,
    id: i64,
    outcome: &str,
    by: i64,
    reason: &str,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE appeals SET outcome = $1, reviewed_by = $2, reviewed_at = $3, reason = $4 \
         WHERE id = $5 AND outcome IS NULL",
    )
    .bind(outcome)
    .bind(by)
    .bind(at)
    .bind(reason)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// A concern's appeals, oldest first.
pub async fn of_concern(c: &mut Conn, concern_id: i64) -> Result<Vec<Appeal>> {
    let rows = sqlx::query(
        "SELECT id, concern_id, lodged_at, via, grounds, lodged_by, decision_line, decision, \
         decided_at, \
         decided_by, due_at, outcome, reviewed_by, reviewed_at, reason FROM appeals \
         WHERE concern_id = $1 ORDER BY id",
    )
    .bind(concern_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Appeal {
                id: r.try_get("id")?,
                concern_id: r.try_get("concern_id")?,
                lodged_at: r.try_get("lodged_at")?,
                via: r.try_get("via")?,
                grounds: r.try_get("grounds")?,
                lodged_by: r.try_get("lodged_by")?,
                decision: Decision {
                    line: r.try_get("decision_line")?,
                    at: r.try_get("decided_at")?,
                    by: r.try_get("decided_by")?,
                    status: r.try_get("decision")?,
                },
                due_at: r.try_get("due_at")?,
                outcome: r.try_get("outcome")?,
                reviewed_by: r.try_get("reviewed_by")?,
                reviewed_at: r.try_get("reviewed_at")?,
                reason: r.try_get("reason")?,
            })
        })
        .collect()
}
