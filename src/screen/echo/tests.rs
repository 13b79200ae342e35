//! A typed letter echoed before `update`: where the box then draws it, nothing else touched,
//! and never where the cursor is not.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui_textarea::{Input, Key};

use crate::app::{Action, Event, State, update};
use crate::screen::Screen;
use crate::screen::tests::{H, W, first_frame, press, rows, shown, type_text, visible};
use crate::ui::screen_test::{draw, text};

fn typing(key: Key, ctrl: bool) -> Vec<Event> {
    vec![Event::Action(Action::ComposeInput(Input {
        key,
        ctrl,
        ..Default::default()
    }))]
}

/// Whether the loop's echo writes `key` typed alone (no Ctrl).
fn echoes(screen: &mut Screen, terminal: &mut Terminal<TestBackend>, s: &State, key: Key) -> bool {
    screen.echo(terminal, s, &typing(key, false)).unwrap()
}

/// The cells `after` shows differently from `before`.
fn changed(before: &Buffer, after: &Buffer) -> Vec<(u16, u16)> {
    (0..H)
        .flat_map(|y| (0..W).map(move |x| (x, y)))
        .filter(|&xy| before[xy] != after[xy])
        .collect()
}

/// Echoes `letter` as the loop does, applies it, draws the box alone; returns the echo's
/// screen, and checks the box then shows what a whole frame would.
fn echo_then_draw(
    s: &mut State,
    terminal: &mut Terminal<TestBackend>,
    screen: &mut Screen,
    letter: char,
) -> Buffer {
    key_echoed_then_drawn(s, terminal, screen, Key::Char(letter))
}

/// [`echo_then_draw`] for any key the echo writes.
fn key_echoed_then_drawn(
    s: &mut State,
    terminal: &mut Terminal<TestBackend>,
    screen: &mut Screen,
    key: Key,
) -> Buffer {
    let events = typing(key, false);
    assert!(screen.echo(terminal, s, &events).unwrap(), "{key:?} echoed");
    let echoed = shown(terminal);
    for event in events {
        update(s, event);
    }
    assert!(screen.draw_reply_box(terminal, s).unwrap());
    assert_eq!(visible(&shown(terminal)), visible(&draw(s)));
    echoed
}

#[test]
fn a_letter_typed_at_the_end_is_written_where_the_box_then_draws_it_and_nothing_else() {
    let (mut s, mut terminal, mut screen) = first_frame();
    assert!(
        text(&shown(&terminal)).contains("Type a reply"),
        "the empty box shows its placeholder"
    );
    // Latin, Cyrillic, CJK and an emoji: one column and two.
    for letter in ['z', 'Ж', '对', '🙂', 'q'] {
        let before = shown(&terminal);
        let echoed = echo_then_draw(&mut s, &mut terminal, &mut screen, letter);
        let cells = changed(&before, &echoed);
        assert!(
            (2..=3).contains(&cells.len()),
            "{letter}: the letter and the cursor after it, not {cells:?}"
        );
        let &(x, y) = cells.first().unwrap();
        assert_eq!(echoed[(x, y)].symbol(), letter.to_string());
        // Where the box draws the letter, in the style it draws it in.
        let whole = draw(&s);
        assert_eq!(whole[(x, y)], echoed[(x, y)], "{letter} at {x},{y}");
    }
    let area = s.areas().compose;
    assert!(rows(&shown(&terminal), area).concat().contains("zЖ对🙂q"));
}

#[test]
fn backspace_at_the_end_takes_the_letter_back_where_the_box_then_draws_it() {
    let (mut s, mut terminal, mut screen) = first_frame();
    type_text(&mut s, "zЖ对🙂q");
    screen.draw(&mut terminal, &s).unwrap();
    let area = s.areas().compose;
    // Each letter in turn, two columns wide and one; the last leaves the box empty, and the
    // box then draws its placeholder.
    for gone in ['q', '🙂', '对', 'Ж', 'z'] {
        let before = shown(&terminal);
        let echoed = key_echoed_then_drawn(&mut s, &mut terminal, &mut screen, Key::Backspace);
        let cells = changed(&before, &echoed);
        assert!(
            (2..=3).contains(&cells.len()),
            "{gone}: the cursor over it and the cell it left, not {cells:?}"
        );
        let echoed_row = rows(&echoed, area).concat();
        assert!(
            !echoed_row.contains(gone),
            "{gone} still shown: {echoed_row}"
        );
        // The cursor where the box then draws it (over its placeholder's first letter, in
        // the placeholder's colour, once the box is empty: that the box's draw puts right).
        let &(x, y) = cells.first().unwrap();
        let whole = draw(&s);
        assert_eq!(
            echoed[(x, y)].modifier,
            whole[(x, y)].modifier,
            "{gone} at {x},{y}"
        );
        if gone != 'z' {
            assert_eq!(echoed[(x, y)], whole[(x, y)], "{gone}: cursor at {x},{y}");
        }
    }
    assert!(text(&shown(&terminal)).contains("Type a reply"));
}

#[test]
fn backspace_is_left_to_the_box_unless_it_takes_back_the_last_letter_shown() {
    let (mut s, mut terminal, mut screen) = first_frame();
    // Nothing to take back.
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Backspace));
    type_text(&mut s, "abc");
    screen.draw(&mut terminal, &s).unwrap();
    // Ctrl-Backspace takes a word: the box draws that.
    assert!(
        !screen
            .echo(&mut terminal, &s, &typing(Key::Backspace, true))
            .unwrap()
    );
    // Inside the line the rest moves back: the box draws that.
    press(&mut s, Key::Left);
    screen.draw(&mut terminal, &s).unwrap();
    let moved = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Backspace));
    assert_eq!(shown(&terminal), moved);
    press(&mut s, Key::End);
    screen.draw(&mut terminal, &s).unwrap();
    // The draft changed since the box was drawn ("abc" became "abx", the cursor where it
    // was): the letter before the cursor is not the one shown, so nothing is erased.
    press(&mut s, Key::Backspace);
    type_text(&mut s, "x");
    let stale = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Backspace));
    assert_eq!(shown(&terminal), stale);
}

#[test]
fn the_whole_frame_after_an_echo_leaves_no_letter_the_draft_lost() {
    let (mut s, mut terminal, mut screen) = first_frame();
    type_text(&mut s, "ok");
    screen.draw(&mut terminal, &s).unwrap();
    // Echoed, then taken back before any box was drawn: ratatui's last frame has no letter
    // there, the terminal has.
    assert!(echoes(&mut screen, &mut terminal, &s, Key::Char('x')));
    assert!(text(&shown(&terminal)).contains("okx"));
    screen.draw(&mut terminal, &s).unwrap();
    assert_eq!(visible(&shown(&terminal)), visible(&draw(&s)));
    assert!(!text(&shown(&terminal)).contains("okx"));
}

#[test]
fn nothing_is_echoed_that_the_box_would_not_draw_at_the_cursor() {
    let (mut s, mut terminal, mut screen) = first_frame();
    type_text(&mut s, "abc");
    screen.draw(&mut terminal, &s).unwrap();

    // Ctrl with a letter is an editing command; Enter and Tab are not letters; a control
    // character is never written.
    assert!(
        !screen
            .echo(&mut terminal, &s, &typing(Key::Char('a'), true))
            .unwrap()
    );
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Enter));
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('\u{7}')));
    // A combining mark takes no column of its own.
    assert!(!echoes(
        &mut screen,
        &mut terminal,
        &s,
        Key::Char('\u{301}')
    ));
    // Two events in one press (a question answered no, then the letter).
    let two = [typing(Key::Char('a'), false), typing(Key::Char('b'), false)].concat();
    assert!(!screen.echo(&mut terminal, &s, &two).unwrap());

    // Inside the line the letter pushes the rest along: the box draws that.
    press(&mut s, Key::Left);
    screen.draw(&mut terminal, &s).unwrap();
    let moved = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('z')));
    assert_eq!(shown(&terminal), moved);
    press(&mut s, Key::End);

    // The queue drawn over the whole screen: the cursor is not where the letter would go.
    update(&mut s, Event::Action(Action::ToggleQueue));
    screen.draw(&mut terminal, &s).unwrap();
    let covered = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('z')));
    assert_eq!(shown(&terminal), covered);
    update(&mut s, Event::Action(Action::ToggleQueue));
    screen.draw(&mut terminal, &s).unwrap();
    let before = shown(&terminal);

    // Nothing drawn yet, or forgotten after a resize.
    screen.forget();
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('z')));
    assert_eq!(shown(&terminal), before);
}

#[test]
fn a_line_near_the_edge_is_left_to_the_box_which_wraps_it() {
    let (mut s, mut terminal, mut screen) = first_frame();
    let room = usize::from(crate::ui::reply_box_text_area(s.areas().compose).width);
    type_text(&mut s, &"a".repeat(room - 3));
    screen.draw(&mut terminal, &s).unwrap();
    // The letter, the cursor after it and a column to spare still fit.
    echo_then_draw(&mut s, &mut terminal, &mut screen, 'b');
    let before = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('c')));
    assert_eq!(shown(&terminal), before);
}

#[test]
fn keys_typed_while_the_list_has_them_are_left_to_the_frame_that_moves_the_focus() {
    let (mut s, mut terminal, mut screen) = first_frame();
    update(&mut s, Event::Action(Action::FocusList));
    screen.draw(&mut terminal, &s).unwrap();
    let before = shown(&terminal);
    assert!(!echoes(&mut screen, &mut terminal, &s, Key::Char('z')));
    assert_eq!(shown(&terminal), before);
}

#[test]
fn bidi_and_zero_width_characters_are_never_echoed_raw() {
    let (s, mut terminal, mut screen) = first_frame();
    for c in ['\u{202E}', '\u{200B}', '\u{2066}', '\u{FEFF}', '\u{1b}'] {
        assert!(
            !echoes(&mut screen, &mut terminal, &s, Key::Char(c)),
            "U+{:04X} echoed",
            u32::from(c)
        );
    }
}
