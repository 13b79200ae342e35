//! `frontdesk-yearbench`: a year of a busy site in a database file (generated once, through
//! the server's own migrations, account creation and search indexer), then how long a
//! support lead waits over it: statistics for 30 days and for the year, searches, and how
//! much CPU `frontdesk tail --json` spends per event. See docs/benchmarks.md.

mod generate;
mod measure;
mod report;
mod rows;
mod shape;
mod talk;
mod texts;
mod write;

use std::path::PathBuf;

use anyhow::ensure;
use clap::Parser;

pub use measure::YearReport;

/// The password of every generated account (the database is a benchmark's, never a site's).
pub const PASSWORD: &str = "year-bench-password";
/// The supervisor the measurements log in as: statistics and search over everything.
pub const LEAD: &str = "lead";

/// A year of a busy site, and the support lead's waits over it.
#[derive(Parser, Debug, Clone)]
#[command(name = "frontdesk-yearbench", version)]
pub struct YearArgs {
    /// The database file: generated when it does not exist, reused when it does.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Chats in the year.
    #[arg(long, default_value_t = 500_000)]
    pub chats: u64,
    /// Chat lines in the year, about (each chat's length is drawn at random).
    #[arg(long, default_value_t = 10_000_000)]
    pub messages: u64,
    #[arg(long, default_value_t = 50)]
    pub operators: u32,
    #[arg(long, default_value_t = 5)]
    pub departments: u32,
    /// Days of history, ending at today's midnight (UTC).
    #[arg(long, default_value_t = 365)]
    pub days: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A `frontdesk-server` binary: serve the database with it and time the REST reads.
    #[arg(long, value_name = "PATH")]
    pub server_bin: Option<PathBuf>,
    /// A `frontdesk` console binary: also time `frontdesk tail --json` replaying history.
    #[arg(long, value_name = "PATH", requires = "server_bin")]
    pub console: Option<PathBuf>,
    /// Searches timed (the query list is cycled).
    #[arg(long, default_value_t = 100)]
    pub queries: usize,
    /// Events `tail` replays for its CPU figure (within the server's `replay_window`).
    #[arg(long, default_value_t = 90_000)]
    pub tail_events: u64,
    /// The server's `[storage] replay_window`, for the prune while generating and for the
    /// server measured (default: the server's own).
    #[arg(long, value_name = "EVENTS")]
    pub replay_window: Option<u64>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

impl YearArgs {
    /// The server's storage settings for this year.
    pub fn storage(&self) -> frontdesk_server::config::StorageConfig {
        let mut storage = frontdesk_server::Config::default().storage;
        if let Some(events) = self.replay_window {
            storage.replay_window = events;
        }
        storage
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        ensure!((1..=3_660).contains(&self.days), "--days is 1..=3660");
        ensure!(
            (1..=5_000_000).contains(&self.chats),
            "--chats is 1..=5000000"
        );
        ensure!(
            self.messages >= 2 * self.chats && self.messages <= 100_000_000,
            "--messages is at least two per chat and at most 100000000"
        );
        ensure!(
            (1..=500).contains(&self.operators),
            "--operators is 1..=500"
        );
        ensure!(
            (1..=50).contains(&self.departments) && self.departments <= self.operators,
            "--departments is 1..=50 and at most --operators"
        );
        ensure!(
            (1..=10_000).contains(&self.queries),
            "--queries is 1..=10000"
        );
        ensure!(
            self.tail_events <= 10_000_000,
            "--tail-events is at most 10000000"
        );
        Ok(())
    }
}

/// Generates the database when missing, then measures when a server binary is given.
pub async fn run(args: YearArgs) -> anyhow::Result<YearReport> {
    args.validate()?;
    let generated = if args.db.exists() {
        generate::index(&args).await?;
        None
    } else {
        Some(generate::year(&args).await?)
    };
    let mut report = match &args.server_bin {
        Some(bin) => measure::over(&args, bin).await?,
        None => YearReport::default(),
    };
    report.generated = generated;
    report.size = generate::describe(&args.db).await?;
    Ok(report)
}

/// Department keys: `dept-1`…
pub fn department_key(i: u32) -> String {
    format!("dept-{}", i + 1)
}

/// Operator login names: `op-01`…
pub fn operator_name(i: u32) -> String {
    format!("op-{:02}", i + 1)
}
