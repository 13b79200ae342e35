-- Read rights, whispers and the operators' own chat (issue 14).

-- Who an event is for, decided when it is stored so a replay filters like live delivery.
-- NULL: every operator; else JSON {"only":{"operators":[ids],"supervisors":true|false}}.
ALTER TABLE events ADD COLUMN audience TEXT;

-- messages.kind gains 'whisper' (a supervisor's line only the chat's operator and supervisors
-- read). A CHECK constraint cannot be altered in SQLite: the table is rebuilt. Nothing refers
-- to messages. for_operator_id: the operator a whisper was for (the assignee then).
CREATE TABLE messages_new (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL REFERENCES chats(id),
    seq             INTEGER NOT NULL,        -- the event that stored it
    ts              INTEGER NOT NULL,
    author_role     TEXT NOT NULL CHECK (author_role IN ('visitor', 'operator', 'system')),
    operator_id     INTEGER REFERENCES operators(id),
    kind            TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'note', 'whisper')),
    body            TEXT NOT NULL,
    client_id       TEXT,
    attachment_id   INTEGER,
    for_operator_id INTEGER REFERENCES operators(id)
);
INSERT INTO messages_new (id, chat_id, seq, ts, author_role, operator_id, kind, body, client_id,
                          attachment_id)
    SELECT id, chat_id, seq, ts, author_role, operator_id, kind, body, client_id, attachment_id
    FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_chat ON messages(chat_id, id);

-- The operators' own chat: the team room (to_operator_id NULL) and one-to-one lines. Simpler
-- than the `chats.kind = 'team'` + `chat_members` idea of 0001, which stays unused.
CREATE TABLE team_messages (
    id               INTEGER PRIMARY KEY,
    seq              INTEGER NOT NULL,       -- the event that stored it
    ts               INTEGER NOT NULL,
    from_operator_id INTEGER NOT NULL REFERENCES operators(id),
    to_operator_id   INTEGER REFERENCES operators(id),
    body             TEXT NOT NULL,
    client_id        TEXT
);
CREATE INDEX team_messages_to ON team_messages(to_operator_id, id);
CREATE INDEX team_messages_from ON team_messages(from_operator_id, id);
