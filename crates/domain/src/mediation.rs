//! Mediation: a dispute raised in a concern, worked out between its parties with a
//! mediator — proposed, accepted or declined by the parties, held in sessions (date, place,
//! who took part, an interpreter; notes confidential by default), proposals made and
//! answered, and an outcome: an agreement whose terms are commitments, or none.

use crate::concerns::word_enum;
use crate::errors::FieldErrors;
use crate::values;

/// The longest name, place or list of who took part (characters).
pub const SHORT_MAX: usize = 300;
/// The longest purpose, notes, proposal or outcome (characters).
pub const TEXT_MAX: usize = 8000;

word_enum! {
    /// Where a mediation stands.
    Status {
        /// Offered to the parties; not yet agreed to.
        Proposed = "proposed",
        /// The parties agreed to mediate: sessions are held.
        Accepted = "accepted",
        /// A party declined: there is no mediation.
        Declined = "declined",
        /// Ended with an agreement; its terms are commitments.
        Settled = "settled",
        /// Ended without an agreement.
        Unsettled = "unsettled",
    }
}

impl Status {
    /// Still going: parties, sessions and proposals are added.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Proposed | Status::Accepted)
    }
}

word_enum! {
    /// A step of a mediation.
    Step {
        /// The parties agreed to mediate.
        Accept = "accept",
        /// A party declined (the note says why).
        Decline = "decline",
        /// An agreement was reached (the note sums it up).
        Settle = "settle",
        /// It ended without an agreement (the note says why).
        End = "end",
    }
}

impl Step {
    /// The status this step leads to from `from`, if it applies.
    pub fn target(self, from: Status) -> Option<Status> {
        use Status::*;
        Some(match (self, from) {
            (Step::Accept, Proposed) => Accepted,
            (Step::Decline, Proposed) => Declined,
            (Step::Settle, Accepted) => Settled,
            (Step::End, Accepted) => Unsettled,
            _ => return None,
        })
    }
}

word_enum! {
    /// A party's side in the dispute.
    Side {
        /// Raised the concern.
        Complainant = "complainant",
        /// The one complained about (a contractor, a neighbour, the organization).
        Respondent = "respondent",
        /// Anyone else taking part (a community leader, a relative, a witness).
        Other = "other",
    }
}

word_enum! {
    /// A party's answer to a proposal.
    Answer {
        /// Accepted.
        Accepted = "accepted",
        /// Rejected.
        Rejected = "rejected",
    }
}

word_enum! {
    /// What a line of a mediation's timeline records.
    LineKind {
        /// It was proposed (the body: its purpose).
        Proposed = "proposed",
        /// A party joined (the body: their name).
        Party = "party",
        /// A session was held (the body: where).
        Session = "session",
        /// A proposal was made (the body: what).
        Proposal = "proposal",
        /// A proposal was answered (the body: what).
        Answered = "answered",
        /// It moved from one status to another (the body: the note).
        Step = "step",
        /// A term of the agreement was recorded as a commitment (the body: what).
        Term = "term",
    }
}

/// A short text: 1 to [`SHORT_MAX`] characters.
pub fn short(field: &'static str, text: &str, errors: &mut FieldErrors) -> Option<String> {
    errors.take(field, values::text(text, 1, SHORT_MAX))
}

/// A long text: up to [`TEXT_MAX`] characters, required unless `optional`.
pub fn long(
    field: &'static str,
    text: &str,
    optional: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    errors.take(field, values::text(text, usize::from(!optional), TEXT_MAX))
}

/// Whether a step needs its note: every one but accepting.
pub fn needs_note(step: Step) -> bool {
    step != Step::Accept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_follow_the_mediation() {
        use Status::*;
        for &from in Status::ALL {
            for &step in Step::ALL {
                let to = step.target(from);
                assert_eq!(
                    to.is_some(),
                    from.is_open()
                        && (from == Proposed) == matches!(step, Step::Accept | Step::Decline),
                    "{from:?} {step:?}"
                );
            }
        }
        assert_eq!(Step::Settle.target(Accepted), Some(Settled));
        assert!(needs_note(Step::End) && !needs_note(Step::Accept));
    }
}
