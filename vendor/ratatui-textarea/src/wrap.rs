use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

pub(crate) fn wrapped_rows(
    lines: &[String],
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<WrappedLine> {
    let mut rows = Vec::new();

    for (row, line) in lines.iter().enumerate() {
        let ranges = line_ranges(line, mode, width, tab_len, mask);
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            rows.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
            });
            start_col = end_col;
        }
    }

    rows
}

/// Frontdesk's change: the byte ranges of the screen rows `line` wraps into at `width` columns
/// (no mask), exactly as the editor draws them, so a box can grow to fit its text.
pub fn wrapped_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
) -> Vec<(usize, usize)> {
    line_ranges(line, mode, width, tab_len, None)
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }
    if line.len() < MEMO_FROM_BYTES {
        return wrap_line(line, mode, width, tab_len, mask);
    }
    let key = (mode, width, tab_len, mask);
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(at) = memo.iter().position(|m| m.key == key && m.line == line) {
            let hit = memo.remove(at);
            let ranges = hit.ranges.clone();
            memo.insert(0, hit);
            return ranges;
        }
        let ranges = wrap_line(line, mode, width, tab_len, mask);
        memo.truncate(MEMO_LINES - 1);
        memo.insert(
            0,
            Memo {
                key,
                line: line.to_owned(),
                ranges: ranges.clone(),
            },
        );
        ranges
    })
}

/// Frontdesk's change: the last few long lines' wraps, kept. A key typed into a long draft
/// had the same line wrapped three or four times before its box was drawn (the box's height,
/// the screen map, the rows drawn, the marks' underline); now once. A pure function's
/// results, checked against the whole line each time, so a kept wrap is always the one the
/// line would get. Lines shorter than this cost less to wrap than to compare.
const MEMO_FROM_BYTES: usize = 160;
const MEMO_LINES: usize = 8;

struct Memo {
    key: (WrapMode, usize, u8, Option<char>),
    line: String,
    ranges: Vec<(usize, usize)>,
}

thread_local! {
    static MEMO: std::cell::RefCell<Vec<Memo>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn wrap_line(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    let chunks = glue_punctuation(
        line,
        UnicodeSegmentation::split_word_bound_indices(line).map(|(start, text)| Chunk {
            start,
            end: start + text.len(),
        }),
    );

    if chunks.is_empty() {
        return vec![(0, 0)];
    }

    let mut out = Vec::new();
    let mut i = 0usize;
    let mut seg_start = chunks[0].start;
    let mut seg_end = seg_start;
    let mut seg_width = 0usize;

    while i < chunks.len() {
        let chunk = chunks[i];
        if seg_end == seg_start {
            seg_start = chunk.start;
        }

        let chunk_width = display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask);
        if seg_width + chunk_width <= width {
            seg_end = chunk.end;
            seg_width += chunk_width;
            i += 1;
            continue;
        }

        if seg_end > seg_start {
            // Frontdesk's change: the one space after a word that fills its row hangs past the
            // row's edge (drawn nowhere), so the next row starts with its word, not a blank.
            if chunk_text(line, chunk) == " " {
                seg_end = chunk.end;
                i += 1;
            }
            out.push((seg_start, seg_end));
            seg_start = seg_end;
            seg_width = 0;
            continue;
        }

        if fallback_to_glyph {
            split_range_by_grapheme_width(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                &mut out,
            );
        } else {
            out.push((chunk.start, chunk.end));
        }

        i += 1;
        seg_start = chunk.end;
        seg_end = chunk.end;
        seg_width = 0;
    }

    if seg_end > seg_start {
        out.push((seg_start, seg_end));
    }

    out
}

/// Frontdesk's change: word boundaries (UAX #29) make every punctuation mark a chunk of its
/// own, so a wrap could end a row with `(` or `{` or start one with `,`, `.` or `}`. As line
/// breaking (UAX #14) does, an opening mark now sticks to what follows it and a closing or
/// trailing mark to what precedes it, unless that is a space.
fn glue_punctuation(line: &str, chunks: impl Iterator<Item = Chunk>) -> Vec<Chunk> {
    const OPENING: &[char] = &['(', '[', '{', '«', '„', '“', '‘', '‹'];
    const CLOSING: &[char] = &[
        ')', ']', '}', '»', '”', '’', '›', ',', '.', ';', ':', '!', '?', '…', '%',
    ];
    let only = |chunk: Chunk, set: &[char]| {
        line[chunk.start..chunk.end]
            .chars()
            .all(|c| set.contains(&c))
    };
    let spaces = |chunk: Chunk| {
        line[chunk.start..chunk.end]
            .chars()
            .all(char::is_whitespace)
    };
    let mut out: Vec<Chunk> = Vec::new();
    let mut open = false;
    for chunk in chunks {
        match out.last_mut() {
            Some(last) if open && !spaces(chunk) => last.end = chunk.end,
            Some(last) if only(chunk, CLOSING) && !spaces(*last) => last.end = chunk.end,
            _ => out.push(chunk),
        }
        open = only(chunk, OPENING);
    }
    out
}

fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn word_wrap_keeps_punctuation_with_its_word() {
        // Frontdesk's change: no row ends with an opening mark or starts with a closing one.
        let have = segments("за {fill.days}, стоимость", WrapMode::WordOrGlyph, 5);
        assert_eq!(
            have,
            vec!["за ", "{fill", ".days", "},", " ", "стоим", "ость"]
        );
        let have = segments("за {fill.days}, стоимость", WrapMode::WordOrGlyph, 14);
        assert_eq!(have, vec!["за ", "{fill.days}, ", "стоимость"]);
        assert_eq!(
            segments("ok (sure)", WrapMode::Word, 6),
            vec!["ok ", "(sure)"]
        );
        assert_eq!(
            segments("word, next", WrapMode::Word, 6),
            vec!["word, ", "next"]
        );
        assert_eq!(segments("a ( b", WrapMode::Word, 2), vec!["a ", "( ", "b"]);
    }

    #[test]
    fn a_space_after_a_full_row_hangs_there() {
        // Frontdesk's change: the next row starts with its word.
        assert_eq!(
            segments("hello world", WrapMode::Word, 5),
            vec!["hello ", "world"]
        );
        assert_eq!(
            segments("делать с ним", WrapMode::WordOrGlyph, 6),
            vec!["делать ", "с ним"]
        );
        // More than one space is typed on purpose: it starts the next row as before.
        assert_eq!(
            segments("hello  world", WrapMode::Word, 5),
            vec!["hello", "  ", "world"]
        );
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
