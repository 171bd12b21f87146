//! The `liaison` command: serve the application, prepare databases, manage users, import
//! contacts, back offices up, and generate demo offices.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use liaison_app::access_tokens::CreateToken;
use liaison_app::accounts::NewUser;
use liaison_app::api_keys::IssueKey;
use liaison_app::{App, AppError, Settings};
use liaison_store::Store;

mod audit;
mod backup;
mod database;
mod demo;
mod mail;
mod progress;
mod refusals;
mod stakeholders;

use refusals::Arg;

/// Liaison: the community liaison office's case system.
#[derive(Parser)]
#[command(name = "liaison", version, about, long_about = None)]
struct Cli {
    /// Folder for the embedded SQLite database and files.
    #[arg(
        long,
        env = "LIAISON_DATA_DIR",
        default_value = "./liaison-data",
        global = true
    )]
    data_dir: PathBuf,
    /// Database URL (`sqlite://…` or `postgres://…`); overrides the data folder's SQLite file.
    #[arg(
        long,
        env = "LIAISON_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    database_url: Option<String>,
    /// Folder for attachments (default: `files` in the data folder). Nodes sharing a
    /// PostgreSQL database must share this folder too.
    #[arg(long, env = "LIAISON_FILES_DIR", global = true)]
    files_dir: Option<PathBuf>,
    /// The largest attachment accepted, in MiB (1 to 1024).
    #[arg(
        long,
        env = "LIAISON_ATTACHMENT_MAX_MIB",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=1024),
        global = true
    )]
    attachment_max_mib: u64,
    /// Open311 submissions accepted per API key per minute, after a burst of a tenth of
    /// that (0: no limit). Each node counts on its own.
    #[arg(
        long,
        env = "LIAISON_OPEN311_PER_KEY",
        default_value_t = 3600,
        global = true
    )]
    open311_per_key: u32,
    /// Open311 submissions accepted per client address per minute, whatever the key,
    /// after a burst of a tenth of that (0: no limit).
    #[arg(
        long,
        env = "LIAISON_OPEN311_PER_ADDRESS",
        default_value_t = 3600,
        global = true
    )]
    open311_per_address: u32,
    /// Reports sent on the public portal per client address per minute, after a burst of
    /// three times that (0: no limit).
    #[arg(
        long,
        env = "LIAISON_PORTAL_PER_ADDRESS",
        default_value_t = 10,
        global = true
    )]
    portal_per_address: u32,
    /// Tracking-code lookups per client address per minute, after a burst of twice that
    /// (0: no limit).
    #[arg(
        long,
        env = "LIAISON_LOOKUPS_PER_ADDRESS",
        default_value_t = 30,
        global = true
    )]
    lookups_per_address: u32,
    /// The mail server messages go out through: `smtp://host:25` (no encryption),
    /// `smtp://user:password@host:587?tls=required` (STARTTLS), `smtps://host:465`
    /// (implicit TLS). Without one, messages wait in the outbox until one is set.
    #[arg(long, env = "LIAISON_SMTP_URL", global = true, hide_env_values = true)]
    smtp_url: Option<String>,
    /// The office's sender address, as `Name <address>` or a bare address.
    #[arg(
        long,
        env = "LIAISON_MAIL_FROM",
        default_value = "Liaison <liaison@localhost>",
        global = true
    )]
    mail_from: String,
    /// The address residents reach Liaison at (`https://liaison.example.org`): links in
    /// email point there. Default: http:// and the address `serve` listens on.
    #[arg(long, env = "LIAISON_PUBLIC_URL", global = true)]
    public_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application (staff pages, public portal, health check).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LIAISON_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Load the demo office first if the database is empty.
        #[arg(long)]
        demo: bool,
        /// Mark cookies Secure and send HSTS: set this when Liaison is served over HTTPS.
        #[arg(long, env = "LIAISON_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Behind a load balancer or proxy that appends the client's address to
        /// X-Forwarded-For: take the last address there as the client's (for rate limits).
        #[arg(long, env = "LIAISON_TRUST_FORWARDED")]
        trust_forwarded: bool,
        /// Requests in progress at once (the health check and static files are not
        /// counted).
        #[arg(
            long,
            env = "LIAISON_MAX_CONCURRENT_REQUESTS",
            default_value_t = liaison_web::overload::DEFAULT_MAX_CONCURRENT_REQUESTS as u32,
            value_parser = clap::value_parser!(u32).range(1..=100_000)
        )]
        max_concurrent_requests: u32,
        /// Requests that may wait for a turn, each up to a second; the rest are refused at
        /// once with 503 and Retry-After.
        #[arg(
            long,
            env = "LIAISON_MAX_WAITING_REQUESTS",
            default_value_t = liaison_web::overload::DEFAULT_MAX_WAITING_REQUESTS as u32,
            value_parser = clap::value_parser!(u32).range(0..=100_000)
        )]
        max_waiting_requests: u32,
        /// Seconds a request may run before it is stopped and answered 503 (1 to 3600).
        #[arg(
            long,
            env = "LIAISON_REQUEST_TIMEOUT",
            default_value_t = liaison_web::overload::DEFAULT_REQUEST_TIMEOUT.as_secs(),
            value_parser = clap::value_parser!(u64).range(1..=3600)
        )]
        request_timeout: u64,
    },
    /// Create or update the database schema, then exit.
    Migrate,
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage the API keys of Open311 clients.
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
    /// Create a personal access token for the JSON API (staff also do this on their
    /// account page); the token alone is printed on the last line.
    Token {
        /// The account's email; the token acts with its role.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
        /// Days until it expires (default: never).
        #[arg(long)]
        days: Option<u32>,
    },
    /// Check the audit trail's hash chain, or print its head to keep elsewhere.
    Audit {
        #[command(subcommand)]
        command: audit::AuditCommand,
    },
    /// Mail that comes in: `liaison mail receive` takes one message from standard input.
    Mail {
        #[command(subcommand)]
        command: mail::MailCommand,
    },
    /// Work on the stakeholder register: import a contacts file.
    Stakeholders {
        #[command(subcommand)]
        command: stakeholders::StakeholdersCommand,
    },
    /// The office's figures, kept as concerns change: `liaison aggregates rebuild` recounts
    /// them from the concerns (after restoring a backup, or to check them).
    Aggregates {
        #[command(subcommand)]
        command: AggregatesCommand,
    },
    /// Fill the database with a generated demo office (the data for every benchmark).
    Demo {
        /// How many concerns to generate.
        #[arg(long, default_value_t = 400)]
        concerns: u64,
        /// How many people to put in the stakeholder register (default: half as many as
        /// concerns, at most 300), besides the organizations of its areas.
        #[arg(long)]
        people: Option<u64>,
        /// How many organizations to put in the register (default: its areas' usual ones,
        /// a few dozen); more are named after their areas.
        #[arg(long)]
        organizations: Option<u64>,
        /// Seed of the generator: the same seed gives the same office.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    #[command(flatten)]
    Backup(backup::BackupCommand),
}

#[derive(Subcommand)]
enum AggregatesCommand {
    /// Recount the dashboards' and reports' figures from every concern.
    Rebuild,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account (the first administrator, for example).
    Add {
        /// Sign-in email address.
        #[arg(long)]
        email: String,
        /// administrator, supervisor, officer, partner or viewer.
        #[arg(long)]
        role: String,
        /// Display name (defaults to the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Password; when omitted a strong one is generated and printed.
        #[arg(long, env = "LIAISON_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Issue a key to a client; the key alone is printed on the last line.
    Create {
        /// The client's name (an app, a city system), unique among live keys.
        #[arg(long)]
        name: String,
    },
    /// List every key issued: id, client, last characters, issued, last used, revoked.
    List,
    /// Revoke a key, named by its id or its client's name.
    Revoke {
        /// Id or client name.
        key: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_max_level(log_level())
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One line for each thing refused, so a person can fix them all at once.
            for line in message.lines() {
                eprintln!("error: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

fn log_level() -> tracing::Level {
    match std::env::var("LIAISON_LOG").as_deref() {
        Ok("debug") => tracing::Level::DEBUG,
        Ok("warn") => tracing::Level::WARN,
        Ok("error") => tracing::Level::ERROR,
        _ => tracing::Level::INFO,
    }
}

/// The database URL: the explicit one, or a SQLite file in the data folder.
fn database_url(cli: &Cli) -> Result<String, String> {
    if let Some(url) = cli.database_url.as_ref().filter(|u| !u.is_empty()) {
        return Ok(url.clone());
    }
    std::fs::create_dir_all(&cli.data_dir).map_err(|e| {
        refusals::refused(
            &refusals::quoted("--data-dir", cli.data_dir.display()),
            &refusals::tr().t1("cli-folder-unwritable", "reason", refusals::os_reason(&e)),
        )
    })?;
    Ok(format!(
        "sqlite://{}",
        cli.data_dir.join("liaison.db").display()
    ))
}

/// The application over the database the command line names, and that database (for the
/// server's maintenance: planner statistics, closing on shutdown).
async fn open(cli: &Cli) -> Result<(App, Store), String> {
    let url = database_url(cli)?;
    // The server's statements give up rather than hang on a paused database; tools' may
    // run as long as they need.
    let store = if matches!(cli.command, Command::Serve { .. }) {
        Store::connect_serving(&url).await
    } else {
        Store::connect(&url).await
    };
    let store = match store {
        Ok(store) => store,
        Err(e) => return Err(database::explain(&url, e).await),
    };
    store
        .migrate()
        .await
        .map_err(|e| format!("cannot prepare the database: {e}"))?;
    let settings = Settings {
        files: cli
            .files_dir
            .clone()
            .unwrap_or_else(|| cli.data_dir.join("files")),
        attachment_max_bytes: usize::try_from(cli.attachment_max_mib * 1024 * 1024)
            .unwrap_or(usize::MAX),
        open311_per_key: per_minute(cli.open311_per_key),
        open311_per_address: per_minute(cli.open311_per_address),
        portal_per_address: liaison_app::Limit {
            per_minute: cli.portal_per_address,
            burst: cli.portal_per_address.saturating_mul(3).max(1),
        },
        lookups_per_address: liaison_app::Limit {
            per_minute: cli.lookups_per_address,
            burst: cli.lookups_per_address.saturating_mul(2).max(1),
        },
        public_url: public_url(cli)?,
        mail_from: cli.mail_from.clone(),
        smtp: match &cli.smtp_url {
            Some(url) => Some(liaison_mail::Smtp::new(url, &cli.mail_from).map_err(
                |e| match e {
                    liaison_mail::SmtpError::Url(why) => refusals::refused("--smtp-url", &why),
                    liaison_mail::SmtpError::From(given, why) => {
                        refusals::refused(&format!("--mail-from {given}"), &why)
                    }
                },
            )?),
            None => None,
        },
        ..Settings::default()
    };
    Ok((App::new(store.clone(), settings), store))
}

/// Where links in email point: `--public-url`, or the address `serve` listens on.
fn public_url(cli: &Cli) -> Result<String, String> {
    match (&cli.public_url, &cli.command) {
        (Some(url), _) => {
            let url = url.trim().trim_end_matches('/');
            let host = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .unwrap_or_default();
            if host.is_empty() || host.contains(char::is_whitespace) {
                return Err(refusals::refused(
                    &format!("--public-url {url}"),
                    &refusals::tr().t("cli-public-url"),
                ));
            }
            Ok(url.to_string())
        }
        (None, Command::Serve { listen, .. }) => Ok(format!("http://{listen}")),
        (None, _) => Ok(Settings::default().public_url),
    }
}

/// A limit of `n` a minute with a burst of a tenth of that.
fn per_minute(n: u32) -> liaison_app::Limit {
    liaison_app::Limit {
        per_minute: n,
        burst: (n / 10).max(1),
    }
}

/// Turns an operation's error, on no argument a person typed, into a message for the
/// terminal.
fn explain(e: AppError) -> String {
    refusals::explain(e, &[])
}

/// The demo generator's refusal or failure, as the operations word theirs.
fn demo_refused(e: liaison_demo::Error) -> String {
    match e {
        liaison_demo::Error::NotEmpty => explain(AppError::field("concerns", "error-not-empty")),
        liaison_demo::Error::Store(e) => explain(AppError::from(e)),
        e => e.to_string(),
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    // Backups open the database themselves: a restore must find the SQLite file closed.
    if let Command::Backup(command) = &cli.command {
        return backup::run(&cli, command).await;
    }
    // An import reads its file before it opens the database.
    if let Command::Stakeholders { command } = &cli.command {
        return stakeholders::run(&cli, command).await;
    }
    // The message is read before the database is opened: a database away is "try later".
    if let Command::Mail { command } = &cli.command {
        return mail::run(&cli, command).await;
    }
    let (app, store) = open(&cli).await?;
    match &cli.command {
        Command::Migrate => {
            println!(
                "The database is up to date (schema version {}).",
                Store::schema_version()
            );
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    name,
                    password,
                },
        } => {
            let generated = password.is_none();
            let password = password.clone().unwrap_or_else(generate_password);
            let named = name.is_some();
            let name = name
                .clone()
                .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string());
            let new = NewUser {
                email: email.as_str().into(),
                name: name.as_str().into(),
                role: role.as_str().into(),
                password: password.as_str().into(),
            };
            let args = [
                Arg::text("email", "--email", email),
                Arg::text("name", "--name", &name),
                Arg::text("role", "--role", role),
                Arg::password("password", &password),
            ];
            let user = app.accounts().add(None, &new).await.map_err(|e| match e {
                // A name taken from a wrong email is wrong because the email is.
                AppError::Invalid(mut errors) if !named && errors.for_field("email").is_some() => {
                    errors.0.retain(|f| f.field != "name");
                    refusals::explain(AppError::Invalid(errors), &args)
                }
                e => refusals::explain(e, &args),
            })?;
            println!(
                "Created {} ({}) with id {}.",
                user.email,
                user.role.as_str(),
                user.id
            );
            if generated {
                println!("Password: {password}");
            }
        }
        Command::ApiKey { command } => api_key(&app, command).await?,
        Command::Audit { command } => audit::run(&app, command).await?,
        Command::Aggregates {
            command: AggregatesCommand::Rebuild,
        } => {
            let started = std::time::Instant::now();
            let counted = app.dashboard().rebuild().await.map_err(explain)?;
            println!(
                "Recounted the figures of {counted} concerns in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
        }
        // Run above, before the database is opened.
        Command::Backup(_) | Command::Stakeholders { .. } | Command::Mail { .. } => {}
        Command::Token { email, name, days } => {
            let given = days.map(|d| d.to_string()).unwrap_or_default();
            let wanted = CreateToken {
                name: name.as_str().into(),
                days: given.as_str().into(),
            };
            let args = [
                Arg::text("email", "--email", email),
                Arg::text("name", "--name", name),
                Arg::plain("days", "--days", &given),
            ];
            let (token, secret) = app
                .access_tokens()
                .create_for(email, &wanted)
                .await
                .map_err(|e| refusals::explain(e, &args))?;
            println!("Created token {} ({}) for {email}:", token.id, token.name);
            println!("{secret}");
        }
        Command::Demo {
            concerns,
            people,
            organizations,
            seed,
        } => {
            let size = liaison_demo::Size {
                concerns: *concerns,
                people: people.unwrap_or_else(|| liaison_demo::people_for(*concerns)),
                organizations: *organizations,
            };
            let now = liaison_app::now();
            let bar = progress::Bar::new();
            let s = liaison_demo::load_showing(&store, size, *seed, now, &|step| match step {
                liaison_demo::Step::Register => bar.show("cli-progress-demo-register", 0, 0),
                liaison_demo::Step::History { done, total } => {
                    bar.show("cli-progress-demo-history", done, total)
                }
            })
            .await
            .map_err(demo_refused)?;
            bar.clear();
            println!(
                "Generated {} concerns, {} people, {} organizations, {} interactions \
                 ({} follow-ups) and {} staff in {:.1} s ({:.0} concerns and interactions/s).",
                s.concerns,
                s.people,
                s.organizations,
                s.interactions,
                s.follow_ups,
                s.staff.len(),
                s.seconds,
                (s.concerns + s.interactions) as f64 / s.seconds.max(0.001)
            );
        }
        Command::Serve {
            listen,
            demo,
            secure_cookies,
            trust_forwarded,
            max_concurrent_requests,
            max_waiting_requests,
            request_timeout,
        } => {
            let serving = liaison_web::Serving {
                secure_cookies: *secure_cookies,
                trust_forwarded: *trust_forwarded,
                max_concurrent_requests: *max_concurrent_requests as usize,
                max_waiting_requests: *max_waiting_requests as usize,
                request_timeout: std::time::Duration::from_secs(*request_timeout),
            };
            serve(app, store, *listen, *demo, serving).await?;
        }
    }
    Ok(())
}

async fn api_key(app: &App, command: &ApiKeyCommand) -> Result<(), String> {
    match command {
        ApiKeyCommand::Create { name } => {
            let (key, secret) = app
                .api_keys()
                .create(None, &IssueKey::from(name.as_str()))
                .await
                .map_err(|e| refusals::explain(e, &[Arg::text("name", "--name", name)]))?;
            println!(
                "Issued key {} to {}. It is shown only now:",
                key.id, key.name
            );
            println!("{secret}");
        }
        ApiKeyCommand::List => {
            let keys = app.api_keys().list(None).await.map_err(explain)?;
            if keys.is_empty() {
                println!("No API keys have been issued.");
            }
            let when = |t: Option<i64>| {
                t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                    .map_or("-".to_string(), |d| {
                        d.format("%Y-%m-%d %H:%M UTC").to_string()
                    })
            };
            for k in keys {
                println!(
                    "{}\t{}\t…{}\tissued {}\tlast used {}\t{}",
                    k.id,
                    k.name,
                    k.hint,
                    when(Some(k.created_at)),
                    when(k.last_used_at),
                    k.revoked_at
                        .map_or("live".to_string(), |t| format!("revoked {}", when(Some(t))))
                );
            }
        }
        ApiKeyCommand::Revoke { key } => {
            let keys = app.api_keys().list(None).await.map_err(explain)?;
            let mut live: Vec<_> = keys.iter().filter(|k| k.revoked_at.is_none()).collect();
            live.sort_by_key(|k| k.id);
            let found = live
                .iter()
                .find(|k| k.id.to_string() == *key || k.name == *key)
                .ok_or_else(|| {
                    let tr = refusals::tr();
                    let reason = if live.is_empty() {
                        tr.t("cli-api-key-none")
                    } else {
                        let names: Vec<String> = live
                            .iter()
                            .map(|k| format!("{} {:?}", k.id, k.name))
                            .collect();
                        tr.t1("cli-api-key-unknown", "keys", names.join(", "))
                    };
                    refusals::refused(&format!("{key:?}"), &reason)
                })?;
            app.api_keys()
                .revoke(None, found.id)
                .await
                .map_err(explain)?;
            println!("Revoked key {} of {}.", found.id, found.name);
        }
    }
    Ok(())
}

async fn serve(
    app: App,
    store: Store,
    listen: SocketAddr,
    demo: bool,
    serving: liaison_web::Serving,
) -> Result<(), String> {
    if demo && liaison_demo::is_empty(&store).await.map_err(demo_refused)? {
        let s = liaison_demo::load(&store, 400, 1)
            .await
            .map_err(demo_refused)?;
        demo::grievance_loop(&app).await.map_err(explain)?;
        println!(
            "Loaded the demo office: {} concerns, {} people, {} organizations.",
            s.concerns, s.people, s.organizations
        );
        println!(
            "Sign in as any of these with the password {:?}:",
            s.password
        );
        for (email, role) in s.staff.iter().take(6) {
            println!("  {email} ({role})");
        }
    } else if app.accounts().count().await.map_err(explain)? == 0 {
        println!("No staff accounts yet. Create the first administrator with:");
        println!("  liaison user add --email you@example.org --role administrator");
    }
    // The figures are recounted once after an upgrade or a change of time zone, before
    // the first dashboard is asked for.
    app.dashboard().ensure_counted().await.map_err(explain)?;
    if let Err(e) = store.optimize().await {
        tracing::warn!(error = %e, "could not refresh planner statistics");
    }
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| {
        let tr = refusals::tr();
        let reason = refusals::os_reason(&e);
        let why = if e.kind() == std::io::ErrorKind::AddrInUse {
            tr.t1("cli-listen-in-use", "reason", reason)
        } else {
            tr.t1("cli-listen-failed", "reason", reason)
        };
        refusals::refused(&format!("--listen {listen}"), &why)
    })?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    match &app.settings.smtp {
        Some(smtp) => println!("Mail goes out through {}.", smtp.server()),
        None => println!(
            "No mail server is set (--smtp-url): messages wait in the outbox until one is."
        ),
    }
    println!("Liaison is running at http://{address}/ (staff: http://{address}/sign-in)");
    // Background jobs (mail, and the sweeps that come due) run on every node.
    app.run_jobs();
    let router = liaison_web::router(app, serving);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| format!("server failed: {e}"))?;
    store.close().await;
    println!("Stopped.");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// A random password of 20 characters from an unambiguous alphabet.
fn generate_password() -> String {
    let mut bytes = [0u8; 20];
    // Without a working OS random generator nothing can be secured; stop here.
    getrandom::fill(&mut bytes).expect("the operating system's random generator failed");
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}
