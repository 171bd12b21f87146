//! Schema migrations, numbered in code and run on both databases.
//!
//! Each migration is portable SQL with two tokens replaced per backend (`{id}`, `{real}`),
//! plus optional backend-only SQL for what has no portable form (full-text search,
//! append-only triggers). Several nodes may start at once: PostgreSQL runs migrations
//! under an advisory lock, SQLite under its write lock.

use sqlx::{Connection, Executor};

use crate::{Backend, Result, Store};

/// One step of the schema.
struct Migration {
    version: i64,
    name: &'static str,
    portable: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        portable: r#"
CREATE TABLE office (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    working_days TEXT NOT NULL,
    work_start BIGINT NOT NULL,
    work_end BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE users (
    id {id},
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE login_failures (
    id {id},
    email TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures(email, at);
CREATE TABLE areas (
    id {id},
    name TEXT NOT NULL UNIQUE,
    active BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE categories (
    id {id},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    ack_amount BIGINT NOT NULL,
    ack_unit TEXT NOT NULL,
    resolve_amount BIGINT NOT NULL,
    resolve_unit TEXT NOT NULL,
    default_priority TEXT NOT NULL,
    public BIGINT NOT NULL,
    active BIGINT NOT NULL,
    questions TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE reference_counters (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);
CREATE TABLE concerns (
    id {id},
    reference TEXT NOT NULL UNIQUE,
    tracking_hash TEXT NOT NULL UNIQUE,
    category_id BIGINT NOT NULL REFERENCES categories(id),
    description TEXT NOT NULL,
    channel TEXT NOT NULL,
    area_id BIGINT REFERENCES areas(id),
    address TEXT,
    lat {real},
    lng {real},
    priority BIGINT NOT NULL,
    confidentiality TEXT NOT NULL,
    status TEXT NOT NULL,
    open BIGINT NOT NULL,
    assignee_id BIGINT REFERENCES users(id),
    anonymous BIGINT NOT NULL,
    reporter_name TEXT,
    reporter_email TEXT,
    reporter_phone TEXT,
    reporter_language TEXT NOT NULL,
    answers TEXT NOT NULL,
    duplicate_of BIGINT REFERENCES concerns(id),
    received_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    resolved_at BIGINT,
    ack_due_at BIGINT NOT NULL,
    resolve_due_at BIGINT NOT NULL,
    paused_at BIGINT,
    recorded_by BIGINT REFERENCES users(id)
);
CREATE INDEX concerns_by_received ON concerns(received_at, id);
CREATE INDEX concerns_by_status ON concerns(status, id);
CREATE INDEX concerns_by_category ON concerns(category_id, id);
CREATE INDEX concerns_by_area ON concerns(area_id, id);
CREATE INDEX concerns_by_due ON concerns(resolve_due_at, id);
CREATE INDEX concerns_by_updated ON concerns(updated_at, id);
CREATE INDEX concerns_by_priority ON concerns(priority, id);
CREATE INDEX concerns_open_by_id ON concerns(open, id);
CREATE INDEX concerns_open_by_due ON concerns(open, resolve_due_at, id);
CREATE INDEX concerns_open_by_updated ON concerns(open, updated_at, id);
CREATE INDEX concerns_open_by_priority ON concerns(open, priority, id);
CREATE INDEX concerns_by_assignee_open ON concerns(assignee_id, open, id);
CREATE INDEX concerns_by_assignee_open_due ON concerns(assignee_id, open, resolve_due_at, id);
CREATE INDEX concerns_by_assignee_open_updated ON concerns(assignee_id, open, updated_at, id);
CREATE INDEX concerns_by_assignee_open_priority ON concerns(assignee_id, open, priority, id);
CREATE TABLE concern_events (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    actor_kind TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    body TEXT NOT NULL,
    public BIGINT NOT NULL
);
CREATE INDEX concern_events_by_concern ON concern_events(concern_id, id);
CREATE TABLE audit_entries (
    id {id},
    at BIGINT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BIGINT,
    changes TEXT NOT NULL
);
CREATE INDEX audit_entries_by_record ON audit_entries(record_kind, record_id, id);
"#,
        sqlite: r#"
CREATE VIRTUAL TABLE concern_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
"#,
        postgres: r#"
CREATE TABLE concern_search (
    concern_id BIGINT PRIMARY KEY REFERENCES concerns(id),
    body tsvector NOT NULL
);
CREATE INDEX concern_search_body ON concern_search USING GIN (body);
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
"#,
    },
    // Queue pages walk one index in the page's order and stop after a page, whatever the
    // filter: each filter that can drive a walk gets an index per order, with the open
    // flag before the order (a status implies it). The indexes these replace served one
    // order only, or made a walk over all concerns sort every match. New indexes without
    // statistics beside old ones with them mislead SQLite's planner, hence the ANALYZE.
    Migration {
        version: 2,
        name: "queue indexes",
        portable: r#"
DROP INDEX concerns_by_category;
DROP INDEX concerns_by_area;
DROP INDEX concerns_by_priority;
DROP INDEX concerns_by_due;
DROP INDEX concerns_by_updated;
CREATE INDEX concerns_by_status_due ON concerns(status, resolve_due_at, id);
CREATE INDEX concerns_by_status_updated ON concerns(status, updated_at, id);
CREATE INDEX concerns_by_status_priority ON concerns(status, priority, id);
CREATE INDEX concerns_by_category_open ON concerns(category_id, open, id);
CREATE INDEX concerns_by_category_open_due ON concerns(category_id, open, resolve_due_at, id);
CREATE INDEX concerns_by_category_open_updated ON concerns(category_id, open, updated_at, id);
CREATE INDEX concerns_by_category_open_priority ON concerns(category_id, open, priority, id);
CREATE INDEX concerns_by_area_open ON concerns(area_id, open, id);
CREATE INDEX concerns_by_area_open_due ON concerns(area_id, open, resolve_due_at, id);
CREATE INDEX concerns_by_area_open_updated ON concerns(area_id, open, updated_at, id);
CREATE INDEX concerns_by_area_open_priority ON concerns(area_id, open, priority, id);
CREATE INDEX concerns_by_priority_open ON concerns(priority, open, id);
CREATE INDEX concerns_by_priority_open_due ON concerns(priority, open, resolve_due_at, id);
CREATE INDEX concerns_by_priority_open_updated ON concerns(priority, open, updated_at, id);
ANALYZE concerns;
"#,
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 3,
        name: "api keys",
        portable: r#"
CREATE TABLE api_keys (
    id {id},
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_hint TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    revoked_at BIGINT,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX api_keys_live_name ON api_keys(name) WHERE revoked_at IS NULL;
"#,
        sqlite: "",
        postgres: "",
    },
    // Photos and documents attached to concerns. The bytes live in the files folder under
    // their SHA-256 (`file_hash`); the database holds only what describes them. `public`
    // says whether the file may be shown with its concern when the concern is public.
    Migration {
        version: 4,
        name: "attachments",
        portable: r#"
CREATE TABLE attachments (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    public BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    uploaded_by_kind TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id)
);
CREATE INDEX attachments_by_concern ON attachments(concern_id, id);
"#,
        sqlite: "",
        postgres: "",
    },
    // The JSON API: personal access tokens, answers kept under idempotency keys, and the
    // public timeline read by time (the Open311 updates feed).
    Migration {
        version: 5,
        name: "json api",
        portable: r#"
CREATE TABLE access_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    token_hint TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used_at BIGINT
);
CREATE INDEX access_tokens_by_user ON access_tokens(user_id, id);
CREATE UNIQUE INDEX access_tokens_live_name ON access_tokens(user_id, name) WHERE revoked_at IS NULL;
CREATE TABLE idempotency_keys (
    token_id BIGINT NOT NULL REFERENCES access_tokens(id),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT NOT NULL,
    location TEXT,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (token_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
CREATE INDEX concern_events_by_time ON concern_events(at, id);
"#,
        sqlite: "",
        postgres: "",
    },
    // The audit trail becomes a hash chain (`audit::chain`): each entry records the hash of
    // the one before it and its own. `audit_head` holds the last entry Liaison wrote; taking
    // it serializes appends across nodes. Entries already written are chained in id order
    // by a step in code (`SEALED_TRAIL`): SQLite has no SHA-256 in SQL.
    Migration {
        version: 6,
        name: "hash-chained audit trail",
        portable: r#"
ALTER TABLE audit_entries ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_entries ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
"#,
        sqlite: "",
        postgres: "",
    },
    // Submissions that carry a one-time token (the portal form's, or an API idempotency
    // key): the concern each became, written in the concern's own transaction, so a retry
    // after a crash between commit and answer finds it instead of storing it again. Only a
    // hash of the token is kept.
    Migration {
        version: 7,
        name: "submissions once",
        portable: r#"
CREATE TABLE concern_submissions (
    submission_hash TEXT PRIMARY KEY,
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    created_at BIGINT NOT NULL
);
"#,
        sqlite: "",
        postgres: "",
    },
];

/// The migration after which the entries already written are chained, in its transaction.
const SEALED_TRAIL: i64 = 6;

/// A lock number no other application on a shared PostgreSQL server is likely to use.
const PG_LOCK: i64 = 0x004c_6961_6973_6f6e;

impl Store {
    /// Brings the schema up to date. Safe to call from several nodes at once.
    pub async fn migrate(&self) -> Result<Vec<&'static str>> {
        self.migrate_to(Self::schema_version()).await
    }

    /// Brings the schema up to `version` and no further (to test upgrades from an older
    /// schema; operators use [`Store::migrate`]).
    pub async fn migrate_to(&self, version: i64) -> Result<Vec<&'static str>> {
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
    ) -> Result<Vec<&'static str>> {
        let mut applied = Vec::new();
        for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
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
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(m.version)
            .bind(m.name)
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
        MIGRATIONS.last().map_or(0, |m| m.version)
    }
}
