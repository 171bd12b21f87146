//! The stakeholder register over the API: people and organizations, listed with the staff
//! lists' filters and a cursor, one with its timeline, added and changed. Each handler
//! calls the operation the staff pages call, with the same command.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono_tz::Tz;
use liaison_app::stakeholders::{
    after_text, filter_from, Details, EndRelationship, ErasePerson, Line, LinkConcern,
    MergeDuplicate, RecordConsent, Relate, Related, SaveOrganization, SavePerson, Stakeholder,
};
use liaison_app::{AppError, Input};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{self as rules, Attitude, Level, OrganizationType};
use liaison_domain::values::day_text;
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{command, step, time, zone};
use super::{bad_query, body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// The register over the API: its routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/people", get(people).post(add_person))
        .route("/api/v1/people/{id}", get(person).post(update_person))
        .route(
            "/api/v1/organizations",
            get(organizations).post(add_organization),
        )
        .route(
            "/api/v1/organizations/{id}",
            get(organization).post(update_organization),
        )
        .route("/api/v1/people/{id}/relationships", post(relate_person))
        .route(
            "/api/v1/organizations/{id}/relationships",
            post(relate_organization),
        )
        .route("/api/v1/relationships/{id}/end", post(end_relationship))
        .route("/api/v1/people/{id}/consent", post(record_consent))
        .route("/api/v1/people/{id}/export", post(export_person))
        .route("/api/v1/people/{id}/erase", post(erase_person))
        .route("/api/v1/people/{id}/merge", post(merge_person))
        .route("/api/v1/organizations/{id}/merge", post(merge_organization))
        .route("/api/v1/people/{id}/concerns", post(link_concern))
        .route("/api/v1/people/{id}/vcard", get(person_vcard))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(
        people,
        add_person,
        person,
        update_person,
        organizations,
        add_organization,
        organization,
        update_organization,
        relate_person,
        relate_organization,
        end_relationship,
        record_consent,
        export_person,
        erase_person,
        merge_person,
        merge_organization,
        link_concern,
        person_vcard
    ),
    components(schemas(
        SavePerson,
        SaveOrganization,
        Relate,
        EndRelationship,
        RecordConsent,
        ErasePerson,
        MergeDuplicate,
        LinkConcern
    )),
    tags((name = "stakeholders", description = "The stakeholder register: people and organizations"))
)]
pub struct Doc;

/// Most records in one page.
const MAX_LIMIT: i64 = 200;

/// Filters of a list of people or organizations: the staff lists' own.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct RegisterQuery {
    /// Words of a name, a tag or an email, or a phone number written any way: a search,
    /// newest first. Without it, the list is in order of name.
    q: Option<String>,
    /// An area id.
    area: Option<i64>,
    /// A tag.
    tag: Option<String>,
    /// People who prefer this language (a BCP 47 tag).
    language: Option<String>,
    /// Organizations of this type, such as `school`.
    #[param(rename = "type")]
    kind: Option<String>,
    /// `low`, `medium` or `high`.
    influence: Option<String>,
    /// `low`, `medium` or `high`.
    interest: Option<String>,
    /// `supportive`, `leaning_supportive`, `neutral`, `leaning_opposed` or `opposed`.
    attitude: Option<String>,
    /// The id of the staff member who keeps them.
    owner: Option<i64>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
    /// Records per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// A page of people or organizations.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterPage {
    items: Vec<StakeholderOut>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A person or an organization. Phones, emails and addresses are empty for callers whose
/// role does not show contact details (`contacts_shown` is then false).
#[derive(Debug, Serialize, ToSchema)]
pub struct StakeholderOut {
    id: i64,
    /// `person` or `organization`.
    kind: String,
    name: String,
    /// How a person wants to be addressed (people only).
    #[serde(skip_serializing_if = "Option::is_none")]
    addressed_as: Option<String>,
    /// A person's preferred language, a BCP 47 tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    /// Whether a person needs an interpreter.
    #[serde(skip_serializing_if = "Option::is_none")]
    interpreter: Option<bool>,
    /// What a person needs to take part.
    #[serde(skip_serializing_if = "Option::is_none")]
    accessibility: Option<String>,
    /// An organization's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_type: Option<String>,
    /// The preferred one first.
    phones: Vec<String>,
    /// The preferred one first.
    emails: Vec<String>,
    /// The preferred one first.
    addresses: Vec<String>,
    contacts_shown: bool,
    /// Area ids.
    areas: Vec<i64>,
    tags: Vec<String>,
    notes: String,
    confidentiality: String,
    /// The id of the staff member who keeps the relationship.
    owner_id: Option<i64>,
    owner: Option<String>,
    influence: Option<String>,
    interest: Option<String>,
    attitude: Option<String>,
    created_at: String,
    updated_at: String,
    /// A person's consent to be contacted (people only).
    #[serde(skip_serializing_if = "Option::is_none")]
    consent: Option<ConsentOut>,
    /// Its relationships whose other end the caller may see, oldest first (one record
    /// only; absent from lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    relationships: Option<Vec<RelationshipOut>>,
    /// Its timeline, newest first (one record only; absent from lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<Vec<LineOut>>,
}

/// What a person agreed to be contacted by and for. Nothing agreed is nothing allowed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentOut {
    /// `phone`, `sms`, `email`, `post`, `visit`.
    channels: Vec<String>,
    /// `updates`, `invitations`, `surveys`, `newsletters`.
    purposes: Vec<String>,
    given_on: Option<String>,
    /// `verbal`, `written`, `online_form` or `email`.
    method: Option<String>,
    note: String,
    do_not_contact: bool,
}

/// A relationship, seen from one of its records.
#[derive(Debug, Serialize, ToSchema)]
pub struct RelationshipOut {
    id: i64,
    /// `member`, `leader`, `spokesperson`, `staff`, `partner_of`, `funded_by`,
    /// `in_conflict_with` or `family_of`.
    kind: String,
    /// `from` this record to the other (a person's position), or `to` it from the other.
    direction: String,
    /// The other record: `person` or `organization`.
    other_kind: String,
    other_id: i64,
    other_name: String,
    title: String,
    /// The day it began, `YYYY-MM-DD`.
    starts_on: Option<String>,
    /// The day it ended.
    ends_on: Option<String>,
}

/// A line of a record's own timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineOut {
    at: String,
    /// `created`, `changed`, an assessment (`influence`, `interest`, `attitude`), a
    /// relationship begun or ended, consent recorded, a duplicate merged, …
    kind: String,
    /// The staff member who did it.
    actor: Option<String>,
    /// For an assessment: the value before (absent when not assessed).
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    /// For an assessment: the value after.
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    /// What the line records: for `changed`, the fields changed, comma-separated.
    body: String,
}

/// A line of a record's own, as the API writes it.
pub(super) fn line_out(l: Line, tz: Tz) -> LineOut {
    LineOut {
        at: time(l.at, tz),
        kind: l.kind.as_str().into(),
        actor: l.actor_name,
        from: l.changed_from.map(|v| v.as_str().into()),
        to: l.changed_to.map(|v| v.as_str().into()),
        body: l.body,
    }
}

fn relationship_out(r: Related) -> RelationshipOut {
    let t = r.relationship.terms;
    RelationshipOut {
        id: r.relationship.id,
        kind: t.kind.as_str().into(),
        direction: if r.outgoing { "from" } else { "to" }.into(),
        other_kind: r.other.record().kind.as_str().into(),
        other_id: r.other.id,
        other_name: r.other.profile.name,
        title: t.title,
        starts_on: t.starts_on.map(day_text),
        ends_on: t.ends_on.map(day_text),
    }
}

/// One record as answered on its own: with its relationships and timeline.
type Whole = (Vec<Related>, Vec<Line>);

fn out(s: Stakeholder, shown: bool, tz: Tz, whole: Option<Whole>) -> StakeholderOut {
    let (related, lines) = match whole {
        Some((r, l)) => (Some(r), Some(l)),
        None => (None, None),
    };
    let record = s.record();
    let p = s.profile;
    let (addressed_as, language, interpreter, accessibility, organization_type) = match s.details {
        Details::Person(d) => (
            Some(d.addressed_as),
            d.language,
            Some(d.interpreter),
            Some(d.accessibility),
            None,
        ),
        Details::Organization(t) => (None, None, None, None, Some(t.as_str().to_string())),
    };
    let c = s.consent;
    let consent = (record.kind == RecordKind::Person).then(|| ConsentOut {
        channels: c.channels.iter().map(|x| x.as_str().to_string()).collect(),
        purposes: c.purposes.iter().map(|x| x.as_str().to_string()).collect(),
        given_on: c.given_on.map(day_text),
        method: c.method.map(|m| m.as_str().to_string()),
        note: c.note,
        do_not_contact: c.do_not_contact,
    });
    StakeholderOut {
        id: s.id,
        consent,
        kind: record.kind.as_str().into(),
        name: p.name,
        addressed_as,
        language,
        interpreter,
        accessibility,
        organization_type,
        phones: p.contacts.phones,
        emails: p.contacts.emails,
        addresses: p.contacts.addresses,
        contacts_shown: shown,
        areas: p.areas,
        tags: p.tags,
        notes: p.notes,
        confidentiality: p.confidentiality.as_str().into(),
        owner_id: p.owner,
        owner: s.owner_name,
        influence: p.influence.map(|l| l.as_str().into()),
        interest: p.interest.map(|l| l.as_str().into()),
        attitude: p.attitude.map(|a| a.as_str().into()),
        created_at: time(s.created_at, tz),
        updated_at: time(s.updated_at, tz),
        relationships: related.map(|r| r.into_iter().map(relationship_out).collect()),
        timeline: lines.map(|lines| lines.into_iter().map(|l| line_out(l, tz)).collect()),
    }
}

/// The list filter a query string asks for, or the fields at fault.
fn list_filter(query: &str) -> Result<liaison_app::stakeholders::Filter, FieldErrors> {
    let sent = Input::from_urlencoded(query.as_bytes());
    let mut errors = FieldErrors::new();
    let check = |errors: &mut FieldErrors, field: &str, ok: bool| {
        if !ok {
            errors.add(field, "error-choice");
        }
    };
    let given = |field: &str| !sent.get(field).trim().is_empty();
    for field in ["influence", "interest"] {
        check(
            &mut errors,
            field,
            !given(field) || Level::parse(sent.get(field)).is_ok(),
        );
    }
    check(
        &mut errors,
        "attitude",
        !given("attitude") || Attitude::parse(sent.get("attitude")).is_ok(),
    );
    check(
        &mut errors,
        "type",
        !given("type") || OrganizationType::parse(sent.get("type")).is_ok(),
    );
    for field in ["area", "owner"] {
        check(
            &mut errors,
            field,
            !given(field) || sent.get(field).trim().parse::<i64>().is_ok(),
        );
    }
    if given("language") {
        errors.take("language", rules::language_tag(sent.get("language")));
    }
    let cursor = sent.get("cursor");
    if !cursor.is_empty()
        && cursor
            .rsplit_once('.')
            .and_then(|(_, id)| id.parse::<i64>().ok())
            .is_none()
    {
        errors.add("cursor", "error-cursor");
    }
    let limit = errors
        .take(
            "limit",
            liaison_domain::values::count(sent.get("limit"), MAX_LIMIT),
        )
        .flatten()
        .unwrap_or(50);
    if sent.get("q").chars().count() > liaison_app::search::MAX_QUERY_CHARS {
        errors.add("q", "error-too-long");
    }
    errors.into_result()?;
    Ok(filter_from(
        |field| {
            let field = if field == "after" { "cursor" } else { field };
            sent.get(field).to_string()
        },
        limit,
    ))
}

async fn list(
    state: AppState,
    user: &liaison_app::accounts::User,
    headers: &HeaderMap,
    kind: RecordKind,
    query: Option<String>,
) -> Response {
    let tz = match zone(&state).await {
        Ok(tz) => tz,
        Err(e) => return problem(&state, headers, e),
    };
    let filter = match list_filter(query.as_deref().unwrap_or_default()) {
        Ok(f) => f,
        Err(errors) => return bad_query(&state, headers, errors),
    };
    let shown = user.role.may(Permission::SeeContactDetails);
    match state.app.stakeholders().list(user, kind, &filter).await {
        Ok((found, next)) => json(
            StatusCode::OK,
            &RegisterPage {
                items: found.into_iter().map(|s| out(s, shown, tz, None)).collect(),
                next: next.map(|n| after_text(&n)),
            },
        ),
        Err(e) => problem(&state, headers, e),
    }
}

async fn one(
    state: AppState,
    user: &liaison_app::accounts::User,
    headers: &HeaderMap,
    kind: RecordKind,
    id: &str,
) -> Response {
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        let record = RecordRef { kind, id };
        let app = state.app.stakeholders();
        let s = app.get(user, record).await?;
        let related = app.relationships(user, &s).await?;
        let lines = app.timeline(user, record).await?;
        Ok::<_, AppError>((s, (related, lines), zone(&state).await?))
    }
    .await;
    match found {
        Ok((s, whole, tz)) => {
            let shown = user.role.may(Permission::SeeContactDetails);
            json(StatusCode::OK, &out(s, shown, tz, Some(whole)))
        }
        Err(e) => problem(&state, headers, e),
    }
}

/// A person as now stored: the answer to a change of one.
async fn person_now(
    state: &AppState,
    user: &liaison_app::accounts::User,
    headers: &HeaderMap,
    id: i64,
) -> Response {
    one(
        state.clone(),
        user,
        headers,
        RecordKind::Person,
        &id.to_string(),
    )
    .await
}

/// The path of a kind's records.
fn path(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Organization => "/api/v1/organizations",
        _ => "/api/v1/people",
    }
}

/// Adds (`id` none) or changes a record with the command in `body`, once per
/// `Idempotency-Key`.
async fn save(
    state: AppState,
    caller: &liaison_app::access_tokens::ApiCaller,
    headers: &HeaderMap,
    kind: RecordKind,
    id: Option<&str>,
    body: Bytes,
) -> Response {
    let request = match id {
        Some(id) => format!("POST {}/{id}", path(kind)),
        None => format!("POST {}", path(kind)),
    };
    let write = async {
        let fields = match body_object(&state, headers, &body) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let app = state.app.stakeholders();
        let user = &caller.user;
        let result = async {
            let id = match id {
                Some(id) => Some(id.parse::<i64>().map_err(|_| AppError::NotFound)?),
                None => None,
            };
            match (kind, id) {
                (RecordKind::Organization, None) => {
                    app.add_organization(user, &command(&fields)?).await
                }
                (RecordKind::Organization, Some(id)) => app
                    .update_organization(user, id, &command(&fields)?)
                    .await
                    .map(|()| id),
                (_, None) => app.add_person(user, &command(&fields)?).await,
                (_, Some(id)) => app
                    .update_person(user, id, &command(&fields)?)
                    .await
                    .map(|()| id),
            }
        }
        .await;
        match result {
            Ok(saved) if id.is_none() => {
                let mut response = json(StatusCode::CREATED, &Added { id: saved });
                if let Ok(l) = HeaderValue::from_str(&format!("{}/{saved}", path(kind))) {
                    response.headers_mut().insert(header::LOCATION, l);
                }
                response
            }
            Ok(saved) => one(state.clone(), user, headers, kind, &saved.to_string()).await,
            Err(e) => problem(&state, headers, e),
        }
    };
    once(&state, caller, headers, (&request, &body), write).await
}

/// List people, in order of name, or searched (newest first).
#[utoipa::path(get, path = "/api/v1/people", tag = "stakeholders", params(RegisterQuery),
    responses(
        (status = 200, body = RegisterPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn people(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    list(state, &caller.user, &headers, RecordKind::Person, q).await
}

/// List organizations, in order of name, or searched (newest first).
#[utoipa::path(get, path = "/api/v1/organizations", tag = "stakeholders", params(RegisterQuery),
    responses(
        (status = 200, body = RegisterPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organizations(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    list(state, &caller.user, &headers, RecordKind::Organization, q).await
}

/// One person with their timeline. A person the caller may not see is not found.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "stakeholders",
    params(("id" = i64, Path, description = "The person's id")),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    one(state, &caller.user, &headers, RecordKind::Person, &id).await
}

/// One organization with its timeline.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "stakeholders",
    params(("id" = i64, Path, description = "The organization's id")),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    one(state, &caller.user, &headers, RecordKind::Organization, &id).await
}

/// Add a person (officers, supervisors and administrators). Refused with
/// `error-likely-duplicate` on `not_a_duplicate` when people sharing a phone, an email or
/// the name are in the register, unless `not_a_duplicate` is true.
#[utoipa::path(post, path = "/api/v1/people", tag = "stakeholders", request_body = SavePerson,
    params(("Idempotency-Key" = Option<String>, Header, description = "Answer a retry with the first answer")),
    responses(
        (status = 201, body = Added, headers(("Location" = String))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    save(state, &caller, &headers, RecordKind::Person, None, body).await
}

/// Add an organization. Likely duplicates as for people.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "stakeholders", request_body = SaveOrganization,
    params(("Idempotency-Key" = Option<String>, Header, description = "Answer a retry with the first answer")),
    responses(
        (status = 201, body = Added, headers(("Location" = String))),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_organization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    save(
        state,
        &caller,
        &headers,
        RecordKind::Organization,
        None,
        body,
    )
    .await
}

/// Replace a person's details (every field is written; one left out is emptied). Answers
/// the person as now stored.
#[utoipa::path(post, path = "/api/v1/people/{id}", tag = "stakeholders", request_body = SavePerson,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    save(
        state,
        &caller,
        &headers,
        RecordKind::Person,
        Some(&id),
        body,
    )
    .await
}

/// Replace an organization's details. Answers the organization as now stored.
#[utoipa::path(post, path = "/api/v1/organizations/{id}", tag = "stakeholders", request_body = SaveOrganization,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_organization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    save(
        state,
        &caller,
        &headers,
        RecordKind::Organization,
        Some(&id),
        body,
    )
    .await
}

/// A relationship begun from `from`, once per `Idempotency-Key`: 201 with its id.
async fn relate(
    state: AppState,
    caller: &liaison_app::access_tokens::ApiCaller,
    headers: &HeaderMap,
    kind: RecordKind,
    id: &str,
    body: Bytes,
) -> Response {
    let request = format!("POST {}/{id}/relationships", path(kind));
    let write = step(&state, headers, id, &body, |id, relate: Relate| {
        let (state, user) = (&state, &caller.user);
        async move {
            let from = RecordRef { kind, id };
            let id = state.app.stakeholders().relate(user, from, &relate).await?;
            Ok(json(StatusCode::CREATED, &Added { id }))
        }
    });
    once(&state, caller, headers, (&request, &body), write).await
}

/// Begin a relationship from a person: a position in an organization (`member`,
/// `leader`, `spokesperson`, `staff`), or a tie to another person.
#[utoipa::path(post, path = "/api/v1/people/{id}/relationships", tag = "stakeholders",
    request_body = Relate,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn relate_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    relate(state, &caller, &headers, RecordKind::Person, &id, body).await
}

/// Begin a relationship from an organization: a partnership, funding or conflict with
/// another organization.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/relationships", tag = "stakeholders",
    request_body = Relate,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn relate_organization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    relate(
        state,
        &caller,
        &headers,
        RecordKind::Organization,
        &id,
        body,
    )
    .await
}

/// The answer to a relationship ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ended {
    id: i64,
}

/// End a relationship (today, in the office's time zone, unless `ends_on` says another
/// day). Both its records must be ones the caller sees.
#[utoipa::path(post, path = "/api/v1/relationships/{id}/end", tag = "stakeholders",
    request_body = EndRelationship,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = Ended),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn end_relationship(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/relationships/{id}/end");
    let write = step(&state, &headers, &id, &body, |id, end: EndRelationship| {
        let (state, user) = (&state, &caller.user);
        async move {
            (state.app.stakeholders())
                .end_relationship(user, id, &end)
                .await?;
            Ok(json(StatusCode::OK, &Ended { id }))
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Record a person's consent to be contacted anew (it replaces what was recorded). Answers
/// the person as now stored.
#[utoipa::path(post, path = "/api/v1/people/{id}/consent", tag = "stakeholders",
    request_body = RecordConsent,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_consent(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/people/{id}/consent");
    let write = step(
        &state,
        &headers,
        &id,
        &body,
        |id, consent: RecordConsent| {
            let (state, user, headers) = (&state, &caller.user, &headers);
            async move {
                (state.app.stakeholders())
                    .record_consent(user, id, &consent)
                    .await?;
                Ok(person_now(state, user, headers, id).await)
            }
        },
    );
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// All the register holds of a person, as one JSON document, for their request to see their
/// data (supervisors and administrators; audited).
#[utoipa::path(post, path = "/api/v1/people/{id}/export", tag = "stakeholders",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The person's data", content_type = "application/json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let exported = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        state
            .app
            .stakeholders()
            .export_person(&caller.user, id)
            .await
    }
    .await;
    match exported {
        Ok(document) => json(StatusCode::OK, &document),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Erase a person at their request: what identifies them is removed for good, the record
/// stays without it (supervisors and administrators; audited). `confirm` must be true.
/// Answers the person as now stored.
#[utoipa::path(post, path = "/api/v1/people/{id}/erase", tag = "stakeholders",
    request_body = ErasePerson,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn erase_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/people/{id}/erase");
    let write = step(&state, &headers, &id, &body, |id, erase: ErasePerson| {
        let (state, user, headers) = (&state, &caller.user, &headers);
        async move {
            (state.app.stakeholders())
                .erase_person(user, id, &erase)
                .await?;
            Ok(person_now(state, user, headers, id).await)
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// Merges the duplicate `cmd.duplicate` names into record `id` of `kind`; answers the kept
/// record as now stored.
async fn merge(
    state: AppState,
    caller: &liaison_app::access_tokens::ApiCaller,
    headers: &HeaderMap,
    kind: RecordKind,
    id: &str,
    body: Bytes,
) -> Response {
    let request = format!("POST {}/{id}/merge", path(kind));
    let write = step(&state, headers, id, &body, |id, cmd: MergeDuplicate| {
        let (state, user) = (&state, &caller.user);
        async move {
            let kept = RecordRef { kind, id };
            state.app.stakeholders().merge(user, kept, &cmd).await?;
            Ok(one(state.clone(), user, headers, kind, &id.to_string()).await)
        }
    });
    once(&state, caller, headers, (&request, &body), write).await
}

/// Merge a duplicate into a person: its contacts, areas, tags, notes, relationships,
/// interactions, concern links and timeline join this person, and it goes (its address
/// then answers 404 here; the staff pages lead on to the kept record). Audited.
#[utoipa::path(post, path = "/api/v1/people/{id}/merge", tag = "stakeholders",
    request_body = MergeDuplicate,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn merge_person(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    merge(state, &caller, &headers, RecordKind::Person, &id, body).await
}

/// Merge a duplicate into an organization, as for people.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/merge", tag = "stakeholders",
    request_body = MergeDuplicate,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn merge_organization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    merge(
        state,
        &caller,
        &headers,
        RecordKind::Organization,
        &id,
        body,
    )
    .await
}

/// Link a concern to the person who raised it, by its reference; refused for an anonymous
/// report. Answers the person as now stored.
#[utoipa::path(post, path = "/api/v1/people/{id}/concerns", tag = "stakeholders",
    request_body = LinkConcern,
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, body = StakeholderOut),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn link_concern(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let request = format!("POST /api/v1/people/{id}/concerns");
    let write = step(&state, &headers, &id, &body, |id, cmd: LinkConcern| {
        let (state, user, headers) = (&state, &caller.user, &headers);
        async move {
            state
                .app
                .stakeholders()
                .link_concern(user, id, &cmd)
                .await?;
            Ok(person_now(state, user, headers, id).await)
        }
    });
    once(&state, &caller, &headers, (&request, &body), write).await
}

/// A person as a vCard 4.0 (RFC 6350) for a phone or an address book, with their current
/// position; contact details only for callers whose role shows them.
#[utoipa::path(get, path = "/api/v1/people/{id}/vcard", tag = "stakeholders",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = String, content_type = "text/vcard"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn person_vcard(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    use liaison_app::stakeholders::exports::{card, uid};
    let app = state.app.stakeholders();
    let found = async {
        let record = RecordRef {
            kind: RecordKind::Person,
            id: id.parse::<i64>().map_err(|_| AppError::NotFound)?,
        };
        let s = app.get(&caller.user, record).await?;
        let related = app.relationships(&caller.user, &s).await?;
        Ok::<_, AppError>((s, related))
    }
    .await;
    match found {
        Ok((s, related)) => {
            let mut out = String::new();
            liaison_domain::interchange::vcard::write(&card(&s, &related), &uid(&s), &mut out);
            let mut response = (StatusCode::OK, out).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/vcard; charset=utf-8"),
            );
            response
        }
        Err(e) => problem(&state, &headers, e),
    }
}
