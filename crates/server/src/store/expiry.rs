//! Visitors who never chatted are forgotten after `visitor_expiry_days` unseen: a script
//! saying `hello` without a token must not grow the database for ever, and such a row holds
//! nothing an operator needs. A visitor with any chat (an offline message included) is kept:
//! an acknowledged message is a stored message. Its events go only as `prune.rs` says.
//!
//! The maintenance timer sweeps the table by id, a bounded window per pass through the
//! writer, so the writer is never held for long whatever the table's size, and no index on
//! `last_seen` (a page written on every visitor command) is needed.

use frontdesk_protocol::Millis;

use rusqlite::params;

use super::emit::Tx;
use super::{Cmd, OpError, Reply, Store, now_ms, sql};

/// Visitor rows looked at per pass (a few milliseconds of the writer's time).
pub const SWEEP_WINDOW: u32 = 500;

const DAY_MS: Millis = 24 * 60 * 60 * 1000;

/// The rows of `visitors` in the window that may go: unseen since `?3`, no chat, no ban.
macro_rules! expired {
    () => {
        "id > ?1 AND id <= ?2 AND last_seen < ?3
         AND NOT EXISTS (SELECT 1 FROM chats WHERE chats.visitor_id = visitors.id)
         AND NOT EXISTS (SELECT 1 FROM bans WHERE bans.visitor_id = visitors.id)"
    };
}

/// Children first (page views reference the visitor), the visitors last.
const DELETES: [&str; 3] = [
    concat!(
        "DELETE FROM page_views WHERE visitor_id IN (SELECT id FROM visitors WHERE ",
        expired!(),
        ")"
    ),
    concat!(
        "DELETE FROM commands WHERE actor IN (SELECT 'v:' || id FROM visitors WHERE ",
        expired!(),
        ")"
    ),
    concat!("DELETE FROM visitors WHERE ", expired!()),
];

/// Deletes the expired visitors among the `window` rows after `after_id`, with their page
/// views and command ids. Returns the last id looked at (`None`: the end of the table).
pub(super) fn sweep(
    tx: &mut Tx<'_>,
    after_id: i64,
    window: u32,
    seen_before: Millis,
) -> Result<Reply, OpError> {
    let last: Option<i64> = sql::one(
        tx.conn,
        "SELECT MAX(id) FROM (SELECT id FROM visitors WHERE id > ? ORDER BY id LIMIT ?)",
        params![after_id, window],
    )?;
    let Some(last) = last else {
        return Ok(Reply::Swept {
            last_id: None,
            deleted: 0,
        });
    };
    // The last statement's count is the visitors'.
    let mut deleted = 0;
    for delete in DELETES {
        let changed = sql::exec(tx.conn, delete, params![after_id, last, seen_before])?;
        deleted = u64::try_from(changed).unwrap_or(u64::MAX);
    }
    // Nothing after the window: the next pass starts over from the first visitor.
    let more: i64 = sql::one(
        tx.conn,
        "SELECT EXISTS (SELECT 1 FROM visitors WHERE id > ?)",
        [last],
    )?;
    Ok(Reply::Swept {
        last_id: (more != 0).then_some(last),
        deleted,
    })
}

/// Where the sweep is; one pass per maintenance tick.
pub struct Sweeper {
    days: u32,
    after_id: i64,
}

impl Sweeper {
    /// `days` 0: visitors are kept for ever.
    pub fn new(days: u32) -> Self {
        Self { days, after_id: 0 }
    }

    pub async fn pass(&mut self, store: &Store) {
        if self.days == 0 {
            return;
        }
        let cmd = Cmd::ExpireVisitors {
            after_id: self.after_id,
            window: SWEEP_WINDOW,
            seen_before: now_ms() - Millis::from(self.days) * DAY_MS,
        };
        match store.run(cmd).await {
            Ok(Reply::Swept { last_id, deleted }) => {
                self.after_id = last_id.unwrap_or(0);
                if deleted > 0 {
                    tracing::info!(
                        deleted,
                        days = self.days,
                        "forgot visitors unseen that long who never chatted"
                    );
                }
            }
            Ok(other) => tracing::warn!(?other, "unexpected answer to a visitor sweep"),
            Err(e) => tracing::warn!(error = %e, "visitor sweep failed"),
        }
    }
}
