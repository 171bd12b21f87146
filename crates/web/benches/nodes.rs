//! Three nodes, one killed (issue 14): three real `liaison serve` processes on one
//! PostgreSQL database send the outbox's messages to an SMTP server that counts what
//! arrives per Message-ID, and one of them is killed with SIGKILL mid-run. The bench waits
//! until every message is recorded sent (the dead node's claimed jobs are taken over once
//! their lease of 120 s runs out), then counts what was lost and what arrived twice.
//!
//! ```sh
//! cargo build --release -p liaison
//! psql postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE bench_nodes"
//! LIAISON_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_nodes \
//!   cargo bench -p liaison-web --bench nodes
//! ```
//! The database named there is dropped and created again for each run, and dropped at
//! the end. Settings (environment): `LIAISON_BENCH_MESSAGES` (default 10,000),
//! `LIAISON_BENCH_RUNS` (default 5; run `i` of `n` kills node `i mod 3` once
//! `(2i + 1) / 2n` of the messages have arrived: 10 %, 30 %, 50 %, 70 %, 90 %),
//! `LIAISON_BENCH_BINARY` (default `target/release/liaison` of this workspace). The SMTP
//! server is the test kit's, in this process, on the loopback: real SMTP over TCP.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use liaison_store::outbox::{self, NewMessage};
use liaison_store::{jobs, sqlx, Store};
use liaison_testkit::MailServer;

mod common;
use common::env_or;

/// The longest a run may take before the bench gives up on it.
const PATIENCE: Duration = Duration::from_secs(600);
/// No message recorded for this long while jobs remain: only the dead node's are left.
const STALLED: Duration = Duration::from_secs(4);

/// What one run saw.
struct Run {
    killed: usize,
    /// Seconds from the nodes' start, and distinct messages arrived, at the kill.
    kill_at: f64,
    arrived_at_kill: usize,
    /// Jobs the dead node held when the others had sent everything else, and when their
    /// lease ran out (seconds from the start).
    stranded: usize,
    stranded_claims: usize,
    lease_ends: f64,
    /// Stranded messages that arrived before the lease ran out: the dead node sent them
    /// (no other node could) and died before recording them.
    stranded_arrived: usize,
    outbox: i64,
    arrived: usize,
    twice: usize,
    copies: usize,
    twice_stranded: usize,
    sent: i64,
    attempts_over_one: i64,
    jobs_left: i64,
    seconds: f64,
    before_kill_rate: f64,
}

/// The jobs left to the dead node once the others had sent everything else.
#[derive(Default)]
struct Stranded {
    /// Each job's subject (the message), claim and end of lease.
    jobs: Vec<(i64, String, i64)>,
    /// When the last lease runs out (seconds from the nodes' start).
    lease_ends: f64,
    /// Their messages that had arrived by then: sent by the dead node, never recorded.
    arrived: usize,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let messages = env_or("LIAISON_BENCH_MESSAGES", 10_000) as i64;
    let runs = env_or("LIAISON_BENCH_RUNS", 5) as usize;
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
        .expect("LIAISON_BENCH_DATABASE_URL: the PostgreSQL database the three nodes share");
    let binary = std::env::var("LIAISON_BENCH_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/liaison")
        });
    assert!(
        binary.exists(),
        "{} is missing: cargo build --release -p liaison",
        binary.display()
    );
    let name = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .expect("a database name")
        .to_string();
    let admin = liaison_testkit::with_database(&url, "postgres");
    let dir = std::env::temp_dir().join(format!("liaison-nodes-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");

    let mut done = Vec::new();
    for i in 0..runs {
        let fraction = (2 * i + 1) as f64 / (2 * runs) as f64;
        let kill_after = ((messages as f64 * fraction) as usize).max(1);
        let url = liaison_testkit::fresh_postgres(&admin, &name).await;
        let run = run(&binary, &url, &dir, messages, i % 3, kill_after, i).await;
        done.push(run);
    }
    drop_database(&admin, &name).await;
    let _ = std::fs::remove_dir_all(&dir);

    println!();
    println!(
        "| run | node killed | killed at (s, arrived) | jobs stranded (claims) | of them arrived before the lease ran out | lease out at (s) | outbox | arrived (distinct) | arrived twice | recorded sent | sent more than once | jobs left | wall time (s) | 3 nodes before the kill (msg/s) |"
    );
    println!(
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    for (i, r) in done.iter().enumerate() {
        println!(
            "| {} | {} | {:.1}, {} | {} ({}) | {} | {:.1} | {} | {} | {} ({} copies; {} of them stranded) | {} | {} | {} | {:.1} | {:.0} |",
            i + 1,
            r.killed + 1,
            r.kill_at,
            r.arrived_at_kill,
            r.stranded,
            r.stranded_claims,
            r.stranded_arrived,
            r.lease_ends,
            r.outbox,
            r.arrived,
            r.twice,
            r.copies,
            r.twice_stranded,
            r.sent,
            r.attempts_over_one,
            r.jobs_left,
            r.seconds,
            r.before_kill_rate,
        );
    }
    let lost: i64 = done.iter().map(|r| r.outbox - r.arrived as i64).sum();
    let twice: usize = done.iter().map(|r| r.twice).sum();
    println!(
        "{} runs of {messages} messages: {lost} lost, {twice} arrived twice, every job done once",
        done.len()
    );
}

/// Fills the outbox, starts three nodes, kills `victim` once `kill_after` messages arrived,
/// and waits for the rest.
async fn run(
    binary: &PathBuf,
    url: &str,
    dir: &std::path::Path,
    messages: i64,
    victim: usize,
    kill_after: usize,
    number: usize,
) -> Run {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let smtp = MailServer::start().await;

    // The messages, as letters to reporters leave them: a few kilobytes of text and HTML.
    let html = "<p>Nous avons reçu votre préoccupation.</p>".repeat(40);
    let text = "Nous avons reçu votre préoccupation.\n".repeat(40);
    let now = liaison_store::now();
    let mut ids = Vec::with_capacity(messages as usize);
    let mut tx = store.write().await.expect("writer");
    for i in 0..messages {
        let m = NewMessage {
            letter: "acknowledged".into(),
            record_kind: "concern".into(),
            record_id: i + 1,
            recipient: format!("reporter{i}@example.org"),
            language: "fr".into(),
            subject: format!("Nous avons reçu votre préoccupation C-2026-{i:05}"),
            text_body: text.clone(),
            html_body: html.clone(),
            reply_to: Some(format!("office+{i:020}@liaison.test")),
            message_id: format!("<nodes-{now}-{number}-{i}@liaison.test>"),
        };
        ids.push(outbox::insert(&mut tx, &m, now).await.expect("message"));
    }
    jobs::enqueue(&mut tx, store.backend(), "send_mail", &ids, now)
        .await
        .expect("jobs");
    tx.commit().await.expect("commit");
    let ours: HashMap<String, i64> = {
        let mut c = store.read().await.expect("read");
        let rows: Vec<(String, i64)> = sqlx::query_as("SELECT message_id, id FROM outbox")
            .fetch_all(&mut *c)
            .await
            .expect("messages");
        rows.into_iter().collect()
    };
    println!(
        "run {}: {messages} messages in the outbox; three nodes send to {}; node {} is killed after {kill_after} arrived",
        number + 1,
        smtp.url(),
        victim + 1
    );

    let start = Instant::now();
    let mut nodes: Vec<Child> = (0..3)
        .map(|k| node(binary, url, dir, &smtp.url(), number, k))
        .collect();
    let mut arrivals: HashMap<String, u32> = HashMap::new();
    let count = async |arrivals: &mut HashMap<String, u32>| {
        for m in smtp.waiting().await {
            let id = m.header("Message-ID").expect("a Message-ID");
            assert!(ours.contains_key(&id), "a message not in the outbox: {id}");
            *arrivals.entry(id).or_default() += 1;
        }
    };

    // Until the kill: watch the arrivals closely.
    while arrivals.len() < kill_after {
        count(&mut arrivals).await;
        assert!(start.elapsed() < PATIENCE, "messages stopped arriving");
        for n in nodes.iter_mut() {
            assert!(n.try_wait().expect("node").is_none(), "a node stopped");
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    nodes[victim].kill().expect("SIGKILL");
    let _ = nodes[victim].wait();
    let kill_at = start.elapsed().as_secs_f64();
    let arrived_at_kill = arrivals.len();
    println!(
        "  killed node {} at {kill_at:.2} s, {arrived_at_kill} messages arrived",
        victim + 1
    );

    // Then: until every message is recorded sent and no job is left.
    let (mut last_sent, mut last_change) = (-1, Instant::now());
    let mut stranded: Option<Stranded> = None;
    let (sent, jobs_left) = loop {
        count(&mut arrivals).await;
        let (sent, left): (i64, i64) = {
            let mut c = store.read().await.expect("read");
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM outbox WHERE state = 'sent'), \
                 (SELECT COUNT(*) FROM jobs)",
            )
            .fetch_one(&mut *c)
            .await
            .expect("counts")
        };
        if sent != last_sent {
            (last_sent, last_change) = (sent, Instant::now());
        }
        if stranded.is_none() && left > 0 && last_change.elapsed() > STALLED {
            // The survivors have sent everything else: what is left is the dead node's.
            let mut c = store.read().await.expect("read");
            let rows: Vec<(i64, String, i64)> =
                sqlx::query_as("SELECT subject_id, claim, run_at FROM jobs")
                    .fetch_all(&mut *c)
                    .await
                    .expect("jobs");
            let now = liaison_store::now();
            let lease = rows.iter().map(|r| r.2).max().unwrap_or(now) - now;
            let at = start.elapsed().as_secs_f64() + lease as f64;
            let by_id: HashMap<i64, &String> = ours.iter().map(|(m, id)| (*id, m)).collect();
            let arrived = rows
                .iter()
                .filter(|r| arrivals.contains_key(by_id[&r.0]))
                .count();
            println!(
                "  {} jobs wait for the dead node's lease, {lease} s more (sent so far: {sent}); {arrived} of their messages arrived already",
                rows.len()
            );
            stranded = Some(Stranded {
                jobs: rows,
                lease_ends: at,
                arrived,
            });
        }
        if sent == messages && left == 0 {
            break (sent, left);
        }
        assert!(
            start.elapsed() < PATIENCE,
            "not done after {PATIENCE:?}: {sent} sent, {left} jobs left"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let seconds = start.elapsed().as_secs_f64();
    // Anything a node might still send late arrives within this.
    tokio::time::sleep(Duration::from_secs(2)).await;
    count(&mut arrivals).await;
    for mut n in nodes {
        let _ = n.kill();
        let _ = n.wait();
    }

    let (attempts_over_one, states): (i64, i64) = {
        let mut c = store.read().await.expect("read");
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE attempts > 1), \
             (SELECT COUNT(DISTINCT state) FROM outbox)",
        )
        .fetch_one(&mut *c)
        .await
        .expect("counts")
    };
    store.close().await;
    let Stranded {
        jobs: stranded,
        lease_ends,
        arrived: stranded_arrived,
    } = stranded.unwrap_or_default();
    let by_id: HashMap<i64, &String> = ours.iter().map(|(m, id)| (*id, m)).collect();
    let stranded_ids: HashSet<&String> = stranded.iter().map(|r| by_id[&r.0]).collect();
    let twice: Vec<(&String, &u32)> = arrivals.iter().filter(|(_, n)| **n > 1).collect();
    let run = Run {
        killed: victim,
        kill_at,
        arrived_at_kill,
        stranded: stranded.len(),
        stranded_claims: stranded.iter().map(|r| &r.1).collect::<HashSet<_>>().len(),
        lease_ends,
        stranded_arrived,
        outbox: messages,
        arrived: arrivals.len(),
        twice: twice.len(),
        copies: twice.iter().map(|(_, n)| **n as usize).sum(),
        twice_stranded: twice
            .iter()
            .filter(|(m, _)| stranded_ids.contains(m))
            .count(),
        sent,
        attempts_over_one,
        jobs_left,
        seconds,
        before_kill_rate: arrived_at_kill as f64 / kill_at,
    };
    assert_eq!(states, 1, "every message in one state: sent");
    println!(
        "  done at {seconds:.1} s: {} arrived, {} twice, {sent} recorded sent, {jobs_left} jobs left",
        run.arrived, run.twice
    );
    run
}

/// Starts node `k` of run `number`: `liaison serve` on a free port of the loopback, its
/// output in a file of the bench's folder.
fn node(
    binary: &PathBuf,
    url: &str,
    dir: &std::path::Path,
    smtp: &str,
    number: usize,
    k: usize,
) -> Child {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let data = dir.join(format!("node{k}"));
    std::fs::create_dir_all(&data).expect("folder");
    let log = std::fs::File::create(dir.join(format!("run{number}-node{k}.log"))).expect("log");
    Command::new(binary)
        .arg("--database-url")
        .arg(url)
        .arg("--data-dir")
        .arg(&data)
        .arg("--files-dir")
        .arg(dir.join("files"))
        .arg("--smtp-url")
        .arg(smtp)
        .arg("--mail-from")
        .arg("Riverside Office <office@liaison.test>")
        .arg("--public-url")
        .arg("https://liaison.test")
        .arg("serve")
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .env("LIAISON_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("start liaison serve")
}

/// Drops the bench's database at the end.
async fn drop_database(admin: &str, name: &str) {
    use liaison_store::sqlx::{Connection, Executor};
    liaison_store::sqlx::any::install_default_drivers();
    let mut c = liaison_store::sqlx::AnyConnection::connect(admin)
        .await
        .expect("connect");
    c.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop the bench's database");
    let _ = c.close().await;
}
