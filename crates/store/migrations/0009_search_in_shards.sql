-- Search indexes are cut into shards of a million records each (`search`), each shard a
-- table of its own, listed here as it is made: a page of results reads a bounded part of
-- the index, however long the office's history. Word beginnings are indexed too (FTS5's
-- prefix indexes; PostgreSQL lexemes), so no query scans the vocabulary. The old index is
-- dropped and the new one built from the records by a step in code (`SHARDED_SEARCH`).

CREATE TABLE search_shards (
    record_kind TEXT NOT NULL,
    shard BIGINT NOT NULL,
    PRIMARY KEY (record_kind, shard)
);
DROP TABLE concern_search;
