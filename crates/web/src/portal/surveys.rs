//! Feedback surveys on the portal: a survey answered by its link (or its QR code), with no
//! account — anonymously, or once per person by the personal link a letter gave them — and
//! the thank-you page.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use liaison_app::submissions::Submission;
use liaison_app::surveys::{Answered, PublicSurvey, Respond, StoredQuestion, Survey};
use liaison_app::Input;
use liaison_domain::surveys::QuestionKind;

use crate::context::{Ctx, FormState, Lang};
use crate::forms::Outcome;
use crate::routing::{get, Routes};
use crate::security::{client_address, Peer};
use crate::{errors, render, AppState};

/// The portal's survey routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/surveys/{key}", get(page).post(answer))
        .route("/surveys/{key}/thanks", get(thanks))
}

/// The navigation's section of these pages (none of its links).
const SECTION: &str = "surveys";

#[derive(Template)]
#[template(path = "portal/survey.html")]
struct Page {
    ctx: Ctx,
    p: PublicSurvey,
    form: FormState,
    /// The form's one-time token: the same answers sent twice are counted once.
    token: String,
    /// The secret of the personal link it was opened by, carried in the form.
    from: String,
}

#[derive(Template)]
#[template(path = "portal/survey_thanks.html")]
struct Thanks {
    ctx: Ctx,
    s: Survey,
    /// This link (or this form) had answered before: nothing more was recorded.
    before: bool,
}

impl Page {
    fn action(&self) -> String {
        format!("/surveys/{}", self.p.survey.link_key)
    }

    /// A question's form field.
    fn field(&self, q: &StoredQuestion) -> String {
        format!("q_{}", q.id)
    }

    /// What a question's buttons or boxes send: a rating's numbers, low to high, or the
    /// choices' texts.
    fn options(&self, q: &StoredQuestion) -> Vec<String> {
        let q = &q.question;
        match q.kind {
            QuestionKind::Rating => (q.scale.0..=q.scale.1).map(|n| n.to_string()).collect(),
            QuestionKind::Single | QuestionKind::Multiple => q.choices.clone(),
            QuestionKind::Text => Vec::new(),
        }
    }

    /// A rating's scale in words.
    fn scale(&self, q: &StoredQuestion) -> String {
        self.ctx.tr.t2(
            "portal-survey-scale",
            ("low", q.question.scale.0.to_string()),
            ("high", q.question.scale.1.to_string()),
        )
    }
}

/// The page's path for the language switcher: the personal link's secret is kept, so the
/// page in another language still answers for the same person.
fn path(key: &str, from: &str) -> String {
    if from.is_empty() || !from.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("/surveys/{key}")
    } else {
        format!("/surveys/{key}?from={from}")
    }
}

async fn page(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes());
    let from = input.get("from").trim().to_string();
    let ctx = Ctx::public(&state, lang, SECTION, &path(&key, &from)).await;
    show(
        &state,
        ctx,
        &key,
        FormState::default(),
        Submission::form_token(),
        from,
    )
    .await
}

async fn show(
    state: &AppState,
    ctx: Ctx,
    key: &str,
    form: FormState,
    token: String,
    from: String,
) -> Response {
    match state.app.surveys().public(key).await {
        Ok(p) => {
            // The summary of what is wrong names each question by its own words.
            let form = FormState {
                labels: p
                    .questions
                    .iter()
                    .map(|q| (format!("q_{}", q.id), q.question.label.clone()))
                    .chain([("from".to_string(), ctx.t("portal-survey-link"))])
                    .collect(),
                ..form
            };
            render(&Page {
                ctx,
                p,
                form,
                token,
                from,
            })
        }
        Err(e) => errors::page(&ctx, e),
    }
}

async fn answer(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(key): Path<String>,
    headers: HeaderMap,
    peer: Peer,
    body: Bytes,
) -> Response {
    let input = Input::from_urlencoded(&body);
    let from = input.get("from").trim().to_string();
    let ctx = Ctx::public(&state, lang, SECTION, &path(&key, &from)).await;
    // Held to the pace of tracking-code lookups per address, not the stricter one of
    // reports: a room of people answering by the same QR code share one address.
    if let Err(e) = state
        .app
        .limits()
        .admit_lookup(&client_address(&state, &headers, &peer))
    {
        return errors::page(&ctx, e);
    }
    let token = input.get("token").to_string();
    let result = match input.decode::<Respond>() {
        Ok(cmd) => state.app.surveys().answer(&key, &cmd, lang).await,
        Err(e) => Err(e.into()),
    };
    Outcome::new(ctx, input, result)
        .redirect(
            |a| match a {
                Answered::Recorded => format!("/surveys/{key}/thanks"),
                Answered::Before => format!("/surveys/{key}/thanks?before=1"),
            },
            async |ctx, failed| {
                // Nothing was stored: the same token may be sent with the corrections.
                let token = if Submission::from_form(&token).is_some() {
                    token
                } else {
                    Submission::form_token()
                };
                show(&state, ctx, &key, failed, token, from).await
            },
        )
        .await
}

async fn thanks(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path(key): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let before = !Input::from_urlencoded(q.as_deref().unwrap_or("").as_bytes())
        .get("before")
        .is_empty();
    let ctx = Ctx::public(&state, lang, SECTION, &format!("/surveys/{key}/thanks")).await;
    match state.app.surveys().public(&key).await {
        Ok(p) => render(&Thanks {
            ctx,
            s: p.survey,
            before,
        }),
        Err(e) => errors::page(&ctx, e),
    }
}
