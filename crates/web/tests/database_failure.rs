//! A database that goes away, is paused, or fills up: requests fail fast with a clear 503
//! (507 for a full disk) in each interface's own form, with `Retry-After` where waiting
//! helps; nothing is half-written; service returns by itself when the database does.
//!
//! PostgreSQL is made unavailable without touching the shared server: the test's own
//! database stops accepting connections (`ALLOW_CONNECTIONS false`) and its backends are
//! ended, then it is paused by another session holding `LOCK TABLE concerns IN ACCESS
//! EXCLUSIVE MODE`. A full disk is simulated on SQLite with `PRAGMA max_page_count` on the
//! writer connection: SQLite answers `SQLITE_FULL` through the very code path a full disk
//! takes, without root or a small filesystem.
//!
//! The figures (time to fail, time to recover) are printed; run with `--nocapture`.

use liaison_testkit as common;
#[path = "database_failure/proxy.rs"]
mod proxy;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Browser, Db, Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::api_keys::IssueKey;
use liaison_app::{Limit, Settings};
use liaison_store::sqlx::{AnyConnection, Connection, Executor};
use liaison_web::errors::Refusal;
use proxy::{Mode, Proxy};

/// One request of each interface, each needing the database.
#[derive(Clone, Copy, Debug)]
enum Probe {
    /// A staff page (the queue), asked for in Spanish.
    Staff,
    /// A portal page (a tracking-code lookup), asked for in French.
    Portal,
    /// The JSON API (the concern list).
    Api,
    /// Open311 (the public requests, JSON).
    Open311,
}

const PROBES: [Probe; 4] = [Probe::Staff, Probe::Portal, Probe::Api, Probe::Open311];

/// What the probes need: a signed-in staff browser, a token, a tracking code.
struct World {
    base: String,
    staff: Browser,
    token: String,
    code: String,
}

impl World {
    async fn new(h: &Harness) -> Arc<Self> {
        let (admin, staff) = h.signed_in("administrator", "Ada Admin").await;
        let noise = h.category(&admin, "Noise", true).await;
        let (_, _, code) = h
            .concern(&admin, noise, "Blasting at night", "public")
            .await;
        let token = h
            .app
            .access_tokens()
            .create(
                &admin,
                &CreateToken {
                    name: "probe".into(),
                    ..CreateToken::default()
                },
            )
            .await
            .expect("token")
            .1;
        Arc::new(Self {
            base: h.base.clone(),
            staff,
            token,
            code,
        })
    }

    /// Sends a probe; answers the page and how long it took.
    async fn probe(&self, p: Probe) -> (Page, Duration) {
        let start = Instant::now();
        let page = match p {
            Probe::Staff => {
                self.staff
                    .send("GET", "/staff/concerns", None, &[("accept-language", "es")])
                    .await
            }
            Probe::Portal => {
                let body = common::serialize(&[("code", &self.code)]).into_bytes();
                Browser::new(&self.base)
                    .post_raw("/track", body, &[("accept-language", "fr")])
                    .await
            }
            Probe::Api => {
                let auth = format!("Bearer {}", self.token);
                Browser::new(&self.base)
                    .send("GET", "/api/v1/concerns", None, &[("authorization", &auth)])
                    .await
            }
            Probe::Open311 => {
                Browser::new(&self.base)
                    .get("/open311/v2/requests.json")
                    .await
            }
        };
        (page, start.elapsed())
    }

    /// Sends `rounds` of every probe at once; answers each with its time.
    async fn flood(self: &Arc<Self>, rounds: usize) -> Vec<(Probe, Page, Duration)> {
        let mut tasks = Vec::new();
        for _ in 0..rounds {
            for p in PROBES {
                let world = self.clone();
                tasks.push(tokio::spawn(async move {
                    let (page, took) = world.probe(p).await;
                    (p, page, took)
                }));
            }
        }
        let mut answers = Vec::new();
        for t in tasks {
            answers.push(t.await.expect("probe task"));
        }
        answers
    }

    /// Sends every probe until each answers 200; answers how long that took.
    async fn until_served(&self, within: Duration) -> Duration {
        let start = Instant::now();
        for p in PROBES {
            loop {
                let (page, _) = self.probe(p).await;
                if page.status == 200 {
                    break;
                }
                assert!(
                    start.elapsed() < within,
                    "{p:?} still answers {} after {within:?}: {}",
                    page.status,
                    page.body
                );
            }
        }
        start.elapsed()
    }
}

/// Checks a refusal is in the probe's interface's own form, translated where it is a page,
/// with `Retry-After` when waiting helps.
fn assert_refused(p: Probe, page: &Page, refusal: Refusal) {
    let status = refusal.status().as_u16();
    assert_eq!(page.status, status, "{p:?}: {}", page.body);
    let header = |name: &str| {
        page.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    match refusal.retry_after() {
        Some(s) => assert_eq!(header("retry-after"), s.to_string(), "{p:?}"),
        None => assert!(page.headers.get("retry-after").is_none(), "{p:?}"),
    }
    match p {
        Probe::Staff | Probe::Portal => {
            assert!(header("content-type").starts_with("text/html"), "{p:?}");
            let title = match (p, refusal) {
                (Probe::Staff, Refusal::DatabaseUnavailable) => "No disponible por el momento",
                (Probe::Portal, Refusal::DatabaseUnavailable) => "Momentanément indisponible",
                (Probe::Staff, Refusal::StorageFull) => "Almacenamiento lleno",
                (Probe::Portal, Refusal::StorageFull) => "Stockage plein",
                _ => unreachable!("no other refusal is probed"),
            };
            page.expect(title);
        }
        Probe::Api => {
            assert_eq!(header("content-type"), "application/problem+json");
            let v: serde_json::Value = serde_json::from_str(&page.body).expect("json");
            assert_eq!(v["code"], refusal.code(), "{v}");
            assert_eq!(v["status"], status);
        }
        Probe::Open311 => {
            assert!(header("content-type").starts_with("application/json"));
            let v: serde_json::Value = serde_json::from_str(&page.body).expect("json");
            assert_eq!(v[0]["code"], status.to_string(), "{v}");
            assert!(v[0]["description"].as_str().is_some_and(|d| !d.is_empty()));
        }
    }
}

/// Milliseconds at the median, the 99th percentile and the worst.
fn spread(times: &[Duration]) -> (f64, f64, f64) {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    (at(0.5), at(0.99), at(1.0))
}

/// Every answer of a flood is the refusal, each within `bound`; answers their times.
fn all_refused(
    answers: &[(Probe, Page, Duration)],
    refusal: Refusal,
    bound: Duration,
) -> Vec<Duration> {
    for (p, page, took) in answers {
        assert_refused(*p, page, refusal);
        assert!(*took < bound, "{p:?} took {took:?}, over {bound:?}");
    }
    answers.iter().map(|(_, _, t)| *t).collect()
}

fn settings() -> Settings {
    // The probes look codes up many times from one address.
    Settings {
        lookups_per_address: Limit::NONE,
        ..Settings::default()
    }
}

/// Room for every probe of a flood at once, so each meets the database rather than the load
/// gate (tested in `overload.rs`): requests that wait on an absent database hold their turn.
fn serving() -> liaison_web::Serving {
    liaison_web::Serving {
        max_concurrent_requests: 64,
        ..liaison_web::Serving::default()
    }
}

async fn healthz(base: &str) -> Page {
    Browser::new(base).get("/healthz").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_away_or_paused_answers_503_and_service_returns() {
    let Some(h) = Harness::start_serving(Db::Postgres, settings(), serving()).await else {
        return;
    };
    let (admin_url, name) = h.postgres_database().expect("a PostgreSQL database");
    let world = World::new(&h).await;
    for p in PROBES {
        assert_eq!(world.probe(p).await.0.status, 200, "{p:?} before");
    }
    let mut admin = AnyConnection::connect(admin_url).await.expect("admin");

    // Away: the database refuses connections and every backend of the pool is ended.
    admin
        .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false").as_str())
        .await
        .expect("refuse connections");
    admin
        .execute(
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            )
            .as_str(),
        )
        .await
        .expect("end backends");
    let answers = world.flood(10).await;
    let bound = liaison_store::ACQUIRE_TIMEOUT + Duration::from_secs(1);
    let away = all_refused(&answers, Refusal::DatabaseUnavailable, bound);
    let health = healthz(&h.base).await;
    assert_eq!(health.status, 503, "{}", health.body);
    assert!(health.headers.get("retry-after").is_some());

    // Back: service returns without a restart, every pooled connection replaced.
    admin
        .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true").as_str())
        .await
        .expect("allow connections");
    let back = Instant::now();
    while healthz(&h.base).await.status != 200 {
        assert!(back.elapsed() < Duration::from_secs(10), "never came back");
    }
    let recovered_away = back.elapsed() + world.until_served(Duration::from_secs(10)).await;
    // No connection was lost on the way: more requests at once than the pool holds all
    // get one.
    for (p, page, _) in world.flood(12).await {
        assert_eq!(page.status, 200, "{p:?} after the return: {}", page.body);
    }
    let backends: i64 = liaison_store::sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = $1",
    )
    .bind(name)
    .fetch_one(&mut admin)
    .await
    .expect("count backends");
    assert!(backends <= 16, "{backends} connections, over the pool's 16");

    // Paused: another session holds the concerns table, so queries wait for its lock.
    let mut holder = AnyConnection::connect(&common::with_database(admin_url, name))
        .await
        .expect("lock holder");
    holder.execute("BEGIN").await.expect("begin");
    holder
        .execute("LOCK TABLE concerns IN ACCESS EXCLUSIVE MODE")
        .await
        .expect("lock");
    let answers = world.flood(10).await;
    let bound =
        liaison_store::LOCK_TIMEOUT + liaison_store::ACQUIRE_TIMEOUT + Duration::from_secs(1);
    let paused = all_refused(&answers, Refusal::DatabaseUnavailable, bound);
    holder.execute("ROLLBACK").await.expect("rollback");
    let recovered_paused = world.until_served(Duration::from_secs(10)).await;

    let (a50, a99, amax) = spread(&away);
    let (p50, p99, pmax) = spread(&paused);
    println!(
        "PostgreSQL away (connections refused, backends ended): {} answers 503, \
         p50 {a50:.1} ms, p99 {a99:.1} ms, max {amax:.1} ms; \
         served again {:.0} ms after it returned",
        away.len(),
        recovered_away.as_secs_f64() * 1000.0
    );
    println!(
        "PostgreSQL paused (concerns locked by another session): {} answers 503, \
         p50 {p50:.1} ms, p99 {p99:.1} ms, max {pmax:.1} ms; \
         served again {:.0} ms after the lock was released",
        paused.len(),
        recovered_paused.as_secs_f64() * 1000.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_or_frozen_answers_503_and_service_returns() {
    let Some((url, cleanup)) = common::blank_database(Db::Postgres).await else {
        return;
    };
    let (proxy, routed) = Proxy::before(&url).await;
    let serving = Some(serving());
    let h = Harness::serve_on(Db::Postgres, &routed, cleanup, settings(), serving).await;
    let world = World::new(&h).await;
    for p in PROBES {
        assert_eq!(world.probe(p).await.0.status, 200, "{p:?} before");
    }
    let bound = liaison_store::ACQUIRE_TIMEOUT + Duration::from_secs(1);
    let mut figures = Vec::new();
    for (mode, what) in [
        (Mode::Refuse, "stopped (connections refused)"),
        (Mode::Freeze, "frozen (no byte answered)"),
    ] {
        proxy.set(mode);
        // Twice: the second time the office's settings kept in memory have gone stale too.
        let answers = world.flood(10).await;
        let mut times = all_refused(&answers, Refusal::DatabaseUnavailable, bound);
        let answers = world.flood(10).await;
        times.extend(all_refused(&answers, Refusal::DatabaseUnavailable, bound));
        assert_eq!(healthz(&h.base).await.status, 503, "{what}");
        proxy.set(Mode::Forward);
        let back = world.until_served(Duration::from_secs(10)).await;
        figures.push((what, spread(&times), times.len(), back));
    }
    for (what, (p50, p99, max), n, back) in figures {
        println!(
            "PostgreSQL {what}: {n} answers 503, p50 {p50:.1} ms, p99 {p99:.1} ms, \
             max {max:.1} ms; served again {:.0} ms after it returned",
            back.as_secs_f64() * 1000.0
        );
    }
}

/// Counts rows with a query answering one number.
async fn count(h: &Harness, sql: &str) -> i64 {
    let mut c = h.store.read().await.expect("read");
    liaison_store::sqlx::query_scalar(sql)
        .fetch_one(&mut *c)
        .await
        .expect(sql)
}

/// Sets SQLite's page ceiling on the writer connection (1 means "no more than now").
async fn max_pages(h: &Harness, pages: i64) {
    let mut tx = h.store.write().await.expect("writer");
    tx.execute(format!("PRAGMA max_page_count = {pages}").as_str())
        .await
        .expect("max_page_count");
    tx.commit().await.expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sqlite_disk_refuses_writes_cleanly_and_reads_go_on() {
    let h = Harness::start_serving(Db::Sqlite, settings(), serving())
        .await
        .expect("sqlite harness");
    let world = World::new(&h).await;
    let fixit = IssueKey {
        name: "FixIt".into(),
    };
    let key = h.app.api_keys().create(None, &fixit).await.expect("key").1;
    let auth = format!("Bearer {}", world.token);
    let category = count(&h, "SELECT MAX(id) FROM categories")
        .await
        .to_string();
    let submit = |n: usize| {
        let (base, auth) = (h.base.clone(), auth.clone());
        let category: i64 = category.parse().expect("id");
        async move {
            // Long descriptions fill pages fast.
            let description = format!("{n} {}", "Dust on every roof. ".repeat(190));
            let body = serde_json::json!({"category": category, "description": description,
                "channel": "phone", "confidentiality": "public", "anonymous": true});
            Browser::new(&base)
                .send(
                    "POST",
                    "/api/v1/concerns",
                    Some(("application/json", body.to_string().into_bytes())),
                    &[("authorization", &auth)],
                )
                .await
        }
    };
    assert_eq!(submit(0).await.status, 201);

    // The database may not grow past its present size: writes fill what room is left in
    // its pages, then fail.
    max_pages(&h, 1).await;
    let mut stored = 1;
    let refused = loop {
        let r = submit(stored).await;
        match r.status {
            201 => stored += 1,
            _ => break r,
        }
        assert!(stored < 500, "the database never filled");
    };
    assert_refused(Probe::Api, &refused, Refusal::StorageFull);

    // Every interface says so in its own form.
    let portal = Browser::new(&h.base)
        .post_raw(
            &format!("/report/{category}"),
            common::serialize(&[
                ("description", "Dust from the haul road"),
                ("anonymous", "yes"),
            ])
            .into_bytes(),
            &[("accept-language", "fr")],
        )
        .await;
    assert_refused(Probe::Portal, &portal, Refusal::StorageFull);
    let open311 = Browser::new(&h.base)
        .post_raw(
            "/open311/v2/requests.json",
            common::serialize(&[
                ("api_key", &key),
                ("service_code", "noise"),
                ("address_string", "12 Mill Lane"),
                ("description", "Blasting shakes the houses"),
            ])
            .into_bytes(),
            &[],
        )
        .await;
    assert_refused(Probe::Open311, &open311, Refusal::StorageFull);
    let intake = world
        .staff
        .post(
            "/staff/concerns/new",
            &[
                ("category", &category),
                ("description", "Called about the dust"),
                ("channel", "phone"),
                ("priority", "normal"),
                ("confidentiality", "public"),
                ("reporter_name", "Thandi Mokoena"),
                ("reporter_language", "en"),
            ],
        )
        .await;
    assert_eq!(intake.status, 507, "{}", intake.body);
    intake.expect("Storage is full");

    // Reads go on, in every interface.
    for p in PROBES {
        let (page, _) = world.probe(p).await;
        assert_eq!(page.status, 200, "{p:?} on a full disk: {}", page.body);
    }
    assert_eq!(healthz(&h.base).await.status, 200);

    // Nothing half-written: every acknowledged concern whole, no refused one in part.
    let concerns = count(&h, "SELECT COUNT(*) FROM concerns").await;
    assert_eq!(
        concerns,
        1 + stored as i64,
        "the probes' concern and the stored ones"
    );
    assert_eq!(
        count(&h, "SELECT COALESCE(SUM(last), 0) FROM reference_counters").await,
        concerns,
        "references reserved by refused concerns"
    );
    let indexed = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::search::indexed(
            &mut c,
            h.store.backend(),
            liaison_domain::records::RecordKind::Concern,
        )
        .await
        .expect("index")
        .len() as i64
    };
    assert_eq!(indexed, concerns);
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM concerns c WHERE NOT EXISTS \
             (SELECT 1 FROM timeline_lines e WHERE e.record_kind = 'concern' \
             AND e.record_id = c.id)"
        )
        .await,
        0
    );
    let trail = h
        .app
        .audit_trail()
        .verify(None, None)
        .await
        .expect("verify");
    assert!(trail.broken.is_none(), "{:?}", trail.broken);

    // Room again: writing resumes at once, with the next reference.
    max_pages(&h, 1_073_741_823).await;
    let r = submit(stored).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    let reference = v["reference"].as_str().expect("reference");
    assert!(
        reference.ends_with(&format!("{:05}", concerns + 1)),
        "{reference} after {concerns} concerns"
    );
    // A transaction SQLite ended by itself, as it does when a COMMIT fails on a full disk:
    // sqlx's own ROLLBACK then fails, and the writer connection must not stay wedged.
    let mut tx = h.store.write().await.expect("writer");
    tx.execute("ROLLBACK")
        .await
        .expect("rolled back behind sqlx's back");
    drop(tx);
    let r = submit(stored + 1).await;
    assert_eq!(r.status, 201, "the writer stayed wedged: {}", r.body);

    println!(
        "SQLite full (max_page_count): {} more concerns stored in the room left; writes then \
         answered 507 in every interface, reads 200; writing resumed once there was room",
        stored - 1
    );
}
