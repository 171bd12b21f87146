//! Reporters' satisfaction with how their concern was handled (see
//! `migrations/0019_satisfaction.sql`).

use crate::{Conn, Result};

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub concern_id: i64,
    pub satisfied: bool,
    /// Why, in their words (may be empty).
    pub reason: String,
    /// How it came: `portal`, `email`, `phone`, `visit` or `meeting`.
    pub via: String,
    /// The officer who recorded it, when it came by another way than the portal.
    pub recorded_by: Option<i64>,
    pub at: i64,
}

/// Records an answer.
pub async fn insert(c: &mut Conn, a: &Answer) -> Result<()> {
    sqlx::query(
        "INSERT INTO satisfaction (concern_id, satisfied, reason, via, recorded_by, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(a.concern_id)
    .bind(i64::from(a.satisfied))
    .bind(&a.reason)
    .bind(&a.via)
    .bind(a.recorded_by)
    .bind(a.at)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// When the concern's reporter last answered, if ever.
pub async fn last_at(c: &mut Conn, concern_id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT MAX(at) FROM satisfaction WHERE concern_id = $1")
            .bind(concern_id)
            .fetch_one(&mut *c)
            .await?,
    )
}
