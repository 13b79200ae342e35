//! `frontdesk-server`: serve, and manage operator accounts.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use frontdesk_server::Config;

mod operator_cli;

#[derive(Parser)]
#[command(name = "frontdesk-server", version, about = "Frontdesk chat server")]
struct Cli {
    /// Config file (TOML). Without it, built-in defaults (see docs/configuration.md).
    #[arg(long, global = true, env = "FRONTDESK_SERVER_CONFIG")]
    config: Option<PathBuf>,
    /// SQLite database file (overrides the config).
    #[arg(long, global = true)]
    database: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the visitor and operator sockets.
    Serve {
        /// Address to listen on (overrides the config), e.g. 0.0.0.0:8080.
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
    /// Manage operator accounts: add, list, password, disable, enable, role, display-name.
    Operator {
        #[command(subcommand)]
        command: operator_cli::OperatorCommand,
    },
    /// Print the default configuration as TOML.
    PrintConfig,
    /// Print the shell's completion script for frontdesk-server to stdout (bash, zsh, fish,
    /// elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let mut config = match &cli.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Config::from_toml(&text).with_context(|| format!("in {}", path.display()))?
        }
        None => Config::default(),
    };
    if let Some(db) = &cli.database {
        config.database.clone_from(db);
    }
    Ok(config)
}

pub(crate) fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Again: ")?;
    anyhow::ensure!(first == again, "the passwords differ");
    Ok(first)
}

/// A failure is one line on standard error ("Error: in frontdesk.toml: …", its causes after
/// colons) and exit code 1, never a stack trace, even where `RUST_BACKTRACE` is set.
fn main() -> std::process::ExitCode {
    match start() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Not `eprintln!`: on a stderr that is gone it would panic (exit 101).
            let _ = writeln!(std::io::stderr(), "Error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn start() -> anyhow::Result<()> {
    init_logging();
    let cli = Cli::parse();
    // No configuration needed, none read: a broken one must not break the shell's start.
    if let Command::Completions { shell } = cli.command {
        let mut command = Cli::command();
        return Ok(frontdesk_server::completions::print(
            shell,
            &mut command,
            "frontdesk-server",
        )?);
    }
    let config = load_config(&cli)?;
    // The configuration comes first: it says how many threads the runtime gets. One thread is
    // tokio's current-thread runtime: the sockets' tasks run on the thread that drives the
    // runtime, with no worker to hand them to (acks sooner at the same CPU; docs/benchmarks.md,
    // "The server's one thread without a worker").
    let mut runtime = if config.workers == 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    if config.workers > 1 {
        runtime.worker_threads(config.workers);
    }
    runtime.enable_all().build()?.block_on(run(cli, config))
}

async fn run(cli: Cli, mut config: Config) -> anyhow::Result<()> {
    match cli.command {
        Command::PrintConfig => {
            print!("{}", toml::to_string(&Config::default())?);
        }
        Command::Completions { .. } => {}
        Command::Serve { listen } => {
            if let Some(listen) = listen {
                config.listen = listen;
            }
            // Listening for signals before serving: one that comes early still stops it cleanly.
            let stop = Signals::new()?;
            let runtime = tokio::runtime::Handle::current();
            let workers = runtime.metrics().num_workers();
            tracing::info!(workers, flavor = ?runtime.runtime_flavor(), "serving");
            let server = frontdesk_server::start(config).await?;
            // Scripts read this line to learn the port when listening on port 0.
            println!("listening on {}", server.http_url());
            let signal = stop.recv().await;
            tracing::info!(
                "{signal}: shutting down (closing connections, finishing queued writes)"
            );
            server.shutdown().await;
            tracing::info!("stopped");
        }
        Command::Operator { command } => operator_cli::run(command, &config).await?,
    }
    Ok(())
}

/// The log goes to stderr, coloured only for a person at a terminal: a service manager or a
/// file gets plain text, and `NO_COLOR` (any non-empty value) turns colours off.
fn init_logging() {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FRONTDESK_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && !no_color)
        .init();
}

/// SIGTERM (service managers) and SIGINT (Ctrl-C), caught instead of ending the process.
struct Signals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    /// Waits for either; returns which one came.
    async fn recv(mut self) -> &'static str {
        tokio::select! {
            _ = self.int.recv() => "SIGINT",
            _ = self.term.recv() => "SIGTERM",
        }
    }
}
