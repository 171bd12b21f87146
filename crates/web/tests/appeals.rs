//! Appeals: a reporter appeals a decision on the tracking page or through an officer,
//! within the category's window; someone other than the person who decided reviews it and
//! the reporter is told each step by mail. On SQLite and PostgreSQL.

use liaison_testkit::{both, Db, Harness, MailServer};

async fn a_rejected_concern_is_appealed_and_reviewed_by_someone_else(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    // The window is the category's: ten days to appeal, five to review.
    let rules = format!("/staff/admin/categories/{category}/rules");
    let bad = admin_browser
        .post(
            &rules,
            &[("appeal_days", "400"), ("appeal_review_days", "0")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("Give a number of days from 0 to 365.")
        .expect("Give a number of days from 1 to 90.");
    let saved = admin_browser
        .post(
            &rules,
            &[("appeal_days", "10"), ("appeal_review_days", "5")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    let (code, reference) = h.report(category, "es", "thandi@example.org", false).await;
    smtp.next().await; // the acknowledgement
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");
    let path = format!("/staff/concerns/{id}");
    let (_, sam) = h.signed_in("supervisor", "Sam Supervisor").await;
    let (_, rita) = h.signed_in("supervisor", "Rita Reviewer").await;

    // Not decided yet: nothing to appeal.
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;
    let early = resident
        .post("/track/appeal", &[("code", &code), ("grounds", "No")])
        .await;
    assert_eq!(early.status, 422, "{}", early.body);

    // Sam rejects it; the letter gives the reason and the window.
    let p = sam
        .post(
            &format!("{path}/act"),
            &[
                ("action", "reject"),
                ("note", "Fuera de nuestra competencia."),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let letter = smtp.next().await;
    assert!(letter.text().contains("Fuera de nuestra competencia."));
    assert!(letter.text().contains("10 días"), "{}", letter.text());

    // The reporter appeals on the tracking page, in their language; grounds are needed.
    resident
        .post("/track", &[("code", &code)])
        .await
        .expect("¿No está de acuerdo con la decisión?");
    let empty = resident
        .post("/track/appeal", &[("code", &code), ("grounds", " ")])
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    let appealed = resident
        .post(
            "/track/appeal",
            &[
                ("code", &code),
                ("grounds", "La farola está en la calle municipal."),
            ],
        )
        .await;
    assert_eq!(appealed.status, 200, "{}", appealed.body);
    appealed
        .expect("En apelación")
        .expect("La farola está en la calle municipal.")
        .refute("¿No está de acuerdo con la decisión?");
    let letter = smtp.next().await;
    assert!(
        letter.subject().contains("apelación") && letter.text().contains("5 días"),
        "{}",
        letter.text()
    );
    // One appeal per decision.
    let twice = resident
        .post("/track/appeal", &[("code", &code), ("grounds", "Otra vez")])
        .await;
    assert_eq!(twice.status, 422, "{}", twice.body);

    // Sam took the decision: he is not offered the review, and may not take it.
    sam.get(&path)
        .await
        .expect("You took the decision appealed")
        .refute("value=\"uphold\"");
    let own = sam
        .post(
            &format!("{path}/act"),
            &[("action", "uphold"), ("note", "I was right.")],
        )
        .await;
    assert_eq!(own.status, 422, "{}", own.body);
    own.expect("someone else must review the appeal");

    // Rita overturns it: the concern is worked on again, and the reporter is told why.
    rita.get(&path)
        .await
        .expect("La farola está en la calle municipal.")
        .expect("value=\"overturn\"");
    let p = rita
        .post(
            &format!("{path}/act"),
            &[
                ("action", "overturn"),
                ("note", "The pole is on our land after all."),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let letter = smtp.next().await;
    assert!(
        letter.text().contains("The pole is on our land after all."),
        "{}",
        letter.text()
    );
    let x = h.app.concerns().get(&admin, id).await.expect("concern");
    assert_eq!(x.concern.status.as_str(), "in_progress");

    // Resolved anew, the new decision may be appealed again, by phone through an officer;
    // upheld by Rita (who did not decide it), the concern is closed.
    let p = sam
        .post(
            &format!("{path}/act"),
            &[("action", "resolve"), ("note", "Lamp replaced.")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    smtp.next().await;
    let wrong = admin_browser
        .post(
            &format!("{path}/appeal"),
            &[("via", "pigeon"), ("grounds", "Still dark")],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    let p = admin_browser
        .post(
            &format!("{path}/appeal"),
            &[("via", "phone"), ("grounds", "Still dark at night")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    smtp.next().await;
    let p = rita
        .post(
            &format!("{path}/act"),
            &[
                ("action", "uphold"),
                ("note", "The lamp works; the timer was set."),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let letter = smtp.next().await;
    assert!(letter.text().contains("The lamp works; the timer was set."));
    let x = h.app.concerns().get(&admin, id).await.expect("concern");
    assert_eq!(x.concern.status.as_str(), "closed");
    assert_eq!(x.appeal_until, None, "an upheld decision is final");
    rita.get(&path)
        .await
        .expect("The decision stands")
        .expect("Looked into again")
        .expect("Still dark at night");

    let mut c = h.store.read().await.expect("reader");
    let rows: Vec<(String, String, Option<String>)> = liaison_store::sqlx::query_as(
        "SELECT via, decision, outcome FROM appeals WHERE concern_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await
    .expect("appeals");
    assert_eq!(
        rows,
        [
            ("portal".into(), "rejected".into(), Some("overturn".into())),
            ("phone".into(), "resolved".into(), Some("uphold".into())),
        ]
    );
}

async fn the_window_closes(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Noise", true).await;
    let rules = format!("/staff/admin/categories/{category}/rules");
    let saved = admin_browser.post(&rules, &[("appeal_days", "0")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let (id, _, code) = h.concern(&admin, category, "Loud music", "public").await;
    let p = admin_browser
        .post(
            &format!("/staff/concerns/{id}/act"),
            &[("action", "reject"), ("note", "Private matter.")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let resident = h.browser();
    resident
        .post("/track", &[("code", &code)])
        .await
        .expect("Not taken up")
        .refute("Disagree with the decision?");
    let late = resident
        .post("/track/appeal", &[("code", &code), ("grounds", "Please")])
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    late.expect("This decision cannot be appealed now");
    admin_browser
        .get(&format!("/staff/concerns/{id}"))
        .await
        .refute("Record the appeal");
}

/// The public feed of updates says a public concern was appealed, never the reporter's
/// grounds (their own words, as their answers are).
async fn the_public_sees_an_appeal_not_its_grounds(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Parks", true).await;
    let (id, _, _) = h.concern(&admin, category, "Broken swing", "public").await;
    let page = format!("/staff/concerns/{id}");
    let p = admin_browser
        .post(
            &format!("{page}/act"),
            &[("action", "reject"), ("note", "The park is the county's.")],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let p = admin_browser
        .post(
            &format!("{page}/appeal"),
            &[
                ("via", "phone"),
                ("grounds", "My neighbour Jo Bloggs saw the deed"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let feed = h
        .browser()
        .get("/open311/v2/servicerequestupdates.json")
        .await;
    assert_eq!(feed.status, 200, "{}", feed.body);
    feed.expect("The park is the county").refute("Jo Bloggs");
}

both!(
    a_rejected_concern_is_appealed_and_reviewed_by_someone_else,
    the_window_closes,
    the_public_sees_an_appeal_not_its_grounds
);
