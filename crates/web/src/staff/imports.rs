//! Importing a contacts file into the register: the upload form, the preview (how the
//! file was read, each column's meaning, every row's verdict with its line), and the
//! import's progress and outcome, shown from the database so any server can show it.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::Response;
use liaison_app::accounts::User;
use liaison_app::stakeholders::import::{
    Import, MapColumns, Preview, StartImport, Verdict, MAX_FILE_BYTES, PREVIEW_ROWS,
};
use liaison_app::{AppError, AppResult};
use liaison_domain::interchange::csv::{Column, Encoding};
use liaison_domain::permissions::Permission;
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm, StaffUpload};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The import's routes; a contacts file of up to [`MAX_FILE_BYTES`] may be sent.
pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/staff/people/import",
            get(form)
                .post(upload)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/staff/imports/{id}", get(page))
        .route("/staff/imports/{id}/mapping", post(map))
        .route("/staff/imports/{id}/start", post(start))
}

#[derive(Template)]
#[template(path = "staff/import_form.html")]
struct FormPage {
    ctx: Ctx,
    form: FormState,
}

async fn form(State(state): State<AppState>, Lang(lang): Lang, staff: Staff) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
    if !staff.user.role.may(Permission::ManageStakeholders) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    render(&FormPage {
        ctx,
        form: FormState::default(),
    })
}

async fn upload(
    State(state): State<AppState>,
    Lang(lang): Lang,
    sent: StaffUpload<IgnoredAny>,
) -> Response {
    let StaffUpload { form, mut uploads } = sent;
    let staff = form.staff;
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
    let result = match uploads.pop() {
        Some(u) => {
            (state.app.stakeholders())
                .upload_contacts(&staff.user, &u.file_name, u.bytes)
                .await
        }
        None => Err(AppError::field("file", "error-required")),
    };
    Outcome::new(ctx, form.input, result)
        .redirect(
            |id| format!("/staff/imports/{id}"),
            async |ctx, form| render(&FormPage { ctx, form }),
        )
        .await
}

#[derive(Template)]
#[template(path = "staff/import.html")]
struct Page {
    ctx: Ctx,
    /// The preview, while the import waits to be confirmed.
    preview: Option<Preview>,
    /// The import.
    job: Import,
    form: FormState,
}

impl Page {
    fn is_column(&self, i: &usize, word: &str) -> bool {
        (self.preview.as_ref())
            .and_then(|p| p.columns.get(*i))
            .is_some_and(|c| c.word() == word)
    }

    fn choices(&self) -> Vec<String> {
        Column::CHOICES.iter().map(|c| c.word()).collect()
    }

    /// What a column word is called on the page.
    fn column_label(&self, word: &str) -> String {
        match word.strip_prefix("address_part_") {
            Some(n) => self.ctx.t1(
                "import-column-address_part",
                "number",
                &(n.parse::<u8>().unwrap_or(0) + 1).to_string(),
            ),
            None => self.ctx.word("import-column", word),
        }
    }

    fn encoding(&self) -> String {
        let Some(Some((e, d))) = self.preview.as_ref().map(|p| p.read_as) else {
            return String::new();
        };
        let e = match e {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        };
        let d = match d {
            b'\t' => self.ctx.t("import-tab"),
            d => format!("“{}”", d as char),
        };
        self.ctx
            .t1("import-read-as", "encoding", &format!("{e} · {d}"))
    }

    /// The rows the preview lists: those with something to say first, then the rest, up
    /// to [`PREVIEW_ROWS`].
    fn listed(&self) -> Vec<&liaison_app::stakeholders::import::CheckedRow> {
        let Some(p) = &self.preview else {
            return Vec::new();
        };
        let mut rows: Vec<_> = p
            .rows
            .iter()
            .filter(|r| r.verdict != Verdict::Ready)
            .collect();
        rows.extend(p.rows.iter().filter(|r| r.verdict == Verdict::Ready));
        rows.truncate(PREVIEW_ROWS);
        rows.sort_by_key(|r| r.line);
        rows
    }

    /// What the check found of a row, in words.
    fn verdict(&self, v: &Verdict) -> String {
        let ctx = &self.ctx;
        match v {
            Verdict::Ready => ctx.t("import-ready"),
            Verdict::Invalid(errors) => errors
                .0
                .iter()
                .map(|e| format!("{}: {}", self.field(&e.field), ctx.t(e.code)))
                .collect::<Vec<_>>()
                .join("; "),
            Verdict::Known(_) => ctx.t("import-known"),
            Verdict::Repeated(line) => ctx.t1("import-repeated", "line", &line.to_string()),
        }
    }

    fn field(&self, f: &str) -> String {
        match f {
            "file" | "organization" | "title" => self.ctx.t(&format!("import-field-{f}")),
            f => self.ctx.field_label(f),
        }
    }

    fn verdict_class(&self, v: &Verdict) -> &'static str {
        match v {
            Verdict::Ready => "ready",
            Verdict::Invalid(_) => "invalid",
            Verdict::Known(_) | Verdict::Repeated(_) => "duplicate",
        }
    }

    fn known_ids<'a>(&self, v: &'a Verdict) -> &'a [i64] {
        match v {
            Verdict::Known(ids) => ids,
            _ => &[],
        }
    }

    /// How far the import has got, in words.
    fn progress_text(&self) -> String {
        let done = format!("{} / {}", self.job.done, self.job.total);
        self.ctx.t1("import-progress", "done", &done)
    }

    /// How far the import has got, in hundredths.
    fn percent(&self) -> i64 {
        if self.job.total == 0 {
            100
        } else {
            self.job.done * 100 / self.job.total
        }
    }
}

async fn show(state: &AppState, staff: &Staff, ctx: Ctx, id: &str, form: FormState) -> Response {
    let app = state.app.stakeholders();
    let found = async {
        let id = record_id(id)?;
        let import = app.import_state(&staff.user, id).await?;
        let preview = if import.status == "preview" {
            Some(app.import_preview(&staff.user, id).await?)
        } else {
            None
        };
        Ok::<_, AppError>((import, preview))
    }
    .await;
    match found {
        Ok((job, preview)) => render(&Page {
            ctx,
            preview,
            job,
            form,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
    show(&state, &staff, ctx, &id, FormState::default()).await
}

async fn map(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<MapColumns>,
) -> Response {
    step(&state, lang, &id, form, async |by, i, cmd| {
        state.app.stakeholders().map_import(by, i, cmd).await
    })
    .await
}

async fn start(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    form: StaffForm<StartImport>,
) -> Response {
    step(&state, lang, &id, form, async |by, i, cmd| {
        state.app.stakeholders().start_import(by, i, cmd).await
    })
    .await
}

/// A step of the import the address names: `act` done, then the import's page; refused,
/// the page with the form as sent and its fields marked.
async fn step<C>(
    state: &AppState,
    lang: &'static str,
    id: &str,
    form: StaffForm<C>,
    act: impl AsyncFnOnce(&User, i64, &C) -> AppResult<()>,
) -> Response {
    let StaffForm {
        staff,
        command,
        input,
    } = form;
    let ctx = Ctx::staff(state, &staff, lang, "stakeholders", "/staff/people").await;
    let result = match record_id(id) {
        Ok(i) => act(&staff.user, i, &command).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |()| format!("/staff/imports/{id}"),
            async |ctx, form| show(state, &staff, ctx, id, form).await,
        )
        .await
}
