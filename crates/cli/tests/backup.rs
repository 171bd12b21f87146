//! `liaison backup`, `restore`, `export` and `import` as an operator runs them: against a
//! running server, into new data folders, from SQLite to PostgreSQL.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use liaison_store::sqlx::{AnyConnection, Connection, Executor};
use serde_json::Value;

/// A scratch folder (and PostgreSQL databases) removed when the test ends.
struct Scratch {
    dir: PathBuf,
    databases: Vec<String>,
    admin: Option<String>,
}

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("liaison-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        Self {
            dir,
            databases: Vec::new(),
            admin: std::env::var("LIAISON_TEST_DATABASE_URL")
                .ok()
                .filter(|u| !u.is_empty()),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// A new PostgreSQL database's URL; `None` (with a notice) when none is configured.
    async fn postgres(&mut self, tag: &str) -> Option<String> {
        let Some(admin) = self.admin.clone() else {
            let _ = writeln!(
                std::io::stderr(),
                "notice: LIAISON_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped"
            );
            return None;
        };
        liaison_store::sqlx::any::install_default_drivers();
        let name = format!("liaison_cli_backup_{tag}_{}", std::process::id());
        let mut c = AnyConnection::connect(&admin)
            .await
            .expect("PostgreSQL is configured but unreachable");
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        c.execute(drop.as_str()).await.expect("drop");
        c.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create");
        self.databases.push(name.clone());
        let base = admin.split('?').next().unwrap_or(&admin);
        Some(format!(
            "{}/{name}",
            base.rsplit_once('/').map_or(base, |(b, _)| b)
        ))
    }

    async fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(admin) = &self.admin {
            if let Ok(mut c) = AnyConnection::connect(admin).await {
                for name in &self.databases {
                    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = c.execute(drop.as_str()).await;
                }
            }
        }
    }
}

/// `liaison` on a data folder, or on a PostgreSQL database with its files in `data`.
fn liaison(data: &Path, database: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_liaison"));
    c.env_remove("LIAISON_DATABASE_URL")
        .env("LIAISON_LOG", "warn")
        .arg("--data-dir")
        .arg(data);
    if let Some(url) = database {
        c.env("LIAISON_DATABASE_URL", url);
    }
    c
}

fn run(c: &mut Command) -> (bool, String) {
    let out = c.output().expect("run liaison");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn ok(c: &mut Command) -> String {
    let (success, out) = run(c);
    assert!(success, "{out}");
    out
}

fn refused(c: &mut Command, expected: &str) {
    let (success, out) = run(c);
    assert!(!success, "{out}");
    assert!(out.contains(expected), "expected {expected:?} in:\n{out}");
}

/// Each table's rows and SHA-256 as an export's manifest lists them.
fn tables(export: &Path) -> Vec<(String, u64, String)> {
    let m: Value =
        serde_json::from_slice(&std::fs::read(export.join("manifest.json")).expect("read"))
            .expect("json");
    let mut out: Vec<(String, u64, String)> = m["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| {
            (
                t["name"].as_str().expect("name").to_string(),
                t["rows"].as_u64().expect("rows"),
                t["sha256"].as_str().expect("sha256").to_string(),
            )
        })
        .collect();
    out.sort();
    assert!(out
        .iter()
        .any(|(n, rows, _)| n == "concerns" && *rows >= 40));
    out
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(data: &Path) -> Server {
    let mut child = liaison(data, None)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start server");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    for line in BufReader::new(stdout).lines() {
        if line.expect("line").starts_with("Liaison is running at ") {
            return server;
        }
    }
    panic!("the server did not start");
}

#[tokio::test]
async fn backup_and_restore_a_running_sqlite_office() {
    let s = Scratch::new("backup-sqlite");
    let live = s.path("live");
    ok(liaison(&live, None).args(["demo", "--concerns", "40"]));
    let head = ok(liaison(&live, None).args(["audit", "checkpoint"]));
    let head = head.lines().last().expect("head").to_string();
    let server = serve(&live);

    let backup = s.path("backup");
    let out = ok(liaison(&live, None).arg("backup").arg("--to").arg(&backup));
    assert!(out.contains("SQLite snapshot, integrity checked"), "{out}");
    refused(
        liaison(&live, None).arg("backup").arg("--to").arg(&backup),
        "not empty",
    );
    refused(
        liaison(&live, None)
            .args(["restore", "--force", "--from"])
            .arg(&backup),
        "is in use",
    );
    let first = s.path("first");
    ok(liaison(&live, None).arg("export").arg("--to").arg(&first));

    // Into a new data folder: the restored office is the one backed up, history and all.
    let restored = s.path("restored");
    let out = ok(liaison(&restored, None)
        .arg("restore")
        .arg("--from")
        .arg(&backup));
    assert!(out.starts_with("Restored"), "{out}");
    ok(liaison(&restored, None).args(["audit", "verify", "--head", &head]));
    let second = s.path("second");
    ok(liaison(&restored, None)
        .arg("export")
        .arg("--to")
        .arg(&second));
    // The running server's job runner queues and finishes its scheduled work by itself
    // (the escalation sweep, every minute): the office's records are what must match.
    let records = |export: &Path| {
        let mut t = tables(export);
        t.retain(|(name, _, _)| name != "jobs" && name != "schedules");
        t
    };
    assert_eq!(records(&first), records(&second));

    // An export imports into an empty database only.
    let imported = s.path("imported");
    let out = ok(liaison(&imported, None)
        .arg("import")
        .arg("--from")
        .arg(&first));
    assert!(out.contains("in one transaction"), "{out}");
    refused(
        liaison(&imported, None)
            .arg("import")
            .arg("--from")
            .arg(&first),
        "not empty",
    );
    refused(
        liaison(&imported, None)
            .arg("import")
            .arg("--from")
            .arg(&backup),
        "use `liaison restore`",
    );
    refused(
        liaison(&imported, None)
            .arg("import")
            .arg("--from")
            .arg(s.path("nothing")),
        "There is no folder there",
    );

    // Once the server is stopped, its database is replaced only with --force.
    drop(server);
    refused(
        liaison(&live, None)
            .arg("restore")
            .arg("--from")
            .arg(&backup),
        "--force",
    );
    ok(liaison(&live, None)
        .args(["restore", "--force", "--from"])
        .arg(&backup));
    ok(liaison(&live, None).args(["audit", "verify", "--head", &head]));
    s.remove().await;
}

#[tokio::test]
async fn backup_on_postgres_moves_to_sqlite_and_back() {
    let mut s = Scratch::new("backup-postgres");
    let Some(first_db) = s.postgres("first").await else {
        return s.remove().await;
    };
    let Some(second_db) = s.postgres("second").await else {
        return s.remove().await;
    };
    let files = s.path("pg-files");
    ok(liaison(&files, Some(&first_db)).args(["demo", "--concerns", "40"]));
    let head = ok(liaison(&files, Some(&first_db)).args(["audit", "checkpoint"]));
    let head = head.lines().last().expect("head").to_string();
    let backup = s.path("backup");
    let out = ok(liaison(&files, Some(&first_db))
        .arg("backup")
        .arg("--to")
        .arg(&backup));
    assert!(out.contains("portable export"), "{out}");

    // Down to SQLite, and up to another PostgreSQL database from there.
    let sqlite = s.path("sqlite");
    ok(liaison(&sqlite, None)
        .arg("restore")
        .arg("--from")
        .arg(&backup));
    ok(liaison(&sqlite, None).args(["audit", "verify", "--head", &head]));
    let snapshot = s.path("snapshot");
    ok(liaison(&sqlite, None)
        .arg("backup")
        .arg("--to")
        .arg(&snapshot));
    ok(liaison(&s.path("second-files"), Some(&second_db))
        .arg("restore")
        .arg("--from")
        .arg(&snapshot));
    ok(liaison(&s.path("second-files"), Some(&second_db))
        .args(["audit", "verify", "--head", &head]));
    let again = s.path("again");
    ok(liaison(&s.path("second-files"), Some(&second_db))
        .arg("export")
        .arg("--to")
        .arg(&again));
    assert_eq!(tables(&backup), tables(&again));
    refused(
        liaison(&s.path("second-files"), Some(&second_db))
            .arg("restore")
            .arg("--from")
            .arg(&backup),
        "not empty",
    );
    s.remove().await;
}
