//! Engagements (see `migrations/0025_engagements.sql`): their plan, officers and areas,
//! agenda items with minutes and decisions, and the people registered or at the door. Staff
//! reads name the reader's `Sight` (the organizer is the one responsible); the portal's
//! read published ones only.

use liaison_domain::engagements::{Kind, Place, Status, Terms, Venue};
use liaison_domain::values::GeoPoint;
use liaison_domain::visibility::Confidentiality;
use liaison_domain::Sight;
use sqlx::Row;

use crate::visibility::{push, Guarded};
use crate::{word, Conn, Result, Sql, StoreError};

/// Where engagements keep what the visibility rule reads.
pub const GUARDED: Guarded = Guarded {
    level: "e.confidentiality",
    responsible: "e.organizer_id",
    kept: None,
};

/// An engagement as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Engagement {
    pub id: i64,
    pub terms: Terms,
    pub organizer_name: String,
    pub status: Status,
    pub cancel_reason: String,
    pub minutes: String,
    /// Places taken, people waiting, people checked in.
    pub registered: i64,
    pub waitlisted: i64,
    pub attended: i64,
    /// Increases with each change of the plan (calendars' SEQUENCE).
    pub revision: i64,
    /// The first of the series it belongs to (itself, for the first).
    pub series_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
}

impl Engagement {
    /// Places left; none when it takes as many as come.
    pub fn places_left(&self) -> Option<i64> {
        self.terms
            .venue
            .capacity
            .map(|c| (c - self.registered).max(0))
    }
}

const COLUMNS: &str = "e.id, e.kind, e.title, e.purpose, e.starts_at, e.ends_at, e.time_zone, \
    e.address, e.room, e.lat, e.lng, e.capacity, e.step_free, e.hearing_loop, e.parking, \
    e.transit, e.online_link, e.languages, e.interpretation, e.partners, e.topics, \
    e.organizer_id, u.name AS organizer_name, e.confidentiality, e.status, e.cancel_reason, \
    e.minutes, e.registered, e.waitlisted, e.attended, e.revision, e.series_id, e.created_at, \
    e.updated_at, e.published_at \
    FROM engagements e JOIN users u ON u.id = e.organizer_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Engagement> {
    let zone: String = r.try_get("time_zone")?;
    let lat: Option<f64> = r.try_get("lat")?;
    let lng: Option<f64> = r.try_get("lng")?;
    let words = |column: &str| -> Result<Vec<String>> {
        let text: String = r.try_get(column)?;
        Ok(text.split_whitespace().map(str::to_string).collect())
    };
    let topics: String = r.try_get("topics")?;
    Ok(Engagement {
        id: r.try_get("id")?,
        terms: Terms {
            kind: word(&r.try_get::<String, _>("kind")?, Kind::parse)?,
            title: r.try_get("title")?,
            purpose: r.try_get("purpose")?,
            starts_at: r.try_get("starts_at")?,
            ends_at: r.try_get("ends_at")?,
            time_zone: zone
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("time zone {zone:?}")))?,
            venue: Venue {
                address: r.try_get("address")?,
                room: r.try_get("room")?,
                point: lat.zip(lng).map(|(lat, lng)| GeoPoint { lat, lng }),
                capacity: r.try_get("capacity")?,
                step_free: r.try_get::<i64, _>("step_free")? != 0,
                hearing_loop: r.try_get::<i64, _>("hearing_loop")? != 0,
                parking: r.try_get::<i64, _>("parking")? != 0,
                transit: r.try_get("transit")?,
                online_link: r.try_get("online_link")?,
            },
            languages: words("languages")?,
            interpretation: words("interpretation")?,
            organizer: r.try_get("organizer_id")?,
            officers: Vec::new(),
            partners: r.try_get("partners")?,
            areas: Vec::new(),
            topics: topics.lines().map(str::to_string).collect(),
            confidentiality: word(
                &r.try_get::<String, _>("confidentiality")?,
                Confidentiality::parse,
            )?,
        },
        organizer_name: r.try_get("organizer_name")?,
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        cancel_reason: r.try_get("cancel_reason")?,
        minutes: r.try_get("minutes")?,
        registered: r.try_get("registered")?,
        waitlisted: r.try_get("waitlisted")?,
        attended: r.try_get("attended")?,
        revision: r.try_get("revision")?,
        series_id: r.try_get("series_id")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        published_at: r.try_get("published_at")?,
    })
}

/// Records a newly planned engagement with its officers and areas, an occurrence of the
/// series `series` begins (`Some(None)`: it begins one); answers its id.
pub async fn insert(
    c: &mut Conn,
    t: &Terms,
    series: Option<Option<i64>>,
    by: Option<i64>,
    at: i64,
) -> Result<i64> {
    let insert = sqlx::query(
        "INSERT INTO engagements (kind, title, purpose, starts_at, ends_at, time_zone, address, \
         room, lat, lng, capacity, step_free, hearing_loop, parking, transit, online_link, \
         languages, interpretation, partners, topics, organizer_id, confidentiality, status, \
         cancel_reason, minutes, registered, waitlisted, attended, revision, series_id, \
         created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21, $22, 'planned', '', '', 0, 0, 0, 0, $23, $24, $25, $25) RETURNING id",
    );
    let id: i64 = bind_terms(insert, t)
        .bind(series.flatten())
        .bind(by)
        .bind(at)
        .fetch_one(&mut *c)
        .await?
        .try_get("id")?;
    if series == Some(None) {
        // The first of its series names itself.
        sqlx::query("UPDATE engagements SET series_id = id WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
    }
    write_people_and_places(c, id, t).await?;
    Ok(id)
}

/// Binds a plan's 22 columns, in the order `insert` and `update` name them.
fn bind_terms<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    t: &'q Terms,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(t.kind.as_str())
        .bind(&t.title)
        .bind(&t.purpose)
        .bind(t.starts_at)
        .bind(t.ends_at)
        .bind(t.time_zone.name())
        .bind(&t.venue.address)
        .bind(&t.venue.room)
        .bind(t.venue.point.map(|p| p.lat))
        .bind(t.venue.point.map(|p| p.lng))
        .bind(t.venue.capacity)
        .bind(i64::from(t.venue.step_free))
        .bind(i64::from(t.venue.hearing_loop))
        .bind(i64::from(t.venue.parking))
        .bind(&t.venue.transit)
        .bind(&t.venue.online_link)
        .bind(t.languages.join(" "))
        .bind(t.interpretation.join(" "))
        .bind(&t.partners)
        .bind(t.topics.join("\n"))
        .bind(t.organizer)
        .bind(t.confidentiality.as_str())
}

async fn write_people_and_places(c: &mut Conn, id: i64, t: &Terms) -> Result<()> {
    sqlx::query("DELETE FROM engagement_officers WHERE engagement_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    sqlx::query("DELETE FROM engagement_areas WHERE engagement_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for officer in &t.officers {
        sqlx::query("INSERT INTO engagement_officers (engagement_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(officer)
            .execute(&mut *c)
            .await?;
    }
    for area in &t.areas {
        sqlx::query("INSERT INTO engagement_areas (engagement_id, area_id) VALUES ($1, $2)")
            .bind(id)
            .bind(area)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Writes an engagement's plan, status and minutes back; a changed plan (`replan`) is a new
/// revision, with its officers and areas written again.
pub async fn update(c: &mut Conn, e: &Engagement, replan: bool, at: i64) -> Result<()> {
    let t = &e.terms;
    let update = sqlx::query(
        "UPDATE engagements SET kind = $1, title = $2, purpose = $3, starts_at = $4, \
         ends_at = $5, time_zone = $6, address = $7, room = $8, lat = $9, lng = $10, \
         capacity = $11, step_free = $12, hearing_loop = $13, parking = $14, transit = $15, \
         online_link = $16, languages = $17, interpretation = $18, partners = $19, \
         topics = $20, organizer_id = $21, confidentiality = $22, status = $23, \
         cancel_reason = $24, minutes = $25, revision = revision + $26, updated_at = $27, \
         published_at = $28 WHERE id = $29",
    );
    bind_terms(update, t)
        .bind(e.status.as_str())
        .bind(&e.cancel_reason)
        .bind(&e.minutes)
        .bind(i64::from(replan))
        .bind(at)
        .bind(e.published_at)
        .bind(e.id)
        .execute(&mut *c)
        .await?;
    if replan {
        write_people_and_places(c, e.id, t).await?;
    }
    Ok(())
}

/// One engagement with its officers and areas, if `sight` lets its reader see it.
pub async fn get(c: &mut Conn, id: i64, sight: Sight) -> Result<Option<Engagement>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE e.id = "));
    sql.int(id);
    push(&mut sql, sight, GUARDED);
    let Some(row) = sql.query().fetch_optional(&mut *c).await? else {
        return Ok(None);
    };
    let mut e = from_row(&row)?;
    e.terms.officers = sqlx::query_scalar(
        "SELECT user_id FROM engagement_officers WHERE engagement_id = $1 ORDER BY user_id",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await?;
    e.terms.areas = sqlx::query_scalar(
        "SELECT area_id FROM engagement_areas WHERE engagement_id = $1 ORDER BY area_id",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await?;
    Ok(Some(e))
}

/// One engagement as the public sees it: published, or published once and then called off.
pub async fn get_public(c: &mut Conn, id: i64) -> Result<Option<Engagement>> {
    let e = get(c, id, Sight::Everything).await?;
    Ok(
        e.filter(|e| {
            e.published_at.is_some() && e.terms.confidentiality == Confidentiality::Public
        }),
    )
}

/// Which engagements a staff list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Not yet ended (planned, published or called off), soonest first.
    #[default]
    Upcoming,
    /// Ended, latest first.
    Past,
}

/// A page of engagements `sight` lets its reader see, and where the next starts
/// (`(starts_at, id)` of the last shown).
pub async fn list(
    c: &mut Conn,
    view: View,
    now: i64,
    after: Option<(i64, i64)>,
    limit: i64,
    sight: Sight,
) -> Result<(Vec<Engagement>, Option<(i64, i64)>)> {
    let limit = limit.clamp(1, 200);
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} WHERE "));
    let (cmp, order) = match view {
        View::Upcoming => {
            // Every one not yet ended started less than the longest engagement ago.
            sql.push("e.starts_at >= ")
                .int(now - liaison_domain::engagements::LONGEST)
                .push(" AND e.ends_at > ")
                .int(now);
            (">", "ASC")
        }
        View::Past => {
            sql.push("e.ends_at <= ").int(now);
            ("<", "DESC")
        }
    };
    if let Some((at, id)) = after {
        sql.push(&format!(" AND (e.starts_at {cmp} "))
            .int(at)
            .push(" OR (e.starts_at = ")
            .int(at)
            .push(&format!(" AND e.id {cmp} "))
            .int(id)
            .push("))");
    }
    push(&mut sql, sight, GUARDED);
    sql.push(&format!(
        " ORDER BY e.starts_at {order}, e.id {order} LIMIT "
    ))
    .int(limit + 1);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let next = if found.len() as i64 > limit {
        found.truncate(limit as usize);
        found.last().map(|e| (e.terms.starts_at, e.id))
    } else {
        None
    };
    Ok((found, next))
}

/// The occurrences of series `series_id` that `sight` lets its reader see, in order: id,
/// start, status.
pub async fn series(c: &mut Conn, series_id: i64, sight: Sight) -> Result<Vec<(i64, i64, Status)>> {
    let mut sql =
        Sql::new("SELECT e.id, e.starts_at, e.status FROM engagements e WHERE e.series_id = ");
    sql.int(series_id);
    push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY e.starts_at, e.id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("starts_at")?,
                word(&r.try_get::<String, _>("status")?, Status::parse)?,
            ))
        })
        .collect()
}

/// Published engagements for the portal: not yet ended, soonest first (`upcoming`), or
/// ended since `since`, latest first. At most `limit`.
pub async fn public(
    c: &mut Conn,
    upcoming: bool,
    now: i64,
    since: i64,
    limit: i64,
) -> Result<Vec<Engagement>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} WHERE e.status IN ('published', 'cancelled') \
         AND e.published_at IS NOT NULL AND e.confidentiality = 'public' AND "
    ));
    if upcoming {
        sql.push("e.starts_at >= ")
            .int(now - liaison_domain::engagements::LONGEST)
            .push(" AND e.ends_at > ")
            .int(now)
            .push(" ORDER BY e.starts_at, e.id");
    } else {
        sql.push("e.starts_at >= ")
            .int(since)
            .push(" AND e.ends_at <= ")
            .int(now)
            .push(" ORDER BY e.starts_at DESC, e.id DESC");
    }
    sql.push(" LIMIT ").int(limit.clamp(1, 20_000));
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(from_row).collect()
}

/// What a calendar event shows of a published engagement: the calendar feed and an
/// engagement's own iCalendar file read only these (16 of its 36 columns, no join), since
/// decoding every column of a thousand rows was most of the feed's time.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEntry {
    pub id: i64,
    pub title: String,
    pub purpose: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub time_zone: chrono_tz::Tz,
    pub address: String,
    pub room: String,
    pub point: Option<GeoPoint>,
    pub online_link: String,
    /// One per line as stored.
    pub topics: Vec<String>,
    pub status: Status,
    pub cancel_reason: String,
    /// Calendars' SEQUENCE.
    pub revision: i64,
    /// Calendars' LAST-MODIFIED.
    pub updated_at: i64,
}

const CALENDAR_ENTRY: &str = "e.id, e.title, e.purpose, e.starts_at, e.ends_at, e.time_zone, \
    e.address, e.room, e.lat, e.lng, e.online_link, e.topics, e.status, e.cancel_reason, \
    e.revision, e.updated_at FROM engagements e";

/// What the portal's calendars carry: published (or published and then called off), and
/// public.
const ON_CALENDARS: &str = "e.status IN ('published', 'cancelled') \
    AND e.published_at IS NOT NULL AND e.confidentiality = 'public'";

fn calendar_entry(r: &sqlx::any::AnyRow) -> Result<CalendarEntry> {
    let zone: String = r.try_get("time_zone")?;
    let lat: Option<f64> = r.try_get("lat")?;
    let lng: Option<f64> = r.try_get("lng")?;
    let topics: String = r.try_get("topics")?;
    Ok(CalendarEntry {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        purpose: r.try_get("purpose")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        time_zone: zone
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("time zone {zone:?}")))?,
        address: r.try_get("address")?,
        room: r.try_get("room")?,
        point: lat.zip(lng).map(|(lat, lng)| GeoPoint { lat, lng }),
        online_link: r.try_get("online_link")?,
        topics: topics.lines().map(str::to_string).collect(),
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        cancel_reason: r.try_get("cancel_reason")?,
        revision: r.try_get("revision")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Published engagements starting from `since` on, oldest first, at most `limit`: the
/// calendar feed.
pub async fn feed(c: &mut Conn, since: i64, limit: i64) -> Result<Vec<CalendarEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {CALENDAR_ENTRY} WHERE {ON_CALENDARS} AND e.starts_at >= $1 \
         ORDER BY e.starts_at, e.id LIMIT $2"
    ))
    .bind(since)
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(calendar_entry).collect()
}

/// One engagement as a calendar shows it, when the public sees it (as [`get_public`]).
pub async fn calendar(c: &mut Conn, id: i64) -> Result<Option<CalendarEntry>> {
    let row = sqlx::query(&format!(
        "SELECT {CALENDAR_ENTRY} WHERE e.id = $1 AND e.published_at IS NOT NULL \
         AND e.confidentiality = 'public'"
    ))
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(calendar_entry).transpose()
}

/// What the calendar feed from `since` on is made of, summed up in one cheap read: a
/// written feed kept under an equal version is still the feed. Every change of what it
/// shows moves one of these: publishing adds one to the count; a plan changed or called
/// off adds to a revision, so to their sum, even twice in the same second; any other write
/// of a published engagement sets its `updated_at` (its LAST-MODIFIED), so the sum of them
/// moves unless that stays the same second; a start moved out of the window takes one from
/// the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedVersion {
    pub since: i64,
    pub count: i64,
    pub revisions: i64,
    pub updated: i64,
}

/// The calendar feed's version from `since` on (see [`FeedVersion`]).
pub async fn feed_version(c: &mut Conn, since: i64) -> Result<FeedVersion> {
    // PostgreSQL sums BIGINT as NUMERIC: cast back; no row at all sums to NULL.
    let row = sqlx::query(&format!(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(e.revision), 0) AS BIGINT) AS revisions, \
         CAST(COALESCE(SUM(e.updated_at), 0) AS BIGINT) AS updated \
         FROM engagements e WHERE {ON_CALENDARS} AND e.starts_at >= $1"
    ))
    .bind(since)
    .fetch_one(&mut *c)
    .await?;
    Ok(FeedVersion {
        since,
        count: row.try_get("n")?,
        revisions: row.try_get("revisions")?,
        updated: row.try_get("updated")?,
    })
}

/// An agenda item with what was said and decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub minutes: String,
    pub decision: String,
}

/// An engagement's agenda, in order.
pub async fn items(c: &mut Conn, engagement_id: i64) -> Result<Vec<Item>> {
    let rows = sqlx::query(
        "SELECT id, position, title, minutes, decision FROM engagement_items \
         WHERE engagement_id = $1 ORDER BY position, id",
    )
    .bind(engagement_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Item {
                id: r.try_get("id")?,
                position: r.try_get("position")?,
                title: r.try_get("title")?,
                minutes: r.try_get("minutes")?,
                decision: r.try_get("decision")?,
            })
        })
        .collect()
}

/// Adds an item at the end of the agenda, or writes one back; answers its id.
pub async fn save_item(
    c: &mut Conn,
    engagement_id: i64,
    id: Option<i64>,
    (title, minutes, decision): (&str, &str, &str),
    at: i64,
) -> Result<Option<i64>> {
    if let Some(id) = id {
        let done = sqlx::query(
            "UPDATE engagement_items SET title = $1, minutes = $2, decision = $3, \
             updated_at = $4 WHERE id = $5 AND engagement_id = $6",
        )
        .bind(title)
        .bind(minutes)
        .bind(decision)
        .bind(at)
        .bind(id)
        .bind(engagement_id)
        .execute(&mut *c)
        .await?;
        return Ok((done.rows_affected() == 1).then_some(id));
    }
    let id = sqlx::query_scalar(
        "INSERT INTO engagement_items (engagement_id, position, title, minutes, decision, \
         updated_at) VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM engagement_items \
         WHERE engagement_id = $1), $2, $3, $4, $5) RETURNING id",
    )
    .bind(engagement_id)
    .bind(title)
    .bind(minutes)
    .bind(decision)
    .bind(at)
    .fetch_one(&mut *c)
    .await?;
    Ok(Some(id))
}

/// One person's place at an engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub id: i64,
    pub engagement_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    pub needs: String,
    pub area_id: Option<i64>,
    pub area_name: Option<String>,
    pub person_id: Option<i64>,
    pub place: Place,
    pub walk_in: bool,
    pub first_time: bool,
    pub registered_at: i64,
    pub attended_at: Option<i64>,
    pub cancelled_at: Option<i64>,
}

const REGISTRATION: &str = "r.id, r.engagement_id, r.name, r.email, r.phone, r.language, \
    r.needs, r.area_id, a.name AS area_name, r.person_id, r.status, r.walk_in, r.first_time, \
    r.registered_at, r.attended_at, r.cancelled_at \
    FROM engagement_registrations r LEFT JOIN areas a ON a.id = r.area_id";

fn registration(r: &sqlx::any::AnyRow) -> Result<Registration> {
    Ok(Registration {
        id: r.try_get("id")?,
        engagement_id: r.try_get("engagement_id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        language: r.try_get("language")?,
        needs: r.try_get("needs")?,
        area_id: r.try_get("area_id")?,
        area_name: r.try_get("area_name")?,
        person_id: r.try_get("person_id")?,
        place: word(&r.try_get::<String, _>("status")?, Place::parse)?,
        walk_in: r.try_get::<i64, _>("walk_in")? != 0,
        first_time: r.try_get::<i64, _>("first_time")? != 0,
        registered_at: r.try_get("registered_at")?,
        attended_at: r.try_get("attended_at")?,
        cancelled_at: r.try_get("cancelled_at")?,
    })
}

/// A new place, waitlisted place or walk-in, as written.
#[derive(Debug, Clone)]
pub struct NewRegistration<'a> {
    pub engagement_id: i64,
    pub person: &'a liaison_domain::engagements::Registration,
    pub area_id: Option<i64>,
    pub person_id: Option<i64>,
    pub place: Place,
    pub walk_in: bool,
    pub first_time: bool,
    pub token_hash: Option<&'a str>,
    pub at: i64,
    /// When they were checked in (walk-ins: at once), and that day in the engagement's zone.
    pub attended: Option<(i64, String)>,
}

/// Records a registration and counts it on its engagement; answers its id.
pub async fn register(c: &mut Conn, r: &NewRegistration<'_>) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO engagement_registrations (engagement_id, name, email, phone, language, \
         needs, area_id, person_id, status, walk_in, first_time, token_hash, registered_at, \
         attended_at, attended_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(r.engagement_id)
    .bind(&r.person.name)
    .bind(&r.person.email)
    .bind(&r.person.phone)
    .bind(&r.person.language)
    .bind(&r.person.needs)
    .bind(r.area_id)
    .bind(r.person_id)
    .bind(r.place.as_str())
    .bind(i64::from(r.walk_in))
    .bind(i64::from(r.first_time))
    .bind(r.token_hash)
    .bind(r.at)
    .bind(r.attended.as_ref().map(|a| a.0))
    .bind(r.attended.as_ref().map(|a| a.1.as_str()))
    .fetch_one(&mut *c)
    .await?;
    let (registered, waitlisted) = match r.place {
        Place::Registered => (1, 0),
        Place::Waitlisted => (0, 1),
        Place::Cancelled => (0, 0),
    };
    count(
        c,
        r.engagement_id,
        registered,
        waitlisted,
        i64::from(r.attended.is_some()),
    )
    .await?;
    Ok(id)
}

/// Moves an engagement's counts by these amounts.
async fn count(
    c: &mut Conn,
    id: i64,
    registered: i64,
    waitlisted: i64,
    attended: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE engagements SET registered = registered + $1, waitlisted = waitlisted + $2, \
         attended = attended + $3 WHERE id = $4",
    )
    .bind(registered)
    .bind(waitlisted)
    .bind(attended)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// One registration of an engagement.
pub async fn registration_of(
    c: &mut Conn,
    engagement_id: i64,
    id: i64,
) -> Result<Option<Registration>> {
    let row = sqlx::query(&format!(
        "SELECT {REGISTRATION} WHERE r.id = $1 AND r.engagement_id = $2"
    ))
    .bind(id)
    .bind(engagement_id)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(registration).transpose()
}

/// The registration a cancel link's secret names (by its hash).
pub async fn by_token(c: &mut Conn, token_hash: &str) -> Result<Option<Registration>> {
    let row = sqlx::query(&format!("SELECT {REGISTRATION} WHERE r.token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(registration).transpose()
}

/// The name registration `id` was made in.
pub async fn registration_name(c: &mut Conn, id: i64) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT name FROM engagement_registrations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *c)
            .await?,
    )
}

/// Gives up a registered or waitlisted place.
pub async fn unregister(c: &mut Conn, r: &Registration, at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE engagement_registrations SET status = 'cancelled', cancelled_at = $1 \
         WHERE id = $2",
    )
    .bind(at)
    .bind(r.id)
    .execute(&mut *c)
    .await?;
    match r.place {
        Place::Registered => count(c, r.engagement_id, -1, 0, 0).await,
        Place::Waitlisted => count(c, r.engagement_id, 0, -1, 0).await,
        Place::Cancelled => Ok(()),
    }
}

/// Moves the first `n` waiting (in the order they came) up to a place; answers them.
pub async fn move_up(c: &mut Conn, engagement_id: i64, n: i64) -> Result<Vec<Registration>> {
    if n <= 0 {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(&format!(
        "SELECT {REGISTRATION} WHERE r.engagement_id = $1 AND r.status = 'waitlisted' \
         ORDER BY r.id LIMIT $2"
    ))
    .bind(engagement_id)
    .bind(n)
    .fetch_all(&mut *c)
    .await?;
    let moved = rows.iter().map(registration).collect::<Result<Vec<_>>>()?;
    for r in &moved {
        sqlx::query("UPDATE engagement_registrations SET status = 'registered' WHERE id = $1")
            .bind(r.id)
            .execute(&mut *c)
            .await?;
    }
    let n = moved.len() as i64;
    count(c, engagement_id, n, -n, 0).await?;
    Ok(moved)
}

/// Checks a registered or waiting person in at `at`, on `day` in the engagement's zone.
/// Someone on the waitlist who came is given a place (they are in the room), and the
/// engagement's counts move with them. False when they already were checked in, or their
/// place is no longer the one `r` read.
pub async fn check_in(c: &mut Conn, r: &Registration, at: i64, day: &str) -> Result<bool> {
    // The place read is a condition of the write, so the counts move by what the row was.
    let done = sqlx::query(
        "UPDATE engagement_registrations SET attended_at = $1, attended_on = $2, \
         status = 'registered' WHERE id = $3 AND attended_at IS NULL AND status = $4 \
         AND status IN ('registered', 'waitlisted')",
    )
    .bind(at)
    .bind(day)
    .bind(r.id)
    .bind(r.place.as_str())
    .execute(&mut *c)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let came_off_waitlist = i64::from(r.place == Place::Waitlisted);
    count(c, r.engagement_id, came_off_waitlist, -came_off_waitlist, 1).await?;
    Ok(true)
}

/// An engagement's registrations, waitlist and walk-ins, those whose name, email or phone
/// holds `query` (any when empty), in the order they came; at most `limit`.
pub async fn registrations(
    c: &mut Conn,
    engagement_id: i64,
    query: &str,
    limit: i64,
) -> Result<Vec<Registration>> {
    let mut sql = Sql::new(&format!("SELECT {REGISTRATION} WHERE r.engagement_id = "));
    sql.int(engagement_id);
    let q = query.trim().to_lowercase();
    if !q.is_empty() {
        let like = format!("%{}%", q.replace(['%', '_', '\\'], ""));
        sql.push(" AND (LOWER(r.name) LIKE ")
            .text(like.as_str())
            .push(" OR LOWER(r.email) LIKE ")
            .text(like.as_str())
            .push(" OR r.phone LIKE ")
            .text(like)
            .push(")");
    }
    sql.push(" ORDER BY r.id LIMIT ").int(limit.clamp(1, 5000));
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter().map(registration).collect()
}

/// Who came, by area (`None`: not said), and how many of them came for the first time.
pub async fn attendance(
    c: &mut Conn,
    engagement_id: i64,
) -> Result<Vec<(Option<String>, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT a.name AS area, COUNT(*) AS n, CAST(SUM(r.first_time) AS BIGINT) AS first \
         FROM engagement_registrations r LEFT JOIN areas a ON a.id = r.area_id \
         WHERE r.engagement_id = $1 AND r.attended_at IS NOT NULL \
         GROUP BY a.name ORDER BY a.name",
    )
    .bind(engagement_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("area")?,
                r.try_get("n")?,
                r.try_get::<Option<i64>, _>("first")?.unwrap_or(0),
            ))
        })
        .collect()
}

/// The names of an engagement's officers and areas.
pub async fn names(c: &mut Conn, e: &Engagement) -> Result<(Vec<String>, Vec<String>)> {
    let mut officers = Sql::new("SELECT name FROM users WHERE id IN ");
    officers.ids(&e.terms.officers).push(" ORDER BY name");
    let mut areas = Sql::new("SELECT name FROM areas WHERE id IN ");
    areas.ids(&e.terms.areas).push(" ORDER BY name");
    let officers = officers.query().fetch_all(&mut *c).await?;
    let areas = areas.query().fetch_all(&mut *c).await?;
    let names = |rows: Vec<sqlx::any::AnyRow>| -> Result<Vec<String>> {
        rows.iter().map(|r| Ok(r.try_get("name")?)).collect()
    };
    Ok((names(officers)?, names(areas)?))
}

/// The concerns raised at an engagement that `sight` lets its reader see: id, reference,
/// category, status word.
pub async fn concerns_raised(
    c: &mut Conn,
    engagement_id: i64,
    sight: Sight,
) -> Result<Vec<(i64, String, String, String)>> {
    let mut sql = Sql::new(
        "SELECT c.id, c.reference, k.name AS category, c.status FROM concerns c \
         JOIN categories k ON k.id = c.category_id WHERE c.engagement_id = ",
    );
    sql.int(engagement_id);
    push(&mut sql, sight, crate::concerns::GUARDED);
    sql.push(" ORDER BY c.id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("reference")?,
                r.try_get("category")?,
                r.try_get("status")?,
            ))
        })
        .collect()
}

/// The engagement a concern was raised at, when it was and `sight` lets its reader see
/// that engagement: id and title.
pub async fn raised_at(
    c: &mut Conn,
    concern_id: i64,
    sight: Sight,
) -> Result<Option<(i64, String)>> {
    let mut sql = Sql::new(
        "SELECT e.id, e.title FROM concerns x JOIN engagements e ON e.id = x.engagement_id \
         WHERE x.id = ",
    );
    sql.int(concern_id);
    push(&mut sql, sight, GUARDED);
    let row = sql.query().fetch_optional(&mut *c).await?;
    row.map(|r| Ok((r.try_get("id")?, r.try_get("title")?)))
        .transpose()
}

/// Links a concern to the engagement it was raised at; false when it already was.
pub async fn link_concern(c: &mut Conn, concern_id: i64, engagement_id: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE concerns SET engagement_id = $1 WHERE id = $2 \
         AND (engagement_id IS NULL OR engagement_id <> $1)",
    )
    .bind(engagement_id)
    .bind(concern_id)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Those registered or waiting with an email to write to, in the order they came.
pub async fn to_tell(c: &mut Conn, engagement_id: i64) -> Result<Vec<Registration>> {
    let rows = sqlx::query(&format!(
        "SELECT {REGISTRATION} WHERE r.engagement_id = $1 \
         AND r.status IN ('registered', 'waitlisted') AND r.email <> '' ORDER BY r.id"
    ))
    .bind(engagement_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(registration).collect()
}

/// An invitation to an engagement, sent or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub engagement_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// Where it went (empty when not sent).
    pub email: String,
    pub language: String,
    /// Why it was not sent (`do_not_contact`, `no_consent`, `no_email`, `erased`), or empty.
    pub skipped: String,
    /// `yes`, `no`, `maybe`, or empty until they answer.
    pub response: String,
    pub registration_id: Option<i64>,
    pub invited_at: i64,
    pub responded_at: Option<i64>,
}

const INVITATION: &str = "i.id, i.engagement_id, i.person_id, p.name AS person_name, i.email, \
    i.language, i.skipped, i.response, i.registration_id, i.invited_at, i.responded_at \
    FROM engagement_invitations i JOIN people p ON p.id = i.person_id";

fn invitation(r: &sqlx::any::AnyRow) -> Result<Invitation> {
    Ok(Invitation {
        id: r.try_get("id")?,
        engagement_id: r.try_get("engagement_id")?,
        person_id: r.try_get("person_id")?,
        person_name: r.try_get("person_name")?,
        email: r.try_get("email")?,
        language: r.try_get("language")?,
        skipped: r.try_get("skipped")?,
        response: r.try_get("response")?,
        registration_id: r.try_get("registration_id")?,
        invited_at: r.try_get("invited_at")?,
        responded_at: r.try_get("responded_at")?,
    })
}

/// A new invitation, as written.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub engagement_id: i64,
    pub person_id: i64,
    pub email: &'a str,
    pub language: &'a str,
    pub skipped: &'a str,
    pub token_hash: Option<&'a str>,
    pub by: Option<i64>,
    pub at: i64,
}

/// Records an invitation; answers its id.
pub async fn invite(c: &mut Conn, i: &NewInvitation<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO engagement_invitations (engagement_id, person_id, email, language, \
         skipped, response, token_hash, invited_by, invited_at) \
         VALUES ($1, $2, $3, $4, $5, '', $6, $7, $8) RETURNING id",
    )
    .bind(i.engagement_id)
    .bind(i.person_id)
    .bind(i.email)
    .bind(i.language)
    .bind(i.skipped)
    .bind(i.token_hash)
    .bind(i.by)
    .bind(i.at)
    .fetch_one(&mut *c)
    .await?)
}

/// An engagement's invitations, people in name order.
pub async fn invitations(c: &mut Conn, engagement_id: i64) -> Result<Vec<Invitation>> {
    let rows = sqlx::query(&format!(
        "SELECT {INVITATION} WHERE i.engagement_id = $1 ORDER BY p.sort_name, i.id"
    ))
    .bind(engagement_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(invitation).collect()
}

/// The invitation an answer link's secret names (by its hash).
pub async fn invitation_by_token(c: &mut Conn, token_hash: &str) -> Result<Option<Invitation>> {
    let row = sqlx::query(&format!("SELECT {INVITATION} WHERE i.token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(invitation).transpose()
}

/// Records an invitation's answer, and the place a yes took.
pub async fn answer(
    c: &mut Conn,
    id: i64,
    response: &str,
    registration: Option<i64>,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE engagement_invitations SET response = $1, \
         registration_id = COALESCE($2, registration_id), responded_at = $3 WHERE id = $4",
    )
    .bind(response)
    .bind(registration)
    .bind(at)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(())
}
