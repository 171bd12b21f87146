//! Probes of health, static files, the portal, signing in, one's own account, queues and
//! intake.

use super::{concern, field, id_swap, missing_reference, search_words, swaps};
use crate::matrix::http::Body;
use crate::matrix::judge::{get, post, After, Iface, Judge, Probe};
use crate::matrix::table::{Persona, Row};
use crate::matrix::world::{pairs, Kind, World, MISSING_CODE, MISSING_ID, TYPED_ANONYMOUSLY};

/// Health, static files, the portal, signing in and one's own account, queues, intake.
pub(super) fn page(w: &World<'_>, row: &Row, p: Persona) -> Option<Probe> {
    let read = |path: &str| Probe::read(Iface::Page, get(path));
    let (public, private) = (&w.public_category, &w.private_category);
    let staff = w.staff.get(&p).map(|(u, pw)| (u.clone(), pw.clone()));
    let probe = match (row.method.as_str(), row.path.as_str(), row.subject.as_str()) {
        ("GET", "/healthz", _) => read("/healthz").shows(&["ok"]),
        ("GET", "/static/liaison.css", _) => read("/static/liaison.css").shows(&["body"]),
        ("GET", "/static/liaison.js", _) => read("/static/liaison.js").shows(&["document"]),
        ("GET", "/", _) => read("/"),
        ("GET", "/language", _) => Probe::new(
            Iface::Page,
            Judge::Read {
                ok: 303,
                location: Some("/report".into()),
            },
            get("/language?to=es&back=/report"),
        ),
        ("GET", "/report", "public categories") => read("/report").shows(&[&public.1]),
        ("GET", "/report", "private categories") => read("/report").shows(&[&private.1]),
        ("GET", "/staff/reports", _) => {
            read("/staff/reports").shows(&["Grievance mechanism performance"])
        }
        ("GET", "/staff/reports/{report}", _) => {
            read("/staff/reports/grievances").shows(&["Resolved within target"])
        }
        ("GET", "/staff/reports/{report}/{file}", _) => {
            read("/staff/reports/concerns/report.csv").shows(&["Received"])
        }
        ("POST", "/staff/reports/{report}/schedule", _) => {
            let admin = &w.staff[&Persona::Admin].0;
            let f = pairs(&[("day", "4"), ("recipient", &admin.id.to_string())]);
            Probe::new(
                Iface::Page,
                Judge::Write,
                post("/staff/reports/concerns/schedule", Body::Form(f)),
            )
        }
        ("POST", "/staff/reports/schedules/{id}/stop", _) => {
            let id = w.log.report_schedules[&p];
            let missing = post(
                format!("/staff/reports/schedules/{MISSING_ID}/stop"),
                Body::Form(Vec::new()),
            );
            Probe::new(
                Iface::Page,
                Judge::Write,
                post(
                    format!("/staff/reports/schedules/{id}/stop"),
                    Body::Form(Vec::new()),
                ),
            )
            .missing(missing, &swaps(&id_swap(id)))
        }
        ("GET", "/statistics", "public categories") => read("/statistics").shows(&[&public.1]),
        ("GET", "/statistics", "private categories") => read("/statistics").shows(&[&private.1]),
        ("GET", "/report/{id}", s) => {
            let k = if s == "public category" {
                public
            } else {
                private
            };
            read(&format!("/report/{}", k.0))
                .shows(&[&k.1])
                .missing(get(format!("/report/{MISSING_ID}")), &swaps(&id_swap(k.0)))
        }
        ("POST", "/report/{id}", s) => {
            let k = if s == "public category" {
                public
            } else {
                private
            };
            let body = Body::Form(pairs(&[
                (
                    "description",
                    &format!("Kestrel report sent by {}", p.column()),
                ),
                ("anonymous", "yes"),
                ("reporter_name", TYPED_ANONYMOUSLY[0]),
            ]));
            Probe::new(
                Iface::Page,
                Judge::Write,
                post(format!("/report/{}", k.0), body.clone()),
            )
            .missing(
                post(format!("/report/{MISSING_ID}"), body),
                &swaps(&id_swap(k.0)),
            )
        }
        ("GET", "/track", _) => read("/track"),
        ("POST", "/track", _) => {
            let (c, shows) = match field(w, row, p) {
                Some((c, f)) => (c, f),
                None => {
                    let c = concern(w, row, p)?;
                    (c, vec![c.description.as_str()])
                }
            };
            // The holder sends their code; anyone else knows at most the reference.
            let sent = if p == Persona::Resident {
                &c.code
            } else {
                &c.reference
            };
            let form = |code: &str| Body::Form(pairs(&[("code", code)]));
            read("/track")
                .code(&c.code)
                .shows(&shows)
                .missing(post("/track", form(MISSING_CODE)), &[])
                .with_real(post("/track", form(sent)))
        }
        ("POST", "/track/reply", _) => {
            let c = concern(w, row, p)?;
            // The holder answers with their code; anyone else knows at most the reference.
            let sent = if p == Persona::Resident {
                &c.code
            } else {
                &c.reference
            };
            let form = |code: &str| {
                Body::Form(pairs(&[
                    ("code", code),
                    ("message", "It is pole 14, by the bakery"),
                ]))
            };
            Probe::new(Iface::Page, Judge::Write, post("/track/reply", form(sent)))
                .code(&c.code)
                .missing(post("/track/reply", form(MISSING_CODE)), &[])
        }
        ("POST", "/track/satisfaction", _) => {
            let c = &w.resolved;
            let sent = if p == Persona::Resident {
                &c.code
            } else {
                &c.reference
            };
            let form = |code: &str| {
                Body::Form(pairs(&[
                    ("code", code),
                    ("satisfied", "yes"),
                    ("reason", "The lamp works again"),
                ]))
            };
            Probe::new(
                Iface::Page,
                Judge::Write,
                post("/track/satisfaction", form(sent)),
            )
            .code(&c.code)
            .missing(post("/track/satisfaction", form(MISSING_CODE)), &[])
        }
        ("POST", "/track/appeal", _) => {
            let c = &w.resolved;
            let sent = if p == Persona::Resident {
                &c.code
            } else {
                &c.reference
            };
            let form = |code: &str| {
                Body::Form(pairs(&[
                    ("code", code),
                    ("grounds", "The lamp still flickers at night"),
                ]))
            };
            Probe::new(Iface::Page, Judge::Write, post("/track/appeal", form(sent)))
                .code(&c.code)
                .missing(post("/track/appeal", form(MISSING_CODE)), &[])
                .after(After::DecideAgain(c.id))
        }
        ("GET", "/sign-in", _) => read("/sign-in"),
        ("POST", "/sign-in", _) => {
            // What each persona holds, offered as a password.
            let held = match p {
                Persona::Client => w.creds(p, "").key,
                Persona::Resident => w.concern(Kind::Public, p).code.clone(),
                _ => "not-a-password".into(),
            };
            let (email, password) = staff
                .clone()
                .map_or(("nobody@office.example".into(), held), |(u, pw)| {
                    (u.email, pw)
                });
            let body = Body::Form(pairs(&[("email", &email), ("password", &password)]));
            Probe::new(Iface::Page, Judge::SignIn, post("/sign-in", body))
                .code(&w.concern(Kind::Public, p).code)
        }
        ("POST", "/sign-out", _) => {
            Probe::new(Iface::Page, Judge::SignOut, post("/sign-out", Body::Empty))
        }
        ("GET", "/staff", "staff home") => read("/staff").shows(&["My work"]),
        ("GET", "/staff", "office figures") => read("/staff").shows(&["The office at a glance"]),
        ("GET", "/staff/account", _) => {
            let name = staff
                .as_ref()
                .map_or(String::new(), |(u, _)| u.name.clone());
            read("/staff/account").shows(&[&name])
        }
        ("POST", "/staff/account", _) => {
            let pw = staff.as_ref().map_or(String::new(), |(_, pw)| pw.clone());
            let body = Body::Form(pairs(&[
                ("current_password", &pw),
                ("new_password", &pw),
                ("confirm_password", &pw),
            ]));
            Probe::new(Iface::Page, Judge::Write, post("/staff/account", body))
                .after(After::SignInAgain(p))
        }
        ("POST", "/staff/account/notifications", _) => Probe::new(
            Iface::Page,
            Judge::Write,
            post(
                "/staff/account/notifications",
                // Each allowed save is recorded, chosen anew or not.
                Body::Form(pairs(&[("reply", "digest")])),
            ),
        ),
        ("GET", "/staff/account/tokens", "own tokens") => {
            read("/staff/account/tokens").shows(&["matrix-token"])
        }
        ("GET", "/staff/account/tokens", "another's tokens") => {
            read("/staff/account/tokens").shows(&["sol-script"])
        }
        ("POST", "/staff/account/tokens", _) => Probe::new(
            Iface::Page,
            Judge::Write,
            post(
                "/staff/account/tokens",
                Body::Form(pairs(&[("name", "kestrel-token")])),
            ),
        ),
        ("POST", "/staff/account/tokens/{id}/revoke", s) => {
            let id = match (s, w.spare_tokens.get(&p)) {
                ("own token", Some(id)) => *id,
                _ => w.others_token,
            };
            Probe::new(
                Iface::Page,
                Judge::Write,
                post(format!("/staff/account/tokens/{id}/revoke"), Body::Empty),
            )
            .missing(
                post(
                    format!("/staff/account/tokens/{MISSING_ID}/revoke"),
                    Body::Empty,
                ),
                &swaps(&id_swap(id)),
            )
        }
        ("GET", "/staff/concerns", s) => {
            let (path, c) = if s == "search by reporter name" {
                (
                    "/staff/concerns?view=all&sort=oldest&q=Mokoena",
                    w.concern(Kind::Public, p),
                )
            } else {
                ("/staff/concerns?view=all&sort=oldest", concern(w, row, p)?)
            };
            Probe::new(Iface::Page, Judge::List, get(path)).shows(&[&c.reference, &c.description])
        }
        ("GET", "/staff/concerns/export.csv", _) => {
            super::concern_export(w, row, p, Iface::Page, "/staff/concerns/export.csv")?
        }
        ("GET", "/staff/search", _) => {
            let (q, c) = search_words(w, row, p)?;
            Probe::new(
                Iface::Page,
                Judge::List,
                get(format!("/staff/search?q={q}")),
            )
            .shows(&[&c.reference, &c.description])
        }
        ("GET", "/staff/find", _) => {
            let c = concern(w, row, p)?;
            Probe::new(
                Iface::Page,
                Judge::Read {
                    ok: 303,
                    location: Some(format!("/staff/concerns/{}", c.id)),
                },
                get(format!("/staff/find?reference={}", c.reference)),
            )
            .missing(
                get(format!(
                    "/staff/find?reference={}",
                    missing_reference(&c.reference)
                )),
                &[],
            )
        }
        ("GET", "/staff/concerns/new", _) => read("/staff/concerns/new").shows(&[&public.1]),
        ("POST", "/staff/concerns/new", _) => {
            let body = Body::Form(pairs(&[
                ("category", &public.0.to_string()),
                (
                    "description",
                    &format!("Kestrel walk-in taken by {}", p.column()),
                ),
                ("channel", "walk_in"),
                ("priority", "normal"),
                ("confidentiality", "restricted"),
                ("reporter_name", "Nomsa Khumalo"),
                ("reporter_language", "en"),
            ]));
            Probe::new(Iface::Page, Judge::Write, post("/staff/concerns/new", body))
        }
        _ => return None,
    };
    Some(probe)
}
