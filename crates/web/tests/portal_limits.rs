//! The public portal slows floods: reports and tracking-code lookups beyond a client
//! address's allowance are answered 429 in the visitor's language, and store nothing.

use liaison_testkit as common;

use common::{Db, Harness};
use liaison_app::{Limit, Settings};
use liaison_store::concerns::QueueFilter;

async fn floods_from_one_address_are_slowed(db: Db) {
    let settings = Settings {
        portal_per_address: Limit {
            per_minute: 1,
            burst: 2,
        },
        lookups_per_address: Limit {
            per_minute: 1,
            burst: 3,
        },
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let b = h.browser();
    let report = format!("/report/{noise}");
    let mut codes = Vec::new();
    for n in 0..2 {
        b.get(&report).await;
        let r = b
            .post(
                &report,
                &[
                    ("description", &format!("Generator noise {n}")),
                    ("anonymous", "yes"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        codes.push(r.between("tracking-code\">", "<").expect("a tracking code"));
    }
    let r = b
        .post_raw(
            &report,
            common::serialize(&[("description", "One too many"), ("anonymous", "yes")])
                .into_bytes(),
            &[("accept-language", "es")],
        )
        .await;
    assert_eq!(r.status, 429);
    assert!(r.headers.contains_key("retry-after"));
    r.expect("Demasiados intentos");
    let all = QueueFilter {
        limit: 100,
        now: liaison_store::now(),
        ..QueueFilter::default()
    };
    let (stored, _) = h.app.concerns().queue(&admin, &all).await.expect("queue");
    assert_eq!(stored.len(), 2, "the refused report was not stored");

    // Lookups: three tries, then a wait, whether the codes are right or wrong.
    for code in [codes[0].as_str(), "WRONG-CODE-1234", codes[1].as_str()] {
        let r = b.post("/track", &[("code", code)]).await;
        assert!(r.status == 200 || r.status == 404, "{}", r.status);
    }
    let r = b.post("/track", &[("code", &codes[0])]).await;
    assert_eq!(r.status, 429);
    r.expect("Too many attempts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_from_one_address_are_slowed_sqlite() {
    floods_from_one_address_are_slowed(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_from_one_address_are_slowed_postgres() {
    floods_from_one_address_are_slowed(Db::Postgres).await;
}
