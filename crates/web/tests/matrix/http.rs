//! Requests as each persona makes them: what it presents where a credential goes (the
//! cookie, the CSRF token, the bearer token, the `api_key`), and answers as bytes.

use super::table::Persona;
use super::world::{between, World, PHOTO};
use crate::common::{multipart, serialize, FilePart};

/// What a persona presents, wherever a credential goes.
#[derive(Debug, Clone, Default)]
pub struct Creds {
    /// The `Cookie` header's value.
    pub cookie: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// The bearer token of the JSON API.
    pub bearer: String,
    /// The `api_key` of Open311.
    pub key: String,
}

/// A request body.
#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    Form(Vec<(String, String)>),
    /// Fields and one photo under the field named first.
    Multipart(Vec<(String, String)>, &'static str, String),
    /// One file of any kind: its field, name, content type and bytes.
    File(&'static str, String, &'static str, Vec<u8>),
    Json(serde_json::Value),
    /// Bytes of their own kind (an email message): content type and bytes.
    Raw(&'static str, Vec<u8>),
}

/// An answer, as bytes.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn contains(&self, needle: &[u8]) -> bool {
        needle.is_empty() || self.bytes.windows(needle.len()).any(|w| w == needle)
    }

    /// A header's value, or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl World<'_> {
    /// What a persona presents; the resident presents `resident_code` (their concern's).
    pub fn creds(&self, p: Persona, resident_code: &str) -> Creds {
        let c = self.creds[&p].lock().expect("creds").clone();
        if p == Persona::Resident {
            return Creds {
                cookie: format!("liaison_session={resident_code}"),
                csrf: String::new(),
                bearer: resident_code.into(),
                key: resident_code.into(),
            };
        }
        c
    }

    /// Signs a staff persona in (again), keeping the new session.
    pub async fn sign_in(&self, p: Persona) {
        let (cookie, csrf) = self.fresh_session(p).await;
        let mut c = self.creds[&p].lock().expect("creds");
        c.cookie = cookie;
        c.csrf = csrf;
    }

    /// A new session of a staff persona: its cookie and CSRF token.
    pub async fn fresh_session(&self, p: Persona) -> (String, String) {
        let (user, password) = &self.staff[&p];
        let body = serialize(&[
            ("email", &user.email),
            ("password", password),
            ("next", "/staff/concerns"),
        ]);
        let a = self.send("POST", "/sign-in", &[], form_body(body)).await;
        assert_eq!(a.status, 303, "{p:?} signs in: {}", a.text());
        let cookie = session_cookie(&a).expect("a session cookie");
        let page = self
            .send("GET", "/staff/account", &[("cookie", &cookie)], None)
            .await;
        let csrf = between(&page.text(), "name=\"csrf\" value=\"", "\"").expect("a CSRF token");
        (cookie, csrf)
    }

    /// Sends a request with these headers.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(String, Vec<u8>)>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.h.base));
        for (k, v) in headers {
            if !v.is_empty() {
                req = req.header(*k, *v);
            }
        }
        if let Some((content_type, bytes)) = body {
            req = req.header("content-type", content_type).body(bytes);
        }
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let bytes = r.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        Answer {
            status,
            headers,
            bytes,
        }
    }

    /// A page or form of the staff application or the portal, with the persona's cookie
    /// (and, on a POST, its CSRF token).
    pub async fn page(
        &self,
        p: Persona,
        code: &str,
        method: &str,
        path: &str,
        body: &Body,
    ) -> Answer {
        let c = self.creds(p, code);
        let with_csrf = |mut pairs: Vec<(String, String)>| {
            pairs.push(("csrf".into(), c.csrf.clone()));
            pairs
        };
        let body = match body {
            Body::Empty if method == "POST" => Some(form(&with_csrf(Vec::new()))),
            Body::Empty => None,
            Body::Form(pairs) => Some(form(&with_csrf(pairs.clone()))),
            Body::Multipart(pairs, field, name) => {
                let pairs = with_csrf(pairs.clone());
                let fields: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let file = FilePart {
                    field,
                    name,
                    content_type: "image/jpeg",
                    bytes: PHOTO,
                };
                let (content_type, bytes) = multipart(&fields, &[file]);
                Some((content_type, bytes))
            }
            Body::File(field, name, content_type, bytes) => {
                let pairs = with_csrf(Vec::new());
                let fields: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let file = FilePart {
                    field,
                    name,
                    content_type,
                    bytes,
                };
                Some(multipart(&fields, &[file]))
            }
            Body::Json(_) | Body::Raw(..) => panic!("pages take forms"),
        };
        self.send(method, path, &[("cookie", &c.cookie)], body)
            .await
    }

    /// A JSON API request with the persona's bearer token.
    pub async fn api(
        &self,
        p: Persona,
        code: &str,
        method: &str,
        path: &str,
        body: &Body,
    ) -> Answer {
        let c = self.creds(p, code);
        let auth = if c.bearer.is_empty() {
            String::new()
        } else {
            format!("Bearer {}", c.bearer)
        };
        let body = match body {
            Body::Empty => None,
            Body::Json(v) => Some(("application/json".to_string(), v.to_string().into_bytes())),
            Body::Raw(kind, bytes) => Some((kind.to_string(), bytes.clone())),
            _ => panic!("the API takes JSON, or a message as it is"),
        };
        self.send(method, path, &[("authorization", &auth)], body)
            .await
    }

    /// An Open311 request with the persona's `api_key` (in the query, or the body of a POST).
    pub async fn open311(
        &self,
        p: Persona,
        code: &str,
        method: &str,
        path: &str,
        body: &Body,
    ) -> Answer {
        let c = self.creds(p, code);
        let mut pairs = match body {
            Body::Empty => Vec::new(),
            Body::Form(pairs) => pairs.clone(),
            _ => panic!("Open311 takes forms"),
        };
        if !c.key.is_empty() {
            pairs.push(("api_key".into(), c.key.clone()));
        }
        if method == "GET" {
            let sep = if path.contains('?') { '&' } else { '?' };
            let query = form(&pairs).1;
            let path = if pairs.is_empty() {
                path.to_string()
            } else {
                format!("{path}{sep}{}", String::from_utf8_lossy(&query))
            };
            self.send("GET", &path, &[], None).await
        } else {
            self.send(method, path, &[], Some(form(&pairs))).await
        }
    }
}

fn form(pairs: &[(String, String)]) -> (String, Vec<u8>) {
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form_body(serialize(&refs)).expect("a body")
}

fn form_body(body: String) -> Option<(String, Vec<u8>)> {
    Some((
        "application/x-www-form-urlencoded".into(),
        body.into_bytes(),
    ))
}

/// The session cookie an answer sets, as `name=value`.
pub fn session_cookie(a: &Answer) -> Option<String> {
    a.headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|kv| kv.starts_with("liaison_session=") && kv.len() > "liaison_session=".len())
        .map(str::to_string)
}
