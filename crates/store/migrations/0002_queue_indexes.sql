-- Queue pages walk one index in the page's order and stop after a page, whatever the
-- filter: each filter that can drive a walk gets an index per order, with the open
-- flag before the order (a status implies it). The indexes these replace served one
-- order only, or made a walk over all concerns sort every match. New indexes without
-- statistics beside old ones with them mislead SQLite's planner, hence the ANALYZE.

DROP INDEX concerns_by_category;
DROP INDEX concerns_by_area;
DROP INDEX concerns_by_priority;
DROP INDEX concerns_by_due;
DROP INDEX concerns_by_updated;
CREATE INDEX concerns_by_status_due ON concerns(status, resolve_due_at, id);
CREATE INDEX concerns_by_status_updated ON concerns(status, updated_at, id);
CREATE INDEX concerns_by_status_priority ON concerns(status, priority, id);
CREATE INDEX concerns_by_category_open ON concerns(category_id, open, id);
CREATE INDEX concerns_by_category_open_due ON concerns(category_id, open, resolve_due_at, id);
CREATE INDEX concerns_by_category_open_updated ON concerns(category_id, open, updated_at, id);
CREATE INDEX concerns_by_category_open_priority ON concerns(category_id, open, priority, id);
CREATE INDEX concerns_by_area_open ON concerns(area_id, open, id);
CREATE INDEX concerns_by_area_open_due ON concerns(area_id, open, resolve_due_at, id);
CREATE INDEX concerns_by_area_open_updated ON concerns(area_id, open, updated_at, id);
CREATE INDEX concerns_by_area_open_priority ON concerns(area_id, open, priority, id);
CREATE INDEX concerns_by_priority_open ON concerns(priority, open, id);
CREATE INDEX concerns_by_priority_open_due ON concerns(priority, open, resolve_due_at, id);
CREATE INDEX concerns_by_priority_open_updated ON concerns(priority, open, updated_at, id);
ANALYZE concerns;
