//! Kinds of record: what the office keeps (concerns, people and organizations; interactions
//! and engagements next), and how one record is named across them.
//!
//! Timelines, attachments, texts in other languages, search and the audit trail name a
//! record by its kind and id, so each works for every kind. A new kind of record adds its
//! word here.

use crate::concerns::word_enum;

word_enum! {
    /// A kind of record, as stored beside the id of one.
    RecordKind {
        /// Something a member of the public raised.
        Concern = "concern",
        /// A kind of concern (an Open311 service).
        Category = "category",
        /// A neighbourhood, ward, village or district the office works in.
        Area = "area",
        /// Someone in the stakeholder register.
        Person = "person",
        /// A group, business, school, agency or other body in the stakeholder register.
        Organization = "organization",
        /// A tie between two people or organizations, or a person's position in one.
        Relationship = "relationship",
        /// One contact with people or organizations of the register: a meeting, a call, a
        /// visit, a letter (the engagement log).
        Interaction = "interaction",
        /// Something promised in an interaction, with an owner and a due day.
        FollowUp = "follow_up",
        /// A promise to the community in the commitments register: from a mediation's
        /// agreement, a concern's resolution, or entered by hand.
        Commitment = "commitment",
        /// A dispute raised in a concern, worked out between its parties with a mediator.
        Mediation = "mediation",
        /// A public meeting, forum, town hall, workshop or clinic the office holds.
        Engagement = "engagement",
        /// A feedback survey (or a template of one), asked after an engagement or on its own.
        Survey = "survey",
    }
}

/// One record of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    /// Its kind.
    pub kind: RecordKind,
    /// Its id among records of that kind.
    pub id: i64,
}

impl RecordRef {
    /// A concern.
    pub fn concern(id: i64) -> Self {
        Self {
            kind: RecordKind::Concern,
            id,
        }
    }
}

/// A word a record's own rules give meaning to (a concern's timeline line kinds and
/// statuses), stored as text: what generic storage needs to keep and read it back.
pub trait Word: Sized + Copy {
    /// The stored word.
    fn as_str(self) -> &'static str;
    /// Reads a stored word.
    fn parse(s: &str) -> Result<Self, &'static str>;
}
