-- The concerns open now are counted under one day key, not under the day each came
-- (liaison_domain::aggregates::OPEN_NOW, the largest BIGINT): the backlog by category,
-- area or officer is then a few rows to read, not every day's. The tallies kept so far
-- move there as they are, without a recount.
INSERT INTO concern_tallies (cut, day, category_id, area_id, channel, officer_id, shard,
    received, acknowledged, acknowledged_on_time, resolved, resolved_on_time, closed,
    still_open)
SELECT cut, 9223372036854775807, category_id, area_id, channel, officer_id, shard,
    0, 0, 0, 0, 0, 0, CAST(SUM(still_open) AS BIGINT)
FROM concern_tallies
WHERE still_open <> 0
GROUP BY cut, category_id, area_id, channel, officer_id, shard
HAVING SUM(still_open) <> 0;
UPDATE concern_tallies SET still_open = 0 WHERE day <> 9223372036854775807;

-- A cut by channel alone (liaison_domain::aggregates::Cut::Channel), so a report's
-- channels no longer read the full cut (a year of it is hundreds of thousands of rows at a
-- million concerns): counted from the full cut, which holds every concern once.
INSERT INTO concern_tallies (cut, day, category_id, area_id, channel, officer_id, shard,
    received, acknowledged, acknowledged_on_time, resolved, resolved_on_time, closed,
    still_open)
SELECT 'channel', day, 0, 0, channel, 0, 0,
    CAST(SUM(received) AS BIGINT), CAST(SUM(acknowledged) AS BIGINT),
    CAST(SUM(acknowledged_on_time) AS BIGINT), CAST(SUM(resolved) AS BIGINT),
    CAST(SUM(resolved_on_time) AS BIGINT), CAST(SUM(closed) AS BIGINT),
    CAST(SUM(still_open) AS BIGINT)
FROM concern_tallies
WHERE cut = 'full'
GROUP BY day, channel;

DELETE FROM concern_tallies
WHERE received = 0 AND acknowledged = 0 AND acknowledged_on_time = 0 AND resolved = 0
    AND resolved_on_time = 0 AND closed = 0 AND still_open = 0;

-- The overdue (open, clock running, past the target to resolve) counted from an index
-- alone, without reading the concerns themselves (at a million concerns, 9 ms rather than
-- 150 on SQLite; a partial index was passed over for `concerns_open_by_due`).
CREATE INDEX concerns_overdue ON concerns(open, resolve_due_at, paused_at);
