//! Rate limits on what outside clients send: token buckets kept in this node's memory.
//!
//! Each node counts on its own, so behind a load balancer with N nodes a client may send up
//! to N times a limit; the limits are there to stop floods, not to meter. Keys are hashed
//! with a salt drawn at start-up, so not even memory holds a client's address in clear.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use sha2::{Digest, Sha256};

use crate::{Actor, App, AppError, AppResult, Settings};

/// The rate limits, admitting or refusing one request at a time. `app.limits()`.
#[derive(Clone, Copy)]
pub struct Limits<'a> {
    pub(crate) app: &'a App,
}

/// Each limit's buckets, held by the application.
pub(crate) struct Held {
    open311_key: Buckets,
    open311_address: Buckets,
    portal_address: Buckets,
    lookup_address: Buckets,
}

impl Held {
    pub(crate) fn new(settings: &Settings) -> Self {
        Self {
            open311_key: Buckets::new(settings.open311_per_key),
            open311_address: Buckets::new(settings.open311_per_address),
            portal_address: Buckets::new(settings.portal_per_address),
            lookup_address: Buckets::new(settings.lookups_per_address),
        }
    }
}

/// A sustained rate and the burst allowed above it. A rate of zero means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Requests per minute, sustained.
    pub per_minute: u32,
    /// Requests allowed at once after a quiet spell.
    pub burst: u32,
}

impl Limit {
    /// No limit at all.
    pub const NONE: Limit = Limit {
        per_minute: 0,
        burst: 0,
    };
}

/// Buckets are forgotten once this many are held and they have refilled.
const PRUNE_AT: usize = 100_000;

/// One limit applied per key.
pub(crate) struct Buckets {
    limit: Limit,
    salt: [u8; 16],
    held: Mutex<HashMap<[u8; 16], Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Buckets {
    pub(crate) fn new(limit: Limit) -> Self {
        let mut salt = [0; 16];
        // Without randomness the hash is merely unsalted: keys still never sit in clear.
        let _ = getrandom::fill(&mut salt);
        Self {
            limit,
            salt,
            held: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket, or answers how many seconds to wait.
    pub(crate) fn take(&self, key: &str) -> Result<(), i64> {
        if self.limit.per_minute == 0 {
            return Ok(());
        }
        let rate = f64::from(self.limit.per_minute) / 60.0;
        let burst = f64::from(self.limit.burst.max(1));
        let mut hash = Sha256::new();
        hash.update(self.salt);
        hash.update(key.as_bytes());
        let mut id = [0; 16];
        id.copy_from_slice(&hash.finalize()[..16]);
        let now = Instant::now();
        let refilled =
            |b: &Bucket| (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if held.len() >= PRUNE_AT {
            held.retain(|_, b| refilled(b) < burst);
        }
        let bucket = held.entry(id).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let tokens = refilled(bucket);
        if tokens >= 1.0 {
            *bucket = Bucket {
                tokens: tokens - 1.0,
                at: now,
            };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            Err(((1.0 - tokens) / rate).ceil().max(1.0) as i64)
        }
    }
}

impl Limits<'_> {
    /// Admits one Open311 submission from a client address, whatever its key, or fails with
    /// [`AppError::Throttled`] and the seconds to wait.
    pub fn admit_open311_address(&self, address: &str) -> AppResult<()> {
        self.app
            .buckets
            .open311_address
            .take(address)
            .map_err(AppError::Throttled)
    }

    /// Admits one report sent on the portal from a client address, or fails with
    /// [`AppError::Throttled`]. The address is only hashed into memory, never stored.
    pub fn admit_report(&self, address: &str) -> AppResult<()> {
        self.app
            .buckets
            .portal_address
            .take(address)
            .map_err(AppError::Throttled)
    }

    /// Admits one tracking-code lookup from a client address, or fails with
    /// [`AppError::Throttled`].
    pub fn admit_lookup(&self, address: &str) -> AppResult<()> {
        self.app
            .buckets
            .lookup_address
            .take(address)
            .map_err(AppError::Throttled)
    }

    /// Admits one Open311 submission under a client's key, or fails with
    /// [`AppError::Throttled`].
    pub fn admit_open311_client(&self, client: &Actor) -> AppResult<()> {
        let key = match client {
            Actor::Client { key_id, .. } => key_id.to_string(),
            other => other.kind().to_string(),
        };
        self.app
            .buckets
            .open311_key
            .take(&key)
            .map_err(AppError::Throttled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let b = Buckets::new(Limit {
            per_minute: 60,
            burst: 3,
        });
        for _ in 0..3 {
            assert_eq!(b.take("198.51.100.7"), Ok(()));
        }
        assert_eq!(b.take("198.51.100.7"), Err(1));
        // Another client has its own bucket.
        assert_eq!(b.take("198.51.100.8"), Ok(()));
    }

    #[test]
    fn zero_means_no_limit() {
        let b = Buckets::new(Limit::NONE);
        for _ in 0..1000 {
            assert_eq!(b.take("x"), Ok(()));
        }
    }
}
