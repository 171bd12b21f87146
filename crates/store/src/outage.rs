//! Remembering that the database is away, so that requests fail at once instead of each
//! waiting out the acquire timeout.
//!
//! A database that refuses connections or does not answer costs every caller the pool's
//! acquire timeout, and a page that reads twice twice that. Once a connection could not be
//! had because the database is away (not because every connection is busy), callers are
//! refused at once for [`RETRY`]; then one caller at a time tries again for everyone, and
//! its success lets everyone through. Service returns at most [`RETRY`] after the
//! database does.
//!
//! The pool's timeout alone does not tell an absent database from a busy pool: sqlx retries
//! refused connections silently until the deadline, and under load a connection checked
//! too late is closed too. What tells them apart is whether *anyone* got a connection while
//! the caller waited: a busy pool hands connections out all the time, an absent database
//! none.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long callers are refused after the database was last found away.
pub const RETRY: Duration = Duration::from_millis(500);

/// What a store knows about its database's absence.
pub(crate) struct Outage {
    epoch: Instant,
    /// Milliseconds after `epoch` until which callers are refused; 0 while the database is
    /// believed to be there.
    until: AtomicU64,
    /// Whether one caller is trying the database for everyone.
    probing: AtomicBool,
    /// Milliseconds after `epoch` when a caller last got a connection.
    served: AtomicU64,
}

/// Lets the next caller try once dropped, whatever became of this one.
struct Probe<'a>(&'a AtomicBool);

impl Drop for Probe<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Outage {
    pub(crate) fn new() -> Self {
        Self {
            epoch: Instant::now(),
            until: AtomicU64::new(0),
            probing: AtomicBool::new(false),
            served: AtomicU64::new(0),
        }
    }

    fn now(&self) -> u64 {
        // Never 0, which means "there".
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    /// Runs `acquire` (taking a connection from `pool`), unless the database was found
    /// away less than [`RETRY`] ago or another caller is finding out: then answers at once
    /// with an I/O error saying so.
    pub(crate) async fn guard<T>(
        &self,
        acquire: impl Future<Output = Result<T, sqlx::Error>>,
    ) -> Result<T, sqlx::Error> {
        let until = self.until.load(Ordering::SeqCst);
        let _probe = if until == 0 {
            None
        } else if self.now() < until || self.probing.swap(true, Ordering::SeqCst) {
            return Err(sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotConnected,
                "the database was found unreachable moments ago; trying again shortly",
            )));
        } else {
            Some(Probe(&self.probing))
        };
        let result = acquire.await;
        match &result {
            Ok(_) => {
                self.until.store(0, Ordering::SeqCst);
                self.served.store(self.now(), Ordering::SeqCst);
            }
            Err(e) if self.away(e) => {
                let until = self.now() + RETRY.as_millis() as u64;
                self.until.store(until, Ordering::SeqCst);
            }
            Err(_) => {}
        }
        result
    }

    /// Whether failing to get a connection means the database is away: the pool timed out
    /// and nobody got a connection all the while, the connection broke, or PostgreSQL
    /// refused it. Not when every connection was busy, nor for SQLite's locks.
    fn away(&self, e: &sqlx::Error) -> bool {
        match e {
            sqlx::Error::PoolTimedOut => {
                let quiet = self
                    .now()
                    .saturating_sub(self.served.load(Ordering::SeqCst));
                quiet >= crate::ACQUIRE_TIMEOUT.as_millis() as u64
            }
            sqlx::Error::Io(_) | sqlx::Error::Tls(_) => true,
            sqlx::Error::Database(d) => {
                let code = d.code().unwrap_or_default();
                d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_none()
                    && (code.starts_with("08") // connection_exception
                        || code.starts_with("28") // invalid authorization
                        || code.starts_with("57P") // shutting down, terminated
                        || ["53300", "55000", "3D000"].contains(&code.as_ref()))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outage record made `ago` in the past, nobody served since.
    fn started(ago: Duration) -> Outage {
        Outage {
            epoch: Instant::now().checked_sub(ago).unwrap_or_else(Instant::now),
            ..Outage::new()
        }
    }

    async fn fail(o: &Outage, e: sqlx::Error) -> Result<(), sqlx::Error> {
        o.guard(async { Err::<(), _>(e) }).await
    }

    #[tokio::test]
    async fn a_busy_pool_is_no_outage_an_absent_database_is() {
        // Somebody got a connection a moment ago: the pool is busy, not the database away.
        let busy = started(Duration::from_secs(10));
        busy.guard(async { Ok::<_, sqlx::Error>(()) })
            .await
            .expect("ok");
        let _ = fail(&busy, sqlx::Error::PoolTimedOut).await;
        assert_eq!(busy.until.load(Ordering::SeqCst), 0);
        // Nobody got one for longer than the acquire timeout: away.
        let away = started(Duration::from_secs(10));
        let _ = fail(&away, sqlx::Error::PoolTimedOut).await;
        assert_ne!(away.until.load(Ordering::SeqCst), 0);
        // Then callers are refused without trying.
        let tried = std::sync::atomic::AtomicBool::new(false);
        let r = away
            .guard(async {
                tried.store(true, Ordering::SeqCst);
                Ok::<_, sqlx::Error>(())
            })
            .await;
        assert!(r.is_err() && !tried.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn after_the_wait_one_caller_tries_for_everyone() {
        let o = started(Duration::from_secs(10));
        // Found away, and the wait is over.
        o.until.store(1, Ordering::SeqCst);
        let probe = o.guard(async {
            // While this caller tries, everyone else is refused at once.
            let other = o.guard(async { Ok::<_, sqlx::Error>(()) }).await;
            assert!(other.is_err(), "a second caller tried meanwhile");
            Ok::<_, sqlx::Error>(())
        });
        probe.await.expect("the probe gets through");
        // Its success lets everyone through.
        assert_eq!(o.until.load(Ordering::SeqCst), 0);
        o.guard(async { Ok::<_, sqlx::Error>(()) })
            .await
            .expect("served");
    }
}
