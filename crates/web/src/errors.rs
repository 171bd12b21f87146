//! Mapping operation errors to responses, in one place.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use liaison_app::{AppError, Failure};

use crate::context::Ctx;
use crate::i18n::Tr;
use crate::AppState;

/// The HTTP status for an error.
pub fn status(e: &AppError) -> StatusCode {
    if let Some(r) = Refusal::of(e) {
        return r.status();
    }
    match e {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
        AppError::Store(_) | AppError::Internal(_) | AppError::Files(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// A request refused for the state of the database or of the server, not for anything in
/// the request: the same request may succeed later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The database cannot be reached, or kept the request waiting past its timeouts
    /// (503, `Retry-After`).
    DatabaseUnavailable,
    /// The disk or the database is full (507): nothing was written, reading still works.
    StorageFull,
    /// More requests are in progress and waiting than the server takes (503,
    /// `Retry-After`); nothing of the request was run.
    Overloaded,
    /// The request ran past the request timeout and was stopped (503, `Retry-After`).
    TimedOut,
}

impl Refusal {
    /// The refusal an operation's error amounts to, if it is one.
    pub fn of(e: &AppError) -> Option<Self> {
        match e.failure() {
            Failure::Unavailable => Some(Refusal::DatabaseUnavailable),
            Failure::Full => Some(Refusal::StorageFull),
            Failure::Other => None,
        }
    }

    /// Its HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            _ => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Its stable code in the JSON API's problems.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::DatabaseUnavailable => "database-unavailable",
            Refusal::StorageFull => "storage-full",
            Refusal::Overloaded => "overloaded",
            Refusal::TimedOut => "timeout",
        }
    }

    /// The title and message keys of its page.
    pub fn messages(self) -> (&'static str, &'static str) {
        match self {
            Refusal::DatabaseUnavailable => ("error-unavailable-title", "error-unavailable"),
            Refusal::StorageFull => ("error-storage-full-title", "error-storage-full"),
            Refusal::Overloaded => ("error-overloaded-title", "error-overloaded"),
            Refusal::TimedOut => ("error-timeout-title", "error-timeout"),
        }
    }

    /// Seconds a client should wait before trying again; none for a full disk, which
    /// someone must first make room on.
    pub fn retry_after(self) -> Option<i64> {
        match self {
            Refusal::DatabaseUnavailable | Refusal::TimedOut => Some(5),
            Refusal::Overloaded => Some(1),
            Refusal::StorageFull => None,
        }
    }

    /// Adds `Retry-After` to its answer.
    pub fn finish(self, response: Response) -> Response {
        match self.retry_after() {
            Some(seconds) => retry_after(response, seconds),
            None => response,
        }
    }

    /// Its answer in the form the request's interface uses: problem+json under `/api/`,
    /// the standard's error list under `/open311/`, a page in the visitor's language
    /// elsewhere. Needs nothing from the database.
    pub fn respond(self, state: &AppState, path: &str, lang: &'static str) -> Response {
        if path.starts_with("/api/") {
            crate::api::refusal(state, lang, self)
        } else if path.starts_with("/open311/") {
            crate::open311::refusal(state, path, self)
        } else {
            let (title, message) = self.messages();
            let page = bare_page(&state.tr(lang), self.status(), title, message);
            self.finish(page)
        }
    }
}

/// Logs an operation's error that the server answers with a 5xx. A database that is away
/// is a warning (every request says so until it returns); anything else is an error.
fn log(e: &AppError, code: StatusCode) {
    if Refusal::of(e).is_some() {
        tracing::warn!(error = %e, "request refused");
    } else if code.is_server_error() {
        tracing::error!(error = %e, "request failed");
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    message: String,
}

/// A full error page in the user's language.
pub fn page(ctx: &Ctx, e: AppError) -> Response {
    let code = status(&e);
    log(&e, code);
    let (title, message) = messages(&e);
    let body = ErrorPage {
        ctx,
        title: ctx.t(title),
        message: ctx.t(message),
    };
    let response = (code, crate::render(&body)).into_response();
    retry(&e, response)
}

/// Adds `Retry-After` where waiting helps: throttling, and refusals.
fn retry(e: &AppError, response: Response) -> Response {
    match (e, Refusal::of(e)) {
        (AppError::Throttled(wait), _) => retry_after(response, *wait),
        (_, Some(r)) => r.finish(response),
        _ => response,
    }
}

/// The title and message keys for an error.
fn messages(e: &AppError) -> (&'static str, &'static str) {
    if let Some(r) = Refusal::of(e) {
        return r.messages();
    }
    match e {
        AppError::NotFound => ("error-not-found-title", "error-not-found"),
        AppError::Forbidden => ("error-forbidden-title", "error-forbidden"),
        AppError::Invalid(_) => ("error-invalid-title", "error-invalid"),
        AppError::Throttled(_) => ("error-throttled-title", "error-throttled"),
        _ => ("error-internal-title", "error-internal"),
    }
}

/// Tells the client how many seconds to wait before trying again.
pub fn retry_after(mut response: Response, seconds: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

#[derive(Template)]
#[template(path = "error_bare.html")]
struct BarePage<'a> {
    lang: &'a str,
    title: String,
    message: String,
}

/// A short error page that needs nothing from the database, for failures before a page
/// context exists (the database is down, a form's token is stale, a cross-site post).
fn bare_page(tr: &Tr, code: StatusCode, title: &str, message: &str) -> Response {
    let body = BarePage {
        lang: tr.lang,
        title: tr.t(title),
        message: tr.t(message),
    };
    (code, crate::render(&body)).into_response()
}

/// [`bare_page`] for an operation's error.
pub fn bare(tr: &Tr, e: AppError) -> Response {
    let code = status(&e);
    log(&e, code);
    let (title, message) = messages(&e);
    retry(&e, bare_page(tr, code, title, message))
}

/// The answer to a staff form whose CSRF token does not match the session: most often a
/// page left open across a sign-out, so the message says how to go on.
pub fn form_expired(tr: &Tr) -> Response {
    bare_page(
        tr,
        StatusCode::FORBIDDEN,
        "error-form-expired-title",
        "error-form-expired",
    )
}

/// The answer to a form posted from another site.
pub fn cross_site(tr: &Tr) -> Response {
    bare_page(
        tr,
        StatusCode::FORBIDDEN,
        "error-cross-site-title",
        "error-cross-site",
    )
}

/// The answer to a body refused before any operation ran: too large for the route (413),
/// or not a form that can be read (400). Nothing was saved either way.
pub fn body_refused(tr: &Tr, too_large: bool) -> Response {
    if too_large {
        bare_page(
            tr,
            StatusCode::PAYLOAD_TOO_LARGE,
            "error-too-large-title",
            "error-too-large",
        )
    } else {
        bare_page(
            tr,
            StatusCode::BAD_REQUEST,
            "error-bad-form-title",
            "error-bad-form",
        )
    }
}
