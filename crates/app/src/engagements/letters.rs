//! What an engagement writes to the public through the outbox: the place a registration
//! took (or its place on the waitlist), a place freed for someone waiting, the engagement
//! called off, and invitations. Each in its reader's language, in the transaction of the
//! change that causes it.

use liaison_domain::records::{RecordKind, RecordRef};
use liaison_mail::Letter;
use liaison_store::engagements::{self as store, Engagement, Registration};

use crate::door::Change;
use crate::outbox::{post, Posting};
use crate::{App, AppResult};

/// When an engagement is held, as a letter says it: in its own zone, named.
pub(super) fn when(e: &Engagement) -> String {
    let t = &e.terms;
    let at = |s: i64| {
        chrono::DateTime::from_timestamp(s, 0)
            .unwrap_or_default()
            .with_timezone(&t.time_zone)
    };
    let (starts, ends) = (at(t.starts_at), at(t.ends_at));
    let end = if starts.date_naive() == ends.date_naive() {
        ends.format("%H:%M").to_string()
    } else {
        ends.format("%Y-%m-%d %H:%M").to_string()
    };
    format!(
        "{}–{end} ({})",
        starts.format("%Y-%m-%d %H:%M"),
        t.time_zone.name()
    )
}

/// Where an engagement is held, as a letter says it.
pub(super) fn place(e: &Engagement) -> String {
    let v = &e.terms.venue;
    match (v.address.as_str(), v.room.as_str()) {
        ("", _) => v.online_link.clone(),
        (address, "") => address.to_string(),
        (address, room) => format!("{address}, {room}"),
    }
}

/// The portal page of engagement `id`.
pub(super) fn page(id: i64) -> String {
    format!("/engagements/{id}")
}

/// Posts `letter` to `to` in `language` (the office's when they gave none).
pub(super) async fn tell(
    app: &App,
    tx: &mut Change<'_>,
    (to, language): (&str, &str),
    letter: Letter<'_>,
    engagement: i64,
    office: &str,
) -> AppResult<()> {
    let language = if language.is_empty() { "en" } else { language };
    let posting = Posting {
        to,
        language,
        letter,
        about: Some(RecordRef {
            kind: RecordKind::Engagement,
            id: engagement,
        }),
        office,
    };
    let (at, backend) = (tx.at, tx.backend());
    post(app, tx, backend, &posting, at).await?;
    tx.posted();
    Ok(())
}

/// Tells someone who registered with an email of their place and how to give it up.
pub(super) async fn registered(
    app: &App,
    tx: &mut Change<'_>,
    e: &Engagement,
    r: &liaison_domain::engagements::Registration,
    waitlisted: bool,
    secret: &str,
    office: &str,
) -> AppResult<()> {
    if r.email.is_empty() {
        return Ok(());
    }
    let (when, place, path) = (when(e), place(e), page(e.id));
    let cancel = format!("/registrations/{secret}");
    let letter = Letter::Registered {
        title: &e.terms.title,
        when: &when,
        place: &place,
        waitlisted,
        path: &path,
        cancel: &cancel,
    };
    tell(app, tx, (&r.email, &r.language), letter, e.id, office).await
}

/// Tells those moved up from the waitlist that a place is theirs.
pub(super) async fn moved_up(
    app: &App,
    tx: &mut Change<'_>,
    e: &Engagement,
    moved: &[Registration],
    office: &str,
) -> AppResult<()> {
    let (when, path) = (when(e), page(e.id));
    for r in moved.iter().filter(|r| !r.email.is_empty()) {
        let letter = Letter::MovedUp {
            title: &e.terms.title,
            when: &when,
            path: &path,
        };
        tell(app, tx, (&r.email, &r.language), letter, e.id, office).await?;
    }
    Ok(())
}

/// Tells everyone registered or waiting, and everyone invited who did not say no, that the
/// engagement is called off.
pub(super) async fn called_off(
    app: &App,
    tx: &mut Change<'_>,
    e: &Engagement,
    office: &str,
) -> AppResult<usize> {
    let mut told: Vec<String> = Vec::new();
    let mut readers: Vec<(String, String)> = store::to_tell(tx, e.id)
        .await?
        .into_iter()
        .map(|r| (r.email, r.language))
        .collect();
    readers.extend(
        store::invitations(tx, e.id)
            .await?
            .into_iter()
            .filter(|i| i.skipped.is_empty() && i.response != "no")
            .map(|i| (i.email, i.language)),
    );
    let when = when(e);
    for (email, language) in readers {
        // One letter per address, however many ways it came to be told.
        if told.iter().any(|t| t.eq_ignore_ascii_case(&email)) {
            continue;
        }
        let letter = Letter::CalledOff {
            title: &e.terms.title,
            when: &when,
            reason: &e.cancel_reason,
        };
        tell(app, tx, (&email, &language), letter, e.id, office).await?;
        told.push(email);
    }
    Ok(told.len())
}
