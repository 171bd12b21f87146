//! A report or API creation sent again is stored once, and the sender gets the first
//! receipt back, tracking code included: after a double click, a retry of a lost answer,
//! or a crash between storing and answering.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Harness, Page};
use liaison_store::sqlx::{self, Executor};
use serde_json::{json, Value};

async fn concerns_described(h: &Harness, description: &str) -> i64 {
    let mut c = h.store.read().await.expect("read");
    sqlx::query_scalar("SELECT COUNT(*) FROM concerns WHERE description = $1")
        .bind(description)
        .fetch_one(&mut *c)
        .await
        .expect("count")
}

fn receipt(p: &Page) -> (String, String) {
    assert_eq!(p.status, 200, "{}", p.body);
    let code = p
        .between("<p class=\"tracking-code\">", "</p>")
        .expect("a tracking code");
    let reference = p.body.lines().find(|l| l.contains("LIA-")).map(str::trim);
    (reference.unwrap_or_default().to_string(), code)
}

async fn a_portal_form_sent_again_is_stored_once(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let dust = h.category(&admin, "Dust", true).await;
    let path = format!("/report/{dust}");
    let resident = h.browser();
    let form = resident.get(&path).await;
    let token = form
        .between("name=\"submission\" value=\"", "\"")
        .expect("the form carries a one-time token");
    let report = [
        ("description", "Dust on the school yard"),
        ("anonymous", "yes"),
        ("submission", token.as_str()),
    ];
    let first = receipt(&resident.post(&path, &report).await);
    // The answer was lost; the browser sends the form again, twice at once.
    let (a, b) = tokio::join!(resident.post(&path, &report), resident.post(&path, &report));
    assert_eq!(receipt(&a), first);
    assert_eq!(receipt(&b), first);
    assert_eq!(concerns_described(&h, "Dust on the school yard").await, 1);
    // The code shown again is the real one: it finds the report.
    let track = resident.post("/track", &[("code", &first.1)]).await;
    track.expect("Dust on the school yard");
    // A new form is a new report, even with the same words.
    let token2 = resident
        .get(&path)
        .await
        .between("name=\"submission\" value=\"", "\"")
        .expect("token");
    assert_ne!(token, token2);
    let report2 = [
        ("description", "Dust on the school yard"),
        ("anonymous", "yes"),
        ("submission", token2.as_str()),
    ];
    let second = receipt(&resident.post(&path, &report2).await);
    assert_ne!(second.1, first.1);
    assert_eq!(concerns_described(&h, "Dust on the school yard").await, 2);
    // A form corrected after a refusal keeps its token and is stored once.
    let token3 = resident
        .get(&path)
        .await
        .between("name=\"submission\" value=\"", "\"")
        .expect("token");
    let refused = resident
        .post(&path, &[("anonymous", "yes"), ("submission", &token3)])
        .await;
    assert_eq!(refused.status, 422);
    refused.expect(&format!("name=\"submission\" value=\"{token3}\""));
    let fixed = [
        ("description", "Dust again"),
        ("anonymous", "yes"),
        ("submission", token3.as_str()),
    ];
    let third = receipt(&resident.post(&path, &fixed).await);
    assert_eq!(receipt(&resident.post(&path, &fixed).await), third);
    assert_eq!(concerns_described(&h, "Dust again").await, 1);
    // A made-up token is not trusted to name anything: the report is simply taken.
    let forged = [
        ("description", "Forged token"),
        ("anonymous", "yes"),
        ("submission", "0"),
    ];
    let one = receipt(&resident.post(&path, &forged).await);
    let two = receipt(&resident.post(&path, &forged).await);
    assert_ne!(one.1, two.1);
}

async fn an_api_creation_whose_answer_was_lost_is_not_stored_again(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise", true).await;
    let secret = h
        .app
        .access_tokens()
        .create(&admin, &token_named("test"))
        .await
        .expect("token")
        .1;
    let client = reqwest::Client::new();
    let body = json!({"category": noise, "description": "Pile driving at night",
                      "channel": "phone", "confidentiality": "public", "anonymous": true})
    .to_string();
    let create = || {
        client
            .post(format!("{}/api/v1/concerns", h.base))
            .bearer_auth(&secret)
            .header("idempotency-key", "crash-1")
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
    };
    let first = create().await.expect("first");
    assert_eq!(first.status(), 201);
    let first: Value = serde_json::from_str(&first.text().await.expect("body")).expect("json");
    // The server stored the concern and then died before keeping its answer: the key is
    // left reserved with no answer, and is taken over once abandoned.
    let mut tx = h.store.write().await.expect("write");
    (&mut *tx)
        .execute(
            "UPDATE idempotency_keys SET status = 0, body = '', location = NULL, \
             created_at = created_at - 3600 WHERE idempotency_key = 'crash-1'",
        )
        .await
        .expect("simulate the lost answer");
    tx.commit().await.expect("commit");
    let again = create().await.expect("retry");
    assert_eq!(again.status(), 201);
    let again: Value = serde_json::from_str(&again.text().await.expect("body")).expect("json");
    assert_eq!(again, first, "the same concern and tracking code");
    assert_eq!(concerns_described(&h, "Pile driving at night").await, 1);
    // Another caller's same key is another submission.
    let (other, _) = h.user("officer", "Otto Officer").await;
    let other_secret = h
        .app
        .access_tokens()
        .create(&other, &token_named("test"))
        .await
        .expect("token")
        .1;
    let r = client
        .post(format!("{}/api/v1/concerns", h.base))
        .bearer_auth(&other_secret)
        .header("idempotency-key", "crash-1")
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .expect("other");
    assert_eq!(r.status(), 201);
    assert_eq!(concerns_described(&h, "Pile driving at night").await, 2);
}

both!(
    a_portal_form_sent_again_is_stored_once,
    an_api_creation_whose_answer_was_lost_is_not_stored_again,
);

/// A token that never expires.
fn token_named(name: &str) -> liaison_app::access_tokens::CreateToken {
    liaison_app::access_tokens::CreateToken {
        name: name.into(),
        ..Default::default()
    }
}
