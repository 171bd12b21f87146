//! Who sees and does what: confidentiality, partners, viewers, administrators, CSRF.

use liaison_testkit as common;
use liaison_testkit::both;

use common::Harness;

async fn confidential_concerns_look_missing_to_those_not_entitled(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (officer, officer_pw) = h.user("officer", "Olu Officer").await;
    let (other, other_pw) = h.user("officer", "Oscar Other").await;
    let (_, supervisor_pw) = h.user("supervisor", "Sam Supervisor").await;
    let (partner, partner_pw) = h.user("partner", "Pat Partner").await;
    let (_, viewer_pw) = h.user("viewer", "Vic Viewer").await;
    let k = h.category(&admin, "Staff conduct", false).await;
    let (secret, secret_ref, _) = h
        .concern(
            &admin,
            k,
            "A confidential grievance about a guard",
            "confidential",
        )
        .await;
    let (open, open_ref, _) = h
        .concern(
            &admin,
            k,
            "A restricted complaint about noise",
            "restricted",
        )
        .await;
    let assign = |id: i64, to: i64| {
        let app = h.app.clone();
        let admin = admin.clone();
        async move {
            let to = liaison_app::concerns::Assignment {
                assignee: to.to_string().into(),
            };
            app.concerns()
                .assign(&admin, id, &to)
                .await
                .expect("assign");
        }
    };
    assign(secret, officer.id).await;

    let missing = "/staff/concerns/999999";
    let secret_path = format!("/staff/concerns/{secret}");
    let open_path = format!("/staff/concerns/{open}");
    let as_user = |email: String, pw: String| {
        let b = h.browser();
        async move {
            b.sign_in(&email, &pw).await;
            b
        }
    };

    // The assigned officer and the supervisor see the confidential concern.
    let b = as_user(officer.email.clone(), officer_pw).await;
    b.get(&secret_path).await.expect("A confidential grievance");
    b.get("/staff/concerns?view=all").await.expect(&secret_ref);
    let b = as_user("sam.supervisor@office.example".into(), supervisor_pw).await;
    b.get(&secret_path).await.expect("A confidential grievance");

    // Another officer gets exactly the page a missing concern gives, and no trace in queues or search.
    let b = as_user(other.email.clone(), other_pw).await;
    let denied = b.get(&secret_path).await;
    let absent = b.get(missing).await;
    assert_eq!(denied.status, 404);
    assert_eq!(
        denied.body,
        absent.body.replace("999999", &secret.to_string())
    );
    b.get("/staff/concerns?view=all")
        .await
        .refute(&secret_ref)
        .expect(&open_ref);
    b.get("/staff/concerns?view=all&q=guard")
        .await
        .refute(&secret_ref);
    assert_eq!(
        b.get(&format!("/staff/find?reference={secret_ref}"))
            .await
            .status,
        404
    );
    // Writes to it are refused the same way and change nothing.
    let r = b
        .post(
            &format!("{secret_path}/notes"),
            &[("body", "sneaky"), ("visibility", "internal")],
        )
        .await;
    assert_eq!(r.status, 404);
    let r = b
        .post(
            &format!("{secret_path}/act"),
            &[("action", "reject"), ("note", "x")],
        )
        .await;
    assert_eq!(r.status, 404);
    let view = h
        .app
        .concerns()
        .get(&admin, secret)
        .await
        .expect("admin sees");
    assert_eq!(view.concern.status.as_str(), "received");
    assert!(view.timeline.iter().all(|e| e.body != "sneaky"));

    // A partner sees only what is assigned to it.
    let b = as_user(partner.email.clone(), partner_pw.clone()).await;
    assert_eq!(b.get(&open_path).await.status, 404);
    b.get("/staff/concerns?view=all")
        .await
        .refute(&open_ref)
        .refute(&secret_ref);
    assign(open, partner.id).await;
    let page = b.get(&open_path).await;
    page.expect("A restricted complaint");
    let r = b
        .post(&format!("{open_path}/act"), &[("action", "acknowledge")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Partners may not reassign.
    b.get(&open_path).await;
    let r = b
        .post(&format!("{open_path}/assign"), &[("assignee", "")])
        .await;
    assert_eq!(r.status, 403);

    // A viewer reads restricted concerns but changes nothing and never sees the reporter.
    let b = as_user("vic.viewer@office.example".into(), viewer_pw).await;
    let page = b.get(&open_path).await;
    page.expect("A restricted complaint")
        .refute("thandi@example.org")
        .refute("Thandi Mokoena");
    let r = b
        .post(
            &format!("{open_path}/notes"),
            &[("body", "viewer note"), ("visibility", "internal")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(b.get(&secret_path).await.status, 404);
    assert_eq!(b.get("/staff/concerns/new").await.status, 403);
}

async fn only_administrators_configure_the_office(h: Harness) {
    let (_, officer) = h.signed_in("officer", "Olu Officer").await;
    for path in [
        "/staff/admin",
        "/staff/admin/areas",
        "/staff/admin/categories",
        "/staff/admin/categories/new",
        "/staff/admin/users",
        "/staff/admin/users/new",
        "/staff/admin/audit",
    ] {
        assert_eq!(officer.get(path).await.status, 403, "{path}");
    }
    let r = officer
        .post("/staff/admin/areas", &[("name", "Sneaky")])
        .await;
    assert_eq!(r.status, 403);
    let r = officer
        .post(
            "/staff/admin/users",
            &[
                ("email", "x@y.org"),
                ("name", "X"),
                ("role", "administrator"),
                ("password", "long enough pw"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(h.app.office().areas(true).await.expect("areas").is_empty());
    assert_eq!(h.app.accounts().count().await.expect("count"), 1);
}

async fn staff_pages_need_a_session_and_forms_need_the_csrf_token(h: Harness) {
    let anonymous = h.browser();
    let r = anonymous.get("/staff/concerns").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location.as_deref(), Some("/sign-in?next=/staff/concerns"));
    let (admin, b) = h.signed_in("administrator", "Ada Admin").await;
    // Without the token, nothing happens.
    let r = b
        .post_raw("/staff/admin/areas", b"name=Forged".to_vec(), &[])
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("This form has expired"), "{}", r.body);
    // A form posted from another site is refused even with a valid token.
    b.get("/staff/admin/areas").await;
    let token = b
        .get("/staff/admin/areas")
        .await
        .between("name=\"csrf\" value=\"", "\"")
        .expect("token");
    let body = format!("name=Forged&csrf={token}").into_bytes();
    let r = b
        .post_raw(
            "/staff/admin/areas",
            body.clone(),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = b
        .post_raw(
            "/staff/admin/areas",
            body,
            &[("sec-fetch-site", "cross-site"), ("accept-language", "es")],
        )
        .await;
    assert_eq!(r.status, 403);
    // The refusal speaks the visitor's language.
    assert!(r.body.contains("lang=\"es\""), "{}", r.body);
    assert!(r.body.contains("Envío rechazado"), "{}", r.body);
    assert!(h.app.office().areas(true).await.expect("areas").is_empty());
    // With it, the change is made.
    let r = b.post("/staff/admin/areas", &[("name", "Riverside")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(h.app.office().areas(true).await.expect("areas").len(), 1);
    let _ = admin;
}

both!(
    confidential_concerns_look_missing_to_those_not_entitled,
    only_administrators_configure_the_office,
    staff_pages_need_a_session_and_forms_need_the_csrf_token,
);
