//! An active chat whose visitor left the site and in which nobody has written since closes by
//! itself after `[presence] close_after_left_secs`: the conversation is over, and it should
//! neither sit among the operator's chats for days nor take a place under `[routing]
//! max_chats`. A chat whose last visible words are the visitor's stays open whatever the time:
//! they wait for an answer, which an operator may still give (it also goes by e-mail,
//! `mail_outbox.rs`). Any message (a note too) or the chat taken on (accepted, handed over,
//! taken over: `held_at`) within the time keeps it open, and so does a transfer offered and
//! not yet answered: nothing closes under an operator who is working on it or about to.
//!
//! The once-a-second pass runs it through the writer; the chats are few (active ones whose
//! visitor is gone), found through `chats_status`.

use frontdesk_protocol::Millis;
use rusqlite::params;

use super::emit::Tx;
use super::lifecycle::{self, ClosedBy};
use super::rows::CHAT_COLUMNS;
use super::{OpError, sql, writer_rows};

/// The rule's settings for one pass.
#[derive(Debug, Clone, Copy)]
pub struct QuietClose {
    /// `[presence] close_after_left_secs` in milliseconds.
    pub after_ms: Millis,
    /// When this server started. After a restart every open chat's visitor counts as gone
    /// since their last sign of life (`presence::all_visitors_gone`), also one whose widget is
    /// about to connect again; the quiet counts from the start at the earliest, so a restart
    /// closes nothing by itself.
    pub up_since: Millis,
}

/// Chats closed per pass at most, so the writer is never held for long; the rest go in the
/// next second.
const PASS_CHATS: u32 = 100;

/// Closes the chats quiet for `after_ms` since their visitor left (see the module's text).
pub fn close_quiet(tx: &mut Tx<'_>, rule: QuietClose) -> Result<(), OpError> {
    let quiet_since = tx.now.saturating_sub(rule.after_ms);
    let due = sql::all(
        tx.conn,
        &due_chats_sql(),
        params![quiet_since, PASS_CHATS, rule.up_since],
        writer_rows::chat_row,
    )?;
    for chat in due {
        lifecycle::close(tx, &chat, ClosedBy::Server)?;
    }
    Ok(())
}

/// The chats to close: active, visitor gone (and the server up, `?3`), nothing written nor the
/// chat taken on (`held_at`) since `?1`, no transfer offered, the last visible words not the
/// visitor's; `?2` at most. Through `chats_status`, `messages_chat` and the offers' key.
pub(super) fn due_chats_sql() -> String {
    format!(
        "SELECT {CHAT_COLUMNS} FROM chats
         WHERE status = 'active' AND MAX(visitor_gone_at, ?3) <= ?1
           AND COALESCE(held_at, accepted_at, 0) <= ?1
           AND NOT EXISTS (SELECT 1 FROM transfer_offers o WHERE o.chat_id = chats.id)
           AND COALESCE((SELECT ts FROM messages m WHERE m.chat_id = chats.id
                         ORDER BY m.id DESC LIMIT 1), 0) <= ?1
           AND COALESCE((SELECT author_role FROM messages m
                         WHERE m.chat_id = chats.id AND m.kind = 'text'
                         ORDER BY m.id DESC LIMIT 1), '') <> 'visitor'
         ORDER BY id LIMIT ?2"
    )
}
