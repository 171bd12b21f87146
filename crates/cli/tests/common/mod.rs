//! What the command-line tests share: running the binary, and a throwaway PostgreSQL
//! database.

use std::process::Command;

use liaison_store::sqlx::{AnyConnection, Connection, Executor};

/// Runs `liaison` on the database at `url` with `dir` as its data folder; answers whether
/// it succeeded and everything it printed.
pub fn liaison(dir: &std::path::Path, url: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .env("LIAISON_LOG", "warn")
        .env("LIAISON_DATABASE_URL", url)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run liaison");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A new, empty PostgreSQL database named `name` and its URL; `None`, with the notice the
/// other tests print, when no server is configured.
pub async fn fresh_postgres(name: &str) -> Option<String> {
    let Some(admin) = std::env::var("LIAISON_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("notice: LIAISON_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped");
        return None;
    };
    liaison_store::sqlx::any::install_default_drivers();
    let mut c = AnyConnection::connect(&admin).await.expect("connect");
    // Apart: neither may run inside the transaction a multi-statement query makes.
    c.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop");
    c.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create");
    c.close().await.expect("close");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}
