//! Administration of categories: deadlines, priority, portal visibility, intake questions.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use liaison_app::escalation::SaveRules;
use liaison_app::office::{Category, ChangeQuestion, NewQuestion, SaveCategory};
use liaison_app::teams::SaveTeam;
use liaison_app::texts::TextVersions;
use liaison_app::{AppError, Input};
use liaison_domain::categories::QuestionKind;
use liaison_domain::concerns::Priority;
use liaison_domain::deadlines::TargetUnit;
use liaison_domain::permissions::Permission;
use liaison_domain::FieldErrors;

use super::admin::{admin_ctx, require_admin, TextsForm};
use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// Category routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/admin/categories", get(list).post(create))
        .route("/staff/admin/categories/new", get(new))
        .route("/staff/admin/categories/{id}", get(edit).post(update))
        .route("/staff/admin/categories/{id}/questions", post(add_question))
        .route(
            "/staff/admin/categories/{id}/questions/{code}",
            post(change_question),
        )
        .route("/staff/admin/categories/{id}/texts", post(save_texts))
        .route("/staff/admin/categories/{id}/rules", post(save_rules))
        .route("/staff/admin/categories/{id}/team", post(save_team))
}

#[derive(Template)]
#[template(path = "staff/admin_categories.html")]
struct List {
    ctx: Ctx,
    categories: Vec<Category>,
}

async fn list(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/categories").await;
    if let Err(r) = require_admin(&ctx, &staff) {
        return r;
    }
    match state.app.office().categories(false, false).await {
        Ok(categories) => render(&List { ctx, categories }),
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/admin_category.html")]
struct Edit {
    ctx: Ctx,
    category: Option<Category>,
    form: FormState,
    question: FormState,
    /// The versions of its texts in the other portal languages (an existing category).
    texts: Option<TextsForm>,
    /// The versions were just saved.
    texts_saved: bool,
    /// Its escalation rules (an existing category).
    rules: FormState,
    /// Who a concern may be escalated to: staff who work on concerns, id and name.
    staff: Vec<(String, String)>,
    /// Whether it is sensitive, and its team (an existing category).
    team: FormState,
}

impl Edit {
    /// Whether the translations form failed.
    fn texts_failed(&self) -> bool {
        self.texts.as_ref().is_some_and(|t| t.form.failed_any())
    }
    fn units(&self) -> Vec<&'static str> {
        TargetUnit::ALL.iter().map(|u| u.as_str()).collect()
    }
    fn priorities(&self) -> Vec<&'static str> {
        Priority::ALL.iter().map(|p| p.as_str()).collect()
    }
    fn kinds(&self) -> Vec<&'static str> {
        QuestionKind::ALL.iter().map(|k| k.as_str()).collect()
    }
}

fn fields_of(k: &Category) -> FormState {
    let f = &k.fields;
    let mut pairs = vec![
        ("code".to_string(), f.code.clone()),
        ("name".into(), f.name.clone()),
        ("description".into(), f.description.clone()),
        ("ack_amount".into(), f.acknowledge.amount.to_string()),
        ("ack_unit".into(), f.acknowledge.unit.as_str().into()),
        ("resolve_amount".into(), f.resolve.amount.to_string()),
        ("resolve_unit".into(), f.resolve.unit.as_str().into()),
        (
            "default_priority".into(),
            f.default_priority.as_str().into(),
        ),
    ];
    if f.public {
        pairs.push(("public".into(), "yes".into()));
    }
    if f.active {
        pairs.push(("active".into(), "yes".into()));
    }
    FormState::with(pairs)
}

async fn new(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/categories/new").await;
    if let Err(r) = require_admin(&ctx, &staff) {
        return r;
    }
    let form = FormState::with(
        [
            ("ack_amount", "8"),
            ("ack_unit", "working_hours"),
            ("resolve_amount", "10"),
            ("resolve_unit", "calendar_days"),
            ("default_priority", "normal"),
            ("public", "yes"),
            ("active", "yes"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    );
    render(&Edit {
        ctx,
        category: None,
        form,
        question: FormState::default(),
        texts: None,
        texts_saved: false,
        rules: FormState::default(),
        staff: Vec::new(),
        team: FormState::default(),
    })
}

async fn create(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SaveCategory>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories/new").await;
    let added = (state.app.office())
        .add_category(&form.staff.user, &form.command)
        .await;
    form.outcome(ctx, added)
        .redirect(
            |id| format!("/staff/admin/categories/{id}"),
            async |ctx, form| {
                render(&Edit {
                    ctx,
                    category: None,
                    form,
                    question: FormState::default(),
                    texts: None,
                    texts_saved: false,
                    rules: FormState::default(),
                    staff: Vec::new(),
                    team: FormState::default(),
                })
            },
        )
        .await
}

async fn load(state: &AppState, id: &str) -> Result<Category, AppError> {
    state
        .app
        .office()
        .category(id.parse().map_err(|_| AppError::NotFound)?)
        .await
}

/// The translations form of category `k`: its stored versions, or what was sent and what
/// was wrong with it.
async fn texts_form(
    state: &AppState,
    ctx: &Ctx,
    k: &Category,
    failed: Option<(Input, FieldErrors)>,
) -> Result<TextsForm, AppError> {
    let versions = state.app.office().category_versions().await?;
    Ok(TextsForm::new(
        ctx,
        k,
        versions.get(&k.id),
        (
            format!("/staff/admin/categories/{}/texts", k.id),
            "texts-".into(),
            String::new(),
        ),
        failed,
    ))
}

async fn edit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/categories").await;
    if let Err(r) = require_admin(&ctx, &staff) {
        return r;
    }
    let loaded = async {
        let k = load(&state, &id).await?;
        let texts = texts_form(&state, &ctx, &k, None).await?;
        let (rules, staff) = rules_form(&state, &staff.user, &k, None).await?;
        let team = team_form(&state, &k, None).await?;
        Ok::<_, AppError>((k, texts, rules, staff, team))
    };
    match loaded.await {
        Ok((k, texts, rules, staff, team)) => {
            let form = fields_of(&k);
            let question =
                FormState::with(vec![("kind".into(), "short_text".into())]).prefixed("question-");
            render(&Edit {
                ctx,
                category: Some(k),
                form,
                question,
                texts: Some(texts),
                texts_saved: q.as_deref() == Some("done=texts"),
                rules,
                staff,
                team,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// The forms of the category page that can fail, one of which did.
#[derive(Default)]
struct Failed {
    settings: Option<FormState>,
    question: Option<FormState>,
    texts: Option<(Input, FieldErrors)>,
    rules: Option<FormState>,
    team: Option<FormState>,
}

/// Whether category `k` is sensitive and its team (as stored, or `sent` when it failed).
async fn team_form(
    state: &AppState,
    k: &Category,
    sent: Option<FormState>,
) -> Result<FormState, AppError> {
    Ok(match sent {
        Some(f) => f,
        None => {
            let (sensitive, team) = state.app.office().team(k.id).await?;
            let mut pairs: Vec<(String, String)> = team
                .iter()
                .map(|u| ("team".into(), u.to_string()))
                .collect();
            if sensitive {
                pairs.push(("sensitive".into(), "yes".into()));
            }
            FormState::with(pairs)
        }
    }
    .prefixed("team-"))
}

/// The escalation rules form of category `k` (as stored, or `sent` when it failed), and
/// the staff a concern may be escalated to.
async fn rules_form(
    state: &AppState,
    by: &liaison_app::accounts::User,
    k: &Category,
    sent: Option<FormState>,
) -> Result<(FormState, Vec<(String, String)>), AppError> {
    let staff = state
        .app
        .accounts()
        .list(by)
        .await?
        .into_iter()
        .filter(|u| u.active && u.role.may(Permission::WorkOnConcerns))
        .map(|u| (u.id.to_string(), u.name))
        .collect();
    let form = match sent {
        Some(f) => f,
        None => {
            let (r, window) = state.app.office().rules(k.id).await?;
            let mut pairs = vec![
                ("appeal_days".to_string(), window.days.to_string()),
                (
                    "appeal_review_days".to_string(),
                    window.review_days.to_string(),
                ),
                (
                    "escalate_after_days".to_string(),
                    r.escalate_after_days
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                (
                    "escalate_to".into(),
                    r.escalate_to.map(|u| u.to_string()).unwrap_or_default(),
                ),
            ];
            if r.tell_unacknowledged {
                pairs.push(("tell_unacknowledged".into(), "yes".into()));
            }
            FormState::with(pairs)
        }
    };
    Ok((form.prefixed("rules-"), staff))
}

/// Shows the edit page again after one of its forms failed.
async fn failed(
    state: &AppState,
    ctx: Ctx,
    id: &str,
    by: &liaison_app::accounts::User,
    failed: Failed,
) -> Response {
    let loaded = async {
        let k = load(state, id).await?;
        let texts = texts_form(state, &ctx, &k, failed.texts).await?;
        let (rules, staff) = rules_form(state, by, &k, failed.rules).await?;
        let team = team_form(state, &k, failed.team).await?;
        Ok::<_, AppError>((k, texts, rules, staff, team))
    };
    match loaded.await {
        Ok((k, texts, rules, staff, team)) => {
            let form = failed.settings.unwrap_or_else(|| fields_of(&k));
            let question = failed.question.unwrap_or_default().prefixed("question-");
            render(&Edit {
                ctx,
                category: Some(k),
                form,
                question,
                texts: Some(texts),
                texts_saved: false,
                rules,
                staff,
                team,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn update(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<SaveCategory>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let user = form.staff.user.clone();
    let updated = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .update_category(&form.staff.user, n, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, updated)
        .redirect(
            |()| format!("/staff/admin/categories/{id}"),
            async |ctx, form| {
                let f = Failed {
                    settings: Some(form),
                    ..Failed::default()
                };
                failed(&state, ctx, &id, &user, f).await
            },
        )
        .await
}

async fn add_question(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<NewQuestion>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let user = form.staff.user.clone();
    let added = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .add_question(&form.staff.user, n, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, added)
        .redirect(
            |()| format!("/staff/admin/categories/{id}#questions"),
            async |ctx, form| {
                let f = Failed {
                    question: Some(form),
                    ..Failed::default()
                };
                failed(&state, ctx, &id, &user, f).await
            },
        )
        .await
}

async fn change_question(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, code)): Path<(String, String)>,
    form: StaffForm<ChangeQuestion>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let changed = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .change_question(&form.staff.user, n, &code, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, changed)
        .redirect_or_error(|()| format!("/staff/admin/categories/{id}#questions"))
}

/// Saves the versions of a category's texts in the other portal languages, all at once.
async fn save_texts(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<TextVersions>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let user = form.staff.user.clone();
    let saved = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .save_category_texts(&form.staff.user, n, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, saved)
        .redirect(
            |()| format!("/staff/admin/categories/{id}?done=texts#translations"),
            async |ctx, form| {
                let f = Failed {
                    texts: Some((form.input, form.errors)),
                    ..Failed::default()
                };
                failed(&state, ctx, &id, &user, f).await
            },
        )
        .await
}

/// Saves a category's escalation rules.
async fn save_rules(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<SaveRules>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let user = form.staff.user.clone();
    let saved = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .save_rules(&form.staff.user, n, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, saved)
        .redirect(
            |()| format!("/staff/admin/categories/{id}?done=rules#rules"),
            async |ctx, form| {
                let f = Failed {
                    rules: Some(form),
                    ..Failed::default()
                };
                failed(&state, ctx, &id, &user, f).await
            },
        )
        .await
}

async fn save_team(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<SaveTeam>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/categories").await;
    let user = form.staff.user.clone();
    let saved = match record_id(&id) {
        Ok(n) => {
            (state.app.office())
                .save_team(&form.staff.user, n, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, saved)
        .redirect(
            |()| format!("/staff/admin/categories/{id}?done=team#team"),
            async |ctx, form| {
                let f = Failed {
                    team: Some(form),
                    ..Failed::default()
                };
                failed(&state, ctx, &id, &user, f).await
            },
        )
        .await
}
