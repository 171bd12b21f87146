//! A dispute goes from a concern to mediation — parties, sessions with confidential notes,
//! proposals answered — to an agreement whose terms are commitments tracked to done. On
//! SQLite and PostgreSQL.

use liaison_app::access_tokens::CreateToken;
use liaison_testkit::{both, Harness};
use serde_json::Value;

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn a_dispute_is_mediated_to_an_agreement_kept(h: Harness) {
    let (admin, _) = h.signed_in("administrator", "Ada Admin").await;
    let (mia, mediator) = h.signed_in("officer", "Mia Mediator").await;
    let (_, other) = h.signed_in("officer", "Otto Other").await;
    let (_, supervisor) = h.signed_in("supervisor", "Sam Supervisor").await;
    let category = h.category(&admin, "Construction dust", true).await;
    let (concern, _, _) = h
        .concern(
            &admin,
            category,
            "Dust from the quarry trucks",
            "restricted",
        )
        .await;
    let concern_page = format!("/staff/concerns/{concern}");

    // Proposed from the concern's page; what it is to settle is required.
    let empty = mediator
        .post(
            "/staff/mediations",
            &[("concern", &concern.to_string()), ("purpose", " ")],
        )
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    empty
        .expect("Dust from the quarry trucks")
        .expect("What it is to settle");
    let proposed = mediator
        .post(
            "/staff/mediations",
            &[
                ("concern", &concern.to_string()),
                ("purpose", "Truck routes and watering of the haul road"),
            ],
        )
        .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    let page = proposed.location.clone().expect("its page");
    let id: i64 = page
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    mediator
        .get(&concern_page)
        .await
        .expect(&format!("href=\"/staff/mediations/{id}\""));

    // Parties, one speaking Portuguese; a side that does not exist is refused.
    let form = |f: &str| format!("{page}/{f}");
    let bad = mediator
        .post(&form("party"), &[("name", "Ana Costa"), ("side", "judge")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    for (name, side, represents, language) in [
        ("Ana Costa", "complainant", "Residents of Quarry Lane", "pt"),
        ("Ben Hauler", "respondent", "Hauler & Sons", ""),
    ] {
        let p = mediator
            .post(
                &form("party"),
                &[
                    ("name", name),
                    ("side", side),
                    ("represents", represents),
                    ("language", language),
                ],
            )
            .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }

    // A session; its notes are confidential unless shared.
    let s = mediator
        .post(
            &form("session"),
            &[
                ("held_at", "2026-11-20T15:00"),
                ("place", "Community hall, room 2"),
                ("attended", "Ana Costa, Ben Hauler, Mia Mediator"),
                ("interpreter", "Rui Lopes (Portuguese)"),
                (
                    "notes",
                    "Ben admits the trucks skip the watering on Fridays.",
                ),
            ],
        )
        .await;
    assert_eq!(s.status, 303, "{}", s.body);
    let late = mediator
        .post(&form("session"), &[("held_at", "someday"), ("place", "x")])
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    other
        .get(&page)
        .await
        .expect("Community hall, room 2")
        .expect("The notes of this session are confidential.")
        .refute("skip the watering");
    supervisor
        .get(&page)
        .await
        .expect("Ben admits the trucks skip the watering on Fridays.");

    // A proposal, answered once.
    let p = mediator
        .post(
            &form("proposal"),
            &[
                ("made_by", "Mia Mediator"),
                (
                    "text",
                    "Water the haul road every two hours, Fridays included.",
                ),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let v = h.app.mediations().get(&mia, id).await.expect("mediation");
    let proposal = v.proposals[0].id.to_string();
    let answered = mediator
        .post(
            &form("answer"),
            &[("proposal", &proposal), ("answer", "accepted")],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let again = mediator
        .post(
            &form("answer"),
            &[("proposal", &proposal), ("answer", "rejected")],
        )
        .await;
    assert_eq!(again.status, 422, "{}", again.body);

    // Terms come once the parties agreed to mediate.
    let early = mediator
        .post(
            &form("term"),
            &[("title", "Water the road"), ("due_on", &day(7))],
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    let accept = mediator.post(&form("step"), &[("step", "accept")]).await;
    assert_eq!(accept.status, 303, "{}", accept.body);
    let term = mediator
        .post(
            &form("term"),
            &[
                ("title", "Water the haul road every two hours"),
                ("due_on", &day(7)),
            ],
        )
        .await;
    assert_eq!(term.status, 303, "{}", term.body);
    let no_summary = mediator.post(&form("step"), &[("step", "settle")]).await;
    assert_eq!(no_summary.status, 422, "{}", no_summary.body);
    let settled = mediator
        .post(
            &form("step"),
            &[
                ("step", "settle"),
                ("note", "Watering schedule agreed; reviewed in a month."),
            ],
        )
        .await;
    assert_eq!(settled.status, 303, "{}", settled.body);
    mediator
        .get(&page)
        .await
        .expect("Agreement reached")
        .expect("Watering schedule agreed; reviewed in a month.")
        .expect("Water the haul road every two hours");
    let closed = mediator
        .post(&form("party"), &[("name", "Late Comer"), ("side", "other")])
        .await;
    assert_eq!(closed.status, 422, "{}", closed.body);
    closed.expect("This mediation has ended");

    // The term is a commitment on Mia's task list, tracked to done.
    mediator
        .get("/staff/tasks")
        .await
        .expect("Water the haul road every two hours");
    let v = h.app.mediations().get(&mia, id).await.expect("mediation");
    let k = v.terms[0].id;
    let kept = mediator
        .post(
            &format!("/staff/commitments/{k}/progress"),
            &[
                ("status", "kept"),
                ("note", "Watering log signed weekly by Ana."),
            ],
        )
        .await;
    assert_eq!(kept.status, 303, "{}", kept.body);
    mediator
        .get(&format!("/staff/commitments/{k}"))
        .await
        .expect("In a mediation&#39;s agreement")
        .expect("Watering log signed weekly by Ana.");

    // Over the API, as the other officer: the same mediation, confidential notes withheld.
    let (otto, _) = h.user("officer", "Otto Api").await;
    let token = h
        .app
        .access_tokens()
        .create(
            &otto,
            &CreateToken {
                name: "read".into(),
                ..CreateToken::default()
            },
        )
        .await
        .expect("token")
        .1;
    let auth = format!("Bearer {token}");
    let got = h
        .browser()
        .send(
            "GET",
            &format!("/api/v1/mediations/{id}"),
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(got.status, 200, "{}", got.body);
    let m: Value = serde_json::from_str(&got.body).expect("json");
    assert_eq!(m["status"], "settled");
    assert_eq!(m["parties"].as_array().map(Vec::len), Some(2));
    assert_eq!(m["sessions"][0]["notes_withheld"], true);
    assert_eq!(m["sessions"][0]["notes"], "");
    assert_eq!(m["proposals"][0]["answer"], "accepted");
    assert_eq!(m["terms"][0]["status"], "kept");
}

both!(a_dispute_is_mediated_to_an_agreement_kept);
