-- The JSON API: personal access tokens, answers kept under idempotency keys, and the
-- public timeline read by time (the Open311 updates feed).

CREATE TABLE access_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    token_hint TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used_at BIGINT
);
CREATE INDEX access_tokens_by_user ON access_tokens(user_id, id);
CREATE UNIQUE INDEX access_tokens_live_name ON access_tokens(user_id, name) WHERE revoked_at IS NULL;
CREATE TABLE idempotency_keys (
    token_id BIGINT NOT NULL REFERENCES access_tokens(id),
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT NOT NULL,
    location TEXT,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (token_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
CREATE INDEX concern_events_by_time ON concern_events(at, id);
