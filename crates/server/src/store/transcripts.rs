//! Reads for export: a chat whole, and the chats started in a period, within read rights.

use frontdesk_protocol::transcript::{
    ChatList, MAX_CHAT_LIST, MAX_TRANSCRIPT_MESSAGES, Transcript,
};
use frontdesk_protocol::{ChatSummary, Message};

use super::audience::{self, Reader};
use super::rows::{self, MESSAGE_SELECT, MessageRow, WHISPERS_FOR_READER};
use super::{ReadError, Store};

/// What asking for a transcript found.
#[derive(Debug)]
pub enum TranscriptRead {
    Found(Box<Transcript>),
    NoSuchChat,
    /// A colleague's active chat, for a plain operator.
    Forbidden,
}

/// Which chats `GET /api/chats` lists.
#[derive(Debug, Clone, Default)]
pub struct ChatQuery {
    /// Started at or after (ms).
    pub since: i64,
    /// Started before (ms).
    pub until: i64,
    pub department: Option<String>,
    /// Login name of the operator who has (or had) the chat.
    pub operator: Option<String>,
    /// Only chats with a larger id (the previous page's `next_after`).
    pub after: i64,
    pub limit: u32,
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    chat: rows::ChatRow,
    messages: i64,
    preview: Option<String>,
    operator_name: Option<String>,
    offered_to: Option<i64>,
    rating: Option<String>,
}

impl Store {
    /// One chat with its visitor and messages, oldest first, bounded.
    pub async fn transcript(
        &self,
        reader: Reader,
        chat_id: i64,
    ) -> Result<TranscriptRead, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let Some(chat) = rows::chat(&mut tx, chat_id).await? else {
            return Ok(TranscriptRead::NoSuchChat);
        };
        let offered = audience::offered_to(&mut tx, chat_id).await?;
        if !audience::may_read(reader, &chat, offered) {
            return Ok(TranscriptRead::Forbidden);
        }
        let Some(visitor) = rows::visitor_profile(&mut tx, chat.visitor_id).await? else {
            return Ok(TranscriptRead::NoSuchChat);
        };
        let cap = i64::from(MAX_TRANSCRIPT_MESSAGES);
        let mut found: Vec<MessageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MESSAGE_SELECT} WHERE m.chat_id = ? {WHISPERS_FOR_READER} ORDER BY m.id LIMIT ?"
        )))
        .bind(chat_id)
        .bind(reader.supervisor)
        .bind(reader.operator_id)
        .bind(cap + 1)
        .fetch_all(&mut *tx)
        .await?;
        let (rating, rating_comment): (Option<String>, Option<String>) =
            sqlx::query_as("SELECT rating, rating_comment FROM chats WHERE id = ?")
                .bind(chat_id)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        let truncated = found.len() > MAX_TRANSCRIPT_MESSAGES as usize;
        found.truncate(MAX_TRANSCRIPT_MESSAGES as usize);
        Ok(TranscriptRead::Found(Box::new(Transcript {
            chat,
            visitor,
            messages: found.into_iter().map(Message::from).collect(),
            truncated,
            rating: rating
                .as_deref()
                .and_then(frontdesk_protocol::Rating::from_stored),
            rating_comment,
        })))
    }

    /// A page of the chats started in `[since, until)`, oldest first. A chat the reader may
    /// not read is left out (the page may come out shorter; `next_after` still moves on).
    pub async fn chats_between(
        &self,
        reader: Reader,
        query: &ChatQuery,
    ) -> Result<ChatList, ReadError> {
        let limit = i64::from(query.limit.clamp(1, MAX_CHAT_LIST));
        let found: Vec<ListedRow> = sqlx::query_as(
            "SELECT c.id, c.visitor_id, c.status, c.operator_id, c.department, c.created_at,
                    c.accepted_at, c.closed_at, c.queued_at,
                    (SELECT COUNT(*) FROM messages m WHERE m.chat_id = c.id) AS messages,
                    (SELECT substr(m.body, 1, 120) FROM messages m
                      WHERE m.chat_id = c.id AND m.author_role = 'visitor' ORDER BY m.id LIMIT 1)
                      AS preview,
                    o.display_name AS operator_name,
                    (SELECT t.to_operator_id FROM transfer_offers t WHERE t.chat_id = c.id)
                      AS offered_to,
                    c.rating
             FROM chats c LEFT JOIN operators o ON o.id = c.operator_id
             WHERE c.id > ? AND c.created_at >= ? AND c.created_at < ?
               AND (? IS NULL OR c.department = ?)
               AND (? IS NULL OR o.name = ?)
             ORDER BY c.id LIMIT ?",
        )
        .bind(query.after)
        .bind(query.since)
        .bind(query.until)
        .bind(query.department.as_deref())
        .bind(query.department.as_deref())
        .bind(query.operator.as_deref())
        .bind(query.operator.as_deref())
        .bind(limit + 1)
        .fetch_all(&self.readers)
        .await?;
        let more = found.len() > limit as usize;
        let page: Vec<ListedRow> = found.into_iter().take(limit as usize).collect();
        let next_after = more.then(|| page.last().map(|r| r.chat.id)).flatten();
        let chats = page
            .into_iter()
            .filter_map(|r| {
                let chat = frontdesk_protocol::Chat::from(r.chat);
                audience::may_read(reader, &chat, r.offered_to).then(|| ChatSummary {
                    chat,
                    messages: u32::try_from(r.messages).unwrap_or(u32::MAX),
                    preview: r.preview,
                    operator_name: r.operator_name,
                    rating: r
                        .rating
                        .as_deref()
                        .and_then(frontdesk_protocol::Rating::from_stored),
                })
            })
            .collect();
        Ok(ChatList { chats, next_after })
    }
}
