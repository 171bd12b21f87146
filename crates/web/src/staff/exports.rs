//! Lists as files other software opens, each streamed as it is read, never built in memory
//! ([`streamed`]: one page at a time read with the list's own operation, so what the reader
//! may see and nothing else, written and sent, the next read meanwhile): any list of people or organizations as
//! CSV or people as vCard 4.0 for phones (no contact details for those who may not see
//! them), one person's vCard with their position; concerns (concerns.rs: the queue's and
//! the API's export), and the engagement log, engagements and commitments (lists.rs), as
//! CSV.
//!
//! Every CSV starts with a byte order mark (Excel reads UTF-8 only after one) and a header
//! of stable English `snake_case` names (machines read them: never translated), and is
//! written by `liaison_domain::interchange::csv`, which keeps a cell from being run as a
//! formula.

pub(crate) mod concerns;
mod lists;

use std::fmt::Write as _;
use std::future::Future;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Offset, TimeZone};
use chrono_tz::Tz;
use liaison_app::stakeholders::exports::{card, csv_row, uid, CSV_HEADERS};
use liaison_app::stakeholders::filter_from;
use liaison_app::{AppError, Input};
use liaison_domain::interchange::{csv, vcard};
use liaison_domain::records::{RecordKind, RecordRef};

use crate::context::{Ctx, Lang};
use crate::forms::record_id;
use crate::routing::{get, Routes};
use crate::session::Staff;
use crate::{errors, AppState};

/// The exports' routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/staff/people/export.csv", get(people_csv))
        .route("/staff/organizations/export.csv", get(organizations_csv))
        .route("/staff/people/export.vcf", get(people_vcard))
        .route("/staff/people/{id}/vcard", get(person_vcard))
        .merge(concerns::routes())
        .merge(lists::routes())
}

/// Rows read per page of the register's exports.
const PAGE: i64 = 200;

/// The content type of every CSV export.
const CSV: &str = "text/csv; charset=utf-8";

/// A list as a file named `name`, streamed: `head` at once, then page after page, each
/// read by `page` from where the one before ended (`start` for the first; none: `head` is
/// the whole file) and sent, until `page` says there is no next. The next page is read
/// while one is being sent, and waits for it to go: however long the list, the server holds
/// at most three pages of it (one sending, one ready, one being read), and a client that
/// goes away stops the reading. An error after the first bytes can only cut the answer
/// short (it is logged): the client sees an unfinished file, never a whole-looking one.
pub(crate) fn streamed<C, F, Fut>(
    name: &str,
    content_type: &'static str,
    head: String,
    start: Option<C>,
    mut page: F,
) -> Response
where
    C: Send + 'static,
    F: FnMut(C) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(String, Option<C>), AppError>> + Send + 'static,
{
    let (ready, pages) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(1);
    tokio::spawn(async move {
        let mut at = start;
        while let Some(from) = at.take() {
            let read = match page(from).await {
                Ok((text, next)) => {
                    at = next;
                    Ok(Bytes::from(text))
                }
                Err(e) => {
                    tracing::error!(error = %e, "an export stopped");
                    Err(std::io::Error::other("the export stopped"))
                }
            };
            if ready.send(read).await.is_err() {
                // The client went away.
                return;
            }
        }
    });
    let head = futures_util::stream::once(async move { Ok(Bytes::from(head)) });
    let pages = futures_util::stream::unfold(pages, |mut pages| async move {
        pages.recv().await.map(|read| (read, pages))
    });
    let body = Body::from_stream(futures_util::StreamExt::chain(head, pages));
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
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

/// [`streamed`], its first page read before the answer starts: a refusal, or a database
/// away, is answered in the interface's own form rather than as a file cut short.
pub(crate) async fn file<C, F, Fut>(
    name: &str,
    content_type: &'static str,
    mut head: String,
    start: C,
    mut page: F,
) -> Result<Response, AppError>
where
    C: Send + 'static,
    F: FnMut(C) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(String, Option<C>), AppError>> + Send + 'static,
{
    let (first, next) = page(start).await?;
    head.push_str(&first);
    Ok(streamed(name, content_type, head, next, page))
}

/// The file, or the error page of the staff pages' `section` (`/staff/{section}`).
pub(crate) async fn or_error_page(
    state: &AppState,
    lang: &'static str,
    staff: &Staff,
    section: &'static str,
    made: Result<Response, AppError>,
) -> Response {
    match made {
        Ok(r) => r,
        Err(e) => {
            let path = format!("/staff/{section}");
            errors::page(&Ctx::staff(state, staff, lang, section, &path).await, e)
        }
    }
}

/// A link to a list's export carrying the list's filters as `input` holds them (`cursor`,
/// the list's own word for where a page starts, left out: a file starts at the top).
pub(crate) fn href(path: &str, input: &Input, cursor: &str) -> String {
    let q: Vec<String> = (input.0.iter())
        .filter(|(k, v)| k != cursor && !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::session::percent(k),
                crate::session::percent(v)
            )
        })
        .collect();
    format!("{path}?{}", q.join("&"))
}

/// The start of a CSV file: the byte order mark and the header.
pub(crate) fn csv_head(columns: &[&str]) -> String {
    let mut out = String::from('\u{feff}');
    csv::record(columns.iter().copied(), &mut out);
    out
}

/// One CSV record written cell by cell: text through `csv::field` (quoted, kept from
/// being run as a formula), numbers and times as they are (nothing in them can start a
/// formula: a negative number is a number).
pub(crate) struct Record<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Record<'a> {
    /// A record appended to `out`.
    pub(crate) fn new(out: &'a mut String) -> Self {
        Self { out, first: true }
    }

    fn next(&mut self) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out
    }

    /// A text cell.
    pub(crate) fn text(&mut self, value: &str) -> &mut Self {
        csv::field(value, self.next());
        self
    }

    /// A text cell, empty for none.
    pub(crate) fn maybe(&mut self, value: Option<&str>) -> &mut Self {
        self.text(value.unwrap_or_default())
    }

    /// A number cell, empty for none.
    pub(crate) fn number(&mut self, value: Option<impl std::fmt::Display>) -> &mut Self {
        let out = self.next();
        if let Some(v) = value {
            let _ = write!(out, "{v}");
        }
        self
    }

    /// An instant (UTC seconds) as ISO 8601 in `tz` with its offset, as the JSON API
    /// writes it (`2026-03-01T09:30:00+02:00`, `Z` for UTC); empty for none.
    pub(crate) fn time(&mut self, t: Option<i64>, tz: Tz) -> &mut Self {
        let out = self.next();
        if let Some(at) = t.and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
            let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
            iso(at.timestamp(), offset.local_minus_utc(), out);
        }
        self
    }

    /// Ends the record (CRLF, RFC 4180).
    pub(crate) fn end(&mut self) {
        self.out.push_str("\r\n");
    }
}

/// `t` (UTC seconds) `offset` seconds east of UTC, as ISO 8601 with the offset
/// (`Z` for none): written digit by digit, as a million of them take a while through
/// `format!`.
fn iso(t: i64, offset: i32, out: &mut String) {
    let local = t + i64::from(offset);
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let two = |n: i64, out: &mut String| {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    two(year / 100, out);
    two(year % 100, out);
    out.push('-');
    two(month, out);
    out.push('-');
    two(day, out);
    out.push('T');
    two(secs / 3_600, out);
    out.push(':');
    two(secs / 60 % 60, out);
    out.push(':');
    two(secs % 60, out);
    if offset == 0 {
        out.push('Z');
    } else {
        out.push(if offset < 0 { '-' } else { '+' });
        // To the nearest minute, as chrono writes old local mean times (-03:30:52).
        let minutes = (i64::from(offset.unsigned_abs()) + 30) / 60;
        two(minutes / 60, out);
        out.push(':');
        two(minutes % 60, out);
    }
}

/// The query string of a request, read as a form's fields.
pub(crate) fn input_of(raw: Option<&str>) -> Input {
    Input::from_urlencoded(raw.unwrap_or("").as_bytes())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Vcard,
}

/// A list of the register, page by page through the list's own operation.
async fn export(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    raw: Option<String>,
    format: Format,
) -> Response {
    let input = input_of(raw.as_deref());
    let filter = filter_from(|f| input.get(f).to_string(), PAGE);
    let (app, user) = (state.app.clone(), staff.user.clone());
    let page = move |mut filter: liaison_app::stakeholders::Filter| {
        let (app, user) = (app.clone(), user.clone());
        async move {
            let (found, next) = app.stakeholders().list(&user, kind, &filter).await?;
            let mut out = String::new();
            for s in &found {
                let c = card(s, &[]);
                match format {
                    Format::Csv => {
                        let row = csv_row(s, &c);
                        csv::record(row.iter().map(String::as_str), &mut out)
                    }
                    Format::Vcard => vcard::write(&c, &uid(s), &mut out),
                }
            }
            Ok((
                out,
                next.map(|n| {
                    filter.after = Some(n);
                    filter
                }),
            ))
        }
    };
    let (content_type, name, head) = match (format, kind) {
        (Format::Csv, RecordKind::Organization) => {
            (CSV, "organizations.csv", csv_head(&CSV_HEADERS))
        }
        (Format::Csv, _) => (CSV, "people.csv", csv_head(&CSV_HEADERS)),
        (Format::Vcard, _) => ("text/vcard; charset=utf-8", "people.vcf", String::new()),
    };
    match file(name, content_type, head, filter, page).await {
        Ok(r) => r,
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
            errors::page(&ctx, e)
        }
    }
}

async fn people_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    export(state, lang, staff, RecordKind::Person, raw, Format::Csv).await
}

async fn organizations_csv(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    export(
        state,
        lang,
        staff,
        RecordKind::Organization,
        raw,
        Format::Csv,
    )
    .await
}

async fn people_vcard(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    export(state, lang, staff, RecordKind::Person, raw, Format::Vcard).await
}

/// One person's vCard, with their current position, to open on a phone.
async fn person_vcard(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let app = state.app.stakeholders();
    let found = async {
        let record = RecordRef {
            kind: RecordKind::Person,
            id: record_id(&id)?,
        };
        let s = app.get(&staff.user, record).await?;
        let related = app.relationships(&staff.user, &s).await?;
        Ok::<_, AppError>((s, related))
    }
    .await;
    match found {
        Ok((s, related)) => {
            let mut out = String::new();
            vcard::write(&card(&s, &related), &uid(&s), &mut out);
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "text/vcard; charset=utf-8".to_string(),
                    ),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"person-{}.vcf\"", s.id),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                out,
            )
                .into_response()
        }
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
            errors::page(&ctx, e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written digit by digit, as chrono writes it.
    #[test]
    fn instants_read_as_chrono_writes_them() {
        let zones: [Tz; 4] = [
            chrono_tz::UTC,
            chrono_tz::Africa::Johannesburg,
            chrono_tz::America::St_Johns,
            chrono_tz::Asia::Kolkata,
        ];
        for tz in zones {
            let mut t = -2_208_988_800; // 1900
            while t < 4_102_444_800 {
                // 2100
                let mut ours = String::new();
                Record::new(&mut ours).time(Some(t), tz);
                let theirs = chrono::DateTime::from_timestamp(t, 0)
                    .unwrap()
                    .with_timezone(&tz)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                assert_eq!(ours, theirs, "{t} in {tz}");
                t += 86_400 * 7 + 3_607;
            }
        }
    }
}
