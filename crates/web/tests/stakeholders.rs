//! The stakeholder register over HTTP, as officers use it: adding people and organizations
//! through the forms, being told of likely duplicates, changing an assessment and seeing it
//! on the timeline, finding people by name, tag and a phone number typed any way, and what
//! viewers do not see.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::office::NewArea;
use liaison_store::users::User;
use serde_json::{json, Value};

async fn an_officer_keeps_the_register(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let north = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "North ward".into(),
            },
        )
        .await
        .expect("area")
        .to_string();
    let (officer, b) = h.signed_in("officer", "Olu Officer").await;
    let form = b.get("/staff/people/new").await;
    assert_eq!(form.status, 200);
    form.expect("Add a person").expect("North ward");

    // Everything wrong at once: each field marked, nothing stored, what was typed kept.
    let bad = b
        .post(
            "/staff/people",
            &[
                ("name", ""),
                ("phones", "call me maybe"),
                ("emails", "amina-at-example"),
                ("language", "Somali"),
                ("influence", "enormous"),
                ("notes", "Met at the school gate"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    bad.expect("aria-invalid=\"true\"")
        .expect("Write a language tag")
        .expect("Met at the school gate");
    assert!(b
        .get("/staff/people")
        .await
        .body
        .contains("No one you may see matches"));

    let amina = [
        ("name", "Amina Yusuf"),
        ("addressed_as", "Mrs Yusuf"),
        ("phones", "+1 (555) 010-2030"),
        ("phones", ""),
        ("emails", "Amina@Example.org"),
        ("language", "so"),
        ("interpreter", "yes"),
        ("areas", north.as_str()),
        ("tags", "School principal, youth"),
        ("confidentiality", "restricted"),
        ("influence", "high"),
        ("interest", "medium"),
    ];
    let added = b.post("/staff/people", &amina).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let page_path = added.location.clone().expect("the person's page");
    let page = b.get(&page_path).await;
    assert_eq!(page.status, 200);
    page.expect("Amina Yusuf")
        .expect("Mrs Yusuf")
        .expect("amina@example.org")
        .expect("tel:+15550102030")
        .expect("needs an interpreter")
        .expect("North ward")
        .expect("school principal")
        .expect("Added to the register")
        .expect("Influence: Not assessed → High");

    // The same phone written another way: proposed as a duplicate, added only when the
    // officer says it is someone else.
    let again = [
        ("name", "A. Yusuf"),
        ("phones", "555.010.2030"),
        ("confidentiality", "restricted"),
    ];
    let refused = b.post("/staff/people", &again).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused
        .expect("Already in the register?")
        .expect(&format!("href=\"{page_path}\""));
    let mut confirmed = again.to_vec();
    confirmed.push(("not_a_duplicate", "yes"));
    assert_eq!(b.post("/staff/people", &confirmed).await.status, 303);
    // The same name in another order is proposed too.
    let swapped = b
        .post(
            "/staff/people",
            &[("name", "Yusuf Amina"), ("confidentiality", "restricted")],
        )
        .await;
    assert_eq!(swapped.status, 422);

    // Found by name, tag, and the phone typed any way; the list filters by area and tag.
    for q in ["amina", "princ", "5550102030", "(555)%20010-2030"] {
        let found = b.get(&format!("/staff/people?q={q}")).await;
        assert!(found.body.contains("Amina Yusuf"), "{q}");
    }
    let filtered = b
        .get(&format!(
            "/staff/people?area={north}&tag=youth&influence=high"
        ))
        .await;
    filtered.expect("Amina Yusuf").refute("A. Yusuf");
    let search = b.get("/staff/search?q=amina").await;
    search.expect("People").expect("Amina Yusuf");

    // A new assessment and a change of details: both on the timeline, the form refilled
    // with what is stored.
    let edit = b.get(&format!("{page_path}/edit")).await;
    edit.expect("value=\"+1 (555) 010-2030\"")
        .expect("value=\"school principal, youth\"");
    let mut changed = amina.to_vec();
    changed.retain(|(k, _)| *k != "influence" && *k != "emails");
    changed.push(("influence", "medium"));
    changed.push(("attitude", "leaning_opposed"));
    changed.push(("emails", "amina.yusuf@school.example"));
    let saved = b.post(&page_path, &changed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    b.get(&page_path)
        .await
        .expect("Influence: High → Medium")
        .expect("Attitude: Not assessed → Leaning opposed")
        .expect("Details changed: Email addresses, Influence, Attitude")
        .expect("amina.yusuf@school.example")
        .refute("amina@example.org");
    // On the grid, in her cell, which lists her.
    let grid = b.get("/staff/people/grid").await;
    grid.expect("href=\"/staff/people?influence=medium&amp;interest=medium\"><strong>1</strong>")
        .expect("href=\"/staff/people?influence=high&amp;interest=high\"><strong>0</strong>")
        .expect("1 not assessed yet.");
    b.get("/staff/people?influence=medium&interest=medium")
        .await
        .expect("Amina Yusuf");
    // The old email no longer finds her; the new one does.
    b.get("/staff/people?q=amina%40example.org")
        .await
        .refute("Amina Yusuf");
    b.get("/staff/people?q=amina.yusuf%40school.example")
        .await
        .expect("Amina Yusuf");

    // Consent: nothing agreed until recorded; agreeing needs when and how; asking not to
    // be contacted clears what was agreed.
    b.get(&page_path)
        .await
        .expect("No consent recorded: do not contact them until they agree.");
    let consent = format!("{page_path}/consent");
    let half = b
        .post(
            &consent,
            &[("channels", "email"), ("purposes", "invitations")],
        )
        .await;
    assert_eq!(half.status, 422, "{}", half.body);
    half.expect("Say when they gave their consent.")
        .expect("Say how they gave their consent.");
    let given = b
        .post(
            &consent,
            &[
                ("channels", "email"),
                ("channels", "sms"),
                ("purposes", "invitations"),
                ("given_on", "2026-11-02"),
                ("method", "verbal"),
                ("note", "At the school gate"),
            ],
        )
        .await;
    assert_eq!(given.status, 303, "{}", given.body);
    b.get(&page_path)
        .await
        .expect("email, text messages — invitations to meetings (said so, 2026-11-02)")
        .expect("Consent recorded: email, text messages — invitations to meetings");
    let refused = b
        .post(
            &consent,
            &[("channels", "email"), ("do_not_contact", "yes")],
        )
        .await;
    assert_eq!(refused.status, 303, "{}", refused.body);
    b.get(&page_path)
        .await
        .expect("class=\"notice error\">Asked not to be contacted.");

    // An organization, with its type.
    let org = b
        .post(
            "/staff/organizations",
            &[
                ("name", "North Residents' Association"),
                ("organization_type", "residents_association"),
                ("emails", "chair@nra.example"),
                ("confidentiality", "restricted"),
            ],
        )
        .await;
    assert_eq!(org.status, 303, "{}", org.body);
    b.get(&org.location.expect("its page"))
        .await
        .expect("Residents&#39; association")
        .expect("chair@nra.example");
    b.get("/staff/organizations?type=residents_association")
        .await
        .expect("North Residents");

    // Amina leads the association: named by its name, shown on both pages and timelines.
    let nra_path = format!("/staff/organizations/{}", nra_id(&b).await);
    let related = b
        .post(
            &format!("{page_path}/relationships"),
            &[
                ("kind", "leader"),
                ("with_kind", "organization"),
                ("with", "north residents' association"),
                ("title", "Chairperson"),
                ("starts_on", "2024-03-01"),
            ],
        )
        .await;
    assert_eq!(related.status, 303, "{}", related.body);
    b.get(&page_path)
        .await
        .expect("Leader of <a href=\"/staff/organizations/")
        .expect("Chairperson")
        .expect("since 2024-03-01")
        .expect("Relationship begun: Leader: North Residents&#39; Association");
    b.get(&nra_path)
        .await
        .expect("Leader: <a href=\"/staff/people/")
        .expect("Amina Yusuf");
    // A position in a person is refused; two organizations of one name are offered to
    // choose from.
    let wrong = b
        .post(
            &format!("{page_path}/relationships"),
            &[
                ("kind", "leader"),
                ("with_kind", "person"),
                ("with", "A. Yusuf"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    wrong.expect("This relationship does not join these two kinds of record");
    for _ in 0..2 {
        let clinic = b
            .post(
                "/staff/organizations",
                &[
                    ("name", "Hope Clinic"),
                    ("organization_type", "health_provider"),
                    ("not_a_duplicate", "yes"),
                ],
            )
            .await;
        assert_eq!(clinic.status, 303, "{}", clinic.body);
    }
    let ambiguous = b
        .post(
            &format!("{page_path}/relationships"),
            &[
                ("kind", "member"),
                ("with_kind", "organization"),
                ("with", "Hope Clinic"),
            ],
        )
        .await;
    assert_eq!(ambiguous.status, 422);
    ambiguous.expect("Several records match: choose one.");
    let choice = ambiguous
        .between("name=\"with\" value=\"", "\"")
        .expect("a candidate");
    let chosen = b
        .post(
            &format!("{page_path}/relationships"),
            &[
                ("kind", "member"),
                ("with_kind", "organization"),
                ("with", &choice),
            ],
        )
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    // Ending the membership: dated, on the timeline, no longer offered to end.
    let page = b.get(&page_path).await;
    let ends: Vec<&str> = page.body.matches("/end\"").collect();
    assert_eq!(ends.len(), 2);
    let membership = page
        .body
        .rsplit("action=\"/staff/relationships/")
        .next()
        .and_then(|rest| rest.split('/').next())
        .expect("the membership's end form")
        .to_string();
    let ended = b
        .post(
            &format!("/staff/relationships/{membership}/end"),
            &[("ends_on", "2026-11-30"), ("back", &page_path)],
        )
        .await;
    assert_eq!(ended.status, 303, "{}", ended.body);
    assert_eq!(ended.location.as_deref(), Some(page_path.as_str()));
    let page = b.get(&page_path).await;
    page.expect("until 2026-11-30")
        .expect("Relationship ended: Member: Hope Clinic");
    assert_eq!(page.body.matches("/end\"").count(), 1);

    // A viewer reads the register without contact details, and finds no one by them.
    let (_, viewer) = h.signed_in("viewer", "Vic Viewer").await;
    viewer
        .get(&page_path)
        .await
        .expect("Amina Yusuf")
        .expect("Your role does not show contact details.")
        .refute("amina.yusuf@school.example")
        // The phone as shown and as linked; not "555" alone, which a random CSRF token
        // may hold.
        .refute("(555) 010-2030")
        .refute("5550102030");
    viewer
        .get("/staff/people?q=5550102030")
        .await
        .refute("Amina Yusuf");
    assert_eq!(viewer.get("/staff/people/new").await.status, 403);

    // A confidential person is the officer's who keeps them, and nobody else's below
    // supervisors.
    let secret = b
        .post(
            "/staff/people",
            &[
                ("name", "Witness Nine"),
                ("confidentiality", "confidential"),
                ("owner", &officer.id.to_string()),
            ],
        )
        .await;
    let secret_path = secret.location.expect("the page");
    assert_eq!(b.get(&secret_path).await.status, 200);
    let (_, other) = h.signed_in("officer", "Oscar Other").await;
    assert_eq!(other.get(&secret_path).await.status, 404);
    other
        .get("/staff/people?q=witness")
        .await
        .refute("Witness Nine");
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    assert_eq!(partner.get("/staff/people").await.status, 403);

    // Amina asks for her data, then to be erased: a supervisor answers both.
    assert_eq!(
        b.post(&format!("{page_path}/export"), &[]).await.status,
        403
    );
    let (_, sup) = h.signed_in("supervisor", "Sam Super").await;
    sup.get(&page_path)
        .await
        .expect("Export all we hold (JSON)");
    let exported = sup.post(&format!("{page_path}/export"), &[]).await;
    assert_eq!(exported.status, 200, "{}", exported.body);
    assert!(exported.headers["content-disposition"]
        .to_str()
        .expect("header")
        .starts_with("attachment"));
    let document: Value = serde_json::from_str(&exported.body).expect("JSON");
    assert_eq!(document["name"], "Amina Yusuf");
    assert_eq!(document["emails"], json!(["amina.yusuf@school.example"]));
    assert_eq!(document["consent"]["do_not_contact"], true);
    assert_eq!(document["relationships"][0]["kind"], "leader");
    assert!(document["timeline"].as_array().expect("lines").len() >= 5);
    let unconfirmed = sup.post(&format!("{page_path}/erase"), &[]).await;
    assert_eq!(unconfirmed.status, 422);
    unconfirmed.expect("Tick the box to confirm they asked to be erased.");
    let erased = sup
        .post(&format!("{page_path}/erase"), &[("confirm", "yes")])
        .await;
    assert_eq!(erased.status, 303, "{}", erased.body);
    let id = page_path.rsplit('/').next().expect("id");
    sup.get(&page_path)
        .await
        .expect(&format!("Erased person {id}"))
        .expect("Erased at their request.")
        .refute("Amina")
        .refute("school.example")
        .refute("Mrs Yusuf")
        // The relationship stays, so counts stay right.
        .expect("Leader of");
    for q in ["amina", "5550102030", "amina.yusuf%40school.example"] {
        sup.get(&format!("/staff/people?q={q}"))
            .await
            .refute(&format!("/staff/people/{id}\""));
    }
    // Nothing can be added back to an erased record.
    assert_eq!(b.post(&page_path, &amina).await.status, 422);

    // The append-only audit trail names records, never a person's name or contacts: a
    // person may ask to be erased.
    let mut c = h.store.read().await.expect("read");
    let (named,): (i64,) = liaison_store::sqlx::query_as(
        "SELECT COUNT(*) FROM audit_entries WHERE changes LIKE '%Yusuf%' \
         OR changes LIKE '%555%' OR changes LIKE '%example.org%'",
    )
    .fetch_one(&mut *c)
    .await
    .expect("count");
    assert_eq!(named, 0);
}

async fn token(h: &Harness, user: &User) -> String {
    let token = CreateToken {
        name: "register".into(),
        ..CreateToken::default()
    };
    h.app
        .access_tokens()
        .create(user, &token)
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

fn parsed(p: &Page) -> Value {
    serde_json::from_str(&p.body).expect("JSON")
}

async fn the_register_over_the_api(h: Harness) {
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let t = token(&h, &officer).await;
    // Invalid: every field at fault, as problem+json.
    let bad = call(
        &h,
        &t,
        "POST",
        "/api/v1/people",
        Some(json!({"name": "", "emails": ["nobody"], "attitude": "furious"})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let fields: Vec<String> = parsed(&bad)["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(fields, ["name", "emails", "attitude"]);

    let amina = json!({
        "name": "Amina Yusuf",
        "phones": ["+1 (555) 010-2030"],
        "emails": ["amina@example.org"],
        "language": "so",
        "interpreter": true,
        "tags": ["school principal", "youth"],
        "influence": "high",
    });
    let added = call(&h, &t, "POST", "/api/v1/people", Some(amina.clone())).await;
    assert_eq!(added.status, 201, "{}", added.body);
    let id = parsed(&added)["id"].as_i64().expect("id");
    assert_eq!(
        added.location.as_deref(),
        Some(format!("/api/v1/people/{id}").as_str())
    );
    // The same email again is a likely duplicate, unless said otherwise.
    let again = call(
        &h,
        &t,
        "POST",
        "/api/v1/people",
        Some(json!({"name": "A. Yusuf", "emails": ["AMINA@example.org"]})),
    )
    .await;
    assert_eq!(again.status, 422);
    assert_eq!(
        parsed(&again)["errors"][0]["code"],
        "error-likely-duplicate"
    );
    let forced = call(
        &h,
        &t,
        "POST",
        "/api/v1/people",
        Some(
            json!({"name": "A. Yusuf", "emails": ["a.yusuf@example.org"], "not_a_duplicate": true}),
        ),
    )
    .await;
    assert_eq!(forced.status, 201, "{}", forced.body);

    // One person with their timeline; a change answers the person as stored.
    let one = parsed(&call(&h, &t, "GET", &format!("/api/v1/people/{id}"), None).await);
    assert_eq!(one["name"], "Amina Yusuf");
    assert_eq!(one["phones"], json!(["+1 (555) 010-2030"]));
    assert_eq!(one["interpreter"], true);
    assert_eq!(one["timeline"][0]["kind"], "influence");
    assert_eq!(one["timeline"][0]["to"], "high");
    let mut changed = amina.clone();
    changed["influence"] = json!("low");
    let updated = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/people/{id}"),
        Some(changed),
    )
    .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let now = parsed(&updated);
    assert_eq!(now["influence"], "low");
    assert_eq!(now["timeline"][0]["from"], "high");

    // Lists: by name with a cursor, searched by phone; bad filters are refused.
    let page1 = parsed(&call(&h, &t, "GET", "/api/v1/people?limit=1", None).await);
    assert_eq!(page1["items"][0]["name"], "A. Yusuf");
    let cursor = page1["next"].as_str().expect("a next page").to_string();
    let page2 = parsed(
        &call(
            &h,
            &t,
            "GET",
            &format!("/api/v1/people?limit=1&cursor={}", urlencode(&cursor)),
            None,
        )
        .await,
    );
    assert_eq!(page2["items"][0]["name"], "Amina Yusuf");
    assert!(page2.get("next").is_none());
    let by_phone = parsed(&call(&h, &t, "GET", "/api/v1/people?q=5550102030", None).await);
    assert_eq!(by_phone["items"][0]["id"], id);
    let refused = call(&h, &t, "GET", "/api/v1/people?influence=huge&limit=0", None).await;
    assert_eq!(refused.status, 400);

    // Organizations the same way.
    let org = call(
        &h,
        &t,
        "POST",
        "/api/v1/organizations",
        Some(json!({"name": "Hope Clinic", "organization_type": "health_provider"})),
    )
    .await;
    assert_eq!(org.status, 201, "{}", org.body);
    let orgs = parsed(
        &call(
            &h,
            &t,
            "GET",
            "/api/v1/organizations?type=health_provider",
            None,
        )
        .await,
    );
    assert_eq!(orgs["items"][0]["organization_type"], "health_provider");
    let clinic = orgs["items"][0]["id"].as_i64().expect("clinic");
    let staff = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/people/{id}/relationships"),
        Some(
            json!({"kind": "staff", "with_kind": "organization", "with": clinic, "title": "Nurse"}),
        ),
    )
    .await;
    assert_eq!(staff.status, 201, "{}", staff.body);
    let relationship = parsed(&staff)["id"].as_i64().expect("id");
    let ended = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/relationships/{relationship}/end"),
        Some(json!({"ends_on": "2026-10-31"})),
    )
    .await;
    assert_eq!(ended.status, 200, "{}", ended.body);
    let seen = parsed(
        &call(
            &h,
            &t,
            "GET",
            &format!("/api/v1/organizations/{clinic}"),
            None,
        )
        .await,
    );
    let r = &seen["relationships"][0];
    assert_eq!(
        (
            r["kind"].as_str(),
            r["direction"].as_str(),
            r["other_id"].as_i64()
        ),
        (Some("staff"), Some("to"), Some(id))
    );
    assert_eq!(r["title"], "Nurse");
    assert_eq!(r["ends_on"], "2026-10-31");

    // Consent over the API: the person as now stored.
    let consented = call(
        &h,
        &t,
        "POST",
        &format!("/api/v1/people/{id}/consent"),
        Some(json!({"channels": ["phone"], "purposes": ["updates", "surveys"], "given_on": "2026-12-01", "method": "written"})),
    )
    .await;
    assert_eq!(consented.status, 200, "{}", consented.body);
    let c = &parsed(&consented)["consent"];
    assert_eq!(c["channels"], json!(["phone"]));
    assert_eq!(c["purposes"], json!(["updates", "surveys"]));
    assert_eq!(c["do_not_contact"], false);

    // A viewer gets people without contact details.
    let (viewer, _) = h.user("viewer", "Vic Viewer").await;
    let v = token(&h, &viewer).await;
    let seen = parsed(&call(&h, &v, "GET", &format!("/api/v1/people/{id}"), None).await);
    assert_eq!(seen["contacts_shown"], false);
    assert_eq!(seen["phones"], json!([]));
    assert_eq!(
        call(&h, &v, "POST", "/api/v1/people", Some(amina))
            .await
            .status,
        403
    );
}

/// Percent-encodes a query value.
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The id of the North Residents' Association, from the organizations' list.
async fn nra_id(b: &common::Browser) -> String {
    b.get("/staff/organizations?q=north+residents")
        .await
        .between("<td><a href=\"/staff/organizations/", "\"")
        .expect("the association")
}

async fn saved_lists_are_kept_and_shared(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    for (name, tag) in [("Amina Yusuf", "school principal"), ("Bola Ade", "pastor")] {
        let p = liaison_app::stakeholders::SavePerson {
            name: name.into(),
            tags: [tag].into_iter().collect(),
            ..Default::default()
        };
        h.app
            .stakeholders()
            .add_person(&admin, &p)
            .await
            .expect("person");
    }
    let (_, b) = h.signed_in("officer", "Olu Officer").await;
    let list = b.get("/staff/people?tag=school+principal").await;
    list.expect("Save this list")
        .expect("name=\"query\" value=\"tag=school%20principal\"");
    let nameless = b
        .post(
            "/staff/people/lists",
            &[("name", ""), ("query", "tag=school principal")],
        )
        .await;
    assert_eq!(nameless.status, 422);
    nameless
        .expect("aria-invalid=\"true\"")
        .expect("Amina Yusuf");
    let saved = b
        .post(
            "/staff/people/lists",
            &[
                ("name", "School principals"),
                ("query", "tag=school principal&after=x.1"),
                ("shared", "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = b.get("/staff/people").await;
    page.expect("School principals")
        .expect("href=\"/staff/people?tag=school+principal\"");
    let opened = b.get("/staff/people?tag=school+principal").await;
    opened.expect("Amina Yusuf");
    assert!(!opened.body.contains("Bola Ade"));
    // Shared: another officer sees it, and may not forget it; a private one is the owner's.
    let (_, other) = h.signed_in("officer", "Otto Other").await;
    let theirs = other.get("/staff/people").await;
    theirs.expect("School principals");
    assert!(
        !theirs.body.contains("/delete"),
        "only its owner or an overseer forgets it"
    );
    let id = page
        .between("action=\"/staff/lists/", "/delete")
        .expect("a forget button");
    assert_eq!(
        other
            .post(&format!("/staff/lists/{id}/delete"), &[])
            .await
            .status,
        404
    );
    let forgot = b.post(&format!("/staff/lists/{id}/delete"), &[]).await;
    assert_eq!(forgot.status, 303);
    assert!(!b
        .get("/staff/people")
        .await
        .body
        .contains("School principals"));
}

both!(
    an_officer_keeps_the_register,
    the_register_over_the_api,
    saved_lists_are_kept_and_shared
);
