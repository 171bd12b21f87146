//! Probes of feedback surveys: the staff pages (the list, a survey's page, its results,
//! their CSV and its QR code; making one, changing it, adding a question, opening it,
//! sending its personal links), the portal's answer page, and the JSON API's same.
//! A survey is seen by whoever sees its engagement: the public one's survey, or the
//! confidential one's.

use serde_json::{json, Value};

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{
    pairs, World, HIDDEN_SURVEY, HIDDEN_SURVEY_ANSWER, MISSING_ID, SURVEY, SURVEY_ANSWER,
};

/// Whether a row is about surveys.
pub(super) fn covers(path: &str) -> bool {
    ["/api/v1/surveys", "/staff/surveys", "/surveys/"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// The probe of a survey row.
pub(super) fn survey(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    if row.path.starts_with("/surveys/") {
        return portal(w, row, p);
    }
    let api = row.path.starts_with("/api/");
    let (iface, base) = if api {
        (Iface::Api, "/api/v1/surveys")
    } else {
        (Iface::Page, "/staff/surveys")
    };
    let hidden = row.subject.contains("confidential");
    let s = &w.surveys;
    let (id, about, answer) = if hidden {
        (s.hidden, HIDDEN_SURVEY, HIDDEN_SURVEY_ANSWER)
    } else {
        (s.open, SURVEY, SURVEY_ANSWER)
    };
    let who = format!(
        "Kestrel {} {}",
        p.column(),
        if api { "api" } else { "page" }
    );
    let body = |fields: Vec<(String, String)>| {
        if api {
            let object = fields
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            Body::Json(Value::Object(object))
        } else {
            Body::Form(fields)
        }
    };
    let tail = row.path.strip_prefix(base)?;
    let read = |path: String| Probe::read(iface, get(path));
    let probe = match (row.method.as_str(), tail) {
        ("GET", "") => Probe::new(iface, Judge::List, get(base)).shows(&[about]),
        ("POST", "") => {
            let f = pairs(&[
                ("title", &format!("Kestrel survey made by {who}")),
                ("engagement", &w.engagement.to_string()),
            ]);
            Probe::new(iface, Judge::Write, post(base, body(f)))
        }
        ("GET", "/new") => read(format!("{base}/new")).shows(&["name=\"title\""]),
        ("GET", "/{id}") => missing(read(format!("{base}/{id}")).shows(&[about]), id),
        ("GET", "/{id}/results") => {
            missing(read(format!("{base}/{id}/results")).shows(&[answer]), id)
        }
        ("GET", "/{id}/results.csv") => missing(
            read(format!("{base}/{id}/results.csv")).shows(&[answer]),
            id,
        ),
        ("GET", "/{id}/responses") => {
            missing(read(format!("{base}/{id}/responses")).shows(&[answer]), id)
        }
        ("GET", "/{id}/qr.svg") => {
            missing(read(format!("{base}/{id}/qr.svg")).shows(&["<svg"]), id)
        }
        ("POST", "/{id}") => {
            // A new title each time, so an allowed change changes something.
            let f = pairs(&[("title", &format!("{about} — changed by {who}"))]);
            write(iface, format!("{base}/{id}"), body(f), id)
        }
        ("POST", "/{id}/question" | "/{id}/questions") => {
            let draft = if hidden { s.hidden_draft } else { s.draft };
            let f = pairs(&[("kind", "text"), ("label", &format!("Asked by {who}"))]);
            write(
                iface,
                format!("{base}/{draft}{}", &tail[5..]),
                body(f),
                draft,
            )
        }
        ("POST", "/{id}/step") => {
            let to_open = s.to_open[&(p, api, hidden)];
            let f = pairs(&[("status", "open")]);
            write(iface, format!("{base}/{to_open}/step"), body(f), to_open)
        }
        ("POST", "/{id}/send") => write(iface, format!("{base}/{id}/send"), body(Vec::new()), id),
        ("POST", "/{id}/responses") => {
            let q = if hidden {
                s.hidden_question
            } else {
                s.question
            };
            let answer = json!({ "answers": { q.to_string(): format!("Typed in by {who}") } });
            write(
                iface,
                format!("{base}/{id}/responses"),
                Body::Json(answer),
                id,
            )
        }
        _ => return None,
    };
    Some(probe)
}

/// The portal's answer page, its form, and its thanks: the open survey about the public
/// engagement, or a draft (which the portal does not have).
fn portal(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let s = &w.surveys;
    let (key, shows) = if row.subject.starts_with("draft") {
        (&s.draft_key, "Kestrel draft survey")
    } else {
        (&s.key, SURVEY)
    };
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/surveys/{key}") => {
            Probe::read(Iface::Page, get(format!("/surveys/{key}"))).shows(&[shows])
        }
        ("GET", "/surveys/{key}/thanks") => {
            Probe::read(Iface::Page, get(format!("/surveys/{key}/thanks"))).shows(&[shows])
        }
        ("POST", "/surveys/{key}") => {
            let f = pairs(&[(
                &format!("q_{}", s.question),
                &format!("Answered by {}", p.column()),
            )]);
            Probe::new(
                Iface::Page,
                Judge::Write,
                post(format!("/surveys/{key}"), Body::Form(f)),
            )
        }
        _ => return None,
    };
    Some(by_key(probe, key))
}

/// A key no survey has.
const MISSING_KEY: &str = "00112233445566778899aabb";

/// The same request about a survey key that does not exist.
fn by_key(probe: Probe, key: &str) -> Probe {
    let req = Req {
        path: probe.real.path.replacen(key, MISSING_KEY, 1),
        ..probe.real.clone()
    };
    let swap = [(MISSING_KEY.to_string(), key.to_string())];
    probe.missing(req, &swaps(&swap))
}

/// A write about survey `id`.
fn write(iface: Iface, path: String, body: Body, id: i64) -> Probe {
    missing(Probe::new(iface, Judge::Write, post(path, body)), id)
}

/// The same request about a survey that does not exist.
fn missing(probe: Probe, id: i64) -> Probe {
    let path = probe
        .real
        .path
        .replacen(&format!("/{id}"), &format!("/{MISSING_ID}"), 1);
    let req = Req {
        path,
        ..probe.real.clone()
    };
    probe.missing(req, &swaps(&id_swap(id)))
}
