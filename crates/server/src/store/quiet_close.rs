//! An active chat whose visitor left the site and in which nobody has written since closes by
//! itself after `[presence] close_after_left_secs`: the conversation is over, and it should
//! neither sit among the operator's chats for days nor take a place under `[routing]
//! max_chats`. A chat whose last visible words are the visitor's stays open whatever the time:
//! they wait for an answer, which an operator may still give (it also goes by e-mail,
//! `mail_outbox.rs`). Any message (a note too) or the chat taken on (accepted, handed over,
//! taken over: `held_at`) within the time keeps it open, and so does a transfer offered and
//! not yet answered: nothing closes under an operator who is working on it or about to.
//!
//! The once-a-second pass runs it through the writer over a window of the active chats whose
//! visitor is gone (the partial index `chats_gone`, in id order from where the last pass
//! stopped), so its time is bounded however many such chats there are (many chats whose
//! visitor's question waits, say): with more than a window of them, a due chat closes within
//! a few passes instead of the next one.

use frontdesk_protocol::Millis;
use rusqlite::params;

use super::emit::Tx;
use super::lifecycle::{self, ClosedBy};
use super::rows::CHAT_COLUMNS;
use super::{Cmd, OpError, Reply, Store, now_ms, sql, writer_rows};
use crate::config::PresenceConfig;

/// Active chats with a gone visitor looked at per pass: ~0.1 ms of the writer's time, where
/// all of 5,000 took 7.6 ms (`benches/quiet_pass.rs` of the load generator). A site rarely
/// has more than a window; with 5,000 a due chat closes within 100 passes.
pub const WINDOW: u32 = 50;

/// `INDEXED BY`: without statistics SQLite would take `chats_status` and sort every active
/// chat; naming the index also makes a query it cannot serve fail instead of scanning.
///
/// The last id of the window of `?2` active chats with a gone visitor after id `?1`.
pub(super) const WINDOW_SQL: &str =
    "SELECT MAX(id) FROM (SELECT id FROM chats INDEXED BY chats_gone
     WHERE status = 'active' AND visitor_gone_at IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2)";

/// One pass's settings.
#[derive(Debug, Clone, Copy)]
pub struct QuietClose {
    /// `[presence] close_after_left_secs` in milliseconds.
    pub after_ms: Millis,
    /// When this server started. After a restart every open chat's visitor counts as gone
    /// since their last sign of life (`presence::all_visitors_gone`), also one whose widget is
    /// about to connect again; the quiet counts from the start at the earliest, so a restart
    /// closes nothing by itself.
    pub up_since: Millis,
    /// The window starts after this chat id (0: from the first).
    pub after_id: i64,
}

/// Closes the due chats of the window after `rule.after_id` (see the module's text). Returns
/// where the next pass starts: the window's last id, or 0 past the last chat.
pub fn close_quiet(tx: &mut Tx<'_>, rule: QuietClose) -> Result<i64, OpError> {
    let last: Option<i64> = sql::one(tx.conn, WINDOW_SQL, params![rule.after_id, WINDOW])?;
    let Some(last) = last else {
        // Past the last one: start again from the first, in this pass when it had not.
        return if rule.after_id > 0 {
            close_quiet(
                tx,
                QuietClose {
                    after_id: 0,
                    ..rule
                },
            )
        } else {
            Ok(0)
        };
    };
    let quiet_since = tx.now.saturating_sub(rule.after_ms);
    let due = sql::all(
        tx.conn,
        &due_chats_sql(),
        params![quiet_since, rule.up_since, rule.after_id, last],
        |r| Ok((writer_rows::chat_row(r)?, r.get::<_, Millis>("quiet_from")?)),
    )?;
    for (chat, quiet_from) in due {
        // Statistics count its duration to when it went quiet, not to this close.
        sql::exec(
            tx.conn,
            "UPDATE chats SET ended_at = ? WHERE id = ?",
            params![quiet_from, chat.id],
        )?;
        lifecycle::close(tx, &chat, ClosedBy::Server)?;
    }
    Ok(last)
}

/// The chats to close among ids `?3` < id ≤ `?4`, with when each went quiet (`quiet_from`:
/// its visitor gone, its last line or its being taken on (`held_at`), whichever came last):
/// active, quiet since `?1` at the latest (and the server up since then, `?2`), no transfer
/// offered, the last visible words not the visitor's. Through `chats_gone`, `messages_chat`
/// and the offers' key.
pub(super) fn due_chats_sql() -> String {
    format!(
        "SELECT * FROM (
           SELECT {CHAT_COLUMNS}, MAX(visitor_gone_at, COALESCE(held_at, accepted_at, 0),
                    COALESCE((SELECT ts FROM messages m WHERE m.chat_id = chats.id
                              ORDER BY m.id DESC LIMIT 1), 0)) AS quiet_from
           FROM chats INDEXED BY chats_gone
           WHERE status = 'active' AND visitor_gone_at IS NOT NULL AND id > ?3 AND id <= ?4
             AND NOT EXISTS (SELECT 1 FROM transfer_offers o WHERE o.chat_id = chats.id)
             AND COALESCE((SELECT author_role FROM messages m
                           WHERE m.chat_id = chats.id AND m.kind = 'text'
                           ORDER BY m.id DESC LIMIT 1), '') <> 'visitor')
         WHERE quiet_from <= ?1 AND ?2 <= ?1
         ORDER BY id"
    )
}

/// The maintenance task's side: the setting, the server's start and where the passes are.
pub struct Quieter {
    after_ms: Option<Millis>,
    up_since: Millis,
    after_id: i64,
}

impl Quieter {
    pub fn new(config: &PresenceConfig) -> Self {
        Self {
            after_ms: config.close_after_left_ms(),
            up_since: now_ms(),
            after_id: 0,
        }
    }

    /// Whether chats close so at all (`close_after_left_secs` not 0).
    pub fn enabled(&self) -> bool {
        self.after_ms.is_some()
    }

    /// One pass through the writer.
    pub async fn pass(&mut self, store: &Store) {
        let Some(after_ms) = self.after_ms else {
            return;
        };
        let rule = QuietClose {
            after_ms,
            up_since: self.up_since,
            after_id: self.after_id,
        };
        match store.run(Cmd::CloseQuiet(rule)).await {
            Ok(Reply::Id(next)) => self.after_id = next,
            Ok(other) => tracing::warn!(?other, "unexpected answer to a quiet-chats pass"),
            Err(e) => tracing::warn!(error = %e, "quiet-chats pass failed"),
        }
    }
}
