//! What a visit is: a run of the visitor's activity (connecting, opening pages, the form,
//! chatting) with no quiet spell longer than half an hour, as web analytics count sessions.
//! The first sign of life after a longer one starts the next visit, whether it comes with a
//! new page load or in a tab that stayed open.

use frontdesk_protocol::EventBody;

use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{OpError, sql, writer_rows};

/// A quiet spell longer than this ends a visit.
pub const NEW_VISIT_AFTER_MS: i64 = 30 * 60 * 1000;

/// How stale `last_seen` may get while the visitor stays active. Rewriting the visitor's row
/// for every message cost a statement and a page written per message; a minute is far below
/// the half hour that ends a visit (a quiet spell may look up to a minute longer than it was).
pub const LAST_SEEN_STEP_MS: i64 = 60 * 1000;

/// Records that the visitor is active now. A new visit is counted and told to the consoles
/// (`visitor_updated`), so a card already showing this visitor shows the new count.
///
/// Returns the visitor's name as read on the way (`None`: no such visitor), so a message
/// posted next need not read the row again.
pub fn active(tx: &mut Tx<'_>, visitor_id: i64) -> Result<Option<Option<String>>, OpError> {
    let row: Option<(i64, Option<String>)> = sql::row(
        tx.conn,
        "SELECT last_seen, name FROM visitors WHERE id = ?",
        [visitor_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((last_seen, name)) = row else {
        return Ok(None);
    };
    let quiet = tx.now - last_seen;
    // The usual case: the visitor was seen moments ago; nothing to write.
    if quiet <= LAST_SEEN_STEP_MS {
        return Ok(Some(name));
    }
    if quiet <= NEW_VISIT_AFTER_MS {
        sql::exec(
            tx.conn,
            "UPDATE visitors SET last_seen = ? WHERE id = ?",
            params![tx.now, visitor_id],
        )?;
        return Ok(Some(name));
    }
    sql::exec(
        tx.conn,
        "UPDATE visitors SET visits = visits + 1, last_seen = ? WHERE id = ?",
        params![tx.now, visitor_id],
    )?;
    let Some(visitor) = writer_rows::visitor_profile(tx.conn, visitor_id)? else {
        return Ok(Some(name));
    };
    tx.emit(
        EventBody::VisitorUpdated { visitor },
        Refs {
            visitor_id: Some(visitor_id),
            ..Refs::default()
        },
        None,
    )?;
    Ok(Some(name))
}
