//! Commands at the edge: a staff form and a JSON body decode into the same command and
//! lead to the same result; no staff form is handled without its CSRF token; and every
//! route of the JSON API is described in its OpenAPI document, with the method it answers.

use liaison_testkit as common;
use liaison_testkit::both;

use std::collections::BTreeSet;

use common::{Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::api_keys::IssueKey;
use liaison_app::command::from_json;
use liaison_app::concerns::{Note, RecordConcern, Transition};
use liaison_app::office::{NewArea, NewQuestion};
use liaison_app::{AppError, Input};
use liaison_store::users::User;
use serde_json::{json, Map, Value};

async fn api_token(h: &Harness, user: &User) -> String {
    let token = CreateToken {
        name: "commands".into(),
        ..CreateToken::default()
    };
    h.app
        .access_tokens()
        .create(user, &token)
        .await
        .expect("token")
        .1
}

async fn api_post(h: &Harness, token: &str, path: &str, body: &Value) -> Page {
    let auth = format!("Bearer {token}");
    h.browser()
        .send(
            "POST",
            path,
            Some(("application/json", body.to_string().into_bytes())),
            &[("authorization", &auth)],
        )
        .await
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// A category with a required question and a question that takes several answers.
async fn category_with_questions(h: &Harness, admin: &User) -> i64 {
    let k = h.category(admin, "Dust", true).await;
    for (code, kind, required, choices) in [
        ("homes", "number", true, ""),
        ("days", "multiple_choice", false, "mon\ntue"),
    ] {
        let question = NewQuestion {
            code: code.into(),
            label: code.into(),
            kind: kind.into(),
            required: required.into(),
            choices: choices.into(),
            ..NewQuestion::default()
        };
        h.app
            .office()
            .add_question(admin, k, &question)
            .await
            .expect("question");
    }
    k
}

async fn a_form_and_a_json_body_are_the_same_command(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = category_with_questions(&h, &admin).await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "North".into(),
            },
        )
        .await
        .expect("area");
    let (k, area) = (k.to_string(), area.to_string());
    let form = [
        ("category", k.as_str()),
        ("description", "Dust over the school"),
        ("channel", "phone"),
        ("priority", "high"),
        ("confidentiality", "public"),
        ("area", area.as_str()),
        ("lat", "-26.2041"),
        ("lng", "28.0473"),
        ("reporter_name", "Thandi Mokoena"),
        ("reporter_email", "thandi@example.org"),
        ("reporter_language", "en"),
        ("q_homes", "12"),
        ("q_days", "mon"),
        ("q_days", "tue"),
        ("unknown", "ignored"),
    ];
    let body = json!({
        "category": k.parse::<i64>().expect("id"), "description": "Dust over the school",
        "channel": "phone", "priority": "high", "confidentiality": "public",
        "area": area.parse::<i64>().expect("id"), "lat": -26.2041, "lng": 28.0473,
        "reporter_name": "Thandi Mokoena", "reporter_email": "thandi@example.org",
        "reporter_language": "en", "anonymous": false,
        "answers": {"homes": 12, "days": ["mon", "tue"]}, "unknown": "ignored"
    });

    // Decoded, they are one command.
    let from_form: RecordConcern = Input::from_pairs(&form).decode().expect("form");
    let from_body: RecordConcern = from_json(&object(body.clone())).expect("json");
    assert_eq!(format!("{from_form:?}"), format!("{from_body:?}"));

    // Sent, through the staff intake form and the JSON API, they record the same concern.
    b.get(&format!("/staff/concerns/new?category={k}")).await;
    let recorded = b.post("/staff/concerns/new", &form).await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    let by_form = recorded
        .between("<a class=\"button\" href=\"/staff/concerns/", "\"")
        .and_then(|id| id.parse::<i64>().ok())
        .expect("the new concern's link");
    let token = api_token(&h, &admin).await;
    let created = api_post(&h, &token, "/api/v1/concerns", &body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let by_api = serde_json::from_str::<Value>(&created.body).expect("json")["id"]
        .as_i64()
        .expect("id");
    let stored = |id| {
        let app = h.app.clone();
        let admin = admin.clone();
        async move {
            let c = app
                .concerns()
                .get(&admin, id)
                .await
                .expect("concern")
                .concern;
            (
                c.category_id,
                c.description,
                c.channel,
                c.priority,
                c.confidentiality,
                c.area_id,
                c.point,
                c.anonymous,
                (c.reporter.name, c.reporter.email, c.reporter.language),
                format!("{:?}", c.answers),
            )
        }
    };
    assert_eq!(stored(by_form).await, stored(by_api).await);

    // The same step, as the concern page's form and as the API's body.
    let step = b
        .post(
            &format!("/staff/concerns/{by_form}/act"),
            &[("action", "acknowledge"), ("note", "")],
        )
        .await;
    assert_eq!(step.status, 303, "{}", step.body);
    let r = api_post(
        &h,
        &token,
        &format!("/api/v1/concerns/{by_api}/transitions"),
        &json!({"action": "acknowledge", "note": null}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // An update the reporter sees: the form's `visibility`, the API's `public`.
    let note = b
        .post(
            &format!("/staff/concerns/{by_form}/notes"),
            &[("body", "On our way"), ("visibility", "public")],
        )
        .await;
    assert_eq!(note.status, 303, "{}", note.body);
    let r = api_post(
        &h,
        &token,
        &format!("/api/v1/concerns/{by_api}/notes"),
        &json!({"body": "On our way", "public": true}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let handled = |id| {
        let app = h.app.clone();
        let admin = admin.clone();
        async move {
            let v = app.concerns().get(&admin, id).await.expect("concern");
            let lines: Vec<_> = v
                .timeline
                .iter()
                .map(|l| (l.kind, l.body.clone(), l.public, l.changed_to))
                .collect();
            (v.concern.status, lines)
        }
    };
    assert_eq!(handled(by_form).await, handled(by_api).await);

    // Wrong, they are refused with the same fields at fault.
    let bad_form = [
        ("category", k.as_str()),
        ("description", ""),
        ("channel", "pigeon"),
        ("confidentiality", "public"),
        ("lat", "north"),
        ("lng", "0"),
        ("reporter_email", "not-an-email"),
        ("q_days", "sun"),
    ];
    let bad_body = json!({
        "category": k, "description": "", "channel": "pigeon", "confidentiality": "public",
        "lat": "north", "lng": 0, "reporter_email": "not-an-email", "answers": {"days": "sun"}
    });
    let refused = |c: RecordConcern| {
        let app = h.app.clone();
        let admin = admin.clone();
        async move {
            match app.concerns().record(&admin, &c).await {
                Err(AppError::Invalid(e)) => e,
                other => panic!("not refused: {other:?}"),
            }
        }
    };
    let by_form = refused(Input::from_pairs(&bad_form).decode().expect("form")).await;
    let by_body = refused(from_json(&object(bad_body)).expect("json")).await;
    assert_eq!(by_form, by_body);
    for field in [
        "description",
        "channel",
        "lat",
        "reporter_email",
        "q_homes",
        "q_days",
    ] {
        assert!(by_form.for_field(field).is_some(), "{field}: {by_form:?}");
    }
    // A command decodes from what a person typed, whatever it is: the operation answers.
    let odd =
        from_json::<Transition>(&object(json!({"action": 7, "note": [1, 2]}))).expect("decodes");
    assert_eq!((odd.action.as_str(), odd.note.as_str()), ("7", "1"));
    let e = from_json::<Note>(&object(json!({"body": {"text": "x"}}))).expect_err("an object");
    assert_eq!(e.for_field("body"), Some("error-type"));
}

/// The routes of staff forms: every POST but those of the portal, the JSON API and Open311,
/// and signing in.
fn staff_posts() -> Vec<&'static str> {
    // The portal's forms are anyone's: a tracking code or a registration's link, not a
    // session, is the right.
    let public = [
        "/sign-in",
        "/report/{id}",
        "/track",
        "/track/reply",
        "/track/satisfaction",
        "/track/appeal",
        "/engagements/{id}/register",
        "/registrations/{secret}",
        "/invitations/{secret}",
        "/surveys/{key}",
    ];
    liaison_web::routes()
        .into_iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.path)
        .filter(|p| !p.starts_with("/api/") && !p.starts_with("/open311/"))
        .filter(|p| !public.contains(p))
        .collect()
}

async fn no_staff_form_is_handled_without_its_csrf_token(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    // Records with id 1 of each kind a form's address names, so a form with its token
    // would do something.
    let k = h.category(&admin, "General", true).await;
    let (id, _, _) = h.concern(&admin, k, "Something to handle", "public").await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "North".into(),
            },
        )
        .await
        .expect("area");
    let key = IssueKey {
        name: "City app".into(),
    };
    h.app.api_keys().create(None, &key).await.expect("key");
    api_token(&h, &admin).await;
    assert_eq!((k, id, area), (1, 1, 1));
    // Another session's token is no better than none.
    let (_, other) = h.signed_in("administrator", "Other Admin").await;
    let foreign = other
        .get("/staff/account")
        .await
        .between("name=\"csrf\" value=\"", "\"")
        .expect("a token");

    let routes = staff_posts();
    for expected in [
        "/sign-out",
        "/staff/account",
        "/staff/admin/areas",
        "/staff/concerns/new",
        "/staff/concerns/{id}/{form}",
        "/staff/concerns/{id}/attachments",
    ] {
        assert!(routes.contains(&expected), "{expected} in {routes:?}");
    }
    let count = |table: &'static str| {
        let store = h.store.clone();
        async move {
            let mut c = store.read().await.expect("connection");
            let (n,): (i64,) =
                liaison_store::sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(&mut *c)
                    .await
                    .expect("count");
            n
        }
    };
    let before = (count("audit_entries").await, count("sessions").await);
    let fields = "name=Forged&code=forged&action=acknowledge&assignee=me&body=Forged\
                  &visibility=public&of=&change=remove&active=yes&public=yes&time_zone=UTC\
                  &working_days=1&work_start=08:00&work_end=17:00&es%3Aname=Falso";
    for route in &routes {
        let path = route
            .replace("{id}", "1")
            .replace("{form}", "assign")
            .replace("{code}", "homes");
        for csrf in ["", "&csrf=", "&csrf=0000", &format!("&csrf={foreign}")] {
            let r = b
                .post_raw(&path, format!("{fields}{csrf}").into_bytes(), &[])
                .await;
            assert_eq!(r.status, 403, "POST {route} with {csrf:?}: {}", r.body);
            r.expect("This form has expired");
        }
    }
    assert_eq!(
        (count("audit_entries").await, count("sessions").await),
        before,
        "a form without its token changed something"
    );
    // Still signed in, and the same forms with the token are handled.
    let r = b.post("/staff/admin/areas", &[("name", "South")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(count("audit_entries").await, before.0 + 1);
}

async fn every_api_route_is_described_with_its_method(h: Harness) {
    let doc: Value = serde_json::from_str(&h.browser().get("/api/v1/openapi.json").await.body)
        .expect("the OpenAPI document");
    let described: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            let methods: Vec<String> = item
                .as_object()
                .expect("a path item")
                .keys()
                .map(|m| m.to_uppercase())
                .collect();
            methods.into_iter().map(move |m| (m, path.clone()))
        })
        .collect();
    // The description itself, its page, and the problem for unknown addresses.
    let apart = ["/api/v1/", "/api/v1/openapi.json", "/api/v1/{*rest}"];
    let routed: BTreeSet<(String, String)> = liaison_web::routes()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/") && !apart.contains(&r.path))
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert!(routed.len() >= 10, "{routed:?}");
    let undescribed: Vec<_> = routed.difference(&described).collect();
    assert!(
        undescribed.is_empty(),
        "API routes missing from openapi.json (describe them in their module's Doc): \
         {undescribed:?}"
    );
    let unrouted: Vec<_> = described.difference(&routed).collect();
    assert!(
        unrouted.is_empty(),
        "described but not routed: {unrouted:?}"
    );
    // The request bodies are the commands the operations take.
    let body = |path: &str| {
        doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .map(str::to_string)
    };
    for (path, schema) in [
        ("/api/v1/concerns", "RecordConcern"),
        ("/api/v1/concerns/{id}/transitions", "Transition"),
        ("/api/v1/concerns/{id}/assignment", "Assignment"),
        ("/api/v1/concerns/{id}/notes", "Note"),
        ("/api/v1/concerns/{id}/satisfaction", "Satisfaction"),
        ("/api/v1/concerns/{id}/appeals", "LodgeAppeal"),
    ] {
        assert_eq!(
            body(path).as_deref(),
            Some(format!("#/components/schemas/{schema}").as_str()),
            "{path}"
        );
        let properties = &doc["components"]["schemas"][schema]["properties"];
        assert!(properties.is_object(), "{schema}: {properties}");
    }
    // What the Transition schema says is what the operation does: a note is required for
    // these steps.
    let note = doc["components"]["schemas"]["Transition"]["properties"]["note"].to_string();
    for action in liaison_domain::concerns::Action::ALL {
        let named = note.contains(&format!("`{}`", action.as_str()));
        assert_eq!(named, action.needs_reason(), "{}: {note}", action.as_str());
    }
}

both!(
    a_form_and_a_json_body_are_the_same_command,
    no_staff_form_is_handled_without_its_csrf_token,
    every_api_route_is_described_with_its_method,
);
