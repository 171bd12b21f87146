//! Deadline arithmetic: when a concern must be acknowledged and resolved, and how a pause
//! (waiting on the reporter) moves those times.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::concerns::word_enum;
use crate::office::WorkingCalendar;

word_enum! {
    /// What a target counts.
    TargetUnit {
        /// Hours within the office's working hours.
        WorkingHours = "working_hours",
        /// Whole days on the calendar, weekends included.
        CalendarDays = "calendar_days",
    }
}

/// A target time such as "2 working hours" or "10 calendar days".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// How many units.
    pub amount: u32,
    /// Which units.
    pub unit: TargetUnit,
}

impl Target {
    /// The longest target accepted: about two years of days or hours.
    pub const MAX_AMOUNT: u32 = 730;

    /// Parses an amount and a unit from a form.
    pub fn parse(amount: &str, unit: &str) -> Result<Self, &'static str> {
        let unit = TargetUnit::parse(unit)?;
        let amount: u32 = amount.trim().parse().map_err(|_| "error-number")?;
        if amount == 0 || amount > Self::MAX_AMOUNT {
            return Err("error-target-range");
        }
        Ok(Self { amount, unit })
    }

    /// When this target falls for something received at `from`.
    pub fn due(self, from: DateTime<Utc>, calendar: &WorkingCalendar) -> DateTime<Utc> {
        match self.unit {
            TargetUnit::WorkingHours => {
                add_working_time(from, i64::from(self.amount) * 3600, calendar)
            }
            TargetUnit::CalendarDays => {
                let tz = calendar.time_zone;
                let local = from.with_timezone(&tz).naive_local();
                local
                    .checked_add_days(Days::new(u64::from(self.amount)))
                    .and_then(|l| tz.from_local_datetime(&l).earliest())
                    .map(|d| d.with_timezone(&Utc))
                    .unwrap_or(from + Duration::days(i64::from(self.amount)))
            }
        }
    }

    /// The deadline after a pause from `paused` to `resumed`: the clock stood still meanwhile.
    pub fn resume(
        self,
        due: DateTime<Utc>,
        paused: DateTime<Utc>,
        resumed: DateTime<Utc>,
        calendar: &WorkingCalendar,
    ) -> DateTime<Utc> {
        if resumed <= paused {
            return due;
        }
        match self.unit {
            TargetUnit::WorkingHours => add_working_time(
                due,
                working_seconds_between(paused, resumed, calendar),
                calendar,
            ),
            TargetUnit::CalendarDays => due + (resumed - paused),
        }
    }
}

/// The working window of one local day, as UTC instants, if the office works that day.
fn window(day: NaiveDate, c: &WorkingCalendar) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    use chrono::Datelike;
    if !c.works_on(day.weekday()) {
        return None;
    }
    let at = |minute: u32| -> Option<DateTime<Utc>> {
        let local: NaiveDateTime = day.and_hms_opt(minute / 60, minute % 60, 0)?;
        // In a daylight-saving gap, take the first instant after it.
        let resolved = c
            .time_zone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                c.time_zone
                    .from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })?;
        Some(resolved.with_timezone(&Utc))
    };
    Some((at(c.start_minute)?, at(c.end_minute)?))
}

/// Days scanned at most, so a calendar with no working days can never loop for ever.
const MAX_DAYS: u32 = 3 * 366;

/// The instant `seconds` of working time after `from`.
pub fn add_working_time(
    from: DateTime<Utc>,
    seconds: i64,
    calendar: &WorkingCalendar,
) -> DateTime<Utc> {
    let mut remaining = seconds.max(0);
    if remaining == 0 {
        return from;
    }
    let mut day = from.with_timezone(&calendar.time_zone).date_naive();
    for _ in 0..MAX_DAYS {
        if let Some((start, end)) = window(day, calendar) {
            let begin = start.max(from);
            if begin < end {
                let available = (end - begin).num_seconds();
                if remaining <= available {
                    return begin + Duration::seconds(remaining);
                }
                remaining -= available;
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    from + Duration::seconds(seconds.max(0))
}

/// Working seconds between two instants.
pub fn working_seconds_between(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    calendar: &WorkingCalendar,
) -> i64 {
    let mut total = 0;
    let mut day = from.with_timezone(&calendar.time_zone).date_naive();
    let last = to.with_timezone(&calendar.time_zone).date_naive();
    while day <= last {
        if let Some((start, end)) = window(day, calendar) {
            let (a, b) = (start.max(from), end.min(to));
            if a < b {
                total += (b - a).num_seconds();
            }
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::WorkingCalendar;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn paris() -> WorkingCalendar {
        WorkingCalendar::parse("Europe/Paris", "1,2,3,4,5", "09:00", "17:00").unwrap()
    }

    #[test]
    fn working_hours_skip_nights_and_weekends() {
        let c = paris();
        // Friday 2026-11-20 16:00 Paris (15:00 UTC) + 2 working hours = Monday 10:00 Paris.
        let t = Target::parse("2", "working_hours").unwrap();
        assert_eq!(
            t.due(utc("2026-11-20T15:00:00Z"), &c),
            utc("2026-11-23T09:00:00Z")
        );
        // Received on Saturday: the clock starts Monday 09:00.
        assert_eq!(
            t.due(utc("2026-11-21T10:00:00Z"), &c),
            utc("2026-11-23T10:00:00Z")
        );
        // Received before opening.
        assert_eq!(
            t.due(utc("2026-11-23T05:00:00Z"), &c),
            utc("2026-11-23T10:00:00Z")
        );
        // A whole week is 40 working hours.
        let w = Target::parse("40", "working_hours").unwrap();
        assert_eq!(
            w.due(utc("2026-11-23T08:00:00Z"), &c),
            utc("2026-11-27T16:00:00Z")
        );
    }

    #[test]
    fn working_hours_follow_daylight_saving() {
        let c = paris();
        // Paris leaves summer time on 2026-10-25: 09:00 local is 07:00 UTC before, 08:00 after.
        let t = Target::parse("8", "working_hours").unwrap();
        assert_eq!(
            t.due(utc("2026-10-23T07:00:00Z"), &c),
            utc("2026-10-23T15:00:00Z")
        );
        assert_eq!(
            t.due(utc("2026-10-23T15:00:00Z"), &c),
            utc("2026-10-26T16:00:00Z")
        );
    }

    #[test]
    fn calendar_days_keep_the_local_clock_time() {
        let c = paris();
        let t = Target::parse("3", "calendar_days").unwrap();
        // Across the end of summer time the UTC hour shifts so local time stays 10:00.
        assert_eq!(
            t.due(utc("2026-10-23T08:00:00Z"), &c),
            utc("2026-10-26T09:00:00Z")
        );
    }

    #[test]
    fn a_pause_moves_the_deadline_by_the_time_it_lasted() {
        let c = paris();
        let t = Target::parse("16", "working_hours").unwrap();
        let received = utc("2026-11-23T08:00:00Z"); // Monday 09:00 Paris
        let due = t.due(received, &c);
        assert_eq!(due, utc("2026-11-24T16:00:00Z"));
        // Paused Monday 11:00 to Monday 15:00 Paris: four working hours.
        let resumed = t.resume(
            due,
            utc("2026-11-23T10:00:00Z"),
            utc("2026-11-23T14:00:00Z"),
            &c,
        );
        assert_eq!(resumed, utc("2026-11-25T12:00:00Z"));
        // Paused over a weekend only: nothing moves.
        let weekend = t.resume(
            due,
            utc("2026-11-28T10:00:00Z"),
            utc("2026-11-29T10:00:00Z"),
            &c,
        );
        assert_eq!(weekend, due);
        let d = Target::parse("5", "calendar_days").unwrap();
        let due = d.due(received, &c);
        let later = d.resume(
            due,
            utc("2026-11-24T08:00:00Z"),
            utc("2026-11-25T20:00:00Z"),
            &c,
        );
        assert_eq!(later - due, Duration::hours(36));
    }

    #[test]
    fn bad_targets_are_refused() {
        assert_eq!(
            Target::parse("0", "working_hours"),
            Err("error-target-range")
        );
        assert_eq!(Target::parse("x", "working_hours"), Err("error-number"));
        assert_eq!(Target::parse("3", "fortnights"), Err("error-choice"));
        assert_eq!(
            Target::parse("731", "calendar_days"),
            Err("error-target-range")
        );
    }

    #[test]
    fn between_counts_only_working_time() {
        let c = paris();
        let s =
            working_seconds_between(utc("2026-11-20T15:00:00Z"), utc("2026-11-23T09:00:00Z"), &c);
        assert_eq!(s, 2 * 3600);
    }
}
