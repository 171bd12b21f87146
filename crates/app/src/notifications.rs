//! Staff notifications: each member of staff chooses, per kind of news (a concern given to
//! them, escalated to them, a reporter's answer, a commitment coming due, what of theirs
//! comes due), to be told by email at once, in a daily digest, or not at all. News told
//! at once is a letter in the outbox, written in the transaction of what happened; news
//! for the digest is kept until the daily job writes each person one letter.

use liaison_domain::audit::AccountAction;
use liaison_domain::notifications::{Mode, News};
use liaison_domain::records::RecordRef;
use liaison_domain::FieldErrors;
use liaison_i18n::Tr;
use liaison_mail::{compose, Letter};
use liaison_store::jobs::Job;
use liaison_store::notifications as store;
use liaison_store::{concerns, jobs, now, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::accounts::{Accounts, User};
use crate::concerns::{QueueFilter, Sort};
use crate::door::{Caller, Change};
use crate::outbox::{post, Posting};
use crate::{App, AppResult, Text};

/// The daily digest's job, and its schedule's name.
pub(crate) const DIGEST: &str = "daily_digest";
/// How often digests are written (seconds).
const DIGEST_EVERY: i64 = 86_400;

/// How a member of staff is told each kind of news (`POST /staff/account/notifications`):
/// `now`, `digest` or `never` each (`due`: `digest` or `never`); an empty field keeps the
/// kind's default.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveNotifications {
    /// A concern given to them.
    pub assigned: Text,
    /// A concern escalated to them, or not acknowledged in time (supervisors).
    pub escalated: Text,
    /// The reporter of a concern they hold answered.
    pub reply: Text,
    /// A commitment they keep comes due, or is late.
    pub commitment: Text,
    /// Their concerns coming due within a day, and overdue.
    pub due: Text,
}

impl Accounts<'_> {
    /// How `by` is told each kind of news.
    pub async fn notifications(&self, by: &User) -> AppResult<Vec<(News, Mode)>> {
        let mut c = self.app.store.read().await?;
        Ok(store::modes(&mut c, by.id).await?)
    }

    /// Saves how `by` is told each kind of news.
    pub async fn save_notifications(&self, by: &User, cmd: &SaveNotifications) -> AppResult<()> {
        let door = self.app.door(Caller::Themselves(by))?;
        let mut errors = FieldErrors::new();
        let mut choices = Vec::new();
        for (news, sent) in [
            (News::Assigned, &cmd.assigned),
            (News::Escalated, &cmd.escalated),
            (News::Reply, &cmd.reply),
            (News::Commitment, &cmd.commitment),
            (News::Due, &cmd.due),
        ] {
            let mode = match sent.trim() {
                "" => news.default_mode(),
                s => match Mode::parse(s) {
                    Ok(m) if news.modes().contains(&m) => m,
                    _ => {
                        errors.add(news.as_str(), "error-choice");
                        continue;
                    }
                },
            };
            choices.push((news, mode));
        }
        errors.into_result()?;
        door.change(async |tx| {
            store::save(tx, by.id, &choices).await?;
            let chosen: serde_json::Map<String, serde_json::Value> = choices
                .iter()
                .map(|(n, m)| (n.as_str().to_string(), json!(m.as_str())))
                .collect();
            tx.record(AccountAction::Notifications, by.id, json!(chosen));
            Ok(())
        })
        .await
    }
}

/// Tells `to` a piece of `news` as they chose: `letter` into the outbox now, its subject
/// kept for their digest (with `path`, the page it is about), or nothing.
pub(crate) async fn notify(
    app: &App,
    tx: &mut Change<'_>,
    to: &User,
    news: News,
    (letter, path): (Letter<'_>, &str),
    about: RecordRef,
    office: &str,
) -> AppResult<()> {
    let (at, backend) = (tx.at, tx.backend());
    match store::mode(tx, to.id, news).await? {
        Mode::Now => {
            // Staff letters are written in English for now.
            let posting = Posting {
                to: &to.email,
                language: "en",
                letter,
                about: Some(about),
                office,
            };
            post(app, tx, backend, &posting, at).await?;
            tx.posted();
        }
        Mode::Digest => {
            let tr = Tr::new(app.catalog.clone(), "en");
            let public_url = app.settings.public_url.trim_end_matches('/');
            let office = liaison_mail::Office {
                name: office,
                public_url,
            };
            let line = compose(&tr, &office, &letter).subject;
            store::keep(tx, to.id, news, &line, path, at).await?;
        }
        Mode::Never => {}
    }
    Ok(())
}

/// The next seven o'clock in `tz` after `now`.
fn next_morning(now: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> i64 {
    use chrono::TimeZone;
    let local = now.with_timezone(&tz);
    let seven = chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default();
    let mut day = local.date_naive();
    if local.time() >= seven {
        day = day.succ_opt().unwrap_or(day);
    }
    tz.from_local_datetime(&day.and_time(seven))
        .earliest()
        .map_or(now.timestamp() + DIGEST_EVERY, |t| t.timestamp())
}

impl App {
    /// Queues the daily digest when its day has come, once across all nodes.
    pub(crate) async fn schedule_digest(&self) -> AppResult<bool> {
        // The first digest is the next morning's, at seven in the office's zone; each
        // follows a day after the one before.
        let tz = self.office().settings().await?.calendar.time_zone;
        let first = next_morning(chrono::Utc::now(), tz);
        let mut tx = self.store.write().await?;
        jobs::plan_schedule(&mut tx, DIGEST, first).await?;
        let queued =
            jobs::claim_schedule(&mut tx, self.store.backend(), DIGEST, now(), DIGEST_EVERY)
                .await?;
        tx.commit().await?;
        Ok(queued.is_some())
    }

    /// The digest's job: one letter to each active member of staff with news kept for
    /// them, or concerns of theirs coming due within a day or overdue (unless they chose
    /// not to be told those).
    pub(crate) async fn write_digests(&self, _job: &Job) -> AppResult<()> {
        let office = self.office().settings().await?;
        let staff = {
            let mut c = self.store.read().await?;
            users::list(&mut c).await?
        };
        let t = now();
        for u in staff.into_iter().filter(|u| u.active) {
            let due = {
                let mut c = self.store.read().await?;
                if store::mode(&mut c, u.id, News::Due).await? == Mode::Digest {
                    let filter = QueueFilter {
                        assignee: Some(u.id),
                        open_only: true,
                        sort: Sort::DueFirst,
                        limit: 50,
                        now: t,
                        ..QueueFilter::default()
                    };
                    let (found, _) =
                        concerns::queue(&mut c, self.store.backend(), u.role.sight(u.id), &filter)
                            .await?;
                    found
                        .into_iter()
                        .filter(|s| s.paused_at.is_none() && s.resolve_due_at <= t + 86_400)
                        .map(|s| {
                            let late = if s.resolve_due_at < t {
                                "overdue"
                            } else {
                                "due"
                            };
                            (
                                format!("{} · {} · {late}", s.reference, s.category_name),
                                format!("/staff/concerns/{}", s.id),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                }
            };
            let door = self.door(Caller::System("daily digest"))?;
            let (app, office_name) = (self, &office.name);
            door.change(async |tx| {
                let news = store::kept(tx, u.id).await?;
                if news.is_empty() && due.is_empty() {
                    return Ok(());
                }
                store::forget(tx, u.id).await?;
                let (at, backend) = (tx.at, tx.backend());
                let posting = Posting {
                    to: &u.email,
                    language: "en",
                    letter: Letter::Digest {
                        news: &news,
                        due: &due,
                    },
                    about: None,
                    office: office_name,
                };
                post(app, tx, backend, &posting, at).await?;
                tx.posted();
                tx.record(
                    AccountAction::Notifications,
                    u.id,
                    json!({"digest": news.len() + due.len()}),
                );
                Ok(())
            })
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::next_morning;
    use chrono::TimeZone;

    #[test]
    fn the_first_digest_is_the_next_morning_in_the_offices_zone() {
        let tz: chrono_tz::Tz = "Africa/Johannesburg".parse().expect("zone");
        // 05:00 and 09:00 on 7 December 2026 in Johannesburg (UTC+2).
        let early = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 3, 0, 0).unwrap();
        let late = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 7, 0, 0).unwrap();
        let seven = |d| {
            chrono::Utc
                .with_ymd_and_hms(2026, 12, d, 5, 0, 0)
                .unwrap()
                .timestamp()
        };
        assert_eq!(next_morning(early, tz), seven(7));
        assert_eq!(next_morning(late, tz), seven(8));
    }
}
