-- Engagements: public meetings, forums, town halls, workshops and clinics — their plan,
-- the places given and the people at the door, the agenda with its minutes and decisions.
-- Their timeline, attachments and audit entries are the core's (record kind `engagement`);
-- commitments made at one name it (`commitments.engagement_id`), and so do concerns raised
-- at one (`concerns.engagement_id`).
CREATE TABLE engagements (
    id {id},
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL,
    -- UTC seconds; shown and written to calendars in `time_zone` (an IANA name).
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    address TEXT NOT NULL,
    room TEXT NOT NULL,
    lat {real},
    lng {real},
    -- NULL: as many as come.
    capacity BIGINT,
    step_free BIGINT NOT NULL,
    hearing_loop BIGINT NOT NULL,
    parking BIGINT NOT NULL,
    transit TEXT NOT NULL,
    online_link TEXT NOT NULL,
    -- BCP 47 tags separated by spaces.
    languages TEXT NOT NULL,
    interpretation TEXT NOT NULL,
    partners TEXT NOT NULL,
    -- One per line.
    topics TEXT NOT NULL,
    organizer_id BIGINT NOT NULL REFERENCES users(id),
    confidentiality TEXT NOT NULL,
    -- `planned`, `published` or `cancelled`, and why it was called off.
    status TEXT NOT NULL,
    cancel_reason TEXT NOT NULL,
    -- The minutes as a whole (each agenda item carries its own too).
    minutes TEXT NOT NULL,
    -- Places taken and waited for, and people checked in: kept with every registration,
    -- so that lists and the portal read them without counting.
    registered BIGINT NOT NULL,
    waitlisted BIGINT NOT NULL,
    attended BIGINT NOT NULL,
    -- Increases with each change of the plan: calendars' SEQUENCE.
    revision BIGINT NOT NULL,
    -- The first of the series it is an occurrence of (a weekly clinic), itself included.
    series_id BIGINT REFERENCES engagements(id),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
-- The portal's lists and the calendar feed: published ones by when they start.
CREATE INDEX engagements_by_status ON engagements(status, starts_at, id);
CREATE INDEX engagements_by_start ON engagements(starts_at, id);
CREATE INDEX engagements_by_series ON engagements(series_id, starts_at);

CREATE TABLE engagement_officers (
    engagement_id BIGINT NOT NULL REFERENCES engagements(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (engagement_id, user_id)
);
CREATE INDEX engagement_officers_by_user ON engagement_officers(user_id, engagement_id);

CREATE TABLE engagement_areas (
    engagement_id BIGINT NOT NULL REFERENCES engagements(id),
    area_id BIGINT NOT NULL REFERENCES areas(id),
    PRIMARY KEY (engagement_id, area_id)
);

CREATE TABLE engagement_items (
    id {id},
    engagement_id BIGINT NOT NULL REFERENCES engagements(id),
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- What was said, and what was decided (empty until recorded).
    minutes TEXT NOT NULL,
    decision TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX engagement_items_by_engagement ON engagement_items(engagement_id, position, id);

-- One person's place: registered on the portal or by an officer, waitlisted, given up;
-- or a walk-in added at the door.
CREATE TABLE engagement_registrations (
    id {id},
    engagement_id BIGINT NOT NULL REFERENCES engagements(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    language TEXT NOT NULL,
    needs TEXT NOT NULL,
    -- Where they live (for the counts by area), and who they are in the register.
    area_id BIGINT REFERENCES areas(id),
    person_id BIGINT REFERENCES people(id),
    -- `registered`, `waitlisted` or `cancelled`.
    status TEXT NOT NULL,
    walk_in BIGINT NOT NULL,
    -- 1: they said this was their first engagement with the office.
    first_time BIGINT NOT NULL,
    -- SHA-256 of the secret in their cancel link (NULL for walk-ins). A portal form sent
    -- twice gives the same secret, so finds the place it already took.
    token_hash TEXT,
    registered_at BIGINT NOT NULL,
    attended_at BIGINT,
    -- The day they came, in the engagement's zone (ISO 8601): what "last contacted" reads.
    attended_on TEXT,
    cancelled_at BIGINT
);
CREATE INDEX engagement_registrations_by_engagement
    ON engagement_registrations(engagement_id, status, id);
CREATE UNIQUE INDEX engagement_registrations_by_token ON engagement_registrations(token_hash);
CREATE INDEX engagement_registrations_by_person ON engagement_registrations(person_id, id);

CREATE INDEX engagement_registrations_attended_by_person
    ON engagement_registrations(person_id, attended_on);

-- Invitations sent to people of the register (or not sent, and why), and their answers.
CREATE TABLE engagement_invitations (
    id {id},
    engagement_id BIGINT NOT NULL REFERENCES engagements(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    -- Where it went ('' when it was not sent), in which language.
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    -- '' sent; else why not: `do_not_contact`, `no_consent`, `no_email`, `erased`.
    skipped TEXT NOT NULL,
    -- '' until they answer: `yes`, `no` or `maybe`.
    response TEXT NOT NULL,
    -- SHA-256 of the secret in their answer link (NULL when not sent).
    token_hash TEXT,
    -- Their place, once they said yes.
    registration_id BIGINT REFERENCES engagement_registrations(id),
    invited_by BIGINT REFERENCES users(id),
    invited_at BIGINT NOT NULL,
    responded_at BIGINT
);
CREATE UNIQUE INDEX engagement_invitations_once ON engagement_invitations(engagement_id, person_id);
CREATE UNIQUE INDEX engagement_invitations_by_token ON engagement_invitations(token_hash);

ALTER TABLE commitments ADD COLUMN engagement_id BIGINT REFERENCES engagements(id);
CREATE INDEX commitments_by_engagement ON commitments(engagement_id, id);
ALTER TABLE concerns ADD COLUMN engagement_id BIGINT REFERENCES engagements(id);
CREATE INDEX concerns_by_engagement ON concerns(engagement_id, id);
