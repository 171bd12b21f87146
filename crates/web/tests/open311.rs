//! Open311 GeoReport v2 as a client sees it: services, definitions, submissions, tokens and
//! requests in XML and JSON, every error case, and nothing private leaving.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Db, FilePart, Harness, Page};
use liaison_app::api_keys::IssueKey;
use liaison_app::concerns::{Note, Transition};
use liaison_app::office::{NewQuestion, SaveSettings};
use liaison_app::{Limit, List, Settings};
use liaison_store::users::User;

/// A public "Dust" service with one question of every datatype, and a staff-only category.
async fn office(h: &Harness) -> (User, i64) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let dust = h.category(&admin, "Dust", true).await;
    h.category(&admin, "Internal", false).await;
    for (code, label, kind, required, choices) in [
        ("homes", "How many homes?", "number", true, ""),
        ("kind", "What kind?", "single_choice", true, "fine\ncoarse"),
        ("days", "Which days?", "multiple_choice", false, "mon\ntue"),
        ("since", "Since when?", "date", false, ""),
        ("where", "Where exactly?", "short_text", false, ""),
        ("more", "Anything else?", "long_text", false, ""),
    ] {
        let question = NewQuestion {
            code: code.into(),
            label: label.into(),
            kind: kind.into(),
            required: required.into(),
            choices: choices.into(),
            ..NewQuestion::default()
        };
        h.app
            .office()
            .add_question(&admin, dust, &question)
            .await
            .expect("question");
    }
    (admin, dust)
}

async fn key(h: &Harness, name: &str) -> String {
    let issue = IssueKey { name: name.into() };
    h.app.api_keys().create(None, &issue).await.expect("key").1
}

fn json(p: &Page) -> serde_json::Value {
    assert!(
        p.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("application/json"),
        "{:?}",
        p.headers
    );
    serde_json::from_str(&p.body).unwrap_or_else(|e| panic!("{e}: {}", p.body))
}

async fn services_and_their_definitions(h: Harness) {
    office(&h).await;
    let b = h.browser();
    let xml = b.get("/open311/v2/services.xml").await;
    assert_eq!(xml.status, 200);
    assert!(xml.headers["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/xml; charset=utf-8"));
    assert_eq!(
        xml.body,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service>\
         <service_code>dust</service_code><service_name>Dust</service_name>\
         <description></description><metadata>true</metadata><type>realtime</type>\
         <keywords></keywords><group></group></service></services>"
    );
    let list = json(&b.get("/open311/v2/services.json").await);
    assert_eq!(
        list,
        serde_json::json!([{"service_code": "dust", "service_name": "Dust", "description": "",
            "metadata": true, "type": "realtime", "keywords": "", "group": ""}])
    );
    let def = json(&b.get("/open311/v2/services/dust.json").await);
    assert_eq!(def["service_code"], "dust");
    let attributes = def["attributes"].as_array().expect("attributes");
    let summary: Vec<(String, String, bool, f64)> = attributes
        .iter()
        .map(|a| {
            assert_eq!(a["variable"], true);
            (
                a["code"].as_str().unwrap_or_default().into(),
                a["datatype"].as_str().unwrap_or_default().into(),
                a["required"].as_bool().unwrap_or_default(),
                a["order"].as_f64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("homes", "number", true, 1.0),
            ("kind", "singlevaluelist", true, 2.0),
            ("days", "multivaluelist", false, 3.0),
            ("since", "datetime", false, 4.0),
            ("where", "string", false, 5.0),
            ("more", "text", false, 6.0),
        ]
        .map(|(c, d, r, o)| (c.to_string(), d.to_string(), r, o))
    );
    assert_eq!(
        attributes[1]["values"],
        serde_json::json!([{"key": "fine", "name": "fine"}, {"key": "coarse", "name": "coarse"}])
    );
    let def_xml = b.get("/open311/v2/services/dust.xml").await;
    assert!(def_xml.body.contains(
        "<attribute><variable>true</variable><code>kind</code><datatype>singlevaluelist</datatype>\
         <required>true</required><datatype_description></datatype_description><order>2</order>\
         <description>What kind?</description><values><value><key>fine</key><name>fine</name>\
         </value><value><key>coarse</key><name>coarse</name></value></values></attribute>"
    ), "{}", def_xml.body);
    // A staff-only category is as unknown as one that does not exist.
    for path in [
        "/open311/v2/services/internal.json",
        "/open311/v2/services/nothing.json",
    ] {
        let p = b.get(path).await;
        assert_eq!(p.status, 404, "{path}");
        assert_eq!(json(&p)[0]["code"], "404");
    }
    let p = b.get("/open311/v2/services/nothing.xml").await;
    assert_eq!(p.status, 404);
    assert!(p.body.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>404</code><description>"
    ));
    assert_eq!(b.get("/open311/v2/services.html").await.status, 404);
    let d = json(&b.get("/open311/v2/discovery.json").await);
    assert_eq!(
        d["endpoints"][0]["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert_eq!(
        d["endpoints"][0]["formats"],
        serde_json::json!(["text/xml", "application/json"])
    );
    let d = b.get("/open311/v2/discovery.xml").await;
    assert!(d
        .body
        .contains("<formats><format>text/xml</format><format>application/json</format></formats>"));
}

async fn a_client_submits_and_reads_back(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let b = h.browser();
    let body = common::serialize(&[
        ("api_key", &api_key),
        ("service_code", "dust"),
        ("lat", "51.5072"),
        ("long", "-0.1276"),
        ("address_string", "12 Mill Lane"),
        ("email", "rosa@example.org"),
        ("first_name", "Rosa"),
        ("last_name", "Parks"),
        ("description", "Dust from the quarry <every> morning"),
        ("attribute[homes]", "12"),
        ("attribute[kind]", "fine"),
        ("attribute[days][]", "mon"),
        ("attribute[days][]", "tue"),
        ("attribute[since]", "2026-11-01"),
    ]);
    let r = b
        .post_raw(
            "/open311/v2/requests.json",
            body.into_bytes(),
            // A browser-based 311 app on another site is welcome: the key authenticates.
            &[("origin", "https://fixit.example")],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let receipt = json(&r);
    let id = receipt[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_string();
    let token = receipt[0]["token"].as_str().expect("token").to_string();
    assert!(id.starts_with("C-"), "{id}");

    let t = json(&b.get(&format!("/open311/v2/tokens/{token}.json")).await);
    assert_eq!(
        t,
        serde_json::json!([{"service_request_id": id, "token": token}])
    );
    let t = b.get(&format!("/open311/v2/tokens/{token}.xml")).await;
    assert!(t
        .body
        .contains(&format!("<service_request_id>{id}</service_request_id>")));

    let one = json(&b.get(&format!("/open311/v2/requests/{id}.json")).await);
    let req = &one[0];
    assert_eq!(req["service_request_id"], id.as_str());
    assert_eq!(req["status"], "open");
    assert_eq!(req["service_code"], "dust");
    assert_eq!(req["service_name"], "Dust");
    assert_eq!(req["description"], "Dust from the quarry <every> morning");
    assert_eq!(req["address"], "12 Mill Lane");
    assert_eq!(req["lat"], 51.5072);
    assert_eq!(req["long"], -0.1276);
    let requested = req["requested_datetime"].as_str().expect("datetime");
    assert!(
        requested.ends_with('Z') || requested[19..].starts_with(['+', '-']),
        "{requested}"
    );
    let xml = b.get(&format!("/open311/v2/requests/{id}.xml")).await;
    assert!(xml.body.contains("<status>open</status>"), "{}", xml.body);
    assert!(xml
        .body
        .contains("<description>Dust from the quarry &lt;every&gt; morning</description>"));
    assert!(xml.body.contains("<lat>51.5072</lat><long>-0.1276</long>"));
    // The reporter's details reached the office but never leave through Open311.
    for text in [&xml.body, &one.to_string()] {
        assert!(!text.contains("rosa") && !text.contains("Parks"), "{text}");
    }
    let (admin, _) = h.user("administrator", "Second Admin").await;
    let concern_id = h
        .app
        .concerns()
        .id_by_reference(&admin, &id)
        .await
        .expect("stored");
    let stored = h
        .app
        .concerns()
        .get(&admin, concern_id)
        .await
        .expect("concern");
    assert_eq!(
        stored.concern.reporter.email.as_deref(),
        Some("rosa@example.org")
    );
    assert_eq!(stored.concern.channel.as_str(), "api");
    assert_eq!(stored.concern.answers.len(), 4);
    // The audit trail names the client behind the submission.
    let audit = h
        .app
        .audit_trail()
        .entries(&admin, None, 100)
        .await
        .expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.actor_kind == "client" && e.actor_label == "FixIt app"),
        "{audit:?}"
    );

    let list = json(&b.get("/open311/v2/requests.json").await);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let list = json(&b.get("/open311/v2/requests.json?status=closed").await);
    assert_eq!(list, serde_json::json!([]));
    let list = json(
        &b.get("/open311/v2/requests.json?status=open,closed&service_code=dust")
            .await,
    );
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let list = json(&b.get("/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z").await);
    assert_eq!(list, serde_json::json!([]));
    let list = json(
        &b.get(&format!(
            "/open311/v2/requests.json?service_request_id={id},C-1999-00001&status=closed"
        ))
        .await,
    );
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "ids override other filters"
    );
    let list = json(&b.get("/open311/v2/requests.json?page=2&page_size=1").await);
    assert_eq!(list, serde_json::json!([]));
    // The extended output carries the answers to the service's attributes.
    let list = json(&b.get("/open311/v2/requests.json?extensions=true").await);
    assert_eq!(
        list[0]["attributes"],
        serde_json::json!([
            {"code": "homes", "description": "How many homes?", "value": "12"},
            {"code": "kind", "description": "What kind?", "value": "fine"},
            {"code": "days", "description": "Which days?", "value": ["mon", "tue"]},
            {"code": "since", "description": "Since when?", "value": "2026-11-01"},
        ])
    );
    let xml = b.get("/open311/v2/requests.xml?extensions=true").await;
    assert!(
        xml.body.contains(
            "<attribute><code>days</code><description>Which days?</description>\
             <value><value>mon</value><value>tue</value></value></attribute>"
        ),
        "{}",
        xml.body
    );
}

/// The mySociety updates extension: the office's public steps go out, a client's update
/// comes in, and internal notes stay inside.
async fn updates_go_out_and_come_in(h: Harness) {
    let (admin, _) = office(&h).await;
    let noise = h.category(&admin, "Noise", true).await;
    let api_key = key(&h, "FixIt app").await;
    let b = h.browser();
    let (id, reference, _) = h
        .concern(&admin, noise, "Noise on Mill Lane", "public")
        .await;
    let (_, hidden, _) = h
        .concern(&admin, noise, "Noise at the depot", "restricted")
        .await;
    for (action, note) in [
        ("acknowledge", "We are looking into it."),
        ("start", ""),
        ("resolve", "The road was watered."),
        ("reopen", "The dust is back."),
    ] {
        h.app
            .concerns()
            .act(
                &admin,
                id,
                &Transition {
                    action: action.into(),
                    note: note.into(),
                    ..Transition::default()
                },
            )
            .await
            .expect(action);
    }
    for (body, visibility) in [
        ("Crew sent on Tuesday.", "public"),
        ("Internal: the contractor is at fault.", "internal"),
    ] {
        h.app
            .concerns()
            .add_note(
                &admin,
                id,
                &Note {
                    body: body.into(),
                    visibility: visibility.into(),
                    ..Note::default()
                },
            )
            .await
            .expect("note");
    }

    let feed = json(&b.get("/open311/v2/servicerequestupdates.json").await);
    let lines: Vec<(&str, &str, &str)> = feed
        .as_array()
        .expect("list")
        .iter()
        .map(|u| {
            assert!(u["update_id"].is_string() && u["updated_datetime"].is_string());
            (
                u["service_request_id"].as_str().unwrap_or_default(),
                u["status"].as_str().unwrap_or_default(),
                u["description"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let r = reference.as_str();
    assert_eq!(
        lines,
        [
            (r, "investigating", "We are looking into it."),
            (r, "in_progress", ""),
            (r, "fixed", "The road was watered."),
            (r, "reopen", "The dust is back."),
            (r, "in_progress", "Crew sent on Tuesday."),
        ],
        "{feed}"
    );
    let xml = b.get("/open311/v2/servicerequestupdates.xml").await;
    assert!(
        xml.body.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_request_updates><request_update>"
        ),
        "{}",
        xml.body
    );
    assert!(!xml.body.contains("Internal") && !xml.body.contains(&hidden));
    let later = json(
        &b.get("/open311/v2/servicerequestupdates.json?start_date=2999-01-01T00:00:00Z")
            .await,
    );
    assert_eq!(later, serde_json::json!([]));

    // The extended output carries Liaison's status and the public timeline.
    let list = json(&b.get("/open311/v2/requests.json?extensions=true").await);
    let req = &list.as_array().expect("list")[0];
    assert_eq!(req["extended_attributes"]["liaison_status"], "in_progress");
    assert_eq!(req["notes"].as_array().map(Vec::len), Some(5));
    assert_eq!(req["notes"][4]["description"], "Crew sent on Tuesday.");
    let plain = json(&b.get("/open311/v2/requests.json").await);
    assert!(plain[0].get("notes").is_none());

    // A client's update lands on the timeline in its name, public, and in the feed.
    let post = |body: Vec<(&str, &str)>| {
        let b = h.browser();
        let body = common::serialize(&body);
        async move {
            b.post_raw(
                "/open311/v2/servicerequestupdates.json",
                body.into_bytes(),
                &[],
            )
            .await
        }
    };
    let r = post(vec![
        ("api_key", &api_key),
        ("service_request_id", &reference),
        ("description", "Still dusty this morning."),
        ("status", "OPEN"),
        ("updated_datetime", "2026-11-23T08:00:00+01:00"),
    ])
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let answer = json(&r);
    let update_id = answer[0]["update_id"].as_str().expect("update id");
    let feed = json(&b.get("/open311/v2/servicerequestupdates.json").await);
    let last = feed.as_array().and_then(|l| l.last()).expect("a line");
    assert_eq!(last["update_id"], update_id);
    assert_eq!(last["description"], "Still dusty this morning.");
    let staff = h.app.concerns().get(&admin, id).await.expect("concern");
    assert!(staff
        .timeline
        .iter()
        .any(|e| e.actor_kind == "client" && e.body == "Still dusty this morning."));
    let audit = h
        .app
        .audit_trail()
        .entries(&admin, None, 100)
        .await
        .expect("audit");
    assert!(audit
        .iter()
        .any(|e| e.action == "concern.client_update" && e.actor_label == "FixIt app"));

    // Errors: no key, a hidden or missing request, and bad fields all at once.
    let r = post(vec![
        ("service_request_id", &reference),
        ("description", "x"),
    ])
    .await;
    assert_eq!(r.status, 403);
    let missing = post(vec![
        ("api_key", &api_key),
        ("service_request_id", "C-2026-99999"),
        ("description", "x"),
    ])
    .await;
    assert_eq!(missing.status, 404);
    let r = post(vec![
        ("api_key", &api_key),
        ("service_request_id", &hidden),
        ("description", "x"),
    ])
    .await;
    assert_eq!((r.status, &r.body), (missing.status, &missing.body));
    let r = post(vec![
        ("api_key", &api_key),
        ("service_request_id", &reference),
        ("status", "sideways"),
        ("media_url", "javascript:alert(1)"),
    ])
    .await;
    assert_eq!(r.status, 400);
    let errors: Vec<String> = json(&r)
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["description"].as_str().unwrap_or_default().to_string())
        .collect();
    for field in ["description:", "status:", "media_url:"] {
        assert!(errors.iter().any(|e| e.starts_with(field)), "{errors:?}");
    }
}

/// A client uploads a photo with `media` (multipart): it is kept without its location and
/// linked from the request as `media_url`.
async fn a_photo_comes_with_a_request(h: Harness) {
    let (admin, _) = office(&h).await;
    h.category(&admin, "Noise", true).await;
    let api_key = key(&h, "FixIt app").await;
    let b = h.browser();
    let fields = [
        ("api_key", api_key.as_str()),
        ("service_code", "noise"),
        ("address_string", "Mill Lane"),
        ("description", "Loud pumps"),
    ];
    let photo = FilePart {
        field: "media",
        name: "IMG_2041_Rosa.jpg",
        content_type: "image/jpeg",
        bytes: include_bytes!("fixtures/photo-gps.jpg"),
    };
    let (content_type, body) = common::multipart(&fields, &[photo]);
    let r = b
        .post_bytes("/open311/v2/requests.json", &content_type, body)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = json(&r)[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_string();
    let one = json(&b.get(&format!("/open311/v2/requests/{id}.json")).await);
    let media = one[0]["media_url"]
        .as_str()
        .expect("a media_url")
        .to_string();
    let path = media
        .split_once("//")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(_, p)| format!("/{p}"))
        .expect("an absolute link");
    // An anonymous request's file loses its telling name.
    assert!(path.ends_with("/photo-1.jpg"), "{path}");
    let (status, headers, bytes) = b.download(&path).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(
        bytes.as_slice(),
        include_bytes!("fixtures/photo.jpg"),
        "location removed"
    );
    let list = json(&b.get("/open311/v2/requests.json").await);
    assert_eq!(list[0]["media_url"], media.as_str());

    // Only photos, and only readable bodies.
    let pdf = FilePart {
        field: "media",
        name: "notes.pdf",
        content_type: "application/pdf",
        bytes: b"%PDF-1.4\n%%EOF\n",
    };
    let (content_type, body) = common::multipart(&fields, &[pdf]);
    let r = b
        .post_bytes("/open311/v2/requests.json", &content_type, body)
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(json(&r)[0]["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("media:")));
    let r = b
        .post_bytes(
            "/open311/v2/requests.xml",
            "multipart/form-data; boundary=nothing",
            b"garbage".to_vec(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("<errors><error><code>400</code>"),
        "{}",
        r.body
    );
    assert_eq!(
        json(&b.get("/open311/v2/requests.json").await)
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

/// Many clients at once: the intake writer stores them in groups, and each receipt names the
/// client's own request.
async fn many_clients_at_once_each_get_their_own_request(h: Harness) {
    let (admin, _) = office(&h).await;
    h.category(&admin, "Noise", true).await;
    let api_key = key(&h, "FixIt app").await;
    let mut tasks = Vec::new();
    for n in 0..48 {
        let b = h.browser();
        let body = common::serialize(&[
            ("api_key", &api_key),
            ("service_code", "noise"),
            ("address_string", &format!("{n} Mill Lane")),
            ("description", &format!("Request number {n}")),
        ]);
        tasks.push(tokio::spawn(async move {
            let r = b
                .post_raw("/open311/v2/requests.json", body.into_bytes(), &[])
                .await;
            (n, r)
        }));
    }
    let mut references = std::collections::HashSet::new();
    for t in tasks {
        let (n, r) = t.await.expect("task");
        assert_eq!(r.status, 201, "{}", r.body);
        let receipt = json(&r);
        let id = receipt[0]["service_request_id"]
            .as_str()
            .expect("id")
            .to_string();
        let token = receipt[0]["token"].as_str().expect("token").to_string();
        assert!(references.insert(id.clone()), "{id} given twice");
        let one = json(
            &h.browser()
                .get(&format!("/open311/v2/requests/{id}.json"))
                .await,
        );
        assert_eq!(one[0]["description"], format!("Request number {n}"));
        assert_eq!(one[0]["address"], format!("{n} Mill Lane"));
        let t = json(
            &h.browser()
                .get(&format!("/open311/v2/tokens/{token}.json"))
                .await,
        );
        assert_eq!(t[0]["service_request_id"], id.as_str());
    }
    assert_eq!(references.len(), 48);
}

async fn errors_are_reported_as_the_standard_says(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let b = h.browser();
    let post = |pairs: Vec<(&str, &str)>| {
        let body = common::serialize(&pairs).into_bytes();
        let b = &b;
        async move { b.post_raw("/open311/v2/requests.json", body, &[]).await }
    };
    let r = post(vec![("service_code", "dust"), ("lat", "1"), ("long", "1")]).await;
    assert_eq!(r.status, 403);
    assert_eq!(json(&r)[0]["code"], "403");
    let r = post(vec![("api_key", "wrong"), ("service_code", "dust")]).await;
    assert_eq!(r.status, 403);
    // The key may come in the query string instead.
    let r = b
        .post_raw(
            &format!("/open311/v2/requests.xml?api_key={api_key}"),
            b"service_code=nothing&lat=1&long=1".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(r.body.contains("<errors><error><code>404</code>"));
    // Several faults at once, each named by the parameter the client sent.
    let r = post(vec![
        ("api_key", &api_key),
        ("service_code", "dust"),
        ("lat", "95"),
        ("long", "1"),
        ("email", "not an email"),
        ("first_name", "Rosa"),
        ("attribute[homes]", "many"),
        ("attribute[kind]", "gravel"),
        ("attribute[since]", "last week"),
    ])
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let described: Vec<String> = json(&r)
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            assert_eq!(e["code"], "400");
            e["description"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    for field in [
        "lat:",
        "email:",
        "attribute[homes]:",
        "attribute[kind]:",
        "attribute[since]:",
    ] {
        assert!(
            described.iter().any(|d| d.starts_with(field)),
            "{field} in {described:?}"
        );
    }
    let r = post(vec![("api_key", &api_key), ("service_code", "dust")]).await;
    assert_eq!(r.status, 400);
    let described = json(&r).to_string();
    assert!(described.contains("lat: Give a location"), "{described}");
    assert!(described.contains("attribute[homes]:"), "{described}");
    let r = post(vec![("api_key", &api_key), ("lat", "1"), ("long", "1")]).await;
    assert_eq!(r.status, 400);
    assert!(json(&r).to_string().contains("service_code:"));
    // A revoked key is refused.
    let keys = h.app.api_keys().list(None).await.expect("keys");
    h.app
        .api_keys()
        .revoke(None, keys[0].id)
        .await
        .expect("revoke");
    let r = post(vec![
        ("api_key", &api_key),
        ("service_code", "dust"),
        ("lat", "1"),
        ("long", "1"),
        ("attribute[homes]", "1"),
        ("attribute[kind]", "fine"),
    ])
    .await;
    assert_eq!(r.status, 403);
    for bad in [
        "start_date=yesterday",
        "status=pending",
        "page=0",
        "page_size=1001",
        "page_size=abc",
    ] {
        let r = b.get(&format!("/open311/v2/requests.json?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
    }
    for path in [
        "/open311/v2/requests/C-2026-99999.json",
        "/open311/v2/requests/garbage.json",
        "/open311/v2/tokens/0000000000000000.json",
        "/open311/v2/tokens/garbage.json",
        "/open311/v2/nothing.json",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status, 404, "{path}");
    }
}

async fn only_public_concerns_leave(h: Harness) {
    let (admin, _) = office(&h).await;
    let noise = h.category(&admin, "Noise", true).await;
    let mut refs = Vec::new();
    for level in ["public", "restricted", "confidential"] {
        let (_, reference, _) = h
            .concern(&admin, noise, &format!("A {level} concern"), level)
            .await;
        refs.push(reference);
    }
    let b = h.browser();
    let list = json(&b.get("/open311/v2/requests.json").await);
    let listed: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|r| r["service_request_id"].as_str())
        .collect();
    assert_eq!(listed, [refs[0].as_str()]);
    let missing = b.get("/open311/v2/requests/C-2026-99999.json").await;
    for hidden in &refs[1..] {
        let r = b.get(&format!("/open311/v2/requests/{hidden}.json")).await;
        assert_eq!((r.status, &r.body), (missing.status, &missing.body));
    }
    let shown = b
        .get(&format!("/open311/v2/requests/{}.json", refs[0]))
        .await;
    // The harness's named reporter stays inside the office.
    assert!(!shown.body.contains("@"), "{}", shown.body);
}

async fn administrators_issue_and_revoke_keys_in_the_staff_pages(h: Harness) {
    let (admin, _) = office(&h).await;
    h.category(&admin, "Noise", true).await;
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    assert_eq!(officer.get("/staff/admin/api-keys").await.status, 403);
    let r = officer
        .post("/staff/admin/api-keys", &[("name", "Sneaky")])
        .await;
    assert_eq!(r.status, 403);
    let (_, b) = h.signed_in("administrator", "Ada Second").await;
    let r = b.post("/staff/admin/api-keys", &[("name", "")]).await;
    assert_eq!(r.status, 422);
    r.expect("aria-invalid=\"true\"");
    let r = b
        .post("/staff/admin/api-keys", &[("name", "City app")])
        .await;
    assert_eq!(r.status, 200);
    r.expect("Key issued to City app");
    let key = r
        .between("<code class=\"secret\">", "</code>")
        .expect("the key, shown once");
    // Shown once: the list names the client and the key's last characters only.
    let list = b.get("/staff/admin/api-keys").await;
    list.expect("City app").expect(&key[60..]).refute(&key);
    let submit = |key: String| {
        let c = h.browser();
        async move {
            let body = common::serialize(&[
                ("api_key", key.as_str()),
                ("service_code", "noise"),
                ("address_string", "Market Square"),
                ("description", "Generators all night"),
            ]);
            c.post_raw("/open311/v2/requests.xml", body.into_bytes(), &[])
                .await
        }
    };
    let r = submit(key.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = list
        .between("/staff/admin/api-keys/", "/revoke")
        .expect("revoke form");
    let r = b
        .post(&format!("/staff/admin/api-keys/{id}/revoke"), &[])
        .await;
    assert_eq!(r.status, 303);
    b.get("/staff/admin/api-keys").await.expect("Revoked");
    let r = submit(key).await;
    assert_eq!(r.status, 403);
}

both!(administrators_issue_and_revoke_keys_in_the_staff_pages);
both!(services_and_their_definitions);
both!(a_client_submits_and_reads_back);
both!(errors_are_reported_as_the_standard_says);
both!(only_public_concerns_leave);
both!(updates_go_out_and_come_in);
both!(a_photo_comes_with_a_request);
both!(many_clients_at_once_each_get_their_own_request);

/// Submissions beyond a key's or an address's limit are answered 429 with a wait, in the
/// standard's error shape, and store nothing.
async fn submissions_are_rate_limited(db: Db) {
    let settings = Settings {
        open311_per_key: Limit {
            per_minute: 1,
            burst: 2,
        },
        open311_per_address: Limit {
            per_minute: 1,
            burst: 4,
        },
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (admin, _) = office(&h).await;
    h.category(&admin, "Noise", true).await;
    let (first, second) = (key(&h, "First app").await, key(&h, "Second app").await);
    let submit = |api_key: String| {
        let b = h.browser();
        let body = common::serialize(&[
            ("api_key", &api_key),
            ("service_code", "noise"),
            ("address_string", "Mill Lane"),
        ]);
        async move {
            b.post_raw("/open311/v2/requests.json", body.into_bytes(), &[])
                .await
        }
    };
    for _ in 0..2 {
        assert_eq!(submit(first.clone()).await.status, 201);
    }
    let r = submit(first.clone()).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.headers["retry-after"]
        .to_str()
        .unwrap_or_default()
        .parse::<i64>()
        .is_ok_and(|s| s > 0));
    assert_eq!(json(&r)[0]["code"], "429");
    // Another key has its own allowance, until the address runs out of its own.
    assert_eq!(submit(second.clone()).await.status, 201);
    assert_eq!(submit(second.clone()).await.status, 429);
    let r = submit("no such key".into()).await;
    assert_eq!(r.status, 429, "wrong keys are slowed too");
    let stored = json(&h.browser().get("/open311/v2/requests.json").await);
    assert_eq!(stored.as_array().map(Vec::len), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_sqlite() {
    submissions_are_rate_limited(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_are_rate_limited_postgres() {
    submissions_are_rate_limited(Db::Postgres).await;
}

// One test per attribute datatype of GeoReport v2, each sending as a strict client sends
// (`attribute[CODE]=v`, `attribute[CODE][]=v` repeated for a multivaluelist) and reading the
// answer back with `extensions=true`, in JSON and in XML.

/// Submits a "dust" request with the required attributes (unless `sent` answers them) and
/// `sent`; on success, the request's `attributes` in JSON and the `<attributes>` element of
/// its XML, read back through `GET requests` with `extensions=true`.
async fn answered(
    h: &Harness,
    api_key: &str,
    sent: &[(&str, &str)],
) -> Result<(serde_json::Value, String), Vec<String>> {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("api_key", api_key),
        ("service_code", "dust"),
        ("lat", "51.5072"),
        ("long", "-0.1276"),
    ];
    for (code, default) in [("attribute[homes]", "1"), ("attribute[kind]", "fine")] {
        if !sent.iter().any(|(f, _)| *f == code) {
            pairs.push((code, default));
        }
    }
    pairs.extend_from_slice(sent);
    let b = h.browser();
    let r = b
        .post_raw(
            "/open311/v2/requests.json",
            common::serialize(&pairs).into_bytes(),
            &[],
        )
        .await;
    if r.status != 201 {
        assert_eq!(r.status, 400, "{}", r.body);
        return Err(json(&r)
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["description"].as_str().unwrap_or_default().to_string())
            .collect());
    }
    let id = json(&r)[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_string();
    let query = format!("service_request_id={id}&extensions=true");
    let list = json(&b.get(&format!("/open311/v2/requests.json?{query}")).await);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    let xml = b.get(&format!("/open311/v2/requests.xml?{query}")).await;
    assert_eq!(xml.status, 200, "{}", xml.body);
    let attributes = xml
        .between("<attributes>", "</attributes>")
        .unwrap_or_else(|| panic!("attributes in {}", xml.body));
    Ok((list[0]["attributes"].clone(), attributes))
}

/// The value answered back for `code` in JSON, and the `<attribute>` element in XML.
fn attribute(answer: &(serde_json::Value, String), code: &str) -> (serde_json::Value, String) {
    let (list, xml) = answer;
    let one = list
        .as_array()
        .expect("attributes")
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("{code} in {list}"));
    let start = format!("<attribute><code>{code}</code>");
    let i = xml
        .find(&start)
        .unwrap_or_else(|| panic!("{code} in {xml}"));
    let j = xml[i..].find("</attribute>").expect("closed") + i;
    (
        one["value"].clone(),
        xml[i..j + "</attribute>".len()].to_string(),
    )
}

/// Asserts a submission is refused with an error naming `attribute[code]`.
fn refused(result: Result<(serde_json::Value, String), Vec<String>>, code: &str, sent: &str) {
    let prefix = format!("attribute[{code}]: ");
    match result {
        Ok(answer) => panic!("{code}={sent:?} accepted: {answer:?}"),
        Err(described) => assert!(
            described.iter().any(|d| d.starts_with(&prefix)),
            "{code}={sent:?}: {described:?}"
        ),
    }
}

/// `string`: one line of text, answered back as sent (trimmed), escaped in XML.
async fn string_attributes_come_back_as_sent(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let sent = "By the gate, next to the <bins> & the \"old\" mill’s wall";
    let padded = format!("  {sent} ");
    let answer = answered(&h, &api_key, &[("attribute[where]", &padded)])
        .await
        .expect("accepted");
    let (value, xml) = attribute(&answer, "where");
    assert_eq!(value, sent);
    assert_eq!(
        xml,
        "<attribute><code>where</code><description>Where exactly?</description>\
         <value>By the gate, next to the &lt;bins&gt; &amp; the &quot;old&quot; mill’s wall\
         </value></attribute>"
    );
    let long = "x".repeat(201);
    refused(
        answered(&h, &api_key, &[("attribute[where]", &long)]).await,
        "where",
        "201 characters",
    );
}

/// `number`: integers and decimals, answered back as sent.
async fn number_attributes_take_integers_and_decimals(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    for sent in ["12", "0", "-3", "2.5", "-0.75", "1000000", "0.125"] {
        let answer = answered(&h, &api_key, &[("attribute[homes]", sent)])
            .await
            .unwrap_or_else(|e| panic!("{sent}: {e:?}"));
        let (value, xml) = attribute(&answer, "homes");
        assert_eq!(value, sent);
        assert_eq!(
            xml,
            format!(
                "<attribute><code>homes</code><description>How many homes?</description>\
                 <value>{sent}</value></attribute>"
            )
        );
    }
    for sent in ["many", "1,5", "NaN", "inf", "12 homes", "0x10"] {
        refused(
            answered(&h, &api_key, &[("attribute[homes]", sent)]).await,
            "homes",
            sent,
        );
    }
}

/// `datetime`: every ISO 8601 / W3C form a client sends, a date alone too. A date-time keeps
/// its instant and comes back in ISO 8601 with its zone (the office's when none was sent); a
/// date alone stays a date. Staff read it in the office's zone.
async fn datetime_attributes_take_dates_and_date_times(h: Harness) {
    let (admin, _) = office(&h).await;
    h.app
        .office()
        .save_settings(
            &admin,
            &SaveSettings {
                name: "Mill Town".into(),
                time_zone: "Europe/Paris".into(),
                working_days: List::from_iter(["1", "2", "3", "4", "5"]),
                work_start: "09:00".into(),
                work_end: "17:00".into(),
                ..SaveSettings::default()
            },
        )
        .await
        .expect("office in Paris");
    let api_key = key(&h, "FixIt app").await;
    for (sent, back) in [
        ("2026-12-06T09:30:00Z", "2026-12-06T09:30:00Z"),
        ("2026-12-06T10:30:00+01:00", "2026-12-06T10:30:00+01:00"),
        ("2026-12-06T04:30:00-0500", "2026-12-06T04:30:00-05:00"),
        ("2026-12-06T14:30:00+05", "2026-12-06T14:30:00+05:00"),
        ("2026-12-06T09:30:00.250Z", "2026-12-06T09:30:00.250Z"),
        (
            "2026-12-06T09:30:00.123456+00:00",
            "2026-12-06T09:30:00.123456Z",
        ),
        ("2026-12-06T09:30Z", "2026-12-06T09:30:00Z"),
        ("2026-12-06t09:30:00z", "2026-12-06T09:30:00Z"),
        ("2026-12-06 09:30:00Z", "2026-12-06T09:30:00Z"),
        // Without a zone, in the office's: winter and summer time in Paris.
        ("2026-12-06T10:30:00", "2026-12-06T10:30:00+01:00"),
        ("2026-07-06T10:30", "2026-07-06T10:30:00+02:00"),
        ("2026-12-06", "2026-12-06"),
    ] {
        let answer = answered(&h, &api_key, &[("attribute[since]", sent)])
            .await
            .unwrap_or_else(|e| panic!("{sent}: {e:?}"));
        let (value, xml) = attribute(&answer, "since");
        assert_eq!(value, back, "{sent}");
        assert_eq!(
            xml,
            format!(
                "<attribute><code>since</code><description>Since when?</description>\
                 <value>{back}</value></attribute>"
            ),
            "{sent}"
        );
    }
    for sent in [
        "last week",
        "2026-13-01",
        "2026-12-06T25:00:00Z",
        "2026-12-06T09:30:00+25:00",
        "06/12/2026",
        // 02:30 on the last Sunday of March never happened in Paris.
        "2026-03-29T02:30:00",
    ] {
        let result = answered(&h, &api_key, &[("attribute[since]", sent)]).await;
        if let Err(described) = &result {
            assert!(
                described
                    .iter()
                    .any(|d| d == "attribute[since]: This is not an ISO 8601 date and time."),
                "{sent}: {described:?}"
            );
        }
        refused(result, "since", sent);
    }
    // Staff read an instant in the office's zone, and a date as a date.
    let (_, staff) = h.signed_in("administrator", "Sam Staff").await;
    let list = h
        .app
        .open311()
        .requests(&liaison_app::open311::RequestQuery {
            service_codes: "dust".into(),
            ..Default::default()
        })
        .await
        .expect("requests");
    let shown = |since: &str| {
        let c = list
            .iter()
            .find(|c| {
                c.answers.iter().any(|(code, v)| {
                    code == "since"
                        && *v == liaison_domain::categories::AnswerValue::One(since.into())
                })
            })
            .unwrap_or_else(|| panic!("{since} stored"));
        format!("/staff/concerns/{}", c.id)
    };
    staff
        .get(&shown("2026-12-06T09:30:00Z"))
        .await
        .expect("<dt>Since when?</dt><dd>2026-12-06 10:30</dd>");
    staff
        .get(&shown("2026-12-06"))
        .await
        .expect("<dt>Since when?</dt><dd>2026-12-06</dd>");
}

/// `text`: several lines, kept, up to 4000 characters.
async fn text_attributes_keep_their_lines(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let sent = "First line\r\nSecond line\n\n  indented & <marked>";
    let answer = answered(&h, &api_key, &[("attribute[more]", sent)])
        .await
        .expect("accepted");
    let (value, xml) = attribute(&answer, "more");
    assert_eq!(value, sent);
    assert_eq!(
        xml,
        "<attribute><code>more</code><description>Anything else?</description>\
         <value>First line\r\nSecond line\n\n  indented &amp; &lt;marked&gt;</value></attribute>"
    );
    let full = "y".repeat(4000);
    let answer = answered(&h, &api_key, &[("attribute[more]", &full)])
        .await
        .expect("4000 characters");
    assert_eq!(attribute(&answer, "more").0, full.as_str());
    let long = "y".repeat(4001);
    refused(
        answered(&h, &api_key, &[("attribute[more]", &long)]).await,
        "more",
        "4001 characters",
    );
}

/// `singlevaluelist`: one of the attribute's keys.
async fn singlevaluelist_attributes_take_a_key(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let answer = answered(&h, &api_key, &[("attribute[kind]", "coarse")])
        .await
        .expect("accepted");
    let (value, xml) = attribute(&answer, "kind");
    assert_eq!(value, "coarse");
    assert_eq!(
        xml,
        "<attribute><code>kind</code><description>What kind?</description>\
         <value>coarse</value></attribute>"
    );
    refused(
        answered(&h, &api_key, &[("attribute[kind]", "gravel")]).await,
        "kind",
        "gravel",
    );
    refused(
        answered(
            &h,
            &api_key,
            &[("attribute[kind]", "fine"), ("attribute[kind]", "coarse")],
        )
        .await,
        "kind",
        "two keys",
    );
}

/// `multivaluelist`: `attribute[CODE][]` repeated, one key each, answered back as a list.
async fn multivaluelist_attributes_take_repeated_keys(h: Harness) {
    office(&h).await;
    let api_key = key(&h, "FixIt app").await;
    let answer = answered(
        &h,
        &api_key,
        &[("attribute[days][]", "tue"), ("attribute[days][]", "mon")],
    )
    .await
    .expect("accepted");
    let (value, xml) = attribute(&answer, "days");
    assert_eq!(value, serde_json::json!(["tue", "mon"]));
    assert_eq!(
        xml,
        "<attribute><code>days</code><description>Which days?</description>\
         <value><value>tue</value><value>mon</value></value></attribute>"
    );
    let answer = answered(&h, &api_key, &[("attribute[days][]", "mon")])
        .await
        .expect("one key");
    let (value, xml) = attribute(&answer, "days");
    assert_eq!(value, serde_json::json!(["mon"]));
    assert!(
        xml.ends_with("<value><value>mon</value></value></attribute>"),
        "{xml}"
    );
    refused(
        answered(
            &h,
            &api_key,
            &[("attribute[days][]", "mon"), ("attribute[days][]", "sun")],
        )
        .await,
        "days",
        "sun",
    );
}

both!(string_attributes_come_back_as_sent);
both!(number_attributes_take_integers_and_decimals);
both!(datetime_attributes_take_dates_and_date_times);
both!(text_attributes_keep_their_lines);
both!(singlevaluelist_attributes_take_a_key);
both!(multivaluelist_attributes_take_repeated_keys);
