//! Engagements over the JSON API: planned with their venue, capacity and interpretation,
//! published, registered for until the waitlist takes over (and moves up when a place is
//! given back), the door with its walk-ins, minutes and agenda, commitments made there and
//! concerns raised there; with the refusals each step has, and who may plan and see them.
//! Over the real server, on SQLite and PostgreSQL.

use liaison_app::access_tokens::CreateToken;
use liaison_app::office::NewArea;
use liaison_store::users::User;
use liaison_testkit::{both, Harness, Page};
use serde_json::{json, Value};

/// A day `offset` days from today, as ISO 8601 writes it.
fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn token(h: &Harness, user: &User) -> String {
    let input = CreateToken {
        name: "engagements".into(),
        ..CreateToken::default()
    };
    h.app
        .access_tokens()
        .create(user, &input)
        .await
        .expect("token")
        .1
}

async fn call(h: &Harness, token: &str, method: &str, path: &str, body: Option<Value>) -> Page {
    let auth = format!("Bearer {token}");
    let body = body.map(|b| ("application/json", b.to_string().into_bytes()));
    h.browser()
        .send(method, path, body, &[("authorization", &auth)])
        .await
}

fn read(page: &Page) -> Value {
    serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("JSON: {}", page.body))
}

/// The code a 422 gives `field`.
fn code_of(page: &Page, field: &str) -> Option<String> {
    read(page)["errors"]
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["code"].as_str())
        .map(str::to_string)
}

/// A plan: a forum in Johannesburg on `on`, 18:00 to 20:00, with these places.
fn forum(title: &str, on: &str, capacity: Value, extra: Value) -> Value {
    let mut plan = json!({
        "kind": "forum",
        "title": title,
        "purpose": "What the quarry's expansion means for the river",
        "starts_at": format!("{on}T18:00"),
        "ends_at": format!("{on}T20:00"),
        "time_zone": "Africa/Johannesburg",
        "address": "Riverside Hall, 12 Mill Road",
        "room": "Main hall",
        "lat": -26.2041,
        "lng": 28.0473,
        "capacity": capacity,
        "step_free": true,
        "hearing_loop": true,
        "transit": "Bus 7 to Mill Road",
        "languages": "en, zu",
        "interpretation": "ase, fr",
        "topics": "dust\nwater",
        "partners": "Riverside Residents Forum",
    });
    if let (Some(p), Value::Object(more)) = (plan.as_object_mut(), extra) {
        p.extend(more);
    }
    plan
}

async fn an_engagement_from_the_plan_to_the_minutes(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (olu, _) = h.user("officer", "Olu Officer").await;
    let (oscar, _) = h.user("officer", "Oscar Other").await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "Riverside".into(),
            },
        )
        .await
        .expect("area");
    let t = token(&h, &olu).await;
    let on = day(30);

    // A plan that does not hold: each field says what is wrong; nothing is planned.
    let bad = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(json!({
            "kind": "picnic", "title": "", "starts_at": format!("{on}T18:00"),
            "ends_at": format!("{on}T17:00"), "online_link": "zoom me", "capacity": "0",
            "interpretation": "not a language!",
        })),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(
        code_of(&bad, "ends_at").as_deref(),
        Some("error-ends-before-starts")
    );
    assert_eq!(code_of(&bad, "kind").as_deref(), Some("error-choice"));
    assert_eq!(code_of(&bad, "title").as_deref(), Some("error-required"));
    assert_eq!(code_of(&bad, "online_link").as_deref(), Some("error-link"));
    assert_eq!(code_of(&bad, "capacity").as_deref(), Some("error-number"));
    assert_eq!(
        code_of(&bad, "interpretation").as_deref(),
        Some("error-language-tag")
    );
    // Every code has its words.
    for e in read(&bad)["errors"].as_array().expect("errors") {
        assert_ne!(e["detail"], e["code"], "{e}");
    }
    let nowhere = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Nowhere", &on, json!(""), json!({"address": ""}))),
    )
    .await;
    assert_eq!(
        code_of(&nowhere, "address").as_deref(),
        Some("error-venue-or-link")
    );
    // What no field can hold is refused on that field, never a failure.
    let odd = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Odd", &on, json!({"places": 2}), json!({}))),
    )
    .await;
    assert_eq!(odd.status, 422, "{}", odd.body);
    assert_eq!(code_of(&odd, "capacity").as_deref(), Some("error-type"));
    let listed = read(&call(&h, &t, "GET", "/api/v1/engagements", None).await);
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );

    // Planned: two places, interpretation in American Sign Language and French.
    let people = json!({"officers": [oscar.id.to_string()], "areas": [area]});
    let planned = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Quarry forum", &on, json!(2), people.clone())),
    )
    .await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    let id = read(&planned)["id"].as_i64().expect("id");
    let path = format!("/api/v1/engagements/{id}");
    assert_eq!(planned.location.as_deref(), Some(path.as_str()));
    let e = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(e["reference"], format!("E-{id:05}"));
    assert_eq!(e["kind"], "forum");
    assert_eq!(e["status"], "planned");
    // Times in the engagement's own zone, as it was planned.
    assert_eq!(e["starts_at"], format!("{on}T18:00:00+02:00"));
    assert_eq!(e["ends_at"], format!("{on}T20:00:00+02:00"));
    assert_eq!(e["time_zone"], "Africa/Johannesburg");
    assert_eq!(e["capacity"], 2);
    assert_eq!(e["places_left"], 2);
    assert_eq!(e["languages"], json!(["en", "zu"]));
    assert_eq!(e["interpretation"], json!(["ase", "fr"]));
    assert_eq!(e["step_free"], true);
    assert_eq!(e["parking"], false);
    assert_eq!(e["lat"], -26.2041);
    assert_eq!(e["organizer"], "Olu Officer");
    assert_eq!(e["organizer_id"], olu.id);
    assert_eq!(e["officers"], json!(["Oscar Other"]));
    assert_eq!(e["officer_ids"], json!([oscar.id]));
    assert_eq!(e["areas"], json!(["Riverside"]));
    assert_eq!(e["topics"], json!(["dust", "water"]));
    assert_eq!(e["confidentiality"], "public");
    assert_eq!(e["events"][0]["kind"], "planned");

    // Calling it off needs a reason; publishing it puts it on the portal.
    let step = format!("{path}/step");
    let no_reason = call(&h, &t, "POST", &step, Some(json!({"status": "cancelled"}))).await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert_eq!(
        code_of(&no_reason, "reason").as_deref(),
        Some("error-reason-required")
    );
    let wrong = call(&h, &t, "POST", &step, Some(json!({"status": "over"}))).await;
    assert_eq!(code_of(&wrong, "status").as_deref(), Some("error-choice"));
    let published = call(&h, &t, "POST", &step, Some(json!({"status": "published"}))).await;
    assert_eq!(published.status, 200, "{}", published.body);
    let e = read(&published);
    assert_eq!(e["status"], "published");
    assert!(e["published_at"].is_string(), "{e}");
    let again = call(&h, &t, "POST", &step, Some(json!({"status": "published"}))).await;
    assert_eq!(code_of(&again, "status").as_deref(), Some("error-not-now"));

    // Two places, then the waitlist; each registration with the link that gives it up.
    let registrations = format!("{path}/registrations");
    let (mut made, mut links) = (Vec::new(), Vec::new());
    for (name, place) in [
        ("Thandi Mokoena", "registered"),
        ("Sipho Dlamini", "registered"),
        ("Lerato Nkosi", "waitlisted"),
    ] {
        let r = call(
            &h,
            &t,
            "POST",
            &registrations,
            Some(json!({"name": name, "email": "someone@example.org", "needs": "A wheelchair space"})),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let r = read(&r);
        assert_eq!(r["place"], place, "{name}");
        let cancel = r["cancel_path"].as_str().expect("a cancel path");
        assert!(cancel.starts_with("/registrations/"), "{cancel}");
        assert!(cancel.len() > "/registrations/".len() + 16, "{cancel}");
        made.push(r["id"].as_i64().expect("id"));
        links.push(cancel.to_string());
    }
    // The link leads to the place on the portal, to anyone who holds it.
    let portal = h.browser().get(&links[2]).await;
    assert_eq!(portal.status, 200, "{}", portal.body);
    portal.expect("Quarry forum");
    let bad = call(
        &h,
        &t,
        "POST",
        &registrations,
        Some(json!({"name": "", "email": "nope"})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(code_of(&bad, "name").as_deref(), Some("error-required"));
    assert_eq!(code_of(&bad, "email").as_deref(), Some("error-email"));
    let e = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(
        (e["registered"].as_i64(), e["waitlisted"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(e["places_left"], 0);

    // Fewer places than people who have one is refused; the plan stays as it was.
    let fewer = call(
        &h,
        &t,
        "POST",
        &path,
        Some(forum("Quarry forum", &on, json!(1), people.clone())),
    )
    .await;
    assert_eq!(fewer.status, 422, "{}", fewer.body);
    assert_eq!(
        code_of(&fewer, "capacity").as_deref(),
        Some("error-capacity-below-registrations")
    );
    assert_eq!(read(&call(&h, &t, "GET", &path, None).await)["capacity"], 2);

    // A place given back: the first waiting moves up.
    let given_up = call(
        &h,
        &t,
        "POST",
        &format!("{path}/unregister"),
        Some(json!({"registration": made[0]})),
    )
    .await;
    assert_eq!(given_up.status, 200, "{}", given_up.body);
    let e = read(&given_up);
    assert_eq!(
        (e["registered"].as_i64(), e["waitlisted"].as_i64()),
        (Some(2), Some(0))
    );
    let twice = call(
        &h,
        &t,
        "POST",
        &format!("{path}/unregister"),
        Some(json!({"registration": made[0]})),
    )
    .await;
    assert_eq!(
        code_of(&twice, "registration").as_deref(),
        Some("error-not-now")
    );
    let list = read(&call(&h, &t, "GET", &registrations, None).await);
    let places: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| r["place"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(places, ["cancelled", "registered", "registered"]);
    assert_eq!(list["items"][2]["name"], "Lerato Nkosi");
    assert_eq!(list["items"][2]["needs"], "A wheelchair space");
    let found = read(&call(&h, &t, "GET", &format!("{registrations}?q=sipho"), None).await);
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found["items"][0]["id"], made[1]);

    // More places: now there is room again.
    let more = call(
        &h,
        &t,
        "POST",
        &path,
        Some(forum(
            "Quarry forum on the river",
            &on,
            json!(3),
            people.clone(),
        )),
    )
    .await;
    assert_eq!(more.status, 200, "{}", more.body);
    let e = read(&more);
    assert_eq!(
        (e["capacity"].as_i64(), e["places_left"].as_i64()),
        (Some(3), Some(1))
    );
    assert_eq!(e["title"], "Quarry forum on the river");
    assert_eq!(
        e["events"]
            .as_array()
            .expect("events")
            .last()
            .expect("a line")["kind"],
        "changed"
    );

    // The door: a registration once, a walk-in by name.
    let door = format!("{path}/attendance");
    let checked = call(
        &h,
        &t,
        "POST",
        &door,
        Some(json!({"registration": made[1]})),
    )
    .await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!(read(&checked)["id"], made[1]);
    let twice = call(
        &h,
        &t,
        "POST",
        &door,
        Some(json!({"registration": made[1]})),
    )
    .await;
    assert_eq!(twice.status, 422, "{}", twice.body);
    assert_eq!(
        code_of(&twice, "registration").as_deref(),
        Some("error-already-checked-in")
    );
    let gone = call(
        &h,
        &t,
        "POST",
        &door,
        Some(json!({"registration": made[0]})),
    )
    .await;
    assert_eq!(
        code_of(&gone, "registration").as_deref(),
        Some("error-not-now")
    );
    let nobody = call(&h, &t, "POST", &door, Some(json!({"registration": "x"}))).await;
    assert_eq!(
        code_of(&nobody, "registration").as_deref(),
        Some("error-choice")
    );
    let walk_in = call(
        &h,
        &t,
        "POST",
        &door,
        Some(json!({"name": "Wanda Walker", "area": area, "first_time": true})),
    )
    .await;
    assert_eq!(walk_in.status, 201, "{}", walk_in.body);
    let wanda = read(&walk_in)["id"].as_i64().expect("id");
    let nameless = call(&h, &t, "POST", &door, Some(json!({"name": " "}))).await;
    assert_eq!(
        code_of(&nameless, "name").as_deref(),
        Some("error-required")
    );
    let list = read(&call(&h, &t, "GET", &format!("{registrations}?q=wanda"), None).await);
    let w = &list["items"][0];
    assert_eq!(w["id"], wanda);
    assert_eq!(
        (w["walk_in"].as_bool(), w["first_time"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(w["area"], "Riverside");
    assert!(w["attended_at"].is_string(), "{w}");
    let e = read(&call(&h, &t, "GET", &path, None).await);
    assert!(e["attended"].is_number(), "{e}");
    assert_eq!(e["attended"], 2);
    let attendance = e["attendance"].as_array().expect("attendance");
    assert_eq!(attendance.len(), 2, "{attendance:?}");
    for by_area in [
        json!({"area": null, "attended": 1, "first_time": 0}),
        json!({"area": "Riverside", "attended": 1, "first_time": 1}),
    ] {
        assert!(attendance.contains(&by_area), "{by_area} in {attendance:?}");
    }

    // Minutes, and the agenda: an item added, then what was decided on it.
    let minuted = call(
        &h,
        &t,
        "POST",
        &format!("{path}/minutes"),
        Some(json!({"minutes": "Forty people came; the company answered questions."})),
    )
    .await;
    assert_eq!(minuted.status, 200, "{}", minuted.body);
    assert_eq!(
        read(&minuted)["minutes"],
        "Forty people came; the company answered questions."
    );
    let items = format!("{path}/items");
    let added = call(
        &h,
        &t,
        "POST",
        &items,
        Some(json!({"title": "Dust readings"})),
    )
    .await;
    assert_eq!(added.status, 201, "{}", added.body);
    let item = read(&added)["id"].as_i64().expect("id");
    let decided = call(
        &h,
        &t,
        "POST",
        &items,
        Some(
            json!({"item": item, "title": "Dust readings", "minutes": "Readings are high.",
                    "decision": "Publish them monthly."}),
        ),
    )
    .await;
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(read(&decided)["id"], item);
    let untitled = call(&h, &t, "POST", &items, Some(json!({"title": ""}))).await;
    assert_eq!(
        code_of(&untitled, "title").as_deref(),
        Some("error-required")
    );
    let unknown = call(
        &h,
        &t,
        "POST",
        &items,
        Some(json!({"item": 987654, "title": "x"})),
    )
    .await;
    assert_eq!(code_of(&unknown, "item").as_deref(), Some("error-choice"));
    let e = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(e["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(e["items"][0]["decision"], "Publish them monthly.");

    // A commitment made there is in the register, made at the engagement.
    let committed = call(
        &h,
        &t,
        "POST",
        &format!("{path}/commitments"),
        Some(json!({"title": "Publish the dust readings monthly", "due_on": day(60)})),
    )
    .await;
    assert_eq!(committed.status, 201, "{}", committed.body);
    let k = read(&committed)["id"].as_i64().expect("id");
    let at = format!("/api/v1/commitments/{k}");
    assert_eq!(committed.location.as_deref(), Some(at.as_str()));
    let commitment = read(&call(&h, &t, "GET", &at, None).await);
    assert_eq!(commitment["source"], "engagement");
    assert_eq!(commitment["title"], "Publish the dust readings monthly");
    let e = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(e["commitments"][0]["id"], k);
    assert_eq!(e["commitments"][0]["reference"], format!("CM-{k:05}"));
    assert_eq!(e["commitments"][0]["due_on"], day(60));
    let undated = call(
        &h,
        &t,
        "POST",
        &format!("{path}/commitments"),
        Some(json!({"title": "Someday"})),
    )
    .await;
    assert_eq!(
        code_of(&undated, "due_on").as_deref(),
        Some("error-required")
    );

    // A concern raised there, linked by its reference.
    let category = h.category(&admin, "Quarry dust", true).await;
    let (_, reference, _) = h
        .concern(&admin, category, "Dust on the washing", "public")
        .await;
    let concerns = format!("{path}/concerns");
    let linked = call(
        &h,
        &t,
        "POST",
        &concerns,
        Some(json!({"concern": reference.to_lowercase()})),
    )
    .await;
    assert_eq!(linked.status, 200, "{}", linked.body);
    let e = read(&linked);
    assert_eq!(e["concerns"][0]["reference"], reference);
    assert_eq!(e["concerns"][0]["category"], "Quarry dust");
    let no_such = call(
        &h,
        &t,
        "POST",
        &concerns,
        Some(json!({"concern": "C-1999-99999"})),
    )
    .await;
    assert_eq!(
        code_of(&no_such, "concern").as_deref(),
        Some("error-choice")
    );

    // Called off, with its reason: no one registers any more.
    let off = call(
        &h,
        &t,
        "POST",
        &step,
        Some(json!({"status": "cancelled", "reason": "The hall flooded."})),
    )
    .await;
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(read(&off)["cancel_reason"], "The hall flooded.");
    let late = call(
        &h,
        &t,
        "POST",
        &registrations,
        Some(json!({"name": "Late Larry"})),
    )
    .await;
    assert_eq!(
        code_of(&late, "name").as_deref(),
        Some("error-engagement-cancelled")
    );

    // Over: planned after the fact, it takes no registrations.
    let past = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum(
            "Last year's clinic",
            &day(-3),
            json!(""),
            json!({"kind": "clinic"}),
        )),
    )
    .await;
    assert_eq!(past.status, 201, "{}", past.body);
    let past = read(&past)["id"].as_i64().expect("id");
    let late = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/engagements/{past}/registrations"),
        Some(json!({"name": "Late Larry"})),
    )
    .await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert_eq!(
        code_of(&late, "name").as_deref(),
        Some("error-engagement-over")
    );
    // Published after the fact, for its minutes and commitments: still over.
    let held = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/engagements/{past}/step"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(held.status, 200, "{}", held.body);
    assert_eq!(read(&held)["status"], "published");
    let late = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/engagements/{past}/registrations"),
        Some(json!({"name": "Late Larry"})),
    )
    .await;
    assert_eq!(
        code_of(&late, "name").as_deref(),
        Some("error-engagement-over")
    );
    // One ended some time ago (the database says so): over too.
    let ended = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Soon ended", &day(2), json!(""), json!({}))),
    )
    .await;
    let ended = read(&ended)["id"].as_i64().expect("id");
    let now = chrono::Utc::now().timestamp();
    let mut c = h.store.write().await.expect("writer");
    liaison_store::sqlx::query("UPDATE engagements SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(now - 7200)
        .bind(now - 60)
        .bind(ended)
        .execute(&mut *c)
        .await
        .expect("ended");
    c.commit().await.expect("commit");
    let late = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/engagements/{ended}/registrations"),
        Some(json!({"name": "Late Larry"})),
    )
    .await;
    assert_eq!(
        code_of(&late, "name").as_deref(),
        Some("error-engagement-over")
    );

    // The lists: upcoming soonest first, past latest first, a page at a time.
    let soon = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements",
        Some(forum(
            "Sooner workshop",
            &day(10),
            json!(""),
            json!({"kind": "workshop"}),
        )),
    )
    .await;
    let soon = read(&soon)["id"].as_i64().expect("id");
    let upcoming = read(&call(&h, &t, "GET", "/api/v1/engagements?view=upcoming", None).await);
    let ids: Vec<i64> = upcoming["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert_eq!(ids, [soon, id]);
    assert!(upcoming["next"].is_null(), "{upcoming}");
    assert_eq!(upcoming["items"][1]["status"], "cancelled");
    assert_eq!(upcoming["items"][1]["registered"], 3);
    let past_list = read(&call(&h, &t, "GET", "/api/v1/engagements?view=past", None).await);
    let ids: Vec<i64> = past_list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert_eq!(ids, [ended, past]);
    let first = &upcoming["items"][0];
    let starts = chrono::DateTime::parse_from_rfc3339(first["starts_at"].as_str().expect("a time"))
        .expect("RFC 3339")
        .timestamp();
    let rest = read(
        &call(
            &h,
            &t,
            "GET",
            &format!("/api/v1/engagements?cursor={starts}~{soon}"),
            None,
        )
        .await,
    );
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1), "{rest}");
    assert_eq!(rest["items"][0]["id"], id);
    for wrong in ["view=soon", "cursor=yesterday", "cursor=1~x"] {
        let r = call(&h, &t, "GET", &format!("/api/v1/engagements?{wrong}"), None).await;
        assert_eq!(r.status, 400, "{wrong}: {}", r.body);
    }

    // Addresses and bodies that do not read: answered, never a failure.
    let r = call(&h, &t, "GET", "/api/v1/engagements/nine", None).await;
    assert_eq!(r.status, 404, "{}", r.body);
    let r = call(
        &h,
        &t,
        "GET",
        "/api/v1/engagements/987654/registrations",
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let r = call(
        &h,
        &t,
        "POST",
        "/api/v1/engagements/987654/minutes",
        Some(json!({})),
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let auth = format!("Bearer {t}");
    let r = h
        .browser()
        .send(
            "POST",
            &format!("{path}/minutes"),
            Some(("application/json", b"{not json".to_vec())),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let r = h
        .browser()
        .send(
            "POST",
            &format!("{path}/minutes"),
            Some(("text/plain", b"minutes".to_vec())),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, 415, "{}", r.body);
    // An engagement planned once per idempotency key.
    let key = [
        ("authorization", auth.as_str()),
        ("idempotency-key", "plan-1"),
    ];
    let body = forum("Once only", &day(40), json!(""), json!({})).to_string();
    let first = h
        .browser()
        .send(
            "POST",
            "/api/v1/engagements",
            Some(("application/json", body.clone().into_bytes())),
            &key,
        )
        .await;
    let second = h
        .browser()
        .send(
            "POST",
            "/api/v1/engagements",
            Some(("application/json", body.into_bytes())),
            &key,
        )
        .await;
    assert_eq!((first.status, second.status), (201, 201));
    assert_eq!(first.body, second.body);
}

async fn who_may_plan_and_see_an_engagement(h: Harness) {
    let (olu, _) = h.user("officer", "Olu Officer").await;
    let (oscar, _) = h.user("officer", "Oscar Other").await;
    let (sam, _) = h.user("supervisor", "Sam Super").await;
    let (vic, _) = h.user("viewer", "Vic Viewer").await;
    let (pat, _) = h.user("partner", "Pat Partner").await;
    let (olu_t, oscar_t, sam_t, vic_t, pat_t) = (
        token(&h, &olu).await,
        token(&h, &oscar).await,
        token(&h, &sam).await,
        token(&h, &vic).await,
        token(&h, &pat).await,
    );
    let on = day(20);

    // A viewer reads engagements but plans none, and runs none.
    let denied = call(
        &h,
        &vic_t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Viewer's forum", &on, json!(""), json!({}))),
    )
    .await;
    assert_eq!(denied.status, 403, "{}", denied.body);
    assert_eq!(read(&denied)["code"], "forbidden");
    let public = call(
        &h,
        &olu_t,
        "POST",
        "/api/v1/engagements",
        Some(forum("Open forum", &on, json!(""), json!({}))),
    )
    .await;
    let public = read(&public)["id"].as_i64().expect("id");
    let r = call(
        &h,
        &vic_t,
        "GET",
        &format!("/api/v1/engagements/{public}"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    for (path, body) in [
        ("minutes", json!({"minutes": "Viewer's minutes"})),
        ("registrations", json!({"name": "Someone"})),
        ("attendance", json!({"name": "Someone"})),
        ("step", json!({"status": "published"})),
    ] {
        let r = call(
            &h,
            &vic_t,
            "POST",
            &format!("/api/v1/engagements/{public}/{path}"),
            Some(body),
        )
        .await;
        assert_eq!(r.status, 403, "{path}: {}", r.body);
    }
    let r = call(
        &h,
        &vic_t,
        "GET",
        &format!("/api/v1/engagements/{public}/registrations"),
        None,
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // A partner agency sees none it does not organize (and organizes none).
    let r = call(
        &h,
        &pat_t,
        "GET",
        &format!("/api/v1/engagements/{public}"),
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let listed = read(&call(&h, &pat_t, "GET", "/api/v1/engagements", None).await);
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(0),
        "{listed}"
    );
    // Without a token, nothing.
    let r = h.browser().get("/api/v1/engagements").await;
    assert_eq!(r.status, 401, "{}", r.body);

    // A confidential one: its organizer and the overseers see it; another officer does
    // not, exactly as if it did not exist.
    let hidden = call(
        &h,
        &olu_t,
        "POST",
        "/api/v1/engagements",
        Some(forum(
            "Closed workshop with the families",
            &on,
            json!(""),
            json!({"confidentiality": "confidential", "kind": "workshop"}),
        )),
    )
    .await;
    assert_eq!(hidden.status, 201, "{}", hidden.body);
    let hidden = read(&hidden)["id"].as_i64().expect("id");
    let path = format!("/api/v1/engagements/{hidden}");
    for t in [&olu_t, &sam_t] {
        let r = call(&h, t, "GET", &path, None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.expect("Closed workshop with the families");
    }
    let seen = call(&h, &oscar_t, "GET", &path, None).await;
    let missing = call(&h, &oscar_t, "GET", "/api/v1/engagements/987654", None).await;
    assert_eq!(seen.status, 404, "{}", seen.body);
    assert_eq!(seen.body, missing.body);
    let list = call(&h, &oscar_t, "GET", "/api/v1/engagements", None).await;
    list.expect("Open forum").refute("Closed workshop");
    let r = call(&h, &vic_t, "GET", &path, None).await;
    assert_eq!(r.status, 404, "{}", r.body);
    for (tail, body) in [
        ("", forum("Taken over", &on, json!(""), json!({}))),
        ("/minutes", json!({"minutes": "Oscar was here"})),
        ("/registrations", json!({"name": "Someone"})),
        ("/attendance", json!({"name": "Someone"})),
        ("/items", json!({"title": "Oscar's item"})),
        (
            "/commitments",
            json!({"title": "Oscar's promise", "due_on": day(9)}),
        ),
    ] {
        let r = call(&h, &oscar_t, "POST", &format!("{path}{tail}"), Some(body)).await;
        assert_eq!(r.status, 404, "{tail}: {}", r.body);
    }
    let r = call(&h, &oscar_t, "GET", &format!("{path}/registrations"), None).await;
    assert_eq!(r.status, 404, "{}", r.body);
    // Only a public one is published.
    let r = call(
        &h,
        &olu_t,
        "POST",
        &format!("{path}/step"),
        Some(json!({"status": "published"})),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        code_of(&r, "confidentiality").as_deref(),
        Some("error-publish-needs-public")
    );
    // Its organizer stays Olu when the supervisor changes it naming Olu.
    let changed = call(
        &h,
        &sam_t,
        "POST",
        &path,
        Some(forum(
            "Closed workshop, second session",
            &on,
            json!(""),
            json!({"confidentiality": "confidential", "kind": "workshop",
                   "organizer": olu.id.to_string()}),
        )),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(read(&changed)["organizer"], "Olu Officer");
    let r = call(&h, &olu_t, "GET", &path, None).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

both!(
    an_engagement_from_the_plan_to_the_minutes,
    who_may_plan_and_see_an_engagement
);
