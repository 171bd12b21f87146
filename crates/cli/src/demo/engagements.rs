//! The demo office's engagements, made with the application's own operations: a town hall
//! held three weeks ago with interpretation, its walk-ins, agenda, minutes, commitments
//! (one kept) and a concern raised there; a workshop held last week; a community meeting
//! coming up with residents registered and people of the register invited; a weekly
//! clinic being planned; a forum called off. Then their surveys (`surveys.rs`).

use liaison_app::accounts::User;
use liaison_app::commitments::{Progress, SaveCommitment};
use liaison_app::concerns::{QueueFilter, Sort};
use liaison_app::engagements::{
    CheckIn, Invite, RaisedConcern, Register, SaveEngagement, SaveItem, SaveMinutes, Step,
};
use liaison_app::submissions::Submission;
use liaison_app::{now, App, AppResult};
use liaison_domain::records::RecordKind;

/// Names of those who came or registered, as a sign-in sheet has them.
const NAMES: &[&str] = &[
    "Amina Yusuf",
    "Bashir Ali",
    "Chloé Martin",
    "Dumi Nkosi",
    "Esperanza Ruiz",
    "Farah Haddad",
    "Grace Mensah",
    "Hamid Osman",
    "Ines Duarte",
    "Jabu Dlamini",
    "Kofi Asante",
    "Leila Nasser",
    "Marta Kowalska",
    "Nomsa Khumalo",
    "Omar Farouk",
    "Priya Raman",
    "Quentin Moreau",
    "Rosa Lima",
    "Samuel Okafor",
    "Thandiwe Zulu",
    "Usha Pillai",
    "Viktor Petrov",
    "Wanjiru Kamau",
    "Xolani Mokoena",
    "Yara Haddad",
    "Zanele Sithole",
];

/// Plans, holds and follows up the demo office's engagements.
pub async fn engagements(app: &App, admin: &User, officer: &User) -> AppResult<()> {
    let zone = app.office().settings().await?.calendar.time_zone;
    let at = |days: i64, hour: u32| {
        let day =
            chrono::Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(days);
        format!("{}T{hour:02}:00", day.format("%Y-%m-%d"))
    };
    let day = |days: i64| {
        (chrono::Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let areas: Vec<String> = app
        .office()
        .areas(false)
        .await?
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    let area = |i: usize| {
        areas
            .get(i % areas.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let engagements = app.engagements();
    let publish = Step {
        status: "published".into(),
        ..Step::default()
    };

    // The town hall three weeks ago: walk-ins from its sign-in sheet, its agenda and
    // minutes, two commitments made there (one kept since), a concern raised there.
    let town_hall = SaveEngagement {
        kind: "town_hall".into(),
        title: "Town hall on the quarry's blasting hours".into(),
        purpose: "The quarry's blasting hours, dust on the school road and the haul trucks; \
                  questions from the floor, answered by the site manager."
            .into(),
        starts_at: at(-21, 18).into(),
        ends_at: at(-21, 20).into(),
        address: "Riverside Community Hall, 12 Mill Road".into(),
        room: "Main hall".into(),
        capacity: "120".into(),
        step_free: true.into(),
        hearing_loop: true.into(),
        transit: "Bus 7 to Mill Road; the hall is 200 m from the stop.".into(),
        languages: "en".into(),
        interpretation: "so, sfs".into(),
        partners: "Riverside Residents' Association".into(),
        topics: "Blasting\nDust\nTraffic".into(),
        areas: areas.iter().take(2).cloned().collect(),
        ..SaveEngagement::default()
    };
    let held = engagements.plan(officer, &town_hall).await?;
    engagements.step(officer, held, &publish).await?;
    for (i, name) in NAMES.iter().enumerate() {
        // Two in three left an email address on the sheet: the survey's links go to them.
        let walk_in = CheckIn {
            name: (*name).into(),
            area: area(i).into(),
            first_time: (i % 3 == 0).into(),
            email: if i % 3 == 1 {
                String::new()
            } else {
                email(name)
            }
            .into(),
            ..CheckIn::default()
        };
        engagements.check_in(officer, held, &walk_in).await?;
    }
    let agenda = [
        (
            "Blasting hours",
            "Residents asked that no blasting happen before 9 or after 16, nor on school \
             exam days.",
            "No blasting before 9 or after 16 from next month; exam days to be agreed with \
             the school.",
        ),
        (
            "Dust on the school road",
            "Parents described dust on the road to Riverside Primary in the dry months.",
            "The road to be watered twice a day on school days.",
        ),
        (
            "Haul trucks",
            "Trucks pass the market at its busiest hour.",
            "",
        ),
    ];
    for (title, minutes, decision) in agenda {
        let item = SaveItem {
            title: title.into(),
            minutes: minutes.into(),
            decision: decision.into(),
            ..SaveItem::default()
        };
        engagements.item(officer, held, &item).await?;
    }
    let minutes = SaveMinutes {
        minutes: "Some 26 residents came, with the site manager and two officers. Somali \
                  and sign language interpretation was given. The quarry will publish its \
                  blasting schedule every Monday."
            .into(),
    };
    engagements.minutes(officer, held, &minutes).await?;
    let promise = |title: &str, due: i64| SaveCommitment {
        title: title.into(),
        due_on: day(due).into(),
        confidentiality: "public".into(),
        public: true.into(),
        ..SaveCommitment::default()
    };
    let kept = engagements
        .commit(
            officer,
            held,
            &promise("Publish the blasting schedule every Monday", 0),
        )
        .await?;
    engagements
        .commit(
            officer,
            held,
            &promise("Water the school road twice a day on school days", 30),
        )
        .await?;
    let done = Progress {
        status: "kept".into(),
        note: "Published on the portal and at the hall every Monday since.".into(),
    };
    app.commitments().progress(officer, kept, &done).await?;
    let filter = QueueFilter {
        sort: Sort::Newest,
        limit: 1,
        now: now(),
        ..QueueFilter::default()
    };
    if let Some(raised) = app.concerns().queue(officer, &filter).await?.0.first() {
        let link = RaisedConcern {
            concern: raised.reference.as_str().into(),
        };
        engagements.link_concern(officer, held, &link).await?;
    }

    // The workshop last week, with its attendance.
    let workshop = SaveEngagement {
        kind: "workshop".into(),
        title: "Workshop on the new bus routes".into(),
        purpose: "Drawing the new routes with those who ride them.".into(),
        starts_at: at(-7, 10).into(),
        ends_at: at(-7, 12).into(),
        address: "Public library, 3 Station Street".into(),
        capacity: "30".into(),
        step_free: true.into(),
        languages: "en, es".into(),
        topics: "Transport".into(),
        ..SaveEngagement::default()
    };
    let workshop = engagements.plan(admin, &workshop).await?;
    engagements.step(admin, workshop, &publish).await?;
    for (i, name) in NAMES.iter().rev().take(12).enumerate() {
        let walk_in = CheckIn {
            name: (*name).into(),
            area: area(i + 1).into(),
            first_time: (i % 2 == 0).into(),
            ..CheckIn::default()
        };
        engagements.check_in(admin, workshop, &walk_in).await?;
    }

    // The community meeting coming up: registrations from the portal, people invited.
    let meeting = SaveEngagement {
        kind: "community_meeting".into(),
        title: "Community meeting: the new clinic's opening hours".into(),
        purpose: "The district clinic opens next year; tell us when it should be open.".into(),
        starts_at: at(9, 17).into(),
        ends_at: at(9, 19).into(),
        address: "Riverside Community Hall, 12 Mill Road".into(),
        capacity: "20".into(),
        step_free: true.into(),
        hearing_loop: true.into(),
        parking: true.into(),
        languages: "en".into(),
        interpretation: "so, es, sfs".into(),
        topics: "Health".into(),
        areas: areas.iter().take(1).cloned().collect(),
        ..SaveEngagement::default()
    };
    let upcoming = engagements.plan(officer, &meeting).await?;
    engagements.step(officer, upcoming, &publish).await?;
    for (i, name) in NAMES.iter().take(22).enumerate() {
        let register = Register {
            name: (*name).into(),
            needs: if i % 7 == 0 { "Wheelchair space" } else { "" }.into(),
            area: area(i).into(),
            first_time: (i % 4 == 0).into(),
            token: Submission::form_token().into(),
            ..Register::default()
        };
        engagements.register_publicly(upcoming, &register).await?;
    }
    let filter = liaison_app::stakeholders::filter_from(|_| String::new(), 12);
    let (people, _) = app
        .stakeholders()
        .list(officer, RecordKind::Person, &filter)
        .await?;
    let invite = Invite {
        people: people.iter().map(|p| format!("#{}", p.id)).collect(),
        ..Invite::default()
    };
    engagements.invite(officer, upcoming, &invite).await?;

    // A weekly clinic being planned, and a forum called off.
    let clinic = SaveEngagement {
        kind: "clinic".into(),
        title: "Drop-in clinic with the liaison office".into(),
        purpose: "Come by with any question or concern; no appointment needed.".into(),
        starts_at: at(3, 14).into(),
        ends_at: at(3, 16).into(),
        address: "Market square, the office's stall".into(),
        languages: "en, so".into(),
        ..SaveEngagement::default()
    };
    engagements.plan(officer, &clinic).await?;
    let forum = SaveEngagement {
        kind: "forum".into(),
        title: "Youth forum on jobs at the quarry".into(),
        starts_at: at(14, 15).into(),
        ends_at: at(14, 17).into(),
        online_link: "https://meet.example.org/youth-forum".into(),
        ..SaveEngagement::default()
    };
    let forum = engagements.plan(admin, &forum).await?;
    engagements.step(admin, forum, &publish).await?;
    let off = Step {
        status: "cancelled".into(),
        reason: "Moved to the school holidays; a new date follows.".into(),
    };
    engagements.step(admin, forum, &off).await?;
    super::surveys::surveys(app, officer, held, upcoming).await
}

/// The address a walk-in wrote on the sign-in sheet: `amina.yusuf@example.net`.
fn email(name: &str) -> String {
    let local: String = name
        .to_lowercase()
        .replace('é', "e")
        .chars()
        .map(|c| if c == ' ' { '.' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    format!("{local}@example.net")
}
