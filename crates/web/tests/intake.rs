//! Many residents at once: every acknowledged submission is stored once, with its own
//! reference, whether or not the intake writer grouped it with others.

use liaison_testkit as common;

use std::collections::HashSet;

use common::{Db, Harness};
use liaison_app::{Limit, Settings};

async fn concurrent_submissions_each_get_their_own_stored_concern(db: Db) {
    // 48 residents would come from 48 addresses; here all share loopback.
    let settings = Settings {
        portal_per_address: Limit::NONE,
        lookups_per_address: Limit::NONE,
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let path = format!("/report/{k}");
    let mut tasks = Vec::new();
    for n in 0..48 {
        let (base, path) = (h.base.clone(), path.clone());
        tasks.push(tokio::spawn(async move {
            let b = common::Browser::new(&base);
            let description = format!("Concurrent report number {n}");
            let r = b
                .post(
                    &path,
                    &[("description", &description), ("anonymous", "yes")],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let reference = r.between("Your reference is ", ".").expect("reference");
            let code = r
                .between("<p class=\"tracking-code\">", "</p>")
                .expect("code");
            (reference, code, description)
        }));
    }
    let mut receipts = Vec::new();
    for t in tasks {
        receipts.push(t.await.expect("task"));
    }
    let references: HashSet<_> = receipts.iter().map(|r| r.0.clone()).collect();
    assert_eq!(references.len(), 48);
    // Each code leads to its own concern.
    for (reference, code, description) in receipts.iter().take(8) {
        h.browser()
            .post("/track", &[("code", code)])
            .await
            .expect(reference)
            .expect(description);
    }
    let filter = liaison_store::concerns::QueueFilter {
        limit: 100,
        ..Default::default()
    };
    let (rows, _) = h
        .app
        .concerns()
        .queue(&admin, &filter)
        .await
        .expect("queue");
    assert_eq!(rows.len(), 48);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_each_get_their_own_stored_concern_sqlite() {
    concurrent_submissions_each_get_their_own_stored_concern(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_submissions_each_get_their_own_stored_concern_postgres() {
    concurrent_submissions_each_get_their_own_stored_concern(Db::Postgres).await;
}
