//! The operators' own chat: the team room (every operator) and one-to-one lines (their two
//! operators only), kept in `team_messages`; each line is a `team_message_posted` event whose
//! audience says who gets it, live and on replay.

use frontdesk_protocol::{ErrorCode, EventBody, OperatorInfo, Seq, TeamMessage};
use sqlx::{FromRow, SqliteConnection};

use super::audience::Audience;
use super::emit::{Refs, Tx};
use super::{Ack, OpError, ReadError, Store, sql, writer_rows};

/// Largest `team_history` page.
const MAX_PAGE: u32 = 200;
/// Lines in `team_recent`.
pub const RECENT: i64 = 100;

/// Posts a line to the room (`to` none) or to one colleague.
pub fn post(
    tx: &mut Tx<'_>,
    me: &OperatorInfo,
    to: Option<i64>,
    text: &str,
    client_id: &str,
) -> Result<Ack, OpError> {
    let audience = match to {
        None => Audience::Everyone,
        Some(to) if to == me.id => {
            return Err(OpError::new(
                ErrorCode::InvalidFrame,
                "a one-to-one line goes to a colleague, not to yourself",
            ));
        }
        Some(to) => {
            writer_rows::operator(tx.conn, to)?
                .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no operator {to}")))?;
            Audience::Only {
                operators: vec![me.id, to],
                supervisors: false,
            }
        }
    };
    let seq = tx.alloc_seq();
    let id: i64 = sql::insert(
        tx.conn,
        "INSERT INTO team_messages (seq, ts, from_operator_id, to_operator_id, body, client_id)
         VALUES (?, ?, ?, ?, ?, ?)",
        rusqlite::params![sql::seq_column(seq), tx.now, me.id, to, text, client_id],
    )?;
    let message = TeamMessage {
        id,
        seq,
        ts: tx.now,
        from_operator_id: me.id,
        from_name: me.display_name.clone(),
        to_operator_id: to,
        text: text.to_owned(),
        client_id: Some(client_id.to_owned()),
    };
    let refs = Refs {
        operator_id: Some(me.id),
        ..Refs::default()
    };
    let body = EventBody::TeamMessagePosted { message };
    tx.emit_at(seq, body, refs, audience, None)?;
    Ok(Ack {
        seq: Some(seq),
        chat_id: None,
        message_id: Some(id),
    })
}

#[derive(FromRow)]
struct Row {
    id: i64,
    seq: i64,
    ts: i64,
    from_operator_id: i64,
    from_name: String,
    to_operator_id: Option<i64>,
    body: String,
    client_id: Option<String>,
}

impl From<Row> for TeamMessage {
    fn from(r: Row) -> Self {
        TeamMessage {
            id: r.id,
            seq: Seq::try_from(r.seq).unwrap_or_default(),
            ts: r.ts,
            from_operator_id: r.from_operator_id,
            from_name: r.from_name,
            to_operator_id: r.to_operator_id,
            text: r.body,
            client_id: r.client_id,
        }
    }
}

const SELECT: &str = "SELECT t.id, t.seq, t.ts, t.from_operator_id, o.display_name AS from_name,
    t.to_operator_id, t.body, t.client_id
    FROM team_messages t JOIN operators o ON o.id = t.from_operator_id";

impl Store {
    /// A page of the room (`with` none) or of `me`'s one-to-one lines with `with`, before team
    /// message id `before`, oldest first; and whether older ones exist.
    pub async fn team_history(
        &self,
        me: i64,
        with: Option<i64>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<TeamMessage>, bool), ReadError> {
        let limit = i64::from(limit.clamp(1, MAX_PAGE));
        let before = before.unwrap_or(i64::MAX);
        let query = match with {
            None => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE t.to_operator_id IS NULL AND t.id < ? ORDER BY t.id DESC LIMIT ?"
            )))
            .bind(before),
            Some(with) => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE t.id < ? AND ((t.from_operator_id = ? AND t.to_operator_id = ?)
                   OR (t.from_operator_id = ? AND t.to_operator_id = ?))
                 ORDER BY t.id DESC LIMIT ?"
            )))
            .bind(before)
            .bind(me)
            .bind(with)
            .bind(with)
            .bind(me),
        };
        let mut rows = query.bind(limit + 1).fetch_all(&self.readers).await?;
        let more = rows.len() > usize::try_from(limit).unwrap_or(0);
        rows.truncate(usize::try_from(limit).unwrap_or(0));
        Ok((oldest_first(rows), more))
    }

    /// The newest [`RECENT`] lines of the room and of `me`'s one-to-one chats, oldest first.
    pub async fn team_recent(&self, me: i64) -> Result<Vec<TeamMessage>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        Ok(recent(&mut conn, me).await?)
    }
}

async fn recent(conn: &mut SqliteConnection, me: i64) -> Result<Vec<TeamMessage>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.to_operator_id IS NULL OR t.to_operator_id = ? OR t.from_operator_id = ?
         ORDER BY t.id DESC LIMIT ?"
    )))
    .bind(me)
    .bind(me)
    .bind(RECENT)
    .fetch_all(&mut *conn)
    .await?;
    Ok(oldest_first(rows))
}

/// Rows are read newest first; clients get them oldest first.
fn oldest_first(rows: Vec<Row>) -> Vec<TeamMessage> {
    rows.into_iter().rev().map(TeamMessage::from).collect()
}
