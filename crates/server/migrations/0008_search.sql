-- Full-text search (docs/search.md). The index is filled off the write path by the
-- maintenance timer, from the watermarks below; its rows hold Snowball stems, not text.

-- rowid = messages.id. Contentless: snippets are cut from `messages.body`.
CREATE VIRTUAL TABLE message_terms USING fts5(
    terms, content = '', tokenize = 'unicode61 remove_diacritics 2'
);

-- rowid = visitors.id: the stems of the visitor's name and e-mail. Re-written when they
-- change, so it keeps its content (a contentless table cannot delete a row).
CREATE VIRTUAL TABLE visitor_terms USING fts5(
    terms, tokenize = 'unicode61 remove_diacritics 2'
);

-- How far the index has got. `message_id`: every message up to it is indexed.
-- `event_seq`: visitors named by events up to it are re-indexed (their name or e-mail may
-- have changed). `visitor_id`: the backfill of visitors who were there before this
-- migration, by id; -1 once done.
CREATE TABLE search_progress (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    message_id  INTEGER NOT NULL,
    event_seq   INTEGER NOT NULL,
    visitor_id  INTEGER NOT NULL
);
INSERT INTO search_progress (id, message_id, event_seq, visitor_id)
VALUES (1, 0, (SELECT COALESCE(MAX(seq), 0) FROM events), 0);
