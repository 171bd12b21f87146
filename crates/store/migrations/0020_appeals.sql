-- Appeals of how a concern was decided, and each category's appeal window.

-- A category's window: days after the decision during which it may be appealed (0: never),
-- and calendar days to review an appeal. A category without a row has the defaults.
ALTER TABLE category_rules ADD COLUMN appeal_days BIGINT NOT NULL DEFAULT 30;
ALTER TABLE category_rules ADD COLUMN appeal_review_days BIGINT NOT NULL DEFAULT 14;

-- One row per appeal: who took the decision appealed (they may not review it), when the
-- review is due, and what the reviewer found.
CREATE TABLE appeals (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    lodged_at BIGINT NOT NULL,
    -- `portal`, `phone`, `visit`, `meeting` or `email`.
    via TEXT NOT NULL,
    grounds TEXT NOT NULL,
    -- The officer who recorded it; none from the tracking page.
    lodged_by BIGINT REFERENCES users(id),
    -- The decision appealed: its timeline line (a decision is appealed once), the status
    -- it led to (`resolved` or `rejected`), when and by whom it was taken.
    decision_line BIGINT NOT NULL,
    decision TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users(id),
    due_at BIGINT NOT NULL,
    -- `uphold` or `overturn`, once reviewed.
    outcome TEXT,
    reviewed_by BIGINT REFERENCES users(id),
    reviewed_at BIGINT,
    reason TEXT
);
CREATE INDEX appeals_by_concern ON appeals(concern_id, id);
CREATE INDEX appeals_by_time ON appeals(lodged_at, id);
