-- Submissions that carry a one-time token (the portal form's, or an API idempotency
-- key): the concern each became, written in the concern's own transaction, so a retry
-- after a crash between commit and answer finds it instead of storing it again. Only a
-- hash of the token is kept.

CREATE TABLE concern_submissions (
    submission_hash TEXT PRIMARY KEY,
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    created_at BIGINT NOT NULL
);
