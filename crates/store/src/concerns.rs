//! Concerns: taking them in, reading them (always through a visibility rule), queues with
//! keyset pagination, and their timelines.

use liaison_domain::aggregates::ConcernFacts;
use liaison_domain::categories::Answers;
use liaison_domain::concerns::{Channel, Confidentiality, LineKind, Priority, Status};
use liaison_domain::records::RecordRef;
use liaison_domain::Sight;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{search, word, Backend, Conn, Result, Sql, StoreError};

/// Who raised a concern, unless they stayed anonymous.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reporter {
    /// Name as given.
    pub name: Option<String>,
    /// Email as given.
    pub email: Option<String>,
    /// Phone as given.
    pub phone: Option<String>,
    /// Language to answer in.
    pub language: String,
}

/// A concern as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    /// Stable id.
    pub id: i64,
    /// Staff reference such as `C-2026-00042`.
    pub reference: String,
    /// Its category.
    pub category_id: i64,
    /// The category's name.
    pub category_name: String,
    /// What the reporter said.
    pub description: String,
    /// How it came in.
    pub channel: Channel,
    /// Where, as an area.
    pub area_id: Option<i64>,
    /// The area's name.
    pub area_name: Option<String>,
    /// Where, as an address or description of the place.
    pub address: Option<String>,
    /// Where, as a map point.
    pub point: Option<(f64, f64)>,
    /// How urgent.
    pub priority: Priority,
    /// Who may see it.
    pub confidentiality: Confidentiality,
    /// Where it stands.
    pub status: Status,
    /// Who handles it.
    pub assignee_id: Option<i64>,
    /// Their name.
    pub assignee_name: Option<String>,
    /// The reporter chose not to be identified: nothing identifying is stored.
    pub anonymous: bool,
    /// Who reported it (empty when anonymous).
    pub reporter: Reporter,
    /// Answers to the category's intake questions.
    pub answers: Answers,
    /// The concern this one duplicates.
    pub duplicate_of: Option<i64>,
    /// That concern's reference.
    pub duplicate_of_reference: Option<String>,
    /// When it was received (UTC seconds).
    pub received_at: i64,
    /// When anything last changed.
    pub updated_at: i64,
    /// When it was first acknowledged.
    pub acknowledged_at: Option<i64>,
    /// When it was last resolved.
    pub resolved_at: Option<i64>,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// Since when the clock is stopped (waiting on the reporter).
    pub paused_at: Option<i64>,
    /// When the reporter answered with no word from staff since (flagged to its officer).
    pub replied_at: Option<i64>,
    /// The member of staff it is about, who never sees it.
    pub about_staff_id: Option<i64>,
}

impl Concern {
    /// What a workflow step changes (`liaison_domain::concerns::Handling`).
    pub fn handling(&self) -> liaison_domain::concerns::Handling {
        liaison_domain::concerns::Handling {
            status: self.status,
            acknowledged_at: self.acknowledged_at,
            resolved_at: self.resolved_at,
            ack_due_at: self.ack_due_at,
            resolve_due_at: self.resolve_due_at,
            paused_at: self.paused_at,
        }
    }

    /// Takes on what a workflow step changed.
    pub fn set_handling(&mut self, h: liaison_domain::concerns::Handling) {
        self.status = h.status;
        self.acknowledged_at = h.acknowledged_at;
        self.resolved_at = h.resolved_at;
        self.ack_due_at = h.ack_due_at;
        self.resolve_due_at = h.resolve_due_at;
        self.paused_at = h.paused_at;
    }
}

const COLUMNS: &str = "c.id, c.reference, c.category_id, k.name AS category_name, c.description, \
    c.channel, c.area_id, a.name AS area_name, c.address, c.lat, c.lng, c.priority, \
    c.confidentiality, c.status, c.assignee_id, u.name AS assignee_name, c.anonymous, \
    c.reporter_name, c.reporter_email, c.reporter_phone, c.reporter_language, c.answers, \
    c.duplicate_of, d.reference AS duplicate_of_reference, c.received_at, c.updated_at, \
    c.acknowledged_at, c.resolved_at, c.ack_due_at, c.resolve_due_at, c.paused_at, \
    c.replied_at, c.about_staff_id";

const FROM: &str = "FROM concerns c JOIN categories k ON k.id = c.category_id \
    LEFT JOIN areas a ON a.id = c.area_id LEFT JOIN users u ON u.id = c.assignee_id \
    LEFT JOIN concerns d ON d.id = c.duplicate_of";

fn priority(r: &AnyRow) -> Result<Priority> {
    let rank: i64 = r.try_get("priority")?;
    Priority::from_rank(rank).ok_or_else(|| StoreError::Corrupt(format!("priority {rank}")))
}

fn from_row(r: &AnyRow) -> Result<Concern> {
    let lat: Option<f64> = r.try_get("lat")?;
    let lng: Option<f64> = r.try_get("lng")?;
    let answers: String = r.try_get("answers")?;
    Ok(Concern {
        id: r.try_get("id")?,
        reference: r.try_get("reference")?,
        category_id: r.try_get("category_id")?,
        category_name: r.try_get("category_name")?,
        description: r.try_get("description")?,
        channel: word(&r.try_get::<String, _>("channel")?, Channel::parse)?,
        area_id: r.try_get("area_id")?,
        area_name: r.try_get("area_name")?,
        address: r.try_get("address")?,
        point: lat.zip(lng),
        priority: priority(r)?,
        confidentiality: word(
            &r.try_get::<String, _>("confidentiality")?,
            Confidentiality::parse,
        )?,
        status: word(&r.try_get::<String, _>("status")?, Status::parse)?,
        assignee_id: r.try_get("assignee_id")?,
        assignee_name: r.try_get("assignee_name")?,
        anonymous: r.try_get::<i64, _>("anonymous")? != 0,
        reporter: Reporter {
            name: r.try_get("reporter_name")?,
            email: r.try_get("reporter_email")?,
            phone: r.try_get("reporter_phone")?,
            language: r.try_get("reporter_language")?,
        },
        answers: crate::json("answers", &answers)?,
        duplicate_of: r.try_get("duplicate_of")?,
        duplicate_of_reference: r.try_get("duplicate_of_reference")?,
        received_at: r.try_get("received_at")?,
        updated_at: r.try_get("updated_at")?,
        acknowledged_at: r.try_get("acknowledged_at")?,
        resolved_at: r.try_get("resolved_at")?,
        ack_due_at: r.try_get("ack_due_at")?,
        resolve_due_at: r.try_get("resolve_due_at")?,
        paused_at: r.try_get("paused_at")?,
        replied_at: r.try_get("replied_at")?,
        about_staff_id: r.try_get("about_staff_id")?,
    })
}

/// Where concerns keep what the visibility rule reads.
pub const GUARDED: crate::visibility::Guarded = crate::visibility::Guarded {
    level: "c.confidentiality",
    responsible: "c.assignee_id",
    kept: Some(crate::visibility::Kept {
        category: "c.category_id",
        about: "c.about_staff_id",
    }),
};

/// A concern to take in.
#[derive(Debug, Clone)]
pub struct NewConcern {
    /// The reference given to staff.
    pub reference: String,
    /// Hash of the resident's tracking code.
    pub tracking_hash: String,
    /// Category.
    pub category_id: i64,
    /// What was said.
    pub description: String,
    /// How it came in.
    pub channel: Channel,
    /// Area.
    pub area_id: Option<i64>,
    /// Address.
    pub address: Option<String>,
    /// Map point.
    pub point: Option<(f64, f64)>,
    /// Priority.
    pub priority: Priority,
    /// Confidentiality.
    pub confidentiality: Confidentiality,
    /// Anonymous report.
    pub anonymous: bool,
    /// Reporter details (empty when anonymous).
    pub reporter: Reporter,
    /// Answers to intake questions.
    pub answers: Answers,
    /// Received at.
    pub received_at: i64,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// The staff member who recorded it, if any.
    pub recorded_by: Option<i64>,
}

/// Reserves the next `count` numbers of this year's reference sequence; answers the first.
pub async fn reserve_numbers(c: &mut Conn, year: i64, count: i64) -> Result<i64> {
    let last: i64 = sqlx::query_scalar(
        "INSERT INTO reference_counters (year, last) VALUES ($1, $2) \
         ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + $2 RETURNING last",
    )
    .bind(year)
    .bind(count)
    .fetch_one(c)
    .await?;
    Ok(last - count + 1)
}

/// Stores new concerns in status `received` with one statement; answers their ids in the
/// order given. References must be unique (they are how ids are matched back).
pub async fn insert_many(
    c: &mut Conn,
    backend: crate::Backend,
    list: &[&NewConcern],
) -> Result<Vec<i64>> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let answers = list
        .iter()
        .map(|n| serde_json::to_string(&n.answers))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // Coordinates travel as text, cast in SQL: sqlx's Any driver types a missing f64 as a
    // 4-byte float, and PostgreSQL's cached statement would then refuse the next real one.
    let points: Vec<(Option<String>, Option<String>)> = list
        .iter()
        .map(|n| {
            (
                n.point.map(|p| p.0.to_string()),
                n.point.map(|p| p.1.to_string()),
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO concerns (reference, tracking_hash, category_id, description, channel, \
         area_id, address, lat, lng, priority, confidentiality, anonymous, reporter_name, \
         reporter_email, reporter_phone, reporter_language, answers, received_at, updated_at, \
         ack_due_at, resolve_due_at, recorded_by, status, open) VALUES {} RETURNING id, reference",
        crate::sql::tuples(backend, list.len(), 22, |col, p| match col {
            7 | 8 => format!("CAST({p} AS DOUBLE PRECISION)"),
            21 => format!("{p}, 'received', 1"),
            _ => p,
        })
    );
    let mut q = sqlx::query(&sql);
    for ((n, answers), (lat, lng)) in list.iter().zip(&answers).zip(&points) {
        q = q
            .bind(&n.reference)
            .bind(&n.tracking_hash)
            .bind(n.category_id)
            .bind(&n.description)
            .bind(n.channel.as_str())
            .bind(n.area_id)
            .bind(&n.address)
            .bind(lat)
            .bind(lng)
            .bind(n.priority.rank())
            .bind(n.confidentiality.as_str())
            .bind(i64::from(n.anonymous))
            .bind(&n.reporter.name)
            .bind(&n.reporter.email)
            .bind(&n.reporter.phone)
            .bind(&n.reporter.language)
            .bind(answers)
            .bind(n.received_at)
            .bind(n.received_at)
            .bind(n.ack_due_at)
            .bind(n.resolve_due_at)
            .bind(n.recorded_by);
    }
    let rows = q.fetch_all(&mut *c).await?;
    let mut ids = std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        ids.insert(
            r.try_get::<String, _>("reference")?,
            r.try_get::<i64, _>("id")?,
        );
    }
    let ids = list
        .iter()
        .map(|n| {
            ids.get(&n.reference).copied().ok_or_else(|| {
                StoreError::Corrupt("a stored concern came back without its id".into())
            })
        })
        .collect::<Result<Vec<i64>>>()?;
    let new: Vec<_> = list
        .iter()
        .zip(&ids)
        .map(|(n, &id)| (None, new_facts(id, n)))
        .collect();
    crate::aggregates::record(c, &new).await?;
    Ok(ids)
}

/// What a concern just taken in adds to the office's figures.
fn new_facts(id: i64, n: &NewConcern) -> ConcernFacts {
    ConcernFacts {
        id,
        category_id: n.category_id,
        area_id: n.area_id,
        channel: n.channel.as_str().to_string(),
        officer_id: None,
        received_at: n.received_at,
        acknowledged_at: None,
        ack_due_at: n.ack_due_at,
        resolved_at: None,
        resolve_due_at: n.resolve_due_at,
        closed_at: None,
        open: true,
    }
}

/// What is stored for a tracking code, and looked up by it: the code's hash, after the
/// concern's number when the code carries one. New keys then come in the order concerns
/// arrive, so each is written beside the last instead of on a page of its own somewhere in
/// the index, a page that each checkpoint then copied back and flushed on its own
/// (docs/benchmarks.md: Open311 intake went from about 5,500 to 9,000 a second).
pub fn tracking_key(code: &str) -> String {
    let hash = crate::secrets::digest(code);
    match liaison_domain::values::tracking_code_number(code) {
        Some(number) => format!("{number:012}:{hash}"),
        None => hash,
    }
}

/// A concern written whole with its id given in advance, as a generated office writes
/// them (the demo): taken in as `new`, then handled to where `handling` stands.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Its id, above every stored one.
    pub id: i64,
    /// The concern as it was taken in (its due dates are `handling`'s).
    pub new: NewConcern,
    /// Its status, when it was acknowledged and resolved, its due dates as pauses moved
    /// them, and since when its clock is stopped.
    pub handling: liaison_domain::concerns::Handling,
    /// Who handles it.
    pub assignee_id: Option<i64>,
    /// The concern it duplicates.
    pub duplicate_of: Option<i64>,
    /// When anything last changed.
    pub updated_at: i64,
}

/// Stores whole concerns with their ids, four hundred to a statement, then (on PostgreSQL)
/// moves the id sequence past them; the office's figures are recounted when next read. Their timelines, search entries, reference numbers
/// and audit entries are written as every concern's are (`timeline::add`,
/// `search::index_new`, [`reserve_numbers`], `audit::append_many`).
pub async fn insert_generated(c: &mut Conn, backend: Backend, list: &[Generated]) -> Result<()> {
    const COLUMNS: usize = 31;
    let per = crate::sql::rows_per_statement(COLUMNS);
    let insert = |rows| {
        format!(
            "INSERT INTO concerns (id, reference, tracking_hash, category_id, description, \
             channel, area_id, address, lat, lng, priority, confidentiality, status, open, \
             assignee_id, anonymous, reporter_name, reporter_email, reporter_phone, \
             reporter_language, answers, duplicate_of, received_at, updated_at, \
             acknowledged_at, resolved_at, ack_due_at, resolve_due_at, paused_at, recorded_by, \
             closed_at) VALUES {}",
            // Coordinates travel as text, as in `insert_many`.
            crate::sql::tuples(backend, rows, COLUMNS, |col, p| match col {
                8 | 9 => format!("CAST({p} AS DOUBLE PRECISION)"),
                _ => p,
            })
        )
    };
    // Built once for every full chunk, so the connection prepares it once.
    let mut full = None;
    for chunk in list.chunks(per) {
        let answers = chunk
            .iter()
            .map(|g| serde_json::to_string(&g.new.answers))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let points: Vec<(Option<String>, Option<String>)> = chunk
            .iter()
            .map(|g| {
                let p = g.new.point;
                (p.map(|p| p.0.to_string()), p.map(|p| p.1.to_string()))
            })
            .collect();
        let rest;
        let sql: &str = if chunk.len() == per {
            full.get_or_insert_with(|| insert(per))
        } else {
            rest = insert(chunk.len());
            &rest
        };
        let mut q = sqlx::query(sql);
        for ((g, answers), (lat, lng)) in chunk.iter().zip(&answers).zip(&points) {
            let (n, h) = (&g.new, &g.handling);
            q = q
                .bind(g.id)
                .bind(&n.reference)
                .bind(&n.tracking_hash)
                .bind(n.category_id)
                .bind(&n.description)
                .bind(n.channel.as_str())
                .bind(n.area_id)
                .bind(&n.address)
                .bind(lat)
                .bind(lng)
                .bind(n.priority.rank())
                .bind(n.confidentiality.as_str())
                .bind(h.status.as_str())
                // Derived from the status, as `update` does.
                .bind(i64::from(h.status.is_open()))
                .bind(g.assignee_id)
                .bind(i64::from(n.anonymous))
                .bind(&n.reporter.name)
                .bind(&n.reporter.email)
                .bind(&n.reporter.phone)
                .bind(&n.reporter.language)
                .bind(answers)
                .bind(g.duplicate_of)
                .bind(n.received_at)
                .bind(g.updated_at)
                .bind(h.acknowledged_at)
                .bind(h.resolved_at)
                .bind(h.ack_due_at)
                .bind(h.resolve_due_at)
                .bind(h.paused_at)
                .bind(n.recorded_by)
                .bind(generated_closed_at(g));
        }
        q.execute(&mut *c).await?;
    }
    // Written in bulk, they are counted in bulk: the figures are recounted when next read.
    crate::aggregates::mark_uncounted(c).await?;
    crate::sql::sequence_past_max(c, backend, "concerns", "id").await
}

/// When a generated concern stopped needing work: when it was resolved, or its last
/// change (none while open).
fn generated_closed_at(g: &Generated) -> Option<i64> {
    (!g.handling.status.is_open()).then(|| g.handling.resolved_at.unwrap_or(g.updated_at))
}

/// Indexes new concerns for search (`search::index_new`: the text as
/// `liaison_domain::concerns::search_text` makes it), a thousand to a statement.
pub async fn index_many(c: &mut Conn, backend: Backend, list: &[(i64, String)]) -> Result<()> {
    for chunk in list.chunks(crate::sql::rows_per_statement(2)) {
        search::index_new(
            c,
            backend,
            liaison_domain::records::RecordKind::Concern,
            chunk,
        )
        .await?;
    }
    Ok(())
}

/// The largest concern id stored, 0 when there is none.
pub async fn last_id(c: &mut Conn) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM concerns")
            .fetch_one(c)
            .await?,
    )
}

/// The last reference number given in each year, as `(year, number)`.
pub async fn last_numbers(c: &mut Conn) -> Result<Vec<(i64, i64)>> {
    Ok(
        sqlx::query_as("SELECT year, last FROM reference_counters ORDER BY year")
            .fetch_all(c)
            .await?,
    )
}

/// A concern by id, if `sight` lets its reader see it.
pub async fn get(c: &mut Conn, id: i64, sight: Sight) -> Result<Option<Concern>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} {FROM} WHERE c.id = "));
    sql.int(id);
    crate::visibility::push(&mut sql, sight, GUARDED);
    let row = sql.query().fetch_optional(c).await?;
    row.as_ref().map(from_row).transpose()
}

/// Records the member of staff concern `id` is about (none: it is about no one on staff).
pub async fn set_about_staff(c: &mut Conn, id: i64, staff: Option<i64>) -> Result<()> {
    sqlx::query("UPDATE concerns SET about_staff_id = $1 WHERE id = $2")
        .bind(staff)
        .bind(id)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// A concern by its reference, if visible.
pub async fn by_reference(c: &mut Conn, reference: &str, sight: Sight) -> Result<Option<Concern>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} {FROM} WHERE c.reference = "));
    sql.text(reference);
    crate::visibility::push(&mut sql, sight, GUARDED);
    let row = sql.query().fetch_optional(c).await?;
    row.as_ref().map(from_row).transpose()
}

/// A concern by the hash of its tracking code (the resident's view).
pub async fn by_tracking_hash(c: &mut Conn, hash: &str) -> Result<Option<Concern>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE c.tracking_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(c)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Writes back everything about a concern that handling can change, and what that changes
/// in the office's figures. It stops needing work when its status leaves the open ones
/// (`closed_at`), and needs it again when reopened.
pub async fn update(c: &mut Conn, x: &Concern) -> Result<()> {
    let before = crate::aggregates::facts(&mut *c, x.id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("concern {} is gone", x.id)))?;
    let open = x.status.is_open();
    let closed_at = match (open, before.open) {
        (true, _) => None,
        (false, true) => Some(x.updated_at),
        (false, false) => before.closed_at,
    };
    let after = ConcernFacts {
        officer_id: x.assignee_id,
        acknowledged_at: x.acknowledged_at,
        ack_due_at: x.ack_due_at,
        resolved_at: x.resolved_at,
        resolve_due_at: x.resolve_due_at,
        closed_at,
        open,
        ..before.clone()
    };
    sqlx::query(
        "UPDATE concerns SET status = $1, assignee_id = $2, duplicate_of = $3, \
         acknowledged_at = $4, resolved_at = $5, ack_due_at = $6, resolve_due_at = $7, \
         paused_at = $8, priority = $9, confidentiality = $10, updated_at = $11, open = $13, \
         replied_at = $14, closed_at = $15 WHERE id = $12",
    )
    .bind(x.status.as_str())
    .bind(x.assignee_id)
    .bind(x.duplicate_of)
    .bind(x.acknowledged_at)
    .bind(x.resolved_at)
    .bind(x.ack_due_at)
    .bind(x.resolve_due_at)
    .bind(x.paused_at)
    .bind(x.priority.rank())
    .bind(x.confidentiality.as_str())
    .bind(x.updated_at)
    .bind(x.id)
    // Derived from the status here, the one place statuses are written.
    .bind(i64::from(open))
    .bind(x.replied_at)
    .bind(closed_at)
    .execute(&mut *c)
    .await?;
    if before != after {
        crate::aggregates::record(c, &[(Some(before), after)]).await?;
    }
    Ok(())
}

/// A line of a concern's timeline: its kinds of line, and status changes.
pub type Line = crate::timeline::Line<LineKind, Status>;

/// A line to add to a concern's timeline.
pub type NewLine<'a> = crate::timeline::NewLine<'a, LineKind, Status>;

/// A concern's timeline, oldest first; only what the reporter sees when `public_only`.
pub async fn timeline(c: &mut Conn, concern_id: i64, public_only: bool) -> Result<Vec<Line>> {
    crate::timeline::of(c, RecordRef::concern(concern_id), public_only).await
}

/// Records which concern each one-time submission became (`(hash, concern)`), inside the
/// transaction that stores the concerns. A second use of a hash is a [`StoreError::Conflict`].
pub async fn record_submissions(
    c: &mut Conn,
    backend: crate::Backend,
    list: &[(&str, i64)],
    at: i64,
) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO concern_submissions (submission_hash, concern_id, created_at) VALUES {}",
        crate::sql::tuples(backend, list.len(), 3, |_, p| p)
    );
    let mut q = sqlx::query(&sql);
    for (hash, id) in list {
        q = q.bind(*hash).bind(*id).bind(at);
    }
    q.execute(c).await.map_err(crate::conflict)?;
    Ok(())
}

/// The concern a one-time submission became, with its reference, if it was stored.
pub async fn by_submission(c: &mut Conn, hash: &str) -> Result<Option<(i64, String)>> {
    let row = sqlx::query(
        "SELECT c.id, c.reference FROM concern_submissions s \
         JOIN concerns c ON c.id = s.concern_id WHERE s.submission_hash = $1",
    )
    .bind(hash)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok((r.try_get("id")?, r.try_get("reference")?)))
        .transpose()
}

/// The columns of a concern its search text is made of (`concerns::search_text`).
pub(crate) const SEARCH_COLUMNS: &str = "id, reference, description, reporter_name, address";

/// The search text of a concern row holding [`SEARCH_COLUMNS`] and its searched lines'
/// bodies; without the reporter's name when `with_reporter` is false.
pub(crate) fn search_text(row: &AnyRow, bodies: &[String], with_reporter: bool) -> Result<String> {
    let reporter: Option<String> = if with_reporter {
        row.try_get("reporter_name")?
    } else {
        None
    };
    Ok(liaison_domain::concerns::search_text(
        &row.try_get::<String, _>("reference")?,
        &row.try_get::<String, _>("description")?,
        reporter.as_deref(),
        row.try_get::<Option<String>, _>("address")?.as_deref(),
        bodies,
    ))
}

/// The search texts of the concerns with these ids, by id; without reporters' names when
/// `with_reporter` is false.
pub(crate) async fn search_texts(
    c: &mut Conn,
    ids: &[i64],
    with_reporter: bool,
) -> Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {SEARCH_COLUMNS} FROM concerns WHERE id IN ("
    ));
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.int(*id);
    }
    sql.push(") ORDER BY id");
    let rows = sql.query().fetch_all(&mut *c).await?;
    let searched: Vec<LineKind> = LineKind::searched().collect();
    let mut bodies = crate::timeline::bodies_of(
        c,
        liaison_domain::records::RecordKind::Concern,
        ids,
        &searched,
    )
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let own = bodies.remove(&id).unwrap_or_default();
            Ok((id, search_text(r, &own, with_reporter)?))
        })
        .collect()
}

/// Re-indexes a concern for search after it changed.
pub async fn reindex(c: &mut Conn, backend: Backend, concern_id: i64) -> Result<()> {
    let texts = search_texts(c, &[concern_id], true).await?;
    for (id, text) in texts {
        search::index(c, backend, RecordRef::concern(id), &text).await?;
    }
    Ok(())
}

pub mod export;
pub mod public;
mod queue;
pub use queue::{queue, QueueFilter, Sort, Summary};
