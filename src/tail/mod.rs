//! `frontdesk tail`: the live queue and events on stdout, one line per event, for a terminal,
//! a pipe or a log file (docs/tail.md). Reads the operator socket like the console: a
//! snapshot (or history from `--since`), then live events, resuming after a lost connection
//! with no line lost or printed twice.

#[cfg(test)]
mod chat_lines_tests;
mod filter;
mod follow;
mod format_human;
mod format_json;
mod line;
mod output;
mod picture;
mod since;
mod stream;
#[cfg(test)]
mod tests;

use std::io::IsTerminal;

use anyhow::Context;
use frontdesk_protocol::Seq;

use crate::paths::Dirs;
use crate::session;
use follow::{Follower, Format};
use format_human::Human;
use since::Since;

/// Errors that end tail (a lost connection does not: it is retried).
#[derive(Debug, thiserror::Error)]
pub enum TailError {
    #[error("the server refused the stored session (expired or logged out): run `frontdesk login`")]
    SessionRefused,
    #[error("writing to standard output: {0}")]
    Output(std::io::Error),
}

#[derive(Debug, Clone, Default, clap::Args)]
#[command(after_help = "Examples:
  frontdesk tail
  frontdesk tail --kind chat_created,chat_accepted --department sales
  frontdesk tail --json --since 1h | jq -r 'select(.waiting > 3) | .time'
  frontdesk tail --operator anna >> anna.log

Lines go to standard output; notes (sync, reconnects, a skipped gap) to standard error.
The JSON schema: docs/tail.md.")]
pub struct TailArgs {
    /// Server URL (default: the one of the stored session).
    #[arg(long, env = "FRONTDESK_SERVER")]
    pub server: Option<String>,
    /// JSON Lines (schema `v` 1, see docs/tail.md) instead of lines for people.
    #[arg(long)]
    pub json: bool,
    /// Only events of these kinds (repeat or comma list), e.g. chat_created,message_posted.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Only events of chats in these departments (repeat or comma list).
    #[arg(long = "department", value_name = "KEY")]
    pub departments: Vec<String>,
    /// Only events naming these operators or in their chats (login names; repeat or comma list).
    #[arg(long = "operator", value_name = "LOGIN")]
    pub operators: Vec<String>,
    /// Start from history: after a seq number, or at a time (RFC 3339, or an age: 90s, 30m, 1h, 2d).
    #[arg(long, value_name = "SEQ|TIME")]
    pub since: Option<String>,
}

/// Runs tail until Ctrl-C, SIGTERM or a closed output (all exit 0).
pub async fn run(args: TailArgs, dirs: &Dirs) -> anyhow::Result<()> {
    let filter = filter::Filter::new(&args.kinds, &args.departments, &args.operators)?;
    let since = args
        .since
        .as_deref()
        .map(|s| {
            since::parse(
                s,
                jiff::Timestamp::now().as_millisecond(),
                &jiff::tz::TimeZone::system(),
            )
        })
        .transpose()
        .map_err(|e| {
            let words = crate::i18n::detect().cli;
            anyhow::Error::msg(words.bad_since.replace("{text}", &e.0))
        })?;
    let stored = session::for_scripts(&dirs.data, args.server.as_deref())?;
    let server = stored.server.clone();
    // Watching only: tail does not make its operator online (protocol.md, `?watch=true`).
    let url = format!("{}?watch=true", crate::net::ws_url(&server)?);
    let format = if args.json {
        Format::Json
    } else {
        Format::Human(Human {
            colour: colour_wanted(),
            words: crate::i18n::detect().tail,
        })
    };
    let work = async {
        let start = match since {
            None => None,
            Some(since) => Some(start_seq(&server, &stored.token, since).await?),
        };
        let mut follower = Follower::new(start, filter, format, std::io::stdout().lock());
        if start.is_some() {
            follower.preload(stream::snapshot(&url, &stored.token).await?);
        }
        stream::follow(&url, &stored.token, &mut follower).await?;
        anyhow::Ok(())
    };
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("listening for SIGTERM")?;
    tokio::select! {
        done = work => done,
        _ = tokio::signal::ctrl_c() => Ok(()),
        _ = terminate.recv() => Ok(()),
        () = output::closed() => Ok(()),
    }
}

/// The `hello.since` for `--since`: a seq as given; for a time, the seq before the first
/// event at or after it, as the server finds it.
async fn start_seq(server: &str, token: &str, since: Since) -> anyhow::Result<Seq> {
    match since {
        Since::Seq(seq) => Ok(seq),
        Since::Time(at) => {
            let answer = crate::net::rest::event_seq_at(server, token, at)
                .await?
                .ok_or(TailError::SessionRefused)?;
            Ok(answer.seq.map_or(answer.head_seq, |s| s.saturating_sub(1)))
        }
    }
}

/// The notes' words, in the terminal's language (the lines' own follow `--json` or not).
fn words() -> &'static crate::i18n::TailWords {
    crate::i18n::detect().tail
}

/// A note on stderr (sync, reconnects, a gap). Never a panic: with `2>&1 | head -1` stderr
/// may be a closed pipe too, and losing a note is better than a panic message.
fn note(args: std::fmt::Arguments) {
    crate::stderr::line(format_args!("frontdesk tail: {args}"));
}

/// Colour only for a person: stdout is a terminal and `NO_COLOR` is unset (or empty).
fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
