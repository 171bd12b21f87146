//! Liaison's domain: the words liaison officers use, as validated values and rules.
//!
//! Nothing here does I/O. Storage, operations and HTTP all build on these types, so a
//! rule (who may move a concern from one status to another, when a deadline falls)
//! is written once and tested here exhaustively.

pub mod aggregates;
pub mod appeals;
pub mod attachments;
pub mod audit;
pub mod categories;
pub mod commitments;
pub mod concerns;
pub mod deadlines;
pub mod engagements;
pub mod errors;
pub mod escalation;
pub mod interactions;
pub mod interchange;
pub mod mediation;
pub mod notifications;
pub mod office;
pub mod permissions;
pub mod records;
pub mod reports;
pub mod stakeholders;
pub mod statistics;
pub mod surveys;
pub mod texts;
pub mod values;
pub mod visibility;

pub use errors::{FieldError, FieldErrors};
pub use permissions::Role;
pub use visibility::{Confidentiality, Sight};
