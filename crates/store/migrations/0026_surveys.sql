-- Feedback surveys: questions kept as reusable templates, a survey asked after an
-- engagement (or on its own) and answered on the portal by its link or QR code, anonymously
-- or once per person known. Its audit entries are the core's (record kind `survey`).
CREATE TABLE surveys (
    id {id},
    title TEXT NOT NULL,
    intro TEXT NOT NULL,
    -- 1: a template, never answered; its questions are copied into the surveys made from it.
    template BIGINT NOT NULL,
    -- The engagement it asks about (NULL: on its own). Who may see the engagement may see it.
    engagement_id BIGINT REFERENCES engagements(id),
    -- 1: answers keep nobody's name; once per person is still enforced by a keyed digest.
    anonymous BIGINT NOT NULL,
    -- `draft` (questions may change), `open` (answered on the portal) or `closed`.
    status TEXT NOT NULL,
    -- The public part of its portal link (`/surveys/{link_key}`), random.
    link_key TEXT NOT NULL,
    -- Answers received: kept with each, so lists read it without counting.
    responses BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX surveys_by_link ON surveys(link_key);
CREATE INDEX surveys_by_engagement ON surveys(engagement_id, id);
CREATE INDEX surveys_by_kind ON surveys(template, id);

CREATE TABLE survey_questions (
    id {id},
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    position BIGINT NOT NULL,
    -- `rating`, `single`, `multiple` or `text`.
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    -- The choices, one per line, in order (single and multiple choice).
    choices TEXT NOT NULL,
    scale_low BIGINT NOT NULL,
    scale_high BIGINT NOT NULL,
    required BIGINT NOT NULL
);
CREATE INDEX survey_questions_by_survey ON survey_questions(survey_id, position, id);

-- One person's answers, sent once.
CREATE TABLE survey_responses (
    id {id},
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    -- Who answered, when known: once per person. An anonymous survey keeps a keyed digest
    -- of their link's secret, which names nobody; NULL for answers by the open link.
    respondent TEXT,
    -- Their name and place, when the survey is not anonymous.
    name TEXT NOT NULL,
    registration_id BIGINT REFERENCES engagement_registrations(id),
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX survey_responses_once ON survey_responses(survey_id, respondent);
CREATE INDEX survey_responses_by_survey ON survey_responses(survey_id, id);

-- Each answer: a rating's value or a choice's position in `number` (one row per choice
-- picked), or words in `text`. Results count them by (survey, question, number) from the
-- index alone.
CREATE TABLE survey_answers (
    id {id},
    response_id BIGINT NOT NULL REFERENCES survey_responses(id),
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    question_id BIGINT NOT NULL REFERENCES survey_questions(id),
    number BIGINT,
    text TEXT
);
CREATE INDEX survey_answers_counted ON survey_answers(survey_id, question_id, number);
CREATE INDEX survey_answers_by_response ON survey_answers(response_id);

-- The personal links sent to the people who came to its engagement: each answers once.
CREATE TABLE survey_links (
    id {id},
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    registration_id BIGINT NOT NULL REFERENCES engagement_registrations(id),
    -- SHA-256 of the link's secret.
    token_hash TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX survey_links_once ON survey_links(survey_id, registration_id);
CREATE UNIQUE INDEX survey_links_by_token ON survey_links(token_hash);
