-- The newest message of the chat its visitor has seen (`seen` from the widget): the operator's
-- console marks its own messages up to it as read. Only ever raised. NULL: nothing seen yet.
ALTER TABLE chats ADD COLUMN seen_id INTEGER;
