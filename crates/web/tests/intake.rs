//! Many residents at once: every acknowledged submission is stored once, with its own
//! reference, whether or not the intake writer grouped it with others.

mod common;

use std::collections::HashSet;

use common::Harness;

async fn concurrent_submissions_each_get_their_own_stored_concern(h: Harness) {
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
    let (rows, _) = h.app.queue(&admin, &filter).await.expect("queue");
    assert_eq!(rows.len(), 48);
}

both!(concurrent_submissions_each_get_their_own_stored_concern);
