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
        let lines = &self.checked;
        let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
        let line = lines.get(row).map_or("", String::as_str);
        before + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
    }

    /// The mark at a byte offset of the draft: one that holds it, or one that ends there (the
    /// cursor just after a word); of several, the one holding it, then the longest (a word
    /// before the mark on its last letter).
    pub fn mark_at(&self, offset: usize) -> Option<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.range.contains(&offset) || m.range.end == offset)
            .max_by_key(|m| (m.range.contains(&offset), m.range.len()))
    }
}
