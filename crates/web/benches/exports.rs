//! The CSV export of every concern (issue 16: at least 200,000 rows a second, the server's
//! memory under 100 MB), downloaded over HTTP on loopback from a generated office.
//!
//! ```sh
//! cargo bench -p liaison-web --bench exports
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in `bench-data/`),
//! `LIAISON_BENCH_CONCERNS` (default 1,000,000; generated with the demo generator when the
//! database is empty).
//!
//! It prints the rows, the seconds and rows a second of `GET /api/v1/concerns.csv?view=all`
//! as an administrator (who sees every concern and its reporter), read by a client that
//! keeps nothing of the body; beside it, the same pages read by the application alone
//! (`Concerns::export`, no CSV, no HTTP): how far the file is from the database's speed.
//!
//! Memory: the server runs in this process, so the process's resident memory is the
//! server's (with the client, which holds one chunk at a time). Before the download the
//! kernel's high-water mark of resident memory is reset (`5` written to
//! `/proc/self/clear_refs`), and `VmRSS` read; after it, `VmHWM` is the most the process
//! held at any moment of the download, so `VmHWM - VmRSS(before)` is the peak growth the
//! export caused, and `VmHWM` itself the peak the process reached. On SQLite that total
//! includes the database file's pages SQLite maps (`mmap_size`): the kernel's page cache,
//! shared and given back under pressure, which grows with the part of the file read. So a
//! thread also reads `RssAnon` (the process's own memory: heap and stacks) and `RssFile`
//! (mapped files) every 5 ms during the download, and their peaks are printed apart: the
//! server's own memory is `RssAnon`. A run that generated its office holds the generator's
//! freed memory, which the export may reuse without growing: run it again over the same
//! database for the figures to report.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use liaison_app::access_tokens::CreateToken;
use liaison_app::concerns::QueueFilter;

mod common;
use common::{env_or, serve};

/// A figure of `/proc/self/status` in kB (`VmRSS`, `VmHWM`).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/bench.db".into()
    });
    let wanted = env_or("LIAISON_BENCH_CONCERNS", 1_000_000);
    let generated = {
        let store = liaison_store::Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        liaison_demo::is_empty(&store).await.expect("count")
    };
    let (store, app) = common::office(&url, wanted).await;
    let total: i64 = {
        let mut c = store.read().await.expect("read");
        liaison_store::sqlx::query_scalar("SELECT COUNT(*) FROM concerns")
            .fetch_one(&mut *c)
            .await
            .expect("count")
    };
    println!("backend {:?}, {total} concerns stored", store.backend());
    let made = CreateToken {
        name: format!("export bench {}", liaison_store::now())
            .as_str()
            .into(),
        ..CreateToken::default()
    };
    let (_, token) = (app.access_tokens())
        .create_for("admin@riverside.example", &made)
        .await
        .expect("a token");

    // The application's own read: every page of the export, nothing written.
    let admin = app
        .accounts()
        .assignable_staff()
        .await
        .expect("staff")
        .into_iter()
        .find(|u| u.email == "admin@riverside.example")
        .expect("the administrator");
    let start = Instant::now();
    let mut filter = QueueFilter {
        limit: 2_000,
        ..QueueFilter::default()
    };
    let mut read = 0usize;
    loop {
        let (rows, next) = app.concerns().export(&admin, &filter).await.expect("page");
        read += rows.len();
        match next {
            Some(n) => filter.after = Some(n),
            None => break,
        }
    }
    let app_seconds = start.elapsed().as_secs_f64();
    println!(
        "read by the application: {read} rows in {app_seconds:.2} s, {:.0} rows/s",
        read as f64 / app_seconds
    );

    let base = serve(app.clone()).await;
    let client = reqwest::Client::new();
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the high-water mark");
    let rss_before = status_kb("VmRSS");
    let (anon_before, file_before) = (status_kb("RssAnon"), status_kb("RssFile"));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = std::thread::spawn({
        let done = done.clone();
        move || {
            let (mut anon, mut file) = (0, 0);
            while !done.load(Ordering::Relaxed) {
                anon = anon.max(status_kb("RssAnon"));
                file = file.max(status_kb("RssFile"));
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            (anon, file)
        }
    });
    let start = Instant::now();
    let mut answer = client
        .get(format!("{base}/api/v1/concerns.csv?view=all"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("the export");
    assert!(answer.status().is_success(), "{}", answer.status());
    let first_byte = start.elapsed().as_secs_f64();
    let (mut bytes, mut lines) = (0usize, 0usize);
    let mut last = 0u8;
    while let Some(chunk) = answer.chunk().await.expect("a chunk") {
        bytes += chunk.len();
        // Records end in CRLF; the demo's texts hold no line break of their own.
        lines += chunk.windows(2).filter(|w| w == b"\r\n").count();
        if last == b'\r' && chunk.first() == Some(&b'\n') {
            lines += 1;
        }
        last = chunk.last().copied().unwrap_or(last);
    }
    let seconds = start.elapsed().as_secs_f64();
    let (hwm, rss_after) = (status_kb("VmHWM"), status_kb("VmRSS"));
    done.store(true, Ordering::Relaxed);
    let (anon_peak, file_peak) = sampler.join().expect("the sampler");
    let rows = lines.saturating_sub(1);
    assert_eq!(rows as i64, total, "every concern, once");
    println!(
        "GET /api/v1/concerns.csv?view=all: {rows} rows, {:.1} MB in {seconds:.2} s \
         (first byte after {:.0} ms): {:.0} rows/s",
        bytes as f64 / 1e6,
        first_byte * 1000.0,
        rows as f64 / seconds
    );
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!(
        "memory, all resident: {:.1} MB before, peak {:.1} MB during (growth {:.1} MB), \
         {:.1} MB after",
        mb(rss_before),
        mb(hwm),
        mb(hwm.saturating_sub(rss_before)),
        mb(rss_after)
    );
    println!(
        "  the process's own (RssAnon): {:.1} MB before, peak {:.1} MB (growth {:.1} MB); \
         mapped files (RssFile): {:.1} MB before, peak {:.1} MB",
        mb(anon_before),
        mb(anon_peak),
        mb(anon_peak.saturating_sub(anon_before)),
        mb(file_before),
        mb(file_peak)
    );
    if generated {
        println!(
            "(this run generated the office: its freed memory may hide growth; run again \
             over the same database for the figure to report)"
        );
    }
}
