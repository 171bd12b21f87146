//! Judging a cell: a probe (the requests one cell makes, and what the subject looks like in
//! an answer) sent as a persona, and its answers held against what the cell says.

use super::http::{session_cookie, Answer, Body};
use super::table::{Cell, Persona, Row};
use super::world::{World, IDENTITY, INTERNAL, TYPED_ANONYMOUSLY};

/// Which door a request goes through, and so which credential it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iface {
    /// Staff pages and the portal: the session cookie, and the CSRF token on a POST.
    Page,
    /// The JSON API: the bearer token.
    Api,
    /// Open311: the `api_key`.
    Open311,
}

/// How a cell's answer is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judge {
    /// One record or page: allowed answers with `ok` (and goes to `location`, if given).
    Read { ok: u16, location: Option<String> },
    /// A list that shows the subject, or does not.
    List,
    /// A change: allowed ones are recorded, refused ones change nothing.
    Write,
    /// Signing in with what the persona holds.
    SignIn,
    /// Signing out of a session of one's own.
    SignOut,
}

/// One request.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: &'static str,
    pub path: String,
    pub body: Body,
}

/// A GET of `path`.
pub fn get(path: impl Into<String>) -> Req {
    Req {
        method: "GET",
        path: path.into(),
        body: Body::Empty,
    }
}

/// A POST of `body` to `path`.
pub fn post(path: impl Into<String>, body: Body) -> Req {
    Req {
        method: "POST",
        path: path.into(),
        body,
    }
}

/// What to put back after an allowed write, so later cells find the world as built.
#[derive(Debug, Clone)]
pub enum After {
    Nothing,
    /// Give the concern back to its assignee.
    Reassign {
        concern: i64,
        to: i64,
    },
    /// Take the duplicate mark off the concern.
    Unmark(i64),
    /// The persona's sessions ended: sign in again.
    SignInAgain(Persona),
    /// The concern was marked about a member of staff: clear the mark.
    NotAbout(i64),
    /// The concern's decision was appealed: the supervisor overturns it and the
    /// administrator resolves it again, a new decision to appeal.
    DecideAgain(i64),
    /// The concern was linked to an engagement it was raised at: unlink it.
    Unlink(i64),
}

/// The requests of one cell and what its subject looks like.
#[derive(Debug, Clone)]
pub struct Probe {
    pub iface: Iface,
    pub judge: Judge,
    /// The request about the record of the row.
    pub real: Req,
    /// The same request about a record that does not exist, and the text to put in its
    /// answer in place of the missing record's (ids, references) before comparing.
    pub missing: Option<(Req, Vec<(String, String)>)>,
    /// What the subject looks like in an answer (text, or a file's bytes).
    pub shows: Vec<Vec<u8>>,
    /// The tracking code the resident holds here (their concern's).
    pub code: String,
    pub after: After,
}

impl Probe {
    pub fn new(iface: Iface, judge: Judge, real: Req) -> Self {
        Self {
            iface,
            judge,
            real,
            missing: None,
            shows: Vec::new(),
            code: String::new(),
            after: After::Nothing,
        }
    }

    /// A read answered with 200.
    pub fn read(iface: Iface, real: Req) -> Self {
        Self::new(
            iface,
            Judge::Read {
                ok: 200,
                location: None,
            },
            real,
        )
    }

    pub fn missing(mut self, req: Req, swap: &[(&str, &str)]) -> Self {
        let swap = swap
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        self.missing = Some((req, swap));
        self
    }

    pub fn shows(mut self, texts: &[&str]) -> Self {
        self.shows
            .extend(texts.iter().map(|t| t.as_bytes().to_vec()));
        self
    }

    pub fn shows_bytes(mut self, bytes: &[u8]) -> Self {
        self.shows.push(bytes.to_vec());
        self
    }

    pub fn code(mut self, code: &str) -> Self {
        self.code = code.to_string();
        self
    }

    pub fn after(mut self, after: After) -> Self {
        self.after = after;
        self
    }
}

type Verdict = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Checks one cell; the error says what was seen instead.
pub async fn check(w: &World<'_>, row: &Row, p: Persona, cell: Cell, probe: &Probe) -> Verdict {
    match &probe.judge {
        Judge::Read { ok, location } => read(w, p, cell, probe, *ok, location.as_deref()).await,
        Judge::List => list(w, p, cell, probe).await,
        Judge::Write => write(w, p, cell, probe).await,
        Judge::SignIn => sign_in(w, p, cell, probe).await,
        Judge::SignOut => sign_out(w, p, cell, probe).await,
    }
    .map_err(|e| {
        format!(
            "table.txt:{}: {} — column {} says {cell:?}: {e}",
            row.line,
            row.name(),
            p.column()
        )
    })
}

async fn send(w: &World<'_>, p: Persona, probe: &Probe, req: &Req) -> Result<Answer, String> {
    let (code, method, path, body) = (&probe.code, req.method, req.path.as_str(), &req.body);
    let a = match probe.iface {
        Iface::Page => w.page(p, code, method, path, body).await,
        Iface::Api => w.api(p, code, method, path, body).await,
        Iface::Open311 => w.open311(p, code, method, path, body).await,
    };
    never_shown(p, &a)?;
    Ok(a)
}

/// What no answer may ever show this persona, whatever the row.
fn never_shown(p: Persona, a: &Answer) -> Verdict {
    for typed in TYPED_ANONYMOUSLY {
        ensure!(
            !a.contains(typed.as_bytes()),
            "an anonymous reporter's typed {typed:?} was shown"
        );
    }
    if matches!(
        p,
        Persona::Anon | Persona::Resident | Persona::Client | Persona::Viewer
    ) {
        for id in IDENTITY {
            ensure!(
                !a.contains(id.as_bytes()),
                "the reporter's {id:?} was shown"
            );
        }
    }
    if matches!(p, Persona::Anon | Persona::Resident | Persona::Client) {
        ensure!(
            !a.contains(INTERNAL.as_bytes()),
            "an internal note was shown"
        );
    }
    Ok(())
}

fn shows_all(probe: &Probe, a: &Answer) -> Verdict {
    for s in &probe.shows {
        ensure!(
            a.contains(s),
            "expected {:?} in the answer ({}): {}",
            preview(s),
            a.status,
            preview(&a.bytes)
        );
    }
    Ok(())
}

fn shows_none(probe: &Probe, a: &Answer) -> Verdict {
    for s in &probe.shows {
        ensure!(
            !a.contains(s),
            "did not expect {:?} in the answer ({})",
            preview(s),
            a.status
        );
    }
    Ok(())
}

fn preview(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(600)]).into_owned()
}

/// The answer a persona without a credential this interface accepts gets.
fn refused_credential(iface: Iface, a: &Answer) -> Verdict {
    match iface {
        Iface::Page => ensure!(
            a.status == 303 && a.location().starts_with("/sign-in?next="),
            "expected the sign-in page, got {} {:?}",
            a.status,
            a.location()
        ),
        Iface::Api => ensure!(
            a.status == 401 && a.header("www-authenticate").starts_with("Bearer"),
            "expected 401 with a Bearer challenge, got {}",
            a.status
        ),
        Iface::Open311 => ensure!(
            a.status == 403,
            "expected 403 for the API key, got {}",
            a.status
        ),
    }
    Ok(())
}

/// A refused answer must be the answer a record that does not exist gets.
async fn like_missing(w: &World<'_>, p: Persona, probe: &Probe, a: &Answer) -> Verdict {
    let Some((req, swap)) = &probe.missing else {
        return Ok(());
    };
    let m = send(w, p, probe, req).await?;
    let mut text = m.text();
    for (from, to) in swap {
        text = text.replace(from, to);
    }
    ensure!(
        m.status == a.status,
        "a missing record gets {}, this one {}",
        m.status,
        a.status
    );
    ensure!(
        m.header("content-type") == a.header("content-type"),
        "a missing record's answer is {:?}, this one {:?}",
        m.header("content-type"),
        a.header("content-type")
    );
    ensure!(
        text.as_bytes() == a.bytes.as_slice(),
        "the answer differs from a missing record's:\n--- missing\n{text}\n--- this one\n{}",
        a.text()
    );
    Ok(())
}

async fn read(
    w: &World<'_>,
    p: Persona,
    cell: Cell,
    probe: &Probe,
    ok: u16,
    location: Option<&str>,
) -> Verdict {
    let a = send(w, p, probe, &probe.real).await?;
    match cell {
        Cell::Ok => {
            ensure!(
                a.status == ok,
                "expected {ok}, got {}: {}",
                a.status,
                preview(&a.bytes)
            );
            if let Some(l) = location {
                ensure!(
                    a.location() == l,
                    "expected to go to {l}, went to {:?}",
                    a.location()
                );
            }
            shows_all(probe, &a)
        }
        Cell::No => {
            ensure!(
                a.status == ok,
                "expected {ok}, got {}: {}",
                a.status,
                preview(&a.bytes)
            );
            shows_none(probe, &a)
        }
        Cell::Hide | Cell::Deny => {
            let status = if cell == Cell::Hide { 404 } else { 403 };
            ensure!(
                a.status == status,
                "expected {status}, got {}: {}",
                a.status,
                preview(&a.bytes)
            );
            shows_none(probe, &a)?;
            like_missing(w, p, probe, &a).await
        }
        Cell::Auth => refused_credential(probe.iface, &a),
    }
}

async fn list(w: &World<'_>, p: Persona, cell: Cell, probe: &Probe) -> Verdict {
    let a = send(w, p, probe, &probe.real).await?;
    match cell {
        Cell::Ok => {
            ensure!(a.status == 200, "expected 200, got {}", a.status);
            shows_all(probe, &a)
        }
        // Left out of a list: exactly what a record that does not exist gets.
        Cell::No | Cell::Hide => {
            ensure!(a.status == 200, "expected 200, got {}", a.status);
            shows_none(probe, &a)
        }
        Cell::Deny => {
            ensure!(a.status == 403, "expected 403, got {}", a.status);
            shows_none(probe, &a)
        }
        Cell::Auth => refused_credential(probe.iface, &a),
    }
}

async fn write(w: &World<'_>, p: Persona, cell: Cell, probe: &Probe) -> Verdict {
    let before = w.fingerprint().await;
    let a = send(w, p, probe, &probe.real).await?;
    match cell {
        Cell::Ok => {
            // A success may lead to the sign-in page (a changed password ends every
            // session): what was recorded tells success from refusal.
            ensure!(
                (200..400).contains(&a.status),
                "expected success, got {} {:?}: {}",
                a.status,
                a.location(),
                preview(&a.bytes)
            );
            let after = w.fingerprint().await;
            ensure!(
                after.audit > before.audit,
                "succeeded ({}) without an audit entry",
                a.status
            );
            ensure!(
                after.rows != before.rows,
                "succeeded ({}) without a change",
                a.status
            );
            put_back(w, &probe.after).await;
            Ok(())
        }
        Cell::No => Err("`no` says nothing about a write".into()),
        Cell::Hide | Cell::Deny | Cell::Auth => {
            match cell {
                Cell::Auth => refused_credential(probe.iface, &a)?,
                _ => {
                    let status = if cell == Cell::Hide { 404 } else { 403 };
                    ensure!(
                        a.status == status,
                        "expected {status}, got {}: {}",
                        a.status,
                        preview(&a.bytes)
                    );
                    like_missing(w, p, probe, &a).await?;
                }
            }
            let after = w.fingerprint().await;
            ensure!(after == before, "refused, yet something changed");
            Ok(())
        }
    }
}

async fn put_back(w: &World<'_>, after: &After) {
    let (app, admin) = (&w.h.app, w.admin());
    match after {
        After::Nothing => {}
        After::Reassign { concern, to } => app
            .concerns()
            .assign(
                admin,
                *concern,
                &liaison_app::concerns::Assignment {
                    assignee: to.to_string().into(),
                },
            )
            .await
            .expect("reassign"),
        After::Unmark(concern) => app
            .concerns()
            .mark_duplicate(
                admin,
                *concern,
                &liaison_app::concerns::MarkDuplicate::default(),
            )
            .await
            .expect("unmark"),
        After::SignInAgain(p) => w.sign_in(*p).await,
        After::NotAbout(concern) => app
            .concerns()
            .about_staff(
                admin,
                *concern,
                &liaison_app::concerns::AboutStaff::default(),
            )
            .await
            .expect("about no one"),
        After::DecideAgain(concern) => {
            let step = |action: &str, note: &str| liaison_app::concerns::Transition {
                action: action.into(),
                note: note.into(),
                ..Default::default()
            };
            let supervisor = w.user(Persona::Supervisor);
            app.concerns()
                .act(supervisor, *concern, &step("overturn", "Heard again"))
                .await
                .expect("overturn");
            app.concerns()
                .act(admin, *concern, &step("resolve", "The lamp was replaced."))
                .await
                .expect("resolve again");
        }
        After::Unlink(concern) => {
            let mut c = w.h.store.write().await.expect("writer");
            liaison_store::sqlx::query("UPDATE concerns SET engagement_id = NULL WHERE id = $1")
                .bind(concern)
                .execute(&mut *c)
                .await
                .expect("unlinked");
            c.commit().await.expect("commit");
        }
    }
}

/// Signing in: staff with their own password get a session; what the others hold opens
/// none.
async fn sign_in(w: &World<'_>, p: Persona, cell: Cell, probe: &Probe) -> Verdict {
    match cell {
        Cell::Ok => {
            let (cookie, _) = w.fresh_session(p).await;
            let a = w
                .send("GET", "/staff/account", &[("cookie", &cookie)], None)
                .await;
            ensure!(
                a.status == 200,
                "the new session opens nothing: {}",
                a.status
            );
            Ok(())
        }
        Cell::Auth => {
            let a = send(w, p, probe, &probe.real).await?;
            ensure!(a.status != 303, "signed in with what a {p:?} holds");
            ensure!(session_cookie(&a).is_none(), "a session was given");
            Ok(())
        }
        _ => Err("sign-in cells are ok or auth".into()),
    }
}

/// Signing out of a fresh session of one's own ends it.
async fn sign_out(w: &World<'_>, p: Persona, cell: Cell, probe: &Probe) -> Verdict {
    match cell {
        Cell::Ok => {
            let (cookie, csrf) = w.fresh_session(p).await;
            let body = format!("csrf={csrf}").into_bytes();
            let content_type = "application/x-www-form-urlencoded".to_string();
            let a = w
                .send(
                    "POST",
                    "/sign-out",
                    &[("cookie", &cookie)],
                    Some((content_type, body)),
                )
                .await;
            ensure!(
                a.status == 303 && a.location() == "/sign-in",
                "expected to go to the sign-in page, got {} {:?}",
                a.status,
                a.location()
            );
            let a = w
                .send("GET", "/staff/account", &[("cookie", &cookie)], None)
                .await;
            ensure!(a.status == 303, "the session still works after signing out");
            Ok(())
        }
        Cell::Auth => {
            let a = send(w, p, probe, &probe.real).await?;
            refused_credential(probe.iface, &a)
        }
        _ => Err("sign-out cells are ok or auth".into()),
    }
}
