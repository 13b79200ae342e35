//! The help overlay's actions: open and close, scrolling by line, page and to the ends within
//! what does not fit, the wheel, and the keys while it is open.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::help::View;
use crate::keymap::{Context, Keymap};

/// 80x24 with the built-in bindings and the help open.
fn open_help(width: u16, height: u16) -> State {
    let mut s = ready();
    update(&mut s, Event::Resize { width, height });
    s.keys = Keymap::builtin().help();
    act(&mut s, Action::ToggleHelp);
    assert!(s.screen.help);
    s
}

#[test]
fn scrolls_by_line_and_page_and_stops_at_both_ends() {
    let mut s = open_help(80, 24);
    let view = View::of(&s);
    assert_eq!((view.columns, view.page()), (1, 22), "{view:?}");
    let max = view.max_scroll();
    assert!(
        max > view.page(),
        "the built-in keymap needs three pages at 80x24: {view:?}"
    );
    assert_eq!(s.screen.help_scroll, 0);
    act(&mut s, Action::HelpUp);
    assert_eq!(s.screen.help_scroll, 0);
    act(&mut s, Action::HelpDown);
    act(&mut s, Action::HelpDown);
    assert_eq!(s.screen.help_scroll, 2);
    act(&mut s, Action::HelpUp);
    assert_eq!(s.screen.help_scroll, 1);
    act(&mut s, Action::HelpPageDown);
    assert_eq!(s.screen.help_scroll, 23);
    act(&mut s, Action::HelpPageUp);
    assert_eq!(s.screen.help_scroll, 1);
    act(&mut s, Action::HelpPageUp);
    assert_eq!(s.screen.help_scroll, 0);
    act(&mut s, Action::HelpBottom);
    assert_eq!(s.screen.help_scroll, max);
    act(&mut s, Action::HelpDown);
    act(&mut s, Action::HelpPageDown);
    assert_eq!(s.screen.help_scroll, max);
    assert_eq!(view.page_of(max), (view.page_of(0).1, view.page_of(0).1));
    act(&mut s, Action::HelpTop);
    assert_eq!(s.screen.help_scroll, 0);
}

#[test]
fn closing_and_reopening_starts_at_the_top() {
    let mut s = open_help(80, 24);
    act(&mut s, Action::HelpPageDown);
    assert!(s.screen.help_scroll > 0);
    act(&mut s, Action::CloseHelp);
    assert!(!s.screen.help);
    assert_eq!(s.screen.help_scroll, 0);
    act(&mut s, Action::ToggleHelp);
    act(&mut s, Action::HelpBottom);
    act(&mut s, Action::ToggleHelp);
    assert!(!s.screen.help);
    act(&mut s, Action::ToggleHelp);
    assert_eq!(s.screen.help_scroll, 0);
}

#[test]
fn scroll_keys_do_nothing_while_the_help_is_closed() {
    let mut s = open_help(80, 24);
    act(&mut s, Action::CloseHelp);
    act(&mut s, Action::HelpPageDown);
    act(&mut s, Action::HelpBottom);
    assert_eq!((s.screen.help, s.screen.help_scroll), (false, 0));
}

#[test]
fn when_everything_fits_nothing_scrolls_and_a_resize_brings_the_position_back() {
    let mut s = open_help(80, 24);
    act(&mut s, Action::HelpBottom);
    update(
        &mut s,
        Event::Resize {
            width: 160,
            height: 64,
        },
    );
    let view = View::of(&s);
    assert_eq!((view.columns, view.max_scroll()), (2, 0), "{view:?}");
    act(&mut s, Action::HelpUp);
    assert_eq!(s.screen.help_scroll, 0);
    act(&mut s, Action::HelpPageDown);
    assert_eq!(s.screen.help_scroll, 0);
}

#[test]
fn the_wheel_scrolls_the_open_help_not_the_pane() {
    let mut s = open_help(80, 24);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let pane_scroll = s.panes[s.pane].scroll;
    act(
        &mut s,
        Action::WheelAt {
            column: 40,
            row: 10,
            lines: -3,
        },
    );
    assert_eq!(s.screen.help_scroll, 3);
    act(
        &mut s,
        Action::WheelAt {
            column: 40,
            row: 10,
            lines: 1,
        },
    );
    assert_eq!(s.screen.help_scroll, 2);
    assert_eq!(s.panes[s.pane].scroll, pane_scroll);
}

#[test]
fn keys_while_the_help_is_open() {
    let mut k = Keymap::builtin();
    let press =
        |k: &mut Keymap, code, modifiers| k.press(KeyEvent::new(code, modifiers), Context::Help);
    let none = KeyModifiers::NONE;
    assert_eq!(
        press(&mut k, KeyCode::Char('j'), none),
        Some(Action::HelpDown)
    );
    assert_eq!(press(&mut k, KeyCode::Up, none), Some(Action::HelpUp));
    assert_eq!(
        press(&mut k, KeyCode::PageDown, none),
        Some(Action::HelpPageDown)
    );
    assert_eq!(press(&mut k, KeyCode::Home, none), Some(Action::HelpTop));
    assert_eq!(press(&mut k, KeyCode::End, none), Some(Action::HelpBottom));
    assert_eq!(press(&mut k, KeyCode::Esc, none), Some(Action::CloseHelp));
    assert_eq!(
        press(&mut k, KeyCode::Char('?'), none),
        Some(Action::CloseHelp)
    );
    // Global keys still work; other keys do nothing (they are not typed into the reply).
    assert_eq!(press(&mut k, KeyCode::F(1), none), Some(Action::ToggleHelp));
    let ctrl = KeyModifiers::CONTROL;
    assert_eq!(press(&mut k, KeyCode::Char('q'), ctrl), Some(Action::Quit));
    assert_eq!(press(&mut k, KeyCode::Char('x'), none), None);
}
