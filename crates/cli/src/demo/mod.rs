//! The demo office's grievance loop, walked with the application's own operations once the
//! generated office is loaded: satisfaction answers, appeals (one overturned, one upheld,
//! one waiting for its review), a mediation settled with its agreement's terms and another
//! proposed, and commitments in the register at every stage; then its engagements
//! (`engagements.rs`) and their feedback surveys (`surveys.rs`).

mod engagements;
mod surveys;

use liaison_app::accounts::User;
use liaison_app::appeals::LodgeAppeal;
use liaison_app::commitments::{Progress, SaveCommitment};
use liaison_app::concerns::{QueueFilter, Satisfaction, Sort, Transition};
use liaison_app::mediation::{
    AddParty, AddProposal, AnswerProposal, MediationStep, ProposeMediation, RecordSession,
};
use liaison_app::{now, App, AppError, AppResult};
use liaison_domain::concerns::Status;
use liaison_domain::Role;

/// Walks a few of the demo office's concerns through the rest of the grievance loop.
pub async fn grievance_loop(app: &App) -> AppResult<()> {
    let staff = app.accounts().assignable_staff().await?;
    let of = |role: Role| staff.iter().filter(move |u| u.role == role);
    let (Some(admin), Some(officer)) = (of(Role::Administrator).next(), of(Role::Officer).next())
    else {
        return Err(AppError::Internal("the demo office has its staff"));
    };
    let reviewers: Vec<&User> = of(Role::Supervisor).chain([admin]).collect();
    // Days in the office's zone: its "today" is not UTC's for hours each day.
    let zone = app.office().settings().await?.calendar.time_zone;
    let day = |days: i64| {
        (chrono::Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let recent = async |status: Status| -> AppResult<Vec<i64>> {
        let filter = QueueFilter {
            status: Some(status),
            sort: Sort::Newest,
            limit: 20,
            now: now(),
            ..QueueFilter::default()
        };
        // The officer's view: concerns they may see and act on.
        let (found, _) = app.concerns().queue(officer, &filter).await?;
        Ok(found.into_iter().map(|s| s.id).collect())
    };

    // Satisfaction, as officers heard it by phone and at visits.
    let answers = [
        (
            "yes",
            "phone",
            "Quick and polite; the crew cleaned up after.",
        ),
        ("no", "visit", "It was fixed, but it took three weeks."),
        ("yes", "phone", ""),
    ];
    for (id, (satisfied, via, reason)) in recent(Status::Resolved).await?.into_iter().zip(answers) {
        let answer = Satisfaction {
            satisfied: satisfied.into(),
            via: via.into(),
            reason: reason.into(),
        };
        app.concerns()
            .record_satisfaction(officer, id, &answer)
            .await?;
    }

    // Appeals of decisions still within their window: overturned, upheld, waiting.
    let mut appealable = Vec::new();
    for status in [Status::Rejected, Status::Resolved] {
        for id in recent(status).await? {
            if app.concerns().get(admin, id).await?.appeal_until.is_some() {
                appealable.push(id);
            }
        }
    }
    let outcomes = [
        Some((
            "overturn",
            "The photos show the damage is on the public side: we look again.",
        )),
        Some((
            "uphold",
            "The site visit confirmed the work meets the permit.",
        )),
        None,
    ];
    for (id, outcome) in appealable.into_iter().zip(outcomes) {
        let appeal = LodgeAppeal {
            grounds: "The reporter called: nothing changed on the ground.".into(),
            via: "phone".into(),
        };
        app.concerns().appeal(officer, id, &appeal).await?;
        let Some((action, note)) = outcome else {
            continue;
        };
        let step = Transition {
            action: action.into(),
            note: note.into(),
            ..Transition::default()
        };
        // Someone who did not take the decision reviews it.
        for reviewer in &reviewers {
            if app.concerns().act(reviewer, id, &step).await.is_ok() {
                break;
            }
        }
    }

    // A dispute mediated to an agreement, and another mediation offered.
    let disputes = recent(Status::InProgress).await?;
    if let Some(&concern) = disputes.first() {
        let m = app.mediations();
        let propose = ProposeMediation {
            concern: concern.to_string().into(),
            purpose: "Night-time deliveries and the noise they make for the houses on the corner."
                .into(),
            ..ProposeMediation::default()
        };
        let id = m.propose(officer, &propose).await?;
        for (name, side, represents, language) in [
            (
                "Lerato Dube",
                "complainant",
                "Residents of Corner Street",
                "st",
            ),
            ("Pieter van Wyk", "respondent", "Van Wyk Logistics", ""),
        ] {
            let party = AddParty {
                name: name.into(),
                side: side.into(),
                represents: represents.into(),
                language: language.into(),
            };
            m.add_party(officer, id, &party).await?;
        }
        let step = |word: &str, note: &str| MediationStep {
            step: word.into(),
            note: note.into(),
        };
        m.step(officer, id, &step("accept", "")).await?;
        let session = RecordSession {
            held_at: format!("{}T17:30", day(-5)).into(),
            place: "Community hall".into(),
            attended: "Lerato Dube, Pieter van Wyk, the mediator".into(),
            interpreter: "Thabo Mokoena (Sesotho)".into(),
            notes: "Deliveries before 06:00 are the problem; the depot can shift two routes."
                .into(),
            ..RecordSession::default()
        };
        m.record_session(officer, id, &session).await?;
        let proposal = AddProposal {
            made_by: "Pieter van Wyk".into(),
            text: "No deliveries before 06:30; engines off while unloading.".into(),
        };
        m.add_proposal(officer, id, &proposal).await?;
        let first = m.get(officer, id).await?.proposals[0].id;
        let accepted = AnswerProposal {
            proposal: first.to_string().into(),
            answer: "accepted".into(),
        };
        m.answer(officer, id, &accepted).await?;
        for (title, due) in [
            ("No deliveries to the corner depot before 06:30", 14),
            ("Review the delivery times with the residents", 30),
        ] {
            let term = SaveCommitment {
                title: title.into(),
                due_on: day(due).into(),
                ..SaveCommitment::default()
            };
            m.add_term(officer, id, &term).await?;
        }
        m.step(
            officer,
            id,
            &step(
                "settle",
                "Delivery times agreed; reviewed with the residents in a month.",
            ),
        )
        .await?;
        if let Some(&other) = disputes.get(1) {
            let propose = ProposeMediation {
                concern: other.to_string().into(),
                purpose: "A boundary fence between two neighbours and a drainage ditch.".into(),
                ..ProposeMediation::default()
            };
            m.propose(officer, &propose).await?;
        }
    }

    // Promises entered in the register: one due soon, one under way, one kept.
    let register = app.commitments();
    for (title, due, progress) in [
        (
            "Publish the quarterly dust readings on the notice board",
            2,
            None,
        ),
        (
            "Install a speed bump by the school gate",
            21,
            Some(("in_progress", "Contractor booked for the school holidays.")),
        ),
        (
            "Repaint the pedestrian crossing on Market Street",
            3,
            Some((
                "kept",
                "Repainted on Saturday; photos in the ward newsletter.",
            )),
        ),
    ] {
        let made = SaveCommitment {
            title: title.into(),
            due_on: day(due).into(),
            confidentiality: "public".into(),
            public: true.into(),
            ..SaveCommitment::default()
        };
        let id = register.make(officer, &made).await?;
        if let Some((status, note)) = progress {
            let step = Progress {
                status: status.into(),
                note: note.into(),
            };
            register.progress(officer, id, &step).await?;
        }
    }
    engagements::engagements(app, admin, officer).await
}
