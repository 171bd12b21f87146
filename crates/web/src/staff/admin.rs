//! Administration: the office's settings, its areas, and the audit trail.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::audit_trail::AuditEntry;
use liaison_app::office::Area;
use liaison_app::{AppError, Input};
use liaison_domain::office::format_clock;
use liaison_domain::permissions::Permission;
use liaison_domain::texts::{input_name, version_languages, Label, Texts, Versions};
use liaison_domain::FieldErrors;

use crate::context::{Ctx, FormState, Lang};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// Administration routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/admin", get(office).post(save_office))
        .route("/staff/admin/areas", get(areas).post(add_area))
        .route("/staff/admin/areas/{id}", post(update_area))
        .route("/staff/admin/areas/{id}/texts", post(save_area_texts))
        .route("/staff/admin/audit", get(audit))
}

/// Checks the CSRF token and the administrator role before a form is handled.
pub(crate) async fn admin_form(
    state: &AppState,
    staff: &Staff,
    lang: &'static str,
    body: &Bytes,
    path: &str,
) -> Result<(Input, Ctx), Response> {
    let input = Input::from_urlencoded(body);
    if !staff.csrf_ok(&input) {
        return Err(errors::form_expired(&state.tr(lang)));
    }
    let ctx = Ctx::staff(state, staff, lang, "admin", path).await;
    Ok((input, ctx))
}

/// Like [`admin_form`], for a form about one record: also reads the record's id from the
/// address, answering not found when it is not a number.
pub(crate) async fn admin_record_form(
    state: &AppState,
    staff: &Staff,
    lang: &'static str,
    body: &Bytes,
    path: &str,
    id: &str,
) -> Result<(Input, Ctx, i64), Response> {
    let (input, ctx) = admin_form(state, staff, lang, body, path).await?;
    match id.parse::<i64>() {
        Ok(n) => Ok((input, ctx, n)),
        Err(_) => Err(errors::page(&ctx, AppError::NotFound)),
    }
}

/// The "Translations" form of one record: its public texts side by side, one row per text,
/// the office's language read-only, then an input per other portal language
/// (`staff/texts_form.html`).
pub(crate) struct TextsForm {
    /// Where it is sent.
    pub action: String,
    /// The record's name, said to screen readers before each field's label when a page
    /// holds several such forms (empty when it holds one).
    pub subject: String,
    /// One row per text that is not empty in the office's language.
    pub rows: Vec<TextRow>,
    /// The other portal languages: code and name.
    pub languages: Vec<(&'static str, String)>,
    /// The versions shown (stored, or as sent), errors, and the prefix of its ids.
    pub form: FormState,
}

/// One text of a [`TextsForm`].
pub(crate) struct TextRow {
    /// Its field, such as `question.dust_source.label`.
    pub field: String,
    /// What it is, such as "Question 1".
    pub label: String,
    /// The text in the office's language.
    pub original: String,
    /// Whether it is written in a text area.
    pub long: bool,
    /// The most characters a version may have.
    pub max: usize,
}

impl TextsForm {
    /// The form for `record`: its stored `versions`, or what was sent and what was wrong
    /// with it.
    pub fn new<T: Texts + Clone>(
        ctx: &Ctx,
        record: &T,
        versions: Option<&Versions>,
        (action, prefix, subject): (String, String, String),
        failed: Option<(Input, FieldErrors)>,
    ) -> Self {
        let label = |l: &Label| match l.args.as_slice() {
            [] => ctx.t(l.key),
            [(n, v)] => ctx.tr.t1(l.key, n, v.clone()),
            [a, b, ..] => ctx.tr.t2(l.key, (a.0, a.1.clone()), (b.0, b.1.clone())),
        };
        let rows: Vec<TextRow> = record
            .texts()
            .into_iter()
            .filter(|t| !t.text.trim().is_empty())
            .map(|t| TextRow {
                label: label(&t.label),
                field: t.field,
                original: t.text,
                long: t.long,
                max: t.max,
            })
            .collect();
        let languages: Vec<(&'static str, String)> = version_languages()
            .map(|l| (l, ctx.t(&format!("language-{l}"))))
            .collect();
        let mut labels = Vec::new();
        for row in &rows {
            for (code, name) in &languages {
                labels.push((
                    input_name(code, &row.field),
                    format!("{}, {name}", row.label),
                ));
            }
        }
        let form = match failed {
            Some((input, errors)) => FormState::failed(input, errors),
            None => FormState::with(
                versions
                    .map(|v| {
                        v.iter()
                            .map(|(field, language, text)| {
                                (input_name(language, field), text.to_string())
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
        };
        Self {
            action,
            subject,
            rows,
            languages,
            form: FormState { labels, ..form }.prefixed(prefix),
        }
    }

    /// The name of the input for `field` in `language`.
    pub fn name(&self, language: &str, field: &str) -> String {
        input_name(language, field)
    }

    /// What screen readers hear before a field's language: `Name, ` or, with a subject,
    /// `Riverside: Name, `.
    pub fn row_prefix(&self, row: &TextRow) -> String {
        if self.subject.is_empty() {
            format!("{}, ", row.label)
        } else {
            format!("{}: {}, ", self.subject, row.label)
        }
    }
}

/// Fails with a forbidden page unless the user administers the office.
pub(crate) fn require_admin(ctx: &Ctx, staff: &Staff) -> Result<(), Response> {
    liaison_app::require(&staff.user, Permission::ConfigureOffice).map_err(|e| errors::page(ctx, e))
}

#[derive(Template)]
#[template(path = "staff/admin_office.html")]
struct Office {
    ctx: Ctx,
    form: FormState,
    saved: bool,
}

impl Office {
    fn days(&self) -> Vec<(String, String)> {
        (1..=7)
            .map(|d| (d.to_string(), format!("day-{d}")))
            .collect()
    }
}

async fn office(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin").await;
    if let Err(r) = require_admin(&ctx, &staff) {
        return r;
    }
    let o = match state.app.office().settings().await {
        Ok(o) => o,
        Err(e) => return errors::page(&ctx, e),
    };
    let c = &o.calendar;
    let mut pairs = vec![
        ("name".to_string(), o.name.clone()),
        ("time_zone".into(), c.time_zone.name().to_string()),
        ("work_start".into(), format_clock(c.start_minute)),
        ("work_end".into(), format_clock(c.end_minute)),
    ];
    for d in c.days_text().split(',') {
        pairs.push(("working_days".into(), d.to_string()));
    }
    let saved = q.as_deref() == Some("done=saved");
    render(&Office {
        ctx,
        form: FormState::with(pairs),
        saved,
    })
}

async fn save_office(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    body: Bytes,
) -> Response {
    let (input, ctx) = match admin_form(&state, &staff, lang, &body, "/staff/admin").await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.office().save_settings(&staff.user, &input).await {
        Ok(_) => Redirect::to("/staff/admin?done=saved").into_response(),
        Err(AppError::Invalid(e)) => {
            let page = Office {
                ctx,
                form: FormState::failed(input, e),
                saved: false,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/admin_areas.html")]
struct Areas {
    ctx: Ctx,
    areas: Vec<Area>,
    form: FormState,
    failed_id: Option<i64>,
    /// Each area's "Translations" form.
    texts: Vec<(Area, TextsForm)>,
    /// Whether a translations form failed (its errors are in it).
    texts_failed: bool,
}

impl Areas {
    /// Whether the failed form is the one for area `id`.
    fn failed_for(&self, id: &i64) -> bool {
        self.failed_id == Some(*id)
    }
}

/// The areas page; `texts_failed` is the area whose translations form failed, with what
/// was sent and what was wrong.
async fn areas_page(
    state: &AppState,
    ctx: Ctx,
    form: FormState,
    failed_id: Option<i64>,
    texts_failed: Option<(i64, Input, FieldErrors)>,
) -> Response {
    match state.app.office().areas_with_versions(true).await {
        Ok((areas, versions)) => {
            let (failed_area, mut failed_texts) = match texts_failed {
                Some((id, input, errors)) => (Some(id), Some((input, errors))),
                None => (None, None),
            };
            let code = if form.failed_any() || failed_area.is_some() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let texts = areas
                .iter()
                .map(|a| {
                    let failed = if failed_area == Some(a.id) {
                        failed_texts.take()
                    } else {
                        None
                    };
                    let f = TextsForm::new(
                        &ctx,
                        a,
                        versions.get(&a.id),
                        (
                            format!("/staff/admin/areas/{}/texts", a.id),
                            format!("area-{}-texts-", a.id),
                            a.name.clone(),
                        ),
                        failed,
                    );
                    (a.clone(), f)
                })
                .collect();
            (
                code,
                render(&Areas {
                    ctx,
                    areas,
                    form,
                    failed_id,
                    texts,
                    texts_failed: failed_area.is_some(),
                }),
            )
                .into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn areas(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/areas").await;
    if let Err(r) = require_admin(&ctx, &staff) {
        return r;
    }
    areas_page(&state, ctx, FormState::default(), None, None).await
}

async fn add_area(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    body: Bytes,
) -> Response {
    let (input, ctx) = match admin_form(&state, &staff, lang, &body, "/staff/admin/areas").await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.office().add_area(&staff.user, &input).await {
        Ok(_) => Redirect::to("/staff/admin/areas").into_response(),
        Err(AppError::Invalid(e)) => {
            areas_page(&state, ctx, FormState::failed(input, e), None, None).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn update_area(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (input, ctx, id) =
        match admin_record_form(&state, &staff, lang, &body, "/staff/admin/areas", &id).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    match state
        .app
        .office()
        .update_area(&staff.user, id, &input)
        .await
    {
        Ok(()) => Redirect::to("/staff/admin/areas").into_response(),
        Err(AppError::Invalid(e)) => {
            let form = FormState::failed(input, e).prefixed(format!("area-{id}-"));
            areas_page(&state, ctx, form, Some(id), None).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// Saves an area's versions in the other portal languages.
async fn save_area_texts(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (input, ctx, id) =
        match admin_record_form(&state, &staff, lang, &body, "/staff/admin/areas", &id).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    match state
        .app
        .office()
        .save_area_texts(&staff.user, id, &input)
        .await
    {
        Ok(()) => Redirect::to(&format!("/staff/admin/areas#area-{id}-texts")).into_response(),
        Err(AppError::Invalid(e)) => {
            areas_page(
                &state,
                ctx,
                FormState::default(),
                None,
                Some((id, input, e)),
            )
            .await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "staff/admin_audit.html")]
struct Audit {
    ctx: Ctx,
    entries: Vec<AuditEntry>,
    older: Option<i64>,
}

async fn audit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "admin", "/staff/admin/audit").await;
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    let before = input.get("before").parse::<i64>().ok();
    match state
        .app
        .audit_trail()
        .entries(&staff.user, before, 100)
        .await
    {
        Ok(entries) => {
            let older = if entries.len() == 100 {
                entries.last().map(|e| e.id)
            } else {
                None
            };
            render(&Audit {
                ctx,
                entries,
                older,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}
