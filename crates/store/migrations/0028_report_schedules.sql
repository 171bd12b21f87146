-- Reports sent monthly by email: which report, with which filters, on which day of the
-- month, to whom. The period is always the month before the sending.
CREATE TABLE report_schedules (
    id {id},
    -- The standard report's word (`concerns`, `grievances`, …).
    report TEXT NOT NULL,
    -- The report's filters as its page's query string (`compare=yes&area=3`), no period.
    filters TEXT NOT NULL,
    -- 1 to 28: the day of the month it goes, in the morning in the office's zone.
    day_of_month BIGINT NOT NULL,
    -- When it goes next (UTC seconds); moved a month on as it is sent, in the same
    -- transaction as its letters, so no node sends a month twice.
    next_at BIGINT NOT NULL,
    last_sent_at BIGINT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX report_schedules_due ON report_schedules(next_at);

CREATE TABLE report_recipients (
    schedule_id BIGINT NOT NULL REFERENCES report_schedules(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (schedule_id, user_id)
);
