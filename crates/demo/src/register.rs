//! The demo office's stakeholder register: the organizations of its areas (residents'
//! associations, schools, churches, clinics, businesses, agencies, media), the people
//! officers keep in touch with and their positions in those organizations, entered the day
//! the office was set up, as an import of the officers' old spreadsheets would leave them:
//! each record with its `created` line, its search entry and its audit entry.

use std::collections::HashMap;

use chrono::NaiveDate;
use liaison_domain::audit::{Action, StakeholderAction};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{
    Assessed, Attitude, Contacts, Level, OrganizationType, PersonDetails, Profile,
    RelationshipKind, RelationshipTerms, StakeholderLine,
};
use liaison_domain::{Confidentiality, Role};
use liaison_store::audit::{self, Actor, NewEntry};
use liaison_store::stakeholders::{self, Details, Stakeholder};
use liaison_store::timeline::{self, NewLine};
use liaison_store::{search, Store};
use serde_json::json;

use crate::data::{FIRST_NAMES, LAST_NAMES};
use crate::rng::Rng;
use crate::setup::{ascii_word, Setup};
use crate::Result;

/// Kinds of organization each area has, and how their names are made from the area's.
const LOCAL: &[(OrganizationType, &str)] = &[
    (
        OrganizationType::ResidentsAssociation,
        "{} Residents' Association",
    ),
    (OrganizationType::School, "{} Primary School"),
    (OrganizationType::FaithGroup, "{} Community Church"),
    (OrganizationType::CommunityGroup, "{} Youth Network"),
    (OrganizationType::Business, "{} Business Forum"),
    (OrganizationType::HealthProvider, "{} Clinic"),
    (OrganizationType::Ngo, "{} Home-Based Care"),
];

/// Organizations that serve every area.
const WIDE: &[(OrganizationType, &str)] = &[
    (
        OrganizationType::GovernmentAgency,
        "Department of Water and Sanitation",
    ),
    (
        OrganizationType::GovernmentAgency,
        "Riverside Local Municipality",
    ),
    (OrganizationType::GovernmentAgency, "SAPS Riverside"),
    (OrganizationType::Media, "Riverside FM"),
    (OrganizationType::Media, "The Riverside Echo"),
    (OrganizationType::Ngo, "Legal Aid Riverside"),
    (OrganizationType::Ngo, "Mineworkers' Families Trust"),
    (OrganizationType::Business, "Riverside Chamber of Commerce"),
];

/// More kinds of organization of an area, for an office asked for more organizations than
/// its areas' usual ones (`--organizations`): each named after its area and one of
/// [`WORDS`].
const MORE: &[(OrganizationType, &str)] = &[
    (OrganizationType::CommunityGroup, "Burial Society"),
    (OrganizationType::CommunityGroup, "Stokvel"),
    (OrganizationType::Business, "Taxi Association"),
    (OrganizationType::Business, "Traders' Cooperative"),
    (OrganizationType::CommunityGroup, "Football Club"),
    (OrganizationType::School, "Crèche"),
    (OrganizationType::School, "Secondary School"),
    (OrganizationType::FaithGroup, "Apostolic Church"),
    (OrganizationType::CommunityGroup, "Women's Forum"),
    (OrganizationType::CommunityGroup, "Farmers' Association"),
    (OrganizationType::Ngo, "Food Garden Project"),
    (OrganizationType::Business, "Brickmakers' Cooperative"),
    (OrganizationType::CommunityGroup, "Street Committee"),
    (OrganizationType::Ngo, "Drop-in Centre"),
    (OrganizationType::HealthProvider, "Pharmacy"),
];

/// Words community groups in the office's areas take as names.
const WORDS: &[&str] = &[
    "Masakhane",
    "Siyakhula",
    "Kopano",
    "Zenzele",
    "Ubuntu",
    "Thembalethu",
    "Phakama",
    "Sinethemba",
    "Ikageng",
    "Tshwaragano",
    "Letsatsi",
    "Bophelo",
    "Vukuzenzele",
    "Khanya",
    "Rethabile",
    "Kagiso",
];

/// What people are known as, by the kind of organization they belong to.
const TAGS: &[&str] = &[
    "ward councillor",
    "school principal",
    "faith leader",
    "youth leader",
    "business owner",
    "elder",
    "journalist",
    "health worker",
    "parent",
    "volunteer",
    "landowner",
    "trader",
];

/// Languages people in the office's areas prefer, the most common first.
const LANGUAGES: &[&str] = &["en", "zu", "st", "xh", "af", "tn", "pt", "so", "sn"];

/// Records to a statement's worth of writes.
const CHUNK: usize = 2_000;

/// What the register holds, for the summary and the engagement log.
pub(crate) struct Register {
    pub(crate) people: u64,
    pub(crate) organizations: u64,
    pub(crate) relationships: u64,
    pub(crate) entries: usize,
    /// Its people, in the order entered.
    pub(crate) known: Vec<Known>,
}

/// A person of the register as the engagement log and concerns' reporters need them.
pub(crate) struct Known {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) influence: Option<Level>,
    /// The officer who keeps in touch with them (a user id), if any.
    pub(crate) owner: Option<i64>,
    /// The organization they hold a position in, if any.
    pub(crate) organization: Option<i64>,
}

/// Enters the register: the organizations (its areas' usual ones, or `organizations` of
/// them), then `people` people, at `at` (UTC seconds) and a second for every hundred
/// records after, by the office's first officer.
pub(crate) async fn enter(
    store: &Store,
    setup: &Setup,
    rng: &mut Rng,
    people: u64,
    organizations: Option<u64>,
    at: i64,
) -> Result<Register> {
    let officers: Vec<usize> = setup.with_role(Role::Officer);
    let clerk = &setup.staff[officers.first().copied().unwrap_or(0)];
    let mut orgs: Vec<(Profile, Details)> = Vec::new();
    for area in &setup.areas {
        for (kind, pattern) in LOCAL {
            let mut p = profile(rng, &pattern.replace("{}", area.name), &officers, setup);
            p.areas = vec![area.id];
            orgs.push((p, Details::Organization(*kind)));
        }
    }
    for (kind, name) in WIDE {
        let mut p = profile(rng, name, &officers, setup);
        p.areas = setup.areas.iter().map(|a| a.id).collect();
        orgs.push((p, Details::Organization(*kind)));
    }
    if let Some(wanted) = organizations {
        orgs.truncate(wanted as usize);
        let areas = setup.areas.len().max(1);
        for i in 0..(wanted as usize).saturating_sub(orgs.len()) {
            let area = setup.areas.get(i % areas);
            let (kind, what) = MORE[(i / areas) % MORE.len()];
            let rest = i / areas / MORE.len();
            let word = WORDS[rest % WORDS.len()];
            let mut name = format!("{} {word} {what}", area.map_or("Riverside", |a| a.name));
            // Past every area, word and kind, numbered as sister branches are.
            if rest >= WORDS.len() {
                name.push_str(&format!(" No. {}", rest / WORDS.len() + 1));
            }
            let mut p = profile(rng, &name, &officers, setup);
            p.areas = area.map(|a| vec![a.id]).unwrap_or_default();
            orgs.push((p, Details::Organization(kind)));
        }
    }
    let mut made = Register {
        people: 0,
        organizations: orgs.len() as u64,
        relationships: 0,
        entries: 0,
        known: Vec::with_capacity(people as usize),
    };
    let orgs = write(store, &clerk.actor, RecordKind::Organization, &orgs, at).await?;
    made.entries += orgs.len();
    // Each area's own organizations, where its people hold positions.
    let mut local: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, o) in orgs.iter().enumerate() {
        if let [area] = o.profile.areas[..] {
            local.entry(area).or_default().push(i);
        }
    }
    let mut n = 0_u64;
    while n < people {
        let count = (people - n).min(CHUNK as u64);
        let batch: Vec<(Profile, Details)> = (0..count)
            .map(|i| person(rng, n + i, &officers, setup))
            .collect();
        let first = at + ((orgs.len() as u64 + n) / 100) as i64;
        let saved = write(store, &clerk.actor, RecordKind::Person, &batch, first).await?;
        n += count;
        made.entries += saved.len();
        let ties = positions(rng, &saved, &orgs, &local);
        let held: HashMap<i64, i64> = ties.iter().map(|t| (t.from.id, t.to.id)).collect();
        made.known.extend(saved.iter().map(|s| Known {
            id: s.id,
            name: s.profile.name.clone(),
            influence: s.profile.influence,
            owner: s.profile.owner,
            organization: held.get(&s.id).copied(),
        }));
        made.relationships += ties.len() as u64;
        made.entries += ties.len();
        relate(store, &clerk.actor, &ties).await?;
    }
    made.people = people;
    Ok(made)
}

/// A profile with a name and the rest drawn: assessments for most, an owner for many, a
/// few confidential (kept by their owner).
fn profile(rng: &mut Rng, name: &str, officers: &[usize], setup: &Setup) -> Profile {
    let level = |rng: &mut Rng| *rng.pick(Level::ALL);
    let owner =
        (!officers.is_empty() && rng.chance(0.6)).then(|| setup.staff[*rng.pick(officers)].id);
    let confidentiality = match (owner, rng.below(100)) {
        (Some(_), 0..=3) => Confidentiality::Confidential,
        (_, 4..=9) => Confidentiality::Public,
        _ => Confidentiality::Restricted,
    };
    let assessed = rng.chance(0.7);
    Profile {
        name: name.to_string(),
        contacts: Contacts::default(),
        areas: Vec::new(),
        tags: Vec::new(),
        notes: String::new(),
        confidentiality,
        owner,
        influence: assessed.then(|| level(rng)),
        interest: assessed.then(|| level(rng)),
        attitude: assessed.then(|| *rng.pick(Attitude::ALL)),
    }
}

/// Person `n`: a name, a phone and often an email, an area, a tag or two, a language.
fn person(rng: &mut Rng, n: u64, officers: &[usize], setup: &Setup) -> (Profile, Details) {
    let (first, last) = (rng.one(FIRST_NAMES), rng.one(LAST_NAMES));
    let mut p = profile(rng, &format!("{first} {last}"), officers, setup);
    // South African mobile numbers, one per person (the number is the person's index).
    p.contacts.phones = vec![format!(
        "+27 8{} {:03} {:04}",
        2 + n % 3,
        (n / 10_000) % 1000,
        n % 10_000
    )];
    if rng.chance(0.6) {
        p.contacts.emails = vec![format!(
            "{}.{}{}@example.org",
            ascii_word(first),
            ascii_word(last),
            n
        )];
    }
    if let Some(area) = (!setup.areas.is_empty()).then(|| rng.pick(&setup.areas)) {
        p.areas = vec![area.id];
        if rng.chance(0.3) {
            p.contacts.addresses = vec![format!("{} {}", 1 + rng.below(400), area.name)];
        }
    }
    p.tags = vec![rng.one(TAGS).to_string()];
    if rng.chance(0.3) {
        let other = rng.one(TAGS).to_string();
        if !p.tags.contains(&other) {
            p.tags.push(other);
        }
    }
    p.tags.sort();
    let language = rng.one(LANGUAGES);
    let details = PersonDetails {
        addressed_as: String::new(),
        language: Some(language.to_string()),
        interpreter: language != "en" && rng.chance(0.3),
        accessibility: if rng.chance(0.05) {
            "Step-free access; sits near the front".into()
        } else {
            String::new()
        },
    };
    (p, Details::Person(details))
}

/// Positions of about half of these people in an organization of their area: mostly
/// members, some leaders, spokespeople and staff, since a day in the last ten years.
fn positions(
    rng: &mut Rng,
    people: &[Stakeholder],
    orgs: &[Stakeholder],
    local: &HashMap<i64, Vec<usize>>,
) -> Vec<Tie> {
    // Recorded when the batch's last person was: the trail stays in time order.
    let at = people
        .iter()
        .map(|p| p.created_at)
        .max()
        .unwrap_or_default();
    let mut out = Vec::new();
    for p in people {
        let local: &[usize] = match p.profile.areas[..] {
            [area] => local.get(&area).map_or(&[], Vec::as_slice),
            _ => &[],
        };
        if local.is_empty() || !rng.chance(0.5) {
            continue;
        }
        let org = &orgs[local[rng.below(local.len() as u64) as usize]];
        let kind = [
            RelationshipKind::Member,
            RelationshipKind::Leader,
            RelationshipKind::Spokesperson,
            RelationshipKind::Staff,
        ][rng.weighted(&[70, 10, 10, 10])];
        let title = match kind {
            RelationshipKind::Leader => {
                rng.one(&["Chairperson", "Principal", "Pastor", "Coordinator"])
            }
            RelationshipKind::Staff => rng.one(&["Secretary", "Nurse", "Teacher", "Field worker"]),
            _ => "",
        };
        let started =
            NaiveDate::from_ymd_opt(2016 + rng.below(10) as i32, 1 + rng.below(12) as u32, 1);
        out.push(Tie {
            from: p.record(),
            to: org.record(),
            terms: RelationshipTerms {
                kind,
                title: title.to_string(),
                starts_on: started,
                ends_on: None,
            },
            at,
        });
    }
    out
}

/// A relationship the demo records.
struct Tie {
    from: RecordRef,
    to: RecordRef,
    terms: RelationshipTerms,
    at: i64,
}

/// Writes relationships in one transaction, each with its line on both records and its
/// audit entry, as `Stakeholders::relate` leaves them.
async fn relate(store: &Store, by: &Actor, ties: &[Tie]) -> Result<()> {
    if ties.is_empty() {
        return Ok(());
    }
    let backend = store.backend();
    let mut tx = store.write().await?;
    let mut ids = Vec::with_capacity(ties.len());
    for t in ties {
        ids.push(stakeholders::relate(&mut tx, t.from, t.to, &t.terms, t.at).await?);
    }
    let bodies: Vec<[String; 2]> = ties
        .iter()
        .map(|t| {
            let body = |other: RecordRef| {
                format!(
                    "{} {} {}",
                    t.terms.kind.as_str(),
                    other.kind.as_str(),
                    other.id
                )
            };
            [body(t.to), body(t.from)]
        })
        .collect();
    let mut lines: Vec<NewLine<'_, StakeholderLine, Assessed>> = Vec::new();
    for (t, b) in ties.iter().zip(&bodies) {
        lines.push(NewLine::new(
            t.from,
            t.at,
            by,
            StakeholderLine::Related,
            &b[0],
            false,
        ));
        lines.push(NewLine::new(
            t.to,
            t.at,
            by,
            StakeholderLine::Related,
            &b[1],
            false,
        ));
    }
    timeline::add(&mut tx, backend, &lines).await?;
    let action = StakeholderAction::RelationshipCreate;
    let changes: Vec<serde_json::Value> = ties
        .iter()
        .map(|t| {
            json!({
                "from": [t.from.kind.as_str(), t.from.id], "to": [t.to.kind.as_str(), t.to.id],
                "kind": t.terms.kind.as_str(),
            })
        })
        .collect();
    let entries: Vec<NewEntry<'_>> = ties
        .iter()
        .zip(&ids)
        .zip(&changes)
        .map(|((t, id), changes)| NewEntry {
            actor: by,
            action: action.word(),
            record_kind: action.subject().as_str(),
            record_id: Some(*id),
            changes: changes.clone(),
            at: t.at,
        })
        .collect();
    audit::append_many(&mut tx, backend, &entries).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes records of one kind in one transaction: each with its `created` line, its
/// assessment lines, its search entry and its audit entry. Answers them as saved.
async fn write(
    store: &Store,
    by: &Actor,
    kind: RecordKind,
    list: &[(Profile, Details)],
    first: i64,
) -> Result<Vec<Stakeholder>> {
    let backend = store.backend();
    let mut tx = store.write().await?;
    let mut saved = Vec::with_capacity(list.len());
    for (i, (profile, details)) in list.iter().enumerate() {
        let at = first + (i / 100) as i64;
        let id = stakeholders::insert(&mut tx, backend, profile, details, at).await?;
        saved.push(Stakeholder {
            id,
            profile: profile.clone(),
            details: details.clone(),
            consent: Default::default(),
            erased_at: None,
            owner_name: None,
            created_at: at,
            updated_at: at,
        });
    }
    let mut lines: Vec<NewLine<'_, StakeholderLine, Assessed>> = Vec::new();
    for s in &saved {
        let record = s.record();
        lines.push(NewLine::new(
            record,
            s.created_at,
            by,
            StakeholderLine::Created,
            "",
            false,
        ));
        let p = &s.profile;
        for (kind, to) in [
            (StakeholderLine::Influence, p.influence.map(Assessed::from)),
            (StakeholderLine::Interest, p.interest.map(Assessed::from)),
            (StakeholderLine::Attitude, p.attitude.map(Assessed::from)),
        ] {
            if to.is_some() {
                lines.push(NewLine {
                    changed_to: to,
                    ..NewLine::new(record, s.created_at, by, kind, "", false)
                });
            }
        }
    }
    timeline::add(&mut tx, backend, &lines).await?;
    let texts: Vec<(i64, String)> = saved.iter().map(|s| (s.id, s.search_text(true))).collect();
    search::index_new(&mut tx, backend, kind, &texts).await?;
    let action = match kind {
        RecordKind::Person => StakeholderAction::PersonCreate,
        _ => StakeholderAction::OrganizationCreate,
    };
    let changes: Vec<serde_json::Value> = saved
        .iter()
        .map(|s| json!({ "confidentiality": s.profile.confidentiality.as_str() }))
        .collect();
    let entries: Vec<NewEntry<'_>> = saved
        .iter()
        .zip(&changes)
        .map(|(s, changes)| NewEntry {
            actor: by,
            action: action.word(),
            record_kind: action.subject().as_str(),
            record_id: Some(s.id),
            changes: changes.clone(),
            at: s.created_at,
        })
        .collect();
    audit::append_many(&mut tx, backend, &entries).await?;
    drop(entries);
    tx.commit().await?;
    Ok(saved)
}
