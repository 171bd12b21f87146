-- Replies from reporters, by email or on the tracking page.
--
-- Letters to a reporter carry a reply address made of the office's address and a token
-- unique to the record (`liaison+TOKEN@office.example`): mail to it lands on that record.
-- The token is random, so nobody can write onto a concern they were not written to about.
CREATE TABLE reply_tokens (
    id {id},
    token TEXT NOT NULL UNIQUE,
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX reply_tokens_by_record ON reply_tokens(record_kind, record_id);

-- When the reporter last answered with no word from staff since: the concern's officer
-- sees it flagged until someone answers or acts.
ALTER TABLE concerns ADD COLUMN replied_at BIGINT;

-- The category mail to the office's address becomes a concern in, when it answers no
-- letter (none chosen: the first active category).
ALTER TABLE office ADD COLUMN mail_category_id BIGINT REFERENCES categories(id);
