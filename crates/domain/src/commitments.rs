//! Commitments: the register of promises made to the community — from a mediation's
//! agreement, from a concern's resolution, or entered by hand — each with an owner, a due
//! day, where it stands, and the evidence that it was kept.

use crate::concerns::word_enum;
use crate::errors::FieldErrors;
use crate::values::{self, Day};
use crate::visibility::Confidentiality;

/// The longest promise (characters).
pub const TITLE_MAX: usize = 300;
/// The longest description or evidence (characters).
pub const TEXT_MAX: usize = 4000;

word_enum! {
    /// Where a commitment stands.
    Status {
        /// Promised, not yet begun.
        Open = "open",
        /// Being worked on.
        InProgress = "in_progress",
        /// Done, with the evidence.
        Kept = "kept",
        /// Given up, with the reason (said to those it was made to).
        Dropped = "dropped",
    }
}

impl Status {
    /// Still to be kept: on its owner's task list, reminded, counted late past its day.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }
}

word_enum! {
    /// Where a commitment was made.
    Source {
        /// Entered in the register by hand.
        Register = "register",
        /// On a concern, as part of its resolution.
        Concern = "concern",
        /// A term of a mediation's agreement.
        Mediation = "mediation",
        /// Made at an engagement (a meeting, a forum), to those who came.
        Engagement = "engagement",
    }
}

word_enum! {
    /// What a line of a commitment's timeline records.
    LineKind {
        /// It was made.
        Made = "made",
        /// Its terms changed (what, owner, day); the body says which.
        Changed = "changed",
        /// It moved from one status to another; the body is the evidence or the reason.
        Progress = "progress",
    }
}

/// A commitment's terms as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// What was promised.
    pub title: String,
    /// More about it (may be empty).
    pub description: String,
    /// The staff member who keeps it.
    pub owner: i64,
    /// The day it is due.
    pub due_on: Day,
    /// Who may see it.
    pub confidentiality: Confidentiality,
    /// Shown to the public ("you said, we did") once the portal lists commitments.
    pub public: bool,
}

/// Checks a commitment's terms as typed. A new one may not be due in the past; a changed
/// one keeps whatever day it had.
#[allow(clippy::too_many_arguments)]
pub fn terms(
    title: &str,
    description: &str,
    owner: Option<i64>,
    due_on: &str,
    confidentiality: &str,
    public: bool,
    earliest: Day,
    errors: &mut FieldErrors,
) -> Option<Terms> {
    let title = errors.take("title", values::text(title, 1, TITLE_MAX));
    let description = errors.take("description", values::text(description, 0, TEXT_MAX));
    let owner = match owner {
        Some(o) => Some(o),
        None => errors.take("owner", Err("error-choice")),
    };
    let due_on = match values::day(due_on) {
        Ok(Some(d)) if d < earliest => errors.take("due_on", Err("error-past-day")),
        Ok(Some(d)) => Some(d),
        Ok(None) => errors.take("due_on", Err("error-required")),
        Err(code) => errors.take("due_on", Err(code)),
    };
    let confidentiality = match confidentiality.trim() {
        "" => Some(Confidentiality::Restricted),
        c => errors.take("confidentiality", Confidentiality::parse(c)),
    };
    if public && confidentiality.is_some_and(|c| c != Confidentiality::Public) {
        errors.add("public", "error-public-needs-public");
    }
    Some(Terms {
        title: title?,
        description: description?,
        owner: owner?,
        due_on: due_on?,
        confidentiality: confidentiality?,
        public,
    })
}

/// Checks a step from `from` to `to` with its note: a kept commitment needs its evidence, a
/// dropped one its reason; a closed one opens again only to `open` or `in_progress`.
pub fn progress(
    from: Status,
    to: Status,
    note: &str,
) -> Result<String, (&'static str, &'static str)> {
    if from == to {
        return Err(("status", "error-not-now"));
    }
    let note = values::text(note, 0, TEXT_MAX).map_err(|c| ("note", c))?;
    if matches!(to, Status::Kept | Status::Dropped) && note.is_empty() {
        let code = if to == Status::Kept {
            "error-evidence-required"
        } else {
            "error-reason-required"
        };
        return Err(("note", code));
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        values::day(s).expect("day").expect("a day")
    }

    #[test]
    fn terms_are_checked_field_by_field() {
        let today = day("2026-12-07");
        let mut errors = FieldErrors::new();
        let t = terms(
            "Resurface the school path",
            "",
            Some(4),
            "2027-01-31",
            "public",
            true,
            today,
            &mut errors,
        );
        assert!(errors.is_empty());
        assert_eq!(t.map(|t| (t.owner, t.public)), Some((4, true)));
        let mut errors = FieldErrors::new();
        let t = terms(
            " ",
            "",
            None,
            "2026-12-01",
            "restricted",
            true,
            today,
            &mut errors,
        );
        assert_eq!(t, None);
        for field in ["title", "owner", "due_on", "public"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
    }

    #[test]
    fn keeping_needs_evidence_and_dropping_a_reason() {
        use Status::*;
        assert_eq!(
            progress(Open, Kept, ""),
            Err(("note", "error-evidence-required"))
        );
        assert_eq!(
            progress(Open, Dropped, ""),
            Err(("note", "error-reason-required"))
        );
        assert_eq!(progress(Open, Open, "x"), Err(("status", "error-not-now")));
        assert_eq!(progress(Open, InProgress, ""), Ok(String::new()));
        assert_eq!(
            progress(InProgress, Kept, " Photo of the new path "),
            Ok("Photo of the new path".into())
        );
        assert!(!Kept.is_open() && InProgress.is_open());
    }
}
