//! What grows without end is deleted once nothing reads it any more.
//!
//! - **The event log past the replay window.** Every command leaves an event, and a visitor
//!   sends page views, card changes (up to twenty form fields each) and messages at the
//!   command rate for as long as it likes. A resuming console reads events again only within
//!   the replay window (older cursors get `resync` and a snapshot); the history is the
//!   `messages`, `chats`, `page_views` (the newest [`super::rows::PAGES_KEPT`] a visitor) and
//!   `visitors` tables, not the log. Past the window only what is read there stays:
//!   `chat_created`, `chat_closed` and `operator_status_changed` (statistics, the chat
//!   summaries, the search index's new chats): one or two rows a chat and a few an operator a
//!   day, and of `chat_created` only the chat and the visitor's ids and counts, not the text
//!   the visitor wrote. The search index also reads card changes once, after its watermark,
//!   so nothing goes before the index has read it.
//! - **Remembered command ids** (`commands`): the answer to each command id, kept so a client
//!   that sends a command again after a lost acknowledgement is answered instead of storing
//!   it twice. Clients resend within a connection's life or the next one (the widget keeps
//!   nothing unsent across page loads), so after `command_memory_days` a row only grows the
//!   table.
//!
//! Each maintenance tick runs a few bounded writer commands: the event log in windows of
//! [`EVENT_WINDOW`] seqs after the watermark in `prune_progress`, at most [`EVENT_ROWS`] events
//! or [`EVENT_BYTES`] of them written each (a walk of the primary key, no index on `kind` to
//! keep up on every message), and the
//! command ids among the oldest [`COMMAND_WINDOW`] rows (appended in time order). Sockets
//! never wait behind a long delete.

use frontdesk_protocol::{Millis, Seq};
use rusqlite::params;

use super::emit::Tx;
use super::{Cmd, OpError, ReadError, Reply, Store, now_ms, sql};

/// Event seqs looked at per writer command.
pub const EVENT_WINDOW: i64 = 5_000;
/// Events deleted or cut per writer command at most, and the bytes of their payloads (the
/// step ends with the row that passes either). A visitor picks the size of each (a page view
/// with every field at its bound is ~4.8 KiB of JSON, a message of 4,000 emoji 16 KiB):
/// 5,000 such page views held the writer ~80 ms; typical page views (~400 bytes) go at ~1 µs
/// each.
pub const EVENT_ROWS: i64 = 500;
pub const EVENT_BYTES: i64 = 1 << 20;
/// Command rows looked at per writer command.
pub const COMMAND_WINDOW: u32 = 1_000;
/// Writer commands per maintenance tick while behind: 20,000 events a tick (every 5 s by
/// default) at most, well above what a site's visitors send.
const ROUNDS: usize = 40;

const DAY_MS: Millis = 24 * 60 * 60 * 1000;

/// Every kind but those read past the replay window (statistics, `chat_facts.rs`,
/// `search_index.rs`). Comparisons, not `NOT IN (...)`: SQLite builds a temporary table for
/// such a list.
macro_rules! prunable {
    () => {
        "kind <> 'chat_created' AND kind <> 'chat_closed' AND kind <> 'operator_status_changed'"
    };
}

/// What a step writes: the prunable events, and `chat_created`, whose visitor is cut down.
macro_rules! touched {
    () => {
        "kind <> 'chat_closed' AND kind <> 'operator_status_changed'"
    };
}

/// The events no one reads past the window, in the seq window `(?1, ?2]`: a walk of the
/// primary key.
pub(super) const PRUNE_EVENTS: &str = concat!(
    "DELETE FROM events WHERE seq > ?1 AND seq <= ?2 AND ",
    prunable!()
);

/// Past the window a chat's opening keeps what statistics read (the chat: whether it was an
/// offline message) and the visitor's ids and counts, not the text the visitor wrote (form
/// fields, pages, browser, place): up to tens of KiB a chat, kept for good otherwise. Every
/// removed field is optional, so the event still reads as `chat_created`.
pub(super) const CUT_CHATS_CREATED: &str = "UPDATE events SET payload = json_remove(payload,
         '$.visitor.fields', '$.visitor.pages', '$.visitor.referrer', '$.visitor.search_query',
         '$.visitor.user_agent', '$.visitor.language', '$.visitor.city', '$.visitor.region')
     WHERE seq > ?1 AND seq <= ?2 AND kind = 'chat_created'";

/// Where a step that starts after `?1` ends within `(?1, ?2]`: at the touched event that
/// brings the step to `?3` bytes of payload or `?4` events, if one does.
pub(super) const STEP_END: &str = concat!(
    "SELECT seq FROM (SELECT seq, SUM(octet_length(payload)) OVER (ORDER BY seq) AS bytes,
                            ROW_NUMBER() OVER (ORDER BY seq) AS n
                     FROM events WHERE seq > ?1 AND seq <= ?2 AND ",
    touched!(),
    ") WHERE bytes >= ?3 OR n >= ?4 LIMIT 1"
);

/// Command ids older than `?2` among the oldest `?1` rows (the table's first pages).
pub(super) const PRUNE_COMMANDS: &str = "DELETE FROM commands
     WHERE id IN (SELECT id FROM commands ORDER BY id LIMIT ?1) AND ts < ?2";

/// One prune step, decided by the maintenance task and run by the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Events no one reads any more with a seq at or below this may go.
    pub events_through: Seq,
    /// Command ids remembered before this moment may go (`None`: kept for ever).
    pub commands_before: Option<Millis>,
}

/// What one step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pruned {
    pub events: u64,
    pub commands: u64,
    /// More is due: the next step should follow at once.
    pub behind: bool,
}

/// The writer's side: one window of the event log and one of the command ids.
pub(super) fn apply(tx: &mut Tx<'_>, order: &Order) -> Result<Reply, OpError> {
    let from: i64 = sql::one(tx.conn, "SELECT event_seq FROM prune_progress", [])?;
    let through = i64::try_from(order.events_through).unwrap_or(i64::MAX);
    let window_end = through.min(from.saturating_add(EVENT_WINDOW));
    let end: Option<i64> = sql::opt(
        tx.conn,
        STEP_END,
        params![from, window_end, EVENT_BYTES, EVENT_ROWS],
    )?;
    let to = end.unwrap_or(window_end);
    let mut done = Pruned::default();
    if to > from {
        let deleted = sql::exec(tx.conn, PRUNE_EVENTS, params![from, to])?;
        sql::exec(tx.conn, CUT_CHATS_CREATED, params![from, to])?;
        sql::exec(tx.conn, "UPDATE prune_progress SET event_seq = ?", [to])?;
        done.events = count(deleted);
        done.behind = to < through;
    }
    if let Some(before) = order.commands_before {
        let deleted = sql::exec(tx.conn, PRUNE_COMMANDS, params![COMMAND_WINDOW, before])?;
        done.commands = count(deleted);
        done.behind |= done.commands == u64::from(COMMAND_WINDOW);
    }
    Ok(Reply::Pruned(done))
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Store {
    /// The newest event's seq and how far the search index has read the event log.
    async fn prune_marks(&self) -> Result<(i64, i64), ReadError> {
        Ok(sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events),
                    (SELECT event_seq FROM search.search_progress)",
        )
        .fetch_one(&self.readers)
        .await?)
    }
}

/// The maintenance task's prune, one pass per tick.
pub struct Pruner {
    replay_window: u64,
    command_memory_days: u32,
}

impl Pruner {
    /// `command_memory_days` 0: command ids are remembered for ever.
    pub fn new(replay_window: u64, command_memory_days: u32) -> Self {
        Self {
            replay_window,
            command_memory_days,
        }
    }

    /// The step due now: events below the replay window that the search index has read.
    pub async fn order(&self, store: &Store) -> Result<Order, ReadError> {
        let (head, searched) = store.prune_marks().await?;
        // The newest event always stays, whatever the window: `MAX(seq)` is where the writer
        // starts after a restart, and a seq must never be handed out twice.
        let window = i64::try_from(self.replay_window.max(1)).unwrap_or(i64::MAX);
        let through = head.saturating_sub(window).min(searched).max(0);
        Ok(Order {
            events_through: Seq::try_from(through).unwrap_or_default(),
            commands_before: (self.command_memory_days > 0)
                .then(|| now_ms() - Millis::from(self.command_memory_days) * DAY_MS),
        })
    }

    /// One tick: a step, and more while behind (at most [`ROUNDS`]).
    pub async fn pass(&self, store: &Store) -> Pruned {
        let mut total = Pruned::default();
        // Where to prune is read once a tick: the steps after the first only catch up to it.
        let order = match self.order(store).await {
            Ok(order) => order,
            Err(e) => {
                tracing::warn!(error = %e, "reading where to prune failed");
                return total;
            }
        };
        for _ in 0..ROUNDS {
            let step = match store.run(Cmd::Prune(order)).await {
                Ok(Reply::Pruned(step)) => step,
                Ok(other) => {
                    tracing::warn!(?other, "unexpected answer to a prune");
                    break;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "prune failed");
                    break;
                }
            };
            total.events += step.events;
            total.commands += step.commands;
            total.behind = step.behind;
            if !step.behind {
                break;
            }
        }
        if total.events + total.commands > 0 {
            tracing::info!(
                events = total.events,
                commands = total.commands,
                "pruned the event log past the replay window, and old command ids"
            );
        }
        total
    }
}
