//! A whole frame compared with the one the terminal shows: ratatui's `BufferDiff`, step for
//! step, with a cheaper look at each cell.
//!
//! In a flood the comparison of all 7,680 cells of a 160x48 frame was half of drawing it
//! (docs/benchmarks.md, "A frame compared with a cheaper look at each cell"): ratatui measures
//! every cell's symbol with the Unicode width table before it asks whether the cell changed, and
//! compares two one-letter symbols through `memcmp`. Here unchanged cells are passed in one
//! run, a symbol of up to three bytes is compared byte by byte, and the width of what the
//! console mostly shows (letters, punctuation, the borders' box drawing) is known without the
//! table. What is written is exactly what ratatui's diff writes: wide characters, their
//! trailing cells, emoji with VS16 and every `CellDiffOption` are handled as there (tests
//! compare the two).

use ratatui::buffer::{Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Modifiers that show on a blank cell (ratatui's `VISIBLE_ON_BLANK`).
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The cells of `next` to write over `prev` (both of `area`'s width), as `(x, y, cell)`.
pub fn changes<'a>(area: Rect, prev: &'a [Cell], next: &'a [Cell]) -> Changes<'a> {
    Changes {
        next,
        prev,
        area,
        pos: 0,
        trailing: None,
    }
}

#[derive(Debug)]
pub struct Changes<'a> {
    next: &'a [Cell],
    prev: &'a [Cell],
    area: Rect,
    pos: usize,
    /// Cells after a wide character still to look at (see ratatui's `TrailingState`).
    trailing: Option<Trailing>,
}

#[derive(Debug)]
struct Trailing {
    next_index: usize,
    end: usize,
    /// Every cell in the range is written (the old wide character's style shows on blanks);
    /// otherwise only those whose symbol changed (the cells an emoji with VS16 covers).
    force: bool,
}

impl<'a> Changes<'a> {
    fn at(&self, index: usize) -> (u16, u16, &'a Cell) {
        let w = usize::from(self.area.width.max(1));
        // Indices stay within the area, whose coordinates are u16.
        let x = u16::try_from(index % w).unwrap_or(u16::MAX);
        let y = u16::try_from(index / w).unwrap_or(u16::MAX);
        (
            self.area.x.saturating_add(x),
            self.area.y.saturating_add(y),
            &self.next[index],
        )
    }
}

impl<'a> Iterator for Changes<'a> {
    type Item = (u16, u16, &'a Cell);

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.next.len().min(self.prev.len());
        if let Some(Trailing {
            next_index,
            end,
            force,
        }) = &mut self.trailing
        {
            while *next_index < *end {
                let j = *next_index;
                *next_index += width(&self.next[j]).max(1);
                *end = (*end).max(*next_index).min(len);
                if !is_skip(&self.next[j])
                    && (*force || !same_symbol(self.prev[j].symbol(), self.next[j].symbol()))
                {
                    return Some(self.at(j));
                }
            }
            self.pos = *end;
            self.trailing = None;
        }
        while self.pos < len {
            // Most cells of a frame are one column wide and as they were: passed in one run.
            self.pos += self.next[self.pos..len]
                .iter()
                .zip(&self.prev[self.pos..len])
                .take_while(|(current, previous)| unchanged_narrow(current, previous))
                .count();
            if self.pos >= len {
                break;
            }
            let i = self.pos;
            self.pos += 1;
            let current = &self.next[i];
            let previous = &self.prev[i];
            match current.diff_option {
                CellDiffOption::Skip => {}
                _ if is_skip(current) => {}
                CellDiffOption::ForcedWidth(forced) => {
                    self.pos = self
                        .pos
                        .saturating_add(usize::from(forced.get().saturating_sub(1)));
                    if !same(current, previous) {
                        return Some(self.at(i));
                    }
                }
                CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                    let unchanged = matches!(current.diff_option, CellDiffOption::None)
                        && same(current, previous);
                    let cell_width = width(current);
                    if unchanged {
                        self.pos += cell_width.saturating_sub(1);
                        continue;
                    }
                    let previous_width = width(previous);
                    if cell_width > 1 && current.symbol().contains('\u{FE0F}') {
                        self.trailing = Some(Trailing {
                            next_index: i + 1,
                            end: (i + cell_width).min(len),
                            force: false,
                        });
                    } else if cell_width > 1 {
                        self.pos += cell_width - 1;
                    } else if previous_width > cell_width
                        && (previous.bg != Color::Reset
                            || previous.modifier.intersects(VISIBLE_ON_BLANK))
                    {
                        // Kept within the row's end where ratatui reads past it (a wide
                        // symbol set by hand in the last column).
                        self.trailing = Some(Trailing {
                            next_index: i + 1,
                            end: (i + previous_width).min(len),
                            force: true,
                        });
                    }
                    return Some(self.at(i));
                }
            }
        }
        None
    }
}

/// ratatui's `is_skip`.
#[allow(deprecated)] // `skip` still counts in ratatui's own diff.
const fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// Whether `current` is as `previous` was, takes one column and nothing asks for it to be
/// written or skipped: the case ratatui's diff passes over without a write.
#[allow(deprecated)] // `skip` is part of `Cell`'s equality.
fn unchanged_narrow(current: &Cell, previous: &Cell) -> bool {
    matches!(current.diff_option, CellDiffOption::None)
        && !current.skip
        && same_style(current, previous)
        && {
            let symbol = current.symbol();
            same_symbol(symbol, previous.symbol()) && narrow(symbol)
        }
}

/// `Cell`'s own equality, the cheap fields first and short symbols without `memcmp`.
fn same(a: &Cell, b: &Cell) -> bool {
    same_style(a, b) && same_symbol(a.symbol(), b.symbol())
}

/// Everything `Cell`'s equality compares but the symbol.
#[inline(always)] // In the run over unchanged cells: a call a cell shows in the counts.
#[allow(deprecated)] // `skip` is part of `Cell`'s equality.
fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

fn same_symbol(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        ([a], [b]) => a == b,
        ([a0, a1], [b0, b1]) => a0 == b0 && a1 == b1,
        ([a0, a1, a2], [b0, b1, b2]) => a0 == b0 && a1 == b1 && a2 == b2,
        (a, b) => a == b,
    }
}

/// The columns a cell takes, as ratatui's `CellWidth` for `Cell` counts them.
fn width(cell: &Cell) -> usize {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(forced) => usize::from(forced.get()),
        _ => symbol_width(cell.symbol()),
    }
}

fn symbol_width(symbol: &str) -> usize {
    if narrow(symbol) {
        1
    } else {
        usize::from(symbol.cell_width())
    }
}

/// A symbol ratatui counts as one column, known without the Unicode width table: any one
/// byte (ratatui's own rule), or one character of [`one_column`].
fn narrow(symbol: &str) -> bool {
    match *symbol.as_bytes() {
        [_] => true,
        [b0, b1] => one_column(((b0 as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F)),
        [b0, b1, b2] => {
            one_column(((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F))
        }
        _ => false,
    }
}

/// Characters one column wide in the Unicode width table that a console frame is made of:
/// Latin-1 and Latin Extended (but the soft hyphen), IPA and spacing modifiers, Greek,
/// Cyrillic (but its combining marks), general punctuation (dashes, quotes, `…`, `‰`),
/// arrows, box drawing and block elements. Checked against the table for every one of them.
const fn one_column(c: u32) -> bool {
    matches!(c, 0xA0..=0xAC | 0xAE..=0x2FF | 0x370..=0x377 | 0x37A..=0x37F | 0x384..=0x482 | 0x48A..=0x52F | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2190..=0x21FF | 0x2500..=0x259F)
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
