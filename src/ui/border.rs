//! A box with a plain border and titles on its top and bottom edges, drawn on the edges only.
//! ratatui's `Block` first sets the style of every cell of its area; for the default style this
//! changes nothing but is a pass over the whole pane, and with four panes, the list and the reply
//! box it was the largest single cost of drawing a frame (docs/benchmarks.md, the terminal run).
//! The cells come out as `Block::default().borders(Borders::ALL).border_style(style)` with the
//! same titles would draw them (left- and right-aligned titles; the tests compare the two).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Top,
    Bottom,
}

/// The box: its border style and its titles in the order they were added.
pub struct Bordered<'a> {
    style: Style,
    titles: Vec<(Edge, Line<'a>)>,
}

impl<'a> Bordered<'a> {
    pub fn new(style: Style) -> Self {
        Self {
            style,
            titles: Vec::new(),
        }
    }

    pub fn title(mut self, line: impl Into<Line<'a>>) -> Self {
        self.titles.push((Edge::Top, line.into()));
        self
    }

    pub fn title_bottom(mut self, line: impl Into<Line<'a>>) -> Self {
        self.titles.push((Edge::Bottom, line.into()));
        self
    }

    /// The area inside the border.
    pub fn inner(&self, area: Rect) -> Rect {
        Block::default().borders(Borders::ALL).inner(area)
    }
}

impl Widget for Bordered<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let set = border::PLAIN;
        let (left, top) = (area.left(), area.top());
        let right = area.right().saturating_sub(1);
        let bottom = area.bottom().saturating_sub(1);
        // Sides, then corners over their ends, in `Block`'s order.
        for y in top..=bottom {
            buf[(left, y)]
                .set_symbol(set.vertical_left)
                .set_style(self.style);
        }
        for x in left..=right {
            buf[(x, top)]
                .set_symbol(set.horizontal_top)
                .set_style(self.style);
        }
        for y in top..=bottom {
            buf[(right, y)]
                .set_symbol(set.vertical_right)
                .set_style(self.style);
        }
        for x in left..=right {
            buf[(x, bottom)]
                .set_symbol(set.horizontal_bottom)
                .set_style(self.style);
        }
        for (x, y, symbol) in [
            (right, bottom, set.bottom_right),
            (right, top, set.top_right),
            (left, bottom, set.bottom_left),
            (left, top, set.top_left),
        ] {
            buf[(x, y)].set_symbol(symbol).set_style(self.style);
        }
        for edge in [Edge::Top, Edge::Bottom] {
            let row = Rect {
                x: left.saturating_add(1),
                y: if edge == Edge::Top { top } else { bottom },
                width: area.width.saturating_sub(2),
                height: 1,
            };
            let on_edge = |alignment: Alignment| {
                self.titles.iter().filter(move |(e, line)| {
                    *e == edge && line.alignment.unwrap_or(Alignment::Left) == alignment
                })
            };
            left_titles(on_edge(Alignment::Left).map(|(_, l)| l), row, buf);
            right_titles(on_edge(Alignment::Right).map(|(_, l)| l), row, buf);
        }
    }
}

fn width_of(line: &Line<'_>) -> u16 {
    u16::try_from(line.width()).unwrap_or(u16::MAX)
}

/// Left to right from the row's start, a space between titles, cut at the row's end.
fn left_titles<'l>(titles: impl Iterator<Item = &'l Line<'l>>, mut row: Rect, buf: &mut Buffer) {
    for title in titles {
        if row.is_empty() {
            break;
        }
        let width = width_of(title);
        title.render(
            Rect {
                width: width.min(row.width),
                ..row
            },
            buf,
        );
        let advance = width.saturating_add(1);
        row.x = row.x.saturating_add(advance);
        row.width = row.width.saturating_sub(advance);
    }
}

/// Right to left from the row's end (the last added rightmost), a space between titles.
fn right_titles<'l>(
    titles: impl DoubleEndedIterator<Item = &'l Line<'l>>,
    mut row: Rect,
    buf: &mut Buffer,
) {
    for title in titles.rev() {
        if row.is_empty() {
            break;
        }
        let width = width_of(title);
        let at = Rect {
            x: row.right().saturating_sub(width).max(row.left()),
            width: width.min(row.width),
            ..row
        };
        title.render(at, buf);
        row.width = row.width.saturating_sub(width).saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// Draws `titles` both ways over a buffer that already holds text and styles (as a pane's
    /// old frame would), and compares every cell.
    fn same_as_block(width: u16, height: u16, titles: &[(Edge, Line<'static>)]) {
        let area = Rect::new(1, 1, width, height);
        let mut before = Buffer::empty(Rect::new(0, 0, width + 2, height + 2));
        for y in 0..height + 2 {
            before.set_string(
                0,
                y,
                "x".repeat(usize::from(width) + 2),
                Style::new().fg(Color::Red),
            );
        }
        let style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let mut block = Block::default().borders(Borders::ALL).border_style(style);
        let mut ours = Bordered::new(style);
        for (edge, line) in titles {
            match edge {
                Edge::Top => {
                    block = block.title(line.clone());
                    ours = ours.title(line.clone());
                }
                Edge::Bottom => {
                    block = block.title_bottom(line.clone());
                    ours = ours.title_bottom(line.clone());
                }
            }
        }
        let mut theirs = before.clone();
        assert_eq!(ours.inner(area), block.inner(area));
        block.render(area, &mut theirs);
        let mut mine = before;
        ours.render(area, &mut mine);
        assert_eq!(mine, theirs, "{width}x{height} {titles:?}");
    }

    #[test]
    fn draws_the_cells_a_block_draws() {
        let top = Line::styled(" Ольга · 0:42 ", Style::new().fg(Color::Yellow));
        let left = Line::from(" Enter opens in 2 ");
        let right = Line::styled(" ↓ 3 new ", Style::new().fg(Color::Green)).right_aligned();
        let far = Line::from(" ↓ 12 ").right_aligned();
        let cases: Vec<Vec<(Edge, Line<'static>)>> = vec![
            vec![],
            vec![(Edge::Top, top.clone())],
            vec![(Edge::Top, top.clone()), (Edge::Bottom, left.clone())],
            vec![
                (Edge::Top, top.clone()),
                (Edge::Bottom, right.clone()),
                (Edge::Bottom, far.clone()),
            ],
            vec![
                (Edge::Bottom, left),
                (Edge::Bottom, right),
                (Edge::Top, top),
            ],
        ];
        for titles in &cases {
            for (w, h) in [(40, 10), (12, 3), (5, 2), (1, 1), (2, 5)] {
                same_as_block(w, h, titles);
            }
        }
    }
}
