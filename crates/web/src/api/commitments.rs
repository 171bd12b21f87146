//! The commitments register over the API: listed by view with a cursor, one with its
//! timeline, made, changed, and its progress recorded. Each handler calls the operation the
//! staff pages call, with the same command.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use chrono_tz::Tz;
use liaison_app::commitments::{reference, Commitment, Progress, SaveCommitment, Standing, View};
use liaison_app::{AppError, Input};
use liaison_domain::values::{self, day_text};
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{command, step, time, zone};
use super::{bad_query, body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// The register over the API: its routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/commitments", get(list).post(make))
        .route("/api/v1/commitments/{id}", get(one).post(change))
        .route("/api/v1/commitments/{id}/progress", post(progress))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(list, make, one, change, progress),
    components(schemas(SaveCommitment, Progress)),
    tags((name = "commitments", description = "The commitments register"))
)]
pub struct Doc;

/// A commitment.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentOut {
    id: i64,
    /// Its human reference, such as `CM-00042`.
    reference: String,
    title: String,
    description: String,
    owner_id: i64,
    owner: String,
    /// YYYY-MM-DD.
    due_on: String,
    /// `open`, `in_progress`, `kept` or `dropped`.
    status: String,
    /// `open`, `due_today`, `overdue` or `done`.
    standing: String,
    /// The evidence it was kept, or why it was dropped.
    evidence: String,
    confidentiality: String,
    public: bool,
    /// `register`, `concern`, `mediation` or `engagement`.
    source: String,
    /// The concern it was made on.
    concern: Option<String>,
    /// The engagement it was made at (its id, at `/api/v1/engagements/{id}`).
    engagement: Option<i64>,
    created_at: String,
    updated_at: String,
    closed_at: Option<String>,
    /// Its timeline, oldest first (one commitment only).
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<CommitmentEventOut>>,
}

/// A line of a commitment's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentEventOut {
    at: String,
    /// `made`, `changed` or `progress`.
    kind: String,
    by: Option<String>,
    from: Option<String>,
    to: Option<String>,
    body: String,
}

/// A page of commitments.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentPage {
    items: Vec<CommitmentOut>,
    /// Give it as `cursor` for the next page; absent on the last.
    next: Option<String>,
}

/// Which commitments, and where the page starts.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct CommitmentQuery {
    /// `open` (default), `mine`, `late` or `closed`.
    view: Option<String>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
}

fn out(k: Commitment, standing: Standing, tz: Tz) -> CommitmentOut {
    CommitmentOut {
        reference: reference(k.id),
        id: k.id,
        title: k.terms.title,
        description: k.terms.description,
        owner_id: k.terms.owner,
        owner: k.owner_name,
        due_on: day_text(k.terms.due_on),
        status: k.status.as_str().into(),
        standing: standing.as_str().into(),
        evidence: k.evidence,
        confidentiality: k.terms.confidentiality.as_str().into(),
        public: k.terms.public,
        source: k.source.as_str().into(),
        concern: k.concern_reference,
        engagement: k.engagement_id,
        created_at: time(k.created_at, tz),
        updated_at: time(k.updated_at, tz),
        closed_at: k.closed_at.map(|t| time(t, tz)),
        events: None,
    }
}

/// The register, soonest due first.
#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments", params(CommitmentQuery),
    responses(
        (status = 200, body = CommitmentPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let sent = Input::from_urlencoded(q.as_deref().unwrap_or_default().as_bytes());
    let mut errors = FieldErrors::new();
    let view = match sent.get("view") {
        "" | "open" => View::Open,
        "mine" => View::Mine,
        "late" => View::Late,
        "closed" => View::Closed,
        _ => {
            errors.add("view", "error-choice");
            View::Open
        }
    };
    let cursor = sent.get("cursor");
    let after = cursor
        .split_once('~')
        .and_then(|(d, id)| Some((values::day(d).ok()??, id.parse::<i64>().ok()?)));
    if !cursor.is_empty() && after.is_none() {
        errors.add("cursor", "error-cursor");
    }
    if !errors.is_empty() {
        return bad_query(&state, &headers, errors);
    }
    let found = async {
        let tz = zone(&state).await?;
        let page = (state.app.commitments())
            .list(&caller.user, view, after, 100)
            .await?;
        Ok::<_, AppError>((page, tz))
    }
    .await;
    match found {
        Ok(((items, next), tz)) => json(
            StatusCode::OK,
            &CommitmentPage {
                items: items.into_iter().map(|(k, s)| out(k, s, tz)).collect(),
                next: next.map(|(d, id)| format!("{}~{id}", day_text(d))),
            },
        ),
        Err(e) => problem(&state, &headers, e),
    }
}

/// One commitment, with its timeline.
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "commitments",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = CommitmentOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    match commitment_out(&state, &caller.user, &id).await {
        Ok(k) => json(StatusCode::OK, &k),
        Err(e) => problem(&state, &headers, e),
    }
}

async fn commitment_out(
    state: &AppState,
    user: &liaison_app::accounts::User,
    id: &str,
) -> Result<CommitmentOut, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let tz = zone(state).await?;
    let v = state.app.commitments().get(user, id).await?;
    let events = v
        .timeline
        .into_iter()
        .map(|l| CommitmentEventOut {
            at: time(l.at, tz),
            kind: l.kind.as_str().into(),
            by: l.actor_name,
            from: l.changed_from.map(|s| s.as_str().into()),
            to: l.changed_to.map(|s| s.as_str().into()),
            body: l.body,
        })
        .collect();
    let mut k = out(v.commitment, v.standing, tz);
    k.events = Some(events);
    Ok(k)
}

/// Record a commitment (by hand, or on a concern named by its reference): 201 with its id.
#[utoipa::path(post, path = "/api/v1/commitments", tag = "commitments",
    request_body = SaveCommitment,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn make(
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
        let made = match command::<SaveCommitment>(&fields) {
            Ok(cmd) => state.app.commitments().make(&caller.user, &cmd).await,
            Err(e) => Err(e),
        };
        match made {
            Ok(id) => {
                let mut response = json(StatusCode::CREATED, &Added { id });
                if let Ok(l) = HeaderValue::from_str(&format!("/api/v1/commitments/{id}")) {
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
        ("POST /api/v1/commitments", &body),
        write,
    )
    .await
}

/// Change a commitment's terms: what, owner, due day, who may see it.
#[utoipa::path(post, path = "/api/v1/commitments/{id}", tag = "commitments",
    request_body = SaveCommitment,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = CommitmentOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/commitments/{id}");
    let write = step(&state, &headers, &id, &body, |n, cmd: SaveCommitment| {
        let (state, user, id) = (&state, &caller.user, &id);
        async move {
            state.app.commitments().change(user, n, &cmd).await?;
            Ok(json(
                StatusCode::OK,
                &commitment_out(state, user, id).await?,
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Record a commitment's progress: begun, kept (with the evidence), dropped (with the
/// reason), or open again.
#[utoipa::path(post, path = "/api/v1/commitments/{id}/progress", tag = "commitments",
    request_body = Progress,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = CommitmentOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn progress(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/commitments/{id}/progress");
    let write = step(&state, &headers, &id, &body, |n, cmd: Progress| {
        let (state, user, id) = (&state, &caller.user, &id);
        async move {
            state.app.commitments().progress(user, n, &cmd).await?;
            Ok(json(
                StatusCode::OK,
                &commitment_out(state, user, id).await?,
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}
