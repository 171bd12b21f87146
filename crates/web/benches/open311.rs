//! Open311 figures of issue 3, measured over HTTP on loopback against a generated office:
//! `GET requests.json` (the default window) and `POST requests.json` from many clients.
//!
//! ```sh
//! cargo bench -p liaison-web --bench open311
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in `bench-data/`),
//! `LIAISON_BENCH_CONCERNS` (default 1,000,000, generated when the database is empty),
//! `LIAISON_BENCH_REQUESTS` (reads, default 200), `LIAISON_BENCH_SUBMISSIONS` (default
//! 50,000), `LIAISON_BENCH_CLIENTS` (default 64), `LIAISON_BENCH_RATE` (default 5,000 per
//! second, 0 to skip).
//!
//! On SQLite the submissions go into a copy of the database, removed afterwards. They are
//! sent by a lean HTTP/1.1 client (one kept-alive connection per client, `common::Connection`)
//! so the load generator takes little of the machine's two cores: first as fast as the
//! answers come back (the most the server accepts), then the same number at a steady rate
//! (each client on its own schedule, latency counted from the scheduled time). The same number of
//! submissions is then made through the operation itself, without HTTP, to show what the
//! HTTP layer costs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use liaison_app::{Actor, App, Input, Limit, Settings};
use liaison_domain::concerns::{Channel, Confidentiality, Priority};
use liaison_store::concerns::{self, NewConcern, Reporter};
use liaison_store::Store;

mod common;
use common::{env_or, serve, sqlite_copy, summarize, Connection};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/bench.db".into()
    });
    let wanted = env_or("LIAISON_BENCH_CONCERNS", 1_000_000);
    let reads = env_or("LIAISON_BENCH_REQUESTS", 200) as usize;
    let submissions = env_or("LIAISON_BENCH_SUBMISSIONS", 50_000) as usize;
    let clients = env_or("LIAISON_BENCH_CLIENTS", 64) as usize;
    let rate = env_or("LIAISON_BENCH_RATE", 5_000);

    let (store, app) = common::office(&url, wanted).await;
    let total = count(&store).await;
    println!("backend {:?}, {total} concerns stored", store.backend());
    let base = serve(app.clone()).await;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");

    // Reads: the default window, the newest 1,000 public requests of the last 90 days.
    let mut latencies = Vec::with_capacity(reads);
    let mut listed = 0;
    for _ in 0..reads {
        let t = Instant::now();
        let r = client
            .get(format!("{base}/open311/v2/requests.json"))
            .send()
            .await
            .expect("request");
        assert!(
            r.status().is_success(),
            "requests.json answered {}",
            r.status()
        );
        let body = r.bytes().await.expect("body");
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        listed = serde_json::from_slice::<Vec<serde_json::Value>>(&body)
            .expect("a list")
            .len();
    }
    let f = summarize("GET requests.json", latencies);
    println!(
        "GET requests.json (default window, {listed} requests per answer): {} reads, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        f.count, f.p50, f.p99, f.max
    );

    if submissions == 0 {
        return;
    }
    // Writes go into a copy, served without rate limits: the figure is the server's own.
    let copy = sqlite_copy(&url);
    let store = match &copy {
        Some((copy_url, _)) => Store::connect(copy_url).await.expect("connect to the copy"),
        None => store,
    };
    let settings = Settings {
        open311_per_key: Limit::NONE,
        open311_per_address: Limit::NONE,
        ..Settings::default()
    };
    let app = App::new(store.clone(), settings);
    let base = serve(app.clone()).await;
    let (_, api_key) = app
        .api_keys()
        .create(None, &"Benchmark client".into())
        .await
        .expect("key");
    let service = app
        .open311()
        .services()
        .await
        .expect("services")
        .into_iter()
        .find(|k| k.questions.iter().all(|q| !q.required))
        .expect("a public service without required questions");
    let code = service.fields.code.clone();

    let before = count(&store).await;
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (base, done) = (base.clone(), done.clone());
        let body_of = body(api_key.clone(), code.clone());
        tasks.push(tokio::spawn(async move {
            // A lean client, so the cores go to the server rather than to the load.
            let mut connection = Connection::open(&base).await;
            let mut latencies = Vec::new();
            loop {
                let n = done.fetch_add(1, Ordering::Relaxed);
                if n >= submissions {
                    break;
                }
                let t = Instant::now();
                post(&mut connection, &body_of(n, c)).await;
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            latencies
        }));
    }
    let label = format!("POST requests.json, {clients} concurrent clients");
    report(&label, &store, before, start, tasks).await;

    // The same clients at a steady rate: the latency of a sustained load rather than of
    // clients sending as fast as answers come back.
    if rate > 0 {
        let before = count(&store).await;
        let interval = Duration::from_secs_f64(clients as f64 / rate as f64);
        let per_client = submissions / clients;
        let start = Instant::now();
        let schedule = tokio::time::Instant::from_std(start);
        let mut tasks = Vec::new();
        for c in 0..clients {
            let base = base.clone();
            let body_of = body(api_key.clone(), code.clone());
            // Clients start spread over one interval, as independent senders would.
            let first = schedule + interval.mul_f64(c as f64 / clients as f64);
            tasks.push(tokio::spawn(async move {
                let mut connection = Connection::open(&base).await;
                let mut latencies = Vec::with_capacity(per_client);
                for k in 0..per_client {
                    // Each request has its time in the schedule, and its latency counts from
                    // then: a late answer delays the next request, and that wait counts too.
                    let due = first + interval.mul_f64(k as f64);
                    tokio::time::sleep_until(due).await;
                    post(&mut connection, &body_of(submissions + k * clients + c, c)).await;
                    latencies.push(due.elapsed().as_secs_f64() * 1000.0);
                }
                latencies
            }));
        }
        let label = format!("POST requests.json at {rate}/s offered");
        report(&label, &store, before, start, tasks).await;
    }

    // The same submissions through the operation itself: what is left without HTTP.
    let client_actor = app
        .api_keys()
        .client(&api_key)
        .await
        .expect("lookup")
        .expect("the key is live");
    let before = count(&store).await;
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (app, done, who) = (app.clone(), done.clone(), client_actor.clone());
        let body_of = body(api_key.clone(), code.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let n = done.fetch_add(1, Ordering::Relaxed);
                if n >= submissions {
                    break;
                }
                let input = Input::from_urlencoded(body_of(n, c).as_bytes());
                submit(&app, &who, &input).await;
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let elapsed = start.elapsed().as_secs_f64();
    let stored = count(&store).await - before;
    println!(
        "the same operation without HTTP: {stored} in {elapsed:.2} s = {:.0}/s",
        stored as f64 / elapsed
    );

    // The floor: the same number of concern rows written straight into the table, in
    // groups of as many as there are clients, one commit each — no validation, no timeline,
    // no search index, no audit.
    let category = service.id;
    let start = Instant::now();
    let group = clients.max(1);
    for (g, chunk) in (0..submissions)
        .collect::<Vec<_>>()
        .chunks(group)
        .enumerate()
    {
        let rows: Vec<NewConcern> = chunk
            .iter()
            .map(|n| NewConcern {
                reference: format!("RAW-{g}-{n}"),
                tracking_hash: format!("raw-{n}"),
                category_id: category,
                description: format!("Raw row {n}"),
                channel: Channel::Api,
                area_id: None,
                address: None,
                point: Some((51.5, -0.12)),
                priority: Priority::Normal,
                confidentiality: Confidentiality::Public,
                anonymous: true,
                reporter: Reporter::default(),
                answers: Vec::new(),
                received_at: liaison_store::now(),
                ack_due_at: liaison_store::now() + 86_400,
                resolve_due_at: liaison_store::now() + 864_000,
                recorded_by: None,
            })
            .collect();
        let refs: Vec<&NewConcern> = rows.iter().collect();
        let mut tx = store.write().await.expect("write");
        concerns::insert_many(&mut tx, store.backend(), &refs)
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "raw concern rows, {group} per commit: {submissions} in {elapsed:.2} s = {:.0}/s",
        submissions as f64 / elapsed
    );

    if let Some((_, file)) = copy {
        store.close().await;
        common::remove_database(&file);
    }
}

/// Sends one submission over HTTP; anything but its acceptance ends the benchmark.
async fn post(connection: &mut Connection, body: &str) {
    let (status, answer) = connection
        .post(
            "/open311/v2/requests.json",
            "application/x-www-form-urlencoded",
            body.as_bytes(),
        )
        .await;
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&answer));
}

/// Waits for the clients, checks that every accepted request is stored, and prints the rate
/// and the latencies (ms) the clients measured.
async fn report(
    label: &str,
    store: &Store,
    before: i64,
    start: Instant,
    tasks: Vec<tokio::task::JoinHandle<Vec<f64>>>,
) {
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.expect("task"));
    }
    let elapsed = start.elapsed().as_secs_f64();
    let stored = count(store).await - before;
    assert_eq!(
        stored,
        latencies.len() as i64,
        "every acknowledged request is stored"
    );
    let f = summarize(label, latencies);
    println!(
        "{label}: {} accepted in {elapsed:.2} s = {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (all {stored} stored)",
        f.count,
        f.count as f64 / elapsed,
        f.p50,
        f.p99,
        f.max
    );
}

async fn submit(app: &App, who: &Actor, input: &Input) {
    app.open311()
        .submit(who, &input.decode().expect("a service request"), &[])
        .await
        .expect("accepted");
}

/// The form body of submission `n` from client `c`.
fn body(api_key: String, code: String) -> impl Fn(usize, usize) -> String {
    move |n, c| {
        format!(
            "api_key={api_key}&service_code={code}&lat=51.50{:02}&long=-0.12{:02}&description=Benchmark+request+{n}+from+client+{c}+about+dust+on+the+road",
            n % 100,
            c % 100
        )
    }
}

async fn count(store: &Store) -> i64 {
    let mut c = store.read().await.expect("read");
    liaison_store::sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
        .fetch_one(&mut *c)
        .await
        .expect("count")
}
