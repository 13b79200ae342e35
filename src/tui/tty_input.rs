//! Terminal input read on the loop's own thread: the terminal's bytes are read when the
//! runtime says they are there, parsed with termina's parser (crossterm's, kept as a library),
//! and handed to the loop as crossterm events.
//!
//! Why not crossterm's `EventStream`: it reads on a thread of its own, and each key then woke
//! the loop's thread from there (an `eventfd` write, a wake-up, and a hand-back to the reader
//! thread), about a tenth of a millisecond of a key's way to the screen (docs/benchmarks.md,
//! "A key read on the loop's thread"). Reading here, a key wakes one thread, as in irssi.
//!
//! The descriptor stays in blocking mode: it may share its open file with stdout, which must
//! keep blocking. So only what `FIONREAD` says is waiting is read, and a read never blocks.
//! A terminal that hung up (EIO, or nothing to read after a hang-up) ends the stream, so the
//! loop stops instead of spinning on errors.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, IsTerminal, Read as _};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use futures_util::Stream;
use tokio::io::unix::AsyncFd;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// Bytes read at a time; a longer paste comes in several reads.
const READ_SIZE: usize = 1024;

/// The terminal's events, read on the thread that polls this stream.
pub struct TtyEvents {
    tty: AsyncFd<File>,
    /// Window size changes (SIGWINCH): the loop hears them as resize events.
    resized: Signal,
    parser: alt_prefix::Parser,
    parsed: VecDeque<TermEvent>,
    buffer: Box<[u8; READ_SIZE]>,
    ended: bool,
}

impl TtyEvents {
    /// The terminal on stdin, or the process's terminal (`/dev/tty`) when stdin is not one.
    pub fn open() -> io::Result<Self> {
        let stdin = io::stdin();
        let tty = if stdin.is_terminal() {
            use std::os::fd::AsFd;
            File::from(stdin.as_fd().try_clone_to_owned()?)
        } else {
            File::open("/dev/tty")?
        };
        // Deprecated because a general `T: AsRawFd` may close its fd while registered; a
        // `File` moved into the `AsyncFd` lives until the `AsyncFd` has deregistered it, the
        // I/O safety the deprecation asks for (its safe form is `unsafe fn`, denied here).
        #[allow(deprecated)]
        let tty = AsyncFd::with_interest(tty, tokio::io::Interest::READABLE)?;
        Ok(Self {
            tty,
            resized: signal(SignalKind::window_change())?,
            parser: alt_prefix::Parser::default(),
            parsed: VecDeque::new(),
            buffer: Box::new([0; READ_SIZE]),
            ended: false,
        })
    }
}

/// What one look at the terminal found.
enum Read {
    Nothing,
    Parsed,
    HungUp,
}

/// Reads what is waiting in `tty` and parses it into `parsed`.
fn read_waiting(
    tty: &File,
    buffer: &mut [u8; READ_SIZE],
    parser: &mut alt_prefix::Parser,
    parsed: &mut VecDeque<TermEvent>,
) -> io::Result<Read> {
    let waiting = rustix::io::ioctl_fionread(tty)? as usize;
    if waiting == 0 {
        return Ok(Read::Nothing);
    }
    let n = (&mut &*tty).read(&mut buffer[..waiting.min(READ_SIZE)])?;
    if n == 0 {
        return Ok(Read::HungUp);
    }
    // More bytes waiting: a lone Esc at the end may start a sequence (as crossterm decides).
    parser.parse(&buffer[..n], n < waiting, parsed);
    Ok(Read::Parsed)
}

impl Stream for TtyEvents {
    type Item = io::Result<TermEvent>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(event) = this.parsed.pop_front() {
                return Poll::Ready(Some(Ok(event)));
            }
            if this.ended {
                return Poll::Ready(None);
            }
            if this.resized.poll_recv(cx).is_ready() {
                let resized = crossterm::terminal::size().map(|(w, h)| TermEvent::Resize(w, h));
                return Poll::Ready(Some(resized));
            }
            let mut guard = ready!(this.tty.poll_read_ready(cx))?;
            let read = read_waiting(
                guard.get_inner(),
                &mut this.buffer,
                &mut this.parser,
                &mut this.parsed,
            );
            match read {
                Ok(Read::Parsed) => {}
                Ok(Read::HungUp) => this.ended = true,
                // Woken with nothing to read: after a hang-up nothing ever will be.
                Ok(Read::Nothing) if guard.ready().is_read_closed() => this.ended = true,
                // Wait for the next wake-up (unless bytes came since this one).
                Ok(Read::Nothing) => guard.clear_ready(),
                Err(e) if e.raw_os_error() == Some(rustix::io::Errno::IO.raw_os_error()) => {
                    this.ended = true;
                }
                Err(e) => return Poll::Ready(Some(Err(e))),
            }
        }
    }
}

/// A termina event as the crossterm event the loop knows; `None` for what the console never
/// asks the terminal for (replies to queries).
fn crossterm_event(event: termina::Event) -> Option<TermEvent> {
    Some(match event {
        termina::Event::Key(key) => TermEvent::Key(KeyEvent {
            code: key_code(key.code),
            modifiers: modifiers(key.modifiers),
            kind: match key.kind {
                termina::event::KeyEventKind::Press => KeyEventKind::Press,
                termina::event::KeyEventKind::Release => KeyEventKind::Release,
                termina::event::KeyEventKind::Repeat => KeyEventKind::Repeat,
            },
            state: key_state(key.state),
        }),
        termina::Event::Mouse(mouse) => TermEvent::Mouse(MouseEvent {
            kind: mouse_kind(mouse.kind),
            column: mouse.column,
            row: mouse.row,
            modifiers: modifiers(mouse.modifiers),
        }),
        termina::Event::WindowResized(size) => TermEvent::Resize(size.cols, size.rows),
        termina::Event::FocusIn => TermEvent::FocusGained,
        termina::Event::FocusOut => TermEvent::FocusLost,
        termina::Event::Paste(text) => TermEvent::Paste(text),
        termina::Event::Csi(_) | termina::Event::Osc(_) | termina::Event::Dcs(_) => return None,
    })
}

fn key_code(code: termina::event::KeyCode) -> KeyCode {
    use termina::event::KeyCode as T;
    match code {
        T::Char(c) => KeyCode::Char(c),
        T::Enter => KeyCode::Enter,
        T::Backspace => KeyCode::Backspace,
        T::Tab => KeyCode::Tab,
        T::Escape => KeyCode::Esc,
        T::Left => KeyCode::Left,
        T::Right => KeyCode::Right,
        T::Up => KeyCode::Up,
        T::Down => KeyCode::Down,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::BackTab => KeyCode::BackTab,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        T::Insert => KeyCode::Insert,
        T::Delete => KeyCode::Delete,
        T::KeypadBegin => KeyCode::KeypadBegin,
        T::CapsLock => KeyCode::CapsLock,
        T::ScrollLock => KeyCode::ScrollLock,
        T::NumLock => KeyCode::NumLock,
        T::PrintScreen => KeyCode::PrintScreen,
        T::Pause => KeyCode::Pause,
        T::Menu => KeyCode::Menu,
        T::Null => KeyCode::Null,
        T::Function(n) => KeyCode::F(n),
        T::Modifier(m) => KeyCode::Modifier(modifier_key(m)),
        T::Media(m) => KeyCode::Media(media_key(m)),
    }
}

fn modifier_key(key: termina::event::ModifierKeyCode) -> ModifierKeyCode {
    use termina::event::ModifierKeyCode as T;
    match key {
        T::LeftShift => ModifierKeyCode::LeftShift,
        T::LeftControl => ModifierKeyCode::LeftControl,
        T::LeftAlt => ModifierKeyCode::LeftAlt,
        T::LeftSuper => ModifierKeyCode::LeftSuper,
        T::LeftHyper => ModifierKeyCode::LeftHyper,
        T::LeftMeta => ModifierKeyCode::LeftMeta,
        T::RightShift => ModifierKeyCode::RightShift,
        T::RightControl => ModifierKeyCode::RightControl,
        T::RightAlt => ModifierKeyCode::RightAlt,
        T::RightSuper => ModifierKeyCode::RightSuper,
        T::RightHyper => ModifierKeyCode::RightHyper,
        T::RightMeta => ModifierKeyCode::RightMeta,
        T::IsoLevel3Shift => ModifierKeyCode::IsoLevel3Shift,
        T::IsoLevel5Shift => ModifierKeyCode::IsoLevel5Shift,
    }
}

fn media_key(key: termina::event::MediaKeyCode) -> MediaKeyCode {
    use termina::event::MediaKeyCode as T;
    match key {
        T::Play => MediaKeyCode::Play,
        T::Pause => MediaKeyCode::Pause,
        T::PlayPause => MediaKeyCode::PlayPause,
        T::Reverse => MediaKeyCode::Reverse,
        T::Stop => MediaKeyCode::Stop,
        T::FastForward => MediaKeyCode::FastForward,
        T::Rewind => MediaKeyCode::Rewind,
        T::TrackNext => MediaKeyCode::TrackNext,
        T::TrackPrevious => MediaKeyCode::TrackPrevious,
        T::Record => MediaKeyCode::Record,
        T::LowerVolume => MediaKeyCode::LowerVolume,
        T::RaiseVolume => MediaKeyCode::RaiseVolume,
        T::MuteVolume => MediaKeyCode::MuteVolume,
    }
}

fn modifiers(m: termina::event::Modifiers) -> KeyModifiers {
    use termina::event::Modifiers as T;
    let mut out = KeyModifiers::NONE;
    for (from, to) in [
        (T::SHIFT, KeyModifiers::SHIFT),
        (T::ALT, KeyModifiers::ALT),
        (T::CONTROL, KeyModifiers::CONTROL),
        (T::SUPER, KeyModifiers::SUPER),
        (T::HYPER, KeyModifiers::HYPER),
        (T::META, KeyModifiers::META),
    ] {
        if m.contains(from) {
            out |= to;
        }
    }
    out
}

fn key_state(s: termina::event::KeyEventState) -> KeyEventState {
    use termina::event::KeyEventState as T;
    let mut out = KeyEventState::NONE;
    for (from, to) in [
        (T::KEYPAD, KeyEventState::KEYPAD),
        (T::CAPS_LOCK, KeyEventState::CAPS_LOCK),
        (T::NUM_LOCK, KeyEventState::NUM_LOCK),
    ] {
        if s.contains(from) {
            out |= to;
        }
    }
    out
}

fn mouse_kind(kind: termina::event::MouseEventKind) -> MouseEventKind {
    use termina::event::MouseEventKind as T;
    match kind {
        T::Down(b) => MouseEventKind::Down(button(b)),
        T::Up(b) => MouseEventKind::Up(button(b)),
        T::Drag(b) => MouseEventKind::Drag(button(b)),
        T::Moved => MouseEventKind::Moved,
        T::ScrollDown => MouseEventKind::ScrollDown,
        T::ScrollUp => MouseEventKind::ScrollUp,
        T::ScrollLeft => MouseEventKind::ScrollLeft,
        T::ScrollRight => MouseEventKind::ScrollRight,
    }
}

fn button(b: termina::event::MouseButton) -> MouseButton {
    match b {
        termina::event::MouseButton::Left => MouseButton::Left,
        termina::event::MouseButton::Right => MouseButton::Right,
        termina::event::MouseButton::Middle => MouseButton::Middle,
    }
}

mod alt_prefix;

#[cfg(test)]
mod tests;
