-- Routing (issue 14). `last_routed_seq`: the event that last gave this operator a chat by
-- routing (round robin serves the smallest first). `queued_at`: when the chat joined the
-- queue (its department keeps it `[routing] fallback_secs` from then); `open_to_all`: the
-- department's time ran out and every online operator may take it.
ALTER TABLE operators ADD COLUMN last_routed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN queued_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN open_to_all INTEGER NOT NULL DEFAULT 0;
-- Each operator's load, counted for every routing choice and every accept under a cap.
CREATE INDEX chats_operator_active ON chats(operator_id) WHERE status = 'active';
CREATE INDEX chats_queue ON chats(queued_at, id) WHERE status = 'waiting';
