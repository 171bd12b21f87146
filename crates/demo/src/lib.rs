//! The demo office: a realistic, deterministic office to try Liaison on (`serve --demo`),
//! and the data every benchmark runs on (`liaison demo --concerns N`).
//!
//! Everything comes from one seeded generator, so a seed and a start time always give the
//! same office. It is written through the store's own functions — the same rows, timeline
//! lines, search text, reference numbers and audit entries as real use leaves — but in
//! bulk: concerns with their ids known in advance (`concerns::insert_generated`), many
//! rows to a statement, fifty thousand concerns and interactions to a transaction. Going
//! through the operations one concern at a time would take hours for a million. Each
//! concern's handling is replayed with the domain's workflow and deadline rules
//! (`liaison_domain::concerns::Handling`), and each step leaves the audit entry its
//! operation appends, in time order across the office ([`trail`]), so the trail of a demo
//! office tells its history and verifies like any other. The stakeholder register's
//! engagement log (interactions, follow-ups, consent) is generated day by day between the
//! concerns, in the same time order, and written in the same transactions.
//!
//! ```ignore
//! if liaison_demo::is_empty(&store).await? {
//!     let summary = liaison_demo::load(&store, 400, 1).await?;
//! }
//! ```

use std::sync::Arc;
use std::time::Instant;

use liaison_domain::audit::{Action as _, OfficeAction};
use liaison_domain::interactions::InteractionLine;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{Assessed, Consent, StakeholderLine};
use liaison_domain::Role;
use liaison_store::audit::{self, chain, Actor};
use liaison_store::concerns::{self, NewLine};
use liaison_store::{
    categories, interactions, secrets, stakeholders, timeline, users, Store, StoreError,
};
use serde_json::json;

mod data;
mod engagement;
mod generator;
mod register;
mod rng;
mod setup;
mod trail;

use generator::{midnights, Batch, Generator};
use rng::Rng;
use setup::Setup;

/// What the demo generator made, and how to sign in.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Concerns generated.
    pub concerns: u64,
    /// People in the stakeholder register.
    pub people: u64,
    /// Organizations in the stakeholder register.
    pub organizations: u64,
    /// Interactions in the engagement log.
    pub interactions: u64,
    /// Follow-ups promised in them.
    pub follow_ups: u64,
    /// Every staff account, one of each role first: email and role.
    pub staff: Vec<(String, &'static str)>,
    /// The password of every staff account.
    pub password: &'static str,
    /// Audit entries written.
    pub entries: u64,
    /// How long it took, in seconds.
    pub seconds: f64,
}

/// Why the demo could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database already holds an office (categories, or staff accounts it would
    /// collide with).
    #[error("the database already holds an office")]
    NotEmpty,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The demo's own data broke a rule (a bug its tests are there to catch).
    #[error("the demo's data is invalid: {0}")]
    Data(String),
}

/// Result of the demo's calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The password of every demo account.
pub const PASSWORD: &str = "riverside-demo";
/// Concerns and interactions per transaction. Measured on SQLite with a million concerns: 10,000 took 188 s,
/// 50,000 took 126 s (each transaction rewrites the index pages it touches, so fewer, larger
/// ones write far less), 250,000 no better.
const BATCH: u64 = 50_000;
/// How far back the demo office's history goes, in days.
pub(crate) const DAYS: u64 = 730;
/// The random streams of staff names, of reception times and of the password's salt
/// (concern `n` uses stream `n`).
const STAFF_STREAM: u64 = u64::MAX;
pub(crate) const CLOCK_STREAM: u64 = u64::MAX - 1;
const SALT_STREAM: u64 = u64::MAX - 2;
const REGISTER_STREAM: u64 = u64::MAX - 3;

/// True when the database has no categories and no users yet (so `--demo` may fill it).
pub async fn is_empty(store: &Store) -> Result<bool> {
    let mut c = store.read().await?;
    Ok(
        categories::list(&mut c, false, false).await?.is_empty()
            && users::count(&mut c).await? == 0,
    )
}

/// Fills the database with a demo office of `concerns` concerns whose history ends now,
/// and a register of [`people_for`] people. Refuses ([`Error::NotEmpty`]) if categories
/// already exist.
pub async fn load(store: &Store, concerns: u64, seed: u64) -> Result<Summary> {
    load_at(store, concerns, seed, liaison_store::now()).await
}

/// [`load`] with the history ending at `now` (UTC seconds): the same seed and `now` give the
/// same office, entry for entry.
pub async fn load_at(store: &Store, concerns: u64, seed: u64, now: i64) -> Result<Summary> {
    load_with(store, concerns, people_for(concerns), seed, now).await
}

/// The people in a demo office's register unless told otherwise: half as many as its
/// concerns, at most 300 (benchmarks of the register ask for more).
pub fn people_for(concerns: u64) -> u64 {
    (concerns / 2).min(300)
}

/// [`load_at`] with `people` people in the register.
pub async fn load_with(
    store: &Store,
    concerns: u64,
    people: u64,
    seed: u64,
    now: i64,
) -> Result<Summary> {
    let size = Size {
        concerns,
        people,
        organizations: None,
    };
    load_sized(store, size, seed, now).await
}

/// How big a demo office is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Concerns received over its history.
    pub concerns: u64,
    /// People in its register (each with about ten interactions on average).
    pub people: u64,
    /// Organizations in its register; `None` for its areas' usual ones (a few dozen).
    pub organizations: Option<u64>,
}

/// [`load_at`] with the office as big as `size` says.
pub async fn load_sized(store: &Store, size: Size, seed: u64, now: i64) -> Result<Summary> {
    load_showing(store, size, seed, now, &|_| {}).await
}

/// How far a generation has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Setting the office up and entering its register: nothing to count yet.
    Register,
    /// Writing its history: `done` concerns of `total`, with the interactions of their days.
    History {
        /// Concerns written.
        done: u64,
        /// Concerns to write.
        total: u64,
    },
}

/// [`load_sized`], telling `progress` how far it has got after each step.
pub async fn load_showing(
    store: &Store,
    size: Size,
    seed: u64,
    now: i64,
    progress: &(dyn Fn(Step) + Sync),
) -> Result<Summary> {
    let Size {
        concerns, people, ..
    } = size;
    let started = Instant::now();
    progress(Step::Register);
    if !categories::list(&mut *store.read().await?, false, false)
        .await?
        .is_empty()
    {
        return Err(Error::NotEmpty);
    }
    // One hash shared by every account: Argon2 is slow on purpose, and hashing for each
    // of up to 200 officers would take longer than a small demo itself.
    let salt = Rng::stream(seed, SALT_STREAM).bytes();
    let hash = secrets::hash_password(PASSWORD.to_string(), salt)
        .await
        .ok_or_else(|| Error::Data("password hashing".into()))?;
    // The office is set up the morning before its history begins.
    let calendar = setup::calendar()?;
    let first = midnights(&calendar, now).first().map_or(now, |d| d.0);
    let mut rng = Rng::stream(seed, STAFF_STREAM);
    let setup = Arc::new(setup::set_up(store, &mut rng, concerns, &hash, first - 16 * 3600).await?);
    // The officers' contacts are entered the afternoon the office is set up.
    let mut rng = Rng::stream(seed, REGISTER_STREAM);
    let mut register = register::enter(
        store,
        &setup,
        &mut rng,
        people,
        size.organizations,
        first - 8 * 3600,
    )
    .await?;
    let known = std::mem::take(&mut register.known);
    let mut generator = Generator::new(Arc::clone(&setup), seed, concerns, now, known);
    continue_numbering(store, &mut generator).await?;
    if let Some(head) = chain::recorded_head(&mut *store.read().await?).await? {
        generator.head = head;
    }
    // The next batch is generated on a blocking thread while this one is written, so the
    // database does not wait for the generator (a fifth of the time when done in turn).
    let (mut made, mut lines) = (0, 0);
    let (mut interactions, mut follow_ups, mut consents, mut links) = (0, 0, 0, 0);
    let mut entries = (setup.entries + register.entries) as u64;
    let mut next = (!generator.finished()).then(|| generate(generator, BATCH));
    while let Some(job) = next.take() {
        let (generator, batch) = job
            .await
            .map_err(|_| Error::Data("the generator stopped".into()))?;
        if !generator.finished() {
            next = Some(generate(generator, BATCH));
        }
        made += batch.concerns.len() as u64;
        lines += batch.lines.len() + batch.book.lines.len() + batch.book.consents.len();
        interactions += batch.book.interactions.len() as u64;
        follow_ups += batch.book.follow_ups() as u64;
        consents += batch.book.consents.len();
        links += batch.book.links.len();
        entries += batch.entries.len() as u64;
        write_batch(store, &setup, batch).await?;
        progress(Step::History {
            done: made,
            total: concerns,
        });
    }
    let mut tx = store.write().await?;
    // Each record's last-contacted day from the log just written, in one statement.
    liaison_store::interactions::recount_last_contacted(&mut tx).await?;
    let counts = json!({
        "seed": seed, "concerns": made, "lines": lines, "areas": setup.areas.len(),
        "people": register.people, "organizations": register.organizations,
        "relationships": register.relationships, "interactions": interactions,
        "follow_ups": follow_ups, "consents": consents, "linked_concerns": links,
        "categories": setup.kinds.len(), "staff": setup.staff.len(),
    });
    let load = OfficeAction::DemoLoad;
    audit::append(
        &mut tx,
        &Actor::System("demo generator".into()),
        load.word(),
        load.subject().as_str(),
        Some(1),
        &counts,
        liaison_store::now().max(now),
    )
    .await?;
    tx.commit().await?;
    // Fresh statistics, so the planner picks the queue indexes from the first page on.
    store.analyze().await?;
    // One account of each role first, so a short listing shows every kind of account.
    let firsts: Vec<usize> = Role::ALL
        .iter()
        .filter_map(|r| setup.staff.iter().position(|m| m.role == *r))
        .collect();
    let rest = (0..setup.staff.len()).filter(|i| !firsts.contains(i));
    let staff = firsts.iter().copied().chain(rest).map(|i| &setup.staff[i]);
    Ok(Summary {
        concerns: made,
        people: register.people,
        organizations: register.organizations,
        interactions,
        follow_ups,
        staff: staff.map(|m| (m.email.clone(), m.role.as_str())).collect(),
        password: PASSWORD,
        entries: entries + 1,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Starts ids and reference numbers after whatever is already stored, so nothing collides.
async fn continue_numbering(store: &Store, g: &mut Generator) -> Result<()> {
    let mut c = store.read().await?;
    g.next_id = concerns::last_id(&mut c).await? + 1;
    g.counters.extend(concerns::last_numbers(&mut c).await?);
    let (interaction, follow_up) = liaison_store::interactions::last_ids(&mut c).await?;
    g.log.next_interaction = interaction + 1;
    g.log.next_follow_up = follow_up + 1;
    Ok(())
}

/// Generates the next `n` concerns on a blocking thread (it is CPU work), handing the
/// generator back with them.
fn generate(mut g: Generator, n: u64) -> tokio::task::JoinHandle<(Generator, Batch)> {
    tokio::task::spawn_blocking(move || {
        let batch = g.batch(n);
        (g, batch)
    })
}

/// Writes one batch in one transaction: its concerns, their timelines and search entries,
/// the reference numbers they took, its interactions with their follow-ups and timelines,
/// consent recorded and concerns linked to people, and the audit entries whose time has
/// come.
async fn write_batch(store: &Store, setup: &Setup, batch: Batch) -> Result<()> {
    let backend = store.backend();
    let mut tx = store.write().await?;
    concerns::insert_generated(&mut tx, backend, &batch.concerns).await?;
    for (year, first, count) in &batch.numbers {
        // Numbered as intake numbers them; anyone else numbering meanwhile is a collision.
        if concerns::reserve_numbers(&mut tx, *year, *count).await? != *first {
            return Err(Error::Store(StoreError::Conflict));
        }
    }
    let lines: Vec<concerns::NewLine<'_>> = batch
        .lines
        .iter()
        .map(|l| NewLine {
            changed_from: l.from,
            changed_to: l.to,
            ..NewLine::new(
                RecordRef::concern(l.concern),
                l.at,
                setup.actor(l.who),
                l.kind,
                &l.body,
                l.public,
            )
        })
        .collect();
    timeline::add(&mut tx, backend, &lines).await?;
    drop(lines);
    concerns::index_many(&mut tx, backend, &batch.search).await?;
    let book = &batch.book;
    interactions::insert_generated(&mut tx, backend, &book.interactions).await?;
    let lines: Vec<timeline::NewLine<'_, InteractionLine, InteractionLine>> = book
        .lines
        .iter()
        .map(|l| {
            timeline::NewLine::new(
                RecordRef {
                    kind: RecordKind::Interaction,
                    id: l.interaction,
                },
                l.at,
                setup.actor(l.who),
                l.kind,
                &l.body,
                false,
            )
        })
        .collect();
    timeline::add(&mut tx, backend, &lines).await?;
    let consents: Vec<(i64, Consent, i64)> = book
        .consents
        .iter()
        .map(|c| (c.person, c.consent.clone(), c.at))
        .collect();
    stakeholders::set_consents(&mut tx, backend, &consents).await?;
    let lines: Vec<timeline::NewLine<'_, StakeholderLine, Assessed>> = book
        .consents
        .iter()
        .map(|c| {
            timeline::NewLine::new(
                RecordRef {
                    kind: RecordKind::Person,
                    id: c.person,
                },
                c.at,
                setup.actor(c.who),
                StakeholderLine::Consent,
                &c.summary,
                false,
            )
        })
        .collect();
    timeline::add(&mut tx, backend, &lines).await?;
    interactions::link_generated(&mut tx, backend, &book.links).await?;
    audit::append_sealed(&mut tx, backend, batch.entries).await?;
    tx.commit().await?;
    Ok(())
}
