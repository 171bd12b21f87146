//! The JSON API's outside input, read as the handlers read it:
//! - `GET /api/v1/concerns` query strings (the staff queue's filters, `cursor`, `limit`,
//!   search text), for a user of any role, run as the real queue query against a migrated
//!   SQLite database;
//! - request bodies, a JSON object decoded into the command the operation takes (the same
//!   struct a form decodes into), `answers` by question code;
//! - the headers every request is read with: `Accept-Language` and the `lang` cookie, and a
//!   sign-in page's `next`.
//!
//! Checks: never panics; a query string that was accepted runs without a database error
//! (a 500), and the errors of one that was not name fields the caller sent; a cursor reads
//! back as the `next` the API writes; a body decodes into the command or names the fields at
//! fault, which are the body's, and each text holds what the body sent; the language
//! is one the server speaks; `next` is always a local path.
#![no_main]

use arbitrary::Arbitrary;
use axum::http::{header, HeaderMap, HeaderValue};
use liaison_app::AppError;
use liaison_domain::Role;
use liaison_fuzz::{runtime, store, zone};
use liaison_store::concerns::queue;
use liaison_store::users::User;
use liaison_store::Backend;
use liaison_web::context::Lang;
use liaison_web::fuzzing::{api_concern_filter, api_new_concern};
use liaison_web::redirect::local_target;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Call {
    query: String,
    role: u8,
    zone: u16,
    body: Vec<u8>,
    accept_language: String,
    cookie: String,
    next: String,
}

fuzz_target!(|c: Call| {
    let role = Role::ALL[usize::from(c.role) % Role::ALL.len()];
    let user = User {
        id: 7,
        email: "officer@example.org".into(),
        name: "Officer".into(),
        role,
        active: true,
    };
    match api_concern_filter(&c.query, &user, zone(c.zone)) {
        Ok(filter) => {
            assert!(filter.limit >= 1);
            assert!(filter.search.len() <= 8);
            if let Some(after) = &filter.after {
                let next = after
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                let again = api_concern_filter(&format!("cursor={next}"), &user, zone(c.zone))
                    .expect("a cursor the API wrote reads back");
                assert_eq!(again.after.as_ref(), Some(after));
            }
            let db = store();
            runtime().block_on(async {
                let mut conn = db.read().await.expect("a connection");
                queue(&mut conn, Backend::Sqlite, role.sight(user.id), &filter)
                    .await
                    .expect("an accepted query string runs");
            });
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            let sent = liaison_app::Input::from_urlencoded(c.query.as_bytes());
            for e in &errors.0 {
                let field = if e.field == "cursor" {
                    "cursor"
                } else {
                    e.field.as_str()
                };
                assert!(
                    sent.0.iter().any(|(k, _)| k == field),
                    "error on a field not sent: {}",
                    e.field
                );
            }
        }
    }

    if let Ok(serde_json::Value::Object(body)) = serde_json::from_slice(&c.body) {
        match api_new_concern(&body) {
            Ok(concern) => {
                // A text holds what was sent as a form would have sent it.
                for (field, text) in [
                    ("category", &concern.category),
                    ("description", &concern.description),
                    ("lat", &concern.lat),
                    ("reporter_name", &concern.reporter_name),
                ] {
                    assert_eq!(text.as_str(), as_text(body.get(field)), "{field}");
                }
                assert_eq!(
                    concern.anonymous.is_set(),
                    !as_text(body.get("anonymous")).is_empty()
                );
                for code in concern.answers.0.keys() {
                    let sent = body.get("answers").and_then(|a| a.get(code));
                    assert!(sent.is_some(), "answer {code} not in the body");
                }
            }
            Err(AppError::Invalid(errors)) => {
                assert!(!errors.is_empty());
                for e in &errors.0 {
                    let from_body = body.contains_key(&e.field)
                        || e.field.strip_prefix("q_").is_some_and(|code| {
                            body.get("answers").and_then(|a| a.get(code)).is_some()
                        });
                    assert!(from_body, "error on a field not in the body: {}", e.field);
                }
            }
            Err(e) => panic!("a body is decoded or its fields named: {e}"),
        }
    }

    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&c.accept_language) {
        headers.insert(header::ACCEPT_LANGUAGE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&c.cookie) {
        headers.insert(header::COOKIE, v);
    }
    let lang = Lang::of(&headers);
    assert!(["en", "es", "fr"].contains(&lang), "{lang}");
    // A browser drops tabs and line breaks from a URL before reading it, so `/\t/host`
    // would leave the site; and a Location that is not a header value is a 500.
    let next = local_target(&c.next, "/staff");
    let read: String = next
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    assert!(read.starts_with('/'), "{next:?}");
    assert!(
        !matches!(read.chars().nth(1), Some('/' | '\\')),
        "leaves the site: {next:?}"
    );
    assert!(
        HeaderValue::from_str(&next).is_ok(),
        "not a Location: {next:?}"
    );
});

/// What a form would have sent for a JSON value: text as it is, numbers written out, `true`
/// as `yes`, a list as its first item; nothing for `false`, `null` or no value.
fn as_text(v: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Array(items)) => as_text(items.first()),
        _ => String::new(),
    }
}
