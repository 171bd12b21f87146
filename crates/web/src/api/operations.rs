//! The shape every POST about one record of a feature takes (`/api/v1/engagements/{id}/…`,
//! `/api/v1/surveys/{id}/…`): the command decoded from the body, the operation run once per
//! idempotency key, its answer made by the feature. [`record_operation!`] declares one such
//! route's handler and its OpenAPI description; [`about_record`] runs it.

use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::AppError;
use serde::de::DeserializeOwned;

use super::concerns::step;
use super::{once, Caller};
use crate::AppState;

/// Runs an operation on record `id` under `base` (`/api/v1/surveys`) with the command the
/// body holds, once per idempotency key; `op` makes the answer.
pub(crate) async fn about_record<C, F>(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    (base, id, tail, body): (&str, String, &str, Bytes),
    op: F,
) -> Response
where
    C: DeserializeOwned,
    F: AsyncFnOnce(&AppState, &User, i64, C) -> Result<Response, AppError>,
{
    let Caller(caller) = caller;
    let request = match tail {
        "" => format!("POST {base}/{id}"),
        _ => format!("POST {base}/{id}/{tail}"),
    };
    let write = step(&state, &headers, &id, &body, |n, cmd: C| {
        let (state, user) = (&state, &caller.user);
        async move { op(state, user, n, cmd).await }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Declares the handler of `POST {base}/{id}{tail}` with its OpenAPI description: the
/// command `$cmd` in the body, the answers it gives, and the problems every such route may
/// answer. The feature's file imports what the handler names (`State`, `Path`, `Bytes`,
/// `HeaderMap`, `Response`, `Caller`, `AppState`, `User`, `Problem`).
macro_rules! record_operation {
    ($base:literal, $tag:literal, $(#[$doc:meta])* $name:ident, $tail:literal, $cmd:ty,
     [$(($ok:literal, $answer:ty)),+],
     |$state:ident, $user:ident, $n:ident, $c:ident| $call:expr) => {
        $(#[$doc])*
        #[utoipa::path(post, path = concat!($base, "/{id}", $tail), tag = $tag,
            request_body = $cmd,
            params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
            responses(
                $((status = $ok, body = $answer),)+
                (status = 400, body = Problem, content_type = "application/problem+json"),
                (status = 401, body = Problem, content_type = "application/problem+json"),
                (status = 403, body = Problem, content_type = "application/problem+json"),
                (status = 404, body = Problem, content_type = "application/problem+json"),
                (status = 409, body = Problem, content_type = "application/problem+json"),
                (status = 415, body = Problem, content_type = "application/problem+json"),
                (status = 422, body = Problem, content_type = "application/problem+json"),
            ))]
        pub async fn $name(
            State(state): State<AppState>,
            caller: Caller,
            headers: HeaderMap,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Response {
            let tail = $tail.trim_start_matches('/');
            $crate::api::operations::about_record(state, caller, headers, ($base, id, tail, body),
                async |$state: &AppState, $user: &User, $n: i64, $c: $cmd| $call)
            .await
        }
    };
}
