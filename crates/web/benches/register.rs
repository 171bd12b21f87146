//! Figures of the stakeholder register (issue 13) and its engagement log, measured over
//! HTTP on loopback against a generated office: a person's page with its timeline (at
//! random, and the busiest), the lists, searches by name, phone and email, the
//! influence–interest grid, an officer's task list, the engagement log and one
//! interaction's page.
//!
//! ```sh
//! cargo bench -p liaison-web --bench register
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: SQLite in
//! `bench-data/register.db`), `LIAISON_BENCH_PEOPLE` (default 200,000, with about ten
//! interactions each), `LIAISON_BENCH_ORGANIZATIONS` (default 20,000) and
//! `LIAISON_BENCH_CONCERNS` (default 1,000,000), generated with the demo generator when the
//! database is empty, `LIAISON_BENCH_REQUESTS` (per measurement, default 400).

use liaison_store::sqlx;

mod common;
use common::{env_or, office_sized, serve, sign_in, summarize, timed_get, Rng};

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
    let organizations = env_or("LIAISON_BENCH_ORGANIZATIONS", 20_000);
    let requests = env_or("LIAISON_BENCH_REQUESTS", 400) as usize;

    let size = liaison_demo::Size {
        concerns,
        people,
        organizations: Some(organizations),
    };
    let (store, app) = office_sized(&url, size).await;
    let counts: Vec<i64> = {
        let mut c = store.read().await.expect("read");
        let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
        let mut n = Vec::new();
        for t in [
            "people",
            "organizations",
            "relationships",
            "interactions",
            "follow_ups",
        ] {
            n.push(
                sqlx::query_scalar::<_, i64>(&count(t))
                    .fetch_one(&mut *c)
                    .await
                    .expect("count"),
            );
        }
        n
    };
    println!(
        "backend {:?}: {} people, {} organizations, {} relationships, {} interactions, {} \
         follow-ups",
        store.backend(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4]
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
        let id = 1 + rng.below(counts[0] as u64);
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

    // The people most often met: their timelines are the longest to gather.
    let busiest: Vec<i64> = {
        let mut c = store.read().await.expect("read");
        sqlx::query_scalar(
            "SELECT record_id FROM interaction_participants WHERE record_kind = 'person' \
             GROUP BY record_id ORDER BY COUNT(*) DESC, record_id LIMIT 50",
        )
        .fetch_all(&mut *c)
        .await
        .expect("the busiest people")
    };
    if !busiest.is_empty() {
        let mut busy = Vec::with_capacity(requests);
        for i in 0..requests {
            let id = busiest[i % busiest.len()];
            busy.push(timed_get(&client, &format!("{base}/staff/people/{id}"), &cookie).await);
        }
        results.push(summarize(
            "a busy person's page (the 50 most met: their timeline's newest page)",
            busy,
        ));
    }

    // An officer with open follow-ups, signed in as themselves.
    let officer: Option<String> = {
        let mut c = store.read().await.expect("read");
        sqlx::query_scalar(
            "SELECT u.email FROM follow_ups f JOIN users u ON u.id = f.owner_id \
             WHERE f.open = 1 AND u.role = 'officer' GROUP BY u.email \
             ORDER BY COUNT(*) DESC, u.email LIMIT 1",
        )
        .fetch_optional(&mut *c)
        .await
        .expect("an officer")
    };
    if let Some(email) = officer {
        let theirs = sign_in(&client, &base, &email).await;
        let mut tasks = Vec::with_capacity(requests);
        for _ in 0..requests {
            tasks.push(timed_get(&client, &format!("{base}/staff/tasks"), &theirs).await);
        }
        results.push(summarize(
            "an officer's task list (open follow-ups, open concerns)",
            tasks,
        ));
    }

    let mut log = Vec::with_capacity(requests);
    for i in 0..requests {
        let q = match i % 3 {
            0 => "",
            1 => "?topic=dust",
            _ => "?kind=visit",
        };
        log.push(timed_get(&client, &format!("{base}/staff/interactions{q}"), &cookie).await);
    }
    results.push(summarize("engagement log (newest; by topic; by kind)", log));

    if counts[3] > 0 {
        let mut one = Vec::with_capacity(requests);
        for _ in 0..requests {
            let id = 1 + rng.below(counts[3] as u64);
            one.push(timed_get(&client, &format!("{base}/staff/interactions/{id}"), &cookie).await);
        }
        results.push(summarize("an interaction's page", one));
    }

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
