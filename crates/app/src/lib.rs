//! Liaison's operations: the one door every change goes through.
//!
//! Web forms, the JSON API, Open311, the command line and the demo generator all call
//! these operations, one service per feature: [`App::concerns`], [`App::office`],
//! [`App::accounts`] and the others below. Each takes a command, a struct of its feature's
//! module that forms and JSON bodies decode into alike ([`command`]), checks who is
//! asking, validates the command into domain values, and writes through [`door`]: one
//! transaction that commits with its audit entries. The services hand out this crate's
//! views and values (each module re-exports the plain ones it shares with storage), so the
//! interfaces never reach the store.

pub mod access_tokens;
pub mod accounts;
pub mod api_keys;
pub mod appeals;
pub mod attachments;
pub mod audit_trail;
pub mod backup;
pub mod command;
pub mod commitments;
pub mod concerns;
mod config;
pub mod dashboard;
pub mod door;
pub mod engagements;
mod error;
pub mod escalation;
mod files;
pub mod inbound;
pub mod input;
mod intake;
pub mod interactions;
pub mod jobs;
pub mod limits;
pub mod mediation;
pub mod notifications;
pub mod office;
pub mod open311;
pub mod outbox;
pub mod report_schedules;
pub mod reports;
pub mod search;
mod secrets;
pub mod stakeholders;
pub mod statistics;
pub mod submissions;
pub mod surveys;
pub mod teams;
pub mod texts;

pub use command::{Answers, Flag, List, Text};
pub use error::{AppError, AppResult, Failure};
pub use input::Input;
pub use liaison_store::audit::Actor;
pub use limits::Limit;

use std::sync::Arc;

use liaison_store::users::User;
use liaison_store::Store;

/// The application: the store, its settings and what is kept in memory. Cheap to clone.
/// Its operations are reached through one service per feature ([`App::concerns`], …).
#[derive(Clone)]
pub struct App {
    /// The database (only operations reach it).
    pub(crate) store: Store,
    /// Limits and timeouts.
    pub settings: Settings,
    intake: intake::Lazy,
    buckets: Arc<limits::Held>,
    config_cache: Arc<config::ConfigCache>,
    recent_clients: Arc<std::sync::Mutex<RecentClients>>,
    /// The translations letters are composed in.
    pub(crate) catalog: Arc<liaison_i18n::Catalog>,
    /// Woken when a change on this node queues a job, so its runner starts at once.
    pub(crate) jobs_ready: Arc<tokio::sync::Notify>,
    /// The portal's calendar feed as last written on this node.
    pub(crate) feed: Arc<engagements::KeptFeed>,
    /// The portal's public statistics as last counted on this node.
    pub(crate) public_figures: Arc<statistics::KeptFigures>,
}

/// Open311 clients recognised lately: key hash → when, and who.
type RecentClients = std::collections::HashMap<String, (std::time::Instant, Actor)>;

/// Limits and timeouts an operator may tune.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session unused for this long ends (seconds).
    pub session_idle: i64,
    /// A session ends this long after sign-in whatever happens (seconds).
    pub session_absolute: i64,
    /// Failed sign-ins per account per hour before each attempt must wait.
    pub login_failures_per_hour: i64,
    /// The wait between attempts once the limit is reached (seconds).
    pub login_delay: i64,
    /// Open311 submissions (requests and updates) per API key.
    pub open311_per_key: Limit,
    /// Open311 submissions per client address, whatever key they carry.
    pub open311_per_address: Limit,
    /// Reports sent on the public portal per client address.
    pub portal_per_address: Limit,
    /// Tracking-code lookups on the public portal per client address.
    pub lookups_per_address: Limit,
    /// The folder attachments are kept in (content-addressed: `ab/cd/abcd…`). Several
    /// nodes must share it.
    pub files: std::path::PathBuf,
    /// The largest attachment accepted, in bytes.
    pub attachment_max_bytes: usize,
    /// Where residents reach the portal: links in email point here (no trailing slash).
    pub public_url: String,
    /// The office's sender address (`Office <office@example.org>` or a bare address).
    pub mail_from: String,
    /// The mail server messages go out through; without one they wait in the outbox.
    pub smtp: Option<liaison_mail::Smtp>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle: 2 * 3600,
            session_absolute: 12 * 3600,
            login_failures_per_hour: 100,
            login_delay: 60,
            // An aggregator such as a 311 app posts for all its users with one key from
            // one address: one report a second, sustained, with room for a backlog.
            open311_per_key: Limit {
                per_minute: 3600,
                burst: 360,
            },
            open311_per_address: Limit {
                per_minute: 3600,
                burst: 360,
            },
            // A family or a meeting behind one address may send a few reports together;
            // a script sending hundreds is slowed to one every six seconds.
            portal_per_address: Limit {
                per_minute: 10,
                burst: 30,
            },
            // Tracking codes are unguessable; this keeps anyone from trying many.
            lookups_per_address: Limit {
                per_minute: 30,
                burst: 60,
            },
            files: std::path::PathBuf::from("liaison-data/files"),
            attachment_max_bytes: liaison_domain::attachments::DEFAULT_MAX_BYTES,
            public_url: "http://127.0.0.1:8080".into(),
            mail_from: "Liaison <liaison@localhost>".into(),
            smtp: None,
        }
    }
}

impl App {
    /// An application over `store`.
    pub fn new(store: Store, settings: Settings) -> Self {
        let buckets = Arc::new(limits::Held::new(&settings));
        Self {
            store,
            settings,
            intake: intake::Lazy::default(),
            buckets,
            config_cache: Arc::default(),
            recent_clients: Arc::default(),
            catalog: liaison_i18n::Catalog::load(),
            jobs_ready: Arc::default(),
            feed: Arc::default(),
            public_figures: Arc::default(),
        }
    }

    /// The task that stores new concerns in grouped commits.
    pub(crate) fn intake_writer(&self) -> intake::IntakeWriter {
        self.intake.get(self)
    }

    /// Whether the database answers (`/healthz`).
    pub async fn healthy(&self) -> bool {
        self.store.ping().await
    }

    /// Closes the database's connections (on shutdown).
    pub async fn close(&self) {
        self.store.close().await
    }
}

/// One service per feature: cheap views of the application, each holding its feature's
/// operations.
impl App {
    /// Concerns: intake, tracking, the workflow, notes, duplicates, files, queues.
    pub fn concerns(&self) -> concerns::Concerns<'_> {
        concerns::Concerns { app: self }
    }

    /// Reports for organizational review.
    pub fn reports(&self) -> reports::Reports<'_> {
        reports::Reports { app: self }
    }

    /// The office's figures: the dashboard, and recounting them.
    pub fn dashboard(&self) -> dashboard::Dashboard<'_> {
        dashboard::Dashboard { app: self }
    }

    /// The office: its settings, areas and categories with their questions, and their
    /// texts in other languages.
    pub fn office(&self) -> office::Office<'_> {
        office::Office { app: self }
    }

    /// Mail that comes in: replies to letters, and new concerns.
    pub fn inbox(&self) -> inbound::Inbox<'_> {
        inbound::Inbox { app: self }
    }

    /// The outbox of email, for administrators.
    pub fn outbox(&self) -> outbox::Outbox<'_> {
        outbox::Outbox { app: self }
    }

    /// Staff accounts: signing in, sessions, passwords, account management.
    pub fn accounts(&self) -> accounts::Accounts<'_> {
        accounts::Accounts { app: self }
    }

    /// The audit trail: reading it, checking its chain, checkpoints.
    pub fn audit_trail(&self) -> audit_trail::AuditTrail<'_> {
        audit_trail::AuditTrail { app: self }
    }

    /// Open311 clients' API keys.
    pub fn api_keys(&self) -> api_keys::ApiKeys<'_> {
        api_keys::ApiKeys { app: self }
    }

    /// Personal access tokens of the JSON API, and the answers kept under idempotency keys.
    pub fn access_tokens(&self) -> access_tokens::AccessTokens<'_> {
        access_tokens::AccessTokens { app: self }
    }

    /// Open311 GeoReport v2: services and service requests.
    pub fn open311(&self) -> open311::Open311<'_> {
        open311::Open311 { app: self }
    }

    /// The stakeholder register: people and organizations.
    pub fn stakeholders(&self) -> stakeholders::Stakeholders<'_> {
        stakeholders::Stakeholders { app: self }
    }

    /// The engagement log: interactions, follow-ups, task lists, who was not contacted.
    pub fn interactions(&self) -> interactions::Interactions<'_> {
        interactions::Interactions { app: self }
    }

    /// Mediations of disputes raised in concerns.
    pub fn mediations(&self) -> mediation::Mediations<'_> {
        mediation::Mediations { app: self }
    }

    /// Public meetings, forums, workshops and clinics.
    pub fn engagements(&self) -> engagements::Engagements<'_> {
        engagements::Engagements { app: self }
    }

    /// Feedback surveys and their templates.
    pub fn surveys(&self) -> surveys::Surveys<'_> {
        surveys::Surveys { app: self }
    }

    /// The portal's public statistics, small counts suppressed.
    pub fn statistics(&self) -> statistics::Statistics<'_> {
        statistics::Statistics { app: self }
    }

    /// The commitments register.
    pub fn commitments(&self) -> commitments::Commitments<'_> {
        commitments::Commitments { app: self }
    }

    /// Today in the office's time zone: the day that "due today", "overdue" and "not
    /// contacted for N days" are judged on.
    pub(crate) async fn today(&self) -> AppResult<liaison_domain::values::Day> {
        let tz = self.office().settings().await?.calendar.time_zone;
        Ok(chrono::Utc::now().with_timezone(&tz).date_naive())
    }

    /// The staff search box across every kind of record.
    pub fn search(&self) -> search::Search<'_> {
        search::Search { app: self }
    }

    /// Backups, restores, exports and imports.
    pub fn backups(&self) -> backup::Backups<'_> {
        backup::Backups {
            app: self,
            progress: &backup::unheard,
        }
    }

    /// Rate limits on what outside clients send.
    pub fn limits(&self) -> limits::Limits<'_> {
        limits::Limits { app: self }
    }
}

/// Now, in whole seconds since the Unix epoch (how every time is stored and handed out).
pub fn now() -> i64 {
    liaison_store::now()
}

/// The signed-in staff member an operation acts for.
pub fn actor(user: &User) -> Actor {
    Actor::Staff {
        id: user.id,
        label: user.email.clone(),
    }
}

/// Fails with [`AppError::Forbidden`] unless `user` may use `permission`.
pub fn require(user: &User, permission: liaison_domain::permissions::Permission) -> AppResult<()> {
    if user.role.may(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
