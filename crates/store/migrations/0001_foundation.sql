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

-- sqlite only
CREATE VIRTUAL TABLE concern_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

-- postgres only
CREATE TABLE concern_search (
    concern_id BIGINT PRIMARY KEY REFERENCES concerns(id),
    body tsvector NOT NULL
);
CREATE INDEX concern_search_body ON concern_search USING GIN (body);
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
