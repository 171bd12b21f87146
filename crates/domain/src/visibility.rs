//! Who may see a record, whatever its kind: confidentiality levels, and the rule that turns
//! a reader into the records they may see.
//!
//! Every kind of record that can be confidential has a level and someone responsible for it
//! (a concern's assignee). [`Sight`] says which records a reader sees in those two terms
//! alone, so one definition serves every kind. Storage writes the same rule as a query
//! condition (`liaison_store::visibility`), and a storage test checks on both databases that
//! the condition keeps exactly the records [`Sight::allows`] allows.

use crate::concerns::word_enum;

word_enum! {
    /// How widely a record may be seen, from least to most guarded.
    Confidentiality {
        /// Any staff member; may be listed publicly (a concern, without its reporter).
        Public = "public",
        /// Staff only; never listed publicly.
        Restricted = "restricted",
        /// Only whoever is responsible for it, supervisors and administrators.
        Confidential = "confidential",
    }
}

/// The records a reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// Every record: the system's own reads (escalation, backups, imports).
    Everything,
    /// Every record but those kept from this reader (supervisors and administrators): a
    /// sensitive category's concerns outside its team, a concern about themselves.
    Overseer(i64),
    /// Records guarded less than `level`, and any record `responsible` is responsible for.
    Below {
        /// The first level the reader does not see unless responsible.
        level: Confidentiality,
        /// The reader.
        responsible: i64,
    },
    /// Only the records this reader is responsible for.
    Responsible(i64),
}

impl Sight {
    /// Whether a record at `level`, with `responsible` responsible for it, may be seen.
    pub fn allows(self, level: Confidentiality, responsible: Option<i64>) -> bool {
        match self {
            Sight::Everything | Sight::Overseer(_) => true,
            Sight::Below {
                level: limit,
                responsible: me,
            } => level < limit || responsible == Some(me),
            Sight::Responsible(me) => responsible == Some(me),
        }
    }

    /// The levels seen whoever is responsible (all of them, or none), in order.
    pub fn levels_seen(self) -> impl Iterator<Item = Confidentiality> {
        Confidentiality::ALL
            .iter()
            .copied()
            .filter(move |l| match self {
                Sight::Everything | Sight::Overseer(_) => true,
                Sight::Below { level, .. } => *l < level,
                Sight::Responsible(_) => false,
            })
    }

    /// The reader who also sees the records they are responsible for, if the rule says so.
    pub fn responsible(self) -> Option<i64> {
        match self {
            Sight::Everything | Sight::Overseer(_) => None,
            Sight::Below { responsible, .. } | Sight::Responsible(responsible) => Some(responsible),
        }
    }

    /// The staff member reading, if a person reads (the system reads everything).
    pub fn reader(self) -> Option<i64> {
        match self {
            Sight::Everything => None,
            Sight::Overseer(me)
            | Sight::Below {
                responsible: me, ..
            }
            | Sight::Responsible(me) => Some(me),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Confidentiality::*;

    #[test]
    fn levels_and_responsibility_decide_alone() {
        let below = Sight::Below {
            level: Confidential,
            responsible: 7,
        };
        for level in [Public, Restricted, Confidential] {
            for responsible in [None, Some(7), Some(8)] {
                assert!(Sight::Everything.allows(level, responsible));
                assert_eq!(
                    below.allows(level, responsible),
                    level != Confidential || responsible == Some(7)
                );
                assert_eq!(
                    Sight::Responsible(7).allows(level, responsible),
                    responsible == Some(7)
                );
                // What the query condition is written from says the same.
                for sight in [Sight::Everything, below, Sight::Responsible(7)] {
                    let written = sight.levels_seen().any(|l| l == level)
                        || (sight.responsible().is_some() && sight.responsible() == responsible);
                    assert_eq!(written, sight.allows(level, responsible), "{sight:?}");
                }
            }
        }
        assert!(Public < Restricted && Restricted < Confidential);
    }
}
