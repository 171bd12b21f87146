//! Probes of the JSON API and of Open311.

use serde_json::json;

use super::concerns::{assignee, step};
use super::{concern, field, missing_reference, search_words};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, Iface, Judge, Probe, Req};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{
    pairs, Kind, World, IDENTITY, INTERNAL, MISSING_CODE, MISSING_ID, UPDATE,
};

/// The JSON API.
pub(super) async fn api(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let read = |path: &str| Probe::read(Iface::Api, get(path));
    let write = |req: Req| Probe::new(Iface::Api, Judge::Write, req);
    let missing_one = format!("/api/v1/concerns/{MISSING_ID}");
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/api/v1/") => read("/api/v1/").shows(&["Liaison"]),
        ("GET", "/api/v1/openapi.json") => read("/api/v1/openapi.json").shows(&["\"openapi\""]),
        ("GET", "/api/v1/concerns") => {
            let (path, c) = if row.subject == "search by reporter name" {
                (
                    "/api/v1/concerns?view=all&sort=oldest&limit=200&q=Mokoena",
                    w.concern(Kind::Public, p),
                )
            } else {
                (
                    "/api/v1/concerns?view=all&sort=oldest&limit=200",
                    concern(w, row, p)?,
                )
            };
            Probe::new(Iface::Api, Judge::List, get(path)).shows(&[&c.reference, &c.description])
        }
        ("GET", "/api/v1/reports") => read("/api/v1/reports").shows(&["grievances"]),
        ("GET", "/api/v1/reports/{report}") => {
            read("/api/v1/reports/grievances").shows(&["Resolved within target"])
        }
        ("GET", "/api/v1/concerns.csv") => {
            super::concern_export(w, row, p, Iface::Api, "/api/v1/concerns.csv")?
        }
        ("GET", "/api/v1/search") => {
            let (q, c) = search_words(w, row, p)?;
            Probe::new(
                Iface::Api,
                Judge::List,
                get(format!("/api/v1/search?q={q}")),
            )
            .shows(&[&c.reference, &c.description])
        }
        ("POST", "/api/v1/mail/inbound") => {
            let message = format!(
                "From: Nomsa Khumalo <nomsa@example.org>\r\nTo: office@liaison.test\r\n\
                 Subject: Kestrel mail passed on by {}\r\n\r\nThe culvert is blocked again.\r\n",
                p.column()
            );
            write(post(
                "/api/v1/mail/inbound",
                Body::Raw("message/rfc822", message.into_bytes()),
            ))
        }
        ("POST", "/api/v1/concerns") => write(post(
            "/api/v1/concerns",
            Body::Json(json!({
                "category": w.public_category.0,
                "description": format!("Kestrel call logged by {}", p.column()),
                "channel": "phone",
                "confidentiality": "restricted",
                "reporter_name": "Nomsa Khumalo",
                "reporter_language": "en",
            })),
        )),
        ("GET", "/api/v1/concerns/{id}") => {
            let (c, shows) = match field(w, row, p) {
                Some(x) => x,
                None => {
                    let c = concern(w, row, p)?;
                    (c, vec![c.description.as_str()])
                }
            };
            read(&format!("/api/v1/concerns/{}", c.id))
                .shows(&shows)
                .missing(get(&missing_one), &[])
        }
        ("POST", path) if path.starts_with("/api/v1/concerns/{id}/") => {
            let c = if row.subject.starts_with("appeal") {
                &w.resolved
            } else {
                concern(w, row, p)?
            };
            let asks = match path.rsplit('/').next() {
                Some("transitions") => "act",
                Some("assignment") => "assign",
                _ => row.subject.as_str(),
            };
            let (form, fields, after) = step(w, asks, c, p).await?;
            let (tail, body) = match form {
                "act" => ("transitions", json!({"action": fields[0].1})),
                "assign" => ("assignment", json!({"assignee": assignee(w, p)})),
                "satisfaction" => (
                    "satisfaction",
                    json!({"satisfied": fields[0].1, "via": fields[1].1, "reason": fields[2].1}),
                ),
                "appeal" => (
                    "appeals",
                    json!({"via": fields[0].1, "grounds": fields[1].1}),
                ),
                _ => (
                    "notes",
                    json!({"body": fields[0].1, "public": fields[1].1 == "public"}),
                ),
            };
            if !path.ends_with(tail) {
                return None;
            }
            write(post(
                format!("/api/v1/concerns/{}/{tail}", c.id),
                Body::Json(body.clone()),
            ))
            .missing(post(format!("{missing_one}/{tail}"), Body::Json(body)), &[])
            .after(after)
        }
        ("GET", "/api/v1/categories") => read("/api/v1/categories").shows(&[&w.public_category.1]),
        ("GET", "/api/v1/categories/{id}/rules") => {
            let k = w.public_category.0;
            read(&format!("/api/v1/categories/{k}/rules"))
                .shows(&["\"appeal_days\""])
                .missing(get(format!("/api/v1/categories/{MISSING_ID}/rules")), &[])
        }
        ("POST", "/api/v1/categories/{id}/rules") => {
            let k = w.public_category.0;
            let body = json!({"tell_unacknowledged": "yes", "appeal_days": "45"});
            write(post(
                format!("/api/v1/categories/{k}/rules"),
                Body::Json(body.clone()),
            ))
            .missing(
                post(
                    format!("/api/v1/categories/{MISSING_ID}/rules"),
                    Body::Json(body),
                ),
                &[],
            )
        }
        ("GET", "/api/v1/areas") => read("/api/v1/areas").shows(&["Riverside"]),
        ("GET", "/api/v1/users") => read("/api/v1/users").shows(&[&w.spare.email]),
        ("GET", "/api/v1/audit") => read("/api/v1/audit").shows(&["concern.note"]),
        ("GET", "/api/v1/{*rest}") => Probe::new(
            Iface::Api,
            Judge::Read {
                ok: 404,
                location: None,
            },
            get("/api/v1/stakeholders"),
        )
        .missing(get("/api/v1/nothing-here"), &[]),
        ("POST", "/api/v1/{*rest}") => {
            let body = Body::Json(json!({"name": "Kestrel"}));
            write(post("/api/v1/stakeholders", body.clone()))
                .missing(post("/api/v1/nothing-here", body), &[])
        }
        _ => return None,
    };
    Some(probe.code(&w.concern(Kind::Public, p).code))
}

/// Open311 GeoReport v2.
pub(super) fn open311(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let read = |path: &str| Probe::read(Iface::Open311, get(path));
    let list = |path: &str| Probe::new(Iface::Open311, Judge::List, get(path));
    let public = w.concern(Kind::Public, p);
    let (code, subject) = (w.public_category.1.as_str(), row.subject.as_str());
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/open311/v2/{file}") => match subject {
            "discovery" => read("/open311/v2/discovery.json").shows(&["changeset"]),
            "public categories" => read("/open311/v2/services.json").shows(&[code]),
            "private categories" => {
                read("/open311/v2/services.json").shows(&[&w.private_category.1])
            }
            "reporter identity" => {
                list("/open311/v2/requests.json?extensions=true").shows(&IDENTITY)
            }
            "internal notes" => {
                list("/open311/v2/requests.json?extensions=true").shows(&[INTERNAL])
            }
            "public updates" => list("/open311/v2/servicerequestupdates.json").shows(&[UPDATE]),
            _ => {
                let c = concern(w, row, p)?;
                list("/open311/v2/requests.json").shows(&[&c.reference, &c.description])
            }
        },
        ("POST", "/open311/v2/{file}") => {
            if subject == "new service request" {
                let body = Body::Form(pairs(&[
                    ("service_code", &service_code(w)),
                    ("description", "Kestrel pothole sent by a 311 app"),
                    ("lat", "-26.2041"),
                    ("long", "28.0473"),
                ]));
                Probe::new(
                    Iface::Open311,
                    Judge::Write,
                    post("/open311/v2/requests.json", body),
                )
            } else {
                let c = concern(w, row, p)?;
                let body = |id: &str| {
                    Body::Form(pairs(&[
                        ("service_request_id", id),
                        ("description", "The 311 app's user says the dust is back"),
                    ]))
                };
                let path = "/open311/v2/servicerequestupdates.json";
                Probe::new(Iface::Open311, Judge::Write, post(path, body(&c.reference)))
                    .missing(post(path, body(&missing_reference(&c.reference))), &[])
            }
        }
        ("GET", "/open311/v2/services/{file}") => {
            let (code, missing) = if subject == "public category" {
                (service_code(w), "no-such-service")
            } else {
                (private_code(w), "no-such-service")
            };
            read(&format!("/open311/v2/services/{code}.json"))
                .shows(&[&code])
                .missing(get(format!("/open311/v2/services/{missing}.json")), &[])
        }
        ("GET", "/open311/v2/requests/{file}") => {
            let (c, shows) = match field(w, row, p) {
                Some((c, f)) => (c, f),
                None => {
                    let c = concern(w, row, p)?;
                    (c, vec![c.reference.as_str(), c.description.as_str()])
                }
            };
            let missing = missing_reference(&c.reference);
            read(&format!("/open311/v2/requests/{}.json", c.reference))
                .shows(&shows)
                .missing(get(format!("/open311/v2/requests/{missing}.json")), &[])
        }
        ("GET", "/open311/v2/tokens/{file}") => {
            let c = concern(w, row, p)?;
            let sent = if p == Persona::Resident {
                &c.code
            } else {
                &c.reference
            };
            read(&format!("/open311/v2/tokens/{sent}.json"))
                .shows(&[&c.reference])
                .missing(get(format!("/open311/v2/tokens/{MISSING_CODE}.json")), &[])
                .code(&c.code)
        }
        _ => return None,
    };
    let code = if probe.code.is_empty() {
        public.code.clone()
    } else {
        probe.code.clone()
    };
    Some(probe.code(&code))
}

fn service_code(w: &World<'_>) -> String {
    w.category_codes.0.clone()
}

fn private_code(w: &World<'_>) -> String {
    w.category_codes.1.clone()
}
