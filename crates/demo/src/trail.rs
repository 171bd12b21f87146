//! The audit trail the office's use would have left: an entry for every concern taken in
//! and every step of its handling, every interaction logged and follow-up done, every
//! consent recorded and concern linked to a person, by whoever did it, at its time, with
//! the `changes` the operation itself records (`liaison-app`'s `concerns.rs`, `intake.rs`,
//! `interactions.rs` and `stakeholders/`), and appended in time order across the whole
//! office.
//!
//! Concerns and the engagement log's days are generated in time order, but a concern's
//! later steps (a follow-up's completion) happen after later ones come in: an entry waits
//! here until nothing still to be generated can have anything earlier. Everything yet to
//! come happens at or after the next reception or day still to generate, so an entry
//! before that time is released, oldest first (ties in the order they were made, which is
//! each record's own order). What waits is what is
//! still to happen after the latest reception: the open concerns' handling and the last
//! steps of recent ones, a few hundred thousand entries for ten million concerns, each held
//! in a few dozen bytes.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use liaison_domain::audit::{ConcernAction, InteractionAction, StakeholderAction};
use liaison_domain::concerns::{Action, Channel, Confidentiality, Priority, Status};
use serde_json::{json, Value};

/// Who did something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// A staff member, by position in the office's staff.
    Staff(u32),
    /// A resident on the portal.
    Resident,
    /// The office's Open311 client.
    Client,
}

/// What was done, kept small until its entry is written: to a concern, unless said.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    /// Taken in.
    Create {
        reference: String,
        category: &'static str,
        channel: Channel,
        priority: Priority,
        confidentiality: Confidentiality,
        anonymous: bool,
    },
    /// Assigned to a staff member (by account id); the demo assigns once.
    Assign { to: i64 },
    /// A workflow step.
    Transition {
        action: Action,
        from: Status,
        to: Status,
    },
    /// An internal note of so many characters.
    Note { length: usize },
    /// An update to the reporter of so many characters.
    Update { length: usize },
    /// Marked a duplicate of the concern with this reference.
    Duplicate { of: String },
    /// An interaction logged, with the changes `Interactions::log` records (made when it
    /// is generated: it waits a day at most).
    Interaction(Box<Value>),
    /// A follow-up of this interaction marked done.
    FollowUpDone { interaction: i64 },
    /// A person's consent recorded, where there was none: what it allows.
    Consent { summary: String },
    /// A concern linked to the person who raised it.
    LinkConcern { concern: i64 },
}

impl What {
    /// The action the trail names: its word and its kind of record.
    pub(crate) fn action(&self) -> (&'static str, &'static str) {
        fn named(a: impl liaison_domain::audit::Action) -> (&'static str, &'static str) {
            (a.word(), a.subject().as_str())
        }
        match self {
            What::Create { .. } => named(ConcernAction::Create),
            What::Assign { .. } => named(ConcernAction::Assign),
            What::Transition { .. } => named(ConcernAction::Transition),
            What::Note { .. } => named(ConcernAction::Note),
            What::Update { .. } => named(ConcernAction::Update),
            What::Duplicate { .. } => named(ConcernAction::Duplicate),
            What::Interaction(_) => named(InteractionAction::Create),
            What::FollowUpDone { .. } => named(InteractionAction::FollowUpDone),
            What::Consent { .. } => named(StakeholderAction::PersonConsent),
            What::LinkConcern { .. } => named(StakeholderAction::PersonLinkConcern),
        }
    }

    /// What the operation records as its `changes` (the audit names the record, never the
    /// reporter).
    pub(crate) fn changes(&self) -> Value {
        match self {
            What::Create {
                reference,
                category,
                channel,
                priority,
                confidentiality,
                anonymous,
            } => json!({
                "reference": reference,
                "category": category,
                "channel": channel.as_str(),
                "priority": priority.as_str(),
                "confidentiality": confidentiality.as_str(),
                "anonymous": anonymous,
                "attachments": 0,
            }),
            What::Assign { to } => json!({"assignee": [None::<i64>, to]}),
            What::Transition { action, from, to } => {
                json!({"action": action.as_str(), "status": [from.as_str(), to.as_str()]})
            }
            What::Note { length } | What::Update { length } => json!({"length": length}),
            What::Duplicate { of } => json!({"duplicate_of": [None::<String>, of]}),
            What::Interaction(changes) => (**changes).clone(),
            What::FollowUpDone { interaction } => json!({ "interaction": interaction }),
            What::Consent { summary } => json!({ "consent": ["", summary] }),
            What::LinkConcern { concern } => json!({ "concern": concern }),
        }
    }
}

/// Something done to a record (the one its action names), at a time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) at: i64,
    pub(crate) who: Who,
    pub(crate) record: i64,
    pub(crate) what: What,
}

/// An entry ready to append: its action and changes made.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ready {
    pub(crate) at: i64,
    pub(crate) who: Who,
    pub(crate) record: i64,
    /// The action's word.
    pub(crate) action: &'static str,
    /// The kind of record it names.
    pub(crate) kind: &'static str,
    pub(crate) changes: Value,
}

/// Entries waiting for their turn.
#[derive(Default)]
pub(crate) struct Trail {
    waiting: BinaryHeap<Waiting>,
    /// How many entries were made: the order of those at the same second.
    made: u64,
    /// The time of the last entry released, which no later one may precede.
    released: i64,
}

struct Waiting {
    order: u64,
    entry: Entry,
}

impl Waiting {
    fn key(&self) -> (i64, u64) {
        (self.entry.at, self.order)
    }
}

impl PartialEq for Waiting {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Waiting {}

impl PartialOrd for Waiting {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Waiting {
    /// The heap gives its greatest first: the earliest entry is the greatest.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key().cmp(&self.key())
    }
}

impl Trail {
    /// Adds an entry; a record's entries are added in the order they happen.
    pub(crate) fn push(&mut self, entry: Entry) {
        self.made += 1;
        self.waiting.push(Waiting {
            order: self.made,
            entry,
        });
    }

    /// How many entries wait.
    #[cfg(test)]
    pub(crate) fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Moves every entry up to `upto` (all of them with `None`) to `out`, oldest first.
    pub(crate) fn release(&mut self, upto: Option<i64>, out: &mut Vec<Ready>) {
        while let Some(next) = self.waiting.peek() {
            if upto.is_some_and(|t| next.entry.at > t) {
                break;
            }
            let Some(Waiting { entry, .. }) = self.waiting.pop() else {
                break;
            };
            debug_assert!(entry.at >= self.released, "an entry out of time order");
            self.released = entry.at;
            let (action, kind) = entry.what.action();
            out.push(Ready {
                at: entry.at,
                who: entry.who,
                record: entry.record,
                action,
                kind,
                changes: entry.what.changes(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(at: i64, concern: i64) -> Entry {
        Entry {
            at,
            who: Who::Staff(0),
            record: concern,
            what: What::Note { length: 5 },
        }
    }

    #[test]
    fn entries_come_out_in_time_order_up_to_the_frontier() {
        let mut trail = Trail::default();
        trail.push(note(100, 1));
        trail.push(note(500, 1));
        trail.push(note(200, 2));
        trail.push(note(200, 3));
        let mut out = Vec::new();
        trail.release(Some(200), &mut out);
        let got: Vec<(i64, i64)> = out.iter().map(|r| (r.at, r.record)).collect();
        assert_eq!(got, [(100, 1), (200, 2), (200, 3)]);
        assert_eq!(trail.waiting(), 1);
        trail.release(None, &mut out);
        assert_eq!(out.last().map(|r| r.at), Some(500));
        assert_eq!(out[0].changes, json!({"length": 5}));
        assert_eq!((out[0].action, out[0].kind), ("concern.note", "concern"));
    }
}
