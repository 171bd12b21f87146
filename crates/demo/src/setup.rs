//! The demo office's settings, areas, categories, staff and Open311 client, set up as an
//! administrator would: the first account at the command line, then everything else by
//! that administrator, each with the entry its operation appends, the day before the
//! office's history begins.

use liaison_domain::audit::{AccountAction, Action, ApiKeyAction, OfficeAction, ReportAction};
use liaison_domain::categories::Question;
use liaison_domain::escalation::Rules;
use liaison_domain::office::WorkingCalendar;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::texts::{changes, Versions};
use liaison_domain::Role;
use liaison_store::audit::{self, Actor, NewEntry};
use liaison_store::categories::{self, CategoryFields};
use liaison_store::office::{self, Office};
use liaison_store::report_schedules::{self, NewSchedule};
use liaison_store::texts::{self, Write};
use liaison_store::{api_keys, areas, escalations, secrets, users, Conn, Store, StoreError};
use serde_json::{json, Map, Value};

use crate::data::*;
use crate::rng::Rng;
use crate::trail::Who;
use crate::{Error, Result};

pub(crate) const OFFICE_NAME: &str = "Riverside Community Liaison Office";
/// The Open311 client whose key the administrator issues: the requests that come in
/// through the API are its.
pub(crate) const CLIENT_NAME: &str = "Riverside Fix-It app";
/// Seconds between two of the administrator's changes.
const PACE: i64 = 40;

pub(crate) struct Kind {
    pub(crate) id: i64,
    pub(crate) spec: &'static CategorySpec,
    pub(crate) questions: Vec<Question>,
    /// Sample answers to each question answered freely.
    pub(crate) samples: Vec<Vec<&'static str>>,
}

pub(crate) struct Area {
    pub(crate) id: i64,
    pub(crate) name: &'static str,
    pub(crate) lat: f64,
    pub(crate) lng: f64,
}

pub(crate) struct Member {
    /// Its position in the office's staff.
    pub(crate) index: u32,
    pub(crate) id: i64,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) role: Role,
    pub(crate) actor: Actor,
}

pub(crate) struct Setup {
    pub(crate) calendar: WorkingCalendar,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) areas: Vec<Area>,
    pub(crate) staff: Vec<Member>,
    /// The Open311 client.
    pub(crate) client: Actor,
    /// Residents on the portal.
    pub(crate) resident: Actor,
    /// Entries the setup appended.
    pub(crate) entries: usize,
}

impl Setup {
    /// Positions in `staff` of the members with `role`.
    pub(crate) fn with_role(&self, role: Role) -> Vec<usize> {
        (0..self.staff.len())
            .filter(|i| self.staff[*i].role == role)
            .collect()
    }

    /// Who, as the audit trail and timelines name them.
    pub(crate) fn actor(&self, who: Who) -> &Actor {
        match who {
            Who::Staff(i) => &self.staff[i as usize].actor,
            Who::Resident => &self.resident,
            Who::Client => &self.client,
        }
    }
}

/// The working calendar of the demo office.
pub(crate) fn calendar() -> Result<WorkingCalendar> {
    WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30")
        .map_err(|e| Error::Data(format!("calendar: {e:?}")))
}

/// The administrator's changes, each entry a little after the one before.
struct Changes {
    admin: Actor,
    at: i64,
    entries: Vec<(Actor, &'static str, &'static str, i64, Value, i64)>,
}

impl Changes {
    /// The next change's time.
    fn tick(&mut self) -> i64 {
        self.at += PACE;
        self.at
    }

    fn record_by(&mut self, by: &Actor, action: impl Action, id: i64, changes: Value) {
        let at = self.at;
        self.entries.push((
            by.clone(),
            action.word(),
            action.subject().as_str(),
            id,
            changes,
            at,
        ));
    }

    fn record(&mut self, action: impl Action, id: i64, changes: Value) {
        let admin = self.admin.clone();
        self.record_by(&admin, action, id, changes);
    }
}

/// Sets the office up in one transaction, its entries appended in it: settings, areas,
/// categories and staff, from `start` on (UTC seconds).
pub(crate) async fn set_up(
    store: &Store,
    rng: &mut Rng,
    concerns: u64,
    hash: &str,
    start: i64,
) -> Result<Setup> {
    let calendar = calendar()?;
    let mut tx = store.write().await?;
    // Checked again under the write lock: another process may have configured meanwhile.
    if !categories::list(&mut tx, false, false).await?.is_empty() {
        return Err(Error::NotEmpty);
    }
    let people = people(rng, concerns);
    // The first administrator is created at the command line; they do the rest.
    let (name, email, role) = &people[0];
    let admin_id = add_user(&mut tx, email, name, *role, hash, start).await?;
    let admin = Actor::Staff {
        id: admin_id,
        label: email.clone(),
    };
    let mut changes = Changes {
        admin: admin.clone(),
        at: start,
        entries: Vec::new(),
    };
    changes.record_by(
        &Actor::System("command line".into()),
        AccountAction::Create,
        admin_id,
        json!({"email": email, "name": name, "role": role.as_str()}),
    );
    let mut staff = vec![Member {
        index: 0,
        id: admin_id,
        email: email.clone(),
        name: name.clone(),
        role: *role,
        actor: admin,
    }];
    let at = changes.tick();
    let before = office::get(&mut tx).await?;
    let after = Office {
        name: OFFICE_NAME.into(),
        calendar: calendar.clone(),
        mail_category_id: None,
    };
    office::save(&mut tx, &after, at).await?;
    changes.record(
        OfficeAction::Update,
        1,
        json!({
            "name": [before.name, after.name],
            "time_zone": [before.calendar.time_zone.name(), after.calendar.time_zone.name()],
            "working_days": [before.calendar.days_text(), after.calendar.days_text()],
            "mail_category": [before.mail_category_id, after.mail_category_id],
            "hours": [[before.calendar.start_minute, before.calendar.end_minute],
                      [after.calendar.start_minute, after.calendar.end_minute]],
        }),
    );
    let areas = add_areas(&mut tx, &mut changes).await?;
    let kinds = add_categories(&mut tx, &mut changes).await?;
    for (name, email, role) in &people[1..] {
        let at = changes.tick();
        let id = add_user(&mut tx, email, name, *role, hash, at).await?;
        changes.record(
            AccountAction::Create,
            id,
            json!({"email": email, "name": name, "role": role.as_str()}),
        );
        let actor = Actor::Staff {
            id,
            label: email.clone(),
        };
        staff.push(Member {
            index: staff.len() as u32,
            id,
            email: email.clone(),
            name: name.clone(),
            role: *role,
            actor,
        });
    }
    // The key itself is never shown: the demo's requests through Open311 are made up.
    let key = secrets::hex(&rng.bytes::<32>());
    let hint = &key[key.len() - 4..];
    let at = changes.tick();
    let issued = match api_keys::insert(
        &mut tx,
        CLIENT_NAME,
        &secrets::digest(&key),
        hint,
        Some(admin_id),
        at,
    )
    .await
    {
        Err(StoreError::Conflict) => return Err(Error::NotEmpty),
        other => other?,
    };
    changes.record(
        ApiKeyAction::Create,
        issued.id,
        json!({"name": CLIENT_NAME, "hint": hint}),
    );
    schedule_grievance_report(&mut tx, &mut changes, &calendar, admin_id, &staff).await?;
    let entries: Vec<NewEntry<'_>> = changes
        .entries
        .iter()
        .map(|(actor, action, kind, id, changes, at)| NewEntry {
            actor,
            action,
            record_kind: kind,
            record_id: Some(*id),
            changes: changes.clone(),
            at: *at,
        })
        .collect();
    audit::append_many(&mut tx, store.backend(), &entries).await?;
    let count = entries.len();
    drop(entries);
    tx.commit().await?;
    Ok(Setup {
        calendar,
        kinds,
        areas,
        staff,
        client: Actor::Client {
            key_id: issued.id,
            label: CLIENT_NAME.into(),
        },
        resident: Actor::Resident,
        entries: count,
    })
}

async fn add_user(
    c: &mut Conn,
    email: &str,
    name: &str,
    role: Role,
    hash: &str,
    at: i64,
) -> Result<i64> {
    match users::insert(c, email, name, role, hash, at).await {
        Err(StoreError::Conflict) => Err(Error::NotEmpty),
        other => Ok(other?),
    }
}

/// Writes a record's versions in other languages as the administrator's texts form does,
/// recording what changed (never the texts).
async fn write_texts(
    c: &mut Conn,
    changes: &mut Changes,
    action: OfficeAction,
    record: RecordRef,
    versions: &[Write<'_>],
) -> Result<()> {
    if versions.is_empty() {
        return Ok(());
    }
    let before = texts::of(c, record).await?;
    let mut after = before.clone();
    for v in versions {
        after.set(v.field, v.language, v.text);
    }
    let changed = changes_of(&before, &after);
    if changed.is_empty() {
        return Ok(());
    }
    changes.tick();
    texts::write(c, record, versions).await?;
    changes.record(action, record.id, json!({ "versions": changed }));
    Ok(())
}

/// Per language, per field: `added`, `changed` or `removed`.
fn changes_of(before: &Versions, after: &Versions) -> Map<String, Value> {
    let mut described = Map::new();
    for (field, language, change) in changes(before, after) {
        let entry = described
            .entry(language)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(field, json!(change));
        }
    }
    described
}

async fn add_areas(c: &mut Conn, changes: &mut Changes) -> Result<Vec<Area>> {
    // Areas may exist without categories; reuse them rather than trip on their names.
    let existing = areas::list(c, true).await?;
    let mut out = Vec::new();
    for &(name, lat, lng) in AREAS {
        let id = match existing.iter().find(|a| a.name == name) {
            Some(a) => a.id,
            None => {
                let at = changes.tick();
                let id = areas::insert(c, name, at).await?;
                changes.record(OfficeAction::AreaCreate, id, json!({"name": name}));
                id
            }
        };
        if let Some((_, es, fr)) = AREA_TEXTS.iter().find(|t| t.0 == name) {
            let versions = [
                Write {
                    field: "name",
                    language: "es",
                    text: es,
                },
                Write {
                    field: "name",
                    language: "fr",
                    text: fr,
                },
            ];
            let record = RecordRef {
                kind: RecordKind::Area,
                id,
            };
            write_texts(c, changes, OfficeAction::AreaTexts, record, &versions).await?;
        }
        out.push(Area { id, name, lat, lng });
    }
    Ok(out)
}

/// What a category's creation records (`category.create`).
fn describe(f: &CategoryFields) -> Value {
    json!({
        "code": f.code, "name": f.name, "public": f.public, "active": f.active,
        "acknowledge": format!("{} {}", f.acknowledge.amount, f.acknowledge.unit.as_str()),
        "resolve": format!("{} {}", f.resolve.amount, f.resolve.unit.as_str()),
        "default_priority": f.default_priority.as_str(),
    })
}

pub(crate) fn fields(spec: &CategorySpec) -> CategoryFields {
    CategoryFields {
        code: spec.code.into(),
        name: spec.name.into(),
        description: spec.description.into(),
        acknowledge: spec.ack,
        resolve: spec.resolve,
        default_priority: spec.priority,
        public: spec.public,
        active: true,
    }
}

async fn add_categories(c: &mut Conn, changes: &mut Changes) -> Result<Vec<Kind>> {
    let mut out = Vec::new();
    for spec in CATEGORIES {
        let fields = fields(spec);
        let at = changes.tick();
        let id = match categories::insert(c, &fields, at).await {
            Err(StoreError::Conflict) => return Err(Error::NotEmpty),
            other => other?,
        };
        changes.record(OfficeAction::CategoryCreate, id, describe(&fields));
        let mut questions = Vec::new();
        for q in spec.questions {
            let question = Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options)
                .map_err(|e| Error::Data(format!("question {}: {e:?}", q.code)))?;
            // Added one at a time, as the category page does.
            let before: Vec<String> = questions
                .iter()
                .map(|q: &Question| q.code.clone())
                .collect();
            questions.push(question);
            let after: Vec<String> = questions.iter().map(|q| q.code.clone()).collect();
            changes.tick();
            changes.record(
                OfficeAction::AddQuestion,
                id,
                json!({"questions": [before, after]}),
            );
        }
        if !questions.is_empty() {
            categories::set_questions(c, id, &questions, changes.at).await?;
        }
        let samples = spec
            .questions
            .iter()
            .map(|q| q.options.lines().collect())
            .collect();
        let versions: Vec<Write<'_>> = CATEGORY_TEXTS
            .iter()
            .filter(|(code, _, _)| *code == spec.code)
            .flat_map(|(_, language, fields)| {
                fields.iter().map(|(field, text)| Write {
                    field,
                    language,
                    text,
                })
            })
            .collect();
        let record = RecordRef {
            kind: RecordKind::Category,
            id,
        };
        write_texts(c, changes, OfficeAction::CategoryTexts, record, &versions).await?;
        // Every category tells the supervisors of what is not acknowledged in time, and
        // escalates what stays unresolved a working week past its target, as the
        // category page's escalation form saves them.
        let rules = Rules {
            tell_unacknowledged: true,
            escalate_after_days: Some(5),
            escalate_to: None,
        };
        // Decisions may be appealed for the usual 30 days, reviewed within two weeks.
        let window = liaison_domain::appeals::Window::default();
        let at = changes.tick();
        escalations::save(c, id, &rules, at).await?;
        liaison_store::appeals::save_window(c, id, window, at).await?;
        let none = Rules::default();
        changes.record(
            OfficeAction::CategoryRules,
            id,
            json!({
                "tell_unacknowledged": [none.tell_unacknowledged, rules.tell_unacknowledged],
                "escalate_after_days": [none.escalate_after_days, rules.escalate_after_days],
                "escalate_to": [none.escalate_to, rules.escalate_to],
                "appeal_days": [window.days, window.days],
                "appeal_review_days": [window.review_days, window.review_days],
            }),
        );
        out.push(Kind {
            id,
            spec,
            questions,
            samples,
        });
    }
    Ok(out)
}

/// The grievance mechanism's report goes to the administrator and the supervisors on the
/// first of each month, as the report page's schedule form saves it.
async fn schedule_grievance_report(
    c: &mut Conn,
    changes: &mut Changes,
    calendar: &WorkingCalendar,
    admin: i64,
    staff: &[Member],
) -> Result<()> {
    use chrono::TimeZone;
    let at = changes.tick();
    let mut recipients: Vec<i64> = std::iter::once(admin)
        .chain(
            staff
                .iter()
                .filter(|m| m.role == Role::Supervisor)
                .map(|m| m.id),
        )
        .collect();
    recipients.sort_unstable();
    let tz = calendar.time_zone;
    let local = tz
        .timestamp_opt(at, 0)
        .single()
        .map(|t| t.naive_local())
        .ok_or_else(|| Error::Data("the set-up's time".into()))?;
    let next = liaison_domain::reports::next_sending(local, 1);
    let next_at = tz
        .from_local_datetime(&next)
        .earliest()
        .map_or(at, |t| t.timestamp());
    let new = NewSchedule {
        report: "grievances",
        filters: "compare=yes",
        day_of_month: 1,
        next_at,
        recipients: &recipients,
        created_by: admin,
    };
    let id = report_schedules::insert(c, &new, at).await?;
    changes.record(
        ReportAction::Schedule,
        id,
        json!({"report": new.report, "filters": new.filters, "day": 1, "recipients": recipients}),
    );
    Ok(())
}

/// One administrator (first), two supervisors, officers in proportion to the workload, two
/// partner agencies and a viewer: name, email, role.
fn people(rng: &mut Rng, concerns: u64) -> Vec<(String, String, Role)> {
    let officers = (concerns / 20_000).clamp(6, 200) as usize;
    let mut people: Vec<(String, String, Role)> = FIXED_STAFF
        .iter()
        .map(|&(name, email, role)| (name.to_string(), email.to_string(), role))
        .collect();
    while people.len() < FIXED_STAFF.len() + officers {
        let (first, last) = (rng.one(FIRST_NAMES), rng.one(LAST_NAMES));
        let email = format!(
            "{}.{}@riverside.example",
            ascii_word(first),
            ascii_word(last)
        );
        if people.iter().all(|p| p.1 != email) {
            people.push((format!("{first} {last}"), email, Role::Officer));
        }
    }
    people
}

/// `van der Merwe` as it appears in an address: `vandermerwe`.
pub(crate) fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use liaison_domain::texts::{version_languages, Texts};
    use liaison_store::categories::Category;

    use super::*;

    #[test]
    fn the_first_person_is_the_administrator() {
        let people = people(&mut Rng(1), 1_000);
        assert_eq!(people[0].2, Role::Administrator);
        assert_eq!(people.iter().filter(|p| p.2 == Role::Officer).count(), 6);
    }

    /// Every version of the demo names a text its category has, in a portal language, and
    /// every public category's texts have a version in every portal language.
    #[test]
    fn the_demo_translates_what_its_categories_say() {
        for spec in CATEGORIES {
            let questions: Vec<Question> = spec
                .questions
                .iter()
                .map(|q| Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options))
                .collect::<std::result::Result<_, _>>()
                .expect("demo questions");
            let mut k = Category {
                id: 1,
                fields: fields(spec),
                questions,
            };
            let fields = k.text_fields();
            for language in version_languages() {
                let versions: Vec<&str> = CATEGORY_TEXTS
                    .iter()
                    .filter(|(code, l, _)| *code == spec.code && *l == language)
                    .flat_map(|(_, _, f)| f.iter().map(|(field, _)| *field))
                    .collect();
                for v in &versions {
                    assert!(fields.iter().any(|f| f == v), "{}: no text {v}", spec.code);
                }
                for f in &fields {
                    assert!(
                        versions.contains(&f.as_str()),
                        "{} has no {language} version of {f}",
                        spec.code
                    );
                }
            }
        }
        for (code, language, _) in CATEGORY_TEXTS {
            assert!(CATEGORIES.iter().any(|s| s.code == *code), "{code}");
            assert!(version_languages().any(|l| l == *language), "{language}");
        }
        for (name, _, _) in AREA_TEXTS {
            assert!(AREAS.iter().any(|a| a.0 == *name), "{name}");
        }
        assert_eq!(AREA_TEXTS.len(), AREAS.len());
    }
}
