//! The staff search box: every kind of record at once, each hit only if the user may see
//! it (`liaison_app::search`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_app::search::Section;
use liaison_app::{AppError, Input};
use liaison_domain::records::RecordKind;

use crate::context::{Ctx, FormState, Lang};
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The search page.
pub fn routes() -> Routes {
    Routes::new().route("/staff/search", get(search))
}

#[derive(Template)]
#[template(path = "staff/search.html")]
struct SearchPage {
    ctx: Ctx,
    form: FormState,
    query: String,
    sections: Vec<Section>,
}

impl SearchPage {
    /// Where a hit's record is shown.
    fn href(&self, kind: &RecordKind, id: &i64) -> String {
        match kind {
            RecordKind::Concern => format!("/staff/concerns/{id}"),
            RecordKind::Category => format!("/staff/admin/categories/{id}"),
            RecordKind::Area => "/staff/admin/areas".into(),
            RecordKind::Person => format!("/staff/people/{id}"),
            RecordKind::Organization => format!("/staff/organizations/{id}"),
            RecordKind::Relationship => "/staff/people".into(),
            RecordKind::Interaction => format!("/staff/interactions/{id}"),
            RecordKind::FollowUp => "/staff/tasks".into(),
            RecordKind::Commitment => format!("/staff/commitments/{id}"),
            RecordKind::Mediation => format!("/staff/mediations/{id}"),
            RecordKind::Engagement => format!("/staff/engagements/{id}"),
            RecordKind::Survey => format!("/staff/surveys/{id}"),
        }
    }

    /// Where the rest of a kind's hits are listed: from the start when these are a full
    /// set, from where the search stopped when it stopped at the most recent records.
    fn more_href(&self, s: &Section) -> String {
        let q = crate::session::percent(&self.query);
        match (s.kind, s.stopped_early(), &s.next) {
            (RecordKind::Concern, true, Some(after)) => {
                format!("/staff/concerns?view=all&q={q}&after={after}")
            }
            (RecordKind::Concern, _, _) => format!("/staff/concerns?view=all&q={q}"),
            (RecordKind::Person, _, _) => format!("/staff/people?q={q}"),
            (RecordKind::Organization, _, _) => format!("/staff/organizations?q={q}"),
            (RecordKind::Category | RecordKind::Area, _, _) => "/staff/admin".into(),
            (RecordKind::Relationship, _, _) => "/staff/people".into(),
            (RecordKind::Interaction | RecordKind::FollowUp, _, _) => "/staff/interactions".into(),
            (RecordKind::Commitment, _, _) => "/staff/commitments".into(),
            (RecordKind::Mediation, _, _) => "/staff/concerns".into(),
            (RecordKind::Engagement, _, _) => "/staff/engagements".into(),
            (RecordKind::Survey, _, _) => "/staff/surveys".into(),
        }
    }

    /// Whether nothing matched, anywhere the search looked or could look.
    fn found_none(&self) -> bool {
        self.sections.iter().all(|s| s.hits.is_empty() && !s.more())
    }
}

async fn search(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let query = input.get("q").to_string();
    let ctx = Ctx::staff(&state, &staff, lang, "search", "/staff/search").await;
    match state.app.search().find(&staff.user, &query).await {
        Ok(sections) => render(&SearchPage {
            ctx,
            form: FormState::with(input.0.clone()),
            query,
            sections,
        }),
        Err(AppError::Invalid(e)) => {
            let page = SearchPage {
                ctx,
                form: FormState::failed(input, e),
                query,
                sections: Vec::new(),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}
