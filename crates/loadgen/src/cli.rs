//! Command-line options and their bounds.

use std::path::PathBuf;

use anyhow::{bail, ensure};
use clap::Parser;

/// Most sockets or tasks of one kind a run may open: the tool is bounded by design.
const MAX_IDLE: usize = 60_000;
const MAX_ACTIVE: usize = 10_000;
const MAX_OPERATORS: usize = 200;
const MAX_RATE: u32 = 100_000;
const MAX_DURATION_SECS: u64 = 3_600;

/// Load generator for a Frontdesk server on this machine (127.0.0.1 only).
#[derive(Parser, Debug, Clone)]
#[command(name = "frontdesk-loadgen", version)]
pub struct Args {
    /// Base URL of an already running server, e.g. `http://127.0.0.1:8080`.
    #[arg(
        long,
        conflicts_with = "spawn_server",
        required_unless_present = "spawn_server"
    )]
    pub server: Option<String>,
    /// Path to a `frontdesk-server` binary: run it as a child with a temporary config and
    /// database whose rate limits are raised for the run.
    #[arg(long, value_name = "PATH")]
    pub spawn_server: Option<PathBuf>,
    /// PID of the `--server` process, to report its memory (read from /proc).
    #[arg(long, requires = "server")]
    pub server_pid: Option<u32>,
    /// Operator account to log in with (required with `--server`; with `--spawn-server`
    /// accounts `loadgen-1`.. are created).
    #[arg(long, requires = "password")]
    pub operator: Option<String>,
    #[arg(long, requires = "operator")]
    pub password: Option<String>,
    /// Visitor sockets that only say `hello` and stay open.
    #[arg(long, default_value_t = 0)]
    pub idle_visitors: usize,
    /// Open the idle sockets without `hello` (only the WebSocket upgrade), to tell the cost
    /// of a connection from the cost of a visitor session.
    #[arg(long)]
    pub idle_without_hello: bool,
    /// Page views per second in total, spread evenly over the idle visitors (each navigates
    /// now and then, as a shop's browsing visitors do): the "On the site now" load.
    #[arg(long, default_value_t = 0)]
    pub page_views: u32,
    /// Visitors that open a chat and send messages.
    #[arg(long, default_value_t = 50)]
    pub active_visitors: usize,
    /// Operator sockets the load generator connects (each must see every message); with
    /// --console also 0, which leaves the console the run's only operator.
    #[arg(long, default_value_t = 2)]
    pub operators: usize,
    /// Visitor messages per second in total, paced evenly across active visitors.
    #[arg(long, default_value_t = 100)]
    pub rate: u32,
    /// Seconds of sending.
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
    /// Seconds to wait after sending for late acks and deliveries.
    #[arg(long, default_value_t = 5)]
    pub drain: u64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// With --spawn-server: the server's `[storage] checkpoint_interval_ms` (default: the
    /// server's own default).
    #[arg(long, value_name = "MS")]
    pub checkpoint_ms: Option<u64>,
    /// With --spawn-server: the server's `[storage] synchronous` ("normal" or "full").
    #[arg(long, value_name = "MODE")]
    pub synchronous: Option<String>,
    /// With --spawn-server: the server's `[storage] commit_window_ms` (0: commit each
    /// command as it comes).
    #[arg(long, value_name = "MS")]
    pub commit_window_ms: Option<u64>,
    /// With --spawn-server: the server's `[storage] replay_window`. Events past it that
    /// statistics do not read are pruned each `--checkpoint-ms`, so a small window puts that
    /// work inside the run.
    #[arg(long, value_name = "EVENTS")]
    pub replay_window: Option<u64>,
    /// With --spawn-server: the server's `workers` (0: one per processor core).
    #[arg(long, value_name = "N")]
    pub server_workers: Option<usize>,
    /// The operators ask the server to pack live events for this long (`pack_ms` in
    /// `hello`), as the console does (40); without it, every event is its own write.
    /// Delivery latency then includes the packing.
    #[arg(long, value_name = "MS")]
    pub operator_pack_ms: Option<u32>,
    /// The routing scenario instead of the message one: this many visitors each start a chat
    /// (at --chat-rate a second) naming a department, and the server routes them.
    #[arg(long, default_value_t = 0)]
    pub chats: usize,
    /// Chats started per second in the routing scenario.
    #[arg(long, default_value_t = 50)]
    pub chat_rate: u32,
    /// With --spawn-server: `[routing] mode` ("round_robin" or "least_loaded").
    #[arg(long, value_name = "MODE")]
    pub routing: Option<String>,
    /// With --spawn-server and --routing: departments; operator i is in department i mod N.
    #[arg(long, default_value_t = 5)]
    pub departments: usize,
    /// With --spawn-server and --routing: `[routing] max_chats` (0: no limit).
    #[arg(long, default_value_t = 0)]
    pub max_chats: u32,
    /// Path to a `frontdesk` console binary: log it in, run it in a tmux at 160x48 with irssi
    /// beside it in another (flooded through a private ngircd at the same rate), and time keys typed
    /// into each before and during the message run, and the run's last message to each
    /// screen (docs/benchmarks.md).
    #[arg(long, value_name = "PATH")]
    pub console: Option<PathBuf>,
    /// With --console: keys typed into each program before the flood and again during it
    /// (alternating; during it, spread over the sending time).
    #[arg(long, default_value_t = 30)]
    pub keys: usize,
    /// With --console: panes the console opens on the run's chats (1..=4; at most one per
    /// active visitor).
    #[arg(long, default_value_t = 1)]
    pub panes: usize,
    /// With --console: leave irssi unflooded, so both programs' keys are timed in the
    /// console's flood alone (a diagnostic: is a gap the programs' own, or the warmth a
    /// program and its terminal get from drawing 500 lines a second?).
    #[arg(long)]
    pub peer_idle: bool,
    /// Pad each load message to this many characters (0: the short default text).
    #[arg(long, default_value_t = 0)]
    pub text_chars: usize,
    /// Live drafts (`typing` frames) each active visitor sends a second while the messages
    /// go out, a growing line as someone types it (0..=20; the server relays at most ten a
    /// second per visitor and drops the rest).
    #[arg(long, default_value_t = 0)]
    pub typing: u32,
    /// Hostile visitors that send pings as fast as their sockets take them for the whole run
    /// (0..=64). A spawned server then keeps its default frame rate per visitor socket
    /// (`visitor_frames_per_sec`), so the run's own visitors may send no more than that each.
    #[arg(long, default_value_t = 0)]
    pub flood_visitors: usize,
}

impl Args {
    /// Refuses runs that are unbounded, empty or aimed at another machine.
    pub fn validate(&self) -> anyhow::Result<()> {
        ensure!(
            self.idle_visitors <= MAX_IDLE,
            "--idle-visitors is at most {MAX_IDLE}"
        );
        ensure!(
            self.active_visitors <= MAX_ACTIVE,
            "--active-visitors is at most {MAX_ACTIVE}"
        );
        // With --console the console is an operator itself, so the run may have no other.
        let fewest = usize::from(self.console.is_none());
        ensure!(
            (fewest..=MAX_OPERATORS).contains(&self.operators),
            "--operators is 1..={MAX_OPERATORS} (0 too with --console)"
        );
        ensure!(self.rate <= MAX_RATE, "--rate is at most {MAX_RATE}");
        ensure!(
            (1..=MAX_DURATION_SECS).contains(&self.duration),
            "--duration is 1..={MAX_DURATION_SECS} seconds"
        );
        ensure!(self.drain <= 60, "--drain is at most 60 seconds");
        ensure!(self.chats <= MAX_ACTIVE, "--chats is at most {MAX_ACTIVE}");
        ensure!(
            (1..=50).contains(&self.departments),
            "--departments is 1..=50"
        );
        ensure!(
            (1..=1_000).contains(&self.chat_rate),
            "--chat-rate is 1..=1000"
        );
        if self.chats > 0 {
            ensure!(
                self.routing.is_some() && self.spawn_server.is_some(),
                "--chats needs --spawn-server and --routing round_robin|least_loaded"
            );
        }
        if self.rate > 0 {
            ensure!(
                self.active_visitors > 0,
                "--rate needs --active-visitors above 0"
            );
        }
        ensure!(self.keys <= 10_000, "--keys is at most 10000");
        ensure!((1..=4).contains(&self.panes), "--panes is 1..=4");
        ensure!(self.text_chars <= 4_000, "--text-chars is at most 4000");
        ensure!(self.typing <= 20, "--typing is at most 20 a second");
        ensure!(self.flood_visitors <= 64, "--flood-visitors is at most 64");
        if self.flood_visitors > 0 && self.spawn_server.is_some() {
            let limit = frontdesk_server::Config::default()
                .limits
                .visitor_frames_per_sec;
            let each =
                f64::from(self.rate) / self.active_visitors.max(1) as f64 + f64::from(self.typing);
            ensure!(
                each <= f64::from(limit),
                "with --flood-visitors the server keeps its {limit} frames a second per visitor: \
                 --rate / --active-visitors + --typing is {each:.0}"
            );
        }
        if self.typing > 0 {
            ensure!(
                self.active_visitors > 0,
                "--typing needs --active-visitors above 0"
            );
        }
        if self.console.is_some() {
            ensure!(
                self.chats == 0 && self.rate > 0,
                "--console times keys during the message run: give --rate, not --chats"
            );
        }
        if let Some(url) = &self.server {
            check_local(url)?;
            ensure!(
                self.operator.is_some(),
                "--server needs --operator NAME --password P (an existing account)"
            );
        }
        Ok(())
    }
}

/// The tool only ever talks to this machine.
fn check_local(url: &str) -> anyhow::Result<()> {
    let parsed = reqwest::Url::parse(url)?;
    ensure!(parsed.scheme() == "http", "--server must be an http:// URL");
    match parsed.host_str() {
        Some("127.0.0.1" | "localhost" | "[::1]") => Ok(()),
        other => bail!("--server must point at 127.0.0.1, not {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_servers() {
        assert!(check_local("http://127.0.0.1:8080").is_ok());
        assert!(check_local("http://localhost:1").is_ok());
        assert!(check_local("http://example.com").is_err());
        assert!(check_local("http://10.0.0.1:80").is_err());
    }

    #[test]
    fn bounds_are_enforced() {
        let args = Args::parse_from(["lg", "--spawn-server", "x", "--idle-visitors", "999999"]);
        assert!(args.validate().is_err());
        let args = Args::parse_from(["lg", "--spawn-server", "x"]);
        assert!(args.validate().is_ok());
    }

    #[test]
    fn no_operator_of_its_own_only_beside_a_console() {
        let run = |extra: &[&str]| {
            let mut argv = vec!["lg", "--spawn-server", "x", "--operators", "0"];
            argv.extend_from_slice(extra);
            Args::parse_from(argv).validate()
        };
        assert!(
            run(&[]).is_err(),
            "a message run with no operator checks nothing"
        );
        assert!(run(&["--console", "frontdesk", "--rate", "500"]).is_ok());
    }

    #[test]
    fn live_drafts_are_bounded_and_need_typing_visitors() {
        let run = |extra: &[&str]| {
            let mut argv = vec!["lg", "--spawn-server", "x"];
            argv.extend_from_slice(extra);
            Args::parse_from(argv).validate()
        };
        assert!(run(&["--typing", "10"]).is_ok());
        assert!(run(&["--typing", "20", "--rate", "0"]).is_ok());
        assert!(run(&["--typing", "21"]).is_err());
        assert!(run(&["--typing", "5", "--active-visitors", "0", "--rate", "0"]).is_err());
    }

    #[test]
    fn hostile_visitors_leave_the_server_its_frame_rate_so_the_run_must_fit_it() {
        let run = |extra: &str| {
            let mut argv = vec!["lg", "--spawn-server", "x"];
            argv.extend(extra.split_whitespace());
            Args::parse_from(argv).validate()
        };
        let many = "--flood-visitors 4 --active-visitors 100 --rate 1000";
        assert!(run(many).is_ok());
        assert!(run(&format!("{many} --typing 10")).is_ok());
        assert!(run(&format!("{many} --typing 11")).is_err());
        assert!(run("--flood-visitors 4 --active-visitors 4 --rate 500").is_err());
        assert!(run("--flood-visitors 65").is_err());
    }
}
