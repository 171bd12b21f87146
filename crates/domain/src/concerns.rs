//! Concerns: their statuses, the workflow between them, and their descriptive choices.

use crate::permissions::Role;

/// Declares an enum stored and typed as lower-case words, with `ALL`, `as_str` and `parse`.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and typed word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Parses a stored or typed word.
            pub fn parse(s: &str) -> Result<Self, &'static str> {
                match s.trim() { $($word => Ok($name::$variant),)+ _ => Err("error-choice") }
            }
        }

        impl $crate::records::Word for $name {
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn parse(s: &str) -> Result<Self, &'static str> {
                $name::parse(s)
            }
        }
    };
}
pub(crate) use word_enum;

word_enum! {
    /// Where a concern stands. The resident sees it on the portal.
    Status {
        /// Taken in, not yet looked at.
        Received = "received",
        /// The office has told the reporter it is on it.
        Acknowledged = "acknowledged",
        /// Being investigated or worked on.
        InProgress = "in_progress",
        /// Waiting for the reporter; the deadline clock is stopped.
        AwaitingReporter = "awaiting_reporter",
        /// Handed up to a supervisor.
        Escalated = "escalated",
        /// The office considers it dealt with; it may still be reopened.
        Resolved = "resolved",
        /// Finished.
        Closed = "closed",
        /// The reporter took it back.
        Withdrawn = "withdrawn",
        /// Not something the office can act on, with a reason.
        Rejected = "rejected",
        /// The reporter appealed the decision (resolved or rejected): someone other than
        /// the person who took it reviews it by the appeal's own deadline.
        Appealed = "appealed",
    }
}

impl Status {
    /// Still needs work: counts towards queues and deadlines.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Received
                | Status::Acknowledged
                | Status::InProgress
                | Status::AwaitingReporter
                | Status::Escalated
                | Status::Appealed
        )
    }

    /// The statuses that still need work.
    pub fn open() -> impl Iterator<Item = Status> {
        Status::ALL.iter().copied().filter(|s| s.is_open())
    }
}

word_enum! {
    /// A step an officer takes on a concern.
    Action {
        /// Tell the reporter the concern has been received and will be handled.
        Acknowledge = "acknowledge",
        /// Begin working on it.
        Start = "start",
        /// Wait for the reporter; stops the deadline clock.
        AwaitReporter = "await_reporter",
        /// The reporter answered; the clock runs again.
        Resume = "resume",
        /// Hand it to a supervisor.
        Escalate = "escalate",
        /// A supervisor hands an escalated concern back for handling.
        ReturnToHandling = "return_to_handling",
        /// Mark it dealt with.
        Resolve = "resolve",
        /// Finish it.
        Close = "close",
        /// Open it again.
        Reopen = "reopen",
        /// The reporter takes it back.
        Withdraw = "withdraw",
        /// Decline it, with a reason.
        Reject = "reject",
        /// The reporter appeals the decision, within the category's window (lodged through
        /// the appeal form, which says how they asked, or on the tracking page).
        Appeal = "appeal",
        /// The reviewer finds the decision stands: the concern is closed.
        Uphold = "uphold",
        /// The reviewer finds the decision does not stand: the concern is worked on again,
        /// with a fresh time to resolve.
        Overturn = "overturn",
    }
}

/// Why a step may not be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkflowError {
    /// The step makes no sense from the concern's current status.
    NotFromStatus,
    /// The step exists but this role may not take it here.
    RoleMayNot,
}

impl Action {
    /// The status this action leads to from `from`, if it applies at all.
    pub fn target(self, from: Status) -> Option<Status> {
        use Action::*;
        use Status::*;
        let to = match (self, from) {
            (Acknowledge, Received) => Acknowledged,
            (Start, Received | Acknowledged) => InProgress,
            (AwaitReporter, Acknowledged | InProgress) => AwaitingReporter,
            (Resume, AwaitingReporter) => InProgress,
            (Escalate, Received | Acknowledged | InProgress | AwaitingReporter) => Escalated,
            (ReturnToHandling, Escalated) => InProgress,
            (Resolve, Acknowledged | InProgress | AwaitingReporter | Escalated) => Resolved,
            (Close, Resolved) => Closed,
            (Reopen, Resolved | Closed | Withdrawn | Rejected) => InProgress,
            // An appeal is the reporter's already: it is decided, not withdrawn.
            (Withdraw, s) if s.is_open() && s != Appealed => Withdrawn,
            (Reject, Received | Acknowledged | InProgress | Escalated) => Rejected,
            (Appeal, Resolved | Closed | Rejected) => Appealed,
            (Uphold, Appealed) => Closed,
            (Overturn, Appealed) => InProgress,
            _ => return None,
        };
        Some(to)
    }

    /// Whether the officer must say why (the note is required).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Action::Reject
                | Action::Escalate
                | Action::Reopen
                | Action::Appeal
                | Action::Uphold
                | Action::Overturn
        )
    }

    /// Whether `role` may take this action on a concern in status `from`
    /// (given that the concern is visible to them).
    fn role_may(self, from: Status, role: Role) -> bool {
        use Action::*;
        match role {
            Role::Viewer => false,
            Role::Administrator | Role::Supervisor => true,
            // Appeals are reviewed by supervisors; officers lodge them for reporters.
            _ if matches!(self, Uphold | Overturn) => false,
            Role::Officer if self == Appeal => true,
            _ if self == Appeal => false,
            // Escalated concerns are in supervisors' hands until handed back.
            _ if from == Status::Escalated => false,
            Role::Partner => matches!(
                self,
                Acknowledge | Start | AwaitReporter | Resume | Escalate | Resolve
            ),
            Role::Officer => match self {
                ReturnToHandling => false,
                Reopen => matches!(from, Status::Resolved | Status::Closed),
                _ => true,
            },
        }
    }
}

/// The workflow: the status that `role` taking `action` on a concern in `from` leads to.
pub fn transition(from: Status, action: Action, role: Role) -> Result<Status, WorkflowError> {
    let to = action.target(from).ok_or(WorkflowError::NotFromStatus)?;
    if action.role_may(from, role) {
        Ok(to)
    } else {
        Err(WorkflowError::RoleMayNot)
    }
}

/// What of a concern a workflow step changes: its status, when it was acknowledged and
/// resolved, its deadlines (UTC seconds), and since when its clock is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handling {
    /// Where it stands.
    pub status: Status,
    /// When it was first acknowledged.
    pub acknowledged_at: Option<i64>,
    /// When it was last resolved.
    pub resolved_at: Option<i64>,
    /// Acknowledge by.
    pub ack_due_at: i64,
    /// Resolve by.
    pub resolve_due_at: i64,
    /// Since when the clock is stopped (waiting on the reporter).
    pub paused_at: Option<i64>,
}

/// The deadlines of a concern's category, and the calendar they are counted in.
#[derive(Debug, Clone, Copy)]
pub struct Clock<'a> {
    /// Time to acknowledge.
    pub acknowledge: crate::deadlines::Target,
    /// Time to resolve.
    pub resolve: crate::deadlines::Target,
    /// The office's working calendar.
    pub calendar: &'a crate::office::WorkingCalendar,
}

impl Handling {
    /// A concern taken in at `t` (UTC seconds): received, its deadlines counted from then.
    pub fn received(t: i64, clock: &Clock<'_>) -> Self {
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(t, 0).unwrap_or_default();
        Self {
            status: Status::Received,
            acknowledged_at: None,
            resolved_at: None,
            ack_due_at: clock.acknowledge.due(at, clock.calendar).timestamp(),
            resolve_due_at: clock.resolve.due(at, clock.calendar).timestamp(),
            paused_at: None,
        }
    }

    /// `role` takes `action` at `t` (UTC seconds): the workflow's next status, and what it
    /// does to the clock. Leaving "awaiting reporter" moves the deadlines by the time the
    /// clock stood still; entering it stops the clock; the first step onward acknowledges;
    /// resolving stamps the time; reopening clears it and gives a fresh time to resolve.
    /// Answers the status before the step.
    pub fn take(
        &mut self,
        action: Action,
        role: Role,
        t: i64,
        clock: &Clock<'_>,
    ) -> Result<Status, WorkflowError> {
        use chrono::{DateTime, Utc};
        let at = |s: i64| DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default();
        let from = self.status;
        let to = transition(from, action, role)?;
        if let Some(paused) = self.paused_at.filter(|_| to != Status::AwaitingReporter) {
            if self.acknowledged_at.is_none() {
                self.ack_due_at = clock
                    .acknowledge
                    .resume(at(self.ack_due_at), at(paused), at(t), clock.calendar)
                    .timestamp();
            }
            self.resolve_due_at = clock
                .resolve
                .resume(at(self.resolve_due_at), at(paused), at(t), clock.calendar)
                .timestamp();
            self.paused_at = None;
        }
        match to {
            Status::AwaitingReporter => self.paused_at = Some(t),
            Status::Resolved => self.resolved_at = Some(t),
            _ => {}
        }
        if to != Status::Received && to.is_open() && self.acknowledged_at.is_none() {
            self.acknowledged_at = Some(t);
        }
        if matches!(action, Action::Reopen | Action::Overturn) {
            self.resolved_at = None;
            self.resolve_due_at = clock.resolve.due(at(t), clock.calendar).timestamp();
        }
        self.status = to;
        Ok(from)
    }
}

/// The actions `role` may take on a concern in `from`, for the concern page's buttons (an
/// appeal has a form of its own, which asks how the reporter made it).
pub fn available_actions(from: Status, role: Role) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| *a != Action::Appeal && transition(from, *a, role).is_ok())
        .collect()
}

word_enum! {
    /// What a line of a concern's timeline records.
    LineKind {
        /// The concern was taken in.
        Received = "received",
        /// It moved from one status to another.
        Transition = "transition",
        /// It was given to someone.
        Assigned = "assigned",
        /// It was taken away from whoever had it.
        Unassigned = "unassigned",
        /// A note for staff only.
        Note = "note",
        /// An update the reporter sees.
        Update = "update",
        /// It was marked as a duplicate of another concern.
        Duplicate = "duplicate",
        /// A photo or document was attached (staff only: the body is the file's name).
        Attached = "attachment",
        /// The reporter answered, on the tracking page or by email: their own words, which
        /// they see with the updates.
        Reply = "reply",
        /// An escalation rule acted (staff only: the body is the rule's word).
        Escalation = "escalation",
        /// The reporter said they are satisfied with how it was handled (the body: why).
        Satisfied = "satisfied",
        /// The reporter said they are not satisfied (the body: why).
        Dissatisfied = "dissatisfied",
    }
}

impl LineKind {
    /// Whether lines of this kind are searched with their concern: notes, updates and the
    /// reasons given for status changes.
    pub fn is_searched(self) -> bool {
        matches!(
            self,
            LineKind::Note | LineKind::Update | LineKind::Transition | LineKind::Reply
        )
    }

    /// The kinds of line that are searched.
    pub fn searched() -> impl Iterator<Item = LineKind> {
        LineKind::ALL.iter().copied().filter(|k| k.is_searched())
    }
}

/// What of a concern is searched, in order: its reference, description, reporter's name
/// and address, then the bodies of its searched timeline lines, oldest first. The one
/// definition, used wherever a concern is indexed (taken in, changed, rebuilt after an
/// import, generated for the demo) and where a match is checked again without the
/// reporter's name.
pub fn search_text(
    reference: &str,
    description: &str,
    reporter_name: Option<&str>,
    address: Option<&str>,
    bodies: &[String],
) -> String {
    let mut text = String::new();
    let own = [Some(reference), Some(description), reporter_name, address];
    for part in own
        .into_iter()
        .flatten()
        .chain(bodies.iter().map(String::as_str))
    {
        text.push_str(part);
        text.push(' ');
    }
    text
}

word_enum! {
    /// How a concern reached the office.
    Channel {
        /// The public portal.
        Portal = "portal",
        /// A telephone call.
        Phone = "phone",
        /// Someone came to the office.
        WalkIn = "walk_in",
        /// An email.
        Email = "email",
        /// A letter.
        Letter = "letter",
        /// A social-media message or post.
        SocialMedia = "social_media",
        /// Raised at a meeting or event.
        Meeting = "meeting",
        /// Found by staff in the field.
        Field = "field",
        /// An Open311 client or the JSON API.
        Api = "api",
    }
}

impl Channel {
    /// Channels staff choose from when recording a concern themselves.
    pub fn staff_choices() -> impl Iterator<Item = Channel> {
        Channel::ALL
            .iter()
            .copied()
            .filter(|c| !matches!(c, Channel::Portal | Channel::Api))
    }
}

impl Priority {
    /// A number that sorts from low (0) to urgent (3), as stored.
    pub fn rank(self) -> i64 {
        Priority::ALL.iter().position(|p| *p == self).unwrap_or(1) as i64
    }

    /// The priority with this rank.
    pub fn from_rank(rank: i64) -> Option<Self> {
        usize::try_from(rank)
            .ok()
            .and_then(|r| Priority::ALL.get(r))
            .copied()
    }
}

word_enum! {
    /// How urgent a concern is.
    Priority {
        /// Can wait.
        Low = "low",
        /// The usual.
        Normal = "normal",
        /// Soon.
        High = "high",
        /// Now: safety or serious harm.
        Urgent = "urgent",
    }
}

/// Concerns are guarded by the levels every kind of record shares.
pub use crate::visibility::Confidentiality;

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Status::*;

    /// The whole workflow, written out: (from, action) -> to, for the overseers.
    const TABLE: &[(Status, Action, Status)] = &[
        (Received, Acknowledge, Acknowledged),
        (Received, Start, InProgress),
        (Acknowledged, Start, InProgress),
        (Acknowledged, AwaitReporter, AwaitingReporter),
        (InProgress, AwaitReporter, AwaitingReporter),
        (AwaitingReporter, Resume, InProgress),
        (Received, Escalate, Escalated),
        (Acknowledged, Escalate, Escalated),
        (InProgress, Escalate, Escalated),
        (AwaitingReporter, Escalate, Escalated),
        (Escalated, ReturnToHandling, InProgress),
        (Acknowledged, Resolve, Resolved),
        (InProgress, Resolve, Resolved),
        (AwaitingReporter, Resolve, Resolved),
        (Escalated, Resolve, Resolved),
        (Resolved, Close, Closed),
        (Resolved, Reopen, InProgress),
        (Closed, Reopen, InProgress),
        (Withdrawn, Reopen, InProgress),
        (Rejected, Reopen, InProgress),
        (Received, Withdraw, Withdrawn),
        (Acknowledged, Withdraw, Withdrawn),
        (InProgress, Withdraw, Withdrawn),
        (AwaitingReporter, Withdraw, Withdrawn),
        (Escalated, Withdraw, Withdrawn),
        (Received, Reject, Rejected),
        (Acknowledged, Reject, Rejected),
        (InProgress, Reject, Rejected),
        (Escalated, Reject, Rejected),
        (Resolved, Appeal, Appealed),
        (Closed, Appeal, Appealed),
        (Rejected, Appeal, Appealed),
        (Appealed, Uphold, Closed),
        (Appealed, Overturn, InProgress),
    ];

    #[test]
    fn every_status_and_action_pair_matches_the_table() {
        for &from in Status::ALL {
            for &action in Action::ALL {
                let expected = TABLE
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|t| t.2);
                assert_eq!(action.target(from), expected, "{from:?} {action:?}");
                for role in [Role::Administrator, Role::Supervisor] {
                    assert_eq!(transition(from, action, role).ok(), expected);
                }
            }
        }
    }

    #[test]
    fn every_role_on_every_pair() {
        for &from in Status::ALL {
            for &action in Action::ALL {
                for role in Role::ALL {
                    let result = transition(from, action, role);
                    if action.target(from).is_none() {
                        assert_eq!(result, Err(WorkflowError::NotFromStatus));
                        continue;
                    }
                    let allowed = match role {
                        Role::Administrator | Role::Supervisor => true,
                        Role::Viewer => false,
                        _ if matches!(action, Uphold | Overturn) => false,
                        Role::Officer if action == Appeal => true,
                        _ if from == Escalated || action == Appeal => false,
                        Role::Partner => {
                            [Acknowledge, Start, AwaitReporter, Resume, Escalate, Resolve]
                                .contains(&action)
                        }
                        Role::Officer => {
                            action != ReturnToHandling
                                && !(action == Reopen && matches!(from, Withdrawn | Rejected))
                        }
                    };
                    assert_eq!(result.is_ok(), allowed, "{role:?} {from:?} {action:?}");
                }
            }
        }
    }

    #[test]
    fn steps_stop_and_move_the_clock_acknowledge_resolve_and_reopen() {
        use crate::deadlines::{Target, TargetUnit};
        let calendar = crate::office::WorkingCalendar::default();
        let days = |amount| Target {
            amount,
            unit: TargetUnit::CalendarDays,
        };
        let clock = Clock {
            acknowledge: days(2),
            resolve: days(10),
            calendar: &calendar,
        };
        const DAY: i64 = 86_400;
        // Monday 2026-11-30, midnight UTC.
        let t0 = 1_796_256_000;
        let mut h = Handling {
            status: Received,
            acknowledged_at: None,
            resolved_at: None,
            ack_due_at: t0 + 2 * DAY,
            resolve_due_at: t0 + 10 * DAY,
            paused_at: None,
        };
        assert_eq!(h.take(Start, Role::Officer, t0 + 100, &clock), Ok(Received));
        assert_eq!((h.status, h.acknowledged_at), (InProgress, Some(t0 + 100)));
        // Waiting three days for the reporter moves the deadline by three days.
        h.take(AwaitReporter, Role::Officer, t0 + DAY, &clock)
            .expect("wait");
        assert_eq!(h.paused_at, Some(t0 + DAY));
        h.take(Resume, Role::Officer, t0 + 4 * DAY, &clock)
            .expect("resume");
        assert_eq!((h.paused_at, h.resolve_due_at), (None, t0 + 13 * DAY));
        h.take(Resolve, Role::Officer, t0 + 5 * DAY, &clock)
            .expect("resolve");
        assert_eq!(h.resolved_at, Some(t0 + 5 * DAY));
        // Reopening gives a fresh time to resolve from now.
        h.take(Reopen, Role::Officer, t0 + 6 * DAY, &clock)
            .expect("reopen");
        assert_eq!((h.status, h.resolved_at), (InProgress, None));
        assert_eq!(h.resolve_due_at, t0 + 16 * DAY);
        // A step the role may not take changes nothing.
        let before = h;
        assert_eq!(
            h.take(ReturnToHandling, Role::Officer, t0 + 7 * DAY, &clock),
            Err(WorkflowError::NotFromStatus)
        );
        assert_eq!(
            h.take(Escalate, Role::Viewer, t0 + 7 * DAY, &clock),
            Err(WorkflowError::RoleMayNot)
        );
        assert_eq!(h, before);
        // An appeal overturned gives a fresh time to resolve, like a reopening.
        h.take(Resolve, Role::Officer, t0 + 8 * DAY, &clock)
            .expect("resolve");
        h.take(Appeal, Role::Officer, t0 + 9 * DAY, &clock)
            .expect("appeal");
        assert_eq!(h.status, Appealed);
        h.take(Overturn, Role::Supervisor, t0 + 10 * DAY, &clock)
            .expect("overturn");
        assert_eq!((h.status, h.resolved_at), (InProgress, None));
        assert_eq!(h.resolve_due_at, t0 + 20 * DAY);
    }

    #[test]
    fn terminal_statuses_only_reopen_and_open_ones_can_always_be_withdrawn() {
        for &from in Status::ALL {
            let actions = available_actions(from, Role::Administrator);
            if from == Appealed {
                assert_eq!(actions, vec![Uphold, Overturn]);
            } else if from.is_open() {
                assert!(actions.contains(&Withdraw));
            } else if from != Resolved {
                assert_eq!(actions, vec![Reopen]);
            }
        }
        for &s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Ok(s));
        }
        assert_eq!(Status::parse("nonsense"), Err("error-choice"));
    }
}
