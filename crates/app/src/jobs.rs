//! Background jobs, run inside `liaison serve` by every node.
//!
//! Each node's runner claims due jobs from the queue in the database (`store/jobs.rs`),
//! a few at a time, and runs them at once: a claim is a lease, so a node that dies
//! mid-job loses its jobs to the others when the lease runs out, and a job's effects
//! commit only while its claim holds, so no job's effects are written twice. A job that
//! fails is tried again after a growing pause and, after [`ATTEMPTS`] tries, parked for an
//! administrator (the outbox page lists parked jobs, with a button to try again).
//!
//! A runner sleeps until a change on its node queues a job, or for [`POLL`] at most (jobs
//! queued by other nodes, and those waiting for their next attempt).
//!
//! Sending mail is at least once at a single point: what came of each message is recorded
//! as its sending finishes (those that finished while the last record was written go in
//! the next), so when a node dies only the messages the server took since its last record
//! go again once the lease runs out, with the same Message-ID.

use std::time::Duration;

use liaison_mail::{Outgoing, Refusal};
use liaison_store::{jobs, now, outbox};
use tokio::task::JoinSet;

use crate::commitments::REMINDERS;
use crate::escalation::SWEEP;
use crate::notifications::DIGEST;
use crate::outbox::SEND_MAIL;
use crate::report_schedules::SCHEDULED_REPORTS;
use crate::secrets::random_bytes;
use crate::{App, AppResult};

/// How long a node holds a claimed job before another may take it over (seconds): well
/// past the SMTP conversation's limit of 30 seconds.
const LEASE: i64 = 120;
/// Jobs claimed at once: messages to different recipients go out together over the mail
/// server's connections (`liaison_mail::smtp::CONNECTIONS`), and what came of them is
/// recorded in one transaction.
const BATCH: i64 = 64;
/// Tries before a job is parked, or a message marked failed.
pub const ATTEMPTS: i64 = 8;
/// The longest a runner sleeps before looking at the queue again.
const POLL: Duration = Duration::from_secs(2);

/// The pause before the next attempt after `attempts` failed ones: a minute, doubling, at
/// most six hours (eight tries span about four hours).
pub fn backoff(attempts: i64) -> i64 {
    (60i64 << (attempts - 1).clamp(0, 16)).min(6 * 3600)
}

/// What came of sending one job's message: none when there was nothing to send (gone, or
/// sent already), else the message and the server's answer.
type Sending = (jobs::Job, Option<(i64, Result<(), Refusal>)>);

/// How one job ended.
enum Ended {
    /// Done, or put back for its next attempt by the job itself.
    Handled,
    /// Failed; tried again later, or parked.
    Failed(String),
}

impl App {
    /// Starts this node's job runner; it runs until the runtime stops.
    pub fn run_jobs(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move { app.job_runner().await })
    }

    /// The kinds of job this node can run: mail only with a server to send it through.
    fn runnable(&self) -> Vec<&'static str> {
        let mut kinds = vec![SWEEP, REMINDERS, DIGEST, SCHEDULED_REPORTS];
        if self.settings.smtp.is_some() {
            kinds.push(SEND_MAIL);
        }
        kinds
    }

    async fn job_runner(&self) {
        loop {
            if let Err(e) = self.run_schedules().await {
                tracing::warn!(error = %e, "scheduled work could not be queued");
            }
            let ran = match self.run_due_jobs().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "background jobs could not be claimed");
                    0
                }
            };
            if ran < BATCH as usize {
                // Nothing more due now: wait for a job queued here, or look again later.
                let _ = tokio::time::timeout(POLL, self.jobs_ready.notified()).await;
            }
        }
    }

    /// Claims the jobs due now (a batch) and runs them; answers how many it ran. The
    /// runner's step, and the way tests and benchmarks drive the queue themselves.
    pub async fn run_due_jobs(&self) -> AppResult<usize> {
        let kinds = self.runnable();
        let claim: String = random_bytes::<12>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let claimed = {
            let mut tx = self.store.write().await?;
            let claimed = jobs::claim(
                &mut tx,
                self.store.backend(),
                &kinds,
                &claim,
                now(),
                LEASE,
                BATCH,
            )
            .await?;
            tx.commit().await?;
            claimed
        };
        let n = claimed.len();
        let (mail, other): (Vec<_>, Vec<_>) =
            claimed.into_iter().partition(|j| j.kind == SEND_MAIL);
        let mut running = JoinSet::new();
        if !mail.is_empty() {
            let app = self.clone();
            running.spawn(async move {
                if let Err(e) = app.send_mail(&mail).await {
                    // Nothing was recorded: the claims lapse and the messages go later.
                    tracing::warn!(error = %e, "a batch of mail could not be sent");
                }
            });
        }
        for job in other {
            let app = self.clone();
            running.spawn(async move {
                let ended = app.run_job(&job).await.unwrap_or_else(|e| Ended::Failed(e.to_string()));
                if let Ended::Failed(error) = ended {
                    if let Err(e) = app.job_failed(&job, &error).await {
                        tracing::warn!(job = job.id, error = %e, "a failed job could not be put back");
                    }
                }
            });
        }
        while running.join_next().await.is_some() {}
        Ok(n)
    }

    async fn run_job(&self, job: &jobs::Job) -> AppResult<Ended> {
        match job.kind.as_str() {
            SWEEP => {
                self.sweep(job).await?;
                let mut tx = self.store.write().await?;
                jobs::finish(&mut tx, job.id, &job.claim).await?;
                tx.commit().await?;
                Ok(Ended::Handled)
            }
            DIGEST => {
                self.write_digests(job).await?;
                let mut tx = self.store.write().await?;
                jobs::finish(&mut tx, job.id, &job.claim).await?;
                tx.commit().await?;
                Ok(Ended::Handled)
            }
            SCHEDULED_REPORTS => {
                self.send_due_reports().await?;
                let mut tx = self.store.write().await?;
                jobs::finish(&mut tx, job.id, &job.claim).await?;
                tx.commit().await?;
                Ok(Ended::Handled)
            }
            REMINDERS => {
                self.remind_commitments(job).await?;
                let mut tx = self.store.write().await?;
                jobs::finish(&mut tx, job.id, &job.claim).await?;
                tx.commit().await?;
                Ok(Ended::Handled)
            }
            other => Ok(Ended::Failed(format!("no such kind of job: {other}"))),
        }
    }

    /// Records a failure: the job runs again after its pause, or is parked.
    async fn job_failed(&self, job: &jobs::Job, error: &str) -> AppResult<()> {
        let park = job.attempts >= ATTEMPTS;
        tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, park, %error, "a background job failed");
        let mut tx = self.store.write().await?;
        jobs::failed(
            &mut tx,
            job.id,
            &job.claim,
            error,
            now() + backoff(job.attempts),
            park,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sends a batch of the outbox's messages, those not sent already, over the server's
    /// pooled connections: each recipient's in the order they were written, different
    /// recipients' at once. What came of them is recorded as they finish, whatever
    /// finished while the last record was written going in the next: a node that dies
    /// sends again (after the lease) only what the server took since its last record.
    async fn send_mail(&self, batch: &[jobs::Job]) -> AppResult<()> {
        let Some(smtp) = &self.settings.smtp else {
            return Err(crate::AppError::Internal("no mail server is configured"));
        };
        let ids: Vec<i64> = batch.iter().map(|j| j.subject_id).collect();
        let messages = {
            let mut c = self.store.read().await?;
            outbox::get_many(&mut c, &ids).await?
        };
        // One queue per recipient, in the order the letters were written.
        let mut queues: Vec<(String, Vec<(jobs::Job, outbox::Message)>)> = Vec::new();
        let mut done = Vec::new();
        for job in batch {
            match messages.iter().find(|m| m.id == job.subject_id) {
                Some(m) if m.state != "sent" => {
                    let to = m.recipient.to_lowercase();
                    match queues.iter_mut().find(|(r, _)| *r == to) {
                        Some((_, q)) => q.push((job.clone(), m.clone())),
                        None => queues.push((to, vec![(job.clone(), m.clone())])),
                    }
                }
                // Gone, or sent already (by a node whose lease ran out): never twice.
                _ => done.push((job.clone(), None)),
            }
        }
        let mut sending = JoinSet::new();
        for (_, mut queue) in queues {
            queue.sort_by_key(|(_, m)| m.id);
            let smtp = smtp.clone();
            sending.spawn(async move {
                let mut out = Vec::with_capacity(queue.len());
                for (job, m) in queue {
                    let outgoing = Outgoing {
                        to: &m.recipient,
                        subject: &m.subject,
                        text: &m.text_body,
                        html: &m.html_body,
                        message_id: &m.message_id,
                        reply_to: m.reply_to.as_deref(),
                        language: &m.language,
                    };
                    let result = smtp.send(&outgoing).await;
                    out.push((job, Some((m.id, result))));
                }
                out
            });
        }
        loop {
            // Wait for one recipient's letters, then take all the others finished by now.
            let mut finished = match sending.join_next().await {
                Some(first) => vec![first],
                None => break,
            };
            while let Some(more) = sending.try_join_next() {
                finished.push(more);
            }
            for sent in finished {
                match sent {
                    Ok(outcomes) => done.extend(outcomes),
                    Err(e) => tracing::warn!(error = %e, "a sending task stopped"),
                }
            }
            self.record_sent(&done).await?;
            done.clear();
        }
        self.record_sent(&done).await
    }

    /// Records what came of sending: the messages sent (or gone) and their jobs in two
    /// statements, each refusal with the server's answer.
    async fn record_sent(&self, done: &[Sending]) -> AppResult<()> {
        if done.is_empty() {
            return Ok(());
        }
        let at = now();
        let mut tx = self.store.write().await?;
        let mut sent = Vec::new();
        let mut finished: Vec<(i64, &str)> = Vec::new();
        for (job, outcome) in done {
            match outcome {
                None => {}
                Some((id, Ok(()))) => sent.push(*id),
                Some((id, Err(refusal))) => {
                    let last = matches!(refusal, Refusal::Permanent(_)) || job.attempts >= ATTEMPTS;
                    outbox::refused(&mut tx, *id, refusal.answer(), last).await?;
                    if !last {
                        // Tried again after its pause; the job stays.
                        let next = at + backoff(job.attempts);
                        jobs::failed(&mut tx, job.id, &job.claim, refusal.answer(), next, false)
                            .await?;
                        continue;
                    }
                }
            }
            // Sent, or failed for good: the message's state says so, and the job is done
            // (an administrator's retry queues a new one).
            finished.push((job.id, &job.claim));
        }
        outbox::sent_many(&mut tx, &sent, at).await?;
        // A batch is claimed under one word; a claim lost to another node (its lease ran
        // out) keeps its job, which that node finds already sent.
        if let Some((_, claim)) = finished.first() {
            let ids: Vec<i64> = finished.iter().map(|(id, _)| *id).collect();
            jobs::finish_many(&mut tx, &ids, claim).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn pauses_grow_from_a_minute_to_six_hours() {
        assert_eq!(backoff(1), 60);
        assert_eq!(backoff(2), 120);
        assert_eq!(backoff(8), 60 * 128);
        assert_eq!(backoff(30), 6 * 3600);
        assert_eq!(backoff(0), 60);
    }
}
