//! The engagement log: logging each contact with the register's people and organizations,
//! its follow-ups, each officer's task list, and the key stakeholders nobody has contacted
//! lately. `app.interactions()`.
//!
//! Who sees what: partners see nothing of it; viewers read it; officers, supervisors and
//! administrators log interactions and keep follow-ups. A confidential interaction is seen
//! by the officer who logged it, supervisors and administrators only; its participants are
//! shown only to those who may see them.

use liaison_domain::audit::InteractionAction;
use liaison_domain::interactions::{
    self as rules, FollowUpTerms, InteractionInput, InteractionLine,
};
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::Day;
use liaison_domain::FieldErrors;
use liaison_store::interactions as store;
use liaison_store::timeline::{self, NewLine};
use liaison_store::users;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use liaison_domain::interactions::{Interaction, InteractionKind, Standing};
pub use liaison_store::interactions::{Filter, FollowUp, Logged};

use crate::accounts::User;
use crate::door::Caller;
use crate::stakeholders::Stakeholder;
use crate::{actor, require, App, AppError, AppResult, List, Text};

/// A line of an interaction's own timeline.
pub type Line = timeline::Line<InteractionLine, InteractionLine>;

/// The engagement log. `app.interactions()`.
#[derive(Clone, Copy)]
pub struct Interactions<'a> {
    pub(crate) app: &'a App,
}

/// An interaction logged (`POST /staff/interactions`, `POST /api/v1/interactions`) or
/// changed (the same to its own page; follow-ups are then left as they are).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LogInteraction {
    /// How the contact was made: `meeting`, `call`, `visit`, `email`, `letter`, `message`,
    /// `social_media` or `chance_encounter`.
    #[schema(required = true)]
    pub kind: Text,
    /// The day it happened (`2026-12-07`): today or before.
    #[schema(required = true)]
    pub happened_on: Text,
    /// What was said and agreed: 1 to 10,000 characters.
    #[schema(required = true)]
    pub summary: Text,
    /// The people who took part: each an id (`12`, `#12`) or a name as the register holds
    /// it (refused with `error-ambiguous` when several match, `error-no-match` when none).
    /// With `organizations`, at least one and at most 100.
    pub people: List,
    /// The organizations that took part, each an id or a name.
    pub organizations: List,
    /// Ids of the staff who took part; empty for the one logging it.
    pub officers: List,
    /// Topics, each up to 40 characters (a form may send several separated by commas); at
    /// most 20.
    pub topics: List,
    /// The attitude toward the organization the officers observed: `supportive`,
    /// `leaning_supportive`, `neutral`, `leaning_opposed`, `opposed`, or empty.
    pub attitude: Text,
    /// `public` (any staff member), `restricted` (the default) or `confidential` (the
    /// officer logging it, supervisors and administrators).
    pub confidentiality: Text,
    /// Follow-ups promised, one per entry (empty entries are skipped); with
    /// `follow_up_owner` and `follow_up_due_on` at the same positions. Only when logged.
    pub follow_up: List,
    /// Each follow-up's owner: a staff member's id; empty for the one logging it.
    pub follow_up_owner: List,
    /// Each follow-up's due day (`2026-12-14`): today or later.
    pub follow_up_due_on: List,
}

/// A follow-up added to an interaction later (`POST /staff/interactions/{id}/follow-ups`,
/// `POST /api/v1/interactions/{id}/follow-ups`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AddFollowUp {
    /// What is to be done: 1 to 500 characters.
    #[schema(required = true)]
    pub follow_up: Text,
    /// Its owner: a staff member's id; empty for the one adding it.
    pub follow_up_owner: Text,
    /// Its due day (`2026-12-14`): today or later.
    #[schema(required = true)]
    pub follow_up_due_on: Text,
}

/// An interaction with what the reader may see of it.
#[derive(Debug, Clone)]
pub struct View {
    /// The interaction.
    pub logged: Logged,
    /// Its participants the reader may see, in the order given.
    pub participants: Vec<Stakeholder>,
    /// How many took part that the reader may not see.
    pub hidden: usize,
    /// Its own timeline, newest first.
    pub timeline: Vec<Line>,
}

/// A follow-up on a task list, with the interaction it was promised in.
#[derive(Debug, Clone)]
pub struct Task {
    /// The follow-up.
    pub follow_up: FollowUp,
    /// Its interaction, when the reader may see it.
    pub interaction: Option<store::Brief>,
    /// Where it stands today.
    pub standing: Standing,
}

/// A key stakeholder nobody has contacted lately.
#[derive(Debug, Clone)]
pub struct Neglected {
    /// The person or organization.
    pub stakeholder: Stakeholder,
    /// The day they were last contacted, if ever.
    pub last_contacted: Option<Day>,
}

impl Interactions<'_> {
    /// Logs an interaction with its follow-ups; answers its id.
    pub async fn log(&self, by: &User, cmd: &LogInteraction) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::LogInteractions))?;
        let today = self.app.today().await?;
        let mut errors = FieldErrors::new();
        let interaction = self.checked(by, cmd, today, &mut errors).await?;
        let follow_ups = self.follow_ups(by, cmd, today, &mut errors).await?;
        errors.into_result()?;
        let Some(interaction) = interaction else {
            return Err(AppError::Internal("interaction checked without errors"));
        };
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let id = store::insert(tx, &interaction, by.id, &follow_ups, at).await?;
            let record = RecordRef {
                kind: RecordKind::Interaction,
                id,
            };
            let line: NewLine<'_, InteractionLine, InteractionLine> =
                NewLine::new(record, at, &actor, InteractionLine::Created, "", false);
            timeline::add(tx, backend, &[line]).await?;
            // No summary or name in the trail: it is append-only, and a participant may
            // ask to be erased.
            tx.record(
                InteractionAction::Create,
                id,
                json!({
                    "kind": interaction.kind.as_str(),
                    "happened_on": liaison_domain::values::day_text(interaction.happened_on),
                    "participants": interaction.participants.iter()
                        .map(|p| [p.kind.as_str().to_string(), p.id.to_string()])
                        .collect::<Vec<_>>(),
                    "officers": interaction.officers,
                    "follow_ups": follow_ups.len(),
                    "confidentiality": interaction.confidentiality.as_str(),
                }),
            );
            Ok(id)
        })
        .await
    }

    /// Writes an interaction's new details over the old (its follow-ups stay).
    pub async fn update(&self, by: &User, id: i64, cmd: &LogInteraction) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::LogInteractions))?;
        let sight = by.role.sight(by.id);
        let before = {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, id, sight)
                .await?
                .ok_or(AppError::NotFound)?
        };
        let mut errors = FieldErrors::new();
        // A participant the editor may not see stays, unseen.
        let hidden = self.hidden_participants(by, &before.interaction).await?;
        let checked = self
            .checked(by, cmd, self.app.today().await?, &mut errors)
            .await?;
        errors.into_result()?;
        let Some(mut after) = checked else {
            return Err(AppError::Internal("interaction checked without errors"));
        };
        after.participants.extend(hidden);
        let changed = changed_fields(&before.interaction, &after);
        if changed.is_empty() {
            return Ok(());
        }
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            store::update(tx, id, &before.interaction, &after, at).await?;
            let record = RecordRef {
                kind: RecordKind::Interaction,
                id,
            };
            let fields = changed.join(", ");
            let line: NewLine<'_, InteractionLine, InteractionLine> =
                NewLine::new(record, at, &actor, InteractionLine::Changed, &fields, false);
            timeline::add(tx, backend, &[line]).await?;
            tx.record(InteractionAction::Update, id, json!({ "fields": changed }));
            Ok(())
        })
        .await
    }

    /// Adds a follow-up to an interaction; answers its id.
    pub async fn add_follow_up(
        &self,
        by: &User,
        interaction: i64,
        cmd: &AddFollowUp,
    ) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::LogInteractions))?;
        self.visible(by, interaction).await?;
        let today = self.app.today().await?;
        let mut errors = FieldErrors::new();
        let owner = self.owner(by, &cmd.follow_up_owner, &mut errors).await?;
        let terms = rules::follow_up(
            &cmd.follow_up,
            owner,
            &cmd.follow_up_due_on,
            today,
            &mut errors,
        );
        errors.into_result()?;
        let Some(terms) = terms else {
            return Err(AppError::Internal("follow-up checked without errors"));
        };
        door.change(async |tx| {
            let at = tx.at;
            let id = store::add_follow_up(tx, interaction, &terms, at).await?;
            tx.record(
                InteractionAction::FollowUpCreate,
                id,
                json!({
                    "interaction": interaction,
                    "owner": terms.owner,
                    "due_on": liaison_domain::values::day_text(terms.due_on),
                }),
            );
            Ok(id)
        })
        .await
    }

    /// Marks a follow-up done (`done`) or open again; nothing when it already stands so.
    pub async fn set_done(&self, by: &User, id: i64, done: bool) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::LogInteractions))?;
        let found = {
            let mut c = self.app.store.read().await?;
            store::follow_up(&mut c, id)
                .await?
                .ok_or(AppError::NotFound)?
        };
        self.visible(by, found.interaction_id).await?;
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let now = store::follow_up(tx, id).await?.ok_or(AppError::NotFound)?;
            if now.done_at.is_some() == done {
                return Ok(());
            }
            store::set_done(tx, id, done.then_some((by.id, at))).await?;
            let (kind, action) = if done {
                (
                    InteractionLine::FollowUpDone,
                    InteractionAction::FollowUpDone,
                )
            } else {
                (
                    InteractionLine::FollowUpReopened,
                    InteractionAction::FollowUpReopen,
                )
            };
            let record = RecordRef {
                kind: RecordKind::Interaction,
                id: found.interaction_id,
            };
            let body = id.to_string();
            let line: NewLine<'_, InteractionLine, InteractionLine> =
                NewLine::new(record, at, &actor, kind, &body, false);
            timeline::add(tx, backend, &[line]).await?;
            tx.record(action, id, json!({ "interaction": found.interaction_id }));
            Ok(())
        })
        .await
    }

    /// An interaction with what `by` may see of it.
    pub async fn get(&self, by: &User, id: i64) -> AppResult<View> {
        let logged = self.visible(by, id).await?;
        let participants = self
            .app
            .stakeholders()
            .visible_records(by, &logged.interaction.participants)
            .await?;
        let mut c = self.app.store.read().await?;
        let mut lines: Vec<Line> = timeline::of(
            &mut c,
            RecordRef {
                kind: RecordKind::Interaction,
                id,
            },
            false,
        )
        .await?;
        lines.reverse();
        Ok(View {
            hidden: logged.interaction.participants.len() - participants.len(),
            participants,
            logged,
            timeline: lines,
        })
    }

    /// A page of the engagement log that `by` may see, newest first, with the participants
    /// they may see of each, and where the next page starts.
    pub async fn list(
        &self,
        by: &User,
        filter: &Filter,
    ) -> AppResult<(Vec<(Logged, Vec<Stakeholder>)>, Option<(Day, i64)>)> {
        require(by, Permission::ReadStakeholders)?;
        if let Some(p) = filter.participant {
            // Not seen is not there: no list of a hidden person's interactions.
            self.app.stakeholders().get(by, p).await?;
        }
        let (found, next) = {
            let mut c = self.app.store.read().await?;
            store::list(&mut c, filter, by.role.sight(by.id)).await?
        };
        let mut refs: Vec<RecordRef> = found
            .iter()
            .flat_map(|x| x.interaction.participants.iter().copied())
            .collect();
        refs.sort();
        refs.dedup();
        let seen = self.app.stakeholders().visible_records(by, &refs).await?;
        let page = found
            .into_iter()
            .map(|x| {
                let who = x
                    .interaction
                    .participants
                    .iter()
                    .filter_map(|p| seen.iter().find(|s| s.record() == *p).cloned())
                    .collect();
                (x, who)
            })
            .collect();
        Ok((page, next))
    }

    /// `by`'s open follow-ups, soonest due first (overdue ones first of all), and where
    /// the next page starts.
    pub async fn tasks(
        &self,
        by: &User,
        after: Option<(Day, i64)>,
        limit: i64,
    ) -> AppResult<(Vec<Task>, Option<(Day, i64)>)> {
        require(by, Permission::LogInteractions)?;
        let today = self.app.today().await?;
        let mut c = self.app.store.read().await?;
        let (found, next) = store::open_follow_ups(&mut c, by.id, after, limit).await?;
        let mut ids: Vec<i64> = found.iter().map(|f| f.interaction_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let seen = store::briefs(&mut c, &ids, by.role.sight(by.id)).await?;
        let tasks = found
            .into_iter()
            .map(|f| Task {
                standing: Standing::of(f.terms.due_on, false, today),
                interaction: seen.iter().find(|x| x.id == f.interaction_id).cloned(),
                follow_up: f,
            })
            .collect();
        Ok((tasks, next))
    }

    /// Key stakeholders of one kind (high influence) that nobody has contacted for `days`
    /// days or more, never contacted first; where the next page starts.
    pub async fn not_contacted(
        &self,
        by: &User,
        kind: RecordKind,
        days: i64,
        after: Option<(Option<Day>, i64)>,
        limit: i64,
    ) -> AppResult<(Vec<Neglected>, Option<(Option<Day>, i64)>)> {
        require(by, Permission::ReadStakeholders)?;
        let since = self.app.today().await? - chrono::Duration::days(days.clamp(0, 3660) - 1);
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let (found, next) =
            store::not_contacted_since(&mut c, kind, since, after, limit, sight).await?;
        drop(c);
        let refs: Vec<RecordRef> = found
            .iter()
            .map(|(id, _)| RecordRef { kind, id: *id })
            .collect();
        let seen = self.app.stakeholders().visible_records(by, &refs).await?;
        let list = seen
            .into_iter()
            .map(|s| Neglected {
                last_contacted: found
                    .iter()
                    .find(|(id, _)| *id == s.id)
                    .and_then(|(_, d)| *d),
                stakeholder: s,
            })
            .collect();
        Ok((list, next))
    }

    /// Staff who may take part in interactions and own follow-ups.
    pub async fn officers(&self, by: &User) -> AppResult<Vec<User>> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        Ok(users::list(&mut c)
            .await?
            .into_iter()
            .filter(|u| u.active && u.role.may(Permission::LogInteractions))
            .collect())
    }

    /// An interaction `by` may see, or not found.
    async fn visible(&self, by: &User, id: i64) -> AppResult<Logged> {
        require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The participants of an interaction that `by` may not see.
    async fn hidden_participants(&self, by: &User, x: &Interaction) -> AppResult<Vec<RecordRef>> {
        let seen = self
            .app
            .stakeholders()
            .visible_records(by, &x.participants)
            .await?;
        Ok(x.participants
            .iter()
            .filter(|p| !seen.iter().any(|s| s.record() == **p))
            .copied()
            .collect())
    }

    /// The command checked into an interaction: participants named by id or name, the
    /// officers, and the interaction's own fields.
    async fn checked(
        &self,
        by: &User,
        cmd: &LogInteraction,
        today: Day,
        errors: &mut FieldErrors,
    ) -> AppResult<Option<Interaction>> {
        let mut participants = Vec::new();
        for (field, kind, named) in [
            ("people", RecordKind::Person, &cmd.people),
            (
                "organizations",
                RecordKind::Organization,
                &cmd.organizations,
            ),
        ] {
            for name in named.0.iter().filter(|n| !n.trim().is_empty()) {
                match self.app.stakeholders().resolve(by, kind, name).await? {
                    Ok(s) if s.erased_at.is_some() => errors.add(field, "error-erased"),
                    Ok(s) if !participants.contains(&s.record()) => participants.push(s.record()),
                    Ok(_) => {}
                    Err(code) => errors.add(field, code),
                }
            }
        }
        let mut officers = Vec::new();
        for o in cmd
            .officers
            .0
            .iter()
            .map(|o| o.trim())
            .filter(|o| !o.is_empty())
        {
            match self.officer(o).await? {
                Some(id) if !officers.contains(&id) => officers.push(id),
                Some(_) => {}
                None => errors.add("officers", "error-choice"),
            }
        }
        if officers.is_empty() {
            officers.push(by.id);
        }
        let input = InteractionInput {
            kind: &cmd.kind,
            happened_on: &cmd.happened_on,
            summary: &cmd.summary,
            topics: &cmd.topics.0,
            attitude: &cmd.attitude,
            confidentiality: &cmd.confidentiality,
        };
        Ok(rules::interaction(
            input,
            participants,
            officers,
            today,
            errors,
        ))
    }

    /// The follow-ups of a command, each checked; rows left wholly empty are skipped.
    async fn follow_ups(
        &self,
        by: &User,
        cmd: &LogInteraction,
        today: Day,
        errors: &mut FieldErrors,
    ) -> AppResult<Vec<FollowUpTerms>> {
        fn at(list: &List, i: usize) -> &str {
            list.0.get(i).map(String::as_str).unwrap_or("")
        }
        let rows = cmd.follow_up.0.len().max(cmd.follow_up_due_on.0.len());
        let mut out = Vec::new();
        for i in 0..rows {
            let (what, owner, due) = (
                at(&cmd.follow_up, i),
                at(&cmd.follow_up_owner, i),
                at(&cmd.follow_up_due_on, i),
            );
            if what.trim().is_empty() && due.trim().is_empty() {
                continue;
            }
            let owner = self.owner(by, owner, errors).await?;
            if let Some(f) = rules::follow_up(what, owner, due, today, errors) {
                out.push(f);
            }
        }
        if out.len() > rules::FOLLOW_UPS_MAX {
            errors.add("follow_up", "error-too-many");
        }
        Ok(out)
    }

    /// A follow-up's owner: the one named (who may keep follow-ups), or `by` when empty.
    async fn owner(
        &self,
        by: &User,
        sent: &str,
        errors: &mut FieldErrors,
    ) -> AppResult<Option<i64>> {
        if sent.trim().is_empty() {
            return Ok(Some(by.id));
        }
        let found = self.officer(sent.trim()).await?;
        if found.is_none() {
            errors.add("follow_up_owner", "error-choice");
        }
        Ok(found)
    }

    /// The id of an active staff member who may log interactions.
    async fn officer(&self, sent: &str) -> AppResult<Option<i64>> {
        let Ok(id) = sent.parse::<i64>() else {
            return Ok(None);
        };
        let mut c = self.app.store.read().await?;
        Ok(match users::get(&mut c, id).await? {
            Some(u) if u.active && u.role.may(Permission::LogInteractions) => Some(id),
            _ => None,
        })
    }
}

/// The names of the fields that differ, as forms and the API name them.
fn changed_fields(a: &Interaction, b: &Interaction) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |differs: bool, name: &'static str| {
        if differs {
            out.push(name);
        }
    };
    check(a.kind != b.kind, "kind");
    check(a.happened_on != b.happened_on, "happened_on");
    check(a.summary != b.summary, "summary");
    check(a.topics != b.topics, "topics");
    check(a.attitude != b.attitude, "attitude");
    check(a.confidentiality != b.confidentiality, "confidentiality");
    let kinds = |x: &Interaction, k: RecordKind| -> Vec<RecordRef> {
        x.participants
            .iter()
            .filter(|p| p.kind == k)
            .copied()
            .collect()
    };
    check(
        kinds(a, RecordKind::Person) != kinds(b, RecordKind::Person),
        "people",
    );
    check(
        kinds(a, RecordKind::Organization) != kinds(b, RecordKind::Organization),
        "organizations",
    );
    check(a.officers != b.officers, "officers");
    out
}

/// The filter of a list from its query string's fields (`officer`, `topic`, `kind`,
/// `from`, `to`, `before`), each ignored when it is not a value it could be.
pub fn filter_from(get: impl Fn(&str) -> String, limit: i64) -> Filter {
    let day = |s: String| liaison_domain::values::day(&s).ok().flatten();
    let before = get("before");
    let before = before
        .split_once('.')
        .and_then(|(d, id)| Some((day(d.to_string())?, id.parse().ok()?)));
    Filter {
        officer: get("officer").parse().ok(),
        topic: Some(get("topic").trim().to_lowercase()).filter(|t| !t.is_empty()),
        kind: InteractionKind::parse(&get("kind")).ok(),
        from: day(get("from")),
        to: day(get("to")),
        before,
        limit,
        ..Filter::default()
    }
}

/// Where the next page starts, as `filter_from` reads it back (`day.id`).
pub fn cursor_text(next: &(Day, i64)) -> String {
    format!("{}.{}", liaison_domain::values::day_text(next.0), next.1)
}
