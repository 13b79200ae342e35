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
//! Backspace at the end of such a line is echoed the same way: the cursor drawn over the
//! letter it takes back, and the cell the cursor left blanked.
//!
//! Nothing is echoed unless the terminal shows the cursor exactly where the letter goes (and,
//! for Backspace, the letter it takes back just before it), so an echo never lands on
//! anything but the reply box's cursor.

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

/// What a key changes on screen, at the end of a line of the draft.
#[derive(Debug)]
struct Echo {
    /// The letter typed, or the one Backspace takes back.
    letter: char,
    /// Where that letter is (or goes).
    at: Position,
    /// Columns the letter takes (1 or 2).
    width: u16,
    /// Backspace: the letter goes and the cursor comes back over it.
    erase: bool,
}

impl Screen {
    /// Writes the letter `events` type at the end of the draft (or takes back the last one,
    /// for Backspace), if that is all they do and the terminal shows the reply box's cursor
    /// where the letter goes (or after the letter it takes back). `Ok(true)` when written.
    pub fn echo<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        state: &State,
        events: &[Event],
    ) -> Result<bool, B::Error> {
        let Some(reply_box) = self.reply_box.as_ref() else {
            return Ok(false);
        };
        let Some(echo) = plan(state, events, reply_box.area) else {
            return Ok(false);
        };
        let cursor_style = Theme::of(state).cursor();
        let after = Position::new(echo.at.x + echo.width, echo.at.y);
        let mut letter = Cell::EMPTY;
        letter.set_char(echo.letter);
        let mut cursor = Cell::EMPTY;
        cursor.set_style(cursor_style);
        let shown = &mut self.shown;
        // The letter's cell and the one after it (or after its second column), as they are to
        // be.
        let cells = if echo.erase {
            // Only the letter itself, as typed (a mark under a misspelt word may style it).
            let mut typed = [0; 4];
            if !shows_cursor(&shown[after], cursor_style)
                || shown[echo.at].symbol() != echo.letter.encode_utf8(&mut typed)
            {
                return Ok(false);
            }
            [(echo.at, cursor), (after, Cell::EMPTY)]
        } else {
            if !shows_cursor(&shown[echo.at], cursor_style) {
                return Ok(false);
            }
            [(echo.at, letter), (after, cursor)]
        };
        let backend = terminal.backend_mut();
        backend.draw(cells.iter().map(|(at, cell)| (at.x, at.y, cell)))?;
        if echo.width == 2 {
            // A wide letter's second column, which ratatui keeps blank: blank under it, and
            // blank once it is gone.
            let second = Position::new(echo.at.x + 1, echo.at.y);
            if echo.erase {
                backend.draw(std::iter::once((second.x, second.y, &Cell::EMPTY)))?;
            }
            shown[second] = Cell::EMPTY;
        }
        // Every write ends as a frame does (the pty tests read frames by it).
        backend.hide_cursor()?;
        backend.flush()?;
        for (at, cell) in cells {
            shown[at] = cell;
        }
        Ok(true)
    }
}

/// What to write, when `events` only type one printable letter into the focused reply box at
/// the end of a line that keeps it, and the cursor after it, on its one row (then the editor
/// neither wraps nor scrolls, and the letter goes where the cursor is), or only take the last
/// letter of such a line back with Backspace.
fn plan(state: &State, events: &[Event], area: Rect) -> Option<Echo> {
    let [Event::Action(Action::ComposeInput(input))] = events else {
        return None;
    };
    let compose = &state.compose;
    let ratatui_textarea::DataCursor(row, col) = compose.cursor();
    let lines = compose.lines();
    let line = lines.get(row)?;
    let (letter, erase) = match *input {
        Input {
            key: Key::Char(letter),
            ctrl: false,
            alt: false,
            ..
        } => (letter, false),
        Input {
            key: Key::Backspace,
            ctrl: false,
            alt: false,
            ..
        } => (line.chars().next_back()?, true),
        _ => return None,
    };
    let width = u16::try_from(letter.width()?).ok()?;
    if state.focus != Focus::Compose
        || letter.is_control()
        || !(1..=2).contains(&width)
        || compose.is_selecting()
    {
        return None;
    }
    if col != line.chars().count() || line.contains('\t') {
        return None;
    }
    let text = ui::reply_box_text_area(area);
    let line_width = u16::try_from(line.width()).ok()?;
    // A column to spare: the editor never wraps the line before it reaches the edge (for
    // Backspace: the line as it is now did not wrap).
    let grows = if erase { 0 } else { width };
    if u32::from(line_width) + u32::from(grows) + 2 > u32::from(text.width) {
        return None;
    }
    // All the rows on screen, so the editor has not scrolled.
    let columns = usize::from(text.width);
    if compose_rows(lines, columns) > usize::from(text.height) {
        return None;
    }
    let above = u16::try_from(compose_rows(&lines[..row], columns)).ok()?;
    let x = if erase {
        line_width.checked_sub(width)?
    } else {
        line_width
    };
    Some(Echo {
        letter,
        at: Position::new(text.x + x, text.y + above),
        width,
        erase,
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
