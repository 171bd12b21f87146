//! Search over the API: the staff search box's answer, every kind of record the caller may
//! see (`liaison_app::search`).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use liaison_app::search::Section;
use liaison_app::{AppError, Input};
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{time, zone};
use super::{bad_query, json, problem, Caller, Problem};
use crate::routing::{get, Routes};
use crate::AppState;

/// Search over the API: its route…
pub fn routes() -> Routes {
    Routes::new().route("/api/v1/search", get(search))
}

/// … and its description.
#[derive(OpenApi)]
#[openapi(
    paths(search),
    tags((name = "search", description = "Every kind of record the caller may see, at once"))
)]
pub struct Doc;

/// One record found.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitOut {
    /// Its kind: `concern`, `category`, `area`.
    kind: String,
    id: i64,
    /// How staff name it (a concern's reference).
    label: String,
    /// What it is about (a concern's category).
    title: String,
    /// The start of its text.
    excerpt: String,
    /// When it was made (ISO 8601, in the office's zone).
    at: String,
}

/// The hits of one kind of record, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionOut {
    kind: String,
    hits: Vec<HitOut>,
    /// More records of this kind may match: list them with that kind's own endpoint, such
    /// as `GET /api/v1/concerns?q=` (from `next` when the hits are fewer than ten).
    more: bool,
    /// The kind's list goes on from here (its `cursor`): a search reads the most recent
    /// records first, a bounded number at a time, so fewer hits with a `next` mean older
    /// records may match.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// What was found.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchOut {
    sections: Vec<SectionOut>,
}

/// The search words.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string
pub struct SearchQuery {
    /// Words (each matches the beginning of a word), a person's name, or a reference such
    /// as `C-2026-00042`; at most 200 characters.
    q: Option<String>,
}

/// Records of every kind the caller may see that match the words: each kind's first hits.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses(
        (status = 200, body = SearchOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let found = async {
        let tz = zone(&state).await?;
        let sections = state
            .app
            .search()
            .find(&caller.user, input.get("q"))
            .await?;
        Ok::<_, AppError>(SearchOut {
            sections: sections.into_iter().map(|s| section(s, tz)).collect(),
        })
    };
    match found.await {
        Ok(out) => json(StatusCode::OK, &out),
        Err(AppError::Invalid(e)) => bad_query(&state, &headers, e),
        Err(e) => problem(&state, &headers, e),
    }
}

fn section(s: Section, tz: chrono_tz::Tz) -> SectionOut {
    SectionOut {
        kind: s.kind.as_str().into(),
        next: s.next.clone(),
        more: s.more(),
        hits: s
            .hits
            .into_iter()
            .map(|h| HitOut {
                kind: h.record.kind.as_str().into(),
                id: h.record.id,
                label: h.label,
                title: h.title,
                excerpt: h.excerpt,
                at: time(h.at, tz),
            })
            .collect(),
    }
}
