//! The authorization matrix: `table.txt` (who may do what, through every route), the
//! world it is walked in, and the judging of each cell. See tests/authorization_matrix.rs.

pub mod fingerprint;
pub mod http;
pub mod judge;
pub mod probes;
pub mod table;
pub mod world;
