//! Recording a concern received by phone, walk-in, email, letter, social media, a meeting
//! or in the field. The category comes first because it decides the questions asked.

use askama::Template;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::response::Response;
use liaison_app::concerns::RecordConcern;
use liaison_app::engagements::RaisedConcern;
use liaison_app::office::Area;
use liaison_app::office::Category;
use liaison_app::{AppError, Input};
use liaison_domain::concerns::{Channel, Confidentiality, Priority};

use crate::context::{Ctx, FormState, Lang};
use crate::forms::StaffUpload;
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// Intake routes; a recorded concern may come with files, in a body of up to
/// `upload_limit` bytes.
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new().route(
        "/staff/concerns/new",
        get(form)
            .post(submit)
            .layer(DefaultBodyLimit::max(upload_limit)),
    )
}

#[derive(Template)]
#[template(path = "staff/intake.html")]
struct Intake {
    ctx: Ctx,
    categories: Vec<Category>,
    category: Option<Category>,
    areas: Vec<Area>,
    form: FormState,
}

impl Intake {
    /// Staff take concerns in the office's language: no text falls back (`questions.html`
    /// asks).
    fn fell_back(&self, _field: impl AsRef<str>) -> bool {
        false
    }
    fn channels(&self) -> Vec<&'static str> {
        Channel::staff_choices().map(Channel::as_str).collect()
    }
    fn priorities(&self) -> Vec<&'static str> {
        Priority::ALL.iter().map(|p| p.as_str()).collect()
    }
    fn levels(&self) -> Vec<&'static str> {
        Confidentiality::ALL.iter().map(|c| c.as_str()).collect()
    }
    fn languages(&self) -> Vec<&'static str> {
        liaison_domain::values::LANGUAGES.to_vec()
    }
}

#[derive(Template)]
#[template(path = "staff/recorded.html")]
struct Recorded {
    ctx: Ctx,
    id: i64,
    reference: String,
    code: String,
}

/// Renders the intake form for the category named in `form` (if any).
async fn render_form(state: &AppState, ctx: Ctx, form: FormState) -> Response {
    let loaded = async {
        let categories = state.app.office().categories(true, false).await?;
        let areas = state.app.office().areas(false).await?;
        Ok::<_, AppError>((categories, areas))
    };
    let (categories, areas) = match loaded.await {
        Ok(x) => x,
        Err(e) => return errors::page(&ctx, e),
    };
    let chosen = form.value("category").parse::<i64>().ok();
    let category = categories.iter().find(|k| Some(k.id) == chosen).cloned();
    let mut form = match &category {
        Some(k) => form.asking(&k.questions),
        None => form,
    };
    if category.is_some() && form.value("priority").is_empty() {
        // Start from the category's default priority and the usual choices.
        let p = category
            .as_ref()
            .map_or("normal", |k| k.fields.default_priority.as_str());
        form.input.0.push(("priority".into(), p.into()));
        form.input
            .0
            .push(("confidentiality".into(), "restricted".into()));
        form.input.0.push(("reporter_language".into(), "en".into()));
    }
    render(&Intake {
        ctx,
        categories,
        category,
        areas,
        form,
    })
}

async fn form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "intake", "/staff/concerns/new").await;
    if let Err(e) = liaison_app::require(
        &staff.user,
        liaison_domain::permissions::Permission::RecordConcern,
    ) {
        return errors::page(&ctx, e);
    }
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    // From an engagement's page: a concern raised there, heard at the meeting.
    let form = FormState::with(
        ["category", "channel", "engagement"]
            .into_iter()
            .map(|k| (k.to_string(), input.get(k).to_string()))
            .collect(),
    );
    render_form(&state, ctx, form).await
}

async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffUpload { form, uploads }: StaffUpload<RecordConcern>,
) -> Response {
    let ctx = Ctx::staff(&state, &form.staff, lang, "intake", "/staff/concerns/new").await;
    let user = &form.staff.user;
    let mut recorded = (state.app.concerns())
        .record_with(user, &form.command, &uploads)
        .await;
    if let (Ok(r), Ok(engagement)) = (&recorded, form.input.get("engagement").parse::<i64>()) {
        let raised = RaisedConcern {
            concern: r.reference.as_str().into(),
        };
        if let Err(e) = (state.app.engagements())
            .link_concern(user, engagement, &raised)
            .await
        {
            recorded = Err(e);
        }
    }
    form.outcome(ctx, recorded)
        .render(
            async |ctx, r| {
                render(&Recorded {
                    ctx,
                    id: r.id,
                    reference: r.reference,
                    code: liaison_domain::values::display_tracking_code(&r.tracking_code),
                })
            },
            async |ctx, failed| render_form(&state, ctx, failed).await,
        )
        .await
}
