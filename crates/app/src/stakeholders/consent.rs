//! A person's consent to be contacted: what they agreed to, or that they asked not to be
//! contacted at all.

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{self as rules, Assessed, StakeholderLine};
use liaison_domain::FieldErrors;
use liaison_store::stakeholders as store;
use liaison_store::timeline::{self, NewLine};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::Stakeholders;
use crate::accounts::User;
use crate::door::Caller;
use crate::{actor, AppError, AppResult, Flag, List, Text};

/// A person's consent to be contacted, recorded anew (`POST /staff/people/{id}/consent`,
/// `POST /api/v1/people/{id}/consent`): it replaces what was recorded before.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RecordConsent {
    /// The channels they agreed to: `phone`, `sms`, `email`, `post`, `visit`.
    pub channels: List,
    /// What for: `updates`, `invitations`, `surveys`, `newsletters`.
    pub purposes: List,
    /// The day they said so (`2026-12-06`); needed when anything is agreed.
    pub given_on: Text,
    /// How: `verbal`, `written`, `online_form` or `email`; needed when anything is agreed.
    pub method: Text,
    /// What they said: at most 1000 characters.
    pub note: Text,
    /// They asked not to be contacted at all: clears every channel and purpose.
    pub do_not_contact: Flag,
}

impl Stakeholders<'_> {
    /// Records a person's consent anew.
    pub async fn record_consent(&self, by: &User, id: i64, cmd: &RecordConsent) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ManageStakeholders))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            let found = store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if found.erased_at.is_some() {
                return Err(AppError::field("do_not_contact", "error-erased"));
            }
        }
        let mut errors = FieldErrors::new();
        let consent = rules::consent(
            &cmd.channels.0,
            &cmd.purposes.0,
            &cmd.given_on,
            &cmd.method,
            &cmd.note,
            cmd.do_not_contact.is_set(),
            &mut errors,
        );
        errors.into_result()?;
        let consent = consent.ok_or(AppError::Internal("consent checked without errors"))?;
        let actor = actor(by);
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?
                .consent;
            if before == consent {
                return Ok(());
            }
            store::set_consent(tx, id, &consent, at).await?;
            let body = consent.summary();
            let line: NewLine<'_, StakeholderLine, Assessed> =
                NewLine::new(record, at, &actor, StakeholderLine::Consent, &body, false);
            timeline::add(tx, backend, &[line]).await?;
            tx.record(
                StakeholderAction::PersonConsent,
                id,
                json!({ "consent": [before.summary(), body] }),
            );
            Ok(())
        })
        .await
    }
}
