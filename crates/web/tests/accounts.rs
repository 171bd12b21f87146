//! Signing in, sessions, throttling, passwords, and the headers every page carries.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Db, Harness};
use liaison_app::Settings;

async fn sign_in_sign_out_and_session_cookie(h: Harness) {
    let (user, password) = h.user("officer", "Olu Officer").await;
    let b = h.browser();
    let wrong = b
        .post(
            "/sign-in",
            &[("email", &user.email), ("password", "wrong password")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    wrong
        .expect("The email or password is wrong.")
        .refute("wrong password");
    let unknown = b
        .post(
            "/sign-in",
            &[
                ("email", "nobody@office.example"),
                ("password", "whatever1"),
            ],
        )
        .await;
    assert_eq!(unknown.status, 422);
    unknown.expect("The email or password is wrong.");
    let ok = b
        .post(
            "/sign-in",
            &[
                ("email", &user.email.to_uppercase()),
                ("password", &password),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(ok.location.as_deref(), Some("/staff"));
    let cookie = ok
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(cookie.starts_with("liaison_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    b.get("/staff/concerns").await.expect("Olu Officer");
    let page = b.get("/staff/account").await;
    page.expect("Change your password");
    let out = b.post("/sign-out", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(b.get("/staff/concerns").await.status, 303);
}

/// Failed sign-ins are slowed without locking the owner out for good.
async fn throttling(db: Db) {
    let settings = Settings {
        login_failures_per_hour: 3,
        login_delay: 60,
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (user, password) = h.user("officer", "Olu Officer").await;
    let b = h.browser();
    for _ in 0..3 {
        let r = b
            .post(
                "/sign-in",
                &[("email", &user.email), ("password", "guess guess")],
            )
            .await;
        assert_eq!(r.status, 422);
    }
    // Past the limit, even the right password must wait: guessing is slowed to one try a minute.
    let r = b
        .post(
            "/sign-in",
            &[("email", &user.email), ("password", &password)],
        )
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.parse::<i64>().unwrap_or(0) > 0),
        Some(true)
    );
    r.expect("Too many attempts");
    // Other accounts are not affected.
    let (other, other_pw) = h.user("officer", "Oscar Other").await;
    let c = h.browser();
    c.sign_in(&other.email, &other_pw).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_sqlite() {
    throttling(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_postgres() {
    throttling(Db::Postgres).await;
}

async fn password_changes_and_disabled_accounts_end_sessions(h: Harness) {
    let (admin, admin_browser) = h.signed_in("administrator", "Ada Admin").await;
    let (user, password) = h.user("officer", "Olu Officer").await;
    let first = h.browser();
    first.sign_in(&user.email, &password).await;
    let second = h.browser();
    second.sign_in(&user.email, &password).await;

    second.get("/staff/account").await;
    let bad = second
        .post(
            "/staff/account",
            &[
                ("current_password", "nope"),
                ("new_password", "short"),
                ("confirm_password", "other"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    bad.expect("This is not your current password.")
        .expect("Use at least 8 characters.")
        .expect("The two passwords differ.");
    let common = second
        .post(
            "/staff/account",
            &[
                ("current_password", &password),
                ("new_password", "password123"),
                ("confirm_password", "password123"),
            ],
        )
        .await;
    common.expect("This password is too common.");
    let ok = second
        .post(
            "/staff/account",
            &[
                ("current_password", &password),
                ("new_password", "a brand new passphrase"),
                ("confirm_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    // Every session of the account ended.
    assert_eq!(first.get("/staff/concerns").await.status, 303);
    assert_eq!(second.get("/staff/concerns").await.status, 303);
    let third = h.browser();
    third.sign_in(&user.email, "a brand new passphrase").await;

    // Disabling the account ends its sessions at once and refuses new ones.
    admin_browser
        .get(&format!("/staff/admin/users/{}", user.id))
        .await;
    let r = admin_browser
        .post(
            &format!("/staff/admin/users/{}", user.id),
            &[("name", "Olu Officer"), ("role", "officer")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(third.get("/staff/concerns").await.status, 303);
    let again = h
        .browser()
        .post(
            "/sign-in",
            &[
                ("email", &user.email),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(again.status, 422);
    // Administrators cannot lock themselves out.
    admin_browser
        .get(&format!("/staff/admin/users/{}", admin.id))
        .await;
    let r = admin_browser
        .post(
            &format!("/staff/admin/users/{}", admin.id),
            &[("name", "Ada"), ("role", "officer"), ("active", "yes")],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("You cannot disable your own account");
    // New accounts through the form.
    admin_browser.get("/staff/admin/users/new").await;
    let r = admin_browser
        .post(
            "/staff/admin/users",
            &[
                ("email", "new@office.example"),
                ("name", "Nia New"),
                ("role", "supervisor"),
                ("password", "welcome to the team"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let r = admin_browser
        .post(
            "/staff/admin/users",
            &[
                ("email", "new@office.example"),
                ("name", "Nia Again"),
                ("role", "supervisor"),
                ("password", "welcome to the team"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    r.expect("An account with this email already exists.");
    h.browser()
        .sign_in("new@office.example", "welcome to the team")
        .await;
}

async fn every_kind_of_page_carries_the_security_headers(h: Harness) {
    let (_, b) = h.signed_in("administrator", "Ada Admin").await;
    for path in [
        "/",
        "/report",
        "/track",
        "/sign-in",
        "/staff/concerns",
        "/staff/admin",
        "/nowhere",
        "/healthz",
    ] {
        let r = b.get(path).await;
        let header = |name: &str| {
            r.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let csp = header("content-security-policy");
        for part in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
    }
    assert_eq!(
        b.get("/staff/concerns")
            .await
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
}

async fn health_check_follows_the_database(h: Harness) {
    let r = h.browser().get("/healthz").await;
    assert_eq!(r.status, 200);
    h.store.close().await;
    let r = h.browser().get("/healthz").await;
    assert_eq!(r.status, 503);
}

both!(
    sign_in_sign_out_and_session_cookie,
    password_changes_and_disabled_accounts_end_sessions,
    every_kind_of_page_carries_the_security_headers,
    health_check_follows_the_database,
);
