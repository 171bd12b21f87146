//! The staff home's figures of issue 16, measured over HTTP on loopback against the
//! generated office of the page benchmark, and the same figures read without HTTP (the
//! operation alone: its database reads and the arithmetic), to say how far the page is
//! from the database's own speed.
//!
//! ```sh
//! cargo bench -p liaison-web --bench dashboard
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in `bench-data/`,
//! the page benchmark's office), `LIAISON_BENCH_CONCERNS` (default 1,000,000; generated
//! when the database is empty), `LIAISON_BENCH_REQUESTS` (default 400).

use std::time::Instant;

mod common;
use common::{env_or, serve, sign_in, summarize, timed_get};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/bench.db".into()
    });
    let wanted = env_or("LIAISON_BENCH_CONCERNS", 1_000_000);
    let requests = env_or("LIAISON_BENCH_REQUESTS", 400) as usize;
    let (store, app) = common::office(&url, wanted).await;

    // An office upgraded to the figures counts them once, as `serve` does at start.
    let started = Instant::now();
    app.dashboard().ensure_counted().await.expect("counted");
    println!(
        "backend {:?}; figures ready in {:.1} s",
        store.backend(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let counted = app.dashboard().rebuild().await.expect("rebuild");
    println!(
        "liaison aggregates rebuild: {counted} concerns in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let admin = {
        let mut c = store.read().await.expect("read");
        liaison_store::users::with_password(&mut c, "admin@riverside.example")
            .await
            .expect("read")
            .expect("the demo's administrator")
            .0
    };
    let mut alone = Vec::with_capacity(requests);
    for _ in 0..requests {
        let t = Instant::now();
        app.dashboard().office(&admin).await.expect("figures");
        alone.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let alone = summarize("office figures without HTTP (the reads alone)", alone);

    let base = serve(app.clone()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = sign_in(&client, &base, "admin@riverside.example").await;
    for _ in 0..20 {
        timed_get(&client, &format!("{base}/staff"), &cookie).await;
    }
    let mut page = Vec::with_capacity(requests);
    for _ in 0..requests {
        page.push(timed_get(&client, &format!("{base}/staff"), &cookie).await);
    }
    let page = summarize("staff home (dashboard) over HTTP", page);
    println!();
    println!("| measurement | requests | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in [alone, page] {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
}
