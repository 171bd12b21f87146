//! `liaison audit checkpoint` and `liaison audit verify` as an operator runs them, on a trail
//! then edited behind Liaison's back.

mod common;

use common::{fresh_postgres, liaison};
use liaison_store::sqlx::{AnyConnection, Connection, Executor};

/// Raw SQL on the database, as someone with database access would run it.
async fn sql(url: &str, statements: &str) {
    let mut c = AnyConnection::connect(url).await.expect("connect");
    c.execute(statements).await.expect(statements);
    c.close().await.expect("close");
}

async fn audit_commands(postgres: bool) {
    liaison_store::sqlx::any::install_default_drivers();
    let tag = format!("liaison_cli_audit_{}", std::process::id());
    let dir = std::env::temp_dir().join(&tag);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("data folder");
    let url = if postgres {
        match fresh_postgres(&tag).await {
            Some(url) => url,
            None => return,
        }
    } else {
        format!("sqlite://{}/liaison.db", dir.display())
    };
    let run = |args: &[&str]| liaison(&dir, &url, args);

    for args in [
        &[
            "user",
            "add",
            "--email",
            "chief@office.example",
            "--role",
            "administrator",
        ][..],
        &["api-key", "create", "--name", "FixIt app"],
        &["api-key", "create", "--name", "Council app"],
    ] {
        let (ok, out) = run(args);
        assert!(ok, "{out}");
    }
    let (ok, out) = run(&["audit", "checkpoint"]);
    assert!(ok, "{out}");
    let kept = out.lines().last().expect("head line").to_string();
    let (id, hash) = kept.split_once(':').expect("ID:HASH");
    assert_eq!(id, "3", "{out}");
    assert!(
        hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{out}"
    );

    let (ok, out) = run(&["audit", "verify"]);
    assert!(ok, "{out}");
    assert!(out.contains("intact: 3 entries checked"), "{out}");
    assert_eq!(out.lines().last(), Some(format!("Head: {kept}").as_str()));
    let (ok, out) = run(&["audit", "verify", "--head", &kept]);
    assert!(ok && out.contains("is in the trail"), "{out}");
    let (ok, out) = run(&["audit", "verify", "--head", "3:not-a-hash"]);
    assert!(!ok && out.contains("expected ID:HASH"), "{out}");

    // Someone cuts off the last entry and moves Liaison's record of its head back with it.
    let lift = if postgres {
        "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change"
    } else {
        "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete"
    };
    sql(
        &url,
        &format!(
            "{lift}; DELETE FROM audit_entries WHERE id = 3; \
             UPDATE audit_head SET last_id = 2, \
             last_hash = (SELECT hash FROM audit_entries WHERE id = 2)"
        ),
    )
    .await;
    let (ok, out) = run(&["audit", "verify"]);
    assert!(ok && out.contains("2 entries checked"), "{out}");
    let (ok, out) = run(&["audit", "verify", "--head", &kept]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("broken at entry 3: missing, and every entry up to the kept head 3"),
        "{out}"
    );

    // And edits the first entry.
    sql(
        &url,
        "UPDATE audit_entries SET actor_label = 'someone else' WHERE id = 1",
    )
    .await;
    let (ok, out) = run(&["audit", "verify"]);
    assert!(!ok, "{out}");
    assert!(out.contains("Checked 0 entries"), "{out}");
    assert!(
        out.contains("broken at entry 1: content changed (it no longer matches its hash)"),
        "{out}"
    );

    let _ = std::fs::remove_dir_all(&dir);
    if let Some(admin) = postgres
        .then(|| std::env::var("LIAISON_TEST_DATABASE_URL").ok())
        .flatten()
    {
        sql(
            &admin,
            &format!("DROP DATABASE IF EXISTS {tag} WITH (FORCE)"),
        )
        .await;
    }
}

#[tokio::test]
async fn audit_commands_sqlite() {
    audit_commands(false).await;
}

#[tokio::test]
async fn audit_commands_postgres() {
    audit_commands(true).await;
}
