//! The stakeholder register: adding people and organizations, changing them, finding them,
//! and the likely duplicates of one being added. `app.stakeholders()`.
//!
//! Who sees what: partners see nothing of the register; viewers read it without contact
//! details (and find no one by them); a confidential person or organization is seen by
//! its owner, supervisors and administrators only.

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    self as rules, Assessed, Attitude, Level, OrganizationType, Profile, ProfileInput,
    StakeholderLine,
};
use liaison_domain::{Confidentiality, FieldErrors, Role};
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use liaison_store::{areas, search, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::stakeholders::{Details, Filter, Relationship, Stakeholder};

use crate::accounts::User;
use crate::door::Caller;
use crate::{actor, require, App, AppError, AppResult, Flag, List, Text};

/// A line of a person's or organization's timeline.
pub type Line = timeline::Line<StakeholderLine, Assessed>;

/// The stakeholder register. `app.stakeholders()`.
#[derive(Clone, Copy)]
pub struct Stakeholders<'a> {
    pub(crate) app: &'a App,
}

/// A person added or changed (`POST /staff/people`, and the same to a person's own page to
/// change them). Every field is written: one left out is emptied.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SavePerson {
    /// The full name: 1 to 200 characters.
    #[schema(required = true)]
    pub name: Text,
    /// How they want to be addressed ("Dr Okafor"): at most 120 characters, or empty.
    pub addressed_as: Text,
    /// Phone numbers (5 to 20 digits each; spaces, `+`, `-`, `(`, `)`, `.` and `/`
    /// allowed), the preferred one first; at most 10.
    pub phones: List,
    /// Email addresses, the preferred one first; at most 10.
    pub emails: List,
    /// Postal or street addresses of up to 300 characters, the preferred one first; at
    /// most 10.
    pub addresses: List,
    /// The language they prefer, as a BCP 47 tag (`so`, `pt-BR`, `ase`), or empty.
    pub language: Text,
    /// Whether an interpreter is needed to speak with them.
    pub interpreter: Flag,
    /// What they need to take part (step-free access, large print, …): at most 1000
    /// characters.
    pub accessibility: Text,
    /// Ids of the areas they live or work in (`GET /api/v1/areas`); at most 50.
    pub areas: List,
    /// Tags, each up to 40 characters (a form may send several separated by commas); at
    /// most 20.
    pub tags: List,
    /// Notes for staff: at most 10,000 characters.
    pub notes: Text,
    /// Who may see them: `public` (any staff member), `restricted` (the default) or
    /// `confidential` (their owner, supervisors and administrators).
    pub confidentiality: Text,
    /// The id of the staff member who keeps the relationship, or empty.
    pub owner: Text,
    /// Their influence: `low`, `medium`, `high`, or empty for not assessed.
    pub influence: Text,
    /// Their interest: `low`, `medium`, `high`, or empty.
    pub interest: Text,
    /// Their attitude toward the organization: `supportive`, `leaning_supportive`,
    /// `neutral`, `leaning_opposed`, `opposed`, or empty.
    pub attitude: Text,
    /// Add them even though people sharing a phone, an email or the name exist already.
    pub not_a_duplicate: Flag,
}

/// An organization added or changed (`POST /staff/organizations`, and the same to its own
/// page). Every field is written.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveOrganization {
    /// Its name: 1 to 200 characters.
    #[schema(required = true)]
    pub name: Text,
    /// `community_group`, `residents_association`, `business`, `school`, `faith_group`,
    /// `ngo`, `government_agency`, `media`, `health_provider` or `other`.
    #[schema(required = true)]
    pub organization_type: Text,
    /// Phone numbers, the preferred one first; at most 10.
    pub phones: List,
    /// Email addresses, the preferred one first; at most 10.
    pub emails: List,
    /// Addresses, the preferred one first; at most 10.
    pub addresses: List,
    /// Ids of the areas it serves; at most 50.
    pub areas: List,
    /// Tags; at most 20 of up to 40 characters.
    pub tags: List,
    /// Notes for staff: at most 10,000 characters.
    pub notes: Text,
    /// `public`, `restricted` (the default) or `confidential`.
    pub confidentiality: Text,
    /// The id of the staff member who keeps the relationship, or empty.
    pub owner: Text,
    /// `low`, `medium`, `high`, or empty.
    pub influence: Text,
    /// `low`, `medium`, `high`, or empty.
    pub interest: Text,
    /// `supportive`, `leaning_supportive`, `neutral`, `leaning_opposed`, `opposed`, or
    /// empty.
    pub attitude: Text,
    /// Add it even though organizations sharing a phone, an email or the name exist.
    pub not_a_duplicate: Flag,
}

/// A relationship begun from a person or an organization (`POST
/// /staff/people/{id}/relationships`, `POST /api/v1/people/{id}/relationships`, and the
/// same for organizations).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Relate {
    /// `member`, `leader`, `spokesperson` or `staff` (from a person to an organization);
    /// `family_of` (between people); `partner_of` or `in_conflict_with` (between two
    /// people or two organizations); `funded_by` (to the organization that funds).
    #[schema(required = true)]
    pub kind: Text,
    /// The kind of the other record: `person` or `organization`.
    #[schema(required = true)]
    pub with_kind: Text,
    /// The other record: its id (`12` or `#12`), or its name as the register holds it
    /// (refused with `error-ambiguous` when several match, `error-no-match` when none).
    #[schema(required = true)]
    pub with: Text,
    /// A position's title ("Chairperson"): at most 120 characters, or empty.
    pub title: Text,
    /// The day it began (`2024-03-01`), or empty.
    pub starts_on: Text,
    /// The day it ended, or empty while it lasts.
    pub ends_on: Text,
}

/// A relationship ended (`POST /staff/relationships/{id}/end`, `POST
/// /api/v1/relationships/{id}/end`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EndRelationship {
    /// The day it ended (`2026-12-06`); empty for today in the office's time zone.
    pub ends_on: Text,
}

/// A relationship as seen from one of its two records: the other record, and which way it
/// goes.
#[derive(Debug, Clone)]
pub struct Related {
    /// The relationship.
    pub relationship: Relationship,
    /// The record at the other end.
    pub other: Stakeholder,
    /// Whether it goes from this record to the other (a person's position) rather than
    /// from the other to this one (an organization's person).
    pub outgoing: bool,
}

/// A person's consent to be contacted, recorded anew (`POST /staff/people/{id}/consent`,
/// `POST /api/v1/people/{id}/consent`): it replaces what was recorded before.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RecordConsent {
    /// The channels they agreed to: `phone`, `sms`, `email`, `post`, `visit`.
    pub channels: List,
    /// What for: `updates`, `invitations`, `surveys`, `newsletters`.
    pub purposes: List,
    /// The day they said so (`2026-12-06`); needed when anything is agreed.
    pub given_on: Text,
    /// How: `verbal`, `written`, `online_form` or `email`; needed when anything is agreed.
    pub method: Text,
    /// What they said: at most 1000 characters.
    pub note: Text,
    /// They asked not to be contacted at all: clears every channel and purpose.
    pub do_not_contact: Flag,
}

/// A person erased at their request (`POST /staff/people/{id}/erase`, `POST
/// /api/v1/people/{id}/erase`). It cannot be undone.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ErasePerson {
    /// Must be set: the person asked, and what identifies them will be gone for good.
    #[schema(required = true)]
    pub confirm: Flag,
}

/// The fields both commands share, as the domain checks them.
struct Common<'a> {
    name: &'a Text,
    phones: &'a List,
    emails: &'a List,
    addresses: &'a List,
    areas: &'a List,
    tags: &'a List,
    notes: &'a Text,
    confidentiality: &'a Text,
    owner: &'a Text,
    influence: &'a Text,
    interest: &'a Text,
    attitude: &'a Text,
    not_a_duplicate: bool,
}

impl SavePerson {
    fn common(&self) -> Common<'_> {
        Common {
            name: &self.name,
            phones: &self.phones,
            emails: &self.emails,
            addresses: &self.addresses,
            areas: &self.areas,
            tags: &self.tags,
            notes: &self.notes,
            confidentiality: &self.confidentiality,
            owner: &self.owner,
            influence: &self.influence,
            interest: &self.interest,
            attitude: &self.attitude,
            not_a_duplicate: self.not_a_duplicate.is_set(),
        }
    }
}

impl SaveOrganization {
    fn common(&self) -> Common<'_> {
        Common {
            name: &self.name,
            phones: &self.phones,
            emails: &self.emails,
            addresses: &self.addresses,
            areas: &self.areas,
            tags: &self.tags,
            notes: &self.notes,
            confidentiality: &self.confidentiality,
            owner: &self.owner,
            influence: &self.influence,
            interest: &self.interest,
            attitude: &self.attitude,
            not_a_duplicate: self.not_a_duplicate.is_set(),
        }
    }
}

impl Stakeholders<'_> {
    /// Adds a person to the register; answers their id. Refused with
    /// `error-likely-duplicate` on `not_a_duplicate` when people sharing a phone, an email
    /// or the name are there, unless that flag is set.
    pub async fn add_person(&self, by: &User, cmd: &SavePerson) -> AppResult<i64> {
        let details = |errors: &mut FieldErrors| {
            rules::person_details(
                &cmd.addressed_as,
                &cmd.language,
                cmd.interpreter.is_set(),
                &cmd.accessibility,
                errors,
            )
            .map(Details::Person)
        };
        self.add(by, RecordKind::Person, &cmd.common(), details)
            .await
    }

    /// Adds an organization to the register; answers its id. Likely duplicates as
    /// [`Self::add_person`].
    pub async fn add_organization(&self, by: &User, cmd: &SaveOrganization) -> AppResult<i64> {
        let details = |errors: &mut FieldErrors| {
            errors
                .take(
                    "organization_type",
                    OrganizationType::parse(&cmd.organization_type),
                )
                .map(Details::Organization)
        };
        self.add(by, RecordKind::Organization, &cmd.common(), details)
            .await
    }

    /// Writes a person's new details over the old.
    pub async fn update_person(&self, by: &User, id: i64, cmd: &SavePerson) -> AppResult<()> {
        let details = |errors: &mut FieldErrors| {
            rules::person_details(
                &cmd.addressed_as,
                &cmd.language,
                cmd.interpreter.is_set(),
                &cmd.accessibility,
                errors,
            )
            .map(Details::Person)
        };
        self.update(
            by,
            RecordRef {
                kind: RecordKind::Person,
                id,
            },
            &cmd.common(),
            details,
        )
        .await
    }

    /// Writes an organization's new details over the old.
    pub async fn update_organization(
        &self,
        by: &User,
        id: i64,
        cmd: &SaveOrganization,
    ) -> AppResult<()> {
        let details = |errors: &mut FieldErrors| {
            errors
                .take(
                    "organization_type",
                    OrganizationType::parse(&cmd.organization_type),
                )
                .map(Details::Organization)
        };
        let record = RecordRef {
            kind: RecordKind::Organization,
            id,
        };
        self.update(by, record, &cmd.common(), details).await
    }

    async fn add(
        &self,
        by: &User,
        kind: RecordKind,
        cmd: &Common<'_>,
        details: impl FnOnce(&mut FieldErrors) -> Option<Details>,
    ) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let (profile, details) = self.checked(cmd, details).await?;
        if !cmd.not_a_duplicate {
            let likely = self
                .likely_duplicates(by, kind, &profile.name, &profile.contacts)
                .await?;
            if !likely.is_empty() {
                return Err(AppError::field("not_a_duplicate", "error-likely-duplicate"));
            }
        }
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let id = store::insert(tx, &profile, &details, at).await?;
            let record = RecordRef { kind, id };
            let saved = Stakeholder {
                id,
                profile: profile.clone(),
                details: details.clone(),
                consent: Default::default(),
                erased_at: None,
                owner_name: None,
                created_at: at,
                updated_at: at,
            };
            store::index(tx, backend, &saved).await?;
            let mut lines = vec![NewLine::new(
                record,
                at,
                &actor,
                StakeholderLine::Created,
                "",
                false,
            )];
            lines.extend(assessment_lines(record, at, &actor, None, &profile));
            timeline::add(tx, backend, &lines).await?;
            let action = match kind {
                RecordKind::Person => StakeholderAction::PersonCreate,
                _ => StakeholderAction::OrganizationCreate,
            };
            // No name or contact in the trail: it is append-only, and a person may ask to be
            // erased.
            let level = profile.confidentiality.as_str();
            tx.record(action, id, json!({ "confidentiality": level }));
            Ok(id)
        })
        .await
    }

    async fn update(
        &self,
        by: &User,
        record: RecordRef,
        cmd: &Common<'_>,
        details: impl FnOnce(&mut FieldErrors) -> Option<Details>,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let sight = by.role.sight(by.id);
        // Not seen is not there, before anything else is said about the input.
        {
            let mut c = self.app.store.read().await?;
            let found = store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if found.erased_at.is_some() {
                return Err(AppError::field("name", "error-erased"));
            }
        }
        let (profile, details) = self.checked(cmd, details).await?;
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            let after = Stakeholder {
                profile: profile.clone(),
                details: details.clone(),
                updated_at: at,
                ..before.clone()
            };
            let changed = changed_fields(&before, &after);
            if changed.is_empty() {
                return Ok(());
            }
            store::update(tx, &after, at).await?;
            store::index(tx, backend, &after).await?;
            let fields = changed.join(", ");
            let mut lines = vec![NewLine::new(
                record,
                at,
                &actor,
                StakeholderLine::Changed,
                &fields,
                false,
            )];
            lines.extend(assessment_lines(
                record,
                at,
                &actor,
                Some(&before.profile),
                &profile,
            ));
            timeline::add(tx, backend, &lines).await?;
            let action = match record.kind {
                RecordKind::Person => StakeholderAction::PersonUpdate,
                _ => StakeholderAction::OrganizationUpdate,
            };
            tx.record(action, record.id, json!({ "fields": changed }));
            Ok(())
        })
        .await
    }

    /// The command checked into domain values: every problem at once.
    async fn checked(
        &self,
        cmd: &Common<'_>,
        details: impl FnOnce(&mut FieldErrors) -> Option<Details>,
    ) -> AppResult<(Profile, Details)> {
        let mut errors = FieldErrors::new();
        let confidentiality = match cmd.confidentiality.trim() {
            "" => Confidentiality::Restricted.as_str(),
            c => c,
        };
        let profile = rules::profile(
            ProfileInput {
                name: cmd.name,
                phones: &cmd.phones.0,
                emails: &cmd.emails.0,
                addresses: &cmd.addresses.0,
                tags: &cmd.tags.0,
                notes: cmd.notes,
                confidentiality,
                influence: cmd.influence,
                interest: cmd.interest,
                attitude: cmd.attitude,
            },
            &mut errors,
        );
        let details = details(&mut errors);
        let areas = self.areas(&cmd.areas.0, &mut errors).await?;
        let owner = self.owner(cmd.owner, &mut errors).await?;
        errors.into_result()?;
        match (profile, details) {
            (Some(mut profile), Some(details)) => {
                profile.areas = areas;
                profile.owner = owner;
                Ok((profile, details))
            }
            _ => Err(AppError::Internal("stakeholder checked without errors")),
        }
    }

    /// Area ids that name areas, each once.
    async fn areas(&self, sent: &[String], errors: &mut FieldErrors) -> AppResult<Vec<i64>> {
        let mut ids: Vec<i64> = Vec::new();
        let known = areas::list(&mut *self.app.store.read().await?, true).await?;
        for a in sent.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match a
                .parse::<i64>()
                .ok()
                .filter(|id| known.iter().any(|k| k.id == *id))
            {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => {
                    errors.add("areas", "error-choice");
                    return Ok(Vec::new());
                }
            }
        }
        if ids.len() > rules::AREAS_MAX {
            errors.add("areas", "error-too-many");
        }
        Ok(ids)
    }

    /// The owner: an active staff member who may keep relationships, or none.
    async fn owner(&self, sent: &str, errors: &mut FieldErrors) -> AppResult<Option<i64>> {
        let sent = sent.trim();
        if sent.is_empty() {
            return Ok(None);
        }
        let Ok(id) = sent.parse::<i64>() else {
            errors.add("owner", "error-choice");
            return Ok(None);
        };
        let mut c = self.app.store.read().await?;
        match users::get(&mut c, id).await? {
            Some(u) if u.active && u.role.may(Permission::ManageStakeholders) => Ok(Some(id)),
            _ => {
                errors.add("owner", "error-choice");
                Ok(None)
            }
        }
    }

    /// People or organizations `by` may see that are likely the one with this name,
    /// phones and emails as typed (what is not valid is left out): what the form adding
    /// them shows when it was refused as a likely duplicate.
    pub async fn duplicates_of(
        &self,
        by: &User,
        kind: RecordKind,
        name: &str,
        phones: &[String],
        emails: &[String],
    ) -> AppResult<Vec<Stakeholder>> {
        let valid = |list: &[String], check: fn(&[String]) -> Result<Vec<String>, &'static str>| {
            list.iter()
                .filter_map(|v| check(std::slice::from_ref(v)).ok())
                .flatten()
                .collect()
        };
        let contacts = rules::Contacts {
            phones: valid(phones, rules::phones),
            emails: valid(emails, rules::emails),
            addresses: Vec::new(),
        };
        self.likely_duplicates(by, kind, name, &contacts).await
    }

    /// People or organizations `by` may see that are likely the one with this name and
    /// these contacts: sharing a phone or an email, or with the same name words in any
    /// order.
    pub async fn likely_duplicates(
        &self,
        by: &User,
        kind: RecordKind,
        name: &str,
        contacts: &rules::Contacts,
    ) -> AppResult<Vec<Stakeholder>> {
        require(by, Permission::ReadStakeholders)?;
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let mut ids = store::sharing_contacts(&mut c, kind, contacts, sight).await?;
        let words = name_words(name);
        let filter = Filter {
            terms: search::terms(name),
            limit: 20,
            ..Filter::default()
        };
        let (named, _) =
            store::list(&mut c, self.app.store.backend(), kind, &filter, sight).await?;
        for s in named {
            if name_words(&s.profile.name) == words && !ids.contains(&s.id) {
                ids.push(s.id);
            }
        }
        let found = store::read(&mut c, kind, &ids, sight).await?;
        Ok(self.shown(by, found))
    }

    /// A person or an organization, with what `by` may see of it.
    pub async fn get(&self, by: &User, record: RecordRef) -> AppResult<Stakeholder> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        let found = store::get(&mut c, record, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(self.shown(by, vec![found]).remove(0))
    }

    /// A record's own timeline lines, newest first.
    pub async fn timeline(&self, by: &User, record: RecordRef) -> AppResult<Vec<Line>> {
        self.get(by, record).await?;
        let mut c = self.app.store.read().await?;
        let mut lines: Vec<Line> = timeline::of(&mut c, record, false).await?;
        lines.reverse();
        Ok(lines)
    }

    /// A page of people or organizations `by` may see, and where the next page starts.
    /// Viewers find no one by contact details they may not see.
    pub async fn list(
        &self,
        by: &User,
        kind: RecordKind,
        filter: &Filter,
    ) -> AppResult<(Vec<Stakeholder>, Option<(String, i64)>)> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        let (mut found, next) = store::list(
            &mut c,
            self.app.store.backend(),
            kind,
            filter,
            by.role.sight(by.id),
        )
        .await?;
        if !by.role.may(Permission::SeeContactDetails) && filter.searching() {
            let terms = match &filter.phone {
                Some(p) => vec![p.clone()],
                None => filter.terms.clone(),
            };
            let keep = store::matching_without_contacts(&found, &terms);
            found.retain(|s| keep.contains(&s.id));
        }
        Ok((self.shown(by, found), next))
    }

    /// The influence–interest grid of one kind: how many records `by` may see stand at each
    /// influence and interest (`None`: not assessed).
    pub async fn grid(
        &self,
        by: &User,
        kind: RecordKind,
    ) -> AppResult<Vec<(Option<Level>, Option<Level>, i64)>> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        Ok(store::grid(&mut c, kind, by.role.sight(by.id)).await?)
    }

    /// Records a person's consent anew.
    pub async fn record_consent(&self, by: &User, id: i64, cmd: &RecordConsent) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            let found = store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if found.erased_at.is_some() {
                return Err(AppError::field("do_not_contact", "error-erased"));
            }
        }
        let mut errors = FieldErrors::new();
        let consent = rules::consent(
            &cmd.channels.0,
            &cmd.purposes.0,
            &cmd.given_on,
            &cmd.method,
            &cmd.note,
            cmd.do_not_contact.is_set(),
            &mut errors,
        );
        errors.into_result()?;
        let consent = consent.ok_or(AppError::Internal("consent checked without errors"))?;
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?
                .consent;
            if before == consent {
                return Ok(());
            }
            store::set_consent(tx, id, &consent, at).await?;
            let body = consent_body(&consent);
            let line: NewLine<'_, StakeholderLine, Assessed> =
                NewLine::new(record, at, &actor, StakeholderLine::Consent, &body, false);
            timeline::add(tx, backend, &[line]).await?;
            tx.record(
                StakeholderAction::PersonConsent,
                id,
                json!({ "consent": [consent_body(&before), body] }),
            );
            Ok(())
        })
        .await
    }

    /// All the register holds of a person, as one JSON document (the right of access):
    /// their details, contacts, consent, relationships and timeline. Supervisors and
    /// administrators; the handing out is audited.
    pub async fn export_person(&self, by: &User, id: i64) -> AppResult<serde_json::Value> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AnswerDataRequests))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let s = self.get(by, record).await?;
        let related = self.relationships(by, record).await?;
        let lines = self.timeline(by, record).await?;
        let day = |d: Option<liaison_domain::values::Day>| d.map(liaison_domain::values::day_text);
        let (details, p, c) = match &s.details {
            Details::Person(d) => (d, &s.profile, &s.consent),
            Details::Organization(_) => return Err(AppError::NotFound),
        };
        let words = |list: Vec<&str>| list.into_iter().map(String::from).collect::<Vec<_>>();
        let document = json!({
            "kind": "person",
            "id": s.id,
            "name": p.name,
            "addressed_as": details.addressed_as,
            "language": details.language,
            "interpreter": details.interpreter,
            "accessibility": details.accessibility,
            "phones": p.contacts.phones,
            "emails": p.contacts.emails,
            "addresses": p.contacts.addresses,
            "areas": p.areas,
            "tags": p.tags,
            "notes": p.notes,
            "confidentiality": p.confidentiality.as_str(),
            "kept_by": s.owner_name,
            "influence": p.influence.map(Level::as_str),
            "interest": p.interest.map(Level::as_str),
            "attitude": p.attitude.map(Attitude::as_str),
            "consent": {
                "channels": words(c.channels.iter().map(|x| x.as_str()).collect()),
                "purposes": words(c.purposes.iter().map(|x| x.as_str()).collect()),
                "given_on": day(c.given_on),
                "method": c.method.map(|m| m.as_str()),
                "note": c.note,
                "do_not_contact": c.do_not_contact,
            },
            "relationships": related.iter().map(|r| {
                let t = &r.relationship.terms;
                json!({
                    "kind": t.kind.as_str(),
                    "direction": if r.outgoing { "from" } else { "to" },
                    "with": {"kind": r.other.record().kind.as_str(), "id": r.other.id, "name": r.other.profile.name},
                    "title": t.title,
                    "starts_on": day(t.starts_on),
                    "ends_on": day(t.ends_on),
                })
            }).collect::<Vec<_>>(),
            "timeline": lines.iter().map(|l| json!({
                "at": l.at,
                "kind": l.kind.as_str(),
                "from": l.changed_from.map(|v| v.as_str()),
                "to": l.changed_to.map(|v| v.as_str()),
                "body": l.body,
                "by": l.actor_name,
            })).collect::<Vec<_>>(),
            "created_at": s.created_at,
            "updated_at": s.updated_at,
        });
        door.change(async |tx| {
            tx.record(StakeholderAction::PersonExport, id, json!({}));
            Ok(())
        })
        .await?;
        Ok(document)
    }

    /// Erases a person at their request: what identifies them is removed for good, the
    /// record stays (as "Erased person N") so counts stay right. Supervisors and
    /// administrators; audited.
    pub async fn erase_person(&self, by: &User, id: i64, cmd: &ErasePerson) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AnswerDataRequests))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        if !cmd.confirm.is_set() {
            return Err(AppError::field("confirm", "error-confirm-erase"));
        }
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if before.erased_at.is_some() {
                return Ok(());
            }
            store::erase_person(tx, id, &erased_name(id), at).await?;
            let after = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            store::index(tx, backend, &after).await?;
            tx.record(StakeholderAction::PersonErase, id, json!({}));
            Ok(())
        })
        .await
    }

    /// Begins a relationship from `from` to the record `cmd.with` names; answers its id.
    pub async fn relate(&self, by: &User, from: RecordRef, cmd: &Relate) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, from, sight)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        let mut errors = FieldErrors::new();
        let with_kind = match cmd.with_kind.trim() {
            "person" => Some(RecordKind::Person),
            "organization" => Some(RecordKind::Organization),
            _ => errors.take("with_kind", Err("error-choice")),
        };
        let to = match with_kind {
            Some(kind) => match self.resolve(by, kind, &cmd.with).await? {
                Ok(s) if s.record() == from => errors.take("with", Err("error-itself")),
                Ok(s) => Some(s.record()),
                Err(code) => errors.take("with", Err(code)),
            },
            None => None,
        };
        let terms = rules::relationship(
            from.kind,
            with_kind.unwrap_or(RecordKind::Person),
            &cmd.kind,
            &cmd.title,
            &cmd.starts_on,
            &cmd.ends_on,
            &mut errors,
        );
        errors.into_result()?;
        let (Some(to), Some(terms)) = (to, terms) else {
            return Err(AppError::Internal("relationship checked without errors"));
        };
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let id = store::relate(tx, from, to, &terms, at).await?;
            let bodies = [related_body(&terms, to), related_body(&terms, from)];
            let lines: [NewLine<'_, StakeholderLine, Assessed>; 2] = [
                NewLine::new(
                    from,
                    at,
                    &actor,
                    StakeholderLine::Related,
                    &bodies[0],
                    false,
                ),
                NewLine::new(to, at, &actor, StakeholderLine::Related, &bodies[1], false),
            ];
            timeline::add(tx, backend, &lines).await?;
            tx.record(
                StakeholderAction::RelationshipCreate,
                id,
                json!({
                    "from": [from.kind.as_str(), from.id], "to": [to.kind.as_str(), to.id],
                    "kind": terms.kind.as_str(),
                }),
            );
            Ok(id)
        })
        .await
    }

    /// Ends a relationship on `cmd.ends_on` (today when empty). Both its records must be
    /// ones `by` sees.
    pub async fn end_relationship(
        &self,
        by: &User,
        id: i64,
        cmd: &EndRelationship,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let sight = by.role.sight(by.id);
        let found = {
            let mut c = self.app.store.read().await?;
            let r = store::relationship(&mut c, id)
                .await?
                .ok_or(AppError::NotFound)?;
            for end in [r.from, r.to] {
                store::get(&mut c, end, sight)
                    .await?
                    .ok_or(AppError::NotFound)?;
            }
            r
        };
        let ends_on = match liaison_domain::values::day(&cmd.ends_on) {
            Ok(Some(d)) => d,
            Ok(None) => self.today().await?,
            Err(code) => return Err(AppError::field("ends_on", code)),
        };
        if found.terms.starts_on.is_some_and(|s| ends_on < s) {
            return Err(AppError::field("ends_on", "error-ends-before-start"));
        }
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = found.terms.ends_on;
            if before == Some(ends_on) {
                return Ok(());
            }
            store::end_relationship(tx, id, ends_on, at).await?;
            let bodies = [
                related_body(&found.terms, found.to),
                related_body(&found.terms, found.from),
            ];
            let lines: [NewLine<'_, StakeholderLine, Assessed>; 2] = [
                NewLine::new(
                    found.from,
                    at,
                    &actor,
                    StakeholderLine::Unrelated,
                    &bodies[0],
                    false,
                ),
                NewLine::new(
                    found.to,
                    at,
                    &actor,
                    StakeholderLine::Unrelated,
                    &bodies[1],
                    false,
                ),
            ];
            timeline::add(tx, backend, &lines).await?;
            let day =
                |d: Option<liaison_domain::values::Day>| d.map(liaison_domain::values::day_text);
            tx.record(
                StakeholderAction::RelationshipEnd,
                id,
                json!({ "ends_on": [day(before), day(Some(ends_on))] }),
            );
            Ok(())
        })
        .await
    }

    /// The relationships of a record whose other end `by` may see, oldest first.
    pub async fn relationships(&self, by: &User, record: RecordRef) -> AppResult<Vec<Related>> {
        self.get(by, record).await?;
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let all = store::relationships_of(&mut c, record).await?;
        let mut others: Vec<Stakeholder> = Vec::new();
        for kind in [RecordKind::Person, RecordKind::Organization] {
            let ids: Vec<i64> = all
                .iter()
                .map(|r| r.other(record))
                .filter(|o| o.kind == kind)
                .map(|o| o.id)
                .collect();
            others.extend(store::read(&mut c, kind, &ids, sight).await?);
        }
        drop(c);
        let others = self.shown(by, others);
        Ok(all
            .into_iter()
            .filter_map(|r| {
                let other = r.other(record);
                let found = others.iter().find(|s| s.record() == other)?.clone();
                Some(Related {
                    outgoing: r.from == record,
                    relationship: r,
                    other: found,
                })
            })
            .collect())
    }

    /// The records of `kind` that `with` may name: by id (`12`, `#12`), or those whose
    /// name is exactly it (words in any order), or else the search's matches; at most 20.
    pub async fn candidates(
        &self,
        by: &User,
        kind: RecordKind,
        with: &str,
    ) -> AppResult<Vec<Stakeholder>> {
        let with = with.trim();
        if let Ok(id) = with.trim_start_matches('#').parse::<i64>() {
            return match self.get(by, RecordRef { kind, id }).await {
                Ok(s) => Ok(vec![s]),
                Err(AppError::NotFound) => Ok(Vec::new()),
                Err(e) => Err(e),
            };
        }
        let filter = Filter {
            terms: search::terms(with),
            limit: 20,
            ..Filter::default()
        };
        if filter.terms.is_empty() {
            return Ok(Vec::new());
        }
        let (found, _) = self.list(by, kind, &filter).await?;
        let words = name_words(with);
        let exact: Vec<Stakeholder> = found
            .iter()
            .filter(|s| name_words(&s.profile.name) == words)
            .cloned()
            .collect();
        Ok(if exact.is_empty() { found } else { exact })
    }

    /// The one record `with` names, or why there is none: `error-no-match`,
    /// `error-ambiguous`.
    async fn resolve(
        &self,
        by: &User,
        kind: RecordKind,
        with: &str,
    ) -> AppResult<Result<Stakeholder, &'static str>> {
        if with.trim().is_empty() {
            return Ok(Err("error-required"));
        }
        let mut found = self.candidates(by, kind, with).await?;
        Ok(match found.len() {
            0 => Err("error-no-match"),
            1 => Ok(found.remove(0)),
            _ => Err("error-ambiguous"),
        })
    }

    /// Today in the office's time zone.
    async fn today(&self) -> AppResult<liaison_domain::values::Day> {
        let tz = self.app.office().settings().await?.calendar.time_zone;
        Ok(chrono::Utc::now().with_timezone(&tz).date_naive())
    }

    /// Staff who may keep relationships, for the owner field.
    pub async fn owners(&self, by: &User) -> AppResult<Vec<User>> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        Ok(users::list(&mut c)
            .await?
            .into_iter()
            .filter(|u| u.active && u.role.may(Permission::ManageStakeholders))
            .collect())
    }

    /// Contact details taken out for those who may not see them.
    fn shown(&self, by: &User, mut list: Vec<Stakeholder>) -> Vec<Stakeholder> {
        if !by.role.may(Permission::SeeContactDetails) {
            for s in &mut list {
                s.profile.contacts = Default::default();
            }
        }
        list
    }
}

/// The name an erased person keeps: nothing of theirs.
pub fn erased_name(id: i64) -> String {
    format!("Erased person {id}")
}

/// What a consent allows, as its timeline line and audit entry say it: `channels;
/// purposes` (`email,sms; invitations`), `do_not_contact`, or empty.
fn consent_body(c: &rules::Consent) -> String {
    if c.do_not_contact {
        return "do_not_contact".into();
    }
    if c.channels.is_empty() {
        return String::new();
    }
    let words = |list: Vec<&str>| list.join(",");
    format!(
        "{}; {}",
        words(c.channels.iter().map(|x| x.as_str()).collect()),
        words(c.purposes.iter().map(|x| x.as_str()).collect())
    )
}

/// What a `related` or `unrelated` line says: the relationship's kind, the other record's
/// kind and id (`leader organization 12`), which the page names as it shows them.
fn related_body(terms: &rules::RelationshipTerms, other: RecordRef) -> String {
    format!(
        "{} {} {}",
        terms.kind.as_str(),
        other.kind.as_str(),
        other.id
    )
}

/// A name's words, normalized and sorted: "Yusuf, Amina" and "amina yusuf" are one.
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = search::normalize(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    words.sort();
    words
}

/// The names of the fields that differ, as forms and the API name them.
fn changed_fields(a: &Stakeholder, b: &Stakeholder) -> Vec<&'static str> {
    let (p, q) = (&a.profile, &b.profile);
    let mut out = Vec::new();
    let mut check = |differs: bool, name: &'static str| {
        if differs {
            out.push(name);
        }
    };
    check(p.name != q.name, "name");
    check(p.contacts.phones != q.contacts.phones, "phones");
    check(p.contacts.emails != q.contacts.emails, "emails");
    check(p.contacts.addresses != q.contacts.addresses, "addresses");
    check(p.areas != q.areas, "areas");
    check(p.tags != q.tags, "tags");
    check(p.notes != q.notes, "notes");
    check(p.confidentiality != q.confidentiality, "confidentiality");
    check(p.owner != q.owner, "owner");
    check(p.influence != q.influence, "influence");
    check(p.interest != q.interest, "interest");
    check(p.attitude != q.attitude, "attitude");
    match (&a.details, &b.details) {
        (Details::Person(x), Details::Person(y)) => {
            check(x.addressed_as != y.addressed_as, "addressed_as");
            check(x.language != y.language, "language");
            check(x.interpreter != y.interpreter, "interpreter");
            check(x.accessibility != y.accessibility, "accessibility");
        }
        (x, y) => check(x != y, "organization_type"),
    }
    out
}

/// One line per assessment that changed (or was made, for a new record).
fn assessment_lines<'a>(
    record: RecordRef,
    at: i64,
    actor: &'a crate::Actor,
    before: Option<&Profile>,
    after: &Profile,
) -> Vec<NewLine<'a, StakeholderLine, Assessed>> {
    let pairs: [(StakeholderLine, Option<Assessed>, Option<Assessed>); 3] = [
        (
            StakeholderLine::Influence,
            before.and_then(|b| b.influence).map(Assessed::from),
            after.influence.map(Assessed::from),
        ),
        (
            StakeholderLine::Interest,
            before.and_then(|b| b.interest).map(Assessed::from),
            after.interest.map(Assessed::from),
        ),
        (
            StakeholderLine::Attitude,
            before.and_then(|b| b.attitude).map(Assessed::from),
            after.attitude.map(Assessed::from),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(kind, from, to)| NewLine {
            changed_from: from,
            changed_to: to,
            ..NewLine::new(record, at, actor, kind, "", false)
        })
        .collect()
}

/// The filter of a search for `query`: a phone number written any way (one word of its
/// digits), or words of a name, a tag or an email.
pub fn searching_for(query: &str, limit: i64) -> Filter {
    let phone = rules::phone_query(query);
    Filter {
        terms: if phone.is_some() {
            Vec::new()
        } else {
            search::terms(query)
        },
        phone,
        limit,
        ..Filter::default()
    }
}

/// The filter of a list, from its query string's fields (`q`, `area`, `tag`, `language`,
/// `type`, `influence`, `interest`, `attitude`, `owner`, `after`), each ignored when it is
/// not a value it could be.
pub fn filter_from(get: impl Fn(&str) -> String, limit: i64) -> Filter {
    let after = get("after");
    let after = after
        .rsplit_once('.')
        .and_then(|(name, id)| Some((name.to_string(), id.parse().ok()?)));
    Filter {
        area: get("area").parse().ok(),
        tag: Some(get("tag").trim().to_lowercase()).filter(|t| !t.is_empty()),
        language: rules::language_tag(&get("language")).ok().flatten(),
        organization_type: OrganizationType::parse(&get("type")).ok(),
        influence: Level::parse(&get("influence")).ok(),
        interest: Level::parse(&get("interest")).ok(),
        attitude: Attitude::parse(&get("attitude")).ok(),
        owner: get("owner").parse().ok(),
        after,
        ..searching_for(&get("q"), limit)
    }
}

/// Where the next page starts, as `filter_from` reads it back (`name.id`).
pub fn after_text(next: &(String, i64)) -> String {
    format!("{}.{}", next.0, next.1)
}

/// Whether a role reads the register at all (for the staff menu).
pub fn reads_register(role: Role) -> bool {
    role.may(Permission::ReadStakeholders)
}
