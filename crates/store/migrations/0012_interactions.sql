-- The engagement log: interactions with people and organizations of the register, their
-- participants, officers and topics, and the follow-ups promised in them. Days as ISO 8601
-- text (`2026-12-07`), which sorts as it reads.

CREATE TABLE interactions (
    id {id},
    kind TEXT NOT NULL,
    happened_on TEXT NOT NULL,
    summary TEXT NOT NULL,
    attitude TEXT,
    confidentiality TEXT NOT NULL,
    -- Who logged it: responsible for it in the visibility rule.
    owner_id BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX interactions_by_day ON interactions(happened_on, id);

-- Each participant, with the interaction's day copied so a record's interactions are read
-- newest first from the index alone (a timeline page, "last contacted").
CREATE TABLE interaction_participants (
    interaction_id BIGINT NOT NULL REFERENCES interactions(id),
    record_kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    happened_on TEXT NOT NULL,
    PRIMARY KEY (interaction_id, record_kind, record_id)
);
CREATE INDEX interaction_participants_by_record
    ON interaction_participants(record_kind, record_id, happened_on, interaction_id);

CREATE TABLE interaction_officers (
    interaction_id BIGINT NOT NULL REFERENCES interactions(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    position BIGINT NOT NULL,
    happened_on TEXT NOT NULL,
    PRIMARY KEY (interaction_id, user_id)
);
CREATE INDEX interaction_officers_by_user
    ON interaction_officers(user_id, happened_on, interaction_id);

CREATE TABLE interaction_topics (
    interaction_id BIGINT NOT NULL REFERENCES interactions(id),
    topic TEXT NOT NULL,
    PRIMARY KEY (interaction_id, topic)
);
CREATE INDEX interaction_topics_by_topic ON interaction_topics(topic, interaction_id);

-- Follow-ups: `open` is 1 until done, so an owner's open ones are read in due order from
-- one index whatever their history.
CREATE TABLE follow_ups (
    id {id},
    interaction_id BIGINT NOT NULL REFERENCES interactions(id),
    what TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users(id),
    due_on TEXT NOT NULL,
    open BIGINT NOT NULL,
    done_at BIGINT,
    done_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_ups_by_owner ON follow_ups(owner_id, open, due_on, id);
CREATE INDEX follow_ups_by_interaction ON follow_ups(interaction_id, id);

-- The day each person and organization was last contacted (an interaction they took
-- part in; empty when never), so "key stakeholders nobody has contacted for N days"
-- walks one index, the never contacted first.
ALTER TABLE people ADD COLUMN last_contacted_on TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN last_contacted_on TEXT NOT NULL DEFAULT '';
CREATE INDEX people_by_last_contact ON people(influence, last_contacted_on, id);
CREATE INDEX organizations_by_last_contact ON organizations(influence, last_contacted_on, id);

-- Concerns linked by staff to the person who raised them (never an anonymous report).
CREATE TABLE person_concerns (
    person_id BIGINT NOT NULL REFERENCES people(id),
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    linked_at BIGINT NOT NULL,
    linked_by BIGINT REFERENCES users(id),
    PRIMARY KEY (person_id, concern_id)
);
CREATE INDEX person_concerns_by_concern ON person_concerns(concern_id, person_id);
