//! Page and submission figures of issue 2, measured over HTTP on loopback against a
//! generated office.
//!
//! ```sh
//! cargo bench -p liaison-web --bench pages
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in `bench-data/`),
//! `LIAISON_BENCH_CONCERNS` (default 1,000,000; generated with the demo generator when the
//! database is empty), `LIAISON_BENCH_REQUESTS` (per page kind, default 400),
//! `LIAISON_BENCH_SUBMISSIONS` (default 20,000), `LIAISON_BENCH_CLIENTS` (default 64).
//!
//! On SQLite the submissions go into a copy of the database, removed afterwards, so every
//! run times its pages over the same generated office: earlier runs' submissions would
//! otherwise pile up as a fresh, unassigned, not yet overdue backlog that no real office has.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use liaison_app::{App, Settings};
use liaison_store::Store;

mod common;
use common::{env_or, serve, sign_in, sqlite_copy, summarize, timed_get, Rng};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/bench.db".into()
    });
    let wanted = env_or("LIAISON_BENCH_CONCERNS", 1_000_000);
    let requests = env_or("LIAISON_BENCH_REQUESTS", 400) as usize;
    let submissions = env_or("LIAISON_BENCH_SUBMISSIONS", 20_000) as usize;
    let clients = env_or("LIAISON_BENCH_CLIENTS", 64) as usize;

    let (store, app) = common::office(&url, wanted).await;
    let total: i64 = {
        let mut c = store.read().await.expect("read");
        liaison_store::sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("count")
    };
    println!("backend {:?}, {total} concerns stored", store.backend());

    let base = serve(app.clone()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    let cookie = sign_in(&client, &base, "admin@riverside.example").await;

    let categories = app
        .office()
        .categories(false, false)
        .await
        .expect("categories");
    let areas = app.office().areas(true).await.expect("areas");
    let (max_id, min_id): (i64, i64) = {
        let mut c = store.read().await.expect("read");
        let max = liaison_store::sqlx::query_scalar("SELECT MAX(id) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("max");
        let min = liaison_store::sqlx::query_scalar("SELECT MIN(id) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("min");
        (max, min)
    };
    let mut rng = Rng(7);
    let statuses = [
        "received",
        "acknowledged",
        "in_progress",
        "awaiting_reporter",
        "escalated",
        "resolved",
        "closed",
        "withdrawn",
        "rejected",
    ];
    let views = ["open", "mine", "unassigned", "overdue", "due_soon", "all"];
    let sorts = ["newest", "oldest", "due", "priority", "updated"];
    let words = [
        "dust",
        "water",
        "noise",
        "road",
        "blasting",
        "compensation",
        "pipe",
        "school",
        "police",
        "crack",
        "truck",
        "night",
        "smell",
        "fence",
        "job",
    ];

    let mut results = Vec::new();
    // Warm caches the way a running office has them.
    for _ in 0..50 {
        timed_get(&client, &format!("{base}/staff/concerns"), &cookie).await;
    }

    let mut working = Vec::with_capacity(requests);
    for i in 0..requests {
        let q = format!(
            "view={}&sort={}",
            views[i % views.len()],
            sorts[(i / views.len()) % sorts.len()]
        );
        working.push(timed_get(&client, &format!("{base}/staff/concerns?{q}"), &cookie).await);
    }
    results.push(summarize("working queue (each view x each order)", working));

    let mut queue = Vec::with_capacity(requests);
    for i in 0..requests {
        let mut q = format!(
            "view={}&sort={}",
            views[i % views.len()],
            sorts[rng.below(5) as usize]
        );
        match i % 5 {
            0 => q.push_str(&format!("&status={}", statuses[rng.below(9) as usize])),
            1 => q.push_str(&format!(
                "&category={}",
                categories[rng.below(categories.len() as u64) as usize].id
            )),
            2 => q.push_str(&format!(
                "&area={}",
                areas[rng.below(areas.len() as u64) as usize].id
            )),
            3 => q.push_str("&priority=urgent&channel=phone"),
            _ => {}
        }
        queue.push(timed_get(&client, &format!("{base}/staff/concerns?{q}"), &cookie).await);
    }
    results.push(summarize(
        "queue page (50 rows, filtered and sorted)",
        queue,
    ));

    // One or two of the demo's commonest words; the same queries for every search below.
    let queries: Vec<String> = (0..requests)
        .map(|i| {
            if i % 2 == 0 {
                words[rng.below(words.len() as u64) as usize].to_string()
            } else {
                format!(
                    "{}+{}",
                    words[rng.below(15) as usize],
                    words[rng.below(15) as usize]
                )
            }
        })
        .collect();
    let mut search = Vec::with_capacity(requests);
    for q in &queries {
        let url = format!("{base}/staff/concerns?view=all&q={q}");
        search.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize("free-text search (50 rows)", search));

    // The staff search box: every kind of record at once, its first hits each.
    let mut everywhere = Vec::with_capacity(requests);
    for q in &queries {
        let url = format!("{base}/staff/search?q={q}");
        everywhere.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize(
        "staff search box (first hits of every kind)",
        everywhere,
    ));

    // The same, for an officer: confidential concerns of others are kept out in the query.
    let officer: String = {
        let mut c = store.read().await.expect("read");
        liaison_store::sqlx::query_scalar(
            "SELECT email FROM users WHERE role = 'officer' AND active = 1 ORDER BY id LIMIT 1",
        )
        .fetch_one(&mut *c)
        .await
        .expect("an officer")
    };
    let officer_cookie = sign_in(&client, &base, &officer).await;
    let mut as_officer = Vec::with_capacity(requests);
    for q in &queries {
        let url = format!("{base}/staff/search?q={q}");
        as_officer.push(timed_get(&client, &url, &officer_cookie).await);
    }
    results.push(summarize(
        "staff search box, as an officer (visibility applied)",
        as_officer,
    ));

    let mut page = Vec::with_capacity(requests);
    for _ in 0..requests {
        let id = min_id + rng.below((max_id - min_id + 1) as u64) as i64;
        page.push(timed_get(&client, &format!("{base}/staff/concerns/{id}"), &cookie).await);
    }
    results.push(summarize("concern page", page));

    println!();
    println!("| measurement | requests | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in &results {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }

    // Resident submissions through the portal: many residents at once, each answer a receipt.
    if submissions == 0 {
        return;
    }
    let Some(category) = categories
        .iter()
        .find(|k| k.fields.public && k.fields.active && k.questions.iter().all(|q| !q.required))
    else {
        println!("no public category without required questions: submissions not measured");
        return;
    };
    let copy = sqlite_copy(&url);
    let store = match &copy {
        Some((copy_url, _)) => Store::connect(copy_url).await.expect("connect to the copy"),
        None => store,
    };
    // Every submission comes from this one address: no per-address limit here.
    let settings = Settings {
        portal_per_address: liaison_app::Limit::NONE,
        ..Settings::default()
    };
    let base = serve(App::new(store.clone(), settings)).await;
    let path = format!("{base}/report/{}", category.id);
    let done = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (client, path, done) = (client.clone(), path.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let n = done.fetch_add(1, Ordering::Relaxed);
                if n >= submissions {
                    break;
                }
                let body = format!("description=Benchmark+report+{n}+from+client+{c}+about+dust+on+the+road&anonymous=yes");
                let t = Instant::now();
                let r = client
                    .post(&path)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .expect("submit");
                let ok = r.status().is_success();
                let text = r.text().await.expect("receipt");
                assert!(ok && text.contains("tracking-code"), "submission failed");
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.expect("task"));
    }
    let elapsed = start.elapsed();
    let after: i64 = {
        let mut c = store.read().await.expect("read");
        liaison_store::sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("count")
    };
    assert_eq!(
        after - total,
        latencies.len() as i64,
        "every acknowledged submission is stored"
    );
    let f = summarize("portal submission", latencies);
    println!(
        "\nportal submissions: {} with {clients} concurrent clients in {:.2} s = {:.0}/s, p50 {:.2} ms, p99 {:.2} ms (all {} stored)",
        f.count,
        elapsed.as_secs_f64(),
        f.count as f64 / elapsed.as_secs_f64().max(Duration::from_millis(1).as_secs_f64()),
        f.p50,
        f.p99,
        after - total
    );
    if let Some((_, file)) = copy {
        store.close().await;
        common::remove_database(&file);
    }
}
