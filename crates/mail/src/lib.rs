//! Liaison's email.
//!
//! [`letters`] composes what Liaison writes — to reporters about their concerns, to staff
//! about their work — in the reader's language, as a plain-text part and an HTML part made
//! from the same paragraphs, with the office's name. [`smtp`] sends a composed message over
//! SMTP (plain, STARTTLS or implicit TLS), telling a refusal that will not change
//! (`5xx`) from one worth trying again. Both are free of the database: the application
//! writes composed letters into its outbox in the transaction that causes them, and its
//! background jobs hand them to [`smtp::Smtp`]. [`inbound`] reads mail that comes in,
//! sets robots' mail aside, and finds the record a reply answers by its reply address.

pub mod inbound;
pub mod letters;
pub mod smtp;

pub use letters::{compose, Composed, Letter, Office};
pub use smtp::{Outgoing, Refusal, Smtp, SmtpError};
