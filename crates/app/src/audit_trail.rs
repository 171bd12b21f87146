//! The audit trail: reading it, and checking it — recomputing its hash chain from the
//! first entry, and the checkpoints (`ID:HASH`) an office keeps outside the database to prove later that the
//! history up to them was neither cut short nor rewritten.
//!
//! The check names the first broken place and what is wrong there. A chain alone shows that
//! something changed; telling what changed takes a guess, made from what the broken links
//! still point at. The guesses and what they mean are [`Damage`]'s variants.

use std::fmt;
use std::str::FromStr;

use liaison_domain::permissions::Permission;
use liaison_store::audit::chain::{self, ChainEntry, Head, GENESIS};
use liaison_store::{audit, Conn};

pub use liaison_store::audit::AuditEntry;

use crate::accounts::User;
use crate::{require, App, AppResult};

/// The audit trail: its entries, the check of its chain, checkpoints. `app.audit_trail()`.
#[derive(Clone, Copy)]
pub struct AuditTrail<'a> {
    pub(crate) app: &'a App,
}

/// Entries read at a time while checking (keyset pages, so memory stays bounded).
const PAGE: i64 = 1000;

/// A point of the trail kept outside the database: an entry's id and hash, written `ID:HASH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The entry's id (0 for an empty trail).
    pub id: i64,
    /// The entry's hash, 64 lower-case hex digits.
    pub hash: String,
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.id, self.hash)
    }
}

impl FromStr for Checkpoint {
    type Err = String;

    /// Reads `ID:HASH` as `liaison audit checkpoint` prints it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wrong = || {
            format!(
                "{s:?} is not a checkpoint: expected ID:HASH, an entry number, a colon and 64 \
                 hex digits, as `liaison audit checkpoint` prints"
            )
        };
        let (id, hash) = s.trim().split_once(':').ok_or_else(wrong)?;
        let id: i64 = id.parse().map_err(|_| wrong())?;
        if id < 0 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(wrong());
        }
        Ok(Self {
            id,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

impl From<Head> for Checkpoint {
    fn from(h: Head) -> Self {
        Self {
            id: h.id,
            hash: h.hash,
        }
    }
}

/// What is wrong at the first broken place of the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The entry no longer matches its hash: its content was changed, or it was written by
    /// hand with a made-up hash.
    Changed,
    /// The entry matches its hash, but a later record holds another hash for it: its content
    /// was changed and its hash recomputed. `noted_by` is the entry that recorded the
    /// original hash; `None` when it is Liaison's record of the last entry it wrote.
    Rewritten {
        /// The entry whose previous hash differs.
        noted_by: Option<i64>,
    },
    /// Entries from this id up to `until` are gone.
    Missing {
        /// The last missing id.
        until: i64,
    },
    /// This place holds the entry written as number `written_as`: entries were reordered.
    Moved {
        /// Where the entry was written.
        written_as: i64,
    },
    /// The entry is not one Liaison chained: it links to an entry other than the one before
    /// it, or the entry it displaced follows it, or its id is one Liaison never gives.
    Inserted,
    /// The entry comes after the last one Liaison recorded writing (entry `head`).
    Unrecorded {
        /// The last entry Liaison recorded writing.
        head: i64,
    },
    /// The kept checkpoint's entry is gone: the trail was cut short (entries from this id on).
    CheckpointGone {
        /// The kept checkpoint's entry.
        kept: i64,
    },
    /// The kept checkpoint's entry has another hash now: history up to it was rewritten.
    CheckpointDiffers,
    /// Liaison's record of the last entry it wrote is gone (reported after the last entry).
    HeadRecordGone,
}

/// The first broken place of the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// The entry at fault (for missing entries, the first missing id).
    pub id: i64,
    /// What is wrong.
    pub damage: Damage,
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.id;
        match &self.damage {
            Damage::Changed => write!(
                f,
                "entry {id}: content changed (it no longer matches its hash)"
            ),
            Damage::Rewritten { noted_by: Some(n) } => write!(
                f,
                "entry {id}: content changed and its hash recomputed (entry {n} recorded \
                 another hash for it)"
            ),
            Damage::Rewritten { noted_by: None } => write!(
                f,
                "entry {id}: content changed and its hash recomputed (Liaison recorded \
                 another hash when it wrote it)"
            ),
            Damage::Missing { until } if *until == id => write!(f, "entry {id}: missing"),
            Damage::Missing { until } => {
                write!(f, "entry {id}: missing, and every entry up to {until}")
            }
            Damage::Moved { written_as } => write!(
                f,
                "entry {id}: order changed (this place holds the entry written as \
                 {written_as})"
            ),
            Damage::Inserted => write!(
                f,
                "entry {id}: inserted (it is not part of the chain Liaison wrote)"
            ),
            Damage::Unrecorded { head } => write!(
                f,
                "entry {id}: inserted (Liaison's last recorded entry is {head})"
            ),
            Damage::CheckpointGone { kept } => write!(
                f,
                "entry {id}: missing, and every entry up to the kept head {kept} (the trail \
                 was cut short)"
            ),
            Damage::CheckpointDiffers => write!(
                f,
                "entry {id}: its hash is not the kept one (history up to it was rewritten)"
            ),
            Damage::HeadRecordGone => write!(
                f,
                "after entry {id}: Liaison's record of the last entry it wrote is gone"
            ),
        }
    }
}

/// The outcome of checking the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailCheck {
    /// Entries found intact before the first break (all of them when none).
    pub checked: u64,
    /// The last intact entry: the trail's head when nothing is broken.
    pub head: Checkpoint,
    /// The first broken place, if any.
    pub broken: Option<Break>,
}

impl AuditTrail<'_> {
    /// The entries, newest first, before entry `before` (administrators only).
    pub async fn entries(
        &self,
        by: &User,
        before: Option<i64>,
        limit: i64,
    ) -> AppResult<Vec<AuditEntry>> {
        require(by, Permission::ReadAudit)?;
        Ok(audit::list(&mut *self.app.store.read().await?, None, before, limit).await?)
    }

    /// Recomputes the audit trail's hash chain from its first entry, and when `kept` is
    /// given checks that this checkpoint is still in the chain with that hash
    /// (administrators; `None` is the command line). Reads one snapshot of the trail, so
    /// appends racing the check do not disturb it.
    pub async fn verify(
        &self,
        by: Option<&User>,
        kept: Option<&Checkpoint>,
    ) -> AppResult<TrailCheck> {
        if let Some(u) = by {
            require(u, Permission::ReadAudit)?;
        }
        let mut conn = self.app.store.read().await?;
        let mut tx = chain::snapshot(&mut conn, self.app.store.backend()).await?;
        let check = walk(&mut tx, kept).await?;
        tx.rollback().await?;
        Ok(check)
    }

    /// The trail's last entry as a checkpoint to keep elsewhere (administrators; `None` is
    /// the command line). It is read, not verified: run [`AuditTrail::verify`] to know that
    /// the history up to it is intact.
    pub async fn checkpoint(&self, by: Option<&User>) -> AppResult<Checkpoint> {
        if let Some(u) = by {
            require(u, Permission::ReadAudit)?;
        }
        Ok(chain::last(&mut *self.app.store.read().await?)
            .await?
            .into())
    }
}

/// Walks the trail in id order, stopping at the first break.
async fn walk(c: &mut Conn, kept: Option<&Checkpoint>) -> AppResult<TrailCheck> {
    let recorded = chain::recorded_head(c).await?;
    let mut prev = Head::genesis();
    let mut checked = 0u64;
    let outcome = |checked, prev: Head, broken| TrailCheck {
        checked,
        head: prev.into(),
        broken,
    };
    if let Some(k) = kept.filter(|k| k.id == 0 && k.hash != GENESIS) {
        let broken = Break {
            id: k.id,
            damage: Damage::CheckpointDiffers,
        };
        return Ok(outcome(0, prev, Some(broken)));
    }
    // Where the walk stands, to start the next page: below every id, since ids Liaison never
    // gives (0, negative) must be read too.
    let mut after = i64::MIN;
    loop {
        let page = chain::page(c, after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for e in page {
            if let Some(k) = kept.filter(|k| prev.id < k.id && k.id < e.id) {
                let broken = Break {
                    id: prev.id + 1,
                    damage: Damage::CheckpointGone { kept: k.id },
                };
                return Ok(outcome(checked, prev, Some(broken)));
            }
            if e.id < 1 || e.hash_at(e.id) != e.hash || e.prev_hash != prev.hash {
                let broken = diagnose(c, &e, &prev).await?;
                return Ok(outcome(checked, prev, Some(broken)));
            }
            if kept.is_some_and(|k| k.id == e.id && k.hash != e.hash) {
                let broken = Break {
                    id: e.id,
                    damage: Damage::CheckpointDiffers,
                };
                return Ok(outcome(checked, prev, Some(broken)));
            }
            if let Some(r) = recorded.as_ref().filter(|r| e.id > r.id) {
                let broken = Break {
                    id: e.id,
                    damage: Damage::Unrecorded { head: r.id },
                };
                return Ok(outcome(checked, prev, Some(broken)));
            }
            checked += 1;
            prev = Head {
                id: e.id,
                hash: e.hash,
            };
        }
    }
    let broken = match (kept, recorded) {
        (Some(k), _) if k.id > prev.id => Some(Break {
            id: prev.id + 1,
            damage: Damage::CheckpointGone { kept: k.id },
        }),
        (_, None) => Some(Break {
            id: prev.id,
            damage: Damage::HeadRecordGone,
        }),
        (_, Some(r)) if r.id > prev.id => Some(Break {
            id: prev.id + 1,
            damage: Damage::Missing { until: r.id },
        }),
        (_, Some(r)) if r.id == prev.id && r.hash != prev.hash => Some(Break {
            id: prev.id,
            damage: Damage::Rewritten { noted_by: None },
        }),
        _ => None,
    };
    Ok(outcome(checked, prev, broken))
}

/// Names what is wrong at `e`, the first entry that does not follow `prev`, from where its
/// links point.
async fn diagnose(c: &mut Conn, e: &ChainEntry, prev: &Head) -> AppResult<Break> {
    let at = |id, damage| Ok(Break { id, damage });
    if e.id < 1 {
        return at(e.id, Damage::Inserted);
    }
    // Entries whose recorded hash this entry names as its predecessor's.
    let predecessors = if e.prev_hash == GENESIS {
        vec![0]
    } else {
        chain::ids_with_hash(c, &e.prev_hash).await?
    };
    if e.hash_at(e.id) != e.hash {
        // Not intact here. Intact at another place? The likely ones: just after its
        // recorded predecessor, or next to where it stands (two neighbours swapped).
        let mut places: Vec<i64> = predecessors.iter().map(|p| p + 1).collect();
        places.extend([e.id - 1, e.id + 1]);
        let Some(written_as) = places
            .into_iter()
            .find(|&x| x >= 1 && x != e.id && e.hash_at(x) == e.hash)
        else {
            return at(e.id, Damage::Changed);
        };
        if written_as < e.id && prev.id >= written_as {
            // Pushed back: whatever the walk accepted from its place on took that place.
            let intruder = chain::first_id_between(c, written_as, e.id).await?;
            return at(intruder.unwrap_or(e.id), Damage::Inserted);
        }
        return at(e.id, Damage::Moved { written_as });
    }
    // Intact, but chained to something other than the entry before it.
    if !predecessors.is_empty() {
        return at(e.id, Damage::Inserted);
    }
    if e.id > prev.id + 1 {
        return at(prev.id + 1, Damage::Missing { until: e.id - 1 });
    }
    if prev.id == 0 {
        return at(e.id, Damage::Inserted);
    }
    at(
        prev.id,
        Damage::Rewritten {
            noted_by: Some(e.id),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_read_back_what_is_printed() {
        let hash = "AB".repeat(32);
        let c: Checkpoint = format!("42:{hash}").parse().expect("valid");
        assert_eq!(c.id, 42);
        assert_eq!(c.to_string(), format!("42:{}", "ab".repeat(32)));
        assert_eq!(
            format!(" 0:{GENESIS}\n").parse::<Checkpoint>(),
            Ok(Checkpoint {
                id: 0,
                hash: GENESIS.into()
            })
        );
    }

    #[test]
    fn bad_checkpoints_are_refused_with_the_expected_form() {
        let hash = "a".repeat(64);
        for bad in [
            "",
            "42",
            ":",
            &format!("x:{hash}"),
            &format!("-1:{hash}"),
            &format!("99999999999999999999:{hash}"),
            "42:abc",
            &format!("42:{}", "g".repeat(64)),
            &format!("42:{hash}0"),
            &format!("42:{hash}:1"),
        ] {
            let e = bad.parse::<Checkpoint>().expect_err(bad);
            assert!(e.contains("expected ID:HASH"), "{e}");
        }
    }
}
