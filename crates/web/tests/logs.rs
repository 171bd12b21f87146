//! Nothing that identifies a reporter or unlocks a concern reaches the log: tracking codes,
//! API keys, personal access tokens, session ids, passwords, email addresses, phone numbers
//! and names are sent in paths, query strings, bodies and headers, through every code path
//! that logs — ordinary traffic at the most detailed level, requests stopped at the request timeout, refusals (a database away or full)
//! and failures (stored data that does not read) — and the whole log is searched for them.

use liaison_testkit as common;

use std::io::Write;
use std::sync::{Mutex, Once};
use std::time::Duration;

use common::{serialize, Browser, Db, Harness};
use liaison_app::access_tokens::CreateToken;
use liaison_app::api_keys::IssueKey;
use liaison_app::concerns::RecordConcern;
use liaison_app::Settings;
use liaison_store::sqlx::{AnyConnection, Connection, Executor};
use liaison_web::Serving;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Everything logged by this test process.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static CAPTURE: Once = Once::new();

struct Captured;

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock().expect("log").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sends every event of every crate, at every level, into [`LOG`] as `liaison serve`
/// writes them.
fn capture() {
    CAPTURE.call_once(|| {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(|| Captured)
            .init();
    });
}

fn log() -> String {
    String::from_utf8_lossy(&LOG.lock().expect("log")).into_owned()
}

const TIMEOUT: Duration = Duration::from_secs(2);

/// Values that must never be logged, each also as a URL carries it.
struct Secrets {
    code: String,
    api_key: String,
    token: String,
    session: String,
    password: String,
    email: String,
    phone: String,
    name: String,
}

impl Secrets {
    fn all(&self) -> Vec<(&'static str, String)> {
        let plain = [
            ("tracking code", &self.code),
            ("API key", &self.api_key),
            ("access token", &self.token),
            ("session id", &self.session),
            ("password", &self.password),
            ("email", &self.email),
            ("phone", &self.phone),
            ("name", &self.name),
        ];
        let mut all = Vec::new();
        for (what, v) in plain {
            all.push((what, v.clone()));
            let encoded = serialize(&[("x", v)]).trim_start_matches("x=").to_string();
            all.push((what, encoded));
        }
        // Names and numbers in pieces too: a surname alone identifies.
        all.push(("surname", "Mavuso-Quill".into()));
        all.push(("phone digits", "5550199".into()));
        all
    }
}

/// A request whose body never finishes, so it runs into the request timeout; answers what
/// the server said then.
async fn held(base: &str, head: &str) -> tokio::task::JoinHandle<String> {
    let address = base.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    stream
        .write_all(
            format!(
                "{head} HTTP/1.1\r\nHost: {address}\r\nContent-Type: \
                 application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nx"
            )
            .as_bytes(),
        )
        .await
        .expect("send the head");
    tokio::spawn(async move {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        let read = async {
            loop {
                let n = stream.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
                if got.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
        };
        tokio::time::timeout(TIMEOUT * 4, read)
            .await
            .expect("answered at the request timeout");
        String::from_utf8_lossy(&got).into_owned()
    })
}

async fn nothing_identifying_is_logged_on(db: Db) {
    let serving = Serving {
        request_timeout: TIMEOUT,
        ..Serving::default()
    };
    let Some(h) = Harness::start_serving(db, Settings::default(), serving).await else {
        return;
    };
    let (admin, password) = h.user("administrator", "Ada Admin").await;
    let staff = h.browser();
    staff.sign_in(&admin.email, &password).await;
    let session = staff.cookie("liaison_session").expect("signed in");
    let category = h.category(&admin, "Dust", true).await;
    let name = "Zanele Mavuso-Quill";
    let email = "zanele.mavuso@example.org";
    let phone = "+27 82 555 0199";
    let receipt = h
        .app
        .concerns()
        .record(
            &admin,
            &RecordConcern {
                category: category.to_string().into(),
                description: "Dust over the school".into(),
                channel: "phone".into(),
                priority: "normal".into(),
                confidentiality: "public".into(),
                reporter_name: name.into(),
                reporter_email: email.into(),
                reporter_phone: phone.into(),
                reporter_language: "en".into(),
                ..RecordConcern::default()
            },
        )
        .await
        .expect("concern");
    let fixit = IssueKey {
        name: "FixIt".into(),
    };
    let (_, api_key) = h.app.api_keys().create(None, &fixit).await.expect("key");
    let (_, token) = h
        .app
        .access_tokens()
        .create(
            &admin,
            &CreateToken {
                name: "script".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token");
    let s = Secrets {
        code: receipt.tracking_code.clone(),
        api_key: api_key.clone(),
        token: token.clone(),
        session,
        password: password.clone(),
        email: email.into(),
        phone: phone.into(),
        name: name.into(),
    };
    let code = &s.code;
    let bearer = format!("Bearer {token}");
    let anyone = Browser::new(&h.base);
    let open311_post = format!(
        "/open311/v2/requests.json?{}",
        serialize(&[
            ("api_key", &api_key),
            ("email", email),
            ("first_name", "Zanele"),
            ("last_name", "Mavuso-Quill"),
            ("phone", phone),
        ])
    );

    // Ordinary traffic, every value where a client may put it.
    let traffic = async {
        anyone.get(&format!("/open311/v2/tokens/{code}.json")).await;
        anyone.get(&format!("/open311/v2/tokens/{code}.xml")).await;
        anyone.post("/track", &[("code", code)]).await;
        anyone
            .get(&format!("/track?{}", serialize(&[("code", code)])))
            .await;
        let sent = anyone
            .post(
                &open311_post,
                &[
                    ("service_code", "dust"),
                    ("description", "Dust again"),
                    ("address_string", "School road"),
                ],
            )
            .await;
        assert_eq!(sent.status, 201, "{}", sent.body);
        staff
            .get(&format!("/staff/concerns?{}", serialize(&[("q", name)])))
            .await;
        staff
            .get(&format!("/staff/concerns?{}", serialize(&[("q", email)])))
            .await;
        anyone
            .send(
                "GET",
                &format!("/api/v1/concerns?{}", serialize(&[("q", name)])),
                None,
                &[("authorization", &bearer)],
            )
            .await;
        h.browser()
            .post(
                &format!("/sign-in?{}", serialize(&[("next", email)])),
                &[("email", &admin.email), ("password", &password)],
            )
            .await;
    };
    traffic.await;

    // Requests stopped at the request timeout, values in their paths and queries.
    let timed_out = [
        held(
            &h.base,
            &format!(
                "POST /api/v1/track/{code}/{}?api_key={api_key}",
                serialize(&[("e", email)]).trim_start_matches("e=")
            ),
        )
        .await,
        held(&h.base, &format!("POST {open311_post}")).await,
        held(
            &h.base,
            &format!("POST /report/{category}?reporter_name=Zanele+Mavuso-Quill"),
        )
        .await,
    ];
    for answer in timed_out {
        let answer = answer.await.expect("held request");
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    }

    // Failures: stored data that does not read.
    let mut tx = h.store.write().await.expect("writer");
    tx.execute("UPDATE concerns SET channel = 'pigeon'")
        .await
        .expect("break the stored channel");
    tx.commit().await.expect("commit");
    let failed = anyone.post("/track", &[("code", code)]).await;
    assert_eq!(failed.status, 500, "{}", failed.body);
    let failed = anyone
        .send(
            "GET",
            &format!("/api/v1/concerns/{}", receipt.id),
            None,
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(failed.status, 500, "{}", failed.body);

    // Refusals: the database away (PostgreSQL) or full (SQLite).
    match db {
        Db::Postgres => {
            let (admin_url, name) = h.postgres_database().expect("a PostgreSQL database");
            let mut admin = AnyConnection::connect(admin_url).await.expect("admin");
            admin
                .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false").as_str())
                .await
                .expect("refuse connections");
            admin
                .execute(
                    format!(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                         WHERE datname = '{name}'"
                    )
                    .as_str(),
                )
                .await
                .expect("end backends");
            let refused = anyone.post("/track", &[("code", code)]).await;
            assert_eq!(refused.status, 503, "{}", refused.body);
            let refused = anyone.get(&format!("/open311/v2/tokens/{code}.json")).await;
            assert_eq!(refused.status, 503, "{}", refused.body);
            admin
                .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true").as_str())
                .await
                .expect("allow connections");
        }
        Db::Sqlite => {
            let mut tx = h.store.write().await.expect("writer");
            tx.execute("PRAGMA max_page_count = 1")
                .await
                .expect("max_page_count");
            tx.commit().await.expect("commit");
            let mut refused = None;
            for n in 0..500 {
                let description = format!("{n} {}", "Dust on every roof. ".repeat(190));
                let r = anyone
                    .post(
                        &open311_post,
                        &[
                            ("service_code", "dust"),
                            ("description", &description),
                            ("address_string", "School road"),
                        ],
                    )
                    .await;
                if r.status != 201 && r.status != 200 {
                    refused = Some(r);
                    break;
                }
            }
            let refused = refused.expect("the database filled");
            assert_eq!(refused.status, 507, "{}", refused.body);
        }
    }

    let log = log();
    for (what, value) in s.all() {
        if let Some(at) = log.find(&value) {
            let line = log[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = log[at..].find('\n').map_or(log.len(), |i| at + i);
            panic!("the {what} reached the log: {}", &log[line..end]);
        }
    }
    for needle in [
        "request timed out",
        "request failed",
        "request refused",
        "/api/v1/{*rest}",
        "/open311/v2/{file}",
        // A debug line of Liaison's own: the most detailed level was on.
        "intake group stored",
    ] {
        assert!(log.contains(needle), "the log never said {needle:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_identifying_is_logged() {
    capture();
    // One database after the other, so each run's log is its own.
    for db in [Db::Sqlite, Db::Postgres] {
        LOG.lock().expect("log").clear();
        nothing_identifying_is_logged_on(db).await;
    }
}
