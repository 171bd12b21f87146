//! The engagement log: each contact the office has with people and organizations of the
//! register — a meeting, a call, a visit, a letter — with who took part, what was said, the
//! attitude the officers observed, and the follow-ups promised, each with an owner and a
//! due day.
//!
//! Nothing here does I/O: values are checked field by field with message keys; whether a
//! participant or an officer exists is the operation's to ask.

use crate::concerns::word_enum;
use crate::records::{RecordKind, RecordRef};
use crate::stakeholders::{self, Attitude};
use crate::values::{self, Day};
use crate::visibility::Confidentiality;
use crate::FieldErrors;

word_enum! {
    /// How the contact was made.
    InteractionKind {
        /// A meeting, planned, with one or several people.
        Meeting = "meeting",
        /// A telephone or video call.
        Call = "call",
        /// A visit to them, at home, at work or on site.
        Visit = "visit",
        /// An email.
        Email = "email",
        /// A letter.
        Letter = "letter",
        /// A text or chat message.
        Message = "message",
        /// On social media.
        SocialMedia = "social_media",
        /// Met by chance (in the street, at an event).
        ChanceEncounter = "chance_encounter",
    }
}

word_enum! {
    /// The lines of an interaction's own timeline.
    InteractionLine {
        /// Logged.
        Created = "created",
        /// Details changed (the line names the fields, comma-separated).
        Changed = "changed",
        /// A follow-up marked done (the body is its id).
        FollowUpDone = "follow_up_done",
        /// A follow-up opened again (the body is its id).
        FollowUpReopened = "follow_up_reopened",
    }
}

/// The most characters of a summary.
pub const SUMMARY_MAX: usize = 10_000;
/// The most topics of one interaction.
pub const TOPICS_MAX: usize = 20;
/// The most participants of one interaction.
pub const PARTICIPANTS_MAX: usize = 100;
/// The most officers of one interaction.
pub const OFFICERS_MAX: usize = 20;
/// The most follow-ups of one interaction.
pub const FOLLOW_UPS_MAX: usize = 20;
/// The most characters of what a follow-up asks.
pub const FOLLOW_UP_MAX: usize = 500;

/// What the office keeps of one interaction, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    /// How the contact was made.
    pub kind: InteractionKind,
    /// The day it happened.
    pub happened_on: Day,
    /// What was said and agreed.
    pub summary: String,
    /// Topics, lower-cased, each once.
    pub topics: Vec<String>,
    /// The attitude toward the organization the officers observed, if they noted one.
    pub attitude: Option<Attitude>,
    /// Who may see it.
    pub confidentiality: Confidentiality,
    /// The people and organizations who took part, in the order given.
    pub participants: Vec<RecordRef>,
    /// The staff who took part (ids), the one who logged it first unless named.
    pub officers: Vec<i64>,
}

/// A follow-up promised in an interaction: what, who does it, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpTerms {
    /// What is to be done.
    pub what: String,
    /// The staff member who does it.
    pub owner: i64,
    /// The day it is due.
    pub due_on: Day,
}

/// What a form or a client sent for an interaction, as typed.
#[derive(Debug, Clone, Copy)]
pub struct InteractionInput<'a> {
    /// An [`InteractionKind`] word.
    pub kind: &'a str,
    /// The day, ISO 8601.
    pub happened_on: &'a str,
    /// The summary.
    pub summary: &'a str,
    /// Topics (entries may hold several separated by commas).
    pub topics: &'a [String],
    /// An [`Attitude`] word, or empty.
    pub attitude: &'a str,
    /// A confidentiality level, or empty for restricted.
    pub confidentiality: &'a str,
}

/// Checks an interaction's own fields; participants and officers come from the operation,
/// which knows who exists. A day in the future is refused: the log says what happened.
pub fn interaction(
    input: InteractionInput<'_>,
    participants: Vec<RecordRef>,
    officers: Vec<i64>,
    today: Day,
    errors: &mut FieldErrors,
) -> Option<Interaction> {
    let kind = errors.take("kind", InteractionKind::parse(input.kind));
    let happened_on = match values::day(input.happened_on) {
        Ok(Some(d)) if d > today => errors.take("happened_on", Err("error-future-day")),
        Ok(Some(d)) => Some(d),
        Ok(None) => errors.take("happened_on", Err("error-required")),
        Err(code) => errors.take("happened_on", Err(code)),
    };
    let summary = errors.take("summary", values::text(input.summary, 1, SUMMARY_MAX));
    let topics = errors.take("topics", topics(input.topics));
    let attitude = match input.attitude.trim() {
        "" => Some(None),
        a => errors.take("attitude", Attitude::parse(a)).map(Some),
    };
    let confidentiality = match input.confidentiality.trim() {
        "" => Some(Confidentiality::Restricted),
        c => errors.take("confidentiality", Confidentiality::parse(c)),
    };
    // Participants are named in two fields, `people` and `organizations`; what is wrong
    // with them as a whole is said on the first, unless either already says something.
    let named = errors.for_field("people").is_some() || errors.for_field("organizations").is_some();
    if participants.is_empty() && !named {
        errors.add("people", "error-required");
    } else if participants.len() > PARTICIPANTS_MAX {
        errors.add("people", "error-too-many");
    }
    if participants
        .iter()
        .any(|p| !matches!(p.kind, RecordKind::Person | RecordKind::Organization))
    {
        errors.add("people", "error-choice");
    }
    if officers.is_empty() {
        errors.add("officers", "error-required");
    } else if officers.len() > OFFICERS_MAX {
        errors.add("officers", "error-too-many");
    }
    Some(Interaction {
        kind: kind?,
        happened_on: happened_on?,
        summary: summary?,
        topics: topics?,
        attitude: attitude?,
        confidentiality: confidentiality?,
        participants,
        officers,
    })
}

/// Topics: written as tags are (split at commas, trimmed, lower-cased, each once, up to
/// 40 characters), at most [`TOPICS_MAX`].
pub fn topics(list: &[String]) -> Result<Vec<String>, &'static str> {
    let found = stakeholders::tags(list)?;
    if found.len() > TOPICS_MAX {
        return Err("error-too-many");
    }
    Ok(found)
}

/// Checks one follow-up: what (1 to [`FOLLOW_UP_MAX`] characters), its owner (checked by
/// the operation), its due day (today or later when it is new).
pub fn follow_up(
    what: &str,
    owner: Option<i64>,
    due_on: &str,
    today: Day,
    errors: &mut FieldErrors,
) -> Option<FollowUpTerms> {
    let what = errors.take("follow_up", values::text(what, 1, FOLLOW_UP_MAX));
    let owner = match owner {
        Some(o) => Some(o),
        None => errors.take("follow_up_owner", Err("error-choice")),
    };
    let due_on = match values::day(due_on) {
        Ok(Some(d)) if d < today => errors.take("follow_up_due_on", Err("error-past-day")),
        Ok(Some(d)) => Some(d),
        Ok(None) => errors.take("follow_up_due_on", Err("error-required")),
        Err(code) => errors.take("follow_up_due_on", Err(code)),
    };
    Some(FollowUpTerms {
        what: what?,
        owner: owner?,
        due_on: due_on?,
    })
}

/// Where a follow-up stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Done.
    Done,
    /// Past its due day and not done.
    Overdue,
    /// Due that very day.
    DueToday,
    /// Due later.
    Open,
}

impl Standing {
    /// Where a follow-up due on `due_on`, done or not, stands on `today`.
    pub fn of(due_on: Day, done: bool, today: Day) -> Self {
        if done {
            Standing::Done
        } else if due_on < today {
            Standing::Overdue
        } else if due_on == today {
            Standing::DueToday
        } else {
            Standing::Open
        }
    }

    /// The word pages and the API use for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Overdue => "overdue",
            Standing::DueToday => "due_today",
            Standing::Open => "open",
        }
    }
}

/// The searchable text of an interaction: its summary and topics.
pub fn search_text(summary: &str, topics: &[String]) -> String {
    let mut out = summary.to_string();
    for t in topics {
        out.push(' ');
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        values::day(s).unwrap().unwrap()
    }

    fn input<'a>(kind: &'a str, on: &'a str, summary: &'a str) -> InteractionInput<'a> {
        InteractionInput {
            kind,
            happened_on: on,
            summary,
            topics: &[],
            attitude: "",
            confidentiality: "",
        }
    }

    #[test]
    fn an_interaction_names_every_problem_at_once() {
        let today = day("2026-12-07");
        let mut errors = FieldErrors::new();
        let found = interaction(
            input("party", "2026-12-08", ""),
            Vec::new(),
            Vec::new(),
            today,
            &mut errors,
        );
        assert!(found.is_none());
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        for f in ["kind", "happened_on", "summary", "people", "officers"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        assert_eq!(errors.for_field("happened_on"), Some("error-future-day"));
    }

    #[test]
    fn a_good_interaction_is_restricted_unless_said() {
        let mut errors = FieldErrors::new();
        let person = RecordRef {
            kind: RecordKind::Person,
            id: 3,
        };
        let topics = ["Noise, Dust".to_string(), "noise".to_string()];
        let found = interaction(
            InteractionInput {
                topics: &topics,
                attitude: "leaning_opposed",
                ..input("meeting", "2026-12-07", "Met at the hall.")
            },
            vec![person],
            vec![1],
            day("2026-12-07"),
            &mut errors,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(found.confidentiality, Confidentiality::Restricted);
        assert_eq!(found.topics, ["noise", "dust"]);
        assert_eq!(found.attitude, Some(Attitude::LeaningOpposed));
    }

    #[test]
    fn follow_ups_are_due_today_or_later_and_stand_by_their_day() {
        let today = day("2026-12-07");
        let mut errors = FieldErrors::new();
        assert!(follow_up(
            "Send the minutes",
            Some(2),
            "2026-12-06",
            today,
            &mut errors
        )
        .is_none());
        assert_eq!(errors.for_field("follow_up_due_on"), Some("error-past-day"));
        let mut errors = FieldErrors::new();
        let f = follow_up(
            "Send the minutes",
            Some(2),
            "2026-12-07",
            today,
            &mut errors,
        )
        .unwrap();
        assert_eq!(Standing::of(f.due_on, false, today), Standing::DueToday);
        assert_eq!(
            Standing::of(f.due_on, false, day("2026-12-08")),
            Standing::Overdue
        );
        assert_eq!(
            Standing::of(f.due_on, true, day("2026-12-08")),
            Standing::Done
        );
        assert_eq!(
            Standing::of(f.due_on, false, day("2026-12-01")),
            Standing::Open
        );
    }

    #[test]
    fn topics_are_bounded() {
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(topics(&many), Err("error-too-many"));
        assert_eq!(topics(&["a,b".into()]), Ok(vec!["a".into(), "b".into()]));
    }
}
