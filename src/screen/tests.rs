//! The reply box drawn alone for a typed key shows what a whole frame would show there, touches
//! nothing else, and the whole frame after it leaves no typed letter behind.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui_textarea::{Input, Key};
use unicode_width::UnicodeWidthStr;

use super::Screen;
use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, replying, text};

pub(super) const W: u16 = 100;
pub(super) const H: u16 = 30;

pub(super) fn press(s: &mut State, key: Key) {
    update(
        s,
        Event::Action(Action::ComposeInput(Input {
            key,
            ..Default::default()
        })),
    );
}

pub(super) fn type_text(s: &mut State, typed: &str) {
    for c in typed.chars() {
        press(s, Key::Char(c));
    }
}

/// The rows of `area` as a terminal shows them: a wide character covers the cell after it
/// (ratatui's diff does not write the covered cell, so `TestBackend` keeps what was there).
pub(super) fn rows(buf: &Buffer, area: Rect) -> Vec<String> {
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            let mut x = area.left();
            while x < area.right() {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
            }
            row
        })
        .collect()
}

/// Every visible cell's symbol and style, as a terminal shows them.
pub(super) fn visible(buf: &Buffer) -> Vec<(u16, u16, String, Style)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            out.push((x, y, cell.symbol().to_owned(), cell.style()));
            x += u16::try_from(cell.symbol().width().max(1)).unwrap_or(1);
        }
    }
    out
}

/// A console replying in a chat, its first whole frame drawn.
pub(super) fn first_frame() -> (State, Terminal<TestBackend>, Screen) {
    let s = replying(W, H);
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut screen = Screen::default();
    screen.draw(&mut terminal, &s).unwrap();
    (s, terminal, screen)
}

pub(super) fn shown(terminal: &Terminal<TestBackend>) -> Buffer {
    terminal.backend().buffer().clone()
}

#[test]
fn a_typed_key_draws_the_reply_box_alone_as_a_whole_frame_would() {
    let (mut s, mut terminal, mut screen) = first_frame();
    let before = shown(&terminal);

    // Cyrillic, CJK and an emoji: cells of one and two columns.
    type_text(&mut s, "Ждём 对 🙂");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    let after = shown(&terminal);
    let whole = draw(&s);
    let reply_box = s.areas().compose;
    assert_eq!(rows(&after, reply_box), rows(&whole, reply_box));
    assert!(
        rows(&after, reply_box).concat().contains("Ждём"),
        "{}",
        text(&after)
    );
    let styles = |buf: &Buffer| -> Vec<(u16, u16, String, Style)> {
        visible(buf)
            .into_iter()
            .filter(|&(x, y, ..)| reply_box.contains((x, y).into()))
            .collect()
    };
    assert_eq!(styles(&after), styles(&whole));
    // Nothing outside the box was written.
    for y in 0..H {
        for x in 0..W {
            if !reply_box.contains((x, y).into()) {
                assert_eq!(after[(x, y)], before[(x, y)], "cell {x},{y} changed");
            }
        }
    }
}

#[test]
fn the_whole_frame_after_keys_drawn_alone_leaves_no_typed_letter_behind() {
    let (mut s, mut terminal, mut screen) = first_frame();

    // Typed and drawn alone, then deleted again without drawing: the whole frame that
    // follows has the same box as the last whole frame (so ratatui sees no change there), but
    // the terminal still shows the letters.
    type_text(&mut s, "zq");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    assert!(text(&shown(&terminal)).contains("zq"));
    press(&mut s, Key::Backspace);
    press(&mut s, Key::Backspace);
    screen.draw(&mut terminal, &s).unwrap();
    assert_eq!(visible(&shown(&terminal)), visible(&draw(&s)));

    // The same across several keys drawn alone, and a box that grew in between.
    type_text(&mut s, "один");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    press(&mut s, Key::Backspace);
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    press(&mut s, Key::Enter);
    type_text(&mut s, "два");
    assert!(
        !screen.draw_reply_box(&mut terminal, &s).unwrap(),
        "a second line grows the box: the panes above move, so the whole frame is drawn"
    );
    screen.draw(&mut terminal, &s).unwrap();
    assert_eq!(visible(&shown(&terminal)), visible(&draw(&s)));
}

#[test]
fn the_box_is_not_drawn_alone_before_a_whole_frame_or_under_something_drawn_over_it() {
    let mut s = replying(W, H);
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    let mut screen = Screen::default();
    type_text(&mut s, "a");
    assert!(!screen.draw_reply_box(&mut terminal, &s).unwrap());
    screen.draw(&mut terminal, &s).unwrap();
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());

    update(&mut s, Event::Action(Action::ToggleHelp));
    assert!(s.screen.help);
    assert!(!screen.draw_reply_box(&mut terminal, &s).unwrap());
    update(&mut s, Event::Action(Action::ToggleHelp));
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());

    // After a resize (or the editor) nothing drawn before is trusted.
    screen.forget();
    assert!(!screen.draw_reply_box(&mut terminal, &s).unwrap());
}

#[test]
fn a_typed_letter_is_drawn_before_its_check_and_the_marks_follow_in_a_second_draw() {
    use ratatui::style::Modifier;
    let (mut s, mut terminal, mut screen) = first_frame();
    let underlined = |buf: &Buffer, word: &str| {
        let cells = crate::ui::screen_test::cells(buf, word);
        !cells.is_empty()
            && cells
                .iter()
                .all(|c| c.modifier.contains(Modifier::UNDERLINED))
    };

    // Slang, which the rules mark without dictionaries; as the loop applies the letters.
    type_text(&mut s, "щас");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    assert!(text(&shown(&terminal)).contains("щас"));
    assert!(!underlined(&shown(&terminal), "щас"), "not checked yet");
    update(&mut s, Event::CheckDraft);
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    assert!(underlined(&shown(&terminal), "щас"));

    // A blank after it keeps the word's mark on screen before the check (nothing blinks);
    // a letter that makes it another word takes the mark off until the check.
    type_text(&mut s, " ");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    assert!(underlined(&shown(&terminal), "щас"));
    update(&mut s, Event::CheckDraft);
    press(&mut s, Key::Backspace);
    type_text(&mut s, "тье");
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());
    assert!(!underlined(&shown(&terminal), "щасть"));
    update(&mut s, Event::CheckDraft);
    assert!(screen.draw_reply_box(&mut terminal, &s).unwrap());

    // Checked, the box is what a whole frame draws.
    let reply_box = s.areas().compose;
    let in_box = |buf: &Buffer| -> Vec<(u16, u16, String, Style)> {
        visible(buf)
            .into_iter()
            .filter(|&(x, y, ..)| reply_box.contains((x, y).into()))
            .collect()
    };
    assert_eq!(in_box(&shown(&terminal)), in_box(&draw(&s)));
}
