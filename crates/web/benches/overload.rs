//! Overload (issue 4): the real server, `liaison serve` in a process of its own, flooded
//! with ten times its concurrency limit of slow-ish requests — searches, queue pages,
//! Open311 submissions and the Open311 request list — while its memory is watched.
//!
//! ```sh
//! cargo build --release -p liaison
//! cargo bench -p liaison-web --bench overload
//! ```
//! Settings (environment): `LIAISON_BIN` (default `target/release/liaison`),
//! `LIAISON_BENCH_CONCERNS` (demo office generated first, default 20,000),
//! `LIAISON_BENCH_LIMIT` (the server's `--max-concurrent-requests`, default the server's
//! default; waiting requests are as many), `LIAISON_BENCH_FLOOD` (clients, default ten times the limit),
//! `LIAISON_BENCH_SECONDS` (how long the flood lasts, default 15), `LIAISON_BENCH_BACKOFF`
//! (1, the default: a refused client waits as `Retry-After` says — 1 s when overloaded, 5 s
//! otherwise — as apps and Open311 clients should; 0: it asks again at once, as a hostile
//! flood does),
//! `LIAISON_BENCH_DATABASE_URL` (default: SQLite in a fresh temporary folder; a PostgreSQL
//! database given here must be empty), `LIAISON_BENCH_LOG` (the server's `LIAISON_LOG`,
//! default `error`; its log goes to stderr).
//!
//! Prints the server's resident memory at rest (after a warm-up of every kind of request),
//! its peak during the flood (`VmHWM`, and sampled with its anonymous part: the rest is the
//! database file mapped in) and after, and the answers by status with their latencies. Each client keeps one connection and sends its next request as soon as the
//! last is answered (or, refused, after its wait); rate limits are switched off, so only the
//! load gate refuses.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::{env_or, summarize, Connection};

/// The kinds of request in the flood.
const KINDS: [&str; 4] = ["search", "queue", "submit", "open311-list"];

const WORDS: [&str; 6] = ["dust", "blasting", "water", "road", "noise", "cracks"];

/// What the clients need to know.
struct Target {
    base: String,
    auth: String,
    api_key: String,
}

impl Target {
    /// Sends request number `n` of kind `kind` on `c`.
    async fn send(
        &self,
        c: &mut Connection,
        kind: usize,
        n: usize,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        match KINDS[kind] {
            "search" => {
                let path = format!("/api/v1/concerns?view=all&q={}", WORDS[n % WORDS.len()]);
                c.send("GET", &path, &self.auth, None).await
            }
            "queue" => {
                let sort = ["oldest", "priority", "due", "updated"][n % 4];
                let path = format!("/api/v1/concerns?view=all&sort={sort}");
                c.send("GET", &path, &self.auth, None).await
            }
            "submit" => {
                let body = format!(
                    "api_key={}&service_code=enquiry&address_string=12+Mill+Lane\
                     &description=Overload+bench+submission+{n}",
                    self.api_key
                );
                let form = ("application/x-www-form-urlencoded", body.as_bytes());
                c.send("POST", "/open311/v2/requests.json", "", Some(form))
                    .await
            }
            _ => c.send("GET", "/open311/v2/requests.json", "", None).await,
        }
    }
}

/// The server process, stopped when dropped (even when the bench fails half-way).
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A figure from `/proc/<pid>/status`, in MiB.
fn memory(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Runs one `liaison` command to its end; answers the last line it printed.
fn liaison(bin: &PathBuf, global: &[String], args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(global)
        .args(args)
        .env("LIAISON_LOG", "error")
        .output()
        .expect("run liaison");
    assert!(
        out.status.success(),
        "liaison {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// What a 503 says: refused by the load gate, stopped by the timeout, or the database.
fn why(body: &[u8]) -> &'static str {
    let text = String::from_utf8_lossy(body);
    if text.contains("overloaded") || text.contains("more requests than it can") {
        "503 overloaded"
    } else if text.contains("\"timeout\"") || text.contains("took too long") {
        "503 timeout"
    } else {
        "503 database"
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target_dir = std::env::var("CARGO_TARGET_DIR").map_or(root.join("target"), PathBuf::from);
    let bin =
        std::env::var("LIAISON_BIN").map_or(target_dir.join("release/liaison"), PathBuf::from);
    assert!(
        bin.exists(),
        "{} is missing: build it first with `cargo build --release -p liaison`",
        bin.display()
    );
    let concerns = env_or("LIAISON_BENCH_CONCERNS", 20_000);
    let limit = env_or(
        "LIAISON_BENCH_LIMIT",
        liaison_web::overload::DEFAULT_MAX_CONCURRENT_REQUESTS as u64,
    ) as usize;
    let clients = env_or("LIAISON_BENCH_FLOOD", 10 * limit as u64) as usize;
    let seconds = env_or("LIAISON_BENCH_SECONDS", 15);
    let backoff = env_or("LIAISON_BENCH_BACKOFF", 1) == 1;

    let data = std::env::temp_dir().join(format!("liaison-overload-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).expect("data folder");
    let mut global = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Ok(url) = std::env::var("LIAISON_BENCH_DATABASE_URL") {
        global.extend(["--database-url".to_string(), url]);
    }
    // Every request comes from one address: only the load gate may refuse.
    for flag in [
        "--open311-per-key",
        "--open311-per-address",
        "--portal-per-address",
        "--lookups-per-address",
    ] {
        global.extend([flag.to_string(), "0".to_string()]);
    }
    let n = concerns.to_string();
    println!("generating a demo office of {concerns} concerns…");
    liaison(&bin, &global, &["demo", "--concerns", &n]);
    let email = "overload@example.org";
    liaison(
        &bin,
        &global,
        &[
            "user",
            "add",
            "--email",
            email,
            "--role",
            "administrator",
            "--password",
            "overload-bench-password",
        ],
    );
    let token = liaison(
        &bin,
        &global,
        &["token", "--email", email, "--name", "overload"],
    );
    let api_key = liaison(&bin, &global, &["api-key", "create", "--name", "overload"]);

    let limit_flag = limit.to_string();
    // What the server logs, written to stderr (`warn` names every refusal's cause).
    let server_log = std::env::var("LIAISON_BENCH_LOG").unwrap_or_else(|_| "error".into());
    let mut server = Server(
        Command::new(&bin)
            .args(&global)
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--max-concurrent-requests",
                &limit_flag,
            ])
            .args(["--max-waiting-requests", &limit_flag])
            .env("LIAISON_LOG", &server_log)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start liaison serve"),
    );
    let pid = server.0.id();
    let mut lines = std::io::BufReader::new(server.0.stdout.take().expect("stdout")).lines();
    let base = loop {
        let line = lines.next().expect("the server's address").expect("read");
        if let Some(rest) = line.split("running at ").nth(1) {
            break rest.split('/').take(3).collect::<Vec<_>>().join("/");
        }
    };
    // Keep reading what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| eprintln!("{l}")));
    let target = Arc::new(Target {
        base,
        auth: format!("Authorization: Bearer {token}\r\n"),
        api_key,
    });

    // Warm-up: every kind, one after another, so the figure at rest has every path loaded.
    let mut c = Connection::open(&target.base).await;
    for n in 0..40 {
        for (kind, name) in KINDS.iter().enumerate() {
            let (status, body) = target.send(&mut c, kind, n).await.expect("warm-up");
            assert!(
                status < 300,
                "{name} answered {status}: {}",
                String::from_utf8_lossy(&body)
            );
        }
    }
    drop(c);
    let at_rest = (memory(pid, "VmRSS:"), memory(pid, "RssAnon:"));

    // The flood, with the server's memory sampled meanwhile.
    let answers: Arc<Mutex<BTreeMap<String, Vec<f64>>>> = Default::default();
    let failures = Arc::new(Mutex::new(0usize));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let sampler = tokio::spawn(async move {
        let mut peak: (f64, f64) = (0.0, 0.0);
        while Instant::now() < deadline {
            peak.0 = peak.0.max(memory(pid, "VmRSS:"));
            peak.1 = peak.1.max(memory(pid, "RssAnon:"));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        peak
    });
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(clients);
    for id in 0..clients {
        let (target, answers, failures) = (target.clone(), answers.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mut conn = None;
            let mut n = id;
            while Instant::now() < deadline {
                let c = match conn.as_mut() {
                    Some(c) => c,
                    None => match Connection::try_open(&target.base).await {
                        Ok(c) => conn.insert(c),
                        Err(_) => {
                            *failures.lock().expect("failures") += 1;
                            continue;
                        }
                    },
                };
                let kind = n % KINDS.len();
                let t = Instant::now();
                match target.send(c, kind, n).await {
                    Ok((status, body)) => {
                        let ms = t.elapsed().as_secs_f64() * 1000.0;
                        let refused = (status == 503).then(|| why(&body));
                        let class = match refused {
                            Some(why) => why.to_string(),
                            None => format!("{status} {}", KINDS[kind]),
                        };
                        answers
                            .lock()
                            .expect("answers")
                            .entry(class)
                            .or_default()
                            .push(ms);
                        if let Some(why) = refused.filter(|_| backoff) {
                            let wait = if why == "503 overloaded" { 1 } else { 5 };
                            tokio::time::sleep(Duration::from_secs(wait)).await;
                        }
                    }
                    Err(_) => {
                        *failures.lock().expect("failures") += 1;
                        conn = None;
                    }
                }
                n += 1;
            }
        }));
    }
    for t in tasks {
        t.await.expect("client");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let peak_sampled = sampler.await.expect("sampler");
    let high_water = memory(pid, "VmHWM:");
    let after = (memory(pid, "VmRSS:"), memory(pid, "RssAnon:"));

    let answers = std::mem::take(&mut *answers.lock().expect("answers"));
    let total: usize = answers.values().map(Vec::len).sum();
    println!(
        "\nliaison serve --max-concurrent-requests {limit} --max-waiting-requests {limit}, \
         {concerns} concerns; {clients} clients for {seconds} s, {}",
        if backoff {
            "refused clients waiting as Retry-After says"
        } else {
            "refused clients asking again at once"
        }
    );
    println!(
        "{total} answers in {elapsed:.1} s ({:.0}/s); connection failures: {}",
        total as f64 / elapsed,
        failures.lock().expect("failures")
    );
    println!("| answer | count | share | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    for (class, ms) in answers {
        let share = ms.len() as f64 * 100.0 / total.max(1) as f64;
        let f = summarize(&class, ms);
        println!(
            "| {} | {} | {share:.1} % | {:.1} | {:.1} | {:.1} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
    println!(
        "server memory (MiB, resident / of it anonymous, the rest being the database file \
         mapped in): at rest {:.1} / {:.1}; peak {high_water:.1} (VmHWM), sampled every 100 ms \
         {:.1} / {:.1}; after the flood {:.1} / {:.1}",
        at_rest.0, at_rest.1, peak_sampled.0, peak_sampled.1, after.0, after.1
    );

    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}
