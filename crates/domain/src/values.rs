//! Small validated values: input becomes one of these at the edge, so the core never sees
//! raw strings. Each `parse` returns a translatable message key on failure.

use serde::{Deserialize, Serialize};

/// An optional whole number from 1 to `max` (a page, a page size, a number of days):
/// empty is `None`.
pub fn count(input: &str, max: i64) -> Result<Option<i64>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .map(Some)
            .ok_or("error-number"),
    }
}

/// Trims `input` and checks it holds between `min` and `max` characters.
pub fn text(input: &str, min: usize, max: usize) -> Result<String, &'static str> {
    let t = input.trim();
    let n = t.chars().count();
    if n == 0 && min > 0 {
        Err("error-required")
    } else if n < min {
        Err("error-too-short")
    } else if n > max {
        Err("error-too-long")
    } else if t
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Err("error-invalid-characters")
    } else {
        Ok(t.to_string())
    }
}

/// Like [`text`] but an empty input is `None`.
pub fn optional_text(input: &str, max: usize) -> Result<Option<String>, &'static str> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        text(input, 1, max).map(Some)
    }
}

/// An email address: one `@`, something on both sides, a dot in the domain, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses and lower-cases an address.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let t = input.trim();
        if t.is_empty() {
            return Err("error-required");
        }
        let (local, domain) = t.split_once('@').ok_or("error-email")?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && t.len() <= 254
            && !t.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(Self(t.to_lowercase()))
        } else {
            Err("error-email")
        }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as people write it: digits with optional `+`, spaces, dots, dashes, brackets.
pub fn phone(input: &str) -> Result<Option<String>, &'static str> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = t
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()/".contains(c));
    if allowed && (5..=20).contains(&digits) {
        Ok(Some(t.to_string()))
    } else {
        Err("error-phone")
    }
}

/// A map point in WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lng: f64,
}

impl GeoPoint {
    /// Parses a latitude and a longitude; both empty means no point.
    pub fn parse(lat: &str, lng: &str) -> Result<Option<Self>, &'static str> {
        let (lat, lng) = (lat.trim(), lng.trim());
        if lat.is_empty() && lng.is_empty() {
            return Ok(None);
        }
        let lat: f64 = lat.parse().map_err(|_| "error-coordinates")?;
        let lng: f64 = lng.parse().map_err(|_| "error-coordinates")?;
        if lat.is_finite() && lng.is_finite() && lat.abs() <= 90.0 && lng.abs() <= 180.0 {
            Ok(Some(Self { lat, lng }))
        } else {
            Err("error-coordinates")
        }
    }
}

/// Languages a reporter may prefer; the portal speaks the first three.
pub const LANGUAGES: &[&str] = &["en", "es", "fr"];

/// Checks a preferred-language code against [`LANGUAGES`].
pub fn language(input: &str) -> Result<String, &'static str> {
    let t = input.trim();
    if LANGUAGES.contains(&t) {
        Ok(t.to_string())
    } else {
        Err("error-choice")
    }
}

/// The fewest characters a new password may have.
pub const PASSWORD_MIN_CHARS: usize = 8;

/// The most characters a new password may have.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords: 8 to 128 characters and not one of the most common.
pub fn new_password(input: &str) -> Result<String, &'static str> {
    let n = input.chars().count();
    if n < PASSWORD_MIN_CHARS {
        return Err("error-password-short");
    }
    if n > PASSWORD_MAX_CHARS {
        return Err("error-too-long");
    }
    let lower = input.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) {
        return Err("error-password-common");
    }
    Ok(input.to_string())
}

/// The most common passwords of 8 characters or more, from public breach statistics.
const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "password",
    "password1",
    "password123",
    "qwertyuiop",
    "qwerty123",
    "11111111",
    "00000000",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "abc12345",
    "1q2w3e4r",
    "passw0rd",
    "trustno1",
    "superman",
    "1qaz2wsx",
    "zaq12wsx",
    "letmein1",
    "liaison1",
    "changeme",
    "admin123",
    "administrator",
    "87654321",
    "qwertyui",
    "asdfghjkl",
    "123123123",
    "11223344",
    "monkey123",
    "dragon123",
];

/// A staff reference such as `C-2026-00042`: the year received and a number within it.
pub fn concern_reference(year: i32, number: i64) -> String {
    format!("C-{year}-{number:05}")
}

/// Reads a reference as people type it (`c-2026-42`, ` C-2026-00042 `) into its stored form.
pub fn parse_reference(input: &str) -> Option<String> {
    let upper = input.trim().to_uppercase();
    let mut parts = upper.strip_prefix("C-")?.split('-');
    let digits = |s: &&str| s.bytes().all(|b| b.is_ascii_digit());
    // Four digits as typed: `+026` is no year, and `0026` must not turn into `C-26-…`.
    let year = parts.next().filter(|y| y.len() == 4).filter(digits)?;
    let number = parts
        .next()
        .filter(|n| (1..=9).contains(&n.len()))
        .filter(digits)?;
    if parts.next().is_some() {
        return None;
    }
    let number: i64 = number.parse().ok()?;
    Some(format!("C-{year}-{number:05}"))
}

/// Characters of a tracking code's secret: 80 random bits.
pub const TRACKING_SECRET_LEN: usize = 16;

/// The most characters a tracking code's locator has (7 hold every number below 2^35).
const TRACKING_LOCATOR_MAX: usize = 7;

/// The number of a stored reference (`C-2026-00042` → 42).
pub fn reference_number(reference: &str) -> Option<i64> {
    reference.rsplit('-').next()?.parse().ok()
}

/// Normalizes a tracking code as a resident may type it: upper case, no spaces or dashes,
/// and the letters people confuse with digits read as those digits (Crockford base 32).
///
/// A code is its concern's number within its year (the locator, in base 32, never starting
/// with `0`) followed by a 16-character secret. Codes given before the locator existed are
/// the secret alone, and still valid.
pub fn normalize_tracking_code(input: &str) -> Option<String> {
    let mut out = String::with_capacity(TRACKING_SECRET_LEN + TRACKING_LOCATOR_MAX);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        // `c as u8` alone would read `\u{E044}` as `D`: only ASCII can be in the alphabet.
        if !c.is_ascii() || !TRACKING_ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
        if out.len() > TRACKING_SECRET_LEN + TRACKING_LOCATOR_MAX {
            return None;
        }
    }
    let locator = out.len().checked_sub(TRACKING_SECRET_LEN)?;
    (locator == 0 || !out.starts_with('0')).then_some(out)
}

/// The tracking code of a concern: its number within its year in front of the secret, so
/// that the code leads straight to its concern and the stored keys come in order
/// (`liaison_store::concerns::tracking_key`).
pub fn tracking_code_with_number(number: i64, secret: &str) -> String {
    let mut locator = Vec::new();
    let mut n = number.max(1) as u64;
    while n > 0 {
        locator.push(TRACKING_ALPHABET[(n % 32) as usize]);
        n /= 32;
    }
    locator.reverse();
    format!("{}{secret}", String::from_utf8_lossy(&locator))
}

/// The concern number a normalized tracking code carries, if it has a locator.
pub fn tracking_code_number(code: &str) -> Option<i64> {
    let locator = &code.as_bytes()[..code.len().checked_sub(TRACKING_SECRET_LEN)?];
    if locator.is_empty() {
        return None;
    }
    locator.iter().try_fold(0i64, |n, c| {
        let digit = TRACKING_ALPHABET.iter().position(|a| a == c)?;
        Some(n * 32 + digit as i64)
    })
}

/// Crockford's base-32 alphabet: no I, L, O or U, so codes read aloud survive.
pub const TRACKING_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Turns 80 random bits into a 16-character tracking code.
pub fn tracking_code_from_bytes(bytes: [u8; 10]) -> String {
    let mut acc: u128 = 0;
    for b in bytes {
        acc = (acc << 8) | u128::from(b);
    }
    (0..16)
        .rev()
        .map(|i| TRACKING_ALPHABET[((acc >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// Groups a tracking code for reading: the locator, then the secret in fours
/// (`K7Q-ABCD-EFGH-JKMN-PQRS`; `ABCD-EFGH-JKMN-PQRS` for a code without a locator).
pub fn display_tracking_code(code: &str) -> String {
    let (locator, secret) = code.split_at(code.len().saturating_sub(TRACKING_SECRET_LEN));
    let mut groups: Vec<String> = Vec::new();
    if !locator.is_empty() {
        groups.push(locator.to_string());
    }
    groups.extend(
        secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned()),
    );
    groups.join("-")
}

#[cfg(test)]
mod tests {

    #[test]
    fn counts_are_whole_numbers_in_range() {
        assert_eq!(count(" ", 10), Ok(None));
        assert_eq!(count(" 7 ", 10), Ok(Some(7)));
        for bad in ["0", "11", "-1", "2.5", "x"] {
            assert_eq!(count(bad, 10), Err("error-number"), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            EmailAddress::parse(" Ana@Example.org ").unwrap().as_str(),
            "ana@example.org"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.org",
            "ana@org",
            "a b@x.org",
            "a@x.org.",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tracking_codes_round_trip_through_what_people_type() {
        let code = tracking_code_from_bytes([255, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(code.len(), 16);
        let shown = display_tracking_code(&code).to_lowercase();
        assert_eq!(
            normalize_tracking_code(&shown).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(normalize_tracking_code("short"), None);
        assert_eq!(normalize_tracking_code("UUUUUUUUUUUUUUUU"), None);
    }

    #[test]
    fn tracking_codes_carry_their_concern_number() {
        let secret = tracking_code_from_bytes([7; 10]);
        for number in [1, 31, 32, 42, 1_000_001, (1 << 35) - 1] {
            let code = tracking_code_with_number(number, &secret);
            assert!(code.ends_with(&secret));
            let shown = display_tracking_code(&code);
            assert_eq!(shown.matches('-').count(), 4, "{shown}");
            let typed = normalize_tracking_code(&shown.to_lowercase()).expect("read back");
            assert_eq!(typed, code);
            assert_eq!(tracking_code_number(&typed), Some(number));
        }
        assert_eq!(
            display_tracking_code(&tracking_code_with_number(42, &secret))[..3],
            *"1A-"
        );
        // A code given before locators existed has none, and is still read.
        assert_eq!(tracking_code_number(&secret), None);
        assert_eq!(normalize_tracking_code(&secret), Some(secret.clone()));
        // A locator never starts with 0, and is at most 7 characters long.
        assert_eq!(normalize_tracking_code(&format!("0A{secret}")), None);
        assert_eq!(normalize_tracking_code(&format!("ZZZZZZZZ{secret}")), None);
        assert!(normalize_tracking_code(&format!("ZZZZZZZ{secret}")).is_some());
    }

    #[test]
    fn tracking_codes_are_ascii_only() {
        // Found by fuzzing (fuzz/fuzz_targets/values.rs): characters outside ASCII were cast
        // to a byte, so U+E044 read as `D` and U+0554 as `T`, and a code with them passed.
        assert_eq!(normalize_tracking_code("\u{E044}BCDEFGHJKMNPQRST"), None);
        assert_eq!(normalize_tracking_code("ABCDEFGHJKMNPQR\u{554}"), None);
        assert_eq!(
            normalize_tracking_code("abcd-efgh-jkmn-pqrs").as_deref(),
            Some("ABCDEFGHJKMNPQRS")
        );
    }

    #[test]
    fn passwords_and_points() {
        assert_eq!(new_password("short"), Err("error-password-short"));
        assert_eq!(new_password("Password1"), Err("error-password-common"));
        assert!(new_password("correct horse battery").is_ok());
        assert_eq!(GeoPoint::parse("", ""), Ok(None));
        assert!(GeoPoint::parse("91", "0").is_err());
        assert!(GeoPoint::parse("NaN", "0").is_err());
        assert!(GeoPoint::parse("-33.9", "18.4").unwrap().is_some());
        assert_eq!(text("  hi ", 1, 10).unwrap(), "hi");
        assert_eq!(text("   ", 1, 10), Err("error-required"));
        assert_eq!(text("a\u{0}b", 1, 10), Err("error-invalid-characters"));
        assert_eq!(
            phone("+27 (21) 555-0100"),
            Ok(Some("+27 (21) 555-0100".into()))
        );
        assert!(phone("call me").is_err());
        assert_eq!(concern_reference(2026, 42), "C-2026-00042");
        assert_eq!(
            parse_reference(" c-2026-42 ").as_deref(),
            Some("C-2026-00042")
        );
        assert_eq!(parse_reference("C-2026-00042-1"), None);
        assert_eq!(parse_reference("C-26-1"), None);
        assert_eq!(parse_reference("dust"), None);
        // Found by fuzzing (fuzz/fuzz_targets/values.rs): a year of four characters that
        // parsed as a number (`+026`, `0026`) became `C-26-…`, which reads as nothing.
        assert_eq!(parse_reference("C-+026-42"), None);
        assert_eq!(
            parse_reference("c-0026-42").as_deref(),
            Some("C-0026-00042")
        );
        assert_eq!(
            parse_reference("C-0026-00042").as_deref(),
            Some("C-0026-00042")
        );
    }
}

/// Reads an ISO 8601 date-time into UTC seconds. One with a zone (`Z`, `+01:00`) means
/// that instant; one without, or a bare date (midnight), is read in `tz`, the office's zone.
/// The forms read are [`date_or_time`]'s.
pub fn instant(input: &str, tz: chrono_tz::Tz) -> Result<i64, &'static str> {
    use chrono::TimeZone;
    match date_or_time(input, tz)? {
        DateOrTime::At(at) => Ok(at.timestamp()),
        // A midnight skipped by a clock change does not exist.
        DateOrTime::Day(day) => tz
            .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|d| d.timestamp())
            .ok_or("error-datetime"),
    }
}

/// A calendar day, without a time or a zone.
pub type Day = chrono::NaiveDate;

/// A day as ISO 8601 writes it (`2026-12-06`): how days are stored and sent.
pub fn day_text(day: Day) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A calendar day written as ISO 8601 gives it (`2026-12-06`, `20261206`), or none when
/// empty.
pub fn day(input: &str) -> Result<Option<Day>, &'static str> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() > 12 || !t.is_ascii() {
        return Err("error-date");
    }
    iso_day(t).map(Some).ok_or("error-date")
}

/// A date or a date-time as a client meant it: a day alone, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrTime {
    /// A calendar day, without a time or a zone.
    Day(chrono::NaiveDate),
    /// An instant, at the offset it was given in (the office's zone's when none was).
    At(chrono::DateTime<chrono::FixedOffset>),
}

impl DateOrTime {
    /// ISO 8601, as [`date_or_time`] reads it back: a day as `2026-12-06`; an instant as
    /// RFC 3339 with its offset (`Z` for UTC), whole seconds, and fractions of a second
    /// when it has any (`2026-12-06T10:30:00+01:00`, `2026-12-06T09:30:00.250Z`).
    pub fn to_iso(&self) -> String {
        match self {
            DateOrTime::Day(day) => day.format("%Y-%m-%d").to_string(),
            DateOrTime::At(at) => at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        }
    }
}

/// Reads a date or a date-time in the forms ISO 8601 and its W3C profile give them, as
/// clients send them: a day (`2026-12-06`, `20261206`), or a day, `T` (or `t`, or a space),
/// a time (`09:30`, `09:30:00`, `09:30:00.250` or `,250`, `093000`) and an optional zone
/// (`Z`, `+01:00`, `+0100`, `+01`). A time without a zone is read in `tz`, the office's
/// zone: one skipped by a clock change does not exist, and the earlier reading of a
/// repeated one is taken.
pub fn date_or_time(input: &str, tz: chrono_tz::Tz) -> Result<DateOrTime, &'static str> {
    use chrono::{FixedOffset, Offset, TimeZone};
    const BAD: &str = "error-datetime";
    let t = input.trim();
    // ASCII only, so that the slicing below is on character boundaries.
    if t.len() > 40 || !t.is_ascii() {
        return Err(BAD);
    }
    let (date, rest) = match t.find(['T', 't', ' ']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let day = iso_day(date).ok_or(BAD)?;
    let Some(rest) = rest else {
        return Ok(DateOrTime::Day(day));
    };
    let (clock, offset) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, Some(0))
    } else if let Some(i) = rest.rfind(['+', '-']) {
        (&rest[..i], Some(iso_offset(&rest[i..]).ok_or(BAD)?))
    } else {
        (rest, None)
    };
    let local = day.and_time(iso_clock(clock).ok_or(BAD)?);
    let at = match offset {
        Some(seconds) => FixedOffset::east_opt(seconds)
            .and_then(|o| o.from_local_datetime(&local).single())
            .ok_or(BAD)?,
        None => {
            let at = tz.from_local_datetime(&local).earliest().ok_or(BAD)?;
            let offset = at.offset().fix();
            // RFC 3339 writes offsets in minutes: an old local mean time's odd seconds
            // (Paris before 1911, +00:09:21) would be lost, so such an instant is in UTC.
            if offset.local_minus_utc() % 60 == 0 {
                at.with_timezone(&offset)
            } else {
                at.with_timezone(&FixedOffset::east_opt(0).ok_or(BAD)?)
            }
        }
    };
    Ok(DateOrTime::At(at))
}

/// Whole ASCII digits as a number, `None` when `s` is empty or holds anything else.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYY-MM-DD` or `YYYYMMDD`; a year may carry a sign, and must when it has more than
/// four digits (ISO 8601's expanded years: `-0001-12-31`, `+10000-01-01`).
fn iso_day(s: &str) -> Option<chrono::NaiveDate> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => (0, s),
    };
    let (y, m, d) = match rest.len() {
        8 if sign == 0 => (&rest[..4], &rest[4..6], &rest[6..]),
        n if n >= 10 && rest.as_bytes()[n - 6] == b'-' && rest.as_bytes()[n - 3] == b'-' => {
            (&rest[..n - 6], &rest[n - 5..n - 3], &rest[n - 2..])
        }
        _ => return None,
    };
    if y.len() != 4 && (sign == 0 || y.len() > 6) {
        return None;
    }
    let year = digits(y)? as i32;
    chrono::NaiveDate::from_ymd_opt(if sign < 0 { -year } else { year }, digits(m)?, digits(d)?)
}

/// `hh:mm`, `hh:mm:ss` or `hhmm`, `hhmmss`; seconds may carry a fraction after `.` or `,`
/// (nanoseconds kept, further digits dropped). Leap seconds (`23:59:60`) are refused: UTC
/// seconds, offsets and the zones' rules have none.
fn iso_clock(s: &str) -> Option<chrono::NaiveTime> {
    let (whole, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = if whole.contains(':') {
        whole.split(':').collect()
    } else {
        (0..whole.len())
            .step_by(2)
            .map(|i| whole.get(i..i + 2).unwrap_or(""))
            .collect()
    };
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let (h, m) = (digits(parts[0])?, digits(parts[1])?);
    let s = parts.get(2).map_or(Some(0), |p| digits(p))?;
    let nano = match fraction {
        None => 0,
        // A fraction belongs to the seconds.
        Some(_) if parts.len() < 3 => return None,
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return None,
        Some(f) => {
            let f = &f[..f.len().min(9)];
            digits(f)? * 10u32.pow(9 - f.len() as u32)
        }
    };
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    chrono::NaiveTime::from_hms_nano_opt(h, m, s, nano)
}

/// `+hh:mm`, `+hhmm` or `+hh` (or `-`) as seconds east of UTC.
fn iso_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &s[1..];
    let (h, m) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[..2], &rest[2..]),
        5 if rest.as_bytes()[2] == b':' => (&rest[..2], &rest[3..]),
        _ => return None,
    };
    let (h, m) = (digits(h)?, digits(m)?);
    (h <= 23 && m <= 59).then(|| sign * (h * 3600 + m * 60) as i32)
}

#[cfg(test)]
mod instant_tests {
    use super::instant;
    use chrono_tz::Europe::Paris;

    #[test]
    fn zones_given_are_kept_and_missing_ones_are_the_offices() {
        assert_eq!(instant("2026-11-23T10:15:00Z", Paris), Ok(1_795_428_900));
        assert_eq!(
            instant("2026-11-23T11:15:00+01:00", Paris),
            Ok(1_795_428_900)
        );
        assert_eq!(instant("2026-11-23T11:15:00", Paris), Ok(1_795_428_900));
        assert_eq!(
            instant("2026-11-23", Paris),
            Ok(1_795_428_900 - 11 * 3600 - 900)
        );
        // 02:30 on the last Sunday of March does not exist in Paris.
        assert_eq!(instant("2026-03-29T02:30:00", Paris), Err("error-datetime"));
        for bad in ["", "yesterday", "2026-13-01", "2026-11-23T25:00:00Z", "1e9"] {
            assert_eq!(instant(bad, Paris), Err("error-datetime"), "{bad}");
        }
    }

    #[test]
    fn every_iso_8601_form_a_client_sends_keeps_what_it_meant() {
        use super::{date_or_time, DateOrTime};
        let iso = |t: &str| date_or_time(t, Paris).map(|d| d.to_iso());
        for (sent, kept) in [
            ("2026-12-06T09:30:00Z", "2026-12-06T09:30:00Z"),
            ("2026-12-06T09:30:00+00:00", "2026-12-06T09:30:00Z"),
            ("2026-12-06T09:30:00-00:00", "2026-12-06T09:30:00Z"),
            ("2026-12-06T10:30:00+01:00", "2026-12-06T10:30:00+01:00"),
            ("2026-12-06T04:30:00-0500", "2026-12-06T04:30:00-05:00"),
            ("2026-12-06T15:00:00+0530", "2026-12-06T15:00:00+05:30"),
            ("2026-12-06T14:30:00+05", "2026-12-06T14:30:00+05:00"),
            ("2026-12-06T09:30:00.250Z", "2026-12-06T09:30:00.250Z"),
            ("2026-12-06T09:30:00,5Z", "2026-12-06T09:30:00.500Z"),
            (
                "2026-12-06T09:30:00.1234567Z",
                "2026-12-06T09:30:00.123456700Z",
            ),
            (
                "2026-12-06T09:30:00.1234567891Z",
                "2026-12-06T09:30:00.123456789Z",
            ),
            ("2026-12-06T09:30Z", "2026-12-06T09:30:00Z"),
            ("2026-12-06T09:30+01:00", "2026-12-06T09:30:00+01:00"),
            ("2026-12-06t09:30:00z", "2026-12-06T09:30:00Z"),
            ("2026-12-06 09:30:00Z", "2026-12-06T09:30:00Z"),
            ("20261206T093000Z", "2026-12-06T09:30:00Z"),
            // Without a zone, in the office's: winter and summer time.
            ("2026-12-06T10:30:00", "2026-12-06T10:30:00+01:00"),
            ("2026-07-06T10:30", "2026-07-06T10:30:00+02:00"),
            ("2026-07-06T10:30:00.5", "2026-07-06T10:30:00.500+02:00"),
            // Paris kept local mean time (+00:09:21) until 1911: UTC keeps its seconds.
            ("1900-01-01T12:00:00", "1900-01-01T11:50:39Z"),
            // A day alone stays a day.
            (" 2026-12-06 ", "2026-12-06"),
            ("20261206", "2026-12-06"),
            // Years beyond four digits carry a sign (ISO 8601's expanded years).
            ("+10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"),
            ("-0001-12-31", "-0001-12-31"),
            ("+2026-12-06", "2026-12-06"),
            ("0000-01-01T00:05:00", "-0001-12-31T23:55:39Z"),
        ] {
            assert_eq!(iso(sent).as_deref(), Ok(kept), "{sent}");
            // What is kept reads back as itself, and as the same instant.
            assert_eq!(iso(kept).as_deref(), Ok(kept), "{kept}");
            assert_eq!(instant(kept, Paris), instant(sent, Paris), "{sent}");
        }
        assert_eq!(
            date_or_time("2026-12-06", Paris),
            Ok(DateOrTime::Day(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
            ))
        );
        for bad in [
            "2026-12-06T",
            "2026-12-06T09",
            "2026-12-06T9:30",
            "2026-12-06T09:30.5Z",
            "2026-12-06T09:30:00.Z",
            "2026-12-06T09:30:00+1",
            "2026-12-06T09:30:00+24:00",
            "2026-12-06T09:30:00+01:60",
            "2026-12-06T09:30:00 +01:00",
            "2026-12-06T09:30:60Z",
            "2026-12-06T09:30:00Z+01:00",
            "2026-12-6",
            "26-12-06",
            "2026-12-06T09:30:00\u{FF3A}",
            "06/12/2026",
            "10000-01-01",
            "+20261206",
        ] {
            assert_eq!(date_or_time(bad, Paris), Err("error-datetime"), "{bad}");
        }
    }
}
