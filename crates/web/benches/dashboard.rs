//! The figures of issue 16, measured over HTTP on loopback against the generated office of
//! the page benchmark: the staff home (dashboard), a one-year report as a page, a
//! spreadsheet and a PDF, and the portal's statistics; each beside the same figures made
//! without HTTP (the operation alone: its database reads and the arithmetic), to say how
//! far the page is from the database's own speed.
//!
//! ```sh
//! cargo bench -p liaison-web --bench dashboard
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in `bench-data/`,
//! the page benchmark's office), `LIAISON_BENCH_CONCERNS` (default 1,000,000; generated
//! when the database is empty), `LIAISON_BENCH_REQUESTS` (default 400; a tenth of them for
//! the reports, a fortieth for their files), `LIAISON_BENCH_REBUILD=1` to time `liaison
//! aggregates rebuild` first.

use std::time::Instant;

use liaison_app::reports::MakeReport;

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

    // The figures counted once, as `serve` does for an office upgraded or bulk-loaded;
    // recounted and timed when asked (`LIAISON_BENCH_REBUILD=1`).
    let started = Instant::now();
    if env_or("LIAISON_BENCH_REBUILD", 0) == 1 {
        app.dashboard().rebuild().await.expect("rebuild");
    } else {
        app.dashboard().ensure_counted().await.expect("counted");
    }
    println!(
        "backend {:?}; figures counted (or recounted) in {:.1} s",
        store.backend(),
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

    // A year of concerns, compared with the year before: the longest report people make.
    let tz = app
        .office()
        .settings()
        .await
        .expect("office")
        .calendar
        .time_zone;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let (from, to) = (
        today - chrono::Duration::days(365),
        today - chrono::Duration::days(1),
    );
    let request = MakeReport {
        from: from.to_string().as_str().into(),
        to: to.to_string().as_str().into(),
        compare: true.into(),
        ..MakeReport::default()
    };
    let reports = app.reports();
    let spec = reports
        .spec(&admin, "concerns", &request)
        .await
        .expect("a year's report");
    let few = (requests / 10).max(5);
    let mut made = Vec::with_capacity(few);
    for _ in 0..few {
        let t = Instant::now();
        reports.make(&admin, &spec, "en").await.expect("report");
        made.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let made = summarize("one-year report without HTTP (the reads alone)", made);
    let query = format!("from={from}&to={to}&compare=yes");
    let timed = |name: &'static str, path: String, n: usize| {
        let (client, cookie) = (&client, &cookie);
        async move {
            let mut ms = Vec::with_capacity(n);
            for _ in 0..n {
                ms.push(timed_get(client, &path, cookie).await);
            }
            summarize(name, ms)
        }
    };
    let report_page = timed(
        "one-year report page over HTTP",
        format!("{base}/staff/reports/concerns?{query}"),
        few,
    )
    .await;
    let files = (requests / 40).max(3);
    let xlsx = timed(
        "one-year report as XLSX over HTTP",
        format!("{base}/staff/reports/concerns/report.xlsx?{query}"),
        files,
    )
    .await;
    let pdf = timed(
        "one-year report as PDF over HTTP",
        format!("{base}/staff/reports/concerns/report.pdf?{query}"),
        files,
    )
    .await;

    // The portal's statistics: counted once a minute per node, then served from memory.
    let t = Instant::now();
    app.statistics().public("en").await.expect("statistics");
    let counted = summarize(
        "public statistics counted (the reads alone, once a minute)",
        vec![t.elapsed().as_secs_f64() * 1000.0],
    );
    let statistics = timed(
        "public statistics page over HTTP",
        format!("{base}/statistics"),
        requests,
    )
    .await;
    println!();
    println!("| measurement | requests | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in [
        alone,
        page,
        made,
        report_page,
        xlsx,
        pdf,
        counted,
        statistics,
    ] {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
}
