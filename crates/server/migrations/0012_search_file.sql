-- The search index moves to a file of its own beside this one (store/search_db.rs): its
-- writes held this file's one writer lock, and every message waited behind them. The
-- indexer fills the new file again from the first message; nothing here is lost, the index
-- is built from `messages` and `visitors`.
DROP TABLE IF EXISTS main.message_terms;
DROP TABLE IF EXISTS main.visitor_terms;
DROP TABLE IF EXISTS main.search_vocab;
DROP TABLE IF EXISTS main.search_progress;
