//! The office's own settings: one row.

use liaison_domain::office::WorkingCalendar;
use sqlx::Row;

use crate::{Conn, Result, StoreError};

/// The office as configured by its administrators.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// Shown on every page and in messages to residents.
    pub name: String,
    /// Time zone and working hours.
    pub calendar: WorkingCalendar,
    /// The category mail to the office becomes a concern in, when it answers no letter.
    pub mail_category_id: Option<i64>,
}

impl Default for Office {
    fn default() -> Self {
        Self {
            name: "Community Liaison Office".into(),
            calendar: WorkingCalendar::default(),
            mail_category_id: None,
        }
    }
}

/// The office settings, or the defaults before anyone saved them.
pub async fn get(c: &mut Conn) -> Result<Office> {
    let row = sqlx::query(
        "SELECT name, time_zone, working_days, work_start, work_end, mail_category_id \
         FROM office WHERE id = 1",
    )
    .fetch_optional(&mut *c)
    .await?;
    let Some(row) = row else {
        return Ok(Office::default());
    };
    let text = |n: &str| row.try_get::<String, _>(n);
    let calendar = WorkingCalendar::parse(
        &text("time_zone")?,
        &text("working_days")?,
        &liaison_domain::office::format_clock(row.try_get::<i64, _>("work_start")? as u32),
        &liaison_domain::office::format_clock(row.try_get::<i64, _>("work_end")? as u32),
    )
    .map_err(|e| StoreError::Corrupt(format!("office calendar: {e:?}")))?;
    Ok(Office {
        name: text("name")?,
        calendar,
        mail_category_id: row.try_get("mail_category_id")?,
    })
}

/// Saves the office settings.
pub async fn save(c: &mut Conn, office: &Office, now: i64) -> Result<()> {
    let cal = &office.calendar;
    sqlx::query(
        "INSERT INTO office (id, name, time_zone, working_days, work_start, work_end, updated_at, \
         mail_category_id) VALUES (1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE \
         SET name = excluded.name, time_zone = excluded.time_zone, \
         working_days = excluded.working_days, work_start = excluded.work_start, \
         work_end = excluded.work_end, updated_at = excluded.updated_at, \
         mail_category_id = excluded.mail_category_id",
    )
    .bind(&office.name)
    .bind(cal.time_zone.name())
    .bind(cal.days_text())
    .bind(i64::from(cal.start_minute))
    .bind(i64::from(cal.end_minute))
    .bind(now)
    .bind(office.mail_category_id)
    .execute(c)
    .await?;
    Ok(())
}
