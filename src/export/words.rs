//! The words of the console's `:export` (docs/export.md, "In the console"), in any order, each
//! at most once:
//!
//! - a period, read like `frontdesk export --since`: an age (`30m`, `24h`, `7d`: until now), a
//!   date or an RFC 3339 time (since then, until now), or two of them joined by `..`
//!   (`2026-12-01..2026-12-08`: from the first up to the second, not including it);
//! - a department key, then (a word that is none) an operator's login name: only their chats;
//! - a format: `text` (the default), `jsonl` or `csv`.
//!
//! No period and no department or operator: the focused chat. A department or operator
//! without a period is refused, as `frontdesk export` refuses `--department` without
//! `--since`. Pure: the names the console knows come in as [`Known`].

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{ChatFilter, Format};
use crate::i18n::ExportLabels;

/// The department keys and operator logins the console knows (from the server).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub departments: Vec<String>,
    pub operators: Vec<String>,
}

/// What `:export …` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The chats of a period; `None`: the focused chat.
    pub filter: Option<ChatFilter>,
    pub format: Option<Format>,
    /// The words that chose the chats, as typed and in order (`7d sales`): the file's name
    /// and the progress line say them.
    pub label: String,
}

/// Reads the words after `:export`, relative to `now` in `tz`; an error says which word and
/// why, in the operator's language (`words`).
pub fn parse(
    args: &str,
    known: &Known,
    now: Timestamp,
    tz: &TimeZone,
    words: &ExportLabels,
) -> Result<Asked, String> {
    let mut period: Option<(i64, i64)> = None;
    let mut department: Option<String> = None;
    let mut operator: Option<String> = None;
    let mut format: Option<Format> = None;
    let mut label: Vec<&str> = Vec::new();
    let mut first_filter: Option<&str> = None;
    for word in args.split_whitespace() {
        let fill = |slot_taken: bool| {
            if slot_taken {
                Err(words.twice.replace("{word}", word))
            } else {
                Ok(())
            }
        };
        let lower = word.to_lowercase();
        if let Some(f) = Format::from_word(word) {
            fill(format.is_some())?;
            format = Some(f);
            continue;
        }
        if let Some(found) = as_period(word, now, tz) {
            fill(period.is_some())?;
            period = Some(found.map_err(|()| words.bad_period.replace("{word}", word))?);
        } else if let Some(key) = known.departments.iter().find(|k| k.to_lowercase() == lower) {
            fill(department.is_some())?;
            department = Some(key.clone());
            first_filter.get_or_insert(word);
        } else if let Some(login) = known.operators.iter().find(|o| o.to_lowercase() == lower) {
            fill(operator.is_some())?;
            operator = Some(login.clone());
            first_filter.get_or_insert(word);
        } else {
            return Err(words.bad_word.replace("{word}", word));
        }
        label.push(word);
    }
    let filter = match (period, first_filter) {
        (Some((since, until)), _) => Some(ChatFilter {
            since,
            until,
            department,
            operator,
        }),
        (None, Some(word)) => return Err(words.no_period.replace("{word}", word)),
        (None, None) => None,
    };
    Ok(Asked {
        filter,
        format,
        label: label.join(" "),
    })
}

/// `None`: `word` is no period at all; `Some(Err)`: it is meant as one (it has `..`) but is
/// not a good one.
fn as_period(word: &str, now: Timestamp, tz: &TimeZone) -> Option<Result<(i64, i64), ()>> {
    match word.split_once("..") {
        Some((since, until)) => {
            let until = (!until.is_empty()).then_some(until);
            Some(super::period(since, until, now, tz).map_err(|_| ()))
        }
        None => super::period(word, None, now, tz).ok().map(Ok),
    }
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
