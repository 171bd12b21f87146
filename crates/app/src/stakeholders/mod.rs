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
use liaison_domain::{Confidentiality, FieldErrors};
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use liaison_store::{areas, search, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::stakeholders::{Details, Filter, Relationship, Stakeholder};

mod consent;
pub mod exports;
mod history;
pub mod import;
pub mod lists;
mod merge;
mod relationships;
mod requests;

pub use consent::RecordConsent;
pub use history::{Entry, LinkConcern, Mark, Page, Show, PAGE};
pub use merge::MergeDuplicate;
pub use relationships::{EndRelationship, Relate, Related};
pub use requests::{erased_name, ErasePerson};

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
            let id = store::insert(tx, backend, &profile, &details, at).await?;
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

    /// Those of these records that `by` may see, with what they may see of each, in the
    /// order given.
    pub async fn visible_records(
        &self,
        by: &User,
        records: &[RecordRef],
    ) -> AppResult<Vec<Stakeholder>> {
        require(by, Permission::ReadStakeholders)?;
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let mut found = Vec::new();
        for kind in [RecordKind::Person, RecordKind::Organization] {
            let ids: Vec<i64> = records
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| r.id)
                .collect();
            found.extend(store::read(&mut c, kind, &ids, sight).await?);
        }
        found.sort_by_key(|s| records.iter().position(|r| *r == s.record()));
        Ok(self.shown(by, found))
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

/// A name's words, normalized and sorted: "Yusuf, Amina" and "amina yusuf" are one.
pub(crate) fn name_words(name: &str) -> Vec<String> {
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
