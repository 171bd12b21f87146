//! Engagements over the API: public meetings, forums and workshops listed (upcoming or past)
//! with a cursor, one read whole (its plan, places, agenda and minutes, commitments made and
//! concerns raised there, who came), planned and changed, published or called off; its
//! minutes and agenda items, registrations and the waitlist, the door (check-in and
//! walk-ins), commitments made there and concerns raised there. Each handler calls the
//! operation the staff pages call, with the same command.
//!
//! Times of an engagement are RFC 3339 in the engagement's own zone (`time_zone`).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use chrono_tz::Tz;
use liaison_app::accounts::User;
use liaison_app::commitments::SaveCommitment;
use liaison_app::engagements::{
    reference, CheckIn, Engagement, EngagementView, Invite, Item, RaisedConcern, Register,
    Registration, SaveEngagement, SaveItem, SaveMinutes, Step, Unregister, View,
};
use liaison_app::surveys::Survey;
use liaison_app::{AppError, Input};
use liaison_domain::values::day_text;
use liaison_domain::FieldErrors;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::concerns::{command, time};
use super::{bad_query, body_object, json, once, problem, Added, Caller, Problem};
use crate::routing::{get, post, Routes};
use crate::AppState;

/// Engagements over the API: their routes…
pub fn routes() -> Routes {
    Routes::new()
        .route("/api/v1/engagements", get(list).post(plan))
        .route("/api/v1/engagements/{id}", get(one).post(change))
        .route("/api/v1/engagements/{id}/step", post(publish_or_cancel))
        .route("/api/v1/engagements/{id}/minutes", post(minutes))
        .route("/api/v1/engagements/{id}/items", post(item))
        .route(
            "/api/v1/engagements/{id}/registrations",
            get(registrations).post(register),
        )
        .route("/api/v1/engagements/{id}/unregister", post(unregister))
        .route("/api/v1/engagements/{id}/attendance", post(check_in))
        .route("/api/v1/engagements/{id}/commitments", post(commit))
        .route("/api/v1/engagements/{id}/concerns", post(raised))
        .route("/api/v1/engagements/{id}/invitations", post(invite))
}

/// … and their description.
#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        plan,
        one,
        change,
        publish_or_cancel,
        minutes,
        item,
        registrations,
        register,
        unregister,
        check_in,
        commit,
        raised,
        invite
    ),
    components(schemas(
        SaveEngagement,
        Invite,
        Invited,
        InvitationSkipped,
        Step,
        SaveMinutes,
        SaveItem,
        Register,
        Unregister,
        CheckIn,
        SaveCommitment,
        RaisedConcern
    )),
    tags((name = "engagements", description = "Engagements: public meetings, forums, town halls, workshops and clinics, from the plan to the door and the minutes"))
)]
pub struct Doc;

/// An engagement as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementSummary {
    id: i64,
    /// Its human reference, such as `E-00042`.
    reference: String,
    /// `community_meeting`, `forum`, `town_hall`, `workshop`, `seminar`, `public_hearing`,
    /// `outreach_stall`, `festival` or `clinic`.
    kind: String,
    title: String,
    /// RFC 3339, in the engagement's zone.
    starts_at: String,
    ends_at: String,
    /// The IANA zone it is held in.
    time_zone: String,
    address: String,
    room: String,
    online_link: String,
    /// Places offered; absent: as many as come.
    capacity: Option<i64>,
    organizer_id: i64,
    organizer: String,
    /// `public`, `restricted` or `confidential`.
    confidentiality: String,
    /// `planned`, `published` or `cancelled`.
    status: String,
    /// Why it was called off.
    cancel_reason: String,
    registered: i64,
    waitlisted: i64,
    attended: i64,
    /// Places left; absent when it takes as many as come.
    places_left: Option<i64>,
}

/// A page of engagements.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementPage {
    items: Vec<EngagementSummary>,
    /// Give it as `cursor` for the next page; absent on the last.
    next: Option<String>,
}

/// Which engagements, and where the page starts.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct EngagementQuery {
    /// `upcoming` (default: not yet ended, soonest first) or `past` (ended, latest first).
    view: Option<String>,
    /// The `next` cursor of the previous page.
    cursor: Option<String>,
}

/// An engagement, whole. Its times are RFC 3339 in its own zone.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementOut {
    id: i64,
    /// Its human reference, such as `E-00042`.
    reference: String,
    kind: String,
    title: String,
    purpose: String,
    starts_at: String,
    ends_at: String,
    /// The IANA zone it is held in.
    time_zone: String,
    address: String,
    room: String,
    /// The venue on a map (WGS 84).
    lat: Option<f64>,
    lng: Option<f64>,
    /// Places offered; absent: as many as come.
    capacity: Option<i64>,
    step_free: bool,
    hearing_loop: bool,
    parking: bool,
    transit: String,
    online_link: String,
    /// BCP 47 tags, the main language first.
    languages: Vec<String>,
    /// Languages interpreted, sign languages included (BCP 47 tags).
    interpretation: Vec<String>,
    organizer_id: i64,
    organizer: String,
    /// The other officers attending: their ids, and their names in name order.
    officer_ids: Vec<i64>,
    officers: Vec<String>,
    /// The areas it concerns: their ids, and their names in name order.
    area_ids: Vec<i64>,
    areas: Vec<String>,
    partners: String,
    topics: Vec<String>,
    /// `public`, `restricted` or `confidential`.
    confidentiality: String,
    /// `planned`, `published` or `cancelled`.
    status: String,
    cancel_reason: String,
    registered: i64,
    waitlisted: i64,
    attended: i64,
    /// Places left; absent when it takes as many as come.
    places_left: Option<i64>,
    minutes: String,
    /// The agenda, in order, with what was said and decided on each item.
    items: Vec<ItemOut>,
    /// Commitments made there (those the caller may see).
    commitments: Vec<MadeThere>,
    /// Concerns raised there (those the caller may see).
    concerns: Vec<RaisedThere>,
    /// Who came, by area (`area` absent: not said), and how many for the first time.
    attendance: Vec<AttendanceOut>,
    /// Feedback surveys asked about it, newest first (at `/api/v1/surveys/{id}`).
    surveys: Vec<SurveyThere>,
    /// Its timeline, oldest first.
    events: Vec<EngagementEventOut>,
    created_at: String,
    updated_at: String,
    published_at: Option<String>,
}

/// An agenda item.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemOut {
    id: i64,
    position: i64,
    title: String,
    minutes: String,
    decision: String,
}

/// A commitment made at an engagement.
#[derive(Debug, Serialize, ToSchema)]
pub struct MadeThere {
    id: i64,
    /// Such as `CM-00042`.
    reference: String,
    title: String,
    /// `open`, `in_progress`, `kept` or `dropped`.
    status: String,
    /// YYYY-MM-DD.
    due_on: String,
}

/// A concern raised at an engagement.
#[derive(Debug, Serialize, ToSchema)]
pub struct RaisedThere {
    id: i64,
    /// Such as `C-2026-00042`.
    reference: String,
    category: String,
    status: String,
}

/// A feedback survey asked about an engagement.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyThere {
    id: i64,
    title: String,
    /// `draft`, `open` or `closed`.
    status: String,
    /// Answers received.
    responses: i64,
}

/// Who came from one area.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceOut {
    /// The area's name; absent: not said.
    area: Option<String>,
    attended: i64,
    first_time: i64,
}

/// A line of an engagement's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementEventOut {
    at: String,
    /// `planned`, `changed`, `published`, `cancelled` or `minutes`.
    kind: String,
    by: Option<String>,
    from: Option<String>,
    to: Option<String>,
    body: String,
}

/// A registration, a place on the waitlist, or a walk-in.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationOut {
    id: i64,
    name: String,
    email: String,
    phone: String,
    language: String,
    /// Access needs.
    needs: String,
    area_id: Option<i64>,
    area: Option<String>,
    /// `registered`, `waitlisted` or `cancelled`.
    place: String,
    walk_in: bool,
    first_time: bool,
    /// RFC 3339, in the engagement's zone.
    registered_at: String,
    /// When they were checked in at the door.
    attended_at: Option<String>,
    cancelled_at: Option<String>,
}

/// An engagement's registrations, waitlist and walk-ins, in the order they came.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationList {
    items: Vec<RegistrationOut>,
}

/// Who is registered, and how.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query string; the handler reads it as sent
pub struct RegistrationQuery {
    /// Words of a name, an email or a phone number.
    q: Option<String>,
}

/// A registration made.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationAdded {
    /// The registration's id (to check them in, or give up the place).
    id: i64,
    /// `registered` (a place) or `waitlisted`.
    place: String,
    /// The portal page that gives the place up: give it to the person registered (it is
    /// shown once; only its hash is kept).
    cancel_path: Option<String>,
}

fn summary(e: Engagement) -> EngagementSummary {
    let tz = e.terms.time_zone;
    EngagementSummary {
        reference: reference(e.id),
        id: e.id,
        kind: e.terms.kind.as_str().into(),
        title: e.terms.title.clone(),
        starts_at: time(e.terms.starts_at, tz),
        ends_at: time(e.terms.ends_at, tz),
        time_zone: tz.name().into(),
        address: e.terms.venue.address.clone(),
        room: e.terms.venue.room.clone(),
        online_link: e.terms.venue.online_link.clone(),
        capacity: e.terms.venue.capacity,
        organizer_id: e.terms.organizer,
        organizer: e.organizer_name.clone(),
        confidentiality: e.terms.confidentiality.as_str().into(),
        status: e.status.as_str().into(),
        places_left: e.places_left(),
        cancel_reason: e.cancel_reason,
        registered: e.registered,
        waitlisted: e.waitlisted,
        attended: e.attended,
    }
}

fn item_out(i: Item) -> ItemOut {
    ItemOut {
        id: i.id,
        position: i.position,
        title: i.title,
        minutes: i.minutes,
        decision: i.decision,
    }
}

fn engagement_out(v: EngagementView, surveys: Vec<Survey>) -> EngagementOut {
    let e = v.engagement;
    let tz: Tz = e.terms.time_zone;
    let places_left = e.places_left();
    let t = e.terms;
    EngagementOut {
        reference: reference(e.id),
        id: e.id,
        kind: t.kind.as_str().into(),
        title: t.title,
        purpose: t.purpose,
        starts_at: time(t.starts_at, tz),
        ends_at: time(t.ends_at, tz),
        time_zone: tz.name().into(),
        address: t.venue.address,
        room: t.venue.room,
        lat: t.venue.point.map(|p| p.lat),
        lng: t.venue.point.map(|p| p.lng),
        capacity: t.venue.capacity,
        step_free: t.venue.step_free,
        hearing_loop: t.venue.hearing_loop,
        parking: t.venue.parking,
        transit: t.venue.transit,
        online_link: t.venue.online_link,
        languages: t.languages,
        interpretation: t.interpretation,
        organizer_id: t.organizer,
        organizer: e.organizer_name,
        officer_ids: t.officers,
        officers: v.officer_names,
        area_ids: t.areas,
        areas: v.area_names,
        partners: t.partners,
        topics: t.topics,
        confidentiality: t.confidentiality.as_str().into(),
        status: e.status.as_str().into(),
        cancel_reason: e.cancel_reason,
        registered: e.registered,
        waitlisted: e.waitlisted,
        attended: e.attended,
        places_left,
        minutes: e.minutes,
        items: v.items.into_iter().map(item_out).collect(),
        commitments: (v.commitments.into_iter())
            .map(|k| MadeThere {
                reference: liaison_app::commitments::reference(k.id),
                id: k.id,
                title: k.terms.title,
                status: k.status.as_str().into(),
                due_on: day_text(k.terms.due_on),
            })
            .collect(),
        concerns: (v.concerns.into_iter())
            .map(|(id, reference, category, status)| RaisedThere {
                id,
                reference,
                category,
                status,
            })
            .collect(),
        attendance: (v.attendance.into_iter())
            .map(|(area, attended, first_time)| AttendanceOut {
                area,
                attended,
                first_time,
            })
            .collect(),
        surveys: (surveys.into_iter())
            .map(|s| SurveyThere {
                id: s.id,
                title: s.title,
                status: s.status.as_str().into(),
                responses: s.responses,
            })
            .collect(),
        events: (v.timeline.into_iter())
            .map(|l| EngagementEventOut {
                at: time(l.at, tz),
                kind: l.kind.as_str().into(),
                by: l.actor_name,
                from: l.changed_from.map(|s| s.as_str().into()),
                to: l.changed_to.map(|s| s.as_str().into()),
                body: l.body,
            })
            .collect(),
        created_at: time(e.created_at, tz),
        updated_at: time(e.updated_at, tz),
        published_at: e.published_at.map(|at| time(at, tz)),
    }
}

fn registration_out(r: Registration, tz: Tz) -> RegistrationOut {
    RegistrationOut {
        id: r.id,
        name: r.name,
        email: r.email,
        phone: r.phone,
        language: r.language,
        needs: r.needs,
        area_id: r.area_id,
        area: r.area_name,
        place: r.place.as_str().into(),
        walk_in: r.walk_in,
        first_time: r.first_time,
        registered_at: time(r.registered_at, tz),
        attended_at: r.attended_at.map(|at| time(at, tz)),
        cancelled_at: r.cancelled_at.map(|at| time(at, tz)),
    }
}

async fn read_one(state: &AppState, user: &User, id: i64) -> Result<EngagementOut, AppError> {
    let view = state.app.engagements().get(user, id).await?;
    let surveys = state.app.surveys().list(user, false, Some(id)).await?;
    Ok(engagement_out(view, surveys))
}

/// The engagement `id` names, as it now stands: 200.
async fn as_it_stands(state: &AppState, user: &User, id: i64) -> Result<Response, AppError> {
    Ok(json(StatusCode::OK, &read_one(state, user, id).await?))
}

/// `Added` with 201, and where the record is.
fn added(id: i64, location: Option<String>) -> Response {
    let mut response = json(StatusCode::CREATED, &Added { id });
    if let Some(l) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, l);
    }
    response
}

/// Engagements the caller may see: `upcoming` (not yet ended, soonest first) or `past`
/// (ended, latest first), 100 a page.
#[utoipa::path(get, path = "/api/v1/engagements", tag = "engagements", params(EngagementQuery),
    responses(
        (status = 200, body = EngagementPage),
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
    let view = match sent.get("view") {
        "" | "upcoming" => View::Upcoming,
        "past" => View::Past,
        _ => {
            errors.add("view", "error-choice");
            View::Upcoming
        }
    };
    let cursor = sent.get("cursor");
    let after = cursor
        .split_once('~')
        .and_then(|(at, id)| Some((at.parse::<i64>().ok()?, id.parse::<i64>().ok()?)));
    if !cursor.is_empty() && after.is_none() {
        errors.add("cursor", "error-cursor");
    }
    if !errors.is_empty() {
        return bad_query(&state, &headers, errors);
    }
    match (state.app.engagements())
        .list(&caller.user, view, after, 100)
        .await
    {
        Ok((items, next)) => json(
            StatusCode::OK,
            &EngagementPage {
                items: items.into_iter().map(summary).collect(),
                next: next.map(|(at, id)| format!("{at}~{id}")),
            },
        ),
        Err(e) => problem(&state, &headers, e),
    }
}

/// Plan an engagement: 201 with its id. It is `planned` (staff only) until published.
#[utoipa::path(post, path = "/api/v1/engagements", tag = "engagements",
    request_body = SaveEngagement,
    params(("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 201, body = Added),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn plan(
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
        let planned = match command::<SaveEngagement>(&fields) {
            Ok(cmd) => state.app.engagements().plan(&caller.user, &cmd).await,
            Err(e) => Err(e),
        };
        match planned {
            Ok(id) => added(id, Some(format!("/api/v1/engagements/{id}"))),
            Err(e) => problem(&state, &headers, e),
        }
    };
    once(
        &state,
        &caller,
        &headers,
        ("POST /api/v1/engagements", &body),
        write,
    )
    .await
}

/// One engagement, whole.
#[utoipa::path(get, path = "/api/v1/engagements/{id}", tag = "engagements",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = EngagementOut),
        (status = 401, body = Problem, content_type = "application/problem+json"),
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
        read_one(&state, &caller.user, id).await
    };
    match found.await {
        Ok(e) => json(StatusCode::OK, &e),
        Err(e) => problem(&state, &headers, e),
    }
}

/// An engagement's registrations, waitlist and walk-ins (at most 500), in the order they
/// came; `q` finds them by name, email or phone. For those who hold engagements.
#[utoipa::path(get, path = "/api/v1/engagements/{id}/registrations", tag = "engagements",
    params(("id" = i64, Path), RegistrationQuery),
    responses(
        (status = 200, body = RegistrationList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn registrations(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let sent = Input::from_urlencoded(q.as_deref().unwrap_or_default().as_bytes());
    let found = async {
        let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
        (state.app.engagements())
            .registrations(&caller.user, id, sent.get("q"))
            .await
    };
    match found.await {
        Ok((e, found)) => {
            let tz = e.terms.time_zone;
            let items = found.into_iter().map(|r| registration_out(r, tz)).collect();
            json(StatusCode::OK, &RegistrationList { items })
        }
        Err(e) => problem(&state, &headers, e),
    }
}

macro_rules! operation {
    ($($t:tt)*) => {
        record_operation!("/api/v1/engagements", "engagements", $($t)*);
    };
}

operation!(
    /// Change an engagement's plan (the whole plan, as when planning it): answers the
    /// engagement. Capacity may not fall below the places given; more places move the
    /// waitlist up. Give `organizer` to keep it, or it becomes the caller's.
    change, "", SaveEngagement, [(200, EngagementOut)],
    |state, user, n, c| {
        state.app.engagements().change(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Publish it on the portal (`published`: public ones only; one already held may be
    /// published for its minutes and commitments) or call it off (`cancelled`, with the
    /// `reason`): answers the engagement.
    publish_or_cancel, "/step", Step, [(200, EngagementOut)],
    |state, user, n, c| {
        state.app.engagements().step(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Record the minutes as a whole: answers the engagement.
    minutes, "/minutes", SaveMinutes, [(200, EngagementOut)],
    |state, user, n, c| {
        state.app.engagements().minutes(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Add an agenda item (201 with its id), or, naming one in `item`, record what was said
    /// and decided on it (200 with its id).
    item, "/items", SaveItem, [(201, Added), (200, Added)],
    |state, user, n, c| {
        let new = c.item.trim().is_empty();
        let id = state.app.engagements().item(user, n, &c).await?;
        let status = if new { StatusCode::CREATED } else { StatusCode::OK };
        Ok(json(status, &Added { id }))
    }
);
operation!(
    /// Register someone on their behalf (by phone, at the office): a place while any is
    /// left, else the waitlist. 201 with the registration, its place and the portal path
    /// that gives the place up.
    register, "/registrations", Register, [(201, RegistrationAdded)],
    |state, user, n, c| {
        let r = state.app.engagements().register(user, n, &c).await?;
        let answer = RegistrationAdded {
            id: r.registration,
            place: r.place.as_str().into(),
            cancel_path: r.secret.map(|s| format!("/registrations/{s}")),
        };
        Ok(json(StatusCode::CREATED, &answer))
    }
);
operation!(
    /// Give up a place on someone's behalf (the `registration` id); the first waiting
    /// moves up into a place freed. Answers the engagement.
    unregister, "/unregister", Unregister, [(200, EngagementOut)],
    |state, user, n, c| {
        state.app.engagements().unregister(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Check someone in at the door: a `registration` (200 with its id; once: a second
    /// time is `error-already-checked-in`), or a walk-in by `name` (201 with the id of the
    /// registration made for them).
    check_in, "/attendance", CheckIn, [(200, Added), (201, Added)],
    |state, user, n, c| {
        let walk_in = c.registration.trim().is_empty();
        let id = state.app.engagements().check_in(user, n, &c).await?;
        let status = if walk_in { StatusCode::CREATED } else { StatusCode::OK };
        Ok(json(status, &Added { id }))
    }
);
operation!(
    /// Record a commitment made at the engagement in the commitments register: 201 with
    /// its id, at `/api/v1/commitments/{id}`.
    commit, "/commitments", SaveCommitment, [(201, Added)],
    |state, user, n, c| {
        let id = state.app.engagements().commit(user, n, &c).await?;
        Ok(added(id, Some(format!("/api/v1/commitments/{id}"))))
    }
);
operation!(
    /// Link a concern raised at the engagement (by its reference): answers the engagement.
    raised, "/concerns", RaisedConcern, [(200, EngagementOut)],
    |state, user, n, c| {
        state.app.engagements().link_concern(user, n, &c).await?;
        as_it_stands(state, user, n).await
    }
);
operation!(
    /// Invite people of the register to a published engagement by email, each in their
    /// language: only those who agreed to be invited by email are written to; the others
    /// are answered with the reason, and those invited before are not written to again.
    invite, "/invitations", Invite, [(200, Invited)],
    |state, user, n, c| {
        let summary = state.app.engagements().invite(user, n, &c).await?;
        let answer = Invited {
            sent: summary.sent,
            already: summary.already,
            skipped: summary
                .skipped
                .into_iter()
                .map(|(name, why)| InvitationSkipped { name, why: why.into() })
                .collect(),
        };
        Ok(json(StatusCode::OK, &answer))
    }
);

/// What a round of invitations did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invited {
    /// Letters written.
    sent: usize,
    /// Those invited before, not written to again.
    already: usize,
    /// Those not written to, and why.
    skipped: Vec<InvitationSkipped>,
}

/// Someone not invited, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationSkipped {
    name: String,
    /// `do_not_contact`, `no_consent`, `no_email` or `erased`.
    why: String,
}
