//! Escalation, run by the background jobs: the sweep that applies each category's rules to
//! the concerns whose targets passed since it last ran, and administrators setting the
//! rules.
//!
//! The sweep is scheduled work (`jobs::claim_schedule`): every minute, whichever node moves
//! the schedule on queues one sweep, so it runs once across all nodes. It reads only the
//! deadlines that fell since the last sweep (plus a few minutes' slack) from each
//! category's index on them, so its cost follows what came due, not the office's history.
//! Each rule acts on a concern once: its `escalations` row is written in the transaction
//! of what it did, and a second attempt (a node that took over a lapsed claim) writes
//! nothing.

use chrono::{DateTime, Utc};
use liaison_domain::appeals::Window;
use liaison_domain::concerns::{Action, Clock, LineKind, Status};
use liaison_domain::escalation::{working_days_before, Rule, Rules, MAX_DAYS};
use liaison_domain::notifications::News;
use liaison_domain::permissions::{Permission, Role};
use liaison_domain::records::RecordRef;
use liaison_domain::visibility::Sight;
use liaison_mail::Letter;
use liaison_store::concerns::NewLine;
use liaison_store::jobs::Job;
use liaison_store::users::User;
use liaison_store::{appeals, categories, concerns, escalations, jobs, now, timeline, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::door::Caller;
use crate::notifications::notify;
use crate::office::{Office, OfficeAction};
use crate::{App, AppError, AppResult, Flag, Text};

/// The job of the escalation sweep, and its schedule's name.
pub(crate) const SWEEP: &str = "escalation_sweep";
/// How often the sweep runs (seconds).
const EVERY: i64 = 60;
/// Deadlines this long before the last sweep are looked at again (seconds): a concern
/// committed late, or a node's clock a little behind, is not missed.
const SLACK: i64 = 300;
/// Concerns read at once.
const BATCH: i64 = 500;

/// A category's escalation rules as a form or JSON body sends them
/// (`POST /staff/admin/categories/{id}/rules`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveRules {
    /// Tell the supervisors when a concern is not acknowledged by its target.
    pub tell_unacknowledged: Flag,
    /// Escalate a concern unresolved this many working days past its target (0 to 90);
    /// empty: never.
    pub escalate_after_days: Text,
    /// The id of the active staff member it is escalated to; empty: the supervisors are
    /// told.
    pub escalate_to: Text,
    /// Days after a decision during which the reporter may appeal it (0 to 365; 0: no
    /// appeal); empty: 30.
    pub appeal_days: Text,
    /// Calendar days to review an appeal (1 to 90); empty: 14.
    pub appeal_review_days: Text,
}

impl Office<'_> {
    /// A category's escalation rules (none set: no rule acts) and its appeal window.
    pub async fn rules(&self, category_id: i64) -> AppResult<(Rules, Window)> {
        let mut c = self.app.store.read().await?;
        Ok((
            escalations::of(&mut c, category_id).await?,
            appeals::window(&mut c, category_id).await?,
        ))
    }

    /// Sets a category's escalation rules (administrators). They act on deadlines that pass
    /// from now on.
    pub async fn save_rules(
        &self,
        by: &User,
        category_id: i64,
        rules: &SaveRules,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        let mut errors = liaison_domain::FieldErrors::new();
        let days = match rules.escalate_after_days.trim() {
            "" => None,
            d => match d.parse::<u32>() {
                Ok(n) if n <= MAX_DAYS => Some(n),
                _ => errors.take("escalate_after_days", Err("error-escalation-days")),
            },
        };
        let to = match rules.escalate_to.trim() {
            "" => None,
            id => {
                let mut c = self.app.store.read().await?;
                match id.parse::<i64>() {
                    Ok(id) => match users::get(&mut c, id).await? {
                        Some(u) if u.active && u.role.may(Permission::WorkOnConcerns) => Some(id),
                        _ => errors.take("escalate_to", Err("error-choice")),
                    },
                    Err(_) => errors.take("escalate_to", Err("error-choice")),
                }
            }
        };
        let default = Window::default();
        let or = |t: &Text, d: u32| match t.trim() {
            "" => d.to_string(),
            s => s.to_string(),
        };
        let window = match Window::parse(
            &or(&rules.appeal_days, default.days),
            &or(&rules.appeal_review_days, default.review_days),
        ) {
            Ok(w) => Some(w),
            Err(wrong) => {
                for (field, code) in wrong {
                    errors.add(field, code);
                }
                None
            }
        };
        errors.into_result()?;
        let window = window.unwrap_or_default();
        let new = Rules {
            tell_unacknowledged: rules.tell_unacknowledged.is_set(),
            escalate_after_days: days,
            escalate_to: to,
        };
        door.change(async |tx| {
            let at = tx.at;
            categories::get(tx, category_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let before = escalations::of(tx, category_id).await?;
            let was = appeals::window(tx, category_id).await?;
            if before == new && was == window {
                return Ok(());
            }
            escalations::save(tx, category_id, &new, at).await?;
            appeals::save_window(tx, category_id, window, at).await?;
            tx.record(
                OfficeAction::CategoryRules,
                category_id,
                json!({
                    "tell_unacknowledged": [before.tell_unacknowledged, new.tell_unacknowledged],
                    "escalate_after_days": [before.escalate_after_days, new.escalate_after_days],
                    "escalate_to": [before.escalate_to, new.escalate_to],
                    "appeal_days": [was.days, window.days],
                    "appeal_review_days": [was.review_days, window.review_days],
                }),
            );
            Ok(())
        })
        .await
    }
}

impl App {
    /// Queues the scheduled work that is due (the escalation sweep, the commitments'
    /// reminders), once across all nodes.
    pub async fn run_schedules(&self) -> AppResult<()> {
        let mut tx = self.store.write().await?;
        let queued =
            jobs::claim_schedule(&mut tx, self.store.backend(), SWEEP, now(), EVERY).await?;
        tx.commit().await?;
        let reminders = self.schedule_reminders().await?;
        let digest = self.schedule_digest().await?;
        let reports = self.schedule_report_sending().await?;
        if queued.is_some() || reminders || digest || reports {
            self.jobs_ready.notify_one();
        }
        Ok(())
    }

    /// One sweep: each category's rules applied to the deadlines that fell since the last
    /// sweep (`job.subject_id`) and now.
    pub(crate) async fn sweep(&self, job: &Job) -> AppResult<()> {
        let (after, until) = (job.subject_id - SLACK, now());
        let rules = {
            let mut c = self.store.read().await?;
            escalations::all(&mut c).await?
        };
        let office = self.office().settings().await?;
        let time = |t: i64| DateTime::<Utc>::from_timestamp(t, 0).unwrap_or_default();
        for (category, rules) in rules.iter().filter(|(_, r)| r.any()) {
            if rules.tell_unacknowledged {
                self.apply(
                    *category,
                    Rule::Unacknowledged,
                    rules,
                    after,
                    until,
                    &office.name,
                )
                .await?;
            }
            if let Some(days) = rules.escalate_after_days {
                // Deadlines `days` working days before the window are the ones now past.
                let shift =
                    |t: i64| working_days_before(time(t), days, &office.calendar).timestamp();
                self.apply(
                    *category,
                    Rule::Overdue,
                    rules,
                    shift(after),
                    shift(until),
                    &office.name,
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Applies `rule` to the category's concerns whose deadline fell in `(after, until]`.
    async fn apply(
        &self,
        category: i64,
        rule: Rule,
        rules: &Rules,
        after: i64,
        until: i64,
        office: &str,
    ) -> AppResult<()> {
        loop {
            let due = {
                let mut c = self.store.read().await?;
                escalations::due(&mut c, category, rule, after, until, BATCH).await?
            };
            for id in &due {
                self.escalate(*id, rule, rules, office).await?;
            }
            if (due.len() as i64) < BATCH {
                return Ok(());
            }
        }
    }

    /// What `rule` does to concern `id`, once.
    async fn escalate(&self, id: i64, rule: Rule, rules: &Rules, office: &str) -> AppResult<()> {
        let door = self.door(Caller::System("escalation rules"))?;
        let settings = self.office().settings().await?;
        door.change(async |tx| {
            let (at, who) = (tx.at, tx.actor());
            if !escalations::record(tx, id, rule, at).await? {
                // Acted on already: nothing recorded, so nothing commits.
                return Ok(());
            }
            let mut x = concerns::get(tx, id, Sight::Everything)
                .await?
                .ok_or(AppError::NotFound)?;
            let category = categories::get(tx, x.category_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut changes = json!({"rule": rule.as_str()});
            let mut to: Option<User> = None;
            if rule == Rule::Overdue {
                let clock = Clock {
                    acknowledge: category.fields.acknowledge,
                    resolve: category.fields.resolve,
                    calendar: &settings.calendar,
                };
                let mut handling = x.handling();
                if let Ok(from) = handling.take(Action::Escalate, Role::Administrator, at, &clock) {
                    x.set_handling(handling);
                    let line = NewLine {
                        changed_from: Some(from),
                        changed_to: Some(Status::Escalated),
                        ..NewLine::new(
                            RecordRef::concern(id),
                            at,
                            who,
                            LineKind::Transition,
                            "",
                            true,
                        )
                    };
                    timeline::add_one(tx, &line).await?;
                    changes["status"] = json!([from.as_str(), Status::Escalated.as_str()]);
                }
                if let Some(user) = rules.escalate_to {
                    to = users::get(tx, user).await?.filter(|u| u.active);
                }
                if let Some(u) = to.as_ref().filter(|u| x.assignee_id != Some(u.id)) {
                    changes["assignee"] = json!([x.assignee_id, u.id]);
                    x.assignee_id = Some(u.id);
                    let line = NewLine::new(
                        RecordRef::concern(id),
                        at,
                        who,
                        LineKind::Assigned,
                        &u.name,
                        false,
                    );
                    timeline::add_one(tx, &line).await?;
                }
            }
            x.updated_at = at;
            concerns::update(tx, &x).await?;
            let line = NewLine::new(
                RecordRef::concern(id),
                at,
                who,
                LineKind::Escalation,
                rule.as_str(),
                false,
            );
            timeline::add_one(tx, &line).await?;
            let candidates = match to {
                Some(u) => vec![u],
                None => users::list(tx)
                    .await?
                    .into_iter()
                    .filter(|u| u.active && u.role == Role::Supervisor)
                    .collect(),
            };
            // Only those the concern is not kept from (a sensitive category's team, not the
            // person it is about).
            let mut recipients = Vec::new();
            for u in candidates {
                if concerns::get(tx, id, u.role.sight(u.id)).await?.is_some() {
                    recipients.push(u);
                }
            }
            if recipients.is_empty() {
                // A sensitive category's concern, kept from the supervisors: its team hears.
                let (sensitive, team) = liaison_store::teams::of(tx, x.category_id).await?;
                for member in team.into_iter().filter(|_| sensitive) {
                    if let Some(u) = users::get(tx, member).await?.filter(|u| u.active) {
                        if concerns::get(tx, id, u.role.sight(u.id)).await?.is_some() {
                            recipients.push(u);
                        }
                    }
                }
            }
            let path = format!("/staff/concerns/{id}");
            let name = &category.fields.name;
            let letter = match rule {
                Rule::Unacknowledged => Letter::Unacknowledged {
                    reference: &x.reference,
                    category: name,
                    path: &path,
                },
                Rule::Overdue => Letter::Escalated {
                    reference: &x.reference,
                    category: name,
                    days: rules.escalate_after_days.unwrap_or_default(),
                    path: &path,
                },
            };
            for u in &recipients {
                let about = RecordRef::concern(id);
                notify(self, tx, u, News::Escalated, (letter, &path), about, office).await?;
            }
            changes["told"] = json!(recipients.iter().map(|u| u.id).collect::<Vec<_>>());
            tx.record(crate::concerns::ConcernAction::Escalation, id, changes);
            Ok(())
        })
        .await
    }
}
