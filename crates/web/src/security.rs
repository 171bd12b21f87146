//! Response headers every page carries, and refusal of cross-site form posts.

use std::net::SocketAddr;

use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;

use crate::context::Lang;
use crate::AppState;

/// Adds the security headers, and refuses state-changing requests sent from another site
/// (a second line of defence beside the CSRF token in staff forms, and the only one the
/// account-less portal forms need).
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Open311 clients and JSON API callers authenticate with a key or token, never a
    // cookie, so a cross-site request cannot borrow a session; they may run on any site.
    let path = request.uri().path();
    let keyed = path.starts_with("/open311/") || path.starts_with("/api/");
    if request.method() != Method::GET
        && request.method() != Method::HEAD
        && !keyed
        && cross_site(&request)
    {
        return crate::errors::cross_site(&state.tr(Lang::of(request.headers())));
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    // A response may bring a stricter policy of its own (attachments do).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            h,
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        );
    }
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(self)",
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}

/// True when the browser says the request comes from another site.
fn cross_site(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "cross-site";
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        _ => false,
    }
}

/// Adds HSTS when Liaison is served over TLS.
pub async fn hsts(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    response
}

/// The peer's address, when the server was started with connection info.
pub type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

/// The client's address, for rate limits: the peer's, or behind a trusted proxy the last
/// address it appended to `X-Forwarded-For`. Empty when neither is known.
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: &Peer) -> String {
    if state.trust_forwarded {
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|a| !a.is_empty());
        if let Some(a) = last {
            return a.to_string();
        }
    }
    peer.as_ref()
        .map(|Extension(ConnectInfo(a))| a.ip().to_string())
        .unwrap_or_default()
}
