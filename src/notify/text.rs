//! The words of an alert: summary and body from the chats it is about. Names and message
//! text arrive sanitized and are cut here by graphemes, with `…`.

use unicode_segmentation::UnicodeSegmentation;

use super::rules::Kind;
use crate::i18n::NotifyLabels;

/// Longest visitor name in an alert, in graphemes.
pub const NAME_MAX: usize = 32;
/// Longest piece of a message in an alert ("the first words"), in graphemes.
pub const SNIPPET_MAX: usize = 80;
/// Chats listed one per line in a grouped body; the rest become `…`.
const BODY_LINES: usize = 3;

/// One chat (or message) an alert is about; `name` and `text` are sanitized already.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub chat_id: i64,
    pub visitor_id: i64,
    #[serde(rename = "visitor")]
    pub name: String,
    pub text: String,
    /// Messages this item stands for (a message group keeps one item per chat, so a busy
    /// day never piles up one item per message).
    pub messages: usize,
}

/// At most `max` graphemes of `s`, the last one `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    let mut graphemes = s.graphemes(true);
    let head: String = graphemes.by_ref().take(max).collect();
    if graphemes.next().is_none() {
        return head;
    }
    let mut cut: String = head.graphemes(true).take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// One line of sanitized text: newlines become spaces, runs of spaces one.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A snippet as an alert shows it: one line, the first words.
pub fn snippet(s: &str) -> String {
    clip(&one_line(s), SNIPPET_MAX)
}

/// Summary and body for `items` of `kind` (never empty).
pub fn compose(
    l: &NotifyLabels,
    kind: Kind,
    items: &[Item],
    repeat: bool,
    overdue_secs: u32,
) -> (String, String) {
    let n = match kind {
        Kind::Message => items.iter().map(|i| i.messages.max(1)).sum(),
        _ => items.len(),
    };
    let first = &items[0];
    let name = first.name.as_str();
    let secs = overdue_secs.to_string();
    let fill = |t: &str| {
        t.replace("{name}", name)
            .replace("{n}", &n.to_string())
            .replace("{secs}", &secs)
    };
    let text_or = |item: &Item, empty: &str| {
        if item.text.is_empty() {
            empty.to_owned()
        } else {
            item.text.clone()
        }
    };
    match kind {
        Kind::NewChat | Kind::FirstResponse | Kind::Transfer if n == 1 => {
            let summary = match kind {
                Kind::NewChat if repeat => fill(l.still_waiting),
                Kind::NewChat => fill(l.new_chat),
                Kind::FirstResponse => fill(l.overdue),
                _ => fill(l.transfer),
            };
            (summary, text_or(first, l.wants_to_chat))
        }
        Kind::NewChat | Kind::FirstResponse | Kind::Transfer => {
            let forms = match kind {
                Kind::NewChat => &l.new_chats,
                Kind::FirstResponse => &l.overdues,
                _ => &l.transfers,
            };
            (fill(pick(l, forms, n)), lines(items, l.wants_to_chat))
        }
        Kind::BadRating if n == 1 => (fill(l.bad_rating), text_or(first, l.no_comment)),
        Kind::BadRating => (fill(pick(l, &l.bad_ratings, n)), lines(items, l.no_comment)),
        Kind::Message => {
            let visitors = distinct_visitors(items);
            if n == 1 {
                (fill(l.message_from), first.text.clone())
            } else if visitors.len() == 1 {
                let last = items.last().unwrap_or(first);
                (fill(pick(l, &l.messages_one_visitor, n)), last.text.clone())
            } else {
                let summary = pick(l, &l.messages, n)
                    .replace("{n}", &n.to_string())
                    .replace("{who}", pick(l, &l.visitors, visitors.len()))
                    .replace("{m}", &visitors.len().to_string());
                let latest: Vec<Item> = visitors
                    .iter()
                    .filter_map(|v| items.iter().rev().find(|i| i.visitor_id == *v).cloned())
                    .collect();
                (summary, lines(&latest, ""))
            }
        }
    }
}

fn pick<'a>(l: &NotifyLabels, forms: &'a [&'static str; 3], n: usize) -> &'a str {
    forms[l.plural.form(n)]
}

/// Visitor ids in order of first appearance.
fn distinct_visitors(items: &[Item]) -> Vec<i64> {
    let mut seen = Vec::new();
    for i in items {
        if !seen.contains(&i.visitor_id) {
            seen.push(i.visitor_id);
        }
    }
    seen
}

/// "Name: text" per item, at most [`BODY_LINES`], then `…`.
fn lines(items: &[Item], empty: &str) -> String {
    let mut out: Vec<String> = items
        .iter()
        .take(BODY_LINES)
        .map(|i| {
            let text = if i.text.is_empty() { empty } else { &i.text };
            format!("{}: {text}", i.name)
        })
        .collect();
    if items.len() > BODY_LINES {
        out.push("…".into());
    }
    out.join("\n")
}

pub use crate::i18n::{Plural, plural_en, plural_ru};
