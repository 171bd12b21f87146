//! The `liaison` binary as an operator uses it: migrate, add users, serve the demo office.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use liaison_store::sqlx::{AnyConnection, Connection, Executor};

fn liaison() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_liaison"));
    c.env_remove("LIAISON_DATABASE_URL")
        .env("LIAISON_LOG", "warn");
    c
}

/// A fresh place to keep data: a folder, and on PostgreSQL a new database.
struct Place {
    dir: std::path::PathBuf,
    database: Option<(String, String)>,
}

impl Place {
    async fn new(tag: &str, postgres: bool) -> Option<Self> {
        // One folder per test and database: the SQLite and PostgreSQL runs of a test go on
        // at once, and each removes its folder when it ends.
        let backend = if postgres { "postgres" } else { "sqlite" };
        let dir = std::env::temp_dir().join(format!(
            "liaison-cli-{tag}-{backend}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        if !postgres {
            return Some(Self {
                dir,
                database: None,
            });
        }
        let Some(admin) = std::env::var("LIAISON_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "notice: LIAISON_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped"
            );
            return None;
        };
        liaison_store::sqlx::any::install_default_drivers();
        let name = format!("liaison_cli_{tag}_{}", std::process::id());
        let mut c = AnyConnection::connect(&admin)
            .await
            .expect("PostgreSQL is configured but unreachable");
        c.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await
            .expect("drop");
        c.execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create");
        let url = format!(
            "{}/{name}",
            admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(base, _)| base)
        );
        Some(Self {
            dir,
            database: Some((url, admin)),
        })
    }

    fn command(&self) -> Command {
        let mut c = liaison();
        c.arg("--data-dir").arg(&self.dir);
        if let Some((url, _)) = &self.database {
            c.env("LIAISON_DATABASE_URL", url);
        }
        c
    }

    async fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((url, admin)) = &self.database {
            let name = url.rsplit('/').next().unwrap_or_default();
            if let Ok(mut c) = AnyConnection::connect(admin).await {
                let _ = c
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await;
            }
        }
    }
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

async fn administration_commands(postgres: bool) {
    let Some(place) = Place::new("admin", postgres).await else {
        return;
    };
    let (ok, out) = run(place.command().arg("migrate"));
    assert!(ok, "{out}");
    assert!(out.contains("up to date"), "{out}");
    // Running it again (as a second node would) changes nothing and succeeds.
    let (ok, _) = run(place.command().arg("migrate"));
    assert!(ok);
    let (ok, out) = run(place.command().args([
        "user",
        "add",
        "--email",
        "Chief@Office.example",
        "--role",
        "administrator",
    ]));
    assert!(ok, "{out}");
    assert!(
        out.contains("Created chief@office.example (administrator)"),
        "{out}"
    );
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .expect("printed password");
    assert_eq!(password.len(), 20);
    let (ok, out) = run(place.command().args([
        "user",
        "add",
        "--email",
        "chief@office.example",
        "--role",
        "emperor",
        "--password",
        "short",
    ]));
    assert!(!ok);
    assert!(
        out.contains("--role \"emperor\" was not accepted. Choose one of the roles: ")
            && out.contains(
                "--password of 5 characters was not accepted. Use at least 8 characters."
            ),
        "{out}"
    );
    let (ok, out) = run(place.command().args([
        "user",
        "add",
        "--email",
        "chief@office.example",
        "--role",
        "officer",
    ]));
    assert!(!ok);
    assert!(
        out.contains("An account with this email already exists."),
        "{out}"
    );

    // Open311 clients' keys: the key alone on the last line, shown once.
    let (ok, out) = run(place
        .command()
        .args(["api-key", "create", "--name", "FixIt app"]));
    assert!(ok, "{out}");
    let key = out.lines().last().expect("key line").to_string();
    assert_eq!(key.len(), 64, "{out}");
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{out}");
    let (ok, out) = run(place
        .command()
        .args(["api-key", "create", "--name", "FixIt app"]));
    assert!(!ok);
    assert!(
        out.contains("--name \"FixIt app\" was not accepted. This name is already used."),
        "{out}"
    );
    let (ok, out) = run(place.command().args(["api-key", "list"]));
    assert!(ok, "{out}");
    assert!(
        out.contains("FixIt app") && out.contains(&key[60..]),
        "{out}"
    );
    assert!(out.contains("live") && !out.contains(&key), "{out}");
    let (ok, out) = run(place.command().args(["api-key", "revoke", "FixIt app"]));
    assert!(ok, "{out}");
    let (ok, out) = run(place.command().args(["api-key", "list"]));
    assert!(ok && out.contains("revoked"), "{out}");
    let (ok, out) = run(place.command().args(["api-key", "revoke", "FixIt app"]));
    assert!(!ok, "{out}");
    // Once revoked, the name may be given to a new key.
    let (ok, out) = run(place
        .command()
        .args(["api-key", "create", "--name", "FixIt app"]));
    assert!(ok, "{out}");
    place.remove().await;
}

#[tokio::test]
async fn administration_commands_sqlite() {
    administration_commands(false).await;
}

#[tokio::test]
async fn administration_commands_postgres() {
    administration_commands(true).await;
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve_demo(postgres: bool) {
    let Some(place) = Place::new("serve", postgres).await else {
        return;
    };
    let mut child = place
        .command()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start server");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut printed = String::new();
    let mut address = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.strip_prefix("Liaison is running at ") {
            address = rest
                .split(' ')
                .next()
                .map(|a| a.trim_end_matches('/').to_string());
            break;
        }
    }
    let base = address.unwrap_or_else(|| panic!("no address printed:\n{printed}"));
    assert!(printed.contains("admin@riverside.example"), "{printed}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let health = client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let portal = client
        .get(format!("{base}/report"))
        .send()
        .await
        .expect("portal")
        .text()
        .await
        .expect("body");
    assert!(portal.contains("Riverside"), "{portal}");
    let signed = client
        .post(format!("{base}/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=admin%40riverside.example&password=riverside-demo&next=%2Fstaff%2Fconcerns")
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed.status(), 303);
    let cookie = signed
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let session = cookie.split(';').next().unwrap_or_default().to_string();
    let queue = client
        .get(format!("{base}/staff/concerns?view=all"))
        .header("cookie", session)
        .send()
        .await
        .expect("queue")
        .text()
        .await
        .expect("body");
    assert!(
        queue.matches("class=\"badge status-").count() >= 20,
        "{queue}"
    );
    drop(server);
    place.remove().await;
}

#[tokio::test]
async fn serve_demo_sqlite() {
    serve_demo(false).await;
}

#[tokio::test]
async fn serve_demo_postgres() {
    serve_demo(true).await;
}
