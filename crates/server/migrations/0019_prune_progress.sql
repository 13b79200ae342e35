-- How far the maintenance prune has walked the event log (`store/prune.rs`): page views and
-- visitor-card changes older than the replay window are deleted in seq windows after this.
CREATE TABLE prune_progress (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    event_seq INTEGER NOT NULL
);
INSERT INTO prune_progress (id, event_seq) VALUES (1, 0);
