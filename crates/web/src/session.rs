//! Signed-in staff: the session cookie, the `Staff` extractor, and the CSRF check that
//! `forms::StaffForm` makes on every staff form.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_app::accounts::User;
use liaison_app::Input;

use crate::context::Lang;
use crate::AppState;

/// A signed-in staff member, extracted from the session cookie; pages that need one
/// redirect to the sign-in page without it.
pub struct Staff {
    /// Their account.
    pub user: User,
    /// Their session's CSRF token.
    pub csrf: String,
    /// The session token (to sign out).
    pub token: String,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = cookie(&parts.headers, state.cookie_name()).unwrap_or_default();
        match state.app.accounts().session(&token).await {
            Ok(Some(s)) => Ok(Staff {
                user: s.user,
                csrf: s.csrf_token,
                token,
            }),
            Ok(None) => {
                let next = parts.uri.path_and_query().map_or("/staff", |p| p.as_str());
                let target = format!("/sign-in?next={}", percent(next));
                Err(Redirect::to(&target).into_response())
            }
            Err(e) => Err(crate::errors::bare(&state.tr(Lang::of(&parts.headers)), e)),
        }
    }
}

impl Staff {
    /// Whether a submitted form carries this session's CSRF token (asked by
    /// [`crate::forms::StaffForm`] only: handlers take forms through it).
    pub(crate) fn csrf_ok(&self, input: &Input) -> bool {
        constant_time_eq(input.get("csrf").as_bytes(), self.csrf.as_bytes())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` header value with the attributes every Liaison cookie carries.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if state.secure_cookies {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Percent-encodes a path for use inside a query value.
pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
