//! The job queue: work done after the change that asked for it, by whichever node claims
//! it first (see `migrations/0016_jobs_and_the_outbox.sql`).
//!
//! A claim moves a job's `run_at` to the end of its lease and gives it a fresh claim
//! word, in one statement; on PostgreSQL the candidates are locked `FOR UPDATE SKIP
//! LOCKED`, so nodes claiming at once take different jobs instead of waiting on each other
//! (SQLite has one writer, which does the same by itself). A finished job is deleted on
//! condition that its claim is unchanged; a failed one waits for its next attempt, or is
//! parked for an administrator.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Backend, Conn, Result, Sql};

/// A job queued or parked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    /// What to do (`send_mail`, …).
    pub kind: String,
    /// What it is about (for `send_mail`, the outbox message).
    pub subject_id: i64,
    /// `queued` or `parked`.
    pub state: String,
    /// Not before then (while claimed: when the claim lapses).
    pub run_at: i64,
    /// Attempts so far, this one included once claimed.
    pub attempts: i64,
    /// The claim of the node running it, or empty.
    pub claim: String,
    /// What went wrong at the last attempt.
    pub last_error: Option<String>,
    pub created_at: i64,
}

fn from_row(r: &AnyRow) -> Result<Job> {
    Ok(Job {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        subject_id: r.try_get("subject_id")?,
        state: r.try_get("state")?,
        run_at: r.try_get("run_at")?,
        attempts: r.try_get("attempts")?,
        claim: r.try_get("claim")?,
        last_error: r.try_get("last_error")?,
        created_at: r.try_get("created_at")?,
    })
}

const COLUMNS: &str =
    "id, kind, subject_id, state, run_at, attempts, claim, last_error, created_at";

/// Queues jobs of `kind`, one per subject, to run from `run_at`.
pub async fn enqueue(
    c: &mut Conn,
    backend: Backend,
    kind: &str,
    subjects: &[i64],
    run_at: i64,
) -> Result<()> {
    for chunk in subjects.chunks(500) {
        let mut q = Sql::new(
            "INSERT INTO jobs (kind, subject_id, state, run_at, attempts, claim, created_at) \
             VALUES ",
        );
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.push("(")
                .text(kind)
                .push(", ")
                .int(*id)
                .push(", 'queued', ")
                .int(run_at)
                .push(", 0, '', ")
                .int(run_at)
                .push(")");
        }
        q.query_on(backend).execute(&mut *c).await?;
    }
    Ok(())
}

/// Plans schedule `name`'s first run at `first`, unless it is planned already.
pub async fn plan_schedule(c: &mut Conn, name: &str, first: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO schedules (name, next_at, last_at) VALUES ($1, $2, $2) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(first)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Claims up to `limit` due jobs of the given kinds for `lease` seconds under `claim`, the
/// oldest first; answers them with their attempt counted.
pub async fn claim(
    c: &mut Conn,
    backend: Backend,
    kinds: &[&str],
    claim: &str,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<Job>> {
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new("UPDATE jobs SET run_at = ");
    q.int(now + lease)
        .push(", claim = ")
        .text(claim)
        .push(", attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ")
        .int(now)
        .push(" AND kind IN (");
    for (i, k) in kinds.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.text(*k);
    }
    q.push(") ORDER BY run_at, id LIMIT ").int(limit);
    if backend == Backend::Postgres {
        q.push(" FOR UPDATE SKIP LOCKED");
    }
    q.push(") RETURNING ").push(COLUMNS);
    let rows = q.query_on(backend).fetch_all(&mut *c).await?;
    let mut jobs = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    jobs.sort_by_key(|j| j.id);
    Ok(jobs)
}

/// Deletes a finished job if `claim` still holds it; `false` when another node has taken
/// it over (the caller then rolls its work back).
pub async fn finish(c: &mut Conn, id: i64, claim: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM jobs WHERE id = $1 AND claim = $2")
        .bind(id)
        .bind(claim)
        .execute(&mut *c)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes these jobs, done, in one statement: those `claim` still holds; answers how many.
pub async fn finish_many(c: &mut Conn, ids: &[i64], claim: &str) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut sql = crate::Sql::new("DELETE FROM jobs WHERE claim = ");
    sql.text(claim).push(" AND id IN ").ids(ids);
    Ok(sql.query().execute(&mut *c).await?.rows_affected())
}

/// Puts a failed job back to run again from `run_at`, or parks it when `park`; `false`
/// when `claim` no longer holds it.
pub async fn failed(
    c: &mut Conn,
    id: i64,
    claim: &str,
    error: &str,
    run_at: i64,
    park: bool,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = $1, run_at = $2, claim = '', last_error = $3 \
         WHERE id = $4 AND claim = $5",
    )
    .bind(if park { "parked" } else { "queued" })
    .bind(run_at)
    .bind(error)
    .bind(id)
    .bind(claim)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts a parked job, or one waiting for its next attempt, back to run at `now` with its
/// attempts counted afresh; `false` when there is no such job.
pub async fn retry(c: &mut Conn, id: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'queued', run_at = $1, attempts = 0, claim = '' \
         WHERE id = $2 AND (state = 'parked' OR claim = '')",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Parked jobs, newest first, at most `limit`.
pub async fn parked(c: &mut Conn, limit: i64) -> Result<Vec<Job>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE state = 'parked' ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Queues the job of schedule `name` if it is due at `now`, then not again for `every`
/// seconds, whichever node asks; answers when it was last queued (the start of what the job
/// looks at), or `None` when it is not due or another node queued it. The first time, the
/// schedule starts now, with nothing behind it.
pub async fn claim_schedule(
    c: &mut Conn,
    backend: Backend,
    name: &str,
    now: i64,
    every: i64,
) -> Result<Option<i64>> {
    sqlx::query(
        "INSERT INTO schedules (name, next_at, last_at) VALUES ($1, $2, $2) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(now)
    .execute(&mut *c)
    .await?;
    let last: i64 = sqlx::query_scalar("SELECT last_at FROM schedules WHERE name = $1")
        .bind(name)
        .fetch_one(&mut *c)
        .await?;
    // Moved on only if nobody moved it since it was read: one node wins each turn.
    let moved = sqlx::query(
        "UPDATE schedules SET next_at = $1, last_at = $2 \
         WHERE name = $3 AND next_at <= $2 AND last_at = $4",
    )
    .bind(now + every)
    .bind(now)
    .bind(name)
    .bind(last)
    .execute(&mut *c)
    .await?;
    if moved.rows_affected() != 1 {
        return Ok(None);
    }
    enqueue(c, backend, name, &[last], now).await?;
    Ok(Some(last))
}
