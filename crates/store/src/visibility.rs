//! The visibility rule of `liaison_domain::visibility` as a query condition: every read of
//! a record that can be confidential appends it, so a record a reader may not see is never
//! read at all, and looks exactly like one that does not exist.

use liaison_domain::Sight;

use crate::Sql;

/// Where a kind of record keeps the two facts the rule reads.
#[derive(Debug, Clone, Copy)]
pub struct Guarded {
    /// The column holding its confidentiality level (`c.confidentiality`).
    pub level: &'static str,
    /// The column holding who is responsible for it (`c.assignee_id`).
    pub responsible: &'static str,
}

/// Appends ` AND (…)`: the records `sight` lets its reader see, written from the rule's own
/// definition (the levels it shows, and the reader's own records).
pub fn push(sql: &mut Sql, sight: Sight, columns: Guarded) {
    if sight == Sight::Everything {
        return;
    }
    let levels: Vec<&str> = sight.levels_seen().map(|l| l.as_str()).collect();
    sql.push(" AND (");
    if !levels.is_empty() {
        // The levels are the domain's own words, not input: written inline so the planner
        // sees constants.
        sql.push(columns.level)
            .push(" IN ('")
            .push(&levels.join("', '"))
            .push("') OR ");
    }
    match sight.responsible() {
        Some(me) => {
            sql.push(columns.responsible).push(" = ").int(me);
        }
        None => {
            sql.push("1 = 0");
        }
    }
    sql.push(")");
}
