//! The rows statistics are computed from (`crate::stats`), read in one read transaction so
//! chats, their messages and presence agree with each other.

use frontdesk_protocol::{Millis, OperatorStatus};

use super::{ReadError, Store};
use crate::stats::rows::{ChatRow, MessageRow, OperatorRow, StatsData, StatusChange, Writer};

/// Visitor chats created in `[?, ?)`. Listing every status lets SQLite range over
/// `chats_status(status, created_at)` once per status instead of reading the whole table.
const CHATS_IN_PERIOD: &str = "SELECT id FROM chats
     WHERE status IN ('waiting', 'active', 'closed', 'offline') AND kind = 'visitor'
       AND created_at >= ?1 AND created_at < ?2";

/// id, operator_id, department, created_at, closed_at.
type ChatColumns = (i64, Option<i64>, Option<String>, i64, Option<i64>);

impl Store {
    /// Chats created in `[since, until)` with their text messages, every operator status
    /// change before `until`, and the operators.
    pub async fn stats_data(&self, since: Millis, until: Millis) -> Result<StatsData, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        // An offline message is told apart by how it began: its `chat_created` event.
        let offline: Vec<Option<i64>> = sqlx::query_scalar(
            "SELECT chat_id FROM events
             WHERE kind = 'chat_created' AND ts >= ? AND ts < ?
               AND json_extract(payload, '$.chat.status') = 'offline'",
        )
        .bind(since)
        .bind(until)
        .fetch_all(&mut *tx)
        .await?;
        let offline: std::collections::HashSet<i64> = offline.into_iter().flatten().collect();
        let chats: Vec<ChatColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, operator_id, department, created_at, closed_at FROM chats
                 WHERE id IN ({CHATS_IN_PERIOD}) ORDER BY id"
        )))
        .bind(since)
        .bind(until)
        .fetch_all(&mut *tx)
        .await?;
        let messages: Vec<(i64, i64, String, Option<i64>)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT chat_id, ts, author_role, operator_id FROM messages
                 WHERE chat_id IN ({CHATS_IN_PERIOD})
                   AND kind = 'text' AND author_role IN ('visitor', 'operator')
                 ORDER BY chat_id, id"
            )))
            .bind(since)
            .bind(until)
            .fetch_all(&mut *tx)
            .await?;
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
            chats: chats
                .into_iter()
                .map(
                    |(id, operator_id, department, created_at, closed_at)| ChatRow {
                        id,
                        operator_id,
                        department,
                        created_at,
                        closed_at,
                        offline: offline.contains(&id),
                    },
                )
                .collect(),
            messages: messages
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
                .collect(),
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

fn status_of(word: &str) -> Option<OperatorStatus> {
    match word {
        "online" => Some(OperatorStatus::Online),
        "away" => Some(OperatorStatus::Away),
        "offline" => Some(OperatorStatus::Offline),
        _ => None,
    }
}
