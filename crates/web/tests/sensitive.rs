//! Sensitive categories are their team's alone, and a concern about a member of staff is
//! never theirs to see: in pages, queues and the API. On SQLite and PostgreSQL.

use liaison_testkit::{both, Harness};

async fn a_sensitive_concern_reaches_its_team_alone(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let (tina, tina_browser) = h.signed_in("officer", "Tina Team").await;
    let (sam, sam_browser) = h.signed_in("supervisor", "Sam Supervisor").await;
    let category = h.category(&admin, "Harassment", true).await;
    let team = format!("/staff/admin/categories/{category}/team");

    // Sensitive needs a team.
    let none = admin_browser.post(&team, &[("sensitive", "yes")]).await;
    assert_eq!(none.status, 422, "{}", none.body);
    none.expect("Name at least one member of the team.");
    let saved = admin_browser
        .post(
            &team,
            &[("sensitive", "yes"), ("team", &tina.id.to_string())],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Reported on the portal: taken in confidential, seen by the team alone.
    let (_, reference) = h.report(category, "en", "", false).await;
    let id = h
        .app
        .concerns()
        .id_by_reference(&tina, &reference)
        .await
        .expect("the team sees it");
    let page = format!("/staff/concerns/{id}");
    tina_browser
        .get(&page)
        .await
        .expect("Mill Road")
        .expect("conf-confidential");
    tina_browser
        .get("/staff/concerns?view=all")
        .await
        .expect(&reference);
    for (who, browser) in [
        ("supervisor", &sam_browser),
        ("administrator", &admin_browser),
    ] {
        let hidden = browser.get(&page).await;
        assert_eq!(hidden.status, 404, "{who}: {}", hidden.body);
        browser
            .get("/staff/concerns?view=all")
            .await
            .refute(&reference);
        browser
            .get(&format!("/staff/find?reference={reference}"))
            .await
            .refute("Mill Road");
    }

    // Given only to the team's members.
    let outside = tina_browser
        .post(
            &format!("{page}/assign"),
            &[("assignee", &sam.id.to_string())],
        )
        .await;
    assert_eq!(outside.status, 422, "{}", outside.body);
    let inside = tina_browser
        .post(&format!("{page}/assign"), &[("assignee", "me")])
        .await;
    assert_eq!(inside.status, 303, "{}", inside.body);

    // A complaint about Tina, in an ordinary category: never hers to see, and taken from
    // her when she held it.
    let roads = h.category(&admin, "Roads", true).await;
    let (about, _, _) = h
        .concern(&admin, roads, "The officer at the desk was rude", "public")
        .await;
    let about_page = format!("/staff/concerns/{about}");
    let p = admin_browser
        .post(
            &format!("{about_page}/assign"),
            &[("assignee", &tina.id.to_string())],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    tina_browser.get(&about_page).await.expect("rude");
    let p = admin_browser
        .post(
            &format!("{about_page}/about"),
            &[("staff", &tina.id.to_string())],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(tina_browser.get(&about_page).await.status, 404);
    tina_browser
        .get("/staff/concerns?view=all")
        .await
        .refute("rude");
    let again = admin_browser
        .post(
            &format!("{about_page}/assign"),
            &[("assignee", &tina.id.to_string())],
        )
        .await;
    assert_eq!(again.status, 422, "{}", again.body);
    sam_browser
        .get(&about_page)
        .await
        .expect("rude")
        .expect("Unassigned");
}

both!(a_sensitive_concern_reaches_its_team_alone);
