//! The office's figures at a glance: the staff home's office-wide part, read from the
//! tallies kept as concerns change (`liaison_store::aggregates`) and from indexes, never
//! from a scan of the records. Also where the tallies are recounted.

use chrono::{Datelike, Duration, NaiveDate};
use liaison_domain::aggregates::{self as figures, Counts, Cut, Measure};
use liaison_domain::permissions::Permission;
pub use liaison_store::aggregates::Activity;
use liaison_store::aggregates::{self, By, Span};
use liaison_store::users::User;

use crate::{App, AppResult};

/// The dashboard's operations.
pub struct Dashboard<'a> {
    pub(crate) app: &'a App,
}

/// Weeks shown in the weekly charts, this one included.
pub const WEEKS: i64 = 12;
/// Days the shares, durations and breakdowns look back over, today included.
pub const RECENT_DAYS: i64 = 90;
/// Days each half of "growing fastest" compares.
pub const GROWTH_DAYS: i64 = 28;
/// Days ahead the commitments due are counted over, today included.
pub const COMMITMENTS_AHEAD: i64 = 30;

/// One week of the weekly charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub starts: NaiveDate,
    /// Concerns received in it.
    pub received: i64,
    /// Concerns resolved in it.
    pub resolved: i64,
    /// Concerns still needing work when it ended (or now, for this week).
    pub backlog: i64,
}

/// A category, area or officer's recent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The category, area or officer (0: no area, nobody).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// What was counted for it over the recent days.
    pub counts: Counts,
    /// Concerns of it still needing work, whenever received.
    pub open: i64,
}

impl Share {
    /// Share acknowledged by the target, in whole percent (none when none was).
    pub fn acknowledged_on_time(&self) -> Option<i64> {
        percent(self.counts.acknowledged_on_time, self.counts.acknowledged)
    }

    /// Share resolved by the target, in whole percent.
    pub fn resolved_on_time(&self) -> Option<i64> {
        percent(self.counts.resolved_on_time, self.counts.resolved)
    }
}

/// `part` of `whole` in whole percent, rounded down so 99.6% never shows as 100%.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| part * 100 / whole)
}

/// A category received more or less often lately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    /// The category.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Received over the last [`GROWTH_DAYS`].
    pub lately: i64,
    /// Received over the [`GROWTH_DAYS`] before.
    pub before: i64,
}

/// How long things took, from the duration histograms (within 5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    /// Median time to acknowledge (seconds).
    pub acknowledge_median: Option<i64>,
    /// 90th percentile time to acknowledge.
    pub acknowledge_p90: Option<i64>,
    /// Median time to resolve.
    pub resolve_median: Option<i64>,
    /// 90th percentile time to resolve.
    pub resolve_p90: Option<i64>,
}

/// An area and when the office last heard from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiet {
    /// The area.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The last day a concern came from it (none: never).
    pub last_concern: Option<NaiveDate>,
}

/// The office's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeFigures {
    /// Today in the office's zone.
    pub today: NaiveDate,
    /// Concerns needing work now.
    pub open: i64,
    /// …past their resolution target.
    pub overdue: i64,
    /// The weekly charts, oldest first.
    pub weeks: Vec<Week>,
    /// Over the recent days, by category (busiest first).
    pub by_category: Vec<Share>,
    /// By area.
    pub by_area: Vec<Share>,
    /// By officer.
    pub by_officer: Vec<Share>,
    /// How long acknowledging and resolving took.
    pub times: Times,
    /// Categories growing fastest.
    pub growing: Vec<Growth>,
    /// The rest of the office's work over the recent days.
    pub activity: Activity,
    /// Commitments due over the next [`COMMITMENTS_AHEAD`] days, today included.
    pub commitments_due: i64,
    /// Areas the office has not heard from over the recent days.
    pub quiet: Vec<Quiet>,
}

impl OfficeFigures {
    /// The first of the recent days.
    pub fn recent_from(&self) -> NaiveDate {
        self.today - Duration::days(RECENT_DAYS - 1)
    }
}

impl Dashboard<'_> {
    /// The office's figures (roles that may read reports).
    pub async fn office(&self, by: &User) -> AppResult<OfficeFigures> {
        crate::require(by, Permission::ReadReports)?;
        let tz = self.ensure_counted().await?;
        let today = chrono::Utc::now().with_timezone(&tz).date_naive();
        let day = figures::day_number(today);
        let recent = day - (RECENT_DAYS - 1);
        let config = self.app.config().await?;
        let mut c = self.app.store.read().await?;

        // Everything received and closed, by day: this week's backlog is what is open now,
        // each earlier week's adds back what was closed and takes away what was received
        // after it ended.
        let weeks_from = figures::day_number(monday(today)) - 7 * (WEEKS - 1);
        let all = aggregates::sum(&mut c, &Span::of(Cut::All, weeks_from, day), By::Day).await?;
        let open: i64 = aggregates::sum(&mut c, &open_now(Cut::All), By::Nothing)
            .await?
            .iter()
            .map(|l| l.counts.still_open)
            .sum();
        let mut weeks: Vec<Week> = (0..WEEKS)
            .map(|w| Week {
                starts: figures::day_date(weeks_from + 7 * w),
                received: 0,
                resolved: 0,
                backlog: open,
            })
            .collect();
        for l in &all {
            let w = ((l.key - weeks_from) / 7) as usize;
            if let Some(week) = weeks.get_mut(w) {
                week.received += l.counts.received;
                week.resolved += l.counts.resolved;
            }
            // A week's backlog: open now, less what came after it, plus what closed after.
            for earlier in weeks.iter_mut().take(w) {
                earlier.backlog += l.counts.closed - l.counts.received;
            }
        }

        let span = |cut| Span::of(cut, recent, day);
        let names = |id: i64, list: &[(i64, String)]| {
            list.iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let categories: Vec<(i64, String)> = config
            .categories
            .iter()
            .map(|k| (k.id, k.fields.name.clone()))
            .collect();
        let areas: Vec<(i64, String)> = liaison_store::areas::list(&mut c, true)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let officers: Vec<(i64, String)> = liaison_store::users::list(&mut c)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let mut shares =
            async |cut: Cut, by: By, list: &[(i64, String)]| -> AppResult<Vec<Share>> {
                let recent = aggregates::sum(&mut c, &span(cut), by).await?;
                let open = aggregates::sum(&mut c, &open_now(cut), by).await?;
                let mut out: Vec<Share> = recent
                    .into_iter()
                    .map(|l| Share {
                        id: l.key,
                        name: names(l.key, list),
                        counts: l.counts,
                        open: 0,
                    })
                    .collect();
                for l in open.into_iter().filter(|l| l.counts.still_open != 0) {
                    match out.iter_mut().find(|s| s.id == l.key) {
                        Some(s) => s.open = l.counts.still_open,
                        None => out.push(Share {
                            id: l.key,
                            name: names(l.key, list),
                            counts: Counts::default(),
                            open: l.counts.still_open,
                        }),
                    }
                }
                out.sort_by(|a, b| {
                    (b.counts.received, b.open, &a.name).cmp(&(a.counts.received, a.open, &b.name))
                });
                Ok(out)
            };
        let by_category = shares(Cut::Category, By::Category, &categories).await?;
        let by_area = shares(Cut::Area, By::Area, &areas).await?;
        let by_officer = shares(Cut::Officer, By::Officer, &officers).await?;

        let lately = aggregates::sum(
            &mut c,
            &Span::of(Cut::Category, day - GROWTH_DAYS + 1, day),
            By::Category,
        )
        .await?;
        let before = aggregates::sum(
            &mut c,
            &Span::of(Cut::Category, day - 2 * GROWTH_DAYS + 1, day - GROWTH_DAYS),
            By::Category,
        )
        .await?;
        let mut growing: Vec<Growth> = lately
            .iter()
            .map(|l| Growth {
                id: l.key,
                name: names(l.key, &categories),
                lately: l.counts.received,
                before: before
                    .iter()
                    .find(|b| b.key == l.key)
                    .map_or(0, |b| b.counts.received),
            })
            .filter(|g| g.lately > g.before)
            .collect();
        growing.sort_by(|a, b| (b.lately - b.before, &a.name).cmp(&(a.lately - a.before, &b.name)));
        growing.truncate(5);

        let mut times = Times::default();
        for (measure, median, p90) in [
            (
                Measure::Acknowledge,
                &mut times.acknowledge_median,
                &mut times.acknowledge_p90,
            ),
            (
                Measure::Resolve,
                &mut times.resolve_median,
                &mut times.resolve_p90,
            ),
        ] {
            let hist = aggregates::durations(&mut c, measure, recent, day).await?;
            *median = figures::quantile(&hist, 0.5);
            *p90 = figures::quantile(&hist, 0.9);
        }

        let now = chrono::Utc::now().timestamp();
        let overdue = aggregates::overdue(&mut c, now).await?;
        let activity = aggregates::activity(&mut c, days(recent, day, tz), today).await?;
        let commitments_due =
            aggregates::activity(&mut c, days(day, day + COMMITMENTS_AHEAD - 1, tz), today)
                .await?
                .commitments_due_open;
        let quiet = areas
            .iter()
            .filter(|(id, _)| !by_area.iter().any(|s| s.id == *id && s.counts.received > 0))
            .map(|(id, name)| Quiet {
                id: *id,
                name: name.clone(),
                last_concern: None,
            })
            .collect::<Vec<_>>();
        let mut quiet_known = Vec::with_capacity(quiet.len());
        for mut q in quiet {
            q.last_concern = aggregates::last_received(&mut c, q.id)
                .await?
                .map(figures::day_date);
            quiet_known.push(q);
        }
        Ok(OfficeFigures {
            today,
            open,
            overdue,
            weeks,
            by_category,
            by_area,
            by_officer,
            times,
            growing,
            activity,
            commitments_due,
            quiet: quiet_known,
        })
    }

    /// Recounts the figures from the concerns, in the office's time zone (the command
    /// line's `liaison aggregates rebuild`); answers how many concerns were counted.
    pub async fn rebuild(&self) -> AppResult<i64> {
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let backend = self.app.store.backend();
        self.app
            .bookkeeping(async |c| {
                aggregates::rebuild(c, backend, tz, crate::now()).await?;
                Ok(aggregates::concerns_counted(c).await?)
            })
            .await
    }

    /// Recounts the figures when they never were, or were counted in another time zone
    /// than the office's; answers the zone they are counted in.
    pub async fn ensure_counted(&self) -> AppResult<chrono_tz::Tz> {
        let tz = self.app.office().settings().await?.calendar.time_zone;
        let state = aggregates::state(&mut *self.app.store.read().await?).await?;
        if state.built_at == 0 || state.time_zone != tz {
            tracing::info!("recounting the office's figures");
            self.rebuild().await?;
        }
        Ok(tz)
    }
}

/// The concerns open now, in `cut`.
fn open_now(cut: Cut) -> Span<'static> {
    Span::of(cut, figures::OPEN_NOW, figures::OPEN_NOW)
}

/// Local days `from` to `to` (day numbers) with their instants in `tz`.
pub(crate) fn days(from: i64, to: i64, tz: chrono_tz::Tz) -> aggregates::Days {
    aggregates::Days {
        from: figures::day_date(from),
        to: figures::day_date(to),
        from_at: figures::day_start(from, tz),
        until_at: figures::day_start(to + 1, tz),
    }
}

/// The Monday of `day`'s week.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}
