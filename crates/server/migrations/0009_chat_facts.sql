-- Statistics (docs/statistics.md) of chats that are over, worked out once from their
-- messages off the write path by the maintenance timer, so a period's statistics read one row
-- per finished chat instead of every message of it. A chat still open, or closed since the
-- last pass, is worked out from its messages when asked, as before. A closed chat never
-- changes again, so its row never goes stale.
CREATE TABLE chat_facts (
    chat_id           INTEGER PRIMARY KEY,   -- a closed visitor chat
    created_at        INTEGER NOT NULL,
    operator_id       INTEGER,               -- the first to answer, else the chat's operator
    department        TEXT,
    offline           INTEGER NOT NULL,      -- began as an offline message
    first_response_ms INTEGER,
    missed            INTEGER NOT NULL,
    duration_ms       INTEGER,
    handling_ms       INTEGER,
    responses         INTEGER NOT NULL,      -- visitor messages a later operator message answered
    response_sum_ms   INTEGER NOT NULL,
    from_visitors     INTEGER NOT NULL,
    from_operators    INTEGER NOT NULL,
    last_unanswered   INTEGER NOT NULL
);
CREATE INDEX chat_facts_created ON chat_facts(created_at);

-- Every chat closed by an event up to `event_seq` has its row in `chat_facts`.
CREATE TABLE chat_facts_progress (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    event_seq INTEGER NOT NULL
);
INSERT INTO chat_facts_progress (id, event_seq) VALUES (1, 0);
