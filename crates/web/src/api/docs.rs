//! The API's description: OpenAPI 3.1 generated from the handlers and their types, and a
//! page that reads it out for people (no script needed).

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{FieldProblem, Problem, FEATURES};
use crate::context::{Ctx, Lang};
use crate::{render, AppState};

/// What the whole API shares (its title, the bearer token, problems); each feature's module
/// describes its own paths, merged in by [`description`].
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Liaison API",
        version = "1",
        description = "Concerns, their workflow and the office of a community liaison office. \
            Authenticate with a personal access token (staff account page) as \
            `Authorization: Bearer liaison_pat_…`; it acts with its owner's role. Errors are \
            application/problem+json. Send `Idempotency-Key` with a POST to make retries safe."
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&Bearer),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// The whole API, as OpenAPI describes it: what it shares, and every feature's part.
pub fn description() -> utoipa::openapi::OpenApi {
    FEATURES.iter().fold(ApiDoc::openapi(), |mut doc, f| {
        doc.merge((f.doc)());
        doc
    })
}

/// Declares the bearer token scheme.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = api.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    match description().to_json() {
        Ok(body) => {
            let mut r = (StatusCode::OK, body).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    }
}

/// One operation, as the page lists it.
pub struct Operation {
    /// `GET`, `POST`.
    pub method: &'static str,
    /// The path.
    pub path: String,
    /// What it does.
    pub summary: String,
    /// More, if said.
    pub description: String,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct Page {
    ctx: Ctx,
    operations: Vec<Operation>,
    codes: &'static [&'static str],
}

/// `GET /api/v1/`: the operations, read out of the OpenAPI description.
pub async fn page(State(state): State<AppState>, Lang(lang): Lang) -> Response {
    let ctx = Ctx::public(&state, lang, "", "/api/v1/").await;
    let doc = description();
    let mut operations = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [("GET", &item.get), ("POST", &item.post)] {
            if let Some(op) = op {
                operations.push(Operation {
                    method,
                    path: path.clone(),
                    summary: op.summary.clone().unwrap_or_default(),
                    description: op.description.clone().unwrap_or_default(),
                });
            }
        }
    }
    render(&Page {
        ctx,
        operations,
        codes: &[
            "not-found",
            "unauthorized",
            "forbidden",
            "invalid",
            "throttled",
            "idempotency-key-reused",
            "idempotency-key-in-flight",
            "unsupported-media-type",
            "malformed",
            "database-unavailable",
            "storage-full",
            "overloaded",
            "timeout",
            "internal",
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Features are merged by schema name, so two features naming different schemas alike
    /// would leave one of them describing the other's answers.
    #[test]
    fn a_schema_name_means_one_schema_in_every_feature() {
        let mut seen: std::collections::BTreeMap<String, (usize, String)> = Default::default();
        for (i, f) in FEATURES.iter().enumerate() {
            let doc = (f.doc)();
            for (name, schema) in doc.components.iter().flat_map(|c| c.schemas.iter()) {
                let json = serde_json::to_string(schema).expect("a schema as JSON");
                match seen.get(name) {
                    Some((j, other)) => assert_eq!(
                        other, &json,
                        "schema {name}: feature {i} describes it unlike feature {j}"
                    ),
                    None => {
                        seen.insert(name.clone(), (i, json));
                    }
                }
            }
        }
    }
}
