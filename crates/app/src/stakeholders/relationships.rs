//! Relationships between records of the register: a person's positions in organizations,
//! and ties between people or between organizations.

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{self as rules, Assessed, StakeholderLine};
use liaison_domain::FieldErrors;
use liaison_store::search;
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{name_words, Filter, Relationship, Stakeholder, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{actor, AppError, AppResult, Text};

/// A relationship begun from a person or an organization (`POST
/// /staff/people/{id}/relationships`, `POST /api/v1/people/{id}/relationships`, and the
/// same for organizations).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Relate {
    /// `member`, `leader`, `spokesperson` or `staff` (from a person to an organization);
    /// `family_of` (between people); `partner_of` or `in_conflict_with` (between two
    /// people or two organizations); `funded_by` (to the organization that funds).
    #[schema(required = true)]
    pub kind: Text,
    /// The kind of the other record: `person` or `organization`.
    #[schema(required = true)]
    pub with_kind: Text,
    /// The other record: its id (`12` or `#12`), or its name as the register holds it
    /// (refused with `error-ambiguous` when several match, `error-no-match` when none).
    #[schema(required = true)]
    pub with: Text,
    /// A position's title ("Chairperson"): at most 120 characters, or empty.
    pub title: Text,
    /// The day it began (`2024-03-01`), or empty.
    pub starts_on: Text,
    /// The day it ended, or empty while it lasts.
    pub ends_on: Text,
}

/// A relationship ended (`POST /staff/relationships/{id}/end`, `POST
/// /api/v1/relationships/{id}/end`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EndRelationship {
    /// The day it ended (`2026-12-06`); empty for today in the office's time zone.
    pub ends_on: Text,
}

/// A relationship as seen from one of its two records: the other record, and which way it
/// goes.
#[derive(Debug, Clone)]
pub struct Related {
    /// The relationship.
    pub relationship: Relationship,
    /// The record at the other end.
    pub other: Stakeholder,
    /// Whether it goes from this record to the other (a person's position) rather than
    /// from the other to this one (an organization's person).
    pub outgoing: bool,
}

impl Stakeholders<'_> {
    /// Begins a relationship from `from` to the record `cmd.with` names; answers its id.
    pub async fn relate(&self, by: &User, from: RecordRef, cmd: &Relate) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, from, sight)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        let mut errors = FieldErrors::new();
        let with_kind = match cmd.with_kind.trim() {
            "person" => Some(RecordKind::Person),
            "organization" => Some(RecordKind::Organization),
            _ => errors.take("with_kind", Err("error-choice")),
        };
        let to = match with_kind {
            Some(kind) => match self.resolve(by, kind, &cmd.with).await? {
                Ok(s) if s.record() == from => errors.take("with", Err("error-itself")),
                Ok(s) => Some(s.record()),
                Err(code) => errors.take("with", Err(code)),
            },
            None => None,
        };
        let terms = rules::relationship(
            from.kind,
            with_kind.unwrap_or(RecordKind::Person),
            &cmd.kind,
            &cmd.title,
            &cmd.starts_on,
            &cmd.ends_on,
            &mut errors,
        );
        errors.into_result()?;
        let (Some(to), Some(terms)) = (to, terms) else {
            return Err(AppError::Internal("relationship checked without errors"));
        };
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let id = store::relate(tx, from, to, &terms, at).await?;
            let bodies = [related_body(&terms, to), related_body(&terms, from)];
            let lines: [NewLine<'_, StakeholderLine, Assessed>; 2] = [
                NewLine::new(
                    from,
                    at,
                    &actor,
                    StakeholderLine::Related,
                    &bodies[0],
                    false,
                ),
                NewLine::new(to, at, &actor, StakeholderLine::Related, &bodies[1], false),
            ];
            timeline::add(tx, backend, &lines).await?;
            tx.record(
                StakeholderAction::RelationshipCreate,
                id,
                json!({
                    "from": [from.kind.as_str(), from.id], "to": [to.kind.as_str(), to.id],
                    "kind": terms.kind.as_str(),
                }),
            );
            Ok(id)
        })
        .await
    }

    /// Ends a relationship on `cmd.ends_on` (today when empty). Both its records must be
    /// ones `by` sees.
    pub async fn end_relationship(
        &self,
        by: &User,
        id: i64,
        cmd: &EndRelationship,
    ) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let sight = by.role.sight(by.id);
        let found = {
            let mut c = self.app.store.read().await?;
            let r = store::relationship(&mut c, id)
                .await?
                .ok_or(AppError::NotFound)?;
            for end in [r.from, r.to] {
                store::get(&mut c, end, sight)
                    .await?
                    .ok_or(AppError::NotFound)?;
            }
            r
        };
        let ends_on = match liaison_domain::values::day(&cmd.ends_on) {
            Ok(Some(d)) => d,
            Ok(None) => self.app.today().await?,
            Err(code) => return Err(AppError::field("ends_on", code)),
        };
        if found.terms.starts_on.is_some_and(|s| ends_on < s) {
            return Err(AppError::field("ends_on", "error-ends-before-start"));
        }
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = found.terms.ends_on;
            if before == Some(ends_on) {
                return Ok(());
            }
            store::end_relationship(tx, id, ends_on, at).await?;
            let bodies = [
                related_body(&found.terms, found.to),
                related_body(&found.terms, found.from),
            ];
            let lines: [NewLine<'_, StakeholderLine, Assessed>; 2] = [
                NewLine::new(
                    found.from,
                    at,
                    &actor,
                    StakeholderLine::Unrelated,
                    &bodies[0],
                    false,
                ),
                NewLine::new(
                    found.to,
                    at,
                    &actor,
                    StakeholderLine::Unrelated,
                    &bodies[1],
                    false,
                ),
            ];
            timeline::add(tx, backend, &lines).await?;
            let day =
                |d: Option<liaison_domain::values::Day>| d.map(liaison_domain::values::day_text);
            tx.record(
                StakeholderAction::RelationshipEnd,
                id,
                json!({ "ends_on": [day(before), day(Some(ends_on))] }),
            );
            Ok(())
        })
        .await
    }

    /// The relationships of a record `by` has read (`get`) whose other end `by` may see,
    /// oldest first.
    pub async fn relationships(&self, by: &User, of: &Stakeholder) -> AppResult<Vec<Related>> {
        let record = of.record();
        let sight = by.role.sight(by.id);
        let mut c = self.app.store.read().await?;
        let all = store::relationships_of(&mut c, record).await?;
        let mut others: Vec<Stakeholder> = Vec::new();
        for kind in [RecordKind::Person, RecordKind::Organization] {
            let ids: Vec<i64> = all
                .iter()
                .map(|r| r.other(record))
                .filter(|o| o.kind == kind)
                .map(|o| o.id)
                .collect();
            others.extend(store::read(&mut c, kind, &ids, sight).await?);
        }
        drop(c);
        let others = self.shown(by, others);
        Ok(all
            .into_iter()
            .filter_map(|r| {
                let other = r.other(record);
                let found = others.iter().find(|s| s.record() == other)?.clone();
                Some(Related {
                    outgoing: r.from == record,
                    relationship: r,
                    other: found,
                })
            })
            .collect())
    }

    /// The records of `kind` that `with` may name: by id (`12`, `#12`), or those whose
    /// name is exactly it (words in any order), or else the search's matches; at most 20.
    pub async fn candidates(
        &self,
        by: &User,
        kind: RecordKind,
        with: &str,
    ) -> AppResult<Vec<Stakeholder>> {
        let with = with.trim();
        if let Ok(id) = with.trim_start_matches('#').parse::<i64>() {
            return match self.get(by, RecordRef { kind, id }).await {
                Ok(s) => Ok(vec![s]),
                Err(AppError::NotFound) => Ok(Vec::new()),
                Err(e) => Err(e),
            };
        }
        let filter = Filter {
            terms: search::terms(with),
            limit: 20,
            ..Filter::default()
        };
        if filter.terms.is_empty() {
            return Ok(Vec::new());
        }
        let (found, _) = self.list(by, kind, &filter).await?;
        let words = name_words(with);
        let exact: Vec<Stakeholder> = found
            .iter()
            .filter(|s| name_words(&s.profile.name) == words)
            .cloned()
            .collect();
        Ok(if exact.is_empty() { found } else { exact })
    }

    /// The one record `with` names, or why there is none: `error-no-match`,
    /// `error-ambiguous`.
    pub(crate) async fn resolve(
        &self,
        by: &User,
        kind: RecordKind,
        with: &str,
    ) -> AppResult<Result<Stakeholder, &'static str>> {
        if with.trim().is_empty() {
            return Ok(Err("error-required"));
        }
        let mut found = self.candidates(by, kind, with).await?;
        Ok(match found.len() {
            0 => Err("error-no-match"),
            1 => Ok(found.remove(0)),
            _ => Err("error-ambiguous"),
        })
    }
}

/// What a `related` or `unrelated` line says: the relationship's kind, the other record's
/// kind and id (`leader organization 12`), which the page names as it shows them.
fn related_body(terms: &rules::RelationshipTerms, other: RecordRef) -> String {
    format!(
        "{} {} {}",
        terms.kind.as_str(),
        other.kind.as_str(),
        other.id
    )
}
