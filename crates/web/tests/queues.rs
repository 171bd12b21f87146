//! Queues: filters, sorting, keyset pagination, overdue and paused deadlines.

use liaison_testkit as common;
use liaison_testkit::both;

use std::collections::HashSet;

use common::Harness;
use liaison_app::concerns::{Assignment, RecordConcern, Transition};
use liaison_app::office::NewArea;

/// Asserts the queue at `path` lists exactly `expected`, in any order.
async fn check(b: &common::Browser, path: String, expected: Vec<&String>) {
    let page = b.get(&path).await;
    assert_eq!(page.status, 200, "{path}");
    let mut got = references(&page.body);
    got.sort();
    let mut want: Vec<String> = expected.into_iter().cloned().collect();
    want.sort();
    assert_eq!(got, want, "{path}");
}

/// References on a queue page, in order.
fn references(body: &str) -> Vec<String> {
    body.split("\">C-")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(|r| format!("C-{r}"))
        .collect()
}

async fn pages_follow_one_another_without_gaps_or_repeats(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let mut created = Vec::new();
    for i in 0..120 {
        let (id, reference, _) = h
            .concern(&admin, k, &format!("Concern number {i}"), "public")
            .await;
        created.push(reference);
        // Every third is finished, so the pages interleave open and finished concerns,
        // which the queue reads apart and merges.
        if i % 3 == 0 {
            let r = b
                .post(
                    &format!("/staff/concerns/{id}/act"),
                    &[("action", "withdraw"), ("note", "Sorted out")],
                )
                .await;
            assert_eq!(r.status, 303);
        }
    }
    for sort in ["newest", "oldest", "due", "priority", "updated"] {
        let mut seen = Vec::new();
        let mut path = format!("/staff/concerns?view=all&sort={sort}");
        let mut pages = 0;
        loop {
            let page = b.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            let refs = references(&page.body);
            assert!(refs.len() <= 50);
            seen.extend(refs);
            pages += 1;
            assert!(pages <= 3, "{sort}: too many pages; last link {path}");
            match page.between("rel=\"next\" href=\"", "\"") {
                Some(next) => path = next.replace("&#38;", "&").replace("&amp;", "&"),
                None => break,
            }
        }
        assert_eq!(pages, 3, "{sort}");
        assert_eq!(seen.len(), 120, "{sort}");
        assert_eq!(
            seen.iter().collect::<HashSet<_>>().len(),
            120,
            "{sort}: repeats"
        );
        if sort == "oldest" {
            assert_eq!(seen, created);
        }
        if sort == "newest" {
            assert!(seen.iter().eq(created.iter().rev()));
        }
    }
}

async fn filters_narrow_the_queue(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let water = h.category(&admin, "Water", true).await;
    let noise = h.category(&admin, "Noise", true).await;
    let north = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "North".into(),
            },
        )
        .await
        .expect("area");
    let (w1, w1_ref, _) = h
        .concern(&admin, water, "Burst pipe on Main Road", "public")
        .await;
    let (_, w2_ref, _) = h.concern(&admin, water, "Low pressure", "restricted").await;
    let (_, n1_ref, _) = h
        .concern(&admin, noise, "Blasting at night", "public")
        .await;
    let input = RecordConcern {
        category: noise.to_string().into(),
        description: "Generators in the North".into(),
        channel: "walk_in".into(),
        priority: "urgent".into(),
        confidentiality: "public".into(),
        area: north.to_string().into(),
        anonymous: true.into(),
        ..RecordConcern::default()
    };
    let n2_ref = h
        .app
        .concerns()
        .record(&admin, &input)
        .await
        .expect("record")
        .reference;
    // A map point after concerns without one (PostgreSQL once kept the first insert's types).
    let with_point = RecordConcern {
        category: water.to_string().into(),
        description: "Leak at the pump station".into(),
        channel: "field".into(),
        priority: "low".into(),
        confidentiality: "confidential".into(),
        lat: "-26.2041".into(),
        lng: "28.0473".into(),
        anonymous: true.into(),
        ..RecordConcern::default()
    };
    let pumped = h
        .app
        .concerns()
        .record(&admin, &with_point)
        .await
        .expect("record with a point");
    let stored = h
        .app
        .concerns()
        .get(&admin, pumped.id)
        .await
        .expect("view")
        .concern;
    assert_eq!(stored.point, Some((-26.2041, 28.0473)));
    let w3_ref = pumped.reference;
    h.app
        .concerns()
        .assign(
            &admin,
            w1,
            &Assignment {
                assignee: officer.id.to_string().into(),
            },
        )
        .await
        .expect("assign");
    h.app
        .concerns()
        .act(&admin, w1, &step("acknowledge"))
        .await
        .expect("ack");

    check(
        &b,
        format!("/staff/concerns?view=all&category={water}"),
        vec![&w1_ref, &w2_ref, &w3_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&status=acknowledged".into(),
        vec![&w1_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=unassigned".into(),
        vec![&w2_ref, &w3_ref, &n1_ref, &n2_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&priority=urgent".into(),
        vec![&n2_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&channel=walk_in".into(),
        vec![&n2_ref],
    )
    .await;
    check(
        &b,
        format!("/staff/concerns?view=all&area={north}"),
        vec![&n2_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&confidentiality=restricted".into(),
        vec![&w2_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&q=pipe+main".into(),
        vec![&w1_ref],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&from=2000-01-01&to=2000-01-02".into(),
        vec![],
    )
    .await;
    check(
        &b,
        "/staff/concerns?view=all&from=2000-01-01".into(),
        vec![&w1_ref, &w2_ref, &w3_ref, &n1_ref, &n2_ref],
    )
    .await;
    // A filter that makes no sense is marked, not ignored silently.
    let bad = b.get("/staff/concerns?view=all&status=lost").await;
    assert_eq!(bad.status, 400);
    bad.expect("Choose one of the options offered.");
}

async fn overdue_concerns_are_marked_and_a_paused_clock_is_not_overdue(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let (late, late_ref, code) = h.concern(&admin, k, "Waiting too long", "public").await;
    let (_, fresh_ref, _) = h.concern(&admin, k, "Just arrived", "public").await;
    // Move the deadlines of one concern into the past, as if it had waited for weeks.
    let mut tx = h.store.write().await.expect("tx");
    liaison_store::sqlx::query("UPDATE concerns SET ack_due_at = ack_due_at - 3000000, resolve_due_at = resolve_due_at - 3000000 WHERE id = $1")
        .bind(late)
        .execute(&mut *tx)
        .await
        .expect("backdate");
    tx.commit().await.expect("commit");

    let overdue = b.get("/staff/concerns?view=overdue").await;
    let refs = references(&overdue.body);
    assert_eq!(refs, vec![late_ref.clone()]);
    overdue.expect("class=\"overdue\"").expect("overdue by");
    b.get(&format!("/staff/concerns/{late}"))
        .await
        .expect("overdue by");
    assert!(!references(&b.get("/staff/concerns?view=overdue").await.body).contains(&fresh_ref));

    // Waiting for the reporter stops the clock: no longer overdue, and the resident is told.
    for action in ["acknowledge", "await_reporter"] {
        h.app
            .concerns()
            .act(&admin, late, &step(action))
            .await
            .expect(action);
    }
    assert!(references(&b.get("/staff/concerns?view=overdue").await.body).is_empty());
    b.get(&format!("/staff/concerns/{late}"))
        .await
        .expect("clock stopped");
    h.browser()
        .post("/track", &[("code", &code)])
        .await
        .expect("We are waiting for information from you");
    let before = h
        .app
        .concerns()
        .get(&admin, late)
        .await
        .expect("view")
        .concern
        .resolve_due_at;
    h.app
        .concerns()
        .act(&admin, late, &step("resume"))
        .await
        .expect("resume");
    let after = h
        .app
        .concerns()
        .get(&admin, late)
        .await
        .expect("view")
        .concern;
    assert!(after.paused_at.is_none());
    assert!(after.resolve_due_at >= before);
    // Steps that make no sense now are refused with a message, and reasons are required.
    let page = format!("/staff/concerns/{late}");
    b.get(&page).await;
    let r = b.post(&format!("{page}/act"), &[("action", "close")]).await;
    assert_eq!(r.status, 422);
    r.expect("This step is not possible");
    let r = b
        .post(
            &format!("{page}/act"),
            &[("action", "reject"), ("note", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("Say why in the note.");
}

async fn duplicates_are_linked_and_the_reporter_sees_the_link(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let (first, first_ref, _) = h
        .concern(&admin, k, "Streetlight out on Oak Avenue", "public")
        .await;
    let (second, _, code) = h
        .concern(&admin, k, "Oak Avenue is dark at night", "public")
        .await;
    let page = format!("/staff/concerns/{second}");
    b.get(&page).await;
    let r = b
        .post(&format!("{page}/duplicate"), &[("of", "C-1999-00001")])
        .await;
    assert_eq!(r.status, 422);
    r.expect("No concern you can see has this reference.");
    let r = b
        .post(
            &format!("{page}/duplicate"),
            &[("of", &first_ref.to_lowercase())],
        )
        .await;
    assert_eq!(r.status, 303);
    b.get(&page).await.expect(&first_ref);
    h.browser()
        .post("/track", &[("code", &code)])
        .await
        .expect(&format!("handled together with concern {first_ref}"));
    // A concern cannot duplicate the one that duplicates it.
    let back = format!("/staff/concerns/{first}");
    b.get(&back).await;
    let r = b
        .post(
            &format!("{back}/duplicate"),
            &[(
                "of",
                &h.app
                    .concerns()
                    .get(&admin, second)
                    .await
                    .expect("v")
                    .concern
                    .reference,
            )],
        )
        .await;
    assert_eq!(r.status, 422);
}

/// A workflow step without a note.
fn step(action: &str) -> Transition {
    Transition {
        action: action.into(),
        ..Transition::default()
    }
}

both!(
    pages_follow_one_another_without_gaps_or_repeats,
    filters_narrow_the_queue,
    overdue_concerns_are_marked_and_a_paused_clock_is_not_overdue,
    duplicates_are_linked_and_the_reporter_sees_the_link,
);
