//! The one door through which visitor-controlled text (names, messages, drafts, URLs, page
//! titles, form fields) reaches the screen.
//!
//! Hostile characters are made *visible* as harmless marks instead of being dropped, so an
//! operator can see that something odd was sent: C0 controls become Control Pictures (ESC → ␛),
//! C1, bidi, zero-width, tag and other format characters become `⟨U+XXXX⟩`. ratatui alone is not
//! enough: it drops a grapheme holding a control but prints the rest of an escape sequence, and
//! passes bidi overrides and zero-width characters straight to the terminal.

use std::borrow::Cow;

/// How text is shaped besides neutralising: one line or several, and a length bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    multiline: bool,
    max_chars: usize,
}

impl Mode {
    /// Visitor names and other short labels.
    pub const NAME: Self = Self::line(200);
    /// Message bodies and drafts: newlines kept.
    pub const TEXT: Self = Self::text(20_000);

    /// One line (newlines shown as `⏎`), at most `max_chars` characters (then `…`).
    pub const fn line(max_chars: usize) -> Self {
        Self {
            multiline: false,
            max_chars,
        }
    }

    /// Several lines (`\r\n` → `\n`), at most `max_chars` characters (then `…`).
    pub const fn text(max_chars: usize) -> Self {
        Self {
            multiline: true,
            max_chars,
        }
    }
}

/// Makes visitor text safe to draw. Clean text within the bound is returned without copying.
pub fn sanitize(text: &str, mode: Mode) -> Cow<'_, str> {
    if plainly_clean(text, mode) {
        return Cow::Borrowed(text);
    }
    match scan(text, mode) {
        Scan::Clean => return Cow::Borrowed(text),
        // Nothing to neutralise before the bound: the kept characters as they are.
        Scan::Long { cut } => {
            let mut kept = String::with_capacity(cut + '…'.len_utf8());
            kept.push_str(&text[..cut]);
            kept.push('…');
            return Cow::Owned(kept);
        }
        Scan::Dirty => {}
    }
    // One pass with one character of look-ahead, ending at the bound: a long text cut short
    // (a list preview of a long message) costs only what is kept.
    let mut out = String::with_capacity(text.len().min(mode.max_chars.saturating_mul(4)) + 8);
    let mut count = 0usize;
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let before = out.len();
        match c {
            '\r' if next == Some('\n') => {
                // CRLF is one line break; the '\n' is handled next round.
                prev = Some(c);
                continue;
            }
            '\n' if mode.multiline => out.push('\n'),
            '\n' => out.push('⏎'),
            '\t' if mode.multiline => out.push_str("    "),
            '\t' => out.push(' '),
            '\u{200D}' if joins_emoji(prev, next) => out.push(c),
            c if needs_mark(c) => push_mark(&mut out, c),
            c => out.push(c),
        }
        count += out[before..].chars().count();
        if count > mode.max_chars {
            truncate_chars(&mut out, mode.max_chars.saturating_sub(1));
            out.push('…');
            break;
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// `text` made safe for one line, cut at `marks` (`[start, end)` offsets in chars, in order,
/// as the server's search sends them) into pieces, each with whether it is marked. Each piece
/// is made safe on its own, so a mark still covers the characters it named when a control or
/// direction mark before it became a wider visible mark. Marks out of order, empty or past
/// the end are left out or cut to the text.
pub fn sanitize_marked(text: &str, marks: &[[u32; 2]]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    // Nothing is cut: a visible mark is at most ten characters in place of one.
    let bound = Mode::line(chars.len().saturating_mul(10).max(1));
    let piece = |from: usize, to: usize| -> String {
        let raw: String = chars[from..to].iter().collect();
        sanitize(&raw, bound).into_owned()
    };
    let mut out = Vec::new();
    let mut at = 0usize;
    for &[start, end] in marks {
        let start = usize::try_from(start)
            .unwrap_or(usize::MAX)
            .min(chars.len());
        let end = usize::try_from(end).unwrap_or(usize::MAX).min(chars.len());
        if start < at || end <= start {
            continue;
        }
        if start > at {
            out.push((piece(at, start), false));
        }
        out.push((piece(start, end), true));
        at = end;
    }
    if at < chars.len() {
        out.push((piece(at, chars.len()), false));
    }
    out
}

/// What [`sanitize`] has to do with a text.
enum Scan {
    /// Nothing would change: the common case.
    Clean,
    /// Nothing to neutralise up to the bound, but longer: the first `max_chars - 1`
    /// characters (`..cut` in bytes) are kept and `…` added.
    Long { cut: usize },
    /// The careful pass is needed.
    Dirty,
}

/// Looks at the text up to one character past the bound, without allocating.
fn scan(text: &str, mode: Mode) -> Scan {
    let mut prev = None;
    let mut chars = text.char_indices().peekable();
    let mut count = 0usize;
    let mut cut = 0;
    while let Some((at, c)) = chars.next() {
        if count == mode.max_chars.saturating_sub(1) {
            cut = at;
        }
        count += 1;
        let fine = match c {
            '\n' => mode.multiline,
            '\u{200D}' => joins_emoji(prev, chars.peek().map(|&(_, next)| next)),
            c => !(c == '\t' || c == '\r' || needs_mark(c)),
        };
        if !fine {
            return Scan::Dirty;
        }
        if count > mode.max_chars {
            return Scan::Long { cut };
        }
        prev = Some(c);
    }
    Scan::Clean
}

/// Most text, read in bytes: printable ASCII (and newlines where kept), the two-byte
/// characters from U+00A0 to U+05FF but the soft hyphen — Latin, Greek, Cyrillic, Hebrew —
/// and common punctuation, none of which [`needs_mark`], within the bound. Anything else is left to [`scan`], which
/// decodes every character (several times the work: this runs for every message of a flood).
fn plainly_clean(text: &str, mode: Mode) -> bool {
    let bytes = text.as_bytes();
    let mut chars = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0x20..=0x7E => 1,
            b'\n' if mode.multiline => 1,
            // U+0080–U+00BF: the C1 controls and the soft hyphen need marks.
            0xC2 => match bytes.get(i + 1) {
                Some(&next) if next >= 0xA0 && next != 0xAD => 2,
                _ => return false,
            },
            0xC3..=0xD7 => 2,
            // Dashes, quotes, `…`, `‰` (U+2010–U+2027, U+2030–U+205F), currency (U+2080–U+20BF)
            // and `№` (U+2100–U+213F); not the separators, bidi and zero-width ones between.
            0xE2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0x90..=0xA7 | 0xB0..=0xBF))
                | (Some(0x81), Some(0x80..=0x9F))
                | (Some(0x82 | 0x84), Some(_)) => 3,
                _ => return false,
            },
            _ => return false,
        };
        chars += 1;
    }
    chars <= mode.max_chars
}

/// True when nothing would change.
#[cfg(test)]
fn is_clean(text: &str, mode: Mode) -> bool {
    matches!(scan(text, mode), Scan::Clean)
}

fn truncate_chars(s: &mut String, max: usize) {
    if let Some((idx, _)) = s.char_indices().nth(max) {
        s.truncate(idx);
    }
}

fn push_mark(out: &mut String, c: char) {
    let code = u32::from(c);
    match code {
        // C0 controls map onto the Control Pictures block: U+2400 + code.
        0x00..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('�')),
        0x7F => out.push('␡'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "⟨U+{code:04X}⟩");
        }
    }
}

/// Characters that must never reach the terminal as themselves.
fn needs_mark(c: char) -> bool {
    let code = u32::from(c);
    match code {
        0x00..=0x1F | 0x7F..=0x9F => true,
        // Latin, Greek, Cyrillic and friends up to Arabic: nothing to mark but the soft hyphen.
        // Answered here, without the format-character table: most text is made of these.
        0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0x5FF => false,
        // Line and paragraph separators: terminals may treat them as line breaks.
        0x2028 | 0x2029 => true,
        // Invisible "blank" letters used to fake empty names.
        0x115F | 0x1160 | 0x3164 | 0xFFA0 => true,
        // Unicode tag characters (hidden text).
        0xE0000..=0xE007F => true,
        _ => is_format_char(code),
    }
}

/// General category `Cf` (format): bidi controls, zero-width characters, soft hyphen, BOM, ….
fn is_format_char(code: u32) -> bool {
    const CF: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
    ];
    CF.iter().any(|&(lo, hi)| (lo..=hi).contains(&code))
}

/// A zero-width joiner is legitimate only inside an emoji sequence such as 👨‍👩‍👧.
fn joins_emoji(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| is_pictographic(p) || p == '\u{FE0F}') && next.is_some_and(is_pictographic)
}

fn is_pictographic(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF | 0x2190..=0x21FF)
}

#[cfg(test)]
mod tests;
