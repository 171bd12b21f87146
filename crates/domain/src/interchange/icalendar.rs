//! iCalendar (RFC 5545): the office's public meetings ("engagements") written for calendar
//! programs, as one event's `.ics` file or as a feed that people subscribe to.
//!
//! Times are written as the wall-clock time of the zone the meeting is held in
//! (`DTSTART;TZID=Europe/Paris:20260412T180000`), so a program shows the hour the office
//! announced, and a change of the zone's rules later does not move the meeting. RFC 5545
//! requires a `VTIMEZONE` for every `TZID` used (§3.2.19): one is written per zone, with
//! every offset change from a year before the first meeting to a year after the last, so
//! programs that do not know the IANA name (or know an older version of its rules) still
//! place the meeting right. Zones that are UTC by definition are written with `Z` instead.
//!
//! Writing never fails: text is escaped (§3.3.11), control characters no content line may
//! hold are dropped, lines end in CRLF and are folded at 75 octets between characters
//! (§3.1). Writing a feed of thousands of meetings costs one pass over them: each zone's
//! `VTIMEZONE` is worked out once, and lines are written straight into the output (only
//! long ones pass through one reused buffer to be folded), times and numbers without the
//! formatting machinery.

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// One public meeting, as a calendar program is to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The identifier that stays the same across revisions, so programs update the event
    /// rather than add a second one ("engagement-42@liaison.example.org"): the caller
    /// builds it, once per engagement and office.
    pub uid: String,
    /// The revision: it must grow with each change people should notice (a new time, a
    /// cancellation), so programs know which copy is newer.
    pub sequence: u32,
    /// When this copy was written (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
    /// When the engagement was last changed (`LAST-MODIFIED`).
    pub last_modified: DateTime<Utc>,
    /// When it starts.
    pub starts: DateTime<Utc>,
    /// When it ends. An end not after the start is left out: RFC 5545 requires `DTEND` to
    /// be later, and without it the event lasts no time.
    pub ends: DateTime<Utc>,
    /// The zone it is held in: its times are written as that zone's wall-clock times.
    pub time_zone: Tz,
    /// Its title.
    pub summary: String,
    /// What it is about, or empty (then left out).
    pub description: String,
    /// Where it is held, as people read it ("Town hall, 1 Main Street").
    pub location: Option<String>,
    /// Where it is held on the map: latitude and longitude in degrees (left out if not a
    /// point on Earth).
    pub geo: Option<(f64, f64)>,
    /// Its page on the portal.
    pub url: Option<String>,
    /// Called off: kept in the feed so subscribers see it cancelled rather than vanish.
    pub cancelled: bool,
    /// Its categories (kinds, topics), each shown as written.
    pub categories: Vec<String>,
}

/// A calendar: one event's file or a feed of many.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    /// The name programs show for a subscribed feed (`X-WR-CALNAME`), or empty (left out,
    /// as for one event's file).
    pub name: &'a str,
    /// The events, written in this order.
    pub events: &'a [Event],
}

/// Appends the whole calendar (`BEGIN:VCALENDAR` … `END:VCALENDAR`) to `out`.
///
/// `METHOD:PUBLISH` says the events are announced, not invitations to answer. A calendar
/// without events is still written, though RFC 5545 asks for at least one component: an
/// empty feed is what a subscriber should see when nothing is planned, and programs accept it.
pub fn write(calendar: &Calendar, out: &mut String) {
    // About what the feed takes, so it is not copied as it grows: each event's own text
    // and its fixed lines (time zones are a few hundred octets each).
    let text: usize = calendar
        .events
        .iter()
        .map(|e| {
            let optional = |o: &Option<String>| o.as_ref().map_or(0, String::len);
            e.uid.len()
                + e.summary.len()
                + e.description.len()
                + optional(&e.location)
                + optional(&e.url)
                + e.categories.iter().map(|c| c.len() + 1).sum::<usize>()
        })
        .sum();
    out.reserve(2000 + text + text / 16 + calendar.events.len() * 320);
    let mut w = Writer {
        out,
        start: 0,
        long: String::new(),
    };
    w.fixed("BEGIN:VCALENDAR");
    w.fixed("VERSION:2.0");
    w.fixed("PRODID:-//Liaison//Liaison//EN");
    w.fixed("CALSCALE:GREGORIAN");
    w.fixed("METHOD:PUBLISH");
    if !calendar.name.is_empty() {
        w.text("X-WR-CALNAME", calendar.name);
    }
    let zones = zones(calendar.events);
    for zone in &zones {
        w.time_zone(zone);
    }
    for event in calendar.events {
        let zone = zones.iter().find(|z| z.tz == event.time_zone);
        w.event(event, zone);
    }
    w.fixed("END:VCALENDAR");
}

// ---------------------------------------------------------------------------------------
// Time zones

/// A day, in seconds: no zone changes its offset twice within one (the closest two
/// transitions in the time zone database are days apart), so scanning a day at a time and
/// then narrowing down to the second finds every transition.
const DAY: i64 = 86_400;

/// The years a `VTIMEZONE` may cover. The time zone database has no transition before
/// 1845 and chrono-tz works none out after 2100: the offset outside is constant, and
/// bounding the scan keeps an absurd date (year 50 000) from taking seconds.
const FIRST_YEAR: i32 = 1800;
const LAST_YEAR: i32 = 2200;

/// True for the zones that are UTC by definition (UTC itself and its aliases, GMT and
/// its): their times are written in UTC (`…Z`), which needs no `VTIMEZONE`.
fn is_utc(tz: Tz) -> bool {
    matches!(
        tz,
        Tz::UTC
            | Tz::Etc__UTC
            | Tz::UCT
            | Tz::Etc__UCT
            | Tz::Universal
            | Tz::Etc__Universal
            | Tz::Zulu
            | Tz::Etc__Zulu
            | Tz::GMT
            | Tz::Etc__GMT
            | Tz::GMT0
            | Tz::Etc__GMT0
            | Tz::GMTPlus0
            | Tz::Etc__GMTPlus0
            | Tz::GMTMinus0
            | Tz::Etc__GMTMinus0
            | Tz::Greenwich
            | Tz::Etc__Greenwich
    )
}

/// One zone's `VTIMEZONE`.
struct Zone {
    tz: Tz,
    /// The observance in force where it starts, then one per transition, in time order.
    observances: Vec<Observance>,
    /// The instant it covers until (Unix seconds).
    to: i64,
}

impl Zone {
    /// The wall-clock time at `at` (as seconds since 1970-01-01T00:00:00 on that clock),
    /// or none where RFC 5545 would read that wall-clock time as another instant: it
    /// happens twice (clocks going back) and `at` is the second time, while §3.3.5 says
    /// such a time names the first.
    ///
    /// Read from the zone's own few observances rather than asking chrono-tz (two searches
    /// of the zone's whole history per time), which is most of a feed's cost otherwise.
    fn wall_clock(&self, at: DateTime<Utc>) -> Option<i64> {
        let t = at.timestamp();
        let i = self.observances.partition_point(|o| o.at <= t);
        let observance = match i.checked_sub(1) {
            Some(i) if t < self.to => &self.observances[i],
            // Outside the years a zone may cover (an absurd date): asked of chrono-tz.
            _ => {
                let there = at.with_timezone(&self.tz);
                let local = there.naive_local();
                let first = self.tz.from_local_datetime(&local).earliest();
                return (first == Some(there)).then(|| local.and_utc().timestamp());
            }
        };
        let offset = observance.to;
        // Clocks went back by `from - offset` at its onset: until they again show the time
        // they showed then, each wall-clock time is the second of two.
        if observance.from > offset && t < observance.at + i64::from(observance.from - offset) {
            return None;
        }
        Some(t + i64::from(offset))
    }
}

/// A `STANDARD` or `DAYLIGHT` sub-component: from `at` on, the zone is at `to`.
struct Observance {
    /// The instant it begins (Unix seconds).
    at: i64,
    /// The offset before it (seconds east of UTC), in which its onset is written.
    from: i32,
    /// Its offset (seconds east of UTC).
    to: i32,
    /// chrono-tz's offset, for its abbreviation (`TZNAME`).
    offset: TzOffset,
    /// Daylight saving (`DAYLIGHT`) rather than standard time (`STANDARD`).
    daylight: bool,
}

/// The zones the events are held in (UTC ones aside), in the order they first appear,
/// each with the observances covering a year before its first event to a year after its
/// last.
fn zones(events: &[Event]) -> Vec<Zone> {
    // (zone, earliest start, latest end), as Unix seconds: cheap to compare per event.
    let mut spans: Vec<(Tz, i64, i64)> = Vec::new();
    for event in events {
        if is_utc(event.time_zone) {
            continue;
        }
        let starts = event.starts.timestamp();
        let ends = event.ends.timestamp().max(starts);
        match spans.iter_mut().find(|(tz, _, _)| *tz == event.time_zone) {
            Some((_, first, last)) => {
                *first = (*first).min(starts);
                *last = (*last).max(ends);
            }
            None => spans.push((event.time_zone, starts, ends)),
        }
    }
    spans
        .into_iter()
        .map(|(tz, first, last)| {
            // Whole years, so the zone's text does not change each time one event moves.
            let from = new_year(tz, year_of(first) - 1);
            let to = new_year(tz, year_of(last) + 2);
            Zone {
                tz,
                observances: observances(tz, from, to),
                to,
            }
        })
        .collect()
}

/// The year (UTC) of an instant given in Unix seconds, within the years a zone may cover.
fn year_of(seconds: i64) -> i32 {
    DateTime::from_timestamp(seconds, 0).map_or(FIRST_YEAR, |t| t.year())
}

/// The instant of midnight on 1 January of `year` in `tz` (Unix seconds), the year held
/// within the years a zone may cover.
fn new_year(tz: Tz, year: i32) -> i64 {
    let year = year.clamp(FIRST_YEAR, LAST_YEAR);
    let midnight = NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let offset = tz
        .offset_from_utc_datetime(&midnight)
        .fix()
        .local_minus_utc();
    midnight.and_utc().timestamp() - i64::from(offset)
}

/// The zone's offset at an instant (Unix seconds).
fn offset_at(tz: Tz, seconds: i64) -> TzOffset {
    let utc = DateTime::from_timestamp(seconds, 0).unwrap_or_default();
    tz.offset_from_utc_datetime(&utc.naive_utc())
}

/// Seconds east of UTC.
fn seconds_east(offset: &TzOffset) -> i32 {
    offset.fix().local_minus_utc()
}

/// Seconds of daylight saving in an offset; negative in zones whose standard time is
/// their summer time (Europe/Dublin's winter is "negative daylight saving").
fn saving(offset: &TzOffset) -> i64 {
    offset.dst_offset().num_seconds()
}

/// The observances of `tz` from `from` to `to`: the one in force at `from`, then one per
/// change (of offset, abbreviation or daylight saving). chrono-tz does not list a zone's
/// transitions, so they are found by asking its offset a day at a time, then narrowing each
/// change down to the second.
fn observances(tz: Tz, from: i64, to: i64) -> Vec<Observance> {
    let mut current = offset_at(tz, from);
    let mut found = vec![Observance {
        at: from,
        from: seconds_east(&current),
        to: seconds_east(&current),
        offset: current,
        daylight: saving(&current) > 0,
    }];
    let mut t = from;
    while t < to {
        let next = (t + DAY).min(to);
        if offset_at(tz, next) == current {
            t = next;
            continue;
        }
        // `lo` still has the current offset, `hi` no longer does.
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset_at(tz, mid) == current {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let offset = offset_at(tz, hi);
        // Daylight saving is a positive saving, or going back to standard from a negative one
        // (Dublin's summer), so a program that looks for the summer observance finds it.
        let daylight = saving(&offset) > 0 || (saving(&offset) == 0 && saving(&current) < 0);
        found.push(Observance {
            at: hi,
            from: seconds_east(&current),
            to: seconds_east(&offset),
            offset,
            daylight,
        });
        current = offset;
        // From the change itself, so a second change within the day is not missed.
        t = hi;
    }
    found
}

// ---------------------------------------------------------------------------------------
// Writing

/// Writes content lines straight into `out`. Most are short: a line longer than 75
/// octets is moved into one reused buffer and folded back, so only those are copied twice.
struct Writer<'o> {
    out: &'o mut String,
    /// Where the line being written starts in `out`.
    start: usize,
    long: String,
}

impl Writer<'_> {
    /// A line known to be short and clean (`BEGIN:VEVENT`).
    fn fixed(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push_str("\r\n");
    }

    /// Starts a content line with its name (and parameters), returning the text to append
    /// the rest to before [`Writer::end`].
    fn start(&mut self, name: &str) -> &mut String {
        self.start = self.out.len();
        self.out.push_str(name);
        self.out
    }

    /// Ends the line begun by [`Writer::start`], folding it if it is long.
    fn end(&mut self) {
        if self.out.len() - self.start <= LINE_OCTETS {
            self.out.push_str("\r\n");
            return;
        }
        self.long.clear();
        self.long.push_str(&self.out[self.start..]);
        self.out.truncate(self.start);
        fold(self.out, &self.long);
    }

    /// A TEXT property.
    fn text(&mut self, name: &str, value: &str) {
        let line = self.start(name);
        line.push(':');
        escape_into(line, value);
        self.end();
    }

    /// A URI property: nothing to escape, but no line break may reach the file.
    fn uri(&mut self, name: &str, value: &str) {
        let line = self.start(name);
        line.push(':');
        if value.chars().any(char::is_control) {
            line.extend(value.chars().filter(|c| !c.is_control()));
        } else {
            line.push_str(value);
        }
        self.end();
    }

    /// A DATE-TIME in UTC (`20260329T010000Z`).
    fn utc(&mut self, name: &str, at: DateTime<Utc>) {
        let line = self.start(name);
        line.push(':');
        push_date_time(line, at.timestamp());
        line.push('Z');
        self.end();
    }

    /// A DATE-TIME as the wall-clock time in `zone` (`;TZID=Europe/Paris:20260329T030000`),
    /// or in UTC where there is no zone (UTC) or that wall-clock time would be read as
    /// another instant (see [`Zone::wall_clock`]).
    fn date_time(&mut self, name: &str, at: DateTime<Utc>, zone: Option<&Zone>) {
        let Some((zone, local)) = zone.and_then(|z| Some((z, z.wall_clock(at)?))) else {
            return self.utc(name, at);
        };
        let line = self.start(name);
        line.push_str(";TZID=");
        line.push_str(zone.tz.name());
        line.push(':');
        push_date_time(line, local);
        self.end();
    }

    fn time_zone(&mut self, zone: &Zone) {
        self.fixed("BEGIN:VTIMEZONE");
        let line = self.start("TZID:");
        line.push_str(zone.tz.name());
        self.end();
        for observance in &zone.observances {
            let kind = if observance.daylight {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            let line = self.start("BEGIN:");
            line.push_str(kind);
            self.end();
            // The onset as the wall-clock time before it, as §3.6.5 requires.
            let line = self.start("DTSTART:");
            push_date_time(line, observance.at + i64::from(observance.from));
            self.end();
            let line = self.start("TZOFFSETFROM:");
            push_offset(line, observance.from);
            self.end();
            let line = self.start("TZOFFSETTO:");
            push_offset(line, observance.to);
            self.end();
            if let Some(name) = observance.offset.abbreviation() {
                self.text("TZNAME", name);
            }
            let line = self.start("END:");
            line.push_str(kind);
            self.end();
        }
        self.fixed("END:VTIMEZONE");
    }

    /// One event, held in `zone` (none for UTC).
    fn event(&mut self, event: &Event, zone: Option<&Zone>) {
        self.fixed("BEGIN:VEVENT");
        self.text("UID", &event.uid);
        let line = self.start("SEQUENCE:");
        push_number(line, u64::from(event.sequence), 1);
        self.end();
        self.utc("DTSTAMP", event.stamp);
        self.utc("LAST-MODIFIED", event.last_modified);
        self.date_time("DTSTART", event.starts, zone);
        if event.ends > event.starts {
            self.date_time("DTEND", event.ends, zone);
        }
        self.text("SUMMARY", &event.summary);
        if !event.description.is_empty() {
            self.text("DESCRIPTION", &event.description);
        }
        if let Some(location) = event.location.as_deref().filter(|l| !l.is_empty()) {
            self.text("LOCATION", location);
        }
        if let Some((latitude, longitude)) = event.geo {
            if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) {
                let line = self.start("GEO:");
                push_degrees(line, latitude);
                line.push(';');
                push_degrees(line, longitude);
                self.end();
            }
        }
        if let Some(url) = event.url.as_deref().filter(|u| !u.is_empty()) {
            self.uri("URL", url);
        }
        self.fixed(if event.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        self.categories(&event.categories);
        self.fixed("END:VEVENT");
    }

    /// `CATEGORIES`, each value escaped on its own; empty ones are left out, and the
    /// property too when none is left.
    fn categories(&mut self, categories: &[String]) {
        let line = self.start("CATEGORIES:");
        let empty = line.len();
        for category in categories {
            let before = line.len();
            if before > empty {
                line.push(',');
            }
            let value = line.len();
            escape_into(line, category);
            if line.len() == value {
                line.truncate(before);
            }
        }
        if line.len() > empty {
            self.end();
        } else {
            self.out.truncate(self.start);
        }
    }
}

/// Appends a local or UTC DATE-TIME without its `Z` (`20260329T020000`), given as seconds
/// since 1970-01-01T00:00:00 on that clock.
///
/// Worked out by hand (the civil calendar from a day count, H. Hinnant's algorithm): going
/// through chrono's dates and the formatting machinery for each of a feed's thousands of
/// times would be most of what writing it costs.
fn push_date_time(line: &mut String, seconds: i64) {
    let (days, time) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let m = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * m + 2) / 5 + 1;
    let month = if m < 10 { m + 3 } else { m - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    if !(0..10_000).contains(&year) {
        // Outside years 0 to 9999 no DATE-TIME exists: written as a number all the same.
        if year < 0 {
            line.push('-');
        }
        push_number(line, year.unsigned_abs() / 10_000, 1);
    }
    line.reserve(15);
    for part in [
        two_digits(year.rem_euclid(10_000) / 100),
        two_digits(year.rem_euclid(100)),
        two_digits(month),
        two_digits(day),
        "T",
        two_digits(time / 3600),
        two_digits(time / 60 % 60),
        two_digits(time % 60),
    ] {
        line.push_str(part);
    }
}

/// `value` (0 to 99) in two digits, taken from a table: copying text is far cheaper than
/// making it, or than checking that bytes made by hand are UTF-8.
fn two_digits(value: i64) -> &'static str {
    const PAIRS: &str = "0001020304050607080910111213141516171819\
                         2021222324252627282930313233343536373839\
                         4041424344454647484950515253545556575859\
                         6061626364656667686970717273747576777879\
                         8081828384858687888990919293949596979899";
    let at = usize::try_from(value).unwrap_or(0) * 2;
    PAIRS.get(at..at + 2).unwrap_or("00")
}

/// Appends `value` in decimal with at least `width` digits (at most 20).
fn push_number(line: &mut String, mut value: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while start > 0 && (value > 0 || digits.len() - start < width.max(1)) {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    line.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Appends degrees with six decimals (about ten centimetres, as §3.8.1.6 asks), by hand:
/// formatting a float exactly costs more than the rest of an event's line.
fn push_degrees(line: &mut String, degrees: f64) {
    // At most 180 000 000: the cast cannot overflow.
    let micro = (degrees * 1e6).round() as i64;
    if micro < 0 {
        line.push('-');
    }
    let micro = micro.unsigned_abs();
    push_number(line, micro / 1_000_000, 1);
    line.push('.');
    push_number(line, micro % 1_000_000, 6);
}

/// Appends a UTC-OFFSET (`+0100`, `-0330`; `+000921` for the seconds of old local mean
/// times). Zero is `+0000`: §3.3.14 forbids `-0000`.
fn push_offset(line: &mut String, seconds_east: i32) {
    line.push(if seconds_east < 0 { '-' } else { '+' });
    let s = u64::from(seconds_east.unsigned_abs());
    push_number(line, s / 3600, 2);
    push_number(line, s / 60 % 60, 2);
    if s % 60 != 0 {
        push_number(line, s % 60, 2);
    }
}

/// Appends a TEXT value escaped (§3.3.11): backslash, semicolon and comma escaped, line
/// breaks (CRLF, CR or LF) as `\n`, other control characters, which no content line may
/// hold, dropped (a tab is allowed and kept). Runs of plain text are copied whole.
fn escape_into(line: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Where the text not yet copied starts; always a character boundary, as every special
    // byte is ASCII or the first of a two-byte C1 control character.
    let mut plain = 0;
    let mut i = 0;
    while let Some(found) = find_special(bytes, i) {
        i = found;
        let b = bytes[i];
        // U+0080 to U+009F are the C1 control characters; 0xC2 starts other ones too.
        let width = match b {
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
            0xc2 => {
                i += 1;
                continue;
            }
            _ => 1,
        };
        line.push_str(&text[plain..i]);
        match b {
            b'\\' => line.push_str("\\\\"),
            b';' => line.push_str("\\;"),
            b',' => line.push_str("\\,"),
            b'\n' => line.push_str("\\n"),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line.push_str("\\n"),
            _ => {}
        }
        i += width;
        plain = i;
    }
    line.push_str(&text[plain..]);
}

/// The first byte at or after `from` that [`escape_into`] must look at. Text is scanned
/// eight bytes at a time: a word with none of those bytes (most of a text) is passed over
/// with a few arithmetic operations rather than eight look-ups.
fn find_special(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Non-zero if some byte of `word` is below `n` (n at most 0x80), exact as a test.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let has = |word: u64, b: u8| below(word ^ (ONES * u64::from(b)), 1);
    let lookup = |chunk: &[u8]| chunk.iter().position(|&b| SPECIAL[usize::from(b)]);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or_default());
        // A tab or a 0xC2 that starts no control character passes this test too: the
        // table then looks at the eight bytes one by one.
        let maybe = below(word, 0x20)
            | has(word, b'\\')
            | has(word, b';')
            | has(word, b',')
            | has(word, 0x7f)
            | has(word, 0xc2);
        if maybe != 0 {
            if let Some(at) = lookup(chunk) {
                return Some(i + at);
            }
        }
        i += 8;
    }
    lookup(&bytes[i..]).map(|at| i + at)
}

/// The bytes [`escape_into`] stops at: those escaped, control characters but the tab, and
/// the first byte of the C1 control characters.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        special[b] = b != 0x09;
        b += 1;
    }
    special[b'\\' as usize] = true;
    special[b';' as usize] = true;
    special[b',' as usize] = true;
    special[0x7f] = true;
    special[0xc2] = true;
    special
};

/// The most octets a line may hold, its CRLF aside (§3.1).
const LINE_OCTETS: usize = 75;

/// Appends one content line and its CRLF, folded (§3.1) so no line passes 75 octets: a
/// CRLF and a space are put between characters, never inside one, and never between a
/// backslash and the character it escapes, so simpler readers that unescape before
/// unfolding still read it right.
fn fold(out: &mut String, line: &str) {
    let mut rest = line;
    // The first line has 75 octets, the others 74 after their leading space.
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // An odd run of backslashes before the cut ends in an escape's first half.
        let backslashes = rest.as_bytes()[..cut]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use std::str::FromStr as _;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn event(starts: DateTime<Utc>, time_zone: Tz) -> Event {
        Event {
            uid: "engagement-42@liaison.example.org".to_string(),
            sequence: 3,
            stamp: utc(2026, 3, 1, 9, 30),
            last_modified: utc(2026, 2, 27, 16, 5),
            starts,
            ends: starts + chrono::Duration::hours(2),
            time_zone,
            summary: "Public meeting".to_string(),
            description: String::new(),
            location: None,
            geo: None,
            url: None,
            cancelled: false,
            categories: Vec::new(),
        }
    }

    fn written(name: &str, events: &[Event]) -> String {
        let mut out = String::new();
        write(&Calendar { name, events }, &mut out);
        out
    }

    /// The content lines, unfolded.
    fn lines(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The sub-components of the first VTIMEZONE, each as its lines without BEGIN/END.
    fn observances_written(ics: &str) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        let mut current: Option<Vec<String>> = None;
        for line in lines(ics) {
            match line.as_str() {
                "BEGIN:STANDARD" | "BEGIN:DAYLIGHT" => current = Some(vec![line.clone()]),
                "END:STANDARD" | "END:DAYLIGHT" => found.extend(current.take()),
                "END:VTIMEZONE" => break,
                _ => {
                    if let Some(c) = current.as_mut() {
                        c.push(line);
                    }
                }
            }
        }
        found
    }

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        for text in [
            "é".repeat(100),
            "€".repeat(60),
            "🚲".repeat(50),
            format!("a{}", "会議".repeat(40)),
            "\\".repeat(90),
            "x".repeat(75),
            "x".repeat(74),
        ] {
            let mut out = String::new();
            fold(&mut out, &text);
            assert!(out.ends_with("\r\n"));
            let physical: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
            for (i, line) in physical.iter().enumerate() {
                assert!(line.len() <= 75, "{} octets: {line}", line.len());
                assert_eq!(i > 0, line.starts_with(' '), "{line}");
            }
            assert_eq!(out.replace("\r\n ", ""), format!("{text}\r\n"));
        }
        // Exactly 75 octets stays on one line; 76 does not.
        let mut out = String::new();
        fold(&mut out, &"x".repeat(75));
        assert_eq!(out.matches("\r\n").count(), 1);
        let mut out = String::new();
        fold(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    #[test]
    fn folding_keeps_escapes_whole() {
        let mut e = event(utc(2026, 5, 4, 16, 0), Tz::Europe__Paris);
        e.summary = "ü;,\n".repeat(40);
        let ics = written("", &[e]);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            let backslashes = line.bytes().rev().take_while(|&b| b == b'\\').count();
            assert_eq!(backslashes % 2, 0, "{line}");
        }
        let summary = lines(&ics)
            .into_iter()
            .find(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(summary, format!("SUMMARY:{}", "ü\\;\\,\\n".repeat(40)));
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        let mut line = String::new();
        escape_into(
            &mut line,
            "a\\b;c,d\r\ne\rf\ng\u{7}h\u{0}i\u{85}j\tk\u{7f}l: \"m\"",
        );
        assert_eq!(line, "a\\\\b\\;c\\,d\\ne\\nf\\nghij\tkl: \"m\"");

        let mut e = event(utc(2026, 5, 4, 16, 0), Tz::Europe__Paris);
        e.uid = "a;b\r\n@x".to_string();
        e.url = Some("https://example.org/e/1?a=b,c\n".to_string());
        e.categories = vec![
            "Roads, bridges".to_string(),
            String::new(),
            "\u{7}".to_string(),
            "Water; sewers".to_string(),
        ];
        e.location = Some(String::new());
        let ics = written("Ville de Paris; réunions, \"publiques\"", &[e]);
        let lines = lines(&ics);
        for expected in [
            "X-WR-CALNAME:Ville de Paris\\; réunions\\, \"publiques\"",
            "UID:a\\;b\\n@x",
            "URL:https://example.org/e/1?a=b,c",
            "CATEGORIES:Roads\\, bridges,Water\\; sewers",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in {ics}");
        }
        assert!(
            !ics.contains("DESCRIPTION") && !ics.contains("LOCATION"),
            "{ics}"
        );
        // Only whole CRLFs: no lone CR or LF reached the file.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn a_calendar_starts_with_its_properties() {
        let ics = written("", &[event(utc(2026, 5, 4, 16, 0), Tz::UTC)]);
        assert!(ics.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Liaison//Liaison//EN\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
        ));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!ics.contains("X-WR-CALNAME"));
        let empty = written("Meetings", &[]);
        assert_eq!(
            lines(&empty).last().map(String::as_str),
            Some("END:VCALENDAR")
        );
    }

    #[test]
    fn utc_is_written_with_z_and_no_time_zone() {
        for tz in [Tz::UTC, Tz::Etc__UTC, Tz::GMT] {
            let mut e = event(utc(2026, 3, 29, 1, 0), tz);
            e.geo = Some((-33.924_87, 18.424_055));
            let ics = written("", &[e]);
            assert!(!ics.contains("VTIMEZONE") && !ics.contains("TZID"), "{ics}");
            let lines = lines(&ics);
            for expected in [
                "UID:engagement-42@liaison.example.org",
                "SEQUENCE:3",
                "DTSTAMP:20260301T093000Z",
                "LAST-MODIFIED:20260227T160500Z",
                "DTSTART:20260329T010000Z",
                "DTEND:20260329T030000Z",
                "SUMMARY:Public meeting",
                "GEO:-33.924870;18.424055",
                "STATUS:CONFIRMED",
            ] {
                assert!(lines.iter().any(|l| l == expected), "{expected} in {ics}");
            }
        }
    }

    #[test]
    fn a_zone_with_daylight_saving_lists_each_transition() {
        let paris = Tz::Europe__Paris;
        let ics = written("", &[event(utc(2026, 5, 4, 16, 0), paris)]);
        let lines = lines(&ics);
        assert!(lines
            .iter()
            .any(|l| l == "DTSTART;TZID=Europe/Paris:20260504T180000"));
        assert!(lines
            .iter()
            .any(|l| l == "DTEND;TZID=Europe/Paris:20260504T200000"));
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
        assert!(ics.find("END:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
        assert!(lines.iter().any(|l| l == "TZID:Europe/Paris"));

        let observances = observances_written(&ics);
        // From 1 January 2025 to 1 January 2028: where it starts, then two a year.
        assert_eq!(observances.len(), 7, "{ics}");
        assert_eq!(
            observances[0],
            [
                "BEGIN:STANDARD",
                "DTSTART:20250101T000000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0100",
                "TZNAME:CET"
            ]
        );
        // 2026-03-29 01:00 UTC: 02:00 in winter time becomes 03:00.
        assert!(observances.contains(&vec![
            "BEGIN:DAYLIGHT".to_string(),
            "DTSTART:20260329T020000".to_string(),
            "TZOFFSETFROM:+0100".to_string(),
            "TZOFFSETTO:+0200".to_string(),
            "TZNAME:CEST".to_string(),
        ]));
        // 2026-10-25 01:00 UTC: 03:00 in summer time becomes 02:00.
        assert!(observances.contains(&vec![
            "BEGIN:STANDARD".to_string(),
            "DTSTART:20261025T030000".to_string(),
            "TZOFFSETFROM:+0200".to_string(),
            "TZOFFSETTO:+0100".to_string(),
            "TZNAME:CET".to_string(),
        ]));
        assert!(observances
            .last()
            .unwrap()
            .contains(&"DTSTART:20271031T030000".to_string()));
    }

    #[test]
    fn transitions_are_found_to_the_second() {
        let at = |y, mo, d, h, mi| utc(y, mo, d, h, mi).timestamp();
        let paris = Tz::Europe__Paris;
        let found = observances(paris, at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0));
        let changes: Vec<i64> = found[1..].iter().map(|o| o.at).collect();
        assert_eq!(changes, [at(2026, 3, 29, 1, 0), at(2026, 10, 25, 1, 0)]);
        assert!(found[1].daylight && !found[2].daylight);
        // Dublin's winter is "negative daylight saving": its summer is still DAYLIGHT.
        let dublin = Tz::Europe__Dublin;
        let found = observances(dublin, at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0));
        assert_eq!(found.len(), 3);
        assert!(found[1].daylight && !found[2].daylight);
        assert_eq!(found[1].offset.abbreviation(), Some("IST"));
    }

    #[test]
    fn a_zone_without_daylight_saving_has_one_standard_observance() {
        let johannesburg = Tz::Africa__Johannesburg;
        let ics = written("", &[event(utc(2026, 5, 4, 16, 0), johannesburg)]);
        assert_eq!(
            observances_written(&ics),
            [[
                "BEGIN:STANDARD",
                "DTSTART:20250101T000000",
                "TZOFFSETFROM:+0200",
                "TZOFFSETTO:+0200",
                "TZNAME:SAST"
            ]]
        );
        assert!(lines(&ics)
            .iter()
            .any(|l| l == "DTSTART;TZID=Africa/Johannesburg:20260504T180000"));
    }

    #[test]
    fn offsets_with_half_hours_and_seconds() {
        let mut line = String::new();
        for (seconds, expected) in [
            (0, "+0000"),
            (19_800, "+0530"),
            (-12_600, "-0330"),
            (561, "+000921"),
            (-17_762, "-045602"),
        ] {
            line.clear();
            push_offset(&mut line, seconds);
            assert_eq!(line, expected);
        }
        // Paris kept the Paris meridian's mean time (+00:09:21) until 11 March 1911.
        let ics = written("", &[event(utc(1911, 6, 1, 12, 0), Tz::Europe__Paris)]);
        let observances = observances_written(&ics);
        assert_eq!(
            observances[1],
            [
                "BEGIN:STANDARD",
                "DTSTART:19110311T000000",
                "TZOFFSETFROM:+000921",
                "TZOFFSETTO:+0000",
                "TZNAME:WET"
            ]
        );
        // Numeric abbreviations are not names chrono-tz gives: TZNAME is left out.
        let ics = written("", &[event(utc(2026, 5, 4, 16, 0), Tz::America__Sao_Paulo)]);
        assert!(
            !ics.contains("TZNAME") && ics.contains("TZOFFSETTO:-0300"),
            "{ics}"
        );
    }

    #[test]
    fn the_second_of_a_repeated_hour_is_written_in_utc() {
        let paris = Tz::Europe__Paris;
        // 02:30 happens twice in Paris on 25 October 2026: at 00:30 and at 01:30 UTC.
        let mut first = event(utc(2026, 10, 25, 0, 30), paris);
        first.ends = utc(2026, 10, 25, 1, 30);
        let ics = written("", &[first]);
        let lines = lines(&ics);
        assert!(lines
            .iter()
            .any(|l| l == "DTSTART;TZID=Europe/Paris:20261025T023000"));
        assert!(lines.iter().any(|l| l == "DTEND:20261025T013000Z"), "{ics}");
    }

    #[test]
    fn date_times_are_the_civil_calendar() {
        let mut line = String::new();
        // Every three days and an hour over four centuries, leap days and negative seconds
        // included.
        let mut t = utc(1890, 1, 1, 0, 0).timestamp() - 1;
        while t < utc(2300, 1, 1, 0, 0).timestamp() {
            line.clear();
            push_date_time(&mut line, t);
            let chrono = DateTime::from_timestamp(t, 0).unwrap();
            assert_eq!(line, chrono.format("%Y%m%dT%H%M%S").to_string());
            t += 3 * DAY + 3_607;
        }
        line.clear();
        push_date_time(&mut line, utc(2024, 2, 29, 23, 59).timestamp() + 59);
        assert_eq!(line, "20240229T235959");
        line.clear();
        push_number(&mut line, 0, 1);
        push_number(&mut line, 7, 6);
        push_number(&mut line, u64::from(u32::MAX), 2);
        assert_eq!(line, "00000074294967295");
    }

    #[test]
    fn absurd_dates_are_written_without_a_long_scan() {
        let paris = Tz::Europe__Paris;
        let far = utc(9000, 7, 1, 12, 0);
        let long_ago = utc(1500, 7, 1, 12, 0);
        let started = std::time::Instant::now();
        let ics = written("", &[event(far, paris), event(long_ago, paris)]);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        let lines = lines(&ics);
        // Past the last rule chrono-tz knows, Paris stays on winter time; before 1891 it
        // kept local mean time (+00:09:21).
        assert!(lines
            .iter()
            .any(|l| l == "DTSTART;TZID=Europe/Paris:90000701T130000"));
        assert!(lines
            .iter()
            .any(|l| l == "DTSTART;TZID=Europe/Paris:15000701T120921"));
        let observances = observances_written(&ics);
        assert_eq!(observances[0][1], "DTSTART:18000101T000000");
        assert!(observances.last().unwrap()[1].starts_with("DTSTART:2099"));
    }

    #[test]
    fn an_end_not_after_the_start_is_left_out() {
        let mut e = event(utc(2026, 5, 4, 16, 0), Tz::Europe__Paris);
        e.ends = e.starts;
        let ics = written("", &[e]);
        assert!(ics.contains("DTSTART;") && !ics.contains("DTEND"));
    }

    #[test]
    fn a_cancelled_event_says_so() {
        let mut e = event(utc(2026, 5, 4, 16, 0), Tz::Europe__Paris);
        e.cancelled = true;
        e.sequence = 4;
        let ics = written("", &[e]);
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n") && !ics.contains("CONFIRMED"));
        assert!(ics.contains("\r\nSEQUENCE:4\r\n"));
    }

    #[test]
    fn a_feed_writes_one_time_zone_per_zone_in_use() {
        let mut events = Vec::new();
        for i in 0..10_000 {
            let starts = utc(2025, 1, 1, 8, 0) + chrono::Duration::hours(7 * i);
            events.push(event(starts, Tz::Europe__Paris));
        }
        events.push(event(utc(2026, 5, 4, 16, 0), Tz::America__New_York));
        events.push(event(utc(2026, 5, 4, 16, 0), Tz::UTC));
        let ics = written("All meetings", &events);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 10_002);
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 2);
        assert!(ics.find("TZID:Europe/Paris") < ics.find("TZID:America/New_York"));
        // 10 000 meetings seven hours apart reach the end of 2032: the zone covers 2024
        // to 2033.
        let paris = observances_written(&ics);
        assert_eq!(paris.len(), 1 + 2 * 10);
        assert_eq!(paris[0][1], "DTSTART:20240101T000000");
        assert_eq!(paris[20][1], "DTSTART:20331030T030000");
    }

    // ---------------------------------------------------------------------------------
    // Read back by another program's parser: the `icalendar` crate's.

    use ::icalendar::parser::{read_calendar, unfold, Component as Parsed};
    use ::icalendar::{
        CalendarComponent, CalendarDateTime, Component as _, DatePerhapsTime, EventLike as _,
    };

    fn prop<'a>(component: &'a Parsed, name: &str) -> &'a str {
        component
            .find_prop(name)
            .unwrap_or_else(|| panic!("{name}"))
            .val
            .as_str()
    }

    /// The parsed offset `+0200` / `-000921`, in seconds east.
    fn parse_offset(s: &str) -> i64 {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let digits: Vec<i64> = (1..s.len())
            .step_by(2)
            .map(|i| s[i..i + 2].parse().unwrap())
            .collect();
        sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
    }

    /// The instant a local time in a parsed VTIMEZONE names, worked out from its
    /// observances alone as RFC 5545 describes (the first, when it names two).
    fn resolve(zone: &Parsed, local: NaiveDateTime) -> DateTime<Utc> {
        let mut onsets: Vec<(NaiveDateTime, i64)> = zone
            .components
            .iter()
            .map(|o| {
                let start =
                    NaiveDateTime::parse_from_str(prop(o, "DTSTART"), "%Y%m%dT%H%M%S").unwrap();
                let from = parse_offset(prop(o, "TZOFFSETFROM"));
                let to = parse_offset(prop(o, "TZOFFSETTO"));
                // The onset's instant: its wall-clock time is in the offset before it.
                (start - chrono::Duration::seconds(from), to)
            })
            .collect();
        onsets.sort();
        onsets
            .iter()
            .enumerate()
            .find_map(|(i, (onset, to))| {
                let instant = local - chrono::Duration::seconds(*to);
                let before_next = onsets.get(i + 1).is_none_or(|(next, _)| instant < *next);
                (instant >= *onset && before_next).then(|| instant.and_utc())
            })
            .expect("an observance covers it")
    }

    #[test]
    fn another_parser_reads_it_back() {
        let paris = Tz::Europe__Paris;
        let mut meeting = event(utc(2026, 3, 29, 8, 0), paris);
        meeting.summary = "Réunion publique; quartier Nord, «parc» 🚲\r\nSalle 2\\B ".repeat(3);
        meeting.description = "Ordre du jour :\n1. Parc\r2. Rues, ponts; eau\u{7}".to_string();
        meeting.location = Some("Mairie, 4 place de l'Hôtel-de-Ville; Paris".to_string());
        meeting.geo = Some((48.856_613, 2.352_222));
        meeting.url = Some("https://liaison.example.org/engagements/42".to_string());
        meeting.categories = vec!["Town hall".to_string(), "Parks, roads".to_string()];
        let mut summer = event(utc(2026, 7, 14, 16, 0), paris);
        summer.uid = "engagement-43@liaison.example.org".to_string();
        summer.cancelled = true;
        let mut cape = event(utc(2026, 5, 4, 16, 0), Tz::Africa__Johannesburg);
        cape.uid = "engagement-44@liaison.example.org".to_string();
        let mut online = event(utc(2026, 11, 2, 18, 0), Tz::UTC);
        online.uid = "engagement-45@liaison.example.org".to_string();
        let events = [meeting, summer, cape, online];
        let ics = written("Réunions, Paris; «publiques»", &events);
        let unfolded = unfold(&ics);

        // The component tree, raw.
        let parsed = read_calendar(&unfolded).unwrap();
        let calendar_prop = |name: &str| {
            parsed
                .properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.val.as_str().to_string())
        };
        assert_eq!(calendar_prop("VERSION").as_deref(), Some("2.0"));
        assert_eq!(
            calendar_prop("PRODID").as_deref(),
            Some("-//Liaison//Liaison//EN")
        );
        assert_eq!(calendar_prop("METHOD").as_deref(), Some("PUBLISH"));
        assert_eq!(calendar_prop("CALSCALE").as_deref(), Some("GREGORIAN"));
        let zones: Vec<&Parsed> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VTIMEZONE")
            .collect();
        assert_eq!(zones.len(), 2);
        assert_eq!(prop(zones[0], "TZID"), "Europe/Paris");
        assert_eq!(prop(zones[1], "TZID"), "Africa/Johannesburg");
        let kinds: Vec<&str> = zones[0]
            .components
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(kinds.len(), 7);
        assert!(kinds.iter().all(|k| *k == "STANDARD" || *k == "DAYLIGHT"));
        assert_eq!(kinds.iter().filter(|k| **k == "DAYLIGHT").count(), 3);
        let vevents: Vec<&Parsed> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(vevents.len(), 4);
        let dtstart = vevents[0].find_prop("DTSTART").unwrap();
        let tzid = dtstart.params.iter().find(|p| p.key == "TZID").unwrap();
        assert_eq!(tzid.val.as_ref().map(|v| v.as_str()), Some("Europe/Paris"));
        assert_eq!(dtstart.val.as_str(), "20260329T100000");
        assert_eq!(prop(vevents[0], "GEO"), "48.856613;2.352222");

        // Each event's start, worked out from the VTIMEZONE written, is its instant.
        for (vevent, sent) in vevents.iter().zip(&events) {
            let dtstart = vevent.find_prop("DTSTART").unwrap();
            let Some(tzid) = dtstart.params.iter().find(|p| p.key == "TZID") else {
                assert_eq!(dtstart.val.as_str(), "20261102T180000Z");
                continue;
            };
            let zone = zones
                .iter()
                .find(|z| Some(prop(z, "TZID")) == tzid.val.as_ref().map(|v| v.as_str()))
                .unwrap();
            let local = NaiveDateTime::parse_from_str(dtstart.val.as_str(), "%Y%m%dT%H%M%S");
            assert_eq!(resolve(zone, local.unwrap()), sent.starts);
        }

        // The typed events, values unescaped.
        let calendar = ::icalendar::Calendar::from_str(&ics).unwrap();
        assert_eq!(calendar.get_name(), Some("Réunions, Paris; «publiques»"));
        let typed: Vec<&::icalendar::Event> = calendar
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(typed.len(), 4);
        let first = typed[0];
        let expected = "Réunion publique; quartier Nord, «parc» 🚲\nSalle 2\\B ".repeat(3);
        assert_eq!(first.get_summary(), Some(expected.as_str()));
        assert_eq!(
            first.get_description(),
            Some("Ordre du jour :\n1. Parc\n2. Rues, ponts; eau")
        );
        assert_eq!(
            first.get_location(),
            Some("Mairie, 4 place de l'Hôtel-de-Ville; Paris")
        );
        assert_eq!(
            first.get_url(),
            Some("https://liaison.example.org/engagements/42")
        );
        assert_eq!(
            first.get_categories(),
            Some(vec!["Town hall".to_string(), "Parks, roads".to_string()])
        );
        assert_eq!(first.get_uid(), Some("engagement-42@liaison.example.org"));
        assert_eq!(first.get_sequence(), Some(3));
        assert_eq!(first.get_timestamp(), Some(utc(2026, 3, 1, 9, 30)));
        assert_eq!(first.get_last_modified(), Some(utc(2026, 2, 27, 16, 5)));
        assert_eq!(
            first.get_status(),
            Some(::icalendar::EventStatus::Confirmed)
        );
        assert_eq!(
            typed[1].get_status(),
            Some(::icalendar::EventStatus::Cancelled)
        );
        for (event, sent) in typed.iter().zip(&events) {
            let Some(DatePerhapsTime::DateTime(start)) = event.get_start() else {
                panic!("no start");
            };
            let Some(DatePerhapsTime::DateTime(end)) = event.get_end() else {
                panic!("no end");
            };
            if sent.time_zone == Tz::UTC {
                assert!(matches!(start, CalendarDateTime::Utc(_)));
            } else {
                let CalendarDateTime::WithTimezone { tzid, .. } = &start else {
                    panic!("{start:?}");
                };
                assert_eq!(tzid, sent.time_zone.name());
            }
            // The parser's own reading of TZID (through the IANA name).
            assert_eq!(start.try_into_utc(), Some(sent.starts));
            assert_eq!(end.try_into_utc(), Some(sent.ends));
        }
    }
}
