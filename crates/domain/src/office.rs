//! The office: its name, time zone and working hours.

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;

use crate::errors::FieldErrors;

/// When the office works, in its own time zone. Deadlines in working hours count only these.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingCalendar {
    /// The office's time zone; times are stored in UTC and shown in this zone.
    pub time_zone: Tz,
    /// Working days, Monday first.
    pub days: [bool; 7],
    /// Start of the working day, minutes after local midnight.
    pub start_minute: u32,
    /// End of the working day, minutes after local midnight (after the start).
    pub end_minute: u32,
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        Self {
            time_zone: Tz::UTC,
            days: [true, true, true, true, true, false, false],
            start_minute: 9 * 60,
            end_minute: 17 * 60,
        }
    }
}

impl WorkingCalendar {
    /// Whether the office works on `day`.
    pub fn works_on(&self, day: Weekday) -> bool {
        self.days[day.num_days_from_monday() as usize]
    }

    /// Working days as stored: `1,2,3,4,5` (Monday is 1).
    pub fn days_text(&self) -> String {
        (1..=7)
            .filter(|d| self.days[d - 1])
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads working days as stored by [`Self::days_text`].
    pub fn parse_days(text: &str) -> Result<[bool; 7], &'static str> {
        let mut days = [false; 7];
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let d: usize = part.parse().map_err(|_| "error-choice")?;
            if !(1..=7).contains(&d) {
                return Err("error-choice");
            }
            days[d - 1] = true;
        }
        if days.iter().any(|d| *d) {
            Ok(days)
        } else {
            Err("error-working-days")
        }
    }

    /// Builds a calendar from form or stored values, naming each field at fault.
    pub fn parse(tz: &str, days: &str, start: &str, end: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let time_zone = errors.take("time_zone", parse_time_zone(tz));
        let days = errors.take("working_days", Self::parse_days(days));
        let start_minute = errors.take("work_start", parse_clock(start));
        let end_minute = errors.take("work_end", parse_clock(end));
        if let (Some(s), Some(e)) = (start_minute, end_minute) {
            if e <= s {
                errors.add("work_end", "error-end-before-start");
            }
        }
        errors.into_result()?;
        Ok(Self {
            time_zone: time_zone.unwrap_or(Tz::UTC),
            days: days.unwrap_or_default(),
            start_minute: start_minute.unwrap_or_default(),
            end_minute: end_minute.unwrap_or_default(),
        })
    }
}

/// Parses an IANA time-zone name such as `Africa/Johannesburg`.
pub fn parse_time_zone(input: &str) -> Result<Tz, &'static str> {
    input.trim().parse::<Tz>().map_err(|_| "error-time-zone")
}

/// Parses `HH:MM` into minutes after midnight.
pub fn parse_clock(input: &str) -> Result<u32, &'static str> {
    let t = NaiveTime::parse_from_str(input.trim(), "%H:%M").map_err(|_| "error-time")?;
    Ok(chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t))
}

/// Formats minutes after midnight as `HH:MM`.
pub fn format_clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_calendars_and_names_fields_at_fault() {
        let c = WorkingCalendar::parse("Europe/Paris", "1,2,3", "08:30", "16:00").unwrap();
        assert_eq!(c.days_text(), "1,2,3");
        assert_eq!(c.start_minute, 510);
        let e = WorkingCalendar::parse("Mars/Base", "", "9", "08:00").unwrap_err();
        assert_eq!(e.for_field("time_zone"), Some("error-time-zone"));
        assert_eq!(e.for_field("working_days"), Some("error-working-days"));
        assert_eq!(e.for_field("work_start"), Some("error-time"));
        let e = WorkingCalendar::parse("UTC", "1", "10:00", "09:00").unwrap_err();
        assert_eq!(e.for_field("work_end"), Some("error-end-before-start"));
        assert_eq!(format_clock(510), "08:30");
    }
}
