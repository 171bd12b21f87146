-- Photos and documents attached to concerns. The bytes live in the files folder under
-- their SHA-256 (`file_hash`); the database holds only what describes them. `public`
-- says whether the file may be shown with its concern when the concern is public.

CREATE TABLE attachments (
    id {id},
    concern_id BIGINT NOT NULL REFERENCES concerns(id),
    file_hash TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    public BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    uploaded_by_kind TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id)
);
CREATE INDEX attachments_by_concern ON attachments(concern_id, id);
