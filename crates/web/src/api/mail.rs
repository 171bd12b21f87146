//! Mail that comes in over HTTP, for inbound-mail services that post each message they
//! receive for the office's domain: the raw message (RFC 5322) as the body, signed in with
//! the personal access token of an account that may record concerns.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use liaison_app::inbound::Arrival;
use liaison_mail::inbound::MAX_BYTES;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{json, problem, Caller, Problem};
use crate::routing::{post, Routes};
use crate::AppState;

/// Inbound mail over the API: its route…
pub fn routes() -> Routes {
    Routes::new().route(
        "/api/v1/mail/inbound",
        // A message with its attachments, up to the size mail is taken at.
        post(inbound).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
    )
}

/// … and its description.
#[derive(OpenApi)]
#[openapi(
    paths(inbound),
    tags((name = "mail", description = "Mail that comes in"))
)]
pub struct Doc;

/// What became of a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailArrival {
    /// `reply` (it answered a letter and is on that concern now), `concern` (it became a
    /// new concern) or `set_aside` (an automatic reply, a bounce or a list's mail).
    outcome: String,
    /// The concern's reference, for `reply` and `concern`.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    /// Why it was set aside.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// Takes one message: a reply to a letter lands on its concern, other mail to the office
/// becomes a concern with channel email, robots' mail is set aside.
#[utoipa::path(post, path = "/api/v1/mail/inbound", tag = "mail",
    request_body(
        content(
            (Vec<u8> = "message/rfc822"),
            (Vec<u8> = "application/octet-stream"),
        ),
        description = "The whole message, headers and body, as received: `message/rfc822`, \
            or `application/octet-stream` from services that do not name it"),
    responses(
        (status = 200, body = MailArrival),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn inbound(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match state.app.inbox().receive(Some(&caller.user), &body).await {
        Ok(arrival) => {
            let (outcome, reference, reason) = match arrival {
                Arrival::Reply { reference, .. } => ("reply", Some(reference), None),
                Arrival::Concern(receipt) => ("concern", Some(receipt.reference), None),
                Arrival::SetAside(why) => ("set_aside", None, Some(why.to_string())),
            };
            json(
                StatusCode::OK,
                &MailArrival {
                    outcome: outcome.into(),
                    reference,
                    reason,
                },
            )
        }
        Err(e) => problem(&state, &headers, e),
    }
}
