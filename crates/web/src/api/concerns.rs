//! Concerns over the API: the queues, one concern with its timeline, and every step of the
//! workflow. Each handler calls the same operation as the staff pages.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::SecondsFormat;
use chrono_tz::Tz;
use liaison_app::appeals::{AppealView, LodgeAppeal};
use liaison_app::command::from_json;
use liaison_app::concerns::{
    Assignment, Line, Note, RecordConcern, Satisfaction, Summary, Transition,
};
use liaison_app::{AppError, Input};
use liaison_domain::categories::AnswerValue;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{bad_query, body_object, json, once, problem, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// Concerns over the API: their routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/concerns", get(list).post(create))
        .route("/api/v1/concerns.csv", get(export))
        .route("/api/v1/concerns/{id}", get(one))
        .route("/api/v1/concerns/{id}/transitions", post(transition))
        .route("/api/v1/concerns/{id}/assignment", post(assign))
        .route("/api/v1/concerns/{id}/notes", post(note))
        .route("/api/v1/concerns/{id}/satisfaction", post(satisfaction))
        .route("/api/v1/concerns/{id}/appeals", post(appeal))
}

/// … and their description: the requests' bodies are the commands the operations take.
#[derive(OpenApi)]
#[openapi(
    paths(list, export, one, create, transition, assign, note, satisfaction, appeal),
    components(schemas(RecordConcern, Transition, Assignment, Note, Satisfaction, LodgeAppeal)),
    tags((name = "concerns", description = "Concerns and their workflow"))
)]
pub struct Doc;

/// Most concerns in one page.
const MAX_LIMIT: i64 = 200;

/// Filters of the concern list: the staff queues' own.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct ConcernQuery {
    /// `open` (default), `mine`, `unassigned`, `overdue`, `due_soon` or `all`.
    view: Option<String>,
    /// A status, such as `received` or `in_progress`.
    status: Option<String>,
    /// A category id.
    category: Option<i64>,
    /// An area id.
    area: Option<i64>,
    /// `low`, `normal`, `high` or `urgent`.
    priority: Option<String>,
    /// How it reached the office, such as `phone` or `portal`.
    channel: Option<String>,
    /// `public`, `restricted` or `confidential`.
    confidentiality: Option<String>,
    /// Received on or after this day (YYYY-MM-DD, the office's zone).
    from: Option<String>,
    /// Received on or before this day.
    to: Option<String>,
    /// `newest` (default), `oldest`, `due`, `priority` or `updated`.
    sort: Option<String>,
    /// Words to search for (each matches the beginning of a word), or a reference. A
    /// search lists the newest first and reads a bounded part of the history per page: a
    /// page may hold fewer items than `limit`, none even, and still have a `next`.
    q: Option<String>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
    /// Concerns per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// A concern in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConcernSummary {
    id: i64,
    reference: String,
    status: String,
    category: String,
    area: Option<String>,
    priority: String,
    confidentiality: String,
    /// The description's first 160 characters.
    excerpt: String,
    assignee: Option<String>,
    received_at: String,
    acknowledge_by: String,
    resolve_by: String,
    /// Set while the clock is stopped for the reporter.
    paused_at: Option<String>,
}

/// One page of concerns.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConcernPage {
    items: Vec<ConcernSummary>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// Who reported a concern; absent for roles that may not see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReporterOut {
    anonymous: bool,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    language: String,
}

/// One line of a concern's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    id: i64,
    at: String,
    /// `received`, `transition`, `assigned`, `unassigned`, `note`, `update` or `duplicate`.
    kind: String,
    /// `staff`, `resident`, `client` or `system`.
    actor_kind: String,
    actor: Option<String>,
    from_status: Option<String>,
    to_status: Option<String>,
    body: String,
    /// Whether the reporter sees it.
    public: bool,
}

/// A concern with its timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConcernOut {
    id: i64,
    reference: String,
    status: String,
    category_id: i64,
    category: String,
    description: String,
    channel: String,
    area_id: Option<i64>,
    area: Option<String>,
    address: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
    priority: String,
    confidentiality: String,
    assignee_id: Option<i64>,
    assignee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reporter: Option<ReporterOut>,
    /// Answers to the category's questions by question code: text, or a list of choices.
    #[schema(value_type = Object)]
    answers: Map<String, Value>,
    duplicate_of: Option<String>,
    received_at: String,
    updated_at: String,
    acknowledged_at: Option<String>,
    resolved_at: Option<String>,
    acknowledge_by: String,
    resolve_by: String,
    paused_at: Option<String>,
    /// The workflow actions this caller may take now.
    actions: Vec<String>,
    events: Vec<EventOut>,
    /// Until when the reporter may appeal the decision, when this caller may record an
    /// appeal now (`POST /api/v1/concerns/{id}/appeals`).
    appeal_until: Option<String>,
    /// Its appeals, oldest first.
    appeals: Vec<AppealOut>,
}

/// An appeal of a concern's decision, and its review.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealOut {
    lodged_at: String,
    /// `portal`, `phone`, `visit`, `meeting` or `email`.
    via: String,
    grounds: String,
    /// The status appealed: `resolved` or `rejected`.
    decision: String,
    decided_at: String,
    /// Who took the decision: they may not review the appeal.
    decided_by: Option<String>,
    /// The review's deadline.
    review_by: String,
    /// `uphold` or `overturn`, once reviewed.
    outcome: Option<String>,
    reviewed_by: Option<String>,
    reviewed_at: Option<String>,
    /// The reviewer's reason, as the reporter was told.
    reason: Option<String>,
}

fn appeal_out(a: AppealView, tz: Tz) -> AppealOut {
    let x = a.appeal;
    AppealOut {
        lodged_at: time(x.lodged_at, tz),
        via: x.via,
        grounds: x.grounds,
        decision: x.decision.status,
        decided_at: time(x.decision.at, tz),
        decided_by: a.decided_by,
        review_by: time(x.due_at, tz),
        outcome: x.outcome,
        reviewed_by: a.reviewed_by,
        reviewed_at: x.reviewed_at.map(|t| time(t, tz)),
        reason: x.reason,
    }
}

/// The answer to a new concern.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    id: i64,
    reference: String,
    /// Give this to the reporter: it opens the concern on the portal.
    tracking_code: String,
}

/// The status a step led to.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusOut {
    status: String,
}

pub(crate) fn time(t: i64, tz: Tz) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) async fn zone(state: &AppState) -> Result<Tz, AppError> {
    Ok(state.app.office().settings().await?.calendar.time_zone)
}

fn summary(s: Summary, tz: Tz) -> ConcernSummary {
    ConcernSummary {
        id: s.id,
        reference: s.reference,
        status: s.status.as_str().into(),
        category: s.category_name,
        area: s.area_name,
        priority: s.priority.as_str().into(),
        confidentiality: s.confidentiality.as_str().into(),
        excerpt: s.excerpt,
        assignee: s.assignee_name,
        received_at: time(s.received_at, tz),
        acknowledge_by: time(s.ack_due_at, tz),
        resolve_by: time(s.resolve_due_at, tz),
        paused_at: s.paused_at.map(|t| time(t, tz)),
    }
}

fn event(e: Line, tz: Tz) -> EventOut {
    EventOut {
        id: e.id,
        at: time(e.at, tz),
        kind: e.kind.as_str().into(),
        actor_kind: e.actor_kind,
        actor: e.actor_name,
        from_status: e.changed_from.map(|s| s.as_str().into()),
        to_status: e.changed_to.map(|s| s.as_str().into()),
        body: e.body,
        public: e.public,
    }
}

/// List concerns.
#[utoipa::path(get, path = "/api/v1/concerns", tag = "concerns", params(ConcernQuery),
    responses(
        (status = 200, body = ConcernPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let tz = match zone(&state).await {
        Ok(tz) => tz,
        Err(e) => return problem(&state, &headers, e),
    };
    let filter = match list_filter(query.as_deref().unwrap_or_default(), &caller.user, tz) {
        Ok(f) => f,
        Err(errors) => return bad_query(&state, &headers, errors),
    };
    match state.app.concerns().queue(&caller.user, &filter).await {
        Ok((rows, next)) => json(
            StatusCode::OK,
            &ConcernPage {
                items: rows.into_iter().map(|s| summary(s, tz)).collect(),
                next: next.map(|keys| {
                    keys.iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                }),
            },
        ),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Every concern the list's filters name, as a CSV file streamed as it is read.
///
/// The same query parameters as `GET /api/v1/concerns` (`cursor` and `limit` aside: the
/// file holds every match). Concerns come in the order received, newest first, or oldest
/// first with `sort=oldest` (a search: as the list orders it). The first line is a header
/// of stable names: `reference`, `received_at`, `category`, `area`, `channel`, `status`,
/// `priority`, `confidentiality`, `assignee`, `acknowledged_at`, `resolved_at`,
/// `acknowledge_by`, `resolve_by`, `address`, `lat`, `lng`, `description`,
/// `reporter_name`, `reporter_email`, `reporter_phone`. Times are ISO 8601 with the
/// office's offset; the reporter's cells are empty for anonymous concerns and for callers
/// who may not see reporters. A cell that a spreadsheet would run as a formula begins
/// with `'`. UTF-8 with a byte order mark.
#[utoipa::path(get, path = "/api/v1/concerns.csv", tag = "concerns", params(ConcernQuery),
    responses(
        (status = 200, description = "The concerns, a record each after the header",
            body = String, content_type = "text/csv"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let tz = match zone(&state).await {
        Ok(tz) => tz,
        Err(e) => return problem(&state, &headers, e),
    };
    let filter = match list_filter(query.as_deref().unwrap_or_default(), &caller.user, tz) {
        Ok(f) => f,
        Err(errors) => return bad_query(&state, &headers, errors),
    };
    match crate::staff::exports::concerns::csv(&state, caller.user, filter, tz).await {
        Ok(file) => file,
        Err(e) => problem(&state, &headers, e),
    }
}

/// The queue filter a `GET concerns` query string asks for (the staff queue's filters, the
/// cursor named `cursor`, and `limit`), or the fields at fault. Dates are read in `tz`.
pub(crate) fn list_filter(
    query: &str,
    user: &liaison_app::accounts::User,
    tz: Tz,
) -> Result<liaison_app::concerns::QueueFilter, liaison_domain::FieldErrors> {
    let sent = Input::from_urlencoded(query.as_bytes());
    // The staff queue's own filters; the API names the cursor `cursor`, and only that (an
    // `after` would be read as the cursor and its errors named `cursor`).
    let mut input = Input(
        sent.0
            .iter()
            .filter(|(k, _)| k != "after")
            .map(|(k, v)| {
                let k = if k == "cursor" { "after" } else { k.as_str() };
                (k.to_string(), v.clone())
            })
            .collect(),
    );
    input.0.retain(|(k, _)| k != "limit");
    let (mut filter, mut errors) = crate::staff::concerns::filter_from(&input, user, tz);
    if let Some(n) = errors
        .take(
            "limit",
            liaison_domain::values::count(sent.get("limit"), MAX_LIMIT),
        )
        .flatten()
    {
        filter.limit = n;
    }
    if !errors.is_empty() {
        let errors = errors
            .0
            .into_iter()
            .map(|mut f| {
                if f.field == "after" {
                    f.field = "cursor".into();
                }
                f
            })
            .collect();
        return Err(liaison_domain::FieldErrors(errors));
    }
    Ok(filter)
}

/// One concern with its timeline. A concern the caller may not see is not found.
#[utoipa::path(get, path = "/api/v1/concerns/{id}", tag = "concerns",
    params(("id" = i64, Path, description = "The concern's id")),
    responses(
        (status = 200, body = ConcernOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return problem(&state, &headers, AppError::NotFound);
    };
    match concern_out(&state, &caller.user, id).await {
        Ok(c) => json(StatusCode::OK, &c),
        Err(e) => problem(&state, &headers, e),
    }
}

async fn concern_out(
    state: &AppState,
    user: &liaison_app::accounts::User,
    id: i64,
) -> Result<ConcernOut, AppError> {
    let tz = zone(state).await?;
    let view = state.app.concerns().get(user, id).await?;
    let appeals = state.app.concerns().appeals(user, id).await?;
    let c = view.concern;
    let answers = c
        .answers
        .into_iter()
        .map(|(code, a)| {
            let v = match a {
                AnswerValue::One(s) => Value::String(s),
                AnswerValue::Many(keys) => {
                    Value::Array(keys.into_iter().map(Value::String).collect())
                }
            };
            (code, v)
        })
        .collect();
    Ok(ConcernOut {
        id: c.id,
        reference: c.reference,
        status: c.status.as_str().into(),
        category_id: c.category_id,
        category: c.category_name,
        description: c.description,
        channel: c.channel.as_str().into(),
        area_id: c.area_id,
        area: c.area_name,
        address: c.address,
        lat: c.point.map(|p| p.0),
        lng: c.point.map(|p| p.1),
        priority: c.priority.as_str().into(),
        confidentiality: c.confidentiality.as_str().into(),
        assignee_id: c.assignee_id,
        assignee: c.assignee_name,
        reporter: view.sees_reporter.then_some(ReporterOut {
            anonymous: c.anonymous,
            name: c.reporter.name,
            email: c.reporter.email,
            phone: c.reporter.phone,
            language: c.reporter.language,
        }),
        answers,
        duplicate_of: c.duplicate_of_reference,
        received_at: time(c.received_at, tz),
        updated_at: time(c.updated_at, tz),
        acknowledged_at: c.acknowledged_at.map(|t| time(t, tz)),
        resolved_at: c.resolved_at.map(|t| time(t, tz)),
        acknowledge_by: time(c.ack_due_at, tz),
        resolve_by: time(c.resolve_due_at, tz),
        paused_at: c.paused_at.map(|t| time(t, tz)),
        actions: view.actions.iter().map(|a| a.as_str().into()).collect(),
        events: view.timeline.into_iter().map(|e| event(e, tz)).collect(),
        appeal_until: view.appeal_until.map(|t| time(t, tz)),
        appeals: appeals.into_iter().map(|a| appeal_out(a, tz)).collect(),
    })
}

/// A JSON body decoded into the command `C` the operation takes: the same struct a form
/// decodes into, and the one the OpenAPI description names.
pub(crate) fn command<C: DeserializeOwned>(body: &Map<String, Value>) -> Result<C, AppError> {
    from_json(body).map_err(AppError::Invalid)
}

/// The category's default priority when none is given.
async fn with_default_priority(state: &AppState, mut concern: RecordConcern) -> RecordConcern {
    if concern.priority.trim().is_empty() {
        if let Ok(id) = concern.category.trim().parse::<i64>() {
            if let Ok(k) = state.app.office().category(id).await {
                concern.priority = k.fields.default_priority.as_str().into();
            }
        }
    }
    concern
}

/// Field errors named as the API names them: question fields become `answers.CODE`.
fn api_errors(e: AppError) -> AppError {
    match e {
        AppError::Invalid(mut fields) => {
            for f in &mut fields.0 {
                if let Some(code) = f.field.strip_prefix("q_") {
                    f.field = format!("answers.{code}");
                }
            }
            AppError::Invalid(fields)
        }
        other => other,
    }
}

/// Record a concern (officers, supervisors and administrators).
#[utoipa::path(post, path = "/api/v1/concerns", tag = "concerns", request_body = RecordConcern,
    params(("Idempotency-Key" = Option<String>, Header, description = "Answer a retry with the first answer")),
    responses(
        (status = 201, body = Created, headers(("Location" = String))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
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
        let result = match command(&fields) {
            Ok(concern) => {
                let concern = with_default_priority(&state, concern).await;
                match super::submission(&headers) {
                    Some(once) => {
                        (state.app.concerns())
                            .record_once(&caller.user, &concern, &once)
                            .await
                    }
                    None => state.app.concerns().record(&caller.user, &concern).await,
                }
            }
            Err(e) => Err(e),
        };
        match result.map_err(api_errors) {
            Ok(r) => {
                let mut response = json(
                    StatusCode::CREATED,
                    &Created {
                        id: r.id,
                        reference: r.reference,
                        tracking_code: r.tracking_code,
                    },
                );
                if let Ok(l) = HeaderValue::from_str(&format!("/api/v1/concerns/{}", r.id)) {
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
        ("POST /api/v1/concerns", &body),
        write,
    )
    .await
}

/// The common shape of a step on one concern: decode the command, act, answer.
pub(crate) async fn step<C, F, Fut>(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
    body: &Bytes,
    act: F,
) -> Response
where
    C: DeserializeOwned,
    F: FnOnce(i64, C) -> Fut,
    Fut: std::future::Future<Output = Result<Response, AppError>>,
{
    let Ok(id) = id.parse::<i64>() else {
        return problem(state, headers, AppError::NotFound);
    };
    let fields = match body_object(state, headers, body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = match command(&fields) {
        Ok(c) => act(id, c).await,
        Err(e) => Err(e),
    };
    result.unwrap_or_else(|e| problem(state, headers, e))
}

/// Take a step of the workflow.
#[utoipa::path(post, path = "/api/v1/concerns/{id}/transitions", tag = "concerns",
    request_body = Transition,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StatusOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn transition(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/concerns/{id}/transitions");
    let write = step(&state, &headers, &id, &body, |id, t: Transition| {
        let (state, user) = (&state, &caller.user);
        async move {
            let status = state.app.concerns().act(user, id, &t).await?;
            Ok(json(
                StatusCode::OK,
                &StatusOut {
                    status: status.as_str().into(),
                },
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Assign or unassign (officers, supervisors and administrators).
#[utoipa::path(post, path = "/api/v1/concerns/{id}/assignment", tag = "concerns",
    request_body = Assignment,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = ConcernOut),
        (status = 204, description = "Assigned, and no longer one the caller may see"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn assign(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/concerns/{id}/assignment");
    let write = step(&state, &headers, &id, &body, |id, a: Assignment| {
        let (state, user) = (&state, &caller.user);
        async move {
            state.app.concerns().assign(user, id, &a).await?;
            match concern_out(state, user, id).await {
                // Given to someone else, a confidential concern leaves its assignee's sight:
                // the assignment stands, and there is nothing left to show them.
                Err(AppError::NotFound) => Ok(StatusCode::NO_CONTENT.into_response()),
                found => Ok(json(StatusCode::OK, &found?)),
            }
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Add an internal note, or an update the reporter sees.
#[utoipa::path(post, path = "/api/v1/concerns/{id}/notes", tag = "concerns",
    request_body = Note,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ConcernOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn note(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/concerns/{id}/notes");
    let write = step(&state, &headers, &id, &body, |id, n: Note| {
        let (state, user) = (&state, &caller.user);
        async move {
            state.app.concerns().add_note(user, id, &n).await?;
            Ok(json(
                StatusCode::CREATED,
                &concern_out(state, user, id).await?,
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Record what the reporter said about how their concern was handled (by phone, at a visit,
/// a meeting, by email).
#[utoipa::path(post, path = "/api/v1/concerns/{id}/satisfaction", tag = "concerns",
    request_body = Satisfaction,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ConcernOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn satisfaction(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/concerns/{id}/satisfaction");
    let write = step(&state, &headers, &id, &body, |id, a: Satisfaction| {
        let (state, user) = (&state, &caller.user);
        async move {
            state
                .app
                .concerns()
                .record_satisfaction(user, id, &a)
                .await?;
            Ok(json(
                StatusCode::CREATED,
                &concern_out(state, user, id).await?,
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Record the reporter's appeal of the decision, made by phone, at a visit, a meeting or
/// by email, within the category's window (`appeal_until`). The concern becomes
/// `appealed`; a supervisor who did not take the decision reviews it with the `uphold` or
/// `overturn` step.
#[utoipa::path(post, path = "/api/v1/concerns/{id}/appeals", tag = "concerns",
    request_body = LodgeAppeal,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = ConcernOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn appeal(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/concerns/{id}/appeals");
    let write = step(&state, &headers, &id, &body, |id, a: LodgeAppeal| {
        let (state, user) = (&state, &caller.user);
        async move {
            state.app.concerns().appeal(user, id, &a).await?;
            Ok(json(
                StatusCode::CREATED,
                &concern_out(state, user, id).await?,
            ))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

#[cfg(test)]
mod tests {
    use super::list_filter;
    use liaison_app::accounts::User;
    use liaison_domain::Role;

    #[test]
    fn the_cursor_is_read_from_cursor_only() {
        let user = User {
            id: 1,
            email: "a@example.org".into(),
            name: "A".into(),
            role: Role::Officer,
            active: true,
        };
        let read = |q: &str| list_filter(q, &user, chrono_tz::Tz::UTC);
        assert_eq!(read("cursor=5.3").map(|f| f.after), Ok(Some(vec![5, 3])));
        let e = read("cursor=x").map(|f| f.after).unwrap_err();
        assert_eq!(e.for_field("cursor"), Some("error-cursor"));
        // Found by fuzzing (fuzz/fuzz_targets/api.rs): `after`, the staff pages' name, was
        // read too, and its errors named `cursor`, a field the client had not sent.
        assert_eq!(read("after=x").map(|f| f.after), Ok(None));
        assert_eq!(read("limit=5").map(|f| f.limit), Ok(5));
    }
}
