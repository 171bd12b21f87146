//! Mediation over the API: proposed on a concern, read whole, and each of its steps — a
//! party, a session, a proposal, an answer, a step of its course, a term of its agreement.
//! Each handler calls the operation the staff pages call, with the same command.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::commitments::{reference, SaveCommitment};
use liaison_app::mediation::{
    AddParty, AddProposal, AnswerProposal, MediationStep, ProposeMediation, RecordSession,
};
use liaison_app::AppError;
use liaison_domain::values::day_text;
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::concerns::{command, step, time, zone};
use super::{body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// Mediation over the API: its routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/mediations", post(propose))
        .route("/api/v1/mediations/{id}", get(one))
        .route("/api/v1/mediations/{id}/parties", post(party))
        .route("/api/v1/mediations/{id}/sessions", post(session))
        .route("/api/v1/mediations/{id}/proposals", post(proposal))
        .route("/api/v1/mediations/{id}/answers", post(answer))
        .route("/api/v1/mediations/{id}/steps", post(course))
        .route("/api/v1/mediations/{id}/terms", post(term))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(propose, one, party, session, proposal, answer, course, term),
    components(schemas(
        ProposeMediation,
        AddParty,
        RecordSession,
        AddProposal,
        AnswerProposal,
        MediationStep
    )),
    tags((name = "mediation", description = "Mediation of disputes raised in concerns"))
)]
pub struct Doc;

/// A mediation, with its parties, sessions, proposals and the terms of its agreement.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediationOut {
    id: i64,
    concern_id: i64,
    concern: String,
    /// `proposed`, `accepted`, `declined`, `settled` or `unsettled`.
    status: String,
    mediator_id: i64,
    mediator: String,
    purpose: String,
    outcome: String,
    proposed_at: String,
    closed_at: Option<String>,
    parties: Vec<PartyOut>,
    sessions: Vec<SessionOut>,
    proposals: Vec<ProposalOut>,
    /// The agreement's terms: commitments in the register.
    terms: Vec<TermOut>,
    /// The steps this caller may take now.
    steps: Vec<String>,
}

/// A party.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartyOut {
    name: String,
    side: String,
    represents: String,
    language: String,
}

/// A session. Confidential notes are empty (and `notes_withheld`) for callers other than
/// the mediator, the one who recorded them and the supervisors.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    held_at: String,
    place: String,
    attended: String,
    interpreter: String,
    notes: String,
    confidential: bool,
    notes_withheld: bool,
}

/// A proposal and its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalOut {
    id: i64,
    made_by: String,
    text: String,
    /// `accepted` or `rejected`, once answered.
    answer: Option<String>,
    made_at: String,
}

/// A term of the agreement: a commitment.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermOut {
    id: i64,
    reference: String,
    title: String,
    owner: String,
    due_on: String,
    status: String,
}

async fn mediation_out(state: &AppState, user: &User, id: i64) -> Result<MediationOut, AppError> {
    let tz = zone(state).await?;
    let v = state.app.mediations().get(user, id).await?;
    let m = v.mediation;
    Ok(MediationOut {
        id: m.id,
        concern_id: m.concern_id,
        concern: v.concern_reference,
        status: m.status.as_str().into(),
        mediator_id: m.mediator_id,
        mediator: m.mediator_name,
        purpose: m.purpose,
        outcome: m.outcome,
        proposed_at: time(m.proposed_at, tz),
        closed_at: m.closed_at.map(|t| time(t, tz)),
        parties: (v.parties.into_iter())
            .map(|p| PartyOut {
                name: p.name,
                side: p.side.as_str().into(),
                represents: p.represents,
                language: p.language,
            })
            .collect(),
        sessions: (v.sessions.into_iter())
            .map(|(s, shown)| SessionOut {
                held_at: time(s.held_at, tz),
                place: s.place,
                attended: s.attended,
                interpreter: s.interpreter,
                notes: s.notes,
                confidential: s.confidential,
                notes_withheld: !shown,
            })
            .collect(),
        proposals: (v.proposals.into_iter())
            .map(|p| ProposalOut {
                id: p.id,
                made_by: p.made_by,
                text: p.text,
                answer: p.answer.map(|a| a.as_str().into()),
                made_at: time(p.made_at, tz),
            })
            .collect(),
        terms: (v.terms.into_iter())
            .map(|k| TermOut {
                reference: reference(k.id),
                id: k.id,
                title: k.terms.title,
                owner: k.owner_name,
                due_on: day_text(k.terms.due_on),
                status: k.status.as_str().into(),
            })
            .collect(),
        steps: v.steps.iter().map(|s| s.as_str().into()).collect(),
    })
}

/// Propose mediation on a concern: 201 with its id.
#[utoipa::path(post, path = "/api/v1/mediations", tag = "mediation",
    request_body = ProposeMediation,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn propose(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let write = async {
        let fields = match body_object(&state, &headers, &body) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let made = match command::<ProposeMediation>(&fields) {
            Ok(cmd) => state.app.mediations().propose(&caller.user, &cmd).await,
            Err(e) => Err(e),
        };
        match made {
            Ok(id) => {
                let mut response = json(StatusCode::CREATED, &Added { id });
                if let Ok(l) = HeaderValue::from_str(&format!("/api/v1/mediations/{id}")) {
                    response.headers_mut().insert(header::LOCATION, l);
                }
                response
            }
            Err(e) => problem(&state, &headers, e),
        }
    };
    once(
        &state,
        &caller,
        &headers,
        ("POST /api/v1/mediations", &body),
        write,
    )
    .await
}

/// One mediation, whole.
#[utoipa::path(get, path = "/api/v1/mediations/{id}", tag = "mediation",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = MediationOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        mediation_out(&state, &caller.user, id).await
    };
    match found.await {
        Ok(m) => json(StatusCode::OK, &m),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Runs one of a mediation's operations with the command the body holds, once per
/// idempotency key; answers the mediation as it now stands.
async fn write<C, F>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    (id, tail, body): (String, &str, Bytes),
    op: F,
) -> Response
where
    C: DeserializeOwned,
    F: AsyncFnOnce(&AppState, &User, i64, C) -> Result<(), AppError>,
{
    let Caller(caller) = caller;
    let request = format!("POST /api/v1/mediations/{id}/{tail}");
    let write = step(&state, &headers, &id, &body, |n, cmd: C| {
        let (state, user) = (&state, &caller.user);
        async move {
            op(state, user, n, cmd).await?;
            Ok(json(StatusCode::OK, &mediation_out(state, user, n).await?))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

macro_rules! operation {
    ($(#[$doc:meta])* $name:ident, $tail:literal, $cmd:ty, |$m:ident, $user:ident, $n:ident, $c:ident| $call:expr) => {
        $(#[$doc])*
        #[utoipa::path(post, path = concat!("/api/v1/mediations/{id}/", $tail), tag = "mediation",
            request_body = $cmd,
            params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
            responses(
                (status = 200, body = MediationOut),
                (status = 400, body = Problem, content_type = "application/problem+json"),
                (status = 401, body = Problem, content_type = "application/problem+json"),
                (status = 403, body = Problem, content_type = "application/problem+json"),
                (status = 404, body = Problem, content_type = "application/problem+json"),
                (status = 409, body = Problem, content_type = "application/problem+json"),
                (status = 415, body = Problem, content_type = "application/problem+json"),
                (status = 422, body = Problem, content_type = "application/problem+json"),
            ))]
        pub async fn $name(
            State(state): State<AppState>,
            caller: Caller,
            headers: HeaderMap,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Response {
            write(state, caller, headers, (id, $tail, body), async |state: &AppState, $user: &User, $n: i64, $c: $cmd| {
                let $m = state.app.mediations();
                $call
            })
            .await
        }
    };
}

operation!(
    /// Add a party.
    party, "parties", AddParty, |m, user, n, c| m.add_party(user, n, &c).await
);
operation!(
    /// Record a session, held or planned (notes confidential unless `share_notes`).
    session, "sessions", RecordSession, |m, user, n, c| m.record_session(user, n, &c).await
);
operation!(
    /// Record a proposal put forward.
    proposal, "proposals", AddProposal, |m, user, n, c| m.add_proposal(user, n, &c).await
);
operation!(
    /// Record the parties' answer to a proposal.
    answer, "answers", AnswerProposal, |m, user, n, c| m.answer(user, n, &c).await
);
operation!(
    /// Take a step: `accept`, `decline`, `settle` or `end`.
    course, "steps", MediationStep, |m, user, n, c| m.step(user, n, &c).await.map(|_| ())
);
operation!(
    /// Record a term of the agreement as a commitment (while under way, or settled).
    term, "terms", SaveCommitment, |m, user, n, c| m.add_term(user, n, &c).await.map(|_| ())
);
