//! An Esc in front of a key's sequence (`ESC ESC [ A`) is Alt on that key, as tmux and
//! libtermkey read it. termina's parser (crossterm's) takes `ESC ESC` for one Esc and the rest
//! for letters, so Esc pressed just before F5 or an arrow, when both come in one read (a busy
//! console, a slow link), and macOS terminals' Option+arrow typed `[15~` or `[A` into the reply
//! box. Here the prefixing Esc is taken out before the parser sees it and the key that follows
//! gets Alt.

use std::collections::VecDeque;

use crossterm::event::{Event as TermEvent, KeyModifiers};

use super::crossterm_event;

const ESC: u8 = 0x1b;

/// termina's parser with the Esc prefix read as Alt.
#[derive(Default)]
pub struct Parser {
    parser: termina::Parser,
    /// An Esc prefix was taken out: the next key is Alt (it may come in the next read).
    alt_next: bool,
}

impl Parser {
    /// Parses `bytes` into `out`; `more`: more bytes wait to be read (a lone Esc at the end
    /// may then start a sequence).
    pub fn parse(&mut self, bytes: &[u8], more: bool, out: &mut VecDeque<TermEvent>) {
        let mut start = 0;
        for at in esc_prefixes(bytes) {
            self.feed(&bytes[start..at], true, out);
            self.alt_next = true;
            start = at + 1;
        }
        self.feed(&bytes[start..], more, out);
    }

    fn feed(&mut self, bytes: &[u8], more: bool, out: &mut VecDeque<TermEvent>) {
        self.parser.parse(bytes, more);
        while let Some(event) = self.parser.pop() {
            let Some(mut event) = crossterm_event(event) else {
                continue;
            };
            if let TermEvent::Key(key) = &mut event
                && std::mem::take(&mut self.alt_next)
            {
                key.modifiers |= KeyModifiers::ALT;
            }
            out.push_back(event);
        }
    }
}

/// Where in `bytes` an Esc prefixes a CSI or SS3 sequence, walking the bytes as the parser
/// groups them: `ESC ESC` not followed by `[` or `O` is one Esc (both bytes), a CSI runs to its
/// final byte, a bracketed paste to its end. Bytes of a paste or sequence that began in an
/// earlier read are walked as plain bytes; an Esc prefix inside them is not looked for.
fn esc_prefixes(bytes: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != ESC {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&ESC) if matches!(bytes.get(i + 2), Some(b'[' | b'O')) => {
                found.push(i);
                i += 1;
            }
            Some(&ESC) => i += 2,
            Some(b'[') if bytes[i..].starts_with(PASTE_START) => {
                i = find(bytes, PASTE_END, i + PASTE_START.len())
                    .map_or(bytes.len(), |end| end + PASTE_END.len());
            }
            Some(b'[') => i = csi_end(bytes, i + 2),
            Some(b'O') => i += 3,
            _ => i += 1,
        }
    }
    found
}

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// The index after the CSI whose parameters start at `from`: past its final byte (`@` to `~`).
fn csi_end(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|b| (0x40..=0x7e).contains(b))
        .map_or(bytes.len(), |p| from + p + 1)
}

fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}
