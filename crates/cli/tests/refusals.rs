//! What a person reads when the command line refuses what they typed. Every subcommand's
//! wrong values are answered with a sentence that names the option as it is typed, quotes
//! what was given (a password only by its length) and says what is accepted, and the
//! command exits with failure. Clap's own errors (an unknown flag, a missing value, a value
//! of the wrong type) are clap's and not tested here.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use liaison_store::sqlx::{AnyConnection, Connection, Executor};

/// What one run printed, and how it ended.
struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A fresh place to keep data: a folder, and on PostgreSQL a new database.
struct Place {
    dir: PathBuf,
    url: String,
    database: Option<String>,
}

impl Place {
    async fn new(tag: &str, postgres: bool) -> Option<Self> {
        let backend = if postgres { "postgres" } else { "sqlite" };
        let dir = std::env::temp_dir().join(format!(
            "liaison-cli-refusals-{tag}-{backend}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        if !postgres {
            let url = format!("sqlite://{}", dir.join("liaison.db").display());
            return Some(Self {
                dir,
                url,
                database: None,
            });
        }
        let name = format!("liaison_cli_refusals_{tag}_{}", std::process::id());
        let url = common::fresh_postgres(&name).await?;
        Some(Self {
            dir,
            url,
            database: Some(name),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn run(&self, args: &[&str]) -> Out {
        run(&self.dir, &self.url, args)
    }

    /// Runs a command that must succeed, and answers what it printed.
    fn ok(&self, args: &[&str]) -> String {
        let (success, out) = common::liaison(&self.dir, &self.url, args);
        assert!(success, "liaison {args:?} failed:\n{out}");
        out
    }

    async fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let (Some(name), Ok(admin)) =
            (&self.database, std::env::var("LIAISON_TEST_DATABASE_URL"))
        {
            if let Ok(mut c) = AnyConnection::connect(&admin).await {
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let _ = c.execute(drop.as_str()).await;
            }
        }
    }
}

/// `liaison` on the database at `url`, with `dir` as its data folder.
fn run(dir: &Path, url: &str, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .env("LIAISON_LOG", "warn")
        .env("LIAISON_DATABASE_URL", url)
        .env_remove("LIAISON_USER_PASSWORD")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run liaison");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The run failed with exit code 1 and printed exactly `expected` on its error output.
#[track_caller]
fn refused(out: &Out, expected: &str) {
    assert_eq!(
        out.stderr, expected,
        "the error output differs (stdout: {:?})",
        out.stdout
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
}

/// One test on SQLite and one on PostgreSQL.
macro_rules! both {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(false).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(true).await;
            }
        }
    };
}

const ROLES: &str = "administrator, supervisor, officer, partner, viewer";

async fn user_add(postgres: bool) {
    let Some(p) = Place::new("user", postgres).await else {
        return;
    };
    let add = |more: &[&str]| {
        let mut args = vec!["user", "add"];
        args.extend_from_slice(more);
        p.run(&args)
    };
    refused(
        &add(&["--email", "bad", "--role", "officer"]),
        "error: --email \"bad\" was not accepted. Enter an email address like \
         name@example.org.\n",
    );
    refused(
        &add(&["--email", "ana@example.org", "--role", "wizard"]),
        &format!("error: --role \"wizard\" was not accepted. Choose one of the roles: {ROLES}.\n"),
    );
    // A password is never printed back: its length says what was wrong with it.
    refused(
        &add(&[
            "--email",
            "ana@example.org",
            "--role",
            "officer",
            "--password",
            "123",
        ]),
        "error: --password of 3 characters was not accepted. Use at least 8 characters.\n",
    );
    refused(
        &add(&[
            "--email",
            "ana@example.org",
            "--role",
            "officer",
            "--password",
            "password",
        ]),
        "error: --password of 8 characters was not accepted. This password is too common. \
         Choose another.\n",
    );
    let long = "k".repeat(129);
    refused(
        &add(&[
            "--email",
            "ana@example.org",
            "--role",
            "officer",
            "--password",
            &long,
        ]),
        "error: --password of 129 characters was not accepted. Use at most 128 characters.\n",
    );
    refused(
        &add(&[
            "--email",
            "ana@example.org",
            "--role",
            "officer",
            "--name",
            " ",
        ]),
        "error: --name \" \" was not accepted. This is required.\n",
    );
    // Everything wrong at once, one line each, in the order of the options.
    refused(
        &add(&["--email", "ana@", "--role", "Officer", "--password", "x"]),
        &format!(
            "error: --email \"ana@\" was not accepted. Enter an email address like \
             name@example.org.\n\
             error: --role \"Officer\" was not accepted. Choose one of the roles: {ROLES}.\n\
             error: --password of one character was not accepted. Use at least 8 characters.\n"
        ),
    );
    let out = add(&["--email", "chief@office.example", "--role", "administrator"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    refused(
        &add(&["--email", "Chief@Office.example", "--role", "officer"]),
        "error: --email \"Chief@Office.example\" was not accepted. An account with this email \
         already exists.\n",
    );
    p.remove().await;
}
both!(user_add);

async fn token(postgres: bool) {
    let Some(p) = Place::new("token", postgres).await else {
        return;
    };
    refused(
        &p.run(&["token", "--email", "nobody@example.org", "--name", "x"]),
        "error: --email \"nobody@example.org\" was not accepted. No active account has this \
         email.\n",
    );
    p.ok(&[
        "user",
        "add",
        "--email",
        "ana@example.org",
        "--role",
        "officer",
    ]);
    refused(
        &p.run(&["token", "--email", "ana@example.org", "--name", ""]),
        "error: --name \"\" was not accepted. This is required.\n",
    );
    for days in ["0", "367"] {
        refused(
            &p.run(&[
                "token",
                "--email",
                "ana@example.org",
                "--name",
                "x",
                "--days",
                days,
            ]),
            &format!(
                "error: --days {days} was not accepted. Give a whole number of days from 1 to \
                 366, or leave --days out for a token that never expires.\n"
            ),
        );
    }
    p.remove().await;
}
both!(token);

async fn api_key(postgres: bool) {
    let Some(p) = Place::new("api_key", postgres).await else {
        return;
    };
    refused(
        &p.run(&["api-key", "revoke", "FixIt"]),
        "error: \"FixIt\" was not accepted. No live API key has this id or client name: \
         there are none.\n",
    );
    refused(
        &p.run(&["api-key", "create", "--name", "  "]),
        "error: --name \"  \" was not accepted. This is required.\n",
    );
    let issued = |out: String| -> String {
        out.lines()
            .find_map(|l| l.strip_prefix("Issued key "))
            .and_then(|l| l.split(' ').next())
            .unwrap_or_else(|| panic!("no key id in {out}"))
            .to_string()
    };
    let first = issued(p.ok(&["api-key", "create", "--name", "FixIt app"]));
    refused(
        &p.run(&["api-key", "create", "--name", "FixIt app"]),
        "error: --name \"FixIt app\" was not accepted. This name is already used.\n",
    );
    let second = issued(p.ok(&["api-key", "create", "--name", "City"]));
    refused(
        &p.run(&["api-key", "revoke", "FixIt"]),
        &format!(
            "error: \"FixIt\" was not accepted. No live API key has this id or client name. \
             The live keys are: {first} \"FixIt app\", {second} \"City\".\n"
        ),
    );
    p.remove().await;
}
both!(api_key);

async fn demo(postgres: bool) {
    let Some(p) = Place::new("demo", postgres).await else {
        return;
    };
    p.ok(&["demo", "--concerns", "3"]);
    refused(
        &p.run(&["demo", "--concerns", "3"]),
        "error: This database already holds an office: the demo loads only into an empty \
         one.\n",
    );
    p.remove().await;
}
both!(demo);

async fn audit(postgres: bool) {
    let Some(p) = Place::new("audit", postgres).await else {
        return;
    };
    let head = p.ok(&["audit", "checkpoint"]);
    let head = head.lines().last().expect("head line").to_string();
    let (id, _) = head.split_once(':').expect("ID:HASH");
    let beyond = format!("{}:{}", id.parse::<i64>().expect("id") + 5, "0".repeat(64));
    let out = p.run(&["audit", "verify", "--head", &beyond]);
    refused(
        &out,
        &format!(
            "error: the audit trail is broken at entry {}: missing, and every entry up to the \
             kept head {} (the trail was cut short)\n",
            id.parse::<i64>().expect("id") + 1,
            id.parse::<i64>().expect("id") + 5
        ),
    );
    // A head that is not ID:HASH is refused by the argument parser, readably.
    let out = p.run(&["audit", "verify", "--head", "12"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "\"12\" is not a checkpoint: expected ID:HASH, an entry number, a colon and 64 hex \
             digits"
        ),
        "{}",
        out.stderr
    );
    p.remove().await;
}
both!(audit);

async fn backup(postgres: bool) {
    let Some(p) = Place::new("backup", postgres).await else {
        return;
    };
    let full = p.path("full");
    std::fs::create_dir_all(&full).expect("folder");
    std::fs::write(full.join("notes.txt"), "kept").expect("file");
    let file = p.path("a-file");
    std::fs::write(&file, "not a folder").expect("file");
    let (full, file) = (full.display().to_string(), file.display().to_string());
    for command in ["backup", "export"] {
        refused(
            &p.run(&[command, "--to", &full]),
            &format!(
                "error: --to \"{full}\" was not accepted. This folder is not empty. Give \
                 a new folder, or an empty one.\n"
            ),
        );
        refused(
            &p.run(&[command, "--to", &file]),
            &format!(
                "error: --to \"{file}\" was not accepted. This is a file. Give a new folder, \
                 or an empty one.\n"
            ),
        );
        let under = format!("{file}/copy");
        refused(
            &p.run(&[command, "--to", &under]),
            &format!(
                "error: --to \"{under}\" was not accepted. The folder cannot be created there: \
                 Not a directory.\n"
            ),
        );
    }
    let missing = p.path("missing").display().to_string();
    let empty = p.path("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let empty = empty.display().to_string();
    for command in ["restore", "import"] {
        refused(
            &p.run(&[command, "--from", &missing]),
            &format!(
                "error: --from \"{missing}\" was not accepted. There is no folder there (No \
                 such file or directory). Give a folder written by liaison backup or liaison \
                 export.\n"
            ),
        );
        refused(
            &p.run(&[command, "--from", &file]),
            &format!(
                "error: --from \"{file}\" was not accepted. This is a file. Give a folder \
                 written by liaison backup or liaison export.\n"
            ),
        );
        refused(
            &p.run(&[command, "--from", &empty]),
            &format!(
                "error: --from \"{empty}\" was not accepted. It holds no manifest.json, so it \
                 is not a folder written by liaison backup or liaison export, or one that was \
                 not finished.\n"
            ),
        );
    }
    let export = p.path("export").display().to_string();
    p.ok(&["export", "--to", &export]);
    refused(
        &p.run(&["restore", "--from", &export, "--force"]),
        "error: --force replaces a SQLite database with a SQLite backup; an export is only \
         imported into an empty database\n",
    );
    p.remove().await;
}
both!(backup);

async fn serve(postgres: bool) {
    let Some(p) = Place::new("serve", postgres).await else {
        return;
    };
    // Another program holds the port.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    refused(
        &p.run(&["serve", "--listen", &address]),
        &format!(
            "error: --listen {address} was not accepted. Another program listens there \
             (Address already in use): stop it, or choose another address or port.\n"
        ),
    );
    drop(taken);
    p.remove().await;
}
both!(serve);

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

/// Every command that opens the database, pointed at a PostgreSQL server that is not
/// there, names the host and port and the system's reason, and never the URL's password.
#[test]
fn unreachable_database() {
    let dir = std::env::temp_dir().join(format!(
        "liaison-cli-refusals-unreachable-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    // An export to restore and import, made on SQLite.
    let export = dir.join("export").display().to_string();
    let sqlite = format!("sqlite://{}", dir.join("liaison.db").display());
    let out = run(&dir, &sqlite, &["export", "--to", &export]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let port = closed_port();
    let url = format!("postgres://liaison:hunter2@127.0.0.1:{port}/liaison");
    let to = dir.join("copy").display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["migrate"],
        vec!["serve", "--listen", "127.0.0.1:0"],
        vec![
            "user",
            "add",
            "--email",
            "ana@example.org",
            "--role",
            "officer",
        ],
        vec!["demo", "--concerns", "1"],
        vec!["api-key", "create", "--name", "FixIt app"],
        vec!["api-key", "list"],
        vec!["api-key", "revoke", "FixIt app"],
        vec!["token", "--email", "ana@example.org", "--name", "x"],
        vec!["audit", "verify"],
        vec!["audit", "checkpoint"],
        vec!["backup", "--to", &to],
        vec!["export", "--to", &to],
        vec!["restore", "--from", &export],
        vec!["import", "--from", &export],
    ];
    let expected = format!(
        "error: cannot connect to the PostgreSQL server at 127.0.0.1:{port}: Connection \
         refused. Check that it runs and accepts connections there, or correct \
         --database-url.\n"
    );
    std::thread::scope(|s| {
        let runs: Vec<_> = commands
            .iter()
            .map(|args| (args, s.spawn(|| run(&dir, &url, args))))
            .collect();
        for (args, handle) in runs {
            let out = handle.join().expect("run");
            assert_eq!(out.stderr, expected, "liaison {args:?}");
            assert_eq!(out.code, Some(1), "liaison {args:?}");
            assert!(!out.stdout.contains("hunter2"), "liaison {args:?}");
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// A database URL Liaison does not understand is quoted without its password; a SQLite file
/// that cannot be opened is named with the system's reason.
#[test]
fn database_url() {
    let dir = std::env::temp_dir().join(format!("liaison-cli-refusals-url-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    refused(
        &run(
            &dir,
            "mysql://liaison:hunter2@db.example/liaison",
            &["migrate"],
        ),
        "error: --database-url \"mysql://liaison:***@db.example/liaison\" was not accepted. \
         Give sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.\n",
    );
    let file = dir.join("missing").join("liaison.db").display().to_string();
    refused(
        &run(&dir, &format!("sqlite://{file}"), &["migrate"]),
        &format!(
            "error: cannot open the SQLite database {file}: No such file or directory. Check \
             --data-dir or --database-url.\n"
        ),
    );
    let bad = dir.join("bad.db");
    std::fs::write(&bad, "not a database, but a note\n").expect("file");
    let bad = bad.display().to_string();
    refused(
        &run(&dir, &format!("sqlite://{bad}"), &["migrate"]),
        &format!(
            "error: cannot open the SQLite database {bad}: file is not a database. Check \
             --data-dir or --database-url.\n"
        ),
    );
    // No URL: the data folder's own SQLite file, in a folder that cannot be made.
    let data = format!("{bad}/data");
    refused(
        &run(Path::new(&data), "", &["migrate"]),
        &format!(
            "error: --data-dir \"{data}\" was not accepted. The folder cannot be created \
             there: Not a directory.\n"
        ),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PostgreSQL server that answers but refuses the connection: its own reason.
#[tokio::test]
async fn database_refused_postgres() {
    let Ok(admin) = std::env::var("LIAISON_TEST_DATABASE_URL") else {
        eprintln!("notice: LIAISON_TEST_DATABASE_URL is not set; PostgreSQL tests are skipped");
        return;
    };
    use std::str::FromStr;
    let options =
        liaison_store::sqlx::postgres::PgConnectOptions::from_str(&admin).expect("admin URL");
    let address = format!("{}:{}", options.get_host(), options.get_port());
    let name = format!("liaison_cli_refusals_absent_{}", std::process::id());
    let base = admin.split('?').next().unwrap_or(&admin);
    let url = format!("{}/{name}", base.rsplit_once('/').map_or(base, |(b, _)| b));
    let dir = std::env::temp_dir().join(format!(
        "liaison-cli-refusals-absent-{}",
        std::process::id()
    ));
    refused(
        &run(&dir, &url, &["migrate"]),
        &format!(
            "error: the PostgreSQL server at {address} refused the connection: database \
             \"{name}\" does not exist. Correct --database-url, or ask its administrator.\n"
        ),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
