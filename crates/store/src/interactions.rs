//! The engagement log: interactions with the register's people and organizations, their
//! participants, officers and topics, the follow-ups promised in them, and the day each
//! participant was last contacted.
//!
//! Every read of interactions goes through the visibility rule with the reader's `Sight`
//! (an interaction's level, and the officer who logged it). A record's interactions, an
//! officer's, and an owner's open follow-ups are each read newest (or soonest due) first
//! from one index, so none of those pages grows with the log's history.

use liaison_domain::interactions::{FollowUpTerms, Interaction, InteractionKind};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::Attitude;
use liaison_domain::values::{self, Day};
use liaison_domain::{Confidentiality, Sight};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::visibility::{self, Guarded};
use crate::{word, Backend, Conn, Result, Sql};

/// Where an interaction's level and responsible officer are, in every query here.
pub const GUARDED: Guarded = Guarded {
    level: "i.confidentiality",
    responsible: "i.owner_id",
    kept: None,
};

/// An interaction as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// Its id.
    pub id: i64,
    /// What was logged.
    pub interaction: Interaction,
    /// Who logged it.
    pub owner: Option<i64>,
    /// The officers' names, in the order of `interaction.officers`.
    pub officer_names: Vec<String>,
    /// Its follow-ups, in the order they were added.
    pub follow_ups: Vec<FollowUp>,
    /// When it was logged.
    pub created_at: i64,
    /// When it last changed.
    pub updated_at: i64,
}

/// A follow-up as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Its id.
    pub id: i64,
    /// The interaction it was promised in.
    pub interaction_id: i64,
    /// What, who, by when.
    pub terms: FollowUpTerms,
    /// Its owner's name.
    pub owner_name: String,
    /// When it was done, if it was.
    pub done_at: Option<i64>,
    /// Who marked it done.
    pub done_by_name: Option<String>,
}

fn day(text: &str) -> Result<Day> {
    values::day(text)
        .ok()
        .flatten()
        .ok_or_else(|| crate::StoreError::Corrupt(format!("day {text:?}")))
}

const COLUMNS: &str = "i.id, i.kind, i.happened_on, i.summary, i.attitude, i.confidentiality, \
    i.owner_id, i.created_at, i.updated_at";

fn from_row(r: &AnyRow) -> Result<Logged> {
    let attitude: Option<String> = r.try_get("attitude")?;
    Ok(Logged {
        id: r.try_get("id")?,
        interaction: Interaction {
            kind: word(&r.try_get::<String, _>("kind")?, InteractionKind::parse)?,
            happened_on: day(&r.try_get::<String, _>("happened_on")?)?,
            summary: r.try_get("summary")?,
            topics: Vec::new(),
            attitude: attitude.map(|a| word(&a, Attitude::parse)).transpose()?,
            confidentiality: word(
                &r.try_get::<String, _>("confidentiality")?,
                Confidentiality::parse,
            )?,
            participants: Vec::new(),
            officers: Vec::new(),
        },
        owner: r.try_get("owner_id")?,
        officer_names: Vec::new(),
        follow_ups: Vec::new(),
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Logs an interaction with its participants, officers, topics and follow-ups, and moves
/// each participant's "last contacted" day forward; returns its id.
pub async fn insert(
    c: &mut Conn,
    x: &Interaction,
    owner: i64,
    follow_ups: &[FollowUpTerms],
    at: i64,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO interactions (kind, happened_on, summary, attitude, confidentiality, \
         owner_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(x.kind.as_str())
    .bind(values::day_text(x.happened_on))
    .bind(&x.summary)
    .bind(x.attitude.map(Attitude::as_str))
    .bind(x.confidentiality.as_str())
    .bind(owner)
    .bind(at)
    .fetch_one(&mut *c)
    .await?;
    write_parts(c, id, x).await?;
    for f in follow_ups {
        add_follow_up(c, id, f, at).await?;
    }
    for p in &x.participants {
        touch(c, *p).await?;
    }
    Ok(id)
}

/// Writes an interaction's new state over its old one; the "last contacted" days of
/// everyone who took part, before or now, are worked out again.
pub async fn update(
    c: &mut Conn,
    id: i64,
    before: &Interaction,
    x: &Interaction,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE interactions SET kind = $1, happened_on = $2, summary = $3, attitude = $4, \
         confidentiality = $5, updated_at = $6 WHERE id = $7",
    )
    .bind(x.kind.as_str())
    .bind(values::day_text(x.happened_on))
    .bind(&x.summary)
    .bind(x.attitude.map(Attitude::as_str))
    .bind(x.confidentiality.as_str())
    .bind(at)
    .bind(id)
    .execute(&mut *c)
    .await?;
    for t in [
        "interaction_participants",
        "interaction_officers",
        "interaction_topics",
    ] {
        sqlx::query(&format!("DELETE FROM {t} WHERE interaction_id = $1"))
            .bind(id)
            .execute(&mut *c)
            .await?;
    }
    write_parts(c, id, x).await?;
    let mut everyone = before.participants.clone();
    everyone.extend(x.participants.iter().copied());
    everyone.sort();
    everyone.dedup();
    for p in everyone {
        touch(c, p).await?;
    }
    Ok(())
}

async fn write_parts(c: &mut Conn, id: i64, x: &Interaction) -> Result<()> {
    let on = values::day_text(x.happened_on);
    for (position, p) in x.participants.iter().enumerate() {
        sqlx::query(
            "INSERT INTO interaction_participants (interaction_id, record_kind, record_id, \
             position, happened_on) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(p.kind.as_str())
        .bind(p.id)
        .bind(position as i64)
        .bind(&on)
        .execute(&mut *c)
        .await?;
    }
    for (position, user) in x.officers.iter().enumerate() {
        sqlx::query(
            "INSERT INTO interaction_officers (interaction_id, user_id, position, happened_on) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(*user)
        .bind(position as i64)
        .bind(&on)
        .execute(&mut *c)
        .await?;
    }
    for t in &x.topics {
        sqlx::query("INSERT INTO interaction_topics (interaction_id, topic) VALUES ($1, $2)")
            .bind(id)
            .bind(t)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Sets a record's "last contacted" day to that of its latest interaction (empty when it
/// has none left).
async fn touch(c: &mut Conn, record: RecordRef) -> Result<()> {
    let Some(table) = contacted_table(record.kind) else {
        return Ok(());
    };
    let latest = latest_contact(record.kind, "$1");
    sqlx::query(&format!(
        "UPDATE {table} SET last_contacted_on = {latest} WHERE id = $1"
    ))
    .bind(record.id)
    .execute(c)
    .await?;
    Ok(())
}

/// The day a record of `kind` (its id in `id`) was last in touch with the office: its
/// latest interaction, or for a person the latest engagement they came to; '' when none.
fn latest_contact(kind: RecordKind, id: &str) -> String {
    let interactions = format!(
        "SELECT MAX(p.happened_on) AS d FROM interaction_participants p \
         WHERE p.record_kind = '{}' AND p.record_id = {id}",
        kind.as_str()
    );
    match kind {
        // Coming to a meeting counts as being in touch.
        RecordKind::Person => format!(
            "COALESCE((SELECT MAX(d) FROM ({interactions} UNION ALL \
             SELECT MAX(r.attended_on) FROM engagement_registrations r \
             WHERE r.person_id = {id}) days), '')"
        ),
        _ => format!("COALESCE(({interactions}), '')"),
    }
}

/// Sets a person's "last contacted" day again, after they came to an engagement.
pub async fn touch_person(c: &mut Conn, person: i64) -> Result<()> {
    touch(
        c,
        RecordRef {
            kind: RecordKind::Person,
            id: person,
        },
    )
    .await
}

fn contacted_table(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Person | RecordKind::Organization => Some(crate::records::table(kind)),
        _ => None,
    }
}

/// Adds a follow-up to an interaction; returns its id.
pub async fn add_follow_up(
    c: &mut Conn,
    interaction: i64,
    f: &FollowUpTerms,
    at: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO follow_ups (interaction_id, what, owner_id, due_on, open, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
    )
    .bind(interaction)
    .bind(&f.what)
    .bind(f.owner)
    .bind(values::day_text(f.due_on))
    .bind(at)
    .fetch_one(c)
    .await?)
}

/// Marks a follow-up done by `by` at `at`, or — `None` — open again.
pub async fn set_done(c: &mut Conn, id: i64, done: Option<(i64, i64)>) -> Result<()> {
    sqlx::query("UPDATE follow_ups SET open = $1, done_by = $2, done_at = $3 WHERE id = $4")
        .bind(i64::from(done.is_none()))
        .bind(done.map(|d| d.0))
        .bind(done.map(|d| d.1))
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

const FOLLOW_UP_COLUMNS: &str = "f.id, f.interaction_id, f.what, f.owner_id, \
    o.name AS owner_name, f.due_on, f.done_at, d.name AS done_by_name";

const FOLLOW_UP_JOINS: &str =
    "FROM follow_ups f JOIN users o ON o.id = f.owner_id LEFT JOIN users d ON d.id = f.done_by";

fn follow_up_from_row(r: &AnyRow) -> Result<FollowUp> {
    Ok(FollowUp {
        id: r.try_get("id")?,
        interaction_id: r.try_get("interaction_id")?,
        terms: FollowUpTerms {
            what: r.try_get("what")?,
            owner: r.try_get("owner_id")?,
            due_on: day(&r.try_get::<String, _>("due_on")?)?,
        },
        owner_name: r.try_get("owner_name")?,
        done_at: r.try_get("done_at")?,
        done_by_name: r.try_get("done_by_name")?,
    })
}

/// One follow-up, whoever may see it (the operation checks its interaction).
pub async fn follow_up(c: &mut Conn, id: i64) -> Result<Option<FollowUp>> {
    let row = sqlx::query(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} {FOLLOW_UP_JOINS} WHERE f.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(follow_up_from_row).transpose()
}

/// One interaction, if `sight` lets its reader see it.
pub async fn get(c: &mut Conn, id: i64, sight: Sight) -> Result<Option<Logged>> {
    Ok(read(c, &[id], sight).await?.pop())
}

/// These interactions that `sight` lets its reader see, with everything they keep, in the
/// order of `ids`.
pub async fn read(c: &mut Conn, ids: &[i64], sight: Sight) -> Result<Vec<Logged>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM interactions i WHERE i.id IN "
    ));
    sql.ids(ids);
    visibility::push(&mut sql, sight, GUARDED);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    found.sort_by_key(|x| ids.iter().position(|id| *id == x.id));
    if found.is_empty() {
        return Ok(found);
    }
    let seen: Vec<i64> = found.iter().map(|x| x.id).collect();
    // Each query over the interactions seen: `head`, their ids, then `tail`.
    let over_seen = |head: &str, tail: &str| {
        let mut sql = Sql::new(head);
        sql.ids(&seen).push(tail);
        sql
    };
    let at = |found: &mut Vec<Logged>, id: i64| found.iter().position(|x| x.id == id);
    let sql = over_seen(
        "SELECT interaction_id, record_kind, record_id FROM interaction_participants \
         WHERE interaction_id IN ",
        " ORDER BY interaction_id, position",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        if let Some(i) = at(&mut found, r.try_get("interaction_id")?) {
            found[i].interaction.participants.push(RecordRef {
                kind: word(&r.try_get::<String, _>("record_kind")?, RecordKind::parse)?,
                id: r.try_get("record_id")?,
            });
        }
    }
    let sql = over_seen(
        "SELECT x.interaction_id, x.user_id, u.name FROM interaction_officers x \
         JOIN users u ON u.id = x.user_id WHERE x.interaction_id IN ",
        " ORDER BY x.interaction_id, x.position",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        if let Some(i) = at(&mut found, r.try_get("interaction_id")?) {
            found[i].interaction.officers.push(r.try_get("user_id")?);
            found[i].officer_names.push(r.try_get("name")?);
        }
    }
    let sql = over_seen(
        "SELECT interaction_id, topic FROM interaction_topics WHERE interaction_id IN ",
        " ORDER BY interaction_id, topic",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        if let Some(i) = at(&mut found, r.try_get("interaction_id")?) {
            found[i].interaction.topics.push(r.try_get("topic")?);
        }
    }
    let sql = over_seen(
        &format!("SELECT {FOLLOW_UP_COLUMNS} {FOLLOW_UP_JOINS} WHERE f.interaction_id IN "),
        " ORDER BY f.interaction_id, f.id",
    );
    let rows = sql.query().fetch_all(&mut *c).await?;
    for r in rows {
        let f = follow_up_from_row(&r)?;
        if let Some(i) = at(&mut found, f.interaction_id) {
            found[i].follow_ups.push(f);
        }
    }
    Ok(found)
}

/// What a list of follow-ups says of the interaction each was promised in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    /// The interaction's id.
    pub id: i64,
    /// How it was made.
    pub kind: InteractionKind,
    /// The day it happened.
    pub happened_on: Day,
}

/// The briefs of these interactions that `sight` lets its reader see: one query, for a
/// list that names each one's interaction and nothing more of it.
pub async fn briefs(c: &mut Conn, ids: &[i64], sight: Sight) -> Result<Vec<Brief>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new("SELECT i.id, i.kind, i.happened_on FROM interactions i WHERE i.id IN ");
    sql.ids(ids);
    visibility::push(&mut sql, sight, GUARDED);
    let rows = sql.query().fetch_all(c).await?;
    rows.iter()
        .map(|r| {
            Ok(Brief {
                id: r.try_get("id")?,
                kind: word(&r.try_get::<String, _>("kind")?, InteractionKind::parse)?,
                happened_on: day(&r.try_get::<String, _>("happened_on")?)?,
            })
        })
        .collect()
}

/// What a list of the engagement log asks for. Newest first (by day, then id).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only those this person or organization took part in.
    pub participant: Option<RecordRef>,
    /// Only those this officer took part in.
    pub officer: Option<i64>,
    /// Only those about this topic.
    pub topic: Option<String>,
    /// Only those made this way.
    pub kind: Option<InteractionKind>,
    /// Only those on or after this day.
    pub from: Option<Day>,
    /// Only those on or before this day.
    pub to: Option<Day>,
    /// Where the page starts: before this (day, id).
    pub before: Option<(Day, i64)>,
    /// Rows per page.
    pub limit: i64,
}

/// A page of the engagement log that `sight` lets its reader see, newest first, and where
/// the next page starts. The most selective of participant, officer and topic drives the
/// walk along its index (day, id); the rest are checked row by row.
pub async fn list(
    c: &mut Conn,
    f: &Filter,
    sight: Sight,
) -> Result<(Vec<Logged>, Option<(Day, i64)>)> {
    let limit = f.limit.clamp(1, 200);
    // The driving table: its rows carry the day, so the walk is its index's.
    let (from, day_col, id_col) = if let Some(p) = f.participant {
        (taking_part(p), "d.happened_on", "d.interaction_id")
    } else if let Some(o) = f.officer {
        let mut s = Sql::new(
            "SELECT d.interaction_id FROM interaction_officers d \
             JOIN interactions i ON i.id = d.interaction_id WHERE d.user_id = ",
        );
        s.int(o);
        (s, "d.happened_on", "d.interaction_id")
    } else {
        (
            Sql::new("SELECT i.id FROM interactions i WHERE 1 = 1"),
            "i.happened_on",
            "i.id",
        )
    };
    let mut sql = from;
    if let (Some(o), Some(_)) = (f.officer, f.participant) {
        sql.push(
            " AND EXISTS (SELECT 1 FROM interaction_officers x WHERE x.interaction_id = i.id \
             AND x.user_id = ",
        )
        .int(o)
        .push(")");
    }
    if let Some(t) = &f.topic {
        sql.push(
            " AND EXISTS (SELECT 1 FROM interaction_topics x WHERE x.interaction_id = i.id \
             AND x.topic = ",
        )
        .text(t.as_str())
        .push(")");
    }
    if let Some(k) = f.kind {
        sql.push(" AND i.kind = ").text(k.as_str());
    }
    if let Some(d) = f.from {
        sql.push(&format!(" AND {day_col} >= "))
            .text(values::day_text(d));
    }
    if let Some(d) = f.to {
        sql.push(&format!(" AND {day_col} <= "))
            .text(values::day_text(d));
    }
    if let Some((d, id)) = f.before {
        let d = values::day_text(d);
        sql.push(&format!(" AND ({day_col} < "))
            .text(d.as_str())
            .push(&format!(" OR ({day_col} = "))
            .text(d)
            .push(&format!(" AND {id_col} < "))
            .int(id)
            .push("))");
    }
    visibility::push(&mut sql, sight, GUARDED);
    sql.push(&format!(" ORDER BY {day_col} DESC, {id_col} DESC LIMIT "))
        .int(limit + 1);
    let ids = first_column(c, &sql).await?;
    let more = ids.len() as i64 > limit;
    let page: Vec<i64> = ids.into_iter().take(limit as usize).collect();
    let found = read(c, &page, sight).await?;
    let next = if more {
        found.last().map(|x| (x.interaction.happened_on, x.id))
    } else {
        None
    };
    Ok((found, next))
}

/// An owner's open follow-ups, soonest due first, with where the next page starts (due
/// day, id). The operation checks each one's interaction.
pub async fn open_follow_ups(
    c: &mut Conn,
    owner: i64,
    after: Option<(Day, i64)>,
    limit: i64,
) -> Result<(Vec<FollowUp>, Option<(Day, i64)>)> {
    let limit = limit.clamp(1, 200);
    let mut sql = Sql::new(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} {FOLLOW_UP_JOINS} WHERE f.owner_id = "
    ));
    sql.int(owner).push(" AND f.open = 1");
    if let Some((d, id)) = after {
        let d = values::day_text(d);
        sql.push(" AND (f.due_on > ")
            .text(d.as_str())
            .push(" OR (f.due_on = ")
            .text(d)
            .push(" AND f.id > ")
            .int(id)
            .push("))");
    }
    sql.push(" ORDER BY f.due_on, f.id LIMIT ").int(limit + 1);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = rows
        .iter()
        .map(follow_up_from_row)
        .collect::<Result<Vec<_>>>()?;
    let next = if found.len() as i64 > limit {
        found.truncate(limit as usize);
        found.last().map(|f| (f.terms.due_on, f.id))
    } else {
        None
    };
    Ok((found, next))
}

/// Records of one kind assessed with high influence that nobody has contacted since
/// before `before` (never contacted first, then longest ago), that `sight` lets its
/// reader see: ids with the day each was last contacted (`None`: never). The page walks
/// the `(influence, last_contacted_on, id)` index and stops after `limit`.
pub async fn not_contacted_since(
    c: &mut Conn,
    kind: RecordKind,
    before: Day,
    after: Option<(Option<Day>, i64)>,
    limit: i64,
    sight: Sight,
) -> Result<(Vec<(i64, Option<Day>)>, Option<(Option<Day>, i64)>)> {
    let Some(table) = contacted_table(kind) else {
        return Ok((Vec::new(), None));
    };
    let limit = limit.clamp(1, 200);
    let mut sql = Sql::new(&format!(
        "SELECT s.id, s.last_contacted_on FROM {table} s WHERE s.influence = 'high' \
         AND s.last_contacted_on < "
    ));
    sql.text(values::day_text(before));
    if let Some((d, id)) = after {
        let d = d.map(values::day_text).unwrap_or_default();
        sql.push(" AND (s.last_contacted_on > ")
            .text(d.as_str())
            .push(" OR (s.last_contacted_on = ")
            .text(d)
            .push(" AND s.id > ")
            .int(id)
            .push("))");
    }
    if kind == RecordKind::Person {
        sql.push(" AND s.erased_at IS NULL");
    }
    visibility::push(&mut sql, sight, crate::stakeholders::GUARDED);
    sql.push(" ORDER BY s.last_contacted_on, s.id LIMIT ")
        .int(limit + 1);
    let rows = sql.query().fetch_all(&mut *c).await?;
    let mut found = Vec::with_capacity(rows.len());
    for r in &rows {
        let last: String = r.try_get("last_contacted_on")?;
        let last = if last.is_empty() {
            None
        } else {
            Some(day(&last)?)
        };
        found.push((r.try_get::<i64, _>("id")?, last));
    }
    let next = if found.len() as i64 > limit {
        found.truncate(limit as usize);
        found.last().map(|(id, d)| (*d, *id))
    } else {
        None
    };
    Ok((found, next))
}

/// The day a record was last contacted, if ever.
pub async fn last_contacted(c: &mut Conn, record: RecordRef) -> Result<Option<Day>> {
    let Some(table) = contacted_table(record.kind) else {
        return Ok(None);
    };
    let last: Option<String> = sqlx::query_scalar(&format!(
        "SELECT last_contacted_on FROM {table} WHERE id = $1"
    ))
    .bind(record.id)
    .fetch_optional(c)
    .await?;
    match last.filter(|d| !d.is_empty()) {
        Some(d) => Ok(Some(day(&d)?)),
        None => Ok(None),
    }
}

/// Links a concern to the person who raised it (nothing when it already is).
pub async fn link_concern(
    c: &mut Conn,
    person: i64,
    concern: i64,
    by: i64,
    at: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO person_concerns (person_id, concern_id, linked_at, linked_by) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(person)
    .bind(concern)
    .bind(at)
    .bind(by)
    .execute(c)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Removes a concern's link to a person (false when there was none).
pub async fn unlink_concern(c: &mut Conn, person: i64, concern: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM person_concerns WHERE person_id = $1 AND concern_id = $2")
        .bind(person)
        .bind(concern)
        .execute(c)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The concerns linked to a person that `sight` lets its reader see, newest first: at most
/// `limit` received before `below` (a time and an id, the last one already shown).
pub async fn concerns_of(
    c: &mut Conn,
    person: i64,
    below: (i64, i64),
    limit: i64,
    sight: Sight,
) -> Result<Vec<i64>> {
    let mut sql = Sql::new(
        "SELECT c.id FROM person_concerns p JOIN concerns c ON c.id = p.concern_id \
         WHERE p.person_id = ",
    );
    sql.int(person)
        .push(" AND (c.received_at < ")
        .int(below.0)
        .push(" OR (c.received_at = ")
        .int(below.0)
        .push(" AND c.id < ")
        .int(below.1)
        .push("))");
    visibility::push(&mut sql, sight, crate::concerns::GUARDED);
    sql.push(" ORDER BY c.received_at DESC, c.id DESC LIMIT ")
        .int(limit);
    first_column(c, &sql).await
}

/// The start of a walk along one record's participations (their index: record, day, id):
/// `SELECT` of the interactions' ids, the participant's conditions written.
fn taking_part(record: RecordRef) -> Sql {
    let mut sql = Sql::new(
        "SELECT d.interaction_id FROM interaction_participants d \
         JOIN interactions i ON i.id = d.interaction_id WHERE d.record_kind = ",
    );
    sql.text(record.kind.as_str())
        .push(" AND d.record_id = ")
        .int(record.id);
    sql
}

/// The ids a query answers in its first column, in its order.
async fn first_column(c: &mut Conn, sql: &Sql) -> Result<Vec<i64>> {
    let rows = sql.query().fetch_all(c).await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<std::result::Result<Vec<_>, _>>()?)
}

/// A page of a person's or an organization's interactions for their timeline, newest
/// first by (day, time logged, id): at most `limit` of those `sight` lets its reader see,
/// after `below` (the last one already shown).
pub async fn of_record(
    c: &mut Conn,
    record: RecordRef,
    below: Option<(Day, i64, i64)>,
    limit: i64,
    sight: Sight,
) -> Result<Vec<Logged>> {
    let mut sql = taking_part(record);
    if let Some((day, at, id)) = below {
        let day = values::day_text(day);
        sql.push(" AND (d.happened_on < ")
            .text(day.as_str())
            .push(" OR (d.happened_on = ")
            .text(day)
            .push(" AND (i.created_at < ")
            .int(at)
            .push(" OR (i.created_at = ")
            .int(at)
            .push(" AND i.id < ")
            .int(id)
            .push("))))");
    }
    visibility::push(&mut sql, sight, GUARDED);
    sql.push(" ORDER BY d.happened_on DESC, i.created_at DESC, i.id DESC LIMIT ")
        .int(limit);
    let ids = first_column(c, &sql).await?;
    read(c, &ids, sight).await
}

/// The people a concern is linked to.
pub async fn people_of_concern(c: &mut Conn, concern: i64) -> Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT person_id FROM person_concerns WHERE concern_id = $1 ORDER BY person_id",
    )
    .bind(concern)
    .fetch_all(c)
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<std::result::Result<Vec<_>, _>>()?)
}

/// A follow-up made by the demo generator: its id known in advance, done or not as its
/// history says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFollowUp {
    /// Its id.
    pub id: i64,
    /// What, who, by when.
    pub terms: FollowUpTerms,
    /// Who marked it done and when (user id, UTC seconds), if it is done.
    pub done: Option<(i64, i64)>,
}

/// An interaction made by the demo generator, with its id and its follow-ups'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Its id.
    pub id: i64,
    /// What was logged.
    pub interaction: Interaction,
    /// Who logged it.
    pub owner: i64,
    /// When it was logged.
    pub created_at: i64,
    /// Its follow-ups, promised when it was logged.
    pub follow_ups: Vec<GeneratedFollowUp>,
}

/// Writes generated interactions with their ids, participants, officers, topics and
/// follow-ups, many rows to a statement (the demo office's engagement log: millions of
/// rows, which [`insert`] would write one statement each). "Last contacted" days are left
/// to [`recount_last_contacted`], once the log is written.
pub async fn insert_generated(c: &mut Conn, backend: Backend, list: &[Generated]) -> Result<()> {
    use crate::sql::{insert_rows, Cell};
    let days: Vec<String> = list
        .iter()
        .map(|g| values::day_text(g.interaction.happened_on))
        .collect();
    let mut cells = Vec::with_capacity(list.len() * 9);
    for (g, on) in list.iter().zip(&days) {
        let x = &g.interaction;
        cells.extend([
            Cell::Int(g.id),
            Cell::Text(x.kind.as_str()),
            Cell::Text(on),
            Cell::Text(&x.summary),
            Cell::MaybeText(x.attitude.map(Attitude::as_str)),
            Cell::Text(x.confidentiality.as_str()),
            Cell::MaybeInt(Some(g.owner)),
            Cell::Int(g.created_at),
            Cell::Int(g.created_at),
        ]);
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO interactions (id, kind, happened_on, summary, attitude, confidentiality, \
         owner_id, created_at, updated_at)",
        9,
        &cells,
    )
    .await?;
    cells.clear();
    for (g, on) in list.iter().zip(&days) {
        for (position, p) in g.interaction.participants.iter().enumerate() {
            cells.extend([
                Cell::Int(g.id),
                Cell::Text(p.kind.as_str()),
                Cell::Int(p.id),
                Cell::Int(position as i64),
                Cell::Text(on),
            ]);
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO interaction_participants (interaction_id, record_kind, record_id, \
         position, happened_on)",
        5,
        &cells,
    )
    .await?;
    cells.clear();
    for (g, on) in list.iter().zip(&days) {
        for (position, user) in g.interaction.officers.iter().enumerate() {
            cells.extend([
                Cell::Int(g.id),
                Cell::Int(*user),
                Cell::Int(position as i64),
                Cell::Text(on),
            ]);
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO interaction_officers (interaction_id, user_id, position, happened_on)",
        4,
        &cells,
    )
    .await?;
    cells.clear();
    for g in list {
        for t in &g.interaction.topics {
            cells.extend([Cell::Int(g.id), Cell::Text(t)]);
        }
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO interaction_topics (interaction_id, topic)",
        2,
        &cells,
    )
    .await?;
    cells.clear();
    let dues: Vec<String> = list
        .iter()
        .flat_map(|g| &g.follow_ups)
        .map(|f| values::day_text(f.terms.due_on))
        .collect();
    let follow_ups = list
        .iter()
        .flat_map(|g| g.follow_ups.iter().map(move |f| (g, f)));
    for ((g, f), due) in follow_ups.zip(&dues) {
        cells.extend([
            Cell::Int(f.id),
            Cell::Int(g.id),
            Cell::Text(&f.terms.what),
            Cell::Int(f.terms.owner),
            Cell::Text(due),
            Cell::Int(i64::from(f.done.is_none())),
            Cell::MaybeInt(f.done.map(|d| d.1)),
            Cell::MaybeInt(f.done.map(|d| d.0)),
            Cell::Int(g.created_at),
        ]);
    }
    insert_rows(
        c,
        backend,
        "INSERT INTO follow_ups (id, interaction_id, what, owner_id, due_on, open, done_at, \
         done_by, created_at)",
        9,
        &cells,
    )
    .await?;
    crate::sql::sequence_past_max(c, backend, "interactions", "id").await?;
    crate::sql::sequence_past_max(c, backend, "follow_ups", "id").await
}

/// The largest interaction id and follow-up id stored (0 when none), so generated ones
/// are numbered after them.
pub async fn last_ids(c: &mut Conn) -> Result<(i64, i64)> {
    let interaction: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM interactions")
        .fetch_one(&mut *c)
        .await?;
    let follow_up: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM follow_ups")
        .fetch_one(&mut *c)
        .await?;
    Ok((interaction, follow_up))
}

/// Sets every person's and organization's "last contacted" day to that of their latest
/// interaction (empty when none), in one statement per table: after a bulk load, where
/// [`insert`]'s update per participant would cost a statement each. Rows already right
/// are left alone.
pub async fn recount_last_contacted(c: &mut Conn) -> Result<()> {
    for kind in [RecordKind::Person, RecordKind::Organization] {
        let Some(table) = contacted_table(kind) else {
            continue;
        };
        let latest = latest_contact(kind, &format!("{table}.id"));
        sqlx::query(&format!(
            "UPDATE {table} SET last_contacted_on = {latest} WHERE last_contacted_on <> {latest}"
        ))
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// A concern linked to a person by the demo generator: person, concern, when (UTC
/// seconds), by whom (user id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratedLink {
    /// The person who raised it.
    pub person: i64,
    /// The concern.
    pub concern: i64,
    /// When it was linked.
    pub at: i64,
    /// Who linked it.
    pub by: i64,
}

/// Writes generated links of concerns to people, many to a statement.
pub async fn link_generated(c: &mut Conn, backend: Backend, list: &[GeneratedLink]) -> Result<()> {
    use crate::sql::{insert_rows, Cell};
    let cells: Vec<Cell<'_>> = list
        .iter()
        .flat_map(|l| {
            [
                Cell::Int(l.person),
                Cell::Int(l.concern),
                Cell::Int(l.at),
                Cell::MaybeInt(Some(l.by)),
            ]
        })
        .collect();
    insert_rows(
        c,
        backend,
        "INSERT INTO person_concerns (person_id, concern_id, linked_at, linked_by)",
        4,
        &cells,
    )
    .await
}
