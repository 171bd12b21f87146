//! Administration of Open311 clients' API keys: issue one (shown once), see when each was
//! last used, revoke.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_app::api_keys::{ApiKey, IssueKey};
use serde::de::IgnoredAny;

use super::admin::admin_ctx;
use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, fmt, render, AppState};

/// API key routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/admin/api-keys", get(keys).post(issue))
        .route("/staff/admin/api-keys/{id}/revoke", post(revoke))
}

const PATH: &str = "/staff/admin/api-keys";

#[derive(Template)]
#[template(path = "staff/admin_api_keys.html")]
struct Keys {
    ctx: Ctx,
    keys: Vec<ApiKey>,
    form: FormState,
    /// A key just issued: its client and the key itself, shown this once.
    issued: Option<(String, String)>,
}

impl Keys {
    fn when(&self, t: &i64) -> String {
        fmt::datetime(*t, self.ctx.tz)
    }

    fn last_used(&self, t: &Option<i64>) -> String {
        t.map_or_else(|| self.ctx.t("api-keys-never"), |t| self.when(&t))
    }

    fn revoked(&self, t: &i64) -> String {
        self.ctx.t1("api-keys-revoked-at", "when", &self.when(t))
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    form: FormState,
    issued: Option<(String, String)>,
) -> Response {
    match state.app.api_keys().list(ctx.user.as_ref()).await {
        Ok(keys) => {
            let code = if form.failed_any() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let body = Keys {
                ctx,
                keys,
                form,
                issued,
            };
            (code, render(&body)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn keys(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", PATH).await;
    page(&state, ctx, FormState::default(), None).await
}

async fn issue(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<IssueKey>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, PATH).await;
    let issued = (state.app.api_keys())
        .create(Some(&form.staff.user), &form.command)
        .await;
    form.outcome(ctx, issued)
        .render(
            // Shown on this answer only; reloading it shows the list without the key.
            async |ctx, (key, secret)| {
                page(&state, ctx, FormState::default(), Some((key.name, secret))).await
            },
            async |ctx, form| page(&state, ctx, form, None).await,
        )
        .await
}

async fn revoke(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, PATH).await;
    let revoked = match record_id(&id) {
        Ok(id) => {
            (state.app.api_keys())
                .revoke(Some(&form.staff.user), id)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, revoked)
        .redirect_or_error(|()| PATH.into())
}
