//! How many chats a visitor, and a network, may open in an hour. A script that opens and
//! closes chats in a loop (or leaves offline messages) would otherwise put a new chat, and its
//! alert, on every console several times a second. Counted from the `chats` table in the
//! writer's transaction, so a batch run twice counts nothing twice, and a restart forgets
//! nothing.

use frontdesk_protocol::ErrorCode;
use rusqlite::params;

use super::emit::Tx;
use super::{OpError, sql};

/// The window the bounds are counted over.
pub const WINDOW_MS: i64 = 60 * 60 * 1000;

/// `[limits] new_chats_per_visitor_per_hour` and `new_chats_per_ip_per_hour`; 0: no bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NewChatLimits {
    pub per_visitor: u32,
    pub per_network: u32,
}

/// Refuses (`rate_limited`, with the wait) a new chat past either bound: when the oldest of
/// the last `bound` chats opened is within the hour, the next one waits until it is not.
pub fn check(tx: &Tx<'_>, visitor_id: i64, network: Option<&str>) -> Result<(), OpError> {
    let limits = tx.new_chats;
    refuse_past(
        tx,
        limits.per_visitor,
        "SELECT created_at FROM chats WHERE visitor_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
        &visitor_id,
        "you have opened many chats this hour",
    )?;
    if let Some(network) = network {
        refuse_past(
            tx,
            limits.per_network,
            "SELECT created_at FROM chats WHERE network = ?
             ORDER BY created_at DESC LIMIT 1 OFFSET ?",
            &network,
            "many chats were opened from your network this hour",
        )?;
    }
    Ok(())
}

/// Refuses when the oldest of the last `bound` chats that `newest_first` lists for `key` was
/// opened within the hour. A bound of 0 is none.
fn refuse_past(
    tx: &Tx<'_>,
    bound: u32,
    newest_first: &str,
    key: &dyn rusqlite::ToSql,
    why: &str,
) -> Result<(), OpError> {
    if bound == 0 {
        return Ok(());
    }
    let oldest: Option<i64> = sql::opt(tx.conn, newest_first, params![key, bound - 1])?;
    match oldest {
        Some(at) if tx.now - at < WINDOW_MS => {
            let wait = u64::try_from(at + WINDOW_MS - tx.now).unwrap_or(1).max(1);
            Err(OpError::new(
                ErrorCode::RateLimited,
                format!("{why}; please wait a while or write to us by e-mail"),
            )
            .retry_after(wait))
        }
        _ => Ok(()),
    }
}
