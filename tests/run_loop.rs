//! The loop driven by scripted terminal events (`tui::Scripted`) on ratatui's `TestBackend`:
//! keys go through the keymap into `update`, a resize redraws, and the loop ends on Ctrl-Q.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use frontdesk::app::State;
use frontdesk::keymap::Keymap;
use frontdesk::net::NetHandle;
use frontdesk::tui::Scripted;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode, modifiers: KeyModifiers) -> std::io::Result<TermEvent> {
    Ok(TermEvent::Key(KeyEvent::new(code, modifiers)))
}

#[tokio::test]
async fn scripted_keys_drive_the_loop_until_ctrl_q() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut state = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    let mut keymap = Keymap::builtin();
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
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");

    let mut script = vec![
        Ok(TermEvent::Resize(100, 30)),
        key(KeyCode::Tab, KeyModifiers::NONE),
    ];
    script.extend(
        "Привет"
            .chars()
            .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE)),
    );
    script.push(key(KeyCode::Char('q'), KeyModifiers::CONTROL));
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
        canned,
    )
    .await
    .expect("the loop ends cleanly");
    assert_eq!(opened, 1, "one input stream: no editor ran");
    assert_eq!((state.width, state.height), (100, 30));
    assert_eq!(state.compose.lines(), ["Привет"]);
}
