//! The help overlay and which-key hint at 80x24, from live bindings.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use crate::app::State;
use crate::keymap::{Context, from_user};
use crate::ui::screen_test::{draw, text};

fn state_with(user: &str) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), Some("demo banner".into()));
    let loaded = from_user(Some(("keymap.toml", user)));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    s.keys = loaded.keymap.help();
    s.help = true;
    s
}

#[test]
fn overlay_shows_a_user_rebound_key_with_its_description() {
    let s = state_with("[keymap.list]\n\"ctrl-n\" = \"select_next\"\n\"j\" = \"noop\"\n");
    let screen = text(&draw(&s));
    assert!(screen.contains("[keymap.list]"), "{screen}");
    assert!(
        screen.contains("down, ctrl-n  select the next chat"),
        "{screen}"
    );
    assert!(
        // Two columns since the pane keys: long descriptions are cut with "…".
        screen.contains("up, k  select the previous"),
        "{screen}"
    );
    assert!(!screen.contains(", j "), "j is unbound: {screen}");
    assert!(
        screen.contains("ctrl-c, ctrl-q  quit the console"),
        "{screen}"
    );
    assert!(
        screen.contains("alt-enter  new line in the reply"),
        "{screen}"
    );
    assert!(screen.contains("demo banner"), "{screen}");
}

#[test]
fn a_long_keymap_flows_into_two_columns_within_80x24() {
    let s = state_with("preset = \"vim\"\n");
    let screen = text(&draw(&s));
    for needle in [
        "[keymap.global]",
        "[keymap.compose]",
        "ctrl-c, ctrl-q",
        "send the reply",
        "g g, п п",
        "dialog: scroll",
    ] {
        assert!(screen.contains(needle), "{needle}: {screen}");
    }
}

#[test]
fn overlay_without_colour() {
    let mut s = state_with("preset = \"vim\"\n");
    s.no_color = true;
    let buf = draw(&s);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    assert!(text(&buf).contains("select the first chat"));
}

#[test]
fn which_key_hint_for_a_pending_sequence() {
    let mut s = state_with("preset = \"vim\"\n");
    s.help = false;
    let mut keymap = from_user(Some(("keymap.toml", "preset = \"vim\"\n"))).keymap;
    let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(keymap.press(g, Context::List), None);
    s.keys.pending = keymap.pending_help();
    let screen = text(&draw(&s));
    assert!(screen.contains("g …"), "{screen}");
    assert!(screen.contains("g  select the first chat"), "{screen}");
}
