-- Escalation rules per category, what they did, and scheduled work.

-- What the background jobs do to a category's concerns that wait past their targets.
-- A category without a row has no rules.
CREATE TABLE category_rules (
    category_id BIGINT PRIMARY KEY REFERENCES categories(id),
    -- 1: tell the supervisors when a concern is not acknowledged by its target.
    tell_unacknowledged BIGINT NOT NULL,
    -- Escalate a concern unresolved this many working days past its target (none: never).
    escalate_after_days BIGINT,
    -- To whom (none: the supervisors are told, and no one is assigned).
    escalate_to BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL
);

-- Each rule acts on a concern once: this row is written in the transaction of what it
-- did, and a second writer of the same row fails.
CREATE TABLE escalations (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    -- `unacknowledged` or `overdue`.
    rule TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX escalations_once ON escalations(concern_id, rule);

-- The sweep looks for acknowledgement deadlines that passed since it last ran.
CREATE INDEX concerns_by_category_open_ack ON concerns(category_id, open, ack_due_at, id);

-- Work that comes due by the clock (the escalation sweep): whichever node first moves
-- `next_at` on queues its job, so it runs once across all nodes. `last_at` is when it was
-- last queued: the next run looks at what happened since.
CREATE TABLE schedules (
    name TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
