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

fn key(code: KeyCode) -> std::io::Result<TermEvent> {
    Ok(TermEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Runs the loop in a `width`x`height` terminal over a resize to that size, `keys`, then
/// Ctrl-Q. Returns the final state and how many input streams the loop opened.
async fn run(width: u16, height: u16, keys: Vec<std::io::Result<TermEvent>>) -> (State, usize) {
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    let mut keymap = Keymap::builtin();
    let canned = frontdesk::runtime::canned::start(&mut keymap, None);
    state.keys = keymap.help();
    let (commands, _sent) = tokio::sync::mpsc::unbounded_channel();
    let (_incoming, events) = tokio::sync::mpsc::channel(8);
    let net = NetHandle { commands, events };
    let mut outlet = frontdesk::runtime::alerts::outlet::Outlet::disabled();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let mut script = vec![Ok(TermEvent::Resize(width, height))];
    script.extend(keys);
    script.push(Ok(TermEvent::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL,
    ))));
    let mut opened = 0;
    let input = Scripted(|| {
        opened += 1;
        futures_util::stream::iter(std::mem::take(&mut script))
    });
    frontdesk::run::run_loop(
        &mut state,
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
    (state, opened)
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
