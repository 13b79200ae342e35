//! The operator snapshot, read in one transaction and bounded whatever visitors write: every
//! open chat and the newest chats closed in the last day, each with only its latest messages
//! within a byte budget and the latest pages of its visitor's trail. Older messages come page
//! by page with `history`, older closed chats through the visitor's earlier chats.
//!
//! Chats are handed on one by one as they are read, already encoded, so the first frame can
//! leave before the last chat is read; the reading never waits for the socket, so a slow
//! console does not hold a reader connection.

use std::collections::{HashMap, HashSet};

use frontdesk_protocol::{
    Chat, ChatState, FormerOperator, Message, OperatorInfo, PageView, Seq, VisitorProfile,
};
use sqlx::{Acquire, SqliteConnection, SqlitePool};
use tokio::sync::mpsc::UnboundedSender;

use super::audience::{Reader, may_read};
use super::rows::{
    CHAT_COLUMNS, ChatRow, MESSAGE_COLUMNS, MessageRow, OPERATOR_COLUMNS, OperatorRow,
    PAGE_COLUMNS, PAGE_TRAIL, PageRow, VISITOR_SELECT, VisitorRow, WHISPERS_FOR_READER,
};
use super::{ReadError, Store, now_ms};

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
/// Chats read together: each batch costs three queries whatever its size (one query per chat
/// and table was most of the time of a 1,000-chat snapshot). The first batch is small, about a
/// frame's worth, so the first frame leaves soon; batches then double up to the largest.
const FIRST_BATCH: usize = 8;
const BATCH: usize = 64;

/// What the reading hands on, in this order: the `seq` the snapshot is as of, each chat as
/// JSON, then the operators. A channel closed before `Operators` means the reading failed.
#[derive(Debug)]
pub enum Item {
    Seq(Seq),
    Chat(String),
    Operators {
        /// The enabled accounts, as a JSON array.
        operators: String,
        /// The disabled ones, as a JSON array, or `None` when there are none.
        former: Option<String>,
    },
}

impl Store {
    /// Reads the snapshot as `reader` may read it into `out`: a chat they may not read comes
    /// without messages (`audience.rs`). Stops early, without error, when `out` is closed.
    pub async fn read_snapshot(
        &self,
        reader: Reader,
        out: UnboundedSender<Item>,
    ) -> Result<(), ReadError> {
        Ok(read(&self.readers, reader, out).await?)
    }
}

async fn read(
    pool: &SqlitePool,
    reader: Reader,
    out: UnboundedSender<Item>,
) -> Result<(), sqlx::Error> {
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
    let rows = chats(&mut tx).await?;
    let marks: HashMap<i64, Marks> = rows
        .iter()
        .map(|r| {
            let marks = Marks {
                seen_id: r.seen_id,
                held_at: r.held_at,
            };
            (r.chat.id, marks)
        })
        .collect();
    let chats: Vec<Chat> = rows.into_iter().map(|r| Chat::from(r.chat)).collect();
    let offered: HashSet<i64> =
        sqlx::query_scalar("SELECT chat_id FROM transfer_offers WHERE to_operator_id = ?")
            .bind(reader.operator_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let readable = |chat: &Chat| {
        let offered_to = offered.contains(&chat.id).then_some(reader.operator_id);
        may_read(reader, chat, offered_to)
    };
    let (mut from, mut size) = (0, FIRST_BATCH);
    while from < chats.len() {
        let batch = &chats[from..chats.len().min(from + size)];
        for state in chat_states(&mut tx, batch, reader, &readable, &marks).await? {
            if out.send(Item::Chat(json(&state)?)).is_err() {
                return Ok(());
            }
        }
        from += batch.len();
        size = (size * 2).min(BATCH);
    }
    let operators: Vec<OperatorRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {OPERATOR_COLUMNS} FROM operators WHERE disabled = 0 ORDER BY id"
    )))
    .fetch_all(&mut *tx)
    .await?;
    let operators: Vec<OperatorInfo> = operators.into_iter().map(OperatorInfo::from).collect();
    // Disabled accounts only by name: their chats, notes and bans still show them.
    let former: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, display_name FROM operators WHERE disabled = 1 ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let former: Vec<FormerOperator> = former
        .into_iter()
        .map(|(id, name, display_name)| FormerOperator {
            id,
            name,
            display_name,
        })
        .collect();
    tx.commit().await?;
    let former = (!former.is_empty()).then(|| json(&former)).transpose()?;
    let operators = json(&operators)?;
    let _ = out.send(Item::Operators { operators, former });
    Ok(())
}

/// A chat as the snapshot reads it: with what only the snapshot carries of it.
#[derive(sqlx::FromRow)]
struct SnapshotChat {
    #[sqlx(flatten)]
    chat: ChatRow,
    seen_id: Option<i64>,
    held_at: Option<i64>,
}

/// How far its visitor has seen a chat (`ChatState::seen_id`) and when its operator took it
/// on (`ChatState::held_at`).
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    seen_id: Option<i64>,
    held_at: Option<i64>,
}

/// Open chats (waiting, active, offline messages) oldest first, then the newest closed ones.
async fn chats(conn: &mut SqliteConnection) -> Result<Vec<SnapshotChat>, sqlx::Error> {
    let mut open: Vec<SnapshotChat> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS}, seen_id, held_at FROM chats
         WHERE kind = 'visitor' AND status IN ('waiting', 'active', 'offline')
         ORDER BY created_at"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let closed: Vec<SnapshotChat> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {CHAT_COLUMNS}, seen_id, held_at FROM chats
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

/// The chats with their visitors and latest messages (of the `readable` ones, with how far
/// their visitor has seen them), and when each was taken on, in the order given.
async fn chat_states(
    conn: &mut SqliteConnection,
    chats: &[Chat],
    reader: Reader,
    readable: impl Fn(&Chat) -> bool,
    marks: &HashMap<i64, Marks>,
) -> Result<Vec<ChatState>, sqlx::Error> {
    let marks = |chat: &Chat| marks.get(&chat.id).copied().unwrap_or_default();
    let mut visitor_ids: Vec<i64> = chats.iter().map(|c| c.visitor_id).collect();
    visitor_ids.sort_unstable();
    visitor_ids.dedup();
    let visitors = profiles(conn, &visitor_ids).await?;
    let chat_ids: Vec<i64> = chats.iter().filter(|c| readable(c)).map(|c| c.id).collect();
    let mut messages = latest_rows(conn, &chat_ids, reader).await?;
    let mut mails = super::mail_outbox::latest(conn, &chat_ids).await?;
    Ok(chats
        .iter()
        .map(|chat| ChatState {
            chat: chat.clone(),
            visitor: visitors.get(&chat.visitor_id).cloned().unwrap_or_default(),
            messages: latest_messages(messages.remove(&chat.id).unwrap_or_default()),
            mail: mails.remove(&chat.id),
            seen_id: marks(chat).seen_id.filter(|_| readable(chat)),
            held_at: marks(chat).held_at,
        })
        .collect())
}

/// The visitors' profiles, each with its latest pages within the budget.
async fn profiles(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> Result<HashMap<i64, VisitorProfile>, sqlx::Error> {
    let ids = json(&ids)?;
    let rows: Vec<VisitorRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {VISITOR_SELECT} FROM visitors v WHERE v.id IN (SELECT value FROM json_each(?))"
    )))
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    // Each visitor's latest PAGE_TRAIL pages: from the id of the last one wanted, by index.
    let pages: Vec<PageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PAGE_COLUMNS} FROM json_each(?) j JOIN page_views p ON p.visitor_id = j.value
           AND p.id >= COALESCE((SELECT x.id FROM page_views x WHERE x.visitor_id = j.value
                                 ORDER BY x.id DESC LIMIT 1 OFFSET ?), 0)
         ORDER BY p.id"
    )))
    .bind(&ids)
    .bind(PAGE_TRAIL - 1)
    .fetch_all(&mut *conn)
    .await?;
    let mut trails: HashMap<i64, Vec<PageView>> = HashMap::new();
    for page in pages {
        trails.entry(page.visitor_id).or_default().push(page.into());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let pages = latest_pages(trails.remove(&row.id).unwrap_or_default());
            (row.id, row.profile(pages))
        })
        .collect())
}

/// Each chat's latest [`MESSAGES_PER_CHAT`] messages `reader` may read (notes too, whispers
/// for them), oldest first.
async fn latest_rows(
    conn: &mut SqliteConnection,
    chat_ids: &[i64],
    reader: Reader,
) -> Result<HashMap<i64, Vec<Message>>, sqlx::Error> {
    if chat_ids.is_empty() {
        return Ok(HashMap::new());
    }
    // A whisper for someone else is left out before counting, so it takes no place.
    let theirs = "(x.kind != 'whisper' OR ? OR x.for_operator_id = ?)";
    let rows: Vec<MessageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MESSAGE_COLUMNS}
         FROM json_each(?) j JOIN chats c ON c.id = j.value
         JOIN messages m ON m.chat_id = c.id
           AND m.id >= COALESCE((SELECT x.id FROM messages x WHERE x.chat_id = c.id AND {theirs}
                                 ORDER BY x.id DESC LIMIT 1 OFFSET ?), 0)
         LEFT JOIN operators o ON o.id = m.operator_id
         LEFT JOIN visitors v ON v.id = c.visitor_id
         WHERE 1 {WHISPERS_FOR_READER}
         ORDER BY m.id"
    )))
    .bind(json(&chat_ids)?)
    .bind(reader.supervisor)
    .bind(reader.operator_id)
    .bind(MESSAGES_PER_CHAT - 1)
    .bind(reader.supervisor)
    .bind(reader.operator_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_chat: HashMap<i64, Vec<Message>> = HashMap::new();
    for row in rows {
        let message = Message::from(row);
        by_chat.entry(message.chat_id).or_default().push(message);
    }
    Ok(by_chat)
}

/// The newest messages (given oldest first) within [`TEXT_BYTES_PER_CHAT`], at least one.
fn latest_messages(mut messages: Vec<Message>) -> Vec<Message> {
    let sizes: Vec<usize> = messages.iter().map(|m| m.text.len()).collect();
    messages.drain(..skip_oldest(&sizes, TEXT_BYTES_PER_CHAT));
    messages
}

/// The newest pages (given oldest first) within [`PAGE_BYTES_PER_CHAT`], at least one.
pub(super) fn latest_pages(mut pages: Vec<PageView>) -> Vec<PageView> {
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
