//! Email to reporters: written into the outbox with the change that causes it, sent over
//! SMTP to a real server on the loopback by the background jobs, in the reporter's
//! language; waiting without a mail server; refusals kept with the server's answer and
//! sent again by an administrator. On SQLite and PostgreSQL.

use liaison_app::Settings;
use liaison_testkit::{both, Db, Harness, MailServer};

/// Liaison with a mail server, its job runner started as `serve` starts it.
async fn with_mail(db: Db, smtp: &MailServer) -> Option<Harness> {
    Harness::start_with(db, smtp.settings()).await
}

async fn a_reporter_hears_at_each_step_in_their_language(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = with_mail(db, &smtp).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let office = [
        ("name", "Riverside Office"),
        ("time_zone", "Africa/Johannesburg"),
        ("working_days", "1"),
        ("work_start", "08:00"),
        ("work_end", "16:30"),
    ];
    assert_eq!(
        admin_browser.post("/staff/admin", &office).await.status,
        303
    );
    let category = h.category(&admin, "Streetlights", true).await;
    let (code, reference) = h.report(category, "es", "thandi@example.org", false).await;

    // The acknowledgement goes out by itself, in Spanish, with the code and the page.
    let ack = smtp.next().await;
    assert_eq!(ack.to, ["thandi@example.org"]);
    assert_eq!(ack.from, "office@liaison.test");
    let subject = ack.subject();
    assert!(subject.starts_with("Hemos recibido"), "{subject}");
    assert!(subject.contains(&reference), "{subject}");
    assert!(ack.data.contains("Content-Language: es"), "{}", ack.data);
    assert_eq!(
        ack.header("Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert!(ack
        .header("Message-ID")
        .is_some_and(|id| id.ends_with("@liaison.test>")));
    assert!(ack.data.contains("multipart/alternative"));
    assert!(ack.data.contains("text/plain") && ack.data.contains("text/html"));
    for part in [ack.text(), ack.html()] {
        assert!(part.contains(&code), "the tracking code is in {part}");
        assert!(part.contains("https://liaison.test/track"));
        assert!(part.contains("Riverside Office"));
        assert!(part.contains("Su código de seguimiento"));
    }

    // An officer publishes an update, asks for something, then resolves it: each reaches
    // the reporter; an internal note does not.
    let (_, officer) = h.signed_in("supervisor", "Sam Supervisor").await;
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");
    let path = format!("/staff/concerns/{id}");
    let steps: [(&str, &[(&str, &str)]); 5] = [
        (
            "notes",
            &[("body", "Only staff read this"), ("visibility", "internal")],
        ),
        (
            "notes",
            &[
                ("body", "The crew comes on Monday."),
                ("visibility", "public"),
            ],
        ),
        ("act", &[("action", "acknowledge"), ("note", "")]),
        (
            "act",
            &[
                ("action", "await_reporter"),
                ("note", "Which pole number is it?"),
            ],
        ),
        (
            "act",
            &[("action", "resolve"), ("note", "The lamp was replaced.")],
        ),
    ];
    for (form, fields) in steps {
        let p = officer.post(&format!("{path}/{form}"), fields).await;
        assert_eq!(p.status, 303, "{form} {fields:?}: {}", p.body);
    }
    // One reporter's letters arrive in the order they were written.
    for words in [
        "The crew comes on Monday.",
        "Which pole number is it?",
        "The lamp was replaced.",
    ] {
        let m = smtp.next().await;
        assert!(m.text().contains(words), "{words} in {}", m.text());
        assert!(m.html().contains(words), "{words} in {}", m.html());
        assert!(!m.text().contains("Only staff read this"));
    }
    assert!(
        smtp.waiting().await.is_empty(),
        "one message a step, no more"
    );

    // The outbox shows every message as sent (the runner records a batch just after the
    // server took it, so the page is asked again until it has).
    let mut page = admin_browser.get("/staff/admin/outbox?state=sent").await;
    for _ in 0..500 {
        if page.body.contains("Sent (4)") {
            break;
        }
        tokio::task::yield_now().await;
        page = admin_browser.get("/staff/admin/outbox?state=sent").await;
    }
    page.expect("Sent (4)")
        .expect("thandi@example.org")
        .expect(&reference);
}

async fn anonymous_reporters_are_never_written_to(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = with_mail(db, &smtp).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    h.report(category, "en", "secret@example.org", true).await;
    let page = admin_browser.get("/staff/admin/outbox").await;
    page.expect("No messages.").refute("secret@example.org");
    assert!(smtp.waiting().await.is_empty());
}

async fn without_a_mail_server_messages_wait_and_go_once_one_is_set(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    let (code, _) = h.report(category, "fr", "thandi@example.org", false).await;
    let page = admin_browser.get("/staff/admin/outbox").await;
    page.expect("No mail server is set").expect("Waiting (1)");
    // Running the jobs without a server sends nothing and loses nothing.
    assert_eq!(h.app.run_due_jobs().await.expect("jobs"), 0);

    // The same office, started again with a server.
    let smtp = MailServer::start().await;
    let settings = Settings {
        smtp: Some(liaison_mail::Smtp::new(&smtp.url(), "office@liaison.test").expect("smtp")),
        ..h.app.settings.clone()
    };
    let restarted = liaison_app::App::new(h.store.clone(), settings);
    assert_eq!(restarted.run_due_jobs().await.expect("jobs"), 1);
    let sent = smtp.next().await;
    assert!(sent.text().contains(&code));
    assert!(sent.data.contains("Content-Language: fr"));
    // Sent once: a second run finds nothing to do.
    assert_eq!(restarted.run_due_jobs().await.expect("jobs"), 0);
    admin_browser
        .get("/staff/admin/outbox")
        .await
        .expect("Sent (1)")
        .expect("Waiting (0)");
}

async fn refusals_are_kept_with_the_servers_answer_and_sent_again(h: Harness) {
    let smtp = MailServer::start().await;
    let settings = Settings {
        smtp: Some(liaison_mail::Smtp::new(&smtp.url(), "office@liaison.test").expect("smtp")),
        ..h.app.settings.clone()
    };
    // Jobs run when the test says, to see each attempt.
    let app = liaison_app::App::new(h.store.clone(), settings);
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    h.report(category, "en", "busy@example.org", false).await;
    h.report(category, "en", "gone@example.org", false).await;
    smtp.refuse(
        "busy@example.org",
        Some("451 4.3.0 Mailbox busy, try later"),
    );
    smtp.refuse("gone@example.org", Some("550 5.1.1 No such user here"));
    assert_eq!(app.run_due_jobs().await.expect("jobs"), 2);
    assert!(smtp.waiting().await.is_empty());

    // Refused for good: failed, with the answer. Refused for now: waiting for its next
    // attempt, with the answer too.
    let page = admin_browser.get("/staff/admin/outbox").await;
    page.expect("Failed (1)")
        .expect("Waiting (1)")
        .expect("No such user here")
        .expect("Mailbox busy, try later");
    // The next attempt is not due yet.
    assert_eq!(app.run_due_jobs().await.expect("jobs"), 0);

    // The administrator sends the failed one again once the address is mended.
    smtp.refuse("gone@example.org", None);
    let failed = page
        .between("action=\"/staff/admin/outbox/", "/retry\"")
        .expect("a retry button");
    let p = admin_browser
        .post(&format!("/staff/admin/outbox/{failed}/retry"), &[])
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    assert_eq!(app.run_due_jobs().await.expect("jobs"), 1);
    let sent = smtp.next().await;
    assert_eq!(sent.to, ["gone@example.org"]);
    // A failed message only: one already queued or sent cannot be retried.
    let again = admin_browser
        .post(&format!("/staff/admin/outbox/{failed}/retry"), &[])
        .await;
    assert_eq!(again.status, 422, "{}", again.body);
    admin_browser
        .get(&format!("/staff/admin/outbox/{failed}"))
        .await
        .expect("gone@example.org")
        .expect("Sent");
}

both!(
    a_reporter_hears_at_each_step_in_their_language,
    anonymous_reporters_are_never_written_to,
    without_a_mail_server_messages_wait_and_go_once_one_is_set,
    refusals_are_kept_with_the_servers_answer_and_sent_again,
);

/// A message a mail program wrote, from `tests/fixtures/mail/`, addressed to `reply_to`
/// about `reference` and answering `message_id`.
fn fixture(name: &str, reply_to: &str, reference: &str, message_id: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name);
    let raw = std::fs::read(path).expect("fixture");
    // The fixtures are ASCII or UTF-8 where the placeholders are; Outlook's Latin-1 body
    // has none.
    match String::from_utf8(raw.clone()) {
        Ok(text) => text
            .replace("{REPLY_TO}", reply_to)
            .replace("{REFERENCE}", reference)
            .replace("{MESSAGE_ID}", message_id.trim_matches(['<', '>']))
            .into_bytes(),
        Err(_) => raw,
    }
}

async fn replies_by_mail_and_on_the_tracking_page_land_on_the_concern(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = with_mail(db, &smtp).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    let (code, reference) = h.report(category, "es", "thandi@example.org", false).await;
    let ack = smtp.next().await;
    let reply_to = ack.header("Reply-To").expect("a reply address");
    assert!(
        reply_to.starts_with("office+") && reply_to.ends_with("@liaison.test"),
        "{reply_to}"
    );
    let message_id = ack.header("Message-ID").expect("an id");
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");

    // Thunderbird's reply, taken from a mail server's pipe: only the new words are kept.
    let raw = fixture("thunderbird-reply.eml", &reply_to, &reference, &message_id);
    match h.app.inbox().receive(None, &raw).await.expect("taken") {
        liaison_app::inbound::Arrival::Reply { concern_id, .. } => assert_eq!(concern_id, id),
        other => panic!("a reply, not {other:?}"),
    }
    let (_, officer) = h.signed_in("supervisor", "Sam Supervisor").await;
    let page = officer.get(&format!("/staff/concerns/{id}")).await;
    page.expect("Es el poste 14, junto a la panadería.")
        .expect("Reply from the reporter")
        .expect("The reporter answered on")
        .refute("Para continuar con su inquietud");

    // Gmail's reply, posted by an inbound-mail service over the API.
    let (gateway, _) = h.user("officer", "Mail Gateway").await;
    let (_, token) = h
        .app
        .access_tokens()
        .create(
            &gateway,
            &liaison_app::access_tokens::CreateToken {
                name: "inbound mail".into(),
                days: "".into(),
            },
        )
        .await
        .expect("token");
    let raw = fixture("gmail-reply.eml", &reply_to, &reference, &message_id);
    let answer = h
        .browser()
        .post_raw(
            "/api/v1/mail/inbound",
            raw,
            &[
                ("content-type", "message/rfc822"),
                ("authorization", &format!("Bearer {token}")),
            ],
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let arrival: serde_json::Value = serde_json::from_str(&answer.body).expect("json");
    assert_eq!(arrival["outcome"], "reply");
    assert_eq!(arrival["reference"], reference.as_str());
    officer
        .get(&format!("/staff/concerns/{id}"))
        .await
        .expect("It is pole 14, by the bakery – the one with the blue door.")
        .refute("To go on with your concern");

    // An out-of-office answer to the letter is set aside: no line, no mail back.
    let raw = fixture("out-of-office.eml", &reply_to, &reference, &message_id);
    match h.app.inbox().receive(None, &raw).await.expect("taken") {
        liaison_app::inbound::Arrival::SetAside(_) => {}
        other => panic!("set aside, not {other:?}"),
    }
    officer
        .get(&format!("/staff/concerns/{id}"))
        .await
        .refute("out of the office");

    // The reporter answers on the tracking page too, with their code alone.
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;
    let empty = resident
        .post("/track/reply", &[("code", &code), ("message", "  ")])
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    let page = resident
        .post(
            "/track/reply",
            &[
                ("code", &code),
                ("message", "La luz sigue apagada esta noche."),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.expect("su respuesta se añadió")
        .expect("Usted escribió:")
        .expect("La luz sigue apagada esta noche.")
        .expect("Es el poste 14");
    // A wrong code finds nothing and changes nothing.
    let wrong = resident
        .post(
            "/track/reply",
            &[("code", "ABCD-EFGH-JKMN-PQRS"), ("message", "Hello")],
        )
        .await;
    assert_eq!(wrong.status, 404);

    // The officer answers: the flag goes, and the reporter is written to.
    let p = officer
        .post(
            &format!("/staff/concerns/{id}/notes"),
            &[
                ("body", "Thank you, the crew has it."),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(p.status, 303);
    officer
        .get(&format!("/staff/concerns/{id}"))
        .await
        .refute("The reporter answered on");
    assert!(smtp
        .next()
        .await
        .text()
        .contains("Thank you, the crew has it."));
    drop(admin_browser);
}

async fn mail_to_the_office_becomes_a_concern(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = with_mail(db, &smtp).await else {
        return;
    };
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    h.category(&admin, "General", true).await;
    let drains = h.category(&admin, "Drains and flooding", true).await;
    let office = [
        ("name", "Riverside Office"),
        ("time_zone", "Africa/Johannesburg"),
        ("working_days", "1"),
        ("work_start", "08:00"),
        ("work_end", "16:30"),
        ("mail_category", &drains.to_string()),
    ];
    assert_eq!(
        admin_browser.post("/staff/admin", &office).await.status,
        303
    );
    // A category that does not exist is refused, and the form says so.
    let mut bad = office.to_vec();
    bad[5] = ("mail_category", "999999");
    let refused = admin_browser.post("/staff/admin", &bad).await;
    assert_eq!(refused.status, 422);

    let raw = fixture("outlook-new.eml", "", "", "");
    let receipt = match h.app.inbox().receive(None, &raw).await.expect("taken") {
        liaison_app::inbound::Arrival::Concern(r) => r,
        other => panic!("a new concern, not {other:?}"),
    };
    let page = admin_browser
        .get(&format!("/staff/concerns/{}", receipt.id))
        .await;
    page.expect("Drains and flooding")
        .expect("Blocked storm drain on Church Street")
        .expect("Café owners nearby are complaining too.")
        .expect("Pieter van der Merwe")
        .expect("drain.png")
        .refute("notes.docx");
    let concern = h
        .app
        .concerns()
        .get(&admin, receipt.id)
        .await
        .expect("visible")
        .concern;
    assert_eq!(concern.channel.as_str(), "email");
    assert_eq!(
        concern.reporter.email.as_deref(),
        Some("pieter@example.net")
    );
    // The sender is acknowledged like anyone who reports.
    let ack = smtp.next().await;
    assert_eq!(ack.to, ["pieter@example.net"]);
    assert!(ack.subject().contains(&receipt.reference));

    // Mail that is no message, or names no sender, is refused with the reason, over the API
    // as from the pipe; nothing is stored.
    let (_, token) = h
        .app
        .access_tokens()
        .create(
            &admin,
            &liaison_app::access_tokens::CreateToken {
                name: "inbound mail".into(),
                days: "".into(),
            },
        )
        .await
        .expect("token");
    for (raw, reason) in [
        (b"not a message at all".to_vec(), "not an email message"),
        (
            b"To: office@liaison.test\r\nSubject: Hi\r\n\r\nHello\r\n".to_vec(),
            "names no sender",
        ),
    ] {
        let answer = h
            .browser()
            .post_raw(
                "/api/v1/mail/inbound",
                raw,
                &[
                    ("content-type", "message/rfc822"),
                    ("authorization", &format!("Bearer {token}")),
                ],
            )
            .await;
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert!(answer.body.contains(reason), "{}", answer.body);
    }
    let all = admin_browser.get("/staff/concerns?view=all").await;
    assert_eq!(all.body.matches("Blocked storm drain").count(), 1);
    // Without a bearer token, nothing is taken.
    let anonymous = h
        .browser()
        .post_raw(
            "/api/v1/mail/inbound",
            b"From: a@b.example\r\n\r\nHi".to_vec(),
            &[],
        )
        .await;
    assert_eq!(anonymous.status, 401);
}

both!(
    replies_by_mail_and_on_the_tracking_page_land_on_the_concern,
    mail_to_the_office_becomes_a_concern,
);

async fn the_reporter_is_asked_whether_they_are_satisfied(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = with_mail(db, &smtp).await else {
        return;
    };
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let category = h.category(&admin, "Streetlights", true).await;
    let (code, reference) = h.report(category, "fr", "thandi@example.org", false).await;
    smtp.next().await;
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");
    let (_, officer) = h.signed_in("supervisor", "Sam Supervisor").await;
    let path = format!("/staff/concerns/{id}");

    // Not resolved yet: the tracking page does not ask, and an answer is refused.
    let resident = h.browser();
    resident.get("/language?to=fr&back=/").await;
    resident
        .post("/track", &[("code", &code)])
        .await
        .refute("Qu’en pensez-vous ?");
    let early = resident
        .post(
            "/track/satisfaction",
            &[("code", &code), ("satisfied", "yes")],
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.body);

    // Resolved: the letter asks, and so does the tracking page.
    for (action, note) in [
        ("acknowledge", ""),
        ("resolve", "La lampe a été remplacée."),
    ] {
        let p = officer
            .post(
                &format!("{path}/act"),
                &[("action", action), ("note", note)],
            )
            .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    let letter = smtp.next().await;
    assert!(
        letter.text().contains("Êtes-vous satisfait"),
        "{}",
        letter.text()
    );
    resident
        .post("/track", &[("code", &code)])
        .await
        .expect("Qu’en pensez-vous ?");
    let unclear = resident
        .post(
            "/track/satisfaction",
            &[("code", &code), ("satisfied", "perhaps")],
        )
        .await;
    assert_eq!(unclear.status, 422, "{}", unclear.body);
    let answered = resident
        .post(
            "/track/satisfaction",
            &[
                ("code", &code),
                ("satisfied", "no"),
                ("reason", "Elle clignote encore."),
            ],
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    answered
        .expect("Vous nous avez dit ne pas être satisfait.")
        .expect("Elle clignote encore.")
        .refute("Qu’en pensez-vous ?");
    // Once per resolution.
    let again = resident
        .post(
            "/track/satisfaction",
            &[("code", &code), ("satisfied", "yes")],
        )
        .await;
    assert_eq!(again.status, 422, "{}", again.body);

    // The officer sees it, and records what the reporter said later by phone.
    officer
        .get(&path)
        .await
        .expect("The reporter is not satisfied")
        .expect("Elle clignote encore.");
    let p = officer
        .post(
            &format!("{path}/satisfaction"),
            &[
                ("satisfied", "yes"),
                ("via", "phone"),
                ("reason", "Fixed for good now"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let bad = officer
        .post(
            &format!("{path}/satisfaction"),
            &[("satisfied", "yes"), ("via", "pigeon")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    officer
        .get(&path)
        .await
        .expect("The reporter is satisfied")
        .expect("Fixed for good now");
    let mut c = h.store.read().await.expect("reader");
    let rows: Vec<(i64, String)> = liaison_store::sqlx::query_as(
        "SELECT satisfied, via FROM satisfaction WHERE concern_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await
    .expect("answers");
    assert_eq!(rows, [(0, "portal".to_string()), (1, "phone".to_string())]);
}

both!(the_reporter_is_asked_whether_they_are_satisfied);
