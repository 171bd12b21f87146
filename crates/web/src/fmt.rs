//! Showing times: stored in UTC, shown in the office's time zone; deadlines as time left.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::i18n::Tr;

/// A stored time as `2026-11-23 14:05` in the office's zone.
pub fn datetime(t: i64, tz: Tz) -> String {
    DateTime::<Utc>::from_timestamp(t, 0)
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// A stored time as `2026-11-23` in the office's zone.
pub fn date(t: i64, tz: Tz) -> String {
    DateTime::<Utc>::from_timestamp(t, 0)
        .map(|d| d.with_timezone(&tz).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A span as the largest sensible unit: "3 days", "5 hours", "12 minutes".
pub fn span(tr: &Tr, seconds: i64) -> String {
    let s = seconds.abs();
    if s >= 2 * 86_400 {
        tr.t1("span-days", "n", s / 86_400)
    } else if s >= 3600 {
        tr.t1("span-hours", "n", s / 3600)
    } else {
        tr.t1("span-minutes", "n", (s / 60).max(1))
    }
}

/// A file size as people read it: "840 bytes", "64 KB", "2.5 MB" (1 KB = 1024 bytes).
pub fn size(tr: &Tr, bytes: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if bytes >= MB {
        // One decimal, rounded: 2.5 MB, 10 MB.
        let tenths = (bytes * 10 + MB / 2) / MB;
        tr.t1("size-mb", "n", tenths as f64 / 10.0)
    } else if bytes >= KB {
        tr.t1("size-kb", "n", (bytes + KB / 2) / KB)
    } else {
        tr.t1("size-bytes", "n", bytes)
    }
}

/// How a deadline stands: time left, overdue by, or paused.
pub struct Deadline {
    /// The text to show.
    pub text: String,
    /// `overdue`, `due-soon`, `paused` or empty: a CSS class and a badge.
    pub state: &'static str,
}

/// Describes a deadline at `due` seen at `now`; `met` when its milestone was reached.
pub fn deadline(tr: &Tr, due: i64, now: i64, paused: bool, met: bool) -> Deadline {
    if met {
        return Deadline {
            text: tr.t("deadline-met"),
            state: "",
        };
    }
    if paused {
        return Deadline {
            text: tr.t("deadline-paused"),
            state: "paused",
        };
    }
    let left = due - now;
    if left < 0 {
        Deadline {
            text: tr.t1("deadline-overdue", "span", span(tr, left)),
            state: "overdue",
        }
    } else {
        let state = if left < 86_400 { "due-soon" } else { "" };
        Deadline {
            text: tr.t1("deadline-left", "span", span(tr, left)),
            state,
        }
    }
}

/// Parses a `YYYY-MM-DD` date typed in a filter as the start of that day in the office's zone.
pub fn parse_day(input: &str, tz: Tz) -> Result<Option<i64>, &'static str> {
    use chrono::TimeZone;
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let d = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| "error-date")?;
    let start = d.and_hms_opt(0, 0, 0).ok_or("error-date")?;
    tz.from_local_datetime(&start)
        .earliest()
        .map(|x| Some(x.timestamp()))
        .ok_or("error-date")
}

/// The start of a long text on one line: at most `max` characters, cut at a word and
/// ended with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{at_word}…")
}
