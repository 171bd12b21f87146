//! Crash safety: a real `liaison serve` takes concerns and workflow steps from concurrent
//! API clients and is killed with SIGKILL at a random moment, again and again. After each
//! kill it is started again, and every write it acknowledged must be there exactly once,
//! the database must pass its integrity check and the audit trail must verify.
//!
//! CI runs a few cycles per database; the full battery is
//! `LIAISON_CRASH_CYCLES=50 cargo test -p liaison --test crash -- --nocapture`.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

mod common;

use common::{fresh_postgres, liaison};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use liaison_store::sqlx::{self, AnyConnection, Connection};

/// Concurrent API clients writing while the server is killed.
const CLIENTS: usize = 8;

/// Runs `liaison` to completion; answers what it printed, failing the test if it failed.
fn run(dir: &std::path::Path, url: &str, args: &[&str]) -> String {
    let (ok, text) = liaison(dir, url, args);
    assert!(ok, "liaison {args:?}: {text}");
    text
}

/// A random number below `n`, from the operating system.
fn below(n: u64) -> u64 {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("random");
    u64::from_le_bytes(b) % n
}

/// The server process, killed if the test fails before it does.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the server on a free port and waits until it answers its health check.
async fn start(dir: &std::path::Path, url: &str, http: &reqwest::Client) -> (Server, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Server(
        Command::new(env!("CARGO_BIN_EXE_liaison"))
            .env("LIAISON_LOG", "warn")
            .env("LIAISON_DATABASE_URL", url)
            .arg("--data-dir")
            .arg(dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .spawn()
            .expect("start liaison serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await {
            if r.status() == 200 {
                return (child, base);
            }
        }
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// What the clients were told was done.
#[derive(Default)]
struct Acknowledged {
    /// Descriptions of the concerns acknowledged as stored.
    created: Vec<String>,
    /// Ids of the concerns whose acknowledgement step was acknowledged.
    acknowledged: Vec<i64>,
    /// Every description ever sent, answered or not.
    sent: Vec<String>,
}

async fn post(
    http: &reqwest::Client,
    url: String,
    token: &str,
    key: &str,
    body: String,
) -> Option<(u16, String)> {
    let r = http
        .post(url)
        .bearer_auth(token)
        .header("idempotency-key", key)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .ok()?;
    let status = r.status().as_u16();
    Some((status, r.text().await.ok()?))
}

/// One client: records a concern, acknowledges it, and again, until the server dies.
async fn client(
    http: reqwest::Client,
    base: String,
    token: String,
    category: i64,
    name: String,
    done: Arc<Mutex<Acknowledged>>,
    progress: Arc<tokio::sync::Notify>,
) {
    for n in 0.. {
        let description = format!("crash test {name}-{n}");
        done.lock().expect("lock").sent.push(description.clone());
        let body = serde_json::json!({"category": category, "description": description,
            "channel": "phone", "confidentiality": "public", "anonymous": true});
        let Some((status, answer)) = post(
            &http,
            format!("{base}/api/v1/concerns"),
            &token,
            &description,
            body.to_string(),
        )
        .await
        else {
            return;
        };
        assert_eq!(status, 201, "{answer}");
        done.lock().expect("lock").created.push(description.clone());
        progress.notify_one();
        let answer: serde_json::Value = serde_json::from_str(&answer).expect("json");
        let id = answer["id"].as_i64().expect("id");
        let step = serde_json::json!({"action": "acknowledge"}).to_string();
        let Some((status, answer)) = post(
            &http,
            format!("{base}/api/v1/concerns/{id}/transitions"),
            &token,
            &format!("{description} acknowledged"),
            step,
        )
        .await
        else {
            return;
        };
        assert_eq!(status, 200, "{answer}");
        done.lock().expect("lock").acknowledged.push(id);
    }
}

async fn count(c: &mut AnyConnection, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&mut *c)
        .await
        .expect(sql)
}

async fn kill_cycles(postgres: bool) {
    sqlx::any::install_default_drivers();
    let cycles: usize = std::env::var("LIAISON_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let tag = format!(
        "liaison_crash_{}_{}",
        if postgres { "pg" } else { "sqlite" },
        std::process::id()
    );
    let dir = std::env::temp_dir().join(&tag);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("data folder");
    let url = if postgres {
        match fresh_postgres(&tag).await {
            Some(url) => url,
            None => return,
        }
    } else {
        format!("sqlite://{}/liaison.db", dir.display())
    };
    run(&dir, &url, &["demo", "--concerns", "20"]);
    run(
        &dir,
        &url,
        &[
            "user",
            "add",
            "--email",
            "crash@office.example",
            "--role",
            "administrator",
            "--password",
            "a long password for the crash test",
        ],
    );
    let out = run(
        &dir,
        &url,
        &[
            "token",
            "--email",
            "crash@office.example",
            "--name",
            "crash",
        ],
    );
    let token = out.lines().last().expect("token").trim().to_string();
    let http = reqwest::Client::new();
    let done = Arc::new(Mutex::new(Acknowledged::default()));
    let progress = Arc::new(tokio::sync::Notify::new());
    let mut category = 0;
    for cycle in 0..cycles {
        let (mut server, base) = start(&dir, &url, &http).await;
        if category == 0 {
            let list = http
                .get(format!("{base}/api/v1/categories"))
                .bearer_auth(&token)
                .send()
                .await
                .expect("categories")
                .text()
                .await
                .expect("body");
            let list: serde_json::Value = serde_json::from_str(&list).expect("json");
            // One that asks nothing, so every report is complete.
            category = list
                .as_array()
                .and_then(|l| {
                    l.iter().find(|k| {
                        k["active"] == true
                            && k["questions"].as_array().is_some_and(|q| q.is_empty())
                    })
                })
                .and_then(|k| k["id"].as_i64())
                .expect("a category without questions");
        }
        let before = done.lock().expect("lock").created.len();
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                tokio::spawn(client(
                    http.clone(),
                    base.clone(),
                    token.clone(),
                    category,
                    format!("{cycle}.{c}"),
                    done.clone(),
                    progress.clone(),
                ))
            })
            .collect();
        // The moment of the kill: after a random number of acknowledged creations, so it
        // falls anywhere in a group's life (statements, commit, flush, answer).
        let kill_after = before + 1 + below(80) as usize;
        while done.lock().expect("lock").created.len() < kill_after {
            // A client that fails stops; the bound turns that into a failure, not a hang.
            tokio::time::timeout(Duration::from_secs(60), progress.notified())
                .await
                .expect("the clients stopped making progress");
        }
        server.0.kill().expect("SIGKILL");
        server.0.wait().expect("reaped");
        for c in clients {
            c.await.expect("client");
        }
        check(&dir, &url, postgres, &done).await;
    }
    let done = done.lock().expect("lock");
    println!(
        "{}: {cycles} kill cycles, {} acknowledged concerns and {} acknowledged steps \
         checked, 0 lost, 0 duplicated; after every kill {}the audit chain verified",
        if postgres { "PostgreSQL" } else { "SQLite" },
        done.created.len(),
        done.acknowledged.len(),
        if postgres {
            ""
        } else {
            "PRAGMA integrity_check answered ok and "
        }
    );
    if !postgres {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// With the server dead: every acknowledged write is there once, nothing sent is there
/// twice, the database is sound and the audit trail verifies.
async fn check(dir: &std::path::Path, url: &str, postgres: bool, done: &Mutex<Acknowledged>) {
    let (created, acknowledged, sent) = {
        let d = done.lock().expect("lock");
        (d.created.clone(), d.acknowledged.clone(), d.sent.clone())
    };
    let mut c = AnyConnection::connect(url).await.expect("connect");
    let acked: std::collections::HashSet<&String> = created.iter().collect();
    for description in &sent {
        let n = count(
            &mut c,
            "SELECT COUNT(*) FROM concerns WHERE description = $1",
            description,
        )
        .await;
        if acked.contains(description) {
            assert_eq!(
                n, 1,
                "acknowledged concern {description:?} stored {n} times"
            );
        } else {
            assert!(
                n <= 1,
                "unacknowledged concern {description:?} stored {n} times"
            );
        }
    }
    for id in &acknowledged {
        let n = count(
            &mut c,
            "SELECT COUNT(*) FROM timeline_lines WHERE record_kind = 'concern' \
             AND record_id = CAST($1 AS BIGINT) AND changed_to = 'acknowledged'",
            &id.to_string(),
        )
        .await;
        assert_eq!(n, 1, "acknowledged step on concern {id} recorded {n} times");
    }
    if !postgres {
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut c)
            .await
            .expect("integrity check");
        assert_eq!(verdict, "ok");
    }
    c.close().await.expect("close");
    let out = run(dir, url, &["audit", "verify"]);
    assert!(out.contains("intact"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9_sqlite() {
    kill_cycles(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9_postgres() {
    kill_cycles(true).await;
}
