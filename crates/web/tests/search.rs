//! The staff search box finds records of every kind the user may see, newest first, in the
//! staff pages and over the JSON API: words by their beginnings, a reference exactly,
//! nothing confidential of someone else's, nobody's concern by the reporter's name for
//! those who may not see reporters.

use liaison_app::Input;
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
            &Input::from_pairs(&[("assignee", &officer.id.to_string())]),
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
        .create(&admin, &Input::from_pairs(&[("name", "search")]))
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

both!(
    staff_search_finds_what_each_may_see,
    api_search_answers_the_same
);
