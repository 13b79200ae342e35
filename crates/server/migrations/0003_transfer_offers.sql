-- Transfers are offers (issue 14): a chat offered to a colleague stays with the operator who
-- offered it until the colleague accepts or declines. One open offer per chat.
CREATE TABLE transfer_offers (
    chat_id          INTEGER PRIMARY KEY REFERENCES chats(id),
    from_operator_id INTEGER NOT NULL REFERENCES operators(id),
    to_operator_id   INTEGER NOT NULL REFERENCES operators(id),
    note             TEXT,
    created_at       INTEGER NOT NULL
);
