//! The rows statistics are computed from (`crate::stats`), read in one read transaction so
//! chats, their messages and presence agree with each other. Finished chats come as one
//! summary row each (`chat_facts`, filled by `chat_facts.rs`); only chats still open or
//! closed since its last pass are worked out from their messages.

use frontdesk_protocol::{Millis, OperatorStatus};
use sqlx::SqliteConnection;

use super::chat_facts;
use super::{ReadError, Store};
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

/// id, operator_id, department, created_at, closed_at, began offline.
type ChatColumns = (i64, Option<i64>, Option<String>, i64, Option<i64>, bool);

impl Store {
    /// Chats created in `[since, until)` (summarized or with their text messages), every
    /// operator status change before `until`, and the operators.
    pub async fn stats_data(&self, since: Millis, until: Millis) -> Result<StatsData, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let summarized = chat_facts::in_period(&mut tx, since, until).await?;
        let (chats, messages) =
            chats_with_messages(&mut tx, UNSUMMARIZED_IN_PERIOD, since, until).await?;
        let changes: Vec<(Option<i64>, i64, Option<String>)> = sqlx::query_as(
            "SELECT operator_id, ts, json_extract(payload, '$.status') FROM events
             WHERE kind = 'operator_status_changed' AND ts < ? ORDER BY ts, seq",
        )
        .bind(until)
        .fetch_all(&mut *tx)
        .await?;
        let operators: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, name, display_name FROM operators ORDER BY id")
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(StatsData {
            chats,
            messages,
            summarized,
            status_changes: changes
                .into_iter()
                .filter_map(|(operator_id, ts, status)| {
                    Some(StatusChange {
                        operator_id: operator_id?,
                        ts,
                        status: status_of(status.as_deref()?)?,
                    })
                })
                .collect(),
            operators: operators
                .into_iter()
                .map(|(id, name, display_name)| OperatorRow {
                    id,
                    name,
                    display_name,
                })
                .collect(),
        })
    }
}

/// The visitor chats whose ids `ids_sql` selects (binding `?1` and `?2` to `a` and `b`), by
/// id, and their text messages by chat then as stored. An offline message is told apart by
/// how it began: its `chat_created` event, found through the partial index by the chat's
/// creation time (the event and the row share it).
pub(super) async fn chats_with_messages(
    conn: &mut SqliteConnection,
    ids_sql: &str,
    a: i64,
    b: i64,
) -> Result<(Vec<ChatRow>, Vec<MessageRow>), sqlx::Error> {
    let chats: Vec<ChatColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT c.id, c.operator_id, c.department, c.created_at, c.closed_at,
                EXISTS (SELECT 1 FROM events e
                        WHERE e.kind = 'chat_created' AND e.ts = c.created_at
                          AND e.chat_id = c.id
                          AND json_extract(e.payload, '$.chat.status') = 'offline')
         FROM chats c WHERE c.id IN ({ids_sql}) AND c.kind = 'visitor' ORDER BY c.id"
    )))
    .bind(a)
    .bind(b)
    .fetch_all(&mut *conn)
    .await?;
    let messages: Vec<(i64, i64, String, Option<i64>)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT chat_id, ts, author_role, operator_id FROM messages
             WHERE chat_id IN ({ids_sql})
               AND kind = 'text' AND author_role IN ('visitor', 'operator')
             ORDER BY chat_id, id"
        )))
        .bind(a)
        .bind(b)
        .fetch_all(&mut *conn)
        .await?;
    let chats = chats
        .into_iter()
        .map(
            |(id, operator_id, department, created_at, closed_at, offline)| ChatRow {
                id,
                operator_id,
                department,
                created_at,
                closed_at,
                offline,
            },
        )
        .collect();
    let messages = messages
        .into_iter()
        .filter_map(|(chat_id, ts, role, operator_id)| {
            let writer = match (role.as_str(), operator_id) {
                ("visitor", _) => Writer::Visitor,
                ("operator", Some(id)) => Writer::Operator(id),
                _ => return None,
            };
            Some(MessageRow {
                chat_id,
                ts,
                writer,
            })
        })
        .collect();
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
