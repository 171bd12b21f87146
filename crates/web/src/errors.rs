//! Mapping operation errors to responses, in one place.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use liaison_app::AppError;
use liaison_store::StoreError;

use crate::context::Ctx;

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
        AppError::Store(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
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
    let (title, message) = match &e {
        AppError::NotFound => ("error-not-found-title", "error-not-found"),
        AppError::Forbidden => ("error-forbidden-title", "error-forbidden"),
        AppError::Invalid(_) => ("error-invalid-title", "error-invalid"),
        AppError::Throttled(_) => ("error-throttled-title", "error-throttled"),
        _ if code == StatusCode::SERVICE_UNAVAILABLE => {
            ("error-unavailable-title", "error-unavailable")
        }
        _ => ("error-internal-title", "error-internal"),
    };
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

/// Tells the client how many seconds to wait before trying again.
pub fn retry_after(mut response: Response, seconds: i64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// A plain error response where no page context exists yet.
pub fn bare(e: AppError) -> Response {
    let code = status(&e);
    if code.is_server_error() {
        tracing::error!(error = %e, "request failed");
    }
    (
        code,
        Html(format!("<!doctype html><title>{code}</title><p>{code}</p>")),
    )
        .into_response()
}
