//! `liaison mail receive` as a mail server's pipe runs it: one message on standard input,
//! and the exit status the server reads (0 taken, 65 refused for good, 75 try later).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{fresh_postgres, liaison};
use liaison_app::accounts::NewUser;
use liaison_app::office::SaveCategory;
use liaison_app::{App, Settings};
use liaison_store::Store;

/// A message a mail program wrote (the web crate's fixtures).
fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../web/tests/fixtures/mail")
        .join(name);
    std::fs::read(path).expect("fixture")
}

/// Pipes `message` to `liaison mail receive`; answers the exit status and what it said.
fn receive(dir: &Path, url: &str, message: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .env("LIAISON_LOG", "warn")
        .env("LIAISON_DATABASE_URL", url)
        .env(
            "LIAISON_MAIL_FROM",
            "Riverside Office <office@liaison.test>",
        )
        .arg("--data-dir")
        .arg(dir)
        .args(["mail", "receive"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run liaison");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(message)
        .expect("write the message");
    let out = child.wait_with_output().expect("wait");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

async fn mail_receive(postgres: bool) {
    let tag = format!("liaison_cli_mail_{}_{}", postgres, std::process::id());
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
    let outlook = fixture("outlook-new.eml");

    // An office with no category yet cannot take mail: refused for good, with the reason.
    let (status, said) = receive(&dir, &url, &outlook);
    assert_eq!(status, 65, "{said}");
    assert!(said.contains("No category is active"), "{said}");

    let store = Store::connect(&url).await.expect("connect");
    let app = App::new(
        store.clone(),
        Settings {
            files: dir.join("files"),
            ..Settings::default()
        },
    );
    let admin = NewUser {
        email: "ada@riverside.example".into(),
        name: "Ada Admin".into(),
        role: "administrator".into(),
        password: "correct horse battery staple".into(),
    };
    let admin = app.accounts().add(None, &admin).await.expect("admin");
    let category = SaveCategory {
        name: "Drains".into(),
        ack_amount: "8".into(),
        ack_unit: "working_hours".into(),
        resolve_amount: "10".into(),
        resolve_unit: "calendar_days".into(),
        default_priority: "normal".into(),
        active: true.into(),
        public: true.into(),
        ..SaveCategory::default()
    };
    app.office()
        .add_category(&admin, &category)
        .await
        .expect("category");
    store.close().await;

    let (status, said) = receive(&dir, &url, &outlook);
    assert_eq!(status, 0, "{said}");
    assert!(said.contains("The message became concern C-"), "{said}");
    let (status, said) = receive(&dir, &url, &fixture("out-of-office.eml"));
    assert_eq!(status, 0, "{said}");
    assert!(said.starts_with("Set aside: an automatic reply"), "{said}");
    let (status, said) = receive(&dir, &url, b"not a message at all");
    assert_eq!(status, 65, "{said}");
    assert!(said.contains("This is not an email message."), "{said}");

    // What mail did is in the audit trail, and the trail holds.
    let (ok, said) = liaison(&dir, &url, &["audit", "verify"]);
    assert!(ok, "{said}");

    // The database away: the mail server is asked to keep the message and try again.
    let away = "postgres://postgres@127.0.0.1:9/nowhere";
    let (status, said) = receive(&dir, away, &outlook);
    assert_eq!(status, 75, "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn mail_receive_sqlite() {
    mail_receive(false).await;
}

#[tokio::test]
async fn mail_receive_postgres() {
    mail_receive(true).await;
}
