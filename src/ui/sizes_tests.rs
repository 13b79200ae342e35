//! Every view drawn, as the console draws it, at the small sizes a terminal can be dragged to:
//! nothing may panic, whatever is open. (At 20x6 the console died copying the reply box's
//! zero-width area, and with the card open on a returning visitor at six rows or fewer.)

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::action::Action;
use crate::app::{Event, State, update};
use crate::i18n::{EN, RU};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::snapshot_tests::{show_card, state};
use crate::screen::Screen;

/// What is open on the screen, by the actions that open it.
const VIEWS: &[(&str, &[Action])] = &[
    ("dialog", &[]),
    ("help", &[Action::ToggleHelp]),
    ("help, last page", &[Action::ToggleHelp, Action::HelpBottom]),
    ("queue", &[Action::ToggleQueue]),
    ("site", &[Action::ToggleSite]),
    ("statistics", &[Action::ToggleStats]),
    ("bans", &[Action::ListBans]),
    ("colleagues", &[Action::PickColleague]),
    ("two panes", &[Action::SplitVertical]),
    ("close?", &[Action::CloseChat]),
    ("quit?", &[Action::Quit]),
];

/// Around the places where the layout changes its mind (the list's 24 columns, the card's
/// strip, the panes' minimum), and the smallest.
const WIDTHS: [u16; 16] = [0, 1, 2, 3, 5, 8, 13, 20, 23, 24, 25, 30, 40, 47, 64, 80];
const HEIGHTS: [u16; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14];

#[test]
fn no_view_panics_at_any_small_size() {
    let mut failed = Vec::new();
    for strings in [&EN, &RU] {
        for (name, actions) in VIEWS {
            for card in [false, true] {
                let mut s = state(strings, 80, 24, &[7]);
                if card {
                    show_card(&mut s);
                }
                for action in *actions {
                    update(&mut s, Event::Action(action.clone()));
                }
                for width in WIDTHS {
                    for height in HEIGHTS {
                        if !draws(&mut s, width, height) {
                            failed.push(format!(
                                "{} {name} card={card} {width}x{height}",
                                strings.lang
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(failed.is_empty(), "{} failed: {failed:#?}", failed.len());
}

/// Resizes to `width`x`height` and draws as the console does (a whole frame, then the reply
/// box alone as for a typed key); false when either panicked.
fn draws(s: &mut State, width: u16, height: u16) -> bool {
    update(s, Event::Resize { width, height });
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let mut screen = Screen::default();
        screen.draw(&mut terminal, s).expect("frame");
        screen.draw_reply_box(&mut terminal, s).expect("reply box");
    }))
    .is_ok();
    std::panic::set_hook(quiet);
    drawn
}
