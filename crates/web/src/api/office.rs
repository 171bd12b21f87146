//! The office over the API: categories and areas for everyone with a token; users and the
//! audit trail for administrators.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use liaison_app::escalation::SaveRules;
use liaison_app::{AppError, Input};
use liaison_domain::permissions::Permission;
use liaison_domain::texts::{languages_of, Localized, Versions};
use liaison_domain::values;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::step;
use super::{bad_query, json, once, problem, Caller, Problem};
use crate::routing::{get, Routes};
use crate::AppState;

/// The office over the API: its routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/categories", get(categories))
        .route(
            "/api/v1/categories/{id}/rules",
            get(category_rules).post(save_category_rules),
        )
        .route("/api/v1/areas", get(areas))
        .route("/api/v1/users", get(users))
        .route("/api/v1/audit", get(audit))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(categories, category_rules, save_category_rules, areas, users, audit),
    components(schemas(SaveRules)),
    tags(
        (name = "office", description = "Categories and areas"),
        (name = "administration", description = "Users and the audit trail (administrators)"),
    )
)]
pub struct Doc;

/// Most audit entries in one page.
const MAX_AUDIT: i64 = 500;

/// A choice offered by a question.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceOut {
    key: String,
    label: String,
}

/// A question asked at intake.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionOut {
    /// Answers are sent and read under this code.
    code: String,
    label: String,
    help: String,
    /// `short_text`, `long_text`, `number`, `date`, `single_choice` or `multiple_choice`.
    kind: String,
    required: bool,
    choices: Vec<ChoiceOut>,
}

/// Versions of a record's texts: language → field → text, such as
/// `{"es": {"name": "Polvo y calidad del aire", "question.dust_source.label": "…"}}`.
type VersionsOut = BTreeMap<String, BTreeMap<String, String>>;

/// A category of concern. Its texts (name, description, questions' labels and help,
/// choices' labels) are in the language `Accept-Language` asks for where they have a
/// version in it, otherwise in the office's language; `fallback` names those.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryOut {
    id: i64,
    code: String,
    name: String,
    description: String,
    default_priority: String,
    /// Offered on the portal and over Open311.
    public: bool,
    active: bool,
    questions: Vec<QuestionOut>,
    /// The language of the texts: the one asked for (`en`, `es` or `fr`; `en`, the
    /// office's, when none of them was asked for).
    language: String,
    /// The texts shown in the office's language (`en`) for want of a version in
    /// `language`, by field: `name`, `description`, `question.{code}.label`,
    /// `question.{code}.help`, `question.{code}.choice.{key}`.
    fallback: Vec<String>,
    /// Every version in another language, by language then field (fields named as in
    /// `fallback`), for those who edit them; the office's language is the record's own.
    versions: BTreeMap<String, BTreeMap<String, String>>,
}

/// An area the office works in. Its name is in the language `Accept-Language` asks for
/// where it has a version in it, otherwise in the office's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaOut {
    id: i64,
    name: String,
    active: bool,
    /// The language of the name, as for categories.
    language: String,
    /// `["name"]` when the name is in the office's language for want of a version.
    fallback: Vec<String>,
    /// Every version of the name in another language: `{"es": {"name": "…"}}`.
    versions: BTreeMap<String, BTreeMap<String, String>>,
}

/// The language an API request asks for with `Accept-Language` (the office's when it asks
/// for none the portal speaks).
fn asked_language(headers: &HeaderMap) -> &'static str {
    crate::i18n::Tr::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    )
}

/// A JSON answer whose texts are in `languages` (`Content-Language`), varying with
/// `Accept-Language`.
fn json_in<T: Serialize>(value: &T, languages: &[String]) -> Response {
    let mut r = json(StatusCode::OK, value);
    if let Ok(v) = HeaderValue::from_str(&languages.join(", ")) {
        r.headers_mut().insert(header::CONTENT_LANGUAGE, v);
    }
    r.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-language"));
    r
}

fn versions_out(v: Option<&Versions>) -> VersionsOut {
    v.map(|v| v.0.clone()).unwrap_or_default()
}

/// A staff account.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    id: i64,
    email: String,
    name: String,
    /// `administrator`, `supervisor`, `officer`, `partner` or `viewer`.
    role: String,
    active: bool,
}

/// One entry of the audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    id: i64,
    /// UTC, ISO 8601.
    at: String,
    /// `staff`, `resident`, `client` or `system`.
    actor_kind: String,
    actor: String,
    action: String,
    record_kind: String,
    record_id: Option<i64>,
    /// What changed.
    #[schema(value_type = Object)]
    changes: serde_json::Value,
}

/// A page of the audit trail, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    items: Vec<AuditOut>,
    /// Pass as `before` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<i64>,
}

/// Paging of the audit trail.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string
pub struct AuditQuery {
    /// Only entries older than this id (the `next` of the previous page).
    #[param(minimum = 1)]
    before: Option<i64>,
    /// Entries per page, 1 to 500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

/// The categories, active or not, in the language asked for.
#[utoipa::path(get, path = "/api/v1/categories", tag = "office",
    params(("Accept-Language" = Option<String>, Header,
        description = "The language of the texts: `en`, `es` or `fr` (the office's, `en`, otherwise). Texts without a version in it are in the office's language, named in each category's `fallback`.")),
    responses(
        (status = 200, body = Vec<CategoryOut>, headers(
            ("Content-Language" = String, description = "The languages of the texts: the one asked for, then `en` if any text fell back to it."))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn categories(
    State(state): State<AppState>,
    Caller(_): Caller,
    headers: HeaderMap,
) -> Response {
    let language = asked_language(&headers);
    let loaded = async {
        let list = state
            .app
            .office()
            .categories_in(false, false, language)
            .await?;
        let versions = state.app.office().category_versions().await?;
        Ok::<_, liaison_app::AppError>((list, versions))
    };
    match loaded.await {
        Ok((list, versions)) => {
            let languages = languages_of(language, &list);
            let out: Vec<CategoryOut> = list
                .into_iter()
                .map(
                    |Localized {
                         record: k,
                         language,
                         fallback,
                     }| CategoryOut {
                        id: k.id,
                        code: k.fields.code,
                        name: k.fields.name,
                        description: k.fields.description,
                        default_priority: k.fields.default_priority.as_str().into(),
                        public: k.fields.public,
                        active: k.fields.active,
                        language,
                        fallback,
                        versions: versions_out(versions.get(&k.id)),
                        questions: k
                            .questions
                            .into_iter()
                            .map(|q| QuestionOut {
                                code: q.code,
                                label: q.label,
                                help: q.help,
                                kind: q.kind.as_str().into(),
                                required: q.required,
                                choices: q
                                    .choices
                                    .into_iter()
                                    .map(|c| ChoiceOut {
                                        key: c.key,
                                        label: c.label,
                                    })
                                    .collect(),
                            })
                            .collect(),
                    },
                )
                .collect();
            json_in(&out, &languages)
        }
        Err(e) => problem(&state, &headers, e),
    }
}

/// The areas, active or not, in the language asked for.
#[utoipa::path(get, path = "/api/v1/areas", tag = "office",
    params(("Accept-Language" = Option<String>, Header,
        description = "The language of the names: `en`, `es` or `fr` (the office's, `en`, otherwise). A name without a version in it is in the office's language, said in the area's `fallback`.")),
    responses(
        (status = 200, body = Vec<AreaOut>, headers(
            ("Content-Language" = String, description = "The languages of the names: the one asked for, then `en` if any name fell back to it."))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn areas(
    State(state): State<AppState>,
    Caller(_): Caller,
    headers: HeaderMap,
) -> Response {
    let language = asked_language(&headers);
    match state.app.office().areas_with_versions(true).await {
        Ok((list, versions)) => {
            let list: Vec<Localized<_>> = list
                .into_iter()
                .map(|a| {
                    let v = versions.get(&a.id).cloned().unwrap_or_default();
                    liaison_domain::texts::localize(a, &v, language)
                })
                .collect();
            let languages = languages_of(language, &list);
            let out: Vec<AreaOut> = list
                .into_iter()
                .map(
                    |Localized {
                         record: a,
                         language,
                         fallback,
                     }| AreaOut {
                        id: a.id,
                        name: a.name,
                        active: a.active,
                        language,
                        fallback,
                        versions: versions_out(versions.get(&a.id)),
                    },
                )
                .collect();
            json_in(&out, &languages)
        }
        Err(e) => problem(&state, &headers, e),
    }
}

/// A category's grievance rules: escalation, the appeal window, and whether it is
/// sensitive with its team.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesOut {
    /// Tell the supervisors when a concern is not acknowledged by its target.
    tell_unacknowledged: bool,
    /// Escalate a concern unresolved this many working days past its target.
    escalate_after_days: Option<u32>,
    /// Whom to (a staff member's id); none: the supervisors are told.
    escalate_to: Option<i64>,
    /// Days after a decision during which it may be appealed.
    appeal_days: u32,
    /// Calendar days to review an appeal.
    appeal_review_days: u32,
    /// Its concerns are read by its team alone.
    sensitive: bool,
    /// The team's staff ids.
    team: Vec<i64>,
}

async fn rules_out(
    state: &AppState,
    user: &liaison_app::accounts::User,
    id: &str,
) -> Result<RulesOut, AppError> {
    liaison_app::require(user, Permission::ConfigureOffice)?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let office = state.app.office();
    office.category(id).await?;
    let (rules, window) = office.rules(id).await?;
    let (sensitive, team) = office.team(id).await?;
    Ok(RulesOut {
        tell_unacknowledged: rules.tell_unacknowledged,
        escalate_after_days: rules.escalate_after_days,
        escalate_to: rules.escalate_to,
        appeal_days: window.days,
        appeal_review_days: window.review_days,
        sensitive,
        team,
    })
}

/// A category's grievance rules (administrators).
#[utoipa::path(get, path = "/api/v1/categories/{id}/rules", tag = "administration",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = RulesOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn category_rules(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    match rules_out(&state, &caller.user, &id).await {
        Ok(r) => json(StatusCode::OK, &r),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Set a category's escalation rules and appeal window (administrators); whether it is
/// sensitive and its team are set on its page.
#[utoipa::path(post, path = "/api/v1/categories/{id}/rules", tag = "administration",
    request_body = SaveRules,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = RulesOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_category_rules(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/categories/{id}/rules");
    let write = step(&state, &headers, &id, &body, |n, cmd: SaveRules| {
        let (state, user, id) = (&state, &caller.user, &id);
        async move {
            state.app.office().save_rules(user, n, &cmd).await?;
            Ok(json(StatusCode::OK, &rules_out(state, user, id).await?))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// The staff accounts (administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "administration",
    responses(
        (status = 200, body = Vec<UserOut>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn users(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
) -> Response {
    match state.app.accounts().list(&caller.user).await {
        Ok(list) => {
            let out: Vec<UserOut> = list
                .into_iter()
                .map(|u| UserOut {
                    id: u.id,
                    email: u.email,
                    name: u.name,
                    role: u.role.as_str().into(),
                    active: u.active,
                })
                .collect();
            json(StatusCode::OK, &out)
        }
        Err(e) => problem(&state, &headers, e),
    }
}

/// The audit trail, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/audit", tag = "administration", params(AuditQuery),
    responses(
        (status = 200, body = AuditPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let input = Input::from_urlencoded(query.unwrap_or_default().as_bytes());
    let mut errors = liaison_domain::FieldErrors::new();
    let number = |errors: &mut liaison_domain::FieldErrors, field: &str, max: i64| {
        errors
            .take(field, values::count(input.get(field), max))
            .flatten()
    };
    let before = number(&mut errors, "before", i64::MAX);
    let limit = number(&mut errors, "limit", MAX_AUDIT).unwrap_or(100);
    if let Err(e) = errors.into_result() {
        return bad_query(&state, &headers, e);
    }
    match state
        .app
        .audit_trail()
        .entries(&caller.user, before, limit + 1)
        .await
    {
        Ok(mut list) => {
            let more = list.len() as i64 > limit;
            list.truncate(usize::try_from(limit).unwrap_or(0));
            let next = if more {
                list.last().map(|e| e.id)
            } else {
                None
            };
            let items = list
                .into_iter()
                .map(|e| AuditOut {
                    id: e.id,
                    at: chrono::DateTime::from_timestamp(e.at, 0)
                        .unwrap_or_default()
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    actor_kind: e.actor_kind,
                    actor: e.actor_label,
                    action: e.action,
                    record_kind: e.record_kind,
                    record_id: e.record_id,
                    changes: e.changes,
                })
                .collect();
            json(StatusCode::OK, &AuditPage { items, next })
        }
        Err(e) => problem(&state, &headers, e),
    }
}
