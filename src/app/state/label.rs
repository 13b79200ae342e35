//! Labels cut to fit: a visitor's name for the list and titles, and any text cut to a width.

use crate::app::wrap;
use crate::sanitize::{Mode, sanitize};
use frontdesk_protocol::VisitorProfile;

/// The visitor's name from the pre-chat form, or a stable "Visitor #42".
pub fn visitor_label(v: &VisitorProfile, visitor_word: &str) -> String {
    match v.fields.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => sanitize(name, Mode::line(40)).into_owned(),
        _ => format!("{visitor_word} #{}", v.id),
    }
}

/// The longest prefix of `s` that fits in `columns`.
pub fn cut_to_width(s: &str, columns: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    if wrap::all_one_column(s) {
        return s.char_indices().nth(columns).map_or(s, |(i, _)| &s[..i]);
    }
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += wrap::width(g);
        if used > columns {
            return &s[..i];
        }
    }
    s
}
