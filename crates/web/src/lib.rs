//! Liaison over HTTP: the staff application, the public portal and the health check.
//!
//! Handlers are thin: they decode the request into the operation's command (the same struct
//! for an HTML form and a JSON body, see [`liaison_app::command`]), call one operation of
//! [`liaison_app::App`], and answer: staff forms come through [`forms::StaffForm`], which
//! checks their CSRF token, and are answered by [`forms::Outcome`]. Templates, styles and
//! translations are compiled into the binary.

// Handlers return `Result<_, Response>`: a response is built once per request, so its size
// does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

mod api;
pub mod attachments;
mod charts;
pub mod context;
pub mod errors;
pub mod fmt;
pub mod forms;
/// Translations, from their own crate (email and the command line speak them too).
pub use liaison_i18n as i18n;
mod open311;
pub mod overload;
mod portal;
pub mod redirect;
mod routing;
pub mod security;
pub mod session;
mod staff;
pub mod uploads;

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use liaison_app::App;

use crate::context::{Ctx, Lang};
#[doc(hidden)]
pub use crate::routing::Route;
use crate::routing::{get, Routes};

/// Largest request body accepted (forms are small; this stops floods of bytes).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Everything a handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The operations.
    pub app: App,
    /// Translations.
    pub catalog: Arc<i18n::Catalog>,
    /// Whether cookies carry `Secure` (Liaison is served over TLS).
    pub secure_cookies: bool,
    /// Whether the client's address is the last one in `X-Forwarded-For`.
    pub trust_forwarded: bool,
}

/// How Liaison is put in front of people.
#[derive(Debug, Clone, Copy)]
pub struct Serving {
    /// Served over TLS: cookies carry `Secure`, and pages send HSTS.
    pub secure_cookies: bool,
    /// Behind a load balancer or proxy that appends the client's address to
    /// `X-Forwarded-For`: the last address there is the client's. Without this the peer's
    /// address is the client's, and the header is ignored (anyone could write it).
    pub trust_forwarded: bool,
    /// Requests in progress at once (`/healthz` and static files are not counted).
    pub max_concurrent_requests: usize,
    /// Requests that may wait for a turn, each up to [`overload::LINE_WAIT`]; the rest are
    /// refused with 503 at once.
    pub max_waiting_requests: usize,
    /// How long a request may run before it is stopped and answered 503.
    pub request_timeout: Duration,
}

impl Default for Serving {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_forwarded: false,
            max_concurrent_requests: overload::DEFAULT_MAX_CONCURRENT_REQUESTS,
            max_waiting_requests: overload::DEFAULT_MAX_WAITING_REQUESTS,
            request_timeout: overload::DEFAULT_REQUEST_TIMEOUT,
        }
    }
}

impl AppState {
    /// The session cookie's name: the `__Host-` prefix binds it to this host over TLS.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-liaison"
        } else {
            "liaison_session"
        }
    }

    /// Translations in `lang`.
    pub fn tr(&self, lang: &str) -> i18n::Tr {
        i18n::Tr::new(self.catalog.clone(), lang)
    }
}

/// The whole web application.
pub fn router(app: App, serving: Serving) -> Router {
    let secure_cookies = serving.secure_cookies;
    let state = AppState {
        app,
        catalog: i18n::Catalog::load(),
        secure_cookies,
        trust_forwarded: serving.trust_forwarded,
    };
    // Routes that take files allow bodies up to this; every other route, BODY_LIMIT.
    let upload_limit = uploads::body_limit(&state.app.settings);
    let (routes, list) = all_routes(upload_limit).into_parts();
    let mut router = routes
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            overload::Shedding {
                gate: overload::Gate::new(
                    serving.max_concurrent_requests,
                    serving.max_waiting_requests,
                    serving.request_timeout,
                ),
                patterns: routing::Patterns::new(&list),
                state: state.clone(),
            },
            overload::shed,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ));
    if secure_cookies {
        router = router.layer(axum::middleware::from_fn(security::hsts));
    }
    router.with_state(state)
}

/// Every route, each module's own merged; files come in bodies of up to `upload_limit`.
fn all_routes(upload_limit: usize) -> Routes {
    Routes::new()
        .route("/healthz", get(healthz))
        .route("/static/liaison.css", get(stylesheet))
        .route("/static/liaison.js", get(script))
        .merge(portal::routes(upload_limit))
        .merge(open311::routes(upload_limit))
        .merge(api::routes())
        .merge(staff::routes(upload_limit))
        .merge(attachments::routes())
}

/// Every (method, path) the server routes, as registered: the authorization matrix test
/// (`tests/authorization_matrix.rs`) checks each has a row in its table.
#[doc(hidden)]
pub fn routes() -> Vec<Route> {
    all_routes(BODY_LIMIT).into_parts().1
}

/// Renders a template, or a plain 500 if rendering fails (a template bug).
pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal error").into_response()
        }
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    if state.app.healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        let down = (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response();
        errors::Refusal::DatabaseUnavailable.finish(down)
    }
}

async fn stylesheet() -> Response {
    asset(
        "text/css; charset=utf-8",
        include_str!("../static/liaison.css"),
    )
}

async fn script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("../static/liaison.js"),
    )
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn not_found(
    State(state): State<AppState>,
    Lang(lang): Lang,
    uri: axum::http::Uri,
) -> Response {
    let ctx = Ctx::public(&state, lang, "", uri.path()).await;
    errors::page(&ctx, liaison_app::AppError::NotFound)
}

/// Entry points for the fuzz targets in `fuzz/` (not an API): the parsers of outside input
/// that live in private modules or inside handlers, each exactly as the handlers call it.
#[doc(hidden)]
pub mod fuzzing {
    use chrono_tz::Tz;
    use liaison_app::accounts::User;
    use liaison_app::concerns::{QueueFilter, RecordConcern};
    use liaison_app::{AppError, Input};
    use liaison_domain::FieldErrors;

    pub use crate::open311::{Document, Format, Value};

    /// An Open311 request's fields: the query string's, then the URL-encoded body's.
    pub fn open311_fields(query: Option<String>, body: &[u8]) -> Input {
        crate::open311::fields(query, body)
    }

    /// The queue filter of a JSON API `GET /api/v1/concerns` query string.
    pub fn api_concern_filter(
        query: &str,
        user: &User,
        tz: Tz,
    ) -> Result<QueueFilter, FieldErrors> {
        crate::api::concerns::list_filter(query, user, tz)
    }

    /// A JSON API request body's object decoded into the command `POST /api/v1/concerns`
    /// takes.
    pub fn api_new_concern(
        body: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<RecordConcern, AppError> {
        crate::api::concerns::command(body)
    }
}
