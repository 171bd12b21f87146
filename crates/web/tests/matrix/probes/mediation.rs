//! Probes of mediation: proposing it on a concern, a mediation's page and record (on the
//! officer's restricted and confidential concerns), and each of its forms; through the pages
//! and the JSON API.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{pairs, Kind, World, HIDDEN_MEDIATION, MEDIATION, MISSING_ID};

/// Mediation's pages and forms, and the same over the JSON API.
pub(super) fn mediation(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let api = row.path.starts_with("/api/");
    let (iface, base) = if api {
        (Iface::Api, "/api/v1")
    } else {
        (Iface::Page, "/staff")
    };
    let m = &w.mediations;
    let hidden = row.subject.contains("confidential");
    let (mut id, about) = if hidden {
        (m.confidential, HIDDEN_MEDIATION)
    } else {
        (m.restricted, MEDIATION)
    };
    let body = |fields: Vec<(String, String)>| {
        if api {
            let object = fields
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect();
            Body::Json(serde_json::Value::Object(object))
        } else {
            Body::Form(fields)
        }
    };
    let tail = row.path.strip_prefix(base)?;
    let who = format!("Kestrel {} {api}", p.column());
    let (path, fields) = match (row.method.as_str(), tail) {
        ("POST", "/mediations") => {
            let concern = w.concern(Kind::Restricted, Persona::Officer).id.to_string();
            let f = pairs(&[("concern", &concern), ("purpose", &who)]);
            let path = format!("{base}/mediations");
            return Some(Probe::new(iface, Judge::Write, post(path, body(f))));
        }
        ("GET", "/mediations/{id}") => {
            let path = format!("{base}/mediations/{id}");
            let probe = Probe::read(iface, get(path)).shows(&[about]);
            return Some(missing(probe, id));
        }
        ("POST", "/mediations/{id}/{form}" | "/mediations/{id}/parties") => (
            if api { "parties" } else { "party" },
            pairs(&[("name", &who), ("side", "other")]),
        ),
        ("POST", "/mediations/{id}/sessions") => (
            "sessions",
            pairs(&[
                ("held_at", "2026-11-20T15:00"),
                ("place", &who),
                ("attended", "Kestrel parties"),
            ]),
        ),
        ("POST", "/mediations/{id}/proposals") => (
            "proposals",
            pairs(&[("made_by", "Kestrel Mediator"), ("text", &who)]),
        ),
        ("POST", "/mediations/{id}/answers") => {
            let proposal = m.to_answer[&(p, api)].to_string();
            (
                "answers",
                pairs(&[("proposal", &proposal), ("answer", "accepted")]),
            )
        }
        ("POST", "/mediations/{id}/steps") => {
            id = m.to_accept[&(p, api)];
            ("steps", pairs(&[("step", "accept")]))
        }
        ("POST", "/mediations/{id}/terms") => {
            ("terms", pairs(&[("title", &who), ("due_on", "2030-03-01")]))
        }
        _ => return None,
    };
    let real = post(format!("{base}/mediations/{id}/{path}"), body(fields));
    Some(missing(Probe::new(iface, Judge::Write, real), id))
}

/// The same request about a mediation that does not exist.
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
