//! `frontdesk search QUERY`: messages and visitors found by words across all chats the
//! operator may read (docs/search.md), one line each, or JSON Lines with `--json`.

mod line;

use std::io::{IsTerminal, Write};

use anyhow::anyhow;
use frontdesk_protocol::search::{MAX_SEARCH_HITS, SearchResults};
use jiff::tz::TimeZone;

use crate::export::PeriodError;
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
    /// Only what was written from then on: 2026-11-01, "2026-11-01 09:00", RFC 3339 or an age
    /// such as 24h or 7d, in this computer's time zone.
    #[arg(long)]
    pub since: Option<String>,
    /// …and before then, in the same forms.
    #[arg(long)]
    pub until: Option<String>,
}

/// Runs `frontdesk search` with the stored session (no prompts: it may run in a script).
pub async fn cli(dirs: &Dirs, server: Option<String>, args: SearchArgs) -> anyhow::Result<()> {
    let session = session::for_scripts(&dirs.data, server.as_deref())?;
    let tz = TimeZone::system();
    let words = crate::i18n::detect().cli;
    let path = query(&args, jiff::Timestamp::now(), &tz).map_err(|e| anyhow!(e.said(words)))?;
    let found: SearchResults = get_json(&session.server, &session.token, &path).await?;
    let stdout = std::io::stdout();
    let bold = wants_bold(stdout.is_terminal(), std::env::var_os("NO_COLOR"));
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

/// Path and query string of the search `args` ask for: the period read here, as `export`
/// reads its own (`when.rs`), and sent in milliseconds.
fn query(args: &SearchArgs, now: jiff::Timestamp, tz: &TimeZone) -> Result<String, PeriodError> {
    let mut path = format!(
        "/api/search?q={}&limit={}",
        crate::net::rest::query_value(&args.query),
        args.limit
    );
    let since = args
        .since
        .as_deref()
        .map(|t| crate::when::parse(t, now, tz))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|t| crate::when::parse(t, now, tz))
        .transpose()?;
    if let (Some(start), Some(end), Some(text)) = (since, until, &args.since)
        && end <= start
    {
        return Err(PeriodError::Backwards(text.trim().to_owned()));
    }
    for (name, at) in [("since", since), ("until", until)] {
        if let Some(at) = at {
            path.push_str(&format!("&{name}={at}"));
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(since: Option<&str>, until: Option<&str>) -> SearchArgs {
        SearchArgs {
            query: "чайник Vita".into(),
            limit: 20,
            json: false,
            since: since.map(str::to_owned),
            until: until.map(str::to_owned),
        }
    }

    #[test]
    fn the_period_goes_to_the_server_in_milliseconds() {
        let now: jiff::Timestamp = "2026-12-10T12:00:00Z".parse().expect("time");
        let moscow = TimeZone::get("Europe/Moscow").expect("zone");
        let path = |since, until| query(&args(since, until), now, &moscow);
        assert_eq!(
            path(None, None).expect("no period"),
            "/api/search?q=%D1%87%D0%B0%D0%B9%D0%BD%D0%B8%D0%BA%20Vita&limit=20"
        );
        let week = path(Some("7d"), None).expect("an age");
        assert!(week.ends_with("&since=1796299200000"), "{week}");
        // A date is its midnight here, not in UTC.
        let day = path(Some("2026-12-01"), Some("2026-12-02")).expect("dates");
        assert!(
            day.ends_with("&since=1796072400000&until=1796158800000"),
            "{day}"
        );
        assert_eq!(
            path(Some("2026-12-02"), Some("2026-12-01")),
            Err(PeriodError::Backwards("2026-12-02".into()))
        );
        assert_eq!(
            path(None, Some("вчера")),
            Err(PeriodError::NotATime("вчера".into()))
        );
    }
}
