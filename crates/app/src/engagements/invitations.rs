//! Invitations: people of the register — named one by one, an organization's people, or a
//! saved list — invited to a published engagement by email through the outbox, each in
//! their language. Only those who agreed to be invited by email are written to; who was
//! skipped and why (asked not to be contacted, no consent, no email, erased) is kept and
//! shown. Each answers yes, no or maybe from the link in their letter; a yes takes a place
//! (or a place on the waitlist) in their name, so that at the door it is theirs, their
//! coming on their timeline.

use liaison_domain::audit::EngagementAction;
use liaison_domain::engagements::{self as rules, Status};
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordKind;
use liaison_domain::stakeholders::{ContactChannel, Purpose};
use liaison_mail::Letter;
use liaison_store::engagements::{self as store, Engagement, Invitation, NewInvitation};
use liaison_store::stakeholders::{Details, Stakeholder};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::{letters, take_place, Engagements, Receipt, Taking};
use crate::accounts::User;
use crate::door::Caller;
use crate::secrets::{digest, hex, random_bytes};
use crate::{App, AppError, AppResult, List, Text};

/// The most people one invitation round writes to.
const ROUND_MAX: usize = 5000;

/// Whom to invite (`POST /staff/engagements/{id}/invite`,
/// `POST /api/v1/engagements/{id}/invitations`): any of the three.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Invite {
    /// The id of a saved list of people (one of the caller's, or shared).
    pub list: Text,
    /// People, each by id (`#12`) or name.
    pub people: List,
    /// Organizations, each by id or name: their people (by the register's relationships).
    pub organizations: List,
}

/// An invitation's answer (`POST /invitations/{secret}`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct Answer {
    /// `yes`, `no` or `maybe`.
    #[schema(required = true)]
    pub response: Text,
}

/// What one round of invitations did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvitationSummary {
    /// Letters written.
    pub sent: usize,
    /// Those not written to, and why (`do_not_contact`, `no_consent`, `no_email`, `erased`).
    pub skipped: Vec<(String, &'static str)>,
    /// Those invited before (not written to again).
    pub already: usize,
}

impl Engagements<'_> {
    /// Invites people of the register to a published engagement not yet ended.
    pub async fn invite(&self, by: &User, id: i64, cmd: &Invite) -> AppResult<InvitationSummary> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::HoldEngagements))?;
        let people = self.invitees(by, cmd).await?;
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let e = store::get(tx, id, by.role.sight(by.id))
                .await?
                .ok_or(AppError::NotFound)?;
            if e.status != Status::Published {
                return Err(AppError::field("list", "error-publish-first"));
            }
            rules::open_for_registration(e.status, e.terms.ends_at, at)
                .map_err(|code| AppError::field("list", code))?;
            let before: Vec<i64> = store::invitations(tx, id)
                .await?
                .into_iter()
                .map(|i| i.person_id)
                .collect();
            let mut summary = InvitationSummary::default();
            for p in &people {
                if before.contains(&p.id) {
                    summary.already += 1;
                    continue;
                }
                let (email, language) = reach(p);
                let skipped = why_not(p, &email);
                let secret = hex(&random_bytes::<16>());
                let hash = digest(&secret);
                store::invite(
                    tx,
                    &NewInvitation {
                        engagement_id: id,
                        person_id: p.id,
                        email: if skipped.is_empty() { &email } else { "" },
                        language: &language,
                        skipped,
                        token_hash: skipped.is_empty().then_some(hash.as_str()),
                        by: Some(by.id),
                        at,
                    },
                )
                .await?;
                if skipped.is_empty() {
                    write(self.app, tx, &e, (&email, &language), &secret, &office).await?;
                    summary.sent += 1;
                } else {
                    summary.skipped.push((p.profile.name.clone(), skipped));
                }
            }
            if summary.sent + summary.skipped.len() == 0 {
                // Nobody new: nothing to record.
                return Ok(summary);
            }
            tx.record(
                EngagementAction::Invite,
                id,
                json!({"sent": summary.sent, "skipped": summary.skipped.len(),
                       "already": summary.already}),
            );
            Ok(summary)
        })
        .await
    }

    /// An engagement's invitations, for its page.
    pub async fn invitations(&self, by: &User, id: i64) -> AppResult<Vec<Invitation>> {
        crate::require(by, Permission::HoldEngagements)?;
        let mut c = self.app.store.read().await?;
        store::get(&mut c, id, by.role.sight(by.id))
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(store::invitations(&mut c, id).await?)
    }

    /// The engagement and invitation an answer link names, for its page.
    pub async fn invitation(&self, secret: &str) -> AppResult<(Engagement, Invitation)> {
        let mut c = self.app.store.read().await?;
        let i = store::invitation_by_token(&mut c, &digest(secret.trim()))
            .await?
            .ok_or(AppError::NotFound)?;
        let e = store::get_public(&mut c, i.engagement_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((e, i))
    }

    /// Records the answer an invitation's link gives; a yes takes a place in the invited
    /// person's name (once), answered with its receipt.
    pub async fn answer(&self, secret: &str, cmd: &Answer) -> AppResult<Option<Receipt>> {
        let door = self.app.door(Caller::Resident)?;
        let response = match cmd.response.trim() {
            r @ ("yes" | "no" | "maybe") => r.to_string(),
            _ => return Err(AppError::field("response", "error-choice")),
        };
        let hash = digest(secret.trim());
        let office = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let at = tx.at;
            let i = store::invitation_by_token(tx, &hash)
                .await?
                .ok_or(AppError::NotFound)?;
            let e = store::get_public(tx, i.engagement_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut receipt = None;
            if response == "yes" && i.registration_id.is_none() {
                rules::open_for_registration(e.status, e.terms.ends_at, at)
                    .map_err(|code| AppError::field("response", code))?;
                let person = rules::Registration {
                    name: i.person_name.clone(),
                    email: i.email.clone(),
                    phone: String::new(),
                    language: i.language.clone(),
                    needs: String::new(),
                };
                let taking = Taking {
                    person: &person,
                    area: None,
                    person_id: Some(i.person_id),
                    first_time: false,
                };
                let place_secret = hex(&random_bytes::<16>());
                let place_hash = digest(&place_secret);
                let r = take_place(
                    self.app,
                    tx,
                    &e,
                    &taking,
                    (&place_secret, &place_hash),
                    ("invitation", &office),
                )
                .await?;
                receipt = Some(r);
            }
            if i.response == response && receipt.is_none() {
                return Ok(None);
            }
            let registration = receipt.as_ref().map(|r| r.registration);
            store::answer(tx, i.id, &response, registration, at).await?;
            tx.record(
                EngagementAction::Answer,
                e.id,
                json!({"invitation": i.id, "response": response}),
            );
            Ok(receipt)
        })
        .await
    }

    /// The people a round names, each once, in the order named: one by one, an
    /// organization's people, a saved list's members (walked a page at a time).
    async fn invitees(&self, by: &User, cmd: &Invite) -> AppResult<Vec<Stakeholder>> {
        let register = self.app.stakeholders();
        let mut found: Vec<Stakeholder> = Vec::new();
        let add = |s: Stakeholder, found: &mut Vec<Stakeholder>| {
            if s.details.kind() == RecordKind::Person && !found.iter().any(|f| f.id == s.id) {
                found.push(s);
            }
        };
        let mut errors = liaison_domain::FieldErrors::new();
        // A form's box holds one per line; the API sends a list.
        let named = |list: &List| -> Vec<String> {
            list.0
                .iter()
                .flat_map(|n| n.lines())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        };
        for name in named(&cmd.people) {
            match register.resolve(by, RecordKind::Person, &name).await? {
                Ok(s) => add(s, &mut found),
                Err(code) => errors.add("people", code),
            }
        }
        for name in named(&cmd.organizations) {
            match register
                .resolve(by, RecordKind::Organization, &name)
                .await?
            {
                Ok(org) => {
                    for r in register.relationships(by, &org).await? {
                        add(r.other, &mut found);
                    }
                }
                Err(code) => errors.add("organizations", code),
            }
        }
        if let Ok(list) = cmd.list.trim().parse::<i64>() {
            let (_, mut filter) = register.saved_list(by, list, 500).await?;
            loop {
                let (page, next) = register.list(by, RecordKind::Person, &filter).await?;
                for s in page {
                    add(s, &mut found);
                }
                match next {
                    Some(after) if found.len() <= ROUND_MAX => filter.after = Some(after),
                    _ => break,
                }
            }
        } else if !cmd.list.trim().is_empty() {
            errors.add("list", "error-choice");
        }
        if found.len() > ROUND_MAX {
            errors.add("list", "error-too-many");
        }
        if found.is_empty() && errors.is_empty() {
            errors.add("people", "error-required");
        }
        errors.into_result()?;
        Ok(found)
    }
}

/// Where and in which language a person is written to: their first email, their language.
fn reach(p: &Stakeholder) -> (String, String) {
    let email = p
        .profile
        .contacts
        .emails
        .first()
        .cloned()
        .unwrap_or_default();
    let language = match &p.details {
        Details::Person(d) => d.language.clone().unwrap_or_default(),
        Details::Organization(_) => String::new(),
    };
    (email, language)
}

/// Why a person is not written to, or empty: consent to be invited by email is needed.
fn why_not(p: &Stakeholder, email: &str) -> &'static str {
    if p.erased_at.is_some() {
        "erased"
    } else if p.consent.do_not_contact {
        "do_not_contact"
    } else if !p
        .consent
        .allows(ContactChannel::Email, Purpose::Invitations)
    {
        "no_consent"
    } else if email.is_empty() {
        "no_email"
    } else {
        ""
    }
}

/// Writes the invitation with its answer link.
async fn write(
    app: &App,
    tx: &mut crate::door::Change<'_>,
    e: &Engagement,
    (email, language): (&str, &str),
    secret: &str,
    office: &str,
) -> AppResult<()> {
    let (when, place, path) = (letters::when(e), letters::place(e), letters::page(e.id));
    let answer = format!("/invitations/{secret}");
    let letter = Letter::Invitation {
        title: &e.terms.title,
        when: &when,
        place: &place,
        path: &path,
        answer: &answer,
    };
    letters::tell(app, tx, (email, language), letter, e.id, office).await
}
