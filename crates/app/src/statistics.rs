//! The portal's public statistics (`/statistics`): concerns received by category and by
//! area, the share resolved by the target, and the public commitments kept, over the last
//! twelve whole months in the office's time zone — published under the suppression rule
//! of `liaison_domain::statistics`, so that nobody can be singled out.
//!
//! What is named: categories offered on the portal (public ones), except a sensitive one
//! whose count is under the threshold; every other category — not public, or sensitive
//! and small — is counted in one "other categories" line, itself a cell of the table like
//! any (suppressed when small, and never so that it can be worked out). Every area is
//! named, and concerns without one have their line. Commitments count only public ones.
//!
//! The figures come from the tallies kept as concerns change (`liaison_store::aggregates`),
//! summed at most once a [`FRESH`] on each node, in the background while the last ones are
//! shown; only the names, in the visitor's language, are read for each page (the settings'
//! cache and one read of the areas). Whole months, not a window that moves every day, so
//! that comparing the page from one day to the next never tells what came in that day.
//!
//! The commitments counted are those the portal's "you said, we did" reads, at most
//! [`COMMITMENTS_READ`] (open ones first): an office with more open public commitments
//! than that would see its closed ones undercounted.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Datelike, Months, NaiveDate};
use liaison_domain::aggregates::{self as figures, Counts, Cut};
use liaison_domain::statistics as rule;
pub use liaison_domain::statistics::{Cell, Share, THRESHOLD};
use liaison_store::aggregates::{self, By, Line, Span};

use crate::{App, AppResult};

/// The public statistics' operations.
pub struct Statistics<'a> {
    pub(crate) app: &'a App,
}

/// How long figures counted are shown before they are counted again.
pub const FRESH: Duration = Duration::from_secs(60);

/// The whole months counted, the current one excepted.
pub const MONTHS: u32 = 12;

/// The public commitments read at most (the portal lists as many; an office keeps far
/// fewer in a year).
const COMMITMENTS_READ: i64 = 1000;

/// What a line of a table is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    /// A category or an area, by its name in the visitor's language.
    Named {
        /// The name.
        name: String,
        /// Shown in the office's language for want of a version in the visitor's.
        fell_back: bool,
    },
    /// Every category not named (not public, or sensitive and under the threshold).
    OtherCategories,
    /// Concerns given no area.
    NoArea,
}

/// One line of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What it is about.
    pub group: Group,
    /// Concerns received.
    pub received: Cell,
    /// Of those resolved over the period, the share by the target.
    pub on_time: Share,
}

/// A table by category or by area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// Its lines (the others and the concerns without an area last); none when withheld.
    pub rows: Vec<Row>,
    /// Every concern received.
    pub total: Cell,
    /// Not published: no suppression would have kept a small count from being worked out.
    pub withheld: bool,
}

/// Public commitments over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commitments {
    /// Kept.
    pub kept: Cell,
    /// Dropped.
    pub dropped: Cell,
    /// Kept and dropped.
    pub closed: Cell,
    /// Of those kept, the share kept by the day promised.
    pub kept_on_time: Share,
    /// Still open now.
    pub open: Cell,
}

/// The portal's statistics page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatistics {
    /// The first day counted (the first of a month).
    pub from: NaiveDate,
    /// The last day counted (the last of the month before this one).
    pub to: NaiveDate,
    /// When they were counted (UTC seconds).
    pub counted_at: i64,
    /// The smallest count shown.
    pub threshold: i64,
    /// Concerns received over the period.
    pub received: Cell,
    /// The share of those resolved over the period that were resolved by the target.
    pub on_time: Share,
    /// By category.
    pub categories: Breakdown,
    /// By area.
    pub areas: Breakdown,
    /// Public commitments.
    pub commitments: Commitments,
}

/// A line counted, before it is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Category(i64),
    OtherCategories,
    /// 0: no area.
    Area(i64),
}

/// A table counted and protected, before it is named.
#[derive(Debug, Clone)]
struct Counted {
    rows: Vec<(Key, Cell, Share)>,
    total: Cell,
    withheld: bool,
}

/// Everything but the names: what is kept for [`FRESH`].
#[derive(Debug, Clone)]
struct Figures {
    from: NaiveDate,
    to: NaiveDate,
    counted_at: i64,
    received: Cell,
    on_time: Share,
    categories: Counted,
    areas: Counted,
    commitments: Commitments,
}

impl Statistics<'_> {
    /// The statistics, with names in `language`. Anyone may read them.
    pub async fn public(&self, language: &str) -> AppResult<PublicStatistics> {
        let f = self.figures().await?;
        let office = self.app.office();
        let categories = office.categories_in(false, false, language).await?;
        let areas = office.areas_in(true, language).await?;
        let name = |key: Key| match key {
            Key::Category(id) => categories
                .iter()
                .find(|k| k.id == id)
                .map(|k| Group::Named {
                    name: k.fields.name.clone(),
                    fell_back: k.fell_back("name"),
                })
                .unwrap_or(Group::OtherCategories),
            Key::OtherCategories => Group::OtherCategories,
            Key::Area(0) => Group::NoArea,
            Key::Area(id) => areas
                .iter()
                .find(|a| a.id == id)
                .map(|a| Group::Named {
                    name: a.name.clone(),
                    fell_back: a.fell_back("name"),
                })
                .unwrap_or(Group::NoArea),
        };
        let named = |t: &Counted| Breakdown {
            rows: t
                .rows
                .iter()
                .map(|(key, received, on_time)| Row {
                    group: name(*key),
                    received: *received,
                    on_time: *on_time,
                })
                .collect(),
            total: t.total,
            withheld: t.withheld,
        };
        Ok(PublicStatistics {
            from: f.from,
            to: f.to,
            counted_at: f.counted_at,
            threshold: THRESHOLD,
            received: f.received,
            on_time: f.on_time,
            categories: named(&f.categories),
            areas: named(&f.areas),
            commitments: f.commitments,
        })
    }

    /// The figures this node counted last. Older than [`FRESH`], they are still answered
    /// while one task counts them again (so no visitor waits for a count but the first);
    /// never counted, they are counted now.
    async fn figures(&self) -> AppResult<Arc<Figures>> {
        match self.app.public_figures.get() {
            Some((f, recount)) => {
                if recount {
                    let app = self.app.clone();
                    tokio::spawn(async move {
                        match app.statistics().count().await {
                            Ok(f) => app.public_figures.keep(Arc::new(f)),
                            Err(e) => {
                                tracing::warn!("counting the public statistics: {e}");
                                app.public_figures.given_up();
                            }
                        }
                    });
                }
                Ok(f)
            }
            None => {
                let f = Arc::new(self.count().await?);
                self.app.public_figures.keep(f.clone());
                Ok(f)
            }
        }
    }

    /// Counts the figures: a few sums of the tallies, each category's sensitivity, the
    /// public commitments.
    async fn count(&self) -> AppResult<Figures> {
        let tz = self.app.dashboard().ensure_counted().await?;
        let today = chrono::Utc::now().with_timezone(&tz).date_naive();
        let (from, to) = period(today);
        let (from_day, to_day) = (figures::day_number(from), figures::day_number(to));
        let config = self.app.config().await?;
        let mut c = self.app.store.read().await?;
        let by_category = aggregates::sum(
            &mut c,
            &Span::of(Cut::Category, from_day, to_day),
            By::Category,
        )
        .await?;
        let by_area =
            aggregates::sum(&mut c, &Span::of(Cut::Area, from_day, to_day), By::Area).await?;
        let areas = liaison_store::areas::list(&mut c, true).await?;

        // Public categories are named, unless sensitive and small; the rest are "other".
        let mut named: Vec<(Key, Counts)> = Vec::new();
        let mut other: Option<Counts> = None;
        for k in &config.categories {
            let counts = counts_of(&by_category, k.id);
            let sensitive = k.fields.public && liaison_store::teams::of(&mut c, k.id).await?.0;
            if k.fields.public && (!sensitive || counts.received >= THRESHOLD) {
                named.push((Key::Category(k.id), counts));
            } else {
                other.get_or_insert_with(Counts::default).add(&counts, 1);
            }
        }
        // Tallies of a category no longer configured count as "other" too.
        for l in by_category
            .iter()
            .filter(|l| !config.categories.iter().any(|k| k.id == l.key))
        {
            other.get_or_insert_with(Counts::default).add(&l.counts, 1);
        }
        if let Some(o) = other {
            named.push((Key::OtherCategories, o));
        }
        let mut by_place: Vec<(Key, Counts)> = areas
            .iter()
            .map(|a| (Key::Area(a.id), counts_of(&by_area, a.id)))
            .collect();
        let mut none = counts_of(&by_area, 0);
        for l in by_area
            .iter()
            .filter(|l| l.key != 0 && !areas.iter().any(|a| a.id == l.key))
        {
            none.add(&l.counts, 1);
        }
        by_place.push((Key::Area(0), none));

        let mut all = Counts::default();
        for (_, n) in &named {
            all.add(n, 1);
        }
        let commitments = self.commitments(&mut c, from, to, tz).await?;
        Ok(Figures {
            from,
            to,
            counted_at: crate::now(),
            // The tables' total: shown from the threshold, as `rule::protect` shows it.
            received: rule::single(all.received, THRESHOLD),
            on_time: rule::share(all.resolved_on_time, all.resolved, THRESHOLD),
            categories: protected(named),
            areas: protected(by_place),
            commitments,
        })
    }

    /// Public commitments kept and dropped over the period, and open now.
    async fn commitments(
        &self,
        c: &mut liaison_store::Conn,
        from: NaiveDate,
        to: NaiveDate,
        tz: chrono_tz::Tz,
    ) -> AppResult<Commitments> {
        let from_at = figures::day_start(figures::day_number(from), tz);
        let to_at = figures::day_start(figures::day_number(to) + 1, tz);
        let found = liaison_store::commitments::public(c, from_at, COMMITMENTS_READ).await?;
        let (mut kept, mut on_time, mut dropped, mut open) = (0, 0, 0, 0);
        for k in &found {
            match (k.status.is_open(), k.closed_at) {
                (true, _) => open += 1,
                (false, Some(at)) if at >= from_at && at < to_at => {
                    if k.status == liaison_domain::commitments::Status::Kept {
                        kept += 1;
                        if figures::day_date(figures::local_day(at, tz)) <= k.terms.due_on {
                            on_time += 1;
                        }
                    } else {
                        dropped += 1;
                    }
                }
                _ => {}
            }
        }
        let (cells, closed) = match rule::protect(&[kept, dropped], THRESHOLD) {
            rule::Table::Shown { cells, total } => ((cells[0], cells[1]), total),
            rule::Table::Withheld => ((Cell::Hidden, Cell::Hidden), Cell::Hidden),
        };
        Ok(Commitments {
            kept: cells.0,
            dropped: cells.1,
            closed,
            kept_on_time: rule::share(on_time, kept, THRESHOLD),
            open: rule::single(open, THRESHOLD),
        })
    }
}

/// The twelve whole months before `today`'s: their first and last days.
pub fn period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let this_month = today.with_day(1).unwrap_or(today);
    let from = this_month
        .checked_sub_months(Months::new(MONTHS))
        .unwrap_or(this_month);
    (from, this_month.pred_opt().unwrap_or(this_month))
}

/// The counts of `key` in a sum split by category or area (zero when none).
fn counts_of(lines: &[Line], key: i64) -> Counts {
    lines
        .iter()
        .find(|l| l.key == key)
        .map(|l| l.counts)
        .unwrap_or_default()
}

/// A table's counts under the suppression rule, with each line's share resolved on time.
fn protected(lines: Vec<(Key, Counts)>) -> Counted {
    let received: Vec<i64> = lines.iter().map(|(_, n)| n.received).collect();
    match rule::protect(&received, THRESHOLD) {
        rule::Table::Shown { cells, total } => Counted {
            rows: lines
                .iter()
                .zip(cells)
                .map(|((key, n), cell)| {
                    let share = rule::share(n.resolved_on_time, n.resolved, THRESHOLD);
                    (*key, cell, share)
                })
                .collect(),
            total,
            withheld: false,
        },
        rule::Table::Withheld => Counted {
            rows: Vec::new(),
            total: rule::single(received.iter().sum(), THRESHOLD),
            withheld: true,
        },
    }
}

/// The figures this node counted last (kept in [`App`], so each application in a process
/// — several in tests — keeps its own).
#[derive(Default)]
pub(crate) struct KeptFigures(Mutex<Option<Kept>>);

struct Kept {
    at: Instant,
    figures: Arc<Figures>,
    /// A task is counting them again.
    recounting: bool,
}

impl KeptFigures {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Kept>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The figures counted last, and whether the caller is to count them again (they are
    /// older than [`FRESH`] and nobody is yet).
    fn get(&self) -> Option<(Arc<Figures>, bool)> {
        let mut kept = self.lock();
        let k = kept.as_mut()?;
        let recount = !k.recounting && k.at.elapsed() >= FRESH;
        k.recounting |= recount;
        Some((k.figures.clone(), recount))
    }

    /// Keeps what was counted now.
    fn keep(&self, figures: Arc<Figures>) {
        *self.lock() = Some(Kept {
            at: Instant::now(),
            figures,
            recounting: false,
        });
    }

    /// A count failed: the next visitor tries again.
    fn given_up(&self) {
        if let Some(k) = self.lock().as_mut() {
            k.recounting = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_the_twelve_whole_months_before_this_one() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(period(d("2026-12-07")), (d("2025-12-01"), d("2026-11-30")));
        assert_eq!(period(d("2026-01-01")), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(period(d("2024-03-31")), (d("2023-03-01"), d("2024-02-29")));
    }
}
