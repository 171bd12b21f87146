-- Saved lists of the register: a list's filters kept under a name ("all school principals in
-- the North ward"), the staff member's own or shared with the office, for later features
-- (invitations, mailings) to reuse.
CREATE TABLE saved_lists (
    id {id},
    record_kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The list's query string, as its page reads it (`tag=school+principal&area=3`).
    query TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users(id),
    shared BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX saved_lists_by_owner ON saved_lists(owner_id, id);
