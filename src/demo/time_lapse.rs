//! The days between a returning visitor's visits, and the night over a message left, passed
//! at once.
//!
//! The server counts a new visit after half an hour of quiet (`visits::NEW_VISIT_AFTER_MS`).
//! The demo's returning visitor plays her earlier chat moments before she comes back, so
//! without this the card would say «first visit · 2 chats», dated today, for a scenario about
//! a customer who ordered last week. Once that chat is closed, the demo moves it and her
//! `last_seen` a week back in its own temporary database — a write the demo makes outside
//! the protocol, and only to a clock the demo cannot wait for. Her next page view then
//! starts her second visit the way any return does: counted by the server and told to the
//! consoles. (Its events keep their time: nothing the card shows reads them. Its messages
//! now break the order of time by id that a search period's lookup counts on, by a few rows:
//! a demo's search for a period may count those few wrongly.)
//!
//! Likewise the message a visitor left overnight: the demo leaves it as the server starts, and
//! then moves it, with its visitor's visit and pages, to 23:40 last night, so the console opens
//! on a message that has waited the night, dated yesterday (`left_last_night`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;

/// How long ago the earlier visit was, as the scenario tells it («last week»).
const BETWEEN_VISITS_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Moves the closed chat `chat_id`, its messages and its visitor's last sign of life a week
/// back, in one transaction.
pub async fn a_week_passes(db: &Path, chat_id: i64) -> anyhow::Result<()> {
    in_one_transaction(db, move |tx| {
        let back = (BETWEEN_VISITS_MS, chat_id);
        let moved = tx.execute(
            "UPDATE visitors SET last_seen = last_seen - ?1 \
             WHERE id = (SELECT visitor_id FROM chats WHERE id = ?2)",
            back,
        )?;
        anyhow::ensure!(moved == 1, "no visitor for chat {chat_id}");
        move_chat_back(tx, back)
    })
    .await
}

/// When the overnight message was left: this hour and minute of the evening before today.
const LEFT_AT: (i8, i8) = (23, 40);

/// Moves the offline chat `chat_id` (the message left overnight), its messages, its
/// visitor's visit and page views to last night at [`LEFT_AT`] on this machine's clock, in one
/// transaction. It is the first chat of the demo, so ids and times keep one order.
pub async fn left_last_night(db: &Path, chat_id: i64) -> anyhow::Result<()> {
    let now = jiff::Zoned::now();
    let night = now
        .date()
        .yesterday()?
        .at(LEFT_AT.0, LEFT_AT.1, 0, 0)
        .to_zoned(now.time_zone().clone())?
        .timestamp()
        .as_millisecond();
    in_one_transaction(db, move |tx| {
        let created: i64 = tx.query_row(
            "SELECT created_at FROM chats WHERE id = ?1 AND status = 'offline'",
            [chat_id],
            |r| r.get(0),
        )?;
        let back = (created - night, chat_id);
        tx.execute(
            "UPDATE visitors SET first_seen = first_seen - ?1, last_seen = last_seen - ?1 \
             WHERE id = (SELECT visitor_id FROM chats WHERE id = ?2)",
            back,
        )?;
        tx.execute(
            "UPDATE page_views SET ts = ts - ?1 \
             WHERE visitor_id = (SELECT visitor_id FROM chats WHERE id = ?2)",
            back,
        )?;
        move_chat_back(tx, back)
    })
    .await
}

/// Moves chat `back.1`'s times and its messages `back.0` ms back (a time not set stays unset).
fn move_chat_back(tx: &rusqlite::Transaction<'_>, back: (i64, i64)) -> anyhow::Result<()> {
    tx.execute(
        "UPDATE chats SET created_at = created_at - ?1, accepted_at = accepted_at - ?1, \
         first_response_at = first_response_at - ?1, closed_at = closed_at - ?1, \
         queued_at = queued_at - ?1 WHERE id = ?2",
        back,
    )?;
    tx.execute("UPDATE messages SET ts = ts - ?1 WHERE chat_id = ?2", back)?;
    Ok(())
}

/// Runs `change` in one transaction on the demo's database, off the runtime's threads.
async fn in_one_transaction(
    db: &Path,
    change: impl FnOnce(&rusqlite::Transaction) -> anyhow::Result<()> + Send + 'static,
) -> anyhow::Result<()> {
    let db: PathBuf = db.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = rusqlite::Connection::open(&db).context("opening the demo's database")?;
        // The server's writer may hold the lock for a commit: wait for it, as it would.
        conn.busy_timeout(Duration::from_secs(5))?;
        let tx = conn.transaction()?;
        change(&tx)?;
        tx.commit()?;
        Ok(())
    })
    .await
    .context("the demo's clock stopped")?
}
