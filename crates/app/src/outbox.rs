//! The outbox: letters posted inside the transaction of the change that causes them, and
//! what administrators see of them.
//!
//! [`post`] composes a letter in its reader's language, writes it into the outbox and
//! queues the `send_mail` job that sends it (`jobs.rs`), all in the caller's transaction:
//! the change and its mail commit together or not at all. Without a mail server
//! configured, messages wait, and the administrators' page says so; they go out once one
//! is.

use liaison_domain::permissions::Permission;
use liaison_domain::records::RecordRef;
use liaison_i18n::Tr;
use liaison_mail::inbound::reply_address;
use liaison_mail::{compose, Letter};
use liaison_store::outbox::{self, NewMessage};
use liaison_store::{jobs, replies, Backend, Conn};
use serde_json::json;

use crate::door::Caller;
use crate::secrets::random_bytes;
use crate::{App, AppError, AppResult};

pub use liaison_domain::audit::MailAction;
pub use liaison_store::jobs::Job;
pub use liaison_store::outbox::Message;

/// The job that sends one message of the outbox.
pub(crate) const SEND_MAIL: &str = "send_mail";

/// Messages shown on a page of the outbox.
pub const PAGE: i64 = 50;

/// The administrators' view of the office's outgoing mail.
pub struct Outbox<'a> {
    pub(crate) app: &'a App,
}

/// How the outbox stands.
#[derive(Debug, Clone)]
pub struct Overview {
    /// The mail server messages go through (`host:port`), or none: then they wait.
    pub server: Option<String>,
    /// The sender's address.
    pub from: String,
    /// Messages waiting to be sent, sent, and failed.
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    /// Background jobs parked after failing too often.
    pub parked_jobs: Vec<Job>,
    /// Newest first: one page.
    pub messages: Vec<Message>,
    /// The id to ask for the next page with (`before`), when there is one.
    pub older: Option<i64>,
}

/// A letter to post, and to whom.
pub(crate) struct Posting<'a> {
    pub to: &'a str,
    /// The reader's language.
    pub language: &'a str,
    pub letter: Letter<'a>,
    /// The record the letter is about (none: a digest of several).
    pub about: Option<RecordRef>,
    /// The office's name, as it signs.
    pub office: &'a str,
}

/// Composes `p` and writes it into the outbox with its `send_mail` job, in `c`'s
/// transaction.
pub(crate) async fn post(
    app: &App,
    c: &mut Conn,
    backend: Backend,
    p: &Posting<'_>,
    at: i64,
) -> AppResult<()> {
    let tr = Tr::new(app.catalog.clone(), p.language);
    let office = liaison_mail::Office {
        name: p.office,
        public_url: app.settings.public_url.trim_end_matches('/'),
    };
    let composed = compose(&tr, &office, &p.letter);
    let domain = app
        .settings
        .mail_from
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d.trim_end_matches('>'));
    let unique: String = random_bytes::<12>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // A reporter's replies land on the record: its reply address, made once. Staff answer
    // in Liaison, not by mail.
    let reply_to = if p.letter.to_reporter() {
        let about = p.about.ok_or(crate::AppError::Internal(
            "a reporter's letter is about a record",
        ))?;
        let kind = about.kind.as_str();
        let token = match replies::token_of(c, kind, about.id).await? {
            Some(t) => t,
            None => {
                let t: String = random_bytes::<10>()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                replies::insert(c, &t, kind, about.id, at).await?;
                t
            }
        };
        reply_address(&app.settings.mail_from, &token)
    } else {
        None
    };
    let message = NewMessage {
        letter: p.letter.word().into(),
        // A digest is about its reader's day, no one record.
        record_kind: p.about.map_or("digest", |r| r.kind.as_str()).into(),
        record_id: p.about.map_or(0, |r| r.id),
        recipient: p.to.into(),
        language: tr.lang.into(),
        subject: composed.subject,
        text_body: composed.text,
        html_body: composed.html,
        reply_to,
        message_id: format!("<{unique}@{domain}>"),
    };
    let id = outbox::insert(c, &message, at).await?;
    jobs::enqueue(c, backend, SEND_MAIL, &[id], at).await?;
    Ok(())
}

impl Outbox<'_> {
    /// The outbox for administrators: the server, the counts, parked jobs and a page of
    /// messages (in one `state` or all; older than `before`).
    pub async fn overview(
        &self,
        by: &liaison_store::users::User,
        state: Option<&str>,
        before: Option<i64>,
    ) -> AppResult<Overview> {
        crate::require(by, Permission::ConfigureOffice)?;
        let state = match state {
            None | Some("") => None,
            Some(s @ ("queued" | "sent" | "failed")) => Some(s),
            Some(_) => return Err(AppError::field("state", "error-choice")),
        };
        let mut c = self.app.store.read().await?;
        let [queued, sent, failed] = outbox::counts(&mut c).await?;
        let parked_jobs = jobs::parked(&mut c, PAGE).await?;
        let mut messages = outbox::list(&mut c, state, before, PAGE + 1).await?;
        let older = if messages.len() as i64 > PAGE {
            messages.truncate(PAGE as usize);
            messages.last().map(|m| m.id)
        } else {
            None
        };
        Ok(Overview {
            server: self
                .app
                .settings
                .smtp
                .as_ref()
                .map(|s| s.server().to_string()),
            from: self.app.settings.mail_from.clone(),
            queued,
            sent,
            failed,
            parked_jobs,
            messages,
            older,
        })
    }

    /// One message, for administrators.
    pub async fn message(&self, by: &liaison_store::users::User, id: i64) -> AppResult<Message> {
        crate::require(by, Permission::ConfigureOffice)?;
        let mut c = self.app.store.read().await?;
        outbox::get(&mut c, id).await?.ok_or(AppError::NotFound)
    }

    /// Queues a failed message to be sent again.
    pub async fn retry(&self, by: &liaison_store::users::User, id: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        door.change(async |tx| {
            let (at, backend) = (tx.at, tx.backend());
            let m = outbox::get(tx, id).await?.ok_or(AppError::NotFound)?;
            if !outbox::requeue(tx, id).await? {
                return Err(AppError::field("message", "error-not-now"));
            }
            jobs::enqueue(tx, backend, SEND_MAIL, &[id], at).await?;
            tx.posted();
            tx.record(
                MailAction::Retry,
                id,
                json!({"letter": m.letter, "attempts": m.attempts}),
            );
            Ok(())
        })
        .await
    }

    /// Puts a parked background job back to run now.
    pub async fn retry_job(&self, by: &liaison_store::users::User, id: i64) -> AppResult<()> {
        let door = self
            .app
            .door(Caller::Staff(by, Permission::ConfigureOffice))?;
        door.change(async |tx| {
            let at = tx.at;
            if !jobs::retry(tx, id, at).await? {
                return Err(AppError::NotFound);
            }
            tx.posted();
            tx.record(MailAction::RetryJob, id, json!({}));
            Ok(())
        })
        .await
    }
}
