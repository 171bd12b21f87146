//! Staff notifications: each person chooses, per kind of news, at once, in the daily digest
//! or not at all; the digest gathers what they chose to read together. On SQLite and
//! PostgreSQL, with a real SMTP server.

use liaison_testkit::{both, Db, Harness, MailServer};

async fn each_person_is_told_as_they_chose(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let (olu, officer) = h.signed_in("officer", "Olu Officer").await;
    let category = h.category(&admin, "Streetlights", true).await;
    let (code, reference) = h.report(category, "en", "thandi@example.org", false).await;
    smtp.next().await; // the reporter's acknowledgement
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");

    // By default a concern given to them is told at once.
    let p = admin_browser
        .post(
            &format!("/staff/concerns/{id}/assign"),
            &[("assignee", &olu.id.to_string())],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let mail = smtp.next().await;
    assert_eq!(mail.subject(), format!("{reference} is yours"));
    assert_eq!(mail.header("to").as_deref(), Some(olu.email.as_str()));
    assert!(mail.text().contains(&format!("/staff/concerns/{id}")));

    // Olu chooses: answers in the digest, assignments never; what comes due has no moment
    // of its own, so "at once" is refused for it.
    let wrong = officer
        .post("/staff/account/notifications", &[("due", "now")])
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    let saved = officer
        .post(
            "/staff/account/notifications",
            &[
                ("assigned", "never"),
                ("reply", "digest"),
                ("due", "digest"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    officer
        .get("/staff/account")
        .await
        .expect("<option value=\"digest\" selected>");

    // The reporter answers: nothing at once; another concern given to Olu: nothing at all.
    let resident = h.browser();
    let answered = resident
        .post(
            "/track/reply",
            &[("code", &code), ("message", "It is pole 14, by the bakery")],
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    let (other, _, _) = h.concern(&admin, category, "Another lamp", "public").await;
    smtp.next().await; // that reporter's acknowledgement
    let p = admin_browser
        .post(
            &format!("/staff/concerns/{other}/assign"),
            &[("assignee", &olu.id.to_string())],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);

    // The digest's day comes: one letter with the answer.
    let mut c = h.store.write().await.expect("writer");
    liaison_store::sqlx::query("UPDATE schedules SET next_at = 0 WHERE name = 'daily_digest'")
        .execute(&mut *c)
        .await
        .expect("due now");
    c.commit().await.expect("commit");
    let digest = smtp.next().await;
    assert_eq!(digest.header("to").as_deref(), Some(olu.email.as_str()));
    assert!(
        digest.subject().starts_with("Your day in Liaison"),
        "{}",
        digest.subject()
    );
    assert!(
        digest
            .text()
            .contains(&format!("The reporter of {reference} answered")),
        "{}",
        digest.text()
    );
    assert!(!digest.text().contains("is yours"), "{}", digest.text());
    assert!(smtp.waiting().await.is_empty());
}

both!(each_person_is_told_as_they_chose);
