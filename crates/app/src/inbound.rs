//! Mail that comes in (`app.inbox()`): from a mail server's pipe (`liaison mail receive`) or
//! an inbound-mail service's HTTP call.
//!
//! A message to a reply address (`office+TOKEN@…`, see `outbox.rs`) lands on the concern the
//! letter was about, as the reporter's answer. Any other message to the office becomes a new
//! concern with channel email, in the category the office chose for mail, its files kept
//! and cleaned as portal photos are; the sender then gets the acknowledgement like anyone
//! who reports. Robots' mail (automatic replies, bounces, lists) is set aside, so no mail
//! loop can start; what cannot be read is refused with the reason, and nothing of it kept.

use liaison_domain::attachments::MAX_FILES;
use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordRef;
use liaison_domain::visibility::Sight;
use liaison_domain::FieldErrors;
use liaison_mail::inbound::{self, Arrived, Inbound};
use liaison_store::{concerns, replies};

use crate::attachments::{self, Upload};
use crate::concerns::{land_reply, Receipt, Sent, Via};
use crate::door::Caller;
use crate::{Answers, App, AppError, AppResult};

/// Mail that comes in.
pub struct Inbox<'a> {
    pub(crate) app: &'a App,
}

/// What became of a message.
#[derive(Debug, Clone)]
pub enum Arrival {
    /// It answered a letter: it is on that concern now.
    Reply { concern_id: i64, reference: String },
    /// It became a new concern.
    Concern(Receipt),
    /// A robot's: set aside, and why.
    SetAside(&'static str),
}

impl Inbox<'_> {
    /// Takes one message, `raw` as the mail server hands it over. `by` is the staff
    /// account an inbound-mail service signs in as (it needs the right to record concerns);
    /// `None` is the command line.
    pub async fn receive(
        &self,
        by: Option<&liaison_store::users::User>,
        raw: &[u8],
    ) -> AppResult<Arrival> {
        // The transport is checked here; what the mail does is the resident's doing.
        if let Some(u) = by {
            crate::require(u, Permission::RecordConcern)?;
        }
        let mail = match inbound::read(raw) {
            Ok(Arrived::Mail(m)) => m,
            Ok(Arrived::Automatic(why)) => return Ok(Arrival::SetAside(why)),
            Err(e) => return Err(AppError::field("message", e.key())),
        };
        let token = mail
            .recipients
            .iter()
            .find_map(|r| inbound::reply_token(r, &self.app.settings.mail_from));
        if let Some(token) = token {
            let record = {
                let mut c = self.app.store.read().await?;
                replies::record_of(&mut c, &token).await?
            };
            // A token that names nothing (mistyped, or made up) is mail to the office.
            if let Some((_, id)) = record.filter(|(kind, _)| kind == "concern") {
                return self.reply(id, &mail).await;
            }
        }
        self.new_concern(&mail).await.map(Arrival::Concern)
    }

    async fn reply(&self, id: i64, mail: &Inbound) -> AppResult<Arrival> {
        let door = self.app.door(Caller::Resident)?;
        let mut body = mail.text.trim().to_string();
        if body.is_empty() {
            body = mail.subject.clone();
        }
        let body = shortened(&body);
        if body.is_empty() {
            return Err(AppError::field("message", "error-mail-empty"));
        }
        let mut errors = FieldErrors::new();
        let files = attachments::prepare(
            &self.uploads(&mail.attachments),
            Via::Email.attachment_rules(false),
            self.app.settings.attachment_max_bytes,
            &mut errors,
        );
        let kept = self.app.keep_files(files).await?;
        let office_name = self.app.office().settings().await?.name;
        door.change(async |tx| {
            let x = concerns::get(tx, id, Sight::Everything)
                .await?
                .ok_or(AppError::NotFound)?;
            let reference = x.reference.clone();
            land_reply(self.app, tx, x, (&body, "email"), &office_name).await?;
            if !kept.is_empty() {
                let (at, who) = (tx.at, tx.actor());
                let entries = attachments::record(
                    tx,
                    RecordRef::concern(id),
                    attachments::CONCERN,
                    &kept,
                    who,
                    at,
                )
                .await?;
                tx.record_all(entries);
            }
            Ok(Arrival::Reply {
                concern_id: id,
                reference,
            })
        })
        .await
    }

    async fn new_concern(&self, mail: &Inbound) -> AppResult<Receipt> {
        let door = self.app.door(Caller::Resident)?;
        let office = self.app.office().settings().await?;
        let category = match office.mail_category_id {
            Some(id) => id,
            None => self
                .app
                .office()
                .categories(true, false)
                .await?
                .first()
                .map(|k| k.id)
                .ok_or(AppError::field("message", "error-mail-no-category"))?,
        };
        let description = match (mail.subject.as_str(), mail.text.trim()) {
            ("", text) => text.to_string(),
            (subject, "") => subject.to_string(),
            (subject, text) => format!("{subject}\n\n{text}"),
        };
        let description = shortened(&description);
        let name = mail
            .from_name
            .clone()
            .unwrap_or_else(|| mail.from.split('@').next().unwrap_or_default().to_string());
        let name: String = name.chars().take(120).collect();
        let language = mail
            .language
            .as_deref()
            .and_then(|l| l.split(['-', '_']).next())
            .map(str::to_lowercase)
            .filter(|l| liaison_domain::values::LANGUAGES.contains(&l.as_str()))
            .unwrap_or_else(|| "en".into());
        let answers = Answers::default();
        let category = category.to_string();
        let sent = Sent {
            category: &category,
            description: &description,
            area: "",
            address: "",
            lat: "",
            lng: "",
            anonymous: false,
            reporter_name: &name,
            reporter_email: &mail.from,
            reporter_phone: "",
            answers: &answers,
            staff: None,
            visibility: "",
        };
        let uploads = self.uploads(&mail.attachments);
        let intake = self
            .app
            .concerns()
            .intake_with(&sent, &uploads, Via::Email, &language)
            .await?;
        self.app.concerns().take_in(&door, intake, None).await
    }

    /// The files of a message that a concern may carry, at most as many as a form takes;
    /// the others are left out (a signature's logo, a calendar invitation).
    fn uploads(&self, files: &[(String, String, Vec<u8>)]) -> Vec<Upload> {
        let rules = Via::Email.attachment_rules(false);
        let max = self.app.settings.attachment_max_bytes;
        files
            .iter()
            .map(|(name, kind, bytes)| Upload {
                file_name: name.clone(),
                content_type: kind.clone(),
                bytes: bytes.clone(),
            })
            .filter(|u| {
                let mut errors = FieldErrors::new();
                attachments::prepare(std::slice::from_ref(u), rules, max, &mut errors);
                errors.0.is_empty()
            })
            .take(MAX_FILES)
            .collect()
    }
}

/// `text` cut to the 4,000 characters a concern's texts hold, marked where it was cut.
fn shortened(text: &str) -> String {
    const MAX: usize = 4000;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX - 2).collect();
    out.push_str(" …");
    out
}
