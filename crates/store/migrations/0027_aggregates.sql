-- The office's figures, kept as concerns change (liaison_domain::aggregates): counts per
-- local day and cut, and durations as histograms. `liaison aggregates rebuild` recounts
-- them from the concerns; until the first recount (`built_at` 0) they are not read.
CREATE TABLE concern_tallies (
    -- `all`, `category`, `area`, `officer` or `full` (category, area and channel).
    cut TEXT NOT NULL,
    -- Days since 1970-01-01 in the time zone named in `aggregates_state`.
    day BIGINT NOT NULL,
    category_id BIGINT NOT NULL,
    -- 0: no area, or the cut does not split by area (likewise officer, channel '').
    area_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    officer_id BIGINT NOT NULL,
    -- The concern's id modulo 8 (0 in the full cut), so concurrent changes seldom wait
    -- on one row.
    shard BIGINT NOT NULL,
    received BIGINT NOT NULL,
    acknowledged BIGINT NOT NULL,
    acknowledged_on_time BIGINT NOT NULL,
    resolved BIGINT NOT NULL,
    resolved_on_time BIGINT NOT NULL,
    closed BIGINT NOT NULL,
    still_open BIGINT NOT NULL,
    PRIMARY KEY (cut, day, category_id, area_id, channel, officer_id, shard)
);

CREATE TABLE concern_durations (
    -- `acknowledge` or `resolve`, counted on the day it happened.
    measure TEXT NOT NULL,
    day BIGINT NOT NULL,
    -- liaison_domain::aggregates::bucket: buckets 10% wider each.
    bucket BIGINT NOT NULL,
    shard BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (measure, day, bucket, shard)
);

CREATE TABLE aggregates_state (
    id BIGINT PRIMARY KEY,
    -- The IANA zone the tallies' days are counted in.
    time_zone TEXT NOT NULL,
    -- When they were last recounted (0: never; they must be before they are read).
    built_at BIGINT NOT NULL
);
INSERT INTO aggregates_state (id, time_zone, built_at) VALUES (1, 'UTC', 0);

-- When a concern last stopped needing work: the day it leaves the backlog. Concerns
-- closed before this column existed take their resolution, or their last change.
ALTER TABLE concerns ADD COLUMN closed_at BIGINT;
UPDATE concerns SET closed_at = COALESCE(resolved_at, updated_at) WHERE open = 0;
