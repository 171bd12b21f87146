//! Feedback surveys over the JSON API: a template with its questions, a survey made from it
//! about an engagement, opened, answers typed in from paper (each checked against its
//! question), its results and its responses page by page, the personal links sent to those
//! who came; and who may make and see them. Over the real server, on SQLite and PostgreSQL.

use liaison_app::access_tokens::CreateToken;
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
        name: "surveys".into(),
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

/// An id from a 201.
fn id_of(page: &Page) -> i64 {
    assert_eq!(page.status, 201, "{}", page.body);
    read(page)["id"].as_i64().expect("id")
}

/// Plans a forum 30 days from now with these extra fields: answers its id.
async fn engagement(h: &Harness, t: &str, title: &str, extra: Value) -> i64 {
    let on = day(30);
    let mut plan = json!({
        "kind": "forum",
        "title": title,
        "starts_at": format!("{on}T18:00"),
        "ends_at": format!("{on}T20:00"),
        "time_zone": "Africa/Johannesburg",
        "address": "Riverside Hall, 12 Mill Road",
    });
    if let (Some(p), Value::Object(more)) = (plan.as_object_mut(), extra) {
        p.extend(more);
    }
    id_of(&call(h, t, "POST", "/api/v1/engagements", Some(plan)).await)
}

async fn a_survey_from_its_template_to_its_results(h: Harness) {
    let (olu, _) = h.user("officer", "Olu Officer").await;
    let t = token(&h, &olu).await;

    // A template and its questions.
    let made = call(
        &h,
        &t,
        "POST",
        "/api/v1/surveys",
        Some(json!({"title": "After a forum", "intro": "Tell us how it went.", "template": true})),
    )
    .await;
    let template = id_of(&made);
    let path = format!("/api/v1/surveys/{template}");
    assert_eq!(made.location.as_deref(), Some(path.as_str()));
    let questions = format!("{path}/questions");
    let mut asked = Vec::new();
    for q in [
        json!({"kind": "rating", "label": "How useful was it?", "required": true}),
        json!({"kind": "single", "label": "How did you come?", "choices": "Bus\nWalk\nCar"}),
        json!({"kind": "multiple", "label": "What worries you?", "choices": "Dust\nNoise\nTraffic"}),
        json!({"kind": "text", "label": "Anything else?"}),
    ] {
        asked.push(id_of(&call(&h, &t, "POST", &questions, Some(q)).await));
    }
    // A question that does not hold: each field says what is wrong.
    let bad = call(
        &h,
        &t,
        "POST",
        &questions,
        Some(json!({"kind": "single", "label": "", "choices": "Only one"})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(code_of(&bad, "label").as_deref(), Some("error-required"));
    assert_eq!(
        code_of(&bad, "choices").as_deref(),
        Some("error-survey-choices")
    );
    let bad = call(
        &h,
        &t,
        "POST",
        &questions,
        Some(json!({"kind": "rating", "label": "Scale?", "low": 5, "high": 1})),
    )
    .await;
    assert_eq!(
        code_of(&bad, "scale").as_deref(),
        Some("error-survey-scale")
    );
    // A question changed (200, the template) and one removed.
    let extra = id_of(
        &call(
            &h,
            &t,
            "POST",
            &questions,
            Some(json!({"kind": "text", "label": "Temporary"})),
        )
        .await,
    );
    let changed = call(
        &h,
        &t,
        "POST",
        &questions,
        Some(json!({"question": extra, "kind": "text", "label": "Still temporary"})),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(read(&changed)["questions"][4]["label"], "Still temporary");
    let removed = call(
        &h,
        &t,
        "POST",
        &questions,
        Some(json!({"question": extra, "remove": true})),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let s = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(s["reference"], format!("S-{template:05}"));
    assert_eq!(s["template"], true);
    assert_eq!(s["status"], "draft");
    assert_eq!(s["link_path"], Value::Null);
    assert_eq!(s["intro"], "Tell us how it went.");
    let ids: Vec<i64> = (s["questions"].as_array().expect("questions").iter())
        .map(|q| q["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, asked);
    assert_eq!(s["questions"][0]["kind"], "rating");
    assert_eq!(s["questions"][0]["required"], true);
    assert_eq!(s["questions"][0]["scale"], json!({"low": 1, "high": 5}));
    assert_eq!(s["questions"][1]["choices"], json!(["Bus", "Walk", "Car"]));
    assert_eq!(s["questions"][1]["scale"], Value::Null);
    // A template is never opened.
    let open = call(
        &h,
        &t,
        "POST",
        &format!("{path}/step"),
        Some(json!({"status": "open"})),
    )
    .await;
    assert_eq!(open.status, 422, "{}", open.body);
    assert_eq!(
        code_of(&open, "status").as_deref(),
        Some("error-survey-template")
    );

    // A survey made from it, about an engagement: the template's questions, its own ids.
    let forum = engagement(&h, &t, "Quarry forum", json!({})).await;
    let made = call(
        &h,
        &t,
        "POST",
        "/api/v1/surveys",
        Some(json!({"title": "Quarry forum: your view", "engagement": forum, "from": template})),
    )
    .await;
    let survey = id_of(&made);
    let path = format!("/api/v1/surveys/{survey}");
    assert_eq!(made.location.as_deref(), Some(path.as_str()));
    let s = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(s["template"], false);
    assert_eq!(s["engagement_id"], forum);
    assert_eq!(s["engagement"], "Quarry forum");
    assert_eq!(s["responses"], 0);
    let link = s["link_path"].as_str().expect("a link");
    assert!(link.starts_with("/surveys/") && link.len() > 20, "{link}");
    let q: Vec<i64> = (s["questions"].as_array().expect("questions").iter())
        .map(|q| q["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(q.len(), 4);
    assert!(q.iter().all(|id| !asked.contains(id)), "{q:?}");
    let (rating, single, multiple, text) = (q[0], q[1], q[2], q[3]);
    // Nothing is made of a survey that does not hold.
    let bad = call(
        &h,
        &t,
        "POST",
        "/api/v1/surveys",
        Some(json!({"title": "", "engagement": "987654", "from": "x"})),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(code_of(&bad, "title").as_deref(), Some("error-required"));
    assert_eq!(code_of(&bad, "from").as_deref(), Some("error-choice"));

    // Not answered while a draft.
    let responses = format!("{path}/responses");
    let early = call(
        &h,
        &t,
        "POST",
        &responses,
        Some(json!({"answers": {rating.to_string(): 5}})),
    )
    .await;
    assert_eq!(early.status, 422, "{}", early.body);
    assert_eq!(
        code_of(&early, "answers").as_deref(),
        Some("error-survey-not-open")
    );
    let opened = call(
        &h,
        &t,
        "POST",
        &format!("{path}/step"),
        Some(json!({"status": "open"})),
    )
    .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    assert_eq!(read(&opened)["status"], "open");
    // Its questions are fixed once it is open.
    let fixed = call(
        &h,
        &t,
        "POST",
        &format!("{path}/questions"),
        Some(json!({"kind": "text", "label": "One more?"})),
    )
    .await;
    assert_eq!(fixed.status, 422, "{}", fixed.body);
    assert_eq!(
        code_of(&fixed, "label").as_deref(),
        Some("error-survey-questions-fixed")
    );

    // Answers from paper, each checked against its question.
    let out_of_range = call(
        &h,
        &t,
        "POST",
        &responses,
        Some(json!({"answers": {rating.to_string(): 6, single.to_string(): "Bus"}})),
    )
    .await;
    assert_eq!(out_of_range.status, 422, "{}", out_of_range.body);
    assert_eq!(
        code_of(&out_of_range, &format!("q_{rating}")).as_deref(),
        Some("error-survey-out-of-range")
    );
    let unanswered = call(
        &h,
        &t,
        "POST",
        &responses,
        Some(json!({"answers": {single.to_string(): ["Bus", "Car"]}})),
    )
    .await;
    assert_eq!(
        code_of(&unanswered, &format!("q_{rating}")).as_deref(),
        Some("error-required")
    );
    assert_eq!(
        code_of(&unanswered, &format!("q_{single}")).as_deref(),
        Some("error-survey-one-choice")
    );
    let odd = call(
        &h,
        &t,
        "POST",
        &responses,
        Some(json!({"answers": {rating.to_string(): {"stars": 4}}})),
    )
    .await;
    assert_eq!(odd.status, 422, "{}", odd.body);
    assert_eq!(
        code_of(&odd, &format!("q_{rating}")).as_deref(),
        Some("error-type")
    );
    let mut entered = Vec::new();
    for answers in [
        json!({rating.to_string(): 5, single.to_string(): "Walk",
               multiple.to_string(): ["Dust", "Traffic"], text.to_string(): "More buses, please"}),
        json!({rating.to_string(): "4", single.to_string(): 0}),
        json!({rating.to_string(): 2, multiple.to_string(): ["Dust"],
               text.to_string(): "Too loud"}),
    ] {
        let r = call(
            &h,
            &t,
            "POST",
            &responses,
            Some(json!({ "answers": answers })),
        )
        .await;
        entered.push(id_of(&r));
    }

    // The results: counts over the scale and the average, each choice, the words.
    let r = call(&h, &t, "GET", &format!("{path}/results"), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = read(&r);
    assert_eq!(r["responses"], 3);
    assert_eq!(r["status"], "open");
    let by_id = |id: i64| {
        r["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .find(|q| q["id"] == id)
            .cloned()
            .expect("the question's results")
    };
    let rated = by_id(rating);
    assert_eq!(rated["answered"], 3);
    assert_eq!(
        rated["ratings"],
        json!([
            {"value": 1, "count": 0}, {"value": 2, "count": 1}, {"value": 3, "count": 0},
            {"value": 4, "count": 1}, {"value": 5, "count": 1},
        ])
    );
    let average = rated["average"].as_f64().expect("an average");
    assert!((average - 11.0 / 3.0).abs() < 1e-9, "{average}");
    let came = by_id(single);
    assert_eq!(came["answered"], 2);
    assert_eq!(
        came["choices"],
        json!([
            {"choice": "Bus", "count": 1}, {"choice": "Walk", "count": 1},
            {"choice": "Car", "count": 0},
        ])
    );
    assert_eq!(came["average"], Value::Null);
    let worries = by_id(multiple);
    assert_eq!(worries["answered"], 2);
    assert_eq!(
        worries["choices"],
        json!([
            {"choice": "Dust", "count": 2}, {"choice": "Noise", "count": 0},
            {"choice": "Traffic", "count": 1},
        ])
    );
    let words = by_id(text);
    assert_eq!(words["answered"], 2);
    assert_eq!(words["texts"], json!(["Too loud", "More buses, please"]));

    // The responses, two a page, in the order received.
    let page = call(&h, &t, "GET", &format!("{responses}?limit=2"), None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let page = read(&page);
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{page}");
    assert_eq!(items[0]["id"], entered[0]);
    assert!(items[0].get("name").is_none(), "{page}");
    assert!(items[0]["received"]
        .as_str()
        .is_some_and(|r| r.contains('T')));
    let first = &items[0]["answers"];
    assert_eq!(first[rating.to_string()], json!({"rating": 5}));
    assert_eq!(first[single.to_string()], json!({"choices": ["Walk"]}));
    assert_eq!(
        first[multiple.to_string()],
        json!({"choices": ["Dust", "Traffic"]})
    );
    assert_eq!(
        first[text.to_string()],
        json!({"text": "More buses, please"})
    );
    assert_eq!(
        items[1]["answers"][single.to_string()]["choices"],
        json!(["Bus"])
    );
    assert!(items[1]["answers"].get(text.to_string()).is_none());
    let next = page["next"].as_str().expect("a next page");
    let rest = read(
        &call(
            &h,
            &t,
            "GET",
            &format!("{responses}?limit=2&cursor={next}"),
            None,
        )
        .await,
    );
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(1), "{rest}");
    assert_eq!(rest["items"][0]["id"], entered[2]);
    assert!(rest.get("next").is_none(), "{rest}");
    for query in ["limit=0", "limit=201", "limit=x", "cursor=x"] {
        let r = call(&h, &t, "GET", &format!("{responses}?{query}"), None).await;
        assert_eq!(r.status, 400, "{query}: {}", r.body);
    }

    // Anonymity is fixed once it has answers; the title still changes.
    let anonymous = call(
        &h,
        &t,
        "POST",
        &path,
        Some(json!({"title": "Quarry forum: your view", "anonymous": true})),
    )
    .await;
    assert_eq!(anonymous.status, 422, "{}", anonymous.body);
    assert_eq!(
        code_of(&anonymous, "anonymous").as_deref(),
        Some("error-survey-anonymity-fixed")
    );
    let renamed = call(
        &h,
        &t,
        "POST",
        &path,
        Some(json!({"title": "Quarry forum: what you thought", "intro": "Two minutes."})),
    )
    .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(read(&renamed)["title"], "Quarry forum: what you thought");

    // The engagement lists its surveys.
    let e = read(&call(&h, &t, "GET", &format!("/api/v1/engagements/{forum}"), None).await);
    assert_eq!(
        e["surveys"],
        json!([{"id": survey, "title": "Quarry forum: what you thought", "status": "open",
                "responses": 3}])
    );
    // Lists: surveys, of an engagement, or templates.
    let listed = |query: String| {
        let (h, t) = (&h, &t);
        async move {
            let r = call(h, t, "GET", &format!("/api/v1/surveys{query}"), None).await;
            assert_eq!(r.status, 200, "{query}: {}", r.body);
            let ids: Vec<i64> = (read(&r)["items"].as_array().expect("items").iter())
                .map(|s| s["id"].as_i64().expect("id"))
                .collect();
            ids
        }
    };
    assert_eq!(listed(String::new()).await, [survey]);
    assert_eq!(listed("?templates=true".into()).await, [template]);
    assert_eq!(listed(format!("?engagement={forum}")).await, [survey]);
    assert!(listed("?engagement=987654".into()).await.is_empty());
    for query in ["?templates=maybe", "?engagement=x"] {
        let r = call(&h, &t, "GET", &format!("/api/v1/surveys{query}"), None).await;
        assert_eq!(r.status, 400, "{query}: {}", r.body);
    }

    // The personal links: to each who came and gave an email, once.
    let door = format!("/api/v1/engagements/{forum}/attendance");
    for walk_in in [
        json!({"name": "Thandi Mokoena", "email": "thandi@example.org"}),
        json!({"name": "Sipho Dlamini"}),
    ] {
        id_of(&call(&h, &t, "POST", &door, Some(walk_in)).await);
    }
    let send = format!("{path}/send");
    let sent = call(&h, &t, "POST", &send, Some(json!({}))).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(read(&sent), json!({"sent": 1, "before": 0}));
    let again = call(&h, &t, "POST", &send, Some(json!({}))).await;
    assert_eq!(read(&again), json!({"sent": 0, "before": 1}));
    let s = read(&call(&h, &t, "GET", &path, None).await);
    assert_eq!(s["links_sent"], 1);

    // Closed: it keeps its results, and answers on paper still come in.
    let closed = call(
        &h,
        &t,
        "POST",
        &format!("{path}/step"),
        Some(json!({"status": "closed"})),
    )
    .await;
    assert_eq!(read(&closed)["status"], "closed");
    let late = call(
        &h,
        &t,
        "POST",
        &responses,
        Some(json!({"answers": {rating.to_string(): 3}})),
    )
    .await;
    id_of(&late);
    let not_now = call(&h, &t, "POST", &send, Some(json!({}))).await;
    assert_eq!(
        code_of(&not_now, "status").as_deref(),
        Some("error-survey-not-open")
    );
}

async fn who_may_make_and_see_a_survey(h: Harness) {
    let (olu, _) = h.user("officer", "Olu Officer").await;
    let (oscar, _) = h.user("officer", "Oscar Other").await;
    let (sam, _) = h.user("supervisor", "Sam Super").await;
    let (vic, _) = h.user("viewer", "Vic Viewer").await;
    let (olu_t, oscar_t, sam_t, vic_t) = (
        token(&h, &olu).await,
        token(&h, &oscar).await,
        token(&h, &sam).await,
        token(&h, &vic).await,
    );

    // A viewer reads surveys but makes none, and runs none.
    let denied = call(
        &h,
        &vic_t,
        "POST",
        "/api/v1/surveys",
        Some(json!({"title": "Viewer's survey"})),
    )
    .await;
    assert_eq!(denied.status, 403, "{}", denied.body);
    assert_eq!(read(&denied)["code"], "forbidden");
    let open = id_of(
        &call(
            &h,
            &olu_t,
            "POST",
            "/api/v1/surveys",
            Some(json!({"title": "On its own"})),
        )
        .await,
    );
    let r = call(&h, &vic_t, "GET", &format!("/api/v1/surveys/{open}"), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for (tail, body) in [
        ("", json!({"title": "Taken over"})),
        ("/questions", json!({"kind": "text", "label": "Mine?"})),
        ("/step", json!({"status": "open"})),
        ("/send", json!({})),
        ("/responses", json!({"answers": {}})),
    ] {
        let r = call(
            &h,
            &vic_t,
            "POST",
            &format!("/api/v1/surveys/{open}{tail}"),
            Some(body),
        )
        .await;
        assert_eq!(r.status, 403, "{tail}: {}", r.body);
    }
    // Without a token, nothing.
    let r = h.browser().get("/api/v1/surveys").await;
    assert_eq!(r.status, 401, "{}", r.body);

    // A survey about a confidential engagement: seen by those who see the engagement;
    // to another officer exactly as if it did not exist.
    let hidden = engagement(
        &h,
        &olu_t,
        "Closed workshop with the families",
        json!({"confidentiality": "confidential", "kind": "workshop"}),
    )
    .await;
    let survey = id_of(
        &call(
            &h,
            &olu_t,
            "POST",
            "/api/v1/surveys",
            Some(json!({"title": "The families' workshop", "engagement": hidden})),
        )
        .await,
    );
    let path = format!("/api/v1/surveys/{survey}");
    for t in [&olu_t, &sam_t] {
        let r = call(&h, t, "GET", &path, None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.expect("The families' workshop");
    }
    let missing = call(&h, &oscar_t, "GET", "/api/v1/surveys/987654", None).await;
    assert_eq!(missing.status, 404, "{}", missing.body);
    for tail in ["", "/results", "/responses"] {
        let seen = call(&h, &oscar_t, "GET", &format!("{path}{tail}"), None).await;
        assert_eq!(seen.status, 404, "{tail}: {}", seen.body);
        assert_eq!(seen.body, missing.body);
    }
    for (tail, body) in [
        ("", json!({"title": "Taken over"})),
        (
            "/questions",
            json!({"kind": "text", "label": "Oscar's question"}),
        ),
        ("/step", json!({"status": "closed"})),
        ("/send", json!({})),
    ] {
        let r = call(&h, &oscar_t, "POST", &format!("{path}{tail}"), Some(body)).await;
        assert_eq!(r.status, 404, "{tail}: {}", r.body);
    }
    let list = call(&h, &oscar_t, "GET", "/api/v1/surveys", None).await;
    list.expect("On its own").refute("families");
    // Nor may he ask a survey about it.
    let r = call(
        &h,
        &oscar_t,
        "POST",
        "/api/v1/surveys",
        Some(json!({"title": "Oscar's", "engagement": hidden})),
    )
    .await;
    assert_eq!(code_of(&r, "engagement").as_deref(), Some("error-choice"));
    // An id that is not one is missing too.
    let r = call(&h, &olu_t, "GET", "/api/v1/surveys/x", None).await;
    assert_eq!(r.status, 404, "{}", r.body);
    let r = call(
        &h,
        &olu_t,
        "POST",
        "/api/v1/surveys/99999999999999999999/step",
        Some(json!({"status": "open"})),
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.body);
}

both!(
    a_survey_from_its_template_to_its_results,
    who_may_make_and_see_a_survey
);
