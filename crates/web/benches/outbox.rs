//! The outbox's figure (issue 14): messages waiting in the outbox sent to a local SMTP
//! server by the job runner's own steps (`App::run_due_jobs`: claim a batch, send it over
//! the pooled connections, record each as sent), until none is left.
//!
//! ```sh
//! cargo bench -p liaison-web --bench outbox
//! ```
//! Settings (environment): `LIAISON_BENCH_DATABASE_URL` (default: a new SQLite database in
//! a temporary folder; a PostgreSQL database given here has its outbox and jobs emptied
//! first) and `LIAISON_BENCH_MESSAGES` (default 10,000). The SMTP server is the test kit's,
//! on the loopback, answering at once: the figure is Liaison's side of the conversation.

use std::time::Instant;

use liaison_app::App;
use liaison_store::outbox::{self, NewMessage};
use liaison_store::{jobs, sqlx, Store};
use liaison_testkit::MailServer;

mod common;
use common::env_or;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let messages = env_or("LIAISON_BENCH_MESSAGES", 10_000) as i64;
    let dir = std::env::temp_dir().join(format!("liaison-outbox-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    let url = std::env::var("LIAISON_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/outbox.db", dir.display()));
    let store = Store::connect_serving(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let smtp = MailServer::start().await;
    let app = App::new(
        store.clone(),
        liaison_app::Settings {
            files: dir.join("files"),
            ..smtp.settings()
        },
    );

    // The messages, as letters to reporters leave them: a few kilobytes of text and HTML.
    let html = "<p>Nous avons reçu votre préoccupation.</p>".repeat(40);
    let text = "Nous avons reçu votre préoccupation.\n".repeat(40);
    let mut tx = store.write().await.expect("writer");
    for table in ["jobs", "outbox"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await
            .expect("empty");
    }
    let now = liaison_store::now();
    let mut ids = Vec::with_capacity(messages as usize);
    for i in 0..messages {
        let m = NewMessage {
            letter: "acknowledged".into(),
            record_kind: "concern".into(),
            record_id: i + 1,
            recipient: format!("reporter{i}@example.org"),
            language: "fr".into(),
            subject: format!("Nous avons reçu votre préoccupation C-2026-{i:05}"),
            text_body: text.clone(),
            html_body: html.clone(),
            reply_to: Some(format!("office+{i:020}@liaison.test")),
            message_id: format!("<bench-{now}-{i}@liaison.test>"),
        };
        ids.push(outbox::insert(&mut tx, &m, now).await.expect("message"));
    }
    jobs::enqueue(&mut tx, store.backend(), "send_mail", &ids, now)
        .await
        .expect("jobs");
    tx.commit().await.expect("commit");
    println!(
        "{messages} messages in the outbox; sending to {}",
        smtp.url()
    );

    let start = Instant::now();
    let mut steps = 0;
    while app.run_due_jobs().await.expect("jobs") > 0 {
        steps += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    let received = smtp.waiting().await.len() as i64;
    let sent: i64 = {
        let mut c = store.read().await.expect("read");
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
            .fetch_one(&mut *c)
            .await
            .expect("count")
    };
    assert_eq!(received, messages, "every message arrived, once");
    assert_eq!(sent, messages, "every message is recorded as sent");
    println!(
        "outbox: {messages} messages sent in {seconds:.2} s over {steps} steps: {:.0} messages/s",
        messages as f64 / seconds
    );
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
