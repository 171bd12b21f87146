//! Upgrades lose nothing: a database as the release before the shared record core wrote it
//! (schema 7: concerns with their timeline in `concern_events`, attachments on
//! `concern_id`, a hash-chained audit trail) is brought up to date, and every record, line,
//! file and audit hash is still there — the chain verifies with the same head, the file
//! travels in an export, and new rows take ids after the old ones.

use std::path::Path;

use liaison_app::{App, Settings};
use liaison_domain::concerns::{LineKind, Status};
use liaison_domain::records::RecordRef;
use liaison_domain::Sight;
use liaison_store::audit::{self, Actor};
use liaison_store::sqlx::{self, Executor};
use liaison_store::{attachments, concerns, timeline, Store};
use liaison_testkit::{blank_database, both, Cleanup, Db, Scratch, Start};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The last schema of the release before the shared record core.
const OLD_SCHEMA: i64 = 7;

/// A database at the old schema, with an office in it as that release wrote it.
struct OldOffice {
    store: Store,
    scratch: Scratch,
    _cleanup: Cleanup,
}

impl Start for OldOffice {
    async fn start(db: Db) -> Option<Self> {
        let (url, cleanup) = blank_database(db).await?;
        let store = Store::connect(&url).await.expect("connect");
        store.migrate_to(OLD_SCHEMA).await.expect("old schema");
        Some(Self {
            store,
            scratch: Scratch::new("upgrade"),
            _cleanup: cleanup,
        })
    }
}

const PHOTO: &[u8] = include_bytes!("../../web/tests/fixtures/photo.png");

/// Writes the office the old release would have: raw SQL in its tables' shapes.
async fn write_old_office(o: &OldOffice) -> String {
    let hash = format!("{:x}", Sha256::digest(PHOTO));
    let folder = o.scratch.join("files").join(&hash[..2]).join(&hash[2..4]);
    std::fs::create_dir_all(&folder).expect("files folder");
    std::fs::write(folder.join(&hash), PHOTO).expect("photo");

    let mut tx = o.store.write().await.expect("writer");
    let statements = [
        "INSERT INTO users (id, email, name, role, password_hash, active, created_at) \
         VALUES (1, 'ada@example.org', 'Ada Admin', 'administrator', 'x', 1, 100)",
        "INSERT INTO categories (id, code, name, description, ack_amount, ack_unit, \
         resolve_amount, resolve_unit, default_priority, public, active, questions, \
         created_at, updated_at) VALUES (1, 'dust', 'Dust', '', 1, 'working_hours', 5, \
         'calendar_days', 'normal', 1, 1, '[]', 100, 100)",
        "INSERT INTO concerns (id, reference, tracking_hash, category_id, description, \
         channel, priority, confidentiality, status, open, anonymous, reporter_name, \
         reporter_language, answers, received_at, updated_at, ack_due_at, resolve_due_at) \
         VALUES (1, 'C-2026-00001', 'h1', 1, 'Dust over the school', 'phone', 1, 'public', \
         'in_progress', 1, 0, 'Thandi Mokoena', 'en', '[]', 200, 400, 300, 900)",
        "INSERT INTO concerns (id, reference, tracking_hash, category_id, description, \
         channel, priority, confidentiality, status, open, anonymous, reporter_language, \
         answers, received_at, updated_at, ack_due_at, resolve_due_at) \
         VALUES (2, 'C-2026-00002', 'h2', 1, 'Blasting at night', 'portal', 1, \
         'confidential', 'received', 1, 1, 'es', '[]', 250, 250, 350, 950)",
        "INSERT INTO concern_events (id, concern_id, at, actor_id, actor_kind, kind, \
         from_status, to_status, body, public) VALUES \
         (1, 1, 200, 1, 'staff', 'received', NULL, 'received', '', 1), \
         (2, 2, 250, NULL, 'resident', 'received', NULL, 'received', '', 1), \
         (3, 1, 300, 1, 'staff', 'transition', 'received', 'in_progress', 'On it', 1), \
         (4, 1, 350, 1, 'staff', 'note', NULL, NULL, 'Called the quarry', 0), \
         (5, 1, 400, 1, 'staff', 'attachment', NULL, NULL, 'site.png', 0)",
    ];
    for sql in statements {
        tx.execute(sql).await.expect(sql);
    }
    sqlx::query(
        "INSERT INTO attachments (id, concern_id, file_hash, file_name, content_type, \
         size_bytes, public, created_at, uploaded_by_kind, uploaded_by) \
         VALUES (1, 1, $1, 'site.png', 'image/png', $2, 1, 400, 'staff', 1)",
    )
    .bind(&hash)
    .bind(PHOTO.len() as i64)
    .execute(&mut *tx)
    .await
    .expect("attachment");
    if o.store.backend() == liaison_store::Backend::Postgres {
        // The old release let the database give ids; these came with theirs.
        for table in [
            "users",
            "categories",
            "concerns",
            "concern_events",
            "attachments",
        ] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT MAX(id) FROM {table}))"
            );
            tx.execute(sql.as_str()).await.expect("sequence");
        }
    }
    let index = match o.store.backend() {
        liaison_store::Backend::Sqlite => {
            "INSERT INTO concern_search (rowid, body) VALUES (1, 'c 2026 00001 dust over the school \
             thandi mokoena on it')"
        }
        liaison_store::Backend::Postgres => {
            "INSERT INTO concern_search (concern_id, body) VALUES (1, to_tsvector('simple', \
             'c 2026 00001 dust over the school thandi mokoena on it'))"
        }
    };
    tx.execute(index).await.expect("index");
    let ada = Actor::Staff {
        id: 1,
        label: "ada@example.org".into(),
    };
    for (action, id, at) in [("concern.record", 1, 200), ("concern.transition", 1, 300)] {
        audit::append(&mut tx, &ada, action, "concern", Some(id), &json!({}), at)
            .await
            .expect("audit");
    }
    tx.commit().await.expect("commit");
    hash
}

async fn an_old_office_upgrades_with_nothing_lost(o: OldOffice) {
    let hash = write_old_office(&o).await;
    let app = App::new(
        o.store.clone(),
        Settings {
            files: o.scratch.join("files"),
            ..Settings::default()
        },
    );
    let before = app.audit_trail().verify(None, None).await.expect("verify");
    assert!(before.broken.is_none());

    let applied = o.store.migrate().await.expect("upgrade");
    assert!(!applied.is_empty(), "the upgrade ran");

    // The concerns and their whole timelines, with their ids.
    let mut c = o.store.read().await.expect("reader");
    let first = concerns::get(&mut c, 1, Sight::Everything)
        .await
        .expect("read")
        .expect("concern 1");
    assert_eq!(first.reporter.name.as_deref(), Some("Thandi Mokoena"));
    let lines = concerns::timeline(&mut c, 1, false)
        .await
        .expect("timeline");
    let seen: Vec<(i64, LineKind, Option<Status>, &str, bool)> = lines
        .iter()
        .map(|l| (l.id, l.kind, l.changed_to, l.body.as_str(), l.public))
        .collect();
    assert_eq!(
        seen,
        vec![
            (1, LineKind::Received, Some(Status::Received), "", true),
            (
                3,
                LineKind::Transition,
                Some(Status::InProgress),
                "On it",
                true
            ),
            (4, LineKind::Note, None, "Called the quarry", false),
            (5, LineKind::Attached, None, "site.png", false),
        ]
    );
    assert_eq!(lines[1].changed_from, Some(Status::Received));
    assert_eq!(lines[1].actor_name.as_deref(), Some("Ada Admin"));
    let public = concerns::timeline(&mut c, 1, true).await.expect("public");
    assert_eq!(public.len(), 2);
    let second = concerns::timeline(&mut c, 2, false)
        .await
        .expect("timeline");
    assert_eq!((second.len(), second[0].id), (1, 2));

    // The index still finds it.
    let found = concerns::queue(
        &mut c,
        o.store.backend(),
        Sight::Everything,
        &concerns::QueueFilter {
            search: liaison_store::search::terms("school thandi"),
            limit: 10,
            ..concerns::QueueFilter::default()
        },
    )
    .await
    .expect("search");
    assert_eq!(found.0.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1]);

    // The attachment, now owned by its concern as a record, found by backups.
    let files = attachments::list(&mut c, RecordRef::concern(1))
        .await
        .expect("attachments");
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].id, files[0].file_hash.as_str()),
        (1, hash.as_str())
    );
    assert!(attachments::get_public(&mut c, 1)
        .await
        .expect("public")
        .is_some());
    drop(c);
    let export = o.scratch.join("export");
    let summary = app.backups().export(&export).await.expect("export");
    assert_eq!((summary.files, summary.missing_files.len()), (1, 0));
    assert!(Path::new(&export)
        .join("files")
        .join(&hash[..2])
        .join(&hash[2..4])
        .join(&hash)
        .is_file());

    // The audit trail verifies, with the same head.
    let after = app.audit_trail().verify(None, None).await.expect("verify");
    assert!(after.broken.is_none(), "{:?}", after.broken);
    assert_eq!(after.head, before.head);
    assert_eq!(after.checked, before.checked);

    // New rows are numbered after the ones carried across.
    let mut tx = o.store.write().await.expect("writer");
    let id = timeline::add_one(
        &mut tx,
        &concerns::NewLine::new(
            RecordRef::concern(2),
            500,
            &Actor::Resident,
            LineKind::Update,
            "Still loud",
            true,
        ),
    )
    .await
    .expect("a new line");
    assert_eq!(id, 6);
    tx.commit().await.expect("commit");
}

both!(an_old_office_upgrades_with_nothing_lost);
