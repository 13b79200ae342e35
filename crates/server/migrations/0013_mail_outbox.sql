-- E-mail copies of operator answers to offline messages (`chats.reply_email`). A row is queued
-- in the same transaction as the answer it carries, so an acknowledged answer always has its
-- e-mail waiting; the mailer sends due rows and records each outcome through the writer.
-- Operator lines written within `[mail] batch_secs` after the first unsent one extend the
-- same row (first_message_id..last_message_id, operator text lines of the chat only).
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    chat_id          INTEGER NOT NULL REFERENCES chats(id),
    recipient        TEXT NOT NULL,
    first_message_id INTEGER NOT NULL,
    last_message_id  INTEGER NOT NULL,
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER
);
-- The mailer's question: what is due now.
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 'queued';
-- A chat's latest e-mail (snapshot) and its open batch (queueing).
CREATE INDEX mail_outbox_chat ON mail_outbox(chat_id, id);
