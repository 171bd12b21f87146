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
    /// For concerns: the columns of their category and of the staff member they are about,
    /// so those kept from a reader are never read (see [`push`]).
    pub kept: Option<Kept>,
}

/// Where a concern keeps what keeps it from some readers.
#[derive(Debug, Clone, Copy)]
pub struct Kept {
    /// Its category (`c.category_id`): a sensitive category's concerns are its team's only.
    pub category: &'static str,
    /// The staff member it is about (`c.about_staff_id`), who never reads it.
    pub about: &'static str,
}

/// Appends ` AND (…)`: the records `sight` lets its reader see, written from the rule's own
/// definition (the levels it shows, and the reader's own records). For concerns, also what
/// is kept from a reader: a sensitive category's concerns outside its team (its team reads
/// them all), a concern about the reader.
pub fn push(sql: &mut Sql, sight: Sight, columns: Guarded) {
    if let (Some(kept), Some(me)) = (columns.kept, sight.reader()) {
        // Two conditions on the row alone: the sensitive categories whose team the reader is
        // not on are one set, read once per query.
        sql.push(" AND (")
            .push(kept.about)
            .push(" IS NULL OR ")
            .push(kept.about)
            .push(" <> ")
            .int(me)
            .push(") AND ")
            .push(kept.category)
            .push(
                " NOT IN (SELECT k.id FROM categories k WHERE k.sensitive = 1 AND NOT EXISTS \
                 (SELECT 1 FROM category_team t WHERE t.category_id = k.id AND t.user_id = ",
            )
            .int(me)
            .push("))");
    }
    if matches!(sight, Sight::Everything | Sight::Overseer(_)) {
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
    if let (Some(kept), Some(me)) = (columns.kept, sight.reader()) {
        // A sensitive category's team reads all its concerns, confidential as they are.
        sql.push(" OR ")
            .push(kept.category)
            .push(" IN (SELECT t.category_id FROM category_team t WHERE t.user_id = ")
            .int(me)
            .push(")");
    }
    sql.push(")");
}
