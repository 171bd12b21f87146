//! What the audit trail names: every feature's actions, each with the word stored for it
//! and the kind of record it is done to.
//!
//! The words are the hash chain's history, so they never change, and they are written
//! here once: the operations (`liaison-app`) record them, and the demo generator
//! (`liaison-demo`), which writes the trail real use would leave, names the same actions.
//! A test per enum pins each word to what the trail holds.

use crate::records::RecordKind;

/// Something done that the audit trail records. Each feature's actions are an enum,
/// declared with `actions!`.
pub trait Action: Copy {
    /// The word stored in the trail, such as `concern.transition`.
    fn word(self) -> &'static str;
    /// The kind of record it is done to.
    fn subject(self) -> Subject;
}

/// The kind of record an audit entry names, stored beside its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A record of one of the kinds the office keeps (concerns, categories, areas, people,
    /// organizations).
    Record(RecordKind),
    /// The office's settings (a single record, id 1).
    Office,
    /// A staff account.
    User,
    /// An Open311 client's API key.
    ApiKey,
    /// A personal access token of the JSON API.
    AccessToken,
    /// An import of a contacts file into the register.
    Import,
    /// A saved list of the register.
    SavedList,
    /// A message of the outbox.
    Message,
    /// A background job.
    Job,
    /// A report sent monthly by email.
    ReportSchedule,
}

impl Subject {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Record(kind) => kind.as_str(),
            Subject::Office => "office",
            Subject::User => "user",
            Subject::ApiKey => "api_key",
            Subject::AccessToken => "access_token",
            Subject::Import => "import",
            Subject::SavedList => "saved_list",
            Subject::Message => "message",
            Subject::Job => "job",
            Subject::ReportSchedule => "report_schedule",
        }
    }
}

/// Declares a feature's audited actions: an enum, each variant with its stored word and
/// the kind of record it is done to, and `ALL`.
macro_rules! actions {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $word:literal on $subject:expr),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every action.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
        }

        impl Action for $name {
            fn word(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
            fn subject(self) -> Subject {
                match self { $($name::$variant => $subject),+ }
            }
        }
    };
}

const CONCERN: Subject = Subject::Record(RecordKind::Concern);
const AREA: Subject = Subject::Record(RecordKind::Area);
const CATEGORY: Subject = Subject::Record(RecordKind::Category);
const PERSON: Subject = Subject::Record(RecordKind::Person);
const ORGANIZATION: Subject = Subject::Record(RecordKind::Organization);

actions! {
    /// What is done to concerns, as the audit trail names it.
    pub enum ConcernAction {
        /// Taken in, from any interface.
        Create = "concern.create" on CONCERN,
        /// A workflow step.
        Transition = "concern.transition" on CONCERN,
        /// Assigned, or unassigned.
        Assign = "concern.assign" on CONCERN,
        /// An internal note added.
        Note = "concern.note" on CONCERN,
        /// An update published to the reporter.
        Update = "concern.update" on CONCERN,
        /// Marked a duplicate of another, or the mark cleared.
        Duplicate = "concern.duplicate" on CONCERN,
        /// A file attached (one entry per file).
        Attach = "concern.attach" on CONCERN,
        /// An Open311 client's update.
        ClientUpdate = "concern.client_update" on CONCERN,
        /// The reporter answered, on the tracking page or by email.
        Reply = "concern.reply" on CONCERN,
        /// An escalation rule acted on it (the background jobs).
        Escalation = "concern.escalation" on CONCERN,
        /// The reporter's satisfaction recorded (by them, or by an officer).
        Satisfaction = "concern.satisfaction" on CONCERN,
        /// The member of staff it is about recorded, or cleared.
        AboutStaff = "concern.about_staff" on CONCERN,
    }
}

actions! {
    /// What administrators do to the office's settings, areas and categories, as the audit
    /// trail names it.
    pub enum OfficeAction {
        /// Name, time zone or working hours changed.
        Update = "office.update" on Subject::Office,
        /// An area added.
        AreaCreate = "area.create" on AREA,
        /// An area renamed, retired or brought back.
        AreaUpdate = "area.update" on AREA,
        /// An area's versions in other languages written.
        AreaTexts = "area.texts" on AREA,
        /// A category added.
        CategoryCreate = "category.create" on CATEGORY,
        /// A category's settings changed.
        CategoryUpdate = "category.update" on CATEGORY,
        /// An intake question added to a category.
        AddQuestion = "category.add_question" on CATEGORY,
        /// An intake question removed.
        RemoveQuestion = "category.remove_question" on CATEGORY,
        /// An intake question moved up or down.
        MoveQuestion = "category.move_question" on CATEGORY,
        /// A category's versions in other languages written.
        CategoryTexts = "category.texts" on CATEGORY,
        /// The demo office loaded (`serve --demo`, `liaison demo`): the last entry of a
        /// generated office, after the history the generator wrote.
        DemoLoad = "demo.load" on Subject::Office,
        /// A category's escalation rules changed.
        CategoryRules = "category.rules" on CATEGORY,
        /// A category made sensitive or not, or its team changed.
        CategoryTeam = "category.team" on CATEGORY,
    }
}

actions! {
    /// What is done to staff accounts, as the audit trail names it.
    pub enum AccountAction {
        /// An account created (by an administrator or at the command line).
        Create = "user.create" on Subject::User,
        /// Its name, role or activity changed, or its password reset.
        Update = "user.update" on Subject::User,
        /// Its owner changed its password.
        ChangePassword = "user.change_password" on Subject::User,
        /// Its owner signed in.
        SignIn = "user.sign_in" on Subject::User,
        /// Its owner chose how they are told each kind of news.
        Notifications = "user.notifications" on Subject::User,
    }
}

actions! {
    /// What is done to API keys, as the audit trail names it.
    pub enum ApiKeyAction {
        /// A key issued to a client.
        Create = "api_key.create" on Subject::ApiKey,
        /// A key revoked.
        Revoke = "api_key.revoke" on Subject::ApiKey,
    }
}

actions! {
    /// What is done to personal access tokens, as the audit trail names it.
    pub enum AccessTokenAction {
        /// A token created (by its owner, or for them at the command line).
        Create = "access_token.create" on Subject::AccessToken,
        /// A token revoked by its owner.
        Revoke = "access_token.revoke" on Subject::AccessToken,
    }
}

actions! {
    /// What is done to the stakeholder register, as the audit trail names it.
    pub enum StakeholderAction {
        /// A person added to the register.
        PersonCreate = "person.create" on PERSON,
        /// A person's details changed.
        PersonUpdate = "person.update" on PERSON,
        /// A person's consent to be contacted recorded anew.
        PersonConsent = "person.consent" on PERSON,
        /// All the register holds of a person handed out at their request.
        PersonExport = "person.export" on PERSON,
        /// A person erased at their request: what identifies them removed, the record kept
        /// so counts stay right.
        PersonErase = "person.erase" on PERSON,
        /// A concern linked to the person who raised it.
        PersonLinkConcern = "person.link_concern" on PERSON,
        /// A concern's link to a person removed (linked to the wrong one).
        PersonUnlinkConcern = "person.unlink_concern" on PERSON,
        /// A contacts file uploaded for an import (kept, read, nothing added yet).
        ImportUpload = "import.upload" on Subject::Import,
        /// An import's columns read another way.
        ImportColumns = "import.columns" on Subject::Import,
        /// An import confirmed: its rows are being added.
        ImportStart = "import.start" on Subject::Import,
        /// A list of the register saved under a name.
        ListSave = "saved_list.create" on Subject::SavedList,
        /// A saved list forgotten.
        ListDelete = "saved_list.delete" on Subject::SavedList,
        /// A duplicate person merged into another: everything of theirs moved to the one
        /// kept, the duplicate gone.
        PersonMerge = "person.merge" on PERSON,
        /// An organization added to the register.
        OrganizationCreate = "organization.create" on ORGANIZATION,
        /// An organization's details changed.
        OrganizationUpdate = "organization.update" on ORGANIZATION,
        /// A duplicate organization merged into another.
        OrganizationMerge = "organization.merge" on ORGANIZATION,
        /// A relationship between two records of the register begun.
        RelationshipCreate = "relationship.create" on Subject::Record(RecordKind::Relationship),
        /// A relationship ended.
        RelationshipEnd = "relationship.end" on Subject::Record(RecordKind::Relationship),
    }
}

actions! {
    /// What is done to the engagement log, as the audit trail names it.
    pub enum InteractionAction {
        /// An interaction logged, with its participants and follow-ups.
        Create = "interaction.create" on Subject::Record(RecordKind::Interaction),
        /// An interaction's details changed.
        Update = "interaction.update" on Subject::Record(RecordKind::Interaction),
        /// A follow-up added to an interaction after it was logged.
        FollowUpCreate = "follow_up.create" on Subject::Record(RecordKind::FollowUp),
        /// A follow-up marked done.
        FollowUpDone = "follow_up.done" on Subject::Record(RecordKind::FollowUp),
        /// A follow-up opened again.
        FollowUpReopen = "follow_up.reopen" on Subject::Record(RecordKind::FollowUp),
    }
}

actions! {
    /// What is done to the commitments register, as the audit trail names it.
    pub enum CommitmentAction {
        /// A commitment made (by hand, on a concern, from a mediation's agreement).
        Create = "commitment.create" on Subject::Record(RecordKind::Commitment),
        /// Its terms changed: what, owner, due day, who may see it.
        Update = "commitment.update" on Subject::Record(RecordKind::Commitment),
        /// Its status changed, with the evidence or the reason.
        Progress = "commitment.progress" on Subject::Record(RecordKind::Commitment),
        /// Its owner was reminded that it comes due, or is late (the background jobs).
        Remind = "commitment.remind" on Subject::Record(RecordKind::Commitment),
    }
}

actions! {
    /// What is done to engagements (meetings, forums, clinics), as the audit trail names it.
    pub enum EngagementAction {
        /// An engagement planned.
        Create = "engagement.create" on Subject::Record(RecordKind::Engagement),
        /// Its plan changed.
        Update = "engagement.update" on Subject::Record(RecordKind::Engagement),
        /// Published or called off.
        Step = "engagement.step" on Subject::Record(RecordKind::Engagement),
        /// Its minutes, or an agenda item with what was said and decided, recorded.
        Minutes = "engagement.minutes" on Subject::Record(RecordKind::Engagement),
        /// Someone registered (on the portal, or by an officer).
        Register = "engagement.register" on Subject::Record(RecordKind::Engagement),
        /// A place given up, by its cancel link or by an officer; the waitlist moved up.
        Unregister = "engagement.unregister" on Subject::Record(RecordKind::Engagement),
        /// Someone checked in at the door, registered or walking in.
        CheckIn = "engagement.check_in" on Subject::Record(RecordKind::Engagement),
        /// People of the register invited (the round's counts: written to, skipped).
        Invite = "engagement.invite" on Subject::Record(RecordKind::Engagement),
        /// An invitation answered: yes (a place taken), no or maybe.
        Answer = "engagement.answer" on Subject::Record(RecordKind::Engagement),
        /// A concern raised there linked to it.
        Raised = "engagement.concern" on Subject::Record(RecordKind::Engagement),
        /// A file attached to it (slides, a sign-in sheet), one entry per file.
        Attach = "engagement.attach" on Subject::Record(RecordKind::Engagement),
    }
}

actions! {
    /// What is done to feedback surveys, as the audit trail names it.
    pub enum SurveyAction {
        /// A survey (or a template) made, from a template or from nothing.
        Create = "survey.create" on Subject::Record(RecordKind::Survey),
        /// Its title, introduction or anonymity changed.
        Update = "survey.update" on Subject::Record(RecordKind::Survey),
        /// A question added, changed or removed.
        Question = "survey.question" on Subject::Record(RecordKind::Survey),
        /// Opened for answers, or closed.
        Step = "survey.step" on Subject::Record(RecordKind::Survey),
        /// Its link sent to the people who came to its engagement.
        Send = "survey.send" on Subject::Record(RecordKind::Survey),
        /// Answers received: on the portal, or typed in from paper.
        Respond = "survey.respond" on Subject::Record(RecordKind::Survey),
    }
}

actions! {
    /// What is done in mediations, as the audit trail names it.
    pub enum MediationAction {
        /// Mediation proposed on a concern.
        Create = "mediation.create" on Subject::Record(RecordKind::Mediation),
        /// A party added.
        Party = "mediation.party" on Subject::Record(RecordKind::Mediation),
        /// A session recorded.
        Session = "mediation.session" on Subject::Record(RecordKind::Mediation),
        /// A proposal made.
        Proposal = "mediation.proposal" on Subject::Record(RecordKind::Mediation),
        /// A proposal answered.
        Answer = "mediation.answer" on Subject::Record(RecordKind::Mediation),
        /// Accepted, declined, settled or ended.
        Step = "mediation.step" on Subject::Record(RecordKind::Mediation),
    }
}

/// The words and record kinds of `actions`, as stored: what each enum's test compares with
/// the words the trail already holds.
pub fn stored<A: Action>(actions: &[A]) -> Vec<(&'static str, &'static str)> {
    actions
        .iter()
        .map(|a| (a.word(), a.subject().as_str()))
        .collect()
}

actions! {
    /// What administrators do to the outbox, as the audit trail names it.
    pub enum MailAction {
        /// A message that failed queued to be sent again.
        Retry = "message.retry" on Subject::Message,
        /// A background job parked after failing too often put back to run.
        RetryJob = "job.retry" on Subject::Job,
    }
}

actions! {
    /// What is done to reports sent monthly, as the audit trail names it.
    pub enum ReportAction {
        /// A report scheduled: which, with which filters, to whom, on which day.
        Schedule = "report.schedule" on Subject::ReportSchedule,
        /// A schedule stopped.
        Unschedule = "report.unschedule" on Subject::ReportSchedule,
        /// A month's report sent to the schedule's recipients.
        Send = "report.send" on Subject::ReportSchedule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_actions_are_stored_as_the_trail_has_them() {
        assert_eq!(
            stored(ConcernAction::ALL),
            [
                ("concern.create", "concern"),
                ("concern.transition", "concern"),
                ("concern.assign", "concern"),
                ("concern.note", "concern"),
                ("concern.update", "concern"),
                ("concern.duplicate", "concern"),
                ("concern.attach", "concern"),
                ("concern.client_update", "concern"),
                ("concern.reply", "concern"),
                ("concern.escalation", "concern"),
                ("concern.satisfaction", "concern"),
                ("concern.about_staff", "concern"),
            ]
        );
        assert_eq!(
            stored(OfficeAction::ALL),
            [
                ("office.update", "office"),
                ("area.create", "area"),
                ("area.update", "area"),
                ("area.texts", "area"),
                ("category.create", "category"),
                ("category.update", "category"),
                ("category.add_question", "category"),
                ("category.remove_question", "category"),
                ("category.move_question", "category"),
                ("category.texts", "category"),
                ("demo.load", "office"),
                ("category.rules", "category"),
                ("category.team", "category"),
            ]
        );
        assert_eq!(
            stored(AccountAction::ALL),
            [
                ("user.create", "user"),
                ("user.update", "user"),
                ("user.change_password", "user"),
                ("user.sign_in", "user"),
                ("user.notifications", "user"),
            ]
        );
        assert_eq!(
            stored(ApiKeyAction::ALL),
            [("api_key.create", "api_key"), ("api_key.revoke", "api_key")]
        );
        assert_eq!(
            stored(AccessTokenAction::ALL),
            [
                ("access_token.create", "access_token"),
                ("access_token.revoke", "access_token"),
            ]
        );
        assert_eq!(
            stored(StakeholderAction::ALL),
            [
                ("person.create", "person"),
                ("person.update", "person"),
                ("person.consent", "person"),
                ("person.export", "person"),
                ("person.erase", "person"),
                ("person.link_concern", "person"),
                ("person.unlink_concern", "person"),
                ("import.upload", "import"),
                ("import.columns", "import"),
                ("import.start", "import"),
                ("saved_list.create", "saved_list"),
                ("saved_list.delete", "saved_list"),
                ("person.merge", "person"),
                ("organization.create", "organization"),
                ("organization.update", "organization"),
                ("organization.merge", "organization"),
                ("relationship.create", "relationship"),
                ("relationship.end", "relationship"),
            ]
        );
        assert_eq!(
            stored(InteractionAction::ALL),
            [
                ("interaction.create", "interaction"),
                ("interaction.update", "interaction"),
                ("follow_up.create", "follow_up"),
                ("follow_up.done", "follow_up"),
                ("follow_up.reopen", "follow_up"),
            ]
        );
        assert_eq!(
            stored(CommitmentAction::ALL),
            [
                ("commitment.create", "commitment"),
                ("commitment.update", "commitment"),
                ("commitment.progress", "commitment"),
                ("commitment.remind", "commitment"),
            ]
        );
        assert_eq!(
            stored(EngagementAction::ALL),
            [
                ("engagement.create", "engagement"),
                ("engagement.update", "engagement"),
                ("engagement.step", "engagement"),
                ("engagement.minutes", "engagement"),
                ("engagement.register", "engagement"),
                ("engagement.unregister", "engagement"),
                ("engagement.check_in", "engagement"),
                ("engagement.invite", "engagement"),
                ("engagement.answer", "engagement"),
                ("engagement.concern", "engagement"),
                ("engagement.attach", "engagement"),
            ]
        );
        assert_eq!(
            stored(SurveyAction::ALL),
            [
                ("survey.create", "survey"),
                ("survey.update", "survey"),
                ("survey.question", "survey"),
                ("survey.step", "survey"),
                ("survey.send", "survey"),
                ("survey.respond", "survey"),
            ]
        );
        assert_eq!(
            stored(MediationAction::ALL),
            [
                ("mediation.create", "mediation"),
                ("mediation.party", "mediation"),
                ("mediation.session", "mediation"),
                ("mediation.proposal", "mediation"),
                ("mediation.answer", "mediation"),
                ("mediation.step", "mediation"),
            ]
        );
        assert_eq!(
            stored(MailAction::ALL),
            [("message.retry", "message"), ("job.retry", "job")]
        );
        assert_eq!(
            stored(ReportAction::ALL),
            [
                ("report.schedule", "report_schedule"),
                ("report.unschedule", "report_schedule"),
                ("report.send", "report_schedule"),
            ]
        );
    }
}
