//! The demo office: a realistic, deterministic office to try Liaison on (`serve --demo`),
//! and the data every benchmark runs on (`demo --concerns N`).
//!
//! Everything comes from one seeded generator, so a seed and a start time always give the
//! same office. Concerns are written with multi-row INSERTs in large transactions: going
//! through `record_concern` one at a time would take hours for a million. To stay faithful
//! to what the operations write, each concern's handling is replayed with the domain's
//! workflow and deadline rules (`liaison_domain::concerns::Handling::take`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use liaison_domain::categories::{AnswerValue, Answers, Question, QuestionKind};
use liaison_domain::concerns::{
    transition, Action, Channel, Confidentiality, Handling, LineKind, Priority, Status,
};
use liaison_domain::deadlines::{Target, TargetUnit};
use liaison_domain::office::WorkingCalendar;
use liaison_domain::values::{concern_reference, tracking_code_from_bytes};
use liaison_domain::Role;
use liaison_store::categories::{self, CategoryFields};
use liaison_store::office::{self, Office};
use liaison_store::{areas, audit, search, sqlx, users, Backend, Conn, StoreError};
use serde_json::json;

use crate::secrets::{digest, hash_password};
use crate::{Actor, App, AppError, AppResult};

/// What the demo generator made, and how to sign in.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// Concerns generated.
    pub concerns: u64,
    /// Every staff account: email and role.
    pub staff: Vec<(String, &'static str)>,
    /// The password of every staff account.
    pub password: &'static str,
    /// How long it took, in seconds.
    pub seconds: f64,
}

const PASSWORD: &str = "riverside-demo";
const OFFICE_NAME: &str = "Riverside Community Liaison Office";
/// Concerns per transaction. Measured on SQLite with a million concerns: 10,000 took 188 s,
/// 50,000 took 126 s (each transaction rewrites the pages of the random tracking-hash index
/// it touches, so fewer, larger ones write far less), 250,000 no better. With one batch
/// being written and the next generated, a million-concern load peaks at about 400 MB.
const BATCH: u64 = 50_000;
/// Rows per INSERT, under SQLite's 32,766 placeholders (29 × 400 = 11,600).
const CONCERN_ROWS: usize = 400;
/// Timeline and search rows per INSERT (9 × 1,000 and 2 × 1,000 placeholders).
const EVENT_ROWS: usize = 1_000;
const SEARCH_ROWS: usize = 1_000;
/// How far back the demo office's history goes.
const DAYS: u64 = 730;
/// The random streams of staff names and of reception times (concern `n` uses stream `n`).
const STAFF_STREAM: u64 = u64::MAX;
const CLOCK_STREAM: u64 = u64::MAX - 1;

impl App {
    /// True when the database has no categories and no users yet (so `--demo` may fill it).
    pub async fn is_empty_office(&self) -> AppResult<bool> {
        let mut c = self.store.read().await?;
        Ok(category_count(&mut c).await? == 0 && users::count(&mut c).await? == 0)
    }

    /// Fills the database with a demo office of `concerns` concerns. Refuses
    /// (`concerns: error-not-empty`) if categories already exist.
    pub async fn load_demo(&self, concerns: u64, seed: u64) -> AppResult<DemoSummary> {
        let started = Instant::now();
        let now = liaison_store::now();
        if category_count(&mut *self.store.read().await?).await? > 0 {
            return Err(AppError::field("concerns", "error-not-empty"));
        }
        // One hash shared by every account: Argon2 is slow on purpose, and hashing for each
        // of up to 200 officers would take longer than a small demo itself.
        let hash = hash_password(PASSWORD.to_string()).await?;
        let mut rng = Rng::stream(seed, STAFF_STREAM);
        let setup = Arc::new(self.set_up_office(&mut rng, concerns, &hash, now).await?);
        let mut generator = Generator::new(Arc::clone(&setup), seed, concerns, now);
        self.continue_numbering(&mut generator).await?;
        // The next batch is generated on a blocking thread while this one is written, so the
        // database does not wait for the generator (a fifth of the time when done in turn).
        let (mut made, mut events) = (0, 0);
        let mut next = (concerns > 0).then(|| generate(generator, concerns.min(BATCH)));
        while let Some(job) = next.take() {
            let (generator, batch) = job
                .await
                .map_err(|_| AppError::Internal("demo generator"))?;
            let batch = batch?;
            made += batch.concerns.len() as u64;
            if made < concerns {
                next = Some(generate(generator, (concerns - made).min(BATCH)));
            }
            events += batch.events.len();
            self.write_batch(&batch).await?;
        }
        let mut tx = self.store.write().await?;
        let counts = json!({
            "seed": seed, "concerns": made, "events": events, "areas": setup.areas.len(),
            "categories": setup.kinds.len(), "staff": setup.staff.len(),
        });
        let who = Actor::System("demo generator".into());
        audit::append(
            &mut tx,
            &who,
            "demo.load",
            "office",
            Some(1),
            &counts,
            liaison_store::now(),
        )
        .await?;
        tx.commit().await?;
        self.forget_config();
        // Fresh statistics, so the planner picks the queue indexes from the first page on.
        self.store.analyze().await?;
        // One account of each role first, so a short listing shows every kind of account.
        let firsts: Vec<usize> = Role::ALL
            .iter()
            .filter_map(|r| setup.staff.iter().position(|m| m.role == *r))
            .collect();
        let rest = (0..setup.staff.len()).filter(|i| !firsts.contains(i));
        let staff = firsts.iter().copied().chain(rest).map(|i| &setup.staff[i]);
        Ok(DemoSummary {
            concerns: made,
            staff: staff.map(|m| (m.email.clone(), m.role.as_str())).collect(),
            password: PASSWORD,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// Office settings, areas, categories and staff, in one transaction.
    async fn set_up_office(
        &self,
        rng: &mut Rng,
        concerns: u64,
        hash: &str,
        now: i64,
    ) -> AppResult<Setup> {
        let calendar =
            WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30")?;
        let mut tx = self.store.write().await?;
        // Checked again under the write lock: another process may have configured meanwhile.
        if category_count(&mut tx).await? > 0 {
            return Err(AppError::field("concerns", "error-not-empty"));
        }
        let office = Office {
            name: OFFICE_NAME.into(),
            calendar: calendar.clone(),
        };
        office::save(&mut tx, &office, now).await?;
        let areas = add_areas(&mut tx, now).await?;
        let kinds = add_categories(&mut tx, now).await?;
        let staff = add_staff(&mut tx, rng, concerns, hash, now).await?;
        tx.commit().await?;
        self.forget_config();
        Ok(Setup {
            calendar,
            kinds,
            areas,
            staff,
        })
    }

    /// Starts ids and reference numbers after whatever is already stored, so nothing collides.
    async fn continue_numbering(&self, g: &mut Generator) -> AppResult<()> {
        let mut c = self.store.read().await?;
        let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM concerns")
            .fetch_one(&mut *c)
            .await?;
        g.next_id = max + 1;
        let stored: Vec<(i64, i64)> = sqlx::query_as("SELECT year, last FROM reference_counters")
            .fetch_all(&mut *c)
            .await?;
        g.counters.extend(stored);
        Ok(())
    }

    /// Writes one batch in one transaction, with the reference counters and (on PostgreSQL)
    /// the id sequence moved past it, so a partial load is still consistent.
    async fn write_batch(&self, batch: &Batch) -> AppResult<()> {
        let sqlite = self.store.backend() == Backend::Sqlite;
        let (cell, search) = if sqlite {
            (
                anonymous as Cell,
                Insert::new(SQLITE_SEARCH_INSERT, 2, SEARCH_ROWS, anonymous),
            )
        } else {
            (
                numbered as Cell,
                Insert::new(PG_SEARCH_INSERT, 2, SEARCH_ROWS, tsvector),
            )
        };
        let mut concerns = Insert::new(CONCERN_INSERT, 30, CONCERN_ROWS, cell);
        // sqlx prepares a PostgreSQL statement with the types of its first arguments and sends
        // a NULL `f64` as `float4`, so a cached statement first run with a NULL latitude
        // rejects a real one later: concerns go as unnamed statements, typed on each run.
        concerns.cached = sqlite;
        let events = Insert::new(EVENT_INSERT, 10, EVENT_ROWS, cell);
        let mut tx = self.store.write().await?;
        concerns.run(&mut tx, &batch.concerns, bind_concern).await?;
        events.run(&mut tx, &batch.events, bind_event).await?;
        search.run(&mut tx, &batch.search, bind_search).await?;
        if !sqlite {
            // Explicit ids leave the identity sequence behind; move it past them.
            let sql = "SELECT setval(pg_get_serial_sequence('concerns', 'id'), \
                       (SELECT MAX(id) FROM concerns))";
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        for (year, last) in &batch.counters {
            sqlx::query(
                "INSERT INTO reference_counters (year, last) VALUES ($1, $2) ON CONFLICT (year) \
                 DO UPDATE SET last = CASE WHEN excluded.last > reference_counters.last \
                 THEN excluded.last ELSE reference_counters.last END",
            )
            .bind(*year)
            .bind(*last)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn category_count(c: &mut Conn) -> AppResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM categories")
        .fetch_one(c)
        .await?)
}

/// Generates the next `n` concerns on a blocking thread (it is CPU work), handing the
/// generator back with them.
fn generate(mut g: Generator, n: u64) -> tokio::task::JoinHandle<(Generator, AppResult<Batch>)> {
    tokio::task::spawn_blocking(move || {
        let batch = g.batch(n);
        (g, batch)
    })
}

mod data;
mod generator;
mod rows;
mod setup;

use data::*;
use generator::*;
use rows::*;
use setup::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let xs: Vec<u64> = (0..100).map(|_| a.next()).collect();
        assert_eq!(xs, (0..100).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(Rng(8).next(), xs[0]);
        let firsts: std::collections::HashSet<u64> =
            (0..1000).map(|n| Rng::stream(7, n).next()).collect();
        assert_eq!(firsts.len(), 1000);
        assert_eq!(Rng::stream(7, 3).next(), Rng::stream(7, 3).next());
        for _ in 0..1000 {
            assert!(a.below(10) < 10);
            assert!((3..=5).contains(&a.between(3, 5)));
            let u = a.range(2.0, 3.0);
            assert!((2.0..3.0).contains(&u));
            assert_ne!(a.weighted(&[0, 3, 0, 1]), 0);
        }
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn every_path_follows_the_workflow_to_its_status() {
        for (status, _, path) in PATHS {
            let end = path.iter().try_fold(Status::Received, |s, a| a.target(s));
            assert_eq!(end, Some(*status), "{path:?}");
        }
        for s in Status::ALL {
            assert!(PATHS.iter().any(|p| p.0 == *s), "{s:?}");
        }
        for (_, weights) in STATUS_BY_AGE {
            assert!(weights.iter().sum::<u32>() > 0);
        }
    }

    #[test]
    fn demo_categories_and_questions_are_valid() {
        let mut kinds = std::collections::HashSet::new();
        for spec in CATEGORIES {
            assert!(
                !spec.issues.is_empty()
                    && !spec.asks.is_empty()
                    && !spec.fixes.is_empty()
                    && !spec.notes.is_empty()
            );
            assert!(spec.issues.len() > 1);
            for q in spec.questions {
                let parsed =
                    Question::parse(q.code, q.label, q.help, q.kind, q.required, q.options)
                        .unwrap();
                if parsed.kind != QuestionKind::Date {
                    assert!(q.options.lines().count() > 1, "{}", q.code);
                }
                kinds.insert(parsed.kind);
            }
        }
        assert_eq!(kinds.len(), QuestionKind::ALL.len());
        assert!(CATEGORIES.iter().any(|c| !c.public));
    }

    #[test]
    fn the_clock_hands_out_every_concern_in_order() {
        let calendar =
            WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30").unwrap();
        let now = 1_795_000_000;
        let mut clock = Clock::new(Rng(1), &calendar, now, 5_000);
        let times: Vec<i64> = (0..5_000).map(|_| clock.next()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert!(times[0] >= now - DAYS as i64 * 86_400 && times[4_999] <= now - 120);
        assert!(clock.pending.is_empty());
    }
}
