-- Whether reporters are satisfied with how their concern was handled: asked at resolution,
-- answered on the tracking page, or recorded by an officer from a call. Kept as they come
-- (a reporter may answer again after the concern is reopened and resolved anew); reports
-- read them by concern and time.
CREATE TABLE satisfaction (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    satisfied BIGINT NOT NULL,
    reason TEXT NOT NULL,
    -- `portal`, `email`, `phone`, `visit` or `meeting`.
    via TEXT NOT NULL,
    recorded_by BIGINT REFERENCES users(id),
    at BIGINT NOT NULL
);
CREATE INDEX satisfaction_by_concern ON satisfaction(concern_id, id);
CREATE INDEX satisfaction_by_time ON satisfaction(at, id);
