//! One timeline per person and organization: their own lines (changes, relationships,
//! assessments, consent), the interactions they took part in, and the concerns they
//! raised — linked by staff, never for an anonymous report — newest first.

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::values::Day;
use liaison_store::concerns::{self as concerns, Concern};
use liaison_store::interactions::{self as log, Logged};
use liaison_store::stakeholders as store;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{Line, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{AppError, AppResult, Text};

/// How many of each source a timeline shows: its newest.
const SHOWN: i64 = 100;

/// A concern linked to the person who raised it (`POST /staff/people/{id}/concerns`,
/// `POST /api/v1/people/{id}/concerns`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LinkConcern {
    /// The concern's reference (`C-2026-00042`). Refused with `error-anonymous` for an
    /// anonymous report.
    #[schema(required = true)]
    pub reference: Text,
}

/// What a timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// Everything.
    #[default]
    All,
    /// Interactions only.
    Interactions,
    /// Concerns only.
    Concerns,
    /// The record's own changes only: details, relationships, assessments, consent.
    Changes,
}

impl Show {
    /// Every choice, in the order a page offers them.
    pub const ALL: [Show; 4] = [Show::All, Show::Interactions, Show::Concerns, Show::Changes];

    /// The word of a query string (`?show=interactions`).
    pub fn as_str(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Interactions => "interactions",
            Show::Concerns => "concerns",
            Show::Changes => "changes",
        }
    }

    /// Reads a query string's word; anything else is everything.
    pub fn parse(s: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
            .unwrap_or_default()
    }
}

/// One entry of a person's or an organization's timeline.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A line of the record's own.
    Change(Line),
    /// An interaction they took part in.
    Interaction(Logged),
    /// A concern they raised.
    Concern(Box<Concern>),
}

impl Stakeholders<'_> {
    /// Links a concern to the person who raised it, so it shows on their timeline.
    pub async fn link_concern(&self, by: &User, person: i64, cmd: &LinkConcern) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id: person,
        };
        let sight = by.role.sight(by.id);
        let concern = {
            let mut c = self.app.store.read().await?;
            let found = store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if found.erased_at.is_some() {
                return Err(AppError::field("reference", "error-erased"));
            }
            let reference = cmd.reference.trim().to_uppercase();
            if reference.is_empty() {
                return Err(AppError::field("reference", "error-required"));
            }
            concerns::by_reference(&mut c, &reference, sight)
                .await?
                .ok_or_else(|| AppError::field("reference", "error-no-match"))?
        };
        // Nothing may tie an anonymous report to anyone.
        if concern.anonymous {
            return Err(AppError::field("reference", "error-anonymous"));
        }
        door.change(async |tx| {
            let at = tx.at;
            if log::link_concern(tx, person, concern.id, by.id, at).await? {
                tx.record(
                    StakeholderAction::PersonLinkConcern,
                    person,
                    json!({ "concern": concern.id }),
                );
            }
            Ok(())
        })
        .await
    }

    /// Removes a concern's link to a person.
    pub async fn unlink_concern(&self, by: &User, person: i64, concern: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        self.get(
            by,
            RecordRef {
                kind: RecordKind::Person,
                id: person,
            },
        )
        .await?;
        door.change(async |tx| {
            if !log::unlink_concern(tx, person, concern).await? {
                return Err(AppError::NotFound);
            }
            tx.record(
                StakeholderAction::PersonUnlinkConcern,
                person,
                json!({ "concern": concern }),
            );
            Ok(())
        })
        .await
    }

    /// A person's or an organization's timeline, newest first: what `show` asks for, of
    /// what `by` may see, the newest hundred of each source.
    pub async fn history(&self, by: &User, record: RecordRef, show: Show) -> AppResult<Vec<Entry>> {
        self.get(by, record).await?;
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let day_of = |at: i64| -> Day {
            chrono::DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .with_timezone(&tz)
                .date_naive()
        };
        let sight = by.role.sight(by.id);
        let mut entries: Vec<((Day, i64), Entry)> = Vec::new();
        let mut c = self.app.store.read().await?;
        if matches!(show, Show::All | Show::Changes) {
            let lines: Vec<Line> = liaison_store::timeline::of(&mut c, record, false).await?;
            entries.extend(
                lines
                    .into_iter()
                    .rev()
                    .take(SHOWN as usize)
                    .map(|l| ((day_of(l.at), l.at), Entry::Change(l))),
            );
        }
        if matches!(show, Show::All | Show::Interactions) {
            let filter = log::Filter {
                participant: Some(record),
                limit: SHOWN,
                ..log::Filter::default()
            };
            let (found, _) = log::list(&mut c, &filter, sight).await?;
            entries.extend(found.into_iter().map(|x| {
                (
                    (x.interaction.happened_on, x.created_at),
                    Entry::Interaction(x),
                )
            }));
        }
        if record.kind == RecordKind::Person && matches!(show, Show::All | Show::Concerns) {
            for id in log::concerns_of(&mut c, record.id, SHOWN).await? {
                if let Some(x) = concerns::get(&mut c, id, sight).await? {
                    entries.push((
                        (day_of(x.received_at), x.received_at),
                        Entry::Concern(Box::new(x)),
                    ));
                }
            }
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    }
}
