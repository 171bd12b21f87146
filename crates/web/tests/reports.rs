//! Reports over HTTP: a standard report for a period, narrowed by category and compared
//! with the period before, as a page and as CSV a spreadsheet reads; a period that makes no
//! sense refused with the field marked; no reports for partner agencies; a report sent
//! monthly by email through a real SMTP server, once a month whatever the nodes. On SQLite
//! and PostgreSQL.

use liaison_app::access_tokens::CreateToken;
use liaison_app::concerns::Transition;
use liaison_testkit::{both, Db, Harness, MailServer};

async fn a_supervisor_makes_the_monthly_report(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (sup, browser) = h.signed_in("supervisor", "Sam Supervisor").await;
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    let noise = h.category(&admin, "Noise at night", true).await;
    let roads = h.category(&admin, "Potholes", true).await;
    let mut ids = Vec::new();
    for i in 0..6 {
        let k = if i < 4 { noise } else { roads };
        let (id, _, _) = h
            .concern(&sup, k, "Music until 3 am every Friday", "public")
            .await;
        ids.push(id);
    }
    let step = |action: &str| Transition {
        action: action.into(),
        note: "Spoke to the neighbours".into(),
        ..Transition::default()
    };
    for id in &ids[..3] {
        h.app
            .concerns()
            .act(&sup, *id, &step("acknowledge"))
            .await
            .expect("ack");
        h.app
            .concerns()
            .act(&sup, *id, &step("resolve"))
            .await
            .expect("resolve");
    }
    let today = h.app.office().settings().await.expect("office");
    let today = chrono::Utc::now()
        .with_timezone(&today.calendar.time_zone)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();

    let list = browser.get("/staff/reports").await;
    assert_eq!(list.status, 200);
    list.expect("Grievance mechanism performance")
        .expect("/staff/reports/concerns");

    let page = browser
        .get(&format!(
            "/staff/reports/concerns?from={today}&to={today}&compare=yes"
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let summary = page
        .between("<h2 id=\"section-1\">Summary</h2>", "</table>")
        .expect("summary");
    assert!(
        summary.contains(
            "<th scope=\"row\">Received</th><td class=\"number\">6</td><td class=\"number\">0</td>"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("<th scope=\"row\">Resolved</th><td class=\"number\">3</td>"),
        "{summary}"
    );
    assert!(
        summary.contains("<th scope=\"row\">Resolved on time</th><td class=\"number\">100.0%</td>"),
        "{summary}"
    );
    page.expect("By category")
        .expect("Noise at night")
        .expect("<svg class=\"chart\"");
    page.expect(&format!(
        "/staff/reports/concerns/report.xlsx?from={today}&#38;to={today}&#38;compare=yes"
    ));

    // Narrowed to one category.
    let narrowed = browser
        .get(&format!(
            "/staff/reports/concerns?from={today}&to={today}&category={roads}"
        ))
        .await;
    assert_eq!(narrowed.status, 200, "{}", narrowed.body);
    narrowed.expect("Category: Potholes");
    let summary = narrowed
        .between("Summary</h2>", "</table>")
        .expect("summary");
    assert!(
        summary.contains("<th scope=\"row\">Received</th><td class=\"number\">2</td>"),
        "{summary}"
    );

    // As CSV, read back by a reader that is not ours.
    let (status, headers, bytes) = browser
        .download(&format!(
            "/staff/reports/concerns/report.csv?from={today}&to={today}"
        ))
        .await;
    assert_eq!(status, 200);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[3..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r == &["Received".to_string(), "6".into()]),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.first().map(String::as_str) == Some("Noise at night")
                && r.get(1).map(String::as_str) == Some("4")),
        "{rows:?}"
    );

    // As a spreadsheet and a PDF (crates/documents' tests read them back with calamine
    // and lopdf): the files the page links to.
    for (file, content_type, magic) in [
        (
            "report.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &b"PK"[..],
        ),
        ("report.pdf", "application/pdf", &b"%PDF-"[..]),
    ] {
        let (status, headers, bytes) = browser
            .download(&format!(
                "/staff/reports/concerns/{file}?from={today}&to={today}&compare=yes"
            ))
            .await;
        assert_eq!(status, 200, "{file}");
        assert_eq!(headers["content-type"], content_type);
        assert!(bytes.starts_with(magic), "{file}");
    }
    assert_eq!(
        browser
            .download("/staff/reports/concerns/report.doc")
            .await
            .0,
        404
    );

    // The grievance mechanism's performance in ISO 10002's terms.
    let grievances = browser
        .get(&format!(
            "/staff/reports/grievances?from={today}&to={today}"
        ))
        .await;
    assert_eq!(grievances.status, 200, "{}", grievances.body);
    grievances
        .expect("Resolved within target")
        .expect("Appealed")
        .expect("Taken to mediation");

    // The same report over the JSON API, its numbers as numbers.
    let token = h
        .app
        .access_tokens()
        .create(
            &sup,
            &CreateToken {
                name: "reporting".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let auth = format!("Bearer {token}");
    let api = |path: String| {
        let auth = auth.clone();
        let b = h.browser();
        async move {
            b.send("GET", &path, None, &[("authorization", &auth)])
                .await
        }
    };
    let kinds = api("/api/v1/reports".into()).await;
    assert_eq!(kinds.status, 200, "{}", kinds.body);
    assert!(
        kinds.body.contains("\"report\":\"grievances\""),
        "{}",
        kinds.body
    );
    let r = api(format!(
        "/api/v1/reports/concerns?from={today}&to={today}&category={noise}"
    ))
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).expect("JSON");
    let summary = &json["sections"][0];
    assert_eq!(summary["rows"][0]["label"], "Received");
    assert_eq!(summary["rows"][0]["cells"][0], 4);
    assert_eq!(summary["rows"][4]["cells"][0], 1.0);
    let bad = api("/api/v1/reports/concerns?from=2026-03-10&to=2026-03-01".into()).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("\"field\":\"to\""), "{}", bad.body);
    let (partner_user, _) = h.user("partner", "Pia Partner").await;
    let partner_token = h
        .app
        .access_tokens()
        .create(
            &partner_user,
            &CreateToken {
                name: "reporting".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let refused = h
        .browser()
        .send(
            "GET",
            "/api/v1/reports/concerns",
            None,
            &[("authorization", &format!("Bearer {partner_token}"))],
        )
        .await;
    assert_eq!(refused.status, 403);

    // A period ending before it starts is refused, the field marked.
    let bad = browser
        .get("/staff/reports/concerns?from=2026-03-10&to=2026-03-01")
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("The last day must not come before the first")
        .expect("aria-invalid=\"true\"");
    let bad = browser.get("/staff/reports/concerns?from=yesterday").await;
    assert_eq!(bad.status, 422);
    bad.expect("Enter a date as YYYY-MM-DD");
    assert_eq!(browser.get("/staff/reports/nonsense").await.status, 404);

    // Partner agencies see no office figures.
    assert_eq!(partner.get("/staff/reports").await.status, 403);
    assert_eq!(
        partner
            .get(&format!("/staff/reports/concerns?from={today}&to={today}"))
            .await
            .status,
        403
    );
}

both!(a_supervisor_makes_the_monthly_report);

async fn a_supervisor_sends_the_report_monthly(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (sam, browser) = h.signed_in("supervisor", "Sam Supervisor").await;
    let (vic, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    let (pat, _) = h.user("partner", "Pat Partner").await;
    let noise = h.category(&admin, "Noise at night", true).await;

    // The report's page offers the schedule, with the report's filters, to those who may.
    let page = browser
        .get(&format!(
            "/staff/reports/concerns?compare=yes&category={noise}"
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.expect("Send it monthly")
        .expect(&format!(
            "<input type=\"hidden\" name=\"category\" value=\"{noise}\">"
        ))
        .expect("Vic Viewer (Viewer)")
        .refute("Pat Partner");
    let officers_page = officer.get("/staff/reports/concerns").await;
    assert_eq!(officers_page.status, 200);
    officers_page.refute("Send it monthly");

    // A day no month lacks, and somebody to send it to; a partner may not receive it.
    let wrong = browser
        .post(
            "/staff/reports/concerns/schedule",
            &[
                ("day", "31"),
                ("compare", "yes"),
                ("category", &noise.to_string()),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    wrong
        .expect("Choose a day from 1 to 28")
        .expect("Choose at least one person to send it to")
        .expect("id=\"day\" name=\"day\" type=\"number\" min=\"1\" max=\"28\" inputmode=\"numeric\" value=\"31\" aria-invalid=\"true\"")
        .expect("<h2 id=\"section-1\">Summary</h2>");
    let partner = browser
        .post(
            "/staff/reports/concerns/schedule",
            &[("day", "5"), ("recipient", &pat.id.to_string())],
        )
        .await;
    assert_eq!(partner.status, 422, "{}", partner.body);
    let refused = officer
        .post(
            "/staff/reports/concerns/schedule",
            &[("day", "5"), ("recipient", &vic.id.to_string())],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    let saved = browser
        .post(
            "/staff/reports/concerns/schedule",
            &[
                ("day", "5"),
                ("compare", "yes"),
                ("category", &noise.to_string()),
                ("recipient", &sam.id.to_string()),
                ("recipient", &vic.id.to_string()),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location.as_deref(), Some("/staff/reports#scheduled"));
    let list = viewer.get("/staff/reports").await;
    assert_eq!(list.status, 200);
    list.expect("Sent monthly")
        .expect("Sam Supervisor, Vic Viewer")
        .expect("Not yet")
        .refute("Stop");
    browser.get("/staff/reports").await.expect(">Stop</button>");
    // Nothing goes before its day.
    h.app.run_schedules().await.expect("schedules");
    h.app.run_due_jobs().await.expect("jobs");
    assert!(smtp.waiting().await.is_empty());

    // Its day comes: a letter to each, with last month's figures and links to the files.
    let mut c = h.store.write().await.expect("writer");
    for q in [
        "UPDATE report_schedules SET next_at = 1",
        "UPDATE schedules SET next_at = 0 WHERE name = 'scheduled_reports'",
    ] {
        liaison_store::sqlx::query(q)
            .execute(&mut *c)
            .await
            .expect("due now");
    }
    c.commit().await.expect("commit");
    let tz = h
        .app
        .office()
        .settings()
        .await
        .expect("office")
        .calendar
        .time_zone;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let first = chrono::Datelike::with_day(&today, 1).expect("first");
    let last_month_end = first - chrono::Duration::days(1);
    let last_month = chrono::Datelike::with_day(&last_month_end, 1).expect("first");
    let mut to = Vec::new();
    for _ in 0..2 {
        let letter = smtp.next().await;
        to.push(letter.header("to").expect("to"));
        let expected = format!(
            "Concerns, {} to {}",
            liaison_domain::values::day_text(last_month),
            liaison_domain::values::day_text(last_month_end)
        );
        assert_eq!(letter.subject(), expected);
        let text = letter.text();
        assert!(text.contains("  Received: 0 (month before: 0)"), "{text}");
        let pdf = format!(
            "/staff/reports/concerns/report.pdf?from={last_month}&to={last_month_end}&compare=yes&category={noise}"
        );
        assert!(
            text.contains(&format!("PDF: https://liaison.test{pdf}")),
            "{text}"
        );
        let (status, headers, body) = viewer.download(&pdf).await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(body.starts_with(b"%PDF-"));
    }
    to.sort();
    assert_eq!(to, [sam.email.clone(), vic.email.clone()]);

    // Sent once: the schedule moved to next month's fifth, and another look sends nothing.
    h.app.run_schedules().await.expect("schedules");
    h.app.run_due_jobs().await.expect("jobs");
    assert!(smtp.waiting().await.is_empty());
    let schedules = h.app.reports().schedules(&sam).await.expect("schedules");
    let next = chrono::DateTime::from_timestamp(schedules[0].next_at, 0)
        .expect("time")
        .with_timezone(&tz);
    assert_eq!(
        (chrono::Datelike::day(&next), chrono::Timelike::hour(&next)),
        (5, 7)
    );
    assert!(schedules[0].next_at > liaison_store::now());
    browser.get("/staff/reports").await.refute("Not yet");

    // Stopped, by a supervisor only.
    let id = schedules[0].id.to_string();
    let stop = format!("/staff/reports/schedules/{id}/stop");
    assert_eq!(viewer.post(&stop, &[]).await.status, 403);
    let stopped = browser.post(&stop, &[]).await;
    assert_eq!(stopped.status, 303, "{}", stopped.body);
    browser
        .get("/staff/reports")
        .await
        .expect("No report is sent monthly yet");
    assert_eq!(browser.post(&stop, &[]).await.status, 404);
}

both!(a_supervisor_sends_the_report_monthly);
