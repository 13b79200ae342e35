//! Writes the year into a new database: schema and accounts through the server itself, the
//! history in bulk (`write.rs`), then the server's own maintenance passes until they catch up:
//! the search index, the statistics summaries, and the prune of the event log past the replay
//! window, so the database is the one a server that lived through the year would have.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use frontdesk_protocol::{Millis, OperatorRole};
use frontdesk_server::{
    Config,
    hub::Hub,
    store::{chat_facts, prune::Pruner, search_db, search_index},
};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::shape::{DAY_MS, Ev, Operator, Planner, Shape};
use super::write::{self, Counters};
use super::{LEAD, PASSWORD, YearArgs, department_key, operator_name};

/// What generating took and made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Generated {
    pub history_secs: f64,
    /// The maintenance passes catching up: search index, statistics summaries, the prune.
    pub index_secs: f64,
}

/// The database as measured.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Size {
    pub chats: i64,
    pub messages: i64,
    pub events: i64,
    pub visitors: i64,
    pub file_bytes: u64,
}

pub async fn year(args: &YearArgs) -> anyhow::Result<Generated> {
    let started = Instant::now();
    accounts(args).await?;
    let mut conn = bulk_connection(&args.db).await?;
    let operators: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, display_name FROM operators WHERE role = 'operator'")
            .fetch_all(&mut conn)
            .await?;
    let shape = Shape {
        start: today_midnight() - i64::from(args.days) * DAY_MS,
        days: args.days,
        chats: args.chats,
        messages: args.messages,
        operators: operators
            .into_iter()
            .map(|(id, name, display_name)| Operator {
                id,
                display_name,
                department: department_of(&name, args.departments),
            })
            .collect(),
        departments: (0..args.departments).map(department_key).collect(),
    };
    let mut planner = Planner::new(shape, args.seed);
    let mut n = Counters::default();
    let mut pending: Vec<Ev> = Vec::new();
    for day in 0..args.days {
        let (chats, events) = planner.day(day);
        pending.extend(events);
        // Events after this day's end wait for the days they fall on, so `seq` follows time.
        let day_end = planner.shape().start + i64::from(day + 1) * DAY_MS;
        let (due, later): (Vec<Ev>, Vec<Ev>) = if day + 1 == args.days {
            (std::mem::take(&mut pending), Vec::new())
        } else {
            std::mem::take(&mut pending)
                .into_iter()
                .partition(|e| e.ts < day_end)
        };
        pending = later;
        let mut tx = conn.begin().await?;
        write::chats(&mut tx, &chats).await?;
        write::events(&mut tx, due, &mut n).await?;
        tx.commit().await?;
        if (day + 1).is_multiple_of(30) {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut conn)
                .await?;
            eprintln!(
                "day {}/{}: {} messages, {} events",
                day + 1,
                args.days,
                n.messages,
                n.events
            );
        }
    }
    let visitors = planner.into_visitors();
    let mut tx = conn.begin().await?;
    write::visitors(&mut tx, &visitors).await?;
    tx.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let history_secs = started.elapsed().as_secs_f64();
    let indexing = Instant::now();
    index(args).await?;
    Ok(Generated {
        history_secs,
        index_secs: indexing.elapsed().as_secs_f64(),
    })
}

/// The server creates the schema and the accounts, so both are exactly what it would have.
async fn accounts(args: &YearArgs) -> anyhow::Result<()> {
    let store =
        frontdesk_server::open_store(&Config::local(&args.db), Arc::new(Hub::default())).await?;
    for i in 0..args.operators {
        let display = format!("Оператор {}", i + 1);
        frontdesk_server::add_operator(
            &store,
            &operator_name(i),
            &display,
            PASSWORD,
            OperatorRole::Operator,
        )
        .await?;
    }
    frontdesk_server::add_operator(&store, LEAD, "Lead", PASSWORD, OperatorRole::Supervisor)
        .await?;
    store.close().await;
    Ok(())
}

/// A connection for the bulk load: nothing is durable until the end anyway.
async fn bulk_connection(db: &Path) -> anyhow::Result<SqliteConnection> {
    Ok(SqliteConnectOptions::new()
        .filename(db)
        .synchronous(SqliteSynchronous::Off)
        .foreign_keys(false)
        .pragma("cache_size", "-262144")
        .connect()
        .await?)
}

/// Runs the server's maintenance passes (the search index and the statistics summaries)
/// until they have caught up with the whole history, as its timer would have. Quick when
/// they have (a reused database); a whole year when the index is new (say, the database
/// was made by a server that kept its index elsewhere).
pub async fn index(args: &YearArgs) -> anyhow::Result<()> {
    let store =
        frontdesk_server::open_store(&Config::local(&args.db), Arc::new(Hub::default())).await?;
    let mut conn = bulk_connection(&args.db).await?;
    sqlx::query("ATTACH DATABASE ? AS search")
        .bind(search_db::path_for(&args.db).to_string_lossy().into_owned())
        .execute(&mut conn)
        .await?;
    let (last_message, head): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM messages), (SELECT COALESCE(MAX(seq), 0) FROM events)",
    )
    .fetch_one(&mut conn)
    .await?;
    let storage = args.storage();
    let pruner = Pruner::new(storage.replay_window, storage.command_memory_days);
    let mut before = (-1, -1, -1, -1, -1);
    let mut report = Instant::now();
    loop {
        search_index::pass(&store).await;
        chat_facts::pass(&store).await;
        let pruned = pruner.pass(&store).await;
        store.checkpoint().await;
        let now: (i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT message_id, event_seq, visitor_id,
                    (SELECT event_seq FROM chat_facts_progress),
                    (SELECT event_seq FROM prune_progress)
             FROM search.search_progress",
        )
        .fetch_one(&mut conn)
        .await?;
        if now.0 >= last_message && now.1 >= head && now.2 == -1 && now.3 >= head && !pruned.behind
        {
            break;
        }
        ensure!(now != before, "the maintenance passes stopped at {now:?}");
        before = now;
        if report.elapsed() > Duration::from_secs(30) {
            eprintln!("indexed {} of {last_message} messages", now.0);
            report = Instant::now();
        }
    }
    conn.close().await?;
    store.close().await;
    Ok(())
}

/// Rows and file size of the database.
pub async fn describe(db: &Path) -> anyhow::Result<Size> {
    let mut conn = bulk_connection(db).await?;
    let (chats, messages, events, visitors): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM chats), (SELECT MAX(id) FROM messages),
                (SELECT MAX(seq) FROM events), (SELECT COUNT(*) FROM visitors)",
    )
    .fetch_one(&mut conn)
    .await
    .context("reading the database's size")?;
    conn.close().await?;
    Ok(Size {
        chats,
        messages,
        events,
        visitors,
        // The search index's own file counts too (absent before the server first ran).
        file_bytes: std::fs::metadata(db)?.len()
            + std::fs::metadata(search_db::path_for(db)).map_or(0, |m| m.len()),
    })
}

/// Operator `op-NN` is in department `(NN - 1) mod departments`.
fn department_of(name: &str, departments: u32) -> usize {
    let n: u32 = name
        .trim_start_matches("op-")
        .parse::<u32>()
        .unwrap_or(1)
        .saturating_sub(1);
    (n % departments.max(1)) as usize
}

fn today_midnight() -> Millis {
    let now = frontdesk_server::store::now_ms();
    now - now.rem_euclid(DAY_MS)
}
