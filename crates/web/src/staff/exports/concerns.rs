//! Concerns as CSV: the staff queue's export (`/staff/concerns/export.csv`, the queue's
//! filters) and the file the JSON API's `/api/v1/concerns.csv` answers with, both read
//! through `Concerns::export` a few thousand at a time.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use liaison_app::accounts::User;
use liaison_app::concerns::export::{Exported, Names};
use liaison_app::concerns::QueueFilter;
use liaison_app::{App, AppError};

use super::{csv_head, file, input_of, Record, CSV};
use crate::context::{Ctx, Lang};
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, AppState};

/// The staff queue's export.
pub(super) fn routes() -> Routes {
    Routes::new().route("/staff/concerns/export.csv", get(staff_csv))
}

/// Concerns read per page of an export: the export's own lean read, no names joined.
pub(crate) const PAGE: i64 = 2_000;

/// The columns of a concern export, in order (documented in README.md). Times are ISO 8601
/// in the office's zone with their offset; words (`status`, `channel`, …) are the API's.
pub(crate) const COLUMNS: [&str; 20] = [
    "reference",
    "received_at",
    "category",
    "area",
    "channel",
    "status",
    "priority",
    "confidentiality",
    "assignee",
    "acknowledged_at",
    "resolved_at",
    "acknowledge_by",
    "resolve_by",
    "address",
    "lat",
    "lng",
    "description",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
];

/// The name `map` holds for `id`.
fn name(map: &HashMap<i64, String>, id: Option<i64>) -> Option<&str> {
    id.and_then(|id| map.get(&id)).map(String::as_str)
}

/// Writes one concern's record.
fn write(x: &Exported, names: &Names, tz: Tz, out: &mut String) {
    Record::new(out)
        .text(&x.reference)
        .time(Some(x.received_at), tz)
        .maybe(name(&names.categories, Some(x.category_id)))
        .maybe(name(&names.areas, x.area_id))
        .text(x.channel.as_str())
        .text(x.status.as_str())
        .text(x.priority.as_str())
        .text(x.confidentiality.as_str())
        .maybe(name(&names.users, x.assignee_id))
        .time(x.acknowledged_at, tz)
        .time(x.resolved_at, tz)
        .time(Some(x.ack_due_at), tz)
        .time(Some(x.resolve_due_at), tz)
        .maybe(x.address.as_deref())
        .number(x.point.map(|p| p.0))
        .number(x.point.map(|p| p.1))
        .text(&x.description)
        .maybe(x.reporter.name.as_deref())
        .maybe(x.reporter.email.as_deref())
        .maybe(x.reporter.phone.as_deref())
        .end();
}

/// One page read and written, and the filter of the next.
async fn page(
    app: &App,
    user: &User,
    names: &Names,
    tz: Tz,
    mut filter: QueueFilter,
) -> Result<(String, Option<QueueFilter>), AppError> {
    let (found, next) = app.concerns().export(user, &filter).await?;
    let mut out = String::with_capacity(found.len() * 400);
    for x in &found {
        write(x, names, tz, &mut out);
    }
    Ok((
        out,
        next.map(|n| {
            filter.after = Some(n);
            filter
        }),
    ))
}

/// Every concern the queue `filter` names that `user` may see, as a streamed CSV file
/// (its `after` and `limit` are the export's own). A refusal, or a database away, comes
/// before the first byte, for the caller to answer in its interface's form.
pub(crate) async fn csv(
    state: &AppState,
    user: User,
    mut filter: QueueFilter,
    tz: Tz,
) -> Result<Response, AppError> {
    filter.after = None;
    filter.limit = PAGE;
    let app = state.app.clone();
    let names = Arc::new(app.concerns().export_names(&user).await?);
    let next_page = move |filter: QueueFilter| {
        let (app, user, names) = (app.clone(), user.clone(), names.clone());
        async move { page(&app, &user, &names, tz, filter).await }
    };
    file("concerns.csv", CSV, csv_head(&COLUMNS), filter, next_page).await
}

/// `GET /staff/concerns/export.csv`: the queue's filters as its page reads them; filters
/// that make no sense go back to the queue, which names them.
async fn staff_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let input = input_of(raw.as_deref());
    let answer = async {
        let tz = crate::api::concerns::zone(&state).await?;
        let (filter, errors) = crate::staff::concerns::filter_from(&input, &staff.user, tz);
        if !errors.is_empty() {
            let back = format!("/staff/concerns?{}", raw.as_deref().unwrap_or(""));
            return Ok(Redirect::to(&back).into_response());
        }
        csv(&state, staff.user.clone(), filter, tz).await
    };
    match answer.await {
        Ok(r) => r,
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
            errors::page(&ctx, e)
        }
    }
}
