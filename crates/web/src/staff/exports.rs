//! The register as files other software opens: any list of people or organizations as CSV
//! (with the list's filters, streamed as it is read, never built in memory), people as
//! vCard 4.0 for phones (a list, or one person with their position), each with what the
//! reader may see (no contact details for those who may not see them).

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use liaison_app::stakeholders::exports::{card, csv_row, uid, CSV_HEADERS};
use liaison_app::stakeholders::filter_from;
use liaison_app::{AppError, Input};
use liaison_domain::interchange::{csv, vcard};
use liaison_domain::permissions::Permission;
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
}

/// Rows read per page of an export.
const PAGE: i64 = 200;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Vcard,
}

/// A list streamed page by page: each page read with the list's own operation (so what
/// the reader may see, and nothing else), written, and sent before the next is read.
async fn export(
    state: AppState,
    lang: &'static str,
    staff: Staff,
    kind: RecordKind,
    raw: Option<String>,
    format: Format,
) -> Response {
    if !staff.user.role.may(Permission::ReadStakeholders) {
        let ctx = Ctx::staff(&state, &staff, lang, "stakeholders", "/staff/people").await;
        return errors::page(&ctx, AppError::Forbidden);
    }
    let input = Input::from_urlencoded(raw.as_deref().unwrap_or("").as_bytes());
    let filter = filter_from(|f| input.get(f).to_string(), PAGE);
    let (app, user) = (state.app.clone(), staff.user.clone());
    let pages = futures_util::stream::unfold(Some((filter, true)), move |at| {
        let (app, user) = (app.clone(), user.clone());
        async move {
            let (mut filter, first) = at?;
            let mut out = String::new();
            if first && format == Format::Csv {
                // Excel reads UTF-8 only after a byte order mark.
                out.push('\u{feff}');
                csv::record(CSV_HEADERS, &mut out);
            }
            match app.stakeholders().list(&user, kind, &filter).await {
                Ok((found, next)) => {
                    for s in &found {
                        let c = card(s, &[]);
                        match format {
                            Format::Csv => {
                                csv::record(csv_row(s, &c).iter().map(String::as_str), &mut out)
                            }
                            Format::Vcard => vcard::write(&c, &uid(s), &mut out),
                        }
                    }
                    let more = next.map(|n| {
                        filter.after = Some(n);
                        (filter, false)
                    });
                    Some((Ok::<_, std::io::Error>(Bytes::from(out)), more))
                }
                Err(e) => {
                    tracing::error!(error = %e, "an export stopped");
                    Some((Err(std::io::Error::other("the export stopped")), None))
                }
            }
        }
    });
    let (content_type, name) = match (format, kind) {
        (Format::Csv, RecordKind::Organization) => ("text/csv; charset=utf-8", "organizations.csv"),
        (Format::Csv, _) => ("text/csv; charset=utf-8", "people.csv"),
        (Format::Vcard, _) => ("text/vcard; charset=utf-8", "people.vcf"),
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        Body::from_stream(pages),
    )
        .into_response()
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
