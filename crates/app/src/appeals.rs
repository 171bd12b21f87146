//! Appeals: the reporter asks for a decision on their concern (resolved, or not taken up) to
//! be looked at again, on the tracking page or through an officer (by phone, at a visit, at
//! a meeting, by email), within the category's window. The concern becomes `appealed`,
//! with the review's own deadline; a supervisor other than the person who took the decision
//! upholds it (the concern is closed) or overturns it (it is worked on again), through the
//! workflow's `uphold` and `overturn` steps ([`crate::concerns::Concerns::act`]). The
//! reporter is told at each step.

use chrono::DateTime;
use liaison_domain::appeals::Window;
use liaison_domain::concerns::{transition, Action, Clock, LineKind, Status};
use liaison_domain::permissions::{Permission, Role};
use liaison_domain::records::RecordRef;
use liaison_domain::values;
use liaison_mail::Letter;
use liaison_store::appeals::{self, Appeal};
use liaison_store::concerns::{self, NewLine};
use liaison_store::{timeline, users, Conn};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::accounts::User;
use crate::concerns::{tell_reporter, tracking_key, visible, Concern, ConcernAction, Concerns};
use crate::door::{Caller, Change};
use crate::office::OfficeSettings;
use crate::{AppError, AppResult, Text};

/// How a reporter's appeal reached the office, when an officer records it.
pub const VIA: &[&str] = &["phone", "visit", "meeting", "email"];

/// An appeal (`POST /track/appeal` with the code; staff: `POST /staff/concerns/{id}/appeal`,
/// `POST /api/v1/concerns/{id}/appeal`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LodgeAppeal {
    /// Why the reporter disagrees with the decision, in their words: 1 to 4000 characters.
    #[schema(required = true)]
    pub grounds: Text,
    /// Staff only: how the reporter made it: `phone`, `visit`, `meeting` or `email`.
    pub via: Text,
}

/// An appeal as staff see it, with the names of those who decided and reviewed.
#[derive(Debug, Clone)]
pub struct AppealView {
    pub appeal: Appeal,
    /// Who took the decision appealed (they may not review it).
    pub decided_by: Option<String>,
    /// Who reviewed it.
    pub reviewed_by: Option<String>,
}

impl Concerns<'_> {
    /// The holder of a tracking code appeals the decision on their concern.
    pub async fn appeal_by_code(&self, code: &str, appeal: &LodgeAppeal) -> AppResult<()> {
        let door = self.app.door(Caller::Resident)?;
        let code = values::normalize_tracking_code(code).ok_or(AppError::NotFound)?;
        let grounds = grounds(appeal)?;
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let x = concerns::by_tracking_hash(tx, &tracking_key(&code))
                .await?
                .ok_or(AppError::NotFound)?;
            self.land_appeal(tx, x, &grounds, "portal", None, &office)
                .await
        })
        .await
    }

    /// An officer records a reporter's appeal made by phone, at a visit, a meeting or by
    /// email.
    pub async fn appeal(&self, by: &User, id: i64, appeal: &LodgeAppeal) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::WorkOnConcerns))?;
        let grounds = grounds(appeal)?;
        let via = match appeal.via.trim() {
            v if VIA.contains(&v) => v.to_string(),
            _ => return Err(AppError::field("via", "error-choice")),
        };
        let office = self.app.office().settings().await?;
        door.change(async |tx| {
            let x = visible(tx, by, id).await?;
            // Partners work on what they are given; appeals are the office's to take in.
            if transition(Status::Resolved, Action::Appeal, by.role).is_err() {
                return Err(AppError::Forbidden);
            }
            self.land_appeal(tx, x, &grounds, &via, Some(by.id), &office)
                .await
        })
        .await
    }

    /// A concern's appeals, for its staff page.
    pub async fn appeals(&self, by: &User, id: i64) -> AppResult<Vec<AppealView>> {
        let mut c = self.app.store.read().await?;
        visible(&mut c, by, id).await?;
        let mut views = Vec::new();
        for appeal in appeals::of_concern(&mut c, id).await? {
            views.push(AppealView {
                decided_by: name(&mut c, appeal.decision.by).await?,
                reviewed_by: name(&mut c, appeal.reviewed_by).await?,
                appeal,
            });
        }
        Ok(views)
    }

    /// Until when the reporter of concern `x` may appeal its decision now, if they may.
    pub(crate) async fn appeal_until(&self, c: &mut Conn, x: &Concern) -> AppResult<Option<i64>> {
        Ok(appealable(c, x, liaison_store::now())
            .await?
            .map(|(window, decision)| window.open_until(decision.at)))
    }

    async fn land_appeal(
        &self,
        tx: &mut Change<'_>,
        mut x: Concern,
        grounds: &str,
        via: &str,
        lodged_by: Option<i64>,
        office: &OfficeSettings,
    ) -> AppResult<()> {
        let (at, who, backend) = (tx.at, tx.actor(), tx.backend());
        let (window, decision) = appealable(tx, &x, at)
            .await?
            .ok_or(AppError::field("grounds", "error-appeal-not-now"))?;
        let category = liaison_store::categories::get(tx, x.category_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let clock = Clock {
            acknowledge: category.fields.acknowledge,
            resolve: category.fields.resolve,
            calendar: &office.calendar,
        };
        let mut handling = x.handling();
        // The reporter's own right, within the window checked above: no role is asked.
        let from = handling
            .take(Action::Appeal, Role::Administrator, at, &clock)
            .map_err(|_| AppError::field("grounds", "error-appeal-not-now"))?;
        let lodged = DateTime::from_timestamp(at, 0).unwrap_or_default();
        handling.resolve_due_at = window.review().due(lodged, &office.calendar).timestamp();
        x.set_handling(handling);
        x.updated_at = at;
        concerns::update(tx, &x).await?;
        let line = NewLine {
            changed_from: Some(from),
            changed_to: Some(Status::Appealed),
            ..NewLine::new(
                RecordRef::concern(x.id),
                at,
                who,
                LineKind::Transition,
                grounds,
                true,
            )
        };
        timeline::add_one(tx, &line).await?;
        concerns::reindex(tx, backend, x.id).await?;
        let appeal = Appeal {
            id: 0,
            concern_id: x.id,
            lodged_at: at,
            via: via.to_string(),
            grounds: grounds.to_string(),
            lodged_by,
            decision,
            due_at: handling.resolve_due_at,
            outcome: None,
            reviewed_by: None,
            reviewed_at: None,
            reason: None,
        };
        appeals::insert(tx, &appeal).await?;
        let letter = Letter::AppealReceived {
            reference: &x.reference,
            review_days: window.review_days,
        };
        tell_reporter(self.app, tx, &x, &office.name, letter).await?;
        tx.record(
            ConcernAction::Transition,
            x.id,
            json!({"action": Action::Appeal.as_str(), "status": [from.as_str(), Status::Appealed.as_str()], "via": via}),
        );
        Ok(())
    }
}

/// The appeal concern `x` is under, checked for `by` to review: never by the person who
/// took the decision appealed.
pub(crate) async fn under_review(c: &mut Conn, by: &User, x: &Concern) -> AppResult<Appeal> {
    let appeal = appeals::of_concern(c, x.id)
        .await?
        .into_iter()
        .rev()
        .find(|a| a.outcome.is_none())
        .ok_or(AppError::field("action", "error-not-now"))?;
    if appeal.decision.by == Some(by.id) {
        return Err(AppError::field("action", "error-appeal-own-decision"));
    }
    Ok(appeal)
}

/// Whether concern `x`'s decision may be appealed at `at`: its window and the decision.
/// Not when it is not decided, when the window has closed, or when this decision was
/// appealed already.
async fn appealable(
    c: &mut Conn,
    x: &Concern,
    at: i64,
) -> AppResult<Option<(Window, appeals::Decision)>> {
    if Action::Appeal.target(x.status).is_none() {
        return Ok(None);
    }
    let Some(decision) = appeals::last_decision(c, x.id).await? else {
        return Ok(None);
    };
    let window = appeals::window(c, x.category_id).await?;
    if !window.is_open(decision.at, at) {
        return Ok(None);
    }
    let appealed = appeals::of_concern(c, x.id)
        .await?
        .iter()
        .any(|a| a.decision.line == decision.line);
    Ok((!appealed).then_some((window, decision)))
}

fn grounds(appeal: &LodgeAppeal) -> AppResult<String> {
    values::text(&appeal.grounds, 1, 4000).map_err(|c| AppError::field("grounds", c))
}

async fn name(c: &mut Conn, id: Option<i64>) -> AppResult<Option<String>> {
    Ok(match id {
        Some(id) => users::get(c, id).await?.map(|u| u.name),
        None => None,
    })
}
