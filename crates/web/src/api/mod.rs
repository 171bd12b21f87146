//! The JSON API under `/api/v1/`: concerns through their whole workflow, the office's
//! categories and areas, and (for administrators) users and the audit trail.
//!
//! Callers authenticate with a personal access token (`Authorization: Bearer …`) and act
//! with its owner's role: every operation is the same one the staff pages call, with the
//! same object-level checks. Errors are `application/problem+json` (RFC 9457) with a
//! stable `code` and, for invalid input, the fields at fault. A POST with an
//! `Idempotency-Key` is answered once; a retry gets the first answer again. The OpenAPI
//! description is generated from this code and served at `/api/v1/openapi.json`, with a
//! readable page at `/api/v1/`.
//!
//! Each feature's module registers its own routes and describes them (its `routes()` and its
//! `Doc`, an OpenAPI part whose request bodies are the commands the operations take); they
//! are listed once, in [`FEATURES`].

// First: the features' modules use its macro.
#[macro_use]
mod operations;

mod commitments;
pub(crate) mod concerns;
mod docs;
mod engagements;
mod interactions;
mod mail;
mod mediation;
mod office;
mod reports;
mod search;
mod stakeholders;
mod surveys;
mod timelines;

use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use liaison_app::access_tokens::ApiCaller;
use liaison_app::access_tokens::{KeptAnswer, Reservation};
use liaison_app::submissions::Submission;
use liaison_app::AppError;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::context::Lang;
use crate::routing::{get, Routes};
use crate::AppState;

/// One feature of the API: its routes and their OpenAPI description.
pub(crate) struct Feature {
    /// Registers its routes.
    pub routes: fn() -> Routes,
    /// Describes them: paths, the schemas they name, tags.
    pub doc: fn() -> utoipa::openapi::OpenApi,
}

/// Every feature of the API: a new module is one line here.
pub(crate) const FEATURES: &[Feature] = &[
    Feature {
        routes: concerns::routes,
        doc: <concerns::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: commitments::routes,
        doc: <commitments::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: engagements::routes,
        doc: <engagements::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: surveys::routes,
        doc: <surveys::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: mediation::routes,
        doc: <mediation::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: mail::routes,
        doc: <mail::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: office::routes,
        doc: <office::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: search::routes,
        doc: <search::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: stakeholders::routes,
        doc: <stakeholders::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: interactions::routes,
        doc: <interactions::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: timelines::routes,
        doc: <timelines::Doc as utoipa::OpenApi>::openapi,
    },
    Feature {
        routes: reports::routes,
        doc: <reports::Doc as utoipa::OpenApi>::openapi,
    },
];

/// The API's routes: its description, each feature's, and a problem for anything else.
pub fn routes() -> Routes {
    let described = Routes::new()
        .route("/api/v1/", get(docs::page))
        .route("/api/v1/openapi.json", get(docs::openapi));
    FEATURES
        .iter()
        .fold(described, |routes, f| routes.merge((f.routes)()))
        .route("/api/v1/{*rest}", get(unknown).post(unknown))
}

/// The answer to a record added (a person, an organization, an interaction, a
/// follow-up): its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Added {
    id: i64,
}

/// An error, as RFC 9457 describes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A link to where the code is explained.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the code.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, in the caller's language.
    pub detail: String,
    /// Stable and machine-readable: `not-found`, `unauthorized`, `forbidden`, `invalid`,
    /// `throttled`, `idempotency-key-reused`, `idempotency-key-in-flight`,
    /// `unsupported-media-type`, `malformed`, `database-unavailable`, `storage-full`,
    /// `overloaded`, `timeout` or `internal`.
    pub code: String,
    /// For `invalid`: each field at fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One field at fault.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name, as sent.
    pub field: String,
    /// Stable and machine-readable, such as `error-required`.
    pub code: String,
    /// What to change, in the caller's language.
    pub detail: String,
}

/// A problem answer in the caller's language.
pub(crate) fn problem(state: &AppState, headers: &HeaderMap, e: AppError) -> Response {
    let status = crate::errors::status(&e);
    problem_as(state, headers, e, status)
}

/// A problem answer for a query string that does not read: 400, the fields at fault listed.
pub(crate) fn bad_query(
    state: &AppState,
    headers: &HeaderMap,
    errors: liaison_domain::FieldErrors,
) -> Response {
    problem_as(
        state,
        headers,
        AppError::Invalid(errors),
        StatusCode::BAD_REQUEST,
    )
}

fn problem_as(state: &AppState, headers: &HeaderMap, e: AppError, status: StatusCode) -> Response {
    if let Some(r) = crate::errors::Refusal::of(&e) {
        tracing::warn!(error = %e, "api request refused");
        return refusal(state, Lang::of(headers), r);
    }
    let tr = state.tr(Lang::of(headers));
    let (code, detail, errors) = match &e {
        AppError::NotFound => ("not-found", tr.t("api-not-found"), Vec::new()),
        AppError::Forbidden => ("forbidden", tr.t("api-forbidden"), Vec::new()),
        AppError::Invalid(fields) => (
            "invalid",
            tr.t("api-invalid"),
            fields
                .0
                .iter()
                .map(|f| FieldProblem {
                    field: f.field.clone(),
                    code: f.code.to_string(),
                    detail: tr.t(f.code),
                })
                .collect(),
        ),
        AppError::Throttled(_) => ("throttled", tr.t("error-throttled"), Vec::new()),
        _ => {
            tracing::error!(error = %e, "api request failed");
            ("internal", tr.t("error-internal"), Vec::new())
        }
    };
    let response = respond_problem(status, code, detail, errors);
    match e {
        AppError::Throttled(wait) => crate::errors::retry_after(response, wait),
        _ => response,
    }
}

/// The problem answer to a request refused for the database's or the server's state,
/// with `Retry-After` where waiting helps.
pub(crate) fn refusal(state: &AppState, lang: &str, r: crate::errors::Refusal) -> Response {
    let tr = state.tr(lang);
    let response = respond_problem(r.status(), r.code(), tr.t(r.messages().1), Vec::new());
    r.finish(response)
}

/// A problem answer with a code of the API's own.
fn respond_problem(
    status: StatusCode,
    code: &str,
    detail: String,
    errors: Vec<FieldProblem>,
) -> Response {
    let body = Problem {
        kind: format!("/api/v1/#problem-{code}"),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail,
        code: code.to_string(),
        errors,
    };
    let mut r = (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    r
}

/// A JSON answer.
pub(crate) fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => {
            let mut r = (status, body).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(_) => respond_problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The answer could not be written.".into(),
            Vec::new(),
        ),
    }
}

/// The person behind a request, from its bearer token. Without a valid token the answer
/// is 401 with `WWW-Authenticate: Bearer`.
pub(crate) struct Caller(pub ApiCaller);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match state
            .app
            .access_tokens()
            .caller(bearer(&parts.headers))
            .await
        {
            Ok(Some(caller)) => Ok(Caller(caller)),
            Ok(None) => {
                let tr = state.tr(Lang::of(&parts.headers));
                let mut r = respond_problem(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    tr.t("api-unauthorized"),
                    Vec::new(),
                );
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"liaison\""),
                );
                Err(r)
            }
            Err(e) => Err(problem(state, &parts.headers, e)),
        }
    }
}

/// The bearer token a request carries (empty without one).
fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
}

/// The request's `Idempotency-Key`, if it has one.
fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
}

/// The one-time submission a request with an `Idempotency-Key` names: a creation retried
/// with it is stored once, even when the first attempt's answer was lost in a crash.
pub(crate) fn submission(headers: &HeaderMap) -> Option<Submission> {
    idempotency_key(headers).map(|key| Submission::from_api(bearer(headers), key))
}

/// A JSON object from a request body, or the problem to answer: the body must be declared
/// and be JSON.
pub(crate) fn body_object(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Map<String, serde_json::Value>, Response> {
    let tr = state.tr(Lang::of(headers));
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().eq_ignore_ascii_case("application/json"))
        .unwrap_or(false);
    if !declared {
        return Err(respond_problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            tr.t("api-json-expected"),
            Vec::new(),
        ));
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(respond_problem(
            StatusCode::BAD_REQUEST,
            "malformed",
            tr.t("api-malformed"),
            Vec::new(),
        )),
    }
}

/// Runs a write once per `Idempotency-Key`: a retry with the same key and the same request
/// gets the first answer again; the same key on a different request is refused.
pub(crate) async fn once<F>(
    state: &AppState,
    caller: &ApiCaller,
    headers: &HeaderMap,
    request: (&str, &[u8]),
    write: F,
) -> Response
where
    F: std::future::Future<Output = Response>,
{
    let Some(key) = idempotency_key(headers) else {
        return write.await;
    };
    let tr = state.tr(Lang::of(headers));
    if key.len() > 200 {
        return respond_problem(
            StatusCode::BAD_REQUEST,
            "invalid",
            tr.t("api-invalid"),
            vec![FieldProblem {
                field: "Idempotency-Key".into(),
                code: "error-too-long".into(),
                detail: tr.t("error-too-long"),
            }],
        );
    }
    let mut hash = Sha256::new();
    hash.update(request.0.as_bytes());
    hash.update([0]);
    hash.update(request.1);
    let request_hash: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    match state
        .app
        .access_tokens()
        .reserve_answer(caller, key, &request_hash)
        .await
    {
        Ok(Reservation::Reserved) => {}
        Ok(Reservation::Kept(kept)) => return replay(kept),
        Ok(Reservation::Reused) => {
            return respond_problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                tr.t("api-idempotency-reused"),
                Vec::new(),
            )
        }
        Ok(Reservation::InFlight) => {
            let r = respond_problem(
                StatusCode::CONFLICT,
                "idempotency-key-in-flight",
                tr.t("api-idempotency-in-flight"),
                Vec::new(),
            );
            return crate::errors::retry_after(r, 1);
        }
        Err(e) => return problem(state, headers, e),
    }
    let response = write.await;
    // Only settled answers are kept: a request refused for load or failed may be tried
    // again with the same key.
    let status = response.status();
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        if let Err(e) = state.app.access_tokens().release_answer(caller, key).await {
            tracing::warn!(error = %e, "could not free an idempotency key");
        }
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::BODY_LIMIT * 16).await else {
        return respond_problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            tr.t("error-internal"),
            Vec::new(),
        );
    };
    let kept = KeptAnswer {
        request_hash,
        status: i64::from(parts.status.as_u16()),
        location: parts
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    if let Err(e) = state
        .app
        .access_tokens()
        .keep_answer(caller, key, &kept)
        .await
    {
        tracing::warn!(error = %e, "could not keep an idempotent answer");
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The kept answer to an earlier request with the same key.
fn replay(kept: KeptAnswer) -> Response {
    let status = u16::try_from(kept.status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    let mut r = (status, kept.body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    if let Some(l) = kept.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    r
}

async fn unknown(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: HeaderMap,
    _body: Bytes,
) -> Response {
    problem(&state, &headers, AppError::NotFound)
}
