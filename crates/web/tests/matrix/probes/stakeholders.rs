//! Probes of the stakeholder register: the lists, each record's page and forms, and the
//! search box's people and organizations, about a restricted and a confidential record of
//! each kind.

use super::{id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{
    pairs, World, HIDDEN_ORGANIZATION, HIDDEN_PERSON, MISSING_ID, ORGANIZATION, PERSON,
};

/// One record a row is about: its id, name, tag, whether it is confidential, and the
/// address of its kind's pages.
struct Subject {
    id: i64,
    name: &'static str,
    tag: &'static str,
    hidden: bool,
    base: &'static str,
}

fn subject(w: &World<'_>, row: &Row, p: Persona) -> Option<Subject> {
    let r = &w.register;
    let (id, name, tag, hidden, base) = match row.subject.as_str() {
        "person" | "contact details" => (r.person, PERSON[0], PERSON[1], false, "/staff/people"),
        "confidential person" => (
            r.hidden_person,
            HIDDEN_PERSON[0],
            HIDDEN_PERSON[1],
            true,
            "/staff/people",
        ),
        "organization" => (
            r.organization,
            ORGANIZATION[0],
            ORGANIZATION[1],
            false,
            "/staff/organizations",
        ),
        "confidential organization" => (
            r.hidden_organization,
            HIDDEN_ORGANIZATION[0],
            HIDDEN_ORGANIZATION[1],
            true,
            "/staff/organizations",
        ),
        "relationship" => (r.membership, "", "", false, "/staff/relationships"),
        "erasable person" => {
            let api = row.path.starts_with("/api/");
            (r.erasable[&(p, api)], "", "", false, "/staff/people")
        }
        "relationship with a confidential person" => {
            (r.hidden_leadership, "", "", true, "/staff/relationships")
        }
        "new person" | "person form" => (0, "", "", false, "/staff/people"),
        "new organization" | "organization form" => (0, "", "", false, "/staff/organizations"),
        _ => return None,
    };
    Some(Subject {
        id,
        name,
        tag,
        hidden,
        base,
    })
}

/// The fields a form sends to keep the record as the world built it, with notes of the
/// persona's own so that each allowed write changes something.
fn fields(w: &World<'_>, s: &Subject, p: Persona) -> Vec<(String, String)> {
    let notes = format!("Talked with {} today", p.column());
    let officer = w.user(Persona::Officer).id.to_string();
    let mut f = vec![
        ("name", s.name),
        ("tags", s.tag),
        ("notes", notes.as_str()),
        (
            "confidentiality",
            if s.hidden {
                "confidential"
            } else {
                "restricted"
            },
        ),
        ("owner", if s.hidden { officer.as_str() } else { "" }),
    ];
    if s.base.ends_with("/organizations") {
        f.push(("organization_type", "residents_association"));
        if !s.hidden {
            f.push(("emails", ORGANIZATION[2]));
        }
    } else if !s.hidden {
        f.push(("emails", PERSON[2]));
        f.push(("phones", PERSON[3]));
    }
    pairs(&f)
}

/// The register's pages and forms, and the same over the JSON API.
pub(super) fn register(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    if let ("GET", Some(base)) = (row.method.as_str(), row.path.strip_suffix("/grid")) {
        return Some(Probe::read(Iface::Page, get(row.path.clone())).shows(&["Manage closely"]))
            .filter(|_| base == "/staff/people" || base == "/staff/organizations");
    }
    // Saved lists: one saved by each persona, and each persona's own forgotten.
    match (row.method.as_str(), row.path.as_str()) {
        ("POST", "/staff/people/lists" | "/staff/organizations/lists") => {
            let name = format!("Kestrel saved by {}", p.column());
            let f = pairs(&[("name", &name), ("query", "tag=kestrelperson")]);
            return Some(Probe::new(
                Iface::Page,
                Judge::Write,
                post(row.path.clone(), Body::Form(f)),
            ));
        }
        ("POST", "/staff/lists/{id}/delete") => {
            let id = w.log.lists[&p];
            let path = format!("/staff/lists/{id}/delete");
            let missing = post(
                format!("/staff/lists/{MISSING_ID}/delete"),
                Body::Form(Vec::new()),
            );
            return Some(
                Probe::new(
                    Iface::Page,
                    Judge::Write,
                    post(path, Body::Form(Vec::new())),
                )
                .missing(missing, &swaps(&id_swap(id))),
            );
        }
        _ => {}
    }
    let mut s = subject(w, row, p)?;
    let api = row.path.starts_with("/api/");
    let iface = if api {
        s.base = match s.base {
            "/staff/people" => "/api/v1/people",
            "/staff/organizations" => "/api/v1/organizations",
            _ => "/api/v1/relationships",
        };
        Iface::Api
    } else {
        Iface::Page
    };
    // The same fields, as a form or as a JSON object (lists as arrays).
    let body = |fields: Vec<(String, String)>| {
        if !api {
            return Body::Form(fields);
        }
        let mut object = serde_json::Map::new();
        for (k, v) in fields {
            let list = ["tags", "emails", "phones"].contains(&k.as_str());
            let value = if list {
                serde_json::json!([v])
            } else {
                serde_json::json!(v)
            };
            object.insert(k, value);
        }
        Body::Json(serde_json::Value::Object(object))
    };
    let record = |probe: Probe, path: &str| {
        let missing = path.replacen(
            &format!("{}/{}", s.base, s.id),
            &format!("{}/{MISSING_ID}", s.base),
            1,
        );
        let req = Req {
            path: missing,
            ..probe.real.clone()
        };
        probe.missing(req, &swaps(&id_swap(s.id)))
    };
    let page = |suffix: &str| format!("{}/{}{suffix}", s.base, s.id);
    let path = row.path.replace("/staff/", "/api/v1/");
    let probe = match (row.method.as_str(), path.as_str()) {
        ("GET", "/api/v1/people" | "/api/v1/organizations") => {
            Probe::new(iface, Judge::List, get(format!("{}?tag={}", s.base, s.tag)))
                .shows(&[s.name])
        }
        ("GET", "/api/v1/people/export.csv" | "/api/v1/organizations/export.csv")
        | ("GET", "/api/v1/people/export.vcf") => {
            let ext = &path[path.len() - 3..];
            let shows = if row.subject == "contact details" {
                PERSON[2]
            } else {
                s.name
            };
            let list = get(format!("{}/export.{ext}?tag={}", s.base, s.tag));
            Probe::new(Iface::Page, Judge::List, list).shows(&[shows])
        }
        ("GET", "/api/v1/people/{id}/vcard") => {
            let shows = if row.subject == "contact details" {
                PERSON[2]
            } else {
                s.name
            };
            let path = page("/vcard");
            record(Probe::read(iface, get(&path)).shows(&[shows]), &path)
        }
        ("GET", "/api/v1/people/{id}/timeline" | "/api/v1/organizations/{id}/timeline") => {
            // Every record's timeline holds lines of its own (its creation, at least).
            let path = page("/timeline");
            record(
                Probe::read(iface, get(&path)).shows(&["\"source\":\"change\""]),
                &path,
            )
        }
        ("GET", "/api/v1/people/new" | "/api/v1/organizations/new") => {
            Probe::read(Iface::Page, get(format!("{}/new", s.base))).shows(&["name=\"tags\""])
        }
        ("POST", "/api/v1/people" | "/api/v1/organizations") => {
            let name = format!("Kestrel Newcomer {} {}", p.column(), iface_word(iface));
            let mut f = vec![("name", name.as_str())];
            if s.base.ends_with("/organizations") {
                f.push(("organization_type", "school"));
            }
            Probe::new(iface, Judge::Write, post(s.base, body(pairs(&f))))
        }
        ("GET", "/api/v1/people/{id}" | "/api/v1/organizations/{id}") => {
            let shows = if row.subject == "contact details" {
                PERSON[2]
            } else {
                s.tag
            };
            let path = page("");
            record(Probe::read(iface, get(&path)).shows(&[shows]), &path)
        }
        ("GET", "/api/v1/people/{id}/edit" | "/api/v1/organizations/{id}/edit") => {
            let path = page("/edit");
            record(
                Probe::read(Iface::Page, get(&path)).shows(&["name=\"tags\""]),
                &path,
            )
        }
        (
            "POST",
            "/api/v1/people/{id}/relationships" | "/api/v1/organizations/{id}/relationships",
        ) => {
            // A person joins the restricted organization; an organization partners the
            // other restricted one. Each persona's with a title of its own.
            let (kind, with_kind, with) = if s.base.ends_with("/people") {
                ("member", "organization", w.register.organization)
            } else {
                (
                    "partner_of",
                    "organization",
                    w.register.partner_organization,
                )
            };
            let with = format!("#{with}");
            let title = format!("Kestrel {}", p.column());
            let f = pairs(&[
                ("kind", kind),
                ("with_kind", with_kind),
                ("with", &with),
                ("title", &title),
            ]);
            let path = page("/relationships");
            record(Probe::new(iface, Judge::Write, post(&path, body(f))), &path)
        }
        ("POST", "/api/v1/people/{id}/merge" | "/api/v1/organizations/{id}/merge") => {
            let organization = s.base.ends_with("/organizations");
            let dup = w.log.duplicates[&(p, organization, s.hidden, api)];
            let path = page("/merge");
            let f = pairs(&[("duplicate", &format!("#{dup}"))]);
            record(Probe::new(iface, Judge::Write, post(&path, body(f))), &path)
        }
        ("POST", "/api/v1/people/{id}/export") => {
            let path = page("/export");
            let shows = if s.name.is_empty() {
                "\"timeline\""
            } else {
                s.name
            };
            record(
                Probe::read(iface, post(&path, body(Vec::new()))).shows(&[shows]),
                &path,
            )
        }
        ("POST", "/api/v1/people/{id}/erase") => {
            let path = page("/erase");
            record(
                Probe::new(
                    iface,
                    Judge::Write,
                    post(&path, body(pairs(&[("confirm", "yes")]))),
                ),
                &path,
            )
        }
        ("POST", "/api/v1/people/{id}/consent") => {
            // Each persona records a different day, so each allowed write changes it.
            let day = format!("2026-02-{:02}", p as usize + 1);
            let mut f = pairs(&[
                ("channels", "email"),
                ("purposes", "invitations"),
                ("given_on", &day),
                ("method", "verbal"),
            ]);
            let json_lists = api;
            let path = page("/consent");
            let sent = if json_lists {
                let mut object = serde_json::Map::new();
                for (k, v) in f.drain(..) {
                    let list = k == "channels" || k == "purposes";
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
            } else {
                Body::Form(f)
            };
            record(Probe::new(iface, Judge::Write, post(&path, sent)), &path)
        }
        ("POST", "/api/v1/relationships/{id}/end") => {
            // A day of each persona's own, so that each allowed end changes something.
            let day = format!("2030-01-{:02}", p as usize + 1);
            let path = page("/end");
            record(
                Probe::new(
                    iface,
                    Judge::Write,
                    post(&path, body(pairs(&[("ends_on", &day)]))),
                ),
                &path,
            )
        }
        ("POST", "/api/v1/people/{id}" | "/api/v1/organizations/{id}") => {
            let path = page("");
            let mut f = fields(w, &s, p);
            if api {
                // Each write changes something, whichever interface made the one before.
                f.retain(|(k, _)| k != "notes");
                f.push(("notes".into(), format!("Called {} today", p.column())));
            }
            record(Probe::new(iface, Judge::Write, post(&path, body(f))), &path)
        }
        _ => return None,
    };
    Some(probe)
}

fn iface_word(iface: Iface) -> &'static str {
    match iface {
        Iface::Api => "api",
        _ => "page",
    }
}

/// The search box's people and organizations: found by a tag, and the person by phone.
pub(super) fn search(w: &World<'_>, row: &Row, _p: Persona) -> Option<Probe> {
    let (words, name) = match row.subject.as_str() {
        "person by phone" => ("555-777-0101", PERSON[0]),
        _ => {
            let s = subject(w, row, _p)?;
            (s.tag, s.name)
        }
    };
    Some(
        Probe::new(
            Iface::Page,
            Judge::List,
            get(format!("/staff/search?q={words}")),
        )
        .shows(&[name]),
    )
}
