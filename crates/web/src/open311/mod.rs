//! Open311 GeoReport v2 under `/open311/v2/`: public categories as services, public
//! concerns as service requests, in XML and JSON. The operations live in
//! `liaison_app::open311`; this module decodes requests and writes answers.

mod document;

use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use chrono::SecondsFormat;
use chrono_tz::Tz;
use liaison_app::office::Category;
use liaison_app::open311::{extended_status, RequestQuery, UpdateQuery};
use liaison_app::open311::{PublicConcern, PublicUpdate};
use liaison_app::{AppError, Input};
use liaison_domain::categories::AnswerValue;
use liaison_domain::categories::QuestionKind;
use liaison_domain::concerns::Status;
use liaison_domain::texts::{languages_of, Localized, OFFICE_LANGUAGE};

pub use document::{Document, Format, Value};

use crate::routing::{get, Routes};
use crate::security::{client_address, Peer};
use crate::AppState;

/// The address of the standard, as discovery names it.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

/// When the list of endpoints last changed.
const CHANGESET: &str = "2026-11-23T00:00:00Z";

/// The Open311 routes. Submissions may carry a `media` photo up to `upload_limit` bytes.
pub fn routes(upload_limit: usize) -> Routes {
    Routes::new()
        .route(
            "/open311/v2/{file}",
            get(top)
                .post(submit)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/open311/v2/services/{file}", get(service_definition))
        .route("/open311/v2/requests/{file}", get(request))
        .route("/open311/v2/tokens/{file}", get(token))
}

/// An error answer in the standard's shape: a list of `{code, description}`.
fn errors(format: Format, status: StatusCode, messages: Vec<String>) -> Response {
    let items = messages
        .into_iter()
        .map(|d| {
            Value::Object(vec![
                ("code", status.as_u16().to_string().into()),
                ("description", d.into()),
            ])
        })
        .collect();
    Document::list("errors", "error", items).respond(format, status)
}

/// The answer to an operation's error. Field errors are reported all at once, each as
/// `parameter: message`.
fn failure(state: &AppState, format: Format, e: AppError) -> Response {
    let tr = state.tr("en");
    match e {
        AppError::NotFound => errors(
            format,
            StatusCode::NOT_FOUND,
            vec![tr.t("open311-not-found")],
        ),
        AppError::Forbidden => errors(format, StatusCode::FORBIDDEN, vec![tr.t("open311-api-key")]),
        AppError::Invalid(fields) => {
            let messages = fields
                .0
                .iter()
                .map(|f| format!("{}: {}", f.field, tr.t(f.code)))
                .collect();
            errors(format, StatusCode::BAD_REQUEST, messages)
        }
        AppError::Throttled(wait) => crate::errors::retry_after(
            errors(
                format,
                StatusCode::TOO_MANY_REQUESTS,
                vec![tr.t("error-throttled")],
            ),
            wait,
        ),
        other => match crate::errors::Refusal::of(&other) {
            Some(r) => {
                tracing::warn!(error = %other, "open311 request refused");
                refused(state, format, r)
            }
            None => {
                tracing::error!(error = %other, "open311 request failed");
                let status = crate::errors::status(&other);
                errors(format, status, vec![tr.t("error-internal")])
            }
        },
    }
}

/// The answer to a request refused for the database's or the server's state, in the
/// format its path names (XML when it names none), with `Retry-After` where waiting helps.
pub(crate) fn refusal(state: &AppState, path: &str, r: crate::errors::Refusal) -> Response {
    let file = path.rsplit('/').next().unwrap_or_default();
    let format = Format::split(file).map_or(Format::Xml, |(_, f)| f);
    refused(state, format, r)
}

fn refused(state: &AppState, format: Format, r: crate::errors::Refusal) -> Response {
    let message = state.tr("en").t(r.messages().1);
    r.finish(errors(format, r.status(), vec![message]))
}

/// The format of a path, or a 404 in XML (the format every client reads) when it has none.
fn format_of(file: &str) -> Result<(&str, Format), Response> {
    Format::split(file).ok_or_else(|| {
        errors(
            Format::Xml,
            StatusCode::NOT_FOUND,
            vec!["Use a .xml or .json suffix.".into()],
        )
    })
}

/// The query string's fields, then the body's: `api_key` and `jurisdiction_id` may come in
/// either.
pub(crate) fn fields(query: Option<String>, body: &[u8]) -> Input {
    let mut input = Input::from_urlencoded(query.unwrap_or_default().as_bytes());
    input.0.extend(Input::from_urlencoded(body).0);
    input
}

async fn top(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (name, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let input = fields(query, b"");
    match name {
        "discovery" => discovery(&state, &headers).respond(format, StatusCode::OK),
        "services" => {
            let language = language(&input, &headers);
            match state.app.open311().services_in(language).await {
                Ok(list) => {
                    // The list shows names and descriptions only: their languages are the
                    // answer's.
                    let fell_back = list
                        .iter()
                        .any(|k| k.fell_back("name") || k.fell_back("description"));
                    let mut languages = vec![language.to_string()];
                    if fell_back {
                        languages.push(OFFICE_LANGUAGE.to_string());
                    }
                    in_languages(
                        Document::list("services", "service", list.iter().map(service).collect())
                            .respond(format, StatusCode::OK),
                        &languages,
                    )
                }
                Err(e) => failure(&state, format, e),
            }
        }
        "requests" => {
            let q = RequestQuery {
                ids: input.get("service_request_id").into(),
                service_codes: input.get("service_code").into(),
                start_date: input.get("start_date").into(),
                end_date: input.get("end_date").into(),
                status: input.get("status").into(),
                page: input.get("page").into(),
                page_size: input.get("page_size").into(),
            };
            let extended = input.get("extensions") == "true";
            match requests(&state, &headers, &q, extended).await {
                Ok(items) => Document::list("service_requests", "request", items)
                    .respond(format, StatusCode::OK),
                Err(e) => failure(&state, format, e),
            }
        }
        "servicerequestupdates" => {
            let q = UpdateQuery {
                start_date: input.get("start_date").into(),
                end_date: input.get("end_date").into(),
                page: input.get("page").into(),
                page_size: input.get("page_size").into(),
            };
            let office = match state.app.office().settings().await {
                Ok(o) => o,
                Err(e) => return failure(&state, format, e),
            };
            match state.app.open311().updates(&q).await {
                Ok(list) => {
                    let tz = office.calendar.time_zone;
                    let items = list.iter().map(|u| request_update(u, tz)).collect();
                    Document::list("service_request_updates", "request_update", items)
                        .respond(format, StatusCode::OK)
                }
                Err(e) => failure(&state, format, e),
            }
        }
        _ => failure(&state, format, AppError::NotFound),
    }
}

async fn submit(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    peer: Peer,
    request: Request,
) -> Response {
    let (name, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if name != "requests" && name != "servicerequestupdates" {
        return failure(&state, format, AppError::NotFound);
    }
    // The address is limited before the key is even looked at, so guessing keys is slow too.
    let address = client_address(&state, &headers, &peer);
    if let Err(e) = state.app.limits().admit_open311_address(&address) {
        return failure(&state, format, e);
    }
    // Form-encoded, or multipart with a `media` photo.
    let form = match crate::uploads::read(request).await {
        Ok(form) => form,
        Err(bad) => {
            let tr = state.tr("en");
            let message = if bad.status() == StatusCode::PAYLOAD_TOO_LARGE {
                tr.t("open311-too-large")
            } else {
                tr.t("open311-malformed")
            };
            return errors(format, bad.status(), vec![message]);
        }
    };
    let mut input = fields(query, b"");
    input.0.extend(form.input.0);
    let client = match state.app.api_keys().client(input.get("api_key")).await {
        Ok(Some(client)) => client,
        Ok(None) => return failure(&state, format, AppError::Forbidden),
        Err(e) => return failure(&state, format, e),
    };
    if let Err(e) = state.app.limits().admit_open311_client(&client) {
        return failure(&state, format, e);
    }
    if name == "servicerequestupdates" {
        let posted = match input.decode() {
            Ok(update) => state.app.open311().post_update(&client, &update).await,
            Err(e) => Err(e.into()),
        };
        return match posted {
            Ok(id) => Document::list(
                "service_request_updates",
                "request_update",
                vec![Value::Object(vec![("update_id", id.to_string().into())])],
            )
            .respond(format, StatusCode::CREATED),
            Err(e) => failure(&state, format, e),
        };
    }
    let submitted = match input.decode() {
        Ok(request) => {
            (state.app.open311())
                .submit(&client, &request, &form.uploads)
                .await
        }
        Err(e) => Err(e.into()),
    };
    match submitted {
        Ok(receipt) => Document::list(
            "service_requests",
            "request",
            vec![Value::Object(vec![
                ("service_request_id", receipt.reference.into()),
                ("token", receipt.tracking_code.into()),
                ("service_notice", Value::Empty),
                ("account_id", Value::Empty),
            ])],
        )
        .respond(format, StatusCode::CREATED),
        Err(e) => failure(&state, format, e),
    }
}

/// The requests a `GET requests` asks for, with their answers and public timelines when
/// the client asks for the extended output.
async fn requests(
    state: &AppState,
    headers: &HeaderMap,
    q: &RequestQuery,
    extended: bool,
) -> Result<Vec<Value>, AppError> {
    let office = state.app.office().settings().await?;
    let tz = office.calendar.time_zone;
    let list = state.app.open311().requests(q).await?;
    let media = media_urls(state, headers, &list).await?;
    let mut items: Vec<Value> = list
        .iter()
        .map(|c| service_request(c, &office.name, tz, media.get(&c.id)))
        .collect();
    if extended {
        let notes = state.app.open311().notes(&list).await?;
        let services = state.app.open311().services().await?;
        for (item, c) in items.iter_mut().zip(&list) {
            let Value::Object(fields) = item else {
                continue;
            };
            let questions = services
                .iter()
                .find(|k| k.fields.code == c.category_code)
                .map(|k| k.questions.as_slice())
                .unwrap_or_default();
            fields.extend(extensions(c, questions, &notes, tz));
        }
    }
    Ok(items)
}

/// The extended output of one request: its answers, Liaison's own status, and its public
/// timeline.
fn extensions(
    c: &PublicConcern,
    questions: &[liaison_domain::categories::Question],
    notes: &[PublicUpdate],
    tz: Tz,
) -> Vec<(&'static str, Value)> {
    let attributes = c
        .answers
        .iter()
        .map(|(code, answer)| {
            let question = questions.iter().find(|q| &q.code == code);
            let value = match answer {
                AnswerValue::One(v) => v.as_str().into(),
                AnswerValue::Many(keys) => {
                    Value::List("value", keys.iter().map(|k| k.as_str().into()).collect())
                }
            };
            Value::Object(vec![
                ("code", code.as_str().into()),
                (
                    "description",
                    question.map_or(Value::Empty, |q| q.label.as_str().into()),
                ),
                ("value", value),
            ])
        })
        .collect();
    let notes = notes
        .iter()
        .filter(|u| u.concern_id == c.id)
        .map(|u| request_update(u, tz))
        .collect();
    vec![
        ("attributes", Value::List("attribute", attributes)),
        (
            "extended_attributes",
            Value::Object(vec![("liaison_status", c.status.as_str().into())]),
        ),
        ("notes", Value::List("note", notes)),
    ]
}

/// One line of the updates feed.
fn request_update(u: &PublicUpdate, tz: Tz) -> Value {
    Value::Object(vec![
        ("update_id", u.id.to_string().into()),
        ("service_request_id", u.reference.as_str().into()),
        ("status", extended_status(u).into()),
        ("updated_datetime", datetime(u.at, tz).into()),
        ("description", u.body.as_str().into()),
        ("media_url", Value::Empty),
    ])
}

/// The language a client asks for: a `locale` parameter (`es`, `es_MX`, `fr-CA`), which
/// some GeoReport clients send, when the portal speaks it; else `Accept-Language`; else the
/// office's. Only the services' texts change with it: keys and codes never do.
fn language(input: &Input, headers: &HeaderMap) -> &'static str {
    let locale = input.get("locale").trim().to_ascii_lowercase();
    let primary = locale.split(['-', '_']).next().unwrap_or_default();
    if let Some((l, _)) = crate::i18n::LANGUAGES.iter().find(|(l, _)| *l == primary) {
        return l;
    }
    let header = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    crate::i18n::Tr::negotiate(header)
}

/// An answer whose texts depend on the language asked: says which languages it holds
/// (`Content-Language: es, en` when some text had no Spanish version) and that it varies
/// with `Accept-Language`.
fn in_languages(mut r: Response, languages: &[String]) -> Response {
    if let Ok(v) = header::HeaderValue::from_str(&languages.join(", ")) {
        r.headers_mut().insert(header::CONTENT_LANGUAGE, v);
    }
    r.headers_mut().insert(
        header::VARY,
        header::HeaderValue::from_static("accept-language"),
    );
    r
}

async fn service_definition(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (code, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let language = language(&fields(query, b""), &headers);
    match state.app.open311().service_in(code, language).await {
        Ok(k) => in_languages(
            definition(&k).respond(format, StatusCode::OK),
            &languages_of(language, [&k]),
        ),
        Err(e) => failure(&state, format, e),
    }
}

/// A service's definition: its questions as attributes, in the language asked.
fn definition(k: &Localized<Category>) -> Document {
    Document {
        root: "service_definition",
        body: Value::Object(vec![
            ("service_code", k.fields.code.as_str().into()),
            (
                "attributes",
                Value::List(
                    "attribute",
                    k.questions
                        .iter()
                        .enumerate()
                        .map(|(i, q)| {
                            Value::Object(vec![
                                ("variable", Value::Flag(true)),
                                ("code", q.code.as_str().into()),
                                ("datatype", datatype(q.kind).into()),
                                ("required", Value::Flag(q.required)),
                                ("datatype_description", q.help.as_str().into()),
                                ("order", Value::Number((i + 1) as f64)),
                                ("description", q.label.as_str().into()),
                                (
                                    "values",
                                    Value::List(
                                        "value",
                                        q.choices
                                            .iter()
                                            .map(|c| {
                                                Value::Object(vec![
                                                    ("key", c.key.as_str().into()),
                                                    ("name", c.label.as_str().into()),
                                                ])
                                            })
                                            .collect(),
                                    ),
                                ),
                            ])
                        })
                        .collect(),
                ),
            ),
        ]),
    }
}

async fn request(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (id, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let found = state.app.open311().request(id).await;
    one_request(&state, &headers, format, found).await
}

async fn token(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let (token, format) = match format_of(&file) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.open311().request_by_token(token).await {
        Ok(c) => Document::list(
            "service_requests",
            "request",
            vec![Value::Object(vec![
                ("service_request_id", c.reference.into()),
                ("token", token.into()),
            ])],
        )
        .respond(format, StatusCode::OK),
        Err(e) => failure(&state, format, e),
    }
}

async fn one_request(
    state: &AppState,
    headers: &HeaderMap,
    format: Format,
    found: Result<PublicConcern, AppError>,
) -> Response {
    let office = match state.app.office().settings().await {
        Ok(o) => o,
        Err(e) => return failure(state, format, e),
    };
    match found {
        Ok(c) => Document::list(
            "service_requests",
            "request",
            vec![service_request(
                &c,
                &office.name,
                office.calendar.time_zone,
                match media_urls(state, headers, std::slice::from_ref(&c)).await {
                    Ok(m) => m.get(&c.id).cloned(),
                    Err(e) => return failure(state, format, e),
                }
                .as_ref(),
            )],
        )
        .respond(format, StatusCode::OK),
        Err(e) => failure(state, format, e),
    }
}

/// This server's address as the client reached it, for absolute links.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// The `media_url` of each listed request that has a public photo: its first.
async fn media_urls(
    state: &AppState,
    headers: &HeaderMap,
    list: &[PublicConcern],
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
    let base = base_url(state, headers);
    Ok(state
        .app
        .concerns()
        .first_public_attachments(&ids)
        .await?
        .into_iter()
        .map(|(id, a)| (id, format!("{base}{}", crate::attachments::public_path(&a))))
        .collect())
}

fn discovery(state: &AppState, headers: &HeaderMap) -> Document {
    let base = base_url(state, headers);
    Document {
        root: "discovery",
        body: Value::Object(vec![
            ("changeset", CHANGESET.into()),
            ("contact", state.tr("en").t("open311-contact").into()),
            (
                "key_service",
                state.tr("en").t("open311-key-service").into(),
            ),
            (
                "endpoints",
                Value::List(
                    "endpoint",
                    vec![Value::Object(vec![
                        ("specification", SPECIFICATION.into()),
                        ("url", format!("{base}/open311/v2").into()),
                        ("changeset", CHANGESET.into()),
                        ("type", "production".into()),
                        (
                            "formats",
                            Value::List(
                                "format",
                                vec!["text/xml".into(), "application/json".into()],
                            ),
                        ),
                    ])],
                ),
            ),
        ]),
    }
}

fn service(k: &Localized<Category>) -> Value {
    Value::Object(vec![
        ("service_code", k.fields.code.as_str().into()),
        ("service_name", k.fields.name.as_str().into()),
        ("description", k.fields.description.as_str().into()),
        ("metadata", Value::Flag(!k.questions.is_empty())),
        ("type", "realtime".into()),
        ("keywords", "".into()),
        ("group", "".into()),
    ])
}

/// The standard's datatype for a kind of question.
fn datatype(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::ShortText => "string",
        QuestionKind::LongText => "text",
        QuestionKind::Number => "number",
        QuestionKind::Date => "datetime",
        QuestionKind::SingleChoice => "singlevaluelist",
        QuestionKind::MultipleChoice => "multivaluelist",
    }
}

/// A time as ISO 8601 in the office's zone.
fn datetime(t: i64, tz: Tz) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn service_request(c: &PublicConcern, agency: &str, tz: Tz, media: Option<&String>) -> Value {
    let (lat, long) = c.point.map_or((Value::Empty, Value::Empty), |(lat, lng)| {
        (Value::Number(lat), Value::Number(lng))
    });
    Value::Object(vec![
        ("service_request_id", c.reference.as_str().into()),
        (
            "status",
            if c.status.is_open() { "open" } else { "closed" }.into(),
        ),
        ("status_notes", c.latest_update.clone().into()),
        ("service_name", c.category_name.as_str().into()),
        ("service_code", c.category_code.as_str().into()),
        ("description", c.description.as_str().into()),
        ("agency_responsible", agency.into()),
        ("service_notice", Value::Empty),
        ("requested_datetime", datetime(c.received_at, tz).into()),
        ("updated_datetime", datetime(c.updated_at, tz).into()),
        (
            "expected_datetime",
            if c.status.is_open() && c.status != Status::AwaitingReporter {
                datetime(c.resolve_due_at, tz).into()
            } else {
                Value::Empty
            },
        ),
        ("address", c.address.clone().into()),
        ("address_id", Value::Empty),
        ("zipcode", Value::Empty),
        ("lat", lat),
        ("long", long),
        (
            "media_url",
            media.map_or(Value::Empty, |m| m.as_str().into()),
        ),
    ])
}
