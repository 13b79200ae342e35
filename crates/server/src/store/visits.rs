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

/// Records that the visitor is active now. A new visit is counted and told to the consoles
/// (`visitor_updated`), so a card already showing this visitor shows the new count.
pub fn active(tx: &mut Tx<'_>, visitor_id: i64) -> Result<(), OpError> {
    // The usual case (the same visit goes on) first: one statement.
    let same_visit = sql::exec(
        tx.conn,
        "UPDATE visitors SET last_seen = ? WHERE id = ? AND ? - last_seen <= ?",
        params![tx.now, visitor_id, tx.now, NEW_VISIT_AFTER_MS],
    )? > 0;
    if same_visit {
        return Ok(());
    }
    let new_visit = sql::exec(
        tx.conn,
        "UPDATE visitors SET visits = visits + 1, last_seen = ? WHERE id = ? AND ? - last_seen > ?",
        params![tx.now, visitor_id, tx.now, NEW_VISIT_AFTER_MS],
    )? > 0;
    if !new_visit {
        return Ok(());
    }
    let Some(visitor) = writer_rows::visitor_profile(tx.conn, visitor_id)? else {
        return Ok(());
    };
    tx.emit(
        EventBody::VisitorUpdated { visitor },
        Refs {
            visitor_id: Some(visitor_id),
            ..Refs::default()
        },
        None,
    )?;
    Ok(())
}
