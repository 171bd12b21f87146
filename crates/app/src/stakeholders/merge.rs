//! Merging two records of the register that are one person or one organization: the
//! duplicate's contacts, areas, tags and notes join the kept record's, and every
//! relationship, interaction, concern link, timeline line and file of it moves to the kept
//! record; the duplicate goes, its address leading to the kept one; the merge is audited.

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{self as rules, Assessed, StakeholderLine};
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{Stakeholder, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{actor, AppError, AppResult, Text};

/// A duplicate merged into the record of the page (`POST /staff/people/{id}/merge`, `POST
/// /api/v1/people/{id}/merge`, and the same for organizations).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MergeDuplicate {
    /// The duplicate: its id (`12` or `#12`) or its name as the register holds it. It
    /// goes; the record of the address stays with everything of both.
    #[schema(required = true)]
    pub duplicate: Text,
}

/// Adds to `list` what `more` holds that it does not, in order.
fn joined(list: &mut Vec<String>, more: &[String], key: impl Fn(&str) -> String) {
    for m in more {
        if !list.iter().any(|l| key(l) == key(m)) {
            list.push(m.clone());
        }
    }
}

impl Stakeholders<'_> {
    /// Merges the record `cmd.duplicate` names into `kept`; answers the kept record's id.
    pub async fn merge(&self, by: &User, kept: RecordRef, cmd: &MergeDuplicate) -> AppResult<i64> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let keep = self.get(by, kept).await?;
        if keep.erased_at.is_some() {
            return Err(AppError::field("duplicate", "error-erased"));
        }
        let gone = match self.resolve(by, kept.kind, &cmd.duplicate).await? {
            Ok(s) if s.record() == kept => {
                return Err(AppError::field("duplicate", "error-itself"))
            }
            Ok(s) if s.erased_at.is_some() => {
                return Err(AppError::field("duplicate", "error-erased"))
            }
            Ok(s) => s,
            Err(code) => return Err(AppError::field("duplicate", code)),
        };
        // Read whole (contacts included) whatever the reader's role shows.
        let sight = by.role.sight(by.id);
        let (keep, gone) = {
            let mut c = self.app.store.read().await?;
            let whole = |s: Option<Stakeholder>| s.ok_or(AppError::NotFound);
            (
                whole(store::get(&mut c, keep.record(), sight).await?)?,
                whole(store::get(&mut c, gone.record(), sight).await?)?,
            )
        };
        let mut merged = keep.clone();
        let (p, q) = (&mut merged.profile, &gone.profile);
        let phone = |v: &str| rules::phone_key(v);
        let lower = |v: &str| v.to_lowercase();
        joined(&mut p.contacts.phones, &q.contacts.phones, phone);
        joined(&mut p.contacts.emails, &q.contacts.emails, lower);
        joined(&mut p.contacts.addresses, &q.contacts.addresses, lower);
        p.contacts.phones.truncate(rules::CONTACTS_MAX);
        p.contacts.emails.truncate(rules::CONTACTS_MAX);
        p.contacts.addresses.truncate(rules::CONTACTS_MAX);
        for a in &q.areas {
            if !p.areas.contains(a) {
                p.areas.push(*a);
            }
        }
        joined(&mut p.tags, &q.tags, lower);
        p.tags.truncate(rules::TAGS_MAX);
        if !q.notes.trim().is_empty() && !p.notes.contains(q.notes.trim()) {
            p.notes = format!("{}\n\n{}", p.notes, q.notes).trim().to_string();
            p.notes = p.notes.chars().take(rules::NOTES_MAX).collect();
        }
        p.owner = p.owner.or(q.owner);
        p.influence = p.influence.or(q.influence);
        p.interest = p.interest.or(q.interest);
        p.attitude = p.attitude.or(q.attitude);
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let moved = store::merge(tx, backend, gone.record(), &merged, at).await?;
            let body = format!("{} {}", gone.record().kind.as_str(), gone.id);
            let line: NewLine<'_, StakeholderLine, Assessed> =
                NewLine::new(kept, at, &actor, StakeholderLine::Merged, &body, false);
            timeline::add(tx, backend, &[line]).await?;
            let action = match kept.kind {
                RecordKind::Person => StakeholderAction::PersonMerge,
                _ => StakeholderAction::OrganizationMerge,
            };
            // Ids and counts, never names: the trail is append-only.
            tx.record(
                action,
                kept.id,
                json!({
                    "merged": gone.id,
                    "relationships": moved.relationships,
                    "interactions": moved.interactions,
                    "concerns": moved.concerns,
                    "lines": moved.lines,
                }),
            );
            Ok(kept.id)
        })
        .await
    }

    /// The record a merged one went into, for an address of the one that went.
    pub async fn merged_into(&self, by: &User, record: RecordRef) -> AppResult<Option<i64>> {
        crate::require(by, Permission::ReadStakeholders)?;
        let mut c = self.app.store.read().await?;
        Ok(store::merged_into(&mut c, record).await?)
    }
}
