//! Schema migrations, one file each in `crates/store/migrations/` (`NNNN_name.sql`), run on
//! both databases.
//!
//! Each migration is portable SQL with two tokens replaced per backend (`{id}`, `{real}`),
//! plus optional backend-only SQL for what has no portable form (full-text search,
//! append-only triggers). A new migration is a new file: build.rs lists them. Several nodes may start at once: PostgreSQL runs migrations
//! under an advisory lock, SQLite under its write lock.

use sqlx::{Connection, Executor};

use crate::{Backend, Result, Store};

/// Every migration file, `NNNN_name.sql`, in order, with its text (listed by build.rs).
const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// One step of the schema, read from its file: the SQL for both databases, then the parts
/// for one only after a line `-- sqlite only` or `-- postgres only`.
#[derive(Debug)]
struct Migration {
    version: i64,
    name: String,
    portable: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

impl Migration {
    /// Reads `NNNN_name.sql`; `None` when the name or the sections are not as described.
    fn read(file: &str, text: &'static str) -> Option<Self> {
        let stem = file.strip_suffix(".sql")?;
        let (number, name) = stem.split_once('_')?;
        let mut parts = [text, "", ""];
        let mut rest = text;
        let mut current = 0;
        loop {
            let next = [("\n-- sqlite only\n", 1), ("\n-- postgres only\n", 2)]
                .into_iter()
                .filter_map(|(marker, i)| rest.find(marker).map(|at| (at, marker, i)))
                .min();
            let Some((at, marker, i)) = next else {
                parts[current] = rest;
                break;
            };
            parts[current] = &rest[..at];
            // Each section at most once.
            if !parts[i].is_empty() {
                return None;
            }
            current = i;
            rest = &rest[at + marker.len()..];
        }
        Some(Self {
            version: number.parse().ok()?,
            name: name.replace('_', " "),
            portable: parts[0],
            sqlite: parts[1],
            postgres: parts[2],
        })
    }
}

/// The migrations in order; a malformed file name or section is a build defect, found by
/// the test below.
fn migrations() -> Vec<Migration> {
    FILES
        .iter()
        .filter_map(|(file, text)| Migration::read(file, text))
        .collect()
}

/// The migration after which the entries already written are chained, in its transaction.
const SEALED_TRAIL: i64 = 6;

/// The migration after which SQLite's search index is built anew, in shards, from the
/// records, in its transaction.
const SHARDED_SEARCH: i64 = 9;

/// The migration after which PostgreSQL's search index is built anew, in its smaller
/// shards, in its transaction.
const SMALLER_PG_SHARDS: i64 = 10;

/// A lock number no other application on a shared PostgreSQL server is likely to use.
const PG_LOCK: i64 = 0x004c_6961_6973_6f6e;

impl Store {
    /// Brings the schema up to date. Safe to call from several nodes at once.
    pub async fn migrate(&self) -> Result<Vec<String>> {
        self.migrate_to(Self::schema_version()).await
    }

    /// Brings the schema up to `version` and no further (to test upgrades from an older
    /// schema; operators use [`Store::migrate`]).
    pub async fn migrate_to(&self, version: i64) -> Result<Vec<String>> {
        let mut conn = self.writer_connection().await?;
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, \
             name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(PG_LOCK)
                .execute(&mut *conn)
                .await?;
        }
        let result = self.apply_pending(&mut conn, version).await;
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(PG_LOCK)
                .execute(&mut *conn)
                .await?;
        }
        result
    }

    async fn apply_pending(
        &self,
        conn: &mut sqlx::AnyConnection,
        version: i64,
    ) -> Result<Vec<String>> {
        let mut applied = Vec::new();
        for m in migrations().into_iter().filter(|m| m.version <= version) {
            let mut tx = match self.backend() {
                Backend::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
                Backend::Postgres => conn.begin().await?,
            };
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(m.version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            let (id, real, extra) = match self.backend() {
                Backend::Sqlite => ("INTEGER PRIMARY KEY", "REAL", m.sqlite),
                Backend::Postgres => (
                    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                    "DOUBLE PRECISION",
                    m.postgres,
                ),
            };
            let ddl = m.portable.replace("{id}", id).replace("{real}", real);
            tx.execute(ddl.as_str()).await?;
            tx.execute(extra).await?;
            if m.version == SEALED_TRAIL {
                crate::audit::chain::seal_existing(&mut tx, self.backend()).await?;
            }
            // PostgreSQL's index is built once, in the shape migration 10 gave it (this
            // build's shards need its function).
            let search_built = match self.backend() {
                Backend::Sqlite => SHARDED_SEARCH,
                Backend::Postgres => SMALLER_PG_SHARDS,
            };
            if m.version == search_built {
                // Concerns were the only kind searched then; later kinds' tables come after.
                let searched = [liaison_domain::records::RecordKind::Concern];
                crate::search::rebuild(&mut tx, self.backend(), &searched).await?;
            }
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(m.version)
            .bind(&m.name)
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            applied.push(m.name);
        }
        self.flush().await?;
        Ok(applied)
    }

    /// Refreshes the query planner's statistics where they are missing or stale. Cheap on
    /// SQLite (bounded analysis); PostgreSQL's autovacuum keeps its own.
    pub async fn optimize(&self) -> Result<()> {
        if self.backend() == Backend::Sqlite {
            let mut c = self.writer_connection().await?;
            c.execute("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002")
                .await?;
        }
        Ok(())
    }

    /// Gathers full planner statistics (after a bulk load).
    pub async fn analyze(&self) -> Result<()> {
        let mut c = self.writer_connection().await?;
        c.execute("ANALYZE").await?;
        Ok(())
    }

    /// The latest schema version this build knows.
    pub fn schema_version() -> i64 {
        migrations().last().map_or(0, |m| m.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_a_migration_and_versions_run_one_to_n() {
        let read = migrations();
        assert_eq!(
            read.len(),
            FILES.len(),
            "a file is not `NNNN_name.sql` with valid sections"
        );
        for (i, m) in read.iter().enumerate() {
            assert_eq!(
                m.version,
                i as i64 + 1,
                "versions are contiguous from 1: {m:?}"
            );
            assert!(!m.name.is_empty() && !m.portable.trim().is_empty(), "{m:?}");
        }
        // The sections land where they belong.
        let m = Migration::read(
            "0009_x_y.sql",
            "-- why\nCREATE TABLE a (b TEXT);\n-- postgres only\nP;\n-- sqlite only\nS;\n",
        )
        .expect("valid");
        assert_eq!((m.version, m.name.as_str()), (9, "x y"));
        assert_eq!(m.portable, "-- why\nCREATE TABLE a (b TEXT);");
        assert_eq!((m.sqlite, m.postgres), ("S;\n", "P;"));
        assert!(Migration::read("9_x.sql", "A;\n-- sqlite only\nB;\n-- sqlite only\nC;").is_none());
        assert!(Migration::read("x_y.sql", "A;").is_none());
    }
}
