//! Stakeholders: the people and organizations the office keeps in touch with — who they
//! are, how to reach them, where they live or work, and how they stand toward the
//! organization the office speaks for.
//!
//! People and organizations share most of what the register keeps of them (a
//! [`Profile`]); each adds its own. Nothing here does I/O: the values are checked here,
//! field by field, with message keys, and whether an area or an officer exists is the
//! operation's to ask.

use crate::concerns::word_enum;
use crate::records::RecordKind;
use crate::values::{self, EmailAddress};
use crate::visibility::Confidentiality;
use crate::FieldErrors;

word_enum! {
    /// What kind of body an organization is.
    OrganizationType {
        /// A community group or network.
        CommunityGroup = "community_group",
        /// A residents' or tenants' association.
        ResidentsAssociation = "residents_association",
        /// A business or trade association.
        Business = "business",
        /// A school, college or university.
        School = "school",
        /// A church, mosque, temple or other faith group.
        FaithGroup = "faith_group",
        /// A charity or non-governmental organization.
        Ngo = "ngo",
        /// A ministry, council, police force or other public body.
        GovernmentAgency = "government_agency",
        /// A newspaper, radio or television station, or a news site.
        Media = "media",
        /// A clinic, hospital or care provider.
        HealthProvider = "health_provider",
        /// Anything else.
        Other = "other",
    }
}

word_enum! {
    /// How much a stakeholder can sway what happens (influence), or how much it matters to
    /// them (interest).
    Level {
        /// Little.
        Low = "low",
        /// Some.
        Medium = "medium",
        /// Much.
        High = "high",
    }
}

word_enum! {
    /// How a stakeholder stands toward the organization the office speaks for, from most
    /// to least favourable.
    Attitude {
        /// Supports it openly.
        Supportive = "supportive",
        /// Inclined to support it.
        LeaningSupportive = "leaning_supportive",
        /// Neither for nor against.
        Neutral = "neutral",
        /// Inclined to oppose it.
        LeaningOpposed = "leaning_opposed",
        /// Opposes it openly.
        Opposed = "opposed",
    }
}

word_enum! {
    /// How one stakeholder stands to another: a person's position in an organization, or
    /// a tie between two people or two organizations.
    RelationshipKind {
        /// A person belongs to an organization.
        Member = "member",
        /// A person leads an organization (chair, principal, pastor, …).
        Leader = "leader",
        /// A person speaks for an organization.
        Spokesperson = "spokesperson",
        /// A person works for an organization.
        Staff = "staff",
        /// Two people or two organizations work together.
        PartnerOf = "partner_of",
        /// An organization is funded by another (or a person by one).
        FundedBy = "funded_by",
        /// Two people or two organizations are in conflict.
        InConflictWith = "in_conflict_with",
        /// Two people are family.
        FamilyOf = "family_of",
    }
}

impl RelationshipKind {
    /// Whether a relationship of this kind may go from a record of kind `from` to one of
    /// kind `to`: positions from a person to an organization; family between people;
    /// partnership and conflict between two of a kind; funding to an organization's
    /// record from the one it funds (person or organization).
    pub fn joins(self, from: RecordKind, to: RecordKind) -> bool {
        use RecordKind::{Organization, Person};
        match self {
            Self::Member | Self::Leader | Self::Spokesperson | Self::Staff => {
                (from, to) == (Person, Organization)
            }
            Self::FamilyOf => (from, to) == (Person, Person),
            Self::PartnerOf | Self::InConflictWith => {
                from == to && matches!(from, Person | Organization)
            }
            Self::FundedBy => matches!(from, Person | Organization) && to == Organization,
        }
    }
}

/// The most characters of a position's title ("Chairperson", "Head of science").
pub const TITLE_MAX: usize = 120;

/// A relationship as typed, checked: kind, title, and the days it began and ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipTerms {
    /// Its kind.
    pub kind: RelationshipKind,
    /// A position's title, or empty.
    pub title: String,
    /// The day it began, if known.
    pub starts_on: Option<values::Day>,
    /// The day it ended, if it has.
    pub ends_on: Option<values::Day>,
}

/// Checks a relationship's fields (`kind`, `title`, `starts_on`, `ends_on`) for one from a
/// record of kind `from` to one of kind `to`.
pub fn relationship(
    from: RecordKind,
    to: RecordKind,
    kind: &str,
    title: &str,
    starts_on: &str,
    ends_on: &str,
    errors: &mut FieldErrors,
) -> Option<RelationshipTerms> {
    let kind = errors.take(
        "kind",
        RelationshipKind::parse(kind).and_then(|k| {
            if k.joins(from, to) {
                Ok(k)
            } else {
                Err("error-relationship-kind")
            }
        }),
    );
    let title = errors.take("title", values::text(title, 0, TITLE_MAX));
    let starts_on = errors.take("starts_on", values::day(starts_on));
    let ends_on = errors.take("ends_on", values::day(ends_on));
    if let (Some(Some(s)), Some(Some(e))) = (starts_on, ends_on) {
        if e < s {
            errors.add("ends_on", "error-ends-before-start");
            return None;
        }
    }
    Some(RelationshipTerms {
        kind: kind?,
        title: title?,
        starts_on: starts_on?,
        ends_on: ends_on?,
    })
}

word_enum! {
    /// A way of reaching a person that they may agree to, or not.
    ContactChannel {
        /// A call.
        Phone = "phone",
        /// A text message.
        Sms = "sms",
        /// An email.
        Email = "email",
        /// A letter.
        Post = "post",
        /// A visit in person.
        Visit = "visit",
    }
}

word_enum! {
    /// What a person may be contacted for.
    Purpose {
        /// News of concerns they raised and of the work that affects them.
        Updates = "updates",
        /// Invitations to meetings and other engagements.
        Invitations = "invitations",
        /// Surveys and requests for feedback.
        Surveys = "surveys",
        /// Newsletters and general mailings.
        Newsletters = "newsletters",
    }
}

word_enum! {
    /// How a person gave (or refused) their consent.
    ConsentMethod {
        /// Said so, to an officer.
        Verbal = "verbal",
        /// Signed a form or a letter.
        Written = "written",
        /// Ticked a box on a form online.
        OnlineForm = "online_form",
        /// Wrote an email.
        Email = "email",
    }
}

/// What a person agreed to be contacted by and for, and how they said so. Nothing agreed is
/// nothing allowed: a person without consent is not contacted, and one who asked not to be
/// is not contacted at all, whatever else is recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consent {
    /// The channels they agreed to.
    pub channels: Vec<ContactChannel>,
    /// What they agreed to be contacted for.
    pub purposes: Vec<Purpose>,
    /// The day they said so.
    pub given_on: Option<values::Day>,
    /// How they said so.
    pub method: Option<ConsentMethod>,
    /// What they said, in their words or the officer's.
    pub note: String,
    /// They asked not to be contacted at all.
    pub do_not_contact: bool,
}

/// The most characters of a consent's note.
pub const CONSENT_NOTE_MAX: usize = 1000;

impl Consent {
    /// Whether they may be contacted by `channel` for `purpose`: later features
    /// (invitations, mailings, surveys) ask this before anything is sent.
    pub fn allows(&self, channel: ContactChannel, purpose: Purpose) -> bool {
        !self.do_not_contact && self.channels.contains(&channel) && self.purposes.contains(&purpose)
    }

    /// Whether anything is recorded at all.
    pub fn recorded(&self) -> bool {
        self.do_not_contact || !self.channels.is_empty() || self.given_on.is_some()
    }

    /// What it allows, as its timeline line and audit entry say it: `channels; purposes`
    /// (`email,sms; invitations`), `do_not_contact`, or empty. One definition for the
    /// operation and the demo generator, which writes the same lines.
    pub fn summary(&self) -> String {
        if self.do_not_contact {
            return "do_not_contact".into();
        }
        if self.channels.is_empty() {
            return String::new();
        }
        let words = |list: Vec<&str>| list.join(",");
        format!(
            "{}; {}",
            words(self.channels.iter().map(|x| x.as_str()).collect()),
            words(self.purposes.iter().map(|x| x.as_str()).collect())
        )
    }
}

/// Checks a consent's fields (`channels`, `purposes`, `given_on`, `method`, `note`,
/// `do_not_contact`). Agreeing to anything needs the day and the way it was given; asking
/// not to be contacted clears what was agreed.
pub fn consent(
    channels: &[String],
    purposes: &[String],
    given_on: &str,
    method: &str,
    note: &str,
    do_not_contact: bool,
    errors: &mut FieldErrors,
) -> Option<Consent> {
    fn each<T: PartialEq>(
        list: &[String],
        parse: fn(&str) -> Result<T, &'static str>,
    ) -> Result<Vec<T>, &'static str> {
        let mut out = Vec::new();
        for v in list.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            let v = parse(v)?;
            if !out.contains(&v) {
                out.push(v);
            }
        }
        Ok(out)
    }
    let channels = errors.take("channels", each(channels, ContactChannel::parse));
    let purposes = errors.take("purposes", each(purposes, Purpose::parse));
    let given_on = errors.take("given_on", values::day(given_on));
    let method = errors.take("method", optional(method, ConsentMethod::parse));
    let note = errors.take("note", values::text(note, 0, CONSENT_NOTE_MAX));
    let (mut channels, mut purposes) = (channels?, purposes?);
    if do_not_contact {
        channels.clear();
        purposes.clear();
    }
    let agreed = !channels.is_empty() || !purposes.is_empty();
    if agreed && channels.is_empty() {
        errors.add("channels", "error-consent-channels");
    }
    if agreed && purposes.is_empty() {
        errors.add("purposes", "error-consent-purposes");
    }
    if agreed && given_on == Some(None) {
        errors.add("given_on", "error-consent-when");
    }
    if agreed && method == Some(None) {
        errors.add("method", "error-consent-how");
    }
    if !errors.is_empty() {
        return None;
    }
    Some(Consent {
        channels,
        purposes,
        given_on: given_on?,
        method: method?,
        note: note?,
        do_not_contact,
    })
}

word_enum! {
    /// The lines of a person's or an organization's own timeline.
    StakeholderLine {
        /// Added to the register.
        Created = "created",
        /// Details changed (the line names the fields, comma-separated).
        Changed = "changed",
        /// Influence assessed anew: the line keeps before and after.
        Influence = "influence",
        /// Interest assessed anew.
        Interest = "interest",
        /// Attitude assessed anew.
        Attitude = "attitude",
        /// A relationship with another record began (the body names it:
        /// `kind other_kind other_id`).
        Related = "related",
        /// A relationship ended (the body as for `related`).
        Unrelated = "unrelated",
        /// A duplicate merged into this record (the body: `kind id` of the one merged).
        Merged = "merged",
        /// Consent recorded anew: the body is what it now allows, `channels; purposes`
        /// (`email,phone; updates`), or `do_not_contact`, or empty when nothing is.
        Consent = "consent",
        /// They came to an engagement (the body: its reference and title).
        Attended = "attended",
    }
}

word_enum! {
    /// A value an assessment line records a change of: a [`Level`] or an [`Attitude`].
    Assessed {
        /// [`Level::Low`].
        Low = "low",
        /// [`Level::Medium`].
        Medium = "medium",
        /// [`Level::High`].
        High = "high",
        /// [`Attitude::Supportive`].
        Supportive = "supportive",
        /// [`Attitude::LeaningSupportive`].
        LeaningSupportive = "leaning_supportive",
        /// [`Attitude::Neutral`].
        Neutral = "neutral",
        /// [`Attitude::LeaningOpposed`].
        LeaningOpposed = "leaning_opposed",
        /// [`Attitude::Opposed`].
        Opposed = "opposed",
    }
}

impl From<Level> for Assessed {
    fn from(l: Level) -> Self {
        Assessed::parse(l.as_str()).unwrap_or(Assessed::Medium)
    }
}

impl From<Attitude> for Assessed {
    fn from(a: Attitude) -> Self {
        Assessed::parse(a.as_str()).unwrap_or(Assessed::Neutral)
    }
}

/// The most characters of a name.
pub const NAME_MAX: usize = 200;
/// The most characters of how a person wants to be addressed.
pub const ADDRESSED_AS_MAX: usize = 120;
/// The most characters of a postal address.
pub const ADDRESS_MAX: usize = 300;
/// The most phones, emails or addresses of one kind a record keeps.
pub const CONTACTS_MAX: usize = 10;
/// The most tags on one record.
pub const TAGS_MAX: usize = 20;
/// The most characters of a tag.
pub const TAG_MAX: usize = 40;
/// The most characters of accessibility needs.
pub const ACCESSIBILITY_MAX: usize = 1000;
/// The most characters of notes.
pub const NOTES_MAX: usize = 10_000;
/// The most areas one record names.
pub const AREAS_MAX: usize = 50;

/// How to reach a person or an organization: each list with its preferred entry first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    /// Phone numbers, as written.
    pub phones: Vec<String>,
    /// Email addresses, lower-cased.
    pub emails: Vec<String>,
    /// Postal or street addresses.
    pub addresses: Vec<String>,
}

/// What the register keeps of people and organizations alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The full name.
    pub name: String,
    /// How to reach them.
    pub contacts: Contacts,
    /// Ids of the areas they live, work in or serve.
    pub areas: Vec<i64>,
    /// Free labels, lower-cased ("school principal", "youth").
    pub tags: Vec<String>,
    /// Notes for staff.
    pub notes: String,
    /// Who may see the record.
    pub confidentiality: Confidentiality,
    /// The officer who keeps the relationship (sees it even when confidential).
    pub owner: Option<i64>,
    /// How much they can sway what happens.
    pub influence: Option<Level>,
    /// How much it matters to them.
    pub interest: Option<Level>,
    /// How they stand toward the organization.
    pub attitude: Option<Attitude>,
}

/// What the register keeps of a person beyond their [`Profile`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonDetails {
    /// How they want to be addressed ("Dr Okafor", "Auntie May"), or empty.
    pub addressed_as: String,
    /// The language they prefer (a BCP 47 tag such as `so`, `es`, `zh-Hant`, `ase`).
    pub language: Option<String>,
    /// Whether an interpreter is needed to speak with them.
    pub interpreter: bool,
    /// What they need to take part (step-free access, large print, …), or empty.
    pub accessibility: String,
}

/// The fields of a [`Profile`] as typed, each checked by [`profile`].
#[derive(Debug, Clone, Copy)]
pub struct ProfileInput<'a> {
    /// `name`.
    pub name: &'a str,
    /// `phones`, preferred first; empty entries are skipped.
    pub phones: &'a [String],
    /// `emails`, preferred first.
    pub emails: &'a [String],
    /// `addresses`, preferred first.
    pub addresses: &'a [String],
    /// `tags`, each entry one tag or several separated by commas.
    pub tags: &'a [String],
    /// `notes`.
    pub notes: &'a str,
    /// `confidentiality`.
    pub confidentiality: &'a str,
    /// `influence`, empty for not assessed.
    pub influence: &'a str,
    /// `interest`, empty for not assessed.
    pub interest: &'a str,
    /// `attitude`, empty for not assessed.
    pub attitude: &'a str,
}

/// Checks a profile's fields, recording each problem under its field's name. Areas and the
/// owner (`areas`, `owner`) are checked by whoever can look them up, and set on the result.
pub fn profile(input: ProfileInput<'_>, errors: &mut FieldErrors) -> Option<Profile> {
    let name = errors.take("name", values::text(input.name, 1, NAME_MAX));
    let phones = errors.take("phones", phones(input.phones));
    let emails = errors.take("emails", emails(input.emails));
    let addresses = errors.take("addresses", addresses(input.addresses));
    let tags = errors.take("tags", tags(input.tags));
    let notes = errors.take("notes", values::text(input.notes, 0, NOTES_MAX));
    let confidentiality = errors.take(
        "confidentiality",
        Confidentiality::parse(input.confidentiality),
    );
    let influence = errors.take("influence", optional(input.influence, Level::parse));
    let interest = errors.take("interest", optional(input.interest, Level::parse));
    let attitude = errors.take("attitude", optional(input.attitude, Attitude::parse));
    Some(Profile {
        name: name?,
        contacts: Contacts {
            phones: phones?,
            emails: emails?,
            addresses: addresses?,
        },
        areas: Vec::new(),
        tags: tags?,
        notes: notes?,
        confidentiality: confidentiality?,
        owner: None,
        influence: influence?,
        interest: interest?,
        attitude: attitude?,
    })
}

/// Checks a person's own fields (`addressed_as`, `language`, `accessibility`).
pub fn person_details(
    addressed_as: &str,
    language: &str,
    interpreter: bool,
    accessibility: &str,
    errors: &mut FieldErrors,
) -> Option<PersonDetails> {
    let addressed_as = errors.take(
        "addressed_as",
        values::text(addressed_as, 0, ADDRESSED_AS_MAX),
    );
    let language = errors.take("language", language_tag(language));
    let accessibility = errors.take(
        "accessibility",
        values::text(accessibility, 0, ACCESSIBILITY_MAX),
    );
    Some(PersonDetails {
        addressed_as: addressed_as?,
        language: language?,
        interpreter,
        accessibility: accessibility?,
    })
}

fn optional<T>(
    input: &str,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Result<Option<T>, &'static str> {
    match input.trim() {
        "" => Ok(None),
        v => parse(v).map(Some),
    }
}

/// The entries of a list that are not blank, at most [`CONTACTS_MAX`].
fn entries(list: &[String]) -> Result<Vec<&str>, &'static str> {
    let kept: Vec<&str> = list
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if kept.len() > CONTACTS_MAX {
        Err("error-too-many")
    } else {
        Ok(kept)
    }
}

/// Phone numbers as people write them (5 to 20 digits), each once.
pub fn phones(list: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for p in entries(list)? {
        let p = values::phone(p)?.unwrap_or_default();
        if !out.iter().any(|o| phone_digits(o) == phone_digits(&p)) {
            out.push(p);
        }
    }
    Ok(out)
}

/// Email addresses, lower-cased, each once.
pub fn emails(list: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for e in entries(list)? {
        let e = EmailAddress::parse(e)?.as_str().to_string();
        if !out.contains(&e) {
            out.push(e);
        }
    }
    Ok(out)
}

/// Addresses of up to [`ADDRESS_MAX`] characters, each once.
pub fn addresses(list: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for a in entries(list)? {
        let a = values::text(a, 1, ADDRESS_MAX)?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Tags: entries split at commas, trimmed, lower-cased, each once, at most [`TAGS_MAX`] of
/// up to [`TAG_MAX`] characters.
pub fn tags(list: &[String]) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for t in list.iter().flat_map(|s| s.split(',')) {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            continue;
        }
        let t = values::text(&t.to_lowercase(), 1, TAG_MAX)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > TAGS_MAX {
        return Err("error-too-many");
    }
    Ok(out)
}

/// A language a person prefers, as a BCP 47 tag (`so`, `pt-BR`, `zh-Hant`, `ase` for
/// American Sign Language): a primary subtag of 2 to 3 letters, then subtags of 1 to 8
/// letters or digits. Empty is none.
pub fn language_tag(input: &str) -> Result<Option<String>, &'static str> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let mut parts = t.split('-');
    let primary = parts.next().unwrap_or_default();
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && t.len() <= 35;
    if !ok {
        return Err("error-language-tag");
    }
    // The primary subtag in lower case, as BCP 47 writes it; the rest as typed.
    let (primary, rest) = t.split_at(primary.len());
    Ok(Some(format!("{}{rest}", primary.to_ascii_lowercase())))
}

/// A phone number's digits alone: how two ways of writing one number are known as one.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The digits two ways of writing one number share, with or without a country code or
/// trunk `0`: its last nine (all of them when fewer). Numbers that share them are likely
/// one, and proposed as duplicates.
pub fn phone_key(phone: &str) -> String {
    let digits = phone_digits(phone);
    digits[digits.len().saturating_sub(9)..].to_string()
}

/// The fewest digits of a number searched by its digits alone.
pub const PHONE_SEARCH_MIN: usize = 7;

/// The words a phone number is found by, whatever way it is typed in a search: as written
/// (`+1 (555) 010-2030` gives `1`, `555`, `010`, `2030`), and its digits run together with
/// every ending of at least [`PHONE_SEARCH_MIN`] digits, so `5550102030`, `1 555 0102030`
/// and `555.010.2030` all find it, with or without the country code or a trunk `0`.
pub fn phone_words(phone: &str) -> Vec<String> {
    let digits = phone_digits(phone);
    let mut words = vec![phone.to_string()];
    for start in 0..digits.len().saturating_sub(PHONE_SEARCH_MIN - 1) {
        words.push(digits[start..].to_string());
    }
    words
}

/// A search query that is a phone number (only digits, spaces and `+-.()/`, with at least
/// [`PHONE_SEARCH_MIN`] digits), as the one word it is searched by: its digits without
/// leading zeros (a trunk prefix the stored number may not have).
pub fn phone_query(query: &str) -> Option<String> {
    let t = query.trim();
    let digits = phone_digits(t);
    let phone_like = t
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()/".contains(c));
    (phone_like && digits.len() >= PHONE_SEARCH_MIN)
        .then(|| digits.trim_start_matches('0').to_string())
        .filter(|d| d.len() >= PHONE_SEARCH_MIN)
}

/// What of a person or an organization is searched: names, then tags, then — for those
/// who may see them (`contacts`) — emails and phones in the words [`phone_words`] gives.
/// The one definition, used wherever a stakeholder is indexed and where a match is checked
/// again without contact details.
pub fn search_text(
    name: &str,
    addressed_as: &str,
    tags: &[String],
    contacts: Option<&Contacts>,
) -> String {
    let mut text = format!("{name} {addressed_as}");
    for t in tags {
        text.push(' ');
        text.push_str(t);
    }
    if let Some(c) = contacts {
        for e in &c.emails {
            text.push(' ');
            text.push_str(e);
        }
        for p in &c.phones {
            for w in phone_words(p) {
                text.push(' ');
                text.push_str(&w);
            }
        }
    }
    text
}

/// Where a stakeholder falls on the influence–interest grid: the four quadrants officers
/// plan their engagement by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    /// High influence, high interest: engage closely.
    ManageClosely,
    /// High influence, less interest: keep satisfied.
    KeepSatisfied,
    /// Less influence, high interest: keep informed.
    KeepInformed,
    /// Less influence, less interest: monitor.
    Monitor,
}

impl Quadrant {
    /// The quadrant of an assessment; medium counts as the lower half.
    pub fn of(influence: Level, interest: Level) -> Self {
        match (influence == Level::High, interest == Level::High) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_profile_is_checked_field_by_field() {
        let mut errors = FieldErrors::new();
        let phones = list(&["+1 555 010 2030", "", "(555) 010-2030"]);
        let emails = list(&["Amina@Example.org"]);
        let tags = list(&["Youth,  School Principal", "youth"]);
        let got = profile(
            ProfileInput {
                name: "  Amina Yusuf ",
                phones: &phones,
                emails: &emails,
                addresses: &[],
                tags: &tags,
                notes: "",
                confidentiality: "restricted",
                influence: "high",
                interest: "",
                attitude: "leaning_opposed",
            },
            &mut errors,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(got.name, "Amina Yusuf");
        // The same number written twice is kept once, as first written.
        assert_eq!(got.contacts.phones, ["+1 555 010 2030", "(555) 010-2030"]);
        assert_eq!(got.contacts.emails, ["amina@example.org"]);
        assert_eq!(got.tags, ["youth", "school principal"]);
        assert_eq!(got.influence, Some(Level::High));
        assert_eq!(got.interest, None);
        assert_eq!(got.attitude, Some(Attitude::LeaningOpposed));

        let mut errors = FieldErrors::new();
        let bad_phone = list(&["call me"]);
        let bad_email = list(&["nobody"]);
        let none = profile(
            ProfileInput {
                name: "",
                phones: &bad_phone,
                emails: &bad_email,
                addresses: &[],
                tags: &[],
                notes: "",
                confidentiality: "secret",
                influence: "huge",
                interest: "low",
                attitude: "",
            },
            &mut errors,
        );
        assert!(none.is_none());
        for (field, code) in [
            ("name", "error-required"),
            ("phones", "error-phone"),
            ("emails", "error-email"),
            ("confidentiality", "error-choice"),
            ("influence", "error-choice"),
        ] {
            assert_eq!(errors.for_field(field), Some(code), "{field}");
        }
    }

    #[test]
    fn lists_have_limits() {
        let many: Vec<String> = (0..11).map(|i| format!("555 000 {i:04}")).collect();
        assert_eq!(phones(&many), Err("error-too-many"));
        let tags_many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(tags(&tags_many), Err("error-too-many"));
        assert_eq!(tags(&list(&[&"x".repeat(41)])), Err("error-too-long"));
    }

    #[test]
    fn language_tags_follow_bcp_47() {
        assert_eq!(language_tag(""), Ok(None));
        assert_eq!(language_tag("SO"), Ok(Some("so".into())));
        assert_eq!(language_tag("zh-Hant"), Ok(Some("zh-Hant".into())));
        assert_eq!(language_tag("ase"), Ok(Some("ase".into())));
        for bad in ["english", "e", "es_MX", "es-", "12"] {
            assert_eq!(language_tag(bad), Err("error-language-tag"), "{bad}");
        }
    }

    #[test]
    fn a_phone_is_found_however_it_is_typed() {
        let text = search_text(
            "Amina Yusuf",
            "",
            &[],
            Some(&Contacts {
                phones: list(&["+1 (555) 010-2030"]),
                ..Contacts::default()
            }),
        );
        let words: Vec<&str> = text.split(' ').collect();
        for typed in [
            "5550102030",
            "+1 555 010 2030",
            "1-555-010-2030",
            "555.010.2030",
        ] {
            let q = phone_query(typed).unwrap();
            assert!(words.iter().any(|w| w.starts_with(&q)), "{typed} → {q}");
        }
        // A trunk zero the stored number lacks is dropped from the query.
        assert_eq!(phone_query("020 7946 0958").as_deref(), Some("2079460958"));
        // Short numbers and words are not phone queries.
        assert_eq!(phone_query("2030"), None);
        assert_eq!(phone_query("room 5550102030"), None);
        // Contacts are left out for those who may not see them.
        assert!(!search_text("Amina", "", &[], None).contains("555"));
    }

    #[test]
    fn one_number_written_two_ways_has_one_key() {
        assert_eq!(phone_key("+44 20 7946 0958"), phone_key("020 7946 0958"));
        assert_eq!(phone_key("+1 (555) 010-2030"), phone_key("555.010.2030"));
        assert_ne!(phone_key("555 010 2030"), phone_key("555 010 2031"));
        assert_eq!(phone_key("12345"), "12345");
    }

    #[test]
    fn every_assessment_has_its_word() {
        for l in Level::ALL {
            assert_eq!(Assessed::from(*l).as_str(), l.as_str());
        }
        for a in Attitude::ALL {
            assert_eq!(Assessed::from(*a).as_str(), a.as_str());
        }
    }

    #[test]
    fn relationships_join_the_kinds_they_name() {
        use RecordKind::{Concern, Organization, Person};
        assert!(RelationshipKind::Leader.joins(Person, Organization));
        assert!(!RelationshipKind::Leader.joins(Organization, Person));
        assert!(RelationshipKind::FamilyOf.joins(Person, Person));
        assert!(!RelationshipKind::FamilyOf.joins(Organization, Organization));
        assert!(RelationshipKind::PartnerOf.joins(Organization, Organization));
        assert!(!RelationshipKind::PartnerOf.joins(Person, Organization));
        assert!(!RelationshipKind::InConflictWith.joins(Concern, Concern));
        assert!(RelationshipKind::FundedBy.joins(Person, Organization));

        let mut errors = FieldErrors::new();
        let r = relationship(
            Person,
            Organization,
            "leader",
            " Chairperson ",
            "2024-03-01",
            "",
            &mut errors,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(r.title, "Chairperson");
        assert_eq!(r.ends_on, None);
        let mut errors = FieldErrors::new();
        assert!(relationship(
            Person,
            Person,
            "leader",
            "",
            "2025-01-02",
            "2024-01-01",
            &mut errors
        )
        .is_none());
        assert_eq!(errors.for_field("kind"), Some("error-relationship-kind"));
        assert_eq!(errors.for_field("ends_on"), Some("error-ends-before-start"));
        let mut errors = FieldErrors::new();
        relationship(
            Person,
            Person,
            "family_of",
            "",
            "yesterday",
            "",
            &mut errors,
        );
        assert_eq!(errors.for_field("starts_on"), Some("error-date"));
    }

    #[test]
    fn consent_is_given_by_channel_and_purpose_and_refused_whole() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut errors = FieldErrors::new();
        let c = consent(
            &list(&["email", "sms", "email"]),
            &list(&["invitations"]),
            "2026-11-02",
            "verbal",
            "At the school meeting",
            false,
            &mut errors,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(c.channels, [ContactChannel::Email, ContactChannel::Sms]);
        assert!(c.allows(ContactChannel::Email, Purpose::Invitations));
        assert!(!c.allows(ContactChannel::Phone, Purpose::Invitations));
        assert!(!c.allows(ContactChannel::Email, Purpose::Newsletters));
        // Agreeing needs when and how.
        let mut errors = FieldErrors::new();
        assert!(consent(&list(&["email"]), &[], "", "", "", false, &mut errors).is_none());
        assert_eq!(errors.for_field("purposes"), Some("error-consent-purposes"));
        assert_eq!(errors.for_field("given_on"), Some("error-consent-when"));
        assert_eq!(errors.for_field("method"), Some("error-consent-how"));
        // Do not contact wins over anything ticked.
        let mut errors = FieldErrors::new();
        let refused = consent(
            &list(&["email"]),
            &list(&["updates"]),
            "",
            "",
            "",
            true,
            &mut errors,
        )
        .unwrap();
        assert!(refused.do_not_contact && refused.channels.is_empty());
        assert!(!refused.allows(ContactChannel::Email, Purpose::Updates));
        assert!(!Consent::default().recorded());
    }

    #[test]
    fn the_grid_has_four_quadrants() {
        use Level::*;
        assert_eq!(Quadrant::of(High, High), Quadrant::ManageClosely);
        assert_eq!(Quadrant::of(High, Medium), Quadrant::KeepSatisfied);
        assert_eq!(Quadrant::of(Low, High), Quadrant::KeepInformed);
        assert_eq!(Quadrant::of(Medium, Medium), Quadrant::Monitor);
    }
}
