//! Escalation rules per category, the concerns they are due to act on, and what they did
//! (see `migrations/0018_escalation.sql`).

use liaison_domain::escalation::{Rule, Rules};
use sqlx::Row;

use crate::{Conn, Result};

/// Every category's rules that act, by category.
pub async fn all(c: &mut Conn) -> Result<Vec<(i64, Rules)>> {
    let rows = sqlx::query(
        "SELECT category_id, tell_unacknowledged, escalate_after_days, escalate_to \
         FROM category_rules ORDER BY category_id",
    )
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("category_id")?,
                Rules {
                    tell_unacknowledged: r.try_get::<i64, _>("tell_unacknowledged")? != 0,
                    escalate_after_days: r
                        .try_get::<Option<i64>, _>("escalate_after_days")?
                        .map(|d| d.clamp(0, i64::from(u32::MAX)) as u32),
                    escalate_to: r.try_get("escalate_to")?,
                },
            ))
        })
        .collect()
}

/// One category's rules (none set: no rule acts).
pub async fn of(c: &mut Conn, category_id: i64) -> Result<Rules> {
    Ok(all(c)
        .await?
        .into_iter()
        .find(|(k, _)| *k == category_id)
        .map(|(_, r)| r)
        .unwrap_or_default())
}

/// Saves a category's rules.
pub async fn save(c: &mut Conn, category_id: i64, rules: &Rules, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO category_rules (category_id, tell_unacknowledged, escalate_after_days, \
         escalate_to, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (category_id) DO \
         UPDATE SET tell_unacknowledged = excluded.tell_unacknowledged, \
         escalate_after_days = excluded.escalate_after_days, \
         escalate_to = excluded.escalate_to, updated_at = excluded.updated_at",
    )
    .bind(category_id)
    .bind(i64::from(rules.tell_unacknowledged))
    .bind(rules.escalate_after_days.map(i64::from))
    .bind(rules.escalate_to)
    .bind(at)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Open concerns of a category whose deadline for `rule` (acknowledging for
/// `Unacknowledged`, resolving for `Overdue`) fell in `(after, until]`, that the rule has
/// not acted on, earliest first, at most `limit`. Read from the category's index on the
/// deadline: the cost is the concerns in the window, whatever the history.
pub async fn due(
    c: &mut Conn,
    category_id: i64,
    rule: Rule,
    after: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<i64>> {
    let (deadline, pending) = match rule {
        Rule::Unacknowledged => ("ack_due_at", "c.acknowledged_at IS NULL"),
        Rule::Overdue => ("resolve_due_at", "c.status NOT IN ('resolved', 'closed')"),
    };
    Ok(sqlx::query_scalar(&format!(
        "SELECT c.id FROM concerns c WHERE c.category_id = $1 AND c.open = 1 \
         AND c.{deadline} > $2 AND c.{deadline} <= $3 AND {pending} \
         AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.concern_id = c.id AND e.rule = $4) \
         ORDER BY c.{deadline}, c.id LIMIT $5"
    ))
    .bind(category_id)
    .bind(after)
    .bind(until)
    .bind(rule.as_str())
    .bind(limit)
    .fetch_all(&mut *c)
    .await?)
}

/// Records that `rule` acted on the concern; `false` when it already had (the caller then
/// does nothing).
pub async fn record(c: &mut Conn, concern_id: i64, rule: Rule, at: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO escalations (concern_id, rule, at) VALUES ($1, $2, $3) \
         ON CONFLICT (concern_id, rule) DO NOTHING",
    )
    .bind(concern_id)
    .bind(rule.as_str())
    .bind(at)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}
