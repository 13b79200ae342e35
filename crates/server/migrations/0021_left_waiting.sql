-- When the visitor of a live chat first left the site before any operator answered there
-- (past `[site] linger_secs`; a server restart does not count): the chats a desk lost by
-- waiting, whatever happened after (docs/statistics.md, `chats_left_waiting`). Set once.
ALTER TABLE chats ADD COLUMN left_waiting_at INTEGER;
-- The same fact in the summary row of a finished chat.
ALTER TABLE chat_facts ADD COLUMN left_waiting INTEGER NOT NULL DEFAULT 0;
