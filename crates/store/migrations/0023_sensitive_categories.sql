-- Sensitive categories (harassment, gender-based violence, a complaint against staff): their
-- concerns are seen by the category's named team alone. A concern about a member of staff
-- is never seen by that person.
ALTER TABLE categories ADD COLUMN sensitive BIGINT NOT NULL DEFAULT 0;
CREATE TABLE category_team (
    category_id BIGINT NOT NULL REFERENCES categories(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (category_id, user_id)
);
ALTER TABLE concerns ADD COLUMN about_staff_id BIGINT REFERENCES users(id);
