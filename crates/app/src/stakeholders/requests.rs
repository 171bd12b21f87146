//! A person's data requests: all the register holds of them (right of access), and their
//! erasure (right to erasure).

use liaison_domain::audit::StakeholderAction;
use liaison_domain::permissions::Permission;
use liaison_domain::records::{RecordKind, RecordRef};
use liaison_domain::stakeholders::{Attitude, Level};
use liaison_store::stakeholders as store;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{Details, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{AppError, AppResult, Flag};

/// A person erased at their request (`POST /staff/people/{id}/erase`, `POST
/// /api/v1/people/{id}/erase`). It cannot be undone.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ErasePerson {
    /// Must be set: the person asked, and what identifies them will be gone for good.
    #[schema(required = true)]
    pub confirm: Flag,
}

impl Stakeholders<'_> {
    /// All the register holds of a person, as one JSON document (the right of access):
    /// their details, contacts, consent, relationships and timeline. Supervisors and
    /// administrators; the handing out is audited.
    pub async fn export_person(&self, by: &User, id: i64) -> AppResult<serde_json::Value> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AnswerDataRequests))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let s = self.get(by, record).await?;
        let related = self.relationships(by, &s).await?;
        let lines = self.timeline(by, record).await?;
        // Everything else the office holds of them: every interaction they took part in,
        // and the concerns linked to them.
        let mut took_part = Vec::new();
        let mut filter = crate::interactions::Filter {
            participant: Some(record),
            limit: 200,
            ..Default::default()
        };
        loop {
            let (page, next) = self.app.interactions().list(by, &filter).await?;
            took_part.extend(page.into_iter().map(|(x, _)| x));
            match next {
                Some(n) => filter.before = Some(n),
                None => break,
            }
        }
        let day = |d: Option<liaison_domain::values::Day>| d.map(liaison_domain::values::day_text);
        let interactions: Vec<serde_json::Value> = took_part
            .iter()
            .map(|x| {
                let i = &x.interaction;
                json!({
                    "id": x.id,
                    "kind": i.kind.as_str(),
                    "happened_on": liaison_domain::values::day_text(i.happened_on),
                    "summary": i.summary,
                    "topics": i.topics,
                    "attitude": i.attitude.map(Attitude::as_str),
                    "officers": x.officer_names,
                })
            })
            .collect();
        let mut concerns = Vec::new();
        let mut before = None;
        loop {
            let page = self.history(by, &s, super::Show::Concerns, before).await?;
            for e in &page.entries {
                if let super::Entry::Concern(c) = e {
                    concerns.push(json!({
                        "reference": c.reference,
                        "received_at": c.received_at,
                        "category": c.category_name,
                        "status": c.status.as_str(),
                        "description": c.description,
                    }));
                }
            }
            match page.older {
                Some(m) => before = Some(m),
                None => break,
            }
        }
        let (details, p, c) = match &s.details {
            Details::Person(d) => (d, &s.profile, &s.consent),
            Details::Organization(_) => return Err(AppError::NotFound),
        };
        let words = |list: Vec<&str>| list.into_iter().map(String::from).collect::<Vec<_>>();
        let document = json!({
            "kind": "person",
            "id": s.id,
            "name": p.name,
            "addressed_as": details.addressed_as,
            "language": details.language,
            "interpreter": details.interpreter,
            "accessibility": details.accessibility,
            "phones": p.contacts.phones,
            "emails": p.contacts.emails,
            "addresses": p.contacts.addresses,
            "areas": p.areas,
            "tags": p.tags,
            "notes": p.notes,
            "confidentiality": p.confidentiality.as_str(),
            "kept_by": s.owner_name,
            "influence": p.influence.map(Level::as_str),
            "interest": p.interest.map(Level::as_str),
            "attitude": p.attitude.map(Attitude::as_str),
            "consent": {
                "channels": words(c.channels.iter().map(|x| x.as_str()).collect()),
                "purposes": words(c.purposes.iter().map(|x| x.as_str()).collect()),
                "given_on": day(c.given_on),
                "method": c.method.map(|m| m.as_str()),
                "note": c.note,
                "do_not_contact": c.do_not_contact,
            },
            "relationships": related.iter().map(|r| {
                let t = &r.relationship.terms;
                json!({
                    "kind": t.kind.as_str(),
                    "direction": if r.outgoing { "from" } else { "to" },
                    "with": {"kind": r.other.record().kind.as_str(), "id": r.other.id, "name": r.other.profile.name},
                    "title": t.title,
                    "starts_on": day(t.starts_on),
                    "ends_on": day(t.ends_on),
                })
            }).collect::<Vec<_>>(),
            "timeline": lines.iter().map(|l| json!({
                "at": l.at,
                "kind": l.kind.as_str(),
                "from": l.changed_from.map(|v| v.as_str()),
                "to": l.changed_to.map(|v| v.as_str()),
                "body": l.body,
                "by": l.actor_name,
            })).collect::<Vec<_>>(),
            "interactions": interactions,
            "concerns": concerns,
            "created_at": s.created_at,
            "updated_at": s.updated_at,
        });
        door.change(async |tx| {
            tx.record(StakeholderAction::PersonExport, id, json!({}));
            Ok(())
        })
        .await?;
        Ok(document)
    }

    /// Erases a person at their request: what identifies them is removed for good, the
    /// record stays (as "Erased person N") so counts stay right. Supervisors and
    /// administrators; audited.
    pub async fn erase_person(&self, by: &User, id: i64, cmd: &ErasePerson) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::AnswerDataRequests))?;
        let record = RecordRef {
            kind: RecordKind::Person,
            id,
        };
        let sight = by.role.sight(by.id);
        {
            let mut c = self.app.store.read().await?;
            store::get(&mut c, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        if !cmd.confirm.is_set() {
            return Err(AppError::field("confirm", "error-confirm-erase"));
        }
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let before = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            if before.erased_at.is_some() {
                return Ok(());
            }
            store::erase_person(tx, id, &erased_name(id), at).await?;
            let after = store::get(tx, record, sight)
                .await?
                .ok_or(AppError::NotFound)?;
            store::index(tx, backend, &after).await?;
            tx.record(StakeholderAction::PersonErase, id, json!({}));
            Ok(())
        })
        .await
    }
}

/// The name an erased person keeps: nothing of theirs.
pub fn erased_name(id: i64) -> String {
    format!("Erased person {id}")
}
