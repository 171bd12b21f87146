//! The tamper-evident audit trail. A real trail is made through the running server; then,
//! as someone with direct database access would, raw SQL lifts the append-only trigger and
//! edits, deletes, reorders and forges entries. Each time the check must name the first
//! broken entry and what is wrong there.

use liaison_testkit as common;
use liaison_testkit::both;

use common::{Db, Harness, Start};
use liaison_app::accounts::NewUser;
use liaison_app::audit_trail::{Break, Checkpoint, Damage, TrailCheck};
use liaison_app::concerns::Note;
use liaison_app::office::NewArea;
use liaison_app::{AppError, Limit, Settings};
use liaison_store::audit::chain::{self, ChainEntry, Head};
use liaison_store::sqlx::{self, Executor};
use liaison_store::users::User;
use liaison_store::Store;

/// Records changes through the staff pages, the portal (the intake writer's grouped
/// appends) and the operations; returns the administrator.
async fn make_trail(h: &Harness) -> User {
    let (admin, browser) = h.signed_in("administrator", "Ada Admin").await;
    let p = browser
        .post(
            "/staff/admin/categories",
            &[
                ("name", "Dust and air quality"),
                ("description", "Dust from roads."),
                ("ack_amount", "4"),
                ("ack_unit", "working_hours"),
                ("resolve_amount", "10"),
                ("resolve_unit", "calendar_days"),
                ("default_priority", "high"),
                ("public", "yes"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(p.status, 303, "{}", p.body);
    let category = p
        .location
        .as_deref()
        .and_then(|l| l.rsplit('/').next())
        .expect("category page")
        .to_string();
    // Residents report at once, so the intake writer may store several in one group.
    let mut tasks = Vec::new();
    for n in 0..6 {
        let (base, path) = (h.base.clone(), format!("/report/{category}"));
        tasks.push(tokio::spawn(async move {
            let description = format!("Dust on the houses, report {n}");
            let r = common::Browser::new(&base)
                .post(
                    &path,
                    &[("description", &description), ("anonymous", "yes")],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }));
    }
    for t in tasks {
        t.await.expect("report");
    }
    for name in ["North", "South"] {
        h.app
            .office()
            .add_area(&admin, &NewArea { name: name.into() })
            .await
            .expect("area");
    }
    let k: i64 = category.parse().expect("category id");
    let (id, _, _) = h
        .concern(&admin, k, "Blasting at night", "restricted")
        .await;
    h.app
        .concerns()
        .add_note(
            &admin,
            id,
            &Note {
                body: "Called them".into(),
                ..Note::default()
            },
        )
        .await
        .expect("note");
    admin
}

/// Every entry and the recorded head, as they were before an attack.
struct Pristine {
    entries: Vec<ChainEntry>,
    head: Head,
}

async fn pristine(h: &Harness) -> Pristine {
    let mut c = h.store.read().await.expect("read");
    Pristine {
        entries: chain::page(&mut c, i64::MIN, 100_000)
            .await
            .expect("entries"),
        head: chain::recorded_head(&mut c)
            .await
            .expect("head")
            .expect("recorded head"),
    }
}

/// Runs raw SQL outside every operation, as someone with database access would.
async fn sql(store: &Store, statements: &str) {
    let mut tx = store.write().await.expect("write");
    (&mut *tx).execute(statements).await.expect(statements);
    tx.commit().await.expect("commit");
}

/// Lifts the append-only trigger: the first thing an attacker has to do.
async fn lift_the_guard(store: &Store, db: Db) {
    sql(
        store,
        match db {
            Db::Sqlite => {
                "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete"
            }
            Db::Postgres => "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change",
        },
    )
    .await;
}

async fn insert(store: &Store, e: &ChainEntry) {
    let mut tx = store.write().await.expect("write");
    sqlx::query(
        "INSERT INTO audit_entries (id, at, actor_kind, actor_id, actor_label, action, \
         record_kind, record_id, changes, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(e.id)
    .bind(e.at)
    .bind(e.actor_kind.as_str())
    .bind(e.actor_id)
    .bind(e.actor_label.as_str())
    .bind(e.action.as_str())
    .bind(e.record_kind.as_str())
    .bind(e.record_id)
    .bind(e.changes.as_str())
    .bind(e.prev_hash.as_str())
    .bind(e.hash.as_str())
    .execute(&mut *tx)
    .await
    .expect("insert entry");
    tx.commit().await.expect("commit");
}

/// Overwrites entry `e.id`'s content and hashes.
async fn overwrite(store: &Store, e: &ChainEntry) {
    let mut tx = store.write().await.expect("write");
    sqlx::query("UPDATE audit_entries SET changes = $1, prev_hash = $2, hash = $3 WHERE id = $4")
        .bind(e.changes.as_str())
        .bind(e.prev_hash.as_str())
        .bind(e.hash.as_str())
        .bind(e.id)
        .execute(&mut *tx)
        .await
        .expect("overwrite entry");
    tx.commit().await.expect("commit");
}

async fn set_recorded_head(store: &Store, head: &Head) {
    let mut tx = store.write().await.expect("write");
    sqlx::query("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1")
        .bind(head.id)
        .bind(head.hash.as_str())
        .execute(&mut *tx)
        .await
        .expect("head");
    tx.commit().await.expect("commit");
}

/// Puts every entry and the recorded head back as they were.
async fn restore(h: &Harness, p: &Pristine) {
    sql(&h.store, "DELETE FROM audit_entries").await;
    for e in &p.entries {
        insert(&h.store, e).await;
    }
    set_recorded_head(&h.store, &p.head).await;
    let check = verify(h, None).await;
    assert_eq!(check.broken, None, "restored trail");
}

async fn verify(h: &Harness, kept: Option<&Checkpoint>) -> TrailCheck {
    h.app
        .audit_trail()
        .verify(None, kept)
        .await
        .expect("verification runs")
}

/// `e` with other changes and its own hash recomputed, as an attacker who read the
/// published encoding would write it.
fn rehashed(e: &ChainEntry, id: i64, prev_hash: &str, changes: Option<&str>) -> ChainEntry {
    let mut f = e.clone();
    f.id = id;
    f.prev_hash = prev_hash.to_string();
    if let Some(c) = changes {
        f.changes = c.to_string();
    }
    f.hash = f.hash_at(id);
    f
}

/// Counts the attacks tried and caught.
#[derive(Default)]
struct Tally {
    tried: usize,
    caught: usize,
}

impl Tally {
    /// Checks that the trail breaks first at `expected`, then restores it.
    async fn expect(
        &mut self,
        h: &Harness,
        p: &Pristine,
        attack: &str,
        kept: Option<&Checkpoint>,
        expected: Break,
    ) {
        self.tried += 1;
        let check = verify(h, kept).await;
        assert_eq!(check.broken, Some(expected.clone()), "{attack}");
        assert_eq!(check.checked, check.head.id.max(0) as u64, "{attack}");
        self.caught += 1;
        restore(h, p).await;
    }
}

fn at(id: i64, damage: Damage) -> Break {
    Break { id, damage }
}

async fn every_attack_names_the_first_broken_entry(h: Harness) {
    let admin = make_trail(&h).await;
    let (officer, _) = h.user("officer", "Olu Officer").await;
    let p = pristine(&h).await;
    let n = p.entries.len() as i64;
    assert!(n >= 12, "a long enough trail: {n}");
    let ids: Vec<i64> = p.entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, (1..=n).collect::<Vec<_>>(), "consecutive ids");
    assert!(
        p.entries.iter().any(|e| e.action == "concern.create"),
        "the portal's grouped appends are in the chain"
    );
    let entry = |id: i64| &p.entries[usize::try_from(id - 1).expect("id")];
    let store = &h.store;

    let check = verify(&h, None).await;
    assert_eq!(check.broken, None);
    assert_eq!(check.checked, n as u64);
    let kept = h
        .app
        .audit_trail()
        .checkpoint(None)
        .await
        .expect("checkpoint");
    assert_eq!(kept, check.head);
    assert_eq!(kept.id, n);
    assert_eq!(verify(&h, Some(&kept)).await.broken, None);
    assert_eq!(
        h.app
            .audit_trail()
            .verify(Some(&admin), None)
            .await
            .map(|c| c.checked)
            .ok(),
        Some(n as u64)
    );
    assert!(matches!(
        h.app.audit_trail().verify(Some(&officer), None).await,
        Err(AppError::Forbidden)
    ));

    // The append-only trigger stays: the database itself refuses a plain edit.
    let mut tx = store.write().await.expect("write");
    let refused = (&mut *tx)
        .execute("UPDATE audit_entries SET changes = '{}' WHERE id = 1")
        .await;
    assert!(refused.is_err(), "the append-only trigger refuses updates");
    drop(tx);
    lift_the_guard(store, h.db).await;

    let mut tally = Tally::default();

    // Content changed.
    let mut e = entry(4).clone();
    e.changes = r#"{"role":["viewer","administrator"]}"#.into();
    overwrite(store, &e).await;
    tally
        .expect(&h, &p, "edit", None, at(4, Damage::Changed))
        .await;

    // Content changed and the entry's own hash recomputed.
    let e = rehashed(entry(4), 4, &entry(3).hash, Some("{}"));
    overwrite(store, &e).await;
    tally
        .expect(
            &h,
            &p,
            "edit and rehash",
            None,
            at(4, Damage::Rewritten { noted_by: Some(5) }),
        )
        .await;

    // An entry deleted, in the middle and at the start.
    sql(store, "DELETE FROM audit_entries WHERE id = 5").await;
    tally
        .expect(&h, &p, "delete", None, at(5, Damage::Missing { until: 5 }))
        .await;
    sql(store, "DELETE FROM audit_entries WHERE id = 1").await;
    tally
        .expect(
            &h,
            &p,
            "delete the first",
            None,
            at(1, Damage::Missing { until: 1 }),
        )
        .await;

    // The tail cut off: Liaison's own record of its last entry says more were written.
    sql(
        store,
        &format!("DELETE FROM audit_entries WHERE id > {}", n - 3),
    )
    .await;
    tally
        .expect(
            &h,
            &p,
            "delete the tail",
            None,
            at(n - 2, Damage::Missing { until: n }),
        )
        .await;

    // The tail cut off and that record moved back too: only the kept head shows it.
    sql(
        store,
        &format!("DELETE FROM audit_entries WHERE id > {}", n - 3),
    )
    .await;
    set_recorded_head(
        store,
        &Head {
            id: n - 3,
            hash: entry(n - 3).hash.clone(),
        },
    )
    .await;
    assert_eq!(
        verify(&h, None).await.broken,
        None,
        "undetectable without a kept head"
    );
    tally
        .expect(
            &h,
            &p,
            "delete the tail and its record",
            Some(&kept),
            at(n - 2, Damage::CheckpointGone { kept: n }),
        )
        .await;

    // Two entries swapped (their ids exchanged), far apart and side by side.
    sql(
        store,
        "UPDATE audit_entries SET id = -3 WHERE id = 3; \
         UPDATE audit_entries SET id = 3 WHERE id = 6; \
         UPDATE audit_entries SET id = 6 WHERE id = -3",
    )
    .await;
    tally
        .expect(&h, &p, "swap", None, at(3, Damage::Moved { written_as: 6 }))
        .await;
    sql(
        store,
        "UPDATE audit_entries SET id = -3 WHERE id = 3; \
         UPDATE audit_entries SET id = 3 WHERE id = 4; \
         UPDATE audit_entries SET id = 4 WHERE id = -3",
    )
    .await;
    tally
        .expect(
            &h,
            &p,
            "swap neighbours",
            None,
            at(3, Damage::Moved { written_as: 4 }),
        )
        .await;

    // A forged entry at the end: with a made-up hash, then correctly chained.
    let mut forged = entry(2).clone();
    forged.id = n + 1;
    forged.changes = r#"{"email":"mallory@example.org","role":"administrator"}"#.into();
    forged.prev_hash = entry(n).hash.clone();
    forged.hash = "f".repeat(64);
    insert(store, &forged).await;
    tally
        .expect(
            &h,
            &p,
            "forge with a made-up hash",
            None,
            at(n + 1, Damage::Changed),
        )
        .await;
    let forged = rehashed(&forged, n + 1, &entry(n).hash, None);
    insert(store, &forged).await;
    tally
        .expect(
            &h,
            &p,
            "forge at the end",
            None,
            at(n + 1, Damage::Unrecorded { head: n }),
        )
        .await;

    // A forged entry in the middle: later entries pushed back to make room.
    sql(
        store,
        "UPDATE audit_entries SET id = id + 1000000 WHERE id > 5; \
         UPDATE audit_entries SET id = id - 999999 WHERE id > 1000000",
    )
    .await;
    insert(store, &rehashed(&forged, 6, &entry(5).hash, None)).await;
    tally
        .expect(&h, &p, "forge in the middle", None, at(6, Damage::Inserted))
        .await;

    // History rewritten from entry 4 on, every hash recomputed and the record moved: only
    // the kept head shows it.
    let mut prev = entry(3).hash.clone();
    for id in 4..=n {
        let changes = (id == 4).then_some("{}");
        let e = rehashed(entry(id), id, &prev, changes);
        overwrite(store, &e).await;
        prev = e.hash;
    }
    set_recorded_head(store, &Head { id: n, hash: prev }).await;
    assert_eq!(
        verify(&h, None).await.broken,
        None,
        "undetectable without a kept head"
    );
    tally
        .expect(
            &h,
            &p,
            "rewrite history",
            Some(&kept),
            at(n, Damage::CheckpointDiffers),
        )
        .await;

    assert_eq!(tally.caught, tally.tried);
    println!("tamper cases detected: {}/{}", tally.caught, tally.tried);

    // Restored, the trail takes new entries on the same chain.
    h.app
        .office()
        .add_area(
            &admin,
            &NewArea {
                name: "East".into(),
            },
        )
        .await
        .expect("area");
    let check = verify(&h, Some(&kept)).await;
    assert_eq!((check.broken, check.checked), (None, n as u64 + 1));
}

async fn concurrent_appends_form_one_chain(db: Db) {
    let settings = Settings {
        portal_per_address: Limit::NONE,
        ..Settings::default()
    };
    let Some(h) = Harness::start_with(db, settings).await else {
        return;
    };
    let (admin, _) = h.user("administrator", "Ada Admin").await;
    let k = h.category(&admin, "General", true).await;
    let mut tasks = Vec::new();
    for n in 0..24 {
        let (app, admin, base) = (h.app.clone(), admin.clone(), h.base.clone());
        tasks.push(tokio::spawn(async move {
            // Each operation's transaction on a connection of its own (PostgreSQL's pool
            // lets them run at once, as several nodes would), beside grouped intake.
            let name = format!("Area {n}");
            app.office()
                .add_area(
                    &admin,
                    &NewArea {
                        name: name.as_str().into(),
                    },
                )
                .await
                .expect("area");
            let r = common::Browser::new(&base)
                .post(
                    &format!("/report/{k}"),
                    &[("description", &name), ("anonymous", "yes")],
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let check = verify(&h, None).await;
    assert_eq!(check.broken, None);
    // The account, the category, 24 areas and 24 reports.
    assert_eq!(check.checked, 50);
    assert_eq!(check.head.id, 50);
}

async fn entries_written_before_the_chain_are_chained_by_the_migration(db: Db) {
    let Some((url, _cleanup)) = common::blank_database(db).await else {
        return;
    };
    let store = Store::connect(&url).await.expect("connect");
    store.migrate_to(5).await.expect("schema 5");
    // Entries as the earlier schema wrote them: ids from the database, no hashes.
    for (action, actor_id) in [("user.create", None), ("area.create", Some(1)), ("x", None)] {
        let mut tx = store.write().await.expect("write");
        sqlx::query(
            "INSERT INTO audit_entries (at, actor_kind, actor_id, actor_label, action, \
             record_kind, record_id, changes) VALUES ($1, 'staff', $2, 'a@b', $3, 'user', 1, '{}')",
        )
        .bind(1_700_000_000_i64)
        .bind(actor_id)
        .bind(action)
        .execute(&mut *tx)
        .await
        .expect("old entry");
        tx.commit().await.expect("commit");
    }
    store.migrate().await.expect("migrate");
    let app = liaison_app::App::new(store.clone(), Settings::default());
    let check = app.audit_trail().verify(None, None).await.expect("verify");
    assert_eq!((check.broken, check.checked, check.head.id), (None, 3, 3));
    // New entries continue the chain, and the append-only trigger is back.
    let new = NewUser {
        email: "ada@office.example".into(),
        name: "Ada".into(),
        role: "administrator".into(),
        password: "a long enough password".into(),
    };
    app.accounts().add(None, &new).await.expect("user");
    let check = app.audit_trail().verify(None, None).await.expect("verify");
    assert_eq!((check.broken, check.checked, check.head.id), (None, 4, 4));
    let mut tx = store.write().await.expect("write");
    let refused = (&mut *tx)
        .execute("UPDATE audit_entries SET changes = '{}' WHERE id = 1")
        .await;
    assert!(refused.is_err(), "the append-only trigger is back");
    drop(tx);
    store.close().await;
}

/// An office moved from SQLite to PostgreSQL: the entries copied as stored still verify,
/// since the hash covers a database-independent encoding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trail_copied_from_sqlite_to_postgresql_still_verifies() {
    let Some(to) = Harness::start(Db::Postgres).await else {
        return;
    };
    let from = Harness::start(Db::Sqlite).await.expect("sqlite harness");
    make_trail(&from).await;
    let copied = pristine(&from).await;
    for e in &copied.entries {
        insert(&to.store, e).await;
    }
    let mut tx = to.store.write().await.expect("write");
    let head = chain::record_last_as_head(&mut tx).await.expect("head");
    tx.commit().await.expect("commit");
    assert_eq!(head, copied.head);
    let check = verify(&to, None).await;
    assert_eq!(check.broken, None);
    assert_eq!(check.checked, copied.entries.len() as u64);
    assert_eq!(check.head, Checkpoint::from(copied.head));
}

both!(every_attack_names_the_first_broken_entry);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_form_one_chain_sqlite() {
    concurrent_appends_form_one_chain(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_form_one_chain_postgres() {
    concurrent_appends_form_one_chain(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_written_before_the_chain_are_chained_by_the_migration_sqlite() {
    entries_written_before_the_chain_are_chained_by_the_migration(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_written_before_the_chain_are_chained_by_the_migration_postgres() {
    entries_written_before_the_chain_are_chained_by_the_migration(Db::Postgres).await;
}
