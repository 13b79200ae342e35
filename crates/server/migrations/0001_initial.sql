-- Frontdesk storage, version 1.
-- Every accepted change is a row in `events` (append-only, global `seq`) written in the same
-- transaction as the tables it changes. Tables are the current picture; events are the history
-- that operators replay after a reconnect and that statistics are computed from.
-- Times are milliseconds since the Unix epoch, UTC.

CREATE TABLE operators (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,             -- argon2 PHC string
    role          TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('operator', 'supervisor')),
    status        TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
    email         TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,            -- sha256 of the bearer token; the token itself is never stored
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

-- Routing groups ("sales", "support"); operators may belong to several.
CREATE TABLE departments (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL
);
CREATE TABLE operator_departments (
    operator_id   INTEGER NOT NULL REFERENCES operators(id),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    PRIMARY KEY (operator_id, department_id)
);

CREATE TABLE visitors (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,      -- sha256 of the visitor's opaque token
    site          TEXT,
    name          TEXT,
    email         TEXT,
    phone         TEXT,
    department    TEXT,
    extra_fields  TEXT NOT NULL DEFAULT '{}',  -- JSON object of site-defined pre-chat fields
    referrer      TEXT,                      -- of the first page of the current visit
    search_query  TEXT,
    user_agent    TEXT,
    language      TEXT,
    ip            TEXT,
    city          TEXT,
    region        TEXT,
    visits        INTEGER NOT NULL DEFAULT 1,
    chats         INTEGER NOT NULL DEFAULT 0,
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL
);

CREATE TABLE page_views (
    id           INTEGER PRIMARY KEY,
    visitor_id   INTEGER NOT NULL REFERENCES visitors(id),
    url          TEXT NOT NULL,
    title        TEXT,
    referrer     TEXT,
    search_query TEXT,
    ts           INTEGER NOT NULL
);
CREATE INDEX page_views_visitor ON page_views(visitor_id, id);

-- kind 'visitor': a visitor's dialog; 'team': operators talking to each other.
-- status 'offline': a message left while nobody was online, answered later (also by e-mail).
CREATE TABLE chats (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL DEFAULT 'visitor' CHECK (kind IN ('visitor', 'team')),
    visitor_id        INTEGER REFERENCES visitors(id),
    status            TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'closed', 'offline')),
    operator_id       INTEGER REFERENCES operators(id),
    department        TEXT,
    created_at        INTEGER NOT NULL,
    accepted_at       INTEGER,
    first_response_at INTEGER,
    closed_at         INTEGER,
    reply_email       TEXT                    -- where an offline answer is also sent
);
-- A visitor has at most one open chat: a constraint, not luck.
CREATE UNIQUE INDEX chats_one_open_per_visitor ON chats(visitor_id) WHERE status IN ('waiting', 'active');
CREATE INDEX chats_status ON chats(status, created_at);
CREATE INDEX chats_visitor ON chats(visitor_id, id);

-- Operators in a chat besides the assignee: supervisors watching, colleagues in a team chat.
CREATE TABLE chat_members (
    chat_id     INTEGER NOT NULL REFERENCES chats(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    role        TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'watcher')),
    PRIMARY KEY (chat_id, operator_id)
);

-- kind 'note': internal, never sent to the visitor.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats(id),
    seq         INTEGER NOT NULL,            -- the event that stored it
    ts          INTEGER NOT NULL,
    author_role TEXT NOT NULL CHECK (author_role IN ('visitor', 'operator', 'system')),
    operator_id INTEGER REFERENCES operators(id),
    kind        TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'note')),
    body        TEXT NOT NULL,
    client_id   TEXT,
    attachment_id INTEGER
);
CREATE INDEX messages_chat ON messages(chat_id, id);

-- Files sent in chats; the bytes live in the server's upload folder under `storage_name`.
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL REFERENCES chats(id),
    file_name    TEXT NOT NULL,              -- as given by the sender; never used as a path
    storage_name TEXT NOT NULL UNIQUE,
    mime         TEXT,
    size         INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE bans (
    id          INTEGER PRIMARY KEY,
    visitor_id  INTEGER REFERENCES visitors(id),
    ip          TEXT,
    reason      TEXT,
    operator_id INTEGER REFERENCES operators(id),
    created_at  INTEGER NOT NULL,
    until       INTEGER                      -- NULL: until lifted
);

-- Idempotency: a command id seen before returns its first answer.
CREATE TABLE commands (
    actor     TEXT NOT NULL,                 -- 'v:<visitor id>' or 'o:<operator id>'
    client_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    response  TEXT NOT NULL,                 -- JSON of the acknowledgement
    ts        INTEGER NOT NULL,
    PRIMARY KEY (actor, client_id)
) WITHOUT ROWID;

CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,         -- assigned by the single writer, strictly increasing
    ts          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    chat_id     INTEGER,
    visitor_id  INTEGER,
    operator_id INTEGER,
    payload     TEXT NOT NULL                -- JSON of the event body as sent to operators
);
-- No secondary index on events: every index costs a page written per message on the hot
-- path. Statistics read events in `seq` order; add indexes with the queries that need them.
