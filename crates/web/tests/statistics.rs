//! The portal's statistics page over HTTP, on SQLite and PostgreSQL: small counts are
//! never shown nor left to be worked out, a sensitive category is never named with a
//! small count, shares and commitments are counted, and the page speaks Spanish.

use liaison_app::commitments::{Progress, SaveCommitment};
use liaison_app::office::NewArea;
use liaison_store::sqlx;
use liaison_testkit::{both, Harness, Page};

/// The concerns are moved this far into the past: always within the twelve whole months
/// before this one, and (with a late resolution 11 days after) never in this month.
const BACK: i64 = 45 * 86_400;

/// Runs `sql` on the database.
async fn exec(h: &Harness, sql: &str) {
    let mut tx = h.store.write().await.expect("write");
    sqlx::query(sql).execute(&mut *tx).await.expect(sql);
    tx.commit().await.expect("commit");
}

/// Marks `category` sensitive, `admin` its team.
async fn sensitive(h: &Harness, admin: &liaison_app::accounts::User, category: i64) {
    let team = liaison_app::teams::SaveTeam {
        sensitive: true.into(),
        team: [admin.id.to_string()].into_iter().collect(),
    };
    h.app
        .office()
        .save_team(admin, category, &team)
        .await
        .expect("sensitive");
}

fn list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a table's cell says: a number, "fewer than" or "not shown".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Number(i64),
    Fewer,
    Hidden,
}

/// The lines of the table whose caption starts with `caption`: each line's heading and
/// what its first cell says (lines that say no count left out), the total last.
fn table(page: &Page, caption: &str, fewer: &str, hidden: &str) -> Vec<(String, Said)> {
    let start = page
        .body
        .find(&format!("\">{caption}"))
        .unwrap_or_else(|| panic!("a table {caption}: {}", page.body));
    let rest = &page.body[start..];
    let rest = &rest[..rest.find("</table>").expect("its end")];
    rest.split("<th scope=\"row\">")
        .skip(1)
        .filter_map(|line| {
            let name = line[..line.find("</th>").expect("heading")]
                .trim()
                .to_string();
            let cell = line.split("<td").nth(1).expect("a cell");
            let text = &cell[cell.find('>').expect("cell") + 1..cell.find("</td>").expect("end")];
            let said = if text == fewer {
                Said::Fewer
            } else if text == hidden {
                Said::Hidden
            } else {
                // A share's line says no count.
                Said::Number(text.parse().ok()?)
            };
            Some((name, said))
        })
        .collect()
}

/// Whether a reader who knows the rule could work a small count of `lines` out: the
/// total less what is shown, each other suppressed line at its least or its most.
fn recoverable(lines: &[(String, Said)]) -> Option<String> {
    let (cells, total) = lines.split_at(lines.len() - 1);
    let Said::Number(total) = total[0].1 else {
        return None;
    };
    let bounds = |s: Said| match s {
        Said::Number(n) => (n, Some(n)),
        Said::Fewer => (0, Some(4)),
        Said::Hidden => (5, None),
    };
    for (i, (name, said)) in cells.iter().enumerate() {
        if *said != Said::Fewer {
            continue;
        }
        let others = cells.iter().enumerate().filter(|(j, _)| *j != i);
        let lo_others: i64 = others.clone().map(|(_, (_, s))| bounds(*s).0).sum();
        let hi_others: Option<i64> = others
            .map(|(_, (_, s))| bounds(*s).1)
            .try_fold(0, |a, b| b.map(|b| a + b));
        let lo = hi_others.map_or(0, |h| (total - h).max(0));
        let hi = (total - lo_others).min(4);
        if lo == hi && lo > 0 {
            return Some(format!("{name} is {lo}"));
        }
    }
    None
}

async fn small_counts_are_suppressed_and_cannot_be_worked_out(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let noise = h.category(&admin, "Noise at night", true).await;
    let roads = h.category(&admin, "Potholes and roads", true).await;
    let water = h.category(&admin, "Water supply", true).await;
    let internal = h.category(&admin, "Internal referral", false).await;
    let harassment = h.category(&admin, "Harassment", true).await;
    sensitive(&h, &admin, harassment).await;
    let north = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "Northgate".into(),
            },
        )
        .await
        .expect("area");
    let south = h
        .app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "Southbank".into(),
            },
        )
        .await
        .expect("area");

    let mut made: Vec<(i64, Vec<i64>)> = Vec::new();
    for (category, n) in [
        (noise, 3),
        (roads, 12),
        (water, 20),
        (internal, 2),
        (harassment, 2),
    ] {
        let mut ids = Vec::new();
        for i in 0..n {
            let (id, _, _) = h
                .concern(
                    &admin,
                    category,
                    &format!("Concern number {i} of its kind"),
                    "public",
                )
                .await;
            ids.push(id);
        }
        made.push((category, ids));
    }
    let ids = |k: i64| made.iter().find(|(c, _)| *c == k).expect("made").1.clone();
    // Roads: 10 resolved by the target, 2 late; water: all 20 by the target.
    let (roads_ids, water_ids) = (ids(roads), ids(water));
    let on_time: Vec<i64> = roads_ids[..10].iter().chain(&water_ids).copied().collect();
    exec(
        &h,
        &format!(
            "UPDATE concerns SET status = 'resolved', open = 0, acknowledged_at = received_at + 600, \
             resolved_at = received_at + 3600, closed_at = received_at + 3600 WHERE id IN ({})",
            list(&on_time)
        ),
    )
    .await;
    exec(
        &h,
        &format!(
            "UPDATE concerns SET status = 'resolved', open = 0, acknowledged_at = received_at + 600, \
             resolved_at = resolve_due_at + 86400, closed_at = resolve_due_at + 86400 WHERE id IN ({})",
            list(&roads_ids[10..])
        ),
    )
    .await;
    // Areas: 2 in Northgate, 30 in Southbank, 7 without.
    let all: Vec<i64> = made.iter().flat_map(|(_, ids)| ids.clone()).collect();
    exec(
        &h,
        &format!(
            "UPDATE concerns SET area_id = {north} WHERE id IN ({})",
            list(&all[..2])
        ),
    )
    .await;
    exec(
        &h,
        &format!(
            "UPDATE concerns SET area_id = {south} WHERE id IN ({})",
            list(&all[2..32])
        ),
    )
    .await;
    exec(
        &h,
        &format!(
            "UPDATE concerns SET received_at = received_at - {BACK}, \
             acknowledged_at = acknowledged_at - {BACK}, resolved_at = resolved_at - {BACK}, \
             closed_at = closed_at - {BACK}, ack_due_at = ack_due_at - {BACK}, \
             resolve_due_at = resolve_due_at - {BACK}"
        ),
    )
    .await;

    // Public commitments: ten kept by their day, one kept only in private.
    let due = (chrono::Utc::now() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let mut kept = Vec::new();
    for i in 0..11 {
        let id = h
            .app
            .commitments()
            .make(
                &admin,
                &SaveCommitment {
                    title: format!("Promise {i} to the neighbourhood").into(),
                    due_on: due.as_str().into(),
                    confidentiality: if i < 10 { "public" } else { "restricted" }.into(),
                    public: (i < 10).into(),
                    ..SaveCommitment::default()
                },
            )
            .await
            .expect("commitment");
        h.app
            .commitments()
            .progress(
                &admin,
                id,
                &Progress {
                    status: "kept".into(),
                    note: "Done, as the minutes show".into(),
                },
            )
            .await
            .expect("kept");
        kept.push(id);
    }
    exec(
        &h,
        &format!(
            "UPDATE commitments SET closed_at = closed_at - {BACK} WHERE id IN ({})",
            list(&kept)
        ),
    )
    .await;
    h.app.dashboard().rebuild().await.expect("recount");

    let page = h.browser().get("/statistics").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (fewer, hidden) = ("fewer than 5", "not shown");
    let categories = table(&page, "By category", fewer, hidden);
    let said = |lines: &[(String, Said)], name: &str| {
        lines
            .iter()
            // A name shown in the office's language is marked so.
            .find(|(n, _)| n == name || n.starts_with(&format!("<span lang=\"en\">{name}<")))
            .unwrap_or_else(|| panic!("{name} in {lines:?}"))
            .1
    };
    assert_eq!(
        said(&categories, "Noise at night"),
        Said::Fewer,
        "{categories:?}"
    );
    assert_eq!(said(&categories, "Potholes and roads"), Said::Number(12));
    assert_eq!(said(&categories, "Water supply"), Said::Number(20));
    // Not public, and sensitive with 2: counted together, neither named.
    assert_eq!(said(&categories, "Other categories"), Said::Fewer);
    assert_eq!(said(&categories, "All concerns"), Said::Number(39));
    page.refute("Harassment").refute("Internal referral");
    // 3, 2 and 4 appear as no number anywhere.
    for small in 1..5 {
        page.refute(&format!(">{small}<"));
    }
    assert_eq!(recoverable(&categories), None, "{categories:?}");

    // Northgate's 2 would be the total less Southbank and no area: no area is hidden too.
    let areas = table(&page, "By area", fewer, hidden);
    assert_eq!(said(&areas, "Northgate"), Said::Fewer, "{areas:?}");
    assert_eq!(said(&areas, "Southbank"), Said::Number(30));
    assert_eq!(said(&areas, "No area given"), Said::Hidden);
    assert_eq!(recoverable(&areas), None, "{areas:?}");

    // Roads: 2 of 12 late, told as a bound; water 100%; all: 30 of 32, a bound.
    page.expect("at least 66%")
        .expect("100%")
        .expect("at least 87%");

    let commitments = table(&page, "Our public commitments", fewer, hidden);
    assert_eq!(
        said(&commitments, "Kept"),
        Said::Number(10),
        "{commitments:?}"
    );
    assert_eq!(said(&commitments, "Dropped"), Said::Number(0));
    page.expect("<td class=\"num\">100%</td>")
        .expect("href=\"/you-said-we-did\"");

    // In Spanish: the same figures, in its words.
    let visitor = h.browser();
    visitor.get("/language?to=es&back=/statistics").await;
    let es = visitor.get("/statistics").await;
    assert_eq!(es.status, 200, "{}", es.body);
    es.expect("Nuestros resultados en cifras")
        .expect("menos de 5")
        .expect("Otras categorías");
    let categories = table(&es, "Por categoría", "menos de 5", "no se muestra");
    assert_eq!(said(&categories, "Potholes and roads"), Said::Number(12));
    assert_eq!(said(&categories, "Todas las inquietudes"), Said::Number(39));
    es.refute("Harassment");

    // The portal's home links to it.
    h.browser().get("/").await.expect("href=\"/statistics\"");
}

async fn a_sensitive_category_is_named_from_the_threshold(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let roads = h.category(&admin, "Potholes and roads", true).await;
    let harassment = h.category(&admin, "Harassment", true).await;
    sensitive(&h, &admin, harassment).await;
    for (category, n) in [(roads, 9), (harassment, 6)] {
        for i in 0..n {
            h.concern(&admin, category, &format!("Concern number {i}"), "public")
                .await;
        }
    }
    exec(
        &h,
        &format!("UPDATE concerns SET received_at = received_at - {BACK}"),
    )
    .await;
    h.app.dashboard().rebuild().await.expect("recount");
    let page = h.browser().get("/statistics").await;
    let categories = table(&page, "By category", "fewer than 5", "not shown");
    assert!(
        categories.contains(&("Harassment".into(), Said::Number(6))),
        "{categories:?}"
    );
    assert!(categories.contains(&("All concerns".into(), Said::Number(15))));
}

async fn an_office_with_few_concerns_shows_no_number(h: Harness) {
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let roads = h.category(&admin, "Potholes and roads", true).await;
    for i in 0..4 {
        h.concern(&admin, roads, &format!("Concern number {i}"), "public")
            .await;
    }
    exec(
        &h,
        &format!("UPDATE concerns SET received_at = received_at - {BACK}"),
    )
    .await;
    h.app.dashboard().rebuild().await.expect("recount");
    let page = h.browser().get("/statistics").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for caption in ["By category", "By area"] {
        let lines = table(&page, caption, "fewer than 5", "not shown");
        assert!(lines.iter().all(|(_, s)| *s == Said::Fewer), "{lines:?}");
    }
    page.refute(">4<");
}

both!(
    small_counts_are_suppressed_and_cannot_be_worked_out,
    a_sensitive_category_is_named_from_the_threshold,
    an_office_with_few_concerns_shows_no_number
);
