-- The audit trail becomes a hash chain (`audit::chain`): each entry records the hash of
-- the one before it and its own. `audit_head` holds the last entry Liaison wrote; taking
-- it serializes appends across nodes. Entries already written are chained in id order
-- by a step in code (`SEALED_TRAIL`): SQLite has no SHA-256 in SQL.

ALTER TABLE audit_entries ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_entries ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
