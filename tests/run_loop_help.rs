//! The loop routes keys to the help overlay while it is open (`[keymap.help]`): scroll keys
//! move it, other keys are not typed into the reply box, Esc gives the keys back.

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

/// Runs the loop at 80x24 over `keys` (after Tab into the reply box and F1), then Ctrl-Q.
async fn run(keys: Vec<std::io::Result<TermEvent>>) -> State {
    let data = tempfile::tempdir().expect("tempdir");
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    let mut keymap = Keymap::builtin();
    state.keys = keymap.help();
    let canned = frontdesk::canned::runtime::start(
        &mut state,
        &mut keymap,
        None,
        data.path(),
        &frontdesk::config::CannedConfig::default(),
    );
    let (commands, _sent) = tokio::sync::mpsc::unbounded_channel();
    let (_incoming, events) = tokio::sync::mpsc::channel(8);
    let net = NetHandle { commands, events };
    let mut outlet = frontdesk::notify::outlet::Outlet::disabled();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut script = vec![
        Ok(TermEvent::Resize(80, 24)),
        key(KeyCode::Tab),
        key(KeyCode::F(1)),
    ];
    script.extend(keys);
    script.push(Ok(TermEvent::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL,
    ))));
    let input = Scripted(|| futures_util::stream::iter(std::mem::take(&mut script)));
    frontdesk::run::run_loop(
        &mut state,
        &mut terminal,
        input,
        net,
        keymap,
        &mut outlet,
        canned,
    )
    .await
    .expect("the loop ends cleanly");
    state
}

#[tokio::test]
async fn help_keys_scroll_the_overlay_and_type_nothing() {
    let keys = vec![
        key(KeyCode::Char('x')),
        key(KeyCode::PageDown),
        key(KeyCode::Char('j')),
    ];
    let state = run(keys).await;
    assert!(state.help);
    // One page of 22 rows (80x24 less the borders), then one row.
    assert_eq!(state.help_scroll, 23);
    assert_eq!(state.focus, Focus::Compose);
    assert_eq!(state.compose.lines(), [""]);
}

#[tokio::test]
async fn esc_closes_the_help_and_gives_the_keys_back() {
    let state = run(vec![key(KeyCode::Esc), key(KeyCode::Char('y'))]).await;
    assert!(!state.help);
    assert_eq!(state.focus, Focus::Compose);
    assert_eq!(state.compose.lines(), ["y"]);
}
