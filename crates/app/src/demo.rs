//! The demo office: a realistic, deterministic office to try Liaison on (`serve --demo`),
//! and the data every benchmark runs on (`demo --concerns N`).
//!
//! Everything comes from one seeded generator, so a seed and a start time always give the
//! same office. Concerns are written with multi-row INSERTs in large transactions: going
//! through `record_concern` one at a time would take hours for a million. To stay faithful
//! to what the operations write, each concern's handling is replayed with the domain's
//! workflow (`Action::target`, role checks) and the deadline rules of `act_on_concern`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use liaison_domain::categories::{AnswerValue, Answers, Question, QuestionKind};
use liaison_domain::concerns::{
    transition, Action, Channel, Confidentiality, EventKind, Priority, Status,
};
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::office::WorkingCalendar;
use liaison_domain::values::{concern_reference, tracking_code_from_bytes};
use liaison_domain::Role;
use liaison_store::categories::{self, CategoryFields};
use liaison_store::office::{self, Office};
use liaison_store::{areas, audit, search, sqlx, users, Backend, Conn, StoreError};
use serde_json::json;

use crate::secrets::{digest, hash_password};
use crate::{Actor, App, AppError, AppResult};

/// What the demo generator made, and how to sign in.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// Concerns generated.
    pub concerns: u64,
    /// Every staff account: email and role.
    pub staff: Vec<(String, &'static str)>,
    /// The password of every staff account.
    pub password: &'static str,
    /// How long it took, in seconds.
    pub seconds: f64,
}

const PASSWORD: &str = "riverside-demo";
const OFFICE_NAME: &str = "Riverside Community Liaison Office";
/// Concerns per transaction. Measured on SQLite with a million concerns: 10,000 took 188 s,
/// 50,000 took 126 s (each transaction rewrites the pages of the random tracking-hash index
/// it touches, so fewer, larger ones write far less), 250,000 no better. With one batch
/// being written and the next generated, a million-concern load peaks at about 400 MB.
const BATCH: u64 = 50_000;
/// Rows per INSERT, under SQLite's 32,766 placeholders (29 × 400 = 11,600).
const CONCERN_ROWS: usize = 400;
/// Timeline and search rows per INSERT (9 × 1,000 and 2 × 1,000 placeholders).
const EVENT_ROWS: usize = 1_000;
const SEARCH_ROWS: usize = 1_000;
/// How far back the demo office's history goes.
const DAYS: u64 = 730;
/// The random streams of staff names and of reception times (concern `n` uses stream `n`).
const STAFF_STREAM: u64 = u64::MAX;
const CLOCK_STREAM: u64 = u64::MAX - 1;

impl App {
    /// True when the database has no categories and no users yet (so `--demo` may fill it).
    pub async fn is_empty_office(&self) -> AppResult<bool> {
        let mut c = self.store.read().await?;
        Ok(category_count(&mut c).await? == 0 && users::count(&mut c).await? == 0)
    }

    /// Fills the database with a demo office of `concerns` concerns. Refuses
    /// (`concerns: error-not-empty`) if categories already exist.
    pub async fn load_demo(&self, concerns: u64, seed: u64) -> AppResult<DemoSummary> {
        let started = Instant::now();
        let now = liaison_store::now();
        if category_count(&mut *self.store.read().await?).await? > 0 {
            return Err(AppError::field("concerns", "error-not-empty"));
        }
        // One hash shared by every account: Argon2 is slow on purpose, and hashing for each
        // of up to 200 officers would take longer than a small demo itself.
        let hash = hash_password(PASSWORD.to_string()).await?;
        let mut rng = Rng::stream(seed, STAFF_STREAM);
        let setup = Arc::new(self.set_up_office(&mut rng, concerns, &hash, now).await?);
        let mut generator = Generator::new(Arc::clone(&setup), seed, concerns, now);
        self.continue_numbering(&mut generator).await?;
        // The next batch is generated on a blocking thread while this one is written, so the
        // database does not wait for the generator (a fifth of the time when done in turn).
        let (mut made, mut events) = (0, 0);
        let mut next = (concerns > 0).then(|| generate(generator, concerns.min(BATCH)));
        while let Some(job) = next.take() {
            let (generator, batch) = job
                .await
                .map_err(|_| AppError::Internal("demo generator"))?;
            let batch = batch?;
            made += batch.concerns.len() as u64;
            if made < concerns {
                next = Some(generate(generator, (concerns - made).min(BATCH)));
            }
            events += batch.events.len();
            self.write_batch(&batch).await?;
        }
        let mut tx = self.store.write().await?;
        let counts = json!({
            "seed": seed, "concerns": made, "events": events, "areas": setup.areas.len(),
            "categories": setup.kinds.len(), "staff": setup.staff.len(),
        });
        let who = Actor::System("demo generator".into());
        audit::append(
            &mut tx,
            &who,
            "demo.load",
            "office",
            Some(1),
            &counts,
            liaison_store::now(),
        )
        .await?;
        tx.commit().await?;
        // Fresh statistics, so the planner picks the queue indexes from the first page on.
        self.store.analyze().await?;
        // One account of each role first, so a short listing shows every kind of account.
        let firsts: Vec<usize> = Role::ALL
            .iter()
            .filter_map(|r| setup.staff.iter().position(|m| m.role == *r))
            .collect();
        let rest = (0..setup.staff.len()).filter(|i| !firsts.contains(i));
        let staff = firsts.iter().copied().chain(rest).map(|i| &setup.staff[i]);
        Ok(DemoSummary {
            concerns: made,
            staff: staff.map(|m| (m.email.clone(), m.role.as_str())).collect(),
            password: PASSWORD,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Office settings, areas, categories and staff, in one transaction.
    async fn set_up_office(
        &self,
        rng: &mut Rng,
        concerns: u64,
        hash: &str,
        now: i64,
    ) -> AppResult<Setup> {
        let calendar =
            WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30")?;
        let mut tx = self.store.write().await?;
        // Checked again under the write lock: another process may have configured meanwhile.
        if category_count(&mut tx).await? > 0 {
            return Err(AppError::field("concerns", "error-not-empty"));
        }
        let office = Office {
            name: OFFICE_NAME.into(),
            calendar: calendar.clone(),
        };
        office::save(&mut tx, &office, now).await?;
        let areas = add_areas(&mut tx, now).await?;
        let kinds = add_categories(&mut tx, now).await?;
        let staff = add_staff(&mut tx, rng, concerns, hash, now).await?;
        tx.commit().await?;
        Ok(Setup {
            calendar,
            kinds,
            areas,
            staff,
        })
    }

    /// Starts ids and reference numbers after whatever is already stored, so nothing collides.
    async fn continue_numbering(&self, g: &mut Generator) -> AppResult<()> {
        let mut c = self.store.read().await?;
        let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM concerns")
            .fetch_one(&mut *c)
            .await?;
        g.next_id = max + 1;
        let stored: Vec<(i64, i64)> = sqlx::query_as("SELECT year, last FROM reference_counters")
            .fetch_all(&mut *c)
            .await?;
        g.counters.extend(stored);
        Ok(())
    }

    /// Writes one batch in one transaction, with the reference counters and (on PostgreSQL)
    /// the id sequence moved past it, so a partial load is still consistent.
    async fn write_batch(&self, batch: &Batch) -> AppResult<()> {
        let sqlite = self.store.backend() == Backend::Sqlite;
        let (cell, search) = if sqlite {
            (
                anonymous as Cell,
                Insert::new(SQLITE_SEARCH_INSERT, 2, SEARCH_ROWS, anonymous),
            )
        } else {
            (
                numbered as Cell,
                Insert::new(PG_SEARCH_INSERT, 2, SEARCH_ROWS, tsvector),
            )
        };
        let mut concerns = Insert::new(CONCERN_INSERT, 29, CONCERN_ROWS, cell);
        // sqlx prepares a PostgreSQL statement with the types of its first arguments and sends
        // a NULL `f64` as `float4`, so a cached statement first run with a NULL latitude
        // rejects a real one later: concerns go as unnamed statements, typed on each run.
        concerns.cached = sqlite;
        let events = Insert::new(EVENT_INSERT, 9, EVENT_ROWS, cell);
        let mut tx = self.store.write().await?;
        concerns.run(&mut tx, &batch.concerns, bind_concern).await?;
        events.run(&mut tx, &batch.events, bind_event).await?;
        search.run(&mut tx, &batch.search, bind_search).await?;
        if !sqlite {
            // Explicit ids leave the identity sequence behind; move it past them.
            let sql = "SELECT setval(pg_get_serial_sequence('concerns', 'id'), \
                       (SELECT MAX(id) FROM concerns))";
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        for (year, last) in &batch.counters {
            sqlx::query(
                "INSERT INTO reference_counters (year, last) VALUES ($1, $2) ON CONFLICT (year) \
                 DO UPDATE SET last = CASE WHEN excluded.last > reference_counters.last \
                 THEN excluded.last ELSE reference_counters.last END",
            )
            .bind(*year)
            .bind(*last)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn category_count(c: &mut Conn) -> AppResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM categories")
        .fetch_one(c)
        .await?)
}

/// Generates the next `n` concerns on a blocking thread (it is CPU work), handing the
/// generator back with them.
fn generate(mut g: Generator, n: u64) -> tokio::task::JoinHandle<(Generator, AppResult<Batch>)> {
    tokio::task::spawn_blocking(move || {
        let batch = g.batch(n);
        (g, batch)
    })
}

// ---------------------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast and plenty for made-up data (never for anything secret).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

    /// An independent sequence for item `n` of a seed. Each concern has its own, so what it
    /// says and who raised it do not depend on the day the demo is loaded (its dates and
    /// handling do, through its age).
    fn stream(seed: u64, n: u64) -> Self {
        Rng(Self::mix(seed ^ Self::mix(n.wrapping_add(Self::GOLDEN))))
    }

    fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::GOLDEN);
        Self::mix(self.0)
    }

    /// A number in `0..n` (0 when `n` is 0), without the bias of `%`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1).max(0) as u64) as i64
    }

    /// A number in `[lo, hi)`.
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// Usually a number in `usual`, with probability `p_rare` one in `rare`.
    fn mostly(&mut self, usual: (f64, f64), rare: (f64, f64), p_rare: f64) -> f64 {
        let (lo, hi) = if self.chance(p_rare) { rare } else { usual };
        self.range(lo, hi)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.range(0.0, 1.0) < p
    }

    /// One item; the slices given are never empty.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of a list of copyable things (sentences, names, indexes).
    fn one<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    /// An index drawn in proportion to `weights`.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut r = self.below(weights.iter().map(|w| u64::from(*w)).sum());
        for (i, w) in weights.iter().enumerate() {
            if r < u64::from(*w) {
                return i;
            }
            r -= u64::from(*w);
        }
        0
    }

    fn bytes10(&mut self) -> [u8; 10] {
        let (a, b) = (self.next().to_le_bytes(), self.next().to_le_bytes());
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }
}

// ---------------------------------------------------------------------------------------
// The office

struct Kind {
    id: i64,
    spec: &'static CategorySpec,
    questions: Vec<Question>,
    /// Sample answers to each question answered freely.
    samples: Vec<Vec<&'static str>>,
}

struct Area {
    id: i64,
    name: &'static str,
    lat: f64,
    lng: f64,
}

struct Member {
    id: i64,
    email: String,
    name: String,
    role: Role,
    actor: Actor,
}

struct Setup {
    calendar: WorkingCalendar,
    kinds: Vec<Kind>,
    areas: Vec<Area>,
    staff: Vec<Member>,
}

impl Setup {
    /// Positions in `staff` of the members with `role`.
    fn with_role(&self, role: Role) -> Vec<usize> {
        (0..self.staff.len())
            .filter(|i| self.staff[*i].role == role)
            .collect()
    }
}

async fn add_areas(c: &mut Conn, now: i64) -> AppResult<Vec<Area>> {
    // Areas may exist without categories; reuse them rather than trip on their names.
    let existing = areas::list(c, true).await?;
    let mut out = Vec::new();
    for &(name, lat, lng) in AREAS {
        let id = match existing.iter().find(|a| a.name == name) {
            Some(a) => a.id,
            None => areas::insert(c, name, now).await?,
        };
        out.push(Area { id, name, lat, lng });
    }
    Ok(out)
}

async fn add_categories(c: &mut Conn, now: i64) -> AppResult<Vec<Kind>> {
    let mut out = Vec::new();
    for spec in CATEGORIES {
        let fields = CategoryFields {
            code: spec.code.into(),
            name: spec.name.into(),
            description: spec.description.into(),
            acknowledge: spec.ack,
            resolve: spec.resolve,
            default_priority: spec.priority,
            public: spec.public,
            active: true,
        };
        let id = categories::insert(c, &fields, now).await?;
        let mut questions = Vec::new();
        for q in spec.questions {
            questions.push(Question::parse(
                q.code, q.label, q.help, q.kind, q.required, q.options,
            )?);
        }
        let samples = spec
            .questions
            .iter()
            .map(|q| q.options.lines().collect())
            .collect();
        if !questions.is_empty() {
            categories::set_questions(c, id, &questions, now).await?;
        }
        out.push(Kind {
            id,
            spec,
            questions,
            samples,
        });
    }
    Ok(out)
}

/// One administrator, two supervisors, officers in proportion to the workload, two partner
/// agencies and a viewer.
async fn add_staff(
    c: &mut Conn,
    rng: &mut Rng,
    concerns: u64,
    hash: &str,
    now: i64,
) -> AppResult<Vec<Member>> {
    let officers = (concerns / 20_000).clamp(6, 200) as usize;
    let mut people: Vec<(String, String, Role)> = FIXED_STAFF
        .iter()
        .map(|&(name, email, role)| (name.to_string(), email.to_string(), role))
        .collect();
    while people.len() < FIXED_STAFF.len() + officers {
        let (first, last) = (rng.one(FIRST_NAMES), rng.one(LAST_NAMES));
        let email = format!(
            "{}.{}@riverside.example",
            ascii_word(first),
            ascii_word(last)
        );
        if people.iter().all(|p| p.1 != email) {
            people.push((format!("{first} {last}"), email, Role::Officer));
        }
    }
    let mut out = Vec::new();
    for (name, email, role) in people {
        let id = match users::insert(c, &email, &name, role, hash, now).await {
            Err(StoreError::Conflict) => {
                return Err(AppError::field("concerns", "error-not-empty"))
            }
            other => other?,
        };
        let actor = Actor::Staff {
            id,
            label: email.clone(),
        };
        out.push(Member {
            id,
            email,
            name,
            role,
            actor,
        });
    }
    Ok(out)
}

/// `van der Merwe` as it appears in an address: `vandermerwe`.
fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Rows and how they are written

struct ConcernRow {
    id: i64,
    reference: String,
    tracking_hash: String,
    category_id: i64,
    description: String,
    channel: Channel,
    area_id: Option<i64>,
    address: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
    priority: Priority,
    confidentiality: Confidentiality,
    status: Status,
    assignee_id: Option<i64>,
    anonymous: bool,
    reporter_name: Option<String>,
    reporter_email: Option<String>,
    reporter_phone: Option<String>,
    language: &'static str,
    answers: String,
    duplicate_of: Option<i64>,
    received_at: i64,
    updated_at: i64,
    acknowledged_at: Option<i64>,
    resolved_at: Option<i64>,
    ack_due_at: i64,
    resolve_due_at: i64,
    paused_at: Option<i64>,
    recorded_by: Option<i64>,
}

struct EventRow {
    concern_id: i64,
    at: i64,
    actor_id: Option<i64>,
    actor_kind: &'static str,
    kind: EventKind,
    from_status: Option<Status>,
    to_status: Option<Status>,
    body: Cow<'static, str>,
    public: bool,
}

impl EventRow {
    fn new(
        concern_id: i64,
        at: i64,
        actor: &Actor,
        kind: EventKind,
        body: Cow<'static, str>,
        public: bool,
    ) -> Self {
        let (actor_id, actor_kind) = (actor.user_id(), actor.kind());
        Self {
            concern_id,
            at,
            actor_id,
            actor_kind,
            kind,
            from_status: None,
            to_status: None,
            body,
            public,
        }
    }
}

#[derive(Default)]
struct Batch {
    concerns: Vec<ConcernRow>,
    events: Vec<EventRow>,
    /// Concern id and normalized search text.
    search: Vec<(i64, String)>,
    /// The last reference number given per year, once this batch is written.
    counters: Vec<(i64, i64)>,
}

const CONCERN_INSERT: &str = "INSERT INTO concerns (id, reference, tracking_hash, category_id, \
    description, channel, area_id, address, lat, lng, priority, confidentiality, status, \
    assignee_id, anonymous, reporter_name, reporter_email, reporter_phone, reporter_language, \
    answers, duplicate_of, received_at, updated_at, acknowledged_at, resolved_at, ack_due_at, \
    resolve_due_at, paused_at, recorded_by) VALUES ";

const SQLITE_SEARCH_INSERT: &str = "INSERT INTO concern_search (rowid, body) VALUES ";
const PG_SEARCH_INSERT: &str = "INSERT INTO concern_search (concern_id, body) VALUES ";

const EVENT_INSERT: &str = "INSERT INTO concern_events (concern_id, at, actor_id, actor_kind, \
    kind, from_status, to_status, body, public) VALUES ";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_concern<'q>(q: AnyQuery<'q>, r: &'q ConcernRow) -> AnyQuery<'q> {
    q.bind(r.id)
        .bind(&r.reference)
        .bind(&r.tracking_hash)
        .bind(r.category_id)
        .bind(&r.description)
        .bind(r.channel.as_str())
        .bind(r.area_id)
        .bind(&r.address)
        .bind(r.lat)
        .bind(r.lng)
        .bind(r.priority.rank())
        .bind(r.confidentiality.as_str())
        .bind(r.status.as_str())
        .bind(r.assignee_id)
        .bind(i64::from(r.anonymous))
        .bind(&r.reporter_name)
        .bind(&r.reporter_email)
        .bind(&r.reporter_phone)
        .bind(r.language)
        .bind(&r.answers)
        .bind(r.duplicate_of)
        .bind(r.received_at)
        .bind(r.updated_at)
        .bind(r.acknowledged_at)
        .bind(r.resolved_at)
        .bind(r.ack_due_at)
        .bind(r.resolve_due_at)
        .bind(r.paused_at)
        .bind(r.recorded_by)
}

fn bind_event<'q>(q: AnyQuery<'q>, e: &'q EventRow) -> AnyQuery<'q> {
    q.bind(e.concern_id)
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.actor_kind)
        .bind(e.kind.as_str())
        .bind(e.from_status.map(Status::as_str))
        .bind(e.to_status.map(Status::as_str))
        .bind(&*e.body)
        .bind(i64::from(e.public))
}

fn bind_search<'q>(q: AnyQuery<'q>, s: &'q (i64, String)) -> AnyQuery<'q> {
    q.bind(s.0).bind(&s.1)
}

/// A numbered placeholder, as PostgreSQL needs.
fn numbered(_column: usize, n: usize) -> String {
    format!("${n}")
}

/// An anonymous placeholder for SQLite: sqlx asks SQLite the name of every parameter it
/// binds, and SQLite finds it by scanning the statement's list of names, which makes
/// thousands of `$n` quadratic (80% of the time at 11,600 per statement); `?` has no name.
fn anonymous(_column: usize, _n: usize) -> String {
    "?".to_string()
}

/// The search body goes through `to_tsvector`, as `search::index` does on PostgreSQL.
fn tsvector(column: usize, n: usize) -> String {
    if column == 1 {
        format!("to_tsvector('simple', ${n})")
    } else {
        format!("${n}")
    }
}

/// Writes the placeholder for a column (0-based) numbered `n` (1-based) in a statement.
type Cell = fn(usize, usize) -> String;

/// A multi-row INSERT: `head` then tuples of `columns` placeholders, `per` rows at a time.
struct Insert {
    head: &'static str,
    columns: usize,
    per: usize,
    cell: Cell,
    /// Whether the connection keeps the statement prepared for the next chunk.
    cached: bool,
}

impl Insert {
    fn new(head: &'static str, columns: usize, per: usize, cell: Cell) -> Self {
        Self {
            head,
            columns,
            per,
            cell,
            cached: true,
        }
    }

    fn sql(&self, rows: usize) -> String {
        let mut sql = String::with_capacity(self.head.len() + rows * self.columns * 7);
        sql.push_str(self.head);
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for col in 0..self.columns {
                if col > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&(self.cell)(col, r * self.columns + col + 1));
            }
            sql.push(')');
        }
        sql
    }

    async fn run<T: Sync>(
        &self,
        c: &mut Conn,
        rows: &[T],
        bind: for<'q> fn(AnyQuery<'q>, &'q T) -> AnyQuery<'q>,
    ) -> AppResult<()> {
        // Built once, so a cached statement is prepared once.
        let full = self.sql(self.per);
        for chunk in rows.chunks(self.per) {
            let rest;
            let sql = if chunk.len() == self.per {
                &full
            } else {
                rest = self.sql(chunk.len());
                &rest
            };
            let mut q = sqlx::query(sql).persistent(self.cached);
            for r in chunk {
                q = bind(q, r);
            }
            q.execute(&mut *c).await?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Concerns

/// Hands out reception times in order: more on weekdays and in office hours, a few busy
/// days after incidents, and slowly more as the project grows.
struct Clock {
    /// Local midnight (UTC seconds) of each day, oldest first, and the share of all concerns
    /// received by the end of that day.
    days: Vec<(i64, f64)>,
    total: u64,
    next_day: usize,
    /// Concerns handed out or pending up to the end of the previous day.
    planned: u64,
    /// The current day's times, latest first.
    pending: Vec<i64>,
    limit: i64,
    rng: Rng,
}

impl Clock {
    fn new(mut rng: Rng, calendar: &WorkingCalendar, now: i64, total: u64) -> Self {
        let tz = calendar.time_zone;
        let today = at(now).with_timezone(&tz).date_naive();
        let first = today.checked_sub_days(Days::new(DAYS - 1)).unwrap_or(today);
        let mut days = Vec::new();
        let mut sum = 0.0;
        for (d, date) in first.iter_days().take(DAYS as usize).enumerate() {
            let local = date.and_time(NaiveTime::MIN);
            let midnight = tz
                .from_local_datetime(&local)
                .earliest()
                .map_or(local.and_utc().timestamp(), |t| t.timestamp());
            let trend = 0.6 + 0.8 * d as f64 / (DAYS - 1) as f64;
            let weekday = if date.weekday().number_from_monday() >= 6 {
                0.45
            } else {
                1.0
            };
            let busy = if rng.chance(0.03) { 3.0 } else { 1.0 };
            let elapsed = ((now - midnight) as f64 / 86_400.0).clamp(0.02, 1.0);
            sum += trend * weekday * busy * elapsed;
            days.push((midnight, sum));
        }
        for day in &mut days {
            day.1 /= sum;
        }
        Self {
            days,
            total,
            next_day: 0,
            planned: 0,
            pending: Vec::new(),
            limit: now - 120,
            rng,
        }
    }

    fn next(&mut self) -> i64 {
        while self.pending.is_empty() && self.next_day < self.days.len() {
            let (midnight, share) = self.days[self.next_day];
            self.next_day += 1;
            let upto = if self.next_day == self.days.len() {
                self.total
            } else {
                (share * self.total as f64).round() as u64
            };
            for _ in self.planned..upto {
                let hour = self.rng.weighted(&HOURS) as i64;
                let mut t = midnight + hour * 3600 + self.rng.between(0, 3599);
                if t >= self.limit {
                    t = (midnight + self.rng.between(0, self.limit - midnight)).min(self.limit);
                }
                self.pending.push(t);
            }
            self.planned = self.planned.max(upto);
            self.pending.sort_unstable_by(|a, b| b.cmp(a));
        }
        self.pending.pop().unwrap_or(self.limit)
    }
}

/// One moment of a concern's handling.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Assign,
    Act(Action),
    Note,
    Update,
    Duplicate,
}

/// What is known of a concern while its handling is replayed.
struct Handling<'a> {
    spec: &'static CategorySpec,
    assignee: Option<&'a Member>,
    /// The concern it repeats (id and reference).
    original: Option<(i64, String)>,
    status: Status,
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default()
}

struct Generator {
    setup: Arc<Setup>,
    seed: u64,
    /// How many concerns were generated: the stream of the next one.
    index: u64,
    /// The current concern's stream.
    rng: Rng,
    clock: Clock,
    now: i64,
    next_id: i64,
    /// The last reference number given, per year.
    counters: HashMap<i64, i64>,
    /// The latest concern of each category (id and reference), for duplicates to point to.
    latest: Vec<Option<(i64, String)>>,
    /// Category shares, in `setup.kinds` order.
    kind_weights: Vec<u32>,
    /// Positions in `setup.staff`, by role.
    officers: Vec<usize>,
    supervisors: Vec<usize>,
    partners: Vec<usize>,
}

impl Generator {
    fn new(setup: Arc<Setup>, seed: u64, total: u64, now: i64) -> Self {
        let clock_rng = Rng::stream(seed, CLOCK_STREAM);
        Self {
            clock: Clock::new(clock_rng, &setup.calendar, now, total),
            seed,
            index: 0,
            rng: Rng(seed),
            now,
            next_id: 1,
            counters: HashMap::new(),
            latest: vec![None; setup.kinds.len()],
            kind_weights: setup.kinds.iter().map(|k| k.spec.weight).collect(),
            officers: setup.with_role(Role::Officer),
            supervisors: setup.with_role(Role::Supervisor),
            partners: setup.with_role(Role::Partner),
            setup,
        }
    }

    fn batch(&mut self, n: u64) -> AppResult<Batch> {
        let mut batch = Batch::default();
        // The setup is shared, not owned: hold it apart from `self` so staff and categories
        // can be borrowed while the generator's state changes.
        let setup = Arc::clone(&self.setup);
        for _ in 0..n {
            self.concern(&setup, &mut batch)?;
        }
        batch.counters = self.counters.iter().map(|(y, n)| (*y, *n)).collect();
        Ok(batch)
    }

    fn officer<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.officers)]
    }

    fn supervisor<'a>(&mut self, s: &'a Setup) -> &'a Member {
        &s.staff[self.rng.one(&self.supervisors)]
    }

    /// One concern, its timeline and its search text.
    fn concern(&mut self, s: &Setup, batch: &mut Batch) -> AppResult<()> {
        let id = self.next_id;
        self.next_id += 1;
        self.rng = Rng::stream(self.seed, self.index);
        self.index += 1;
        let received = self.clock.next();
        let k = self.rng.weighted(&self.kind_weights);
        let kind = &s.kinds[k];
        let channel = Channel::ALL[self.rng.weighted(if kind.spec.public {
            &CHANNELS
        } else {
            &STAFF_CHANNELS
        })];
        let by_staff = !matches!(channel, Channel::Portal | Channel::Api);
        let recorder = by_staff.then(|| {
            if self.rng.chance(0.85) {
                self.officer(s)
            } else {
                self.supervisor(s)
            }
        });
        let mut row = self.basics(s, id, received, kind, channel)?;
        row.recorded_by = recorder.map(|m| m.id);
        let first = batch.events.len();
        let resident = Actor::Resident;
        let who = recorder.map_or(&resident, |m| &m.actor);
        let mut received_event =
            EventRow::new(id, received, who, EventKind::Received, "".into(), true);
        received_event.to_status = Some(Status::Received);
        batch.events.push(received_event);
        self.handle(s, &mut row, k, &mut batch.events);
        batch
            .search
            .push((id, search_text(&row, &batch.events[first..])));
        self.latest[k] = Some((id, row.reference.clone()));
        batch.concerns.push(row);
        Ok(())
    }

    /// Everything known when the concern came in.
    fn basics(
        &mut self,
        s: &Setup,
        id: i64,
        received: i64,
        kind: &Kind,
        channel: Channel,
    ) -> AppResult<ConcernRow> {
        let local = at(received).with_timezone(&s.calendar.time_zone);
        let number = self.counters.entry(i64::from(local.year())).or_insert(0);
        *number += 1;
        let reference = concern_reference(local.year(), *number);
        let by_staff = !matches!(channel, Channel::Portal | Channel::Api);
        let mut priority = kind.spec.priority;
        if by_staff && self.rng.chance(0.2) {
            let step = if self.rng.chance(0.65) { 1 } else { -1 };
            priority = Priority::from_rank(priority.rank() + step).unwrap_or(priority);
        }
        // Portal reporters choose public or private; staff-only categories are sensitive.
        let mix = match (kind.spec.public, by_staff) {
            (false, _) => [0, 40, 60],
            (true, true) => [80, 15, 5],
            (true, false) => [70, 30, 0],
        };
        let confidentiality = Confidentiality::ALL[self.rng.weighted(&mix)];
        let language = LANGUAGES[self.rng.weighted(&[80, 10, 10])];
        let anonymous = self.rng.chance(0.25);
        let (reporter_name, reporter_email, reporter_phone) = if anonymous {
            (None, None, None)
        } else {
            self.reporter()
        };
        let area = self.rng.chance(0.92).then(|| self.rng.pick(&s.areas));
        let (address, point) = self.place(area);
        let answers = self.answers(kind, local.date_naive());
        let answers =
            serde_json::to_string(&answers).map_err(|_| AppError::Internal("demo answers"))?;
        Ok(ConcernRow {
            id,
            reference,
            tracking_hash: digest(&tracking_code_from_bytes(self.rng.bytes10())),
            category_id: kind.id,
            description: self.description(kind.spec, language),
            channel,
            area_id: area.map(|a| a.id),
            address,
            lat: point.map(|p| p.0),
            lng: point.map(|p| p.1),
            priority,
            confidentiality,
            status: Status::Received,
            assignee_id: None,
            anonymous,
            reporter_name,
            reporter_email,
            reporter_phone,
            language,
            answers,
            duplicate_of: None,
            received_at: received,
            updated_at: received,
            acknowledged_at: None,
            resolved_at: None,
            ack_due_at: kind.spec.ack.due(at(received), &s.calendar).timestamp(),
            resolve_due_at: kind.spec.resolve.due(at(received), &s.calendar).timestamp(),
            paused_at: None,
            recorded_by: None,
        })
    }

    /// A name, and usually an email address (at reserved example domains) or a phone number.
    fn reporter(&mut self) -> (Option<String>, Option<String>, Option<String>) {
        let (first, last) = (self.rng.one(FIRST_NAMES), self.rng.one(LAST_NAMES));
        let email = self.rng.chance(0.6).then(|| {
            let n = self.rng.between(1, 99);
            let domain =
                self.rng
                    .one(&["example.org", "example.net", "example.com", "mail.example"]);
            format!("{}.{}{n}@{domain}", ascii_word(first), ascii_word(last))
        });
        let phone = self.rng.chance(0.75).then(|| {
            let prefix = self
                .rng
                .one(&["60", "71", "72", "73", "76", "78", "79", "82", "83", "84"]);
            format!(
                "+27 {prefix} {:03} {:04}",
                self.rng.below(1000),
                self.rng.below(10_000)
            )
        });
        (Some(format!("{first} {last}")), email, phone)
    }

    /// An address or a landmark, and sometimes a map point, in or near the area.
    fn place(&mut self, area: Option<&Area>) -> (Option<String>, Option<(f64, f64)>) {
        let Some(area) = area.filter(|_| self.rng.chance(0.45)) else {
            return (None, None);
        };
        let address = if self.rng.chance(0.6) {
            format!(
                "{} {}, {}",
                self.rng.between(1, 240),
                self.rng.one(STREETS),
                area.name
            )
        } else {
            format!("Near {}, {}", self.rng.one(PLACES), area.name)
        };
        let round = |x: f64| (x * 100_000.0).round() / 100_000.0;
        let point = self.rng.chance(0.75).then(|| {
            (
                round(area.lat + self.rng.range(-0.01, 0.01)),
                round(area.lng + self.rng.range(-0.01, 0.01)),
            )
        });
        (Some(address), point)
    }

    /// What the reporter said, from the category's own sentences.
    fn description(&mut self, spec: &CategorySpec, language: &str) -> String {
        let mut text = String::with_capacity(240);
        let first = self.rng.below(spec.issues.len() as u64) as usize;
        self.push_sentence(&mut text, spec.issues[first]);
        if self.rng.chance(0.6) {
            let second = (first + 1 + self.rng.below(spec.issues.len() as u64 - 1) as usize)
                % spec.issues.len();
            self.push_sentence(&mut text, spec.issues[second]);
        }
        if self.rng.chance(0.8) {
            let ask = self.rng.one(spec.asks);
            self.push_sentence(&mut text, ask);
        }
        match language {
            "es" if self.rng.chance(0.6) => {
                self.push_sentence(&mut text, "Por favor, respondan en español.")
            }
            "fr" if self.rng.chance(0.6) => {
                self.push_sentence(&mut text, "Merci de me répondre en français.")
            }
            _ => {}
        }
        text
    }

    fn push_sentence(&mut self, text: &mut String, sentence: &str) {
        if !text.is_empty() {
            text.push(' ');
        }
        match sentence.split_once("{place}") {
            Some((before, after)) => {
                text.push_str(before);
                text.push_str(self.rng.one(PLACES));
                text.push_str(after);
            }
            None => text.push_str(sentence),
        }
    }

    /// Answers to the category's questions: every required one, most optional ones.
    fn answers(&mut self, kind: &Kind, received: NaiveDate) -> Answers {
        let mut answers = Vec::new();
        for (q, samples) in kind.questions.iter().zip(&kind.samples) {
            if !q.required && !self.rng.chance(0.6) {
                continue;
            }
            let value = match q.kind {
                QuestionKind::SingleChoice => {
                    AnswerValue::One(self.rng.pick(&q.choices).key.clone())
                }
                QuestionKind::MultipleChoice => {
                    let mut keys: Vec<String> = q
                        .choices
                        .iter()
                        .filter(|_| self.rng.chance(0.4))
                        .map(|c| c.key.clone())
                        .collect();
                    if keys.is_empty() {
                        keys.push(self.rng.pick(&q.choices).key.clone());
                    }
                    AnswerValue::Many(keys)
                }
                QuestionKind::Date => {
                    let back = Days::new(self.rng.below(21));
                    AnswerValue::One(
                        received
                            .checked_sub_days(back)
                            .unwrap_or(received)
                            .to_string(),
                    )
                }
                _ => AnswerValue::One(self.rng.one(samples).to_string()),
            };
            answers.push((q.code.clone(), value));
        }
        answers
    }

    /// The concern's handling from reception to its status now, as timeline lines.
    fn handle(&mut self, s: &Setup, row: &mut ConcernRow, k: usize, events: &mut Vec<EventRow>) {
        let kind = &s.kinds[k];
        let age_days = (self.now - row.received_at) / 86_400;
        // A few per thousand repeat an earlier concern of the same category.
        let original = match &self.latest[k] {
            Some(o) if age_days > 3 && self.rng.chance(0.004) => Some(o.clone()),
            _ => None,
        };
        let status = match original {
            Some(_) if self.rng.chance(0.6) => Status::Closed,
            Some(_) => Status::Rejected,
            None => {
                let table = STATUS_BY_AGE
                    .iter()
                    .find(|(max, _)| age_days < *max)
                    .map_or(&[0; 9], |t| &t.1);
                Status::ALL[self.rng.weighted(table)]
            }
        };
        let path = self.path(status);
        let assigned = if path.is_empty() {
            self.rng.chance(0.1)
        } else {
            row.confidentiality == Confidentiality::Confidential || self.rng.chance(0.92)
        };
        let assignee = assigned.then(|| self.assignee(s, kind.spec, row.confidentiality));
        row.assignee_id = assignee.map(|m| m.id);
        let plan = self.plan(path, assignee.is_some(), original.is_some());
        let times = self.schedule(row, status, &plan);
        let mut h = Handling {
            spec: kind.spec,
            assignee,
            original,
            status: Status::Received,
        };
        for (step, t) in plan.into_iter().zip(times) {
            if let Some(event) = self.event(s, &mut h, row, step, t) {
                row.updated_at = row.updated_at.max(t);
                events.push(event);
            }
        }
        row.status = h.status;
    }

    /// The timeline line of one step, applying it to the concern.
    fn event<'a>(
        &mut self,
        s: &'a Setup,
        h: &mut Handling<'a>,
        row: &mut ConcernRow,
        step: Step,
        t: i64,
    ) -> Option<EventRow> {
        // Updates and duplicate marks need an officer's permissions; partners may not.
        let officer = h.assignee.filter(|m| m.role == Role::Officer);
        let (by, kind, body, public): (&Member, _, Cow<'static, str>, _) = match step {
            Step::Assign => {
                let by = match officer {
                    Some(m) if self.rng.chance(0.3) => m,
                    _ => self.supervisor(s),
                };
                let name = h.assignee.map_or(String::new(), |m| m.name.clone());
                (by, EventKind::Assigned, name.into(), false)
            }
            Step::Act(action) => {
                let to = action.target(h.status)?;
                let by = self.actor_for(s, action, h.status, h.assignee);
                replay(row, h.spec, &s.calendar, to, action, t);
                let note = self.transition_note(action, h.spec, h.original.is_some());
                let mut e = EventRow::new(
                    row.id,
                    t,
                    &by.actor,
                    EventKind::Transition,
                    note.into(),
                    true,
                );
                (e.from_status, e.to_status) = (Some(h.status), Some(to));
                h.status = to;
                return Some(e);
            }
            Step::Note => {
                let by = h.assignee.unwrap_or_else(|| self.officer(s));
                let pool = if self.rng.chance(0.5) {
                    h.spec.notes
                } else {
                    NOTES
                };
                (by, EventKind::Note, self.rng.one(pool).into(), false)
            }
            Step::Update => {
                let by = officer.unwrap_or_else(|| self.supervisor(s));
                (by, EventKind::Update, self.rng.one(UPDATES).into(), true)
            }
            Step::Duplicate => {
                let by = officer.unwrap_or_else(|| self.officer(s));
                let (of, reference) = h.original.clone()?;
                row.duplicate_of = Some(of);
                (by, EventKind::Duplicate, reference.into(), true)
            }
        };
        Some(EventRow::new(row.id, t, &by.actor, kind, body, public))
    }

    /// One of the usual ways of reaching `status`.
    fn path(&mut self, status: Status) -> &'static [Action] {
        let options: Vec<&(Status, u32, &[Action])> =
            PATHS.iter().filter(|p| p.0 == status).collect();
        let weights: Vec<u32> = options.iter().map(|p| p.1).collect();
        let none: &'static [Action] = &[];
        options
            .get(self.rng.weighted(&weights))
            .map_or(none, |p| p.2)
    }

    /// Officers handle most concerns; partner agencies get some water and road ones.
    fn assignee<'a>(
        &mut self,
        s: &'a Setup,
        spec: &CategorySpec,
        confidentiality: Confidentiality,
    ) -> &'a Member {
        let partner_share = if matches!(spec.code, "water" | "roads") {
            0.2
        } else {
            0.02
        };
        if confidentiality != Confidentiality::Confidential && self.rng.chance(partner_share) {
            &s.staff[self.rng.one(&self.partners)]
        } else {
            self.officer(s)
        }
    }

    /// Who takes a step: the assignee when their role allows it, else a supervisor.
    fn actor_for<'a>(
        &mut self,
        s: &'a Setup,
        action: Action,
        from: Status,
        assignee: Option<&'a Member>,
    ) -> &'a Member {
        match assignee {
            Some(m) if transition(from, action, m.role).is_ok() => m,
            None if transition(from, action, Role::Officer).is_ok() => self.officer(s),
            _ => self.supervisor(s),
        }
    }

    /// The order of what happens: assignment, the workflow steps, notes and updates along
    /// the way, and the duplicate mark before the last step.
    fn plan(&mut self, path: &[Action], assigned: bool, duplicate: bool) -> Vec<Step> {
        let mut plan = Vec::with_capacity(path.len() + 4);
        if assigned {
            plan.push(Step::Assign);
        }
        for (i, action) in path.iter().enumerate() {
            if duplicate && i + 1 == path.len() {
                plan.push(Step::Duplicate);
            }
            plan.push(Step::Act(*action));
            if i == 0 && path.len() > 1 {
                if self.rng.chance(0.35) {
                    plan.push(Step::Note);
                }
                if self.rng.chance(0.2) {
                    plan.push(Step::Update);
                }
            }
        }
        if path.is_empty() && assigned && self.rng.chance(0.3) {
            plan.push(Step::Note);
        }
        plan
    }

    /// When each step happens: the first after a delay measured against the acknowledge
    /// target (a few late), the last by when concerns in this status are usually done
    /// (some past the resolve target), the rest spread between, and closing days after.
    /// Never in the future.
    fn schedule(&mut self, row: &ConcernRow, status: Status, plan: &[Step]) -> Vec<i64> {
        let received = row.received_at;
        let ack_span = (row.ack_due_at - received).max(600) as f64;
        let resolve_span = (row.resolve_due_at - received).max(3600) as f64;
        let first = received + (ack_span * self.rng.mostly((0.05, 1.0), (1.0, 2.5), 0.15)) as i64;
        let span = match status {
            Status::Resolved | Status::Closed => {
                resolve_span * self.rng.mostly((0.2, 0.95), (1.0, 2.0), 0.2)
            }
            Status::Withdrawn | Status::Rejected => resolve_span * self.rng.range(0.05, 0.5),
            _ => (self.now - received) as f64 * self.rng.range(0.3, 0.95),
        };
        let end = (received + span as i64).max(first);
        let assigned = plan.first() == Some(&Step::Assign);
        let closed = plan.last() == Some(&Step::Act(Action::Close));
        let acts = plan.iter().any(|s| matches!(s, Step::Act(_)));
        let steps = plan.len() - usize::from(assigned) - usize::from(closed);
        let gap = if steps > 1 {
            (end - first) / (steps as i64 - 1)
        } else {
            0
        };
        let mut times = Vec::with_capacity(plan.len());
        if assigned {
            // Assigned just before the first step, or, not yet handled, on the day it came in.
            times.push(if acts {
                first - self.rng.between(300, 7_200)
            } else {
                received + self.rng.between(600, 86_400)
            });
        }
        for i in 0..steps {
            let jitter = if i == 0 || i + 1 == steps {
                0
            } else {
                self.rng.between(-gap / 3, gap / 3)
            };
            times.push(first + gap * i as i64 + jitter);
        }
        if closed {
            // Closing comes one to fourteen days after resolving.
            times.push(end + (self.rng.range(1.0, 14.0) * 86_400.0) as i64);
        }
        // Keep the timeline in order, after reception and before now.
        let (mut previous, limit) = (received, self.now - 30);
        for t in &mut times {
            *t = (*t).max(previous + 60).min(limit).max(previous);
            previous = *t;
        }
        times
    }

    fn transition_note(
        &mut self,
        action: Action,
        spec: &CategorySpec,
        duplicate: bool,
    ) -> &'static str {
        use Action::*;
        let (pool, optional): (&[&'static str], bool) = match action {
            Acknowledge => (ACK_NOTES, true),
            Start => (START_NOTES, true),
            AwaitReporter => (AWAIT_NOTES, false),
            Resume => (RESUME_NOTES, true),
            Escalate => (ESCALATE_NOTES, false),
            ReturnToHandling => (RETURN_NOTES, false),
            Resolve if duplicate => (&["Handled together with the earlier concern."], false),
            Resolve => (spec.fixes, false),
            Close => (CLOSE_NOTES, true),
            Reopen => (REOPEN_NOTES, false),
            Withdraw => (WITHDRAW_NOTES, false),
            Reject if duplicate => (
                &["Same matter as an earlier concern; handled there."],
                false,
            ),
            Reject => (REJECT_NOTES, false),
        };
        // Steps that need a reason always get one; the others often go without a note.
        if optional && self.rng.chance(0.4) {
            ""
        } else {
            self.rng.one(pool)
        }
    }
}

/// Applies a workflow step as `act_on_concern` does: leaving a pause moves the deadlines,
/// the first open step acknowledges, resolving stamps, reopening restarts the clock.
fn replay(
    row: &mut ConcernRow,
    spec: &CategorySpec,
    calendar: &WorkingCalendar,
    to: Status,
    action: Action,
    t: i64,
) {
    if let Some(paused) = row.paused_at.filter(|_| to != Status::AwaitingReporter) {
        if row.acknowledged_at.is_none() {
            row.ack_due_at = spec
                .ack
                .resume(at(row.ack_due_at), at(paused), at(t), calendar)
                .timestamp();
        }
        row.resolve_due_at = spec
            .resolve
            .resume(at(row.resolve_due_at), at(paused), at(t), calendar)
            .timestamp();
        row.paused_at = None;
    }
    match to {
        Status::AwaitingReporter => row.paused_at = Some(t),
        Status::Resolved => row.resolved_at = Some(t),
        _ => {}
    }
    if to != Status::Received && to.is_open() && row.acknowledged_at.is_none() {
        row.acknowledged_at = Some(t);
    }
    if action == Action::Reopen {
        row.resolved_at = None;
        row.resolve_due_at = spec.resolve.due(at(t), calendar).timestamp();
    }
}

/// The text `concerns::reindex` would index: reference, description, reporter name, address,
/// then the bodies of notes, updates and transitions in order.
fn search_text(row: &ConcernRow, events: &[EventRow]) -> String {
    let mut text = String::with_capacity(row.description.len() + 200);
    let fields = [
        Some(&row.reference),
        Some(&row.description),
        row.reporter_name.as_ref(),
        row.address.as_ref(),
    ];
    for part in fields.into_iter().flatten() {
        text.push_str(part);
        text.push(' ');
    }
    for e in events {
        if matches!(
            e.kind,
            EventKind::Note | EventKind::Update | EventKind::Transition
        ) {
            text.push_str(&e.body);
            text.push(' ');
        }
    }
    search::normalize(&text)
}

// ---------------------------------------------------------------------------------------
// What the office is made of

/// Status mix by age in days (in `Status::ALL` order): recent concerns are mostly open,
/// old ones mostly closed; old open ones are the overdue backlog.
const STATUS_BY_AGE: &[(i64, [u32; 9])] = &[
    (1, [55, 20, 12, 3, 2, 4, 0, 2, 2]),
    (7, [15, 20, 30, 8, 4, 12, 4, 3, 4]),
    (30, [3, 8, 28, 9, 5, 22, 16, 4, 5]),
    (90, [1, 2, 12, 5, 3, 20, 48, 4, 5]),
    (i64::MAX, [0, 0, 2, 1, 1, 5, 82, 4, 5]),
];

/// The usual ways to each status, with how often each is taken.
const PATHS: &[(Status, u32, &[Action])] = {
    use Action::*;
    use Status::*;
    &[
        (Received, 1, &[]),
        (Acknowledged, 1, &[Acknowledge]),
        (InProgress, 75, &[Acknowledge, Start]),
        (InProgress, 10, &[Start]),
        (InProgress, 10, &[Acknowledge, AwaitReporter, Resume]),
        (InProgress, 5, &[Acknowledge, Escalate, ReturnToHandling]),
        (AwaitingReporter, 60, &[Acknowledge, AwaitReporter]),
        (AwaitingReporter, 40, &[Acknowledge, Start, AwaitReporter]),
        (Escalated, 45, &[Acknowledge, Escalate]),
        (Escalated, 45, &[Acknowledge, Start, Escalate]),
        (Escalated, 10, &[Escalate]),
        (Resolved, 55, &[Acknowledge, Start, Resolve]),
        (Resolved, 25, &[Acknowledge, Resolve]),
        (Resolved, 10, &[Acknowledge, AwaitReporter, Resume, Resolve]),
        (Resolved, 5, &[Acknowledge, Escalate, Resolve]),
        (Resolved, 5, &[Acknowledge, Start, Resolve, Reopen, Resolve]),
        (Closed, 45, &[Acknowledge, Start, Resolve, Close]),
        (Closed, 35, &[Acknowledge, Resolve, Close]),
        (
            Closed,
            8,
            &[Acknowledge, AwaitReporter, Resume, Resolve, Close],
        ),
        (Closed, 7, &[Acknowledge, Escalate, Resolve, Close]),
        (
            Closed,
            5,
            &[Acknowledge, Resolve, Close, Reopen, Resolve, Close],
        ),
        (Withdrawn, 40, &[Withdraw]),
        (Withdrawn, 40, &[Acknowledge, Withdraw]),
        (Withdrawn, 20, &[Acknowledge, AwaitReporter, Withdraw]),
        (Rejected, 40, &[Reject]),
        (Rejected, 60, &[Acknowledge, Reject]),
    ]
};

/// How concerns arrive, in `Channel::ALL` order (portal, phone, walk-in, email, letter,
/// social media, meeting, field, API); staff-only categories never come from the portal.
const CHANNELS: [u32; 9] = [30, 20, 15, 10, 2, 6, 7, 6, 4];
const STAFF_CHANNELS: [u32; 9] = [0, 30, 25, 15, 5, 5, 10, 10, 0];
/// Reception by hour of the day: mostly office hours, some evenings, few nights.
const HOURS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 13, 13, 12, 10, 8, 6, 5, 4, 3, 2, 1,
];
const LANGUAGES: [&str; 3] = ["en", "es", "fr"];

const AREAS: &[(&str, f64, f64)] = &[
    ("Riverside Central", -26.1850, 27.9800),
    ("Riverside Extension 4", -26.1920, 27.9650),
    ("Thembalethu", -26.2210, 27.9550),
    ("Kgotsong Village", -26.2480, 27.9300),
    ("Mountain View", -26.1700, 27.9950),
    ("Hillside (Ward 14)", -26.2050, 28.0100),
    ("Phomolong Informal Settlement", -26.2350, 27.9750),
    ("Green Valley Farms", -26.2600, 27.9100),
    ("Station Road Industrial", -26.1980, 27.9880),
    ("Mine Hostel", -26.2150, 27.9400),
    ("Klipfontein", -26.1600, 27.9500),
    ("Vukuzenzele", -26.2420, 27.9950),
];

const STREETS: &[&str] = &[
    "Main Road",
    "Church Street",
    "Mandela Drive",
    "Station Road",
    "Jacaranda Avenue",
    "Tambo Street",
    "Mine Road",
    "Kerk Street",
    "Protea Crescent",
    "Sisulu Street",
    "River Road",
    "Msimang Street",
];

const PLACES: &[&str] = &[
    "the primary school",
    "the taxi rank",
    "the clinic",
    "the community hall",
    "the spaza shop",
    "the river crossing",
    "the church",
    "the sports field",
    "the hostel",
    "the four-way stop",
    "the low-water bridge",
    "the old mine shaft",
];

const FIXED_STAFF: &[(&str, &str, Role)] = &[
    ("Nomsa Dube", "admin@riverside.example", Role::Administrator),
    (
        "Pieter Botha",
        "pieter.botha@riverside.example",
        Role::Supervisor,
    ),
    (
        "Lindiwe Mahlangu",
        "lindiwe.mahlangu@riverside.example",
        Role::Supervisor,
    ),
    (
        "Sizwe Mabuza",
        "sizwe.mabuza@water.municipality.example",
        Role::Partner,
    ),
    (
        "Elena Venter",
        "elena.venter@roads-agency.example",
        Role::Partner,
    ),
    ("Grace Phiri", "grace.phiri@riverside.example", Role::Viewer),
];

const FIRST_NAMES: &[&str] = &[
    "Thabo", "Nomvula", "Sipho", "Lerato", "Pieter", "Anele", "Zanele", "Johan", "Ayanda",
    "Kagiso", "Palesa", "Mpho", "Themba", "Naledi", "Bongani", "Karabo", "Lindiwe", "Tshepo",
    "Refilwe", "Sibusiso", "Precious", "Andile", "Busisiwe", "Hendrik", "Sarah", "Fatima", "Ahmed",
    "Priya", "Rajesh", "Maria", "Chipo", "Tendai", "Lungile", "Nandi", "Kabelo", "Dineo", "Willem",
    "Grace", "Mandla", "Zodwa",
];

const LAST_NAMES: &[&str] = &[
    "Dlamini",
    "Nkosi",
    "Ndlovu",
    "Khumalo",
    "Mokoena",
    "Mahlangu",
    "Sithole",
    "Zulu",
    "Mthembu",
    "Naidoo",
    "van der Merwe",
    "Botha",
    "Pretorius",
    "Molefe",
    "Masilela",
    "Radebe",
    "Baloyi",
    "Mabaso",
    "Maluleke",
    "Hlongwane",
    "Pillay",
    "Smith",
    "Jacobs",
    "Williams",
    "Nel",
    "Coetzee",
    "Mokwena",
    "Tshabalala",
    "Moyo",
    "Sibanda",
    "Ngubane",
    "Shabalala",
    "Mofokeng",
    "Phiri",
    "Kruger",
    "Venter",
    "Govender",
    "Majola",
    "Cele",
    "Motaung",
];

const ACK_NOTES: &[&str] = &[
    "Thank you for contacting the Riverside liaison office. We have registered your concern.",
    "Concern registered; an officer will contact you within two working days.",
];
const START_NOTES: &[&str] = &[
    "An officer has started looking into this.",
    "Site visit planned for this week.",
];
const AWAIT_NOTES: &[&str] = &[
    "Please tell us the exact place and the times when this happens.",
    "We tried to call you; please contact the office so we can arrange a visit.",
    "Please send photos if you can, by email or at the office.",
];
const RESUME_NOTES: &[&str] = &[
    "Reporter sent the details we asked for.",
    "Reporter called back; visit arranged.",
];
const ESCALATE_NOTES: &[&str] = &[
    "Repeated complaint from the same street; needs a decision from the project manager.",
    "Possible safety risk; escalated to the supervisor.",
    "Contractor disputes the facts; escalated for a joint meeting.",
];
const RETURN_NOTES: &[&str] = &[
    "Supervisor met the contractor; back to the officer to follow up.",
    "Decision taken; officer to inform the reporter.",
];
const CLOSE_NOTES: &[&str] = &[
    "Reporter confirmed they are satisfied.",
    "No further complaints in thirty days; closing.",
    "Closed after a follow-up visit.",
];
const REOPEN_NOTES: &[&str] = &[
    "The problem has started again; reporter called the office.",
    "Reporter not satisfied with the outcome.",
];
const WITHDRAW_NOTES: &[&str] = &[
    "Reporter asked to withdraw the concern.",
    "Reporter says the matter was settled directly with the contractor.",
];
const REJECT_NOTES: &[&str] = &[
    "Outside the project's responsibility; referred to the municipality.",
    "Not enough information and the reporter could not be reached after three attempts.",
];
const NOTES: &[&str] = &[
    "Called the reporter; no answer, will try again tomorrow.",
    "Discussed at the weekly grievance meeting.",
    "Photos from the site added to the file.",
    "Referred to the contractor's site manager for comment.",
    "Ward councillor informed.",
];
const UPDATES: &[&str] = &[
    "An officer visited the site and is following up with the contractor.",
    "We are waiting for the contractor's report and will update you within a week.",
    "The matter was discussed with the ward committee; we will let you know the outcome.",
];

/// A category with the sentences its concerns and their handling are made of.
struct CategorySpec {
    code: &'static str,
    name: &'static str,
    description: &'static str,
    ack: Target,
    resolve: Target,
    priority: Priority,
    public: bool,
    /// Share of all concerns.
    weight: u32,
    /// Sentences of descriptions (`{place}` becomes a landmark).
    issues: &'static [&'static str],
    /// What reporters ask for.
    asks: &'static [&'static str],
    /// How such concerns get resolved.
    fixes: &'static [&'static str],
    /// Internal notes typical of the category.
    notes: &'static [&'static str],
    questions: &'static [QuestionSpec],
}

/// An intake question as the category form takes it. `options` holds the choices, one per
/// line, or for questions answered freely, sample answers.
struct QuestionSpec {
    code: &'static str,
    kind: &'static str,
    required: bool,
    label: &'static str,
    help: &'static str,
    options: &'static str,
}

const fn question(
    code: &'static str,
    kind: &'static str,
    required: bool,
    label: &'static str,
    options: &'static str,
) -> QuestionSpec {
    QuestionSpec {
        code,
        kind,
        required,
        label,
        help: "",
        options,
    }
}

impl QuestionSpec {
    const fn help(self, help: &'static str) -> Self {
        QuestionSpec { help, ..self }
    }
}

const fn hours(amount: u32) -> Target {
    Target {
        amount,
        unit: TargetUnit::WorkingHours,
    }
}

const fn days(amount: u32) -> Target {
    Target {
        amount,
        unit: TargetUnit::CalendarDays,
    }
}

const CATEGORIES: &[CategorySpec] = &[
    CategorySpec {
        code: "dust",
        name: "Dust & air quality",
        description: "Dust from roads, blasting, crushers or stockpiles; smoke and smells.",
        ack: hours(8),
        resolve: days(10),
        priority: Priority::Normal,
        public: true,
        weight: 18,
        issues: &[
            "Thick dust from the haul road blows into our houses every afternoon.",
            "The trucks drive fast on the gravel road near {place} and the dust is terrible.",
            "Washing on the line is covered in red dust within an hour.",
            "My children are coughing at night and the clinic says it is the dust.",
            "The water cart has not sprayed the road for a week.",
            "Dust from the crusher plant settles on our vegetable garden and roof tanks.",
        ],
        asks: &[
            "Please make the contractor spray the road more often.",
            "We want someone to come and measure the air quality.",
            "Please tell us what you are going to do about it.",
        ],
        fixes: &[
            "The contractor added a second water cart and sprays the haul road every two hours.",
            "Dust monitors installed near the school; readings shared with the ward committee.",
            "Speed limit of 40 km/h enforced for trucks on the gravel section.",
        ],
        notes: &[
            "Dust fallout bucket readings for last month requested from the environmental officer.",
            "Water cart logbook checked: no spraying on the days reported.",
        ],
        questions: &[
            question(
                "dust_source",
                "single_choice",
                true,
                "Where does the dust come from?",
                "Haul road\nBlasting\nCrusher plant\nStockpiles\nNot sure",
            ),
            question(
                "worst_times",
                "multiple_choice",
                false,
                "When is it worst?",
                "Morning\nAfternoon\nEvening\nNight",
            )
            .help("Tick all that apply."),
            question(
                "households",
                "number",
                false,
                "How many households are affected?",
                "1\n2\n3\n4\n6\n10\n15\n25",
            ),
            question("since", "date", false, "Since when?", "")
                .help("The day you first noticed it."),
        ],
    },
    CategorySpec {
        code: "noise",
        name: "Noise & blasting",
        description: "Blasting, vibration, cracks in buildings, machinery and night work.",
        ack: hours(4),
        resolve: days(7),
        priority: Priority::Normal,
        public: true,
        weight: 12,
        issues: &[
            "Blasting at the pit shakes our house and there are new cracks in the walls.",
            "Nobody warned us before the blast this morning; the children were frightened.",
            "The generators at the site run all night and we cannot sleep.",
            "Reversing alarms and trucks start before five in the morning near {place}.",
            "Windows rattled during the blast and a pane broke in the kitchen.",
        ],
        asks: &[
            "Please send someone to inspect the cracks before they get worse.",
            "We ask that blasting is announced a day before on the radio and by SMS.",
            "Please stop the night work or move the generators away from the houses.",
        ],
        fixes: &[
            "Structural engineer inspected the house; repairs agreed with the contractor.",
            "Blast notices now sent by SMS the day before and sirens sounded ten minutes ahead.",
            "Night shift generators moved behind the stockpile and fitted with silencers.",
        ],
        notes: &[
            "Vibration monitor readings for the blast requested from the blasting contractor.",
            "Crack survey from before construction found for this house; comparing photos.",
        ],
        questions: &[
            question(
                "blast_damage",
                "single_choice",
                true,
                "Did the blast damage your property?",
                "Yes\nNo\nNot sure",
            ),
            question(
                "damage",
                "long_text",
                false,
                "Describe the damage",
                "Crack from the window to the roof in the bedroom wall.\n\
                 Two cracked window panes and plaster fallen in the kitchen.\n\
                 The ceiling board in the lounge came loose.",
            )
            .help("Cracks, broken windows, fallen ceilings…"),
            question(
                "time_heard",
                "short_text",
                false,
                "At what time did it happen?",
                "Around 10:00\nJust after midday\nAbout 15:30\nEarly morning, before 6",
            ),
        ],
    },
    CategorySpec {
        code: "water",
        name: "Water supply",
        description: "No water, dirty water, dry boreholes, leaks and water tankers.",
        ack: hours(4),
        resolve: days(5),
        priority: Priority::High,
        public: true,
        weight: 12,
        issues: &[
            "There has been no water in our street for three days.",
            "The water from the tap is brown and smells since the pipeline works started.",
            "The borehole near {place} has dried up since the dewatering began.",
            "A burst pipe has been leaking on the corner for a week and nobody came.",
            "The water tanker did not come on the scheduled day.",
        ],
        asks: &[
            "Please send a water tanker until the supply is restored.",
            "We want the water tested and the results shared with us.",
            "Please fix the leak before the road is washed away.",
        ],
        fixes: &[
            "Pipeline repaired by the municipality; supply restored and flushed.",
            "Water tested by an accredited laboratory; results meet drinking standards.",
            "Tanker deliveries every Tuesday and Friday until the borehole is replaced.",
        ],
        notes: &[
            "Municipal water department ticket opened; waiting for their reference.",
            "Dewatering volumes for the month requested from the hydrogeologist.",
        ],
        questions: &[
            question(
                "days_without",
                "number",
                false,
                "For how many days has there been no water?",
                "1\n2\n3\n4\n5\n7\n10",
            ),
            question(
                "water_point",
                "short_text",
                true,
                "Which tap, borehole or tank?",
                "Street tap on Main Road\n\
                 Communal borehole by the school\n\
                 JoJo tank at the clinic\n\
                 Yard tap at my house",
            ),
            question(
                "affected",
                "single_choice",
                false,
                "Who is affected?",
                "Only my household\nThe whole street\nThe whole village",
            ),
        ],
    },
    CategorySpec {
        code: "roads",
        name: "Road safety & traffic",
        description: "Speeding trucks, damaged roads, detours, crossings and signs.",
        ack: hours(8),
        resolve: days(14),
        priority: Priority::Normal,
        public: true,
        weight: 10,
        issues: &[
            "Trucks speed past {place} when children walk home from school.",
            "The village road is full of potholes since the heavy trucks started using it.",
            "There is no pedestrian crossing near the taxi rank and someone was nearly hit.",
            "A truck knocked down the fence and the road sign at the bend.",
            "The detour has no lights or signs at night.",
        ],
        asks: &[
            "Please put speed humps and a scholar patrol at the school.",
            "We ask that the road is graded and repaired.",
            "Please put up warning signs and lights on the detour.",
        ],
        fixes: &[
            "Speed humps built and a flag person placed at the school during school hours.",
            "Road graded and potholes patched; grading scheduled monthly.",
            "Traffic management plan updated; reflective signs and lights installed on the detour.",
        ],
        notes: &[
            "Truck GPS speed records requested from the transport contractor.",
            "Traffic officer from the municipality joined the site visit.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "land",
        name: "Land & compensation",
        description: "Land access, valuations, crop and house compensation, graves and fences.",
        ack: hours(16),
        resolve: days(30),
        priority: Priority::Normal,
        public: true,
        weight: 7,
        issues: &[
            "The survey team put pegs on my field without asking.",
            "We have not been paid the compensation agreed for the crops destroyed.",
            "My family grave is inside the fenced area and we cannot visit it.",
            "The valuation of my house is much lower than my neighbour's.",
            "The new fence blocks the path our cattle use to reach the river.",
        ],
        asks: &[
            "Please explain how the compensation was calculated.",
            "We want a meeting with the land team and the headman.",
            "Please let us visit the graves and agree on relocation with the family.",
        ],
        fixes: &[
            "Compensation paid after the valuation was reviewed with the family.",
            "Access gate installed so families can visit the graves on weekends.",
            "Livestock crossing built and the fence line moved back twenty metres.",
        ],
        notes: &[
            "Land register and signed agreement checked; payment was approved in March.",
            "Valuer asked to re-inspect the property with the owner present.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "jobs",
        name: "Employment & local hiring",
        description: "Recruitment, the local skills database, wages and local suppliers.",
        ack: hours(16),
        resolve: days(21),
        priority: Priority::Low,
        public: true,
        weight: 12,
        issues: &[
            "The contractor hires people from outside while local youth are unemployed.",
            "I registered on the local skills database two years ago and was never called.",
            "Workers from our ward were dismissed without being paid for overtime.",
            "Someone at the gate asks for money to put names on the job list.",
            "Local small businesses are not getting any of the catering or transport contracts.",
        ],
        asks: &[
            "Please tell us how people are selected for work.",
            "We want the local hiring targets published.",
            "Please investigate and make sure we are paid.",
        ],
        fixes: &[
            "Recruitment now runs through the ward committee list with a public draw.",
            "Outstanding overtime paid after the payroll was checked with the labour desk.",
            "Local supplier day held; three local businesses added to the vendor list.",
        ],
        notes: &[
            "Labour desk confirmed the reporter is on the skills database.",
            "Contractor's local hiring report for the quarter requested.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "police",
        name: "Police & security conduct",
        description: "Conduct of police and private security around the project.",
        ack: hours(4),
        resolve: days(14),
        priority: Priority::High,
        public: true,
        weight: 5,
        issues: &[
            "Private security guards chased people away from the public road near {place}.",
            "Police used rubber bullets during the protest at the gate.",
            "A guard pushed an elderly woman who was collecting firewood.",
            "Security patrols shine lights into houses at night.",
        ],
        asks: &[
            "We want this investigated and the guards disciplined.",
            "Please explain what rules the security company follows.",
        ],
        fixes: &[
            "Incident referred to IPID; guard removed from the site pending the investigation.",
            "Security company retrained on the voluntary principles; patrol routes changed.",
        ],
        notes: &[
            "Incident report and body-camera footage requested from the security manager.",
            "Statement taken from the witness at the community hall.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "safety",
        name: "Public safety",
        description: "Open excavations, trenches, power lines, explosives and other dangers.",
        ack: hours(2),
        resolve: days(3),
        priority: Priority::Urgent,
        public: true,
        weight: 6,
        issues: &[
            "The excavation near {place} is not fenced and children play in it.",
            "There is an open trench full of water next to the footpath.",
            "An explosives truck was parked overnight in the village.",
            "A power line fell down next to the construction camp.",
            "Stray dogs from the camp attack people walking at night.",
        ],
        asks: &[
            "Please make it safe before someone gets hurt.",
            "Please come urgently.",
        ],
        fixes: &[
            "Excavation fenced and warning signs put up the same day.",
            "Trench backfilled and footpath reinstated.",
            "Eskom called; line made safe and area cordoned off.",
        ],
        notes: &[
            "Site safety officer attended within two hours.",
            "Photos of the fencing sent to the ward councillor.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "environment",
        name: "Environmental damage",
        description: "Pollution of rivers and land, spills, dumping, trees and wildlife.",
        ack: hours(8),
        resolve: days(21),
        priority: Priority::High,
        public: true,
        weight: 7,
        issues: &[
            "The river is brown and there are dead fish below the bridge.",
            "Oil is leaking from the machines into the stream near {place}.",
            "Trees along the river were cut down for the new road.",
            "Rubbish from the construction camp is dumped in the veld.",
            "Cattle got sick after drinking from the pond next to the tailings.",
        ],
        asks: &[
            "Please test the water and stop the pollution.",
            "We want the area cleaned and rehabilitated.",
        ],
        fixes: &[
            "Spill contained and soil removed; river sampled upstream and downstream.",
            "Illegal dumping cleared; camp waste contractor fined.",
            "Rehabilitation plan agreed: 300 indigenous trees to be planted along the river bank.",
        ],
        notes: &[
            "Environmental officer sampled the water; results expected in ten days.",
            "Department of Water and Sanitation informed of the spill.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "enquiry",
        name: "General enquiry",
        description: "Questions about the project, meetings, bursaries and opportunities.",
        ack: hours(16),
        resolve: days(10),
        priority: Priority::Low,
        public: true,
        weight: 8,
        issues: &[
            "When will the new road be finished?",
            "How can I apply for the bursary programme?",
            "Where can I find the minutes of the last community meeting?",
            "Will the clinic stay open during the construction?",
            "Who should I speak to about a business opportunity with the project?",
        ],
        asks: &[
            "Please call me back.",
            "Please send the information by SMS.",
        ],
        fixes: &[
            "Information sent to the reporter and posted on the community notice board.",
            "Reporter invited to the next community information session.",
        ],
        notes: &[
            "Asked the project office for the updated schedule.",
            "Bursary office contact details sent.",
        ],
        questions: &[],
    },
    CategorySpec {
        code: "conduct",
        name: "Staff & contractor conduct",
        description: "Complaints about the behaviour of office staff or contractors' employees.",
        ack: hours(8),
        resolve: days(14),
        priority: Priority::High,
        public: false,
        weight: 3,
        issues: &[
            "A liaison officer was rude and refused to take my complaint.",
            "A contractor's driver asked for a bribe to give a lift to the site.",
            "An employee made unwanted comments to women at the water point.",
            "A supervisor threatened workers who complained about safety.",
        ],
        asks: &[
            "I want this treated confidentially.",
            "Please make sure this does not happen again.",
        ],
        fixes: &[
            "Disciplinary process completed; outcome communicated to the reporter.",
            "Employee moved to another site and conduct training given to the team.",
        ],
        notes: &[
            "HR informed; interview with the employee scheduled.",
            "Reporter's identity kept from the team involved.",
        ],
        questions: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let xs: Vec<u64> = (0..100).map(|_| a.next()).collect();
        assert_eq!(xs, (0..100).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(Rng(8).next(), xs[0]);
        let firsts: std::collections::HashSet<u64> =
            (0..1000).map(|n| Rng::stream(7, n).next()).collect();
        assert_eq!(firsts.len(), 1000);
        assert_eq!(Rng::stream(7, 3).next(), Rng::stream(7, 3).next());
        for _ in 0..1000 {
            assert!(a.below(10) < 10);
            assert!((3..=5).contains(&a.between(3, 5)));
            let u = a.range(2.0, 3.0);
            assert!((2.0..3.0).contains(&u));
            assert_ne!(a.weighted(&[0, 3, 0, 1]), 0);
        }
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn every_path_follows_the_workflow_to_its_status() {
        for (status, _, path) in PATHS {
            let end = path.iter().try_fold(Status::Received, |s, a| a.target(s));
            assert_eq!(end, Some(*status), "{path:?}");
        }
        for s in Status::ALL {
            assert!(PATHS.iter().any(|p| p.0 == *s), "{s:?}");
        }
        for (_, weights) in STATUS_BY_AGE {
            assert!(weights.iter().sum::<u32>() > 0);
        }
    }

    #[test]
    fn demo_categories_and_questions_are_valid() {
        let mut kinds = std::collections::HashSet::new();
        for spec in CATEGORIES {
            assert!(
                !spec.issues.is_empty()
                    && !spec.asks.is_empty()
                    && !spec.fixes.is_empty()
                    && !spec.notes.is_empty()
            );
            assert!(spec.issues.len() > 1);
            for q in spec.questions {
                let parsed =
                    Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options)
                        .unwrap();
                if parsed.kind != QuestionKind::Date {
                    assert!(q.options.lines().count() > 1, "{}", q.code);
                }
                kinds.insert(parsed.kind);
            }
        }
        assert_eq!(kinds.len(), QuestionKind::ALL.len());
        assert!(CATEGORIES.iter().any(|c| !c.public));
    }

    #[test]
    fn the_clock_hands_out_every_concern_in_order() {
        let calendar =
            WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30").unwrap();
        let now = 1_795_000_000;
        let mut clock = Clock::new(Rng(1), &calendar, now, 5_000);
        let times: Vec<i64> = (0..5_000).map(|_| clock.next()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert!(times[0] >= now - DAYS as i64 * 86_400 && times[4_999] <= now - 120);
        assert!(clock.pending.is_empty());
    }
}
