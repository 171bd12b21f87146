//! Probes of a concern's page, its workflow forms and files, and files' public addresses.

use super::{concern, field, id_swap, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, After, Iface, Judge, Probe};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{pairs, Concern, Kind, World, INTERNAL, MISSING_ID, PHOTO, UPDATE};

/// A concern's page, its forms and files, and the public address of files.
pub(super) async fn concern_page(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let missing_page = format!("/staff/concerns/{MISSING_ID}");
    let probe = match (row.method.as_str(), row.path.as_str()) {
        ("GET", "/staff/concerns/{id}") => {
            let (c, shows) = match field(w, row, p) {
                Some(x) => x,
                None => {
                    let c = concern(w, row, p)?;
                    (c, vec![c.description.as_str()])
                }
            };
            Probe::read(Iface::Page, get(format!("/staff/concerns/{}", c.id)))
                .shows(&shows)
                .missing(get(&missing_page), &swaps(&id_swap(c.id)))
        }
        ("POST", "/staff/concerns/{id}/{form}") => {
            let c = concern(w, row, p).unwrap_or(w.concern(Kind::Public, p));
            let c = if row.subject.starts_with("appeal") {
                &w.resolved
            } else {
                c
            };
            let (form, body, after) = if row.subject == "unknown form" {
                ("promote", pairs(&[]), After::Nothing)
            } else {
                let (form, fields, after) = step(w, &row.subject, c, p).await?;
                (form, fields, after)
            };
            let real = post(
                format!("/staff/concerns/{}/{form}", c.id),
                Body::Form(body.clone()),
            );
            let missing = post(format!("{missing_page}/{form}"), Body::Form(body));
            Probe::new(Iface::Page, Judge::Write, real)
                .missing(missing, &swaps(&id_swap(c.id)))
                .after(after)
        }
        ("POST", "/staff/concerns/{id}/attachments") => {
            let c = concern(w, row, p)?;
            let fields = if row.subject.starts_with("public file") {
                pairs(&[("public", "yes")])
            } else {
                Vec::new()
            };
            let body = Body::Multipart(fields, "attachment", "kestrel-later.jpg".into());
            let real = post(
                format!("/staff/concerns/{}/attachments", c.id),
                body.clone(),
            );
            Probe::new(Iface::Page, Judge::Write, real).missing(
                post(format!("{missing_page}/attachments"), body),
                &swaps(&id_swap(c.id)),
            )
        }
        ("GET", "/staff/concerns/{id}/attachments/{attachment}") => {
            let (c, file) = file(w, row, p)?;
            Probe::read(
                Iface::Page,
                get(format!("/staff/concerns/{}/attachments/{}", c.id, file.0)),
            )
            .shows_bytes(PHOTO)
            .missing(get(format!("{missing_page}/attachments/{MISSING_ID}")), &[])
        }
        ("GET", "/attachments/{id}/{name}") => {
            let (_, file) = file(w, row, p)?;
            Probe::read(
                Iface::Page,
                get(format!("/attachments/{}/{}", file.0, file.1)),
            )
            .shows_bytes(PHOTO)
            .missing(
                get(format!("/attachments/{MISSING_ID}/{}", file.1)),
                &swaps(&id_swap(file.0)),
            )
        }
        _ => return None,
    };
    Some(probe)
}

/// The file a row names: `public file, public concern`, `private file, …`, `file, …`,
/// `photo, anonymous concern`.
fn file<'w>(w: &'w World<'_>, row: &Row, p: Persona) -> Option<(&'w Concern, (i64, String))> {
    let c = concern(w, row, p)?;
    let f = if row.subject.starts_with("private file") {
        c.private_file.clone()
    } else {
        c.file.clone()
    };
    Some((c, f))
}

/// A workflow form on a concern, as a form or as JSON: its name, its fields, and what puts
/// the concern back once it was allowed. Every request is one that would succeed for a
/// role allowed to make it.
pub(super) async fn step(
    w: &World<'_>,
    subject: &str,
    c: &Concern,
    p: Persona,
) -> Option<(&'static str, Vec<(String, String)>, After)> {
    let admin = w.admin();
    Some(if subject.starts_with("act") {
        let status =
            w.h.app
                .concerns()
                .get(admin, c.id)
                .await
                .ok()?
                .concern
                .status;
        // The concern goes back and forth between in progress and awaiting the reporter.
        let action = match status.as_str() {
            "in_progress" => "await_reporter",
            "awaiting_reporter" => "resume",
            other => panic!("{} is {other}", c.reference),
        };
        ("act", pairs(&[("action", action)]), After::Nothing)
    } else if subject.starts_with("assign") {
        let to = assignee(w, p);
        (
            "assign",
            pairs(&[("assignee", &to.to_string())]),
            After::Reassign {
                concern: c.id,
                to: c.assignee,
            },
        )
    } else if subject.starts_with("internal note") {
        let body = format!("Internal: {INTERNAL} noted by {}", p.column());
        (
            "notes",
            pairs(&[("body", &body), ("visibility", "internal")]),
            After::Nothing,
        )
    } else if subject.starts_with("public update") {
        let body = format!("Update: {UPDATE} by {}", p.column());
        (
            "notes",
            pairs(&[("body", &body), ("visibility", "public")]),
            After::Nothing,
        )
    } else if subject.starts_with("satisfaction") {
        (
            "satisfaction",
            pairs(&[
                ("satisfied", "no"),
                ("via", "phone"),
                ("reason", &format!("Still dark, said to {}", p.column())),
            ]),
            After::Nothing,
        )
    } else if subject.starts_with("about staff") {
        // About the spare officer, whom no column is: the columns keep seeing it.
        (
            "about",
            pairs(&[("staff", &w.spare.id.to_string())]),
            After::NotAbout(c.id),
        )
    } else if subject.starts_with("appeal") {
        (
            "appeal",
            pairs(&[
                ("via", "phone"),
                ("grounds", &format!("Still dark, said to {}", p.column())),
            ]),
            After::DecideAgain(c.id),
        )
    } else if subject.starts_with("duplicate") {
        (
            "duplicate",
            pairs(&[("of", &w.original.reference)]),
            After::Unmark(c.id),
        )
    } else {
        return None;
    })
}

/// Whom an assignment gives the concern to: the supervisor, or (when the supervisor
/// assigns) the administrator. Never its assignee, so an allowed assignment changes it.
pub(super) fn assignee(w: &World<'_>, p: Persona) -> i64 {
    if p == Persona::Supervisor {
        w.admin().id
    } else {
        w.user(Persona::Supervisor).id
    }
}
