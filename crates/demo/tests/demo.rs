//! The demo office on both databases: the same seed gives the same office, and its audit
//! trail tells its history as real use would have left it — verified by the application's
//! own check, entry for entry with each concern's timeline, on the administrators' audit
//! page, and recording what the operations themselves record.

use std::collections::{BTreeMap, BTreeSet};

use liaison_domain::concerns::LineKind;
use liaison_domain::interactions::Standing;
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
    // The register's records as entered (consent and links come later, in its history).
    let in_register = |e: &&ChainEntry| {
        (e.record_kind == "person" || e.record_kind == "organization")
            && e.action.ends_with(".create")
    };
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
            &format!("{path}/rules"),
            &[("tell_unacknowledged", "yes"), ("escalate_after_days", "5")],
        )
        .await,
        "escalation rules",
    );
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
    b.get(&format!("/staff/people/{person}")).await;
    ok(
        b.post(
            &format!("/staff/people/{person}/consent"),
            &[
                ("channels", "email"),
                ("channels", "sms"),
                ("purposes", "updates"),
                ("given_on", "2025-06-02"),
                ("method", "verbal"),
            ],
        )
        .await,
        "consent",
    );
    let named: String = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::sqlx::query_scalar(
            "SELECT reference FROM concerns WHERE anonymous = 0 ORDER BY id LIMIT 1",
        )
        .fetch_one(&mut *c)
        .await
        .expect("a concern with a named reporter")
    };
    ok(
        b.post(
            &format!("/staff/people/{person}/concerns"),
            &[("reference", named.as_str())],
        )
        .await,
        "link a concern",
    );
    b.get(&format!("/staff/interactions/new?people={person}"))
        .await;
    ok(
        b.post(
            "/staff/interactions",
            &[
                ("kind", "call"),
                ("happened_on", "2025-06-02"),
                ("summary", "Called about the trucks."),
                ("people", person.as_str()),
                ("topics", "trucks"),
                ("follow_up", "Send the route plan"),
                ("follow_up_due_on", "2099-01-01"),
            ],
        )
        .await,
        "interaction",
    );
    let follow_up: i64 = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::sqlx::query_scalar("SELECT MAX(id) FROM follow_ups")
            .fetch_one(&mut *c)
            .await
            .expect("a follow-up")
    };
    b.get("/staff/tasks").await;
    ok(
        b.post(&format!("/staff/follow-ups/{follow_up}/done"), &[])
            .await,
        "follow-up done",
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

    b.get("/staff/reports/grievances?compare=yes").await;
    let admin: i64 = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::sqlx::query_scalar(
            "SELECT id FROM users WHERE email = 'admin@riverside.example'",
        )
        .fetch_one(&mut *c)
        .await
        .expect("the administrator")
    };
    ok(
        b.post(
            "/staff/reports/grievances/schedule",
            &[
                ("day", "1"),
                ("compare", "yes"),
                ("recipient", &admin.to_string()),
            ],
        )
        .await,
        "schedule a report",
    );

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

/// One number the database answers.
async fn count(store: &Store, sql: &str) -> i64 {
    let mut c = store.read().await.expect("read");
    liaison_store::sqlx::query_scalar(sql)
        .fetch_one(&mut *c)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn the_engagement_log_is_lived_in(h: Harness) {
    let size = liaison_demo::Size {
        concerns: 400,
        people: 1_000,
        organizations: Some(150),
    };
    let now = liaison_store::now();
    let steps = std::sync::Mutex::new(Vec::new());
    let summary = liaison_demo::load_showing(&h.store, size, 5, now, &|step| {
        steps.lock().expect("steps").push(step)
    })
    .await
    .expect("demo");
    // A progress bar is told of the register first, then of the history as it is written,
    // up to every concern.
    let steps = steps.into_inner().expect("steps");
    assert_eq!(steps.first(), Some(&liaison_demo::Step::Register));
    assert_eq!(
        steps.last(),
        Some(&liaison_demo::Step::History {
            done: 400,
            total: 400
        })
    );
    assert_eq!(summary.organizations, 150);
    assert_eq!(
        count(&h.store, "SELECT COUNT(*) FROM organizations").await,
        150
    );
    // About ten interactions per person, a third with follow-ups.
    let interactions = count(&h.store, "SELECT COUNT(*) FROM interactions").await;
    assert_eq!(interactions as u64, summary.interactions);
    assert!((9_000..=11_000).contains(&interactions), "{interactions}");
    let follow_ups = count(&h.store, "SELECT COUNT(*) FROM follow_ups").await;
    assert_eq!(follow_ups as u64, summary.follow_ups);
    assert!(
        follow_ups > interactions / 4 && follow_ups < interactions / 2,
        "{follow_ups}"
    );

    // The chain verifies, entry for entry.
    let check = h
        .app
        .audit_trail()
        .verify(None, None)
        .await
        .expect("verify");
    assert_eq!(check.broken, None);
    assert_eq!(check.checked, summary.entries);

    // Nothing happened after now.
    let tz = h
        .app
        .office()
        .settings()
        .await
        .expect("settings")
        .calendar
        .time_zone;
    let today = chrono::DateTime::from_timestamp(now, 0)
        .expect("now")
        .with_timezone(&tz)
        .date_naive();
    let day = liaison_domain::values::day_text(today);
    for sql in [
        format!("SELECT COUNT(*) FROM interactions WHERE happened_on > '{day}'"),
        format!("SELECT COUNT(*) FROM interactions WHERE created_at > {now}"),
        format!("SELECT COUNT(*) FROM follow_ups WHERE done_at > {now}"),
        "SELECT COUNT(*) FROM follow_ups f JOIN interactions i ON i.id = f.interaction_id \
         WHERE f.done_at < i.created_at"
            .to_string(),
    ] {
        assert_eq!(count(&h.store, &sql).await, 0, "{sql}");
    }

    // Follow-ups in every standing, so task lists show each.
    let rows: Vec<(String, i64)> = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::sqlx::query_as("SELECT due_on, open FROM follow_ups")
            .fetch_all(&mut *c)
            .await
            .expect("follow-ups")
    };
    let mut standings = BTreeMap::new();
    for (due, open) in &rows {
        let due = liaison_domain::values::day(due)
            .expect("a day")
            .expect("a day");
        let standing = Standing::of(due, *open == 0, today);
        *standings.entry(standing.as_str()).or_insert(0) += 1;
    }
    for word in ["done", "overdue", "due_today", "open"] {
        assert!(
            standings.contains_key(word),
            "no {word} follow-up: {standings:?}"
        );
    }
    // Most past ones are done.
    assert!(
        standings["done"] > 4 * standings["overdue"],
        "{standings:?}"
    );

    // Each record's last-contacted day is its latest interaction's.
    for (table, kind) in [("people", "person"), ("organizations", "organization")] {
        let wrong = format!(
            "SELECT COUNT(*) FROM {table} s WHERE s.last_contacted_on <> \
             COALESCE((SELECT MAX(p.happened_on) FROM interaction_participants p \
             WHERE p.record_kind = '{kind}' AND p.record_id = s.id), '')"
        );
        assert_eq!(count(&h.store, &wrong).await, 0, "{table}");
        let contacted = format!("SELECT COUNT(*) FROM {table} WHERE last_contacted_on <> ''");
        assert!(count(&h.store, &contacted).await > 0, "{table}");
    }

    // The influential are seen more often, and a few people very often.
    let per_person = |level: &str| {
        format!(
            "SELECT COUNT(*) FROM interaction_participants p JOIN people s \
             ON p.record_kind = 'person' AND s.id = p.record_id WHERE s.influence = '{level}'"
        )
    };
    let people_at =
        |level: &str| format!("SELECT COUNT(*) FROM people WHERE influence = '{level}'");
    let rate = async |level: &str| {
        count(&h.store, &per_person(level)).await as f64
            / count(&h.store, &people_at(level)).await.max(1) as f64
    };
    let (high, low) = (rate("high").await, rate("low").await);
    assert!(high > 3.0 * low, "high {high}, low {low}");
    let busiest = count(
        &h.store,
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM interaction_participants \
         WHERE record_kind = 'person' GROUP BY record_id) x",
    )
    .await;
    assert!(busiest > 60, "{busiest}");

    // Each interaction and each follow-up done has its line and its entry; so has each
    // consent recorded and each concern linked to a person.
    let pairs = [
        (
            "SELECT COUNT(*) FROM timeline_lines WHERE record_kind = 'interaction' \
             AND kind = 'created'",
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'interaction.create'",
        ),
        (
            "SELECT COUNT(*) FROM timeline_lines WHERE record_kind = 'interaction' \
             AND kind = 'follow_up_done'",
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'follow_up.done'",
        ),
        (
            "SELECT COUNT(*) FROM follow_ups WHERE open = 0",
            "SELECT COUNT(*) FROM timeline_lines WHERE kind = 'follow_up_done'",
        ),
        (
            "SELECT COUNT(*) FROM timeline_lines WHERE record_kind = 'person' \
             AND kind = 'consent'",
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'person.consent'",
        ),
        (
            "SELECT COUNT(*) FROM people WHERE consent_given_on IS NOT NULL",
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'person.consent'",
        ),
        (
            "SELECT COUNT(*) FROM person_concerns",
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'person.link_concern'",
        ),
    ];
    for (a, b) in pairs {
        assert_eq!(
            count(&h.store, a).await,
            count(&h.store, b).await,
            "{a} / {b}"
        );
    }
    assert_eq!(
        count(&h.store, "SELECT COUNT(*) FROM interactions").await,
        interactions
    );
    let consented = count(
        &h.store,
        "SELECT COUNT(*) FROM people WHERE consent_given_on IS NOT NULL",
    )
    .await;
    assert!(consented > 400 && consented < 700, "{consented}");
    assert!(
        count(
            &h.store,
            "SELECT COUNT(*) FROM people WHERE do_not_contact = 1"
        )
        .await
            > 0
    );
    let linked = count(
        &h.store,
        "SELECT COUNT(DISTINCT person_id) FROM person_concerns",
    )
    .await;
    assert!((5..=100).contains(&linked), "{linked}");
    let anonymous =
        "SELECT COUNT(*) FROM person_concerns l JOIN concerns c ON c.id = l.concern_id \
        WHERE c.anonymous = 1";
    assert_eq!(count(&h.store, anonymous).await, 0);

    // The pages read them: the officer with the most open follow-ups sees them by standing,
    // and the busiest person's page shows their interactions.
    let email: String = {
        let mut c = h.store.read().await.expect("read");
        liaison_store::sqlx::query_scalar(
            "SELECT u.email FROM follow_ups f JOIN users u ON u.id = f.owner_id \
             WHERE f.open = 1 GROUP BY u.email ORDER BY COUNT(*) DESC, u.email LIMIT 1",
        )
        .fetch_one(&mut *c)
        .await
        .expect("an officer with open follow-ups")
    };
    let b = Browser::new(&h.base);
    b.sign_in(&email, liaison_demo::PASSWORD).await;
    let tasks = b.get("/staff/tasks").await;
    assert_eq!(tasks.status, 200);
    tasks
        .expect("class=\"follow-up overdue\"")
        .expect("class=\"follow-up open\"");
    let person = count(
        &h.store,
        "SELECT record_id FROM interaction_participants WHERE record_kind = 'person' \
         GROUP BY record_id ORDER BY COUNT(*) DESC, record_id LIMIT 1",
    )
    .await;
    let page = b.get(&format!("/staff/people/{person}")).await;
    assert_eq!(page.status, 200);
    page.expect("/staff/interactions/");
    assert_eq!(b.get("/staff/interactions").await.status, 200);
}

both!(
    the_engagement_log_is_lived_in,
    the_same_seed_and_time_give_the_same_office,
    the_trail_tells_the_office_s_history,
    an_administrator_reads_a_demo_concern_s_history,
    the_demo_records_what_the_operations_record,
);
