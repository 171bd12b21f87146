-- The commitments register: promises made to the community, each with an owner, a due day,
-- where it stands and the evidence it was kept. Its timeline, attachments and audit
-- entries are the core's (record kind `commitment`).
CREATE TABLE commitments (
    id {id},
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users(id),
    -- ISO 8601 day.
    due_on TEXT NOT NULL,
    -- `open`, `in_progress`, `kept` or `dropped`.
    status TEXT NOT NULL,
    -- 1 while open or in progress: the owner's task list and the reminders read these.
    open BIGINT NOT NULL,
    -- The evidence it was kept, or the reason it was dropped.
    evidence TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    public BIGINT NOT NULL,
    -- `register`, `concern` or `mediation`, and the record it was made on.
    source TEXT NOT NULL,
    concern_id BIGINT REFERENCES concerns(id),
    -- The reminders sent: '' none yet, `due` (the day before), `late` (past its day).
    reminded TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX commitments_by_owner ON commitments(owner_id, open, due_on, id);
CREATE INDEX commitments_open_by_day ON commitments(open, due_on, id);
CREATE INDEX commitments_by_concern ON commitments(concern_id, id);
