//! Shedding load: a bound on the requests in progress, a short bounded line for a turn,
//! and a bound on how long each request may run.
//!
//! Past the line a request is refused at once with 503 and `Retry-After`, before its body
//! is read or anything of it runs, so a flood costs little more than its refusals: memory
//! stays bounded by the requests let in, not by the requests sent. The health check and
//! the static files never wait for a turn; they cost nothing worth bounding.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::context::Lang;
use crate::errors::Refusal;
use crate::AppState;

/// Requests in progress at once, by default: twice PostgreSQL's pool, four times SQLite's
/// readers. On two cores a mix of searches, queues and submissions keeps both busy with far
/// fewer; more in progress only lengthens every answer (see `benches/overload.rs`).
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 32;

/// Requests that may wait for a turn at once, by default.
pub const DEFAULT_MAX_WAITING_REQUESTS: usize = 32;

/// How long a request may run, by default.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest a request waits in line for a turn before it is refused.
pub const LINE_WAIT: Duration = Duration::from_secs(1);

/// The gate every request but the cheap ones passes.
pub(crate) struct Gate {
    /// One permit per request allowed in progress.
    turns: Arc<Semaphore>,
    /// Requests waiting for a turn now.
    waiting: AtomicUsize,
    /// The most that may wait.
    line: usize,
    /// How long a request may run once in.
    timeout: Duration,
}

impl Gate {
    /// A gate letting `max` requests run at once (at least one) and `line` more wait,
    /// each running for up to `timeout`.
    pub(crate) fn new(max: usize, line: usize, timeout: Duration) -> Arc<Self> {
        Arc::new(Self {
            turns: Arc::new(Semaphore::new(max.max(1))),
            waiting: AtomicUsize::new(0),
            line,
            timeout,
        })
    }

    /// A turn: at once if one is free, else after waiting in line up to [`LINE_WAIT`];
    /// `None` when the line is full or the wait ran out.
    async fn turn(&self) -> Option<OwnedSemaphorePermit> {
        if let Ok(permit) = self.turns.clone().try_acquire_owned() {
            return Some(permit);
        }
        let place = self.waiting.fetch_add(1, Ordering::SeqCst);
        let permit = if place < self.line {
            tokio::time::timeout(LINE_WAIT, self.turns.clone().acquire_owned())
                .await
                .ok()
                .and_then(Result::ok)
        } else {
            None
        };
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        permit
    }
}

/// What the middleware needs: the gate, and the state to answer refusals with.
#[derive(Clone)]
pub(crate) struct Shedding {
    pub(crate) gate: Arc<Gate>,
    /// Routes' patterns, which logs name instead of paths.
    pub(crate) patterns: crate::routing::Patterns,
    pub(crate) state: AppState,
}

/// The middleware: runs the request in its turn and within the request timeout, or
/// answers 503 (`overloaded` or `timeout`) in the form of the request's interface.
pub(crate) async fn shed(State(s): State<Shedding>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let lang = Lang::of(request.headers());
    let permit = if cheap(&path) {
        None
    } else {
        match s.gate.turn().await {
            Some(permit) => Some(permit),
            None => return Refusal::Overloaded.respond(&s.state, &path, lang),
        }
    };
    let answer = tokio::time::timeout(s.gate.timeout, next.run(request)).await;
    drop(permit);
    match answer {
        Ok(response) => response,
        Err(_) => {
            // The pattern, never the path: a path may hold a tracking code or an address.
            tracing::warn!(route = s.patterns.of(&path), "request timed out");
            Refusal::TimedOut.respond(&s.state, &path, lang)
        }
    }
}

/// Paths that never wait for a turn: the health check (bounded by its own probe's
/// timeout) and the static files (compiled in).
fn cheap(path: &str) -> bool {
    path == "/healthz" || path.starts_with("/static/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waits (without sleeping) until `n` requests stand in line.
    async fn line_of(gate: &Gate, n: usize) {
        for _ in 0..100_000 {
            if gate.waiting.load(Ordering::SeqCst) == n {
                return;
            }
            tokio::task::yield_now().await;
        }
        panic!("the line never reached {n}");
    }

    #[tokio::test]
    async fn one_runs_one_waits_the_next_is_refused_at_once() {
        let gate = Gate::new(1, 1, Duration::from_secs(1));
        let running = gate.turn().await.expect("a free turn");
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move { gate.turn().await.is_some() }
        });
        line_of(&gate, 1).await;
        let started = std::time::Instant::now();
        assert!(gate.turn().await.is_none(), "the line is full");
        assert!(started.elapsed() < LINE_WAIT / 2, "refused at once");
        drop(running);
        assert!(
            waiting.await.expect("waiter"),
            "the waiter gets the freed turn"
        );
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn without_a_line_the_second_is_refused_at_once() {
        let gate = Gate::new(1, 0, Duration::from_secs(1));
        let running = gate.turn().await.expect("a free turn");
        assert!(gate.turn().await.is_none());
        drop(running);
        assert!(gate.turn().await.is_some());
    }
}
