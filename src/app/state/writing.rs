//! What the standards assistant knows about the reply box's draft: the rules in force, the
//! dictionaries once loaded, the marks found in the text as it stands, and the suggestions
//! being cycled at one place. `update/writing.rs` keeps it current; `ui/compose.rs` draws it.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::writing::Mark;
use crate::writing::rules_file::Rules;
use crate::writing::spell::Speller;

/// Replacements being tried at one place of the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// Where the text now shown there lies (byte offsets into the draft).
    pub range: Range<usize>,
    /// The replacements in order, the original last (so cycling comes back to it).
    pub options: Vec<String>,
    /// The option shown now.
    pub shown: usize,
}

#[derive(Debug, Default)]
pub struct WritingState {
    pub rules: Rules,
    /// `None` while the dictionaries load in the background, or when none could be read.
    pub speller: Option<Arc<Speller>>,
    /// The dictionaries are being read (the reply box's border says so until they are in).
    pub loading: bool,
    /// Words added from the console this run (they are in the file for the next).
    pub added: HashSet<String>,
    /// The draft's lines when the marks were found.
    pub checked: Vec<String>,
    /// The marks were found with the cursor at the draft's end (only blanks after it): the
    /// operator is still typing, so a missing full stop is not marked yet.
    pub typing_at_end: bool,
    pub marks: Vec<Mark>,
    pub cycle: Option<Cycle>,
    /// Suggestions asked for and not come yet: the word and where it was (one at a time).
    pub asking: Option<(usize, String)>,
    /// Strict mode: the draft the operator was asked about once (Enter again sends it).
    pub asked: Option<Vec<String>>,
}

impl WritingState {
    /// The draft as one text, as the marks' offsets count it.
    pub fn text(&self) -> String {
        self.checked.join("\n")
    }

    /// A position of the checked draft (row, column in characters), such as the editor's
    /// cursor, as a byte offset into [`WritingState::text`].
    pub fn offset(&self, row: usize, col: usize) -> usize {
        offset_in(&self.checked, row, col)
    }

    /// The mark at a byte offset of the draft: one that holds it, or one that ends there (the
    /// cursor just after a word); of several, the one holding it, then the longest (a word
    /// before the mark on its last letter).
    pub fn mark_at(&self, offset: usize) -> Option<&Mark> {
        mark_at(self.marks.iter(), offset)
    }

    /// The marks that hold for the draft as it stands (`lines`): all of them when they were
    /// found for it; while a typed letter waits for its check, those that end before the
    /// first byte that changed (they lie where they were; a word the letter extends is
    /// another word).
    pub fn marks_for<'a>(&'a self, lines: &[String]) -> impl Iterator<Item = &'a Mark> + 'a {
        let agreed = agreed_len(&self.checked, lines);
        let word_goes_on = char_at(lines, agreed).is_some_and(char::is_alphanumeric);
        self.marks
            .iter()
            .filter(move |m| m.range.end < agreed || (m.range.end == agreed && !word_goes_on))
    }

    /// The mark at the cursor (`row`, `col` of `lines`, the draft as it stands), as
    /// [`WritingState::mark_at`] finds it, of the marks that hold for `lines`.
    pub fn mark_at_cursor(&self, lines: &[String], row: usize, col: usize) -> Option<&Mark> {
        let offset = offset_in(lines, row, col);
        if offset > agreed_len(&self.checked, lines) {
            return None;
        }
        mark_at(self.marks_for(lines), offset)
    }
}

fn mark_at<'a>(marks: impl Iterator<Item = &'a Mark>, offset: usize) -> Option<&'a Mark> {
    marks
        .filter(|m| m.range.contains(&offset) || m.range.end == offset)
        .max_by_key(|m| (m.range.contains(&offset), m.range.len()))
}

/// (`row`, `col` in characters) of `lines` as a byte offset into the lines joined by `\n`.
fn offset_in(lines: &[String], row: usize, col: usize) -> usize {
    let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    let line = lines.get(row).map_or("", String::as_str);
    before + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// The character at byte `offset` of `lines` joined by `\n` (`None` past the end, or inside
/// a character).
fn char_at(lines: &[String], offset: usize) -> Option<char> {
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if offset < start + line.len() {
            return line.get(offset - start..)?.chars().next();
        }
        if offset == start + line.len() {
            return (i + 1 < lines.len()).then_some('\n');
        }
        start += line.len() + 1;
    }
    None
}

/// How many bytes two drafts (as lines joined by `\n`) share from their start; past the end
/// of both when they are the same.
fn agreed_len(a: &[String], b: &[String]) -> usize {
    let mut agreed = 0;
    for (x, y) in a.iter().zip(b) {
        if x != y {
            let same = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
            return agreed + same;
        }
        agreed += x.len() + 1;
    }
    if a.len() == b.len() {
        agreed
    } else {
        agreed.saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writing::Problem;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_owned).collect()
    }

    fn mark(range: std::ops::Range<usize>) -> Mark {
        Mark {
            range,
            problem: Problem::Misspelt,
            instead: None,
            starts_sentence: false,
        }
    }

    #[test]
    fn drafts_agree_up_to_their_first_difference() {
        assert_eq!(agreed_len(&lines("abc"), &lines("abc")), 4);
        assert_eq!(agreed_len(&lines("abc"), &lines("abcd")), 3);
        assert_eq!(agreed_len(&lines("abcd"), &lines("abc")), 3);
        assert_eq!(agreed_len(&lines("ab\ncd"), &lines("ab\nxd")), 3);
        assert_eq!(agreed_len(&lines("ab"), &lines("ab\n")), 2);
        assert_eq!(agreed_len(&lines(""), &lines("z")), 0);
        // Cyrillic: a changed letter's first byte may be shared, which ends no mark.
        assert_eq!(agreed_len(&lines("щас"), &lines("щат")), 5);
        assert_eq!(char_at(&lines("ab\ncd"), 2), Some('\n'));
        assert_eq!(char_at(&lines("ab\ncd"), 3), Some('c'));
        assert_eq!(char_at(&lines("ab\ncd"), 5), None);
        assert_eq!(char_at(&lines("щ"), 1), None, "inside a letter");
    }

    #[test]
    fn a_typed_letter_keeps_the_marks_before_it_and_hides_the_rest() {
        let w = WritingState {
            checked: lines("wrold is bad"),
            marks: vec![mark(0..5), mark(9..12)],
            ..WritingState::default()
        };
        let typed = lines("wrold is badd");
        let kept: Vec<_> = w.marks_for(&typed).map(|m| m.range.clone()).collect();
        assert_eq!(kept, vec![0..5], "\"badd\" is not the word marked");
        // A letter after a blank or a stop leaves the word before it as it was.
        let typed = lines("wrold is bad ");
        let kept: Vec<_> = w.marks_for(&typed).map(|m| m.range.clone()).collect();
        assert_eq!(kept, [0..5, 9..12]);
        let typed = lines("wrold iz bad");
        let kept: Vec<_> = w.marks_for(&typed).map(|m| m.range.clone()).collect();
        assert_eq!(kept, vec![0..5]);
        // The cursor after the changed letter finds nothing until the check;
        assert_eq!(w.mark_at_cursor(&typed, 0, 8), None);
        // before it, the mark it is on.
        assert_eq!(
            w.mark_at_cursor(&typed, 0, 3).map(|m| m.range.clone()),
            Some(0..5)
        );
        // Unchanged, every mark holds.
        assert_eq!(w.marks_for(&w.checked.clone()).count(), 2);
    }
}
