//! The cheaper comparison writes exactly what ratatui's own diff writes.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::{changes, narrow, one_column, symbol_width};

type Written = Vec<(u16, u16, Cell)>;

/// What our diff writes.
fn ours(prev: &Buffer, next: &Buffer) -> Written {
    changes(next.area, &prev.content, &next.content)
        .map(|(x, y, c)| (x, y, c.clone()))
        .collect()
}

/// What ratatui's diff writes, and what ours does, as owned rows to compare.
fn both(prev: &Buffer, next: &Buffer) -> (Written, Written) {
    let theirs = prev
        .diff(next)
        .into_iter()
        .map(|(x, y, c)| (x, y, c.clone()))
        .collect();
    (theirs, ours(prev, next))
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    /// A coordinate or size below `n`.
    fn below_u16(&mut self, n: u16) -> u16 {
        u16::try_from(self.below(usize::from(n))).unwrap_or(0)
    }

    /// A cell of `area`.
    fn cell_of(&mut self, area: Rect) -> (u16, u16) {
        (
            area.x + self.below_u16(area.width),
            area.y + self.below_u16(area.height),
        )
    }
}

/// Symbols of every width and kind: ASCII, Cyrillic, box drawing and punctuation, Latin with a
/// combining mark, CJK, an emoji, an emoji with VS16, a halfwidth sound mark, a long cluster
/// (not stored inline), a lone combining mark.
const SYMBOLS: &[&str] = &[
    " ",
    "a",
    "b",
    "Я",
    "я",
    "─",
    "…",
    "é",
    "e\u{301}",
    "中",
    "界",
    "👍",
    "❤\u{fe0f}",
    "ﾞ",
    "👩\u{200d}👩\u{200d}👧\u{200d}👦",
    "\u{300}",
];

const COLORS: &[Color] = &[
    Color::Reset,
    Color::Red,
    Color::Rgb(1, 2, 3),
    Color::Indexed(7),
];

fn random_style(dice: &mut Dice) -> Style {
    let modifier = *dice.pick(&[
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ]);
    Style::default()
        .fg(*dice.pick(COLORS))
        .bg(*dice.pick(COLORS))
        .underline_color(*dice.pick(COLORS))
        .add_modifier(modifier)
}

/// A buffer of `area` filled the way widgets fill one (strings, so wide characters reset the
/// cells they cover), then a few cells set by hand with any symbol and diff option.
fn random_buffer(dice: &mut Dice, area: Rect) -> Buffer {
    let mut buffer = Buffer::empty(area);
    for y in area.top()..area.bottom() {
        let text: String = (0..area.width).map(|_| *dice.pick(SYMBOLS)).collect();
        let at = area.x + dice.below_u16(3);
        let style = random_style(dice);
        buffer.set_stringn(at, y, &text, usize::from(area.width), style);
    }
    for _ in 0..dice.below(6) {
        let (x, y) = dice.cell_of(area);
        let option = *dice.pick(&[
            CellDiffOption::None,
            CellDiffOption::AlwaysUpdate,
            CellDiffOption::Skip,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN),
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN)),
        ]);
        let style = random_style(dice);
        let symbol = *dice.pick(SYMBOLS);
        let wide = symbol_width(symbol).max(match option {
            CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
            _ => 1,
        });
        // A wide symbol must fit in its row, as widgets place them (ratatui's diff reads past
        // the row's end otherwise; see the test below).
        if usize::from(x - area.x) + wide > usize::from(area.width) {
            continue;
        }
        buffer[(x, y)]
            .set_symbol(symbol)
            .set_style(style)
            .set_diff_option(option);
    }
    buffer
}

#[test]
fn random_frames_change_the_same_cells_as_ratatuis_diff() {
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    for round in 0..4_000 {
        let area = Rect::new(
            dice.below_u16(3),
            dice.below_u16(3),
            1 + dice.below_u16(12),
            1 + dice.below_u16(4),
        );
        let prev = random_buffer(&mut dice, area);
        // Often the next frame is the last one with a few changes, as in a real flood frame.
        let next = if dice.below(2) == 0 {
            random_buffer(&mut dice, area)
        } else {
            let mut next = prev.clone();
            for _ in 0..=dice.below(4) {
                let (x, y) = dice.cell_of(area);
                let text = *dice.pick(SYMBOLS);
                let style = random_style(&mut dice);
                next.set_stringn(x, y, text, usize::from(area.right() - x), style);
            }
            next
        };
        let (theirs, ours) = both(&prev, &next);
        assert_eq!(ours, theirs, "round {round}: {prev:?} -> {next:?}");
    }
}

#[test]
fn an_unchanged_frame_writes_nothing_and_a_blank_one_writes_every_visible_cell() {
    let area = Rect::new(0, 0, 20, 3);
    let mut frame = Buffer::empty(area);
    frame.set_string(
        0,
        0,
        "Привет, 中文 👍 ok",
        Style::default().fg(Color::Green),
    );
    frame.set_string(0, 2, "❤\u{fe0f} done", Style::default().bg(Color::Blue));
    let (theirs, ours) = both(&frame, &frame);
    assert!(ours.is_empty() && theirs.is_empty());
    let (theirs, ours) = both(&Buffer::empty(area), &frame);
    assert_eq!(ours, theirs);
    assert!(ours.iter().any(|(_, _, c)| c.symbol() == "中"));
}

#[test]
fn a_cell_to_update_always_is_written_even_unchanged() {
    let area = Rect::new(0, 0, 5, 1);
    let prev = Buffer::with_lines(["hello"]);
    let mut next = prev.clone();
    next[(1, 0)].set_diff_option(CellDiffOption::AlwaysUpdate);
    let (theirs, ours) = both(&prev, &next);
    assert_eq!(ours, theirs);
    assert_eq!(ours.len(), 1);
    assert_eq!((ours[0].0, ours[0].1), (1, 0));
    assert_eq!(next.area, area);
}

#[test]
fn characters_taken_as_one_column_are_one_column_in_the_table() {
    let mut taken = 0;
    // Every character of two and three bytes: the quick answer, where there is one, is the
    // table's, and otherwise the table is asked.
    for c in (0x80..0x1_0000).filter_map(char::from_u32) {
        let symbol = c.to_string();
        let table = usize::from(symbol.as_str().cell_width());
        if one_column(u32::from(c)) {
            taken += 1;
            assert!(narrow(&symbol), "U+{:04X}", u32::from(c));
            assert_eq!(table, 1, "U+{:04X} is taken as one column", u32::from(c));
        } else {
            assert!(!narrow(&symbol), "U+{:04X}", u32::from(c));
        }
        assert_eq!(symbol_width(&symbol), table, "U+{:04X}", u32::from(c));
    }
    // Latin, Greek, Cyrillic, punctuation, arrows and box drawing take the quick way.
    assert!(taken > 1_300, "{taken}");
    for longer in ["e\u{301}", "👍", "❤\u{fe0f}", "ab"] {
        assert!(!narrow(longer), "{longer}");
        assert_eq!(
            symbol_width(longer),
            usize::from(longer.cell_width()),
            "{longer}"
        );
    }
}

#[test]
fn a_wide_symbol_set_by_hand_in_the_last_column_is_replaced_without_reading_past_the_end() {
    let mut prev = Buffer::empty(Rect::new(0, 0, 3, 1));
    prev[(2, 0)].set_symbol("中").set_bg(Color::Blue);
    let next = Buffer::with_lines(["abc"]);
    let written = ours(&prev, &next);
    assert_eq!(
        written
            .iter()
            .map(|(x, _, c)| (*x, c.symbol()))
            .collect::<Vec<_>>(),
        [(0, "a"), (1, "b"), (2, "c")]
    );
}
