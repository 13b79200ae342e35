//! What the terminal's bytes become: the keys, mouse, paste and focus reports the console
//! binds, as crossterm events (the pty tests drive the same reader through a real terminal).

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use std::collections::VecDeque;

use super::alt_prefix::Parser;

fn events(bytes: &[u8], more: bool) -> Vec<TermEvent> {
    let mut out = VecDeque::new();
    Parser::default().parse(bytes, more, &mut out);
    out.into()
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> TermEvent {
    TermEvent::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn letters_of_any_script_and_the_editing_keys() {
    assert_eq!(
        events("zЖ語".as_bytes(), false),
        vec![
            key(KeyCode::Char('z'), KeyModifiers::NONE),
            // Capitals carry Shift, as in crossterm, whatever the script.
            key(KeyCode::Char('Ж'), KeyModifiers::SHIFT),
            key(KeyCode::Char('語'), KeyModifiers::NONE),
        ]
    );
    assert_eq!(
        events(b"Z", false),
        vec![key(KeyCode::Char('Z'), KeyModifiers::SHIFT)]
    );
    assert_eq!(
        events(b"\x7f\r\t\x1b[Z\x1b[A\x1b[3~\x1b[6~\x1bOP\x1b[15~", false),
        vec![
            key(KeyCode::Backspace, KeyModifiers::NONE),
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Tab, KeyModifiers::NONE),
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
            key(KeyCode::Up, KeyModifiers::NONE),
            key(KeyCode::Delete, KeyModifiers::NONE),
            key(KeyCode::PageDown, KeyModifiers::NONE),
            key(KeyCode::F(1), KeyModifiers::NONE),
            key(KeyCode::F(5), KeyModifiers::NONE),
        ]
    );
}

#[test]
fn control_alt_and_modified_arrows() {
    assert_eq!(
        events(b"\x01\x1b\r\x1bq\x1b[1;5C\x1b[1;3B", false),
        vec![
            key(KeyCode::Char('a'), KeyModifiers::CONTROL),
            key(KeyCode::Enter, KeyModifiers::ALT),
            key(KeyCode::Char('q'), KeyModifiers::ALT),
            key(KeyCode::Right, KeyModifiers::CONTROL),
            key(KeyCode::Down, KeyModifiers::ALT),
        ]
    );
}

#[test]
fn a_lone_esc_is_the_key_unless_more_bytes_wait() {
    assert_eq!(
        events(b"\x1b", false),
        vec![key(KeyCode::Esc, KeyModifiers::NONE)]
    );
    assert_eq!(events(b"\x1b", true), vec![], "may start a sequence");
    // The rest of the sequence in the next read completes it.
    let mut parser = Parser::default();
    let mut got = VecDeque::new();
    parser.parse(b"\x1b[", true, &mut got);
    parser.parse(b"A", false, &mut got);
    assert_eq!(got, [key(KeyCode::Up, KeyModifiers::NONE)]);
}

#[test]
fn paste_mouse_and_focus() {
    assert_eq!(
        events("\x1b[200~строка\nвторая\x1b[201~".as_bytes(), false),
        vec![TermEvent::Paste("строка\nвторая".to_owned())]
    );
    assert_eq!(
        events(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;1;1M", false),
        vec![
            TermEvent::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 9,
                row: 4,
                modifiers: KeyModifiers::NONE,
            }),
            TermEvent::Mouse(MouseEvent {
                kind: MouseEventKind::Up(MouseButton::Left),
                column: 9,
                row: 4,
                modifiers: KeyModifiers::NONE,
            }),
            TermEvent::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            }),
        ]
    );
    assert_eq!(
        events(b"\x1b[I\x1b[O", false),
        vec![TermEvent::FocusGained, TermEvent::FocusLost]
    );
}

#[test]
fn replies_to_queries_the_console_never_makes_are_dropped() {
    // A device-attributes reply, then a key: only the key comes through.
    assert_eq!(
        events(b"\x1b[?62;22cx", false),
        vec![key(KeyCode::Char('x'), KeyModifiers::NONE)]
    );
}

#[test]
fn an_esc_before_a_key_sequence_in_one_read_is_alt_not_text() {
    // Esc pressed just before F5 or Up, both in one read (a busy console, a slow link), and
    // macOS terminals' Option+arrow: never '[', '1', '5', '~' typed into the reply box.
    assert_eq!(
        events(b"\x1b\x1b[15~", false),
        vec![key(KeyCode::F(5), KeyModifiers::ALT)]
    );
    assert_eq!(
        events(b"x\x1b\x1b[Ay\x1b\x1bOP", false),
        vec![
            key(KeyCode::Char('x'), KeyModifiers::NONE),
            key(KeyCode::Up, KeyModifiers::ALT),
            key(KeyCode::Char('y'), KeyModifiers::NONE),
            key(KeyCode::F(1), KeyModifiers::ALT),
        ]
    );
}

#[test]
fn an_esc_prefix_split_from_its_key_by_a_read_still_gives_alt() {
    let mut parser = Parser::default();
    let mut got = VecDeque::new();
    parser.parse(b"\x1b\x1b[", true, &mut got);
    parser.parse(b"B", false, &mut got);
    assert_eq!(got, [key(KeyCode::Down, KeyModifiers::ALT)]);
}

#[test]
fn escapes_pastes_and_letters_around_an_esc_prefix_stay_what_they_were() {
    assert_eq!(
        events(b"\x1b\x1b", false),
        vec![key(KeyCode::Esc, KeyModifiers::NONE)],
        "Esc twice, nothing after: one Esc, as before"
    );
    assert_eq!(
        events(b"\x1b\x1b\x1b[A", false),
        vec![
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::Up, KeyModifiers::NONE),
        ],
        "the parser's Esc pair comes first; the arrow after it is plain"
    );
    assert_eq!(
        events(b"\x1b[1;5C\x1b\x1b[Cq", false),
        vec![
            key(KeyCode::Right, KeyModifiers::CONTROL),
            key(KeyCode::Right, KeyModifiers::ALT),
            key(KeyCode::Char('q'), KeyModifiers::NONE),
        ]
    );
    assert_eq!(
        events("\x1b[200~a\x1b\x1b[Ab\x1b[201~z".as_bytes(), false),
        vec![
            TermEvent::Paste("a\x1b\x1b[Ab".to_owned()),
            key(KeyCode::Char('z'), KeyModifiers::NONE),
        ],
        "a paste is the paste's bytes, escapes and all"
    );
    assert_eq!(
        events("\x1bж".as_bytes(), false),
        vec![key(KeyCode::Char('ж'), KeyModifiers::ALT)]
    );
}
