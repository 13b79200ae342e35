//! `frontdesk export`: transcripts of chosen chats, or of every chat of a period, as text,
//! JSON Lines or CSV, to stdout or a file; `--mail` hands each to a hook of yours that e-mails
//! it to the visitor (docs/export.md). The server decides what the operator may read.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use frontdesk_protocol::transcript::{ChatList, Transcript};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{ChatFilter, Format, MailConfig, Writer, mail};
use crate::i18n::Strings;
use crate::net::rest::get_json;
use crate::session::Session;

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// A chat to export (repeat for several).
    #[arg(long = "chat", value_name = "ID")]
    pub chats: Vec<i64>,
    /// Every chat started since this time: 2026-12-01, "2026-12-01 14:30", RFC 3339, or an
    /// age such as 24h or 7d.
    #[arg(long)]
    pub since: Option<String>,
    /// ...and before this time (default: now).
    #[arg(long)]
    pub until: Option<String>,
    /// Only chats of this department (its key).
    #[arg(long)]
    pub department: Option<String>,
    /// Only chats this operator has or had (login name).
    #[arg(long)]
    pub operator: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Hand each transcript to `[export] mail_hook` for the visitor's e-mail address.
    #[arg(long)]
    pub mail: bool,
}

/// Runs `frontdesk export` with the stored session.
pub async fn cli(
    args: ExportArgs,
    session: &Session,
    mail: &MailConfig,
    words: &'static Strings,
) -> anyhow::Result<()> {
    let tz = TimeZone::system();
    let ids = chat_ids(&args, session, &tz, words).await?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut writer = Writer::new(args.format);
    for id in &ids {
        let path = format!("/api/chats/{id}/transcript");
        let t: Transcript = get_json(&session.server, &session.token, &path)
            .await
            .with_context(|| format!("chat {id}"))?;
        writer.write(&t, &mut out, &tz, words.export)?;
        if args.mail {
            mail::send(mail, &t, &tz, words).await?;
            crate::stderr::line(words.export.mailed.replace("{id}", &id.to_string()));
        }
    }
    out.flush()?;
    Ok(())
}

/// The chats asked for: those named, then those of the period, each once, in order.
async fn chat_ids(
    args: &ExportArgs,
    session: &Session,
    tz: &TimeZone,
    words: &'static Strings,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = args.chats.clone();
    if let Some(since) = &args.since {
        let (since, until) = super::period(since, args.until.as_deref(), Timestamp::now(), tz)
            .map_err(|e| anyhow::Error::msg(e.said(crate::i18n::detect().cli)))?;
        let filter = ChatFilter {
            since,
            until,
            department: args.department.clone(),
            operator: args.operator.clone(),
        };
        let mut after = 0;
        loop {
            let path = filter.page_path(after);
            let page: ChatList = get_json(&session.server, &session.token, &path).await?;
            ids.extend(page.chats.iter().map(|c| c.chat.id));
            match page.next_after {
                Some(next) => after = next,
                None => break,
            }
        }
    } else if args.until.is_some() || args.department.is_some() || args.operator.is_some() {
        anyhow::bail!("{}", words.export.nothing_asked);
    }
    if ids.is_empty() {
        anyhow::bail!(
            "{}",
            if args.chats.is_empty() && args.since.is_none() {
                words.export.nothing_asked
            } else {
                words.export.none_found
            }
        );
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    Ok(ids)
}
