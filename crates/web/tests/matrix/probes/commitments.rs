//! Probes of the commitments register: the list, one commitment (restricted, and
//! confidential kept by the officer), recording one, changing its terms and recording its
//! progress; through the pages and the JSON API.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{pairs, World, COMMITMENT, HIDDEN_COMMITMENT, MISSING_ID};

/// The register's pages and forms, and the same over the JSON API.
pub(super) async fn register(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let api = row.path.starts_with("/api/");
    let (iface, base) = if api {
        (Iface::Api, "/api/v1")
    } else {
        (Iface::Page, "/staff")
    };
    let hidden = row.subject.contains("confidential");
    let (id, about, level) = if hidden {
        (w.commitments.1, HIDDEN_COMMITMENT, "confidential")
    } else {
        (w.commitments.0, COMMITMENT, "restricted")
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
    let record = |probe: Probe| {
        let missing = probe
            .real
            .path
            .replacen(&format!("/{id}"), &format!("/{MISSING_ID}"), 1);
        let req = Req {
            path: missing,
            ..probe.real.clone()
        };
        probe.missing(req, &swaps(&id_swap(id)))
    };
    let tail = row.path.strip_prefix(base)?;
    let probe = match (row.method.as_str(), tail) {
        ("GET", "/commitments") => Probe::new(
            iface,
            Judge::List,
            get(format!("{base}/commitments?view=open")),
        )
        .shows(&[about]),
        ("GET", "/commitments/export.csv") => Probe::new(
            iface,
            Judge::List,
            get(format!("{base}/commitments/export.csv?view=open")),
        )
        .shows(&[about]),
        ("POST", "/commitments") => {
            let title = format!("Kestrel promise of {} {api}", p.column());
            let f = pairs(&[("title", &title), ("due_on", "2030-02-01")]);
            Probe::new(
                iface,
                Judge::Write,
                post(format!("{base}/commitments"), body(f)),
            )
        }
        ("GET", "/commitments/{id}") => {
            record(Probe::read(iface, get(format!("{base}/commitments/{id}"))).shows(&[about]))
        }
        ("POST", "/commitments/{id}" | "/commitments/{id}/{form}")
            if !row.subject.starts_with("progress") =>
        {
            // A new title each time, so an allowed change changes something.
            let title = format!("{about} — changed by {} {api}", p.column());
            let f = pairs(&[
                ("title", &title),
                ("due_on", "2030-01-31"),
                ("owner", &owner(w, hidden)),
                ("confidentiality", level),
            ]);
            let path = if api {
                format!("{base}/commitments/{id}")
            } else {
                format!("{base}/commitments/{id}/terms")
            };
            record(Probe::new(iface, Judge::Write, post(path, body(f))))
        }
        ("POST", "/commitments/{id}/progress" | "/commitments/{id}/{form}") => {
            // Back and forth between open and in progress.
            let now = w.h.app.commitments().get(w.admin(), id).await.ok()?;
            let to = if now.commitment.status.as_str() == "open" {
                "in_progress"
            } else {
                "open"
            };
            let f = pairs(&[("status", to)]);
            let path = format!("{base}/commitments/{id}/progress");
            record(Probe::new(iface, Judge::Write, post(path, body(f))))
        }
        _ => return None,
    };
    Some(probe)
}

/// Who keeps the commitment: the officer the confidential one, the administrator the other.
fn owner(w: &World<'_>, hidden: bool) -> String {
    let p = if hidden {
        Persona::Officer
    } else {
        Persona::Admin
    };
    w.user(p).id.to_string()
}
