//! The engagement log over HTTP, as officers use it: a meeting with three community
//! leaders logged with follow-ups, the follow-ups on the officer's task list and marked
//! done, the meeting and a concern the leader raised on the leader's one timeline, the key
//! stakeholders nobody has contacted, what viewers and other officers may not see, and the
//! same through the JSON API.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::concerns::RecordConcern;
use liaison_app::interactions::LogInteraction;
use liaison_app::stakeholders::{SaveOrganization, SavePerson};
use serde_json::{json, Value};

async fn person(
    h: &Harness,
    admin: &liaison_store::users::User,
    name: &str,
    influence: &str,
) -> i64 {
    let p = SavePerson {
        name: name.into(),
        influence: influence.into(),
        ..SavePerson::default()
    };
    h.app
        .stakeholders()
        .add_person(admin, &p)
        .await
        .expect("person")
}

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

async fn an_officer_logs_a_meeting_and_keeps_its_promises(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    // The office works in UTC, so "today" here is the office's.
    let amina = person(&h, &admin, "Amina Yusuf", "high").await;
    // Named in the form by her name alone.
    person(&h, &admin, "Bola Ade", "medium").await;
    let chen = person(&h, &admin, "Chen Wei", "high").await;
    let forum = SaveOrganization {
        name: "Riverside Residents Forum".into(),
        organization_type: "residents_association".into(),
        ..SaveOrganization::default()
    };
    let forum = h
        .app
        .stakeholders()
        .add_organization(&admin, &forum)
        .await
        .expect("org");
    let (officer, b) = h.signed_in("officer", "Olu Officer").await;

    // Both key people are on the "not contacted" list before the meeting.
    let before = b.get("/staff/people/not-contacted?days=30").await;
    assert_eq!(before.status, 200);
    before.expect("Amina Yusuf").expect("Chen Wei");
    assert!(
        !before.body.contains("Bola Ade"),
        "only key stakeholders are listed"
    );

    // The form starts from the person's page with them ticked.
    let form = b
        .get(&format!("/staff/interactions/new?people={amina}"))
        .await;
    assert_eq!(form.status, 200);
    form.expect("Amina Yusuf").expect("name=\"follow_up\"");

    // Everything wrong at once: nothing stored, each field marked, what was typed kept.
    let bad = b
        .post(
            "/staff/interactions",
            &[
                ("kind", "seance"),
                ("happened_on", "2999-01-01"),
                ("summary", ""),
                ("people", "Nobody Known At All"),
                ("topics", "dust"),
                ("follow_up", "Send the minutes"),
                ("follow_up_due_on", "2000-01-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("aria-invalid=\"true\"")
        .expect("This day has not come yet")
        .expect("Send the minutes");
    assert!(b
        .get("/staff/interactions")
        .await
        .body
        .contains("No interactions match"));

    let due = today();
    let logged = b
        .post(
            "/staff/interactions",
            &[
                ("kind", "meeting"),
                ("happened_on", &today()),
                (
                    "summary",
                    "Met the three leaders at the forum about quarry dust.",
                ),
                ("people", &amina.to_string()),
                ("people", "Bola Ade"),
                ("people", &format!("#{chen}")),
                ("organizations", &forum.to_string()),
                ("topics", "dust, trucks"),
                ("attitude", "leaning_opposed"),
                ("follow_up", "Send the dust readings"),
                ("follow_up_owner", &officer.id.to_string()),
                ("follow_up_due_on", &due),
                ("follow_up", "Book a site visit"),
                ("follow_up_owner", ""),
                ("follow_up_due_on", "2099-01-01"),
                ("follow_up", ""),
                ("follow_up_due_on", ""),
            ],
        )
        .await;
    assert_eq!(logged.status, 303, "{}", logged.body);
    let page_path = logged.location.clone().expect("the interaction's page");
    let page = b.get(&page_path).await;
    assert_eq!(page.status, 200);
    page.expect("Amina Yusuf")
        .expect("Bola Ade")
        .expect("Chen Wei")
        .expect("Riverside Residents Forum")
        .expect("Olu Officer")
        .expect("trucks")
        .expect("Leaning opposed")
        .expect("Send the dust readings")
        .expect("Due today");

    // The follow-ups are on the officer's task list, soonest first.
    let tasks = b.get("/staff/tasks").await;
    assert_eq!(tasks.status, 200);
    let body = &tasks.body;
    let (first, second) = (
        body.find("Send the dust readings").expect("first"),
        body.find("Book a site visit").expect("second"),
    );
    assert!(first < second, "soonest due first");

    // Done from the task list: it leaves the list and the interaction says so.
    let id: i64 = {
        let at = body.find("/staff/follow-ups/").expect("a follow-up's form") + 18;
        body[at..].split('/').next().unwrap().parse().unwrap()
    };
    let done = b
        .post(
            &format!("/staff/follow-ups/{id}/done"),
            &[("back", "tasks")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/staff/tasks"));
    assert!(!b
        .get("/staff/tasks")
        .await
        .body
        .contains("Send the dust readings"));
    b.get(&page_path)
        .await
        .expect("Follow-up done: Send the dust readings");

    // A concern Amina raised, linked to her; an anonymous one cannot be.
    let category = h.category(&admin, "Quarry dust", true).await;
    let record = |anonymous: bool| RecordConcern {
        category: category.to_string().into(),
        description: "Dust on the washing every afternoon".into(),
        channel: "phone".into(),
        priority: "normal".into(),
        confidentiality: "restricted".into(),
        anonymous: anonymous.into(),
        reporter_name: if anonymous { "" } else { "Amina Yusuf" }.into(),
        reporter_language: "en".into(),
        ..RecordConcern::default()
    };
    let named = h
        .app
        .concerns()
        .record(&admin, &record(false))
        .await
        .expect("concern");
    let anonymous = h
        .app
        .concerns()
        .record(&admin, &record(true))
        .await
        .expect("concern");
    let refused = b
        .post(
            &format!("/staff/people/{amina}/concerns"),
            &[("reference", &anonymous.reference)],
        )
        .await;
    assert_eq!(refused.status, 422);
    refused.expect("reported anonymously");
    let linked = b
        .post(
            &format!("/staff/people/{amina}/concerns"),
            &[("reference", &named.reference.to_lowercase())],
        )
        .await;
    assert_eq!(linked.status, 303, "{}", linked.body);

    // Her one timeline: the meeting and the concern, newest first, filterable.
    let timeline = b.get(&format!("/staff/people/{amina}")).await;
    timeline
        .expect("Met the three leaders")
        .expect(&named.reference)
        .expect(&format!("Last contacted on {}", today()));
    let only_concerns = b.get(&format!("/staff/people/{amina}?show=concerns")).await;
    only_concerns.expect(&named.reference);
    assert!(!only_concerns.body.contains("Met the three leaders"));

    // Contacted today: no longer on the list.
    let after = b.get("/staff/people/not-contacted?days=30").await;
    assert!(!after.body.contains("Amina Yusuf") && !after.body.contains("Chen Wei"));

    // A confidential interaction is the officer's own: another officer and a viewer do not
    // find it; a viewer may not log anything.
    let secret = b
        .post(
            "/staff/interactions",
            &[
                ("kind", "call"),
                ("happened_on", &today()),
                ("summary", "A whistle-blower's call about night blasting."),
                ("people", &amina.to_string()),
                ("confidentiality", "confidential"),
            ],
        )
        .await;
    assert_eq!(secret.status, 303, "{}", secret.body);
    let secret_path = secret.location.clone().expect("page");
    let (_, other) = h.signed_in("officer", "Otto Other").await;
    assert_eq!(other.get(&secret_path).await.status, 404);
    assert!(!other
        .get(&format!("/staff/people/{amina}"))
        .await
        .body
        .contains("whistle-blower"));
    let (_, viewer) = h.signed_in("viewer", "Vera Viewer").await;
    viewer.get(&page_path).await.expect("Met the three leaders");
    let denied = viewer
        .post(
            "/staff/interactions",
            &[
                ("kind", "call"),
                ("happened_on", &today()),
                ("summary", "x"),
            ],
        )
        .await;
    assert_eq!(denied.status, 403);
    assert_eq!(viewer.get("/staff/tasks").await.status, 403);
}

async fn call(h: &Harness, token: &str, method: &str, path: &str, body: Option<Value>) -> Page {
    let auth = format!("Bearer {token}");
    let body = body.map(|b| ("application/json", b.to_string().into_bytes()));
    h.browser()
        .send(method, path, body, &[("authorization", &auth)])
        .await
}

async fn the_log_over_the_api(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let amina = person(&h, &admin, "Amina Yusuf", "high").await;
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let t = h
        .app
        .access_tokens()
        .create(
            &officer,
            &CreateToken {
                name: "log".into(),
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
        "/api/v1/interactions",
        Some(json!({"kind": "call"})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let problem: Value = serde_json::from_str(&bad.body).expect("JSON");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fields, ["happened_on", "summary", "people"]);

    let made = call(
        &h,
        &t,
        "POST",
        "/api/v1/interactions",
        Some(json!({
            "kind": "visit", "happened_on": today(), "summary": "Visited the school",
            "people": [amina], "topics": ["school"],
            "follow_up": ["Send the bus timetable"], "follow_up_due_on": ["2099-01-01"],
        })),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = serde_json::from_str::<Value>(&made.body).expect("JSON")["id"]
        .as_i64()
        .expect("id");
    let one = call(&h, &t, "GET", &format!("/api/v1/interactions/{id}"), None).await;
    let one: Value = serde_json::from_str(&one.body).expect("JSON");
    assert_eq!(one["participants"][0]["name"], "Amina Yusuf");
    assert_eq!(one["follow_ups"][0]["standing"], "open");
    let follow_up = one["follow_ups"][0]["id"].as_i64().expect("id");

    let tasks = call(&h, &t, "GET", "/api/v1/tasks", None).await;
    assert!(
        tasks.body.contains("Send the bus timetable"),
        "{}",
        tasks.body
    );
    let done = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/follow-ups/{follow_up}/done"),
        None,
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(!call(&h, &t, "GET", "/api/v1/tasks", None)
        .await
        .body
        .contains("bus timetable"));

    let theirs = call(
        &h,
        &t,
        "GET",
        &format!("/api/v1/interactions?person={amina}"),
        None,
    )
    .await;
    assert!(
        theirs.body.contains("Visited the school"),
        "{}",
        theirs.body
    );
    let elsewhere = call(&h, &t, "GET", "/api/v1/interactions?topic=nothing", None).await;
    assert!(!elsewhere.body.contains("Visited the school"));
    let wrong = call(
        &h,
        &t,
        "GET",
        "/api/v1/interactions?kind=seance&from=soon",
        None,
    )
    .await;
    assert_eq!(wrong.status, 400, "{}", wrong.body);
}

async fn duplicates_merge_keeping_everything(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let register = h.app.stakeholders();
    let first = SavePerson {
        name: "Amina Yusuf".into(),
        emails: ["amina@example.org"].into_iter().collect(),
        tags: ["parent"].into_iter().collect(),
        ..SavePerson::default()
    };
    let second = SavePerson {
        name: "Yusuf, Amina".into(),
        phones: ["+1 555 010 2030"].into_iter().collect(),
        emails: ["AMINA@example.org"].into_iter().collect(),
        tags: ["school principal"].into_iter().collect(),
        not_a_duplicate: true.into(),
        ..SavePerson::default()
    };
    let kept = register.add_person(&admin, &first).await.expect("person");
    let gone = register.add_person(&admin, &second).await.expect("person");
    let school = SaveOrganization {
        name: "North Primary School".into(),
        organization_type: "school".into(),
        ..SaveOrganization::default()
    };
    let school = register
        .add_organization(&admin, &school)
        .await
        .expect("org");
    let (_, b) = h.signed_in("officer", "Olu Officer").await;
    let with = format!("#{school}");
    let related = b
        .post(
            &format!("/staff/people/{gone}/relationships"),
            &[
                ("kind", "leader"),
                ("with_kind", "organization"),
                ("with", &with),
            ],
        )
        .await;
    assert_eq!(related.status, 303, "{}", related.body);
    let logged = b
        .post(
            "/staff/interactions",
            &[
                ("kind", "visit"),
                ("happened_on", &today()),
                ("summary", "Visited the school with its principal."),
                ("people", &gone.to_string()),
            ],
        )
        .await;
    assert_eq!(logged.status, 303, "{}", logged.body);

    // Merging a record into itself is refused on the page.
    let merge = format!("/staff/people/{kept}/merge");
    let itself = b.post(&merge, &[("duplicate", &format!("#{kept}"))]).await;
    assert_eq!(itself.status, 422);
    itself.expect("merged with itself");
    let merged = b.post(&merge, &[("duplicate", &format!("#{gone}"))]).await;
    assert_eq!(merged.status, 303, "{}", merged.body);

    // The kept record has everything of both; the duplicate's address leads to it.
    let page = b.get(&format!("/staff/people/{kept}")).await;
    page.expect("amina@example.org")
        .expect("+1 555 010 2030")
        .expect("school principal")
        .expect("parent")
        .expect("North Primary School")
        .expect("Visited the school")
        .expect(&format!("Merged with its duplicate #{gone}"));
    assert_eq!(
        page.body.matches("mailto:").count(),
        1,
        "one email, not the same twice"
    );
    let old = b.get(&format!("/staff/people/{gone}")).await;
    assert_eq!(old.status, 303);
    let kept_page = format!("/staff/people/{kept}");
    assert_eq!(old.location.as_deref(), Some(kept_page.as_str()));
    let found = b.get("/staff/people?q=Yusuf").await;
    assert!(!found.body.contains(&format!("/staff/people/{gone}\"")));
    // The duplicate had the largest id; the next person added does not take it, so its
    // address still leads to the record kept.
    let newcomer = SavePerson {
        name: "Nomvula Dlamini".into(),
        ..SavePerson::default()
    };
    let newcomer = register
        .add_person(&admin, &newcomer)
        .await
        .expect("person");
    assert!(newcomer > gone, "{newcomer} after {gone}");
    let old = b.get(&format!("/staff/people/{gone}")).await;
    assert_eq!(old.location.as_deref(), Some(kept_page.as_str()));
}

/// A busy person's timeline comes a page at a time, newest first, each entry once, with a
/// link to the older entries on every page but the last; the filter holds across pages.
async fn a_busy_timeline_comes_a_page_at_a_time(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let amina = person(&h, &admin, "Amina Yusuf", "high").await;
    let (officer, b) = h.signed_in("officer", "Olu Officer").await;
    // Sixty calls over thirty days, two a day.
    for i in 0..60i64 {
        let day = chrono::Utc::now() - chrono::Duration::days(60 - i / 2);
        let call = LogInteraction {
            kind: "call".into(),
            happened_on: day.format("%Y-%m-%d").to_string().into(),
            summary: format!("Call number {i:02}.").into(),
            people: [amina.to_string()].into_iter().collect(),
            ..LogInteraction::default()
        };
        h.app
            .interactions()
            .log(&officer, &call)
            .await
            .expect("logged");
    }
    let walk = async |first: String| {
        let (mut calls, mut pages) = (Vec::new(), 0);
        let mut next = Some(first);
        while let Some(href) = next {
            assert!(pages < 5, "the pages never end: {href}");
            let page = b.get(&href).await;
            assert_eq!(page.status, 200, "{href}");
            pages += 1;
            let mut rest = page.body.as_str();
            while let Some(at) = rest.find("Call number ") {
                let n = &rest[at + 12..at + 14];
                calls.push(n.parse::<i64>().expect("a call's number"));
                rest = &rest[at + 14..];
            }
            next = page.body.find("rel=\"next\"").map(|end| {
                let start = page.body[..end]
                    .rfind("href=\"")
                    .expect("the link's address")
                    + 6;
                let href = &page.body[start..end];
                href[..href.find('"').expect("quoted")]
                    .replace("&#38;", "&")
                    .replace("#timeline", "")
            });
        }
        (calls, pages)
    };
    let (calls, pages) = walk(format!("/staff/people/{amina}")).await;
    // Her record's own lines and sixty calls, twenty-five to a page.
    assert_eq!(pages, 3);
    assert_eq!(
        calls,
        (0..60).rev().collect::<Vec<_>>(),
        "newest first, each once"
    );
    let (calls, pages) = walk(format!("/staff/people/{amina}?show=interactions")).await;
    assert_eq!((calls.len(), pages), (60, 3));
    // A mark that means nothing starts from the newest.
    let odd = b
        .get(&format!("/staff/people/{amina}?before=yesterday"))
        .await;
    assert_eq!(odd.status, 200);
    odd.expect("Call number 59.");

    // The same timeline over the API, a cursor from page to page.
    let token = h
        .app
        .access_tokens()
        .create(
            &officer,
            &CreateToken {
                name: "timeline".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let (mut sources, mut cursor) = (Vec::new(), None::<String>);
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/people/{amina}/timeline?cursor={c}"),
            None => format!("/api/v1/people/{amina}/timeline"),
        };
        let page = call(&h, &token, "GET", &path, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let v: Value = serde_json::from_str(&page.body).expect("json");
        for item in v["items"].as_array().expect("items") {
            sources.push(item["source"].as_str().expect("source").to_string());
        }
        match v["next"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
        assert!(sources.len() <= 62, "the pages never end");
    }
    // Sixty calls and her record's own two lines: created, and her influence assessed.
    assert_eq!(sources.len(), 62);
    assert_eq!(sources.iter().filter(|s| *s == "interaction").count(), 60);
    let first = call(
        &h,
        &token,
        "GET",
        &format!("/api/v1/people/{amina}/timeline?show=interactions"),
        None,
    )
    .await;
    let v: Value = serde_json::from_str(&first.body).expect("json");
    assert_eq!(v["items"][0]["interaction"]["summary"], "Call number 59.");
    assert_eq!(v["last_contacted"], v["items"][0]["day"]);
    for bad in ["show=everything", "cursor=yesterday"] {
        let refused = call(
            &h,
            &token,
            "GET",
            &format!("/api/v1/people/{amina}/timeline?{bad}"),
            None,
        )
        .await;
        assert_eq!(refused.status, 400, "{bad}: {}", refused.body);
    }
    let missing = call(&h, &token, "GET", "/api/v1/people/999999/timeline", None).await;
    assert_eq!(missing.status, 404);
}

both!(
    a_busy_timeline_comes_a_page_at_a_time,
    an_officer_logs_a_meeting_and_keeps_its_promises,
    the_log_over_the_api,
    duplicates_merge_keeping_everything
);
