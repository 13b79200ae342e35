-- The revision of the account last told to the consoles (`store/roster.rs`). Kept with the
-- account, in the same transaction as the event that told it, so a change made from the
-- command line while no server ran is told when one starts again: consoles that reconnect with
-- `since` replay events and would otherwise keep the old name. Accounts as they stand when
-- this is added count as told.
ALTER TABLE operators ADD COLUMN told_revision INTEGER NOT NULL DEFAULT 0;
UPDATE operators SET told_revision = revision;
DROP INDEX operators_revision;
