//! The register as other software reads it: a person or an organization as a contact
//! card (vCard for phones, a CSV row for spreadsheets), with what the reader may see.

use liaison_domain::interchange::Card;
use liaison_domain::records::RecordKind;

use super::{Details, Related, Stakeholder};

/// The columns of a CSV export of the register, in order (the headers spreadsheets and
/// Liaison's own import recognise).
pub const CSV_HEADERS: [&str; 12] = [
    "Id",
    "Kind",
    "Name",
    "Addressed as",
    "Phone",
    "Email",
    "Address",
    "Language",
    "Organization",
    "Title",
    "Tags",
    "Notes",
];

/// A record as a contact card: its name, how a person is addressed, contacts (as the
/// reader may see them), language, tags and notes, and a person's current position in an
/// organization (the first of `related`).
pub fn card(s: &Stakeholder, related: &[Related]) -> Card {
    let position = related.iter().find(|r| {
        r.outgoing
            && r.other.record().kind == RecordKind::Organization
            && r.relationship.terms.ends_on.is_none()
    });
    let (addressed_as, language) = match &s.details {
        Details::Person(d) => (
            d.addressed_as.clone(),
            d.language.clone().unwrap_or_default(),
        ),
        Details::Organization(_) => (String::new(), String::new()),
    };
    Card {
        name: s.profile.name.clone(),
        addressed_as,
        phones: s.profile.contacts.phones.clone(),
        emails: s.profile.contacts.emails.clone(),
        addresses: s.profile.contacts.addresses.clone(),
        organization: position.map_or(String::new(), |r| r.other.profile.name.clone()),
        title: position.map_or(String::new(), |r| r.relationship.terms.title.clone()),
        language,
        tags: s.profile.tags.clone(),
        notes: s.profile.notes.clone(),
    }
}

/// A record as one CSV row of [`CSV_HEADERS`]: lists joined with " ; " (a value of its own
/// never holds that), as spreadsheets show several values in one cell.
pub fn csv_row(s: &Stakeholder, card: &Card) -> [String; 12] {
    let join = |l: &[String]| l.join(" ; ");
    [
        s.id.to_string(),
        s.record().kind.as_str().to_string(),
        card.name.clone(),
        card.addressed_as.clone(),
        join(&card.phones),
        join(&card.emails),
        join(&card.addresses),
        card.language.clone(),
        card.organization.clone(),
        card.title.clone(),
        card.tags.join(", "),
        card.notes.clone(),
    ]
}

/// A record's vCard `UID`: a `urn:uuid:` made from its kind and id (a name-based UUID, as
/// RFC 9562's version 8 allows), the same in every export, so a phone updates the contact
/// it already has instead of adding it again.
pub fn uid(s: &Stakeholder) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(format!("liaison {} {}", s.record().kind.as_str(), s.id));
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x80; // version 8
    b[8] = (b[8] & 0x3f) | 0x80; // the RFC's variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
