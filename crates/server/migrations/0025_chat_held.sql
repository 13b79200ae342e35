-- When the chat's operator got it: accepted from the queue, handed over by a transfer or taken
-- over by a supervisor. A chat quiet since its visitor left closes by itself
-- (`quiet_close.rs`), but never just after someone took it on. NULL: before this column, or
-- never held (read as `accepted_at`).
ALTER TABLE chats ADD COLUMN held_at INTEGER;

-- The active chats whose visitor is gone, in id order: the once-a-second pass for quiet chats
-- walks them a window at a time. Written only when a chat is taken, closed, or its visitor
-- leaves or comes back, never per message.
CREATE INDEX chats_gone ON chats(id) WHERE status = 'active' AND visitor_gone_at IS NOT NULL;
