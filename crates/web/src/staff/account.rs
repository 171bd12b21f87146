//! Signing in and out, and one's own account (password change).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::accounts::{self, ChangePassword};
use liaison_app::notifications::SaveNotifications;
use liaison_app::{AppError, Input};
use liaison_domain::notifications::News;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::StaffForm;
use crate::redirect::local_target;
use crate::routing::{get, post, Routes};
use crate::session::{set_cookie, Staff};
use crate::{errors, render, AppState};

/// Routes for signing in and out and the account page.
pub fn routes() -> Routes {
    Routes::new()
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/staff/account", get(account).post(change_password))
        .route("/staff/account/notifications", post(save_notifications))
}

#[derive(Template)]
#[template(path = "staff/sign_in.html")]
struct SignIn {
    ctx: Ctx,
    form: FormState,
    next: String,
    throttled: bool,
}

#[derive(serde::Deserialize)]
struct Next {
    #[serde(default)]
    next: String,
}

async fn sign_in_form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Query(q): Query<Next>,
) -> Response {
    let ctx = Ctx::public(&state, lang, "sign-in", "/sign-in").await;
    render(&SignIn {
        ctx,
        form: FormState::default(),
        next: local_target(&q.next, "/staff"),
        throttled: false,
    })
}

async fn sign_in(State(state): State<AppState>, Lang(lang): Lang, body: Bytes) -> Response {
    let input = Input::from_urlencoded(&body);
    let next = local_target(input.get("next"), "/staff");
    let signed_in = match input.decode::<accounts::SignIn>() {
        Ok(sign_in) => state.app.accounts().sign_in(&sign_in).await,
        Err(e) => Err(e.into()),
    };
    match signed_in {
        Ok(s) => {
            let mut r = Redirect::to(&next).into_response();
            r.headers_mut().insert(
                header::SET_COOKIE,
                set_cookie(&state, state.cookie_name(), &s.token, None),
            );
            r
        }
        Err(e @ (AppError::Invalid(_) | AppError::Throttled(_))) => {
            let ctx = Ctx::public(&state, lang, "sign-in", "/sign-in").await;
            let wait = match e {
                AppError::Throttled(wait) => Some(wait),
                _ => None,
            };
            let code = errors::status(&e);
            let errors = match e {
                AppError::Invalid(errors) => errors,
                _ => Default::default(),
            };
            // The password is never sent back into the page.
            let kept = Input(vec![("email".into(), input.get("email").to_string())]);
            let page = SignIn {
                ctx,
                form: FormState::failed(kept, errors),
                next,
                throttled: wait.is_some(),
            };
            let response = (code, render(&page)).into_response();
            match wait {
                Some(w) => errors::retry_after(response, w),
                None => response,
            }
        }
        Err(e) => errors::bare(&state.tr(lang), e),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<IgnoredAny>,
) -> Response {
    if let Err(e) = state.app.accounts().sign_out(&form.staff.token).await {
        return errors::bare(&state.tr(lang), e);
    }
    let mut r = Redirect::to("/sign-in").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&state, state.cookie_name(), "", Some(0)),
    );
    r
}

#[derive(Template)]
#[template(path = "staff/account.html")]
struct Account {
    ctx: Ctx,
    form: FormState,
    /// How they are told each kind of news, as stored or as sent when it failed.
    notices: FormState,
}

impl Account {
    /// Each kind of news, with the modes one may choose for it.
    fn news(&self) -> Vec<(&'static str, Vec<&'static str>)> {
        News::ALL
            .iter()
            .map(|n| (n.as_str(), n.modes().iter().map(|m| m.as_str()).collect()))
            .collect()
    }
}

/// The notifications form as stored.
async fn notices_of(state: &AppState, staff: &Staff) -> FormState {
    let modes = (state.app.accounts().notifications(&staff.user).await).unwrap_or_default();
    FormState::with(
        modes
            .into_iter()
            .map(|(n, m)| (n.as_str().to_string(), m.as_str().to_string()))
            .collect(),
    )
}

async fn account(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "account", "/staff/account").await;
    render(&Account {
        ctx,
        form: FormState::default(),
        notices: notices_of(&state, &staff).await,
    })
}

async fn save_notifications(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveNotifications>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "account", "/staff/account").await;
    let saved = (state.app.accounts())
        .save_notifications(&staff.user, &command)
        .await;
    crate::forms::Outcome::new(ctx, input, saved)
        .redirect(
            |()| "/staff/account?done=notifications#notifications".into(),
            async |ctx, failed| {
                render(&Account {
                    ctx,
                    form: FormState::default(),
                    notices: failed,
                })
            },
        )
        .await
}

async fn change_password(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<ChangePassword>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "account", "/staff/account").await;
    let changed = (state.app.accounts())
        .change_password(&staff.user, &command)
        .await;
    crate::forms::Outcome::new(ctx, input, changed)
        .redirect(
            // Every session ended, this one too: sign in again with the new password.
            |()| "/sign-in?next=/staff/account".into(),
            async |ctx, failed| {
                // Passwords are never sent back into the page.
                let form = FormState::failed(Input::default(), failed.errors);
                let notices = notices_of(&state, &staff).await;
                render(&Account { ctx, form, notices })
            },
        )
        .await
}
