//! What reading the operator's own files (keymap, theme, config, canned replies) shares: the
//! line a parse error is on, and the one line the status bar says about a file's problems.

use std::fmt::Display;

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// "keymap: …" for one problem, "keymap: 3 problems (see the log); first: …" for more;
/// `None` when there are none.
pub fn notice<T: Display>(what: &str, problems: &[T]) -> Option<String> {
    let first = problems.first()?;
    Some(match problems.len() {
        1 => format!("{what}: {first}"),
        n => format!("{what}: {n} problems (see the log); first: {first}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_notices() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        assert_eq!(notice::<String>("theme", &[]), None);
        assert_eq!(notice("theme", &["bad"]).as_deref(), Some("theme: bad"));
        assert_eq!(
            notice("theme", &["bad", "worse"]).as_deref(),
            Some("theme: 2 problems (see the log); first: bad")
        );
    }
}
