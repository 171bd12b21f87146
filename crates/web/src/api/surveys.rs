//! Feedback surveys over the API: templates and surveys listed (of one engagement, or all),
//! one read with its questions, made (from a template, about an engagement or on its own)
//! and changed; its questions added, changed and removed while it is a draft; opened and
//! closed; its personal links sent to those who came; its results, its responses page by
//! page, and answers given on paper typed in. Each handler calls the operation the staff
//! pages call, with the same command.
//!
//! Times are RFC 3339 in the office's zone.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use chrono_tz::Tz;
use liaison_app::accounts::User;
use liaison_app::surveys::{
    portal_path, reference, QuestionResult, Respond, Results, SaveQuestion, SaveSurvey,
    StoredQuestion, Survey, SurveyStep, SurveyView,
};
use liaison_app::{AppError, Input};
use liaison_domain::surveys::QuestionKind;
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{command, time, zone};
use super::{bad_query, body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// Feedback surveys over the API: their routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/surveys", get(list).post(create))
        .route("/api/v1/surveys/{id}", get(one).post(change))
        .route("/api/v1/surveys/{id}/questions", post(question))
        .route("/api/v1/surveys/{id}/step", post(open_or_close))
        .route("/api/v1/surveys/{id}/send", post(send))
        .route("/api/v1/surveys/{id}/results", get(results))
        .route("/api/v1/surveys/{id}/responses", get(responses).post(enter))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        create,
        one,
        change,
        question,
        open_or_close,
        send,
        results,
        responses,
        enter
    ),
    components(schemas(
        SaveSurvey,
        SaveQuestion,
        SurveyStep,
        SendSurvey,
        Respond,
        SurveysSent
    )),
    tags((name = "surveys", description = "Feedback surveys: reusable templates of questions, surveys asked after an engagement or on their own, their results and responses"))
)]
pub struct Doc;

/// Most responses in one page.
const MAX_LIMIT: i64 = 200;
/// Responses in a page unless `limit` says otherwise.
const DEFAULT_LIMIT: i64 = 50;

/// A survey or a template as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveySummary {
    id: i64,
    /// Its human reference, such as `S-00042`.
    reference: String,
    title: String,
    /// A template: never answered; surveys are made from it.
    template: bool,
    /// The engagement it asks about, and its title; absent: on its own.
    engagement_id: Option<i64>,
    engagement: Option<String>,
    /// Answers keep nobody's name.
    anonymous: bool,
    /// `draft`, `open` or `closed`.
    status: String,
    /// Its answer page on the portal (`/surveys/{key}`); absent for a template.
    link_path: Option<String>,
    /// Answers received.
    responses: i64,
    /// RFC 3339, in the office's zone.
    created_at: String,
    updated_at: String,
}

/// Surveys or templates, newest first (at most 500).
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyList {
    items: Vec<SurveySummary>,
}

/// Which surveys.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct SurveyQuery {
    /// `true`: templates; `false` (default): surveys.
    templates: Option<bool>,
    /// Only the surveys asked about this engagement (its id).
    engagement: Option<i64>,
}

/// A rating's scale.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyScale {
    low: i64,
    high: i64,
}

/// A question of a survey.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyQuestionOut {
    /// Its id: answers name it as their key.
    id: i64,
    /// `rating`, `single`, `multiple` or `text`.
    kind: String,
    label: String,
    /// The choices of a single or multiple choice question, in order.
    choices: Vec<String>,
    /// A rating's lowest and highest; absent for the other kinds.
    scale: Option<SurveyScale>,
    /// An answer is needed.
    required: bool,
}

/// A survey or a template, with its questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyOut {
    id: i64,
    /// Its human reference, such as `S-00042`.
    reference: String,
    title: String,
    /// What it is for, shown above its questions.
    intro: String,
    /// A template: never answered; surveys are made from it.
    template: bool,
    /// The engagement it asks about, and its title; absent: on its own.
    engagement_id: Option<i64>,
    engagement: Option<String>,
    /// Answers keep nobody's name.
    anonymous: bool,
    /// `draft` (its questions may change), `open` (answered on the portal) or `closed`.
    status: String,
    /// Its answer page on the portal (`/surveys/{key}`); absent for a template.
    link_path: Option<String>,
    /// Answers received.
    responses: i64,
    /// Personal links sent to those who came to its engagement.
    links_sent: i64,
    /// Its questions, in order.
    questions: Vec<SurveyQuestionOut>,
    /// RFC 3339, in the office's zone.
    created_at: String,
    updated_at: String,
}

/// What sending a survey's personal links came to.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveysSent {
    /// Letters written.
    sent: usize,
    /// Those who came and were written to before, not written to again.
    before: usize,
}

/// How many gave one value of a rating's scale.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingCount {
    value: i64,
    count: i64,
}

/// How many picked one choice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceCount {
    choice: String,
    count: i64,
}

/// What one question's answers come to.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionResults {
    /// The question's id.
    id: i64,
    /// `rating`, `single`, `multiple` or `text`.
    kind: String,
    label: String,
    /// How many answered it.
    answered: i64,
    /// A rating's counts, for each value of its scale, low to high (empty for the other
    /// kinds).
    ratings: Vec<RatingCount>,
    /// A rating's average; absent when nobody answered, and for the other kinds.
    average: Option<f64>,
    /// Each choice, in order, with how many picked it (empty for the other kinds).
    choices: Vec<ChoiceCount>,
    /// The latest free-text answers, newest first (at most 100).
    texts: Vec<String>,
}

/// A survey's results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResults {
    /// The survey's id.
    id: i64,
    title: String,
    /// `draft`, `open` or `closed`.
    status: String,
    /// Answers received.
    responses: i64,
    /// Each question's, in order.
    questions: Vec<QuestionResults>,
}

/// One answer of a response.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyAnswerOut {
    /// A rating's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<i64>,
    /// The choices picked, by their text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    choices: Vec<String>,
    /// The words written.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// One person's answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResponseOut {
    id: i64,
    /// When it came: RFC 3339, in the office's zone.
    received: String,
    /// The language they answered in (BCP 47); empty when typed in from paper.
    language: String,
    /// Their name, when the survey is not anonymous and they are known; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// By question id (questions left unanswered are absent).
    answers: BTreeMap<String, SurveyAnswerOut>,
}

/// A page of a survey's responses, in the order received.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResponsePage {
    items: Vec<SurveyResponseOut>,
    /// Give it as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// Where a page of responses starts.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct ResponseQuery {
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
    /// Responses per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

fn link_path(s: &Survey) -> Option<String> {
    (!s.template).then(|| portal_path(s))
}

fn summary(s: Survey, tz: Tz) -> SurveySummary {
    SurveySummary {
        reference: reference(s.id),
        id: s.id,
        link_path: link_path(&s),
        title: s.title,
        template: s.template,
        engagement_id: s.engagement_id,
        engagement: s.engagement_title,
        anonymous: s.anonymous,
        status: s.status.as_str().into(),
        responses: s.responses,
        created_at: time(s.created_at, tz),
        updated_at: time(s.updated_at, tz),
    }
}

fn question_out(q: StoredQuestion) -> SurveyQuestionOut {
    let asked = q.question;
    SurveyQuestionOut {
        id: q.id,
        kind: asked.kind.as_str().into(),
        label: asked.label,
        choices: asked.choices,
        scale: (asked.kind == QuestionKind::Rating).then_some(SurveyScale {
            low: asked.scale.0,
            high: asked.scale.1,
        }),
        required: asked.required,
    }
}

fn survey_out(v: SurveyView, tz: Tz) -> SurveyOut {
    let s = v.survey;
    SurveyOut {
        reference: reference(s.id),
        id: s.id,
        link_path: link_path(&s),
        title: s.title,
        intro: s.intro,
        template: s.template,
        engagement_id: s.engagement_id,
        engagement: s.engagement_title,
        anonymous: s.anonymous,
        status: s.status.as_str().into(),
        responses: s.responses,
        links_sent: v.links_sent,
        questions: v.questions.into_iter().map(question_out).collect(),
        created_at: time(s.created_at, tz),
        updated_at: time(s.updated_at, tz),
    }
}

fn question_results(r: QuestionResult) -> QuestionResults {
    let (ratings, average) = match r.ratings {
        Some(k) => (
            (k.counts.into_iter())
                .map(|(value, count)| RatingCount { value, count })
                .collect(),
            k.average,
        ),
        None => (Vec::new(), None),
    };
    let q = r.question;
    QuestionResults {
        id: q.id,
        kind: q.question.kind.as_str().into(),
        label: q.question.label,
        answered: r.answered,
        ratings,
        average,
        choices: (r.choices.into_iter())
            .map(|(choice, count)| ChoiceCount { choice, count })
            .collect(),
        texts: r.texts,
    }
}

fn results_out(r: Results) -> SurveyResults {
    SurveyResults {
        id: r.survey.id,
        title: r.survey.title,
        status: r.survey.status.as_str().into(),
        responses: r.survey.responses,
        questions: r.questions.into_iter().map(question_results).collect(),
    }
}

/// A response's answers by question id, as its questions read them.
fn answers_out(
    questions: &[StoredQuestion],
    answers: &[(i64, Option<i64>, Option<String>)],
) -> BTreeMap<String, SurveyAnswerOut> {
    let mut out = BTreeMap::new();
    for q in questions {
        let mine: Vec<_> = answers.iter().filter(|(id, _, _)| *id == q.id).collect();
        if mine.is_empty() {
            continue;
        }
        let mut a = SurveyAnswerOut {
            rating: None,
            choices: Vec::new(),
            text: None,
        };
        match q.question.kind {
            QuestionKind::Rating => a.rating = mine.iter().find_map(|(_, n, _)| *n),
            QuestionKind::Single | QuestionKind::Multiple => {
                a.choices = (mine.iter())
                    .filter_map(|(_, n, _)| {
                        let n = usize::try_from((*n)?).ok()?;
                        q.question.choices.get(n).cloned()
                    })
                    .collect();
            }
            QuestionKind::Text => a.text = mine.iter().find_map(|(_, _, t)| t.clone()),
        }
        out.insert(q.id.to_string(), a);
    }
    out
}

/// The survey `id` names, as it now stands, in the office's zone: 200.
async fn as_it_stands(state: &AppState, user: &User, id: i64) -> Result<Response, AppError> {
    let view = state.app.surveys().get(user, id).await?;
    let tz = zone(state).await?;
    Ok(json(StatusCode::OK, &survey_out(view, tz)))
}

/// `Added` with 201, and where the record is.
fn added(id: i64, location: Option<String>) -> Response {
    let mut response = json(StatusCode::CREATED, &Added { id });
    if let Some(l) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, l);
    }
    response
}

/// Surveys the caller may see (those about engagements it may see, and those on their
/// own), or templates with `templates=true`; newest first, at most 500.
#[utoipa::path(get, path = "/api/v1/surveys", tag = "surveys", params(SurveyQuery),
    responses(
        (status = 200, body = SurveyList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let sent = Input::from_urlencoded(q.as_deref().unwrap_or_default().as_bytes());
    let mut errors = FieldErrors::new();
    let templates = match sent.get("templates").trim() {
        "" | "false" => false,
        "true" => true,
        _ => {
            errors.add("templates", "error-choice");
            false
        }
    };
    let engagement = match sent.get("engagement").trim() {
        "" => None,
        e => match e.parse::<i64>() {
            Ok(e) => Some(e),
            Err(_) => {
                errors.add("engagement", "error-choice");
                None
            }
        },
    };
    if !errors.is_empty() {
        return bad_query(&state, &headers, errors);
    }
    let found = async {
        let found = (state.app.surveys())
            .list(&caller.user, templates, engagement)
            .await?;
        Ok::<_, AppError>((found, zone(&state).await?))
    };
    match found.await {
        Ok((items, tz)) => json(
            StatusCode::OK,
            &SurveyList {
                items: items.into_iter().map(|s| summary(s, tz)).collect(),
            },
        ),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Make a survey (a draft: its questions may change until it opens) or, with `template`,
/// a template; `from` starts it with a template's questions, `engagement` asks it about an
/// engagement. 201 with its id.
#[utoipa::path(post, path = "/api/v1/surveys", tag = "surveys",
    request_body = SaveSurvey,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added, headers(("Location" = String))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let write = async {
        let fields = match body_object(&state, &headers, &body) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let made = match command::<SaveSurvey>(&fields) {
            Ok(cmd) => state.app.surveys().create(&caller.user, &cmd).await,
            Err(e) => Err(e),
        };
        match made {
            Ok(id) => added(id, Some(format!("/api/v1/surveys/{id}"))),
            Err(e) => problem(&state, &headers, e),
        }
    };
    once(
        &state,
        &caller,
        &headers,
        ("POST /api/v1/surveys", &body),
        write,
    )
    .await
}

/// One survey or template, with its questions.
#[utoipa::path(get, path = "/api/v1/surveys/{id}", tag = "surveys",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = SurveyOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn one(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        as_it_stands(&state, &caller.user, id).await
    };
    found.await.unwrap_or_else(|e| problem(&state, &headers, e))
}

/// A survey's results: for each question how many answered it, a rating's counts over its
/// scale and average, each choice's count, the latest free-text answers.
#[utoipa::path(get, path = "/api/v1/surveys/{id}/results", tag = "surveys",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = SurveyResults),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn results(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        state.app.surveys().results(&caller.user, id).await
    };
    match found.await {
        Ok(r) => json(StatusCode::OK, &results_out(r)),
        Err(e) => problem(&state, &headers, e),
    }
}

/// A survey's responses in the order received, a page at a time; each with its answers by
/// question id, and the respondent's name when the survey is not anonymous.
#[utoipa::path(get, path = "/api/v1/surveys/{id}/responses", tag = "surveys",
    params(("id" = i64, Path), ResponseQuery),
    responses(
        (status = 200, body = SurveyResponsePage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn responses(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return problem(&state, &headers, AppError::NotFound);
    };
    let sent = Input::from_urlencoded(q.as_deref().unwrap_or_default().as_bytes());
    let mut errors = FieldErrors::new();
    let after = match sent.get("cursor").trim() {
        "" => 0,
        c => c.parse::<i64>().unwrap_or_else(|_| {
            errors.add("cursor", "error-cursor");
            0
        }),
    };
    let limit = errors
        .take(
            "limit",
            liaison_domain::values::count(sent.get("limit"), MAX_LIMIT),
        )
        .flatten()
        .unwrap_or(DEFAULT_LIMIT);
    if !errors.is_empty() {
        return bad_query(&state, &headers, errors);
    }
    let found = async {
        let surveys = state.app.surveys();
        let view = surveys.get(&caller.user, id).await?;
        // One more than asked tells whether there is a next page.
        let mut page = surveys
            .responses(&caller.user, id, after, limit + 1)
            .await?;
        let more = page.len() as i64 > limit;
        page.truncate(limit as usize);
        Ok::<_, AppError>((view, page, more, zone(&state).await?))
    };
    match found.await {
        Ok((view, page, more, tz)) => {
            let anonymous = view.survey.anonymous;
            let next = more
                .then(|| page.last().map(|r| r.id.to_string()))
                .flatten();
            let items = (page.into_iter())
                .map(|r| SurveyResponseOut {
                    id: r.id,
                    received: time(r.created_at, tz),
                    language: r.language,
                    name: (!anonymous && !r.name.is_empty()).then_some(r.name),
                    answers: answers_out(&view.questions, &r.answers),
                })
                .collect();
            json(StatusCode::OK, &SurveyResponsePage { items, next })
        }
        Err(e) => problem(&state, &headers, e),
    }
}

/// Sending a survey's personal links: nothing to say but `{}`.
#[derive(Debug, Default, serde::Deserialize, ToSchema)]
pub struct SendSurvey {}

macro_rules! operation {
    ($($t:tt)*) => {
        record_operation!("/api/v1/surveys", "surveys", $($t)*);
    };
}

operation!(
    /// Change a survey's (or a template's) title, introduction and anonymity (fixed once it
    /// has answers): answers the survey. `template`, `engagement` and `from` are not
    /// changed.
    change, "", SaveSurvey, [(200, SurveyOut)],
    |state, user, n, c| {
        state.app.surveys().change(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Add a question at the end of a template or a draft survey (201 with its id); or,
    /// naming one in `question`, change it, or with `remove` remove it (200 with the
    /// survey). An open or closed survey's questions are fixed.
    question, "/questions", SaveQuestion, [(201, Added), (200, SurveyOut)],
    |state, user, n, c| {
        match state.app.surveys().question(user, n, &c).await? {
            Some(id) if c.question.trim().is_empty() => Ok(json(StatusCode::CREATED, &Added { id })),
            _ => as_it_stands(state, user, n).await,
        }
    }
);
operation!(
    /// Open a survey for answers (`open`: it needs a question; a template is never
    /// opened), or close it (`closed`); a closed one may open again. Answers the survey.
    open_or_close, "/step", SurveyStep, [(200, SurveyOut)],
    |state, user, n, c| {
        state.app.surveys().step(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Write an open survey's personal link to each person who came to its engagement and
    /// gave an email address, in their language (once each; never to those who asked not
    /// to be contacted). The body is a JSON object, `{}`.
    send, "/send", SendSurvey, [(200, SurveysSent)],
    |state, user, n, _c| {
        let done = state.app.surveys().send(user, n).await?;
        Ok(json(StatusCode::OK, &SurveysSent { sent: done.sent, before: done.before }))
    }
);
operation!(
    /// Record answers given on paper, typed in by an officer (an open or closed survey):
    /// `answers` by question id (a rating's number, the choices' texts or positions from
    /// 0, words). A question at fault is named `q_{id}`. 201 with the response's id.
    enter, "/responses", Respond, [(201, Added)],
    |state, user, n, c| {
        let id = state.app.surveys().enter(user, n, &c).await?;
        Ok(json(StatusCode::CREATED, &Added { id }))
    }
);
