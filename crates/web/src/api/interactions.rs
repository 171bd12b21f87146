//! The engagement log over the API: interactions listed with the staff log's filters and a
//! cursor, one with its participants, follow-ups and timeline, logged and changed;
//! follow-ups added, done and opened again; the caller's task list. Each handler calls the
//! operation the staff pages call, with the same command.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::interactions::{
    cursor_text, filter_from, AddFollowUp, FollowUp, LogInteraction, Logged, Standing, View,
};
use liaison_app::stakeholders::Stakeholder;
use liaison_app::{AppError, Input};
use liaison_domain::interactions::InteractionKind;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::{day_text, Day};
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{command, step, time, zone};
use super::{bad_query, body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// The engagement log over the API: its routes…
pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/api/v1/interactions",
            get(interactions).post(log_interaction),
        )
        .route(
            "/api/v1/interactions/{id}",
            get(interaction).post(update_interaction),
        )
        .route("/api/v1/interactions/{id}/follow-ups", post(add_follow_up))
        .route("/api/v1/follow-ups/{id}/done", post(follow_up_done))
        .route("/api/v1/follow-ups/{id}/reopen", post(follow_up_reopen))
        .route("/api/v1/tasks", get(tasks))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(
        interactions,
        log_interaction,
        interaction,
        update_interaction,
        add_follow_up,
        follow_up_done,
        follow_up_reopen,
        tasks
    ),
    components(schemas(LogInteraction, AddFollowUp)),
    tags((name = "interactions", description = "The engagement log: interactions with the register's people and organizations, and their follow-ups"))
)]
pub struct Doc;

/// Filters of the log: the staff log's own.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct LogQuery {
    /// Only those this person took part in (an id).
    person: Option<i64>,
    /// Only those this organization took part in (an id).
    organization: Option<i64>,
    /// Only those this staff member took part in (an id).
    officer: Option<i64>,
    /// Only those about this topic.
    topic: Option<String>,
    /// `meeting`, `call`, `visit`, `email`, `letter`, `message`, `social_media` or
    /// `chance_encounter`.
    kind: Option<String>,
    /// Only those on or after this day (`2026-01-01`).
    from: Option<String>,
    /// Only those on or before this day.
    to: Option<String>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
    /// Interactions per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// A page of the log, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogPage {
    items: Vec<InteractionOut>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A participant the caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantOut {
    /// `person` or `organization`.
    kind: String,
    id: i64,
    name: String,
}

/// A staff member who took part.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficerOut {
    id: i64,
    name: String,
}

/// A follow-up.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpOut {
    id: i64,
    interaction: i64,
    what: String,
    /// The owner's id.
    owner: i64,
    owner_name: String,
    /// The day it is due.
    due_on: String,
    /// `overdue`, `due_today`, `open` or `done`, today in the office's time zone.
    standing: String,
    /// When it was done (RFC 3339, the office's offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    done_at: Option<String>,
}

/// A line of an interaction's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct InteractionLineOut {
    /// RFC 3339.
    at: String,
    /// `created`, `changed`, `follow_up_done`, `follow_up_reopened`.
    kind: String,
    /// Who, when staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    /// The fields changed, or the follow-up's id.
    body: String,
}

/// An interaction.
#[derive(Debug, Serialize, ToSchema)]
pub struct InteractionOut {
    id: i64,
    /// How the contact was made.
    kind: String,
    /// The day it happened.
    happened_on: String,
    summary: String,
    topics: Vec<String>,
    /// The attitude observed, if noted.
    #[serde(skip_serializing_if = "Option::is_none")]
    attitude: Option<String>,
    /// `public`, `restricted` or `confidential`.
    confidentiality: String,
    /// The participants the caller may see, in the order given.
    participants: Vec<ParticipantOut>,
    /// How many took part that the caller may not see.
    participants_hidden: usize,
    officers: Vec<OfficerOut>,
    follow_ups: Vec<FollowUpOut>,
    /// RFC 3339.
    logged_at: String,
    /// Its timeline, newest first (one interaction only).
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<Vec<InteractionLineOut>>,
}

/// A follow-up done or opened again.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpState {
    id: i64,
    done: bool,
}

/// The caller's open follow-ups, soonest due first.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskPage {
    items: Vec<FollowUpOut>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

fn follow_up_out(f: FollowUp, today: Day, tz: chrono_tz::Tz) -> FollowUpOut {
    FollowUpOut {
        id: f.id,
        interaction: f.interaction_id,
        standing: Standing::of(f.terms.due_on, f.done_at.is_some(), today)
            .as_str()
            .into(),
        what: f.terms.what,
        owner: f.terms.owner,
        owner_name: f.owner_name,
        due_on: day_text(f.terms.due_on),
        done_at: f.done_at.map(|t| time(t, tz)),
    }
}

fn out(x: Logged, seen: &[Stakeholder], today: Day, tz: chrono_tz::Tz) -> InteractionOut {
    let i = x.interaction;
    let participants: Vec<ParticipantOut> = (i.participants.iter())
        .filter_map(|p| seen.iter().find(|s| s.record() == *p))
        .map(|s| ParticipantOut {
            kind: s.record().kind.as_str().into(),
            id: s.id,
            name: s.profile.name.clone(),
        })
        .collect();
    InteractionOut {
        id: x.id,
        kind: i.kind.as_str().into(),
        happened_on: day_text(i.happened_on),
        summary: i.summary,
        topics: i.topics,
        attitude: i.attitude.map(|a| a.as_str().into()),
        confidentiality: i.confidentiality.as_str().into(),
        participants_hidden: i.participants.len() - participants.len(),
        participants,
        officers: (i.officers.iter().zip(x.officer_names))
            .map(|(id, name)| OfficerOut { id: *id, name })
            .collect(),
        follow_ups: (x.follow_ups.into_iter())
            .map(|f| follow_up_out(f, today, tz))
            .collect(),
        logged_at: time(x.created_at, tz),
        timeline: None,
    }
}

fn today(tz: chrono_tz::Tz) -> Day {
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// The log's filter a query string asks for, or the fields at fault.
fn log_filter(query: &str) -> Result<liaison_app::interactions::Filter, FieldErrors> {
    let sent = Input::from_urlencoded(query.as_bytes());
    let mut errors = FieldErrors::new();
    let given = |field: &str| !sent.get(field).trim().is_empty();
    for field in ["person", "organization", "officer"] {
        if given(field) && sent.get(field).trim().parse::<i64>().is_err() {
            errors.add(field, "error-choice");
        }
    }
    if given("kind") {
        errors.take("kind", InteractionKind::parse(sent.get("kind")));
    }
    for field in ["from", "to"] {
        errors.take(field, liaison_domain::values::day(sent.get(field)));
    }
    let cursor = sent.get("cursor");
    if !cursor.is_empty()
        && cursor
            .split_once('.')
            .and_then(|(d, id)| {
                Some((
                    liaison_domain::values::day(d).ok()??,
                    id.parse::<i64>().ok()?,
                ))
            })
            .is_none()
    {
        errors.add("cursor", "error-cursor");
    }
    let limit = errors
        .take(
            "limit",
            liaison_domain::values::count(sent.get("limit"), 200),
        )
        .flatten()
        .unwrap_or(50);
    errors.into_result()?;
    let mut filter = filter_from(
        |field| {
            let field = if field == "before" { "cursor" } else { field };
            sent.get(field).to_string()
        },
        limit,
    );
    let id = |field: &str| sent.get(field).trim().parse::<i64>().ok();
    filter.participant = match (id("person"), id("organization")) {
        (Some(id), _) => Some(RecordRef {
            kind: RecordKind::Person,
            id,
        }),
        (None, Some(id)) => Some(RecordRef {
            kind: RecordKind::Organization,
            id,
        }),
        (None, None) => None,
    };
    Ok(filter)
}

/// List the interactions the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/interactions", tag = "interactions", params(LogQuery),
    responses(
        (status = 200, body = LogPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn interactions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let filter = match log_filter(q.as_deref().unwrap_or_default()) {
        Ok(f) => f,
        Err(errors) => return bad_query(&state, &headers, errors),
    };
    let found = async {
        let tz = zone(&state).await?;
        let page = state.app.interactions().list(&caller.user, &filter).await?;
        Ok::<_, AppError>((page, tz))
    }
    .await;
    match found {
        Ok(((found, next), tz)) => {
            let day = today(tz);
            json(
                StatusCode::OK,
                &LogPage {
                    items: (found.into_iter())
                        .map(|(x, seen)| out(x, &seen, day, tz))
                        .collect(),
                    next: next.map(|n| cursor_text(&n)),
                },
            )
        }
        Err(e) => problem(&state, &headers, e),
    }
}

/// One interaction as the caller may see it.
async fn one(state: &AppState, user: &User, headers: &HeaderMap, id: i64) -> Response {
    let found = async {
        let v: View = state.app.interactions().get(user, id).await?;
        Ok::<_, AppError>((v, zone(state).await?))
    }
    .await;
    match found {
        Ok((v, tz)) => {
            let timeline = (v.timeline.into_iter())
                .map(|l| InteractionLineOut {
                    at: time(l.at, tz),
                    kind: l.kind.as_str().into(),
                    by: l.actor_name,
                    body: l.body,
                })
                .collect();
            let mut body = out(v.logged, &v.participants, today(tz), tz);
            body.timeline = Some(timeline);
            json(StatusCode::OK, &body)
        }
        Err(e) => problem(state, headers, e),
    }
}

/// Show one interaction: participants, officers, follow-ups and its timeline.
#[utoipa::path(get, path = "/api/v1/interactions/{id}", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = InteractionOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn interaction(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    match id.parse::<i64>() {
        Ok(id) => one(&state, &caller.user, &headers, id).await,
        Err(_) => problem(&state, &headers, AppError::NotFound),
    }
}

/// Log an interaction with its follow-ups: 201 with its id and `Location`.
#[utoipa::path(post, path = "/api/v1/interactions", tag = "interactions",
    request_body = LogInteraction,
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
pub async fn log_interaction(
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
        let logged = match command::<LogInteraction>(&fields) {
            Ok(cmd) => state.app.interactions().log(&caller.user, &cmd).await,
            Err(e) => Err(e),
        };
        match logged {
            Ok(id) => {
                let mut response = json(StatusCode::CREATED, &Added { id });
                if let Ok(l) = HeaderValue::from_str(&format!("/api/v1/interactions/{id}")) {
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
        ("POST /api/v1/interactions", &body),
        write,
    )
    .await
}

/// Change an interaction: every field is written (follow-ups stay as they are);
/// participants the caller may not see stay. Answers the interaction as now stored.
#[utoipa::path(post, path = "/api/v1/interactions/{id}", tag = "interactions",
    request_body = LogInteraction,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = InteractionOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_interaction(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/interactions/{id}");
    let write = step(&state, &headers, &id, &body, |id, cmd: LogInteraction| {
        let (state, user, headers) = (&state, &caller.user, &headers);
        async move {
            state.app.interactions().update(user, id, &cmd).await?;
            Ok(one(state, user, headers, id).await)
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Add a follow-up to an interaction: 201 with its id.
#[utoipa::path(post, path = "/api/v1/interactions/{id}/follow-ups", tag = "interactions",
    request_body = AddFollowUp,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
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
pub async fn add_follow_up(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/interactions/{id}/follow-ups");
    let write = step(&state, &headers, &id, &body, |id, cmd: AddFollowUp| {
        let (state, user) = (&state, &caller.user);
        async move {
            let id = state
                .app
                .interactions()
                .add_follow_up(user, id, &cmd)
                .await?;
            Ok(json(StatusCode::CREATED, &Added { id }))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

async fn set_done(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    id: String,
    done: bool,
) -> Response {
    let Caller(caller) = caller;
    let result = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        state
            .app
            .interactions()
            .set_done(&caller.user, id, done)
            .await?;
        Ok::<_, AppError>(id)
    }
    .await;
    match result {
        Ok(id) => json(StatusCode::OK, &FollowUpState { id, done }),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Mark a follow-up done (nothing changes when it already is).
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/done", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = FollowUpState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn follow_up_done(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    set_done(state, caller, headers, id, true).await
}

/// Open a follow-up again.
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/reopen", tag = "interactions",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = FollowUpState),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn follow_up_reopen(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    set_done(state, caller, headers, id, false).await
}

/// Where a page of tasks starts.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct TaskQuery {
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
}

/// The caller's open follow-ups, soonest due first (overdue ones first of all).
#[utoipa::path(get, path = "/api/v1/tasks", tag = "interactions", params(TaskQuery),
    responses(
        (status = 200, body = TaskPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn tasks(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let sent = Input::from_urlencoded(q.as_deref().unwrap_or_default().as_bytes());
    let cursor = sent.get("cursor");
    let after = cursor.split_once('.').and_then(|(d, id)| {
        Some((
            liaison_domain::values::day(d).ok()??,
            id.parse::<i64>().ok()?,
        ))
    });
    if !cursor.is_empty() && after.is_none() {
        let mut errors = FieldErrors::new();
        errors.add("cursor", "error-cursor");
        return bad_query(&state, &headers, errors);
    }
    let found = async {
        let tz = zone(&state).await?;
        let page = state
            .app
            .interactions()
            .tasks(&caller.user, after, 100)
            .await?;
        Ok::<_, AppError>((page, tz))
    }
    .await;
    match found {
        Ok(((tasks, next), tz)) => {
            let day = today(tz);
            json(
                StatusCode::OK,
                &TaskPage {
                    items: (tasks.into_iter())
                        .map(|t| follow_up_out(t.follow_up, day, tz))
                        .collect(),
                    next: next.map(|n| cursor_text(&n)),
                },
            )
        }
        Err(e) => problem(&state, &headers, e),
    }
}
