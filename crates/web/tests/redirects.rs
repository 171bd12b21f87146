//! Redirects whose target comes from the request stay on this site: the language switch's
//! `back` and sign-in's `next`, tried with the forms known to lead browsers elsewhere.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{serialize, Harness};

/// Targets that must not be followed, as the handler reads them (after the query or form
/// is decoded): forms browsers read as another host, encoded once more, hidden behind
/// whitespace and control characters, and URLs that are not paths.
const OFF_SITE: &[&str] = &[
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%2F%2Fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u{b}/evil.example",
    " //evil.example",
    " /x",
    "\t/x",
    "\u{0}/x",
    "/\u{0}",
    "/ /evil.example",
    "/x y",
    "/\u{a0}/evil.example",
    "/\u{2028}x",
    "/\u{7f}",
    "https://evil.example/",
    "https:/evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
];

/// The same targets, plus full URLs to this very server (a path is asked for, not a URL).
fn off_site(h: &Harness) -> Vec<String> {
    let mut all: Vec<String> = OFF_SITE.iter().map(|s| s.to_string()).collect();
    all.push(format!("{}/staff/concerns", h.base));
    all.push(h.base.replacen("http:", "", 1) + "/staff");
    all
}

async fn the_language_switch_goes_back_only_to_this_site(h: Harness) {
    let b = h.browser();
    for target in off_site(&h) {
        let p = b
            .get(&format!(
                "/language?{}",
                serialize(&[("to", "es"), ("back", &target)])
            ))
            .await;
        assert_eq!(p.status, 303, "{target:?}");
        assert_eq!(p.location.as_deref(), Some("/"), "{target:?}");
    }
    // The report's own example, typed into the address bar as it is.
    let p = b.get("/language?to=es&back=/\\evil.example/x").await;
    assert_eq!(p.location.as_deref(), Some("/"));
    // A page of this site is where the switch leads back to, in the chosen language.
    let p = b
        .get(&format!(
            "/language?{}",
            serialize(&[("to", "fr"), ("back", "/track?code=1A")])
        ))
        .await;
    assert_eq!(p.location.as_deref(), Some("/track?code=1A"));
    b.get("/").await.expect("lang=\"fr\"");
}

async fn sign_in_goes_on_only_to_this_site(h: Harness) {
    let (user, password) = h.user("officer", "Olu Officer").await;
    for target in off_site(&h) {
        // The form carries the target on to the POST…
        let form = h
            .browser()
            .get(&format!("/sign-in?{}", serialize(&[("next", &target)])))
            .await;
        assert_eq!(form.status, 200, "{target:?}");
        assert_eq!(
            form.between("name=\"next\" value=\"", "\"").as_deref(),
            Some("/staff"),
            "{target:?}"
        );
        // …and the POST, signed in, leads there.
        let b = h.browser();
        let p = b
            .post(
                "/sign-in",
                &[
                    ("email", &user.email),
                    ("password", &password),
                    ("next", &target),
                ],
            )
            .await;
        assert_eq!(p.status, 303, "{target:?}: {}", p.body);
        assert_eq!(p.location.as_deref(), Some("/staff"), "{target:?}");
    }
    let b = h.browser();
    let p = b
        .post(
            "/sign-in",
            &[
                ("email", &user.email),
                ("password", &password),
                ("next", "/staff/concerns?view=mine"),
            ],
        )
        .await;
    assert_eq!(p.location.as_deref(), Some("/staff/concerns?view=mine"));
}

both!(
    the_language_switch_goes_back_only_to_this_site,
    sign_in_goes_on_only_to_this_site
);
