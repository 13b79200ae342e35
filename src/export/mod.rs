//! Transcripts to files, shared by `frontdesk export` (`cli.rs`) and the console (`F8`,
//! `:export`, F8 on the search screen): the formats (`format.rs`, pure), the [`Writer`] that
//! puts one transcript after another into a file, the period both read ([`period`], through
//! `when.rs`), the console's `:export` words (`words.rs`) and the mail hook (`mail.rs`). Which
//! chats a period holds is [`ChatFilter`] (`net/rest.rs`); the server decides what the operator
//! may read.

mod cli;
mod format;
mod mail;
mod words;

use std::io::Write;

use frontdesk_protocol::transcript::Transcript;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::i18n::ExportLabels;

pub use crate::net::rest::ChatFilter;
pub use cli::{ExportArgs, cli};
pub use format::text as write_text;
pub use mail::MailConfig;
pub use words::{Asked, Known, parse as parse_words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable: a header per chat, a line per message (visitor text made safe to print).
    Text,
    /// One JSON object per message (schema in docs/export.md).
    Jsonl,
    /// One row per message with a header row (formula-like cells prefixed with ').
    Csv,
}

impl Format {
    /// The words that name the formats, as `--format` and `:export` take them.
    pub const WORDS: [&str; 3] = ["text", "jsonl", "csv"];

    /// The format `word` names (any case).
    pub fn from_word(word: &str) -> Option<Self> {
        match word.to_lowercase().as_str() {
            "text" => Some(Self::Text),
            "jsonl" => Some(Self::Jsonl),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// A file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Jsonl => "jsonl",
            Self::Csv => "csv",
        }
    }
}

/// Writes transcripts one after another in one format: CSV gets its header row once, before
/// the first transcript's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub format: Format,
    /// Transcripts written so far.
    pub written: usize,
}

impl Writer {
    pub fn new(format: Format) -> Self {
        Self { format, written: 0 }
    }

    /// Appends transcript `t` to `out`; times of the text format in `tz`, its words `words`.
    pub fn write(
        &mut self,
        t: &Transcript,
        out: &mut impl Write,
        tz: &TimeZone,
        words: &ExportLabels,
    ) -> anyhow::Result<()> {
        match self.format {
            Format::Text => format::text(t, out, tz, words)?,
            Format::Jsonl => format::jsonl(t, out)?,
            Format::Csv => format::csv(t, out, self.written == 0)?,
        }
        self.written += 1;
        Ok(())
    }
}

/// Why a period was refused, said in the operator's language by [`PeriodError::said`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    NotATime(String),
    /// The start (as typed) is after the end.
    Backwards(String),
}

impl PeriodError {
    pub fn said(&self, words: &crate::i18n::CliWords) -> String {
        match self {
            Self::NotATime(text) => words.not_a_time.replace("{text}", text),
            Self::Backwards(since) => words.period_backwards.replace("{since}", since),
        }
    }
}

impl From<crate::when::NotATime> for PeriodError {
    fn from(e: crate::when::NotATime) -> Self {
        Self::NotATime(e.0)
    }
}

/// The period `[since, until)` in ms from the forms of `when.rs`; `until` absent: up to now
/// (inclusive). A period that ends before it starts is refused.
pub fn period(
    since: &str,
    until: Option<&str>,
    now: Timestamp,
    tz: &TimeZone,
) -> Result<(i64, i64), PeriodError> {
    let start = crate::when::parse(since, now, tz)?;
    let end = match until {
        Some(u) => crate::when::parse(u, now, tz)?,
        None => now.as_millisecond() + 1,
    };
    if end <= start {
        return Err(PeriodError::Backwards(since.trim().to_owned()));
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_words_are_the_command_lines_values() {
        use clap::ValueEnum;
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()))
            .collect();
        assert_eq!(names, Format::WORDS);
        for word in Format::WORDS {
            let format = Format::from_word(word).expect(word);
            assert!(!format.extension().is_empty());
        }
        assert_eq!(Format::from_word("xlsx"), None);
    }

    #[test]
    fn a_period_is_refused_when_it_ends_before_it_starts() {
        let now: Timestamp = "2026-12-10T12:00:00Z".parse().expect("time");
        let (since, until) = period("7d", None, now, &TimeZone::UTC).expect("a week");
        assert_eq!(until - since, 7 * 86_400_000 + 1);
        let err =
            period("2026-12-08", Some("2026-12-01"), now, &TimeZone::UTC).expect_err("backwards");
        assert_eq!(err, PeriodError::Backwards("2026-12-08".into()));
        let err = period("yesterday", None, now, &TimeZone::UTC).expect_err("no time");
        assert_eq!(err, PeriodError::NotATime("yesterday".into()));
        // Said in the terminal's language.
        assert_eq!(
            err.said(&crate::i18n::CLI_RU),
            "`yesterday` — не время: укажите 2026-12-01, \"2026-12-01 14:30\", время RFC 3339 \
             или давность: 90s, 30m, 24h, 7d"
        );
    }
}
