//! Staff forms, from the request to the answer.
//!
//! [`StaffForm`] (URL-encoded bodies) and [`StaffUpload`] (multipart bodies with files, or
//! URL-encoded) read the session, the body and the form's CSRF token, and decode the form
//! into the operation's command: a handler that takes one never sees a form whose token was
//! not checked. [`Outcome`] answers what came of the operation, the same way for every form:
//! success goes on (a 303 redirect to a page, or a page), invalid input shows the form again
//! with 422 and its fields marked, and any other error the error page.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::attachments::Upload;
use liaison_app::{AppError, AppResult, Input};
use serde::de::DeserializeOwned;

use crate::context::{Ctx, FormState, Lang};
use crate::session::Staff;
use crate::{errors, uploads, AppState};

/// A staff member's form, its CSRF token checked and its fields decoded into `T`. Without
/// a session the answer is the sign-in page; with a token that is not the session's, the
/// "form expired" page (403), and nothing runs.
pub struct StaffForm<T> {
    /// Who sent it.
    pub staff: Staff,
    /// The form, decoded.
    pub command: T,
    /// The form as sent, to show it again when it was not accepted.
    pub input: Input,
}

/// A staff member's form that may carry files (`multipart/form-data`, or URL-encoded
/// without files), checked and decoded as [`StaffForm`] is. A body too large for the route
/// or that cannot be read is refused (413, 400) before the token is looked at.
pub struct StaffUpload<T> {
    /// The form without its files.
    pub form: StaffForm<T>,
    /// The files, in order.
    pub uploads: Vec<Upload>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for StaffForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let lang = Lang::of(&parts.headers);
        let body = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        checked(state, lang, staff, Input::from_urlencoded(&body))
    }
}

impl<T: DeserializeOwned> FromRequest<AppState> for StaffUpload<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let lang = Lang::of(&parts.headers);
        let uploads::Form { input, uploads } =
            match uploads::read(Request::from_parts(parts, body)).await {
                Ok(f) => f,
                Err(bad) => return Err(bad.page(&state.tr(lang))),
            };
        let form = checked(state, lang, staff, input)?;
        Ok(Self { form, uploads })
    }
}

/// The form once its token is the session's, decoded.
fn checked<T: DeserializeOwned>(
    state: &AppState,
    lang: &'static str,
    staff: Staff,
    input: Input,
) -> Result<StaffForm<T>, Response> {
    if !staff.csrf_ok(&input) {
        return Err(errors::form_expired(&state.tr(lang)));
    }
    // Commands are text fields, which every form decodes into; anything else is a form we
    // cannot read.
    let command = input
        .decode()
        .map_err(|_| errors::body_refused(&state.tr(lang), false))?;
    Ok(StaffForm {
        staff,
        command,
        input,
    })
}

/// The id of the record a form's address names (`/staff/admin/areas/{id}`): not found when
/// it is not a number, as for a record that does not exist.
pub fn record_id(id: &str) -> AppResult<i64> {
    id.parse().map_err(|_| AppError::NotFound)
}

impl<T> StaffForm<T> {
    /// What came of the operation this form asked for, answered on a page with `ctx`.
    pub fn outcome<R>(self, ctx: Ctx, result: AppResult<R>) -> Outcome<R> {
        Outcome::new(ctx, self.input, result)
    }
}

/// What came of a form's operation, and the form as sent: answered by [`Outcome::redirect`],
/// [`Outcome::render`] or [`Outcome::redirect_or_error`].
pub struct Outcome<R> {
    ctx: Ctx,
    input: Input,
    result: AppResult<R>,
}

impl<R> Outcome<R> {
    /// The result of the operation that `input` asked for; `ctx` is the context of the page
    /// that shows an error.
    pub fn new(ctx: Ctx, input: Input, result: AppResult<R>) -> Self {
        Self { ctx, input, result }
    }

    /// Success: a 303 redirect to the page `to` names. Invalid input: `again` shows the form
    /// once more with what was sent and the fields marked, answered 422. Any other error:
    /// the error page.
    pub async fn redirect(
        self,
        to: impl FnOnce(R) -> String,
        again: impl AsyncFnOnce(Ctx, FormState) -> Response,
    ) -> Response {
        self.render(
            async |_, done| Redirect::to(&to(done)).into_response(),
            again,
        )
        .await
    }

    /// Like [`Outcome::redirect`], but success is answered by the page `done` renders (a
    /// secret shown once, a receipt).
    pub async fn render(
        self,
        done: impl AsyncFnOnce(Ctx, R) -> Response,
        again: impl AsyncFnOnce(Ctx, FormState) -> Response,
    ) -> Response {
        match self.result {
            Ok(value) => done(self.ctx, value).await,
            Err(AppError::Invalid(errors)) => {
                let mut r = again(self.ctx, FormState::failed(self.input, errors)).await;
                // The page could be shown: it shows a form that was not accepted. (If it
                // could not, its own error stands.)
                if r.status() == StatusCode::OK {
                    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                }
                r
            }
            Err(e) => errors::page(&self.ctx, e),
        }
    }

    /// For forms with nothing to show again (a button): success is a 303 redirect to `to`,
    /// any error its page.
    pub fn redirect_or_error(self, to: impl FnOnce(R) -> String) -> Response {
        match self.result {
            Ok(value) => Redirect::to(&to(value)).into_response(),
            Err(e) => errors::page(&self.ctx, e),
        }
    }
}
