//! Contacts as other software writes them: vCard (phones, mail programs) and CSV
//! (spreadsheets, Google and Outlook exports). Both read into and write from one
//! [`Card`], which the register's import turns into a person (validated there with the
//! register's own rules) and its export makes from one.
//!
//! Public meetings go out only: icalendar.rs writes them as iCalendar (RFC 5545), one
//! event's `.ics` file or a feed that calendar programs subscribe to.
//!
//! Reading never panics and never refuses a whole file for one bad entry: each entry is
//! read on its own, with the line it started on, so an import can say which line was wrong.

pub mod csv;
pub mod icalendar;
pub mod vcard;

/// One contact, as a phone or a spreadsheet holds it: plain text, nothing validated yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// The full name as it is shown ("Amina Yusuf").
    pub name: String,
    /// How the person wants to be addressed (a nickname, "Dr Okafor"), or empty.
    pub addressed_as: String,
    /// Phone numbers as written, the preferred one first.
    pub phones: Vec<String>,
    /// Email addresses, the preferred one first.
    pub emails: Vec<String>,
    /// Addresses, each on one line ("12 Mill Road, Riverside, 4410"), the preferred first.
    pub addresses: Vec<String>,
    /// The organization they belong to, or empty.
    pub organization: String,
    /// Their title or position in it, or empty.
    pub title: String,
    /// The language they prefer, as written (a BCP 47 tag when the source gave one).
    pub language: String,
    /// Tags (vCard `CATEGORIES`, a spreadsheet's groups or labels).
    pub tags: Vec<String>,
    /// Notes.
    pub notes: String,
}
