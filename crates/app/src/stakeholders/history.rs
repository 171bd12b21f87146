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

use super::{Line, Stakeholder, Stakeholders};
use crate::accounts::User;
use crate::door::Caller;
use crate::{AppError, AppResult, Text};

/// How many entries a page of a timeline shows.
pub const PAGE: usize = 25;

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

/// Where an entry comes from; entries of the same day and second are in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Change,
    Interaction,
    Concern,
}

/// A place in a timeline. Timelines run newest first by day, then by time (when a line
/// was written, an interaction logged, a concern received), then by source and id; a page
/// starts just past the mark of the last entry the page before it showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    day: Day,
    at: i64,
    source: Source,
    id: i64,
}

impl Mark {
    /// How a link writes it (`?before=2026-12-07.1796601600.1.42`).
    pub fn text(&self) -> String {
        let source = match self.source {
            Source::Change => 0,
            Source::Interaction => 1,
            Source::Concern => 2,
        };
        format!(
            "{}.{}.{source}.{}",
            liaison_domain::values::day_text(self.day),
            self.at,
            self.id
        )
    }

    /// Reads a link's mark; anything else is no mark (the newest page).
    pub fn parse(s: &str) -> Option<Mark> {
        let mut parts = s.trim().split('.');
        let day = chrono::NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let at = parts.next()?.parse().ok()?;
        let source = match parts.next()? {
            "0" => Source::Change,
            "1" => Source::Interaction,
            "2" => Source::Concern,
            _ => return None,
        };
        let id = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(Mark {
            day,
            at,
            source,
            id,
        })
    }

    /// The highest id of `source` that comes after this mark among entries of its day
    /// and time.
    fn id_below(&self, source: Source) -> i64 {
        match source.cmp(&self.source) {
            std::cmp::Ordering::Less => i64::MAX,
            std::cmp::Ordering::Equal => self.id,
            std::cmp::Ordering::Greater => i64::MIN,
        }
    }

    /// For a source whose day is its time's (lines, concerns): the (time, id) its entries
    /// must come before to come after this mark.
    fn timed_below(&self, source: Source, tz: chrono_tz::Tz) -> (i64, i64) {
        let start = start_of(self.day, tz);
        let end = self.day.succ_opt().map_or(i64::MAX, |d| start_of(d, tz));
        if self.at < start {
            (start, i64::MIN)
        } else if self.at >= end {
            (end, i64::MIN)
        } else {
            (self.at, self.id_below(source))
        }
    }
}

/// The day a moment falls on in the office's time zone.
fn day_of(at: i64, tz: chrono_tz::Tz) -> Day {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
        .date_naive()
}

/// The first second of a day in the office's time zone: found by halving, since a zone's
/// midnight may not exist (a clock put forward at midnight) or happen twice.
fn start_of(day: Day, tz: chrono_tz::Tz) -> i64 {
    let noon = day
        .and_hms_opt(12, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp();
    // No zone is more than 14 hours from UTC.
    let (mut before, mut on_or_after) = (noon - 40 * 3600, noon + 40 * 3600);
    while on_or_after - before > 1 {
        let mid = before + (on_or_after - before) / 2;
        if day_of(mid, tz) < day {
            before = mid;
        } else {
            on_or_after = mid;
        }
    }
    on_or_after
}

/// A page of a timeline, newest first, and where the next (older) page starts.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The entries.
    pub entries: Vec<Entry>,
    /// The mark of the last entry, when older ones follow.
    pub older: Option<Mark>,
    /// The day they were last contacted, if ever.
    pub last_contacted: Option<Day>,
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

    /// A page of the timeline of a person or an organization `by` has read (`get`), newest
    /// first: what `show` asks for, of what `by` may see, after `before`, with the day they
    /// were last contacted. Each source gives at most a page's worth
    /// from its own index, so a page costs the same for a record with ten entries or ten
    /// thousand.
    pub async fn history(
        &self,
        by: &User,
        of: &Stakeholder,
        show: Show,
        before: Option<Mark>,
    ) -> AppResult<Page> {
        let record = of.record();
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let sight = by.role.sight(by.id);
        let wanted = PAGE as i64 + 1;
        let timed_below =
            |source| before.map_or((i64::MAX, i64::MAX), |m| m.timed_below(source, tz));
        let mut entries: Vec<(Mark, Entry)> = Vec::new();
        let mut c = self.app.store.read().await?;
        if matches!(show, Show::All | Show::Changes) {
            let below = timed_below(Source::Change);
            let lines: Vec<Line> =
                liaison_store::timeline::newest(&mut c, record, below, wanted).await?;
            entries.extend(lines.into_iter().map(|l| {
                let mark = Mark {
                    day: day_of(l.at, tz),
                    at: l.at,
                    source: Source::Change,
                    id: l.id,
                };
                (mark, Entry::Change(l))
            }));
        }
        if matches!(show, Show::All | Show::Interactions) {
            let below = before.map(|m| (m.day, m.at, m.id_below(Source::Interaction)));
            let found = log::of_record(&mut c, record, below, wanted, sight).await?;
            entries.extend(found.into_iter().map(|x| {
                let mark = Mark {
                    day: x.interaction.happened_on,
                    at: x.created_at,
                    source: Source::Interaction,
                    id: x.id,
                };
                (mark, Entry::Interaction(x))
            }));
        }
        if record.kind == RecordKind::Person && matches!(show, Show::All | Show::Concerns) {
            let below = timed_below(Source::Concern);
            for id in log::concerns_of(&mut c, record.id, below, wanted, sight).await? {
                if let Some(x) = concerns::get(&mut c, id, sight).await? {
                    let mark = Mark {
                        day: day_of(x.received_at, tz),
                        at: x.received_at,
                        source: Source::Concern,
                        id: x.id,
                    };
                    entries.push((mark, Entry::Concern(Box::new(x))));
                }
            }
        }
        let last_contacted = log::last_contacted(&mut c, record).await?;
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        let older = (entries.len() > PAGE).then(|| entries[PAGE - 1].0);
        entries.truncate(PAGE);
        Ok(Page {
            entries: entries.into_iter().map(|(_, e)| e).collect(),
            older,
            last_contacted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn a_day_starts_at_its_first_second_even_where_midnight_is_skipped() {
        // Santiago puts its clocks forward at midnight; Lord Howe by half an hour; Kiribati
        // is fourteen hours ahead of UTC.
        for zone in [
            "UTC",
            "America/Santiago",
            "Australia/Lord_Howe",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
        ] {
            let tz: chrono_tz::Tz = zone.parse().expect("zone");
            let mut day = Day::from_ymd_opt(2026, 1, 1).expect("day");
            while day.year() == 2026 {
                let start = start_of(day, tz);
                assert_eq!(day_of(start, tz), day, "{zone} {day}");
                assert!(day_of(start - 1, tz) < day, "{zone} {day}");
                day = day.succ_opt().expect("next day");
            }
        }
    }

    #[test]
    fn a_mark_reads_back_as_written_and_nothing_else_is_a_mark() {
        let m = Mark {
            day: Day::from_ymd_opt(2026, 12, 7).expect("day"),
            at: 1_796_601_600,
            source: Source::Interaction,
            id: 42,
        };
        assert_eq!(Mark::parse(&m.text()), Some(m));
        for odd in [
            "",
            "yesterday",
            "2026-12-07.1.1",
            "2026-12-07.1.9.1",
            "2026-12-07.1.1.1.1",
        ] {
            assert_eq!(Mark::parse(odd), None, "{odd}");
        }
    }
}
