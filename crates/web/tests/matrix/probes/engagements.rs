//! Probes of engagements over the JSON API: the list, one engagement (public, and
//! confidential organized by the officer), planning one, changing its plan, publishing or
//! calling it off, its minutes and agenda, its door list, registrations, places given up,
//! walk-ins, commitments made and concerns raised there; and the engagements' files.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, After, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{
    pairs, Kind, World, COMMITMENT, ENGAGEMENT, HIDDEN_ENGAGEMENT, MISSING_ID, PHOTO, REGISTRANT,
    SAID_AND_DONE, UNPUBLISHED_ENGAGEMENT,
};

/// Whether a row is about engagements: the JSON API's, the staff pages' and the portal's.
pub(super) fn covers(path: &str) -> bool {
    [
        "/api/v1/engagements",
        "/staff/engagements",
        "/engagements",
        "/registrations/",
        "/invitations/",
        "/you-said-we-did",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// The probe of an engagement row.
pub(super) fn engagement(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    if row.path.starts_with("/api/") {
        api(w, row, p)
    } else if row.path.starts_with("/staff/") {
        staff(w, row, p)
    } else {
        portal(w, row, p)
    }
}

/// A secret no link has.
const MISSING_SECRET: &str = "0123456789abcdef0123456789abcdef";

/// The engagement rows of the staff pages.
fn staff(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let base = "/staff/engagements";
    let hidden = row.subject.contains("confidential");
    let (id, about) = if hidden {
        (w.confidential_engagement, HIDDEN_ENGAGEMENT)
    } else {
        (w.engagement, ENGAGEMENT)
    };
    let who = format!("Kestrel {} page", p.column());
    let officer = w.user(Persona::Officer).id.to_string();
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/staff/engagements") => {
            Probe::new(Iface::Page, Judge::List, get(base)).shows(&[about])
        }
        ("GET", "/staff/engagements/export.csv") => {
            Probe::new(Iface::Page, Judge::List, get(format!("{base}/export.csv"))).shows(&[about])
        }
        ("POST", "/staff/engagements") => {
            let title = format!("Kestrel engagement planned by {who}");
            let f = plan(&title, "public", &officer);
            Probe::new(Iface::Page, Judge::Write, post(base, Body::Form(f)))
        }
        ("GET", "/staff/engagements/new") => {
            Probe::read(Iface::Page, get(format!("{base}/new"))).shows(&["name=\"title\""])
        }
        ("GET", "/staff/engagements/{id}") => missing(
            Probe::read(Iface::Page, get(format!("{base}/{id}"))).shows(&[about]),
            id,
        ),
        ("GET", "/staff/engagements/{id}/{form}") if row.subject.starts_with("door") => missing(
            Probe::read(Iface::Page, get(format!("{base}/{id}/door"))).shows(&[REGISTRANT]),
            id,
        ),
        ("GET", "/staff/engagements/{id}/{form}") => missing(
            Probe::read(Iface::Page, get(format!("{base}/{id}/plan"))).shows(&[about]),
            id,
        ),
        ("POST", "/staff/engagements/{id}/attachments") => {
            let body = Body::Multipart(Vec::new(), "attachment", "kestrel-sheet.jpg".into());
            missing(
                Probe::new(
                    Iface::Page,
                    Judge::Write,
                    post(format!("{base}/{id}/attachments"), body),
                ),
                id,
            )
        }
        ("GET", "/staff/engagements/{id}/attachments/{attachment}") => {
            let file = if hidden {
                w.engagements.files.1
            } else {
                w.engagements.files.0
            };
            Probe::read(Iface::Page, get(format!("{base}/{id}/attachments/{file}")))
                .shows_bytes(PHOTO)
                .missing(
                    get(format!("{base}/{MISSING_ID}/attachments/{MISSING_ID}")),
                    &[],
                )
        }
        ("POST", "/staff/engagements/{id}/{form}") if row.subject.starts_with("invitation") => {
            let person = w.engagements.invitees[&(p, false)];
            let f = pairs(&[("people", &format!("#{person}"))]);
            missing(
                Probe::new(
                    Iface::Page,
                    Judge::Write,
                    post(format!("{base}/{id}/invite"), Body::Form(f)),
                ),
                id,
            )
        }
        ("POST", "/staff/engagements/{id}/{form}") => {
            let f = pairs(&[("minutes", &format!("Minutes of {who}"))]);
            missing(
                Probe::new(
                    Iface::Page,
                    Judge::Write,
                    post(format!("{base}/{id}/minutes"), Body::Form(f)),
                ),
                id,
            )
        }
        _ => return None,
    };
    Some(probe)
}

/// The engagement rows of the portal.
fn portal(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let (id, about) = match row.subject.as_str() {
        "unpublished engagement" => (w.engagements.planned, UNPUBLISHED_ENGAGEMENT),
        "confidential engagement" => (w.confidential_engagement, HIDDEN_ENGAGEMENT),
        _ => (w.engagement, ENGAGEMENT),
    };
    let read = |path: String| Probe::read(Iface::Page, get(path));
    let by_secret = |probe: Probe, secret: &str| {
        let req = Req {
            path: probe.real.path.replacen(secret, MISSING_SECRET, 1),
            ..probe.real.clone()
        };
        let swap = [(MISSING_SECRET.to_string(), secret.to_string())];
        probe.missing(req, &swaps(&swap))
    };
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/engagements") => {
            Probe::new(Iface::Page, Judge::List, get("/engagements")).shows(&[about])
        }
        ("GET", "/engagements.ics") => {
            Probe::new(Iface::Page, Judge::List, get("/engagements.ics")).shows(&[about])
        }
        ("GET", "/engagements/{id}") => {
            missing(read(format!("/engagements/{id}")).shows(&[about]), id)
        }
        ("POST", "/engagements/{id}/register") => {
            let f = pairs(&[("name", &format!("Kestrel portal registrant {}", p.column()))]);
            missing(
                Probe::new(
                    Iface::Page,
                    Judge::Write,
                    post(format!("/engagements/{id}/register"), Body::Form(f)),
                ),
                id,
            )
        }
        ("GET", "/registrations/{secret}") => {
            let secret = &w.engagements.cancel_link;
            by_secret(
                read(format!("/registrations/{secret}")).shows(&[ENGAGEMENT]),
                secret,
            )
        }
        ("POST", "/registrations/{secret}") => {
            let secret = &w.engagements.cancel_links[&p];
            let req = post(format!("/registrations/{secret}"), Body::Form(Vec::new()));
            by_secret(Probe::new(Iface::Page, Judge::Write, req), secret)
        }
        ("GET", "/invitations/{secret}") => {
            let secret = &w.engagements.answer_links[&p];
            by_secret(
                read(format!("/invitations/{secret}")).shows(&[ENGAGEMENT]),
                secret,
            )
        }
        ("POST", "/invitations/{secret}") => {
            let secret = &w.engagements.answer_links[&p];
            let f = pairs(&[("response", "maybe")]);
            let req = post(format!("/invitations/{secret}"), Body::Form(f));
            by_secret(Probe::new(Iface::Page, Judge::Write, req), secret)
        }
        ("GET", "/attachments/{id}/{name}") => {
            let (file, name) = &w.engagements.public_file;
            Probe::read(Iface::Page, get(format!("/attachments/{file}/{name}")))
                .shows_bytes(PHOTO)
                .missing(
                    get(format!("/attachments/{MISSING_ID}/{name}")),
                    &swaps(&id_swap(*file)),
                )
        }
        ("GET", "/you-said-we-did") => {
            let shown = if row.subject.starts_with("public") {
                SAID_AND_DONE
            } else {
                COMMITMENT
            };
            Probe::new(Iface::Page, Judge::List, get("/you-said-we-did")).shows(&[shown])
        }
        _ => return None,
    };
    Some(probe)
}

/// The engagement rows of the JSON API.
fn api(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let base = "/api/v1/engagements";
    let hidden = row.subject.contains("confidential");
    let (mut id, about) = if hidden {
        (w.confidential_engagement, HIDDEN_ENGAGEMENT)
    } else {
        (w.engagement, ENGAGEMENT)
    };
    let body = |fields: Vec<(String, String)>| {
        let object = fields
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        Body::Json(serde_json::Value::Object(object))
    };
    let who = format!("Kestrel {} api", p.column());
    let tail = row.path.strip_prefix(base)?;
    let (method, tail) = (row.method.as_str(), tail);
    if method == "GET" {
        return Some(match tail {
            "" => Probe::new(
                Iface::Api,
                Judge::List,
                get(format!("{base}?view=upcoming")),
            )
            .shows(&[about]),
            "/{id}" => missing(
                Probe::read(Iface::Api, get(format!("{base}/{id}"))).shows(&[about]),
                id,
            ),
            "/{id}/registrations" => missing(
                Probe::read(Iface::Api, get(format!("{base}/{id}/registrations")))
                    .shows(&[REGISTRANT]),
                id,
            ),
            _ => return None,
        });
    }
    if tail.is_empty() {
        let title = format!("Kestrel engagement planned by {}", p.column());
        let f = plan(&title, "public", &w.user(Persona::Officer).id.to_string());
        return Some(Probe::new(Iface::Api, Judge::Write, post(base, body(f))));
    }
    let mut after = After::Nothing;
    let fields = match tail {
        // A new title each time, so an allowed change changes something; the organizer
        // stays the officer.
        "/{id}" => plan(
            &format!("{about} — changed by {}", p.column()),
            if hidden { "confidential" } else { "public" },
            &w.user(Persona::Officer).id.to_string(),
        ),
        "/{id}/step" if hidden => {
            id = w.engagements.to_cancel[&(p, true)];
            pairs(&[("status", "cancelled"), ("reason", &who)])
        }
        "/{id}/step" => {
            id = w.engagements.to_publish[&(p, true)];
            pairs(&[("status", "published")])
        }
        "/{id}/minutes" => pairs(&[("minutes", &format!("Minutes of {who}"))]),
        "/{id}/items" => pairs(&[("title", &format!("Item of {who}"))]),
        "/{id}/registrations" => pairs(&[("name", &format!("Registered by {who}"))]),
        "/{id}/unregister" => {
            let r = w.engagements.to_unregister[&(p, true, hidden)];
            pairs(&[("registration", &r.to_string())])
        }
        "/{id}/attendance" => pairs(&[("name", &format!("Walked in past {who}"))]),
        "/{id}/commitments" => pairs(&[
            ("title", &format!("Promised at {who}")),
            ("due_on", "2030-03-01"),
        ]),
        "/{id}/invitations" => {
            let person = w.engagements.invitees[&(p, true)];
            pairs(&[("people", &format!("#{person}"))])
        }
        "/{id}/concerns" => {
            let c = w.concern(Kind::Restricted, Persona::Officer);
            after = After::Unlink(c.id);
            pairs(&[("concern", &c.reference)])
        }
        _ => return None,
    };
    let path = format!("{base}/{id}{}", tail.strip_prefix("/{id}").unwrap_or(tail));
    let probe = Probe::new(Iface::Api, Judge::Write, post(path, body(fields))).after(after);
    Some(missing(probe, id))
}

/// A plan, as the API's body sends it.
fn plan(title: &str, level: &str, organizer: &str) -> Vec<(String, String)> {
    pairs(&[
        ("kind", "forum"),
        ("title", title),
        ("starts_at", "2030-06-01T18:00"),
        ("ends_at", "2030-06-01T20:00"),
        ("address", "Kestrel Hall, 1 Quarry Road"),
        ("languages", "en"),
        ("organizer", organizer),
        ("confidentiality", level),
    ])
}

/// The same request about an engagement that does not exist.
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
