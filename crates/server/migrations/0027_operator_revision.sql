-- Raised (to one above the highest of the table) whenever the command line changes what
-- consoles show of an account or whether it may log in: its display name, its role, disabled or
-- enabled. The serving process reads the accounts above the revision it has told and tells the
-- consoles (`store/roster.rs`); the command line itself writes no events. A new password and
-- a new account leave it as it is (a new account is named by its first login's status event).
ALTER TABLE operators ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX operators_revision ON operators(revision);
