//! Reports sent monthly by email (see `migrations/0028_report_schedules.sql`): a schedule
//! and its recipients, the schedules due, and the move to the next month that claims a
//! sending.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Conn, Result};

/// A report sent monthly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSchedule {
    pub id: i64,
    /// The standard report's word.
    pub report: String,
    /// Its filters, as the report page's query string without a period.
    pub filters: String,
    /// The day of the month it goes (1 to 28).
    pub day_of_month: i64,
    /// When it goes next (UTC seconds).
    pub next_at: i64,
    /// When it went last.
    pub last_sent_at: Option<i64>,
    /// Who scheduled it, and their name.
    pub created_by: i64,
    pub created_by_name: String,
    pub created_at: i64,
    /// Its recipients (id and name), by name.
    pub recipients: Vec<(i64, String)>,
}

fn from_row(r: &AnyRow) -> Result<ReportSchedule> {
    Ok(ReportSchedule {
        id: r.try_get("id")?,
        report: r.try_get("report")?,
        filters: r.try_get("filters")?,
        day_of_month: r.try_get("day_of_month")?,
        next_at: r.try_get("next_at")?,
        last_sent_at: r.try_get("last_sent_at")?,
        created_by: r.try_get("created_by")?,
        created_by_name: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        recipients: Vec::new(),
    })
}

const SELECT: &str = "SELECT s.id, s.report, s.filters, s.day_of_month, s.next_at, \
    s.last_sent_at, s.created_by, u.name AS created_by_name, s.created_at \
    FROM report_schedules s JOIN users u ON u.id = s.created_by";

/// What a new schedule holds.
#[derive(Debug, Clone)]
pub struct NewSchedule<'a> {
    pub report: &'a str,
    pub filters: &'a str,
    pub day_of_month: i64,
    pub next_at: i64,
    pub recipients: &'a [i64],
    pub created_by: i64,
}

/// Stores a schedule and its recipients; answers its id.
pub async fn insert(c: &mut Conn, new: &NewSchedule<'_>, at: i64) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO report_schedules \
         (report, filters, day_of_month, next_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.report)
    .bind(new.filters)
    .bind(new.day_of_month)
    .bind(new.next_at)
    .bind(new.created_by)
    .bind(at)
    .fetch_one(&mut *c)
    .await?;
    for user in new.recipients {
        sqlx::query("INSERT INTO report_recipients (schedule_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*user)
            .execute(&mut *c)
            .await?;
    }
    Ok(id)
}

/// Every schedule, soonest first, with its recipients.
pub async fn list(c: &mut Conn) -> Result<Vec<ReportSchedule>> {
    let rows = sqlx::query(&format!("{SELECT} ORDER BY s.next_at, s.id"))
        .fetch_all(&mut *c)
        .await?;
    with_recipients(c, rows.iter().map(from_row).collect::<Result<_>>()?).await
}

/// The schedules due at `now`, soonest first.
pub async fn due(c: &mut Conn, now: i64) -> Result<Vec<ReportSchedule>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE s.next_at <= $1 ORDER BY s.next_at, s.id"
    ))
    .bind(now)
    .fetch_all(&mut *c)
    .await?;
    with_recipients(c, rows.iter().map(from_row).collect::<Result<_>>()?).await
}

/// One schedule.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<ReportSchedule>> {
    let row = sqlx::query(&format!("{SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    let Some(found) = row.as_ref().map(from_row).transpose()? else {
        return Ok(None);
    };
    Ok(with_recipients(c, vec![found]).await?.pop())
}

async fn with_recipients(
    c: &mut Conn,
    mut schedules: Vec<ReportSchedule>,
) -> Result<Vec<ReportSchedule>> {
    if schedules.is_empty() {
        return Ok(schedules);
    }
    let rows = sqlx::query(
        "SELECT r.schedule_id, r.user_id, u.name FROM report_recipients r \
         JOIN users u ON u.id = r.user_id ORDER BY u.name, u.id",
    )
    .fetch_all(&mut *c)
    .await?;
    for r in rows {
        let schedule: i64 = r.try_get("schedule_id")?;
        if let Some(s) = schedules.iter_mut().find(|s| s.id == schedule) {
            s.recipients
                .push((r.try_get("user_id")?, r.try_get("name")?));
        }
    }
    Ok(schedules)
}

/// Moves a schedule from `from` (its `next_at` as read) to `to`, recording `sent_at` when
/// it went; false when another node moved it first (that node sends this month's).
pub async fn advance(
    c: &mut Conn,
    id: i64,
    from: i64,
    to: i64,
    sent_at: Option<i64>,
) -> Result<bool> {
    let moved = sqlx::query(
        "UPDATE report_schedules SET next_at = $1, last_sent_at = COALESCE($2, last_sent_at) \
         WHERE id = $3 AND next_at = $4",
    )
    .bind(to)
    .bind(sent_at)
    .bind(id)
    .bind(from)
    .execute(c)
    .await?;
    Ok(moved.rows_affected() == 1)
}

/// Removes a schedule and its recipients.
pub async fn delete(c: &mut Conn, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM report_recipients WHERE schedule_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    sqlx::query("DELETE FROM report_schedules WHERE id = $1")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}
