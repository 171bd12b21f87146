//! Engagements: the office's public meetings, forums, town halls, workshops and clinics —
//! planned, published on the portal, registered for, attended, minuted and followed up.
//! What an engagement's plan must hold, how a registration is checked, and the rules of
//! its places: capacity, the waitlist, the door.

use chrono_tz::Tz;

use crate::concerns::word_enum;
use crate::errors::FieldErrors;
use crate::stakeholders::language_tag;
use crate::values::{self, EmailAddress, GeoPoint};
use crate::visibility::Confidentiality;

/// The longest title (characters).
pub const TITLE_MAX: usize = 200;
/// The longest purpose, minutes or note (characters).
pub const TEXT_MAX: usize = 8000;
/// The longest short field: a venue, a room, a link, partners (characters).
pub const LINE_MAX: usize = 500;
/// The longest an engagement may last (seconds): a festival's fortnight.
pub const LONGEST: i64 = 14 * 24 * 3600;
/// The most places an engagement may offer.
pub const CAPACITY_MAX: i64 = 100_000;
/// The most languages, interpretations or topics one engagement lists.
pub const LIST_MAX: usize = 20;

word_enum! {
    /// What kind of gathering an engagement is.
    Kind {
        /// A meeting with a community or a neighbourhood.
        CommunityMeeting = "community_meeting",
        /// A forum: several speakers, questions from the floor.
        Forum = "forum",
        /// A town hall: the organization answers the public.
        TownHall = "town_hall",
        /// A workshop: working together on one question.
        Workshop = "workshop",
        /// A seminar or information session.
        Seminar = "seminar",
        /// A public hearing, often one the law requires.
        PublicHearing = "public_hearing",
        /// A stall at a market, a school gate, a shopping centre.
        OutreachStall = "outreach_stall",
        /// A festival or community day.
        Festival = "festival",
        /// A drop-in clinic where people come one by one.
        Clinic = "clinic",
    }
}

word_enum! {
    /// Where an engagement stands.
    Status {
        /// Being planned: seen by staff only.
        Planned = "planned",
        /// On the portal, open for registration until it ends.
        Published = "published",
        /// Called off, with the reason (kept on the portal if it was published).
        Cancelled = "cancelled",
    }
}

word_enum! {
    /// Where one person's place at an engagement stands.
    Place {
        /// Has a place.
        Registered = "registered",
        /// Waiting for a place; moves up by itself when one frees.
        Waitlisted = "waitlisted",
        /// Gave up their place (or was told the engagement was called off).
        Cancelled = "cancelled",
    }
}

word_enum! {
    /// What a line of an engagement's timeline records.
    LineKind {
        /// It was planned.
        Planned = "planned",
        /// Its plan changed; the body says which parts.
        Changed = "changed",
        /// It was published on the portal.
        Published = "published",
        /// It was called off; the body is the reason.
        Cancelled = "cancelled",
        /// Its minutes or an agenda item were recorded.
        Minutes = "minutes",
        /// A file was attached; the body is its name.
        Attached = "attached",
    }
}

/// Where an engagement is held, and what its venue offers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Venue {
    /// The place's name and address, as people find it ("Riverside Hall, 12 Mill Road").
    pub address: String,
    /// The room in it (may be empty).
    pub room: String,
    /// Where it is on a map.
    pub point: Option<GeoPoint>,
    /// How many places it has; none: as many as come.
    pub capacity: Option<i64>,
    /// Step-free access.
    pub step_free: bool,
    /// A hearing loop.
    pub hearing_loop: bool,
    /// Parking.
    pub parking: bool,
    /// How to get there by public transport (may be empty).
    pub transit: String,
    /// A link to join online (may be empty; with no address, it is held online only).
    pub online_link: String,
}

word_enum! {
    /// How often a series of engagements (a weekly clinic) comes back.
    Repeat {
        /// Every week, on the same day at the same local time.
        Weekly = "weekly",
        /// Every other week.
        Fortnightly = "fortnightly",
        /// Every month, on the same day of the month (the month's last day when it has
        /// fewer).
        Monthly = "monthly",
    }
}

/// The most occurrences one series is planned with at once.
pub const SERIES_MAX: i64 = 52;

/// Checks a series as typed: no repeat (one engagement), or a repeat with 2 to
/// [`SERIES_MAX`] occurrences.
pub fn series(
    repeat: &str,
    occurrences: &str,
) -> Result<Option<(Repeat, i64)>, (&'static str, &'static str)> {
    let repeat = match repeat.trim() {
        "" | "none" => return Ok(None),
        r => Repeat::parse(r).map_err(|c| ("repeat", c))?,
    };
    match values::count(occurrences, SERIES_MAX) {
        Ok(Some(n)) if n >= 2 => Ok(Some((repeat, n))),
        Ok(None) => Err(("occurrences", "error-required")),
        Ok(Some(_)) | Err(_) => Err(("occurrences", "error-series-count")),
    }
}

/// When each of `count` occurrences starts and ends: the first as planned, each next one
/// `repeat` later at the same local time in `zone` (so a clinic at 14:00 stays at 14:00
/// across a clock change), lasting as long as the first.
pub fn occurrences(
    (starts_at, ends_at): (i64, i64),
    zone: Tz,
    repeat: Repeat,
    count: i64,
) -> Vec<(i64, i64)> {
    use chrono::{Months, TimeZone};
    let Some(first) = chrono::DateTime::from_timestamp(starts_at, 0) else {
        return Vec::new();
    };
    let local = first.with_timezone(&zone).naive_local();
    let length = ends_at - starts_at;
    (0..count)
        .filter_map(|i| {
            let day = match repeat {
                Repeat::Weekly => local.checked_add_days(chrono::Days::new(7 * i as u64)),
                Repeat::Fortnightly => local.checked_add_days(chrono::Days::new(14 * i as u64)),
                Repeat::Monthly => local.checked_add_months(Months::new(i as u32)),
            }?;
            // A local time a clock change skips falls to the hour after it.
            let at = zone.from_local_datetime(&day).earliest().or_else(|| {
                zone.from_local_datetime(&(day + chrono::Duration::hours(1)))
                    .earliest()
            })?;
            Some((at.timestamp(), at.timestamp() + length))
        })
        .collect()
}

/// An engagement's plan as checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    pub kind: Kind,
    pub title: String,
    /// Why it is held, what it will cover.
    pub purpose: String,
    /// When it starts and ends (UTC seconds).
    pub starts_at: i64,
    pub ends_at: i64,
    /// The zone it is held in: its times are shown and written to calendars in it.
    pub time_zone: Tz,
    pub venue: Venue,
    /// The languages it is held in (BCP 47 tags), the first the main one.
    pub languages: Vec<String>,
    /// The languages interpretation is offered in, sign languages included (`ase`, `bfi`,
    /// `sgn-…`).
    pub interpretation: Vec<String>,
    /// The staff member who organizes it: the one responsible under the visibility rule.
    pub organizer: i64,
    /// The officers attending (staff ids), the organizer aside.
    pub officers: Vec<i64>,
    /// Partner organizations, as written (may be empty).
    pub partners: String,
    /// The areas it concerns (area ids).
    pub areas: Vec<i64>,
    /// What it is about.
    pub topics: Vec<String>,
    /// Who among staff may see it; only a public one is published.
    pub confidentiality: Confidentiality,
}

/// An engagement's plan as a form or a JSON body sends it, not yet checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct TermsInput<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub purpose: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub time_zone: &'a str,
    pub address: &'a str,
    pub room: &'a str,
    pub lat: &'a str,
    pub lng: &'a str,
    pub capacity: &'a str,
    pub step_free: bool,
    pub hearing_loop: bool,
    pub parking: bool,
    pub transit: &'a str,
    pub online_link: &'a str,
    /// Tags separated by commas or spaces.
    pub languages: &'a str,
    pub interpretation: &'a str,
    pub partners: &'a str,
    /// One per line or separated by commas.
    pub topics: &'a str,
    pub confidentiality: &'a str,
}

/// Checks a plan as typed, each field on its own so the form can mark them all. Times
/// without a zone are read in the engagement's zone (`office_zone` when none is given);
/// `organizer`, `officers` and `areas` come checked by the caller, who knows the staff
/// and the areas.
pub fn terms(
    input: TermsInput<'_>,
    office_zone: Tz,
    organizer: i64,
    officers: Vec<i64>,
    areas: Vec<i64>,
    errors: &mut FieldErrors,
) -> Option<Terms> {
    let kind = errors.take("kind", Kind::parse(input.kind.trim()));
    let title = errors.take("title", values::text(input.title, 1, TITLE_MAX));
    let purpose = errors.take("purpose", values::text(input.purpose, 0, TEXT_MAX));
    let time_zone = match input.time_zone.trim() {
        "" => Some(office_zone),
        z => errors.take("time_zone", crate::office::parse_time_zone(z)),
    };
    let zone = time_zone.unwrap_or(office_zone);
    let when = |field: &str, errors: &mut FieldErrors, s: &str| match s.trim() {
        "" => errors.take(field, Err("error-required")),
        s => errors.take(field, values::instant(s, zone)),
    };
    let starts_at = when("starts_at", errors, input.starts_at);
    let mut ends_at = when("ends_at", errors, input.ends_at);
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            errors.add("ends_at", "error-ends-before-starts");
            ends_at = None;
        } else if e - s > LONGEST {
            errors.add("ends_at", "error-engagement-too-long");
            ends_at = None;
        }
    }
    let address = errors.take("address", values::text(input.address, 0, LINE_MAX));
    let room = errors.take("room", values::text(input.room, 0, LINE_MAX));
    let point = errors.take("lat", GeoPoint::parse(input.lat, input.lng));
    let capacity = match values::count(input.capacity, CAPACITY_MAX) {
        Ok(Some(0)) => errors.take("capacity", Err("error-number")),
        r => errors.take("capacity", r),
    };
    let transit = errors.take("transit", values::text(input.transit, 0, LINE_MAX));
    let online_link = errors.take("online_link", link(input.online_link));
    if address.as_deref() == Some("") && online_link.as_deref() == Some("") {
        errors.add("address", "error-venue-or-link");
    }
    let languages = errors.take("languages", tags(input.languages));
    let interpretation = errors.take("interpretation", tags(input.interpretation));
    let partners = errors.take("partners", values::text(input.partners, 0, LINE_MAX));
    let topics = errors.take("topics", topics(input.topics));
    let confidentiality = match input.confidentiality.trim() {
        "" => Some(Confidentiality::Public),
        c => errors.take("confidentiality", Confidentiality::parse(c)),
    };
    let mut officers = officers;
    officers.retain(|o| *o != organizer);
    officers.sort_unstable();
    officers.dedup();
    let mut areas = areas;
    areas.sort_unstable();
    areas.dedup();
    Some(Terms {
        kind: kind?,
        title: title?,
        purpose: purpose?,
        starts_at: starts_at?,
        ends_at: ends_at?,
        time_zone: time_zone?,
        venue: Venue {
            address: address?,
            room: room?,
            point: point?,
            capacity: capacity?,
            step_free: input.step_free,
            hearing_loop: input.hearing_loop,
            parking: input.parking,
            transit: transit?,
            online_link: online_link?,
        },
        languages: languages?,
        interpretation: interpretation?,
        organizer,
        officers,
        partners: partners?,
        areas,
        topics: topics?,
        confidentiality: confidentiality?,
    })
}

/// A link to join online: `https://` or `http://`, no spaces, or empty.
fn link(input: &str) -> Result<String, &'static str> {
    let t = values::text(input, 0, LINE_MAX)?;
    let ok = t.is_empty()
        || ((t.starts_with("https://") || t.starts_with("http://"))
            && t.len() > 10
            && !t
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"'));
    if ok {
        Ok(t)
    } else {
        Err("error-link")
    }
}

/// BCP 47 tags separated by commas or spaces, each once, in the order given.
pub fn tags(input: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for part in input
        .split([',', ' ', ';', '\n'])
        .filter(|p| !p.trim().is_empty())
    {
        if let Some(tag) = language_tag(part)? {
            if !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                out.push(tag);
            }
        }
    }
    if out.len() > LIST_MAX {
        return Err("error-too-many");
    }
    Ok(out)
}

/// Topics one per line or separated by commas, each once, at most 100 characters.
pub fn topics(input: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for part in input.split([',', '\n']) {
        let t = values::text(part, 0, 100)?;
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    if out.len() > LIST_MAX {
        return Err("error-too-many");
    }
    Ok(out)
}

/// Whether an engagement with these places can lower its capacity to `capacity`: not below
/// the places already given.
pub fn capacity_fits(capacity: Option<i64>, registered: i64) -> Result<(), &'static str> {
    match capacity {
        Some(c) if c < registered => Err("error-capacity-below-registrations"),
        _ => Ok(()),
    }
}

/// Where a new registration goes: a place while any is left, else the waitlist.
pub fn place_for(capacity: Option<i64>, registered: i64) -> Place {
    match capacity {
        Some(c) if registered >= c => Place::Waitlisted,
        _ => Place::Registered,
    }
}

/// Whether an engagement takes registrations at `now`: published and not yet ended.
pub fn open_for_registration(status: Status, ends_at: i64, now: i64) -> Result<(), &'static str> {
    match status {
        Status::Cancelled => Err("error-engagement-cancelled"),
        _ if now >= ends_at => Err("error-engagement-over"),
        Status::Planned => Err("error-not-now"),
        Status::Published => Ok(()),
    }
}

/// Checks a step from `from` to `to`: only a public engagement is published (one already
/// held too, for its minutes); a cancelled one stays cancelled; calling off needs its reason.
pub fn step(
    from: Status,
    to: Status,
    confidentiality: Confidentiality,
    reason: &str,
) -> Result<String, (&'static str, &'static str)> {
    let reason = values::text(reason, 0, TEXT_MAX).map_err(|c| ("reason", c))?;
    match (from, to) {
        // One already held may be published too, for its minutes and commitments.
        (Status::Planned, Status::Published) => {
            if confidentiality != Confidentiality::Public {
                Err(("confidentiality", "error-publish-needs-public"))
            } else {
                Ok(reason)
            }
        }
        (Status::Planned | Status::Published, Status::Cancelled) => {
            if reason.is_empty() {
                Err(("reason", "error-reason-required"))
            } else {
                Ok(reason)
            }
        }
        _ => Err(("status", "error-not-now")),
    }
}

/// A resident's or an officer's registration as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub name: String,
    /// Where to tell them of changes (may be empty: then only their cancel link reaches
    /// them).
    pub email: String,
    pub phone: String,
    /// The language they want to be written to in (a BCP 47 tag, may be empty).
    pub language: String,
    /// Access needs: a wheelchair space, an interpreter, a hearing loop, childcare …
    pub needs: String,
}

/// Checks a registration as typed.
pub fn registration(
    name: &str,
    email: &str,
    phone: &str,
    language: &str,
    needs: &str,
    errors: &mut FieldErrors,
) -> Option<Registration> {
    let name = errors.take("name", values::text(name, 1, TITLE_MAX));
    let email = match email.trim() {
        "" => Some(String::new()),
        e => errors.take(
            "email",
            EmailAddress::parse(e).map(|e| e.as_str().to_string()),
        ),
    };
    let phone = errors.take("phone", values::phone(phone).map(Option::unwrap_or_default));
    let language = errors.take(
        "language",
        language_tag(language).map(Option::unwrap_or_default),
    );
    let needs = errors.take("needs", values::text(needs, 0, 1000));
    Some(Registration {
        name: name?,
        email: email?,
        phone: phone?,
        language: language?,
        needs: needs?,
    })
}

/// An agenda item as checked: its title, then what was said and what was decided.
pub fn agenda_item(
    title: &str,
    minutes: &str,
    decision: &str,
    errors: &mut FieldErrors,
) -> Option<(String, String, String)> {
    let title = errors.take("title", values::text(title, 1, TITLE_MAX));
    let minutes = errors.take("minutes", values::text(minutes, 0, TEXT_MAX));
    let decision = errors.take("decision", values::text(decision, 0, TEXT_MAX));
    Some((title?, minutes?, decision?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TermsInput<'static> {
        TermsInput {
            kind: "town_hall",
            title: "Town hall on the quarry's blasting hours",
            starts_at: "2027-01-14T18:00",
            ends_at: "2027-01-14T20:00",
            address: "Riverside Hall, 12 Mill Road",
            capacity: "120",
            languages: "en, so",
            interpretation: "so ase",
            topics: "Blasting\nDust, Traffic",
            ..TermsInput::default()
        }
    }

    #[test]
    fn a_plan_is_read_in_its_own_zone() {
        let mut errors = FieldErrors::new();
        let t = terms(
            TermsInput {
                time_zone: "Europe/London",
                ..input()
            },
            Tz::UTC,
            3,
            vec![5, 3, 5],
            vec![2, 1],
            &mut errors,
        )
        .expect("checked");
        assert!(errors.is_empty());
        // 18:00 in London in January is 18:00 UTC.
        assert_eq!(t.starts_at, 1_799_949_600);
        assert_eq!(t.ends_at - t.starts_at, 7200);
        assert_eq!(t.officers, vec![5]);
        assert_eq!(t.areas, vec![1, 2]);
        assert_eq!(t.languages, vec!["en", "so"]);
        assert_eq!(t.interpretation, vec!["so", "ase"]);
        assert_eq!(t.topics, vec!["Blasting", "Dust", "Traffic"]);
        assert_eq!(t.venue.capacity, Some(120));
        assert_eq!(t.confidentiality, Confidentiality::Public);
    }

    #[test]
    fn bad_plans_are_refused_field_by_field() {
        let mut errors = FieldErrors::new();
        let t = terms(
            TermsInput {
                kind: "picnic",
                ends_at: "2027-01-14T17:00",
                address: "",
                capacity: "0",
                languages: "english!",
                online_link: "javascript:alert(1)",
                ..input()
            },
            Tz::UTC,
            3,
            vec![],
            vec![],
            &mut errors,
        );
        assert_eq!(t, None);
        assert_eq!(errors.for_field("kind"), Some("error-choice"));
        assert_eq!(
            errors.for_field("ends_at"),
            Some("error-ends-before-starts")
        );
        assert_eq!(errors.for_field("capacity"), Some("error-number"));
        assert_eq!(errors.for_field("languages"), Some("error-language-tag"));
        assert_eq!(errors.for_field("online_link"), Some("error-link"));
        let mut errors = FieldErrors::new();
        terms(
            TermsInput {
                address: " ",
                ..input()
            },
            Tz::UTC,
            3,
            vec![],
            vec![],
            &mut errors,
        );
        assert_eq!(errors.for_field("address"), Some("error-venue-or-link"));
    }

    #[test]
    fn a_weekly_clinic_keeps_its_local_time_across_a_clock_change() {
        let zone: Tz = "Europe/London".parse().expect("zone");
        // 14:00 in London on Saturday 21 March 2026 (GMT), two hours long.
        let starts = 1_774_101_600;
        let list = occurrences((starts, starts + 7200), zone, Repeat::Weekly, 3);
        let local: Vec<String> = list
            .iter()
            .map(|(s, _)| {
                chrono::DateTime::from_timestamp(*s, 0)
                    .expect("time")
                    .with_timezone(&zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            local,
            ["2026-03-21 14:00", "2026-03-28 14:00", "2026-04-04 14:00"]
        );
        assert!(list.iter().all(|(s, e)| e - s == 7200));
        // After the clocks went forward, a week is an hour shorter in UTC.
        assert_eq!(list[2].0 - list[1].0, 7 * 86_400 - 3600);
        let monthly = occurrences((starts, starts + 60), zone, Repeat::Monthly, 2);
        assert_eq!(monthly.len(), 2);
        assert_eq!(
            series("weekly", "1"),
            Err(("occurrences", "error-series-count"))
        );
        assert_eq!(
            series("weekly", "53"),
            Err(("occurrences", "error-series-count"))
        );
        assert_eq!(series("", ""), Ok(None));
        assert_eq!(
            series("fortnightly", "6"),
            Ok(Some((Repeat::Fortnightly, 6)))
        );
    }

    #[test]
    fn places_fill_then_the_waitlist() {
        assert_eq!(place_for(Some(2), 1), Place::Registered);
        assert_eq!(place_for(Some(2), 2), Place::Waitlisted);
        assert_eq!(place_for(None, 10_000), Place::Registered);
        assert_eq!(
            capacity_fits(Some(9), 10),
            Err("error-capacity-below-registrations")
        );
        assert_eq!(capacity_fits(Some(10), 10), Ok(()));
    }

    #[test]
    fn only_a_public_engagement_is_published() {
        use Status::*;
        let p = Confidentiality::Public;
        assert!(step(Planned, Published, p, "").is_ok());
        assert_eq!(
            step(Planned, Published, Confidentiality::Restricted, ""),
            Err(("confidentiality", "error-publish-needs-public"))
        );
        assert!(
            step(Planned, Published, p, "").is_ok(),
            "held, for its minutes"
        );
        assert_eq!(
            step(Published, Cancelled, p, " "),
            Err(("reason", "error-reason-required"))
        );
        assert_eq!(
            step(Cancelled, Published, p, ""),
            Err(("status", "error-not-now"))
        );
        assert_eq!(
            open_for_registration(Published, 100, 100),
            Err("error-engagement-over")
        );
        assert_eq!(open_for_registration(Published, 100, 99), Ok(()));
    }

    #[test]
    fn registrations_are_checked() {
        let mut errors = FieldErrors::new();
        let r = registration("Amina Yusuf", "", "", "so", "Wheelchair space", &mut errors);
        assert_eq!(r.map(|r| r.language), Some("so".into()));
        let mut errors = FieldErrors::new();
        assert_eq!(
            registration("", "not-an-address", "", "", "", &mut errors),
            None
        );
        assert_eq!(errors.for_field("name"), Some("error-required"));
        assert_eq!(errors.for_field("email"), Some("error-email"));
    }
}
