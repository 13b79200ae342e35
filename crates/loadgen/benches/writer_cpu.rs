//! CPU per stored visitor message in the store alone: no sockets, no JSON frames read, no
//! operator to relay to — the part of `frontdesk-loadgen`'s "server CPU per stored message"
//! that is SQLite, the writer and the background passes (checkpoint, search index).
//!
//! 100 visitors with a chat each; rounds of `--batch` messages from different visitors are sent
//! together, so they share a commit as they do at ~1,000 msg/s with a 5 ms commit window. The maintenance passes run on the server's timer. The figure is the process's
//! CPU time (user + system, all threads) divided by the messages, printed with the wall time.
//!
//! `cargo bench -p frontdesk-loadgen --bench writer_cpu [-- MESSAGES --batch N --window-ms MS
//! --settle]`;
//! results in docs/benchmarks.md. It is a load run, not a criterion bench: one number per run,
//! compared between builds run alternately on the same machine.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use frontdesk_server::config::StorageConfig;
use frontdesk_server::routing::RoutingConfig;
use frontdesk_server::store::{ClientCommand, Cmd, Reply, Store, VisitorAction};

const VISITORS: i64 = 100;

#[derive(clap::Parser)]
struct Args {
    /// Messages to store (after each visitor's first, which opens its chat).
    #[arg(default_value_t = 12_000)]
    messages: usize,
    /// Messages sent together; at 1,000 msg/s a 5 ms window holds about six.
    #[arg(long, default_value_t = 6)]
    batch: usize,
    /// `[storage] commit_window_ms` (default: the server's).
    #[arg(long)]
    window_ms: Option<u64>,
    /// Index everything stored before the clock stops (the search index's passes otherwise
    /// run every few seconds, so a short run counts more or less of their work by chance).
    /// For counts that must repeat, e.g. instructions under `valgrind --tool=callgrind`.
    #[arg(long)]
    settle: bool,
    #[command(flatten)]
    cargo: support::CargoBench,
}

fn main() -> anyhow::Result<()> {
    support::main(run)
}

async fn run(args: Args) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut storage = StorageConfig::default();
    if let Some(window) = args.window_ms {
        storage.commit_window_ms = window;
    }
    let (messages, batch) = (args.messages, args.batch.max(1));
    let commits = std::sync::Arc::new(AtomicUsize::new(0));
    let store = Store::open(
        &dir.path().join("frontdesk.db"),
        &storage,
        &RoutingConfig::default(),
        None,
        Default::default(),
        {
            let commits = commits.clone();
            std::sync::Arc::new(move |_| {
                commits.fetch_add(1, Ordering::Relaxed);
            })
        },
    )
    .await?;
    let mut visitors = Vec::new();
    for _ in 0..VISITORS {
        match store.run(Cmd::new_visitor_hello()).await? {
            Reply::Visitor(identity) => visitors.push(identity.visitor_id),
            other => anyhow::bail!("a hello answered {other:?}"),
        }
    }
    // Each visitor's first message opens its chat; the run measures messages into open chats.
    for (n, &visitor) in visitors.iter().enumerate() {
        store.run(message(visitor, n)).await?;
    }
    let maintenance = tokio::spawn({
        let store = store.clone();
        let every = Duration::from_millis(storage.checkpoint_interval_ms);
        async move {
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                store.checkpoint().await;
                frontdesk_server::store::search_index::pass(&store).await;
            }
        }
    });
    let (cpu_before, wall_before) = (cpu_ms(), Instant::now());
    let commits_before = commits.load(Ordering::Relaxed);
    let mut sent = 0;
    while sent < messages {
        let tasks: Vec<_> = (0..batch)
            .map(|i| {
                let store = store.clone();
                let visitor = visitors[(sent + i) % visitors.len()];
                let n = VISITORS as usize + sent + i;
                tokio::spawn(async move { store.run(message(visitor, n)).await })
            })
            .collect();
        for task in tasks {
            task.await??;
        }
        sent += batch;
    }
    if args.settle {
        maintenance.abort();
        use frontdesk_server::store::search_index::{BATCH, ROUNDS, pass};
        for _ in 0..=(VISITORS as usize + sent) / (BATCH as usize * ROUNDS) {
            pass(&store).await;
        }
    }
    let (cpu, wall) = (cpu_ms() - cpu_before, wall_before.elapsed());
    maintenance.abort();
    let commits = commits.load(Ordering::Relaxed) - commits_before;
    println!(
        "{sent} messages in {:.1} s ({:.0}/s, {:.1} a commit): store CPU per message {:.1} µs",
        wall.as_secs_f64(),
        sent as f64 / wall.as_secs_f64(),
        sent as f64 / commits.max(1) as f64,
        cpu as f64 * 1e3 / sent as f64
    );
    store.close().await;
    Ok(())
}

/// A message of 100 characters, like the load generator's.
fn message(visitor_id: i64, n: usize) -> Cmd {
    let text = format!(
        "{n:08} Здравствуйте, подскажите, пожалуйста, есть ли доставка в выходные дни и сколько она стоит?"
    );
    Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: format!("bench-{n}"),
        body_hash: format!("h{n}"),
        action: VisitorAction::Message(text.chars().take(100).collect()),
    })
}

/// This process's CPU time so far in ms, all threads, user and system.
fn cpu_ms() -> u64 {
    frontdesk_loadgen::process_cpu_ms(std::process::id()).unwrap_or(0)
}
