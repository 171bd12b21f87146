//! Personal access tokens for the JSON API, on each person's account: create one (shown
//! once), see when each was last used, revoke.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_app::access_tokens::{AccessToken, CreateToken};
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
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

async fn create(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<CreateToken>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "account", PATH).await;
    let created = (state.app.access_tokens())
        .create(&form.staff.user, &form.command)
        .await;
    let StaffForm { staff, input, .. } = form;
    let staff = &staff;
    Outcome::new(ctx, input, created)
        .render(
            // Shown on this answer only; reloading it shows the list without the token.
            async |ctx, (token, secret)| {
                let created = Some((token.name, secret));
                page(&state, staff, ctx, FormState::default(), created).await
            },
            async |ctx, form| page(&state, staff, ctx, form, None).await,
        )
        .await
}

async fn revoke(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "account", PATH).await;
    let revoked = match record_id(&id) {
        Ok(id) => state.app.access_tokens().revoke(&form.staff.user, id).await,
        Err(e) => Err(e),
    };
    form.outcome(ctx, revoked)
        .redirect_or_error(|()| PATH.into())
}
