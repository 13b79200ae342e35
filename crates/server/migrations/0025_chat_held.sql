-- When the chat's operator got it: accepted from the queue, handed over by a transfer or taken
-- over by a supervisor. A chat quiet since its visitor left closes by itself
-- (`quiet_close.rs`), but never just after someone took it on. NULL: before this column, or
-- never held (read as `accepted_at`).
ALTER TABLE chats ADD COLUMN held_at INTEGER;
