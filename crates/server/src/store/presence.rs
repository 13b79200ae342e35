//! Whether an open chat's visitor is on the site: `chats.visitor_gone_at` (read by the
//! e-mail outbox, which mails answers to a visitor who left) and a `visitor_presence` event
//! for every console, stored so that a resume replays it and `frontdesk tail` shows it. The
//! on-site list (`site/`) decides when; this records it.

use frontdesk_protocol::{EventBody, Millis};
use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{OpError, sql};

/// The visitor of open chat `chat_id` left the site at `left_at` (their last tab closed), or
/// is back on it (`None`). Nothing for a chat that is no longer open.
pub(super) fn visitor_gone(
    tx: &mut Tx<'_>,
    chat_id: i64,
    left_at: Option<Millis>,
) -> Result<(), OpError> {
    // A leave before any answer (or before one written after they had gone) is the chat's
    // first time left waiting, kept for statistics.
    let visitor_id: Option<i64> = sql::row(
        tx.conn,
        "UPDATE chats SET visitor_gone_at = ?1,
            left_waiting_at = CASE
                WHEN ?1 IS NOT NULL AND (first_response_at IS NULL OR first_response_at > ?1)
                THEN COALESCE(left_waiting_at, ?1) ELSE left_waiting_at END
         WHERE id = ?2 AND status IN ('waiting', 'active')
         RETURNING visitor_id",
        params![left_at, chat_id],
        |r| r.get(0),
    )?;
    if let Some(visitor_id) = visitor_id {
        announce(tx, chat_id, visitor_id, left_at)?;
    }
    Ok(())
}

/// At start-up nobody is on the site: every open chat's visitor is gone until they connect,
/// since their last sign of life the store kept (when the server stopped is not known). No
/// event: consoles get the list after they connect (`visitors_away`), and a widget coming
/// back announces itself, so a restart does not put a leave line in every dialog.
pub(super) fn all_visitors_gone(tx: &mut Tx<'_>) -> Result<(), OpError> {
    sql::exec(
        tx.conn,
        "UPDATE chats SET visitor_gone_at =
           (SELECT v.last_seen FROM visitors v WHERE v.id = chats.visitor_id)
         WHERE status IN ('waiting', 'active') AND visitor_gone_at IS NULL",
        [],
    )?;
    Ok(())
}

/// Open chat `chat_id` became live while its visitor was not on the site (a message left
/// offline, taken in): gone since their last sign of life, with its event, unless the chat
/// is marked already (a waiting chat whose visitor's leave was told) or no longer open.
pub(super) fn away_when_taken(tx: &mut Tx<'_>, chat_id: i64) -> Result<(), OpError> {
    let gone: Option<(i64, Millis)> = sql::row(
        tx.conn,
        "UPDATE chats SET visitor_gone_at =
           (SELECT v.last_seen FROM visitors v WHERE v.id = chats.visitor_id)
         WHERE id = ? AND status IN ('waiting', 'active') AND visitor_gone_at IS NULL
         RETURNING visitor_id, visitor_gone_at",
        [chat_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((visitor_id, left_at)) = gone {
        announce(tx, chat_id, visitor_id, Some(left_at))?;
    }
    Ok(())
}

fn announce(
    tx: &mut Tx<'_>,
    chat_id: i64,
    visitor_id: i64,
    left_at: Option<Millis>,
) -> Result<(), OpError> {
    let refs = Refs {
        chat_id: Some(chat_id),
        visitor_id: Some(visitor_id),
        operator_id: None,
    };
    let body = EventBody::VisitorPresence {
        chat_id,
        on_site: left_at.is_none(),
        left_at,
    };
    tx.emit(body, refs, None)?;
    Ok(())
}
