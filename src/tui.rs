//! Terminal manners: raw mode + alternate screen + mouse behind a guard that always restores,
//! a panic hook that restores the terminal before the panic is printed, and [`Input`]: where
//! the loop's terminal events come from and how the terminal is lent to another program.

use std::io::{self, BufWriter, Stdout, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture, Event as TermEvent,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use futures_util::{Stream, StreamExt};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

mod quiet;
mod tty_input;
use quiet::QuietBackend;
use tty_input::TtyEvents;

/// The console's terminal: frames go out through one buffer, written in one piece when the
/// frame is done (stdout alone writes every 1 KiB, and the terminal emulator would draw a
/// flood frame in twenty pieces, a key behind them). Its size is fixed between resize
/// events: ratatui would otherwise open `/dev/tty` and ask before every frame. A frame that
/// changes nothing writes nothing (`quiet.rs`).
pub type Term = Terminal<QuietBackend<BufWriter<Stdout>>>;

/// Room for a whole frame: 160x48 cells with colours and Cyrillic text is ~40 KiB.
const FRAME_BUFFER: usize = 128 * 1024;

/// Owns the terminal while the console runs; dropping it puts the terminal back.
pub struct TerminalGuard {
    /// `None` only while dropping.
    terminal: Option<Term>,
}

impl TerminalGuard {
    pub fn enter() -> anyhow::Result<Self> {
        use anyhow::Context as _;
        take().context("the console needs a terminal: run frontdesk in one")?;
        let backend = CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()));
        let size = backend.size()?;
        let terminal = Terminal::with_options(
            QuietBackend::new(backend),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, size.width, size.height)),
            },
        )?;
        Ok(Self {
            terminal: Some(terminal),
        })
    }

    pub fn terminal(&mut self) -> &mut Term {
        self.terminal.as_mut().expect("present until dropped")
    }
}

/// Raw mode, alternate screen, mouse and bracketed paste; undone again if a step fails.
pub fn take() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        // Focus reports tell alerts whether the operator is looking (where supported).
        EnableFocusChange
    ) {
        let _ = restore();
        return Err(e);
    }
    Ok(())
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Never panic in Drop: log and carry on.
        if let Err(e) = restore() {
            tracing::error!("could not restore the terminal: {e}");
        }
        // ratatui's own `Drop` shows the cursor again and, when that fails, reports it with
        // `eprintln!`, which panics when stderr has gone with the terminal (EIO: its window
        // closed, tmux killed). Show it here; a terminal that cannot take it is let go
        // without its `Drop` (it holds only a handle to stdout and two buffers).
        if let Some(mut terminal) = self.terminal.take()
            && let Err(e) = terminal.show_cursor()
        {
            tracing::warn!("the terminal is gone: {e}");
            std::mem::forget(terminal);
        }
    }
}

/// Leaves raw mode and the alternate screen. Safe to call more than once.
pub fn restore() -> io::Result<()> {
    let mut stdout = io::stdout();
    let screen = execute!(
        stdout,
        DisableFocusChange,
        DisableBracketedPaste,
        DisableMouseCapture,
        cursor::Show,
        LeaveAlternateScreen
    );
    let raw = terminal::disable_raw_mode();
    stdout.flush()?;
    screen.and(raw)
}

/// Restores the terminal first, so the panic message is readable, then prints and logs it
/// and exits: a panicked background task would otherwise leave a console with no screen.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore();
        previous(info);
        crate::logging::write_now(&format!(
            "panic: {info}\n{}",
            std::backtrace::Backtrace::capture()
        ));
        std::process::exit(101);
    }));
}

/// The loop's terminal: a stream of its events, and lending it to a program that needs it
/// whole (the external editor). The stream must be dropped before [`Input::suspend`]: a stream
/// left open would read the program's keys.
pub trait Input {
    type Stream: Stream<Item = io::Result<TermEvent>> + Unpin;
    /// A new stream of events, at the start and after the terminal came back.
    fn open(&mut self) -> Self::Stream;
    /// Hands the terminal over: main screen, cooked mode, no mouse or paste reporting.
    fn suspend(&mut self) -> io::Result<()>;
    /// Takes it back (the screen then needs a full redraw).
    fn resume(&mut self) -> io::Result<()>;
}

/// The real terminal.
#[derive(Debug, Default)]
pub struct TerminalInput;

impl Input for TerminalInput {
    type Stream = TerminalEvents;

    fn open(&mut self) -> TerminalEvents {
        TerminalEvents::start()
    }

    fn suspend(&mut self) -> io::Result<()> {
        restore()
    }

    fn resume(&mut self) -> io::Result<()> {
        take()
    }
}

/// The terminal's events (`tty_input`); a terminal that could not be opened for reading
/// gives its error once, and the stream ends.
pub enum TerminalEvents {
    Reading(Box<TtyEvents>),
    Failed(Option<io::Error>),
}

impl TerminalEvents {
    fn start() -> Self {
        match TtyEvents::open() {
            Ok(events) => Self::Reading(Box::new(events)),
            Err(e) => Self::Failed(Some(e)),
        }
    }
}

impl Stream for TerminalEvents {
    type Item = io::Result<TermEvent>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        match &mut *self {
            Self::Reading(events) => events.poll_next_unpin(cx),
            Self::Failed(e) => std::task::Poll::Ready(e.take().map(Err)),
        }
    }
}

/// Scripted input for tests: each `open` asks the closure for a stream; there is no real
/// terminal to hand over.
pub struct Scripted<F>(pub F);

impl<F, S> Input for Scripted<F>
where
    F: FnMut() -> S,
    S: Stream<Item = io::Result<TermEvent>> + Unpin,
{
    type Stream = S;

    fn open(&mut self) -> S {
        (self.0)()
    }

    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn resume(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The next terminal event; never, while the terminal is lent out.
pub async fn next_event<S>(stream: &mut Option<S>) -> Option<S::Item>
where
    S: Stream + Unpin,
{
    match stream {
        Some(stream) => stream.next().await,
        None => std::future::pending().await,
    }
}

/// Lends the terminal out. The input stream goes first: left open it would take the
/// other program's keys. On failure the terminal and the stream are taken back at once.
pub fn lend<I: Input>(input: &mut I, stream: &mut Option<I::Stream>) -> io::Result<()> {
    *stream = None;
    input.suspend().inspect_err(|e| {
        tracing::error!("could not hand the terminal over: {e}");
        if let Err(e) = input.resume() {
            tracing::error!("could not take the terminal back: {e}");
        }
        *stream = Some(input.open());
    })
}

/// Takes the terminal back: raw mode and the alternate screen again, a new
/// input stream, and a cleared screen so the next frame is drawn whole.
pub fn take_back<B, I>(terminal: &mut Terminal<B>, input: &mut I) -> anyhow::Result<I::Stream>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: Input,
{
    input.resume()?;
    // `Terminal::clear` would ask the terminal where its cursor is and wait for the answer;
    // clearing through the backend and emptying both buffers forces the same full redraw.
    terminal.backend_mut().clear()?;
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(input.open())
}
