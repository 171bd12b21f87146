//! Bad input never causes a server error, a panic or a half-written record.

use liaison_testkit as common;
use liaison_testkit::both;

use common::Harness;

/// Bodies that a careless client or an attacker might send.
fn garbage() -> Vec<Vec<u8>> {
    let long = "x".repeat(60_000);
    vec![
        Vec::new(),
        b"&&&===&".to_vec(),
        vec![0xff, 0xfe, b'=', 0x00, b'&', b'%', b'z'],
        b"category=abc&area=-1&lat=999&lng=NaN&priority=urgentest&channel=pigeon".to_vec(),
        b"category=99999999999999999999999&description=%00%01".to_vec(),
        format!("description={long}&name={long}").into_bytes(),
        b"action=teleport&assignee=999999&of=C-1900-99999&visibility=galaxy".to_vec(),
        b"working_days=8&working_days=x&time_zone=Mars%2FOlympus&work_start=25:00&work_end=-1".to_vec(),
        b"ack_amount=-5&ack_unit=fortnights&resolve_amount=1e9&default_priority=&kind=colour&change=sideways".to_vec(),
        b"email=%40&password=&role=emperor&name=%E2%80%AE".to_vec(),
        b"q_x=1&q_x=2&q_x[]=3&code=%F0%9F%92%A9".to_vec(),
    ]
}

async fn garbage_never_causes_a_server_error(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let (id, _, _) = h.concern(&admin, k, "Something to handle", "public").await;
    let area = h
        .app
        .office()
        .add_area(
            &admin,
            &liaison_app::office::NewArea {
                name: "North".into(),
            },
        )
        .await
        .expect("area");
    let posts = [
        "/sign-in".to_string(),
        format!("/report/{k}"),
        "/report/abc".into(),
        "/track".into(),
        "/staff/account".into(),
        "/staff/concerns/new".into(),
        format!("/staff/concerns/{id}/act"),
        format!("/staff/concerns/{id}/assign"),
        format!("/staff/concerns/{id}/notes"),
        format!("/staff/concerns/{id}/duplicate"),
        "/staff/concerns/abc/act".into(),
        "/staff/admin".into(),
        "/staff/admin/areas".into(),
        format!("/staff/admin/areas/{area}"),
        "/staff/admin/categories".into(),
        format!("/staff/admin/categories/{k}"),
        format!("/staff/admin/categories/{k}/questions"),
        format!("/staff/admin/categories/{k}/questions/nope"),
        "/staff/admin/users".into(),
        format!("/staff/admin/users/{}", admin.id),
        "/staff/admin/api-keys".into(),
        "/staff/admin/api-keys/1/revoke".into(),
        "/staff/account/tokens".into(),
        "/staff/account/tokens/1/revoke".into(),
        "/staff/account/tokens/abc/revoke".into(),
        "/open311/v2/requests.json".into(),
        "/open311/v2/servicerequestupdates.xml".into(),
        "/api/v1/concerns".into(),
        format!("/api/v1/concerns/{id}/notes"),
        "/sign-out".into(),
    ];
    for path in &posts {
        for body in garbage() {
            // With and without the CSRF token, so validation behind the check is reached.
            let token = b
                .get("/staff/account")
                .await
                .between("name=\"csrf\" value=\"", "\"")
                .unwrap_or_default();
            let mut with_token = body.clone();
            with_token.extend_from_slice(format!("&csrf={token}").as_bytes());
            for attempt in [body.clone(), with_token] {
                let r = b.post_raw(path, attempt, &[]).await;
                assert!(
                    r.status < 500,
                    "{path} answered {} to {:?}",
                    r.status,
                    String::from_utf8_lossy(&body)
                );
                assert!(r.status != 200 || r.body.contains("<html"), "{path}");
            }
        }
    }
    let gets = [
        "/staff/concerns?view=zzz&status=nope&category=x&area=-&priority=1&channel=%FF&confidentiality=&from=2026-02-30&to=yesterday&sort=sideways&after=1.a&q=%00",
        "/staff/concerns?after=99999999999999999999.1&q=\"*OR*'--",
        "/staff/concerns?q=NEAR(a+b)+AND+OR+NOT+*+%22",
        "/staff/find?reference=%27%3B+DROP+TABLE+concerns",
        "/staff/concerns/new?category=%FF%FE",
        "/staff/admin/audit?before=-9",
        "/language?to=xx&back=//evil.example",
        "/report/99999999999999999999",
    ];
    for path in gets {
        let r = b.get(path).await;
        assert!(r.status < 500, "{path} answered {}", r.status);
    }
    let r = b.get("/language?to=xx&back=//evil.example").await;
    assert_eq!(r.location.as_deref(), Some("/"));
    // The admin's own account survived the garbage (no self-lockout, no half-writes).
    let me = h.app.accounts().get(&admin, admin.id).await.expect("admin");
    assert!(me.active);
    assert_eq!(me.role.as_str(), "administrator");
    let (_, view) = (id, h.app.concerns().get(&admin, id).await.expect("concern"));
    assert_eq!(view.concern.status.as_str(), "received");
}

async fn bad_forms_re_render_with_the_fields_marked(h: Harness) {
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    b.get("/staff/admin/categories/new").await;
    let r = b
        .post(
            "/staff/admin/categories",
            &[
                ("name", ""),
                ("ack_amount", "0"),
                ("ack_unit", "working_hours"),
                ("resolve_amount", "x"),
                ("resolve_unit", "calendar_days"),
                ("default_priority", "normal"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("error-summary")
        .expect("This is required.")
        .expect("Enter a whole number from 1 to 730.")
        .expect("Enter a number.");
    r.expect("aria-invalid=\"true\"");
    b.get(&format!("/staff/concerns/new?category={k}")).await;
    let r = b
        .post(
            "/staff/concerns/new",
            &[
                ("category", &k.to_string()),
                ("description", "Kept text"),
                ("channel", "phone"),
                ("priority", "normal"),
                ("confidentiality", "public"),
                ("reporter_email", "not-an-email"),
                ("reporter_language", "en"),
                ("lat", "200"),
                ("lng", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("Kept text")
        .expect("Enter an email address")
        .expect("Enter a latitude")
        .expect("This is required.");
    assert!(h
        .app
        .concerns()
        .queue(
            &admin,
            &liaison_store::concerns::QueueFilter {
                limit: 10,
                ..Default::default()
            }
        )
        .await
        .expect("queue")
        .0
        .is_empty());
}

async fn unknown_addresses_and_oversized_bodies_get_proper_answers(h: Harness) {
    let (_, b) = h.signed_in("officer", "Olu Officer").await;
    for path in [
        "/nowhere",
        "/staff/concerns/424242",
        "/staff/concerns/abc",
        "/report/1",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status, 404, "{path}");
        r.expect("Not found");
    }
    let huge = vec![b'a'; 200 * 1024];
    let r = b.post_raw("/track", huge, &[]).await;
    assert_eq!(r.status, 413);
}

both!(
    garbage_never_causes_a_server_error,
    bad_forms_re_render_with_the_fields_marked,
    unknown_addresses_and_oversized_bodies_get_proper_answers,
);
