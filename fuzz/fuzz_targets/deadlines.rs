//! Targets ("2 working hours", "10 calendar days") as typed in a category's settings
//! (`Target::parse`), and the due dates they give over an office's working calendar, whose
//! settings are typed too (`WorkingCalendar::parse`), in any time zone, with pauses.
//!
//! Checks: never panics and never runs away (every loop is bounded); a due date is never
//! before the time received; a target in working hours never counts more working time than
//! it asked for; a pause never brings a deadline forward.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, Utc};
use liaison_domain::deadlines::{working_seconds_between, Target, TargetUnit};
use liaison_domain::office::{format_clock, WorkingCalendar};
use liaison_fuzz::zone;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Case {
    amount: String,
    unit: bool,
    zone: u16,
    days: String,
    start: u16,
    end: u16,
    /// Seconds after 1970 when the concern came in: the server's clock, 1970 to 2514.
    received: u32,
    pause_after: u32,
    pause_for: u32,
}

fn at(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).expect("a time")
}

fuzz_target!(|c: Case| {
    let unit = if c.unit {
        "working_hours"
    } else {
        "calendar_days"
    };
    let Ok(target) = Target::parse(&c.amount, unit) else {
        return;
    };
    assert!((1..=Target::MAX_AMOUNT).contains(&target.amount));
    let Ok(calendar) = WorkingCalendar::parse(
        zone(c.zone).name(),
        &c.days,
        &format_clock(u32::from(c.start) % 1440),
        &format_clock(u32::from(c.end) % 1440),
    ) else {
        return;
    };
    let received = at(i64::from(c.received) * 4);
    let due = target.due(received, &calendar);
    assert!(due >= received, "due {due} before {received}");
    if target.unit == TargetUnit::WorkingHours {
        let counted = working_seconds_between(received, due, &calendar);
        assert!(
            counted <= i64::from(target.amount) * 3600,
            "{counted} s counted"
        );
    } else {
        let days = (due - received).num_days();
        assert!((i64::from(target.amount) - 1..=i64::from(target.amount) + 1).contains(&days));
    }
    // Paused at most ~4 years after receipt, for at most ~1 year.
    let paused = received + chrono::Duration::seconds(i64::from(c.pause_after % 126_230_400));
    let resumed = paused + chrono::Duration::seconds(i64::from(c.pause_for % 31_622_400));
    let moved = target.resume(due, paused, resumed, &calendar);
    assert!(moved >= due, "a pause brought {due} forward to {moved}");
});
