//! The whole story a newcomer follows: configure, report as a resident, handle to closure
//! as an officer while the resident follows with the code, and find it again by search.

use liaison_testkit as common;
use liaison_testkit::both;

use common::Harness;
use sha2::Digest;

async fn resident_and_officer_take_a_concern_from_report_to_closure(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;

    // The administrator configures the office, a category and an intake question.
    let p = admin_browser.get("/staff/admin").await;
    p.expect("Office name");
    let p = admin_browser
        .post(
            "/staff/admin",
            &[
                ("name", "Riverside Office"),
                ("time_zone", "Africa/Johannesburg"),
                ("working_days", "1"),
                ("working_days", "2"),
                ("working_days", "3"),
                ("working_days", "4"),
                ("working_days", "5"),
                ("work_start", "08:00"),
                ("work_end", "16:30"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let p = admin_browser
        .post(
            "/staff/admin/categories",
            &[
                ("name", "Dust and air quality"),
                ("description", "Dust from roads, blasting or stockpiles."),
                ("ack_amount", "4"),
                ("ack_unit", "working_hours"),
                ("resolve_amount", "10"),
                ("resolve_unit", "calendar_days"),
                ("default_priority", "high"),
                ("public", "yes"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let category_path = p.location.expect("category page");
    admin_browser.get(&category_path).await;
    let p = admin_browser
        .post(
            &format!("{category_path}/questions"),
            &[
                ("label", "How many households are affected?"),
                ("kind", "number"),
                ("required", "yes"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let category_id = category_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();

    // A resident reports, anonymously, in Spanish.
    let resident = h.browser();
    resident.get("/language?to=es&back=/").await;
    resident
        .get("/")
        .await
        .expect("Riverside Office")
        .expect("Presentar una inquietud");
    resident.get("/report").await.expect("Dust and air quality");
    let form = resident.get(&format!("/report/{category_id}")).await;
    form.expect("How many households are affected?")
        .expect("solo los ve el personal");
    let report_path = format!("/report/{category_id}");
    let missing = resident
        .post(
            &report_path,
            &[
                ("description", "Dust covers our houses"),
                ("anonymous", "yes"),
            ],
        )
        .await;
    assert_eq!(missing.status, 422);
    missing
        .expect("Este dato es obligatorio")
        .expect("Dust covers our houses");
    let receipt = resident
        .post(
            &report_path,
            &[
                (
                    "description",
                    "Dust from the haul road covers our houses every afternoon",
                ),
                ("q_how_many_households_are_affected", "12"),
                ("anonymous", "yes"),
                ("reporter_name", "Should Not Be Stored"),
                ("reporter_email", "secret@example.org"),
            ],
        )
        .await;
    assert_eq!(receipt.status, 200, "{}", receipt.body);
    receipt.expect("Gracias");
    let code = receipt
        .between("<p class=\"tracking-code\">", "</p>")
        .expect("tracking code");
    let reference = receipt
        .between("Su referencia es ", ".")
        .expect("reference");
    assert!(reference.starts_with("C-"), "{reference}");

    // Nothing identifying was stored.
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("stored");
    let stored = h
        .app
        .concerns()
        .get(&admin, id)
        .await
        .expect("visible to admin")
        .concern;
    assert!(stored.anonymous);
    assert_eq!(stored.reporter.name, None);
    assert_eq!(stored.reporter.email, None);
    assert_eq!(stored.reporter.language, "es");
    assert_eq!(stored.priority.as_str(), "high");

    let track = resident
        .post("/track", &[("code", &code.to_lowercase())])
        .await;
    assert_eq!(track.status, 200, "{}", track.body);
    track.expect(&reference).expect("Recibida");

    // The code begins with the concern's number, so it leads straight to it.
    let number: i64 = reference[7..].parse().expect("a number");
    let locator = liaison_domain::values::tracking_code_with_number(number, "");
    assert!(
        code.starts_with(&format!("{locator}-")),
        "{code} for {reference}"
    );
    assert_eq!(code.split('-').count(), 5, "{code}");
    // A code given before codes carried the number (the secret alone, stored as its bare
    // hash) still finds its concern.
    let old = "ABCD-EFGH-JKMN-PQRS";
    let old_hash: String = sha2::Sha256::digest(old.replace('-', "").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let set_key = |key: String| {
        let store = h.store.clone();
        async move {
            let mut tx = store.write().await.expect("writer");
            let before: String = liaison_store::sqlx::query_scalar(
                "SELECT tracking_hash FROM concerns WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .expect("key");
            liaison_store::sqlx::query("UPDATE concerns SET tracking_hash = $1 WHERE id = $2")
                .bind(key)
                .bind(id)
                .execute(&mut *tx)
                .await
                .expect("a key");
            tx.commit().await.expect("commit");
            before
        }
    };
    let new_key = set_key(old_hash).await;
    let track = resident
        .post("/track", &[("code", "abcd efgh jkmn pqrs")])
        .await;
    assert_eq!(track.status, 200, "{}", track.body);
    track.expect(&reference);
    resident
        .post("/track", &[("code", &code)])
        .await
        .refute(&reference);
    set_key(new_key).await;

    // An officer handles it.
    let (officer, browser) = h.signed_in("officer", "Olu Officer").await;
    browser
        .get("/staff/concerns?view=unassigned")
        .await
        .expect(&reference);
    let found = browser
        .get(&format!(
            "/staff/find?reference={}",
            reference.to_lowercase()
        ))
        .await;
    assert_eq!(found.status, 303);
    let page_path = found.location.expect("concern page");
    let page = browser.get(&page_path).await;
    page.expect("Reported anonymously")
        .expect("12")
        .refute("Should Not Be Stored");
    let officer_id = officer.id.to_string();
    let steps: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("assign", vec![("assignee", officer_id.as_str())]),
        ("act", vec![("action", "acknowledge")]),
        (
            "notes",
            vec![
                ("body", "Spoke to the site manager about watering trucks"),
                ("visibility", "internal"),
            ],
        ),
        (
            "notes",
            vec![
                ("body", "A water truck will spray the road twice a day"),
                ("visibility", "public"),
            ],
        ),
        ("act", vec![("action", "start")]),
        (
            "act",
            vec![
                ("action", "resolve"),
                ("note", "Spraying confirmed on site"),
            ],
        ),
        ("act", vec![("action", "close")]),
    ];
    for (form, fields) in steps {
        let r = browser.post(&format!("{page_path}/{form}"), &fields).await;
        assert_eq!(r.status, 303, "{form} {fields:?}: {}", r.body);
        browser.get(&page_path).await;
    }
    let page = browser.get(&page_path).await;
    page.expect("Closed")
        .expect("Spoke to the site manager")
        .expect("Olu Officer");

    // The resident sees the outcome and the public update, never the internal note.
    let track = resident.post("/track", &[("code", &code)]).await;
    track
        .expect("Cerrada")
        .expect("A water truck will spray the road twice a day");
    track.refute("site manager");

    // Search finds it by a word of an internal note, by reference, and by description.
    browser
        .get("/staff/concerns?view=all&q=watering")
        .await
        .expect(&reference);
    browser
        .get(&format!("/staff/concerns?view=all&q={reference}"))
        .await
        .expect(&reference);
    browser
        .get("/staff/concerns?view=all&q=haul+roa")
        .await
        .expect(&reference);
    browser
        .get("/staff/concerns?view=all&q=zebra")
        .await
        .expect("No concerns match")
        .refute(&reference);

    // Every step is in the audit trail; the resident's submission names no one.
    let audit = admin_browser.get("/staff/admin/audit").await;
    audit
        .expect("concern.transition")
        .expect("concern.assign")
        .expect("category.add_question");
    audit
        .refute("secret@example.org")
        .refute("Should Not Be Stored");
}

both!(resident_and_officer_take_a_concern_from_report_to_closure);
