-- Staff notifications: each person's choice, per kind of news, of being told at once, in
-- the daily digest or not at all (no row: the kind's default), and the news waiting for
-- the next digest.
CREATE TABLE notification_choices (
    user_id BIGINT NOT NULL REFERENCES users(id),
    -- `assigned`, `escalated`, `reply`, `commitment` or `due`.
    news TEXT NOT NULL,
    -- `now`, `digest` or `never`.
    mode TEXT NOT NULL,
    PRIMARY KEY (user_id, news)
);

CREATE TABLE digest_items (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id),
    news TEXT NOT NULL,
    -- What happened, as the letter's subject says it, and the page it is about.
    line TEXT NOT NULL,
    path TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX digest_items_by_user ON digest_items(user_id, id);
