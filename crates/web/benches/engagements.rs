//! Engagements' figures (issue 15), measured over HTTP on loopback against 10,000
//! engagements and 500,000 registrations: a walk-in checked in at the door (the staff
//! form's POST), the portal's list of engagements, and the calendar feed of every public
//! one.
//!
//! ```sh
//! # SQLite: a new database in crates/web/bench-data/, removed afterwards
//! cargo bench -p liaison-web --bench engagements
//! # PostgreSQL: the database named here is dropped, created, filled, and dropped afterwards
//! LIAISON_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_engagements \
//!   cargo bench -p liaison-web --bench engagements
//! ```
//! Settings (environment): `LIAISON_BENCH_ENGAGEMENTS` (default 10,000),
//! `LIAISON_BENCH_REGISTRATIONS` (default 500,000), `LIAISON_BENCH_REQUESTS` (per
//! measurement, default 400), `LIAISON_BENCH_KEEP` (set: leave the database behind, to
//! look into it).
//!
//! The office is the demo generator's, small (1,000 concerns, 300 people: its staff,
//! areas and settings); the engagements and registrations are then written straight into
//! their tables, hundreds of rows to a statement, spread over ten years ending 120 days
//! ahead (a few hundred upcoming), about four in five published, with capacities and
//! waitlists, cancelled places, walk-ins and attendance at past ones. The counts each
//! engagement keeps (`registered`, `waitlisted`, `attended`) are written with it and
//! checked against the registrations before anything is measured. Then the real server
//! starts over that database (`liaison_testkit::Harness`, as `liaison serve` connects),
//! and each measurement is that many requests one after another, timed from the client on
//! the same machine: the whole request, from sending it to the last byte of the answer
//! (the check-in's answer is its redirect, not followed). The machine's load average is
//! printed before and after, since other work on the same cores shows in the p99.
//!
//! A second table times the portal's reads without HTTP: the store's queries, the
//! operations, and the feed's query by itself (its rows with every column, and with only
//! the 16 a calendar event shows), to say where the feed's time goes. The feed is kept
//! written between requests while nothing it shows changes, so its requests measure the
//! version read and the sending; writing it anew is the store's entries and the
//! calendar written, timed apart.
//!
//! A feedback survey sits in the same database: on the past public engagement most came
//! to, with the demo template's four questions (a rating, one choice, several, words) and
//! 5,000 responses written the same way, its answers counted by the staff results page
//! (`GET /staff/surveys/{id}/results`, as the same officer), and the page's store reads
//! timed without HTTP in a table of their own.

use std::time::Instant;

use liaison_app::{App, Settings};
use liaison_store::sqlx::{self, Connection, Executor};
use liaison_store::{Backend, Conn, Store};
use liaison_testkit::{Cleanup, Db, Harness};

mod common;
use common::{env_or, sign_in, summarize, Rng};

const DAY: i64 = 24 * 3600;
/// How far the engagements reach back, and ahead.
const YEARS: i64 = 10;
const AHEAD: i64 = 120 * DAY;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let engagements = env_or("LIAISON_BENCH_ENGAGEMENTS", 10_000) as i64;
    let registrations = env_or("LIAISON_BENCH_REGISTRATIONS", 500_000) as i64;
    let requests = env_or("LIAISON_BENCH_REQUESTS", 400) as usize;
    let keep = std::env::var("LIAISON_BENCH_KEEP").is_ok();
    let server = std::env::var("LIAISON_BENCH_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));

    let (db, url, cleanup) = match &server {
        Some(url) => {
            let name = url
                .split('?')
                .next()
                .and_then(|u| u.rsplit('/').next())
                .expect("a database name")
                .to_string();
            let admin_url = liaison_testkit::with_database(url, "postgres");
            let url = liaison_testkit::fresh_postgres(&admin_url, &name).await;
            (Db::Postgres, url, Cleanup::Database { admin_url, name })
        }
        None => {
            let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench-data"))
                .join(format!("engagements-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("bench-data");
            let url = format!("sqlite://{}", dir.join("engagements.db").display());
            (Db::Sqlite, url, Cleanup::Dir(dir))
        }
    };

    // The office and its engagements, written before the server starts.
    let now = liaison_store::now();
    let demo = {
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let started = Instant::now();
        let size = liaison_demo::Size {
            concerns: 1_000,
            people: 300,
            organizations: None,
        };
        let demo = liaison_demo::load_sized(&store, size, 1, now)
            .await
            .expect("demo office");
        let office_s = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let plan = Plan::new(&store, engagements, registrations, now).await;
        write(&store, &plan).await;
        let written_s = started.elapsed().as_secs_f64();
        survey_fill(&store, &url, now).await;
        let started = Instant::now();
        // Planner statistics, as after any bulk load (the demo generator does the same);
        // on PostgreSQL the visibility map too, as autovacuum leaves a running office.
        store.analyze().await.expect("analyze");
        if store.backend() == Backend::Postgres {
            let mut c = sqlx::AnyConnection::connect(&url).await.expect("connect");
            c.execute("VACUUM ANALYZE engagements, engagement_registrations")
                .await
                .expect("vacuum");
            // What the load wrote, on disk before the timed commits (a superuser's
            // command: skipped where not allowed).
            let _ = c.execute("CHECKPOINT").await;
            let _ = c.close().await;
        }
        let analyze_s = started.elapsed().as_secs_f64();
        check_counts(&store).await;
        store.close().await;
        if let Cleanup::Dir(dir) = &cleanup {
            // The same for SQLite: the file and its log flushed before anything is timed.
            for name in ["engagements.db", "engagements.db-wal"] {
                if let Ok(f) = std::fs::File::open(dir.join(name)) {
                    f.sync_all().expect("flush the database");
                }
            }
        }
        println!(
            "{:?}: demo office in {office_s:.1} s; {engagements} engagements and {registrations} \
             registrations written in {written_s:.1} s; statistics in {analyze_s:.1} s",
            db
        );
        demo
    };

    let serving = liaison_web::Serving {
        max_concurrent_requests: 1024,
        ..liaison_web::Serving::default()
    };
    let h = Harness::serve_on(db, &url, cleanup, Settings::default(), Some(serving)).await;
    let shape = Shape::read(&h.store, now).await;
    shape.print();

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let base = &h.base;
    println!("load average before measuring: {}", load_average());
    let mut results = Vec::new();

    // The portal's list: upcoming (50) and the last two years' (20).
    let list = format!("{base}/engagements");
    for _ in 0..50 {
        timed(&client, &list, "").await;
    }
    let mut ms = Vec::with_capacity(requests);
    for _ in 0..requests {
        ms.push(timed(&client, &list, "").await.0);
    }
    results.push((summarize("portal: GET /engagements", ms), 5.0));

    // The calendar feed of every public engagement from a year ago on.
    let feed = format!("{base}/engagements.ics");
    let (_, body) = timed(&client, &feed, "").await;
    let text = String::from_utf8(body.clone()).expect("a calendar");
    let events = text.matches("BEGIN:VEVENT").count();
    assert!(text.starts_with("BEGIN:VCALENDAR"), "a calendar");
    for _ in 0..20 {
        timed(&client, &feed, "").await;
    }
    let mut ms = Vec::with_capacity(requests);
    for _ in 0..requests {
        ms.push(timed(&client, &feed, "").await.0);
    }
    results.push((summarize("portal: GET /engagements.ics", ms), 20.0));
    println!(
        "feed: {events} events, {} bytes ({:.0} KB); the query finds {} public engagements \
         from a year ago on",
        body.len(),
        body.len() as f64 / 1024.0,
        shape.feed
    );

    // Walk-ins at the doors of the next few engagements, as their organizer.
    let (organizer, doors) = door_engagements(&h.store, now).await;
    let email = demo_email(&h.store, organizer).await;
    assert!(
        demo.staff.iter().any(|(e, _)| *e == email),
        "a demo account"
    );
    let cookie = sign_in(&client, base, &email).await;
    let (_, door_page) = timed(
        &client,
        &format!("{base}/staff/engagements/{}/door", doors[0]),
        &cookie,
    )
    .await;
    let page = String::from_utf8_lossy(&door_page);
    let csrf = between(&page, "name=\"csrf\" value=\"", "\"").expect("the form's CSRF token");
    let areas: Vec<i64> = ids(&h.store, "SELECT id FROM areas ORDER BY id").await;
    let before = walk_ins(&h.store).await;
    let mut rng = Rng(15);
    let mut ms = Vec::with_capacity(requests);
    for i in 0..requests + 20 {
        let id = doors[i % doors.len()];
        let mut body = format!("csrf={}&name={}", encoded(csrf), encoded(&name(&mut rng)));
        if rng.below(10) < 7 {
            body.push_str(&format!(
                "&area={}",
                areas[rng.below(areas.len() as u64) as usize]
            ));
        }
        if rng.below(3) == 0 {
            body.push_str("&first_time=yes");
        }
        if rng.below(2) == 0 {
            body.push_str(&format!("&phone=%2B27+82+{:03}+{:04}", i % 1000, i));
        }
        let url = format!("{base}/staff/engagements/{id}/door");
        let start = Instant::now();
        let r = client
            .post(&url)
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("check in");
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let answer = r.bytes().await.expect("answer");
        let t = start.elapsed().as_secs_f64() * 1000.0;
        assert!(
            status.as_u16() == 303 && location.contains("/door?done="),
            "check-in answered {status}: {}",
            String::from_utf8_lossy(&answer)
        );
        if t > 20.0 {
            eprintln!("slow: {t:.1} ms POST {url}");
        }
        // The first twenty warm the writer and the caches.
        if i >= 20 {
            ms.push(t);
        }
    }
    let after = walk_ins(&h.store).await;
    assert_eq!(
        after - before,
        (requests + 20) as i64,
        "every walk-in is stored"
    );
    results.push((
        summarize("staff: POST /staff/engagements/{id}/door (a walk-in)", ms),
        20.0,
    ));
    check_counts(&h.store).await;
    results.push((
        survey_results(&h.store, &client, base, &cookie, requests).await,
        30.0,
    ));

    println!();
    println!("| measurement | requests | p50 ms | p99 ms | max ms | target p99 | met |");
    println!("|---|---:|---:|---:|---:|---|---|");
    for (f, target) in &results {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | < {target} ms | {} |",
            f.name,
            f.count,
            f.p50,
            f.p99,
            f.max,
            if f.p99 < *target { "yes" } else { "no" }
        );
    }
    println!("load average after the requests: {}", load_average());

    // Where the portal's time goes: the store's queries alone, the operations (queries,
    // rows read, the calendar written), each on its own without HTTP.
    let parts = parts(&h.app, &h.store, requests).await;
    println!();
    println!("| without HTTP | calls | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in &parts {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
    survey_parts(&h.store, requests).await;
    if keep {
        println!("kept: {url}");
        std::mem::forget(h);
    }
}

/// The machine's load average (1, 5 and 15 minutes), where Linux tells it: the other work
/// the 2 cores did while measuring.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The portal's reads timed without HTTP: the store's queries, the operations, and the
/// feed's query by itself.
async fn parts(app: &App, store: &Store, calls: usize) -> Vec<common::Figures> {
    use liaison_store::engagements as stored;
    let year_ago = liaison_store::now() - 366 * DAY;
    let mut out = Vec::new();
    macro_rules! time {
        ($name:expr, $call:expr) => {{
            for _ in 0..20 {
                $call;
            }
            let mut ms = Vec::with_capacity(calls);
            for _ in 0..calls {
                let start = Instant::now();
                $call;
                ms.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            out.push(summarize($name, ms));
        }};
    }
    time!("store: the upcoming 50 (`engagements::public`)", {
        let mut c = store.read().await.expect("read");
        let now = liaison_store::now();
        stored::public(&mut c, true, now, 0, 50)
            .await
            .expect("upcoming");
    });
    time!("store: the last two years' 20 (`engagements::public`)", {
        let mut c = store.read().await.expect("read");
        let now = liaison_store::now();
        stored::public(&mut c, false, now, now - 2 * 366 * DAY, 20)
            .await
            .expect("past");
    });
    time!("app: upcoming(50) and past(20)", {
        let e = app.engagements();
        e.upcoming(50).await.expect("upcoming");
        e.past(20).await.expect("past");
    });
    time!("store: the feed's version (`engagements::feed_version`)", {
        let mut c = store.read().await.expect("read");
        stored::feed_version(&mut c, year_ago)
            .await
            .expect("version");
    });
    time!("store: the feed's entries (`engagements::feed`)", {
        let mut c = store.read().await.expect("read");
        stored::feed(&mut c, year_ago, 5000).await.expect("feed");
    });
    // For contrast, the feed's query by itself: its rows as read with every column (what
    // the feed once decoded into whole engagements), and with only the 16 a calendar event
    // shows (what `engagements::feed` reads).
    let feed_rows = format!(
        "FROM engagements e JOIN users u ON u.id = e.organizer_id \
         WHERE e.status IN ('published', 'cancelled') AND e.published_at IS NOT NULL \
         AND e.confidentiality = 'public' AND e.starts_at >= {year_ago} \
         ORDER BY e.starts_at, e.id LIMIT 5000"
    );
    let every = format!("SELECT e.*, u.name AS organizer_name {feed_rows}");
    let shown = format!(
        "SELECT e.id, e.title, e.purpose, e.starts_at, e.ends_at, e.time_zone, e.address, \
         e.room, e.lat, e.lng, e.online_link, e.topics, e.status, e.cancel_reason, \
         e.revision, e.updated_at {feed_rows}"
    );
    time!("sqlx: the feed's rows, every column (not decoded)", {
        let mut c = store.read().await.expect("read");
        sqlx::query(&every).fetch_all(&mut *c).await.expect("rows");
    });
    time!("sqlx: the feed's rows, the 16 columns an event shows", {
        let mut c = store.read().await.expect("read");
        sqlx::query(&shown).fetch_all(&mut *c).await.expect("rows");
    });
    time!("app: the feed kept (`Engagements::feed`)", {
        app.engagements().feed().await.expect("feed");
    });
    // The feed written anew, as the first request after a change finds it: one of its
    // engagements touched before each call (a write, not timed), so the version moves.
    let touched = scalar(
        store,
        &format!(
            "SELECT MIN(e.id) FROM engagements e WHERE e.status = 'published' \
             AND e.confidentiality = 'public' AND e.starts_at >= {year_ago}"
        ),
    )
    .await;
    let mut ms = Vec::with_capacity(calls);
    for i in 0..calls + 20 {
        let mut tx = store.write().await.expect("writer");
        sqlx::query("UPDATE engagements SET updated_at = updated_at + 1 WHERE id = $1")
            .bind(touched)
            .execute(&mut *tx)
            .await
            .expect("touched");
        tx.commit().await.expect("commit");
        let start = Instant::now();
        app.engagements().feed().await.expect("feed");
        if i >= 20 {
            ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    out.push(summarize(
        "app: the feed written anew after a change (`Engagements::feed`)",
        ms,
    ));
    out
}

/// GETs `url` (with a session `cookie`, if any): the whole answer's time in ms, and it.
async fn timed(client: &reqwest::Client, url: &str, cookie: &str) -> (f64, Vec<u8>) {
    let start = Instant::now();
    let mut r = client.get(url);
    if !cookie.is_empty() {
        r = r.header("cookie", cookie);
    }
    let r = r.send().await.expect("request");
    let status = r.status();
    let body = r.bytes().await.expect("body");
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    assert!(status.is_success(), "{url} answered {status}");
    if ms > 20.0 {
        eprintln!("slow: {ms:.1} ms {url}");
    }
    (ms, body.to_vec())
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = text.find(start)? + start.len();
    let j = text[i..].find(end)? + i;
    Some(&text[i..j])
}

/// A form value.
fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut c = store.read().await.expect("read");
    sqlx::query_scalar(sql)
        .fetch_all(&mut *c)
        .await
        .expect("ids")
}

async fn scalar(store: &Store, sql: &str) -> i64 {
    let mut c = store.read().await.expect("read");
    sqlx::query_scalar(sql)
        .fetch_one(&mut *c)
        .await
        .expect("a number")
}

async fn walk_ins(store: &Store) -> i64 {
    scalar(
        store,
        "SELECT COUNT(*) FROM engagement_registrations WHERE walk_in = 1",
    )
    .await
}

/// The next ten published engagements (the doors walk-ins come to), and the organizer of
/// the first: an officer, who checks people in at all of them.
async fn door_engagements(store: &Store, now: i64) -> (i64, Vec<i64>) {
    let mut c = store.read().await.expect("read");
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT e.id, e.organizer_id FROM engagements e JOIN users u ON u.id = e.organizer_id \
         WHERE e.status = 'published' AND e.confidentiality = 'public' AND e.ends_at > $1 \
         AND u.role = 'officer' ORDER BY e.starts_at, e.id LIMIT 10",
    )
    .bind(now)
    .fetch_all(&mut *c)
    .await
    .expect("upcoming engagements");
    assert!(!rows.is_empty(), "upcoming published engagements");
    (rows[0].1, rows.iter().map(|r| r.0).collect())
}

async fn demo_email(store: &Store, user: i64) -> String {
    let mut c = store.read().await.expect("read");
    sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(&mut *c)
        .await
        .expect("an email")
}

/// Every engagement's kept counts against its registrations: none may differ.
async fn check_counts(store: &Store) {
    let wrong = scalar(
        store,
        "SELECT COUNT(*) FROM engagements e LEFT JOIN (SELECT engagement_id, \
         SUM(CASE WHEN status = 'registered' THEN 1 ELSE 0 END) AS r, \
         SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS w, \
         SUM(CASE WHEN attended_at IS NOT NULL THEN 1 ELSE 0 END) AS a \
         FROM engagement_registrations GROUP BY engagement_id) x ON x.engagement_id = e.id \
         WHERE e.registered <> COALESCE(x.r, 0) OR e.waitlisted <> COALESCE(x.w, 0) \
         OR e.attended <> COALESCE(x.a, 0)",
    )
    .await;
    assert_eq!(
        wrong, 0,
        "every engagement's counts match its registrations"
    );
}

/// What the generated engagements look like, read back.
struct Shape {
    engagements: i64,
    registrations: i64,
    published: i64,
    public: i64,
    upcoming: i64,
    upcoming_public: i64,
    feed: i64,
    first_year: i64,
    registered: i64,
    waitlisted: i64,
    cancelled: i64,
    attended: i64,
    walk_ins: i64,
}

impl Shape {
    async fn read(store: &Store, now: i64) -> Self {
        let n = async |sql: String| scalar(store, &sql).await;
        let public = "status IN ('published', 'cancelled') AND published_at IS NOT NULL \
                      AND confidentiality = 'public'";
        let r = "SELECT COUNT(*) FROM engagement_registrations";
        Self {
            engagements: n("SELECT COUNT(*) FROM engagements".into()).await,
            registrations: n(r.into()).await,
            published: n("SELECT COUNT(*) FROM engagements WHERE status = 'published'".into())
                .await,
            public: n(format!("SELECT COUNT(*) FROM engagements WHERE {public}")).await,
            upcoming: n(format!(
                "SELECT COUNT(*) FROM engagements WHERE ends_at > {now}"
            ))
            .await,
            upcoming_public: n(format!(
                "SELECT COUNT(*) FROM engagements WHERE ends_at > {now} AND {public}"
            ))
            .await,
            feed: n(format!(
                "SELECT COUNT(*) FROM engagements WHERE starts_at >= {} AND {public}",
                now - 366 * DAY
            ))
            .await,
            first_year: n("SELECT MIN(starts_at) FROM engagements".into()).await,
            registered: n(format!("{r} WHERE status = 'registered'")).await,
            waitlisted: n(format!("{r} WHERE status = 'waitlisted'")).await,
            cancelled: n(format!("{r} WHERE status = 'cancelled'")).await,
            attended: n(format!("{r} WHERE attended_at IS NOT NULL")).await,
            walk_ins: n(format!("{r} WHERE walk_in = 1")).await,
        }
    }

    fn print(&self) {
        let since = chrono::DateTime::from_timestamp(self.first_year, 0).unwrap_or_default();
        println!(
            "{} engagements since {} ({} published, {} public on the portal; {} not yet \
             ended, {} of them public; {} public from a year ago on)",
            self.engagements,
            since.format("%Y-%m-%d"),
            self.published,
            self.public,
            self.upcoming,
            self.upcoming_public,
            self.feed
        );
        println!(
            "{} registrations: {} with a place, {} waiting, {} given up; {} attended, {} of \
             them walk-ins",
            self.registrations,
            self.registered,
            self.waitlisted,
            self.cancelled,
            self.attended,
            self.walk_ins
        );
    }
}

// ---------------------------------------------------------------------------------------
// The data.

const KINDS: [(&str, f64); 9] = [
    ("community_meeting", 1.0),
    ("forum", 1.5),
    ("town_hall", 3.0),
    ("workshop", 0.6),
    ("seminar", 0.8),
    ("public_hearing", 2.5),
    ("outreach_stall", 0.7),
    ("festival", 4.0),
    ("clinic", 0.5),
];
const TOPICS: [&str; 12] = [
    "Dust from blasting",
    "Water supply",
    "Road safety",
    "Jobs and procurement",
    "Resettlement",
    "Noise at night",
    "Grazing land",
    "School transport",
    "Compensation",
    "Air quality",
    "Community health",
    "Heritage sites",
];
const HALLS: [&str; 8] = [
    "Riverside Community Hall",
    "Mill Road Library",
    "St Mary's Church Hall",
    "Thembalethu Primary School",
    "Sports Ground Pavilion",
    "Clinic Courtyard",
    "Old Station Building",
    "Kopanong Youth Centre",
];
const STREETS: [&str; 6] = [
    "Mill Road",
    "Church Street",
    "Station Road",
    "Main Road",
    "Mandela Avenue",
    "River Drive",
];
const FIRST: [&str; 16] = [
    "Thandi", "Sipho", "Lerato", "Johan", "Aisha", "Pieter", "Nomvula", "Kagiso", "Fatima",
    "Bongani", "Anna", "Themba", "Zanele", "Pedro", "Naledi", "Musa",
];
const LAST: [&str; 16] = [
    "Mokoena",
    "Dlamini",
    "Nkosi",
    "van der Merwe",
    "Naidoo",
    "Botha",
    "Khumalo",
    "Mahlangu",
    "Pillay",
    "Ndlovu",
    "Smith",
    "Molefe",
    "Zulu",
    "Ferreira",
    "Sithole",
    "Jacobs",
];
const SENTENCES: [&str; 8] = [
    "The mine's team presents the plan for the next quarter and answers questions from the floor.",
    "Residents raised this at the last meeting; this session reports on what was done since.",
    "Bring your questions: officers from the environment and community teams will be there.",
    "Interpretation is offered, and there is space for children with a volunteer.",
    "The agenda covers the monitoring results, the complaints received and the next steps.",
    "Everyone living or working in the affected wards is welcome; no registration is needed to speak.",
    "Refreshments are served from half an hour before the start.",
    "The minutes and the commitments made will be published on the portal afterwards.",
];

fn pick<'a, T>(rng: &mut Rng, from: &'a [T]) -> &'a T {
    &from[rng.below(from.len() as u64) as usize]
}

fn word(rng: &mut Rng, from: &[&'static str]) -> &'static str {
    from[rng.below(from.len() as u64) as usize]
}

/// A chance of `percent` in a hundred.
fn chance(rng: &mut Rng, percent: u64) -> bool {
    rng.below(100) < percent
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", pick(rng, &FIRST), pick(rng, &LAST))
}

/// One engagement as written.
struct Engagement {
    id: i64,
    kind: &'static str,
    title: String,
    purpose: String,
    starts_at: i64,
    ends_at: i64,
    address: String,
    room: String,
    point: Option<(f64, f64)>,
    capacity: Option<i64>,
    access: (i64, i64, i64),
    transit: String,
    online_link: String,
    languages: &'static str,
    interpretation: &'static str,
    partners: &'static str,
    topics: String,
    organizer: i64,
    officer: Option<i64>,
    areas: Vec<i64>,
    confidentiality: &'static str,
    status: &'static str,
    cancel_reason: &'static str,
    minutes: String,
    revision: i64,
    created_at: i64,
    updated_at: i64,
    published_at: Option<i64>,
    /// Registrations it is given, and its counts once they are made.
    wanted: i64,
    counts: (i64, i64, i64),
}

/// Everything to write: the engagements, with the people and places to draw from.
struct Plan {
    engagements: Vec<Engagement>,
    zone: String,
    areas: Vec<i64>,
    people: Vec<i64>,
    now: i64,
}

impl Plan {
    async fn new(store: &Store, n: i64, registrations: i64, now: i64) -> Self {
        let app = App::new(store.clone(), Settings::default());
        let zone = app
            .office()
            .settings()
            .await
            .expect("office")
            .calendar
            .time_zone
            .name()
            .to_string();
        let staff = ids(
            store,
            "SELECT id FROM users WHERE role IN ('officer', 'supervisor') AND active = 1 \
             ORDER BY id",
        )
        .await;
        let areas = ids(store, "SELECT id FROM areas ORDER BY id").await;
        let people = ids(store, "SELECT id FROM people ORDER BY id").await;
        assert!(
            !staff.is_empty() && !areas.is_empty(),
            "the demo's staff and areas"
        );
        let first = now - YEARS * 365 * DAY + AHEAD;
        let step = (YEARS * 365 * DAY / n.max(1)).max(1);
        let mut weights = Vec::with_capacity(n as usize);
        let mut engagements = Vec::with_capacity(n as usize);
        for i in 0..n {
            let mut rng = Rng(0xE46A_6E00 ^ (i as u64).wrapping_mul(0x9E37_79B9));
            let day = first + i * step + rng.below(step as u64) as i64;
            // 09:00 to 18:00 in the office's zone (two hours ahead of UTC).
            let starts_at =
                day - day.rem_euclid(DAY) + [7, 8, 10, 12, 14, 15, 16][i as usize % 7] * 3600;
            let (kind, weight) = KINDS[rng.below(KINDS.len() as u64) as usize];
            let ends_at = starts_at
                + match kind {
                    "festival" if chance(&mut rng, 40) => 2 * DAY + 8 * 3600,
                    "festival" => 8 * 3600,
                    "clinic" | "outreach_stall" => 4 * 3600,
                    "workshop" => 3 * 3600,
                    _ => 2 * 3600,
                };
            let ahead = starts_at > now;
            let created_at = (starts_at - (14 + rng.below(76) as i64) * DAY).min(now - 3600);
            // Four in five published; a few called off (most after publishing); the rest
            // planned (staff-only meetings, or still being prepared).
            let roll = rng.below(100);
            let (status, published) = match roll {
                0..=4 => ("cancelled", roll < 4),
                5..=16 if !ahead => ("planned", false),
                5..=24 if ahead => ("planned", false),
                _ => ("published", true),
            };
            let confidentiality = if published {
                "public"
            } else {
                *pick(
                    &mut rng,
                    &[
                        "public",
                        "public",
                        "restricted",
                        "restricted",
                        "confidential",
                    ],
                )
            };
            let published_at =
                published.then(|| (created_at + (1 + rng.below(6) as i64) * DAY).min(now - 60));
            let updated_at = published_at.unwrap_or(created_at).max(if ahead {
                created_at
            } else {
                (ends_at + DAY).min(now - 60)
            });
            let online = chance(&mut rng, 5);
            let topic_count = 1 + rng.below(3) as usize;
            let topics: Vec<&str> = (0..topic_count).map(|_| *pick(&mut rng, &TOPICS)).collect();
            let purpose: Vec<&str> = (0..2 + rng.below(3) as usize)
                .map(|_| *pick(&mut rng, &SENTENCES))
                .collect();
            let mut factor = 0.3 + 2.0 * (rng.below(1000) as f64 / 1000.0).powi(2);
            if ahead {
                // Places are still being taken: fewer the further off it is.
                factor *= 0.2 + 0.6 * (1.0 - (starts_at - now) as f64 / AHEAD as f64);
            }
            if !published {
                factor *= if status == "cancelled" { 0.2 } else { 0.3 };
            }
            weights.push(weight * factor);
            let area_count = 1 + rng.below(2) as usize;
            let mut chosen: Vec<i64> = (0..area_count).map(|_| *pick(&mut rng, &areas)).collect();
            chosen.sort_unstable();
            chosen.dedup();
            let organizer = *pick(&mut rng, &staff);
            let officer = Some(*pick(&mut rng, &staff)).filter(|o| *o != organizer);
            let past_minutes = !ahead && status != "cancelled" && chance(&mut rng, 50);
            engagements.push(Engagement {
                id: i + 1,
                kind,
                title: format!("{} — {}", topics[0], kind.replace('_', " ")),
                purpose: purpose.join(" "),
                starts_at,
                ends_at,
                address: if online {
                    String::new()
                } else {
                    format!(
                        "{}, {} {}",
                        pick(&mut rng, &HALLS),
                        1 + rng.below(200),
                        pick(&mut rng, &STREETS)
                    )
                },
                room: if chance(&mut rng, 30) {
                    format!("Room {}", 1 + rng.below(12))
                } else {
                    String::new()
                },
                point: (!online && chance(&mut rng, 70)).then(|| {
                    (
                        -26.2 + rng.below(4000) as f64 / 10_000.0 - 0.2,
                        28.0 + rng.below(4000) as f64 / 10_000.0 - 0.2,
                    )
                }),
                capacity: None,
                access: (
                    i64::from(chance(&mut rng, 70)),
                    i64::from(chance(&mut rng, 20)),
                    i64::from(chance(&mut rng, 50)),
                ),
                transit: if chance(&mut rng, 40) {
                    "Taxi rank on Main Road, five minutes' walk".into()
                } else {
                    String::new()
                },
                online_link: if online || chance(&mut rng, 10) {
                    format!("https://meet.example.org/riverside-{}", i + 1)
                } else {
                    String::new()
                },
                languages: word(&mut rng, &["en", "en zu", "zu en", "en st", "en af zu"]),
                interpretation: if chance(&mut rng, 20) { "sfs" } else { "" },
                partners: if chance(&mut rng, 30) {
                    "Riverside Residents' Association"
                } else {
                    ""
                },
                topics: topics.join("\n"),
                organizer,
                officer,
                areas: chosen,
                confidentiality,
                status,
                cancel_reason: if status == "cancelled" {
                    "The venue is not available; a new date will be published."
                } else {
                    ""
                },
                minutes: if past_minutes {
                    "About forty residents came. The team presented the monitoring results; \
                     questions on dust and water were answered and two commitments recorded."
                        .into()
                } else {
                    String::new()
                },
                revision: rng.below(3) as i64,
                created_at,
                updated_at,
                published_at,
                wanted: 0,
                counts: (0, 0, 0),
            });
        }
        // The registrations, shared out by weight to make exactly the number asked for.
        let total: f64 = weights.iter().sum();
        let mut given = 0;
        for (e, w) in engagements.iter_mut().zip(&weights) {
            e.wanted = (w / total * registrations as f64).floor() as i64;
            given += e.wanted;
        }
        let mut i = 0;
        while given < registrations && !engagements.is_empty() {
            let len = engagements.len();
            engagements[i % len].wanted += 1;
            given += 1;
            i += 7919;
        }
        let mut plan = Self {
            engagements,
            zone,
            areas,
            people,
            now,
        };
        for i in 0..plan.engagements.len() {
            let e = &plan.engagements[i];
            let mut rng = Rng(0x5EA7 ^ (e.id as u64).wrapping_mul(0x2545_F491));
            // Three in five limit places, some to fewer than want one.
            let capacity = chance(&mut rng, 60).then(|| {
                let pre = e.wanted as f64 * (0.7 + rng.below(70) as f64 / 100.0);
                (((pre / 10.0).round() as i64) * 10).max(10)
            });
            plan.engagements[i].capacity = capacity;
            let mut counts = (0, 0, 0);
            plan.registrations(&plan.engagements[i], &mut 0, &mut |r| {
                counts.0 += i64::from(r.status == "registered");
                counts.1 += i64::from(r.status == "waitlisted");
                counts.2 += i64::from(r.attended_at.is_some());
            });
            plan.engagements[i].counts = counts;
        }
        plan
    }

    /// An engagement's registrations in the order they came, each given to `each`;
    /// `serial` numbers them across the office (their links' hashes differ by it).
    fn registrations(&self, e: &Engagement, serial: &mut u64, each: &mut impl FnMut(Registration)) {
        let mut rng = Rng(0x2E61 ^ (e.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let held = e.ends_at <= self.now && e.status != "cancelled";
        let walk_ins = if held {
            (e.wanted as f64 * (0.05 + rng.below(20) as f64 / 100.0)).round() as i64
        } else {
            0
        };
        let pre = e.wanted - walk_ins;
        let opened = e.published_at.unwrap_or(e.created_at);
        let window = (e.starts_at - opened).max(3600);
        let mut placed = 0;
        for j in 0..e.wanted {
            *serial += 1;
            let walk_in = j >= pre;
            let first = pick(&mut rng, &FIRST);
            let last = pick(&mut rng, &LAST);
            let mut r = Registration {
                engagement_id: e.id,
                name: format!("{first} {last}"),
                email: if chance(&mut rng, 60) {
                    format!(
                        "{}.{}{}@example.org",
                        first.to_lowercase(),
                        last.to_lowercase().replace(' ', ""),
                        *serial % 1000
                    )
                } else {
                    String::new()
                },
                phone: if chance(&mut rng, 50) {
                    format!("+27 82 {:03} {:04}", *serial % 1000, *serial % 10_000)
                } else {
                    String::new()
                },
                language: word(&mut rng, &["en", "en", "en", "zu", "st", "af"]),
                needs: if chance(&mut rng, 5) {
                    word(
                        &mut rng,
                        &[
                            "A wheelchair space",
                            "A sign language interpreter",
                            "The hearing loop",
                            "Childcare",
                        ],
                    )
                } else {
                    ""
                },
                area_id: chance(&mut rng, 70).then(|| *pick(&mut rng, &self.areas)),
                person_id: (!self.people.is_empty() && chance(&mut rng, 10))
                    .then(|| *pick(&mut rng, &self.people)),
                status: "registered",
                walk_in,
                first_time: chance(&mut rng, if walk_in { 35 } else { 20 }),
                token_hash: None,
                registered_at: 0,
                attended_at: None,
                cancelled_at: None,
            };
            if walk_in {
                let at = e.starts_at + rng.below((e.ends_at - e.starts_at) as u64) as i64;
                r.registered_at = at;
                r.attended_at = Some(at);
            } else {
                r.registered_at =
                    (opened + window * j / pre.max(1) + rng.below(600) as i64).min(self.now - 1);
                r.token_hash = Some(format!(
                    "{:016x}{:016x}{:016x}{:016x}",
                    rng.next(),
                    rng.next(),
                    rng.next(),
                    *serial
                ));
                if chance(&mut rng, 8) {
                    r.status = "cancelled";
                    r.cancelled_at = Some(
                        (r.registered_at + rng.below(window.max(1) as u64) as i64 / 2)
                            .min(self.now - 1),
                    );
                } else if e.capacity.is_some_and(|c| placed >= c) {
                    r.status = "waitlisted";
                } else {
                    placed += 1;
                    if held && chance(&mut rng, 65) {
                        r.attended_at = Some(e.starts_at - 1800 + rng.below(3600) as i64);
                    }
                }
            }
            each(r);
        }
    }
}

/// One registration as written.
struct Registration {
    engagement_id: i64,
    name: String,
    email: String,
    phone: String,
    language: &'static str,
    needs: &'static str,
    area_id: Option<i64>,
    person_id: Option<i64>,
    status: &'static str,
    walk_in: bool,
    first_time: bool,
    token_hash: Option<String>,
    registered_at: i64,
    attended_at: Option<i64>,
    cancelled_at: Option<i64>,
}

/// One value of a row.
enum V {
    I(i64),
    N(Option<i64>),
    R(Option<f64>),
    T(String),
    O(Option<String>),
}

/// Writes `cells` (rows of `columns` values, one after another) with `head`, as many rows
/// to a statement as about 12,000 values make (SQLite's anonymous placeholders, which it
/// binds without looking names up).
async fn insert(c: &mut Conn, backend: Backend, head: &str, columns: usize, cells: &[V]) {
    let per = (12_000 / columns).clamp(1, 1_000);
    let mut texts: std::collections::HashMap<usize, String> = Default::default();
    for chunk in cells.chunks(per * columns) {
        let rows = chunk.len() / columns;
        let sql = texts.entry(rows).or_insert_with(|| {
            let mut s = format!("{head} VALUES ");
            for r in 0..rows {
                s.push_str(if r == 0 { "(" } else { ", (" });
                for col in 0..columns {
                    if col > 0 {
                        s.push_str(", ");
                    }
                    match backend {
                        Backend::Sqlite => s.push('?'),
                        Backend::Postgres => s.push_str(&format!("${}", r * columns + col + 1)),
                    }
                }
                s.push(')');
            }
            s
        });
        // Not kept prepared: a NULL is bound with a type of its own, and a statement
        // prepared with one chunk's NULL would refuse the next chunk's value there.
        let mut q = sqlx::query(sql.as_str()).persistent(false);
        for v in chunk {
            q = match v {
                V::I(i) => q.bind(*i),
                V::N(n) => q.bind(*n),
                V::R(r) => q.bind(*r),
                V::T(t) => q.bind(t.as_str()),
                V::O(o) => q.bind(o.as_deref()),
            };
        }
        q.execute(&mut *c).await.expect("rows written");
    }
}

/// Writes the plan: the engagements with their officers and areas, then their
/// registrations, a transaction each 50,000.
async fn write(store: &Store, plan: &Plan) {
    let backend = store.backend();
    let mut tx = store.write().await.expect("writer");
    let mut cells = Vec::with_capacity(plan.engagements.len() * 34);
    let mut officers = Vec::new();
    let mut areas = Vec::new();
    for e in &plan.engagements {
        cells.extend([
            V::I(e.id),
            V::T(e.kind.into()),
            V::T(e.title.clone()),
            V::T(e.purpose.clone()),
            V::I(e.starts_at),
            V::I(e.ends_at),
            V::T(plan.zone.clone()),
            V::T(e.address.clone()),
            V::T(e.room.clone()),
            V::R(e.point.map(|p| p.0)),
            V::R(e.point.map(|p| p.1)),
            V::N(e.capacity),
            V::I(e.access.0),
            V::I(e.access.1),
            V::I(e.access.2),
            V::T(e.transit.clone()),
            V::T(e.online_link.clone()),
            V::T(e.languages.into()),
            V::T(e.interpretation.into()),
            V::T(e.partners.into()),
            V::T(e.topics.clone()),
            V::I(e.organizer),
            V::T(e.confidentiality.into()),
            V::T(e.status.into()),
            V::T(e.cancel_reason.into()),
            V::T(e.minutes.clone()),
            V::I(e.counts.0),
            V::I(e.counts.1),
            V::I(e.counts.2),
            V::I(e.revision),
            V::N(Some(e.organizer)),
            V::I(e.created_at),
            V::I(e.updated_at),
            V::N(e.published_at),
        ]);
        if let Some(o) = e.officer {
            officers.extend([V::I(e.id), V::I(o)]);
        }
        for a in &e.areas {
            areas.extend([V::I(e.id), V::I(*a)]);
        }
    }
    insert(
        &mut tx,
        backend,
        "INSERT INTO engagements (id, kind, title, purpose, starts_at, ends_at, time_zone, \
         address, room, lat, lng, capacity, step_free, hearing_loop, parking, transit, \
         online_link, languages, interpretation, partners, topics, organizer_id, \
         confidentiality, status, cancel_reason, minutes, registered, waitlisted, attended, \
         revision, created_by, created_at, updated_at, published_at)",
        34,
        &cells,
    )
    .await;
    insert(
        &mut tx,
        backend,
        "INSERT INTO engagement_officers (engagement_id, user_id)",
        2,
        &officers,
    )
    .await;
    insert(
        &mut tx,
        backend,
        "INSERT INTO engagement_areas (engagement_id, area_id)",
        2,
        &areas,
    )
    .await;
    if backend == Backend::Postgres {
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('engagements', 'id'), \
             (SELECT MAX(id) FROM engagements))",
        )
        .execute(&mut *tx)
        .await
        .expect("the sequence moved past the ids written");
    }

    const COLUMNS: usize = 15;
    const HEAD: &str = "INSERT INTO engagement_registrations (engagement_id, name, email, \
         phone, language, needs, area_id, person_id, status, walk_in, first_time, token_hash, \
         registered_at, attended_at, cancelled_at)";
    let mut serial = 0;
    let mut cells: Vec<V> = Vec::with_capacity(50_000 * COLUMNS);
    for e in &plan.engagements {
        plan.registrations(e, &mut serial, &mut |r| {
            cells.extend([
                V::I(r.engagement_id),
                V::T(r.name),
                V::T(r.email),
                V::T(r.phone),
                V::T(r.language.into()),
                V::T(r.needs.into()),
                V::N(r.area_id),
                V::N(r.person_id),
                V::T(r.status.into()),
                V::I(i64::from(r.walk_in)),
                V::I(i64::from(r.first_time)),
                V::O(r.token_hash),
                V::I(r.registered_at),
                V::N(r.attended_at),
                V::N(r.cancelled_at),
            ]);
        });
        if cells.len() >= 50_000 * COLUMNS {
            insert(&mut tx, backend, HEAD, COLUMNS, &cells).await;
            cells.clear();
            tx.commit().await.expect("commit");
            tx = store.write().await.expect("writer");
        }
    }
    insert(&mut tx, backend, HEAD, COLUMNS, &cells).await;
    tx.commit().await.expect("commit");
}

// ---------------------------------------------------------------------------------------
// A survey's results page: one survey with the demo template's four questions and 5,000
// responses, in the same database.

/// The survey's responses.
const SURVEY_RESPONSES: usize = 5_000;
const SURVEY_TITLE: &str = "After the town hall: your view";
/// The demo template's questions ("After a meeting"): kind, label, choices, required.
const SURVEY_QUESTIONS: [(&str, &str, &str, i64); 4] = [
    ("rating", "How useful was the meeting?", "", 1),
    (
        "single",
        "How did you hear of it?",
        "Poster\nRadio\nNeighbour\nSocial media\nInvitation",
        0,
    ),
    (
        "multiple",
        "What should we talk about next?",
        "Dust\nNoise\nTraffic\nJobs\nWater",
        0,
    ),
    ("text", "Anything else?", "", 0),
];
const SURVEY_WORDS: [&str; 12] = [
    "Please hold the next one on a Saturday; many of us work until six.",
    "The site manager answered every question.",
    "The dust on the school road is still bad in the mornings.",
    "The trucks came at the very end, when half the hall had left.",
    "The interpreter made a real difference for my mother.",
    "Could the blasting schedule be read on the community radio as well?",
    "The hall was too hot and the microphones kept cutting out.",
    "Who checks the dust readings, and how often?",
    "Come back in three months and tell us what changed.",
    "Nobody told us about the cracks in our walls.",
    "More chairs next time, and something for the children.",
    "Thank you for the minutes on the portal.",
];

/// One answer row of a response, as written: its question, number and words.
type SurveyAnswer = (i64, Option<i64>, Option<String>);

/// Writes the survey on the past public engagement most came to, opened, with its
/// responses and answers (hundreds of rows to a statement) answered over the two weeks
/// after it; on PostgreSQL its tables vacuumed, as autovacuum leaves them.
async fn survey_fill(store: &Store, url: &str, now: i64) {
    let started = Instant::now();
    let backend = store.backend();
    let mut tx = store.write().await.expect("writer");
    let (engagement, ends_at): (i64, i64) = sqlx::query_as(
        "SELECT id, ends_at FROM engagements WHERE status = 'published' \
         AND confidentiality = 'public' AND ends_at < $1 ORDER BY attended DESC, id LIMIT 1",
    )
    .bind(now - 15 * DAY)
    .fetch_one(&mut *tx)
    .await
    .expect("a past engagement");
    let by: i64 = sqlx::query_scalar("SELECT MIN(id) FROM users WHERE role = 'officer'")
        .fetch_one(&mut *tx)
        .await
        .expect("an officer");
    let survey: i64 = sqlx::query_scalar(
        "INSERT INTO surveys (title, intro, template, engagement_id, anonymous, status, \
         link_key, responses, created_by, created_at, updated_at) VALUES ($1, $2, 0, $3, 1, \
         'open', $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(SURVEY_TITLE)
    .bind("A few questions about the town hall; two minutes at most.")
    .bind(engagement)
    .bind("5e1f0c2a9b7d4e6f8a1b3c5d")
    .bind(SURVEY_RESPONSES as i64)
    .bind(by)
    .bind(ends_at)
    .fetch_one(&mut *tx)
    .await
    .expect("the survey");
    let mut questions = Vec::new();
    for (i, (kind, label, choices, required)) in SURVEY_QUESTIONS.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO survey_questions (survey_id, position, kind, label, choices, \
             scale_low, scale_high, required) VALUES ($1, $2, $3, $4, $5, 1, 5, $6) \
             RETURNING id",
        )
        .bind(survey)
        .bind(i as i64 + 1)
        .bind(*kind)
        .bind(*label)
        .bind(*choices)
        .bind(*required)
        .fetch_one(&mut *tx)
        .await
        .expect("a question");
        questions.push(id);
    }
    // Each response's answers as (question, number, words): ratings leaning good, a source
    // most give, one to three topics from half, words from one in four.
    let mut rng = Rng(0x5E1F);
    let mut responses = Vec::with_capacity(SURVEY_RESPONSES * 6);
    let mut answers: Vec<Vec<SurveyAnswer>> = Vec::new();
    for _ in 0..SURVEY_RESPONSES {
        let respondent = format!(
            "{}:{:016x}{:016x}{:016x}{:016x}",
            if chance(&mut rng, 40) { "link" } else { "form" },
            rng.next(),
            rng.next(),
            rng.next(),
            rng.next()
        );
        responses.extend([
            V::I(survey),
            V::T(respondent),
            V::T(String::new()),
            V::T(
                word(
                    &mut rng,
                    &["en", "en", "en", "en", "en", "en", "zu", "st", "af", "es"],
                )
                .into(),
            ),
            V::I(ends_at + rng.below(14 * DAY as u64) as i64),
        ]);
        let mut mine = vec![(
            questions[0],
            Some(*pick(&mut rng, &[1, 2, 3, 3, 4, 4, 4, 5, 5, 5])),
            None,
        )];
        if chance(&mut rng, 85) {
            mine.push((questions[1], Some(rng.below(5) as i64), None));
        }
        if chance(&mut rng, 50) {
            let mut picked: Vec<i64> = (0..1 + rng.below(3)).map(|_| rng.below(5) as i64).collect();
            picked.sort_unstable();
            picked.dedup();
            mine.extend(picked.into_iter().map(|p| (questions[2], Some(p), None)));
        }
        if chance(&mut rng, 25) {
            let words: Vec<&str> = (0..1 + rng.below(3))
                .map(|_| *pick(&mut rng, &SURVEY_WORDS))
                .collect();
            mine.push((questions[3], None, Some(words.join(" "))));
        }
        answers.push(mine);
    }
    insert(
        &mut tx,
        backend,
        "INSERT INTO survey_responses (survey_id, respondent, name, language, created_at)",
        5,
        &responses,
    )
    .await;
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM survey_responses WHERE survey_id = $1 ORDER BY id")
            .bind(survey)
            .fetch_all(&mut *tx)
            .await
            .expect("the responses");
    assert_eq!(ids.len(), SURVEY_RESPONSES, "every response written");
    let mut cells = Vec::new();
    for (response, mine) in ids.iter().zip(answers) {
        for (question, number, text) in mine {
            cells.extend([
                V::I(*response),
                V::I(survey),
                V::I(question),
                V::N(number),
                V::O(text),
            ]);
        }
    }
    insert(
        &mut tx,
        backend,
        "INSERT INTO survey_answers (response_id, survey_id, question_id, number, text)",
        5,
        &cells,
    )
    .await;
    tx.commit().await.expect("commit");
    if backend == Backend::Postgres {
        let mut c = sqlx::AnyConnection::connect(url).await.expect("connect");
        c.execute("VACUUM ANALYZE surveys, survey_questions, survey_responses, survey_answers")
            .await
            .expect("vacuum");
        let _ = c.close().await;
    }
    println!(
        "survey {survey} on engagement {engagement}: {SURVEY_RESPONSES} responses, {} answers \
         written in {:.1} s",
        cells.len() / 5,
        started.elapsed().as_secs_f64()
    );
}

/// The survey `survey_fill` wrote.
async fn the_survey(store: &Store) -> i64 {
    scalar(
        store,
        &format!("SELECT MIN(id) FROM surveys WHERE title = '{SURVEY_TITLE}'"),
    )
    .await
}

/// The survey's results page, `requests` times one after another (20 before, to warm), as
/// the officer whose session `cookie` is.
async fn survey_results(
    store: &Store,
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    requests: usize,
) -> common::Figures {
    let survey = the_survey(store).await;
    let url = format!("{base}/staff/surveys/{survey}/results");
    let (_, body) = timed(client, &url, cookie).await;
    let page = String::from_utf8_lossy(&body);
    assert!(
        page.contains(SURVEY_QUESTIONS[0].1) && page.contains(SURVEY_QUESTIONS[3].1),
        "the results page shows the questions"
    );
    for _ in 0..20 {
        timed(client, &url, cookie).await;
    }
    let mut ms = Vec::with_capacity(requests);
    for _ in 0..requests {
        ms.push(timed(client, &url, cookie).await.0);
    }
    summarize(
        &format!(
            "staff: GET /staff/surveys/{{id}}/results ({SURVEY_RESPONSES} responses, {} bytes)",
            body.len()
        ),
        ms,
    )
}

/// The results page's reads timed without HTTP: the store's three counts and the words
/// shown, each `calls` times; printed as a table of its own.
async fn survey_parts(store: &Store, calls: usize) {
    use liaison_store::surveys as stored;
    let survey = the_survey(store).await;
    let texts_question = scalar(
        store,
        &format!("SELECT id FROM survey_questions WHERE survey_id = {survey} AND kind = 'text'"),
    )
    .await;
    let mut out = Vec::new();
    macro_rules! time {
        ($name:expr, $call:expr) => {{
            for _ in 0..20 {
                $call;
            }
            let mut ms = Vec::with_capacity(calls);
            for _ in 0..calls {
                let start = Instant::now();
                $call;
                ms.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            out.push(summarize($name, ms));
        }};
    }
    time!("store: each number's count (`surveys::counts`)", {
        let mut c = store.read().await.expect("read");
        stored::counts(&mut c, survey).await.expect("counts");
    });
    time!(
        "store: how many answered each question (`surveys::answered`)",
        {
            let mut c = store.read().await.expect("read");
            stored::answered(&mut c, survey).await.expect("answered");
        }
    );
    time!("store: the latest 100 words (`surveys::texts`)", {
        let mut c = store.read().await.expect("read");
        stored::texts(&mut c, survey, texts_question, 100)
            .await
            .expect("texts");
    });
    println!();
    println!("| survey results without HTTP | calls | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for f in &out {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.name, f.count, f.p50, f.p99, f.max
        );
    }
}
