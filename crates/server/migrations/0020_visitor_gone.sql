-- When the visitor of an open chat left the site (their last widget socket closed, past
-- `[site] linger_secs`, or the server restarted since); NULL while they are on it. An
-- operator's text line in a chat whose visitor is gone also goes by e-mail to the address of
-- their pre-chat form, as an answer to an offline message does (docs/offline.md).
ALTER TABLE chats ADD COLUMN visitor_gone_at INTEGER;
