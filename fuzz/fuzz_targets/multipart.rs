//! Posted forms through the real extractor (`liaison_web::uploads::read`): a request is built
//! with the fuzzed body and run in a current-thread runtime, as axum would run it.
//!
//! The first byte picks the mode:
//! - raw multipart bytes under a fixed boundary, or a fuzzed `Content-Type` header: never a
//!   panic, and an accepted form keeps within the limits (200 parts, 64 KiB of text);
//! - a URL-encoded body: the same fields as `Input::from_urlencoded`;
//! - a well-formed multipart body built from fuzzed parts: read back exactly (text fields in
//!   order, files with their names, types and bytes; an empty file input dropped).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use axum::body::Body;
use axum::http::{header, Request};
use liaison_app::Input;
use liaison_fuzz::runtime;
use liaison_web::uploads::{read, BadBody, Form};
use liaison_web::BODY_LIMIT;
use libfuzzer_sys::fuzz_target;

const BOUNDARY: &str = "b";

fn run(content_type: &str, body: Vec<u8>) -> Result<Form, BadBody> {
    let request = Request::builder()
        .method("POST")
        .uri("/report")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("a request");
    runtime().block_on(read(request))
}

/// An accepted form holds at most 64 KiB of text, and a multipart one at most 200 parts (a
/// URL-encoded body is bounded by its size alone).
fn within_limits(content_type: &str, result: &Result<Form, BadBody>) {
    if let Ok(form) = result {
        if content_type
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("multipart/form-data")
        {
            assert!(form.input.0.len() + form.uploads.len() <= 200);
        }
        let text: usize = form.input.0.iter().map(|(_, v)| v.len()).sum();
        assert!(text <= BODY_LIMIT);
    }
}

#[derive(Debug, Arbitrary)]
struct Part {
    name: String,
    file: Option<(String, String, Vec<u8>)>,
    value: String,
}

/// Whether a header parameter can carry `s` between quotes as browsers send it: no quote,
/// backslash or control character (a header line cannot hold those; Liaison's own forms
/// name their fields in plain ASCII).
fn quotable(s: &str) -> bool {
    !s.contains(['"', '\\']) && !s.chars().any(char::is_control) && s.len() < 200
}

fn structured(u: &mut Unstructured) -> arbitrary::Result<()> {
    let parts: Vec<Part> = u.arbitrary()?;
    let boundary = "liaison-fuzz-7f3a9c";
    let mut body = Vec::new();
    for p in &parts {
        if !quotable(&p.name) {
            return Ok(());
        }
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!("Content-Disposition: form-data; name=\"{}\"", p.name).as_bytes(),
        );
        match &p.file {
            Some((file_name, content_type, bytes)) => {
                let ctype_ok = !content_type.is_empty()
                    && content_type.parse::<axum::http::HeaderValue>().is_ok()
                    && content_type.parse::<mime_like::Mime>().is_ok();
                if !quotable(file_name) || !ctype_ok {
                    return Ok(());
                }
                body.extend_from_slice(format!("; filename=\"{file_name}\"\r\n").as_bytes());
                body.extend_from_slice(format!("Content-Type: {content_type}\r\n\r\n").as_bytes());
                body.extend_from_slice(bytes);
            }
            None => {
                body.extend_from_slice(b"\r\n\r\n");
                body.extend_from_slice(p.value.as_bytes());
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    if parts.is_empty()
        || body
            .windows(boundary.len())
            .filter(|w| *w == boundary.as_bytes())
            .count()
            != parts.len() + 1
    {
        // The boundary turned up inside a part: not a body a browser would send.
        return Ok(());
    }
    let shown = String::from_utf8_lossy(&body).into_owned();
    let result = run(&format!("multipart/form-data; boundary={boundary}"), body);
    if parts.len() > 200 {
        // More parts than any of Liaison's forms has: refused, whatever they hold.
        assert!(
            matches!(result, Err(BadBody::Malformed)),
            "a body of {} parts is not refused",
            parts.len()
        );
        return Ok(());
    }
    let form = result
        .unwrap_or_else(|e| panic!("a well-formed multipart body is refused ({e:?}): {shown:?}"));
    let texts: Vec<(String, String)> = parts
        .iter()
        .filter(|p| p.file.is_none())
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect();
    assert_eq!(form.input.0, texts);
    let files: Vec<_> = parts
        .iter()
        .filter_map(|p| p.file.as_ref())
        .filter(|(name, _, bytes)| !(name.is_empty() && bytes.is_empty()))
        .collect();
    assert_eq!(form.uploads.len(), files.len());
    for (upload, (name, content_type, bytes)) in form.uploads.iter().zip(files) {
        assert_eq!(&upload.file_name, name);
        assert!(upload
            .content_type
            .trim()
            .eq_ignore_ascii_case(content_type.trim()));
        assert_eq!(&upload.bytes, bytes);
    }
    Ok(())
}

/// The MIME syntax multer (axum's multipart reader) insists on for a part's type.
mod mime_like {
    pub struct Mime;
    impl std::str::FromStr for Mime {
        type Err = ();
        fn from_str(s: &str) -> Result<Self, ()> {
            let token = |t: &str| {
                !t.is_empty()
                    && t.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
            };
            match s.split_once('/') {
                Some((a, b)) if token(a) && token(b) => Ok(Mime),
                _ => Err(()),
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => {
            let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
            within_limits(&content_type, &run(&content_type, rest.to_vec()));
        }
        1 => {
            // A fuzzed Content-Type line, then the body.
            let (line, body) = match rest.iter().position(|b| *b == b'\n') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &[][..]),
            };
            let Ok(line) = std::str::from_utf8(line) else {
                return;
            };
            if axum::http::HeaderValue::from_str(line).is_err() {
                return;
            }
            within_limits(line, &run(line, body.to_vec()));
        }
        2 => {
            let form = run("application/x-www-form-urlencoded", rest.to_vec())
                .expect("a small URL-encoded body is read");
            assert_eq!(form.input.0, Input::from_urlencoded(rest).0);
            assert!(form.uploads.is_empty());
        }
        _ => {
            let _ = structured(&mut Unstructured::new(rest));
        }
    }
});
