//! `frontdesk stats`: the server's statistics (or, with `--staffing`, the staffing table) for
//! the stored session, as an aligned table, CSV or the server's JSON. docs/statistics.md and
//! docs/staffing.md say what each number means.

mod columns;
mod grid;

use anyhow::Context;
use frontdesk_protocol::stats::{StaffingReport, StatsReport};

use crate::net;
use crate::paths::Dirs;
use crate::session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Operator,
    Department,
    Hour,
    Weekday,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Start of the period: 2026-11-01, "2026-11-01 09:00", RFC 3339 or an age such as 24h
    /// or 7d, in --tz (default: a week before --until; four weeks with --staffing).
    #[arg(long)]
    pub since: Option<String>,
    /// End of the period, not included, in the same forms (default: now).
    #[arg(long)]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value = "operator")]
    pub by: By,
    /// IANA time zone for hours, weekdays and dates (default: this computer's).
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Needed against online operators for each hour of the week instead.
    #[arg(long)]
    pub staffing: bool,
    /// Staffing: answer within this many seconds (default 60)…
    #[arg(long)]
    pub wait_secs: Option<u32>,
    /// …in this share of chats, 0–1 (default 0.8).
    #[arg(long)]
    pub service_level: Option<f64>,
    /// Staffing: chats an operator handles at once (default: the server's max_chats).
    #[arg(long)]
    pub concurrency: Option<u32>,
}

/// Runs the command against the stored session's server (or `server`, if it is the same).
pub async fn run(dirs: &Dirs, server: Option<String>, args: StatsArgs) -> anyhow::Result<()> {
    let session = session::for_scripts(&dirs.data, server.as_deref())?;
    let words = crate::i18n::detect().cli;
    let path = query(&args, jiff::Timestamp::now(), words).map_err(anyhow::Error::msg)?;
    let answer = net::rest::get_json(&session.server, &session.token, &path).await?;
    // The table in the operator's language (as the console picks it); CSV keeps field names.
    print!(
        "{}",
        render(&args, answer, crate::i18n::detect().stats_table)?
    );
    Ok(())
}

/// Path and query string of the request `args` ask for at `now`. The period's times are read
/// here, as `export` and `tail` read theirs (`when.rs`: ages such as `7d` too), in the zone the
/// figures are counted in; the server gets milliseconds.
fn query(
    args: &StatsArgs,
    now: jiff::Timestamp,
    words: &crate::i18n::CliWords,
) -> Result<String, String> {
    let tz = args.tz.clone().unwrap_or_else(local_zone);
    let zone = jiff::tz::TimeZone::get(&tz).map_err(|_| words.bad_zone.replace("{tz}", &tz))?;
    let at = |text: &String| {
        crate::when::parse(text, now, &zone)
            .map(|ms| ms.to_string())
            .map_err(|e| words.not_a_time.replace("{text}", &e.0))
    };
    let mut pairs: Vec<(&str, String)> = vec![("tz", tz)];
    if let Some(since) = &args.since {
        pairs.push(("since", at(since)?));
    }
    if let Some(until) = &args.until {
        pairs.push(("until", at(until)?));
    }
    let endpoint = if args.staffing {
        pairs.extend(args.wait_secs.map(|w| ("wait_secs", w.to_string())));
        pairs.extend(args.service_level.map(|s| ("service_level", s.to_string())));
        pairs.extend(args.concurrency.map(|c| ("concurrency", c.to_string())));
        "/api/staffing"
    } else {
        let by = match args.by {
            By::Operator => "operator",
            By::Department => "department",
            By::Hour => "hour",
            By::Weekday => "weekday",
        };
        pairs.push(("by", by.to_owned()));
        "/api/stats"
    };
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", net::rest::query_value(v)))
        .collect();
    Ok(format!("{endpoint}?{}", query.join("&")))
}

/// This computer's zone name, else UTC.
fn local_zone() -> String {
    jiff::tz::TimeZone::system()
        .iana_name()
        .unwrap_or("UTC")
        .to_owned()
}

fn render(
    args: &StatsArgs,
    answer: serde_json::Value,
    words: &crate::i18n::StatsTableWords,
) -> anyhow::Result<String> {
    if args.format == Format::Json {
        return Ok(format!("{}\n", serde_json::to_string_pretty(&answer)?));
    }
    let human = args.format == Format::Table;
    let grid = if args.staffing {
        let report: StaffingReport =
            serde_json::from_value(answer).context("reading the staffing answer")?;
        columns::staffing_grid(&report, human, words)
    } else {
        let report: StatsReport =
            serde_json::from_value(answer).context("reading the statistics answer")?;
        columns::stats_grid(&report, human, words)
    };
    Ok(match (human, terminal_columns()) {
        (true, Some(columns)) => grid.table_within(columns),
        (true, None) => grid.table(),
        (false, _) => grid.csv(),
    })
}

/// The width of the terminal the table is printed on; none when the output goes to a file or
/// a pipe, which get the whole table, one line a row.
fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_in_a_time_is_not_read_as_a_space() {
        assert_eq!(
            net::rest::query_value("2026-12-01T00:00:00+03:00"),
            "2026-12-01T00%3A00%3A00%2B03%3A00"
        );
    }
}
