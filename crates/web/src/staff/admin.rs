//! Administration: the office's settings, its areas, and the audit trail.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_app::audit_trail::AuditEntry;
use liaison_app::office::{Area, NewArea, SaveSettings, UpdateArea};
use liaison_app::texts::TextVersions;
use liaison_app::Input;
use liaison_domain::office::format_clock;
use liaison_domain::permissions::Permission;
use liaison_domain::texts::{input_name, version_languages, Label, Texts, Versions};
use liaison_domain::FieldErrors;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, StaffForm};
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

/// The context of an administration page.
pub(crate) async fn admin_ctx(
    state: &AppState,
    staff: &Staff,
    lang: &'static str,
    path: &str,
) -> Ctx {
    Ctx::staff(state, staff, lang, "admin", path).await
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
    /// Active categories, id and name: where mail to the office may go.
    categories: Vec<(String, String)>,
}

/// The active categories, for the choice of where mail to the office goes.
async fn mail_categories(state: &AppState) -> Vec<(String, String)> {
    state
        .app
        .office()
        .categories(true, false)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|k| (k.id.to_string(), k.fields.name.clone()))
        .collect()
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
        (
            "mail_category".into(),
            o.mail_category_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        ),
    ];
    for d in c.days_text().split(',') {
        pairs.push(("working_days".into(), d.to_string()));
    }
    let saved = q.as_deref() == Some("done=saved");
    render(&Office {
        ctx,
        form: FormState::with(pairs),
        saved,
        categories: mail_categories(&state).await,
    })
}

async fn save_office(
    State(state): State<AppState>,
    Lang(lang): Lang,
    form: StaffForm<SaveSettings>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin").await;
    let saved = (state.app.office())
        .save_settings(&form.staff.user, &form.command)
        .await;
    form.outcome(ctx, saved)
        .redirect(
            |_| "/staff/admin?done=saved".into(),
            async |ctx, form| {
                render(&Office {
                    ctx,
                    form,
                    saved: false,
                    categories: mail_categories(&state).await,
                })
            },
        )
        .await
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
    form: StaffForm<NewArea>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/areas").await;
    let added = (state.app.office())
        .add_area(&form.staff.user, &form.command)
        .await;
    form.outcome(ctx, added)
        .redirect(
            |_| "/staff/admin/areas".into(),
            async |ctx, form| areas_page(&state, ctx, form, None, None).await,
        )
        .await
}

async fn update_area(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<UpdateArea>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/areas").await;
    let updated = match record_id(&id) {
        Ok(id) => {
            (state.app.office())
                .update_area(&form.staff.user, id, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, updated)
        .redirect(
            |()| "/staff/admin/areas".into(),
            async |ctx, form| {
                let form = form.prefixed(format!("area-{id}-"));
                areas_page(&state, ctx, form, id.parse().ok(), None).await
            },
        )
        .await
}

/// Saves an area's versions in the other portal languages.
async fn save_area_texts(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<TextVersions>,
) -> Response {
    let ctx = admin_ctx(&state, &form.staff, lang, "/staff/admin/areas").await;
    let saved = match record_id(&id) {
        Ok(id) => {
            (state.app.office())
                .save_area_texts(&form.staff.user, id, &form.command)
                .await
        }
        Err(e) => Err(e),
    };
    form.outcome(ctx, saved)
        .redirect(
            |()| format!("/staff/admin/areas#area-{id}-texts"),
            async |ctx, failed| {
                let texts = id.parse().ok().map(|id| (id, failed.input, failed.errors));
                areas_page(&state, ctx, FormState::default(), None, texts).await
            },
        )
        .await
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
