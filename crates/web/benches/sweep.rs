//! The escalation sweep at 1,000,000 concerns (issue 14): the sweep the job runner runs
//! every minute (`App::run_schedules` queues it, `App::run_due_jobs` claims and runs it)
//! timed over demo offices of 10,000, 100,000 and 1,000,000 concerns, whose categories all
//! carry the demo's rules (tell the supervisors of what is not acknowledged in time;
//! escalate what stays unresolved five working days past its target).
//!
//! ```sh
//! # SQLite: crates/web/bench-data/sweep-N.db, generated when missing, measured on a copy
//! cargo bench -p liaison-web --bench sweep
//! # PostgreSQL: databases bench_sweep_N on that server, created and generated when
//! # missing, measured on a copy (bench_sweep_N_copy, dropped afterwards)
//! LIAISON_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_sweep \
//!   cargo bench -p liaison-web --bench sweep
//! ```
//! Settings (environment): `LIAISON_BENCH_SIZES` (default `10000,100000,1000000`),
//! `LIAISON_BENCH_SWEEPS` (quiet sweeps timed per office, default 30) and
//! `LIAISON_BENCH_ESCALATE` (how many concerns the timed escalating sweeps act on, default
//! `10,100,1000`).
//!
//! Each office is measured three ways:
//! - quiet sweeps: the schedule set so that the last sweep ran a minute ago, then one
//!   sweep, as the runner does it (queue it, claim it, run it, finish it); the window
//!   holds only the deadlines that really fell in those minutes (counted and shown);
//! - for contrast, the query a sweep without a window would need: every open concern past
//!   its deadline that no rule acted on, over the whole history;
//! - escalating sweeps: N open concerns of the office, not acted on before, given
//!   deadlines 30 seconds ago (acknowledging) and five working days before that
//!   (resolving), so that the next sweep acts on each by both rules: 2N actions, each in
//!   its own audited transaction with its letters to the supervisors in the outbox.

use std::time::Instant;

use chrono::{DateTime, Utc};
use liaison_app::{App, Settings};
use liaison_domain::escalation::working_days_before;
use liaison_store::{escalations, sqlx, Backend, Store};

mod common;
use common::env_or;

/// The sweep's schedule and job (`liaison_app::escalation::SWEEP`).
const SWEEP: &str = "escalation_sweep";

/// The copy an office is measured on, removed afterwards: a SQLite file, or a PostgreSQL
/// database (the URL of the office it copies, and its name).
enum Scratch {
    Sqlite(String),
    Postgres(String, String),
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let sizes = list("LIAISON_BENCH_SIZES", "10000,100000,1000000");
    let escalate = list("LIAISON_BENCH_ESCALATE", "10,100,1000");
    let sweeps = env_or("LIAISON_BENCH_SWEEPS", 30) as usize;
    let server = std::env::var("LIAISON_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    let mut quiet = Vec::new();
    let mut acting = Vec::new();
    for &n in &sizes {
        let (url, scratch) = match &server {
            Some(url) => {
                let base = postgres_office(url, n).await;
                let (copy, name) = postgres_copy(&base).await;
                (copy, Some(Scratch::Postgres(base, name)))
            }
            None => {
                let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/bench-data");
                std::fs::create_dir_all(dir).expect("bench-data");
                let url = format!("sqlite://{dir}/sweep-{n}.db");
                let (store, _) = common::office(&url, n).await;
                store.close().await;
                let (copy, file) = common::sqlite_copy(&url).expect("a SQLite copy");
                (copy, Some(Scratch::Sqlite(file)))
            }
        };
        let store = Store::connect_serving(&url).await.expect("connect");
        match store.backend() {
            Backend::Sqlite => store.optimize().await.expect("optimize"),
            Backend::Postgres => store.analyze().await.expect("analyze"),
        }
        let app = App::new(store.clone(), Settings::default());
        let concerns: i64 = scalar(&store, "SELECT COUNT(*) FROM concerns").await;
        let open: i64 = scalar(&store, "SELECT COUNT(*) FROM concerns WHERE open = 1").await;
        println!("{concerns} concerns ({open} open) on {:?}", store.backend());

        // A first sweep acts on whatever fell due since the office was generated.
        let (_, first) = sweep(&app, &store, 24 * 3600).await;
        println!("  a first sweep over the last day acted {first} times");

        let mut ms = Vec::with_capacity(sweeps);
        let mut acted = 0;
        for _ in 0..sweeps {
            let (t, a) = sweep(&app, &store, 60).await;
            ms.push(t);
            acted += a;
        }
        let window = in_window(&app, &store).await;
        let f = common::summarize("quiet", ms);
        let (all_ms, all_rows) = whole_history(&app, &store).await;
        println!(
            "  {sweeps} sweeps of the last minute: p50 {:.2} ms, max {:.2} ms; {window} deadlines in the window, {acted} acted on; without a window: {all_rows} rows in {all_ms:.1} ms",
            f.p50, f.max
        );
        quiet.push((
            concerns, open, f.p50, f.max, window, acted, all_rows, all_ms,
        ));

        for &k in &escalate {
            let planted = plant(&app, &store, k as i64).await;
            let letters_before: i64 = scalar(&store, "SELECT COUNT(*) FROM outbox").await;
            let (t, a) = sweep(&app, &store, 60).await;
            let letters = scalar(&store, "SELECT COUNT(*) FROM outbox").await - letters_before;
            assert!(
                a >= 2 * planted,
                "each planted concern acted on by both rules"
            );
            println!(
                "  a sweep acting on {planted} concerns: {:.1} ms, {a} actions, {letters} letters, {:.2} ms an action",
                t,
                t / a.max(1) as f64
            );
            acting.push((concerns, planted, t, a, letters));
        }
        store.close().await;
        match scratch {
            Some(Scratch::Sqlite(file)) => common::remove_database(&file),
            Some(Scratch::Postgres(base, name)) => drop_postgres(&base, &name).await,
            None => {}
        }
    }

    println!();
    println!("| concerns (open) | quiet sweep p50 / max (ms) | deadlines in the window | acted on | without a window: rows, ms |");
    println!("| --- | --- | --- | --- | --- |");
    for (c, o, p50, max, w, a, rows, all) in &quiet {
        println!("| {c} ({o}) | {p50:.2} / {max:.2} | {w} | {a} | {rows}, {all:.1} |");
    }
    println!();
    println!("| concerns | concerns escalated | sweep (ms) | actions | letters | ms an action |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (c, k, t, a, l) in &acting {
        println!(
            "| {c} | {k} | {t:.1} | {a} | {l} | {:.2} |",
            t / (*a).max(1) as f64
        );
    }
}

/// A comma-separated list of numbers from the environment, or `default`.
fn list(name: &str, default: &str) -> Vec<u64> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

async fn scalar(store: &Store, sql: &str) -> i64 {
    let mut c = store.read().await.expect("read");
    sqlx::query_scalar(sql)
        .fetch_one(&mut *c)
        .await
        .expect("a number")
}

/// One sweep as the runner does it, the last having run `ago` seconds before: answers how
/// long it took (ms) and how many times a rule acted.
async fn sweep(app: &App, store: &Store, ago: i64) -> (f64, i64) {
    let now = liaison_store::now();
    {
        let mut tx = store.write().await.expect("writer");
        sqlx::query(
            "INSERT INTO schedules (name, next_at, last_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET next_at = excluded.next_at, \
             last_at = excluded.last_at",
        )
        .bind(SWEEP)
        .bind(now)
        .bind(now - ago)
        .execute(&mut *tx)
        .await
        .expect("schedule");
        tx.commit().await.expect("commit");
    }
    let before = scalar(store, "SELECT COUNT(*) FROM escalations").await;
    let start = Instant::now();
    app.run_schedules().await.expect("schedules");
    let ran = app.run_due_jobs().await.expect("jobs");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(ran, 1, "one sweep queued and run");
    let after = scalar(store, "SELECT COUNT(*) FROM escalations").await;
    (ms, after - before)
}

/// The office's calendar and the working days its overdue rule waits.
async fn rule_days(app: &App, store: &Store) -> (liaison_domain::office::WorkingCalendar, u32) {
    let office = app.office().settings().await.expect("office");
    let mut c = store.read().await.expect("read");
    let rules = escalations::all(&mut c).await.expect("rules");
    let days: Vec<u32> = rules
        .iter()
        .filter_map(|(_, r)| r.escalate_after_days)
        .collect();
    assert!(!days.is_empty(), "the demo's categories escalate");
    assert!(days.iter().all(|d| *d == days[0]), "one rule everywhere");
    (office.calendar, days[0])
}

fn shift(t: i64, days: u32, cal: &liaison_domain::office::WorkingCalendar) -> i64 {
    let at = DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default();
    working_days_before(at, days, cal).timestamp()
}

/// Deadlines of open concerns in the window of a sweep that last ran a minute ago (with
/// the sweep's five minutes of slack), for both rules.
async fn in_window(app: &App, store: &Store) -> i64 {
    let (cal, days) = rule_days(app, store).await;
    let now = liaison_store::now();
    let after = now - 60 - 300;
    let mut c = store.read().await.expect("read");
    let ack: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns WHERE open = 1 AND ack_due_at > $1 AND ack_due_at <= $2",
    )
    .bind(after)
    .bind(now)
    .fetch_one(&mut *c)
    .await
    .expect("count");
    let resolve: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns WHERE open = 1 AND resolve_due_at > $1 \
         AND resolve_due_at <= $2",
    )
    .bind(shift(after, days, &cal))
    .bind(shift(now, days, &cal))
    .fetch_one(&mut *c)
    .await
    .expect("count");
    ack + resolve
}

/// What a sweep without a window would read: every open concern past a deadline that no
/// rule acted on, over the whole history. Answers the time (ms) and the rows.
async fn whole_history(app: &App, store: &Store) -> (f64, i64) {
    let (cal, days) = rule_days(app, store).await;
    let now = liaison_store::now();
    let start = Instant::now();
    let mut c = store.read().await.expect("read");
    let ack: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns c WHERE c.open = 1 AND c.ack_due_at <= $1 \
         AND c.acknowledged_at IS NULL AND NOT EXISTS (SELECT 1 FROM escalations e \
         WHERE e.concern_id = c.id AND e.rule = 'unacknowledged')",
    )
    .bind(now)
    .fetch_one(&mut *c)
    .await
    .expect("count");
    let overdue: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM concerns c WHERE c.open = 1 AND c.resolve_due_at <= $1 \
         AND c.status NOT IN ('resolved', 'closed') AND NOT EXISTS (SELECT 1 FROM \
         escalations e WHERE e.concern_id = c.id AND e.rule = 'overdue')",
    )
    .bind(shift(now, days, &cal))
    .fetch_one(&mut *c)
    .await
    .expect("count");
    (start.elapsed().as_secs_f64() * 1000.0, ack + overdue)
}

/// Gives `n` open concerns that no rule acted on deadlines the next sweep finds passed:
/// not acknowledged, due 30 seconds ago; to be resolved the rule's working days before
/// that. Answers how many it found.
async fn plant(app: &App, store: &Store, n: i64) -> i64 {
    let (cal, days) = rule_days(app, store).await;
    let due = liaison_store::now() - 30;
    let mut tx = store.write().await.expect("writer");
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT c.id FROM concerns c WHERE c.open = 1 AND c.status NOT IN ('resolved', 'closed') \
         AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.concern_id = c.id) \
         ORDER BY c.id DESC LIMIT $1",
    )
    .bind(n)
    .fetch_all(&mut *tx)
    .await
    .expect("open concerns");
    for id in &ids {
        sqlx::query(
            "UPDATE concerns SET acknowledged_at = NULL, ack_due_at = $1, resolve_due_at = $2 \
             WHERE id = $3",
        )
        .bind(due)
        .bind(shift(due, days, &cal))
        .bind(id)
        .execute(&mut *tx)
        .await
        .expect("deadlines");
    }
    tx.commit().await.expect("commit");
    ids.len() as i64
}

/// The PostgreSQL database `NAME_n` beside the one `url` names, created when missing and
/// filled with a demo office of `n` concerns when empty; answers its URL.
async fn postgres_office(url: &str, n: u64) -> String {
    use liaison_store::sqlx::{Connection, Executor};
    let base = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .expect("a database name");
    let name = format!("{base}_{n}");
    sqlx::any::install_default_drivers();
    let admin = liaison_testkit::with_database(url, "postgres");
    let mut c = sqlx::AnyConnection::connect(&admin).await.expect("connect");
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_one(&mut c)
        .await
        .expect("databases");
    if exists == 0 {
        c.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create");
    }
    let _ = c.close().await;
    let url = liaison_testkit::with_database(url, &name);
    let (store, _) = common::office(&url, n).await;
    store.close().await;
    url
}

/// A copy of the PostgreSQL database `url` names (`CREATE DATABASE … TEMPLATE`), so what
/// the sweeps change leaves the generated office as it was: its URL and name.
async fn postgres_copy(url: &str) -> (String, String) {
    use liaison_store::sqlx::{Connection, Executor};
    let base = url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .expect("a database name");
    let name = format!("{base}_copy");
    drop_postgres(url, &name).await;
    let admin = liaison_testkit::with_database(url, "postgres");
    let mut c = sqlx::AnyConnection::connect(&admin).await.expect("connect");
    c.execute(format!("CREATE DATABASE {name} TEMPLATE {base}").as_str())
        .await
        .expect("copy the office");
    let _ = c.close().await;
    (liaison_testkit::with_database(url, &name), name)
}

/// Drops database `name` on the server of `url`, if it exists.
async fn drop_postgres(url: &str, name: &str) {
    use liaison_store::sqlx::{Connection, Executor};
    let admin = liaison_testkit::with_database(url, "postgres");
    let mut c = sqlx::AnyConnection::connect(&admin).await.expect("connect");
    c.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop");
    let _ = c.close().await;
}
