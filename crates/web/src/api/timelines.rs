//! One timeline per person and organization over the API: their own lines, the
//! interactions they took part in and the concerns linked to them, newest first, a page at
//! a time with a cursor — the staff page's timeline, through the same operation.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::stakeholders::{Entry, Mark, Show};
use liaison_app::{AppError, Input};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::day_text;
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{time, zone};
use super::stakeholders::{line_out, LineOut};
use super::{bad_query, json, problem, Caller, Problem};
use crate::routing::{get, Routes};
use crate::AppState;

/// Timelines over the API: their routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/people/{id}/timeline", get(person_timeline))
        .route(
            "/api/v1/organizations/{id}/timeline",
            get(organization_timeline),
        )
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(person_timeline, organization_timeline),
    tags((name = "stakeholders", description = "The register of people and organizations"))
)]
pub struct Doc;

/// What a page of a timeline shows, and where it starts.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct TimelineQuery {
    /// `all` (the default), `interactions`, `concerns` (people only) or `changes` (the
    /// record's own: details, relationships, assessments, consent).
    show: Option<String>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
}

/// A page of a timeline, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelinePage {
    /// The day they were last contacted (an interaction), if ever.
    #[serde(skip_serializing_if = "Option::is_none")]
    last_contacted: Option<String>,
    items: Vec<TimelineEntry>,
    /// Pass as `cursor` for the next (older) page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// One entry: exactly one of `change`, `interaction` and `concern`, as `source` says.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineEntry {
    /// `change`, `interaction` or `concern`.
    source: String,
    /// The day it falls on, in the office's time zone (an interaction's: the day it
    /// happened).
    day: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<LineOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interaction: Option<TimelineInteraction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    concern: Option<TimelineConcern>,
}

/// An interaction they took part in: the whole of it at `/api/v1/interactions/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineInteraction {
    id: i64,
    /// How the contact was made.
    kind: String,
    summary: String,
    topics: Vec<String>,
    /// The attitude observed, if noted.
    #[serde(skip_serializing_if = "Option::is_none")]
    attitude: Option<String>,
    /// The staff members who took part.
    officers: Vec<String>,
    /// Its follow-ups not done yet.
    open_follow_ups: usize,
}

/// A concern linked to the person: the whole of it at `/api/v1/concerns/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineConcern {
    id: i64,
    reference: String,
    category: String,
    status: String,
    /// RFC 3339, the office's offset.
    received_at: String,
}

fn entry_out(e: Entry, tz: chrono_tz::Tz) -> TimelineEntry {
    let day_of = |at: i64| {
        day_text(
            chrono::DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .with_timezone(&tz)
                .date_naive(),
        )
    };
    let none = |source: &str, day: String| TimelineEntry {
        source: source.into(),
        day,
        change: None,
        interaction: None,
        concern: None,
    };
    match e {
        Entry::Change(l) => {
            let day = day_of(l.at);
            TimelineEntry {
                change: Some(line_out(l, tz)),
                ..none("change", day)
            }
        }
        Entry::Interaction(x) => {
            let i = x.interaction;
            TimelineEntry {
                interaction: Some(TimelineInteraction {
                    id: x.id,
                    kind: i.kind.as_str().into(),
                    summary: i.summary,
                    topics: i.topics,
                    attitude: i.attitude.map(|a| a.as_str().into()),
                    officers: x.officer_names,
                    open_follow_ups: x.follow_ups.iter().filter(|f| f.done_at.is_none()).count(),
                }),
                ..none("interaction", day_text(i.happened_on))
            }
        }
        Entry::Concern(c) => TimelineEntry {
            concern: Some(TimelineConcern {
                id: c.id,
                reference: c.reference,
                category: c.category_name,
                status: c.status.as_str().into(),
                received_at: time(c.received_at, tz),
            }),
            ..none("concern", day_of(c.received_at))
        },
    }
}

async fn timeline(
    state: AppState,
    by: &User,
    headers: &HeaderMap,
    kind: RecordKind,
    id: &str,
    query: Option<String>,
) -> Response {
    let sent = Input::from_urlencoded(query.unwrap_or_default().as_bytes());
    let mut errors = FieldErrors::new();
    let show = sent.get("show");
    let shown = Show::parse(show);
    if !show.is_empty() && shown.as_str() != show {
        errors.add("show", "error-choice");
    }
    let cursor = sent.get("cursor");
    let before = Mark::parse(cursor);
    if !cursor.is_empty() && before.is_none() {
        errors.add("cursor", "error-cursor");
    }
    if !errors.is_empty() {
        return bad_query(&state, headers, errors);
    }
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        let record = RecordRef { kind, id };
        let app = state.app.stakeholders();
        let page = app
            .history(by, &app.get(by, record).await?, shown, before)
            .await?;
        Ok::<_, AppError>((page, zone(&state).await?))
    }
    .await;
    match found {
        Ok((page, tz)) => json(
            StatusCode::OK,
            &TimelinePage {
                last_contacted: page.last_contacted.map(day_text),
                items: page.entries.into_iter().map(|e| entry_out(e, tz)).collect(),
                next: page.older.map(|m| m.text()),
            },
        ),
        Err(e) => problem(&state, headers, e),
    }
}

/// A person's one timeline, newest first: their own lines, the interactions they took part
/// in and the concerns linked to them, of what the caller may see.
#[utoipa::path(get, path = "/api/v1/people/{id}/timeline", tag = "stakeholders",
    params(("id" = i64, Path, description = "The person's id"), TimelineQuery),
    responses(
        (status = 200, body = TimelinePage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn person_timeline(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    timeline(
        state,
        &caller.user,
        &headers,
        RecordKind::Person,
        &id,
        query,
    )
    .await
}

/// An organization's one timeline, newest first: its own lines and the interactions it
/// took part in, of what the caller may see.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/timeline", tag = "stakeholders",
    params(("id" = i64, Path, description = "The organization's id"), TimelineQuery),
    responses(
        (status = 200, body = TimelinePage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization_timeline(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    timeline(
        state,
        &caller.user,
        &headers,
        RecordKind::Organization,
        &id,
        query,
    )
    .await
}
