//! Administration of outgoing mail: the outbox (what waits, went out or failed, with the
//! server's answer), one message, trying a failed message or a parked job again.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use liaison_app::outbox::{Message, Overview};
use liaison_app::Input;
use serde::de::IgnoredAny;

use super::admin::admin_ctx;
use crate::context::{Ctx, Lang};
use crate::forms::{record_id, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, fmt, render, AppState};

/// Outbox routes.
pub fn routes() -> Routes {
    Routes::new()
        .route(PATH, get(outbox))
        .route("/staff/admin/outbox/{id}", get(message))
        .route("/staff/admin/outbox/{id}/retry", post(retry))
        .route("/staff/admin/jobs/{id}/retry", post(retry_job))
}

const PATH: &str = "/staff/admin/outbox";

#[derive(Template)]
#[template(path = "staff/admin_outbox.html")]
struct OutboxPage {
    ctx: Ctx,
    o: Overview,
    /// The state shown (`queued`, `sent`, `failed`), or empty for all.
    state: String,
}

impl OutboxPage {
    fn when(&self, t: &i64) -> String {
        fmt::datetime(*t, self.ctx.tz)
    }

    fn state_word(&self, state: &str) -> String {
        self.ctx.t(&format!("outbox-state-{state}"))
    }

    fn count(&self, key: &str, n: &i64) -> String {
        self.ctx.t1(key, "count", &n.to_string())
    }

    fn older_href(&self, before: &i64) -> String {
        match self.state.as_str() {
            "" => format!("{PATH}?before={before}"),
            s => format!("{PATH}?state={s}&before={before}"),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/admin_message.html")]
struct MessagePage {
    ctx: Ctx,
    m: Message,
}

impl MessagePage {
    fn when(&self, t: &i64) -> String {
        fmt::datetime(*t, self.ctx.tz)
    }

    fn state_word(&self, state: &str) -> String {
        self.ctx.t(&format!("outbox-state-{state}"))
    }
}

async fn outbox(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = admin_ctx(&state, &staff, lang, PATH).await;
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    let shown = input.get("state").to_string();
    let before = input.get("before").parse::<i64>().ok();
    match (state.app.outbox())
        .overview(&staff.user, Some(&shown), before)
        .await
    {
        Ok(o) => render(&OutboxPage {
            ctx,
            o,
            state: shown,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn message(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = admin_ctx(&state, &staff, lang, PATH).await;
    let m = match record_id(&id) {
        Ok(id) => state.app.outbox().message(&staff.user, id).await,
        Err(e) => Err(e),
    };
    match m {
        Ok(m) => render(&MessagePage { ctx, m }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn retry(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, PATH).await;
    let done = match record_id(&id) {
        Ok(id) => state.app.outbox().retry(&form.staff.user, id).await,
        Err(e) => Err(e),
    };
    form.outcome(ctx, done).redirect_or_error(|()| PATH.into())
}

async fn retry_job(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, PATH).await;
    let done = match record_id(&id) {
        Ok(id) => state.app.outbox().retry_job(&form.staff.user, id).await,
        Err(e) => Err(e),
    };
    form.outcome(ctx, done).redirect_or_error(|()| PATH.into())
}
