//! crossterm's backend, minus the bytes of a frame that changed nothing.
//!
//! ratatui ends every frame with style resets and hides the cursor again even when no cell
//! changed (the whole frame that follows keys drawn alone, for one), so the terminal emulator,
//! and whatever reads it, woke to parse 25 bytes that changed nothing. The console never shows
//! the terminal's cursor (it draws its own), so such a frame now writes nothing at all. A frame
//! that changes cells is written exactly as before, ending by hiding the cursor.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

#[derive(Debug)]
pub struct QuietBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// The frame being drawn changed no cell: its cursor call is left out too.
    unchanged: bool,
}

impl<W: Write> QuietBackend<W> {
    pub const fn new(inner: CrosstermBackend<W>) -> Self {
        Self {
            inner,
            unchanged: false,
        }
    }
}

impl<W: Write> Backend for QuietBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        self.unchanged = content.peek().is_none();
        if self.unchanged {
            return Ok(());
        }
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        // After a frame that changed nothing the cursor is hidden still: the frame before
        // hid it, and nothing in between shows it.
        if std::mem::take(&mut self.unchanged) {
            return Ok(());
        }
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.unchanged = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.unchanged = false;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.unchanged = false;
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    /// What the backend wrote, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Written(Arc<Mutex<Vec<u8>>>);

    impl Write for Written {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn draw(terminal: &mut Terminal<QuietBackend<Written>>, out: &Written, text: &str) -> Vec<u8> {
        out.0.lock().unwrap().clear();
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(text), frame.area()))
            .unwrap();
        std::mem::take(&mut *out.0.lock().unwrap())
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let out = Written::default();
        let mut terminal = Terminal::with_options(
            QuietBackend::new(CrosstermBackend::new(out.clone())),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 20, 2)),
            },
        )
        .unwrap();
        let first = draw(&mut terminal, &out, "Здравствуйте");
        assert!(String::from_utf8_lossy(&first).contains("Здравствуйте"));
        assert!(
            first.ends_with(b"\x1b[?25l"),
            "a frame ends hiding the cursor"
        );
        assert_eq!(draw(&mut terminal, &out, "Здравствуйте"), b"");
        // The next change is written again, cursor and all.
        let changed = draw(&mut terminal, &out, "Здравствуйте!");
        assert!(changed.starts_with(b"\x1b[1;13H!"), "{changed:?}");
        assert!(changed.ends_with(b"\x1b[?25l"));
    }
}
