//! Command line: `frontdesk [--server URL]`, `login`, `logout`, `demo`, `tail`, `export`,
//! `stats`, `canned`, `autostart`, `completions`. Login prompts happen here, before the terminal switches to raw mode.

use std::io::{BufRead, IsTerminal};

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};

use crate::net::{self, TokenCheck};
use crate::paths::Dirs;
use crate::session::{self, Session};
use crate::{ConsoleOptions, demo};

#[derive(Debug, Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "Terminal operator console for website live chat"
)]
pub struct Cli {
    /// Server URL, e.g. http://127.0.0.1:8080 (default: the one of the stored session).
    #[arg(long, env = "FRONTDESK_SERVER")]
    pub server: Option<String>,
    /// Print the built-in keymap (keymaps/default.toml) and exit.
    #[arg(long)]
    pub print_default_keymap: bool,
    /// Print the shipped writing rules (writing/rules.toml) and exit.
    #[arg(long)]
    pub print_writing_rules: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in and store the session for later runs.
    Login {
        #[arg(long, env = "FRONTDESK_SERVER")]
        server: String,
        /// Operator login name (asked for when missing).
        #[arg(long)]
        user: Option<String>,
        /// Read the password from standard input (for scripts).
        #[arg(long)]
        password_stdin: bool,
    },
    /// End the stored session and forget it.
    Logout,
    /// Start a local server with simulated visitors and open the console on it.
    Demo(demo::DemoArgs),
    /// Transcripts of chats as text, JSON Lines or CSV (docs/export.md).
    Export(crate::export::ExportArgs),
    /// Stream the live queue and events to stdout, one line per event (docs/tail.md).
    ///
    /// Uses the session of `frontdesk login`. Lines for people by default (coloured only on
    /// a terminal without NO_COLOR), JSON Lines with --json. Keeps going across lost
    /// connections and server restarts without losing or repeating a line; exits 0 on
    /// Ctrl-C, SIGTERM or a closed pipe.
    Tail(crate::tail::TailArgs),
    /// Statistics or staffing from the server (docs/statistics.md, docs/staffing.md).
    Stats(crate::stats_cli::StatsArgs),
    /// Search all chats you may read by words (docs/search.md).
    Search(crate::search_cli::SearchArgs),
    /// Canned replies (docs/canned_replies.md).
    Canned {
        #[command(subcommand)]
        command: CannedCommand,
    },
    /// Open the console in a terminal at every desktop login (an XDG autostart entry).
    Autostart {
        #[command(subcommand)]
        command: crate::autostart::AutostartCommand,
    },
    /// Print the shell's completion script for frontdesk to stdout.
    ///
    /// bash: `frontdesk completions bash > ~/.local/share/bash-completion/completions/frontdesk`;
    /// zsh: into a folder on `$fpath` as `_frontdesk`; fish:
    /// `frontdesk completions fish > ~/.config/fish/completions/frontdesk.fish`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum CannedCommand {
    /// Check a library: prints each problem as `file:line: message`, exits non-zero if any.
    Check {
        /// A folder of reply files or one file (default: the shipped and your own library).
        path: Option<std::path::PathBuf>,
    },
}

/// Entry point of the binary.
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // The console alone runs on one thread: a terminal UI and its socket need no more, and a
    // flood of small frames then costs no cross-thread wake-ups. The demo also hosts the chat
    // server and its visitors, which get the usual worker threads.
    let runtime = match cli.command {
        Some(Command::Demo(_)) => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    }
    .enable_all()
    .build()?;
    runtime.block_on(run(cli))
}

/// Carries out a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.print_writing_rules {
        print!("{}", crate::writing::rules_file::DEFAULT_TOML);
        return Ok(());
    }
    if cli.print_default_keymap {
        print!("{}", crate::keymap::DEFAULT_TOML);
        return Ok(());
    }
    // Before the data folder and the log: a script printed at a shell's start must not
    // create either.
    if let Some(Command::Completions { shell }) = cli.command {
        let mut command = Cli::command();
        return Ok(frontdesk_server::completions::print(
            shell,
            &mut command,
            "frontdesk",
        )?);
    }
    let dirs = Dirs::resolve()?;
    let _log = crate::logging::init(&dirs.data)?;
    match cli.command {
        Some(Command::Login {
            server,
            user,
            password_stdin,
        }) => {
            if !password_stdin && !std::io::stdin().is_terminal() {
                anyhow::bail!(crate::i18n::detect().cli.password_needs_terminal);
            }
            let session = login(&dirs, &server, user, password_stdin).await?;
            let said = crate::i18n::detect().cli.logged_in;
            println!(
                "{}",
                said.replace("{server}", &session.server)
                    .replace("{name}", &session.operator)
            );
            Ok(())
        }
        Some(Command::Logout) => logout(&dirs).await,
        Some(Command::Demo(args)) => demo::run(args).await,
        Some(Command::Export(args)) => export(&dirs, cli.server, args).await,
        Some(Command::Tail(mut args)) => {
            args.server = args.server.or(cli.server);
            crate::tail::run(args, &dirs).await
        }
        Some(Command::Stats(args)) => crate::stats_cli::run(&dirs, cli.server, args).await,
        Some(Command::Search(args)) => crate::search_cli::cli(&dirs, cli.server, args).await,
        Some(Command::Canned {
            command: CannedCommand::Check { path },
        }) => crate::canned::check::cli(path.as_deref(), &dirs.config),
        Some(Command::Autostart { command }) => crate::autostart::cli(command),
        Some(Command::Completions { .. }) => Ok(()),
        None => console(&dirs, cli.server).await,
    }
}

async fn console(dirs: &Dirs, server: Option<String>) -> anyhow::Result<()> {
    let stored = session::load(&dirs.data);
    let server = server
        .or_else(|| stored.as_ref().map(|s| s.server.clone()))
        .context("no server given: use --server URL or `frontdesk login --server URL`")?;
    let ws_url = net::ws_url(&server)?;
    let mut session = match stored.filter(|s| session::same_server(&s.server, &server)) {
        Some(s) => s,
        None => login(dirs, &server, None, false).await?,
    };
    match net::check_token(&ws_url, &session.token).await {
        Ok(TokenCheck::Valid) => {}
        Ok(TokenCheck::Unauthorized) => {
            crate::stderr::line(crate::i18n::detect().cli.session_expired);
            session = login(dirs, &server, Some(session.operator), false).await?;
        }
        // Unreachable now is fine: the console shows "offline" and keeps retrying.
        Err(e) => tracing::warn!("could not check the session: {e:#}"),
    }
    crate::run_console(ConsoleOptions {
        server_url: server,
        token: session.token,
        operator_name: session.operator,
        data_dir: dirs.data.clone(),
        banner: None,
    })
    .await
}

/// `frontdesk export` with the stored session (no prompts: it may run in a script).
async fn export(
    dirs: &Dirs,
    server: Option<String>,
    args: crate::export::ExportArgs,
) -> anyhow::Result<()> {
    let session = session::for_scripts(&dirs.data, server.as_deref())?;
    let config = crate::config::load(Some(&dirs.config));
    if let Some(problem) = &config.error {
        anyhow::bail!("{problem}");
    }
    let words = crate::i18n::detect();
    crate::export::cli(args, &session, &config.config.export, words).await
}

/// Logs in (asking for what is missing when stdin is a terminal) and stores the session.
async fn login(
    dirs: &Dirs,
    server: &str,
    user: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<Session> {
    let words = crate::i18n::detect().cli;
    let interactive = std::io::stdin().is_terminal();
    if !interactive && !password_stdin {
        anyhow::bail!(words.login_needs_terminal.replace("{server}", server));
    }
    let user = match user {
        Some(u) => u,
        None if interactive => prompt_line(words.operator_prompt)?,
        None => anyhow::bail!("--user is required with --password-stdin"),
    };
    let password = if password_stdin {
        read_stdin_line()?
    } else {
        rpassword::prompt_password(words.password_prompt).context("reading the password")?
    };
    let answer = net::rest::login(server, &user, &password).await?;
    let session = Session {
        server: server.trim_end_matches('/').to_owned(),
        operator: answer.operator.name,
        token: answer.token,
    };
    session::save(&dirs.data, &session)?;
    tracing::info!(operator = %session.operator, "logged in");
    Ok(session)
}

async fn logout(dirs: &Dirs) -> anyhow::Result<()> {
    let words = crate::i18n::detect().cli;
    let Some(stored) = session::load(&dirs.data) else {
        println!("{}", words.not_logged_in);
        return Ok(());
    };
    if let Err(e) = net::rest::logout(&stored.server, &stored.token).await {
        let why = format!("{e:#}");
        crate::stderr::line(words.logout_unconfirmed.replace("{why}", &why));
    }
    session::remove(&dirs.data)?;
    println!("{}", words.logged_out);
    Ok(())
}

fn prompt_line(prompt: &str) -> anyhow::Result<String> {
    crate::stderr::prompt(prompt);
    let line = read_stdin_line()?;
    if line.is_empty() {
        anyhow::bail!("nothing entered");
    }
    Ok(line)
}

fn read_stdin_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
