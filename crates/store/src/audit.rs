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

/// Appends entries in the order given, chained to the last one and to each other: the head
/// taken and moved once, the entries inserted a thousand to a statement (an intake group's
/// in one; a generated office's history in as many as it takes).
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
    let head = chain::take_head(c).await?;
    let sealed = seal(&head, list);
    insert(c, backend, &sealed).await?;
    chain::move_head(c, &sealed.head()).await
}

/// Entries given their ids and hashes after a head, ready to write: the work of an append
/// that needs no database, which [`seal`] does, so that a bulk writer (the demo generator)
/// can do it beside its writes and [`append_sealed`] only writes.
#[derive(Debug, Clone)]
pub struct Sealed {
    after: chain::Head,
    rows: Vec<SealedRow>,
}

#[derive(Debug, Clone)]
struct SealedRow {
    id: i64,
    at: i64,
    actor_kind: &'static str,
    actor_id: Option<i64>,
    actor_label: String,
    action: String,
    record_kind: String,
    record_id: Option<i64>,
    changes: String,
    hash: String,
}

impl SealedRow {
    fn fields(&self) -> chain::Fields<'_> {
        chain::Fields {
            at: self.at,
            actor_kind: self.actor_kind,
            actor_id: self.actor_id,
            actor_label: &self.actor_label,
            action: &self.action,
            record_kind: &self.record_kind,
            record_id: self.record_id,
            changes: &self.changes,
        }
    }
}

impl Sealed {
    /// The head once these entries are written.
    pub fn head(&self) -> chain::Head {
        self.rows
            .last()
            .map_or(self.after.clone(), |r| chain::Head {
                id: r.id,
                hash: r.hash.clone(),
            })
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The same entries chained after `head` instead.
    fn after(mut self, head: &chain::Head) -> Self {
        self.after = head.clone();
        chain_rows(&mut self.rows, head);
        self
    }
}

/// Gives each row the next id after `after` and its hash, chained.
fn chain_rows(rows: &mut [SealedRow], after: &chain::Head) {
    let (mut id, mut prev) = (after.id, after.hash.clone());
    for r in rows {
        id += 1;
        r.id = id;
        r.hash = chain::hash(id, &r.fields(), &prev);
        prev.clone_from(&r.hash);
    }
}

/// `list` in the order given, chained after `after` and to each other.
pub fn seal(after: &chain::Head, list: &[NewEntry<'_>]) -> Sealed {
    let mut rows: Vec<SealedRow> = list
        .iter()
        .map(|e| {
            let (kind, actor_id, label) = e.actor.parts();
            SealedRow {
                id: 0,
                at: e.at,
                actor_kind: kind,
                actor_id,
                actor_label: label.to_string(),
                action: e.action.to_string(),
                record_kind: e.record_kind.to_string(),
                record_id: e.record_id,
                changes: e.changes.to_string(),
                hash: String::new(),
            }
        })
        .collect();
    chain_rows(&mut rows, after);
    Sealed {
        after: after.clone(),
        rows,
    }
}

/// Appends entries [`seal`]ed beforehand: chained as sealed when the trail's head is still
/// the one they were sealed after, chained again after the head otherwise (another
/// writer appended meanwhile). Like [`append_many`], in the caller's transaction.
pub async fn append_sealed(c: &mut Conn, backend: crate::Backend, sealed: Sealed) -> Result<()> {
    if sealed.is_empty() {
        return Ok(());
    }
    let head = chain::take_head(c).await?;
    let sealed = if sealed.after == head {
        sealed
    } else {
        sealed.after(&head)
    };
    insert(c, backend, &sealed).await?;
    chain::move_head(c, &sealed.head()).await
}

/// Writes sealed entries, a thousand to a statement.
async fn insert(c: &mut Conn, backend: crate::Backend, sealed: &Sealed) -> Result<()> {
    let per = crate::sql::rows_per_statement(11);
    let insert = |rows| {
        format!(
            "INSERT INTO audit_entries (id, at, actor_kind, actor_id, actor_label, action, \
             record_kind, record_id, changes, prev_hash, hash) VALUES {}",
            crate::sql::tuples(backend, rows, 11, |_, p| p)
        )
    };
    // Built once for every full chunk, so the connection prepares it once.
    let mut full = None;
    let mut prev = sealed.after.hash.as_str();
    for chunk in sealed.rows.chunks(per) {
        let rest;
        let sql: &str = if chunk.len() == per {
            full.get_or_insert_with(|| insert(per))
        } else {
            rest = insert(chunk.len());
            &rest
        };
        let mut q = sqlx::query(sql);
        for r in chunk {
            q = q
                .bind(r.id)
                .bind(r.at)
                .bind(r.actor_kind)
                .bind(r.actor_id)
                .bind(r.actor_label.as_str())
                .bind(r.action.as_str())
                .bind(r.record_kind.as_str())
                .bind(r.record_id)
                .bind(r.changes.as_str())
                .bind(prev)
                .bind(r.hash.as_str());
            prev = &r.hash;
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(actor: &Actor) -> Vec<NewEntry<'_>> {
        (0..3)
            .map(|n| NewEntry {
                actor,
                action: "concern.note",
                record_kind: "concern",
                record_id: Some(n),
                changes: serde_json::json!({ "length": n }),
                at: 1_000 + n,
            })
            .collect()
    }

    #[test]
    fn sealed_entries_chain_after_whichever_head_they_are_written_after() {
        let who = Actor::System("test".into());
        let list = entries(&who);
        let genesis = chain::Head::genesis();
        let sealed = seal(&genesis, &list);
        assert_eq!(sealed.len(), 3);
        assert_eq!(sealed.head().id, 3);
        // Each hash covers the entry and the one before it.
        let mut prev = genesis.hash.clone();
        for (n, r) in sealed.rows.iter().enumerate() {
            assert_eq!(r.id, n as i64 + 1);
            assert_eq!(r.hash, chain::hash(r.id, &r.fields(), &prev));
            prev.clone_from(&r.hash);
        }
        // Sealed after one head and written after another, they are chained anew, exactly
        // as if sealed after that one.
        let other = chain::Head {
            id: 41,
            hash: "ab".repeat(32),
        };
        let moved = sealed.after(&other);
        let direct = seal(&other, &list);
        assert_eq!(moved.head(), direct.head());
        assert_eq!(moved.head().id, 44);
        assert!(seal(&other, &[]).is_empty());
        assert_eq!(seal(&other, &[]).head(), other);
    }
}
