//! Generated rows and the multi-row INSERTs that write them.

use super::*;

pub(super) struct ConcernRow {
    pub(super) id: i64,
    pub(super) reference: String,
    pub(super) tracking_hash: String,
    pub(super) category_id: i64,
    pub(super) description: String,
    pub(super) channel: Channel,
    pub(super) area_id: Option<i64>,
    pub(super) address: Option<String>,
    pub(super) lat: Option<f64>,
    pub(super) lng: Option<f64>,
    pub(super) priority: Priority,
    pub(super) confidentiality: Confidentiality,
    pub(super) status: Status,
    pub(super) assignee_id: Option<i64>,
    pub(super) anonymous: bool,
    pub(super) reporter_name: Option<String>,
    pub(super) reporter_email: Option<String>,
    pub(super) reporter_phone: Option<String>,
    pub(super) language: &'static str,
    pub(super) answers: String,
    pub(super) duplicate_of: Option<i64>,
    pub(super) received_at: i64,
    pub(super) updated_at: i64,
    pub(super) acknowledged_at: Option<i64>,
    pub(super) resolved_at: Option<i64>,
    pub(super) ack_due_at: i64,
    pub(super) resolve_due_at: i64,
    pub(super) paused_at: Option<i64>,
    pub(super) recorded_by: Option<i64>,
}

impl ConcernRow {
    /// What a workflow step changes.
    pub(super) fn handling(&self) -> Handling {
        Handling {
            status: self.status,
            acknowledged_at: self.acknowledged_at,
            resolved_at: self.resolved_at,
            ack_due_at: self.ack_due_at,
            resolve_due_at: self.resolve_due_at,
            paused_at: self.paused_at,
        }
    }

    /// Takes on what a workflow step changed.
    pub(super) fn set_handling(&mut self, h: Handling) {
        self.status = h.status;
        self.acknowledged_at = h.acknowledged_at;
        self.resolved_at = h.resolved_at;
        self.ack_due_at = h.ack_due_at;
        self.resolve_due_at = h.resolve_due_at;
        self.paused_at = h.paused_at;
    }
}

pub(super) struct EventRow {
    pub(super) concern_id: i64,
    pub(super) at: i64,
    pub(super) actor_id: Option<i64>,
    pub(super) actor_kind: &'static str,
    pub(super) kind: LineKind,
    pub(super) from_status: Option<Status>,
    pub(super) to_status: Option<Status>,
    pub(super) body: Cow<'static, str>,
    pub(super) public: bool,
}

impl EventRow {
    pub(super) fn new(
        concern_id: i64,
        at: i64,
        actor: &Actor,
        kind: LineKind,
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
pub(super) struct Batch {
    pub(super) concerns: Vec<ConcernRow>,
    pub(super) events: Vec<EventRow>,
    /// Concern id and normalized search text.
    pub(super) search: Vec<(i64, String)>,
    /// The last reference number given per year, once this batch is written.
    pub(super) counters: Vec<(i64, i64)>,
}

pub(super) const CONCERN_INSERT: &str =
    "INSERT INTO concerns (id, reference, tracking_hash, category_id, \
    description, channel, area_id, address, lat, lng, priority, confidentiality, status, \
    open, assignee_id, anonymous, reporter_name, reporter_email, reporter_phone, reporter_language, \
    answers, duplicate_of, received_at, updated_at, acknowledged_at, resolved_at, ack_due_at, \
    resolve_due_at, paused_at, recorded_by) VALUES ";

pub(super) const SQLITE_SEARCH_INSERT: &str = "INSERT INTO concern_search (rowid, body) VALUES ";
pub(super) const PG_SEARCH_INSERT: &str = "INSERT INTO concern_search (record_id, body) VALUES ";

pub(super) const EVENT_INSERT: &str =
    "INSERT INTO timeline_lines (record_kind, record_id, at, actor_id, actor_kind, \
    kind, changed_from, changed_to, body, public) VALUES ";

pub(super) type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

pub(super) fn bind_concern<'q>(q: AnyQuery<'q>, r: &'q ConcernRow) -> AnyQuery<'q> {
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
        .bind(i64::from(r.status.is_open()))
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

pub(super) fn bind_event<'q>(q: AnyQuery<'q>, e: &'q EventRow) -> AnyQuery<'q> {
    q.bind("concern")
        .bind(e.concern_id)
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.actor_kind)
        .bind(e.kind.as_str())
        .bind(e.from_status.map(Status::as_str))
        .bind(e.to_status.map(Status::as_str))
        .bind(&*e.body)
        .bind(i64::from(e.public))
}

pub(super) fn bind_search<'q>(q: AnyQuery<'q>, s: &'q (i64, String)) -> AnyQuery<'q> {
    q.bind(s.0).bind(&s.1)
}

/// A numbered placeholder, as PostgreSQL needs.
pub(super) fn numbered(_column: usize, n: usize) -> String {
    format!("${n}")
}

/// An anonymous placeholder for SQLite: sqlx asks SQLite the name of every parameter it
/// binds, and SQLite finds it by scanning the statement's list of names, which makes
/// thousands of `$n` quadratic (80% of the time at 11,600 per statement); `?` has no name.
pub(super) fn anonymous(_column: usize, _n: usize) -> String {
    "?".to_string()
}

/// The search body goes through `to_tsvector`, as `search::index` does on PostgreSQL.
pub(super) fn tsvector(column: usize, n: usize) -> String {
    if column == 1 {
        format!("to_tsvector('simple', ${n})")
    } else {
        format!("${n}")
    }
}

/// Writes the placeholder for a column (0-based) numbered `n` (1-based) in a statement.
pub(super) type Cell = fn(usize, usize) -> String;

/// A multi-row INSERT: `head` then tuples of `columns` placeholders, `per` rows at a time.
pub(super) struct Insert {
    pub(super) head: &'static str,
    pub(super) columns: usize,
    pub(super) per: usize,
    pub(super) cell: Cell,
    /// Whether the connection keeps the statement prepared for the next chunk.
    pub(super) cached: bool,
}

impl Insert {
    pub(super) fn new(head: &'static str, columns: usize, per: usize, cell: Cell) -> Self {
        Self {
            head,
            columns,
            per,
            cell,
            cached: true,
        }
    }

    pub(super) fn sql(&self, rows: usize) -> String {
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

    pub(super) async fn run<T: Sync>(
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
