-- Imports of contacts files into the register (CSV or vCard): the file kept in the files
-- folder until the import is done, how its columns are read, and how far it has got, so
-- any server behind the load balancer shows the same preview and progress.

CREATE TABLE imports (
    id {id},
    user_id BIGINT REFERENCES users(id),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- `csv` or `vcard`.
    format TEXT NOT NULL,
    -- For CSV: each column's word (`name`, `phone`, `ignore`, …), comma-separated in the
    -- file's order; empty for vCard.
    mapping TEXT NOT NULL,
    skip_duplicates BIGINT NOT NULL,
    -- `preview`, `running`, `done` or `failed`.
    status TEXT NOT NULL,
    total BIGINT NOT NULL,
    done BIGINT NOT NULL,
    imported BIGINT NOT NULL,
    skipped BIGINT NOT NULL,
    invalid BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX imports_by_user ON imports(user_id, id);
