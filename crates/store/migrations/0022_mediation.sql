-- Mediation of disputes raised in concerns: the mediation, its parties, its sessions and the
-- proposals made in it. Its agreement's terms are commitments (`commitments.mediation_id`).
-- Whoever may see the concern may see its mediations; confidential session notes only the
-- mediator and the supervisors.
CREATE TABLE mediations (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    -- `proposed`, `accepted`, `declined`, `settled` or `unsettled`.
    status TEXT NOT NULL,
    mediator_id BIGINT NOT NULL REFERENCES users(id),
    purpose TEXT NOT NULL,
    -- The agreement's summary, or why it ended without one, or why it was declined.
    outcome TEXT NOT NULL,
    proposed_by BIGINT REFERENCES users(id),
    proposed_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX mediations_by_concern ON mediations(concern_id, id);

CREATE TABLE mediation_parties (
    id {id},
    mediation_id BIGINT NOT NULL REFERENCES mediations(id),
    name TEXT NOT NULL,
    -- `complainant`, `respondent` or `other`.
    side TEXT NOT NULL,
    -- Their organization or whom they speak for (may be empty).
    represents TEXT NOT NULL,
    -- The language they speak, when an interpreter is needed (a BCP 47 tag, or empty).
    language TEXT NOT NULL,
    added_at BIGINT NOT NULL
);
CREATE INDEX mediation_parties_by_mediation ON mediation_parties(mediation_id, id);

CREATE TABLE mediation_sessions (
    id {id},
    mediation_id BIGINT NOT NULL REFERENCES mediations(id),
    held_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    -- Who took part, as written (parties, the mediator, others).
    attended TEXT NOT NULL,
    -- The interpreter and the languages, as written (may be empty).
    interpreter TEXT NOT NULL,
    notes TEXT NOT NULL,
    -- 1: the notes are for the mediator and the supervisors only (the default).
    confidential BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX mediation_sessions_by_mediation ON mediation_sessions(mediation_id, held_at, id);

CREATE TABLE mediation_proposals (
    id {id},
    mediation_id BIGINT NOT NULL REFERENCES mediations(id),
    -- Who put it forward, as written (a party, the mediator).
    made_by TEXT NOT NULL,
    text TEXT NOT NULL,
    -- '' while unanswered, `accepted` or `rejected`.
    answer TEXT NOT NULL,
    made_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX mediation_proposals_by_mediation ON mediation_proposals(mediation_id, id);

ALTER TABLE commitments ADD COLUMN mediation_id BIGINT REFERENCES mediations(id);
CREATE INDEX commitments_by_mediation ON commitments(mediation_id, id);
