//! Moving a whole office between databases, and copying a SQLite database while it runs.
//!
//! The tables are read from the database's own catalogue (`pragma_table_list` on SQLite,
//! `information_schema` and `pg_constraint` on PostgreSQL), so a table or column added by a
//! later migration travels without a change here. Rows are read page by page in primary-key
//! order inside one read transaction (the caller's snapshot), as [`Cell`]s: integers, reals,
//! texts and NULLs, the values both engines share. They are written back verbatim, ids
//! included, tables in foreign-key order. What the database derives from other rows (the
//! full-text index) and its bookkeeping (`schema_migrations`) are not copied: the index is
//! rebuilt, the schema version is compared.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use sqlx::any::{AnyArguments, AnyRow, AnyTypeInfoKind};
use sqlx::query::Query;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Any, ConnectOptions, Connection, Executor, Row, ValueRef};

use crate::{search, Backend, Conn, Store, StoreError};

/// Whether a table is never copied: the schema's own bookkeeping (the versions are
/// compared instead), the full-text indexes, which are derived from the records and
/// rebuilt after an import (their PostgreSQL form, `tsvector`, is not a portable value),
/// and the office's figures, derived from the concerns and recounted when first read in
/// the new database (its `aggregates_state` says they never were).
pub fn not_copied(table: &str) -> bool {
    table == "schema_migrations"
        || search::is_index_table(table)
        || crate::aggregates::TABLES.contains(&table)
}

/// Tables a freshly migrated database already holds a row in: bookkeeping such as the
/// audit trail's head. They do not make a database "not empty"; an import replaces their
/// rows with the export's. (A test imports into a fresh database, so a migration that seeds
/// another table fails it until the table is named here.)
pub const SEEDED: &[&str] = &["audit_head"];

/// Rows read per query, and the most placeholders one INSERT may carry (SQLite allows
/// 32,766; PostgreSQL 65,535).
const PAGE: usize = 1_000;
const PLACEHOLDERS: usize = 30_000;

/// Why a transfer cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The schema or the data holds something a transfer cannot carry (a column type, a
    /// cycle of references, a value that is not a portable one); the message says which.
    #[error("{0}")]
    Unsupported(String),
}

impl From<sqlx::Error> for TransferError {
    fn from(e: sqlx::Error) -> Self {
        TransferError::Store(StoreError::Database(e))
    }
}

/// Result of a transfer step.
pub type Result<T, E = TransferError> = std::result::Result<T, E>;

/// What a column holds, as both engines can carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 64-bit integer (ids, times, flags, counts).
    Integer,
    /// A double-precision number (map coordinates).
    Real,
    /// Text.
    Text,
}

impl Kind {
    /// The kind of an SQLite declared type, by SQLite's own affinity rules.
    fn from_sqlite(declared: &str) -> Option<Self> {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            Some(Kind::Integer)
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            Some(Kind::Text)
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            Some(Kind::Real)
        } else {
            None
        }
    }

    /// The kind of a PostgreSQL `information_schema` data type.
    fn from_postgres(data_type: &str) -> Option<Self> {
        match data_type {
            "bigint" | "integer" | "smallint" => Some(Kind::Integer),
            "double precision" | "real" => Some(Kind::Real),
            "text" | "character varying" | "character" => Some(Kind::Text),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Integer => "an integer",
            Kind::Real => "a number",
            Kind::Text => "a text",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// What it holds.
    pub kind: Kind,
    /// Whether it may be NULL.
    pub nullable: bool,
}

/// A foreign key: `column` of this table refers to `to` of `table`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Position of the referring column in [`Table::columns`].
    pub column: usize,
    /// The table referred to.
    pub table: String,
    /// The column referred to.
    pub to: String,
}

/// A table as the database describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// Its columns, in the database's order.
    pub columns: Vec<Column>,
    /// Positions of the primary key's columns, in key order (empty when it has none).
    pub key: Vec<usize>,
    /// Its foreign keys.
    pub references: Vec<Reference>,
}

impl Table {
    /// The position of the column called `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The column list, quoted, for a SELECT or an INSERT.
    fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|c| quote(&c.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One value as it travels between databases.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Null,
    /// An integer.
    Integer(i64),
    /// A double-precision number.
    Real(f64),
    /// A text.
    Text(String),
}

impl Cell {
    /// The value as JSON; `None` for a number JSON cannot hold (infinite or NaN).
    pub fn to_json(&self) -> Option<Value> {
        Some(match self {
            Cell::Null => Value::Null,
            Cell::Integer(i) => Value::from(*i),
            Cell::Real(f) => Value::Number(serde_json::Number::from_f64(*f)?),
            Cell::Text(t) => Value::String(t.clone()),
        })
    }

    /// Reads a JSON value for `column`, or says why it does not fit.
    pub fn from_json(column: &Column, value: &Value) -> Result<Self, String> {
        let found = || match value {
            Value::String(s) if s.chars().count() > 40 => "a text".to_string(),
            other => other.to_string(),
        };
        match (value, column.kind) {
            (Value::Null, _) if column.nullable => Ok(Cell::Null),
            (Value::Null, _) => Err("is required but empty (null)".into()),
            (Value::Number(n), Kind::Integer) => n
                .as_i64()
                .map(Cell::Integer)
                .ok_or_else(|| format!("expected an integer, found {}", found())),
            (Value::Number(n), Kind::Real) => n
                .as_f64()
                .map(Cell::Real)
                .ok_or_else(|| format!("expected a number, found {}", found())),
            (Value::String(s), Kind::Text) => Ok(Cell::Text(s.clone())),
            (_, kind) => Err(format!("expected {}, found {}", kind.name(), found())),
        }
    }
}

/// Quotes a name taken from the schema for use in SQL.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables to copy, parents before the tables that refer to them (then by name).
pub async fn tables(c: &mut Conn, backend: Backend) -> Result<Vec<Table>> {
    let names: Vec<String> = match backend {
        Backend::Sqlite => {
            // `pragma_table_list` tells ordinary tables from virtual ones (the FTS5 index)
            // and from their shadow tables.
            sqlx::query_scalar(
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            )
            .fetch_all(&mut *c)
            .await?
        }
        Backend::Postgres => {
            sqlx::query_scalar(
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 ORDER BY 1",
            )
            .fetch_all(&mut *c)
            .await?
        }
    };
    // Sorted here rather than in SQL, where the collation differs between engines: ties in
    // the foreign-key order then fall the same way on both.
    let mut names = names;
    names.sort();
    let mut list = Vec::new();
    for name in names.into_iter().filter(|n| !not_copied(n)) {
        list.push(describe(c, backend, name).await?);
    }
    order(list)
}

/// Reads one table's columns, primary key and foreign keys from the catalogue.
async fn describe(c: &mut Conn, backend: Backend, name: String) -> Result<Table> {
    let unsupported = |column: &str, declared: &str| {
        TransferError::Unsupported(format!(
            "column {name}.{column} has the type {declared:?}, which an export cannot carry \
             (integers, numbers and texts only)"
        ))
    };
    let mut columns = Vec::new();
    let mut key: Vec<(i64, usize)> = Vec::new();
    let mut links: Vec<(String, String, Option<String>)> = Vec::new();
    match backend {
        Backend::Sqlite => {
            let rows = sqlx::query(
                "SELECT name, type, \"notnull\" AS required, pk FROM pragma_table_info($1) \
                 ORDER BY cid",
            )
            .bind(&name)
            .fetch_all(&mut *c)
            .await?;
            for r in rows {
                let column: String = r.try_get("name")?;
                let declared: String = r.try_get("type")?;
                let kind =
                    Kind::from_sqlite(&declared).ok_or_else(|| unsupported(&column, &declared))?;
                let pk: i64 = r.try_get("pk")?;
                if pk > 0 {
                    key.push((pk, columns.len()));
                }
                // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever it declares.
                let required = r.try_get::<i64, _>("required")? != 0 || pk > 0;
                columns.push(Column {
                    name: column,
                    kind,
                    nullable: !required,
                });
            }
            let rows = sqlx::query(
                "SELECT \"from\" AS source, \"table\" AS target, \"to\" AS target_column \
                 FROM pragma_foreign_key_list($1) ORDER BY id, seq",
            )
            .bind(&name)
            .fetch_all(&mut *c)
            .await?;
            for r in rows {
                links.push((
                    r.try_get("source")?,
                    r.try_get("target")?,
                    r.try_get("target_column")?,
                ));
            }
        }
        Backend::Postgres => {
            let rows = sqlx::query(
                "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS type, \
                 CAST(is_nullable AS TEXT) AS nullable FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 ORDER BY ordinal_position",
            )
            .bind(&name)
            .fetch_all(&mut *c)
            .await?;
            for r in rows {
                let column: String = r.try_get("name")?;
                let declared: String = r.try_get("type")?;
                let kind = Kind::from_postgres(&declared)
                    .ok_or_else(|| unsupported(&column, &declared))?;
                columns.push(Column {
                    name: column,
                    kind,
                    nullable: r.try_get::<String, _>("nullable")? == "YES",
                });
            }
            let keys: Vec<String> = sqlx::query_scalar(
                "SELECT CAST(k.column_name AS TEXT) FROM information_schema.table_constraints t \
                 JOIN information_schema.key_column_usage k \
                 ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema \
                 AND k.table_name = t.table_name \
                 WHERE t.table_schema = current_schema() AND t.table_name = $1 \
                 AND t.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
            )
            .bind(&name)
            .fetch_all(&mut *c)
            .await?;
            for (n, k) in keys.iter().enumerate() {
                if let Some(i) = columns.iter().position(|col| &col.name == k) {
                    key.push((n as i64, i));
                }
            }
            let rows = sqlx::query(
                "SELECT CAST(a.attname AS TEXT) AS source, CAST(p.relname AS TEXT) AS target, \
                 CAST(pa.attname AS TEXT) AS target_column \
                 FROM pg_constraint f \
                 JOIN pg_class t ON t.oid = f.conrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace \
                 JOIN pg_class p ON p.oid = f.confrelid \
                 CROSS JOIN LATERAL unnest(f.conkey, f.confkey) AS k(attnum, parent_attnum) \
                 JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum \
                 JOIN pg_attribute pa ON pa.attrelid = f.confrelid AND pa.attnum = k.parent_attnum \
                 WHERE f.contype = 'f' AND n.nspname = current_schema() AND t.relname = $1 \
                 ORDER BY f.conname, a.attnum",
            )
            .bind(&name)
            .fetch_all(&mut *c)
            .await?;
            for r in rows {
                links.push((
                    r.try_get("source")?,
                    r.try_get("target")?,
                    Some(r.try_get("target_column")?),
                ));
            }
        }
    }
    key.sort();
    let mut table = Table {
        name,
        columns,
        key: key.into_iter().map(|(_, i)| i).collect(),
        references: Vec::new(),
    };
    for (source, target, to) in links {
        let column = table.column(&source).ok_or_else(|| {
            TransferError::Unsupported(format!(
                "the foreign key {}.{source} names a column the table does not have",
                table.name
            ))
        })?;
        // SQLite leaves `to` empty for a reference to the parent's primary key.
        let to = to.unwrap_or_else(|| "id".to_string());
        table.references.push(Reference {
            column,
            table: target,
            to,
        });
    }
    Ok(table)
}

/// Puts parents before children. A table referring to itself is fine (see [`Loader`]); a
/// cycle through several tables is refused, naming them, since no order could load it.
fn order(mut left: Vec<Table>) -> Result<Vec<Table>> {
    let names: HashSet<String> = left.iter().map(|t| t.name.clone()).collect();
    let mut done: HashSet<String> = HashSet::new();
    let mut ordered = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let ready = left.iter().position(|t| {
            t.references
                .iter()
                .all(|r| r.table == t.name || done.contains(&r.table) || !names.contains(&r.table))
        });
        match ready {
            Some(i) => {
                let t = left.remove(i);
                done.insert(t.name.clone());
                ordered.push(t);
            }
            None => {
                let stuck: Vec<&str> = left.iter().map(|t| t.name.as_str()).collect();
                return Err(TransferError::Unsupported(format!(
                    "the tables {} refer to each other in a cycle, so no order can load them",
                    stuck.join(", ")
                )));
            }
        }
    }
    Ok(ordered)
}

/// The schema version of the database (the last migration applied).
pub async fn schema_version(c: &mut Conn) -> Result<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        .fetch_one(c)
        .await
        .map_err(|e| TransferError::Unsupported(format!("this is not a Liaison database ({e})")))
}

/// How many rows `table` holds.
pub async fn count_rows(c: &mut Conn, table: &Table) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {}", quote(&table.name));
    Ok(sqlx::query_scalar(&sql).fetch_one(c).await?)
}

/// The tables among `tables` that hold rows, with their counts, leaving out the [`SEEDED`]
/// ones: what makes a database hold an office.
pub async fn non_empty(c: &mut Conn, tables: &[Table]) -> Result<Vec<(String, i64)>> {
    let mut found = Vec::new();
    for t in tables.iter().filter(|t| !SEEDED.contains(&t.name.as_str())) {
        let n = count_rows(c, t).await?;
        if n > 0 {
            found.push((t.name.clone(), n));
        }
    }
    Ok(found)
}

/// Empties a [`SEEDED`] table before its rows are loaded (other tables are left alone:
/// they are empty, or the import was refused).
pub async fn clear_seeded(c: &mut Conn, table: &Table) -> Result<()> {
    if SEEDED.contains(&table.name.as_str()) {
        let sql = format!("DELETE FROM {}", quote(&table.name));
        sqlx::query(&sql).execute(c).await?;
    }
    Ok(())
}

/// Every distinct file the attachments refer to (by SHA-256), in order.
pub async fn attachment_files(c: &mut Conn) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT DISTINCT file_hash FROM attachments ORDER BY file_hash")
            .fetch_all(c)
            .await?,
    )
}

/// Starts a read transaction on `c` that sees one moment of the database for all its
/// reads, whatever commits meanwhile: `REPEATABLE READ` on PostgreSQL; on SQLite a read
/// transaction, whose WAL snapshot is fixed by its first read (made here).
pub async fn snapshot(
    c: &mut Conn,
    backend: Backend,
) -> Result<sqlx::Transaction<'_, Any>, TransferError> {
    let mut tx = match backend {
        Backend::Sqlite => c.begin_with("BEGIN").await?,
        Backend::Postgres => {
            c.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .await?
        }
    };
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM schema_migrations")
        .fetch_one(&mut *tx)
        .await?;
    Ok(tx)
}

/// Reads a table page by page in primary-key order (text compared byte by byte on both
/// engines, so two exports of the same rows are the same files).
pub struct Pages<'t> {
    table: &'t Table,
    backend: Backend,
    last: Option<Vec<Cell>>,
    offset: usize,
    done: bool,
}

impl<'t> Pages<'t> {
    /// Starts before the first row of `table`.
    pub fn new(backend: Backend, table: &'t Table) -> Self {
        Self {
            table,
            backend,
            last: None,
            offset: 0,
            done: false,
        }
    }

    /// The next page of rows, each in the order of [`Table::columns`]; empty at the end.
    pub async fn next(&mut self, c: &mut Conn) -> Result<Vec<Vec<Cell>>> {
        if self.done {
            return Ok(Vec::new());
        }
        let t = self.table;
        let collate = |i: usize| {
            if self.backend == Backend::Postgres && t.columns[i].kind == Kind::Text {
                " COLLATE \"C\""
            } else {
                ""
            }
        };
        // A table without a primary key is ordered by all its columns and read with
        // OFFSET: slower, but no such table exists today.
        let order: Vec<usize> = if t.key.is_empty() {
            (0..t.columns.len()).collect()
        } else {
            t.key.clone()
        };
        let mut sql = format!("SELECT {} FROM {}", t.column_list(), quote(&t.name));
        if let (false, Some(_)) = (t.key.is_empty(), &self.last) {
            // (k1 > $1) OR (k1 = $1 AND k2 > $2) OR …: rows after the last one read.
            let mut any = Vec::new();
            for (n, &k) in t.key.iter().enumerate() {
                let mut all = Vec::new();
                for (m, &e) in t.key[..n].iter().enumerate() {
                    all.push(format!(
                        "{}{} = ${}",
                        quote(&t.columns[e].name),
                        collate(e),
                        m + 1
                    ));
                }
                all.push(format!(
                    "{}{} > ${}",
                    quote(&t.columns[k].name),
                    collate(k),
                    n + 1
                ));
                any.push(format!("({})", all.join(" AND ")));
            }
            sql.push_str(&format!(" WHERE {}", any.join(" OR ")));
        }
        let by: Vec<String> = order
            .iter()
            .map(|&i| {
                format!(
                    "{}{} ASC NULLS FIRST",
                    quote(&t.columns[i].name),
                    collate(i)
                )
            })
            .collect();
        sql.push_str(&format!(" ORDER BY {} LIMIT {PAGE}", by.join(", ")));
        if t.key.is_empty() {
            sql.push_str(&format!(" OFFSET {}", self.offset));
        }
        let mut q = sqlx::query(&sql);
        if let (false, Some(last)) = (t.key.is_empty(), &self.last) {
            for (cell, &k) in last.iter().zip(&t.key) {
                q = bind(q, t.columns[k].kind, cell);
            }
        }
        let rows = q.fetch_all(&mut *c).await?;
        let mut page = Vec::with_capacity(rows.len());
        for r in &rows {
            page.push(cells(t, r)?);
        }
        self.done = page.len() < PAGE;
        self.offset += page.len();
        if let Some(row) = page.last() {
            let key: Vec<Cell> = t.key.iter().map(|&i| row[i].clone()).collect();
            if key.contains(&Cell::Null) {
                return Err(TransferError::Unsupported(format!(
                    "table {} has a row whose primary key is empty",
                    t.name
                )));
            }
            self.last = Some(key);
        }
        Ok(page)
    }
}

/// The values of one row, read by what each value is (SQLite types values, not columns).
fn cells(table: &Table, r: &AnyRow) -> Result<Vec<Cell>> {
    let mut out = Vec::with_capacity(table.columns.len());
    for (i, column) in table.columns.iter().enumerate() {
        let raw = r.try_get_raw(i)?;
        let cell = if raw.is_null() {
            Cell::Null
        } else {
            match raw.type_info().kind() {
                AnyTypeInfoKind::Bool => Cell::Integer(i64::from(r.try_get::<bool, _>(i)?)),
                AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
                    Cell::Integer(r.try_get(i)?)
                }
                AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Cell::Real(r.try_get(i)?),
                AnyTypeInfoKind::Text => Cell::Text(r.try_get(i)?),
                other => {
                    return Err(TransferError::Unsupported(format!(
                        "column {}.{} holds a value of type {other:?}, which an export cannot \
                         carry",
                        table.name, column.name
                    )))
                }
            }
        };
        out.push(cell);
    }
    Ok(out)
}

/// Binds one value; a NULL gets the type of its column, since PostgreSQL refuses a NULL
/// typed as an integer in a text column.
fn bind<'q>(
    q: Query<'q, Any, AnyArguments<'q>>,
    kind: Kind,
    cell: &'q Cell,
) -> Query<'q, Any, AnyArguments<'q>> {
    match (cell, kind) {
        (Cell::Null, Kind::Integer) => q.bind(None::<i64>),
        (Cell::Null, Kind::Real) => q.bind(None::<f64>),
        (Cell::Null, Kind::Text) => q.bind(None::<String>),
        (Cell::Integer(i), _) => q.bind(*i),
        (Cell::Real(f), _) => q.bind(*f),
        (Cell::Text(t), _) => q.bind(t.as_str()),
    }
}

/// Writes rows into one table with multi-row INSERTs, ids and all.
///
/// A row may refer to a row of its own table that comes later in key order (a concern
/// marked a duplicate of a newer one). Such a reference is written empty first and set once
/// the whole table is in, so no foreign-key check ever sees a missing row, on either engine,
/// without disabling the checks.
pub struct Loader<'t> {
    table: &'t Table,
    backend: Backend,
    pending: Vec<Vec<Cell>>,
    per_insert: usize,
    /// Own-table references that may be set late: (column, referred column, keys seen).
    own: Vec<(usize, usize, HashSet<i64>)>,
    /// Set after the table is in: (row key, column, value).
    late: Vec<(i64, usize, i64)>,
    rows: u64,
}

impl<'t> Loader<'t> {
    /// A loader for `table`, which must be empty.
    pub fn new(backend: Backend, table: &'t Table) -> Self {
        // Setting a reference late needs a one-column integer key to find the row again.
        let single_key =
            matches!(table.key.as_slice(), [k] if table.columns[*k].kind == Kind::Integer);
        let own = table
            .references
            .iter()
            .filter(|r| r.table == table.name && table.columns[r.column].nullable && single_key)
            .filter_map(|r| Some((r.column, table.column(&r.to)?, HashSet::new())))
            .collect();
        Self {
            table,
            backend,
            pending: Vec::new(),
            per_insert: (PLACEHOLDERS / table.columns.len().max(1)).clamp(1, 500),
            own,
            late: Vec::new(),
            rows: 0,
        }
    }

    /// Adds a row (in the order of [`Table::columns`]), writing when a batch is full.
    pub async fn push(&mut self, c: &mut Conn, row: Vec<Cell>) -> Result<()> {
        if row.len() != self.table.columns.len() {
            return Err(TransferError::Unsupported(format!(
                "a row of {} has {} values for {} columns",
                self.table.name,
                row.len(),
                self.table.columns.len()
            )));
        }
        self.pending.push(row);
        if self.pending.len() >= self.per_insert {
            self.flush(c).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, c: &mut Conn) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut rows = std::mem::take(&mut self.pending);
        let key = self.table.key.first().copied();
        for (column, to, seen) in &mut self.own {
            seen.extend(rows.iter().filter_map(|r| match r[*to] {
                Cell::Integer(i) => Some(i),
                _ => None,
            }));
            for row in &mut rows {
                let Cell::Integer(value) = row[*column] else {
                    continue;
                };
                let Some(Cell::Integer(k)) = key.map(|k| row[k].clone()) else {
                    continue;
                };
                if !seen.contains(&value) {
                    self.late.push((k, *column, value));
                    row[*column] = Cell::Null;
                }
            }
        }
        let t = self.table;
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            quote(&t.name),
            t.column_list(),
            crate::sql::tuples(self.backend, rows.len(), t.columns.len(), |_, p| p)
        );
        // PostgreSQL types each parameter from the values of its first run, and sqlx sends
        // a NULL real as a 4-byte float: statements are prepared afresh there.
        let mut q = sqlx::query(&sql).persistent(self.backend == Backend::Sqlite);
        for row in &rows {
            for (cell, column) in row.iter().zip(&t.columns) {
                q = bind(q, column.kind, cell);
            }
        }
        q.execute(&mut *c).await?;
        self.rows += rows.len() as u64;
        Ok(())
    }

    /// Writes what is left and sets the late references; answers how many rows were written.
    pub async fn finish(mut self, c: &mut Conn) -> Result<u64> {
        self.flush(c).await?;
        if let Some(&k) = self.table.key.first() {
            for (key, column, value) in &self.late {
                let sql = format!(
                    "UPDATE {} SET {} = $1 WHERE {} = $2",
                    quote(&self.table.name),
                    quote(&self.table.columns[*column].name),
                    quote(&self.table.columns[k].name)
                );
                sqlx::query(&sql)
                    .bind(*value)
                    .bind(*key)
                    .execute(&mut *c)
                    .await?;
            }
        }
        Ok(self.rows)
    }
}

/// After rows were written with their ids: moves PostgreSQL's id sequences past them (new
/// rows would otherwise collide) and rebuilds the full-text index.
pub async fn finish_import(c: &mut Conn, backend: Backend, tables: &[Table]) -> Result<u64> {
    if backend == Backend::Postgres {
        for t in tables {
            let generated: Vec<String> = sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
            )
            .bind(&t.name)
            .fetch_all(&mut *c)
            .await?;
            for column in generated {
                crate::sql::sequence_past_max(c, backend, &t.name, &column).await?;
            }
        }
    }
    rebuild_search(c, backend).await
}

/// Indexes every record of every searched kind (`search::rebuild`). The indexes must be
/// empty.
pub async fn rebuild_search(c: &mut Conn, backend: Backend) -> Result<u64> {
    Ok(search::rebuild(c, backend, crate::records::SEARCHED).await?)
}

/// Copies the database, as it is at one moment, into a new file at `target`, while it
/// keeps running: SQLite's `VACUUM INTO` reads inside one read transaction, so writes that
/// commit meanwhile are either wholly in the copy or not at all. The copy is not flushed
/// to disk (the caller checks it and flushes it).
pub async fn vacuum_into(store: &Store, target: &Path) -> Result<()> {
    if store.backend() != Backend::Sqlite {
        return Err(TransferError::Unsupported(
            "a database snapshot is made on SQLite only; PostgreSQL is exported".into(),
        ));
    }
    let target = target.to_str().ok_or_else(|| {
        TransferError::Unsupported(format!("the path {} is not valid UTF-8", target.display()))
    })?;
    let mut c = store.read().await?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut *c)
        .await?;
    Ok(())
}

/// What a checked SQLite file holds.
#[derive(Debug, Clone)]
pub struct SqliteFile {
    /// The schema version it was written with.
    pub schema_version: i64,
    /// Rows per table (the tables a transfer copies).
    pub rows: Vec<(String, i64)>,
    /// The files its attachments refer to.
    pub files: Vec<String>,
}

/// Opens an SQLite file that must exist, without waiting for locks.
async fn open_file(path: &Path) -> Result<SqliteConnection> {
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(Duration::ZERO)
        .disable_statement_logging()
        .connect()
        .await?)
}

/// Checks an SQLite copy of a Liaison database (`PRAGMA integrity_check`, foreign keys,
/// a schema version) and makes it one self-contained file (rollback journal, no
/// write-ahead log beside it). Answers what it holds.
pub async fn check_sqlite_file(path: &Path) -> Result<SqliteFile> {
    let mut c = open_file(path).await.map_err(|e| {
        TransferError::Unsupported(format!("{} cannot be opened: {e}", path.display()))
    })?;
    let checked = async {
        let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut c)
            .await?;
        if problems != ["ok"] {
            let shown: Vec<&str> = problems.iter().take(5).map(String::as_str).collect();
            return Err(TransferError::Unsupported(format!(
                "{} fails SQLite's integrity check: {}",
                path.display(),
                shown.join("; ")
            )));
        }
        let orphans = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut c)
            .await?;
        if !orphans.is_empty() {
            return Err(TransferError::Unsupported(format!(
                "{} has {} rows referring to missing rows",
                path.display(),
                orphans.len()
            )));
        }
        c.execute("PRAGMA journal_mode = DELETE").await?;
        let mut any = read_file_contents(path).await?;
        let result = async {
            let schema_version = schema_version(&mut any).await?;
            let tables = tables(&mut any, Backend::Sqlite).await?;
            let mut rows = Vec::new();
            for t in &tables {
                rows.push((t.name.clone(), count_rows(&mut any, t).await?));
            }
            let files = attachment_files(&mut any).await?;
            Ok(SqliteFile {
                schema_version,
                rows,
                files,
            })
        }
        .await;
        let _ = any.close().await;
        result
    }
    .await;
    let _ = c.close().await;
    checked
}

/// The tables of the SQLite file at `path` that hold rows, with their counts (none for a
/// file that is not a Liaison database).
pub async fn sqlite_rows(path: &Path) -> Result<Vec<(String, i64)>> {
    let mut c = read_file_contents(path).await?;
    let result = async {
        let tables = tables(&mut c, Backend::Sqlite).await?;
        non_empty(&mut c, &tables).await
    }
    .await;
    let _ = c.close().await;
    result
}

/// The same file through the `Any` driver, which the table readers speak.
async fn read_file_contents(path: &Path) -> Result<Conn> {
    let path = std::path::absolute(path).map_err(|e| {
        TransferError::Unsupported(format!("{} cannot be found: {e}", path.display()))
    })?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(Duration::ZERO)
        .disable_statement_logging();
    let url = options.to_url_lossy();
    // Without a store opened first (a restore), the Any driver may not know SQLite yet.
    sqlx::any::install_default_drivers();
    let any = sqlx::any::AnyConnectOptions::from_url(&url)?.disable_statement_logging();
    Ok(any.connect().await?)
}

/// Whether another connection (a running server, another command) has the SQLite file at
/// `path` open. Liaison keeps its database in WAL mode, where every open connection holds
/// a shared lock as long as it is open; leaving WAL mode needs that no other connection
/// has the file open, and fails at once otherwise. A file nobody uses is left in rollback
/// mode, which is what a file about to be replaced needs.
pub async fn sqlite_in_use(path: &Path) -> Result<bool> {
    let mut c = match open_file(path).await {
        Ok(c) => c,
        Err(TransferError::Store(StoreError::Database(e))) if busy(&e) => return Ok(true),
        Err(e) => return Err(e),
    };
    let probe = c.execute("PRAGMA journal_mode = DELETE").await;
    let _ = c.close().await;
    match probe {
        Ok(_) => Ok(false),
        Err(e) if busy(&e) => Ok(true),
        Err(e) => Err(e.into()),
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED.
fn busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            let code = d.code();
            matches!(code.as_deref(), Some("5") | Some("6"))
                || d.message().contains("database is locked")
        }
        _ => false,
    }
}

/// The tables of two databases that differ: names only in the first, only in the second,
/// and tables whose columns differ. Empty when they match.
pub fn differences(ours: &[Table], theirs: &[(String, Vec<String>)]) -> Vec<String> {
    let mine: HashMap<&str, &Table> = ours.iter().map(|t| (t.name.as_str(), t)).collect();
    let other: HashMap<&str, &Vec<String>> = theirs.iter().map(|(n, c)| (n.as_str(), c)).collect();
    let mut out = Vec::new();
    for t in ours {
        match other.get(t.name.as_str()) {
            None => out.push(format!("table {} is missing", t.name)),
            Some(columns) => {
                let a: HashSet<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
                let b: HashSet<&str> = columns.iter().map(String::as_str).collect();
                let mut missing: Vec<&str> = a.difference(&b).copied().collect();
                let mut extra: Vec<&str> = b.difference(&a).copied().collect();
                missing.sort_unstable();
                extra.sort_unstable();
                if !missing.is_empty() {
                    out.push(format!("{} lacks {}", t.name, missing.join(", ")));
                }
                if !extra.is_empty() {
                    out.push(format!("{} has unknown {}", t.name, extra.join(", ")));
                }
            }
        }
    }
    for (name, _) in theirs {
        if !mine.contains_key(name.as_str()) {
            out.push(format!("table {name} is unknown here"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, refs: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![Column {
                name: "id".into(),
                kind: Kind::Integer,
                nullable: false,
            }],
            key: vec![0],
            references: refs
                .iter()
                .map(|r| Reference {
                    column: 0,
                    table: (*r).into(),
                    to: "id".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn parents_come_first_and_cycles_are_named() {
        let list = vec![
            table("events", &["concerns", "users"]),
            table("concerns", &["concerns", "users"]),
            table("users", &[]),
        ];
        let names: Vec<String> = order(list)
            .expect("order")
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, ["users", "concerns", "events"]);
        let err = order(vec![table("a", &["b"]), table("b", &["a"])]).expect_err("cycle");
        assert!(err.to_string().contains("a, b"), "{err}");
    }

    #[test]
    fn values_fit_their_columns_or_say_why() {
        let column = |kind, nullable| Column {
            name: "c".into(),
            kind,
            nullable,
        };
        let int = column(Kind::Integer, false);
        assert_eq!(
            Cell::from_json(&int, &serde_json::json!(7)),
            Ok(Cell::Integer(7))
        );
        assert!(Cell::from_json(&int, &serde_json::json!(7.5))
            .unwrap_err()
            .contains("expected an integer, found 7.5"));
        assert!(Cell::from_json(&int, &Value::Null)
            .unwrap_err()
            .contains("required"));
        let real = column(Kind::Real, true);
        assert_eq!(
            Cell::from_json(&real, &serde_json::json!(3)),
            Ok(Cell::Real(3.0))
        );
        assert_eq!(Cell::from_json(&real, &Value::Null), Ok(Cell::Null));
        let text = column(Kind::Text, false);
        assert!(Cell::from_json(&text, &serde_json::json!(1))
            .unwrap_err()
            .contains("expected a text"));
        // Reals survive the trip through JSON text exactly.
        for x in [-26.204_123_456_789_012_f64, 28.047_3, 1e-300, 0.1 + 0.2] {
            let text = Cell::Real(x).to_json().expect("finite").to_string();
            let back: Value = serde_json::from_str(&text).expect("parse");
            assert_eq!(Cell::from_json(&real, &back), Ok(Cell::Real(x)), "{text}");
        }
        assert_eq!(Cell::Real(f64::NAN).to_json(), None);
        assert_eq!(
            Kind::from_sqlite("BIGINT"),
            Some(Kind::Integer),
            "affinity rules"
        );
        assert_eq!(Kind::from_sqlite("DOUBLE PRECISION"), Some(Kind::Real));
        assert_eq!(Kind::from_sqlite("BLOB"), None);
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
