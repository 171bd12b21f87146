//! Posted forms that may carry files: `multipart/form-data` (forms with a file input) or
//! `application/x-www-form-urlencoded`, read into the text fields as an [`Input`] and the
//! files as [`Upload`]s. The portal, staff intake, the concern page and Open311 share it.
//!
//! Routes that take files allow a larger body (see [`body_limit`]); a body past it is
//! refused with 413, and one that is not a readable form with 400, before any operation
//! runs. Whether each file is acceptable is the operation's question, answered per field.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, StatusCode};
use axum::response::Response;
use liaison_app::attachments::Upload;
use liaison_app::{Input, Settings};
use liaison_domain::attachments::MAX_FILES;

use crate::i18n::Tr;
use crate::BODY_LIMIT;

/// Most parts read from one multipart body: a form has a few dozen fields at most.
const MAX_PARTS: usize = 200;

/// A submitted form: its text fields and its files.
#[derive(Debug, Default)]
pub struct Form {
    /// The text fields, in order.
    pub input: Input,
    /// The files, in order. File inputs left empty are not here.
    pub uploads: Vec<Upload>,
}

/// Why a body was refused before anything looked at its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadBody {
    /// Larger than the route accepts (413).
    TooLarge,
    /// Not a form that can be read: a broken multipart body, a missing boundary (400).
    Malformed,
}

impl BadBody {
    /// The HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            BadBody::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            BadBody::Malformed => StatusCode::BAD_REQUEST,
        }
    }

    /// A short page in `tr`'s language saying nothing was saved and what to do.
    pub fn page(self, tr: &Tr) -> Response {
        crate::errors::body_refused(tr, self == BadBody::TooLarge)
    }

    fn from_status(status: StatusCode) -> Self {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            BadBody::TooLarge
        } else {
            // Anything else, a client that hung up included, is a body we could not read:
            // never a 500.
            BadBody::Malformed
        }
    }
}

/// The largest body a route that takes files accepts: every file at its limit, and the
/// form's text fields. Set it on such routes with `DefaultBodyLimit::max(body_limit(…))`.
pub fn body_limit(settings: &Settings) -> usize {
    settings
        .attachment_max_bytes
        .saturating_mul(MAX_FILES)
        .saturating_add(BODY_LIMIT)
}

/// Reads a posted form, multipart or URL-encoded, within the route's body limit. The text
/// fields of a URL-encoded body must fit in [`BODY_LIMIT`] as everywhere else.
pub async fn read(request: Request) -> Result<Form, BadBody> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if !multipart {
        let body = Bytes::from_request(request, &())
            .await
            .map_err(|e| BadBody::from_status(e.status()))?;
        if body.len() > BODY_LIMIT {
            return Err(BadBody::TooLarge);
        }
        return Ok(Form {
            input: Input::from_urlencoded(&body),
            uploads: Vec::new(),
        });
    }
    let mut parts = Multipart::from_request(request, &())
        .await
        .map_err(|_| BadBody::Malformed)?;
    let mut form = Form::default();
    let (mut count, mut text) = (0, 0);
    while let Some(field) = parts
        .next_field()
        .await
        .map_err(|e| BadBody::from_status(e.status()))?
    {
        count += 1;
        if count > MAX_PARTS {
            return Err(BadBody::Malformed);
        }
        // The part's own header, read here: multer finds `filename=` anywhere in it, even
        // inside another parameter's quotes, and would take a text field for a file.
        // Browsers send names and file names as raw UTF-8, which `to_str` refuses.
        let (name, file_name) = field
            .headers()
            .get(axum::http::header::CONTENT_DISPOSITION)
            .map(|v| disposition(&String::from_utf8_lossy(v.as_bytes())))
            .unwrap_or_default();
        let name = name.unwrap_or_default();
        match file_name {
            Some(file_name) => {
                let content_type = field.content_type().unwrap_or_default().to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| BadBody::from_status(e.status()))?;
                // A file input left empty still sends a part: no name, no bytes.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                form.uploads.push(Upload {
                    file_name,
                    content_type,
                    bytes: bytes.into(),
                });
            }
            None => {
                let value = field
                    .text()
                    .await
                    .map_err(|e| BadBody::from_status(e.status()))?;
                text += value.len();
                if text > BODY_LIMIT {
                    return Err(BadBody::TooLarge);
                }
                form.input.0.push((name, value));
            }
        }
    }
    Ok(form)
}

/// The `name` and `filename` parameters of a part's `Content-Disposition`
/// (`form-data; name="photo"; filename="a.jpg"`), read as RFC 7578 and RFC 6266 say: after
/// the disposition type, `;`-separated parameters whose values are plain tokens or quoted
/// strings (a backslash quotes the next character). Parameter names are matched whatever
/// their case; what stands inside a quoted value is never taken for a parameter.
fn disposition(header: &str) -> (Option<String>, Option<String>) {
    let (mut name, mut file_name) = (None, None);
    let mut chars = header.chars().peekable();
    // The disposition type, up to the first `;`.
    for c in chars.by_ref() {
        if c == ';' {
            break;
        }
    }
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ';').is_some() {}
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && *c != ';') {
            key.push(c);
        }
        if chars.peek().is_none() && key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.next_if_eq(&'"').is_some() {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => value.extend(chars.next()),
                        c => value.push(c),
                    }
                }
                // Whatever follows the closing quote up to the next `;` is not the value.
                while chars.next_if(|c| *c != ';').is_some() {}
            } else {
                while let Some(c) = chars.next_if(|c| *c != ';') {
                    value.push(c);
                }
                value = value.trim_end().to_string();
            }
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "name" if name.is_none() => name = Some(value),
            "filename" if file_name.is_none() => file_name = Some(value),
            _ => {}
        }
        if chars.peek().is_none() {
            break;
        }
    }
    (name, file_name)
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn parameters_are_read_outside_quotes_only() {
        let d = |h: &str| disposition(h);
        assert_eq!(
            d(r#"form-data; name="photo"; filename="a b.jpg""#),
            (Some("photo".into()), Some("a b.jpg".into()))
        );
        assert_eq!(d(r#"form-data; name="note""#), (Some("note".into()), None));
        // Found by fuzzing (fuzz/fuzz_targets/multipart.rs): `filename=` inside a field's
        // quoted name made the field a file.
        assert_eq!(
            d(r#"form-data; name="Cy filename=application""#),
            (Some("Cy filename=application".into()), None)
        );
        assert_eq!(
            d(r#"form-data; NAME=plain ; Filename="x\"y.png""#),
            (Some("plain".into()), Some(r#"x"y.png"#.into()))
        );
        assert_eq!(d(r#"form-data; name="""#), (Some(String::new()), None));
        assert_eq!(
            d(r#"form-data; filename=""; name="photo""#),
            (Some("photo".into()), Some(String::new()))
        );
        assert_eq!(d("form-data"), (None, None));
        assert_eq!(
            d(r#"form-data; name="unclosed"#),
            (Some("unclosed".into()), None)
        );
    }

    /// Browsers send field and file names as raw UTF-8 in the part's header.
    #[tokio::test]
    async fn names_in_utf8_are_read_as_sent() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"descripción\"\r\n\r\nPolvo\r\n\
                    --b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"café ü.jpg\"\r\n\
                    Content-Type: image/jpeg\r\n\r\nxyz\r\n--b--\r\n";
        let request = axum::http::Request::builder()
            .method("POST")
            .header("content-type", "multipart/form-data; boundary=b")
            .body(axum::body::Body::from(body))
            .expect("request");
        let form = super::read(request).await.expect("read");
        assert_eq!(form.input.0, vec![("descripción".into(), "Polvo".into())]);
        assert_eq!(form.uploads.len(), 1);
        assert_eq!(form.uploads[0].file_name, "café ü.jpg");
    }
}
