//! The import's figure (issue 13): a 100,000-row CSV of contacts read, checked against
//! the register for likely duplicates and written, through the operation the pages and the
//! command line use (`Stakeholders::import_file`), against the register benchmark's office.
//!
//! ```sh
//! cargo bench -p liaison-web --bench import
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in
//! `bench-data/register.db`; run the register benchmark first to fill it), and
//! `LIAISON_BENCH_IMPORT_ROWS` (default 100,000). Every run's rows are new people (their
//! names and contacts carry the run's start time), with one row in twenty a person already
//! in the register (their email) and one in fifty a repeat of an earlier row, so duplicate
//! detection has real work.

use liaison_store::sqlx;

mod common;
use common::{env_or, office_sized};

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/register.db".into()
    });
    let rows = env_or("LIAISON_BENCH_IMPORT_ROWS", 100_000) as usize;
    let size = liaison_demo::Size {
        concerns: env_or("LIAISON_BENCH_CONCERNS", 1_000_000),
        people: env_or("LIAISON_BENCH_PEOPLE", 200_000),
        organizations: Some(env_or("LIAISON_BENCH_ORGANIZATIONS", 20_000)),
    };
    let (store, app) = office_sized(&url, size).await;
    let known: Vec<String> = {
        let mut c = store.read().await.expect("read");
        sqlx::query_scalar(
            "SELECT value FROM stakeholder_contacts WHERE record_kind = 'person' \
             AND channel = 'email' ORDER BY record_id LIMIT 10000",
        )
        .fetch_all(&mut *c)
        .await
        .expect("emails")
    };
    let run = liaison_store::now();
    let mut file =
        String::from("First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title\r\n");
    for i in 0..rows {
        let n = if i % 50 == 49 { i - 1 } else { i };
        let email = if i % 20 == 19 && !known.is_empty() {
            known[i % known.len()].clone()
        } else {
            format!("import.{run}.{n}@example.org")
        };
        file.push_str(&format!(
            "Imported{n},Person{run},{email},+27 {:05} {n:06},Burial Society {},Member\r\n",
            run % 100_000,
            n % 500
        ));
    }
    let bytes = file.into_bytes();
    println!("{} rows, {} bytes", rows, bytes.len());

    let start = std::time::Instant::now();
    let checked = app
        .stakeholders()
        .import_file(&bytes, true, true, &|_, _| {})
        .await
        .expect("dry run");
    let dry = start.elapsed().as_secs_f64();
    println!(
        "check only (dry run): {:.2} s, {:.0} rows/s — {} ready, {} likely known, {} repeated, {} invalid",
        dry,
        rows as f64 / dry,
        checked.counts.ready,
        checked.counts.known,
        checked.counts.repeated,
        checked.counts.invalid
    );
    let start = std::time::Instant::now();
    let done = app
        .stakeholders()
        .import_file(&bytes, false, true, &|_, _| {})
        .await
        .expect("import");
    let took = start.elapsed().as_secs_f64();
    println!(
        "import: {:.2} s, {:.0} rows/s — {} people added",
        took,
        rows as f64 / took,
        done.imported
    );
}
