//! The JSON API as a client sees it: tokens from the account page, the concern workflow end
//! to end, problems for every kind of error, idempotent retries, each role's limits, and the
//! OpenAPI description.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Harness, Page};
use liaison_app::access_tokens::CreateToken;
use liaison_app::accounts::UpdateUser;
use liaison_store::users::User;
use serde_json::{json, Value};

/// A token for `user`, made through the operation the account page calls.
async fn token(h: &Harness, user: &User) -> String {
    h.app
        .access_tokens()
        .create(
            user,
            &CreateToken {
                name: "script".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1
}

async fn get(h: &Harness, token: &str, path: &str) -> Page {
    let auth = format!("Bearer {token}");
    h.browser()
        .send("GET", path, None, &[("authorization", &auth)])
        .await
}

async fn post(h: &Harness, token: &str, path: &str, body: &Value, extra: &[(&str, &str)]) -> Page {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    headers.extend_from_slice(extra);
    h.browser()
        .send(
            "POST",
            path,
            Some(("application/json", body.to_string().into_bytes())),
            &headers,
        )
        .await
}

fn body(p: &Page) -> Value {
    serde_json::from_str(&p.body).unwrap_or_else(|e| panic!("{e}: {}", p.body))
}

/// A problem answer: its status, content type and code.
fn assert_problem(p: &Page, status: u16, code: &str) -> Value {
    assert_eq!(p.status, status, "{}", p.body);
    assert_eq!(
        p.headers["content-type"].to_str().unwrap_or_default(),
        "application/problem+json"
    );
    let v = body(p);
    assert_eq!(v["code"], code, "{v}");
    assert_eq!(v["status"], status);
    v
}

async fn the_concern_workflow_end_to_end(h: Harness) {
    let (admin, password) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let (officer, _) = h.user("officer", "Olu Officer").await;

    // A token is created on the account page and shown once.
    let b = h.browser();
    b.sign_in(&admin.email, &password).await;
    b.get("/staff/account")
        .await
        .expect("Personal access tokens");
    b.get("/staff/account/tokens").await;
    let page = b
        .post(
            "/staff/account/tokens",
            &[("name", "Reporting script"), ("days", "30")],
        )
        .await;
    page.expect("Copy it now");
    let secret = page
        .between("<code class=\"secret\">", "</code>")
        .expect("the token");
    assert!(secret.starts_with("liaison_pat_"));
    b.get("/staff/account/tokens").await.refute(&secret);

    let created = post(
        &h,
        &secret,
        "/api/v1/concerns",
        &json!({"category": noise, "description": "Generator running all night",
                "channel": "phone", "confidentiality": "public", "anonymous": true}),
        &[],
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let c = body(&created);
    let id = c["id"].as_i64().expect("id");
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/concerns/{id}").as_str())
    );
    assert!(c["tracking_code"].is_string());

    let one = body(&get(&h, &secret, &format!("/api/v1/concerns/{id}")).await);
    assert_eq!(one["status"], "received");
    assert_eq!(one["description"], "Generator running all night");
    assert_eq!(one["reporter"]["anonymous"], true);
    assert!(one["actions"]
        .as_array()
        .expect("actions")
        .contains(&json!("acknowledge")));

    let officer_id = officer.id.to_string();
    let r = post(
        &h,
        &secret,
        &format!("/api/v1/concerns/{id}/assignment"),
        &json!({"assignee": officer.id}),
        &[],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(body(&r)["assignee_id"].to_string(), officer_id);
    for (action, note, status) in [
        ("acknowledge", "", "acknowledged"),
        ("start", "", "in_progress"),
        ("resolve", "The generator was moved.", "resolved"),
        ("close", "", "closed"),
    ] {
        let r = post(
            &h,
            &secret,
            &format!("/api/v1/concerns/{id}/transitions"),
            &json!({"action": action, "note": note}),
            &[],
        )
        .await;
        assert_eq!(r.status, 200, "{action}: {}", r.body);
        assert_eq!(body(&r)["status"], status);
    }
    let r = post(
        &h,
        &secret,
        &format!("/api/v1/concerns/{id}/notes"),
        &json!({"body": "Thank you for telling us.", "public": true}),
        &[],
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let events = body(&r)["events"].clone();
    let last = events.as_array().and_then(|e| e.last()).expect("events");
    assert_eq!(
        (last["kind"].as_str(), last["public"].as_bool()),
        (Some("update"), Some(true))
    );

    // The list takes the queues' filters and pages with a cursor.
    for n in 0..3 {
        h.concern(&admin, noise, &format!("Noise {n}"), "public")
            .await;
    }
    let all = body(&get(&h, &secret, "/api/v1/concerns?view=all&limit=2&sort=oldest").await);
    assert_eq!(all["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(all["items"][0]["id"].as_i64(), Some(id));
    let cursor = all["next"].as_str().expect("a next page");
    let rest = body(
        &get(
            &h,
            &secret,
            &format!("/api/v1/concerns?view=all&limit=2&sort=oldest&cursor={cursor}"),
        )
        .await,
    );
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(2));
    assert!(rest.get("next").is_none());
    let closed = body(&get(&h, &secret, "/api/v1/concerns?status=closed").await);
    assert_eq!(closed["items"].as_array().map(Vec::len), Some(1));

    let categories = body(&get(&h, &secret, "/api/v1/categories").await);
    assert!(categories
        .as_array()
        .expect("list")
        .iter()
        .any(|k| k["name"] == "Noise"));
    assert!(body(&get(&h, &secret, "/api/v1/areas").await).is_array());
    let users = body(&get(&h, &secret, "/api/v1/users").await);
    assert!(users
        .as_array()
        .expect("list")
        .iter()
        .any(|u| u["email"] == officer.email.as_str()));
    let audit = body(&get(&h, &secret, "/api/v1/audit?limit=5").await);
    assert_eq!(audit["items"].as_array().map(Vec::len), Some(5));
    let older = audit["next"].as_i64().expect("more entries");
    let page2 = body(
        &get(
            &h,
            &secret,
            &format!("/api/v1/audit?limit=5&before={older}"),
        )
        .await,
    );
    assert!(page2["items"][0]["id"].as_i64() < Some(older));
}

async fn errors_are_problems(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let secret = token(&h, &admin).await;

    let r = h.browser().get("/api/v1/concerns").await;
    assert_problem(&r, 401, "unauthorized");
    assert!(r.headers["www-authenticate"]
        .to_str()
        .unwrap_or_default()
        .starts_with("Bearer"));
    assert_problem(
        &get(&h, "liaison_pat_wrong", "/api/v1/concerns").await,
        401,
        "unauthorized",
    );

    let r = post(
        &h,
        &secret,
        "/api/v1/concerns",
        &json!({"category": noise, "lat": "north"}),
        &[],
    )
    .await;
    let p = assert_problem(&r, 422, "invalid");
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    for f in ["description", "lat"] {
        assert!(fields.contains(&f), "{fields:?}");
    }
    assert!(p["errors"][0]["detail"]
        .as_str()
        .is_some_and(|d| !d.is_empty()));

    let form = h
        .browser()
        .send(
            "POST",
            "/api/v1/concerns",
            Some(("application/x-www-form-urlencoded", b"category=1".to_vec())),
            &[("authorization", &format!("Bearer {secret}"))],
        )
        .await;
    assert_problem(&form, 415, "unsupported-media-type");
    let broken = h
        .browser()
        .send(
            "POST",
            "/api/v1/concerns",
            Some(("application/json", b"{\"category\": ".to_vec())),
            &[("authorization", &format!("Bearer {secret}"))],
        )
        .await;
    assert_problem(&broken, 400, "malformed");
    assert_problem(
        &get(&h, &secret, "/api/v1/concerns/999999").await,
        404,
        "not-found",
    );
    assert_problem(
        &get(&h, &secret, "/api/v1/concerns/abc").await,
        404,
        "not-found",
    );
    assert_problem(
        &get(&h, &secret, "/api/v1/nothing-here").await,
        404,
        "not-found",
    );
    let p = assert_problem(
        &get(&h, &secret, "/api/v1/concerns?cursor=x.y&limit=0").await,
        400,
        "invalid",
    );
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["cursor", "limit"]);
    let (_, reference, _) = h.concern(&admin, noise, "Dust", "public").await;
    let id = h
        .app
        .concerns()
        .id_by_reference(&admin, &reference)
        .await
        .expect("id");
    let r = post(
        &h,
        &secret,
        &format!("/api/v1/concerns/{id}/transitions"),
        &json!({"action": "fly"}),
        &[],
    )
    .await;
    assert_problem(&r, 422, "invalid");
}

async fn retries_with_an_idempotency_key_create_nothing_new(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let secret = token(&h, &admin).await;
    let new = json!({"category": noise, "description": "Drilling at 6am", "channel": "email",
                     "confidentiality": "restricted", "anonymous": true});
    let first = post(
        &h,
        &secret,
        "/api/v1/concerns",
        &new,
        &[("idempotency-key", "retry-1")],
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = post(
        &h,
        &secret,
        "/api/v1/concerns",
        &new,
        &[("idempotency-key", "retry-1")],
    )
    .await;
    assert_eq!((again.status, &again.body), (201, &first.body));
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.location, first.location);
    let list = body(&get(&h, &secret, "/api/v1/concerns?view=all").await);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    let other = json!({"category": noise, "description": "Something else", "channel": "email",
                       "confidentiality": "restricted", "anonymous": true});
    let r = post(
        &h,
        &secret,
        "/api/v1/concerns",
        &other,
        &[("idempotency-key", "retry-1")],
    )
    .await;
    assert_problem(&r, 422, "idempotency-key-reused");
    // Retries racing the first attempt: one write, the others told to wait or replayed.
    let racing = json!({"category": noise, "description": "Racing retries", "channel": "email",
                        "confidentiality": "restricted", "anonymous": true});
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (h, secret, racing) = (&h, secret.clone(), racing.clone());
        tasks.push(async move {
            post(
                h,
                &secret,
                "/api/v1/concerns",
                &racing,
                &[("idempotency-key", "race-1")],
            )
            .await
        });
    }
    let answers = futures_join(tasks).await;
    let created: Vec<&Page> = answers.iter().filter(|p| p.status == 201).collect();
    assert!(!created.is_empty());
    assert!(created.iter().all(|p| p.body == created[0].body));
    for p in answers.iter().filter(|p| p.status != 201) {
        assert_problem(p, 409, "idempotency-key-in-flight");
    }
    let list = body(&get(&h, &secret, "/api/v1/concerns?view=all&q=racing").await);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    // Without a key, each request is its own.
    post(&h, &secret, "/api/v1/concerns", &new, &[]).await;
    let list = body(&get(&h, &secret, "/api/v1/concerns?view=all").await);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(3));
}

/// Runs the futures at once and answers their outputs in order.
async fn futures_join<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut pinned: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in pinned.iter_mut().zip(out.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

async fn each_role_sees_and_does_only_what_it_may(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let (viewer, _) = h.user("viewer", "Vi Viewer").await;
    let (partner, _) = h.user("partner", "Pat Partner").await;
    let (secret_id, secret_ref, _) = h
        .concern(&admin, noise, "A confidential matter", "confidential")
        .await;
    let (open_id, _, _) = h.concern(&admin, noise, "A public matter", "public").await;
    let _ = secret_ref;
    let as_officer = token(&h, &officer).await;
    let as_viewer = token(&h, &viewer).await;
    let as_partner = token(&h, &partner).await;

    let missing = get(&h, &as_officer, "/api/v1/concerns/999999").await;
    let hidden = get(&h, &as_officer, &format!("/api/v1/concerns/{secret_id}")).await;
    assert_eq!(
        (hidden.status, &hidden.body),
        (missing.status, &missing.body)
    );
    let r = post(
        &h,
        &as_officer,
        &format!("/api/v1/concerns/{secret_id}/notes"),
        &json!({"body": "x"}),
        &[],
    )
    .await;
    assert_eq!(
        (r.status, &r.body),
        (missing.status, &missing.body),
        "a denied write looks missing too"
    );
    let listed = body(&get(&h, &as_officer, "/api/v1/concerns?view=all").await);
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert_eq!(ids, [open_id]);

    let new = json!({"category": noise, "description": "x", "channel": "phone",
                     "confidentiality": "public", "anonymous": true});
    assert_problem(
        &post(&h, &as_viewer, "/api/v1/concerns", &new, &[]).await,
        403,
        "forbidden",
    );
    assert_problem(
        &get(&h, &as_officer, "/api/v1/users").await,
        403,
        "forbidden",
    );
    assert_problem(
        &get(&h, &as_officer, "/api/v1/audit").await,
        403,
        "forbidden",
    );
    let partner_sees = body(&get(&h, &as_partner, "/api/v1/concerns?view=all").await);
    assert_eq!(partner_sees["items"], json!([]));
    // The viewer sees the public concern but not who reported it.
    let seen = body(&get(&h, &as_viewer, &format!("/api/v1/concerns/{open_id}")).await);
    assert!(seen.get("reporter").is_none(), "{seen}");

    // A revoked token and a disabled account's token stop working at once.
    let tokens = h.app.access_tokens().list(&viewer).await.expect("tokens");
    h.app
        .access_tokens()
        .revoke(&viewer, tokens[0].id)
        .await
        .expect("revoke");
    assert_problem(
        &get(&h, &as_viewer, "/api/v1/concerns").await,
        401,
        "unauthorized",
    );
    // Someone else's token cannot be revoked: it is not found.
    let officer_tokens = h.app.access_tokens().list(&officer).await.expect("tokens");
    assert!(h
        .app
        .access_tokens()
        .revoke(&viewer, officer_tokens[0].id)
        .await
        .is_err());
    h.app
        .accounts()
        .update(
            &admin,
            partner.id,
            &UpdateUser {
                name: "Pat Partner".into(),
                role: "partner".into(),
                ..UpdateUser::default()
            },
        )
        .await
        .expect("disable");
    assert_problem(
        &get(&h, &as_partner, "/api/v1/concerns").await,
        401,
        "unauthorized",
    );
}

async fn the_api_describes_itself(h: Harness) {
    let spec = h.browser().get("/api/v1/openapi.json").await;
    assert_eq!(spec.status, 200);
    let spec = body(&spec);
    assert!(spec["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1")));
    for path in [
        "/api/v1/concerns",
        "/api/v1/concerns/{id}/transitions",
        "/api/v1/audit",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path}");
    }
    assert_eq!(
        spec["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let page = h.browser().get("/api/v1/").await;
    page.expect("Operations")
        .expect("/api/v1/concerns/{id}/transitions")
        .expect("idempotency-key-reused");
}

both!(
    the_concern_workflow_end_to_end,
    errors_are_problems,
    retries_with_an_idempotency_key_create_nothing_new,
    each_role_sees_and_does_only_what_it_may,
    the_api_describes_itself,
);

/// For every role and every concern endpoint, a concern the role may not see answers
/// exactly as a concern that does not exist; roles that may see it do.
async fn hidden_concerns_look_missing_to_every_role(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let (confidential, _, _) = h
        .concern(&admin, noise, "A confidential matter", "confidential")
        .await;
    let (public, _, _) = h.concern(&admin, noise, "A public matter", "public").await;
    let missing = 999_999;
    let requests: Vec<(&str, String, Value)> = vec![
        ("GET", String::new(), Value::Null),
        (
            "POST",
            "/transitions".into(),
            json!({"action": "acknowledge"}),
        ),
        ("POST", "/assignment".into(), json!({"assignee": admin.id})),
        ("POST", "/notes".into(), json!({"body": "A note"})),
    ];
    let mut cells = 0;
    for (role, sees_confidential, sees_public) in [
        ("administrator", true, true),
        ("supervisor", true, true),
        ("officer", false, true),
        ("viewer", false, true),
        ("partner", false, false),
    ] {
        let (user, _) = h.user(role, &format!("{role} person")).await;
        let secret = token(&h, &user).await;
        for (id, visible) in [(confidential, sees_confidential), (public, sees_public)] {
            for (method, suffix, body) in &requests {
                let ask = |id: i64| {
                    let path = format!("/api/v1/concerns/{id}{suffix}");
                    let (secret, body) = (secret.clone(), body.clone());
                    let h = &h;
                    async move {
                        if *method == "GET" {
                            get(h, &secret, &path).await
                        } else {
                            post(h, &secret, &path, &body, &[]).await
                        }
                    }
                };
                let (answer, absent) = (ask(id).await, ask(missing).await);
                if visible {
                    // Seen: found, whether or not the role may make this change.
                    assert_ne!(
                        answer.status, 404,
                        "{role} should see concern {id} at {method} {suffix}: {}",
                        answer.body
                    );
                } else {
                    assert_eq!(
                        (answer.status, &answer.body),
                        (absent.status, &absent.body),
                        "{role}: {method} {suffix} on hidden concern {id}"
                    );
                }
                cells += 1;
            }
        }
        // Lists leave hidden concerns out.
        let listed = body(&get(&h, &secret, "/api/v1/concerns?view=all").await);
        let ids: Vec<i64> = listed["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|c| c["id"].as_i64())
            .collect();
        assert_eq!(ids.contains(&confidential), sees_confidential, "{role}");
        assert_eq!(ids.contains(&public), sees_public, "{role}");
        // Users and the audit trail are the administrators' alone.
        for path in ["/api/v1/users", "/api/v1/audit"] {
            let r = get(&h, &secret, path).await;
            if role == "administrator" {
                assert_eq!(r.status, 200, "{path}");
            } else {
                assert_problem(&r, 403, "forbidden");
            }
            cells += 1;
        }
    }
    assert_eq!(cells, 5 * (2 * 4 + 2));
}

both!(hidden_concerns_look_missing_to_every_role);
