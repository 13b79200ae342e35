-- Command ids are appended to a rowid table with a unique index beside it, instead of living in
-- a WITHOUT ROWID table keyed by (actor, client_id). There every remembered answer (~150 bytes)
-- went into its actor's part of the tree, so a commit of six messages rewrote about sixteen
-- 1 KiB pages of it (leaves splitting, their parents after them): over half of the WAL frames
-- written per message. Now the rows go onto the table's last page, shared by the whole batch,
-- and only the small index entries land in each actor's part. Lookups and the expiry's deletes
-- by actor go through the index.
CREATE TABLE commands_new (
    id        INTEGER PRIMARY KEY,
    actor     TEXT NOT NULL,                 -- 'v:<visitor id>' or 'o:<operator id>'
    client_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    response  TEXT NOT NULL,                 -- JSON of the acknowledgement
    ts        INTEGER NOT NULL
);
INSERT INTO commands_new (actor, client_id, body_hash, response, ts)
    SELECT actor, client_id, body_hash, response, ts FROM commands ORDER BY ts;
DROP TABLE commands;
ALTER TABLE commands_new RENAME TO commands;
CREATE UNIQUE INDEX commands_by_actor ON commands(actor, client_id);
