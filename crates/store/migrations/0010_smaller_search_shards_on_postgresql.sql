-- PostgreSQL's search shards become a tenth as large (100,000 ids each), and each keeps a
-- record's words rather than every beginning of them: a GIN lookup reads its words' every
-- entry in the shard, so a smaller shard answers a pair of common words in a tenth of the
-- time, and a table a fifth as large stays in the cache. The beginnings are indexed from
-- the words by `liaison_word_beginnings`. The old shards are dropped here and the index is
-- built anew from the records by a step in code (`SMALLER_PG_SHARDS`). SQLite keeps its
-- shards of a million: FTS5 reads matches in id order and stops at the page's end.

-- postgres only
-- Every beginning of two to twelve characters of every word, and one-letter words whole
-- (`search::PREFIX_MAX`): what a term is looked up as. (PL/pgSQL: twice as fast as the same
-- in one SQL query, and it runs for every record written.)
CREATE FUNCTION liaison_word_beginnings(words tsvector) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    word text;
    size int;
    beginnings text[] := '{}';
BEGIN
    FOREACH word IN ARRAY tsvector_to_array(words) LOOP
        size := char_length(word);
        IF size = 1 THEN
            beginnings := beginnings || word;
        ELSE
            FOR n IN 2..least(12, size) LOOP
                beginnings := beginnings || left(word, n);
            END LOOP;
        END IF;
    END LOOP;
    RETURN array_to_tsvector(beginnings);
END
$$;
DO $$
DECLARE shard record;
BEGIN
    FOR shard IN SELECT record_kind, search_shards.shard FROM search_shards LOOP
        EXECUTE format('DROP TABLE %I', shard.record_kind || '_search_' || shard.shard);
    END LOOP;
END $$;
DELETE FROM search_shards;
