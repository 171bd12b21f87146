//! Escalation rules, run by the background jobs: a concern not acknowledged by its target
//! tells the supervisors, one unresolved past its target by the category's working days is
//! escalated to the person the category names — each exactly once, audited and on the
//! concern's timeline, however often the sweep runs and however many nodes run it. On
//! SQLite and PostgreSQL.

use chrono::Utc;
use liaison_app::App;
use liaison_domain::escalation::working_days_before;
use liaison_store::sqlx;
use liaison_testkit::{both, Harness, MailServer};

/// Runs every job that is due until none is left (letters queued by a sweep included).
async fn drain(app: &App) {
    while app.run_due_jobs().await.expect("jobs") > 0 {}
}

/// Makes the sweep's schedule due now, looking back `since` seconds.
async fn sweep_due(h: &Harness, since: i64) {
    let mut tx = h.store.write().await.expect("writer");
    sqlx::query("UPDATE schedules SET next_at = 0, last_at = last_at - $1")
        .bind(since)
        .execute(&mut *tx)
        .await
        .expect("schedule");
    tx.commit().await.expect("commit");
}

async fn count(h: &Harness, sql: &str) -> i64 {
    let mut c = h.store.read().await.expect("reader");
    sqlx::query_scalar(sql)
        .fetch_one(&mut *c)
        .await
        .expect("count")
}

async fn a_late_concern_escalates_by_itself_exactly_once(h: Harness) {
    let smtp = MailServer::start().await;
    // The jobs run when the test says, on two "nodes" over the one database.
    let node = |h: &Harness| {
        App::new(
            h.store.clone(),
            liaison_app::Settings {
                files: h.files.clone(),
                ..smtp.settings()
            },
        )
    };
    let (one, two) = (node(&h), node(&h));
    let (admin, browser) = h.signed_in("administrator", "Ada Admin").await;
    let (sam, _) = h.user("supervisor", "Sam Supervisor").await;
    let (hana, _) = h.user("officer", "Hana Head").await;
    let k = h.category(&admin, "Noise", true).await;
    let rules = format!("/staff/admin/categories/{k}/rules");

    // Rules with a mistake are refused, and the form says which.
    let bad = browser
        .post(
            &rules,
            &[("escalate_after_days", "91"), ("escalate_to", "")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("from 0 to 90");
    let hana_id = hana.id.to_string();
    let p = browser
        .post(
            &rules,
            &[
                ("tell_unacknowledged", "yes"),
                ("escalate_after_days", "2"),
                ("escalate_to", &hana_id),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    browser
        .get(&format!("/staff/admin/categories/{k}"))
        .await
        .expect("value=\"2\"");

    // The schedule starts; the reporter's acknowledgement goes out.
    let (late, _, _) = h
        .concern(&admin, k, "Generator running all night", "restricted")
        .await;
    let (fine, _, _) = h
        .concern(&admin, k, "Music on Saturdays", "restricted")
        .await;
    one.run_schedules().await.expect("schedule");
    drain(&one).await;
    for _ in 0..2 {
        assert_eq!(smtp.next().await.to, ["thandi@example.org"]);
    }

    // One concern's targets pass: not acknowledged a moment ago, and unresolved two
    // working days past its target. The other was acknowledged in time.
    let now = Utc::now();
    let calendar = h.app.office().settings().await.expect("office").calendar;
    let overdue = working_days_before(now - chrono::Duration::seconds(60), 2, &calendar);
    let mut tx = h.store.write().await.expect("writer");
    sqlx::query("UPDATE concerns SET ack_due_at = $1, resolve_due_at = $2 WHERE id = $3")
        .bind(now.timestamp() - 30)
        .bind(overdue.timestamp())
        .bind(late)
        .execute(&mut *tx)
        .await
        .expect("late");
    sqlx::query("UPDATE concerns SET ack_due_at = $1, acknowledged_at = $2, status = 'acknowledged' WHERE id = $3")
        .bind(now.timestamp() - 30)
        .bind(now.timestamp() - 100)
        .bind(fine)
        .execute(&mut *tx)
        .await
        .expect("fine");
    tx.commit().await.expect("commit");

    // Both nodes look for due work at once: one sweep runs.
    sweep_due(&h, 0).await;
    let (a, b) = tokio::join!(one.run_schedules(), two.run_schedules());
    a.expect("one");
    b.expect("two");
    assert_eq!(
        count(
            &h,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'escalation_sweep'"
        )
        .await,
        1
    );
    let (a, b) = tokio::join!(drain(&one), drain(&two));
    let ((), ()) = (a, b);

    let mut letters = [smtp.next().await, smtp.next().await];
    letters.sort_by_key(|m| m.to.clone());
    assert_eq!(letters[0].to, std::slice::from_ref(&hana.email));
    assert!(
        letters[0].subject().contains("is escalated"),
        "{}",
        letters[0].subject()
    );
    assert!(
        letters[0].text().contains("2 working days past its target"),
        "{}",
        letters[0].text()
    );
    assert!(letters[0]
        .text()
        .contains(&format!("https://liaison.test/staff/concerns/{late}")));
    assert_eq!(letters[1].to, std::slice::from_ref(&sam.email));
    assert!(letters[1]
        .subject()
        .contains("was not acknowledged in time"));
    // Staff letters carry no reply address: answers are given in Liaison.
    assert!(letters.iter().all(|m| m.header("Reply-To").is_none()));
    assert!(
        smtp.waiting().await.is_empty(),
        "the acknowledged concern told no one"
    );

    let page = browser.get(&format!("/staff/concerns/{late}")).await;
    page.expect("Escalated")
        .expect("Hana Head")
        .expect("the escalation rules told the supervisors")
        .expect("escalated by the category&#39;s rules");
    let entries = "SELECT COUNT(*) FROM audit_entries WHERE action = 'concern.escalation'";
    assert_eq!(count(&h, entries).await, 2);

    // Sweeps again, over the same window: nothing more happens.
    sweep_due(&h, 3600).await;
    one.run_schedules().await.expect("schedule");
    drain(&one).await;
    assert_eq!(count(&h, entries).await, 2);
    // No escalation letter again (the daily digest, whose first day this is, may tell Hana
    // of her overdue concern).
    let again = smtp.waiting().await;
    assert!(
        again
            .iter()
            .all(|m| m.subject().starts_with("Your day in Liaison")),
        "{:?}",
        again.iter().map(|m| m.subject()).collect::<Vec<_>>()
    );
    // The trail still holds.
    let report = h
        .app
        .audit_trail()
        .verify(None, None)
        .await
        .expect("verify");
    assert!(
        report.broken.is_none(),
        "the trail breaks at {:?}",
        report.broken.map(|b| b.id)
    );
}

/// A sensitive category's concern not acknowledged in time: its team hears, not the
/// supervisors it is kept from.
async fn a_sensitive_concern_tells_its_team(h: Harness) {
    let smtp = MailServer::start().await;
    let node = App::new(
        h.store.clone(),
        liaison_app::Settings {
            files: h.files.clone(),
            ..smtp.settings()
        },
    );
    let (admin, browser) = h.signed_in("administrator", "Ada Admin").await;
    h.user("supervisor", "Sam Supervisor").await;
    let (tina, _) = h.user("officer", "Tina Team").await;
    let k = h.category(&admin, "Harassment", true).await;
    for (form, fields) in [
        ("rules", vec![("tell_unacknowledged", "yes".to_string())]),
        (
            "team",
            vec![("sensitive", "yes".into()), ("team", tina.id.to_string())],
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let p = browser
            .post(&format!("/staff/admin/categories/{k}/{form}"), &fields)
            .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    let (late, _, _) = h
        .concern(&admin, k, "He follows me home", "restricted")
        .await;
    node.run_schedules().await.expect("schedule");
    drain(&node).await;
    assert_eq!(smtp.next().await.to, ["thandi@example.org"]);
    let mut tx = h.store.write().await.expect("writer");
    sqlx::query("UPDATE concerns SET ack_due_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp() - 30)
        .bind(late)
        .execute(&mut *tx)
        .await
        .expect("late");
    tx.commit().await.expect("commit");
    sweep_due(&h, 0).await;
    node.run_schedules().await.expect("schedule");
    drain(&node).await;
    let told = smtp.next().await;
    assert_eq!(told.to, std::slice::from_ref(&tina.email));
    assert!(told.subject().contains("was not acknowledged in time"));
    assert!(smtp
        .waiting()
        .await
        .iter()
        .all(|m| m.subject().starts_with("Your day in Liaison")));
}

both!(
    a_late_concern_escalates_by_itself_exactly_once,
    a_sensitive_concern_tells_its_team
);
