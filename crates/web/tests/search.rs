//! The staff search box finds records of every kind the user may see, newest first, in the
//! staff pages and over the JSON API: words by their beginnings, a reference exactly,
//! nothing confidential of someone else's, nobody's concern by the reporter's name for
//! those who may not see reporters.

use liaison_app::access_tokens::CreateToken;
use liaison_app::concerns::Assignment;
use liaison_testkit::{both, Harness};

async fn staff_search_finds_what_each_may_see(h: Harness) {
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let (officer, officer_browser) = h.signed_in("officer", "Olu Officer").await;
    let (_, viewer_browser) = h.signed_in("viewer", "Vic Viewer").await;
    let dust = h.category(&admin, "Dust", true).await;
    let (_, open_ref, _) = h
        .concern(
            &admin,
            dust,
            "Gravel dust over the school yard",
            "restricted",
        )
        .await;
    let (secret_id, secret_ref, _) = h
        .concern(
            &admin,
            dust,
            "Gravel trucks at the clinic at night",
            "confidential",
        )
        .await;

    // Words by their beginnings, the newest first; the confidential concern of nobody the
    // officer knows is not there.
    let page = officer_browser.get("/staff/search?q=grav").await;
    assert_eq!(page.status, 200);
    page.expect(&open_ref)
        .expect("Gravel dust over the school yard")
        .refute(&secret_ref)
        .refute("clinic at night");
    // Once it is theirs, it is.
    h.app
        .concerns()
        .assign(
            &admin,
            secret_id,
            &Assignment {
                assignee: officer.id.to_string().into(),
            },
        )
        .await
        .expect("assign");
    let page = officer_browser.get("/staff/search?q=grav").await;
    let (newer, older) = (
        page.body.find(&secret_ref).expect("the newer concern"),
        page.body.find(&open_ref).expect("the older concern"),
    );
    assert!(newer < older, "newest first");

    // A reference finds its concern alone, whatever words it shares.
    let page = officer_browser
        .get(&format!("/staff/search?q={open_ref}"))
        .await;
    page.expect(&open_ref).refute(&secret_ref);

    // The reporter's name finds concerns for those who may see reporters, not for viewers.
    officer_browser
        .get("/staff/search?q=mokoena")
        .await
        .expect(&open_ref);
    viewer_browser
        .get("/staff/search?q=mokoena")
        .await
        .refute(&open_ref)
        .expect("Nothing you may see matches.");

    // Too long a query is refused and said so.
    let long = "x".repeat(201);
    let page = officer_browser
        .get(&format!("/staff/search?q={long}"))
        .await;
    assert_eq!(page.status, 422);
    page.expect("This is too long.");

    // More than a page: the rest are a link away, in the concerns list.
    for n in 0..11 {
        h.concern(&admin, dust, &format!("Gravel spill number {n}"), "public")
            .await;
    }
    let page = officer_browser.get("/staff/search?q=gravel").await;
    page.expect("All matching concerns").expect("q=gravel\"");
}

async fn api_search_answers_the_same(h: Harness) {
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let dust = h.category(&admin, "Dust", true).await;
    let (id, reference, _) = h
        .concern(&admin, dust, "Gravel dust over the school yard", "public")
        .await;
    let token = h
        .app
        .access_tokens()
        .create(
            &admin,
            &CreateToken {
                name: "search".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let b = h.browser();
    let auth = format!("Bearer {token}");
    let answer = b
        .send(
            "GET",
            "/api/v1/search?q=school+grav",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let v: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
    let hit = &v["sections"][0]["hits"][0];
    assert_eq!(v["sections"][0]["kind"], "concern");
    assert_eq!(hit["id"], id);
    assert_eq!(hit["label"], reference.as_str());
    assert_eq!(hit["title"], "Dust");
    assert_eq!(v["sections"][0]["more"], false);
    let none = b
        .send(
            "GET",
            "/api/v1/search?q=",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(none.body, r#"{"sections":[]}"#);
    let long = format!("/api/v1/search?q={}", "x".repeat(201));
    let refused = b
        .send("GET", &long, None, &[("authorization", &auth)])
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("\"q\""), "{}", refused.body);
    assert_eq!(b.get("/api/v1/search?q=dust").await.status, 401);
}

/// A long history: a search reads the most recent concerns first, a bounded part at a time,
/// says so when that part holds fewer matches than a page, and goes on into older ones.
async fn searches_say_when_older_concerns_remain(h: Harness) {
    let (admin, staff) = h.signed_in("administrator", "Ada Admin").await;
    let dust = h.category(&admin, "Dust", true).await;
    let (old_id, old_ref, _) = h
        .concern(&admin, dust, "Cracked wall by the quarry", "public")
        .await;
    // Concerns numbered far later (as after years of use), each in an index shard of its
    // own, as many as a page reads.
    let backend = h.store.backend();
    let size = liaison_store::search::shard_size(backend);
    let shards = liaison_store::search::shards_per_page(backend) as i64;
    for (n, newer) in (5..5 + shards).map(|k| k * size).enumerate() {
        use liaison_store::sqlx::Executor;
        let mut tx = h.store.write().await.expect("writer");
        tx.execute(
            format!(
                "INSERT INTO concerns (id, reference, tracking_hash, category_id, description, \
                 channel, priority, confidentiality, status, open, anonymous, \
                 reporter_language, answers, received_at, updated_at, ack_due_at, \
                 resolve_due_at) SELECT {newer}, 'C-2031-0000{n}', 'later{n}', category_id, \
                 'Dust on the road', channel, priority, confidentiality, status, open, 1, 'en', \
                 '[]', received_at, updated_at, ack_due_at, resolve_due_at FROM concerns \
                 WHERE id = {old_id}"
            )
            .as_str(),
        )
        .await
        .expect("a later concern");
        liaison_store::search::index_new(
            &mut tx,
            backend,
            liaison_domain::records::RecordKind::Concern,
            &[(newer, "Dust on the road".into())],
        )
        .await
        .expect("indexed");
        tx.commit().await.expect("commit");
    }
    // The old concern lies beyond the most recent concerns a page reads.
    let first = staff.get("/staff/concerns?view=all&q=quarry").await;
    first
        .expect("A search reads the most recent concerns first")
        .refute(&old_ref)
        .refute("No concerns match.");
    let older = first
        .between("rel=\"next\" href=\"", "\"")
        .expect("a link to older concerns")
        .replace("&#38;", "&");
    first.expect("Search older concerns");
    staff.get(&older).await.expect(&old_ref);
    // The search box says the same, and leads there too.
    let page = staff.get("/staff/search?q=quarry").await;
    page.expect("No concern among the most recent ones searched matches.")
        .expect("Search older concerns")
        .refute("Nothing you may see matches.");
    // Words nobody wrote: nothing among the most recent, then, older, nothing at all.
    let first = staff.get("/staff/concerns?view=all&q=zebra").await;
    let older = first
        .between("rel=\"next\" href=\"", "\"")
        .expect("a link to older concerns")
        .replace("&#38;", "&");
    staff
        .get(&older)
        .await
        .expect("No concerns match.")
        .refute("rel=\"next\"");
}

both!(
    searches_say_when_older_concerns_remain,
    staff_search_finds_what_each_may_see,
    api_search_answers_the_same
);
