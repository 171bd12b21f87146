//! The demo office on both databases: the same seed gives the same office, and its audit
//! trail tells its history as real use would have left it — verified by the application's
//! own check, entry for entry with each concern's timeline, on the administrators' audit
//! page, and recording what the operations themselves record.

use std::collections::{BTreeMap, BTreeSet};

use liaison_domain::concerns::LineKind;
use liaison_domain::Sight;
use liaison_store::audit::chain::{self, ChainEntry};
use liaison_store::concerns;
use liaison_store::Store;
use liaison_testkit::{both, Browser, Harness, Start, TestStore};

/// When the generated history ends: a fixed time, so two loads can be compared.
const NOW: i64 = 1_790_000_000;

async fn trail(store: &Store) -> Vec<ChainEntry> {
    let mut c = store.read().await.expect("read");
    chain::page(&mut c, 0, i64::MAX).await.expect("trail")
}

/// The action a timeline line's step is audited as.
fn audited_as(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Received => "concern.create",
        LineKind::Assigned | LineKind::Unassigned => "concern.assign",
        LineKind::Transition => "concern.transition",
        LineKind::Note => "concern.note",
        LineKind::Update => "concern.update",
        LineKind::Duplicate => "concern.duplicate",
        other => panic!("the demo wrote a {other:?} line"),
    }
}

async fn the_same_seed_and_time_give_the_same_office(a: TestStore) {
    let b = TestStore::start(a.db).await.expect("a second database");
    let first = liaison_demo::load_at(&a.store, 300, 9, NOW)
        .await
        .expect("demo");
    let second = liaison_demo::load_at(&b.store, 300, 9, NOW)
        .await
        .expect("demo");
    assert_eq!(first.concerns, 300);
    assert_eq!(first.staff, second.staff);
    assert_eq!(first.entries, second.entries);
    let (mut ca, mut cb) = (
        a.store.read().await.expect("read"),
        b.store.read().await.expect("read"),
    );
    for id in 1..=300 {
        let x = concerns::get(&mut ca, id, Sight::Everything)
            .await
            .expect("a");
        let y = concerns::get(&mut cb, id, Sight::Everything)
            .await
            .expect("b");
        assert!(x.is_some());
        assert_eq!(x, y, "concern {id}");
        let x = concerns::timeline(&mut ca, id, false).await.expect("a");
        let y = concerns::timeline(&mut cb, id, false).await.expect("b");
        assert_eq!(x, y, "timeline of concern {id}");
    }
    drop((ca, cb));
    // Entry for entry, hashes included; the last one, the load itself, is stamped with the
    // time it was made.
    let (mut x, mut y) = (trail(&a.store).await, trail(&b.store).await);
    assert_eq!(x.len() as u64, first.entries);
    let (lx, ly) = (x.pop().expect("last"), y.pop().expect("last"));
    assert_eq!(x, y);
    assert_eq!(
        (lx.action.as_str(), &lx.changes),
        ("demo.load", &ly.changes)
    );

    // Another seed, another office.
    let c = TestStore::start(a.db).await.expect("a third database");
    liaison_demo::load_at(&c.store, 300, 10, NOW)
        .await
        .expect("demo");
    let z = trail(&c.store).await;
    assert_ne!(
        x.iter().map(|e| &e.changes).collect::<Vec<_>>(),
        z.iter().map(|e| &e.changes).collect::<Vec<_>>()
    );
}

async fn the_trail_tells_the_office_s_history(h: Harness) {
    assert!(liaison_demo::is_empty(&h.store).await.expect("empty"));
    let summary = liaison_demo::load(&h.store, 250, 4).await.expect("demo");
    assert!(!liaison_demo::is_empty(&h.store).await.expect("not empty"));
    assert!(matches!(
        liaison_demo::load(&h.store, 10, 4).await,
        Err(liaison_demo::Error::NotEmpty)
    ));

    // The application's own check recomputes every hash.
    let check = h
        .app
        .audit_trail()
        .verify(None, None)
        .await
        .expect("verify");
    assert_eq!(check.broken, None);
    assert_eq!(check.checked, summary.entries);

    // Consecutive ids, in time order across the whole office.
    let all = trail(&h.store).await;
    assert_eq!(all.len() as u64, summary.entries);
    for (i, pair) in all.windows(2).enumerate() {
        assert_eq!(pair[0].id, i as i64 + 1);
        assert_eq!(pair[1].id, pair[0].id + 1);
        assert!(
            pair[0].at <= pair[1].at,
            "{:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
    // The office set up by its administrator, created at the command line first.
    let first = &all[0];
    assert_eq!(
        (first.action.as_str(), first.actor_kind.as_str()),
        ("user.create", "system")
    );
    assert_eq!(first.actor_label, "command line");
    let in_register =
        |e: &&ChainEntry| e.record_kind == "person" || e.record_kind == "organization";
    let setup: Vec<&ChainEntry> = all
        .iter()
        .take_while(|e| !e.action.starts_with("concern.") && !in_register(e))
        .collect();
    for word in [
        "office.update",
        "area.create",
        "area.texts",
        "category.create",
        "category.add_question",
        "category.texts",
        "user.create",
        "api_key.create",
    ] {
        assert!(setup.iter().any(|e| e.action == word), "no {word}");
    }
    assert!(setup[1..]
        .iter()
        .all(|e| e.actor_label == "admin@riverside.example"));
    // Then the stakeholder register, entered by an officer before the first concern: one
    // entry per person and organization.
    let register: Vec<&ChainEntry> = all.iter().filter(in_register).collect();
    let created = |word: &str| register.iter().filter(|e| e.action == word).count() as u64;
    assert_eq!(summary.people, liaison_demo::people_for(250));
    assert_eq!(created("person.create"), summary.people);
    assert_eq!(created("organization.create"), summary.organizations);
    assert!(summary.organizations > 50);
    assert!(register.iter().all(|e| e.actor_kind == "staff"));
    let first_concern = all.iter().position(|e| e.record_kind == "concern");
    let last_register = all.iter().rposition(|e| in_register(&e));
    assert!(last_register < first_concern);
    let last = all.last().expect("entries");
    assert_eq!(
        (last.action.as_str(), last.actor_label.as_str()),
        ("demo.load", "demo generator")
    );

    // Each concern's entries are its timeline, step for step: the same actions, times and
    // kinds of actor, and the same status changes.
    let mut by_concern: BTreeMap<i64, Vec<&ChainEntry>> = BTreeMap::new();
    for e in all.iter().filter(|e| e.record_kind == "concern") {
        by_concern
            .entry(e.record_id.expect("id"))
            .or_default()
            .push(e);
    }
    assert_eq!(by_concern.len(), 250);
    let mut c = h.store.read().await.expect("read");
    let mut channels = BTreeSet::new();
    for (id, entries) in &by_concern {
        let lines = concerns::timeline(&mut c, *id, false)
            .await
            .expect("timeline");
        let words: Vec<&str> = lines.iter().map(|l| audited_as(l.kind)).collect();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(words, actions, "concern {id}");
        for (line, e) in lines.iter().zip(entries) {
            assert_eq!(line.at, e.at, "concern {id}");
            assert_eq!(line.actor_kind, e.actor_kind, "concern {id}");
            let changes: serde_json::Value = serde_json::from_str(&e.changes).expect("json");
            if line.kind == LineKind::Transition {
                let status = |s: Option<liaison_domain::concerns::Status>| s.map(|s| s.as_str());
                assert_eq!(
                    changes["status"],
                    serde_json::json!([status(line.changed_from), status(line.changed_to)])
                );
            }
        }
        let x = concerns::get(&mut c, *id, Sight::Everything)
            .await
            .expect("concern")
            .expect("stored");
        let creator = (
            entries[0].actor_kind.as_str(),
            entries[0].actor_label.as_str(),
        );
        match x.channel.as_str() {
            "portal" => assert_eq!(creator, ("resident", "resident")),
            "api" => assert_eq!(creator, ("client", "Riverside Fix-It app")),
            _ => assert_eq!(creator.0, "staff"),
        }
        channels.insert(x.channel.as_str());
    }
    assert!(channels.contains("api") && channels.contains("portal"));
}

async fn an_administrator_reads_a_demo_concern_s_history(h: Harness) {
    liaison_demo::load(&h.store, 120, 6).await.expect("demo");
    let b = Browser::new(&h.base);
    b.sign_in("admin@riverside.example", liaison_demo::PASSWORD)
        .await;
    b.get("/staff/admin/audit").await.expect("demo.load");
    // A concern handled in several steps, each on the page that starts with it.
    let all = trail(&h.store).await;
    let busiest = (1..=120)
        .max_by_key(|id| {
            all.iter()
                .filter(|e| e.record_kind == "concern" && e.record_id == Some(*id))
                .count()
        })
        .expect("a concern");
    let history: Vec<&ChainEntry> = all
        .iter()
        .filter(|e| e.record_kind == "concern" && e.record_id == Some(busiest))
        .collect();
    assert!(history.len() >= 4, "{history:?}");
    for e in history {
        let page = b
            .get(&format!("/staff/admin/audit?before={}", e.id + 1))
            .await;
        assert_eq!(page.status, 200);
        let row = page
            .between(&format!("<td class=\"num\">{}</td>", e.id), "</tr>")
            .expect("the entry's row");
        assert!(row.contains(&e.action), "{row}");
        assert!(row.contains(&format!("concern {busiest}")), "{row}");
        assert!(row.contains(&e.actor_label), "{row}");
    }
}

/// The keys of each entry's `changes`, by action.
fn keys_by_action<'a>(
    entries: impl Iterator<Item = &'a ChainEntry>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for e in entries {
        let changes: serde_json::Value = serde_json::from_str(&e.changes).expect("json");
        let keys: BTreeSet<String> = changes
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        out.entry(e.action.clone()).or_insert(keys);
    }
    out
}

async fn the_demo_records_what_the_operations_record(h: Harness) {
    liaison_demo::load(&h.store, 1_000, 8).await.expect("demo");
    let demo = trail(&h.store).await;
    let last = demo.last().expect("entries").id;
    let b = Browser::new(&h.base);
    b.sign_in("admin@riverside.example", liaison_demo::PASSWORD)
        .await;
    let ok = |p: liaison_testkit::Page, what: &str| {
        assert!(
            p.status == 303 || p.status == 200,
            "{what}: {} {}",
            p.status,
            p.body
        );
        p
    };
    b.get("/staff/admin").await;
    ok(
        b.post(
            "/staff/admin",
            &[
                ("name", "Riverside Office"),
                ("time_zone", "Africa/Johannesburg"),
                ("working_days", "1"),
                ("working_days", "2"),
                ("work_start", "08:00"),
                ("work_end", "16:00"),
            ],
        )
        .await,
        "office",
    );
    b.get("/staff/admin/areas").await;
    ok(
        b.post("/staff/admin/areas", &[("name", "Riverside North")])
            .await,
        "area",
    );
    ok(
        b.post(
            "/staff/admin/areas/1/texts",
            &[("es:name", "Centro"), ("fr:name", "Centre")],
        )
        .await,
        "area texts",
    );
    b.get("/staff/admin/categories/new").await;
    let created = ok(
        b.post(
            "/staff/admin/categories",
            &[
                ("name", "Stray animals"),
                ("description", "Dogs and cattle on the roads."),
                ("ack_amount", "4"),
                ("ack_unit", "working_hours"),
                ("resolve_amount", "10"),
                ("resolve_unit", "calendar_days"),
                ("default_priority", "normal"),
                ("public", "yes"),
                ("active", "yes"),
            ],
        )
        .await,
        "category",
    );
    let path = created.location.expect("the category's page");
    let category = path.rsplit('/').next().expect("id").to_string();
    b.get(&path).await;
    ok(
        b.post(
            &format!("{path}/questions"),
            &[("label", "When does it happen?"), ("kind", "short_text")],
        )
        .await,
        "question",
    );
    b.get(&path).await;
    ok(
        b.post(&format!("{path}/texts"), &[("es:name", "Ruido")])
            .await,
        "category texts",
    );
    b.get("/staff/admin/users/new").await;
    ok(
        b.post(
            "/staff/admin/users",
            &[
                ("email", "new@riverside.example"),
                ("name", "Nia New"),
                ("role", "officer"),
                ("password", "welcome to the team"),
            ],
        )
        .await,
        "user",
    );
    b.get("/staff/admin/api-keys").await;
    ok(
        b.post("/staff/admin/api-keys", &[("name", "Another app")])
            .await,
        "api key",
    );
    b.get("/staff/people/new").await;
    ok(
        b.post(
            "/staff/people",
            &[("name", "Thandi Nkosi"), ("not_a_duplicate", "yes")],
        )
        .await,
        "person",
    );
    b.get("/staff/organizations/new").await;
    ok(
        b.post(
            "/staff/organizations",
            &[
                ("name", "Kgotsong Burial Society"),
                ("organization_type", "community_group"),
                ("not_a_duplicate", "yes"),
            ],
        )
        .await,
        "organization",
    );
    let added = b
        .post(
            "/staff/people",
            &[("name", "Sipho Dube"), ("not_a_duplicate", "yes")],
        )
        .await;
    let person = added.location.clone().expect("the person's page");
    let person = person.rsplit('/').next().expect("an id").to_string();
    ok(added, "person");
    ok(
        b.post(
            &format!("/staff/people/{person}/relationships"),
            &[
                ("kind", "member"),
                ("with_kind", "organization"),
                ("with", "Kgotsong Burial Society"),
            ],
        )
        .await,
        "relationship",
    );
    let resident = Browser::new(&h.base);
    ok(
        resident
            .post(
                &format!("/report/{category}"),
                &[("description", "Loud at night"), ("anonymous", "yes")],
            )
            .await,
        "report",
    );
    let mut c = h.store.read().await.expect("read");
    let id = concerns::last_id(&mut c).await.expect("id");
    let original = concerns::get(&mut c, 1, Sight::Everything)
        .await
        .expect("read")
        .expect("concern 1")
        .reference;
    drop(c);
    let page = format!("/staff/concerns/{id}");
    for (form, fields) in [
        ("assign", vec![("assignee", "me")]),
        ("act", vec![("action", "acknowledge")]),
        (
            "notes",
            vec![("body", "Spoke to the plant"), ("visibility", "internal")],
        ),
        (
            "notes",
            vec![("body", "We are on it"), ("visibility", "public")],
        ),
        ("duplicate", vec![("of", original.as_str())]),
    ] {
        b.get(&page).await;
        ok(b.post(&format!("{page}/{form}"), &fields).await, form);
    }

    let all = trail(&h.store).await;
    let operations = keys_by_action(all.iter().filter(|e| e.id > last));
    let generated = keys_by_action(demo.iter().filter(|e| e.action != "demo.load"));
    for (action, keys) in &generated {
        assert_eq!(
            operations.get(action),
            Some(keys),
            "{action}: the demo records other changes than the operation"
        );
    }
    // And every kind of change made here, the demo makes too. (Signing in is left out:
    // the demo's staff never signed in.)
    for action in operations.keys().filter(|a| *a != "user.sign_in") {
        assert!(
            generated.contains_key(action),
            "the demo never records {action}"
        );
    }
}

both!(
    the_same_seed_and_time_give_the_same_office,
    the_trail_tells_the_office_s_history,
    an_administrator_reads_a_demo_concern_s_history,
    the_demo_records_what_the_operations_record,
);
