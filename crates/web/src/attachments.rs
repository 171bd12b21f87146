//! Serving attachments: to staff under their concern or engagement, checked exactly like
//! that record's page, and to anyone under `/attachments/{id}/{name}` when the attachment is
//! public on a public record (a public concern, a published public engagement). Either way
//! an attachment that may not be seen is the same 404 as one that does not exist.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use liaison_app::attachments::Attachment;
use liaison_app::AppError;
use liaison_domain::attachments::FileKind;
use liaison_domain::records::RecordKind;

use crate::context::{Ctx, Lang};
use crate::routing::{get, Routes};
use crate::session::{percent, Staff};
use crate::{errors, AppState};

/// The public attachment route and the staff download routes.
pub fn routes() -> Routes {
    Routes::new()
        .route("/attachments/{id}/{name}", get(public_file))
        .route(
            "/staff/concerns/{id}/attachments/{attachment}",
            get(staff_file),
        )
        .route(
            "/staff/engagements/{id}/attachments/{attachment}",
            get(engagement_file),
        )
}

/// The public address of an attachment, such as `/attachments/12/photo-1.jpg`: it answers
/// only while the attachment is public (see [`liaison_app::concerns::Concerns::public_attachment`]).
pub fn public_path(a: &Attachment) -> String {
    format!("/attachments/{}/{}", a.id, percent(&a.file_name))
}

/// Where staff download an attachment: under its concern or its engagement.
pub fn staff_path(a: &Attachment) -> String {
    let under = match a.record.kind {
        RecordKind::Engagement => "engagements",
        _ => "concerns",
    };
    format!("/staff/{under}/{}/attachments/{}", a.record.id, a.id)
}

/// The kind of a stored attachment, from its content type.
pub fn kind(a: &Attachment) -> Option<FileKind> {
    FileKind::from_content_type(&a.content_type)
}

async fn public_file(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((id, _name)): Path<(String, String)>,
) -> Response {
    let found = match id.parse::<i64>() {
        Ok(id) => state.app.concerns().public_attachment(id).await,
        Err(_) => Err(AppError::NotFound),
    };
    match found {
        Ok((a, bytes)) => file(&a, bytes, true),
        Err(e) => {
            let ctx = Ctx::public(&state, lang, "", &format!("/attachments/{id}")).await;
            errors::page(&ctx, e)
        }
    }
}

async fn staff_file(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path((id, attachment)): Path<(String, String)>,
) -> Response {
    let found = match (id.parse::<i64>(), attachment.parse::<i64>()) {
        (Ok(c), Ok(a)) => state.app.concerns().attachment(&staff.user, c, a).await,
        _ => Err(AppError::NotFound),
    };
    match found {
        Ok((a, bytes)) => file(&a, bytes, false),
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "concerns", "/staff/concerns").await;
            errors::page(&ctx, e)
        }
    }
}

async fn engagement_file(
    State(state): State<AppState>,
    Lang(lang): Lang,
    staff: Staff,
    Path((id, attachment)): Path<(String, String)>,
) -> Response {
    let found = match (id.parse::<i64>(), attachment.parse::<i64>()) {
        (Ok(e), Ok(a)) => state.app.engagements().attachment(&staff.user, e, a).await,
        _ => Err(AppError::NotFound),
    };
    match found {
        Ok((a, bytes)) => file(&a, bytes, false),
        Err(e) => {
            let ctx = Ctx::staff(&state, &staff, lang, "engagements", "/staff/engagements").await;
            errors::page(&ctx, e)
        }
    }
}

/// The file as stored: its own type, shown in the browser if it is a picture and saved if
/// it is a document, never sniffed as anything else, and unable to run anything.
fn file(a: &Attachment, bytes: Vec<u8>, public: bool) -> Response {
    let kind = kind(a);
    let (content_type, disposition) = match kind {
        Some(k) if k.is_image() => (k.content_type(), "inline"),
        Some(k) => (k.content_type(), "attachment"),
        None => ("application/octet-stream", "attachment"),
    };
    // The quoted name for old clients keeps ASCII only; `filename*` carries the real one.
    let ascii: String = a
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent(&a.file_name)
    );
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; img-src 'self'; sandbox"),
    );
    let (cache, resource) = if public {
        // Public until its record stops being public: keep copies short-lived. Other
        // sites (Open311 apps) may show the picture.
        ("public, max-age=300", "cross-origin")
    } else {
        ("private, no-store", "same-origin")
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static(resource),
    );
    response
}
