//! A report as every format writes it: a title, the period it covers (and the one it is
//! compared with), and sections of tables, each optionally drawn as a chart. The web page,
//! CSV, the spreadsheet and the PDF are all written from one [`Report`], so they never
//! disagree. Texts are already translated; numbers stay numbers until a format writes them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// The standard reports an office hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standard {
    /// The month's concerns: received, acknowledged and resolved on time, by category,
    /// area and channel, with times to acknowledge and resolve.
    Concerns,
    /// Grievance mechanism performance in the terms of ISO 10002 and the IFC: received,
    /// acknowledged within target, resolved within target, appealed, mediated, satisfaction.
    Grievances,
    /// Engagement activity: interactions, engagements held, attendance, first-time attendees.
    Engagement,
    /// Commitments ("you said, we did"): made, due, kept, late, dropped.
    Commitments,
}

impl Standard {
    /// Every standard report, in menu order.
    pub const ALL: [Standard; 4] = [
        Standard::Concerns,
        Standard::Grievances,
        Standard::Engagement,
        Standard::Commitments,
    ];

    /// The word in URLs and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Standard::Concerns => "concerns",
            Standard::Grievances => "grievances",
            Standard::Engagement => "engagement",
            Standard::Commitments => "commitments",
        }
    }

    /// Reads the word.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Standard::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or("error-choice")
    }
}

/// The days of the month a report may be sent on: every month has them.
pub const SENDING_DAYS: std::ops::RangeInclusive<u32> = 1..=28;

/// A scheduled report goes out at this hour of its day, in the office's time zone: in the
/// morning's mail, its month's figures complete.
pub const SENDING_HOUR: u32 = 7;

/// When a report sent monthly on `day` (within [`SENDING_DAYS`]) goes next after `after`,
/// both in the office's local time: that day of this month at [`SENDING_HOUR`] if still
/// ahead, else of the next month.
pub fn next_sending(after: NaiveDateTime, day: u32) -> NaiveDateTime {
    let day = day.clamp(*SENDING_DAYS.start(), *SENDING_DAYS.end());
    let hour = NaiveTime::from_hms_opt(SENDING_HOUR, 0, 0).unwrap_or_default();
    let this_month = after.date().with_day(day).unwrap_or(after.date());
    let candidate = this_month.and_time(hour);
    if candidate > after {
        return candidate;
    }
    let next = this_month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(this_month);
    next.and_time(hour)
}

/// A report, ready to be written in any format.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Which report.
    pub standard: Standard,
    /// Its title ("Concerns, March 2026").
    pub title: String,
    /// The office's name, for the PDF's heading.
    pub office: String,
    /// The first and last day it covers, in the office's time zone.
    pub period: (NaiveDate, NaiveDate),
    /// The period it is compared with, when it is.
    pub previous: Option<(NaiveDate, NaiveDate)>,
    /// The filters it was made with, as people read them ("Area: North; Channel: phone").
    pub filters: Vec<String>,
    /// Its sections, in order.
    pub sections: Vec<Section>,
    /// When it was made (UTC seconds).
    pub made_at: i64,
}

/// One section: a heading, a table, and a chart of one of its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// The table.
    pub table: Table,
    /// A bar chart of the table, when one helps.
    pub chart: Option<Chart>,
}

/// A table: a heading per column, and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns' headings; the first is the rows' labels.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A row: its label and one cell per column after the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label (a category's name, a week's first day).
    pub label: Cell,
    /// The cells.
    pub cells: Vec<Cell>,
    /// Whether it is a total (written in bold).
    pub total: bool,
}

/// A value in a table, typed so a spreadsheet gets real numbers and dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Count(i64),
    /// A share, 0.0 to 1.0 (written as a percentage).
    Share(f64),
    /// A duration in seconds (written in hours or days).
    Seconds(i64),
    /// A day.
    Day(NaiveDate),
    /// Nothing to show (no concern to take a share of).
    Empty,
}

/// A bar chart drawn from a table: which columns are its series, over its rows (totals
/// left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Indexes into the row's `cells` of the series drawn (counts).
    pub series: Vec<usize>,
}

impl Cell {
    /// A share of `part` in `whole`, empty when `whole` is zero.
    pub fn share(part: i64, whole: i64) -> Cell {
        if whole > 0 {
            Cell::Share(part as f64 / whole as f64)
        } else {
            Cell::Empty
        }
    }

    /// The cell as plain text in a language-neutral form (CSV): counts as digits, shares
    /// as percentages with one decimal, durations in hours with one decimal, days in ISO
    /// 8601.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(s) => format!("{:.1}%", s * 100.0),
            Cell::Seconds(s) => format!("{:.1}", *s as f64 / 3600.0),
            Cell::Day(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The count in the cell, if it holds one.
    pub fn count(&self) -> Option<i64> {
        match self {
            Cell::Count(n) => Some(*n),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_monthly_report_goes_on_its_day_in_the_morning() {
        let at = |y, m, d, h, min| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap()
        };
        // Before the morning of its day: that morning; after it: next month's.
        assert_eq!(next_sending(at(2026, 3, 1, 6, 59), 1), at(2026, 3, 1, 7, 0));
        assert_eq!(next_sending(at(2026, 3, 1, 7, 0), 1), at(2026, 4, 1, 7, 0));
        assert_eq!(
            next_sending(at(2026, 3, 20, 12, 0), 5),
            at(2026, 4, 5, 7, 0)
        );
        // Across the year's end, and a day out of range kept within every month.
        assert_eq!(
            next_sending(at(2026, 12, 31, 23, 0), 28),
            at(2027, 1, 28, 7, 0)
        );
        assert_eq!(
            next_sending(at(2027, 2, 1, 0, 0), 31),
            at(2027, 2, 28, 7, 0)
        );
    }

    #[test]
    fn cells_read_plainly() {
        assert_eq!(Cell::share(1, 3).plain(), "33.3%");
        assert_eq!(Cell::share(1, 0), Cell::Empty);
        assert_eq!(Cell::Seconds(5400).plain(), "1.5");
        assert_eq!(
            Cell::Day(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()).plain(),
            "2026-03-01"
        );
        for k in Standard::ALL {
            assert_eq!(Standard::parse(k.as_str()), Ok(k));
        }
    }
}
