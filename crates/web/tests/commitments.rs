//! The commitments register: promises recorded by hand and on a concern, kept with their
//! evidence, on their owner's task list until kept, reminded by mail the day before and
//! once late; over the API too. On SQLite and PostgreSQL.

use liaison_app::access_tokens::CreateToken;
use liaison_testkit::{both, Db, Harness, MailServer, Page};
use serde_json::{json, Value};

fn day(offset: i64) -> String {
    // The test office keeps UTC.
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn a_promise_is_recorded_kept_and_reminded(db: Db) {
    let smtp = MailServer::start().await;
    let Some(h) = Harness::start_with(db, smtp.settings()).await else {
        return;
    };
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let (olu, officer) = h.signed_in("officer", "Olu Officer").await;

    // Bad input: each field says what is wrong, nothing is recorded.
    let bad = officer
        .post(
            "/staff/commitments",
            &[("title", " "), ("due_on", &day(-3)), ("public", "yes")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("This day has passed.")
        .expect("Only a commitment anyone may see can be shown to the public.");

    // By hand: due tomorrow, kept by Olu.
    let made = officer
        .post(
            "/staff/commitments",
            &[
                ("title", "Repair the footbridge railing"),
                ("due_on", &day(1)),
                ("confidentiality", "public"),
                ("public", "yes"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let page = made.location.clone().expect("its page");
    officer
        .get(&page)
        .await
        .expect("Repair the footbridge railing")
        .expect("Olu Officer")
        .expect("Commitment made");
    officer
        .get("/staff/commitments?view=mine")
        .await
        .expect("Repair the footbridge railing");
    officer
        .get("/staff/tasks")
        .await
        .expect("Commitments you keep")
        .expect("Repair the footbridge railing");

    // The reminders' job tells Olu once, the day before.
    let mut c = h.store.write().await.expect("writer");
    liaison_store::sqlx::query(
        "UPDATE schedules SET next_at = 0 WHERE name = 'commitment_reminders'",
    )
    .execute(&mut *c)
    .await
    .expect("due now");
    c.commit().await.expect("commit");
    let mail = smtp.next().await;
    assert!(mail
        .subject()
        .contains("Due tomorrow: Repair the footbridge railing"));
    assert_eq!(mail.header("to").as_deref(), Some(olu.email.as_str()));

    // Kept needs its evidence; then it leaves the open list and the task list.
    let progress = format!("{page}/progress");
    let no_evidence = officer.post(&progress, &[("status", "kept")]).await;
    assert_eq!(no_evidence.status, 422, "{}", no_evidence.body);
    no_evidence.expect("the evidence is required");
    let begun = officer.post(&progress, &[("status", "in_progress")]).await;
    assert_eq!(begun.status, 303, "{}", begun.body);
    let kept = officer
        .post(
            &progress,
            &[
                ("status", "kept"),
                ("note", "Welded on 3 March; photos attached."),
            ],
        )
        .await;
    assert_eq!(kept.status, 303, "{}", kept.body);
    officer
        .get(&page)
        .await
        .expect("Welded on 3 March; photos attached.")
        .expect("In progress → Kept");
    officer
        .get("/staff/commitments")
        .await
        .refute("Repair the footbridge railing");
    officer
        .get("/staff/commitments?view=closed")
        .await
        .expect("Repair the footbridge railing");
    officer
        .get("/staff/tasks")
        .await
        .refute("Repair the footbridge railing");

    // On a concern: it shows there, and a late one is reminded once it is past its day.
    let category = h.category(&admin, "Roads", true).await;
    let (id, reference, _) = h.concern(&admin, category, "Pothole", "restricted").await;
    smtp.next().await; // the reporter's acknowledgement
    let made = officer
        .post(
            "/staff/commitments",
            &[
                ("title", "Fill the pothole on Mill Road"),
                ("due_on", &day(0)),
                ("concern", &reference),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    officer
        .get(&format!("/staff/concerns/{id}"))
        .await
        .expect("Fill the pothole on Mill Road");
    let mut c = h.store.write().await.expect("writer");
    liaison_store::sqlx::query(
        "UPDATE commitments SET due_on = $1, reminded = 'due' WHERE title = 'Fill the pothole on Mill Road'",
    )
    .bind(day(-2))
    .execute(&mut *c)
    .await
    .expect("late");
    liaison_store::sqlx::query(
        "UPDATE schedules SET next_at = 0 WHERE name = 'commitment_reminders'",
    )
    .execute(&mut *c)
    .await
    .expect("due now");
    c.commit().await.expect("commit");
    let mail = smtp.next().await;
    assert!(
        mail.subject()
            .contains("Late: Fill the pothole on Mill Road"),
        "{}",
        mail.subject()
    );
    officer
        .get("/staff/commitments?view=late")
        .await
        .expect("Fill the pothole on Mill Road");
    // Once each: the next run tells of a new one only.
    let made = officer
        .post(
            "/staff/commitments",
            &[("title", "Check the drain"), ("due_on", &day(1))],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let mut c = h.store.write().await.expect("writer");
    liaison_store::sqlx::query(
        "UPDATE schedules SET next_at = 0 WHERE name = 'commitment_reminders'",
    )
    .execute(&mut *c)
    .await
    .expect("due now");
    c.commit().await.expect("commit");
    let mail = smtp.next().await;
    assert!(
        mail.subject().contains("Due tomorrow: Check the drain"),
        "{}",
        mail.subject()
    );
    assert!(smtp.waiting().await.is_empty());

    // A viewer reads the register but records nothing; a partner sees none of it.
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    viewer
        .get("/staff/commitments?view=late")
        .await
        .expect("Fill the pothole on Mill Road")
        .refute("Record a commitment");
    let denied = viewer
        .post("/staff/commitments", &[("title", "x"), ("due_on", &day(1))])
        .await;
    assert_eq!(denied.status, 403, "{}", denied.body);
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    partner
        .get("/staff/commitments?view=late")
        .await
        .refute("Fill the pothole on Mill Road");
}

async fn call(h: &Harness, token: &str, method: &str, path: &str, body: Option<Value>) -> Page {
    let auth = format!("Bearer {token}");
    let body = body.map(|b| ("application/json", b.to_string().into_bytes()));
    h.browser()
        .send(method, path, body, &[("authorization", &auth)])
        .await
}

async fn the_register_over_the_api(h: Harness) {
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let t = h
        .app
        .access_tokens()
        .create(
            &officer,
            &CreateToken {
                name: "register".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let bad = call(
        &h,
        &t,
        "POST",
        "/api/v1/commitments",
        Some(json!({"title": ""})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("\"title\"").expect("\"due_on\"");
    let made = call(
        &h,
        &t,
        "POST",
        "/api/v1/commitments",
        Some(json!({"title": "Publish the dust readings monthly", "due_on": day(30)})),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = serde_json::from_str::<Value>(&made.body).expect("json")["id"]
        .as_i64()
        .expect("id");
    let path = format!("/api/v1/commitments/{id}");
    let progress = call(
        &h,
        &t,
        "POST",
        &format!("{path}/progress"),
        Some(json!({"status": "dropped"})),
    )
    .await;
    assert_eq!(progress.status, 422, "{}", progress.body);
    let progress = call(
        &h,
        &t,
        "POST",
        &format!("{path}/progress"),
        Some(json!({"status": "dropped", "note": "The monitor was removed by the company."})),
    )
    .await;
    assert_eq!(progress.status, 200, "{}", progress.body);
    let one: Value =
        serde_json::from_str(&call(&h, &t, "GET", &path, None).await.body).expect("json");
    assert_eq!(one["status"], "dropped");
    assert_eq!(one["evidence"], "The monitor was removed by the company.");
    assert_eq!(one["reference"], format!("CM-{id:05}"));
    assert_eq!(one["events"].as_array().map(Vec::len), Some(2));
    let closed: Value = serde_json::from_str(
        &call(&h, &t, "GET", "/api/v1/commitments?view=closed", None)
            .await
            .body,
    )
    .expect("json");
    assert_eq!(closed["items"][0]["id"], id);
    let wrong = call(&h, &t, "GET", "/api/v1/commitments?view=soon", None).await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
}

both!(
    a_promise_is_recorded_kept_and_reminded,
    the_register_over_the_api
);
