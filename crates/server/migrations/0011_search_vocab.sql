-- Every term of the message index, so a query stem used as a prefix («заказ» for «заказа»,
-- «заказыва») is expanded into the few whole terms it stands for. FTS5 answers a prefix by
-- merging the complete row lists of every matching term (half a second over ten million
-- messages), but whole terms it walks newest first and stops at the limit. The indexer adds
-- the terms of every batch in the same transaction as the batch (store/search_index.rs).
CREATE TABLE search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE message_terms_vocab USING fts5vocab('message_terms', 'row');
-- Numbers are left out: nearly every chat has new ones (search/words.rs `expandable`).
INSERT INTO search_vocab (term) SELECT term FROM message_terms_vocab WHERE term GLOB '*[^0-9]*';
DROP TABLE message_terms_vocab;
