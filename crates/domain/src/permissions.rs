//! Who may do what: roles, the functions each may use, and which records each may see.

use crate::visibility::{Confidentiality, Sight};

/// A staff member's role. Residents have no account and no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Configures the office, manages users, sees everything.
    Administrator,
    /// Assigns work, handles escalations, sees everything.
    Supervisor,
    /// Takes in and handles concerns; sees confidential ones only when assigned.
    Officer,
    /// An outside agency: sees and works only on what is assigned to it.
    Partner,
    /// Reads public and restricted concerns; changes nothing.
    Viewer,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::Supervisor,
        Role::Officer,
        Role::Partner,
        Role::Viewer,
    ];

    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Supervisor => "supervisor",
            Role::Officer => "officer",
            Role::Partner => "partner",
            Role::Viewer => "viewer",
        }
    }

    /// Parses a stored or typed name.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or("error-choice")
    }

    /// Supervisors and administrators: they oversee every concern.
    pub fn oversees(self) -> bool {
        matches!(self, Role::Administrator | Role::Supervisor)
    }

    /// Which records `user_id`, in this role, may see at all: overseers everything, officers
    /// and viewers all but confidential records unless responsible for them, partner
    /// agencies only what they are responsible for.
    pub fn sight(self, user_id: i64) -> Sight {
        match self {
            Role::Administrator | Role::Supervisor => Sight::Overseer(user_id),
            Role::Officer | Role::Viewer => Sight::Below {
                level: Confidentiality::Confidential,
                responsible: user_id,
            },
            Role::Partner => Sight::Responsible(user_id),
        }
    }

    /// Whether this role may use `permission` at all (object checks come on top).
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            ReadConcerns => true,
            ConfigureOffice | ManageUsers | ManageApiKeys | ReadAudit => {
                self == Role::Administrator
            }
            RecordConcern | AssignConcerns | PublishUpdates | MarkDuplicates => {
                matches!(self, Role::Administrator | Role::Supervisor | Role::Officer)
            }
            WorkOnConcerns | AddNotes => self != Role::Viewer,
            SeeReporterIdentity => self != Role::Viewer,
            ReadStakeholders | ReadReports => self != Role::Partner,
            ManageStakeholders | SeeContactDetails | LogInteractions => {
                matches!(self, Role::Administrator | Role::Supervisor | Role::Officer)
            }
            AnswerDataRequests | ScheduleReports => self.oversees(),
            KeepCommitments | Mediate | HoldEngagements => {
                matches!(self, Role::Administrator | Role::Supervisor | Role::Officer)
            }
        }
    }
}

/// A function of the staff application, checked before any object-level rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Open queues and concern pages (each concern is still filtered by [`Visibility`]).
    ReadConcerns,
    /// Record a concern received by phone, walk-in, letter, …
    RecordConcern,
    /// Move concerns through the workflow.
    WorkOnConcerns,
    /// Assign and unassign concerns.
    AssignConcerns,
    /// Write internal notes.
    AddNotes,
    /// Write updates the reporter sees.
    PublishUpdates,
    /// Link a concern to the one it duplicates.
    MarkDuplicates,
    /// See who reported a concern and how to reach them.
    SeeReporterIdentity,
    /// Areas, categories, office settings.
    ConfigureOffice,
    /// Create, change and disable staff accounts.
    ManageUsers,
    /// Issue and revoke the API keys of Open311 clients.
    ManageApiKeys,
    /// Read the audit trail.
    ReadAudit,
    /// Open the stakeholder register: people and organizations (each still filtered by its
    /// confidentiality), without their contact details.
    ReadStakeholders,
    /// See how to reach people and organizations: phones, emails, addresses.
    SeeContactDetails,
    /// Add people and organizations to the register and change them.
    ManageStakeholders,
    /// Log interactions with the register's people and organizations, and keep their
    /// follow-ups.
    LogInteractions,
    /// Answer a person's data requests: export all the register holds of them (right of
    /// access), erase them (right to erasure).
    AnswerDataRequests,
    /// Record commitments in the register, change them and record their progress (each
    /// still filtered by its confidentiality; an owner sees their own).
    KeepCommitments,
    /// Plan engagements (meetings, forums, clinics), publish and call them off, register
    /// people, check them in at the door, record minutes and what was raised there.
    HoldEngagements,
    /// Propose mediation on a concern one may see, and record its parties, sessions,
    /// proposals, outcome and the terms of its agreement.
    Mediate,
    /// See the office's figures: the dashboard's office-wide part and the reports (counts,
    /// never the records' contents; each figure links to records still filtered by
    /// [`Visibility`]).
    ReadReports,
    /// Send a report monthly by email to chosen members of staff who may read reports, and
    /// stop such a sending.
    ScheduleReports,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Confidentiality::*;

    #[test]
    fn confidential_concerns_are_seen_only_by_assignee_and_overseers() {
        for role in Role::ALL {
            for assignee in [None, Some(7), Some(8)] {
                for c in [Public, Restricted, Confidential] {
                    let seen = role.sight(7).allows(c, assignee);
                    let expected = match role {
                        Role::Administrator | Role::Supervisor => true,
                        Role::Partner => assignee == Some(7),
                        Role::Officer | Role::Viewer => c != Confidential || assignee == Some(7),
                    };
                    assert_eq!(seen, expected, "{role:?} {assignee:?} {c:?}");
                }
            }
        }
    }

    #[test]
    fn viewers_change_nothing_and_only_administrators_configure() {
        use Permission::*;
        let writes = [
            RecordConcern,
            WorkOnConcerns,
            AssignConcerns,
            AddNotes,
            PublishUpdates,
            MarkDuplicates,
            ConfigureOffice,
            ManageUsers,
            ManageApiKeys,
        ];
        assert!(writes.iter().all(|p| !Role::Viewer.may(*p)));
        for role in Role::ALL {
            assert_eq!(role.may(ConfigureOffice), role == Role::Administrator);
            assert_eq!(role.may(ManageUsers), role == Role::Administrator);
            assert_eq!(role.may(ManageApiKeys), role == Role::Administrator);
            assert!(role.may(ReadConcerns));
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(!Role::Partner.may(AssignConcerns));
        // Partners see no stakeholder data; viewers see the register without contacts.
        assert!(!Role::Partner.may(ReadStakeholders) && !Role::Partner.may(SeeContactDetails));
        assert!(Role::Viewer.may(ReadStakeholders) && !Role::Viewer.may(SeeContactDetails));
        assert!(!Role::Viewer.may(ManageStakeholders));
        assert!(!Role::Officer.may(AnswerDataRequests) && Role::Supervisor.may(AnswerDataRequests));
        assert!(Role::Partner.may(AddNotes));
        // Partners see the work addressed to them, never the office's figures.
        assert!(!Role::Partner.may(ReadReports) && Role::Viewer.may(ReadReports));
        assert!(!Role::Officer.may(ScheduleReports) && Role::Supervisor.may(ScheduleReports));
    }
}
