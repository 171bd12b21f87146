//! Escalation: what the office's rules do to a concern that waits past its targets, run by
//! the background jobs.
//!
//! Per category: tell the supervisors when a concern is not acknowledged by its target
//! (`Rule::Unacknowledged`), and escalate one still unresolved a number of working days past
//! its target (`Rule::Overdue`): its status becomes escalated, and it goes to the person the
//! category names, or the supervisors are told. Each rule acts on a concern once.

use chrono::{DateTime, Datelike, TimeZone, Utc};

use crate::concerns::word_enum;
use crate::office::WorkingCalendar;

word_enum! {
    /// Which rule acted.
    Rule {
        /// Not acknowledged by its target.
        Unacknowledged = "unacknowledged",
        /// Unresolved, the given working days past its target.
        Overdue = "overdue",
    }
}

/// The most working days past the target a rule may wait.
pub const MAX_DAYS: u32 = 90;

/// A category's escalation rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rules {
    /// Tell the supervisors when a concern is not acknowledged by its target.
    pub tell_unacknowledged: bool,
    /// Escalate a concern unresolved this many working days past its target.
    pub escalate_after_days: Option<u32>,
    /// Whom it is escalated to (a staff account); none: the supervisors are told.
    pub escalate_to: Option<i64>,
}

impl Rules {
    /// Whether any rule acts.
    pub fn any(&self) -> bool {
        self.tell_unacknowledged || self.escalate_after_days.is_some()
    }
}

/// The instant `days` working days before `t`: the same time of day, in the office's zone,
/// on the working day that many working days earlier (the day of `t` not counted). A
/// deadline at or before it is `days` working days past.
pub fn working_days_before(t: DateTime<Utc>, days: u32, cal: &WorkingCalendar) -> DateTime<Utc> {
    let local = t.with_timezone(&cal.time_zone);
    let mut day = local.date_naive();
    let mut left = days;
    // At least one day a week is worked (the calendar refuses fewer), so this ends.
    while left > 0 {
        match day.pred_opt() {
            Some(d) => day = d,
            None => return DateTime::<Utc>::MIN_UTC,
        }
        if cal.works_on(day.weekday()) {
            left -= 1;
        }
    }
    let naive = day.and_time(local.time());
    match cal.time_zone.from_local_datetime(&naive).earliest() {
        Some(x) => x.with_timezone(&Utc),
        // The time does not exist that day (clocks moved forward): an hour later does.
        None => cal
            .time_zone
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map_or(t, |x| x.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::parse("Africa/Johannesburg", "1,2,3,4,5", "08:00", "16:30")
            .expect("calendar")
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn working_days_are_counted_back_over_weekends() {
        let cal = calendar();
        // Tuesday 10:00 in Johannesburg (08:00 UTC): five working days back is the Tuesday
        // before; two back is the Friday before.
        let tuesday = at("2026-12-08T08:00:00Z");
        assert_eq!(
            working_days_before(tuesday, 5, &cal),
            at("2026-12-01T08:00:00Z")
        );
        assert_eq!(
            working_days_before(tuesday, 2, &cal),
            at("2026-12-04T08:00:00Z")
        );
        assert_eq!(working_days_before(tuesday, 0, &cal), tuesday);
        // From a Sunday, one working day back is the Friday.
        let sunday = at("2026-12-06T08:00:00Z");
        assert_eq!(
            working_days_before(sunday, 1, &cal),
            at("2026-12-04T08:00:00Z")
        );
    }
}
