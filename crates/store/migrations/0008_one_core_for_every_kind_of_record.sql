-- Concerns move onto the core every kind of record shares. A timeline line and an
-- attachment belong to a record of any kind, named by its kind and id, instead of to a
-- concern; the rows already written are carried across with their ids, so audit entries
-- that name them still do. `record_texts` holds the public text of any record in the
-- portal's other languages (a category's name, its questions and choices, an area's
-- name), one row per record, field and language; the record's own columns keep the
-- office's language.

CREATE TABLE timeline_lines (
    id {id},
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id),
    actor_kind TEXT NOT NULL,
    kind TEXT NOT NULL,
    changed_from TEXT,
    changed_to TEXT,
    body TEXT NOT NULL,
    public BIGINT NOT NULL
);
INSERT INTO timeline_lines (id, record_kind, record_id, at, actor_id, actor_kind, kind,
    changed_from, changed_to, body, public)
SELECT id, 'concern', concern_id, at, actor_id, actor_kind, kind, from_status, to_status,
    body, public
FROM concern_events;
DROP TABLE concern_events;
CREATE INDEX timeline_lines_by_record ON timeline_lines(record_kind, record_id, id);
CREATE INDEX timeline_lines_by_time ON timeline_lines(at, id);

ALTER TABLE attachments RENAME TO concern_attachments;
CREATE TABLE attachments (
    id {id},
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    public BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    uploaded_by_kind TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id)
);
INSERT INTO attachments (id, record_kind, record_id, file_hash, file_name, content_type,
    size_bytes, public, created_at, uploaded_by_kind, uploaded_by)
SELECT id, 'concern', concern_id, file_hash, file_name, content_type, size_bytes, public,
    created_at, uploaded_by_kind, uploaded_by
FROM concern_attachments;
DROP TABLE concern_attachments;
CREATE INDEX attachments_by_record ON attachments(record_kind, record_id, id);

CREATE TABLE record_texts (
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (record_kind, record_id, field, language)
);
-- Fresh statistics for the planner, as after any bulk load.
ANALYZE timeline_lines;
ANALYZE attachments;

-- postgres only
-- Every kind's index names its record the same way.
ALTER TABLE concern_search RENAME COLUMN concern_id TO record_id;
-- Rows came with their ids: the identities continue after them.
SELECT setval(pg_get_serial_sequence('timeline_lines', 'id'),
    (SELECT COALESCE(MAX(id), 0) + 1 FROM timeline_lines), false);
SELECT setval(pg_get_serial_sequence('attachments', 'id'),
    (SELECT COALESCE(MAX(id), 0) + 1 FROM attachments), false);
