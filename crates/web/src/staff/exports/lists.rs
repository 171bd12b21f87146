//! The engagement log, engagements and commitments as CSV, each with its list page's
//! filters and read page by page through the list's own operation.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use liaison_app::commitments::{reference as commitment_ref, Commitment, Standing};
use liaison_app::engagements::{reference as engagement_ref, Engagement, View};
use liaison_app::interactions::{filter_from, Filter, Logged};
use liaison_app::stakeholders::Stakeholder;
use liaison_app::Input;
use liaison_domain::values::{day_text, Day};

use super::{csv_head, file, input_of, or_error_page, Record, CSV};
use crate::context::Lang;
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::AppState;

/// The lists' exports.
pub(super) fn routes() -> Routes {
    Routes::new()
        .route("/staff/interactions/export.csv", get(interactions_csv))
        .route("/staff/engagements/export.csv", get(engagements_csv))
        .route("/staff/commitments/export.csv", get(commitments_csv))
}

/// Rows per page: the most each list's operation gives at once.
const PAGE: i64 = 200;

/// Several values in one cell.
const JOIN: &str = "; ";

/// The engagement log's columns (documented in README.md).
const INTERACTIONS: [&str; 9] = [
    "id",
    "happened_on",
    "kind",
    "participants",
    "officers",
    "topics",
    "attitude",
    "confidentiality",
    "summary",
];

/// Engagements' columns. Times are ISO 8601 in the engagement's own zone.
const ENGAGEMENTS: [&str; 17] = [
    "reference",
    "kind",
    "title",
    "status",
    "starts_at",
    "ends_at",
    "time_zone",
    "address",
    "room",
    "online_link",
    "capacity",
    "registered",
    "waitlisted",
    "attended",
    "organizer",
    "confidentiality",
    "topics",
];

/// Commitments' columns.
const COMMITMENTS: [&str; 11] = [
    "reference",
    "title",
    "owner",
    "due_on",
    "status",
    "standing",
    "confidentiality",
    "public",
    "concern",
    "evidence",
    "description",
];

/// `GET /staff/interactions/export.csv`: the log's filters (officer, kind, topic, days).
async fn interactions_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let input = input_of(raw.as_deref());
    let mut filter = filter_from(|f| input.get(f).to_string(), PAGE);
    filter.before = None;
    let (app, user) = (state.app.clone(), staff.user.clone());
    let page = move |mut filter: Filter| {
        let (app, user) = (app.clone(), user.clone());
        async move {
            let (found, next) = app.interactions().list(&user, &filter).await?;
            let mut out = String::new();
            for (x, who) in &found {
                interaction(x, who, &mut out);
            }
            filter.before = next;
            Ok((out, next.map(|_| filter)))
        }
    };
    let head = csv_head(&INTERACTIONS);
    let made = file("interactions.csv", CSV, head, filter, page).await;
    or_error_page(&state, lang, &staff, "interactions", made).await
}

fn interaction(x: &Logged, who: &[Stakeholder], out: &mut String) {
    let i = &x.interaction;
    let names: Vec<&str> = who.iter().map(|s| s.profile.name.as_str()).collect();
    Record::new(out)
        .number(Some(x.id))
        .text(&day_text(i.happened_on))
        .text(i.kind.as_str())
        .text(&names.join(JOIN))
        .text(&x.officer_names.join(JOIN))
        .text(&i.topics.join(JOIN))
        .maybe(i.attitude.map(|a| a.as_str()))
        .text(i.confidentiality.as_str())
        .text(&i.summary)
        .end();
}

/// `GET /staff/engagements/export.csv`: the list's view (`upcoming`, or `past`).
async fn engagements_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let view = match input_of(raw.as_deref()).get("view") {
        "past" => View::Past,
        _ => View::Upcoming,
    };
    let (app, user) = (state.app.clone(), staff.user.clone());
    let page = move |after: Option<(i64, i64)>| {
        let (app, user) = (app.clone(), user.clone());
        async move {
            let (found, next) = app.engagements().list(&user, view, after, PAGE).await?;
            let mut out = String::new();
            for e in &found {
                engagement(e, &mut out);
            }
            Ok((out, next.map(Some)))
        }
    };
    let head = csv_head(&ENGAGEMENTS);
    let made = file("engagements.csv", CSV, head, None, page).await;
    or_error_page(&state, lang, &staff, "engagements", made).await
}

fn engagement(e: &Engagement, out: &mut String) {
    let t = &e.terms;
    Record::new(out)
        .text(&engagement_ref(e.id))
        .text(t.kind.as_str())
        .text(&t.title)
        .text(e.status.as_str())
        .time(Some(t.starts_at), t.time_zone)
        .time(Some(t.ends_at), t.time_zone)
        .text(t.time_zone.name())
        .text(&t.venue.address)
        .text(&t.venue.room)
        .text(&t.venue.online_link)
        .number(t.venue.capacity)
        .number(Some(e.registered))
        .number(Some(e.waitlisted))
        .number(Some(e.attended))
        .text(&e.organizer_name)
        .text(t.confidentiality.as_str())
        .text(&t.topics.join(JOIN))
        .end();
}

/// `GET /staff/commitments/export.csv`: the register's view (`open`, `mine`, `late` or
/// `closed`).
async fn commitments_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let input: Input = input_of(raw.as_deref());
    let (view, _) = crate::staff::commitments::view_of(input.get("view"));
    let (app, user) = (state.app.clone(), staff.user.clone());
    let page = move |after: Option<(Day, i64)>| {
        let (app, user) = (app.clone(), user.clone());
        async move {
            let (found, next) = app.commitments().list(&user, view, after, PAGE).await?;
            let mut out = String::new();
            for (k, standing) in &found {
                commitment(k, *standing, &mut out);
            }
            Ok((out, next.map(Some)))
        }
    };
    let head = csv_head(&COMMITMENTS);
    let made = file("commitments.csv", CSV, head, None, page).await;
    or_error_page(&state, lang, &staff, "commitments", made).await
}

fn commitment(k: &Commitment, standing: Standing, out: &mut String) {
    Record::new(out)
        .text(&commitment_ref(k.id))
        .text(&k.terms.title)
        .text(&k.owner_name)
        .text(&day_text(k.terms.due_on))
        .text(k.status.as_str())
        .text(standing.as_str())
        .text(k.terms.confidentiality.as_str())
        .text(if k.terms.public { "yes" } else { "no" })
        .maybe(k.concern_reference.as_deref())
        .text(&k.evidence)
        .text(&k.terms.description)
        .end();
}
