//! Open311 GeoReport v2 operations: public categories as services, public concerns as
//! service requests. Submissions go through the same intake as the portal; only the names
//! of the fields differ, and errors come back under the names the client sent.

use liaison_domain::values;
use liaison_domain::FieldErrors;
use liaison_store::categories::Category;
use liaison_store::concerns::by_tracking_hash;
use liaison_store::concerns::public::{self, PublicConcern, PublicFilter};
use liaison_store::Conn;

use crate::concerns::{Door, Receipt};
use crate::secrets::digest;
use crate::{Actor, App, AppError, AppResult, Input};

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

impl App {
    /// The services: active public categories.
    pub async fn services(&self) -> AppResult<Vec<Category>> {
        self.categories(true, true).await
    }

    /// One service by its code.
    pub async fn service(&self, code: &str) -> AppResult<Category> {
        self.services()
            .await?
            .into_iter()
            .find(|k| k.fields.code == code)
            .ok_or(AppError::NotFound)
    }

    /// Takes in a service request from an Open311 client, validated as the portal
    /// validates. Field errors name the Open311 parameters.
    pub async fn submit_service_request(
        &self,
        client: &Actor,
        input: &Input,
    ) -> AppResult<Receipt> {
        let mut errors = FieldErrors::new();
        let code = input.get("service_code").trim();
        let category = if code.is_empty() {
            errors.add("service_code", "error-required");
            None
        } else {
            Some(self.service(code).await?)
        };
        let (lat, lng) = (input.get("lat").trim(), input.get("long").trim());
        let address = input.get("address_string").trim();
        let address_id = input.get("address_id").trim();
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
        let first = input.get("first_name").trim();
        let last = input.get("last_name").trim();
        let email = input.get("email").trim();
        let phone = input.get("phone").trim();
        let name = match format!("{first} {last}").trim() {
            "" if !email.is_empty() => email.to_string(),
            "" => phone.to_string(),
            n => n.to_string(),
        };
        let anonymous = name.is_empty();
        let description = match input.get("description").trim() {
            // The standard makes the description optional; the service says what it is.
            "" => category
                .as_ref()
                .map_or(String::new(), |k| k.fields.name.clone()),
            d => d.to_string(),
        };
        let mut fields: Vec<(String, String)> = vec![
            (
                "category".into(),
                category
                    .as_ref()
                    .map_or(String::new(), |k| k.id.to_string()),
            ),
            ("description".into(), description),
            ("address".into(), address),
            ("lat".into(), lat.into()),
            ("lng".into(), lng.into()),
        ];
        if anonymous {
            fields.push(("anonymous".into(), "1".into()));
        } else {
            fields.push(("reporter_name".into(), name));
            fields.push(("reporter_email".into(), email.into()));
            fields.push(("reporter_phone".into(), phone.into()));
        }
        if let Some(k) = &category {
            for q in &k.questions {
                let one = format!("attribute[{}]", q.code);
                let many = format!("attribute[{}][]", q.code);
                for (key, value) in &input.0 {
                    if *key == one || *key == many {
                        fields.push((q.field(), value.clone()));
                    }
                }
            }
        }
        let intake = match self.intake(&Input(fields), Door::Open311, "en").await {
            Ok(intake) if errors.is_empty() => Some(intake),
            Ok(_) => None,
            Err(AppError::Invalid(e)) => {
                errors.0.extend(e.0.into_iter().map(|mut f| {
                    f.field = open311_name(&f.field, category.as_ref());
                    f
                }));
                None
            }
            Err(e) => return Err(e),
        };
        errors.into_result()?;
        let intake = intake.ok_or(AppError::Internal("validated request"))?;
        self.take_in(client, None, intake).await
    }

    /// Public concerns for `GET requests`.
    pub async fn service_requests(&self, q: &RequestQuery) -> AppResult<Vec<PublicConcern>> {
        let office = self.office().await?;
        let tz = office.calendar.time_zone;
        let mut errors = FieldErrors::new();
        let list = |s: &str| -> Vec<String> {
            s.split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect()
        };
        let date = |errors: &mut FieldErrors, field: &str, v: &str| match v.trim() {
            "" => None,
            v => errors.take(field, values::instant(v, tz)),
        };
        let start = date(&mut errors, "start_date", &q.start_date);
        let end = date(&mut errors, "end_date", &q.end_date);
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
        let number = |errors: &mut FieldErrors, field: &str, v: &str, max: i64| match v.trim() {
            "" => None,
            v => errors.take(
                field,
                v.parse::<i64>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or("error-number"),
            ),
        };
        let page = number(&mut errors, "page", &q.page, 1_000_000).unwrap_or(1);
        let page_size =
            number(&mut errors, "page_size", &q.page_size, MAX_REQUESTS).unwrap_or(MAX_REQUESTS);
        errors.into_result()?;
        let references: Vec<String> = list(&q.ids)
            .iter()
            .filter_map(|r| values::parse_reference(r))
            .collect();
        if !q.ids.trim().is_empty() && references.is_empty() {
            return Ok(Vec::new());
        }
        let start = match (start, end) {
            (None, None) => Some(liaison_store::now() - DEFAULT_WINDOW_SECONDS),
            (None, Some(e)) => Some(e - DEFAULT_WINDOW_SECONDS),
            (s, _) => s,
        };
        let filter = PublicFilter {
            references,
            category_codes: list(&q.service_codes),
            start,
            end,
            open,
            offset: (page - 1) * page_size,
            limit: page_size,
        };
        let mut c = self.store.read().await?;
        Ok(public::list(&mut c, &filter).await?)
    }

    /// One public concern by its reference.
    pub async fn service_request(&self, id: &str) -> AppResult<PublicConcern> {
        let reference = values::parse_reference(id).ok_or(AppError::NotFound)?;
        let mut c = self.store.read().await?;
        one(&mut c, reference).await
    }

    /// The public concern a submission token (the resident's tracking code) stands for.
    pub async fn service_request_by_token(&self, token: &str) -> AppResult<PublicConcern> {
        let code = values::normalize_tracking_code(token).ok_or(AppError::NotFound)?;
        let mut c = self.store.read().await?;
        let found = by_tracking_hash(&mut c, &digest(&code))
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
