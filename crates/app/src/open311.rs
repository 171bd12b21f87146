//! Open311 GeoReport v2 operations: public categories as services, public concerns as
//! service requests. Submissions go through the same intake as the portal; only the names
//! of the fields differ, and errors come back under the names the client sent.

use chrono_tz::Tz;
use liaison_domain::concerns::{LineKind, Status};
use liaison_domain::records::RecordRef;
use liaison_domain::texts::Localized;
use liaison_domain::values;
use liaison_domain::FieldErrors;
use liaison_domain::Sight;
use liaison_store::concerns::public::{self, PublicFilter, UpdateFilter};
use liaison_store::concerns::{self, by_tracking_hash, NewLine};
use liaison_store::{now, Conn};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_store::concerns::public::{PublicConcern, PublicUpdate};

use crate::attachments::Upload;
use crate::concerns::{ConcernAction, Receipt, ReportConcern, Via};
use crate::door::Caller;
use crate::office::Category;
use crate::{Actor, Answers, App, AppError, AppResult, Flag, Text};

/// Open311 GeoReport v2: public categories as services, public concerns as service
/// requests, and the updates extension. `app.open311()`.
#[derive(Clone, Copy)]
pub struct Open311<'a> {
    pub(crate) app: &'a App,
}

/// At most this many requests in one answer (the standard's default window).
pub const MAX_REQUESTS: i64 = 1000;

/// The window of `GET requests` when no dates are given: the last 90 days.
pub const DEFAULT_WINDOW_SECONDS: i64 = 90 * 24 * 3600;

/// What a `GET requests` asks for, as sent.
#[derive(Debug, Clone, Default)]
pub struct RequestQuery {
    /// `service_request_id`: a comma-separated list that overrides every other filter.
    pub ids: String,
    /// `service_code`: a comma-separated list.
    pub service_codes: String,
    /// `start_date`.
    pub start_date: String,
    /// `end_date`.
    pub end_date: String,
    /// `status`: `open`, `closed`, or both, comma-separated.
    pub status: String,
    /// `page` (1-based).
    pub page: String,
    /// `page_size`.
    pub page_size: String,
}

/// What a `GET servicerequestupdates` asks for, as sent.
#[derive(Debug, Clone, Default)]
pub struct UpdateQuery {
    /// `start_date`.
    pub start_date: String,
    /// `end_date`.
    pub end_date: String,
    /// `page` (1-based).
    pub page: String,
    /// `page_size`.
    pub page_size: String,
}

/// A service request as an Open311 client sends it (`POST requests`), under GeoReport v2's
/// names; it is read onto the portal's [`ReportConcern`] (see [`intake_fields`]), and its
/// errors come back under these names. `api_key` and `jurisdiction_id` are read apart;
/// other parameters of the standard (`device_id`, `account_id`, `media_url`) are ignored.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ServiceRequest {
    /// The service's code (`GET services`): required.
    pub service_code: Text,
    /// Latitude, with `long`. A location is required: `lat` and `long`, `address_string`
    /// or `address_id`.
    pub lat: Text,
    /// Longitude, with `lat`.
    pub long: Text,
    /// The address, as text.
    pub address_string: Text,
    /// An address's identifier, kept as the address when `address_string` is empty.
    pub address_id: Text,
    /// The reporter's email address. Without a name, email or phone the request is
    /// anonymous.
    pub email: Text,
    /// The reporter's first name.
    pub first_name: Text,
    /// The reporter's last name.
    pub last_name: Text,
    /// The reporter's phone number.
    pub phone: Text,
    /// What the request is about; the service's name when empty.
    pub description: Text,
    /// Answers to the service's attributes, as `attribute[CODE]` (or `attribute[CODE][]`
    /// for several values).
    pub attribute: Answers,
}

/// An update a client adds to a public request (`POST servicerequestupdates`, the
/// mySociety extension).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ClientUpdate {
    /// The request's id: its reference, such as `C-2026-00042`.
    pub service_request_id: Text,
    /// What the client says: 1 to 4000 characters.
    pub description: Text,
    /// A status the client names (see [`UPDATE_STATUSES`]), in any case; it never moves
    /// the concern.
    pub status: Text,
    /// When the client made the update, ISO 8601.
    pub updated_datetime: Text,
    /// A link the client adds (`http://` or `https://`), kept with the text.
    pub media_url: Text,
}

/// The statuses a client may name with an update (the mySociety extension's list), in
/// any case. A client's update never moves a concern: the office decides that.
pub const UPDATE_STATUSES: &[&str] = &[
    "open",
    "closed",
    "fixed",
    "in_progress",
    "action_scheduled",
    "investigating",
    "duplicate",
    "no_further_action",
    "internal_referral",
    "cancelled",
    "reopen",
    "for_triage",
];

/// The extended status (mySociety's list) a public timeline line stands for.
pub fn extended_status(u: &PublicUpdate) -> &'static str {
    if u.kind == LineKind::Duplicate {
        return "duplicate";
    }
    if u.kind == LineKind::Transition
        && u.from_status.is_some_and(|s| !s.is_open())
        && u.status.is_open()
    {
        return "reopen";
    }
    match u.status {
        Status::Received => "open",
        Status::Acknowledged | Status::AwaitingReporter => "investigating",
        Status::InProgress => "in_progress",
        Status::Escalated => "internal_referral",
        Status::Appealed => "investigating",
        Status::Resolved => "fixed",
        Status::Closed => "closed",
        Status::Withdrawn => "cancelled",
        Status::Rejected => "no_further_action",
    }
}

/// A date window and a page, read from the standard's parameters.
struct Window {
    start: Option<i64>,
    end: Option<i64>,
    offset: i64,
    limit: i64,
}

impl Window {
    /// Reads `start_date`, `end_date`, `page` and `page_size`. Without dates the window is
    /// the last 90 days; without an end it runs to now, without a start 90 days before the
    /// end. Dates without a zone are read in the office's zone.
    fn read(errors: &mut FieldErrors, tz: Tz, [start, end, page, page_size]: [&str; 4]) -> Window {
        let date = |errors: &mut FieldErrors, field: &str, v: &str| match v.trim() {
            "" => None,
            v => errors.take(field, values::instant(v, tz)),
        };
        let number = |errors: &mut FieldErrors, field: &str, v: &str, max: i64| {
            errors.take(field, values::count(v, max)).flatten()
        };
        let start = date(errors, "start_date", start);
        let end = date(errors, "end_date", end);
        let page = number(errors, "page", page, 1_000_000).unwrap_or(1);
        let limit = number(errors, "page_size", page_size, MAX_REQUESTS).unwrap_or(MAX_REQUESTS);
        let start = match (start, end) {
            (None, None) => Some(now() - DEFAULT_WINDOW_SECONDS),
            (None, Some(e)) => Some(e - DEFAULT_WINDOW_SECONDS),
            (s, _) => s,
        };
        Window {
            start,
            end,
            offset: (page - 1) * limit,
            limit,
        }
    }
}

impl Open311<'_> {
    /// The services: active public categories.
    pub async fn services(&self) -> AppResult<Vec<Category>> {
        self.app.office().categories(true, true).await
    }

    /// One service by its code.
    pub async fn service(&self, code: &str) -> AppResult<Category> {
        self.app
            .config()
            .await?
            .categories
            .iter()
            .find(|k| k.fields.active && k.fields.public && k.fields.code == code)
            .cloned()
            .ok_or(AppError::NotFound)
    }

    /// The services in `language`: each text in its version there, or in the office's.
    pub async fn services_in(&self, language: &str) -> AppResult<Vec<Localized<Category>>> {
        self.app.office().categories_in(true, true, language).await
    }

    /// One service by its code, in `language`.
    pub async fn service_in(&self, code: &str, language: &str) -> AppResult<Localized<Category>> {
        let k = self.service(code).await?;
        self.app.office().category_in(k.id, language).await
    }

    /// Takes in a service request from an Open311 client, validated as the portal
    /// validates, with its `media` photo if one came. Field errors name the Open311
    /// parameters.
    pub async fn submit(
        &self,
        client: &Actor,
        request: &ServiceRequest,
        media: &[Upload],
    ) -> AppResult<Receipt> {
        let door = self.app.door(Caller::Client(client))?;
        let mut errors = FieldErrors::new();
        let code = request.service_code.trim();
        let category = if code.is_empty() {
            errors.add("service_code", "error-required");
            None
        } else {
            Some(self.service(code).await?)
        };
        let report = intake_fields(request, category.as_ref(), &mut errors);
        let concerns = self.app.concerns();
        let intake = match concerns
            .intake_with(&report.sent(), media, Via::Open311, "en")
            .await
        {
            Ok(intake) if errors.is_empty() => Some(intake),
            Ok(_) => None,
            Err(AppError::Invalid(e)) => {
                errors.0.extend(e.0.into_iter().map(|mut f| {
                    f.field = open311_name(&f.field, category.as_ref());
                    // A `datetime` attribute takes a date and time as well as the portal's
                    // date alone: the message says so.
                    if f.code == "error-date" {
                        f.code = "error-datetime";
                    }
                    f
                }));
                None
            }
            Err(e) => return Err(e),
        };
        errors.into_result()?;
        let intake = intake.ok_or(AppError::Internal("validated request"))?;
        concerns.take_in(&door, intake, None).await
    }

    /// Public concerns for `GET requests`.
    pub async fn requests(&self, q: &RequestQuery) -> AppResult<Vec<PublicConcern>> {
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let Some(filter) = request_filter(q, tz)? else {
            return Ok(Vec::new());
        };
        let mut c = self.app.store.read().await?;
        Ok(public::list(&mut c, &filter).await?)
    }

    /// The public timeline lines written in a window (`GET servicerequestupdates`), oldest
    /// first.
    pub async fn updates(&self, q: &UpdateQuery) -> AppResult<Vec<PublicUpdate>> {
        let filter = update_filter(q, self.app.office().settings().await?.calendar.time_zone)?;
        let mut c = self.app.store.read().await?;
        Ok(public::updates(&mut c, &filter).await?)
    }

    /// The public timelines of these concerns, for the extended output of `GET requests`.
    pub async fn notes(&self, requests: &[PublicConcern]) -> AppResult<Vec<PublicUpdate>> {
        if requests.is_empty() {
            return Ok(Vec::new());
        }
        let filter = UpdateFilter {
            concern_ids: requests.iter().map(|r| r.id).collect(),
            limit: i64::MAX,
            ..UpdateFilter::default()
        };
        let mut c = self.app.store.read().await?;
        Ok(public::updates(&mut c, &filter).await?)
    }

    /// Adds a client's update to a public concern (`POST servicerequestupdates`): a public
    /// line on its timeline in the client's name. Answers the line's id.
    pub async fn post_update(&self, client: &Actor, update: &ClientUpdate) -> AppResult<i64> {
        let door = self.app.door(Caller::Client(client))?;
        let mut errors = FieldErrors::new();
        let id = update.service_request_id.trim();
        if id.is_empty() {
            errors.add("service_request_id", "error-required");
        }
        let mut body = errors
            .take("description", values::text(&update.description, 1, 4000))
            .unwrap_or_default();
        let status = update.status.trim().to_ascii_lowercase();
        if !status.is_empty() && !UPDATE_STATUSES.contains(&status.as_str()) {
            errors.add("status", "error-choice");
        }
        let tz = self.app.office().settings().await?.calendar.time_zone;
        if !update.updated_datetime.trim().is_empty() {
            errors.take(
                "updated_datetime",
                values::instant(&update.updated_datetime, tz),
            );
        }
        let media = update.media_url.trim();
        if !media.is_empty() {
            if !(media.starts_with("https://") || media.starts_with("http://"))
                || media.chars().count() > 2000
                || media.chars().any(char::is_whitespace)
            {
                errors.add("media_url", "error-url");
            } else if !body.is_empty() {
                // Kept as part of what the client said, so staff can follow the link.
                body = format!("{body}\n\n{media}");
            }
        }
        errors.into_result()?;
        let reference = values::parse_reference(id).ok_or(AppError::NotFound)?;
        door.change(async |tx| {
            let (at, who, backend) = (tx.at, tx.actor(), tx.backend());
            let public = one(tx, reference).await?;
            let mut x = concerns::get(tx, public.id, Sight::Everything)
                .await?
                .ok_or(AppError::NotFound)?;
            x.updated_at = at;
            concerns::update(tx, &x).await?;
            let line = NewLine::new(
                RecordRef::concern(x.id),
                at,
                who,
                LineKind::Update,
                &body,
                true,
            );
            let line = liaison_store::timeline::add_one(tx, &line).await?;
            concerns::reindex(tx, backend, x.id).await?;
            tx.record(
                ConcernAction::ClientUpdate,
                x.id,
                json!({"length": body.chars().count(), "status": status}),
            );
            Ok(line)
        })
        .await
    }

    /// One public concern by its reference.
    pub async fn request(&self, id: &str) -> AppResult<PublicConcern> {
        let reference = values::parse_reference(id).ok_or(AppError::NotFound)?;
        let mut c = self.app.store.read().await?;
        one(&mut c, reference).await
    }

    /// The public concern a submission token (the resident's tracking code) stands for.
    pub async fn request_by_token(&self, token: &str) -> AppResult<PublicConcern> {
        let code = values::normalize_tracking_code(token).ok_or(AppError::NotFound)?;
        let mut c = self.app.store.read().await?;
        let found = by_tracking_hash(&mut c, &crate::concerns::tracking_key(&code))
            .await?
            .ok_or(AppError::NotFound)?;
        one(&mut c, found.reference).await
    }
}

async fn one(c: &mut Conn, reference: String) -> AppResult<PublicConcern> {
    let filter = PublicFilter {
        references: vec![reference],
        limit: 1,
        ..PublicFilter::default()
    };
    public::list(c, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}

/// The filter of a `GET requests`, read from the standard's parameters (dates without a
/// zone in `tz`, the office's): `None` when ids were asked for and none is a reference, so
/// nothing can match.
pub fn request_filter(q: &RequestQuery, tz: Tz) -> Result<Option<PublicFilter>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    };
    let window = Window::read(
        &mut errors,
        tz,
        [&q.start_date, &q.end_date, &q.page, &q.page_size],
    );
    let statuses = list(&q.status);
    let open = match (
        statuses.iter().any(|s| s == "open"),
        statuses.iter().any(|s| s == "closed"),
    ) {
        _ if statuses.iter().any(|s| s != "open" && s != "closed") => {
            errors.add("status", "error-choice");
            None
        }
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    errors.into_result()?;
    let references: Vec<String> = list(&q.ids)
        .iter()
        .filter_map(|r| values::parse_reference(r))
        .collect();
    if !q.ids.trim().is_empty() && references.is_empty() {
        return Ok(None);
    }
    Ok(Some(PublicFilter {
        references,
        category_codes: list(&q.service_codes),
        start: window.start,
        end: window.end,
        open,
        offset: window.offset,
        limit: window.limit,
    }))
}

/// The filter of a `GET servicerequestupdates`, read from the standard's parameters.
pub fn update_filter(q: &UpdateQuery, tz: Tz) -> Result<UpdateFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let window = Window::read(
        &mut errors,
        tz,
        [&q.start_date, &q.end_date, &q.page, &q.page_size],
    );
    errors.into_result()?;
    Ok(UpdateFilter {
        concern_ids: Vec::new(),
        start: window.start,
        end: window.end,
        offset: window.offset,
        limit: window.limit,
    })
}

/// The portal's report that an Open311 `POST requests` stands for: the place (`lat`/`long`,
/// `address_string` or `address_id`), the reporter (anonymous when no name, email or phone
/// is given), the description (the service's name when empty) and the answers to the
/// service's questions. Errors only the portal could not name go to `errors`; the intake
/// checks the rest.
pub fn intake_fields(
    request: &ServiceRequest,
    category: Option<&Category>,
    errors: &mut FieldErrors,
) -> ReportConcern {
    let (lat, lng) = (request.lat.trim(), request.long.trim());
    let address = request.address_string.trim();
    let address_id = request.address_id.trim();
    if lat.is_empty() && lng.is_empty() && address.is_empty() && address_id.is_empty() {
        errors.add("lat", "error-location");
    } else if lat.is_empty() != lng.is_empty() {
        errors.add(
            if lat.is_empty() { "lat" } else { "long" },
            "error-coordinates",
        );
    }
    let address = match (address, address_id) {
        ("", "") => String::new(),
        ("", id) => id.to_string(),
        (a, _) => a.to_string(),
    };
    let first = request.first_name.trim();
    let last = request.last_name.trim();
    let email = request.email.trim();
    let phone = request.phone.trim();
    let name = match format!("{first} {last}").trim() {
        "" if !email.is_empty() => email.to_string(),
        "" => phone.to_string(),
        n => n.to_string(),
    };
    let anonymous = name.is_empty();
    let description = match request.description.trim() {
        // The standard makes the description optional; the service says what it is.
        "" => category.map_or(String::new(), |k| k.fields.name.clone()),
        d => d.to_string(),
    };
    let mut report = ReportConcern {
        category: category.map_or(String::new(), |k| k.id.to_string()).into(),
        description: description.into(),
        address: address.into(),
        lat: lat.into(),
        lng: lng.into(),
        anonymous: Flag(anonymous),
        ..ReportConcern::default()
    };
    if !anonymous {
        report.reporter_name = name.into();
        report.reporter_email = email.into();
        report.reporter_phone = phone.into();
    }
    if let Some(k) = category {
        for q in &k.questions {
            for value in request.attribute.0.get(&q.code).into_iter().flatten() {
                report.answers.add(&q.code, value.clone());
            }
        }
    }
    report
}

/// The Open311 parameter behind an intake field.
fn open311_name(field: &str, category: Option<&Category>) -> String {
    let name = match field {
        "category" => "service_code",
        "address" => "address_string",
        "lng" => "long",
        "reporter_name" => "first_name",
        "reporter_email" => "email",
        "reporter_phone" => "phone",
        other => {
            let question = category.and_then(|k| k.questions.iter().find(|q| q.field() == other));
            return match question {
                Some(q) => format!("attribute[{}]", q.code),
                None => other.to_string(),
            };
        }
    };
    name.to_string()
}
