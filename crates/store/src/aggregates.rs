//! The office's figures kept as concerns change (`liaison_domain::aggregates`): every
//! write of a concern adds what changed to `concern_tallies` and `concern_durations` in
//! the same transaction, and [`rebuild`] recounts them from the concerns.
//!
//! Dashboards and reports read these tables, a few hundred rows for a quarter, instead of
//! the concerns themselves.

use chrono::NaiveDate;
use chrono_tz::Tz;
use liaison_domain::aggregates::{
    ConcernFacts, Counts, Cut, DurationKey, Measure, Tallies, TallyKey, COUNT_COLUMNS,
};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Backend, Conn, Result, Sql, StoreError};

/// The figures' tables: derived from the concerns, never copied by an export (an imported
/// office recounts them).
pub const TABLES: [&str; 3] = ["concern_tallies", "concern_durations", "aggregates_state"];

/// The columns of `concerns` the figures depend on, as [`facts_from_row`] reads them.
pub(crate) const FACTS: &str = "id, category_id, area_id, channel, assignee_id, received_at, \
    acknowledged_at, ack_due_at, resolved_at, resolve_due_at, closed_at, open";

pub(crate) fn facts_from_row(r: &AnyRow) -> Result<ConcernFacts> {
    Ok(ConcernFacts {
        id: r.try_get("id")?,
        category_id: r.try_get("category_id")?,
        area_id: r.try_get("area_id")?,
        channel: r.try_get("channel")?,
        officer_id: r.try_get("assignee_id")?,
        received_at: r.try_get("received_at")?,
        acknowledged_at: r.try_get("acknowledged_at")?,
        ack_due_at: r.try_get("ack_due_at")?,
        resolved_at: r.try_get("resolved_at")?,
        resolve_due_at: r.try_get("resolve_due_at")?,
        closed_at: r.try_get("closed_at")?,
        open: r.try_get::<i64, _>("open")? != 0,
    })
}

/// A concern's facts as stored now, if it exists.
pub(crate) async fn facts(c: &mut Conn, id: i64) -> Result<Option<ConcernFacts>> {
    let row = sqlx::query(&format!("SELECT {FACTS} FROM concerns WHERE id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?;
    row.as_ref().map(facts_from_row).transpose()
}

/// Where the figures stand: the zone their days are counted in, and when they were last
/// recounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The zone of their days.
    pub time_zone: Tz,
    /// When they were last recounted (UTC seconds; 0: never, and they must be).
    pub built_at: i64,
}

/// Where the figures stand.
pub async fn state(c: &mut Conn) -> Result<State> {
    let (zone, built_at): (String, i64) =
        sqlx::query_as("SELECT time_zone, built_at FROM aggregates_state WHERE id = 1")
            .fetch_one(c)
            .await?;
    let time_zone = zone
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("aggregates time zone {zone:?}")))?;
    Ok(State {
        time_zone,
        built_at,
    })
}

/// Adds what concerns' changes contribute (`liaison_domain::aggregates::Tallies::change`).
/// Rows are written in key order, so two transactions lock shared rows in the same order.
pub(crate) async fn apply(c: &mut Conn, change: &Tallies) -> Result<()> {
    const KEY: usize = 7;
    let counts: Vec<(&TallyKey, &Counts)> = change.counts.iter().collect();
    let per = crate::sql::rows_per_statement(KEY + COUNT_COLUMNS.len());
    for chunk in counts.chunks(per) {
        let updates = COUNT_COLUMNS
            .iter()
            .map(|col| format!("{col} = concern_tallies.{col} + excluded.{col}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO concern_tallies (cut, day, category_id, area_id, channel, officer_id, \
             shard, {}) VALUES {} ON CONFLICT (cut, day, category_id, area_id, channel, \
             officer_id, shard) DO UPDATE SET {updates}",
            COUNT_COLUMNS.join(", "),
            crate::sql::tuples(
                Backend::Postgres,
                chunk.len(),
                KEY + COUNT_COLUMNS.len(),
                |_, p| p
            )
        );
        let mut q = sqlx::query(&sql);
        for (k, n) in chunk {
            q = q
                .bind(k.cut.as_str())
                .bind(k.day)
                .bind(k.category_id)
                .bind(k.area_id)
                .bind(k.channel.as_str())
                .bind(k.officer_id)
                .bind(k.shard);
            for v in n.columns() {
                q = q.bind(v);
            }
        }
        q.execute(&mut *c).await?;
    }
    let durations: Vec<(&DurationKey, &i64)> = change.durations.iter().collect();
    for chunk in durations.chunks(crate::sql::rows_per_statement(5)) {
        let sql = format!(
            "INSERT INTO concern_durations (measure, day, bucket, shard, n) VALUES {} \
             ON CONFLICT (measure, day, bucket, shard) DO UPDATE SET n = concern_durations.n + excluded.n",
            crate::sql::tuples(Backend::Postgres, chunk.len(), 5, |_, p| p)
        );
        let mut q = sqlx::query(&sql);
        for (k, n) in chunk {
            q = q
                .bind(k.measure.as_str())
                .bind(k.day)
                .bind(k.bucket)
                .bind(k.shard)
                .bind(**n);
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

/// Adds what the concerns in `changes` (each as it was, none when new, and as it is now)
/// change in the figures.
pub(crate) async fn record(
    c: &mut Conn,
    changes: &[(Option<ConcernFacts>, ConcernFacts)],
) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let tz = state(&mut *c).await?.time_zone;
    let mut total = Tallies::default();
    for (before, after) in changes {
        let one = Tallies::change(before.as_ref(), after, tz);
        for (k, n) in one.counts {
            total.counts.entry(k).or_default().add(&n, 1);
        }
        for (k, n) in one.durations {
            *total.durations.entry(k).or_default() += n;
        }
    }
    apply(c, &total.without_zeros()).await
}

/// Counts the figures of every concern afresh, in `tz`.
pub async fn recount(c: &mut Conn, tz: Tz) -> Result<Tallies> {
    let mut all = Tallies::default();
    let mut after = 0_i64;
    while let Some(last) = count_page(&mut *c, after, tz, &mut all).await? {
        after = last;
    }
    Ok(all.without_zeros())
}

/// Adds the figures of the page of concerns after id `after` to `into`; answers the page's
/// last id (none: there was no page).
async fn count_page(c: &mut Conn, after: i64, tz: Tz, into: &mut Tallies) -> Result<Option<i64>> {
    let rows = sqlx::query(&format!(
        "SELECT {FACTS} FROM concerns WHERE id > $1 ORDER BY id LIMIT 5000"
    ))
    .bind(after)
    .fetch_all(c)
    .await?;
    for r in &rows {
        into.add(&facts_from_row(r)?, tz, 1);
    }
    rows.last().map(|r| Ok(r.try_get("id")?)).transpose()
}

/// The figures as stored, every key (for comparing with [`recount`]).
pub async fn stored(c: &mut Conn) -> Result<Tallies> {
    let mut t = Tallies::default();
    let rows = sqlx::query(&format!(
        "SELECT cut, day, category_id, area_id, channel, officer_id, shard, {} FROM concern_tallies",
        COUNT_COLUMNS.join(", ")
    ))
    .fetch_all(&mut *c)
    .await?;
    for r in &rows {
        let cut: String = r.try_get("cut")?;
        let key = TallyKey {
            cut: Cut::parse(&cut).ok_or_else(|| StoreError::Corrupt(format!("cut {cut:?}")))?,
            day: r.try_get("day")?,
            category_id: r.try_get("category_id")?,
            area_id: r.try_get("area_id")?,
            channel: r.try_get("channel")?,
            officer_id: r.try_get("officer_id")?,
            shard: r.try_get("shard")?,
        };
        t.counts.insert(key, counts_from_row(r)?);
    }
    let rows: Vec<(String, i64, i64, i64, i64)> =
        sqlx::query_as("SELECT measure, day, bucket, shard, n FROM concern_durations")
            .fetch_all(&mut *c)
            .await?;
    for (measure, day, bucket, shard, n) in rows {
        let measure = Measure::parse(&measure)
            .ok_or_else(|| StoreError::Corrupt(format!("measure {measure:?}")))?;
        let key = DurationKey {
            measure,
            day,
            bucket,
            shard,
        };
        t.durations.insert(key, n);
    }
    Ok(t.without_zeros())
}

/// Marks the figures as needing a recount before they are read again (after concerns were
/// written in bulk without them).
pub(crate) async fn mark_uncounted(c: &mut Conn) -> Result<()> {
    sqlx::query("UPDATE aggregates_state SET built_at = 0 WHERE id = 1")
        .execute(c)
        .await?;
    Ok(())
}

/// Recounts the figures from the concerns, their days in `tz`, and remembers the zone. On
/// PostgreSQL concerns cannot change meanwhile (a share lock until the transaction ends):
/// a change counted in the middle of a recount would be counted twice or not at all.
pub async fn rebuild(c: &mut Conn, backend: Backend, tz: Tz, now: i64) -> Result<()> {
    if backend == Backend::Postgres {
        sqlx::query("LOCK TABLE concerns IN SHARE MODE")
            .execute(&mut *c)
            .await?;
    }
    sqlx::query("DELETE FROM concern_tallies")
        .execute(&mut *c)
        .await?;
    sqlx::query("DELETE FROM concern_durations")
        .execute(&mut *c)
        .await?;
    sqlx::query("UPDATE aggregates_state SET time_zone = $1, built_at = $2 WHERE id = 1")
        .bind(tz.name())
        .bind(now)
        .execute(&mut *c)
        .await?;
    // Counted a page of concerns at a time and added to the tables whenever the keys in
    // hand grow many, so a recount of millions holds a few megabytes, not the whole count.
    let mut part = Tallies::default();
    let mut after = 0_i64;
    while let Some(last) = count_page(&mut *c, after, tz, &mut part).await? {
        after = last;
        if part.counts.len() + part.durations.len() > HELD {
            apply(&mut *c, &std::mem::take(&mut part).without_zeros()).await?;
        }
    }
    apply(c, &part.without_zeros()).await
}

/// Keys a recount holds before adding them to the tables.
const HELD: usize = 50_000;

fn counts_from_row(r: &AnyRow) -> Result<Counts> {
    let mut c = [0_i64; 7];
    for (i, col) in COUNT_COLUMNS.iter().enumerate() {
        c[i] = r.try_get(*col)?;
    }
    Ok(Counts::from_columns(c))
}

/// What a sum of tallies is split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Nothing: one total.
    Nothing,
    /// Local day.
    Day,
    /// Category.
    Category,
    /// Area (0: none).
    Area,
    /// Officer (0: nobody).
    Officer,
    /// Channel.
    Channel,
}

/// Which tallies to add up: a cut, a span of local days (both ends included), and for the
/// full cut the categories, areas and channels to keep (empty: all).
#[derive(Debug, Clone)]
pub struct Span<'a> {
    /// The cut to read.
    pub cut: Cut,
    /// First local day.
    pub from_day: i64,
    /// Last local day.
    pub to_day: i64,
    /// Categories to keep ([`Cut::Full`] or [`Cut::Category`]).
    pub categories: &'a [i64],
    /// Areas to keep ([`Cut::Full`] or [`Cut::Area`]; 0 is "no area").
    pub areas: &'a [i64],
    /// Channels to keep ([`Cut::Full`]).
    pub channels: &'a [String],
}

impl<'a> Span<'a> {
    /// Every tally of `cut` between two local days.
    pub fn of(cut: Cut, from_day: i64, to_day: i64) -> Self {
        Span {
            cut,
            from_day,
            to_day,
            categories: &[],
            areas: &[],
            channels: &[],
        }
    }
}

/// One line of a sum: the value it is split by (a day, a category's id, …; the channel's
/// word in `channel` when split by channel) and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The day, category, area or officer (0 when split by nothing or by channel).
    pub key: i64,
    /// The channel, when split by channel.
    pub channel: String,
    /// The counts.
    pub counts: Counts,
}

/// The tallies of `span` added up, split `by`, in the order of what they are split by.
pub async fn sum(c: &mut Conn, span: &Span<'_>, by: By) -> Result<Vec<Line>> {
    let key = match by {
        By::Nothing | By::Channel => "CAST(0 AS BIGINT)",
        By::Day => "day",
        By::Category => "category_id",
        By::Area => "area_id",
        By::Officer => "officer_id",
    };
    let channel = if by == By::Channel { "channel" } else { "''" };
    let sums = COUNT_COLUMNS
        .iter()
        .map(|c| format!("CAST(COALESCE(SUM({c}), 0) AS BIGINT) AS {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut sql = Sql::new(&format!(
        "SELECT {key} AS k, {channel} AS ch, {sums} FROM concern_tallies WHERE cut = "
    ));
    sql.text(span.cut.as_str())
        .push(" AND day >= ")
        .int(span.from_day)
        .push(" AND day <= ")
        .int(span.to_day);
    if !span.categories.is_empty() {
        sql.push(" AND category_id IN ").ids(span.categories);
    }
    if !span.areas.is_empty() {
        sql.push(" AND area_id IN ").ids(span.areas);
    }
    if !span.channels.is_empty() {
        sql.push(" AND channel IN (");
        for (i, ch) in span.channels.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.text(ch.as_str());
        }
        sql.push(")");
    }
    match by {
        By::Nothing => {}
        By::Channel => {
            sql.push(" GROUP BY channel ORDER BY channel");
        }
        _ => {
            sql.push(&format!(" GROUP BY {key} ORDER BY {key}"));
        }
    }
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| {
            Ok(Line {
                key: r.try_get("k")?,
                channel: r.try_get("ch")?,
                counts: counts_from_row(r)?,
            })
        })
        .collect()
}

/// The durations measured between two local days, as `(bucket, how many)`.
pub async fn durations(
    c: &mut Conn,
    measure: Measure,
    from_day: i64,
    to_day: i64,
) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT bucket, CAST(SUM(n) AS BIGINT) FROM concern_durations WHERE measure = $1 AND day >= $2 \
         AND day <= $3 GROUP BY bucket ORDER BY bucket",
    )
    .bind(measure.as_str())
    .bind(from_day)
    .bind(to_day)
    .fetch_all(c)
    .await?)
}

/// The rest of the office's work over a span of days: what the dashboard and the reports
/// count beside concerns, each read by an index on its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Activity {
    /// Interactions logged as held in the span.
    pub interactions: i64,
    /// Engagements held in the span (not called off).
    pub engagements: i64,
    /// People checked in at them.
    pub attended: i64,
    /// …who said it was their first.
    pub first_time: i64,
    /// Commitments made in the span.
    pub commitments_made: i64,
    /// Commitments whose day fell in the span.
    pub commitments_due: i64,
    /// …of which still open.
    pub commitments_due_open: i64,
    /// Commitments kept in the span.
    pub commitments_kept: i64,
    /// Commitments dropped in the span.
    pub commitments_dropped: i64,
    /// Commitments still open past their day now.
    pub commitments_late: i64,
    /// Reporters who said whether they were satisfied, in the span.
    pub satisfaction_answers: i64,
    /// …who were.
    pub satisfied: i64,
    /// Appeals lodged in the span.
    pub appeals: i64,
    /// …of which the decision was upheld, and overturned (once reviewed).
    pub upheld: i64,
    /// Overturned.
    pub overturned: i64,
    /// Mediations proposed in the span.
    pub mediations: i64,
    /// …of which settled.
    pub settled: i64,
}

/// A span of local days and its instants: `from` to `to` inclusive, `from_at` the first
/// instant of `from`, `until_at` the first instant after `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// When the first day begins (UTC seconds).
    pub from_at: i64,
    /// When the day after the last begins.
    pub until_at: i64,
}

/// The rest of the office's work over `span`; commitments late as of `today`.
pub async fn activity(c: &mut Conn, span: Days, today: NaiveDate) -> Result<Activity> {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let (from, to) = (day(span.from), day(span.to));
    let (from_at, until_at) = (span.from_at, span.until_at);
    let interactions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM interactions WHERE happened_on >= $1 AND happened_on <= $2",
    )
    .bind(&from)
    .bind(&to)
    .fetch_one(&mut *c)
    .await?;
    let (engagements, attended): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(attended), 0) AS BIGINT) FROM engagements \
         WHERE starts_at >= $1 AND starts_at < $2 AND status <> 'cancelled'",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let first_time: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM engagements e JOIN engagement_registrations r \
         ON r.engagement_id = e.id WHERE e.starts_at >= $1 AND e.starts_at < $2 \
         AND e.status <> 'cancelled' AND r.attended_at IS NOT NULL AND r.first_time = 1",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let commitments_made: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM commitments WHERE created_at >= $1 AND created_at < $2",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let (commitments_due, commitments_due_open): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(open), 0) AS BIGINT) FROM commitments \
         WHERE due_on >= $1 AND due_on <= $2 AND status <> 'dropped'",
    )
    .bind(&from)
    .bind(&to)
    .fetch_one(&mut *c)
    .await?;
    let (commitments_kept, commitments_dropped): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'kept' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN status = 'dropped' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM commitments WHERE closed_at >= $1 AND closed_at < $2",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let commitments_late: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM commitments WHERE open = 1 AND due_on < $1")
            .bind(day(today))
            .fetch_one(&mut *c)
            .await?;
    let (satisfaction_answers, satisfied): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(satisfied), 0) AS BIGINT) FROM satisfaction \
         WHERE at >= $1 AND at < $2",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let (appeals, upheld, overturned): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), \
         CAST(COALESCE(SUM(CASE WHEN outcome = 'uphold' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN outcome = 'overturn' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM appeals WHERE lodged_at >= $1 AND lodged_at < $2",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    let (mediations, settled): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), \
         CAST(COALESCE(SUM(CASE WHEN status = 'settled' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM mediations WHERE proposed_at >= $1 AND proposed_at < $2",
    )
    .bind(from_at)
    .bind(until_at)
    .fetch_one(&mut *c)
    .await?;
    Ok(Activity {
        interactions,
        engagements,
        attended,
        first_time,
        commitments_made,
        commitments_due,
        commitments_due_open,
        commitments_kept,
        commitments_dropped,
        commitments_late,
        satisfaction_answers,
        satisfied,
        appeals,
        upheld,
        overturned,
        mediations,
        settled,
    })
}

/// Commitments kept in `span`, the first `limit` by when: each one's title, its day (as
/// stored, ISO 8601) and when it was kept.
pub async fn kept_commitments(
    c: &mut Conn,
    span: Days,
    limit: i64,
) -> Result<Vec<(String, Option<NaiveDate>, i64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT title, due_on, closed_at FROM commitments WHERE status = 'kept' \
         AND closed_at >= $1 AND closed_at < $2 ORDER BY closed_at, id LIMIT $3",
    )
    .bind(span.from_at)
    .bind(span.until_at)
    .bind(limit)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(title, due, at)| (title, NaiveDate::parse_from_str(&due, "%Y-%m-%d").ok(), at))
        .collect())
}

/// Concerns needing work now past their resolution target, their clock running.
pub async fn overdue(c: &mut Conn, now: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns WHERE open = 1 AND resolve_due_at < $1 \
         AND paused_at IS NULL",
    )
    .bind(now)
    .fetch_one(c)
    .await?)
}

/// The last local day a concern came from `area` (none: never).
pub async fn last_received(c: &mut Conn, area: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(day) FROM concern_tallies WHERE cut = 'area' AND area_id = $1 \
         AND received > 0",
    )
    .bind(area)
    .fetch_one(c)
    .await?)
}

/// How many concerns there are.
pub async fn concerns_counted(c: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
        .fetch_one(c)
        .await?)
}
