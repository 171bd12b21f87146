//! What the command-line tests share: running the binary, and a throwaway PostgreSQL
//! database.

use std::process::Command;

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
    let Some(admin) = liaison_testkit::postgres_url() else {
        liaison_testkit::skipped_notice();
        return None;
    };
    Some(liaison_testkit::fresh_postgres(&admin, name).await)
}
