//! The search query: FTS5 finds the newest matching rows, SQL keeps those the reader may read
//! (`audience::may_read`, whispers for their reader, and for a plain operator the chats of
//! their departments or of none), Rust cuts the snippets.

use frontdesk_protocol::search::{HitKind, MAX_SEARCH_HITS, SearchHit, SearchResults};
use frontdesk_protocol::{Author, Message, MessageKind, Role};

use super::audience::Reader;
use super::rows::{MESSAGE_COLUMNS, MessageRow};
use super::stamped::{Stamped, first_key_at};
use super::{ReadError, Store};
use crate::search::{self, Stems};

/// Newest index matches looked at per search, whatever the reader may read of them: the
/// bound on a query's work (a plain operator may get fewer hits than exist).
const CANDIDATES: i64 = 5_000;

/// Whether the reader may read chat `c` (as `audience::may_read`), and its department is
/// theirs (`?3`: a JSON array of keys) or none. `?1`: supervisor, `?2`: operator id.
const CHAT_RIGHTS: &str = "(?1 OR ((c.status != 'active' OR c.operator_id = ?2
        OR EXISTS (SELECT 1 FROM transfer_offers t WHERE t.chat_id = c.id AND t.to_operator_id = ?2))
      AND (c.department IS NULL OR c.department IN (SELECT value FROM json_each(?3)))))";

/// The time a search looks in, `[since, until)` in ms; absent ends are open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchPeriod {
    pub since: Option<i64>,
    pub until: Option<i64>,
}

/// Who searches: their rights, and the departments they belong to.
#[derive(Debug, Clone)]
pub struct Searcher {
    pub reader: Reader,
    pub departments: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct VisitorHit {
    chat_id: i64,
    created_at: i64,
    name: Option<String>,
    email: Option<String>,
}

impl Store {
    /// Up to `limit` hits for an FTS5 expression from [`search::match_expression`], newest
    /// first.
    pub async fn search(
        &self,
        who: &Searcher,
        stems: &[Stems],
        expression: &str,
        limit: u32,
        period: SearchPeriod,
    ) -> Result<SearchResults, ReadError> {
        let limit = i64::from(limit.clamp(1, MAX_SEARCH_HITS));
        let departments = serde_json::to_string(&who.departments).unwrap_or_else(|_| "[]".into());
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let indexed_up_to: i64 =
            sqlx::query_scalar("SELECT message_id FROM search.search_progress")
                .fetch_one(&mut *tx)
                .await?;
        let in_messages = message_expression(&mut tx, stems).await?;
        // The period as message ids for the index to walk (it knows no times), and as times
        // for the rows it gives (exact even after the server's clock stepped back).
        let (since, until) = (
            period.since.unwrap_or(i64::MIN),
            period.until.unwrap_or(i64::MAX),
        );
        let ids = message_ids(&mut tx, period).await?;
        let messages: Vec<MessageRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m JOIN chats c ON c.id = m.chat_id
             LEFT JOIN operators o ON o.id = m.operator_id
             LEFT JOIN visitors v ON v.id = c.visitor_id
             WHERE m.id IN (SELECT rowid FROM search.message_terms WHERE message_terms MATCH ?4
                              AND rowid >= ?7 AND rowid < ?8
                            ORDER BY rowid DESC LIMIT ?5)
               AND m.ts >= ?9 AND m.ts < ?10
               AND (m.kind != 'whisper' OR ?1 OR m.for_operator_id = ?2)
               AND {CHAT_RIGHTS}
             ORDER BY m.id DESC LIMIT ?6"
        )))
        .bind(who.reader.supervisor)
        .bind(who.reader.operator_id)
        .bind(&departments)
        .bind(&in_messages)
        .bind(CANDIDATES)
        .bind(limit)
        .bind(ids.start)
        .bind(ids.end)
        .bind(since)
        .bind(until)
        .fetch_all(&mut *tx)
        .await?;
        // Each visitor found, with their latest chat the reader may read (begun in the period).
        let visitors: Vec<VisitorHit> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT lc.id AS chat_id, lc.created_at, v.name, v.email
             FROM (SELECT rowid AS found FROM search.visitor_terms WHERE visitor_terms MATCH ?4
                   ORDER BY rowid DESC LIMIT ?5) h
             JOIN visitors v ON v.id = h.found
             JOIN chats lc ON lc.id = (SELECT MAX(c.id) FROM chats c
                                       WHERE c.visitor_id = v.id AND {CHAT_RIGHTS}
                                         AND c.created_at >= ?7 AND c.created_at < ?8)
             ORDER BY lc.id DESC LIMIT ?6"
        )))
        .bind(who.reader.supervisor)
        .bind(who.reader.operator_id)
        .bind(&departments)
        .bind(expression)
        .bind(CANDIDATES)
        .bind(limit)
        .bind(since)
        .bind(until)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut hits: Vec<SearchHit> = messages
            .into_iter()
            .map(|row| message_hit(Message::from(row), stems))
            .chain(visitors.into_iter().map(|v| visitor_hit(v, stems)))
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.ts));
        hits.truncate(limit as usize);
        Ok(SearchResults {
            hits,
            indexed_up_to,
        })
    }
}

/// The message ids written within `period`: from the first at or after `since` up to the
/// first at or after `until` (`stamped.rs`). Empty when every message is older than `since`.
async fn message_ids(
    conn: &mut sqlx::SqliteConnection,
    period: SearchPeriod,
) -> Result<std::ops::Range<i64>, sqlx::Error> {
    // No message at or after `since`: an empty range. None at or after `until`: no bound.
    let mut first_at = async |at: Option<i64>, open: i64| match at {
        None => Ok::<_, sqlx::Error>(open),
        Some(at) => Ok(first_key_at(conn, Stamped::Messages, at)
            .await?
            .unwrap_or(i64::MAX)),
    };
    let start = first_at(period.since, i64::MIN).await?;
    let end = first_at(period.until, i64::MAX).await?;
    Ok(start..end)
}

/// Most whole terms one prefix stem is expanded into; past that the prefix itself is asked.
const MAX_EXPANSION: usize = 64;

/// The message index's expression: each prefix stem replaced by the whole terms of the index
/// that start with it (`search_vocab`), which FTS5 walks newest first and stops at the
/// limit, where a prefix would make it merge every matching term's full row list first.
/// (The visitor index is small: it keeps the prefix expression.)
async fn message_expression(
    conn: &mut sqlx::SqliteConnection,
    stems: &[Stems],
) -> Result<String, sqlx::Error> {
    let mut expansions = std::collections::HashMap::new();
    for stem in stems.iter().flat_map(|w| w.0.iter()) {
        if !search::words::expandable(stem) || expansions.contains_key(stem) {
            continue;
        }
        let terms: Vec<String> = sqlx::query_scalar(
            "SELECT term FROM search.search_vocab WHERE term >= ?1 AND term < ?1 || char(1114111)
             ORDER BY term LIMIT ?2",
        )
        .bind(stem)
        .bind(MAX_EXPANSION as i64 + 1)
        .fetch_all(&mut *conn)
        .await?;
        expansions.insert(
            stem.clone(),
            (terms.len() <= MAX_EXPANSION).then_some(terms),
        );
    }
    Ok(search::expression(stems, |stem| {
        expansions.get(stem).cloned().flatten()
    }))
}

fn message_hit(m: Message, stems: &[Stems]) -> SearchHit {
    let cut = search::snippet(&m.text, stems);
    SearchHit {
        chat_id: m.chat_id,
        message_id: Some(m.id),
        ts: m.ts,
        author: m.author,
        kind: match m.kind {
            MessageKind::Text => HitKind::Text,
            MessageKind::Note => HitKind::Note,
            MessageKind::Whisper => HitKind::Whisper,
        },
        snippet: cut.text,
        marks: cut.marks,
    }
}

fn visitor_hit(v: VisitorHit, stems: &[Stems]) -> SearchHit {
    let shown = match (&v.name, &v.email) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (name, email) => name.clone().or(email.clone()).unwrap_or_default(),
    };
    let cut = search::snippet(&shown, stems);
    SearchHit {
        chat_id: v.chat_id,
        message_id: None,
        ts: v.created_at,
        author: Author {
            role: Role::Visitor,
            operator_id: None,
            name: v.name,
        },
        kind: HitKind::Visitor,
        snippet: cut.text,
        marks: cut.marks,
    }
}
