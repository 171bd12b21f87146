//! The public portal: residents raise concerns (anonymously if they wish) and follow them
//! with their tracking code. No account, no cookie but the language, nothing identifying
//! stored or logged for an anonymous report.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::appeals::LodgeAppeal;
use liaison_app::concerns::{PublicView, Reply, ReportConcern, Satisfaction};
use liaison_app::office::Area;
use liaison_app::office::Category;
use liaison_app::submissions::Submission;
use liaison_app::{AppError, Input};
use liaison_domain::texts::{Localized, Shown};

use crate::context::{Ctx, FormState, Lang};
use crate::forms::Outcome;
use crate::routing::{get, post, Routes};
use crate::security::{client_address, Peer};
use crate::{errors, render, session, uploads, AppState};

mod engagements;
mod statistics;
mod surveys;

/// The portal's routes; the report form may carry photos, in a body of up to
/// `upload_limit` bytes.
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new()
        .route("/", get(home))
        .route("/report", get(choose))
        .route(
            "/report/{id}",
            get(report_form)
                .post(report_submit)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/track", get(track_form).post(track_lookup))
        .route("/track/reply", post(track_reply))
        .route("/track/satisfaction", post(track_satisfaction))
        .route("/track/appeal", post(track_appeal))
        .route("/language", get(language))
        .merge(engagements::routes())
        .merge(surveys::routes())
        .merge(statistics::routes())
}

#[derive(Template)]
#[template(path = "portal/home.html")]
struct Home {
    ctx: Ctx,
}

async fn home(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    render(&Home {
        ctx: Ctx::public(&state, lang, "home", "/").await,
    })
}

#[derive(Template)]
#[template(path = "portal/choose.html")]
struct Choose {
    ctx: Ctx,
    /// In the visitor's language, text by text.
    categories: Vec<Localized<Category>>,
}

async fn choose(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "report", "/report").await;
    match state.app.office().categories_in(true, true, lang).await {
        Ok(mut categories) => {
            categories.sort_by_cached_key(|k| sort_key(&k.fields.name));
            render(&Choose { ctx, categories })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "portal/report.html")]
struct Report {
    ctx: Ctx,
    /// In the visitor's language, text by text.
    category: Localized<Category>,
    /// In the visitor's language.
    areas: Vec<Localized<Area>>,
    form: FormState,
    /// The largest photo accepted, in bytes.
    max_bytes: usize,
    /// The form's one-time token: the same report sent twice is stored once.
    submission: String,
}

impl Report {
    /// Whether a text of the category is shown in the office's language for want of a
    /// version in the visitor's (`questions.html` asks).
    fn fell_back(&self, field: impl AsRef<str>) -> bool {
        self.category.fell_back(field.as_ref())
    }

    /// Whether any area's name is shown in the office's language.
    fn areas_fell_back(&self) -> bool {
        self.areas.iter().any(|a| !a.fallback.is_empty())
    }

    /// What photos are accepted, and what is done to them.
    fn photo_hint(&self) -> String {
        self.ctx.tr.t2(
            "portal-photo-hint",
            ("count", liaison_domain::attachments::MAX_FILES.to_string()),
            (
                "size",
                crate::fmt::size(
                    &self.ctx.tr,
                    i64::try_from(self.max_bytes).unwrap_or(i64::MAX),
                ),
            ),
        )
    }
}

/// A public, active category in the visitor's language, or not found.
async fn public_category(
    state: &AppState,
    id: &str,
    lang: &str,
) -> Result<Localized<Category>, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let k = state.app.office().category_in(id, lang).await?;
    if k.fields.public && k.fields.active {
        Ok(k)
    } else {
        Err(AppError::NotFound)
    }
}

async fn report_form(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
) -> Response {
    let ctx = Ctx::public(&state, lang, "report", &format!("/report/{id}")).await;
    let category = match public_category(&state, &id, lang).await {
        Ok(k) => k,
        Err(e) => return errors::page(&ctx, e),
    };
    match state.app.office().areas_in(false, lang).await {
        Ok(mut areas) => {
            areas.sort_by_cached_key(|a| sort_key(&a.name));
            render(&Report {
                ctx,
                category,
                areas,
                form: FormState::default(),
                max_bytes: state.app.settings.attachment_max_bytes,
                submission: Submission::form_token(),
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// How a name sorts in a list a visitor reads: by its letters in their language, without
/// case, accents or opening marks (`¿`, `«`), so a list in Spanish or French is in the
/// order its readers expect rather than in the English names' order.
fn sort_key(name: &str) -> String {
    name.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/receipt.html")]
struct Receipt {
    ctx: Ctx,
    reference: String,
    code: String,
}

async fn report_submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(id): Path<String>,
    headers: HeaderMap,
    peer: Peer,
    request: Request,
) -> Response {
    if let Err(e) = state
        .app
        .limits()
        .admit_report(&client_address(&state, &headers, &peer))
    {
        let ctx = Ctx::public(&state, lang, "report", &format!("/report/{id}")).await;
        return errors::page(&ctx, e);
    }
    let form = match uploads::read(request).await {
        Ok(f) => f,
        Err(bad) => return bad.page(&state.tr(lang)),
    };
    let ctx = Ctx::public(&state, lang, "report", &format!("/report/{id}")).await;
    let category = match public_category(&state, &id, lang).await {
        Ok(k) => k,
        Err(e) => return errors::page(&ctx, e),
    };
    let mut input = form.input;
    // The category is the one in the address, whatever the body says.
    input.0.retain(|(k, _)| k != "category");
    input.0.push(("category".into(), category.id.to_string()));
    // A form sent again (a double click, a retry after a lost answer) gets the first
    // receipt. A form without a well-formed token is still taken, just not deduplicated.
    let token = input.get("submission").to_string();
    input.0.retain(|(k, _)| k != "submission");
    let submission = Submission::from_form(&token);
    let received = match input.decode::<ReportConcern>() {
        Ok(report) => {
            (state.app.concerns())
                .submit_with(&report, &form.uploads, lang, submission.as_ref())
                .await
        }
        Err(e) => Err(e.into()),
    };
    Outcome::new(ctx, input, received)
        .render(
            // The code is shown on this response only, never put in a URL.
            async |ctx, r| {
                render(&Receipt {
                    ctx,
                    reference: r.reference,
                    code: liaison_domain::values::display_tracking_code(&r.tracking_code),
                })
            },
            async |ctx, failed| {
                let mut areas = (state.app.office())
                    .areas_in(false, lang)
                    .await
                    .unwrap_or_default();
                areas.sort_by_cached_key(|a| sort_key(&a.name));
                let form = failed.asking(&category.questions);
                render(&Report {
                    ctx,
                    category,
                    areas,
                    form,
                    max_bytes: state.app.settings.attachment_max_bytes,
                    // Nothing was stored: the same token may be sent with the corrections.
                    submission: if submission.is_some() {
                        token
                    } else {
                        Submission::form_token()
                    },
                })
            },
        )
        .await
}

#[derive(Template)]
#[template(path = "portal/track.html")]
struct Track {
    ctx: Ctx,
    view: Option<PublicView>,
    /// The concern's category's name in the visitor's language.
    category: Option<Shown>,
    not_found: bool,
    /// The code looked up, carried in the answer form's body (never in a URL).
    code: String,
    /// The answer form: what was typed, what is wrong with it, and whether it was added.
    reply: FormState,
    replied: bool,
}

async fn track_form(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "track", "/track").await;
    render(&Track {
        ctx,
        view: None,
        category: None,
        not_found: false,
        code: String::new(),
        reply: FormState::default(),
        replied: false,
    })
}

/// Looks a code up. The code travels in a POST body so it stays out of URLs and logs.
async fn track_lookup(
    State(state): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    let ctx = Ctx::public(&state, lang, "track", "/track").await;
    if let Err(e) = state
        .app
        .limits()
        .admit_lookup(&client_address(&state, &headers, &peer))
    {
        return errors::page(&ctx, e);
    }
    let input = Input::from_urlencoded(&body);
    show_track(&state, ctx, input.get("code"), FormState::default(), false).await
}

/// The reporter answers on the tracking page: their words land on the concern, and the page
/// shows them with the updates.
async fn track_reply(
    State(state): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    answer_on_track(&state, lang, &headers, &peer, &body, async |code, input| {
        let reply: Reply = input.decode().map_err(AppError::Invalid)?;
        state.app.concerns().reply(code, &reply).await
    })
    .await
}

/// The reporter says whether they are satisfied with how their resolved concern was
/// handled.
async fn track_satisfaction(
    State(state): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    answer_on_track(&state, lang, &headers, &peer, &body, async |code, input| {
        let answer: Satisfaction = input.decode().map_err(AppError::Invalid)?;
        state.app.concerns().satisfied_by_code(code, &answer).await
    })
    .await
}

/// The reporter appeals the decision on their concern, within the category's window.
async fn track_appeal(
    State(state): State<AppState>,
    Lang(lang): Lang,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    answer_on_track(&state, lang, &headers, &peer, &body, async |code, input| {
        let appeal: LodgeAppeal = input.decode().map_err(AppError::Invalid)?;
        state.app.concerns().appeal_by_code(code, &appeal).await
    })
    .await
}

/// One of the tracking page's forms, sent with the code: rate-limited as lookups are,
/// `answer` done with the code and the fields, then the page again, thanking the reporter
/// or showing what to change.
async fn answer_on_track(
    state: &AppState,
    lang: &'static str,
    headers: &HeaderMap,
    peer: &Peer,
    body: &Bytes,
    answer: impl AsyncFnOnce(&str, &Input) -> Result<(), AppError>,
) -> Response {
    let ctx = Ctx::public(state, lang, "track", "/track").await;
    if let Err(e) = state
        .app
        .limits()
        .admit_lookup(&client_address(state, headers, peer))
    {
        return errors::page(&ctx, e);
    }
    let input = Input::from_urlencoded(body);
    let code = input.get("code").to_string();
    match answer(&code, &input).await {
        Ok(()) => show_track(state, ctx, &code, FormState::default(), true).await,
        Err(AppError::Invalid(errors)) => {
            let form = FormState::failed(input, errors);
            show_track(state, ctx, &code, form, false).await
        }
        Err(e) => errors::page(&ctx, e),
    }
}

/// The tracking page for `code`, with the answer form as `reply` has it.
async fn show_track(
    state: &AppState,
    ctx: Ctx,
    code: &str,
    reply: FormState,
    replied: bool,
) -> Response {
    let lang = ctx.lang();
    match state.app.concerns().track(code).await {
        Ok(view) => {
            let category = match state
                .app
                .office()
                .category_name(view.category_id, lang)
                .await
            {
                Ok(name) => name,
                Err(e) => return errors::page(&ctx, e),
            };
            let status = if reply.failed_any() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let page = Track {
                ctx,
                view: Some(view),
                category: Some(category),
                not_found: false,
                code: code.trim().to_string(),
                reply,
                replied,
            };
            (status, render(&page)).into_response()
        }
        Err(AppError::NotFound) => {
            let page = Track {
                ctx,
                view: None,
                category: None,
                not_found: true,
                code: String::new(),
                reply: FormState::default(),
                replied: false,
            };
            (StatusCode::NOT_FOUND, render(&page)).into_response()
        }
        Err(e) => errors::page(&ctx, e),
    }
}

#[derive(serde::Deserialize)]
struct LanguageChoice {
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// Remembers a language choice in a cookie and goes back to the page.
async fn language(State(state): State<AppState>, Query(q): Query<LanguageChoice>) -> Response {
    let lang = crate::i18n::LANGUAGES
        .iter()
        .map(|(l, _)| *l)
        .find(|l| *l == q.to)
        .unwrap_or("en");
    let back = crate::redirect::local_target(&q.back, "/");
    let mut response = Redirect::to(&back).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(&state, "lang", lang, Some(365 * 86_400)),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn names_sort_without_case_accents_or_opening_marks() {
        let mut names = vec![
            "Zone industrielle",
            "Écoles",
            "¿Dónde?",
            "agua",
            "Éducation",
            "Bruit",
        ];
        names.sort_by_cached_key(|n| sort_key(n));
        assert_eq!(
            names,
            vec![
                "agua",
                "Bruit",
                "¿Dónde?",
                "Écoles",
                "Éducation",
                "Zone industrielle"
            ]
        );
    }
}
