-- When each operator's status last changed (the queue view's time in status). NULL until the
-- first change after this migration.
ALTER TABLE operators ADD COLUMN status_since INTEGER;
