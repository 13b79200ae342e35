//! `frontdesk search QUERY`: messages and visitors found by words across all chats the
//! operator may read (docs/search.md), one line each, or JSON Lines with `--json`.

mod line;

use std::io::{IsTerminal, Write};

use frontdesk_protocol::search::{MAX_SEARCH_HITS, SearchResults};
use jiff::tz::TimeZone;

use crate::net::rest::get_json;
use crate::paths::Dirs;
use crate::session;

pub use line::{human, wants_bold};

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Words to find, in any grammatical form (Russian or English); all must be found.
    pub query: String,
    /// Most hits, newest first (at most 100).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SEARCH_HITS)))]
    pub limit: u32,
    /// One JSON object per hit (the `SearchHit` of docs/protocol.md).
    #[arg(long)]
    pub json: bool,
}

/// Runs `frontdesk search` with the stored session (no prompts: it may run in a script).
pub async fn cli(dirs: &Dirs, server: Option<String>, args: SearchArgs) -> anyhow::Result<()> {
    let session = session::for_scripts(&dirs.data, server.as_deref())?;
    let path = format!(
        "/api/search?q={}&limit={}",
        crate::net::rest::query_value(&args.query),
        args.limit
    );
    let found: SearchResults = get_json(&session.server, &session.token, &path).await?;
    let stdout = std::io::stdout();
    let bold = wants_bold(stdout.is_terminal(), std::env::var_os("NO_COLOR"));
    let tz = TimeZone::system();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for hit in &found.hits {
        if args.json {
            serde_json::to_writer(&mut out, hit)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", human(hit, &tz, bold))?;
        }
    }
    out.flush()?;
    Ok(())
}
