//! One search hit as a line: time, chat, author, snippet with the hit words in bold.

use std::ffi::OsString;

use frontdesk_protocol::Role;
use frontdesk_protocol::search::{HitKind, SearchHit};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::sanitize::{Mode, sanitize};

const BOLD: &str = "\x1b[1m";
const NORMAL: &str = "\x1b[22m";

/// Bold only on a terminal, and never when `NO_COLOR` is set to anything non-empty.
pub fn wants_bold(terminal: bool, no_color: Option<OsString>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

/// `2026-12-03 14:05  #12  Ольга  [note] …snippet…`. Every piece of text from the server
/// goes through `sanitize` (piece by piece, so the marks still fall on the right chars).
pub fn human(hit: &SearchHit, tz: &TimeZone, bold: bool) -> String {
    let time = Timestamp::from_millisecond(hit.ts)
        .map(|t| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| hit.ts.to_string());
    let author = match (&hit.author.name, hit.author.role) {
        (Some(name), _) => sanitize(name, Mode::NAME).into_owned(),
        (None, Role::Visitor) => "visitor".into(),
        (None, Role::Operator) => "operator".into(),
        (None, Role::System) => "system".into(),
    };
    let kind = match hit.kind {
        HitKind::Text => "",
        HitKind::Note => "[note] ",
        HitKind::Whisper => "[whisper] ",
        HitKind::Visitor => "[visitor] ",
    };
    format!(
        "{time}  #{}  {author}  {kind}{}",
        hit.chat_id,
        marked(&hit.snippet, &hit.marks, bold)
    )
}

/// The snippet sanitised, its marked ranges (char offsets) in bold when `bold`.
fn marked(snippet: &str, marks: &[[u32; 2]], bold: bool) -> String {
    let mut out = String::new();
    for (piece, hit) in crate::sanitize::sanitize_marked(snippet, marks) {
        if hit && bold {
            out.push_str(BOLD);
            out.push_str(&piece);
            out.push_str(NORMAL);
        } else {
            out.push_str(&piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use frontdesk_protocol::Author;

    use super::*;

    fn hit(snippet: &str, marks: Vec<[u32; 2]>) -> SearchHit {
        SearchHit {
            chat_id: 7,
            message_id: Some(3),
            ts: 0,
            author: Author {
                role: Role::Visitor,
                operator_id: None,
                name: Some("Оль\u{202e}га".into()),
            },
            kind: HitKind::Note,
            snippet: snippet.into(),
            marks,
        }
    }

    #[test]
    fn hit_words_are_bold_on_a_terminal_and_text_is_made_safe() {
        let h = hit("Я \x1bзаказал диван", vec![[3, 10]]);
        let line = human(&h, &TimeZone::UTC, true);
        assert_eq!(
            line,
            "1970-01-01 00:00  #7  Оль⟨U+202E⟩га  [note] Я ␛\x1b[1mзаказал\x1b[22m диван"
        );
        let plain = human(&h, &TimeZone::UTC, false);
        assert!(plain.ends_with("[note] Я ␛заказал диван"), "{plain}");
    }

    #[test]
    fn bold_needs_a_terminal_and_no_no_color() {
        assert!(wants_bold(true, None));
        assert!(wants_bold(true, Some(OsString::new())));
        assert!(!wants_bold(true, Some("1".into())));
        assert!(!wants_bold(false, None));
    }
}
