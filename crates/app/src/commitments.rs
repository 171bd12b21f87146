//! The commitments register: promises made to the community, with an owner, a due day,
//! their progress and the evidence they were kept; on their owner's task list until kept,
//! and reminded by the background jobs the day before they come due and once they are
//! late. `app.commitments()`.

use liaison_domain::audit::CommitmentAction;
use liaison_domain::commitments::{self as rules, LineKind, Source, Status};
use liaison_domain::notifications::News;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::{self, Day};
use liaison_domain::FieldErrors;
use liaison_mail::Letter;
use liaison_store::commitments as store;
use liaison_store::jobs::Job;
use liaison_store::timeline::{self, NewLine};
use liaison_store::{concerns, jobs, now, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_domain::interactions::Standing;
pub use liaison_store::commitments::{Commitment, Origin, View};

use crate::accounts::User;
use crate::door::{Caller, Change};
use crate::notifications::notify;
use crate::{require, App, AppError, AppResult, Flag, Text};

/// The job that reminds owners, and its schedule's name.
pub(crate) const REMINDERS: &str = "commitment_reminders";
/// How often owners' reminders are looked for (seconds).
pub(crate) const REMINDERS_EVERY: i64 = 3600;
/// Commitments reminded in one run at most (the rest in the next).
const REMIND_BATCH: i64 = 500;

/// The register. `app.commitments()`.
#[derive(Clone, Copy)]
pub struct Commitments<'a> {
    pub(crate) app: &'a App,
}

/// A commitment's terms as a form or JSON body sends them (`POST /staff/commitments`,
/// `POST /api/v1/commitments`; to change one, its page's form and
/// `POST /api/v1/commitments/{id}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveCommitment {
    /// What is promised: 1 to 300 characters.
    #[schema(required = true)]
    pub title: Text,
    /// More about it: at most 4000 characters.
    pub description: Text,
    /// The id of the active staff member who keeps it; empty: the caller.
    pub owner: Text,
    /// The day it is due (YYYY-MM-DD); a new one not before today.
    #[schema(required = true)]
    pub due_on: Text,
    /// `public`, `restricted` (default) or `confidential`: who may see it.
    pub confidentiality: Text,
    /// Shown to the public, once the portal lists the office's commitments (only for
    /// `public` ones).
    pub public: Flag,
    /// New ones only: the reference of the concern it is made on (one the caller may see),
    /// such as `C-2026-00042`.
    pub concern: Text,
}

/// A step of a commitment (`POST /staff/commitments/{id}/progress`,
/// `POST /api/v1/commitments/{id}/progress`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Progress {
    /// `open`, `in_progress`, `kept` or `dropped`.
    #[schema(required = true)]
    pub status: Text,
    /// The evidence it was kept (required to `kept`), the reason it was dropped (required
    /// to `dropped`), or a word on its progress: at most 4000 characters.
    pub note: Text,
}

/// A commitment as its page shows it.
#[derive(Debug, Clone)]
pub struct CommitmentView {
    pub commitment: Commitment,
    pub standing: Standing,
    pub timeline: Vec<Line>,
    /// Whether this user may change it and record its progress.
    pub can_keep: bool,
}

/// One line of a commitment's timeline.
pub type Line = liaison_store::timeline::Line<LineKind, Status>;

/// A commitment's human reference: `CM-00042`.
pub fn reference(id: i64) -> String {
    format!("CM-{id:05}")
}

impl Commitments<'_> {
    /// A page of the register, soonest due first, and where the next starts.
    pub async fn list(
        &self,
        by: &User,
        view: View,
        after: Option<(Day, i64)>,
        limit: i64,
    ) -> AppResult<(Vec<(Commitment, Standing)>, Option<(Day, i64)>)> {
        require(by, Permission::ReadConcerns)?;
        let today = self.app.today().await?;
        let mut c = self.app.store.read().await?;
        let (found, next) = store::list(
            &mut c,
            view,
            by.id,
            today,
            after,
            limit,
            by.role.sight(by.id),
        )
        .await?;
        let found = found
            .into_iter()
            .map(|k| {
                let s = standing(&k, today);
                (k, s)
            })
            .collect();
        Ok((found, next))
    }

    /// One commitment with its timeline, or not found if `by` may not see it.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<CommitmentView> {
        let today = self.app.today().await?;
        let mut c = self.app.store.read().await?;
        let commitment = store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        let timeline = timeline::of(&mut c, record(id), false).await?;
        Ok(CommitmentView {
            standing: standing(&commitment, today),
            commitment,
            timeline,
            can_keep: by.role.may(Permission::KeepCommitments),
        })
    }

    /// The commitments made on concern `concern_id` that `by` may see.
    pub async fn of_concern(&self, by: &User, concern_id: i64) -> AppResult<Vec<Commitment>> {
        let mut c = self.app.store.read().await?;
        Ok(store::of_concern(&mut c, concern_id, by.role.sight(by.id)).await?)
    }

    /// Records a new commitment, made by hand or on a concern; answers its id.
    pub async fn make(&self, by: &User, cmd: &SaveCommitment) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::KeepCommitments))?;
        let terms = self.checked(by, cmd).await?;
        door.change(async |tx| {
            let concern = match cmd.concern.trim() {
                "" => None,
                r => Some(
                    concerns::by_reference(tx, &r.to_uppercase(), by.role.sight(by.id))
                        .await?
                        .ok_or(AppError::field("concern", "error-choice"))?
                        .id,
                ),
            };
            let source = if concern.is_some() {
                Source::Concern
            } else {
                Source::Register
            };
            let origin = Origin {
                concern,
                ..Origin::default()
            };
            land(tx, &terms, source, origin, Some(by.id)).await
        })
        .await
    }

    /// Changes a commitment's terms; nothing is recorded when nothing changed.
    pub async fn change(&self, by: &User, id: i64, cmd: &SaveCommitment) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::KeepCommitments))?;
        let today = self.app.today().await?;
        door.change(async |tx| {
            let at = tx.at;
            let mut k = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            // A day already past may stay; a new one may not be in the past.
            let earliest = k.terms.due_on.min(today);
            let terms = self.checked_from(by, cmd, earliest).await?;
            let mut changed = Vec::new();
            if terms.title != k.terms.title || terms.description != k.terms.description {
                changed.push("title");
            }
            if terms.owner != k.terms.owner {
                changed.push("owner");
            }
            if terms.due_on != k.terms.due_on {
                changed.push("due_on");
            }
            if terms.confidentiality != k.terms.confidentiality || terms.public != k.terms.public {
                changed.push("confidentiality");
            }
            if changed.is_empty() {
                return Ok(());
            }
            if terms.owner != k.terms.owner || terms.due_on != k.terms.due_on {
                // A new owner or day: the reminders start again.
                k.reminded = String::new();
            }
            k.terms = terms;
            store::update(tx, &k, at).await?;
            let body = changed.join(", ");
            let line = NewLine::new(record(id), at, tx.actor(), LineKind::Changed, &body, false);
            timeline::add_one::<LineKind, Status>(tx, &line).await?;
            tx.record(
                CommitmentAction::Update,
                id,
                json!({"changed": changed, "owner": k.terms.owner,
                       "due_on": values::day_text(k.terms.due_on)}),
            );
            Ok(())
        })
        .await
    }

    /// Records a commitment's progress: begun, kept (with the evidence), dropped (with the
    /// reason), or open again.
    pub async fn progress(&self, by: &User, id: i64, cmd: &Progress) -> AppResult<Status> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::KeepCommitments))?;
        let to = Status::parse(&cmd.status).map_err(|c| AppError::field("status", c))?;
        door.change(async |tx| {
            let at = tx.at;
            let mut k = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            let from = k.status;
            let note = rules::progress(from, to, &cmd.note)
                .map_err(|(field, code)| AppError::field(field, code))?;
            k.status = to;
            if !to.is_open() {
                k.evidence = note.clone();
                k.closed_at = Some(at);
            } else if !from.is_open() {
                k.evidence = String::new();
                k.closed_at = None;
            }
            store::update(tx, &k, at).await?;
            let line = NewLine {
                changed_from: Some(from),
                changed_to: Some(to),
                ..NewLine::new(record(id), at, tx.actor(), LineKind::Progress, &note, false)
            };
            timeline::add_one(tx, &line).await?;
            tx.record(
                CommitmentAction::Progress,
                id,
                json!({"status": [from.as_str(), to.as_str()]}),
            );
            Ok(to)
        })
        .await
    }

    /// New terms sent, checked (due today or later).
    pub(crate) async fn checked(&self, by: &User, cmd: &SaveCommitment) -> AppResult<rules::Terms> {
        let today = self.app.today().await?;
        self.checked_from(by, cmd, today).await
    }

    /// The terms sent, checked; the owner an active staff member who may keep commitments.
    async fn checked_from(
        &self,
        by: &User,
        cmd: &SaveCommitment,
        earliest: Day,
    ) -> AppResult<rules::Terms> {
        let mut errors = FieldErrors::new();
        let owner = match cmd.owner.trim() {
            "" | "me" => Some(by.id),
            sent => {
                let mut c = self.app.store.read().await?;
                match sent.parse::<i64>() {
                    Ok(id) => match users::get(&mut c, id).await? {
                        Some(u) if u.active && u.role.may(Permission::KeepCommitments) => Some(id),
                        _ => None,
                    },
                    Err(_) => None,
                }
            }
        };
        let terms = rules::terms(
            &cmd.title,
            &cmd.description,
            owner,
            &cmd.due_on,
            &cmd.confidentiality,
            cmd.public.is_set(),
            earliest,
            &mut errors,
        );
        errors.into_result()?;
        terms.ok_or(AppError::Internal("commitment checked without errors"))
    }
}

/// Records commitment `terms` in the caller's transaction (by hand, on a concern, as a term
/// of a mediation's agreement, at an engagement): its row, its first line, its audit entry.
pub(crate) async fn land(
    tx: &mut Change<'_>,
    terms: &rules::Terms,
    source: Source,
    origin: Origin,
    by: Option<i64>,
) -> AppResult<i64> {
    let at = tx.at;
    let id = store::insert(tx, terms, source, origin, by, at).await?;
    let line = NewLine::new(
        record(id),
        at,
        tx.actor(),
        LineKind::Made,
        &terms.title,
        false,
    );
    timeline::add_one::<LineKind, Status>(tx, &line).await?;
    tx.record(
        CommitmentAction::Create,
        id,
        json!({"source": source.as_str(), "concern": origin.concern,
               "mediation": origin.mediation, "engagement": origin.engagement,
               "owner": terms.owner, "due_on": values::day_text(terms.due_on)}),
    );
    Ok(id)
}

fn record(id: i64) -> RecordRef {
    RecordRef {
        kind: RecordKind::Commitment,
        id,
    }
}

fn standing(k: &Commitment, today: Day) -> Standing {
    Standing::of(k.terms.due_on, !k.status.is_open(), today)
}

impl App {
    /// The reminders' job: tells each owner once the day before a commitment comes due,
    /// and once when it is late, by mail through the outbox.
    pub(crate) async fn remind_commitments(&self, _job: &Job) -> AppResult<()> {
        let office = self.office().settings().await?;
        let today = self.today().await?;
        let tomorrow = today.succ_opt().unwrap_or(today);
        let yesterday = today.pred_opt().unwrap_or(today);
        for (stage, by) in [("late", yesterday), ("due", tomorrow)] {
            let due = {
                let mut c = self.store.read().await?;
                store::to_remind(&mut c, by, stage, REMIND_BATCH).await?
            };
            for k in due {
                let door = self.door(Caller::System("commitment reminders"))?;
                let (office_name, app) = (&office.name, self);
                door.change(async |tx| {
                    store::reminded(tx, k.id, stage).await?;
                    let owner = users::get(tx, k.terms.owner).await?;
                    if let Some(owner) = owner.filter(|u| u.active) {
                        let due_on = values::day_text(k.terms.due_on);
                        let path = format!("/staff/commitments/{}", k.id);
                        let letter = Letter::CommitmentDue {
                            title: &k.terms.title,
                            due_on: &due_on,
                            late: stage == "late",
                            path: &path,
                        };
                        let news = News::Commitment;
                        notify(
                            app,
                            tx,
                            &owner,
                            news,
                            (letter, &path),
                            record(k.id),
                            office_name,
                        )
                        .await?;
                    }
                    tx.record(CommitmentAction::Remind, k.id, json!({"stage": stage}));
                    Ok(())
                })
                .await?;
            }
        }
        Ok(())
    }

    /// Queues the reminders' job when its hour has come, once across all nodes.
    pub(crate) async fn schedule_reminders(&self) -> AppResult<bool> {
        let mut tx = self.store.write().await?;
        let queued = jobs::claim_schedule(
            &mut tx,
            self.store.backend(),
            REMINDERS,
            now(),
            REMINDERS_EVERY,
        )
        .await?;
        tx.commit().await?;
        Ok(queued.is_some())
    }
}
