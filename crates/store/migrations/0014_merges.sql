-- Duplicates merged: the record that went, and the one it went into, so an address of the
-- one that went leads to the one kept.
CREATE TABLE merges (
    record_kind TEXT NOT NULL,
    merged_id BIGINT NOT NULL,
    kept_id BIGINT NOT NULL,
    merged_at BIGINT NOT NULL,
    PRIMARY KEY (record_kind, merged_id)
);
