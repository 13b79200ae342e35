//! The operator snapshot, read in one transaction and bounded whatever visitors write: every
//! open chat and the newest chats closed in the last day, each with only its latest messages
//! within a byte budget and the latest pages of its visitor's trail. Older messages come page
//! by page with `history`, older closed chats through the visitor's earlier chats.
//!
//! Chats are handed on one by one as they are read, already encoded, so the first frame can
//! leave before the last chat is read; the reading never waits for the socket, so a slow
//! console does not hold a reader connection.

use frontdesk_protocol::{ChatState, Message, OperatorInfo, PageView, Seq};
use sqlx::{Acquire, SqliteConnection, SqlitePool};
use tokio::sync::mpsc::UnboundedSender;

use super::now_ms;
use super::read::page;
use super::rows::{self, CHAT_COLUMNS, ChatRow, OPERATOR_COLUMNS, OperatorRow};

/// At most this many of a chat's latest messages: a pane's worth.
pub const MESSAGES_PER_CHAT: i64 = 30;
/// And only while their texts add up to this many bytes; the newest message always comes, so a
/// chat holds at most this or one message (itself bounded by `max_message_chars`).
pub const TEXT_BYTES_PER_CHAT: usize = 16 * 1024;
/// The visitor's latest pages while their URLs, titles, referrers and queries add up to this
/// (the newest page always comes).
pub const PAGE_BYTES_PER_CHAT: usize = 8 * 1024;
/// Closed chats carried: the newest ones closed in the last day.
pub const CLOSED_CHATS: i64 = 50;
const CLOSED_RECENTLY_MS: i64 = 24 * 60 * 60 * 1000;

/// What the reading hands on, in this order: the `seq` the snapshot is as of, each chat as
/// JSON, then the operators as a JSON array. A channel closed before `Operators` means the
/// reading failed.
#[derive(Debug)]
pub enum Item {
    Seq(Seq),
    Chat(String),
    Operators(String),
}

/// Reads the snapshot into `out`. Stops early, without error, when `out` is closed.
pub async fn read(pool: &SqlitePool, out: UnboundedSender<Item>) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    // One read transaction: everything below is as of the same commit.
    let mut tx = conn.begin().await?;
    let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events")
        .fetch_one(&mut *tx)
        .await?;
    if out
        .send(Item::Seq(Seq::try_from(head).unwrap_or_default()))
        .is_err()
    {
        return Ok(());
    }
    for row in chats(&mut tx).await? {
        let state = chat_state(&mut tx, row).await?;
        if out.send(Item::Chat(json(&state)?)).is_err() {
            return Ok(());
        }
    }
    let operators: Vec<OperatorRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OPERATOR_COLUMNS} FROM operators WHERE disabled = 0 ORDER BY id"
    )))
    .fetch_all(&mut *tx)
    .await?;
    let operators: Vec<OperatorInfo> = operators.into_iter().map(OperatorInfo::from).collect();
    tx.commit().await?;
    let _ = out.send(Item::Operators(json(&operators)?));
    Ok(())
}

/// Open chats (waiting, active, offline messages) oldest first, then the newest closed ones.
async fn chats(conn: &mut SqliteConnection) -> Result<Vec<ChatRow>, sqlx::Error> {
    let mut open: Vec<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS} FROM chats
         WHERE kind = 'visitor' AND status IN ('waiting', 'active', 'offline')
         ORDER BY created_at"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let closed: Vec<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS} FROM chats
         WHERE kind = 'visitor' AND status = 'closed' AND closed_at > ?
         ORDER BY closed_at DESC, id DESC LIMIT ?"
    )))
    .bind(now_ms() - CLOSED_RECENTLY_MS)
    .bind(CLOSED_CHATS)
    .fetch_all(&mut *conn)
    .await?;
    open.extend(closed);
    Ok(open)
}

async fn chat_state(conn: &mut SqliteConnection, row: ChatRow) -> Result<ChatState, sqlx::Error> {
    let chat = frontdesk_protocol::Chat::from(row);
    let mut visitor = rows::visitor_profile(conn, chat.visitor_id)
        .await?
        .unwrap_or_default();
    visitor.pages = latest_pages(std::mem::take(&mut visitor.pages));
    let (messages, _) = page(conn, chat.id, None, MESSAGES_PER_CHAT, true).await?;
    Ok(ChatState {
        chat,
        visitor,
        messages: latest_messages(messages),
    })
}

/// The newest messages (given oldest first) within [`TEXT_BYTES_PER_CHAT`], at least one.
fn latest_messages(mut messages: Vec<Message>) -> Vec<Message> {
    let sizes: Vec<usize> = messages.iter().map(|m| m.text.len()).collect();
    messages.drain(..skip_oldest(&sizes, TEXT_BYTES_PER_CHAT));
    messages
}

/// The newest pages (given oldest first) within [`PAGE_BYTES_PER_CHAT`], at least one.
fn latest_pages(mut pages: Vec<PageView>) -> Vec<PageView> {
    let size = |p: &PageView| {
        let optional = [&p.title, &p.referrer, &p.search_query];
        p.url.len()
            + optional
                .iter()
                .map(|t| t.as_ref().map_or(0, String::len))
                .sum::<usize>()
    };
    let sizes: Vec<usize> = pages.iter().map(size).collect();
    pages.drain(..skip_oldest(&sizes, PAGE_BYTES_PER_CHAT));
    pages
}

/// How many of the oldest items to leave out so the rest fit `budget`; the newest always stays.
fn skip_oldest(sizes: &[usize], budget: usize) -> usize {
    let mut total = 0;
    for (from_end, size) in sizes.iter().rev().enumerate() {
        total += size;
        if total > budget && from_end > 0 {
            return sizes.len() - from_end;
        }
    }
    0
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Protocol(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_items_that_fit_stay_and_the_newest_always() {
        assert_eq!(skip_oldest(&[], 10), 0);
        assert_eq!(skip_oldest(&[3, 3, 3], 10), 0);
        assert_eq!(skip_oldest(&[3, 3, 3, 3], 10), 1);
        assert_eq!(skip_oldest(&[9, 1, 5, 5], 10), 2);
        // One item over the budget on its own still comes, alone.
        assert_eq!(skip_oldest(&[1, 1, 50], 10), 2);
        assert_eq!(skip_oldest(&[50], 10), 0);
    }
}
