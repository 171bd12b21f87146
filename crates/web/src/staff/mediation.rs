//! Mediation pages: proposing mediation from a concern's page, and a mediation's page with
//! its parties, sessions, proposals, outcome and the terms of its agreement.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::commitments::{reference, SaveCommitment};
use liaison_app::mediation::{
    AddParty, AddProposal, AnswerProposal, Line, MediationStep, MediationView, ProposeMediation,
    RecordSession,
};
use liaison_app::AppError;
use liaison_domain::mediation::Side;
use liaison_domain::permissions::Permission;
use liaison_domain::values;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// Mediation routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/mediations", post(propose))
        .route("/staff/mediations/{id}", get(page))
        .route("/staff/mediations/{id}/{form}", post(step))
}

#[derive(Template)]
#[template(path = "staff/mediation.html")]
struct Page {
    ctx: Ctx,
    v: MediationView,
    form: FormState,
    staff: Vec<User>,
}

impl Page {
    fn sides(&self) -> Vec<&'static str> {
        Side::ALL.iter().map(|s| s.as_str()).collect()
    }

    fn line_text(&self, l: &Line) -> String {
        match (l.changed_from, l.changed_to) {
            (Some(from), Some(to)) => self.ctx.tr.t2(
                "mediation-line-step",
                ("from", self.ctx.word("mediation-status", from.as_str())),
                ("to", self.ctx.word("mediation-status", to.as_str())),
            ),
            _ => self.ctx.word("mediation-line", l.kind.as_str()),
        }
    }

    fn commitment_ref(&self, id: &i64) -> String {
        reference(*id)
    }

    fn day(&self, d: &values::Day) -> String {
        values::day_text(*d)
    }
}

/// Proposes mediation from a concern's page; its form again there when it fails.
async fn propose(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<ProposeMediation>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
    let made = state.app.mediations().propose(&staff.user, &command).await;
    let concern = input.get("concern").to_string();
    Outcome::new(ctx, input, made)
        .redirect(
            |id| format!("/staff/mediations/{id}"),
            async |_, failed| {
                super::concerns::show(&state, lang, &staff, &concern, failed, "").await
            },
        )
        .await
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    show(&state, lang, &staff, &id, FormState::default()).await
}

async fn show(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    form: FormState,
) -> Response {
    let path = format!("/staff/mediations/{id}");
    let ctx = Ctx::staff(state, staff, lang, "concerns", &path).await;
    let loaded = async {
        let v = state
            .app
            .mediations()
            .get(&staff.user, record_id(id)?)
            .await?;
        let people = if v.can_mediate {
            state
                .app
                .accounts()
                .assignable_staff()
                .await?
                .into_iter()
                .filter(|u| u.role.may(Permission::KeepCommitments))
                .collect()
        } else {
            Vec::new()
        };
        Ok::<_, AppError>((v, people))
    };
    match loaded.await {
        Ok((v, people)) => render(&Page {
            ctx,
            v,
            form,
            staff: people,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// The page's forms: `party`, `session`, `proposal`, `answer`, `step`, `term`.
async fn step(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, kind)): Path<(String, String)>,
    StaffForm { staff, input, .. }: StaffForm<IgnoredAny>,
) -> Response {
    let (m, user) = (state.app.mediations(), &staff.user);
    let result = async {
        let n = record_id(&id)?;
        match kind.as_str() {
            "party" => m.add_party(user, n, &input.decode::<AddParty>()?).await,
            "session" => {
                m.record_session(user, n, &input.decode::<RecordSession>()?)
                    .await
            }
            "proposal" => {
                m.add_proposal(user, n, &input.decode::<AddProposal>()?)
                    .await
            }
            "answer" => m.answer(user, n, &input.decode::<AnswerProposal>()?).await,
            "step" => (m.step(user, n, &input.decode::<MediationStep>()?).await).map(|_| ()),
            "term" => (m
                .add_term(user, n, &input.decode::<SaveCommitment>()?)
                .await)
                .map(|_| ()),
            _ => Err(AppError::NotFound),
        }
    }
    .await;
    let path = format!("/staff/mediations/{id}");
    let ctx = Ctx::staff(&state, &staff, lang, "concerns", &path).await;
    Outcome::new(ctx, input, result)
        .redirect(
            |()| path.clone(),
            async |_, failed| show(&state, lang, &staff, &id, failed).await,
        )
        .await
}
