//! Timelines: what happened to a record, line by line — when, who did it, what changed —
//! and whether the public sees the line. Every kind of record keeps its lines here, so a
//! person's timeline can later gather lines from every kind.

use liaison_domain::records::{RecordRef, Word};
use sqlx::Row;

use crate::audit::Actor;
use crate::{word, Backend, Conn, Result};

/// One line of a record's timeline. `K` is the record's kind of line, `V` the kind of value
/// a line may record a change of (a concern's status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<K, V> {
    /// Position: lines are in the order they were written.
    pub id: i64,
    /// When.
    pub at: i64,
    /// `staff`, `resident`, `client` or `system`.
    pub actor_kind: String,
    /// The staff member's name, if staff.
    pub actor_name: Option<String>,
    /// What happened.
    pub kind: K,
    /// The value before, for a change.
    pub changed_from: Option<V>,
    /// The value after, for a change.
    pub changed_to: Option<V>,
    /// A note, an update's text, a reason, a name.
    pub body: String,
    /// Whether the public (a concern's reporter) sees it.
    pub public: bool,
}

/// A line to add.
#[derive(Debug, Clone)]
pub struct NewLine<'a, K, V> {
    /// The record.
    pub record: RecordRef,
    /// When.
    pub at: i64,
    /// Who.
    pub actor: &'a Actor,
    /// What.
    pub kind: K,
    /// The value before, for a change.
    pub changed_from: Option<V>,
    /// The value after, for a change.
    pub changed_to: Option<V>,
    /// Text.
    pub body: &'a str,
    /// Seen by the public.
    pub public: bool,
}

impl<'a, K, V> NewLine<'a, K, V> {
    /// A line that records no change of value: an assignment, a note, an update.
    pub fn new(
        record: RecordRef,
        at: i64,
        actor: &'a Actor,
        kind: K,
        body: &'a str,
        public: bool,
    ) -> Self {
        Self {
            record,
            at,
            actor,
            kind,
            changed_from: None,
            changed_to: None,
            body,
            public,
        }
    }
}

const COLUMNS: &str = "record_kind, record_id, at, actor_id, actor_kind, kind, changed_from, \
    changed_to, body, public";

/// Adds lines in the order given: one statement for up to a thousand (an intake group's),
/// one per thousand for more (a generated office's).
pub async fn add<K: Word, V: Word>(
    c: &mut Conn,
    backend: Backend,
    lines: &[NewLine<'_, K, V>],
) -> Result<()> {
    let per = crate::sql::rows_per_statement(10);
    // Built once for every full chunk, so the connection prepares it once.
    let mut full = None;
    for chunk in lines.chunks(per) {
        let rest;
        let sql: &str = if chunk.len() == per {
            full.get_or_insert_with(|| insert_lines(backend, per))
        } else {
            rest = insert_lines(backend, chunk.len());
            &rest
        };
        let mut q = sqlx::query(sql);
        for l in chunk {
            q = q
                .bind(l.record.kind.as_str())
                .bind(l.record.id)
                .bind(l.at)
                .bind(l.actor.user_id())
                .bind(l.actor.kind())
                .bind(l.kind.as_str())
                .bind(l.changed_from.map(Word::as_str))
                .bind(l.changed_to.map(Word::as_str))
                .bind(l.body)
                .bind(i64::from(l.public));
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

fn insert_lines(backend: Backend, rows: usize) -> String {
    format!(
        "INSERT INTO timeline_lines ({COLUMNS}) VALUES {}",
        crate::sql::tuples(backend, rows, 10, |_, p| p)
    )
}

/// Adds one line and answers its id.
pub async fn add_one<K: Word, V: Word>(c: &mut Conn, l: &NewLine<'_, K, V>) -> Result<i64> {
    let id = sqlx::query_scalar(&format!(
        "INSERT INTO timeline_lines ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id"
    ))
    .bind(l.record.kind.as_str())
    .bind(l.record.id)
    .bind(l.at)
    .bind(l.actor.user_id())
    .bind(l.actor.kind())
    .bind(l.kind.as_str())
    .bind(l.changed_from.map(Word::as_str))
    .bind(l.changed_to.map(Word::as_str))
    .bind(l.body)
    .bind(i64::from(l.public))
    .fetch_one(c)
    .await?;
    Ok(id)
}

/// A record's timeline, oldest first; only what the public sees when `public_only`.
pub async fn of<K: Word, V: Word>(
    c: &mut Conn,
    record: RecordRef,
    public_only: bool,
) -> Result<Vec<Line<K, V>>> {
    let sql = format!(
        "SELECT {LINE_COLUMNS} WHERE t.record_kind = $1 AND t.record_id = $2 {} ORDER BY t.id",
        if public_only { "AND t.public = 1" } else { "" }
    );
    let rows = sqlx::query(&sql)
        .bind(record.kind.as_str())
        .bind(record.id)
        .fetch_all(c)
        .await?;
    rows.iter().map(line_from_row).collect()
}

/// A page of a record's timeline, newest first: at most `limit` lines before `below`
/// (a line's time and id, the last one already shown) — for a timeline that gathers a
/// record's lines with other entries and must not read all of them for one page.
pub async fn newest<K: Word, V: Word>(
    c: &mut Conn,
    record: RecordRef,
    below: (i64, i64),
    limit: i64,
) -> Result<Vec<Line<K, V>>> {
    let rows = sqlx::query(&format!(
        "SELECT {LINE_COLUMNS} WHERE t.record_kind = $1 AND t.record_id = $2 \
         AND (t.at < $3 OR (t.at = $3 AND t.id < $4)) ORDER BY t.at DESC, t.id DESC LIMIT $5"
    ))
    .bind(record.kind.as_str())
    .bind(record.id)
    .bind(below.0)
    .bind(below.1)
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.iter().map(line_from_row).collect()
}

const LINE_COLUMNS: &str = "t.id, t.at, t.actor_kind, u.name AS actor_name, t.kind, \
    t.changed_from, t.changed_to, t.body, t.public FROM timeline_lines t \
    LEFT JOIN users u ON u.id = t.actor_id";

fn line_from_row<K: Word, V: Word>(r: &sqlx::any::AnyRow) -> Result<Line<K, V>> {
    let value = |col: &str| -> Result<Option<V>> {
        r.try_get::<Option<String>, _>(col)?
            .map(|s| word(&s, V::parse))
            .transpose()
    };
    Ok(Line {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor_kind: r.try_get("actor_kind")?,
        actor_name: r.try_get("actor_name")?,
        kind: word(&r.try_get::<String, _>("kind")?, K::parse)?,
        changed_from: value("changed_from")?,
        changed_to: value("changed_to")?,
        body: r.try_get("body")?,
        public: r.try_get::<i64, _>("public")? != 0,
    })
}

/// The bodies of a record's lines of the given kinds, oldest first (what a record's
/// search text takes from its timeline).
pub async fn bodies<K: Word>(c: &mut Conn, record: RecordRef, kinds: &[K]) -> Result<Vec<String>> {
    let mut rows = bodies_of(c, record.kind, &[record.id], kinds).await?;
    Ok(rows.remove(&record.id).unwrap_or_default())
}

/// The bodies of the lines of the given kinds of several records of one kind, by record,
/// oldest first.
pub async fn bodies_of<K: Word>(
    c: &mut Conn,
    kind: liaison_domain::records::RecordKind,
    ids: &[i64],
    kinds: &[K],
) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut out = std::collections::HashMap::new();
    if ids.is_empty() || kinds.is_empty() {
        return Ok(out);
    }
    let mut sql =
        crate::Sql::new("SELECT record_id, body FROM timeline_lines WHERE record_kind = ");
    sql.text(kind.as_str()).push(" AND record_id IN (");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.int(*id);
    }
    sql.push(") AND kind IN (");
    for (i, k) in kinds.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        sql.text(k.as_str());
    }
    sql.push(") ORDER BY record_id, id");
    for r in sql.query().fetch_all(c).await? {
        out.entry(r.try_get::<i64, _>("record_id")?)
            .or_insert_with(Vec::new)
            .push(r.try_get::<String, _>("body")?);
    }
    Ok(out)
}
