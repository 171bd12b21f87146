//! Dates, times and time zones as people and clients type them:
//! - ISO 8601 instants read in the office's zone (`values::instant`: Open311 `start_date`,
//!   `end_date`, `updated_datetime`), and dates or date-times kept as meant
//!   (`values::date_or_time`: Open311 `datetime` attributes);
//! - days of the staff queue's date filters (`fmt::parse_day`);
//! - the working calendar of the office settings: time-zone names, working days, `HH:MM`
//!   clock times (`office::parse_time_zone`, `parse_days`, `parse_clock`,
//!   `WorkingCalendar::parse`).
//!
//! Checks: never panics; what was read is written back and read again as the same value
//! (an instant as RFC 3339 and as local time without a zone, a date or date-time as
//! written back, a day, a calendar).
#![no_main]

use arbitrary::Arbitrary;
use chrono::DateTime;
use liaison_domain::office::{format_clock, parse_clock, parse_time_zone, WorkingCalendar};
use liaison_domain::values::{date_or_time, instant};
use liaison_fuzz::zone;
use liaison_web::fmt::{date, parse_day};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Typed {
    when: String,
    zone: u16,
    calendar: [String; 4],
}

fuzz_target!(|t: Typed| {
    let tz = zone(t.zone);
    if let Ok(at) = instant(&t.when, tz) {
        let utc = DateTime::from_timestamp(at, 0).expect("an instant chrono can hold");
        // RFC 3339 holds years 0 to 9999 only.
        if (0..=9999).contains(&chrono::Datelike::year(&utc)) {
            let rfc = utc.to_rfc3339();
            assert_eq!(instant(&rfc, tz), Ok(at), "{rfc}");
            let local = utc
                .with_timezone(&tz)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string();
            let again = instant(&local, tz).expect("a local time that happened reads");
            // A local time the clocks showed twice reads as the earlier.
            assert!(
                again <= at && at - again <= 86_400,
                "{local} read as {again}, was {at}"
            );
        }
    }
    if let Ok(meant) = date_or_time(&t.when, tz) {
        let iso = meant.to_iso();
        assert_eq!(date_or_time(&iso, tz), Ok(meant), "{iso}");
        assert_eq!(instant(&iso, tz), instant(&t.when, tz), "{iso}");
    }
    if let Ok(Some(day)) = parse_day(&t.when, tz) {
        let shown = date(day, tz);
        assert_eq!(parse_day(&shown, tz), Ok(Some(day)), "{shown}");
    }

    let [zone_name, days, start, end] = &t.calendar;
    if let Ok(z) = parse_time_zone(zone_name) {
        assert_eq!(parse_time_zone(z.name()), Ok(z));
    }
    if let Ok(m) = parse_clock(start) {
        assert!(m < 24 * 60);
        assert_eq!(parse_clock(&format_clock(m)), Ok(m));
    }
    if let Ok(d) = WorkingCalendar::parse_days(days) {
        let c = WorkingCalendar {
            days: d,
            ..WorkingCalendar::default()
        };
        assert_eq!(WorkingCalendar::parse_days(&c.days_text()), Ok(d));
    }
    if let Ok(c) = WorkingCalendar::parse(zone_name, days, start, end) {
        assert!(c.start_minute < c.end_minute);
        let again = WorkingCalendar::parse(
            c.time_zone.name(),
            &c.days_text(),
            &format_clock(c.start_minute),
            &format_clock(c.end_minute),
        );
        assert_eq!(again, Ok(c));
    }
});
