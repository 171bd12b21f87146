//! The audit trail: one append-only table of every change, by staff, residents or the system,
//! each entry chained to the one before it by hash ([`chain`]).

use serde_json::Value;
use sqlx::Row;

use crate::{Conn, Result};

pub mod chain;

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in staff member.
    Staff {
        /// Their account.
        id: i64,
        /// Their email at the time.
        label: String,
    },
    /// A resident on the public portal (never identified).
    Resident,
    /// Liaison itself, or an operator at the command line.
    System(String),
    /// A client of the Open311 interface, known by its API key.
    Client {
        /// The key's id.
        key_id: i64,
        /// The client's name.
        label: String,
    },
}

impl Actor {
    fn parts(&self) -> (&'static str, Option<i64>, &str) {
        match self {
            Actor::Staff { id, label } => ("staff", Some(*id), label),
            Actor::Resident => ("resident", None, "resident"),
            Actor::System(label) => ("system", None, label),
            Actor::Client { key_id, label } => ("client", Some(*key_id), label),
        }
    }

    /// The staff account behind the change, if any.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Staff { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// `staff`, `resident`, `system` or `client`.
    pub fn kind(&self) -> &'static str {
        self.parts().0
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Position in the trail.
    pub id: i64,
    /// When, in UTC seconds.
    pub at: i64,
    /// `staff`, `resident`, `system` or `client`.
    pub actor_kind: String,
    /// Who, as a label.
    pub actor_label: String,
    /// What was done, such as `concern.transition`.
    pub action: String,
    /// Which kind of record.
    pub record_kind: String,
    /// Which record.
    pub record_id: Option<i64>,
    /// Changed fields: `{"field": [before, after]}` or the values written.
    pub changes: Value,
}

/// Appends an entry, chained to the last one (see [`chain`]).
pub async fn append(
    c: &mut Conn,
    actor: &Actor,
    action: &str,
    record_kind: &str,
    record_id: Option<i64>,
    changes: &Value,
    now: i64,
) -> Result<()> {
    let entry = NewEntry {
        actor,
        action,
        record_kind,
        record_id,
        changes: changes.clone(),
        at: now,
    };
    append_entries(c, std::slice::from_ref(&entry)).await
}

/// Appends a few entries in the order given, chained to the last one and to each other, in
/// one statement.
pub async fn append_entries(c: &mut Conn, list: &[NewEntry<'_>]) -> Result<()> {
    // Numbered placeholders, which both databases read; SQLite's anonymous `?` only pays
    // off for the thousands of a large group ([`append_many`]).
    write(c, crate::Backend::Postgres, list).await
}

/// An entry to append with [`append_many`].
pub struct NewEntry<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What, such as `concern.create`.
    pub action: &'a str,
    /// Which kind of record.
    pub record_kind: &'a str,
    /// Which record.
    pub record_id: Option<i64>,
    /// What changed.
    pub changes: Value,
    /// When.
    pub at: i64,
}

/// Appends entries in the order given, chained to the last one and to each other: three
/// statements whatever their number (take the head, insert, move the head).
pub async fn append_many(
    c: &mut Conn,
    backend: crate::Backend,
    list: &[NewEntry<'_>],
) -> Result<()> {
    write(c, backend, list).await
}

/// Takes the trail's head, gives the entries the next ids and their hashes, writes them and
/// records the new head, all in the caller's transaction (which holds the head until it
/// ends, so appends from every node form one chain).
async fn write(c: &mut Conn, backend: crate::Backend, list: &[NewEntry<'_>]) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let mut head = chain::take_head(c).await?;
    let changes: Vec<String> = list.iter().map(|e| e.changes.to_string()).collect();
    let mut seals = Vec::with_capacity(list.len());
    for (e, changes) in list.iter().zip(&changes) {
        let (kind, actor_id, label) = e.actor.parts();
        let id = head.id + 1;
        let fields = chain::Fields {
            at: e.at,
            actor_kind: kind,
            actor_id,
            actor_label: label,
            action: e.action,
            record_kind: e.record_kind,
            record_id: e.record_id,
            changes,
        };
        let hash = chain::hash(id, &fields, &head.hash);
        seals.push((id, head.hash.clone(), hash.clone()));
        head = chain::Head { id, hash };
    }
    let sql = format!(
        "INSERT INTO audit_entries (id, at, actor_kind, actor_id, actor_label, action, \
         record_kind, record_id, changes, prev_hash, hash) VALUES {}",
        crate::sql::tuples(backend, list.len(), 11, |_, p| p)
    );
    let mut q = sqlx::query(&sql);
    for ((e, changes), (id, prev, hash)) in list.iter().zip(&changes).zip(&seals) {
        let (kind, actor_id, label) = e.actor.parts();
        q = q
            .bind(*id)
            .bind(e.at)
            .bind(kind)
            .bind(actor_id)
            .bind(label)
            .bind(e.action)
            .bind(e.record_kind)
            .bind(e.record_id)
            .bind(changes.as_str())
            .bind(prev.as_str())
            .bind(hash.as_str());
    }
    q.execute(&mut *c).await?;
    chain::move_head(c, &head).await
}

/// The latest entries, newest first, optionally for one record, before entry `before`.
pub async fn list(
    c: &mut Conn,
    record: Option<(&str, i64)>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let mut sql = crate::Sql::new(
        "SELECT id, at, actor_kind, actor_label, action, record_kind, record_id, changes \
         FROM audit_entries WHERE 1 = 1",
    );
    if let Some((kind, id)) = record {
        sql.push(" AND record_kind = ")
            .text(kind)
            .push(" AND record_id = ")
            .int(id);
    }
    if let Some(b) = before {
        sql.push(" AND id < ").int(b);
    }
    sql.push(" ORDER BY id DESC LIMIT ").int(limit);
    let rows = sql.query().fetch_all(c).await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                actor_kind: r.try_get("actor_kind")?,
                actor_label: r.try_get("actor_label")?,
                action: r.try_get("action")?,
                record_kind: r.try_get("record_kind")?,
                record_id: r.try_get("record_id")?,
                changes: serde_json::from_str(&r.try_get::<String, _>("changes")?)
                    .unwrap_or(Value::Null),
            })
        })
        .collect()
}
