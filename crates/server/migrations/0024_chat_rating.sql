-- What the visitor thought of the chat once it was closed (`rate_chat`): a thumb up or down and
-- an optional comment; rated again, the new rating replaces the old. NULL: not rated.
ALTER TABLE chats ADD COLUMN rating TEXT CHECK (rating IN ('good', 'bad'));
ALTER TABLE chats ADD COLUMN rating_comment TEXT;
ALTER TABLE chats ADD COLUMN rated_at INTEGER;
