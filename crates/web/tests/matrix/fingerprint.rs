//! A fingerprint of everything a write could change: refused writes must leave it as it
//! was, allowed ones must change it and add to the audit trail.

use liaison_store::sqlx::{self, Column as _, Row as _};

use super::world::World;
use crate::common::Db;

/// Everything a write could change, read straight from the database and the files folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The last audit entry's id.
    pub audit: i64,
    /// Every other table, written out.
    pub rows: String,
}

/// Tables left out of a fingerprint: sessions and their bookkeeping change on every visit,
/// idempotency keys on every API POST, and the search index and the audit head follow
/// tables that are in.
const SKIPPED: &[&str] = &[
    "sessions",
    "login_failures",
    "idempotency_keys",
    "audit_head",
    "schema_migrations",
];
/// Columns that a mere use of a credential touches.
const TOUCHED: &[&str] = &["last_used_at"];
/// Long append-only tables: their count and last id say whether anything was added.
const APPENDED: &[&str] = &["audit_entries", "timeline_lines"];

impl World<'_> {
    /// Everything a write could change: every table (read from the catalogue, so a table a
    /// later migration adds is in too) but the [`SKIPPED`] ones, and the files folder.
    pub async fn fingerprint(&self) -> Fingerprint {
        let mut c = self.h.store.read().await.expect("read");
        let catalogue = match self.h.db {
            Db::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            Db::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
                 WHERE table_schema = current_schema() ORDER BY name"
            }
        };
        let tables: Vec<String> = sqlx::query_scalar(catalogue)
            .fetch_all(&mut *c)
            .await
            .expect("catalogue");
        let mut rows = String::new();
        let mut audit = 0;
        for table in tables
            .iter()
            .filter(|t| !SKIPPED.contains(&t.as_str()) && !liaison_store::search::is_index_table(t))
            .filter(|t| !t.starts_with("sqlite_"))
        {
            if APPENDED.contains(&table.as_str()) {
                let row = sqlx::query(&format!(
                    "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last FROM {table}"
                ))
                .fetch_one(&mut *c)
                .await
                .expect("count");
                let (n, last): (i64, i64) = (row.get("n"), row.get("last"));
                rows.push_str(&format!("{table} {n} {last}\n"));
                if table == "audit_entries" {
                    audit = last;
                }
                continue;
            }
            let list = sqlx::query(&format!("SELECT * FROM {table}"))
                .fetch_all(&mut *c)
                .await
                .expect("dump");
            // Sorted as text: rows that tie on any column order (a person's choices, one
            // row per kind) would otherwise come back in any order on PostgreSQL.
            let mut lines: Vec<String> = list
                .iter()
                .map(|row| {
                    let mut line = table.clone();
                    for (i, col) in row.columns().iter().enumerate() {
                        if TOUCHED.contains(&col.name()) {
                            continue;
                        }
                        line.push(' ');
                        line.push_str(&value(row, i));
                    }
                    line
                })
                .collect();
            lines.sort_unstable();
            for line in lines {
                rows.push_str(&line);
                rows.push('\n');
            }
        }
        rows.push_str(&format!("files {}\n", count_files(&self.h.files)));
        Fingerprint { audit, rows }
    }
}

/// One stored value as text, whatever its type.
fn value(row: &liaison_store::sqlx::any::AnyRow, i: usize) -> String {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return format!("{v:?}");
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return format!("{v:?}");
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return format!("{v:?}");
    }
    "?".into()
}

fn count_files(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                count_files(&path)
            } else {
                1
            }
        })
        .sum()
}
