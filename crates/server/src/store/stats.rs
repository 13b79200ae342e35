//! The rows statistics are computed from (`crate::stats`), read in one read transaction so
//! chats, their messages and presence agree with each other. Finished chats come as one
//! summary row each (`chat_facts`, filled by `chat_facts.rs`); only chats still open or
//! closed since its last pass are worked out from their messages. The read runs on its own
//! thread with rusqlite (`bulk.rs`): a year is hundreds of thousands of rows.

use frontdesk_protocol::{Millis, OperatorStatus};
use rusqlite::{Connection, params};

use super::{ReadError, Store, bulk, chat_facts};
use crate::stats::rows::{ChatRow, MessageRow, OperatorRow, StatsData, StatusChange, Writer};

/// Visitor chats created in `[?1, ?2)` that have no summary row yet: open ones (listing the
/// statuses lets SQLite range over `chats_status(status, created_at)`), and those closed by
/// an event the summary has not reached.
const UNSUMMARIZED_IN_PERIOD: &str = "SELECT id FROM chats
     WHERE status IN ('waiting', 'active', 'offline') AND kind = 'visitor'
       AND created_at >= ?1 AND created_at < ?2
     UNION
     SELECT id FROM chats
     WHERE id IN (SELECT chat_id FROM events
                  WHERE seq > (SELECT event_seq FROM chat_facts_progress)
                    AND kind = 'chat_closed')
       AND kind = 'visitor' AND created_at >= ?1 AND created_at < ?2";

/// What presence in `[?1, ?2)` needs: each operator's last status change before the period
/// (the status they entered it with) and every change inside it, oldest first. Both come
/// through partial indexes of the status changes alone (migrations 0006 and 0010).
const STATUS_CHANGES: &str = "SELECT operator_id, ts, json_extract(payload, '$.status') FROM (
         SELECT e.seq, e.operator_id, e.ts, e.payload FROM operators o
         JOIN events e ON e.seq = (SELECT seq FROM events
                                   WHERE kind = 'operator_status_changed'
                                     AND operator_id = o.id AND ts < ?1
                                   ORDER BY ts DESC, seq DESC LIMIT 1)
         UNION ALL
         SELECT seq, operator_id, ts, payload FROM events
         WHERE kind = 'operator_status_changed' AND ts >= ?1 AND ts < ?2)
     ORDER BY ts, seq";

impl Store {
    /// Chats created in `[since, until)` (summarized or with their text messages), the
    /// operator status changes presence in the period needs, and the operators.
    pub async fn stats_data(&self, since: Millis, until: Millis) -> Result<StatsData, ReadError> {
        bulk::read(&self.path, move |conn| {
            let summarized = chat_facts::in_period(conn, since, until)?;
            let (chats, messages) =
                chats_with_messages(conn, UNSUMMARIZED_IN_PERIOD, since, until)?;
            Ok(StatsData {
                chats,
                messages,
                summarized,
                status_changes: status_changes(conn, since, until)?,
                operators: operators(conn)?,
            })
        })
        .await
    }
}

fn status_changes(
    conn: &Connection,
    since: Millis,
    until: Millis,
) -> rusqlite::Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare(STATUS_CHANGES)?;
    let rows = stmt.query_map(params![since, until], |row| {
        Ok((
            row.get::<_, Option<i64>>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (operator_id, ts, status) = row?;
        if let (Some(operator_id), Some(status)) =
            (operator_id, status.as_deref().and_then(status_of))
        {
            out.push(StatusChange {
                operator_id,
                ts,
                status,
            });
        }
    }
    Ok(out)
}

fn operators(conn: &Connection) -> rusqlite::Result<Vec<OperatorRow>> {
    let mut stmt = conn.prepare("SELECT id, name, display_name FROM operators ORDER BY id")?;
    stmt.query_map([], |row| {
        Ok(OperatorRow {
            id: row.get(0)?,
            name: row.get(1)?,
            display_name: row.get(2)?,
        })
    })?
    .collect()
}

/// The visitor chats whose ids `ids_sql` selects (binding `?1` and `?2` to `a` and `b`), by
/// id, and their text messages by chat then as stored. An offline message is told apart by
/// how it began: its `chat_created` event, found through the partial index by the chat's
/// creation time (the event and the row share it).
pub(super) fn chats_with_messages(
    conn: &Connection,
    ids_sql: &str,
    a: i64,
    b: i64,
) -> rusqlite::Result<(Vec<ChatRow>, Vec<MessageRow>)> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.operator_id, c.department, c.created_at, COALESCE(c.ended_at, c.closed_at),
                EXISTS (SELECT 1 FROM events e
                        WHERE e.kind = 'chat_created' AND e.ts = c.created_at
                          AND e.chat_id = c.id
                          AND json_extract(e.payload, '$.chat.status') = 'offline'),
                c.left_waiting_at IS NOT NULL, c.rating
         FROM chats c WHERE c.id IN ({ids_sql}) AND c.kind = 'visitor' ORDER BY c.id"
    ))?;
    let chats = stmt
        .query_map(params![a, b], |row| {
            Ok(ChatRow {
                id: row.get(0)?,
                operator_id: row.get(1)?,
                department: row.get(2)?,
                created_at: row.get(3)?,
                closed_at: row.get(4)?,
                offline: row.get(5)?,
                left_waiting: row.get(6)?,
                rating: (row.get::<_, Option<String>>(7)?.as_deref())
                    .and_then(frontdesk_protocol::Rating::from_stored),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT m.chat_id, m.ts, m.author_role = 'visitor', m.operator_id FROM messages m
         WHERE m.chat_id IN ({ids_sql})
           AND m.kind = 'text' AND m.author_role IN ('visitor', 'operator')
           -- The invitation a chat answered opens it as the inviter's line, written before
           -- the visitor said anything: it is no answer (no first response of zero).
           -- (Looked up by the id in the line's client id: one key lookup, for those lines only.)
           AND NOT (m.client_id LIKE 'invitation-%' AND EXISTS (
                    SELECT 1 FROM invitations i
                    WHERE i.id = CAST(substr(m.client_id, 12) AS INTEGER)
                      AND i.answered_chat_id = m.chat_id))
         ORDER BY m.chat_id, m.id"
    ))?;
    let rows = stmt.query_map(params![a, b], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, bool>(2)?,
            row.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let mut messages = Vec::new();
    for row in rows {
        let (chat_id, ts, by_visitor, operator_id) = row?;
        let writer = match (by_visitor, operator_id) {
            (true, _) => Writer::Visitor,
            (false, Some(id)) => Writer::Operator(id),
            (false, None) => continue,
        };
        messages.push(MessageRow {
            chat_id,
            ts,
            writer,
        });
    }
    Ok((chats, messages))
}

fn status_of(word: &str) -> Option<OperatorStatus> {
    match word {
        "online" => Some(OperatorStatus::Online),
        "away" => Some(OperatorStatus::Away),
        "offline" => Some(OperatorStatus::Offline),
        _ => None,
    }
}
