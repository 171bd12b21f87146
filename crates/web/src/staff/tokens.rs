//! Personal access tokens for the JSON API, on each person's account: create one (shown
//! once), see when each was last used, revoke.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::access_tokens::AccessToken;
use liaison_app::{AppError, Input};

use crate::context::{Ctx, FormState, Lang};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, fmt, render, AppState};

/// Token routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/account/tokens", get(tokens).post(create))
        .route("/staff/account/tokens/{id}/revoke", post(revoke))
}

const PATH: &str = "/staff/account/tokens";

#[derive(Template)]
#[template(path = "staff/account_tokens.html")]
struct Tokens {
    ctx: Ctx,
    tokens: Vec<AccessToken>,
    form: FormState,
    /// A token just created: its name and the token itself, shown this once.
    created: Option<(String, String)>,
}

impl Tokens {
    fn when(&self, t: &i64) -> String {
        fmt::datetime(*t, self.ctx.tz)
    }

    fn revoked(&self, t: &i64) -> String {
        self.ctx.t1("api-keys-revoked-at", "when", &self.when(t))
    }

    fn maybe(&self, t: &Option<i64>, none: &str) -> String {
        t.map_or_else(|| self.ctx.t(none), |t| self.when(&t))
    }
}

async fn page(
    state: &AppState,
    staff: &Staff,
    ctx: Ctx,
    form: FormState,
    created: Option<(String, String)>,
) -> Response {
    match state.app.access_tokens().list(&staff.user).await {
        Ok(tokens) => {
            let code = if form.failed_any() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let body = Tokens {
                ctx,
                tokens,
                form,
                created,
            };
            (code, render(&body)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn tokens(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "account", PATH).await;
    page(&state, &staff, ctx, FormState::default(), None).await
}

/// The form's fields once its CSRF token checks out, with the page's context.
async fn form(
    state: &AppState,
    staff: &Staff,
    lang: &'static str,
    body: &Bytes,
) -> Result<(Input, Ctx), Response> {
    let input = Input::from_urlencoded(body);
    if !staff.csrf_ok(&input) {
        return Err(errors::form_expired(&state.tr(lang)));
    }
    Ok((input, Ctx::staff(state, staff, lang, "account", PATH).await))
}

async fn create(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    body: Bytes,
) -> Response {
    let (input, ctx) = match form(&state, &staff, lang, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.access_tokens().create(&staff.user, &input).await {
        // Shown on this answer only; reloading it shows the list without the token.
        Ok((token, secret)) => {
            page(
                &state,
                &staff,
                ctx,
                FormState::default(),
                Some((token.name, secret)),
            )
            .await
        }
        Err(AppError::Invalid(e)) => {
            page(&state, &staff, ctx, FormState::failed(input, e), None).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn revoke(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (_, ctx) = match form(&state, &staff, lang, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Ok(id) = id.parse::<i64>() else {
        return errors::page(&ctx, AppError::NotFound);
    };
    match state.app.access_tokens().revoke(&staff.user, id).await {
        Ok(()) => Redirect::to(PATH).into_response(),
        Err(e) => errors::page(&ctx, e),
    }
}
