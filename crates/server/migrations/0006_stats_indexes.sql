-- Statistics (issue 15) read operators' status changes and how each chat began (live or an
-- offline message) from `events` by time. Partial indexes cover only those two kinds, which
-- are rare next to messages: storing a message writes no extra index page.
CREATE INDEX events_status_changes ON events(ts) WHERE kind = 'operator_status_changed';
CREATE INDEX events_chats_created ON events(ts) WHERE kind = 'chat_created';
