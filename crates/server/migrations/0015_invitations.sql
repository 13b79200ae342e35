-- Invitations to chat: an operator's (rule NULL) or an automatic rule's. Pending while
-- dismissed_at, answered_chat_id and lapsed_at are all NULL; at most one pending per visitor
-- (the writer checks). The visitor's answer opens answered_chat_id (a conversion).
CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY,
    -- NULL once the visitor record expired: hits and conversions stay counted.
    visitor_id       INTEGER REFERENCES visitors(id) ON DELETE SET NULL,
    operator_id      INTEGER NOT NULL REFERENCES operators(id),
    rule             TEXT,
    text             TEXT NOT NULL,
    -- The operator's command id, so a repeated `invite` stores nothing twice.
    client_id        TEXT,
    created_at       INTEGER NOT NULL,
    -- Sent to the visitor's open sockets (at creation: only a visitor on the site is invited).
    shown_at         INTEGER,
    dismissed_at     INTEGER,
    answered_chat_id INTEGER REFERENCES chats(id),
    -- The visitor left the site with it pending.
    lapsed_at        INTEGER
);
CREATE INDEX invitations_visitor ON invitations (visitor_id, id);
CREATE UNIQUE INDEX invitations_command ON invitations (operator_id, client_id)
    WHERE client_id IS NOT NULL;
CREATE INDEX invitations_rule ON invitations (rule, created_at) WHERE rule IS NOT NULL;
