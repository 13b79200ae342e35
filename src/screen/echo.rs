//! A letter typed at the end of the draft goes to the terminal before anything else is done
//! with it.
//!
//! Drawing the reply box alone still renders the whole box, compares every cell of it with
//! what the terminal shows and writes the difference. On caches a flood (or the programs
//! beside the console) left cold that took ~0.1 ms from reading the key to writing it,
//! against ~0.02 ms for irssi, which writes the letter it read (docs/benchmarks.md, "The
//! letter echoed first"). So a printable letter typed at the end of a line with room to
//! spare is written at once as two cells, the letter and the cursor after it, from what the
//! loop knows before `update` runs. The box drawn right after it compares with what the
//! terminal now shows and writes only the rest (a placeholder erased, the hint under the box,
//! marks), and puts right anything the echo got wrong.
//!
//! Nothing is echoed unless the terminal shows the cursor exactly where the letter goes, so
//! an echo never lands on anything but the reply box's cursor.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::{Input, Key};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Screen;
use crate::app::state::compose_rows;
use crate::app::{Action, Event, Focus, State};
use crate::ui::{self, Theme};

/// Where a typed letter goes on screen.
#[derive(Debug)]
struct Echo {
    letter: char,
    at: Position,
    /// Columns the letter takes (1 or 2).
    width: u16,
}

impl Screen {
    /// Writes the letter `events` type at the end of the draft, if that is all they do and
    /// the terminal shows the reply box's cursor where the letter goes. `Ok(true)` when it was
    /// written.
    pub fn echo<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        state: &State,
        events: &[Event],
    ) -> Result<bool, B::Error> {
        let Some(reply_box) = self.reply_box.as_mut() else {
            return Ok(false);
        };
        let Some(echo) = plan(state, events, reply_box.area) else {
            return Ok(false);
        };
        let cursor_style = Theme::of(state).cursor();
        if !shows_cursor(&reply_box.shown[echo.at], cursor_style) {
            return Ok(false);
        }
        let mut letter = Cell::EMPTY;
        letter.set_char(echo.letter);
        let mut cursor = Cell::EMPTY;
        cursor.set_style(cursor_style);
        let after = Position::new(echo.at.x + echo.width, echo.at.y);
        let backend = terminal.backend_mut();
        backend.draw([(echo.at.x, echo.at.y, &letter), (after.x, after.y, &cursor)].into_iter())?;
        // Every write ends as a frame does (the pty tests read frames by it).
        backend.hide_cursor()?;
        backend.flush()?;
        // What the terminal shows now; a wide letter covers the cell after it, which ratatui
        // keeps blank.
        reply_box.shown[echo.at] = letter;
        if echo.width == 2 {
            reply_box.shown[(echo.at.x + 1, echo.at.y)] = Cell::EMPTY;
        }
        reply_box.shown[after] = cursor;
        Ok(true)
    }
}

/// Where the letter goes, when `events` only type one printable letter into the focused
/// reply box at the end of a line that keeps it, and the cursor after it, on its one row:
/// then the editor neither wraps nor scrolls, and the letter goes where the cursor is.
fn plan(state: &State, events: &[Event], area: Rect) -> Option<Echo> {
    let [Event::Action(Action::ComposeInput(input))] = events else {
        return None;
    };
    let Input {
        key: Key::Char(letter),
        ctrl: false,
        alt: false,
        ..
    } = *input
    else {
        return None;
    };
    let width = u16::try_from(letter.width()?).ok()?;
    let compose = &state.compose;
    if state.focus != Focus::Compose
        || letter.is_control()
        || !(1..=2).contains(&width)
        || compose.is_selecting()
    {
        return None;
    }
    let ratatui_textarea::DataCursor(row, col) = compose.cursor();
    let lines = compose.lines();
    let line = lines.get(row)?;
    if col != line.chars().count() || line.contains('\t') {
        return None;
    }
    let text = ui::reply_box_text_area(area);
    let line_width = u16::try_from(line.width()).ok()?;
    // A column to spare: the editor never wraps the line before it reaches the edge.
    if u32::from(line_width) + u32::from(width) + 2 > u32::from(text.width) {
        return None;
    }
    // All the rows on screen, so the editor has not scrolled.
    let columns = usize::from(text.width);
    if compose_rows(lines, columns) > usize::from(text.height) {
        return None;
    }
    let above = u16::try_from(compose_rows(&lines[..row], columns)).ok()?;
    Some(Echo {
        letter,
        at: Position::new(text.x + line_width, text.y + above),
        width,
    })
}

/// Whether `cell` is drawn as the editor draws its cursor.
fn shows_cursor(cell: &Cell, cursor: Style) -> bool {
    let style = cell.style();
    style.add_modifier.contains(cursor.add_modifier)
        && cursor.fg.is_none_or(|fg| style.fg == Some(fg))
        && cursor.bg.is_none_or(|bg| style.bg == Some(bg))
}

#[cfg(test)]
mod tests;
