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
//! A whole frame is compared with the one drawn last, not with what the terminal shows.
//! After the box was drawn alone, the cells that changed there are marked to be written again in
//! the next whole frame, so a cell the whole frame leaves "unchanged" is not left showing a
//! typed letter.

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;

use crate::app::State;
use crate::ui;

mod diff;
mod echo;

/// What the terminal shows in the reply box's area, and what ratatui believes it shows there.
#[derive(Debug)]
struct ReplyBox {
    area: Rect,
    /// The area as the last whole frame drew it: ratatui's idea of the screen.
    drawn: Buffer,
    /// The area as the terminal shows it now (after any keys drawn alone).
    shown: Buffer,
    /// Where the next key's box is rendered before it is compared with `shown`; the two
    /// change places after each key, so a key allocates no buffer.
    fresh: Buffer,
}

/// The console's screen: whole frames, and the reply box alone.
#[derive(Debug, Default)]
pub struct Screen {
    reply_box: Option<ReplyBox>,
    /// The last whole frame as written: what the next one is compared with.
    shown: Buffer,
}

impl Screen {
    /// Draws the whole screen from `state`: rendered into the terminal's frame buffer,
    /// compared with `shown` (`diff.rs`), the changes written, and the buffers exchanged, so a
    /// frame allocates nothing. ratatui's own `Terminal::draw` would compare the two the slower
    /// way; its back buffer is not used for comparing, only kept blank for the next frame.
    pub fn draw<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        state: &State,
    ) -> Result<(), B::Error> {
        let stale = self.stale_cells();
        terminal.autoresize()?;
        ui::render(state, &mut terminal.get_frame());
        let mut next = std::mem::take(terminal.current_buffer_mut());
        for &(x, y) in &stale {
            if next.area.contains((x, y).into()) {
                next[(x, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
            }
        }
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
        // The box's buffers are kept from frame to frame while the box keeps its place.
        let mut reply_box = match self.reply_box.take() {
            Some(kept) if kept.area == area => kept,
            _ => ReplyBox {
                area,
                drawn: Buffer::empty(area),
                shown: Buffer::empty(area),
                fresh: Buffer::empty(area),
            },
        };
        copy_into(&self.shown, &mut reply_box.drawn);
        copy_into(&self.shown, &mut reply_box.shown);
        self.reply_box = Some(reply_box);
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
        if !ui::reply_box_alone(state) || state.areas().compose != reply_box.area {
            return Ok(false);
        }
        // Rendered straight into the box's own buffer: ratatui's frame buffer stays blank for
        // its next frame, and no cell is copied.
        reply_box.fresh.reset();
        ui::render_reply_box(state, &mut reply_box.fresh);
        let mut updates = diff::changes(
            reply_box.area,
            &reply_box.shown.content,
            &reply_box.fresh.content,
        )
        .peekable();
        if updates.peek().is_some() {
            let backend = terminal.backend_mut();
            backend.draw(updates)?;
            // Hidden already; ending as a whole frame does marks where a frame ends for
            // whoever reads the terminal's bytes (the pty tests).
            backend.hide_cursor()?;
            backend.flush()?;
        }
        std::mem::swap(&mut reply_box.shown, &mut reply_box.fresh);
        Ok(true)
    }

    /// The next whole frame is written in full (after a resize, or the terminal came back
    /// from the editor): nothing drawn alone is known to be on screen any more.
    pub fn forget(&mut self) {
        self.reply_box = None;
        self.shown = Buffer::default();
    }

    /// Cells the terminal shows differently from ratatui's last frame (keys drawn alone).
    fn stale_cells(&self) -> Vec<(u16, u16)> {
        let Some(reply_box) = &self.reply_box else {
            return Vec::new();
        };
        let area = reply_box.area;
        (area.top()..area.bottom())
            .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
            .filter(|&xy| reply_box.drawn[xy] != reply_box.shown[xy])
            .collect()
    }
}

/// The cells of `out`'s area in `buffer` (which covers it), copied into `out` a row at a time.
fn copy_into(buffer: &Buffer, out: &mut Buffer) {
    let area = out.area;
    // A box squeezed to nothing (a terminal a few columns wide) may sit just past the screen's
    // edge, where no row of `buffer` is.
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        let to = row_of(out, area, y);
        out.content[to].clone_from_slice(&buffer.content[row_of(buffer, area, y)]);
    }
}

/// Where row `y` of `area` lies in `buffer`'s cells.
fn row_of(buffer: &Buffer, area: Rect, y: u16) -> std::ops::Range<usize> {
    let start = buffer.index_of(area.x, y);
    start..start + usize::from(area.width)
}

#[cfg(test)]
mod tests;
