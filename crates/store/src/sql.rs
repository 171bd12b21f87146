//! A small builder for queries whose conditions depend on the request (queue filters).

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

/// One bound value.
#[derive(Debug, Clone)]
enum Value {
    Int(i64),
    Text(String),
}

/// SQL text with numbered `$n` placeholders and the values bound to them; also written
/// with anonymous `?` placeholders for SQLite ([`Sql::query_on`]).
#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    anonymous: String,
    values: Vec<Value>,
}

impl Sql {
    /// Starts with `text`.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            anonymous: text.to_string(),
            values: Vec::new(),
        }
    }

    /// Appends literal SQL.
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self.anonymous.push_str(text);
        self
    }

    /// Appends a placeholder bound to an integer.
    pub fn int(&mut self, v: i64) -> &mut Self {
        self.values.push(Value::Int(v));
        self.placeholder()
    }

    /// Appends a placeholder bound to a text.
    pub fn text(&mut self, v: impl Into<String>) -> &mut Self {
        self.values.push(Value::Text(v.into()));
        self.placeholder()
    }

    /// Appends `(…)`, a list of placeholders bound to these ids, for `IN`. The list is
    /// padded (with its last id) to a power of two, so that a query's text, and the plan
    /// the database keeps for it, is one of a few whatever the ids: a text per set of ids
    /// is parsed and planned anew each time (most of a page's time on PostgreSQL).
    pub fn ids(&mut self, ids: &[i64]) -> &mut Self {
        let padded = ids.len().max(8).next_power_of_two();
        let last = ids.last().copied().unwrap_or_default();
        self.push("(");
        for i in 0..padded {
            if i > 0 {
                self.push(", ");
            }
            self.int(ids.get(i).copied().unwrap_or(last));
        }
        self.push(")")
    }

    fn placeholder(&mut self) -> &mut Self {
        self.text.push_str(&format!("${}", self.values.len()));
        // Placeholders are appended in the order their values are bound.
        self.anonymous.push('?');
        self
    }

    /// [`Sql::query`] in the backend's own placeholders: a query binding hundreds of values
    /// (an import's lookups) is far cheaper on SQLite with anonymous ones, since SQLite
    /// finds each numbered one by scanning every name.
    pub fn query_on(&self, backend: crate::Backend) -> Query<'_, Any, AnyArguments<'_>> {
        match backend {
            crate::Backend::Sqlite => self.bind(sqlx::query(&self.anonymous)),
            crate::Backend::Postgres => self.query(),
        }
    }

    /// Its rows, read on PostgreSQL with `settings` (`SET LOCAL …;` statements) in force
    /// for this query alone: a transaction of its own around it. SQLite takes no settings.
    pub async fn fetch_all_with(
        &self,
        c: &mut crate::Conn,
        backend: crate::Backend,
        settings: &str,
    ) -> crate::Result<Vec<sqlx::any::AnyRow>> {
        use sqlx::{Connection, Executor};
        if backend != crate::Backend::Postgres {
            return Ok(self.query().fetch_all(c).await?);
        }
        let mut tx = c.begin().await?;
        tx.execute(settings).await?;
        let rows = self.query().fetch_all(&mut *tx).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// The query, ready to run.
    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        self.bind(sqlx::query(&self.text))
    }

    fn bind<'q>(
        &'q self,
        mut q: Query<'q, Any, AnyArguments<'q>>,
    ) -> Query<'q, Any, AnyArguments<'q>> {
        for v in &self.values {
            q = match v {
                Value::Int(i) => q.bind(*i),
                Value::Text(t) => q.bind(t.as_str()),
            };
        }
        q
    }
}

/// The `VALUES` tuples of a multi-row INSERT: `rows` tuples of `columns` placeholders.
/// `wrap(column, placeholder)` may dress a placeholder (a cast, a function). SQLite gets
/// anonymous `?`: sqlx asks SQLite each parameter's name, which SQLite finds by scanning
/// every name, so thousands of `$n` cost quadratic time.
pub fn tuples(
    backend: crate::Backend,
    rows: usize,
    columns: usize,
    wrap: impl Fn(usize, String) -> String,
) -> String {
    let mut out = String::with_capacity(rows * columns * 6);
    for r in 0..rows {
        out.push_str(if r == 0 { "(" } else { ", (" });
        for col in 0..columns {
            if col > 0 {
                out.push_str(", ");
            }
            let placeholder = match backend {
                crate::Backend::Sqlite => "?".to_string(),
                crate::Backend::Postgres => format!("${}", r * columns + col + 1),
            };
            out.push_str(&wrap(col, placeholder));
        }
        out.push(')');
    }
    out
}

/// Most values bound to one statement of a multi-row INSERT written in chunks: well under
/// SQLite's limit (32,766) and PostgreSQL's (65,535), and large enough that a statement's
/// fixed cost is shared by hundreds of rows (measured with the demo generator: 400 concern
/// rows of 30 values, a thousand timeline lines a statement).
const MOST_VALUES: usize = 12_000;

/// How many rows of `columns` values each go in one statement of a chunked INSERT.
pub(crate) fn rows_per_statement(columns: usize) -> usize {
    (MOST_VALUES / columns.max(1)).clamp(1, 1_000)
}

/// After rows were written with their ids: moves PostgreSQL's sequence behind `table`'s
/// `column` past the largest id stored, so the next row it numbers does not collide. SQLite
/// numbers past the largest id by itself.
pub(crate) async fn sequence_past_max(
    c: &mut crate::Conn,
    backend: crate::Backend,
    table: &str,
    column: &str,
) -> crate::Result<()> {
    if backend != crate::Backend::Postgres {
        return Ok(());
    }
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({}), 0) + 1, false) FROM {}",
        quote(column),
        quote(table)
    );
    sqlx::query(&sql)
        .bind(quote(table))
        .bind(column)
        .execute(c)
        .await?;
    Ok(())
}

/// Takes ids for `n` new rows of `table` before they are written, so that rows written
/// many to a statement can be referred to at once (their contacts, audit entries). On
/// PostgreSQL the table's sequence gives them (other nodes may take ids between them); on
/// SQLite they are past the largest, which nobody else can take while the write
/// transaction (`BEGIN IMMEDIATE`) holds the database.
///
/// `gone` is the largest id a deleted row of `table` had (0: none): SQLite would give it
/// again, and an address or an audit entry naming it would then mean another record.
pub(crate) async fn reserve_ids(
    c: &mut crate::Conn,
    backend: crate::Backend,
    table: &str,
    n: usize,
    gone: i64,
) -> crate::Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    match backend {
        crate::Backend::Sqlite => {
            let last: i64 =
                sqlx::query_scalar(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))
                    .fetch_one(c)
                    .await?;
            let last = last.max(gone);
            Ok((1..=n as i64).map(|i| last + i).collect())
        }
        crate::Backend::Postgres => {
            let mut ids: Vec<i64> = sqlx::query_scalar(
                "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)",
            )
            .bind(table)
            .bind(n as i64)
            .fetch_all(c)
            .await?;
            ids.sort_unstable();
            Ok(ids)
        }
    }
}

/// One value of a row written by [`insert_rows`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// An integer.
    Int(i64),
    /// An integer or NULL.
    MaybeInt(Option<i64>),
    /// A text.
    Text(&'a str),
    /// A text or NULL.
    MaybeText(Option<&'a str>),
}

/// Writes rows of `columns` values each (`cells`, row after row) with `head` (`INSERT INTO
/// t (a, b)`), as many rows to a statement as [`rows_per_statement`] allows: the demo's
/// bulk writes of tables that need no casts.
pub(crate) async fn insert_rows(
    c: &mut crate::Conn,
    backend: crate::Backend,
    head: &str,
    columns: usize,
    cells: &[Cell<'_>],
) -> crate::Result<()> {
    let per = rows_per_statement(columns);
    // Built once for every full chunk, so the connection prepares it once.
    let mut full = None;
    for chunk in cells.chunks(per * columns) {
        let rows = chunk.len() / columns;
        let rest;
        let sql: &str = if rows == per {
            full.get_or_insert_with(|| {
                format!("{head} VALUES {}", tuples(backend, per, columns, |_, p| p))
            })
        } else {
            rest = format!("{head} VALUES {}", tuples(backend, rows, columns, |_, p| p));
            &rest
        };
        let mut q = sqlx::query(sql);
        for cell in chunk {
            q = match *cell {
                Cell::Int(v) => q.bind(v),
                Cell::MaybeInt(v) => q.bind(v),
                Cell::Text(v) => q.bind(v),
                Cell::MaybeText(v) => q.bind(v),
            };
        }
        q.execute(&mut *c).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_list_keeps_one_text_per_power_of_two() {
        let text = |ids: &[i64]| {
            let mut sql = Sql::new("SELECT 1 WHERE x IN ");
            sql.ids(ids);
            (sql.text.clone(), sql.anonymous.clone(), sql.values.len())
        };
        // Three ids and five: the same text, eight placeholders.
        let (three, anonymous, bound) = text(&[7, 8, 9]);
        assert_eq!(three, text(&[1, 2, 3, 4, 5]).0);
        assert_eq!(bound, 8);
        assert_eq!(anonymous, "SELECT 1 WHERE x IN (?, ?, ?, ?, ?, ?, ?, ?)");
        assert!(three.ends_with("$7, $8)"), "{three}");
        // Nine: sixteen.
        assert_eq!(text(&(1..=9).collect::<Vec<_>>()).2, 16);
    }
}
