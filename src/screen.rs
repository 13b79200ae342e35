//! Putting frames on the terminal: whole frames (rendered into ratatui's frame buffer,
//! compared with the last frame by `diff.rs`, what changed written), and for a key typed into
//! the reply box, the box alone.
//!
//! Why the box alone: a whole 160x48 frame with four panes costs the console about a third of a
//! millisecond (rendering every pane, then comparing every cell with the last frame), and a
//! typed letter waited for it. Drawing only the reply box — rendering it, comparing its cells
//! with what the terminal shows there, writing the difference — is a small part of that. The
//! rest of the screen (a draft mark in the list, the status line) catches up at the next paced
//! frame, at most a frame time later (docs/benchmarks.md, "A typed key draws the reply box
//! alone").
//!
//! A whole frame is compared with what the terminal shows: the last whole frame with every
//! cell a key drawn alone (or echoed) wrote since, so a cell the new frame leaves as the last
//! frame had it is not left showing a typed letter.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::State;
use crate::ui;

mod diff;
mod echo;

/// The reply box's place in the last whole frame, and a buffer to render it alone into.
#[derive(Debug)]
struct ReplyBox {
    area: Rect,
    /// Where a key's box is rendered before it is compared with what the terminal shows;
    /// kept from key to key, so a key allocates no buffer.
    fresh: Buffer,
}

/// The console's screen: whole frames, and the reply box alone.
#[derive(Debug, Default)]
pub struct Screen {
    /// What the terminal shows: the last whole frame, and every cell written since by a key
    /// drawn alone or echoed. The next whole frame is compared with it.
    shown: Buffer,
    reply_box: Option<ReplyBox>,
}

impl Screen {
    /// Draws the whole screen from `state`: rendered into the terminal's frame buffer,
    /// compared with what the terminal shows (`diff.rs`), the changes written, and the
    /// buffers exchanged, so a frame allocates nothing. ratatui's own `Terminal::draw` would
    /// compare the frame with the last one it drew, the slower way; its back buffer is not
    /// used for comparing, only kept blank for the next frame.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        state: &State,
    ) -> Result<(), B::Error> {
        terminal.autoresize()?;
        ui::render(state, &mut terminal.get_frame());
        let next = std::mem::take(terminal.current_buffer_mut());
        if self.shown.area != next.area {
            // A first frame, or the terminal resized or cleared: it shows nothing.
            self.shown = Buffer::empty(next.area);
        }
        let written = terminal.backend_mut().draw(diff::changes(
            next.area,
            &self.shown.content,
            &next.content,
        ));
        // The frame buffer goes back before any error is passed on: the terminal keeps two.
        let before = std::mem::replace(&mut self.shown, next);
        *terminal.current_buffer_mut() = before;
        terminal.swap_buffers();
        written?;
        terminal.hide_cursor()?;
        terminal.backend_mut().flush()?;
        let area = state.areas().compose.intersection(self.shown.area);
        // The box's buffer is kept from frame to frame while the box keeps its place.
        self.reply_box = match self.reply_box.take() {
            Some(kept) if kept.area == area => Some(kept),
            _ => Some(ReplyBox {
                area,
                fresh: Buffer::empty(area),
            }),
        };
        Ok(())
    }

    /// Draws the reply box alone, for a key typed into it. `Ok(false)` when it cannot stand
    /// alone — no whole frame drawn yet, the box moved or changed size, or something is drawn
    /// over it (a popup, the help, a full screen) — and a whole frame is needed at once.
    pub fn draw_reply_box<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        state: &State,
    ) -> Result<bool, B::Error> {
        let Some(reply_box) = self.reply_box.as_mut() else {
            return Ok(false);
        };
        let area = reply_box.area;
        if !ui::reply_box_alone(state) || state.areas().compose != area {
            return Ok(false);
        }
        // Rendered straight into the box's own buffer: ratatui's frame buffer stays blank for
        // its next frame.
        let fresh = &mut reply_box.fresh;
        fresh.reset();
        ui::render_reply_box(state, fresh, area);
        // A box squeezed to nothing (a terminal a few columns wide) may sit just past the
        // screen's edge, where no row of `shown` is: nothing of it is on screen.
        if area.is_empty() {
            return Ok(true);
        }
        let shown = &mut self.shown;
        let mut updates = (area.top()..area.bottom())
            .flat_map(|y| {
                diff::changes(
                    Rect::new(area.x, y, area.width, 1),
                    &shown.content[row_of(shown, area, y)],
                    &fresh.content[row_of(fresh, area, y)],
                )
            })
            .peekable();
        if updates.peek().is_some() {
            let backend = terminal.backend_mut();
            backend.draw(updates)?;
            // Hidden already; ending as a whole frame does marks where a frame ends for
            // whoever reads the terminal's bytes (the pty tests).
            backend.hide_cursor()?;
            backend.flush()?;
        }
        // Exchanged, not cloned: `fresh` is reset before the next key renders into it.
        for y in area.top()..area.bottom() {
            let to = row_of(shown, area, y);
            let from = row_of(fresh, area, y);
            shown.content[to].swap_with_slice(&mut fresh.content[from]);
        }
        Ok(true)
    }

    /// The next whole frame is written in full (after a resize, or the terminal came back
    /// from the editor): nothing is known to be on screen any more.
    pub fn forget(&mut self) {
        self.reply_box = None;
        self.shown = Buffer::default();
    }
}

/// Where row `y` of `area` lies in `buffer`'s cells (`buffer` covers `area`).
fn row_of(buffer: &Buffer, area: Rect, y: u16) -> std::ops::Range<usize> {
    let start = buffer.index_of(area.x, y);
    start..start + usize::from(area.width)
}

#[cfg(test)]
mod tests;
