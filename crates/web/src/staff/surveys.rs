//! Feedback surveys on the staff side: the list of surveys and of templates, the form that
//! makes one (from a template, about an engagement), a survey's page (its questions while
//! they may change, opening and closing it, its public link and QR code, the personal links
//! sent to those who came), its results (counts, averages, distributions, the free-text
//! answers), their CSV, and the QR code as a printable SVG.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use liaison_app::engagements::View;
use liaison_app::surveys::{
    portal_path, reference, QuestionResult, Results, SaveQuestion, SaveSurvey, StoredQuestion,
    Survey, SurveyStep, SurveyView,
};
use liaison_app::{AppError, Input};
use liaison_domain::permissions::Permission;
use liaison_domain::surveys::{questions_may_change, QuestionKind, Status};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::de::IgnoredAny;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::{record_id, Outcome, StaffForm};
use crate::routing::{get, post, Routes};
use crate::session::Staff;
use crate::{errors, render, AppState};

/// The surveys' routes.
pub fn routes() -> Routes {
    Routes::new()
        .route(PATH, get(list).post(create))
        .route("/staff/surveys/new", get(new))
        .route("/staff/surveys/{id}", get(page).post(change))
        .route("/staff/surveys/{id}/question", post(question))
        .route("/staff/surveys/{id}/step", post(step))
        .route("/staff/surveys/{id}/send", post(send))
        .route("/staff/surveys/{id}/results", get(results))
        .route("/staff/surveys/{id}/results.csv", get(results_csv))
        .route("/staff/surveys/{id}/qr.svg", get(qr))
}

const PATH: &str = "/staff/surveys";
/// The navigation's section of these pages.
const SECTION: &str = "surveys";

#[derive(Template)]
#[template(path = "staff/surveys.html")]
struct ListPage {
    ctx: Ctx,
    /// Templates rather than surveys.
    templates: bool,
    found: Vec<Survey>,
    can_hold: bool,
}

#[derive(Template)]
#[template(path = "staff/survey_form.html")]
struct FormPage {
    ctx: Ctx,
    form: FormState,
    /// A template rather than a survey.
    template: bool,
    /// Engagements it may ask about: past ones (most recent first), then upcoming ones.
    past: Vec<(i64, String)>,
    upcoming: Vec<(i64, String)>,
    /// Templates (and the survey named by `?from=`) whose questions it may start with.
    sources: Vec<Survey>,
}

#[derive(Template)]
#[template(path = "staff/survey.html")]
struct Page {
    ctx: Ctx,
    v: SurveyView,
    /// The form that failed (`about`, `add`, `q{id}`, `step`, `send`), shown again with its
    /// fields marked.
    form: FormState,
    failed: String,
    /// Its answer page on the portal, absolute.
    link: String,
    /// Its QR code, inline, when it is open.
    qr: Option<String>,
    /// Letters just written by "send to those who came", and those written to before.
    sent: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "staff/survey_results.html")]
struct ResultsPage {
    ctx: Ctx,
    r: Results,
}

/// What the pages share: references, statuses and kinds in words.
trait Words {
    fn ctx(&self) -> &Ctx;

    fn reference(&self, id: &i64) -> String {
        reference(*id)
    }

    fn status(&self, s: &Survey) -> String {
        if s.template {
            self.ctx().t("survey-template")
        } else {
            self.ctx().word("survey-status", s.status.as_str())
        }
    }

    fn kind(&self, k: &QuestionKind) -> String {
        self.ctx().word("survey-kind", k.as_str())
    }
}

impl Words for ListPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for Page {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}
impl Words for ResultsPage {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Page {
    fn s(&self) -> &Survey {
        &self.v.survey
    }

    /// Whether this user may change its questions now.
    fn may_change(&self) -> bool {
        self.v.can_hold && questions_may_change(self.s().template, self.s().status).is_ok()
    }

    fn is(&self, status: &str) -> bool {
        !self.s().template && self.s().status.as_str() == status
    }

    /// The form named `name` as sent when it failed, else empty.
    fn form_of(&self, name: &str) -> FormState {
        if self.failed == name {
            self.form.clone()
        } else {
            FormState::default()
        }
    }

    /// The title, introduction and anonymity as the "about" form shows them.
    fn about_form(&self) -> FormState {
        if self.failed == "about" {
            return self.form.clone();
        }
        let s = self.s();
        let mut pairs = vec![
            ("title".to_string(), s.title.clone()),
            ("intro".to_string(), s.intro.clone()),
        ];
        if s.anonymous {
            pairs.push(("anonymous".into(), "yes".into()));
        }
        FormState::with(pairs).prefixed("about-")
    }

    /// Question `q` as its form shows it (ids prefixed `q{id}-`).
    fn question_form(&self, q: &StoredQuestion) -> FormState {
        if self.failed == format!("q{}", q.id) {
            return self.form.clone();
        }
        FormState::with(question_pairs(q)).prefixed(format!("q{}-", q.id))
    }

    /// The form that adds a question: a rating from 1 to 5 unless it was sent.
    fn add_form(&self) -> FormState {
        if self.failed == "add" {
            return self.form.clone();
        }
        FormState::with(vec![
            ("kind".into(), "rating".into()),
            ("low".into(), "1".into()),
            ("high".into(), "5".into()),
        ])
        .prefixed("add-")
    }

    /// What "send to those who came" just did, in words.
    fn sent_text(&self) -> Option<String> {
        let (sent, before) = self.sent.clone()?;
        Some(
            self.ctx
                .tr
                .t2("survey-sent-now", ("sent", sent), ("before", before)),
        )
    }

    fn kinds(&self) -> Vec<&'static str> {
        QuestionKind::ALL.iter().map(|k| k.as_str()).collect()
    }

    /// What a question asks for, in a few words: a rating's scale, the choices.
    fn asks(&self, q: &StoredQuestion) -> String {
        let q = &q.question;
        match q.kind {
            QuestionKind::Rating => self.ctx.tr.t2(
                "survey-scale-from-to",
                ("low", q.scale.0.to_string()),
                ("high", q.scale.1.to_string()),
            ),
            QuestionKind::Single | QuestionKind::Multiple => q.choices.join(" · "),
            QuestionKind::Text => String::new(),
        }
    }
}

impl ResultsPage {
    /// `n` as a whole percentage of `of`.
    fn pct(&self, n: &i64, of: &i64) -> i64 {
        if *of <= 0 {
            0
        } else {
            (n * 100 + of / 2) / of
        }
    }

    fn average(&self, q: &QuestionResult) -> Option<String> {
        let r = q.ratings.as_ref()?;
        let avg = r.average?;
        Some(self.ctx.tr.t2(
            "survey-average-of",
            ("average", format!("{avg:.1}")),
            ("high", q.question.question.scale.1.to_string()),
        ))
    }

    /// The rows of a question's distribution: (what, how many).
    fn rows(&self, q: &QuestionResult) -> Vec<(String, i64)> {
        match &q.ratings {
            Some(r) => r.counts.iter().map(|(v, n)| (v.to_string(), *n)).collect(),
            None => q.choices.clone(),
        }
    }

    /// Whether only the latest free-text answers are shown (the CSV has them all).
    fn texts_cut(&self, q: &QuestionResult) -> bool {
        q.texts.len() as i64 >= 100
    }
}

/// Labels of the survey forms' fields for the error summary, where the usual ones would
/// mislead (`title` is a person's position elsewhere, `from` a queue's date).
fn labelled(ctx: &Ctx, form: FormState) -> FormState {
    let labels = [
        ("title", "field-survey-title"),
        ("intro", "field-survey-intro"),
        ("anonymous", "field-survey-anonymous"),
        ("engagement", "field-survey-engagement"),
        ("from", "field-survey-from"),
        ("scale", "field-survey-scale"),
        ("low", "field-survey-low"),
        ("high", "field-survey-high"),
        ("status", "field-status"),
    ];
    FormState {
        labels: labels
            .iter()
            .map(|(f, k)| (f.to_string(), ctx.t(k)))
            .collect(),
        ..form
    }
}

/// A stored question as its form's fields.
fn question_pairs(q: &StoredQuestion) -> Vec<(String, String)> {
    let s = &q.question;
    let mut pairs = vec![
        ("question".to_string(), q.id.to_string()),
        ("kind".into(), s.kind.as_str().into()),
        ("label".into(), s.label.clone()),
        ("choices".into(), s.choices.join("\n")),
        ("low".into(), s.scale.0.to_string()),
        ("high".into(), s.scale.1.to_string()),
    ];
    if s.required {
        pairs.push(("required".into(), "yes".into()));
    }
    pairs
}

/// The query's value of `name`.
fn query(q: &Option<String>, name: &str) -> String {
    Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes())
        .get(name)
        .to_string()
}

async fn list(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let templates = !query(&q, "templates").is_empty();
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let user = &staff.user;
    match state.app.surveys().list(user, templates, None).await {
        Ok(found) => render(&ListPage {
            ctx,
            templates,
            found,
            can_hold: user.role.may(Permission::HoldEngagements),
        }),
        Err(e) => errors::page(&ctx, e),
    }
}

async fn new(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(q): RawQuery,
) -> Response {
    let template = !query(&q, "template").is_empty();
    let engagement = query(&q, "engagement");
    let from = query(&q, "from");
    let mut pairs = vec![
        ("engagement".to_string(), engagement),
        ("from".to_string(), from.clone()),
    ];
    if template {
        pairs.push(("template".into(), "yes".into()));
    }
    // Started from a template: its title and introduction, to change as needed.
    if let Ok(id) = from.parse::<i64>() {
        if let Ok(v) = state.app.surveys().get(&staff.user, id).await {
            pairs.push(("title".into(), v.survey.title));
            pairs.push(("intro".into(), v.survey.intro));
            if v.survey.anonymous {
                pairs.push(("anonymous".into(), "yes".into()));
            }
        }
    }
    show_form(&state, lang, &staff, template, FormState::with(pairs)).await
}

async fn show_form(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    template: bool,
    form: FormState,
) -> Response {
    let ctx = Ctx::staff(state, staff, lang, SECTION, PATH).await;
    let user = &staff.user;
    if !user.role.may(Permission::HoldEngagements) {
        return errors::page(&ctx, AppError::Forbidden);
    }
    let loaded = async {
        let mut sources = state.app.surveys().list(user, true, None).await?;
        // A survey (rather than a template) to start from is offered too when named.
        if let Ok(from) = form.value("from").parse::<i64>() {
            if !sources.iter().any(|s| s.id == from) {
                if let Ok(v) = state.app.surveys().get(user, from).await {
                    sources.insert(0, v.survey);
                }
            }
        }
        if template {
            return Ok::<_, AppError>((Vec::new(), Vec::new(), sources));
        }
        let app = state.app.engagements();
        let titled = |found: Vec<liaison_app::engagements::Engagement>| -> Vec<(i64, String)> {
            found.into_iter().map(|e| (e.id, e.terms.title)).collect()
        };
        let mut past = titled(app.list(user, View::Past, None, 50).await?.0);
        let upcoming = titled(app.list(user, View::Upcoming, None, 50).await?.0);
        if let Ok(e) = form.value("engagement").parse::<i64>() {
            let listed = past.iter().chain(&upcoming).any(|(id, _)| *id == e);
            if !listed {
                if let Ok(v) = app.get(user, e).await {
                    past.insert(0, (e, v.engagement.terms.title));
                }
            }
        }
        Ok((past, upcoming, sources))
    };
    match loaded.await {
        Ok((past, upcoming, sources)) => {
            let form = labelled(&ctx, form);
            render(&FormPage {
                ctx,
                form,
                template,
                past,
                upcoming,
                sources,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn create(
    State(state): State<AppState>,
    Lang(lang): Lang,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveSurvey>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let made = state.app.surveys().create(&staff.user, &command).await;
    let template = command.template.is_set();
    Outcome::new(ctx, input, made)
        .redirect(
            |id| format!("{PATH}/{id}"),
            async |_, failed| show_form(&state, lang, &staff, template, failed).await,
        )
        .await
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let sent = query(&q, "sent");
    let sent = (!sent.is_empty()).then(|| (sent, query(&q, "before")));
    show(
        &state,
        lang,
        &staff,
        &id,
        String::new(),
        FormState::default(),
        sent,
    )
    .await
}

/// The public link of a survey, absolute, as people are given it.
fn public_link(state: &AppState, s: &Survey) -> String {
    format!(
        "{}{}",
        state.app.settings.public_url.trim_end_matches('/'),
        portal_path(s)
    )
}

async fn show(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    id: &str,
    failed: String,
    form: FormState,
    sent: Option<(String, String)>,
) -> Response {
    let ctx = Ctx::staff(state, staff, lang, SECTION, &format!("{PATH}/{id}")).await;
    let loaded = async { state.app.surveys().get(&staff.user, record_id(id)?).await };
    match loaded.await {
        Ok(v) => {
            let link = public_link(state, &v.survey);
            let qr = (!v.survey.template && v.survey.status == Status::Open)
                .then(|| qr_svg(&link, &ctx.t1("survey-qr-title", "link", &link), 200))
                .flatten();
            let form = labelled(&ctx, form);
            render(&Page {
                ctx,
                v,
                form,
                failed,
                link,
                qr,
                sent,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// Changes the title, introduction and anonymity.
async fn change(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveSurvey>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let result = match record_id(&id) {
        Ok(n) => state.app.surveys().change(&staff.user, n, &command).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |()| format!("{PATH}/{id}"),
            async |_, failed| {
                let failed = failed.prefixed("about-");
                show(&state, lang, &staff, &id, "about".into(), failed, None).await
            },
        )
        .await
}

/// Adds, changes or removes a question.
async fn question(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SaveQuestion>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let result = match record_id(&id) {
        Ok(n) => state.app.surveys().question(&staff.user, n, &command).await,
        Err(e) => Err(e),
    };
    // The form that failed: the one of the question it names, or the one that adds.
    let name = match command.question.trim().parse::<i64>() {
        Ok(q) => format!("q{q}"),
        Err(_) => "add".to_string(),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |_| format!("{PATH}/{id}#questions"),
            async |_, failed| {
                let failed = failed.prefixed(format!("{name}-"));
                show(&state, lang, &staff, &id, name, failed, None).await
            },
        )
        .await
}

/// Opens or closes it.
async fn step(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    StaffForm {
        staff,
        command,
        input,
    }: StaffForm<SurveyStep>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let result = match record_id(&id) {
        Ok(n) => state.app.surveys().step(&staff.user, n, &command).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |()| format!("{PATH}/{id}#status"),
            async |_, failed| show(&state, lang, &staff, &id, "step".into(), failed, None).await,
        )
        .await
}

/// Writes its personal link to each of those who came to its engagement.
async fn send(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    StaffForm { staff, input, .. }: StaffForm<IgnoredAny>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let result = match record_id(&id) {
        Ok(n) => state.app.surveys().send(&staff.user, n).await,
        Err(e) => Err(e),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |s| format!("{PATH}/{id}?sent={}&before={}#send", s.sent, s.before),
            async |_, failed| show(&state, lang, &staff, &id, "send".into(), failed, None).await,
        )
        .await
}

async fn results(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let path = format!("{PATH}/{id}/results");
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, &path).await;
    let loaded = async {
        state
            .app
            .surveys()
            .results(&staff.user, record_id(&id)?)
            .await
    };
    match loaded.await {
        Ok(r) => render(&ResultsPage { ctx, r }),
        Err(e) => errors::page(&ctx, e),
    }
}

/// A title as a file name's part: lower-case letters and digits, words joined by dashes.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

async fn results_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let made = async { state.app.surveys().csv(&staff.user, record_id(&id)?).await };
    match made.await {
        Ok((s, csv)) => {
            let name = match slug(&s.title) {
                t if t.is_empty() => format!("survey-{}.csv", reference(s.id)),
                t => format!("survey-{}-{t}.csv", reference(s.id)),
            };
            // Excel reads UTF-8 only after a byte order mark.
            let body = format!("\u{feff}{csv}");
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
            errors::page(&ctx, e)
        }
    }
}

/// The QR code of its public link, to print.
async fn qr(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::staff(&state, &staff, lang, SECTION, PATH).await;
    let loaded = async { state.app.surveys().get(&staff.user, record_id(&id)?).await };
    let s = match loaded.await {
        // A template has no link to give.
        Ok(v) if v.survey.template => return errors::page(&ctx, AppError::NotFound),
        Ok(v) => v.survey,
        Err(e) => return errors::page(&ctx, e),
    };
    let link = public_link(&state, &s);
    let Some(image) = qr_svg(&link, &ctx.t1("survey-qr-title", "link", &link), 600) else {
        return errors::page(&ctx, AppError::Internal("a link too long for a QR code"));
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "image/svg+xml".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"survey-{}-qr.svg\"", reference(s.id)),
            ),
        ],
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{image}"),
    )
        .into_response()
}

/// `text` as a QR code in an SVG image (no XML declaration, so it may also go inline in a
/// page), at least `size` pixels across, black on white with its quiet zone, titled `title`
/// for screen readers. None when the text is too long for a QR code.
pub(crate) fn qr_svg(text: &str, title: &str, size: u32) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(size, size)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The renderer writes `<?xml …?><svg …>` then the drawing: the title goes first inside.
    let start = image.find("<svg")?;
    let open = start + image[start..].find('>')?;
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    Some(format!(
        "{} role=\"img\" aria-labelledby=\"qr-title\"><title id=\"qr-title\">{escaped}</title>{}",
        &image[start..open],
        &image[open + 1..]
    ))
}

#[cfg(test)]
mod tests {
    use super::{qr_svg, slug};

    #[test]
    fn a_qr_code_is_an_svg_with_a_title() {
        let svg = qr_svg(
            "https://liaison.example.org/surveys/ab12",
            "Scan <me> & answer",
            200,
        )
        .expect("a code");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""), "{svg}");
        assert!(
            svg.contains("<title id=\"qr-title\">Scan &lt;me&gt; &amp; answer</title><rect"),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(qr_svg(&"x".repeat(5000), "", 200).is_none());
    }

    #[test]
    fn titles_make_file_names() {
        assert_eq!(slug("How was the town hall?"), "how-was-the-town-hall");
        assert_eq!(slug("¿Qué tal?"), "qu-tal");
        assert_eq!(slug("!!!"), "");
    }
}
