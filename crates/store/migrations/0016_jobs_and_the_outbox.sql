-- Background jobs and the outbox of email.
--
-- A job is work done after the change that asked for it: sending a message, and later
-- escalation sweeps, digests and reminders. Any node may run any job. A node claims a job
-- by moving its `run_at` past the time the job may take (its lease) and setting a fresh
-- `claim`: no other node takes it before then, and one that died while running it loses it
-- when the lease runs out. Finishing deletes the row, on condition that the claim is still
-- the node's, in the transaction that writes the job's effect: a node whose lease was
-- taken over commits nothing.
CREATE TABLE jobs (
    id {id},
    -- What to do (`send_mail`, …).
    kind TEXT NOT NULL,
    -- What it is about: for `send_mail`, the outbox message.
    subject_id BIGINT NOT NULL,
    -- `queued` (waiting for `run_at`, or claimed until then) or `parked` (failed too often,
    -- waiting for an administrator).
    state TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    -- The claim of the node running it (empty when none has).
    claim TEXT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(state, run_at, id);
CREATE INDEX jobs_by_subject ON jobs(kind, subject_id);

-- Every message Liaison sends, written in the transaction of the change that causes it and
-- kept after it is sent, so administrators see what went out, what waits and what failed.
CREATE TABLE outbox (
    id {id},
    -- Which letter (`acknowledged`, `update`, …) about which record.
    letter TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    reply_to TEXT,
    -- The same at every attempt, so a message sent twice is recognisably one.
    message_id TEXT NOT NULL UNIQUE,
    -- `queued`, `sent` or `failed` (refused for good, or too many attempts).
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    -- The server's last answer when it refused, or what went wrong.
    last_answer TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_by_state ON outbox(state, id);
CREATE INDEX outbox_by_record ON outbox(record_kind, record_id, id);
