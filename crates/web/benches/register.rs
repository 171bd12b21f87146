//! Figures of the stakeholder register (issue 13), measured over HTTP on loopback against a
//! generated office: a person's page, the lists, searches by name, phone and email, the
//! influence–interest grid.
//!
//! ```sh
//! cargo bench -p liaison-web --bench register
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in
//! `bench-data/register.db`), `LIAISON_BENCH_PEOPLE` (default 200,000) and
//! `LIAISON_BENCH_CONCERNS` (default 1,000,000), generated with the demo generator when the
//! database is empty, `LIAISON_BENCH_REQUESTS` (per measurement, default 400).

use liaison_store::sqlx;

mod common;
use common::{env_or, office_with, serve, sign_in, summarize, timed_get, Rng};

/// Values of one column for `n` people picked at random (the same ones every run).
async fn sample(store: &liaison_store::Store, sql: &str, n: usize, rng: &mut Rng) -> Vec<String> {
    let mut c = store.read().await.expect("read");
    let max: i64 = sqlx::query_scalar("SELECT MAX(id) FROM people")
        .fetch_one(&mut *c)
        .await
        .expect("people");
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let id = 1 + rng.below(max as u64) as i64;
        let found: Option<String> = sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(&mut *c)
            .await
            .expect("sample");
        out.extend(found);
    }
    out
}

/// A query string's value.
fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        std::fs::create_dir_all("bench-data").expect("bench-data folder");
        "sqlite://bench-data/register.db".into()
    });
    let people = env_or("LIAISON_BENCH_PEOPLE", 200_000);
    let concerns = env_or("LIAISON_BENCH_CONCERNS", 1_000_000);
    let requests = env_or("LIAISON_BENCH_REQUESTS", 400) as usize;

    let (store, app) = office_with(&url, concerns, people).await;
    let counts: (i64, i64, i64) = {
        let mut c = store.read().await.expect("read");
        let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
        let mut n = Vec::new();
        for t in ["people", "organizations", "relationships"] {
            n.push(
                sqlx::query_scalar::<_, i64>(&count(t))
                    .fetch_one(&mut *c)
                    .await
                    .expect("count"),
            );
        }
        (n[0], n[1], n[2])
    };
    println!(
        "backend {:?}: {} people, {} organizations, {} relationships",
        store.backend(),
        counts.0,
        counts.1,
        counts.2
    );
    let base = serve(app.clone()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = sign_in(&client, &base, "admin@riverside.example").await;
    let mut rng = Rng(13);
    let names = sample(
        &store,
        "SELECT name FROM people WHERE id = $1",
        requests,
        &mut rng,
    )
    .await;
    let phones = sample(
        &store,
        "SELECT value FROM stakeholder_contacts WHERE record_kind = 'person' AND record_id = $1 \
         AND channel = 'phone'",
        requests,
        &mut rng,
    )
    .await;
    let emails = sample(
        &store,
        "SELECT value FROM stakeholder_contacts WHERE record_kind = 'person' AND record_id = $1 \
         AND channel = 'email'",
        requests,
        &mut rng,
    )
    .await;
    let areas = app.office().areas(true).await.expect("areas");

    // Warm caches the way a running office has them.
    for name in names.iter().take(50) {
        timed_get(
            &client,
            &format!("{base}/staff/people?q={}", encoded(name)),
            &cookie,
        )
        .await;
    }
    let mut results = Vec::new();
    let mut page = Vec::with_capacity(requests);
    for _ in 0..requests {
        let id = 1 + rng.below(counts.0 as u64);
        page.push(timed_get(&client, &format!("{base}/staff/people/{id}"), &cookie).await);
    }
    results.push(summarize(
        "a person's page (details, relationships, timeline)",
        page,
    ));

    let mut by_name = Vec::with_capacity(requests);
    for name in &names {
        let url = format!("{base}/staff/people?q={}", encoded(name));
        by_name.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize("search by name (first and last)", by_name));

    // Written the way people type a local number: a trunk 0, no country code.
    let mut by_phone = Vec::with_capacity(requests);
    for phone in &phones {
        let local = phone.replacen("+27 ", "0", 1);
        let url = format!("{base}/staff/people?q={}", encoded(&local));
        by_phone.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize("search by phone (written locally)", by_phone));

    let mut by_email = Vec::with_capacity(requests);
    for email in &emails {
        let url = format!("{base}/staff/people?q={}", encoded(email));
        by_email.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize("search by email", by_email));

    let mut everywhere = Vec::with_capacity(requests);
    for name in &names {
        let url = format!("{base}/staff/search?q={}", encoded(name));
        everywhere.push(timed_get(&client, &url, &cookie).await);
    }
    results.push(summarize(
        "staff search box, a person's name (every kind)",
        everywhere,
    ));

    let mut lists = Vec::with_capacity(requests);
    let tags = ["youth leader", "school principal", "elder", "trader"];
    for i in 0..requests {
        let q = match i % 3 {
            0 => String::new(),
            1 => format!("area={}", areas[rng.below(areas.len() as u64) as usize].id),
            _ => format!("tag={}", encoded(tags[i % tags.len()])),
        };
        lists.push(timed_get(&client, &format!("{base}/staff/people?{q}"), &cookie).await);
    }
    results.push(summarize("people list (by name; by area; by tag)", lists));

    let mut grid = Vec::with_capacity(requests / 10);
    for _ in 0..requests / 10 {
        grid.push(timed_get(&client, &format!("{base}/staff/people/grid"), &cookie).await);
    }
    results.push(summarize("influence–interest grid", grid));

    println!();
    println!("| measurement | requests | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in &results {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
}
