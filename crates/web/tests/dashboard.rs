//! The staff home over HTTP: one's own work first, then the office's figures — counted as
//! concerns change, each chart beside the table of its numbers, each figure a link to the
//! records behind it — and none of the office's figures for partner agencies. On SQLite
//! and PostgreSQL.

use liaison_app::concerns::{Assignment, Transition};
use liaison_testkit::{both, Harness};

async fn the_home_page_shows_the_office_at_a_glance(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let (sup, browser) = h.signed_in("supervisor", "Sam Supervisor").await;
    let (olu, olu_browser) = h.signed_in("officer", "Olu Officer").await;
    let (_, partner) = h.signed_in("partner", "Pat Partner").await;
    let noise = h.category(&admin, "Noise at night", true).await;
    let roads = h.category(&admin, "Potholes", true).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let k = if i < 3 { noise } else { roads };
        let (id, _, _) = h
            .concern(&sup, k, "Music until 3 am every Friday", "public")
            .await;
        ids.push(id);
    }
    let step = |action: &str| Transition {
        action: action.into(),
        note: "Spoke to the neighbours".into(),
        ..Transition::default()
    };
    for id in &ids[..2] {
        h.app
            .concerns()
            .act(&sup, *id, &step("acknowledge"))
            .await
            .expect("ack");
        h.app
            .concerns()
            .act(&sup, *id, &step("resolve"))
            .await
            .expect("resolve");
    }
    let olu_id = olu.id.to_string();
    h.app
        .concerns()
        .assign(
            &sup,
            ids[4],
            &Assignment {
                assignee: olu_id.as_str().into(),
            },
        )
        .await
        .expect("assign");

    let home = browser.get("/staff").await;
    assert_eq!(home.status, 200, "{}", home.body);
    home.expect("My work").expect("The office at a glance");
    // Five received, two resolved: three still need work, and the figure links to them.
    home.expect("<a href=\"/staff/concerns?view=open\"><strong>3</strong>");
    // The weekly chart is drawn, and its numbers are in a table beside it.
    home.expect("<svg class=\"chart\"")
        .expect("<caption>Concerns received and resolved each week");
    let weeks = home
        .between(
            "<caption>Concerns received and resolved each week",
            "</table>",
        )
        .expect("the weekly table");
    let this_week = weeks.rsplit("<tr>").next().expect("this week's row");
    assert!(
        this_week.contains(
            "<td class=\"number\">5</td><td class=\"number\">2</td><td class=\"number\">3</td>"
        ),
        "{this_week}"
    );
    // By category: each line links to its concerns, with its share resolved on time.
    let by = home
        .between("id=\"by-category\"", "</section>")
        .expect("by category");
    assert!(by.contains(&format!("category={noise}")), "{by}");
    assert!(by.contains("Noise at night") && by.contains("100%"), "{by}");
    // By officer: Olu has one.
    home.between("id=\"by-officer\"", "</section>")
        .expect("by officer")
        .contains("Olu Officer")
        .then_some(())
        .expect("Olu's line");

    // Olu's own work names his concern.
    let mine = olu_browser.get("/staff").await;
    assert_eq!(mine.status, 200);
    mine.expect("My work").expect("The office at a glance");

    // A partner agency sees its own work, never the office's figures.
    let theirs = partner.get("/staff").await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    theirs
        .expect("My work")
        .refute("The office at a glance")
        .refute("Noise at night");

    // In Spanish too.
    browser.get("/language?to=es&back=/staff").await;
    browser
        .get("/staff")
        .await
        .expect("La oficina de un vistazo");
}

both!(the_home_page_shows_the_office_at_a_glance);
