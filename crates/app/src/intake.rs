//! The intake writer: new concerns are stored by one task that commits them in groups.
//!
//! Every commit waits for the disk. One commit per submission would cap intake at the
//! disk's flush rate; instead the writer takes every submission waiting when it becomes
//! free and stores them in one transaction. On SQLite the writer then goes straight on to
//! the next group while this one's commit is flushed (see `Pending` in the store). Each
//! submitter is answered only once its group is on disk, so a receipt still means the
//! concern is durable. If a group fails, its concerns are retried one by one, so one bad
//! concern never costs another its place.
//!
//! This is the one kind of change that does not go through the door's transaction
//! (`door.rs`): a group holds many callers' concerns, each let in by the door before it is
//! queued here, and one transaction per caller would give back the flushes the grouping
//! saves. Each concern still commits with its audit entry (and one per file that came with
//! it), made from the same actions as every other change ([`ConcernAction`]).

use std::sync::{Arc, OnceLock};

use liaison_domain::concerns::{LineKind, Status};
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values;
use liaison_mail::Letter;
use liaison_store::concerns::{self, NewConcern, NewLine};
use liaison_store::{audit, search, Pending, StoreError, WriteTx};
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use crate::attachments::{self, Kept};
use crate::concerns::{tracking_key, ConcernAction, Receipt};
use crate::door::entry;
use crate::outbox::{post, Posting};
use crate::{Actor, App, AppError, AppResult};

/// Most concerns stored in one transaction.
const GROUP: usize = 256;

/// One concern to store, validated and with its deadlines computed.
pub(crate) struct Job {
    /// Who took it in.
    pub who: Actor,
    /// The year of its reference, in the office's time zone.
    pub year: i64,
    /// Its category's code, for the audit trail.
    pub category_code: String,
    /// The concern (its reference and tracking key are filled in here).
    pub concern: NewConcern,
    /// The secret part of its tracking code: the writer puts the concern's number in front.
    pub tracking_secret: String,
    /// Files that came with it, already on disk: their rows commit with the concern.
    pub attachments: Vec<Kept>,
    /// The hash of its one-time submission, recorded with it (`crate::submissions`).
    pub submission: Option<String>,
    /// The office's name, as the acknowledgement to a reporter who gave an email address
    /// signs.
    pub office: String,
}

type Reply = oneshot::Sender<AppResult<Receipt>>;

/// A handle on the writer task.
#[derive(Clone)]
pub(crate) struct IntakeWriter {
    jobs: mpsc::Sender<(Job, Reply)>,
}

/// The writer, started on first use (it needs the async runtime, `App::new` does not).
#[derive(Clone, Default)]
pub(crate) struct Lazy(Arc<OnceLock<IntakeWriter>>);

impl Lazy {
    pub(crate) fn get(&self, app: &App) -> IntakeWriter {
        self.0
            .get_or_init(|| {
                let (jobs, queue) = mpsc::channel(4 * GROUP);
                tokio::spawn(run(app.clone(), queue));
                IntakeWriter { jobs }
            })
            .clone()
    }
}

impl IntakeWriter {
    /// Stores a concern; answers its receipt once committed.
    pub(crate) async fn submit(&self, job: Job) -> AppResult<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send((job, reply))
            .await
            .map_err(|_| AppError::Internal("intake writer stopped"))?;
        answer
            .await
            .map_err(|_| AppError::Internal("intake writer stopped"))?
    }
}

async fn run(app: App, mut queue: mpsc::Receiver<(Job, Reply)>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        // Submitters answered by the last commit are on their way back: letting the tasks
        // that are ready run first gathers them into this group, for one flush instead of
        // several.
        for _ in 0..8 {
            while group.len() < GROUP {
                match queue.try_recv() {
                    Ok(next) => group.push(next),
                    Err(_) => break,
                }
            }
            tokio::task::yield_now().await;
        }
        let written = {
            let mut jobs: Vec<&mut Job> = group.iter_mut().map(|(job, _)| job).collect();
            write_group(&app, &mut jobs).await
        };
        match written {
            // The group is committed; its receipts wait for the flush, while this task
            // goes on to the next group.
            Ok((stored, pending)) => {
                tokio::spawn(async move {
                    match pending.durable().await {
                        Ok(()) => {
                            for ((_, reply), result) in group.into_iter().zip(stored) {
                                let _ = reply.send(Ok(result));
                            }
                        }
                        Err(e) => {
                            tracing::error!(error = %e, "an intake group could not be flushed");
                            // Each submitter gets the same failure, of the same kind (a full
                            // disk stays a full disk).
                            let kind = match &e {
                                StoreError::Flush(io) => io.kind(),
                                _ => std::io::ErrorKind::Other,
                            };
                            let e = e.to_string();
                            for (_, reply) in group {
                                let io = std::io::Error::new(kind, e.clone());
                                let _ = reply.send(Err(StoreError::Flush(io).into()));
                            }
                        }
                    }
                });
            }
            Err(_) if group.len() > 1 => {
                for (mut job, reply) in group {
                    let one = async {
                        let (stored, pending) = write_group(&app, &mut [&mut job]).await?;
                        pending.durable().await?;
                        stored
                            .into_iter()
                            .next()
                            .ok_or(AppError::Internal("a stored concern"))
                    };
                    let _ = reply.send(one.await);
                }
            }
            Err(e) => {
                if let Some((_, reply)) = group.pop() {
                    let _ = reply.send(Err(e));
                }
            }
        }
    }
}

/// Stores a group in one transaction; answers each concern's receipt in order, and the
/// wait for the commit to be durable.
async fn write_group(app: &App, jobs: &mut [&mut Job]) -> AppResult<(Vec<Receipt>, Pending)> {
    let start = std::time::Instant::now();
    let mut tx = app.store.write().await?;
    let stored = write(app, &mut tx, jobs).await?;
    let written = start.elapsed();
    let pending = tx.commit_pending().await?;
    if stored.iter().any(|(_, posted)| *posted) {
        app.jobs_ready.notify_one();
    }
    let stored = stored.into_iter().map(|(receipt, _)| receipt).collect();
    // Where a group's time goes: its statements, then the commit.
    tracing::debug!(
        concerns = jobs.len(),
        write_us = written.as_micros() as u64,
        commit_us = (start.elapsed() - written).as_micros() as u64,
        "intake group stored"
    );
    Ok((stored, pending))
}

/// Numbers, stores, indexes and audits a group of concerns inside `tx`: one statement per
/// table for the whole group, since each statement costs far more than its rows. Posts the
/// acknowledgement to each reporter who gave an email address; answers each receipt, and
/// whether a letter was posted for it.
async fn write(
    app: &App,
    tx: &mut WriteTx,
    jobs: &mut [&mut Job],
) -> AppResult<Vec<(Receipt, bool)>> {
    let backend = app.store.backend();
    // References: each year's numbers reserved at once, handed out in arrival order.
    let mut years: Vec<(i64, i64)> = Vec::new();
    for job in jobs.iter() {
        match years.iter_mut().find(|(y, _)| *y == job.year) {
            Some((_, n)) => *n += 1,
            None => years.push((job.year, 1)),
        }
    }
    let mut next: Vec<(i64, i64)> = Vec::with_capacity(years.len());
    for (year, count) in years {
        next.push((year, concerns::reserve_numbers(tx, year, count).await?));
    }
    let mut codes = Vec::with_capacity(jobs.len());
    for job in jobs.iter_mut() {
        let n = match next.iter_mut().find(|(y, _)| *y == job.year) {
            Some((_, n)) => {
                *n += 1;
                *n - 1
            }
            None => return Err(AppError::Internal("a reserved number")),
        };
        job.concern.reference = values::concern_reference(job.year as i32, n);
        let code = values::tracking_code_with_number(n, &job.tracking_secret);
        job.concern.tracking_hash = tracking_key(&code);
        codes.push(code);
    }
    let new: Vec<&NewConcern> = jobs.iter().map(|j| &j.concern).collect();
    let ids = concerns::insert_many(tx, backend, &new).await?;
    let lines: Vec<NewLine> = jobs
        .iter()
        .zip(&ids)
        .map(|(job, id)| NewLine {
            changed_to: Some(Status::Received),
            ..NewLine::new(
                RecordRef::concern(*id),
                job.concern.received_at,
                &job.who,
                LineKind::Received,
                "",
                true,
            )
        })
        .collect();
    liaison_store::timeline::add(tx, backend, &lines).await?;
    let texts: Vec<(i64, String)> = jobs
        .iter()
        .zip(&ids)
        .map(|(job, id)| {
            let n = &job.concern;
            let text = [
                Some(n.reference.as_str()),
                Some(n.description.as_str()),
                n.reporter.name.as_deref(),
                n.address.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            (*id, text)
        })
        .collect();
    search::index_new(tx, backend, RecordKind::Concern, &texts).await?;
    // The audit names the record, never the reporter.
    let entries: Vec<audit::NewEntry> = jobs
        .iter()
        .zip(&ids)
        .map(|(job, id)| {
            let n = &job.concern;
            let changes = json!({
                "reference": n.reference,
                "category": job.category_code,
                "channel": n.channel.as_str(),
                "priority": n.priority.as_str(),
                "confidentiality": n.confidentiality.as_str(),
                "anonymous": n.anonymous,
                "attachments": job.attachments.len(),
            });
            entry(&job.who, ConcernAction::Create, *id, changes, n.received_at)
        })
        .collect();
    audit::append_many(tx, backend, &entries).await?;
    let submissions: Vec<(&str, i64)> = jobs
        .iter()
        .zip(&ids)
        .filter_map(|(job, id)| job.submission.as_deref().map(|h| (h, *id)))
        .collect();
    let at = jobs.first().map_or(0, |j| j.concern.received_at);
    concerns::record_submissions(tx, backend, &submissions, at).await?;
    for (job, id) in jobs.iter().zip(&ids) {
        if !job.attachments.is_empty() {
            let entries = attachments::record(
                tx,
                RecordRef::concern(*id),
                attachments::CONCERN,
                &job.attachments,
                &job.who,
                job.concern.received_at,
            )
            .await?;
            audit::append_entries(tx, &entries).await?;
        }
    }
    let mut receipts = Vec::with_capacity(jobs.len());
    for ((job, id), tracking_code) in jobs.iter().zip(ids).zip(codes) {
        let n = &job.concern;
        let to = n.reporter.email.as_deref().filter(|_| !n.anonymous);
        if let Some(to) = to {
            // Written as the receipt page shows it, in groups easy to copy.
            let shown = values::display_tracking_code(&tracking_code);
            let letter = Letter::Acknowledged {
                reference: &n.reference,
                tracking_code: &shown,
            };
            let posting = Posting {
                to,
                language: &n.reporter.language,
                letter,
                about: Some(RecordRef::concern(id)),
                office: &job.office,
            };
            post(app, tx, backend, &posting, n.received_at).await?;
        }
        let receipt = Receipt {
            id,
            reference: n.reference.clone(),
            tracking_code,
        };
        receipts.push((receipt, to.is_some()));
    }
    Ok(receipts)
}
