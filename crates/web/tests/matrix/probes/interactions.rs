//! Probes of the engagement log: the log and one interaction (restricted, and confidential
//! kept by the officer), logging and changing one, follow-ups added, done and opened
//! again, the task list, key stakeholders not contacted, and concerns linked to people.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{
    contacts_file, pairs, Kind, World, HIDDEN_INTERACTION, INTERACTION, KEY, MISSING_ID,
};

/// Whether a row is the engagement log's (or the register's imports).
pub(super) fn covers(path: &str) -> bool {
    [
        "/interactions",
        "/follow-ups",
        "/tasks",
        "/not-contacted",
        "/concerns",
        "/import",
    ]
    .iter()
    .any(|part| path.contains(part))
        && (path.starts_with("/staff/") || path.starts_with("/api/v1/"))
        && !path.starts_with("/staff/concerns")
        && !path.starts_with("/api/v1/concerns")
}

/// A form's fields, or the same as a JSON object (lists as arrays).
fn body(api: bool, fields: Vec<(String, String)>) -> Body {
    if !api {
        return Body::Form(fields);
    }
    let mut object = serde_json::Map::new();
    for (k, v) in fields {
        let list = ["people", "topics"].contains(&k.as_str());
        object.insert(
            k,
            if list {
                serde_json::json!([v])
            } else {
                serde_json::json!(v)
            },
        );
    }
    Body::Json(serde_json::Value::Object(object))
}

/// The log's pages and forms, and the same over the JSON API.
pub(super) fn log(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let api = row.path.starts_with("/api/");
    let (iface, base) = if api {
        (Iface::Api, "/api/v1")
    } else {
        (Iface::Page, "/staff")
    };
    let l = &w.log;
    let hidden = row.subject.starts_with("confidential");
    let (id, about) = if hidden {
        (l.hidden_interaction, HIDDEN_INTERACTION)
    } else {
        (l.interaction, INTERACTION)
    };
    let person = format!("#{}", w.register.person);
    // A record's probe, with the same request about a record that does not exist.
    let record = |probe: Probe, id: i64| {
        let missing = probe
            .real
            .path
            .replacen(&format!("/{id}"), &format!("/{MISSING_ID}"), 1);
        let req = crate::matrix::judge::Req {
            path: missing,
            ..probe.real.clone()
        };
        probe.missing(req, &swaps(&id_swap(id)))
    };
    let tail = row.path.strip_prefix(base)?;
    let probe = match (row.method.as_str(), tail) {
        ("GET", "/interactions") => Probe::new(
            iface,
            Judge::List,
            get(format!("{base}/interactions?topic={}", about[1])),
        )
        .shows(&[about[0]]),
        ("GET", "/interactions/export.csv") => Probe::new(
            iface,
            Judge::List,
            get(format!("{base}/interactions/export.csv?topic={}", about[1])),
        )
        .shows(&[about[0]]),
        ("GET", "/interactions/new") => Probe::read(
            iface,
            get(format!(
                "/staff/interactions/new?people={}",
                w.register.person
            )),
        )
        .shows(&["name=\"summary\""]),
        ("POST", "/interactions") => {
            let summary = format!("Kestrel logged by {} {api}", p.column());
            let f = pairs(&[
                ("kind", "call"),
                ("happened_on", "2026-02-01"),
                ("summary", &summary),
                ("people", &person),
            ]);
            Probe::new(
                iface,
                Judge::Write,
                post(format!("{base}/interactions"), body(api, f)),
            )
        }
        ("GET", "/interactions/{id}") => {
            let path = format!("{base}/interactions/{id}");
            record(Probe::read(iface, get(path)).shows(&[about[0]]), id)
        }
        ("GET", "/interactions/{id}/edit") => {
            let path = format!("/staff/interactions/{id}/edit");
            record(Probe::read(iface, get(path)).shows(&[about[0]]), id)
        }
        ("POST", "/interactions/{id}") => {
            let summary = format!("{} — changed by {} {api}", about[0], p.column());
            let level = if hidden { "confidential" } else { "restricted" };
            let f = pairs(&[
                ("kind", "meeting"),
                ("happened_on", "2026-01-15"),
                ("summary", &summary),
                ("topics", about[1]),
                ("people", &person),
                ("confidentiality", level),
            ]);
            let path = format!("{base}/interactions/{id}");
            record(
                Probe::new(iface, Judge::Write, post(path, body(api, f))),
                id,
            )
        }
        ("POST", "/interactions/{id}/follow-ups") => {
            let what = format!("Kestrel promise of {} {api}", p.column());
            let f = pairs(&[("follow_up", &what), ("follow_up_due_on", "2030-02-01")]);
            let path = format!("{base}/interactions/{id}/follow-ups");
            record(
                Probe::new(iface, Judge::Write, post(path, body(api, f))),
                id,
            )
        }
        ("POST", "/follow-ups/{id}/done" | "/follow-ups/{id}/reopen") => {
            let (map, word) = if tail.ends_with("/done") {
                (&l.open, "done")
            } else {
                (&l.done, "reopen")
            };
            let id = map[&(p, api)];
            let path = format!("{base}/follow-ups/{id}/{word}");
            let back = pairs(&[("interaction", &l.interaction.to_string())]);
            record(
                Probe::new(iface, Judge::Write, post(path, body(api, back))),
                id,
            )
        }
        ("GET", "/tasks") => {
            let shows = if api { "\"items\"" } else { "name=\"back\"" };
            Probe::read(iface, get(format!("{base}/tasks"))).shows(&[shows])
        }
        ("GET", "/people/not-contacted") => {
            Probe::read(iface, get("/staff/people/not-contacted")).shows(&[KEY[0]])
        }
        ("GET", "/organizations/not-contacted") => {
            Probe::read(iface, get("/staff/organizations/not-contacted")).shows(&[KEY[1]])
        }
        ("POST", "/people/{id}/concerns") => {
            let id = l.linkable[&(p, api)];
            let reference = &w.concern(Kind::Public, Persona::Officer).reference;
            let f = pairs(&[("reference", reference)]);
            let path = format!("{base}/people/{id}/concerns");
            record(
                Probe::new(iface, Judge::Write, post(path, body(api, f))),
                id,
            )
        }
        ("POST", "/people/{id}/concerns/{concern}/unlink") => {
            let id = l.linked[&(p, api)];
            let concern = w.concern(Kind::Public, Persona::Officer).id;
            let path = format!("/staff/people/{id}/concerns/{concern}/unlink");
            record(
                Probe::new(iface, Judge::Write, post(path, Body::Form(Vec::new()))),
                id,
            )
        }
        ("GET", "/people/import") => {
            Probe::read(iface, get("/staff/people/import")).shows(&["name=\"file\""])
        }
        ("POST", "/people/import") => {
            let file = contacts_file(p.column());
            let sent = Body::File("file", "contacts.csv".into(), "text/csv", file);
            Probe::new(iface, Judge::Write, post("/staff/people/import", sent))
        }
        ("GET", "/imports/{id}") => {
            let path = format!("/staff/imports/{}", l.import);
            record(
                Probe::read(iface, get(path)).shows(&["Kestrel Imported preview"]),
                l.import,
            )
        }
        ("POST", "/imports/{id}/mapping") => {
            // Each persona reads the columns its own way, so each allowed write changes them.
            let words = ["name", "email", "organization"];
            let first = ["title", "notes", "tags", "addressed_as", "language"][p as usize % 5];
            let f = pairs(&[
                ("columns", words[0]),
                ("columns", words[1]),
                ("columns", first),
            ]);
            let path = format!("/staff/imports/{}/mapping", l.import);
            record(
                Probe::new(iface, Judge::Write, post(path, Body::Form(f))),
                l.import,
            )
        }
        ("POST", "/imports/{id}/start") => {
            let id = l.imports[&p];
            let path = format!("/staff/imports/{id}/start");
            record(
                Probe::new(iface, Judge::Write, post(path, Body::Form(Vec::new()))),
                id,
            )
        }
        _ => return None,
    };
    Some(probe)
}
