//! The loop driven by scripted terminal events (`tui::Scripted`) on ratatui's `TestBackend`:
//! keys go through the keymap into `update`, a resize redraws, the help overlay takes the keys
//! while it is open (`[keymap.help]`), and the loop ends on Ctrl-Q.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use frontdesk::app::{Focus, State};
use frontdesk::keymap::Keymap;
use frontdesk::net::NetHandle;
use frontdesk::tui::Scripted;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

fn key(code: KeyCode) -> std::io::Result<TermEvent> {
    Ok(TermEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Runs the loop in a `width`x`height` terminal over a resize to that size, `keys`, then
/// Ctrl-Q. Returns the final state and how many input streams the loop opened.
async fn run(width: u16, height: u16, keys: Vec<std::io::Result<TermEvent>>) -> (State, usize) {
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    let mut script = vec![Ok(TermEvent::Resize(width, height))];
    script.extend(keys);
    script.push(Ok(ctrl_q()));
    let mut opened = 0;
    let input = Scripted(|| {
        opened += 1;
        futures_util::stream::iter(std::mem::take(&mut script))
    });
    run_with(&mut state, width, height, input).await;
    (state, opened)
}

fn ctrl_q() -> TermEvent {
    TermEvent::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL))
}

/// Runs the loop on `state` in a `width`x`height` terminal with `input` until it ends.
async fn run_with<I: frontdesk::tui::Input>(state: &mut State, width: u16, height: u16, input: I) {
    let mut keymap = Keymap::builtin();
    let canned = frontdesk::runtime::canned::start(&mut keymap, None);
    state.keys = keymap.help();
    let (commands, _sent) = tokio::sync::mpsc::unbounded_channel();
    let (_incoming, events) = tokio::sync::mpsc::channel(8);
    let net = NetHandle { commands, events };
    let mut outlet = frontdesk::runtime::alerts::outlet::Outlet::disabled();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    frontdesk::run::run_loop(
        state,
        &mut terminal,
        input,
        net,
        keymap,
        &mut outlet,
        frontdesk::runtime::Loaders {
            canned,
            writing: frontdesk::runtime::writing::load(
                &frontdesk::config::WritingConfig {
                    spelling: false,
                    ..Default::default()
                },
                None,
            ),
        },
    )
    .await
    .expect("the loop ends cleanly");
}

#[tokio::test]
async fn scripted_keys_drive_the_loop_until_ctrl_q() {
    let mut keys = vec![key(KeyCode::Tab)];
    keys.extend("Привет".chars().map(|c| key(KeyCode::Char(c))));
    let (state, opened) = run(100, 30, keys).await;
    assert_eq!(opened, 1, "one input stream: no editor ran");
    assert_eq!((state.screen.width, state.screen.height), (100, 30));
    assert_eq!(state.compose.lines(), ["Привет"]);
}

#[tokio::test]
async fn help_keys_scroll_the_overlay_and_type_nothing() {
    let keys = vec![
        key(KeyCode::Tab),
        key(KeyCode::F(1)),
        key(KeyCode::Char('x')),
        key(KeyCode::PageDown),
        key(KeyCode::Char('j')),
    ];
    let (state, _) = run(80, 24, keys).await;
    assert!(state.screen.help);
    // One page of 22 rows (80x24 less the borders), then one row.
    assert_eq!(state.screen.help_scroll, 23);
    assert_eq!(state.focus, Focus::Compose);
    assert_eq!(state.compose.lines(), [""]);
}

#[tokio::test]
async fn esc_closes_the_help_and_gives_the_keys_back() {
    let keys = vec![
        key(KeyCode::Tab),
        key(KeyCode::F(1)),
        key(KeyCode::Esc),
        key(KeyCode::Char('y')),
    ];
    let (state, _) = run(80, 24, keys).await;
    assert!(!state.screen.help);
    assert_eq!(state.focus, Focus::Compose);
    assert_eq!(state.compose.lines(), ["y"]);
}

/// Saving the drafts waits for the disk (`fsync`: about a millisecond here, far longer on a
/// busy disk), and keys typed meanwhile must not wait with it. The save is held here for as
/// long as the test likes: the file it writes first is a FIFO that nobody reads until the loop
/// has taken the keys typed after the save began.
#[tokio::test]
async fn keys_are_taken_while_the_drafts_are_being_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().to_path_buf();
    // `write_private` writes `drafts.toml.<pid>.tmp` and renames it; opening a FIFO there for
    // writing waits for a reader.
    let fifo = data.join(format!("drafts.toml.{}.tmp", std::process::id()));
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", fifo.display());
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    state.drafts_file = Some((data.clone(), "http://127.0.0.1:9".into()));
    state.drafts.insert(7, "черновик".into());

    let (taken, taken_rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let in_time = taken_rx.recv_timeout(Duration::from_secs(10)).is_ok();
        // The save goes on either way, so that the loop (and the test) can end.
        let written = std::fs::read_to_string(&fifo).unwrap_or_default();
        (in_time, written)
    });
    // The loop's first tick (at once) saves the drafts; the keys come a moment after it, the
    // last of them (`y` to the quit question the draft raises) tells the reader.
    let pause = Duration::from_millis(200);
    let mut script = Some(std::collections::VecDeque::from([
        (Duration::ZERO, TermEvent::Resize(80, 24)),
        (pause, TermEvent::Key(KeyEvent::from(KeyCode::Tab))),
        (
            Duration::ZERO,
            TermEvent::Key(KeyEvent::from(KeyCode::Char('h'))),
        ),
        (
            Duration::ZERO,
            TermEvent::Key(KeyEvent::from(KeyCode::Char('i'))),
        ),
        (Duration::ZERO, ctrl_q()),
        (
            Duration::ZERO,
            TermEvent::Key(KeyEvent::from(KeyCode::Char('y'))),
        ),
    ]));
    let input = Scripted(move || {
        let script = script.take().unwrap_or_default();
        let taken = taken.clone();
        Box::pin(futures_util::stream::unfold(script, move |mut script| {
            let taken = taken.clone();
            async move {
                let (wait, event) = script.pop_front()?;
                tokio::time::sleep(wait).await;
                if script.is_empty() {
                    let _ = taken.send(());
                }
                Some((Ok(event), script))
            }
        }))
    });
    run_with(&mut state, 80, 24, input).await;
    let (in_time, written) = reader.join().expect("reader");
    assert!(
        in_time,
        "the loop took no key while the drafts were being written"
    );
    assert!(written.contains("черновик"), "{written}");
    assert_eq!(state.compose.lines(), ["hi"]);
}
