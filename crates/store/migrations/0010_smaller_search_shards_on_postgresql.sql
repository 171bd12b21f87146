-- PostgreSQL's search shards become a tenth as large (100,000 ids each): a GIN lookup
-- reads its words' every entry in the shard, so a smaller shard answers a pair of common
-- words in a tenth of the time. The shards of a million are dropped here and the index is
-- built anew from the records by a step in code (`SMALLER_PG_SHARDS`). SQLite keeps its
-- shards of a million: FTS5 reads matches in id order and stops at the page's end.

-- postgres only
DO $$
DECLARE shard record;
BEGIN
    FOR shard IN SELECT record_kind, search_shards.shard FROM search_shards LOOP
        EXECUTE format('DROP TABLE %I', shard.record_kind || '_search_' || shard.shard);
    END LOOP;
END $$;
DELETE FROM search_shards;
