//! The writer's time for one pass over chats gone quiet (`[presence] close_after_left_secs`,
//! `store/quiet_close.rs`), with many active chats whose visitor left and whose question still
//! waits: the chats the pass looks at every second and may never close. Each pass is a real
//! `Cmd::CloseQuiet` through the store's writer, from where the last one stopped, as the
//! server's timer runs it; the figure is the wall time of a pass, command sent to answer, with
//! no commit window (each command committed as it comes).
//!
//! `cargo bench -p frontdesk-loadgen --bench quiet_pass [-- CHATS --passes N]`; results in
//! docs/benchmarks.md. A load run printing a few numbers, not criterion.

mod support;

use std::time::{Duration, Instant};

use frontdesk_server::config::StorageConfig;
use frontdesk_server::routing::RoutingConfig;
use frontdesk_server::store::quiet_close::{QuietClose, WINDOW};
use frontdesk_server::store::{ClientCommand, Cmd, Reply, Store, VisitorAction, now_ms};
use sqlx::ConnectOptions;

#[derive(clap::Parser)]
struct Args {
    /// Active chats whose visitor left with a question waiting.
    #[arg(default_value_t = 5_000)]
    chats: usize,
    /// Passes timed.
    #[arg(long, default_value_t = 400)]
    passes: usize,
    #[command(flatten)]
    cargo: support::CargoBench,
}

fn main() -> anyhow::Result<()> {
    support::main(run)
}

async fn run(args: Args) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("frontdesk.db");
    // Each command committed as it comes: the commit window would add its wait to each
    // pass's time, and in the server other commands use the writer during that wait.
    let storage = StorageConfig {
        commit_window_ms: 0,
        ..StorageConfig::default()
    };
    let store = Store::open(
        &path,
        &storage,
        &RoutingConfig::default(),
        None,
        Default::default(),
        std::sync::Arc::new(|_| {}),
    )
    .await?;
    // Each visitor opens a chat with a question (a waiting chat, the visitor's words last).
    for n in 0..args.chats {
        let visitor = match store.run(Cmd::new_visitor_hello()).await? {
            Reply::Visitor(identity) => identity.visitor_id,
            other => anyhow::bail!("a hello answered {other:?}"),
        };
        store.run(question(visitor, n)).await?;
    }
    // Taken an hour ago, the visitor gone since: what the pass looks at and leaves open.
    let hour_ago = now_ms() - 3_600_000;
    let mut db = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await?;
    sqlx::query(
        "UPDATE chats SET status = 'active', accepted_at = ?1, visitor_gone_at = ?1
         WHERE status = 'waiting'",
    )
    .bind(hour_ago)
    .execute(&mut db)
    .await?;

    let mut after_id = 0;
    let mut times = Vec::with_capacity(args.passes);
    for _ in 0..args.passes {
        let rule = QuietClose {
            after_ms: 1_800_000,
            up_since: 0,
            after_id,
        };
        let started = Instant::now();
        match store.run(Cmd::CloseQuiet(rule)).await? {
            Reply::Id(next) => after_id = next,
            other => anyhow::bail!("a pass answered {other:?}"),
        }
        times.push(started.elapsed());
    }
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chats WHERE status = 'active'")
        .fetch_one(&mut db)
        .await?;
    anyhow::ensure!(open == args.chats as i64, "a waiting question was closed");
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    println!(
        "{} active chats, visitor gone, question waiting; window {WINDOW}: a pass p50 {:.3} ms, \
         p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} passes)",
        args.chats,
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0),
        times.len()
    );
    store.close().await;
    Ok(())
}

fn question(visitor_id: i64, n: usize) -> Cmd {
    Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: format!("bench-{n}"),
        body_hash: format!("h{n}"),
        action: VisitorAction::StartChat {
            text: Some("Здравствуйте, когда будет доставка заказа?".into()),
            department: None,
        },
    })
}
