//! Mapping operation errors to responses, in one place.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use liaison_app::AppError;
use liaison_store::StoreError;

use crate::context::Ctx;
use crate::i18n::Tr;

/// The HTTP status for an error.
pub fn status(e: &AppError) -> StatusCode {
    match e {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
        AppError::Store(StoreError::Database(
            liaison_store::sqlx::Error::PoolTimedOut
            | liaison_store::sqlx::Error::PoolClosed
            | liaison_store::sqlx::Error::Io(_),
        )) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Store(_) | AppError::Internal(_) | AppError::Files(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
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
    if code.is_server_error() {
        tracing::error!(error = %e, "request failed");
    }
    let (title, message) = messages(&e, code);
    let body = ErrorPage {
        ctx,
        title: ctx.t(title),
        message: ctx.t(message),
    };
    let response = (code, crate::render(&body)).into_response();
    match e {
        AppError::Throttled(wait) => retry_after(response, wait),
        _ => response,
    }
}

/// The title and message keys for an error.
fn messages(e: &AppError, code: StatusCode) -> (&'static str, &'static str) {
    match e {
        AppError::NotFound => ("error-not-found-title", "error-not-found"),
        AppError::Forbidden => ("error-forbidden-title", "error-forbidden"),
        AppError::Invalid(_) => ("error-invalid-title", "error-invalid"),
        AppError::Throttled(_) => ("error-throttled-title", "error-throttled"),
        _ if code == StatusCode::SERVICE_UNAVAILABLE => {
            ("error-unavailable-title", "error-unavailable")
        }
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
    if code.is_server_error() {
        tracing::error!(error = %e, "request failed");
    }
    let (title, message) = messages(&e, code);
    bare_page(tr, code, title, message)
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
