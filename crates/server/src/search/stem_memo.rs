//! The indexer's memory of stems by word. Stemming is most of what indexing a message costs
//! (the Snowball stemmers walk their suffix tables for every word), and a site's chats use
//! the same few thousand word forms again and again, so each is stemmed once.

use std::collections::HashMap;

use super::words;

/// Words remembered at most; a full memo starts again empty. Bounded whatever visitors
/// write, and the words in common use are back in it within a few messages.
pub const MAX_WORDS: usize = 8_192;
/// Longer words are stemmed every time: rare in chat, and they would let a visitor decide
/// how much memory the memo holds.
const MAX_WORD_BYTES: usize = 48;

/// Stems by normalised word, for [`words::terms`] without stemming a known word again.
#[derive(Debug)]
pub struct StemMemo {
    /// word → its stems as [`words::terms`] writes them (space-separated)
    stems: HashMap<Box<str>, Box<str>>,
    capacity: usize,
}

impl Default for StemMemo {
    fn default() -> Self {
        Self::with_capacity(MAX_WORDS)
    }
}

impl StemMemo {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            stems: HashMap::new(),
            capacity,
        }
    }

    /// Words remembered now.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// Exactly [`words::terms`] of `text`.
    pub fn terms(&mut self, text: &str) -> String {
        words::terms_with(text, |word, out| {
            if let Some(stems) = self.stems.get(word) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(stems);
                return;
            }
            let start = out.len();
            words::push_stems(word, out);
            if worth_keeping(word) {
                if self.stems.len() >= self.capacity {
                    self.stems.clear();
                }
                // Without the one space `push_stems` put before them.
                let stems = &out[start + usize::from(start > 0)..];
                self.stems.insert(word.into(), stems.into());
            }
        })
    }
}

/// Numbers (order and phone numbers) rarely come twice; long words are left out (above).
fn worth_keeping(word: &str) -> bool {
    word.len() <= MAX_WORD_BYTES && !word.bytes().any(|b| b.is_ascii_digit())
}
