-- What the visitor thought of the chat once it was closed (`rate_chat`): a thumb up or down and
-- an optional comment; rated again, the new rating replaces the old. NULL: not rated.
ALTER TABLE chats ADD COLUMN rating TEXT CHECK (rating IN ('good', 'bad'));
ALTER TABLE chats ADD COLUMN rating_comment TEXT;
ALTER TABLE chats ADD COLUMN rated_at INTEGER;
-- How many times it was rated: a visitor may change their mind, not rate without end.
ALTER TABLE chats ADD COLUMN ratings INTEGER NOT NULL DEFAULT 0;
