//! The intake writer: new concerns are stored by one task that commits them in groups.
//!
//! Every commit waits for the disk (`synchronous = FULL` on SQLite, `fsync` on PostgreSQL).
//! One commit per submission would cap intake at the disk's flush rate; instead the writer
//! takes every submission waiting when it becomes free and stores them in one transaction.
//! Each submitter is answered only after that commit, so a receipt still means the concern
//! is on disk. If a group fails, its concerns are retried one by one, so one bad concern
//! never costs another its place.

use std::sync::{Arc, OnceLock};

use liaison_domain::concerns::{EventKind, Status};
use liaison_domain::values;
use liaison_store::concerns::{self, NewConcern, NewEvent};
use liaison_store::{audit, search, Backend, Store, WriteTx};
use serde_json::json;
use tokio::sync::{mpsc, oneshot};

use crate::attachments::{self, Kept};
use crate::{Actor, AppError, AppResult};

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
    /// The concern (its reference is filled in here).
    pub concern: NewConcern,
    /// Files that came with it, already on disk: their rows commit with the concern.
    pub attachments: Vec<Kept>,
}

type Reply = oneshot::Sender<AppResult<(i64, String)>>;

/// A handle on the writer task.
#[derive(Clone)]
pub(crate) struct IntakeWriter {
    jobs: mpsc::Sender<(Job, Reply)>,
}

/// The writer, started on first use (it needs the async runtime, `App::new` does not).
#[derive(Clone, Default)]
pub(crate) struct Lazy(Arc<OnceLock<IntakeWriter>>);

impl Lazy {
    pub(crate) fn get(&self, store: &Store) -> IntakeWriter {
        self.0
            .get_or_init(|| {
                let (jobs, queue) = mpsc::channel(4 * GROUP);
                tokio::spawn(run(store.clone(), queue));
                IntakeWriter { jobs }
            })
            .clone()
    }
}

impl IntakeWriter {
    /// Stores a concern; answers its id and reference once committed.
    pub(crate) async fn submit(&self, job: Job) -> AppResult<(i64, String)> {
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

async fn run(store: Store, mut queue: mpsc::Receiver<(Job, Reply)>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < GROUP {
            match queue.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        match write_group(&store, &mut group).await {
            Ok(stored) => {
                for ((_, reply), result) in group.into_iter().zip(stored) {
                    let _ = reply.send(Ok(result));
                }
            }
            Err(_) if group.len() > 1 => {
                for (mut job, reply) in group {
                    let one = write_alone(&store, &mut job).await;
                    let _ = reply.send(one);
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

async fn write_group(store: &Store, group: &mut [(Job, Reply)]) -> AppResult<Vec<(i64, String)>> {
    let mut tx = store.write().await?;
    let mut stored = Vec::with_capacity(group.len());
    for (job, _) in group.iter_mut() {
        stored.push(write(&mut tx, store.backend(), job).await?);
    }
    tx.commit().await?;
    Ok(stored)
}

async fn write_alone(store: &Store, job: &mut Job) -> AppResult<(i64, String)> {
    let mut tx = store.write().await?;
    let stored = write(&mut tx, store.backend(), job).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Numbers, stores, indexes and audits one concern inside `tx`.
async fn write(tx: &mut WriteTx, backend: Backend, job: &mut Job) -> AppResult<(i64, String)> {
    let number = concerns::next_number(tx, job.year).await?;
    let reference = values::concern_reference(job.year as i32, number);
    let new = &mut job.concern;
    new.reference = reference.clone();
    let id = concerns::insert(tx, new).await?;
    concerns::add_event(
        tx,
        &NewEvent {
            concern_id: id,
            at: new.received_at,
            actor: &job.who,
            kind: EventKind::Received,
            from_status: None,
            to_status: Some(Status::Received),
            body: "",
            public: true,
        },
    )
    .await?;
    let text = [
        Some(reference.as_str()),
        Some(new.description.as_str()),
        new.reporter.name.as_deref(),
        new.address.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    search::index(tx, backend, id, &text).await?;
    // The audit names the record, never the reporter.
    audit::append(
        tx,
        &job.who,
        "concern.create",
        "concern",
        Some(id),
        &json!({
            "reference": reference,
            "category": job.category_code,
            "channel": new.channel.as_str(),
            "priority": new.priority.as_str(),
            "confidentiality": new.confidentiality.as_str(),
            "anonymous": new.anonymous,
            "attachments": job.attachments.len(),
        }),
        new.received_at,
    )
    .await?;
    attachments::record(tx, id, &job.attachments, &job.who, new.received_at).await?;
    Ok((id, reference))
}
