//! The audit trail's hash chain: every entry carries the hash of the entry before it.
//!
//! Changing, removing, reordering or inserting an entry therefore breaks the chain from that
//! entry on, and a head (`ID:HASH`) kept outside the database proves that nothing up to it
//! was rewritten, even by someone who recomputed every hash.
//!
//! An entry's hash is SHA-256 over a canonical encoding of its stored fields that does not
//! depend on the database, so an office moved from SQLite to PostgreSQL still verifies: the
//! bytes `liaison-audit-1`, then id, at, actor kind, actor id, actor label, action, record
//! kind, record id, changes (the stored text) and the previous entry's hash, each written as
//! `i<decimal>;` (an integer), `n;` (no value) or `t<length in bytes>:<UTF-8 bytes>` (a
//! text). The lengths make the encoding unambiguous: two different entries never encode to
//! the same bytes. The first entry's previous hash is [`GENESIS`]. Hashes are lower-case hex.
//!
//! Appends are serialized through the one-row table `audit_head`, which holds the last entry
//! Liaison wrote: an appender takes it with `UPDATE … RETURNING` inside its transaction. On
//! PostgreSQL the row lock makes every other node's appender wait until that transaction
//! ends, and the waiting `UPDATE` then reads the newest head, so two transactions never
//! chain onto the same entry; SQLite has a single writer anyway. The appender gives the ids
//! itself (head + 1, + 2, …): they must be known before the hashes can be computed.

use sha2::{Digest, Sha256};
use sqlx::{Any, Row};

use crate::{Backend, Conn, Result, StoreError};

/// The previous hash of the first entry: no entry comes before it.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What the encoding starts with; a new encoding would get a new label.
const LABEL: &[u8] = b"liaison-audit-1";

/// The fields of an entry that its hash covers, besides its id and the previous hash.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    /// When, in UTC seconds.
    pub at: i64,
    /// `staff`, `resident`, `system` or `client`.
    pub actor_kind: &'a str,
    /// The account or key behind the change, if any.
    pub actor_id: Option<i64>,
    /// Who, as a label.
    pub actor_label: &'a str,
    /// What was done.
    pub action: &'a str,
    /// Which kind of record.
    pub record_kind: &'a str,
    /// Which record.
    pub record_id: Option<i64>,
    /// The changes exactly as stored.
    pub changes: &'a str,
}

/// The hash of an entry with these fields at position `id`, chained to `prev_hash`.
pub fn hash(id: i64, fields: &Fields<'_>, prev_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(LABEL);
    integer(&mut h, Some(id));
    integer(&mut h, Some(fields.at));
    text(&mut h, fields.actor_kind);
    integer(&mut h, fields.actor_id);
    text(&mut h, fields.actor_label);
    text(&mut h, fields.action);
    text(&mut h, fields.record_kind);
    integer(&mut h, fields.record_id);
    text(&mut h, fields.changes);
    text(&mut h, prev_hash);
    format!("{:x}", h.finalize())
}

fn integer(h: &mut Sha256, v: Option<i64>) {
    match v {
        Some(v) => h.update(format!("i{v};").as_bytes()),
        None => h.update(b"n;"),
    }
}

fn text(h: &mut Sha256, v: &str) {
    h.update(format!("t{}:", v.len()).as_bytes());
    h.update(v.as_bytes());
}

/// An entry as stored, with every field its hash covers and the two hashes it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEntry {
    /// Position in the trail.
    pub id: i64,
    /// When, in UTC seconds.
    pub at: i64,
    /// `staff`, `resident`, `system` or `client`.
    pub actor_kind: String,
    /// The account or key behind the change, if any.
    pub actor_id: Option<i64>,
    /// Who, as a label.
    pub actor_label: String,
    /// What was done.
    pub action: String,
    /// Which kind of record.
    pub record_kind: String,
    /// Which record.
    pub record_id: Option<i64>,
    /// The changes exactly as stored.
    pub changes: String,
    /// The hash of the entry before it, as recorded when it was written.
    pub prev_hash: String,
    /// Its own hash, as recorded when it was written.
    pub hash: String,
}

impl ChainEntry {
    /// The fields its hash covers.
    pub fn fields(&self) -> Fields<'_> {
        Fields {
            at: self.at,
            actor_kind: &self.actor_kind,
            actor_id: self.actor_id,
            actor_label: &self.actor_label,
            action: &self.action,
            record_kind: &self.record_kind,
            record_id: self.record_id,
            changes: &self.changes,
        }
    }

    /// Its hash recomputed as if it stood at position `id` (its own id: whether it is intact).
    pub fn hash_at(&self, id: i64) -> String {
        hash(id, &self.fields(), &self.prev_hash)
    }
}

/// The last entry of a trail: its id and hash; `0` and [`GENESIS`] for an empty trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The entry's id.
    pub id: i64,
    /// The entry's hash.
    pub hash: String,
}

impl Head {
    /// The head of an empty trail.
    pub fn genesis() -> Self {
        Self {
            id: 0,
            hash: GENESIS.to_string(),
        }
    }
}

const COLUMNS: &str = "id, at, actor_kind, actor_id, actor_label, action, record_kind, \
                       record_id, changes, prev_hash, hash";

fn entry(r: &sqlx::any::AnyRow) -> Result<ChainEntry> {
    Ok(ChainEntry {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor_kind: r.try_get("actor_kind")?,
        actor_id: r.try_get("actor_id")?,
        actor_label: r.try_get("actor_label")?,
        action: r.try_get("action")?,
        record_kind: r.try_get("record_kind")?,
        record_id: r.try_get("record_id")?,
        changes: r.try_get("changes")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// Takes the head for appending: locks it until the transaction on `c` ends (PostgreSQL)
/// and reads it as the last committed append left it.
pub(crate) async fn take_head(c: &mut Conn) -> Result<Head> {
    // A no-op UPDATE rather than SELECT … FOR UPDATE, which SQLite does not know. After
    // waiting for another appender, PostgreSQL re-reads the row it updates, so RETURNING
    // gives that appender's head, not the one this statement first saw.
    let row = sqlx::query(
        "UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING last_id, last_hash",
    )
    .fetch_optional(c)
    .await?
    .ok_or_else(|| StoreError::Corrupt("the audit trail's head record is missing".into()))?;
    Ok(Head {
        id: row.try_get("last_id")?,
        hash: row.try_get("last_hash")?,
    })
}

/// Records `head` as the last entry Liaison wrote.
pub(crate) async fn move_head(c: &mut Conn, head: &Head) -> Result<()> {
    sqlx::query("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1")
        .bind(head.id)
        .bind(head.hash.as_str())
        .execute(c)
        .await?;
    Ok(())
}

/// The last entry Liaison recorded writing, or `None` when that record is gone.
pub async fn recorded_head(c: &mut Conn) -> Result<Option<Head>> {
    let row = sqlx::query("SELECT last_id, last_hash FROM audit_head WHERE id = 1")
        .fetch_optional(c)
        .await?;
    row.map(|r| {
        Ok(Head {
            id: r.try_get("last_id")?,
            hash: r.try_get("last_hash")?,
        })
    })
    .transpose()
}

/// The last entry in the table, as a head ([`Head::genesis`] when there is none).
pub async fn last(c: &mut Conn) -> Result<Head> {
    let row = sqlx::query("SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1")
        .fetch_optional(c)
        .await?;
    match row {
        Some(r) => Ok(Head {
            id: r.try_get("id")?,
            hash: r.try_get("hash")?,
        }),
        None => Ok(Head::genesis()),
    }
}

/// Up to `limit` entries after entry `after`, in id order.
pub async fn page(c: &mut Conn, after: i64, limit: i64) -> Result<Vec<ChainEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_entries WHERE id > $1 ORDER BY id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.iter().map(entry).collect()
}

/// The ids of the entries whose recorded hash is `hash` (to find where a broken link
/// points). A full scan, run once when a check finds a break, so no index is kept for it.
pub async fn ids_with_hash(c: &mut Conn, hash: &str) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM audit_entries WHERE hash = $1 ORDER BY id")
            .bind(hash)
            .fetch_all(c)
            .await?,
    )
}

/// The first entry id from `from` up to but not including `before`, if any.
pub async fn first_id_between(c: &mut Conn, from: i64, before: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM audit_entries WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 1",
    )
    .bind(from)
    .bind(before)
    .fetch_optional(c)
    .await?)
}

/// Starts a read-only transaction that sees the whole trail as of one moment, so a check
/// that races appends sees each of them entirely or not at all.
pub async fn snapshot(c: &mut Conn, backend: Backend) -> Result<sqlx::Transaction<'_, Any>> {
    let begin = match backend {
        // A deferred transaction on SQLite reads one WAL snapshot from its first read.
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    };
    Ok(sqlx::Connection::begin_with(c, begin).await?)
}

/// Records the last entry in the table as the head Liaison wrote, after a tool copied
/// entries in verbatim (an import); returns it. Entries must keep their ids and hashes.
pub async fn record_last_as_head(c: &mut Conn) -> Result<Head> {
    let head = last(c).await?;
    move_head(c, &head).await?;
    Ok(head)
}

/// Chains the entries written before the trail had hashes (the migration that added them):
/// in id order, each gets the hash of the one before it, and the head row is created. The
/// append-only trigger is lifted for this transaction only.
pub(crate) async fn seal_existing(c: &mut Conn, backend: Backend) -> Result<()> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_entries")
        .fetch_one(&mut *c)
        .await?;
    let mut head = Head::genesis();
    if count > 0 {
        allow_updates(c, backend, true).await?;
        loop {
            let entries = page(c, head.id, 500).await?;
            if entries.is_empty() {
                break;
            }
            let mut seals = Vec::with_capacity(entries.len());
            for e in &entries {
                let sealed = hash(e.id, &e.fields(), &head.hash);
                seals.push((e.id, head.hash.clone(), sealed.clone()));
                head = Head {
                    id: e.id,
                    hash: sealed,
                };
            }
            // One statement per page: the VALUES list names its columns column1… on both.
            let sql = format!(
                "UPDATE audit_entries SET prev_hash = v.column2, hash = v.column3 \
                 FROM (VALUES {}) AS v WHERE audit_entries.id = v.column1",
                crate::sql::tuples(backend, seals.len(), 3, |_, p| p)
            );
            let mut q = sqlx::query(&sql);
            for (id, prev, sealed) in &seals {
                q = q.bind(*id).bind(prev.as_str()).bind(sealed.as_str());
            }
            q.execute(&mut *c).await?;
        }
        allow_updates(c, backend, false).await?;
    }
    sqlx::query("INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1, $2)")
        .bind(head.id)
        .bind(head.hash.as_str())
        .execute(c)
        .await?;
    Ok(())
}

/// Lifts (`true`) or restores the trigger that refuses updates of audit entries.
async fn allow_updates(c: &mut Conn, backend: Backend, allow: bool) -> Result<()> {
    use sqlx::Executor;
    let sql = match (backend, allow) {
        (Backend::Sqlite, true) => "DROP TRIGGER audit_entries_no_update",
        // The same trigger as the first migration's.
        (Backend::Sqlite, false) => {
            "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries \
             BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        }
        (Backend::Postgres, true) => {
            "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change"
        }
        (Backend::Postgres, false) => {
            "ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change"
        }
    };
    c.execute(sql).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(changes: &'a str, label: &'a str) -> Fields<'a> {
        Fields {
            at: 1_700_000_000,
            actor_kind: "staff",
            actor_id: Some(3),
            actor_label: label,
            action: "concern.create",
            record_kind: "concern",
            record_id: Some(42),
            changes,
        }
    }

    #[test]
    fn the_encoding_is_the_documented_one() {
        // Computed independently (Python's hashlib over the encoding the module describes).
        // A change here breaks every trail already written: keep it.
        assert_eq!(
            hash(1, &fields("{\"é\":1}", "ada@office.example"), GENESIS),
            "41770cbff2e2a12fa2d730e7b6d53c0e11e09df8a14b72cc98cc17557258e6c4"
        );
    }

    #[test]
    fn every_field_counts() {
        let base = hash(1, &fields("{}", "a"), GENESIS);
        assert_ne!(base, hash(2, &fields("{}", "a"), GENESIS));
        assert_ne!(base, hash(1, &fields("{ }", "a"), GENESIS));
        assert_ne!(base, hash(1, &fields("{}", "b"), GENESIS));
        assert_ne!(base, hash(1, &fields("{}", "a"), &"1".repeat(64)));
        let mut f = fields("{}", "a");
        f.actor_id = None;
        assert_ne!(base, hash(1, &f, GENESIS));
        let mut f = fields("{}", "a");
        f.record_id = None;
        assert_ne!(base, hash(1, &f, GENESIS));
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        // Without lengths, "ab" + "c" and "a" + "bc" would encode alike.
        let mut one = fields("c", "ab");
        let mut two = fields("bc", "a");
        assert_ne!(hash(1, &one, GENESIS), hash(1, &two, GENESIS));
        one.actor_id = None;
        two.actor_id = None;
        assert_ne!(hash(1, &one, GENESIS), hash(1, &two, GENESIS));
    }
}
