//! Liaison's operations: the one door every change goes through.
//!
//! Web forms, the command line and the demo generator all call these functions. Each
//! checks who is asking, validates the input into domain values, writes, and appends to
//! the audit trail, in one transaction.

pub mod access_tokens;
pub mod accounts;
pub mod api_keys;
pub mod attachments;
pub mod audit_trail;
pub mod backup;
pub mod concerns;
mod config;
pub mod demo;
mod error;
mod files;
pub mod input;
mod intake;
pub mod limits;
pub mod office;
pub mod open311;
pub mod search;
mod secrets;
pub mod submissions;
pub mod texts;

pub use error::{AppError, AppResult};
pub use input::Input;
pub use liaison_store::{audit::Actor, Backend, Store};

use std::sync::Arc;

use liaison_store::users::User;
pub use limits::Limit;

/// The application: the store and its settings. Cheap to clone.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub store: Store,
    /// Limits and timeouts.
    pub settings: Settings,
    intake: intake::Lazy,
    limits: Arc<Limits>,
    config_cache: Arc<config::ConfigCache>,
    recent_clients: Arc<std::sync::Mutex<RecentClients>>,
}

/// Open311 clients recognised lately: key hash → when, and who.
type RecentClients = std::collections::HashMap<String, (std::time::Instant, Actor)>;

/// The rate limits' buckets.
struct Limits {
    open311_key: limits::Buckets,
    open311_address: limits::Buckets,
    portal_address: limits::Buckets,
    lookup_address: limits::Buckets,
}

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
        }
    }
}

impl App {
    /// An application over `store`.
    pub fn new(store: Store, settings: Settings) -> Self {
        let limits = Arc::new(Limits {
            open311_key: limits::Buckets::new(settings.open311_per_key),
            open311_address: limits::Buckets::new(settings.open311_per_address),
            portal_address: limits::Buckets::new(settings.portal_per_address),
            lookup_address: limits::Buckets::new(settings.lookups_per_address),
        });
        Self {
            store,
            settings,
            intake: intake::Lazy::default(),
            limits,
            config_cache: Arc::default(),
            recent_clients: Arc::default(),
        }
    }

    /// The task that stores new concerns in grouped commits.
    pub(crate) fn intake_writer(&self) -> intake::IntakeWriter {
        self.intake.get(&self.store)
    }
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
