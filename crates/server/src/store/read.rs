//! Queries on the reader pool, as [`Store`] methods: logins, replay, history (the snapshot is
//! in `snapshot.rs`).

use frontdesk_protocol::{ChatSummary, Message, OperatorInfo, Seq};

use super::audience::{self, Audience, Reader};
use super::rows::{self, ChatRow, MESSAGE_SELECT, MessageRow};
use super::stamped::{Stamped, first_key_at};
use super::{ReadError, Store, now_ms};

/// Largest history page.
const MAX_PAGE: u32 = 200;

impl Store {
    /// The newest stored event's `seq` (0 for an empty database).
    pub async fn head_seq(&self) -> Result<Seq, ReadError> {
        let head: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events")
            .fetch_one(&self.readers)
            .await?;
        Ok(Seq::try_from(head).unwrap_or_default())
    }

    /// The first stored event whose time is at or after `at` (ms), or `None` when all are
    /// older: a binary search over `seq` (`stamped.rs`), in one transaction.
    pub async fn first_seq_at(&self, at: i64) -> Result<Option<Seq>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let first = first_key_at(&mut tx, Stamped::Events, at).await?;
        tx.commit().await?;
        Ok(first.map(|seq| Seq::try_from(seq).unwrap_or_default()))
    }

    /// The operator with this name and its password hash, if the account is enabled.
    pub async fn operator_by_name(
        &self,
        name: &str,
    ) -> Result<Option<(OperatorInfo, String)>, ReadError> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, password_hash FROM operators WHERE name = ? AND disabled = 0",
        )
        .bind(name)
        .fetch_optional(&self.readers)
        .await?;
        let Some((id, hash)) = row else {
            return Ok(None);
        };
        let mut conn = self.readers.acquire().await?;
        Ok(rows::operator(&mut conn, id).await?.map(|op| (op, hash)))
    }

    /// The operator behind a live session token hash.
    pub async fn session_operator(
        &self,
        token_hash: &str,
    ) -> Result<Option<OperatorInfo>, ReadError> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT operator_id FROM sessions WHERE token_hash = ? AND expires_at > ?",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&self.readers)
        .await?;
        let Some(id) = id else { return Ok(None) };
        let mut conn = self.readers.acquire().await?;
        Ok(rows::operator(&mut conn, id).await?)
    }

    /// Stored events after `since`, oldest first, with who each is for.
    pub async fn events_after(&self, since: Seq, limit: i64) -> Result<Vec<Replayed>, ReadError> {
        let rows: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
            "SELECT seq, ts, payload, audience FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(i64::try_from(since).unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.readers)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(seq, ts, payload, audience)| Replayed {
                seq: Seq::try_from(seq).unwrap_or_default(),
                ts,
                payload,
                audience: Audience::from_column(audience.as_deref()),
            })
            .collect())
    }

    /// Operator history of one chat, as `reader` may read it (whispers only for the operator
    /// each was for and supervisors). `None`: `reader` may not read this chat (a colleague's
    /// active chat not offered to them). An unknown chat is an empty page.
    pub async fn chat_history(
        &self,
        reader: Reader,
        chat_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Option<(Vec<Message>, bool)>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        if let Some(chat) = rows::chat(&mut tx, chat_id).await? {
            let offered = audience::offered_to(&mut tx, chat_id).await?;
            if !audience::may_read(reader, &chat, offered) {
                return Ok(None);
            }
        }
        let limit = i64::from(limit.clamp(1, MAX_PAGE));
        let read = page(&mut tx, chat_id, before, limit, Some(reader)).await?;
        tx.commit().await?;
        Ok(Some(read))
    }

    /// The visitor-visible messages of one chat, latest `limit`.
    pub async fn visitor_chat_messages(
        &self,
        chat_id: i64,
        limit: u32,
    ) -> Result<Vec<Message>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        Ok(page(&mut conn, chat_id, None, i64::from(limit), None)
            .await?
            .0)
    }

    /// A page of a visitor's own messages across all their chats, never notes.
    pub async fn visitor_history(
        &self,
        visitor_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<Message>, bool), ReadError> {
        let limit = i64::from(limit.clamp(1, MAX_PAGE));
        let rows: Vec<MessageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MESSAGE_SELECT} WHERE c.visitor_id IN ({LINKED_VISITORS}) AND m.id < ?2
               AND m.kind = 'text'
             ORDER BY m.id DESC LIMIT ?3"
        )))
        .bind(visitor_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(&self.readers)
        .await?;
        Ok(oldest_first(page_of(rows, limit)))
    }

    /// The open chats a visitor may be present in (waiting or active), as `(chat, visitor,
    /// when the visitor was last seen leaving)`.
    pub async fn live_chats(
        &self,
    ) -> Result<Vec<(i64, i64, Option<frontdesk_protocol::Millis>)>, ReadError> {
        Ok(sqlx::query_as(
            "SELECT id, visitor_id, visitor_gone_at FROM chats
             WHERE status IN ('waiting', 'active') ORDER BY id",
        )
        .fetch_all(&self.readers)
        .await?)
    }

    /// Every transfer offer not yet taken or turned down.
    pub async fn transfer_offers(
        &self,
    ) -> Result<Vec<frontdesk_protocol::TransferOffer>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        Ok(super::transfers::open_offers(&mut conn).await?)
    }

    /// The configured departments with their operators' ids (a login with no account, or a
    /// disabled one, is left out).
    pub async fn departments(
        &self,
        routing: &crate::routing::RoutingConfig,
    ) -> Result<Vec<frontdesk_protocol::DepartmentInfo>, ReadError> {
        if routing.departments.is_empty() {
            return Ok(Vec::new());
        }
        let ids: std::collections::HashMap<String, i64> =
            sqlx::query_as("SELECT name, id FROM operators WHERE disabled = 0")
                .fetch_all(&self.readers)
                .await?
                .into_iter()
                .collect();
        Ok(routing
            .departments
            .iter()
            .map(|d| frontdesk_protocol::DepartmentInfo {
                key: d.key.clone(),
                title: d.shown_name().to_owned(),
                operator_ids: d
                    .operators
                    .iter()
                    .filter_map(|l| ids.get(l).copied())
                    .collect(),
            })
            .collect())
    }

    /// The visitor a chat belongs to, and its operator (if taken and not closed).
    pub async fn chat_parties(
        &self,
        chat_id: i64,
    ) -> Result<Option<(i64, Option<i64>)>, ReadError> {
        let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT visitor_id, CASE WHEN status = 'active' THEN operator_id END
             FROM chats WHERE id = ?",
        )
        .bind(chat_id)
        .fetch_optional(&self.readers)
        .await?;
        Ok(row.and_then(|(visitor, operator)| Some((visitor?, operator))))
    }

    /// Invitations sent, answered and dismissed, per rule (`None`: operators' own).
    pub async fn invitation_counts(
        &self,
    ) -> Result<Vec<frontdesk_protocol::rest::InvitationCount>, ReadError> {
        let rows: Vec<(Option<String>, i64, i64, i64)> = sqlx::query_as(
            "SELECT rule, COUNT(*), COUNT(answered_chat_id), COUNT(dismissed_at)
             FROM invitations GROUP BY rule ORDER BY rule",
        )
        .fetch_all(&self.readers)
        .await?;
        let count = |n: i64| u64::try_from(n).unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(
                |(rule, hits, conversions, dismissed)| frontdesk_protocol::rest::InvitationCount {
                    rule,
                    hits: count(hits),
                    conversions: count(conversions),
                    dismissed: count(dismissed),
                },
            )
            .collect())
    }

    /// A visitor's profile with their page trail (the on-site list starts from it).
    pub async fn visitor_profile(
        &self,
        visitor_id: i64,
    ) -> Result<Option<frontdesk_protocol::VisitorProfile>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        Ok(rows::visitor_profile(&mut conn, visitor_id).await?)
    }

    /// The visitor's open chat, if any, and who reads it (see `audience.rs`).
    pub async fn open_chat_readers(
        &self,
        visitor_id: i64,
    ) -> Result<Option<(i64, Audience)>, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let chat: Option<ChatRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM chats WHERE visitor_id = ? AND status IN ('waiting', 'active')",
            rows::CHAT_COLUMNS
        )))
        .bind(visitor_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(chat) = chat.map(frontdesk_protocol::Chat::from) else {
            return Ok(None);
        };
        let readers = audience::of_chat(&mut tx, &chat).await?;
        tx.commit().await?;
        Ok(Some((chat.id, readers)))
    }

    /// A page of a visitor's chats, newest first, before chat id `before`; and whether older
    /// ones exist.
    /// A visitor's chats for `reader`; a chat they may not read (a colleague's active one)
    /// comes without its preview, which is the visitor's first words in it.
    pub async fn visitor_chats(
        &self,
        reader: Reader,
        visitor_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<ChatSummary>, bool), ReadError> {
        let limit = i64::from(limit.clamp(1, MAX_PAGE));
        let rows: Vec<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT c.id, c.visitor_id, c.status, c.operator_id, c.department, c.created_at,
                    c.accepted_at, c.closed_at, c.queued_at,
                    (SELECT COUNT(*) FROM messages m WHERE m.chat_id = c.id) AS messages,
                    (SELECT substr(m.body, 1, 120) FROM messages m
                      WHERE m.chat_id = c.id AND m.author_role = 'visitor' ORDER BY m.id LIMIT 1) AS preview,
                    o.display_name AS operator_name, c.rating
             FROM chats c LEFT JOIN operators o ON o.id = c.operator_id
             WHERE c.visitor_id IN ({LINKED_VISITORS}) AND c.id < ?2
             ORDER BY c.id DESC LIMIT ?3"
        )))
        .bind(visitor_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(&self.readers)
        .await?;
        let (mut chats, more): (Vec<ChatSummary>, bool) = page_of(rows, limit);
        for summary in &mut chats {
            if !audience::may_read(reader, &summary.chat, None) {
                summary.preview = None;
            }
        }
        Ok((chats, more))
    }
}

/// The visitor `?1` and, when the site verified them as its customer (`identify`), the rows of
/// that customer's other browsers: whose chats are theirs to see again.
const LINKED_VISITORS: &str = "SELECT ?1 UNION ALL
    SELECT o.id FROM visitors v JOIN visitors o ON o.customer_id = v.customer_id AND o.id != v.id
     WHERE v.id = ?1";

/// A stored event read back for a replay.
#[derive(Debug)]
pub struct Replayed {
    pub seq: Seq,
    pub ts: i64,
    /// The event body as JSON.
    pub payload: String,
    pub audience: Audience,
}

/// A page of a chat's messages before message id `before`, oldest first, and whether older
/// ones exist. For an operator (`reader`): notes, and the whispers they may read; for the
/// visitor (`None`): text only.
async fn page(
    conn: &mut sqlx::SqliteConnection,
    chat_id: i64,
    before: Option<i64>,
    limit: i64,
    reader: Option<Reader>,
) -> Result<(Vec<Message>, bool), sqlx::Error> {
    let kinds = match reader {
        Some(_) => rows::WHISPERS_FOR_READER,
        None => "AND m.kind = 'text'",
    };
    let mut query = sqlx::query_as::<_, MessageRow>(sqlx::AssertSqlSafe(format!(
        "{MESSAGE_SELECT} WHERE m.chat_id = ? AND m.id < ? {kinds} ORDER BY m.id DESC LIMIT ?"
    )))
    .bind(chat_id)
    .bind(before.unwrap_or(i64::MAX));
    if let Some(reader) = reader {
        query = query.bind(reader.supervisor).bind(reader.operator_id);
    }
    let rows = query.bind(limit + 1).fetch_all(&mut *conn).await?;
    Ok(oldest_first(page_of(rows, limit)))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    chat: ChatRow,
    messages: i64,
    preview: Option<String>,
    operator_name: Option<String>,
    rating: Option<String>,
}

impl From<SummaryRow> for ChatSummary {
    fn from(r: SummaryRow) -> Self {
        ChatSummary {
            chat: r.chat.into(),
            messages: u32::try_from(r.messages).unwrap_or(u32::MAX),
            preview: r.preview,
            operator_name: r.operator_name,
            rating: r
                .rating
                .as_deref()
                .and_then(frontdesk_protocol::Rating::from_stored),
        }
    }
}

/// Queries fetch `limit + 1` rows, newest first: the extra one only says that more exist.
fn page_of<R, T: From<R>>(mut rows: Vec<R>, limit: i64) -> (Vec<T>, bool) {
    let limit = usize::try_from(limit).unwrap_or(0);
    let more = rows.len() > limit;
    rows.truncate(limit);
    (rows.into_iter().map(T::from).collect(), more)
}

/// Pages are read newest first; clients show them oldest first.
fn oldest_first((mut messages, more): (Vec<Message>, bool)) -> (Vec<Message>, bool) {
    messages.reverse();
    (messages, more)
}
