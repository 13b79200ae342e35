-- The checks on `messages` are written as comparisons instead of `IN (...)` lists: SQLite
-- builds a temporary table for an `IN` list every time it checks one, and these are checked
-- for every message stored (two temporary tables per message, about a twentieth of the
-- server's CPU per message). A CHECK cannot be altered in place: the table is rebuilt, as in
-- 0004. Nothing refers to messages.
CREATE TABLE messages_new (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL REFERENCES chats(id),
    seq             INTEGER NOT NULL,        -- the event that stored it
    ts              INTEGER NOT NULL,
    author_role     TEXT NOT NULL
        CHECK (author_role = 'visitor' OR author_role = 'operator' OR author_role = 'system'),
    operator_id     INTEGER REFERENCES operators(id),
    kind            TEXT NOT NULL DEFAULT 'text'
        CHECK (kind = 'text' OR kind = 'note' OR kind = 'whisper'),
    body            TEXT NOT NULL,
    client_id       TEXT,
    attachment_id   INTEGER,
    for_operator_id INTEGER REFERENCES operators(id)
);
INSERT INTO messages_new (id, chat_id, seq, ts, author_role, operator_id, kind, body, client_id,
                          attachment_id, for_operator_id)
    SELECT id, chat_id, seq, ts, author_role, operator_id, kind, body, client_id, attachment_id,
           for_operator_id
    FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_chat ON messages(chat_id, id);
