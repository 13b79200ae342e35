-- When the chat's operator got it: accepted from the queue, handed over by a transfer or taken
-- over by a supervisor. A chat quiet since its visitor left closes by itself
-- (`quiet_close.rs`), but never just after someone took it on. NULL: before this column, or
-- never held (read as `accepted_at`).
ALTER TABLE chats ADD COLUMN held_at INTEGER;

-- When the conversation ended, for a chat the server closed as quiet: the start of its quiet
-- (the visitor gone, the last line, the chat taken on: whichever came last). Statistics count
-- its duration to here, not to the close that came `close_after_left_secs` later. NULL: the
-- close is the end (closed by a person).
ALTER TABLE chats ADD COLUMN ended_at INTEGER;

-- The active chats whose visitor is gone, in id order: the once-a-second pass for quiet chats
-- walks them a window at a time. Written only when a chat is taken, closed, or its visitor
-- leaves or comes back, never per message.
CREATE INDEX chats_gone ON chats(id) WHERE status = 'active' AND visitor_gone_at IS NOT NULL;
