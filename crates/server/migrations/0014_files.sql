-- Files sent in chats (routes/files.rs). The table of 0001 was never written; it is made
-- again because two uploads of the same bytes share one stored file: `storage_name` (the
-- SHA-256 of the bytes, hex) is no longer unique, and the kind read from the bytes is kept.
DROP TABLE attachments;
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL REFERENCES chats(id),
    file_name    TEXT NOT NULL,              -- as given by the sender; never used as a path
    storage_name TEXT NOT NULL,              -- SHA-256 of the bytes, hex: <files dir>/<2 hex>/<hex>
    mime         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_chat ON attachments(chat_id);
