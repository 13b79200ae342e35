//! A visitor the site vouched for (`identify`, verified before it gets here): linked to the
//! site's customer by id, so the card counts the customer's visits and chats over every
//! browser they were verified in (`rows::VISITOR_SELECT`) and lists those chats
//! (`read::visitor_chats`).

use frontdesk_protocol::{ErrorCode, EventBody};
use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{Ack, OpError, sql, writer_rows};

/// Most browsers (visitor rows) linked to one customer. A customer can make new visitor rows
/// at will (a private window, `forget()` at each logout) and each is read for the card's
/// counts: past this the one seen longest ago is let go, its chats no longer on the card.
pub const MAX_BROWSERS_PER_CUSTOMER: i64 = 20;

/// Links `visitor_id` to `customer_id`. Again for the same customer: nothing to do. A visitor
/// already linked to another customer is refused: the widget starts a new visitor when the
/// logged-in customer changes, so one browser's history never joins two customers.
pub fn identify(tx: &mut Tx<'_>, visitor_id: i64, customer_id: &str) -> Result<Ack, OpError> {
    let current: Option<Option<String>> = sql::row(
        tx.conn,
        "SELECT customer_id FROM visitors WHERE id = ?",
        [visitor_id],
        |r| r.get(0),
    )?;
    match current {
        None => return Err(OpError::new(ErrorCode::NotFound, "unknown visitor")),
        Some(Some(known)) if known == customer_id => return Ok(Ack::default()),
        Some(Some(_)) => {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                "this visitor is another customer: a new customer starts as a new visitor",
            ));
        }
        Some(None) => {}
    }
    sql::exec(
        tx.conn,
        "UPDATE visitors SET customer_id = NULL WHERE id IN
           (SELECT id FROM visitors WHERE customer_id = ?1
             ORDER BY last_seen DESC, id DESC LIMIT -1 OFFSET ?2)",
        params![customer_id, MAX_BROWSERS_PER_CUSTOMER - 1],
    )?;
    sql::exec(
        tx.conn,
        "UPDATE visitors SET customer_id = ? WHERE id = ?",
        params![customer_id, visitor_id],
    )?;
    let seq = profile_changed(tx, visitor_id)?;
    // The customer's other browsers now count this one too: a console showing one of their
    // open chats hears it. Only those with an open chat, so that a customer making browsers
    // at will cannot make an event for every one of them each time.
    let open: Vec<i64> = sql::all(
        tx.conn,
        "SELECT DISTINCT c.visitor_id FROM visitors v JOIN chats c ON c.visitor_id = v.id
          WHERE v.customer_id = ?1 AND v.id != ?2 AND c.status IN ('waiting', 'active')",
        params![customer_id, visitor_id],
        |r| r.get(0),
    )?;
    for other in open {
        profile_changed(tx, other)?;
    }
    Ok(Ack {
        seq: Some(seq),
        ..Ack::default()
    })
}

/// Tells the consoles the visitor's profile as it is now.
fn profile_changed(tx: &mut Tx<'_>, visitor_id: i64) -> Result<frontdesk_protocol::Seq, OpError> {
    let visitor = writer_rows::visitor_profile(tx.conn, visitor_id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, "unknown visitor"))?;
    let refs = Refs {
        visitor_id: Some(visitor_id),
        ..Refs::default()
    };
    tx.emit(EventBody::VisitorUpdated { visitor }, refs, None)
}
