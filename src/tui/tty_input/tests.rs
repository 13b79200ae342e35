//! What the terminal's bytes become: the keys, mouse, paste and focus reports the console
//! binds, as crossterm events (the pty tests drive the same reader through a real terminal).

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::crossterm_event;

fn events(bytes: &[u8], more: bool) -> Vec<TermEvent> {
    let mut parser = termina::Parser::default();
    parser.parse(bytes, more);
    std::iter::from_fn(|| parser.pop())
        .filter_map(crossterm_event)
        .collect()
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
    let mut parser = termina::Parser::default();
    parser.parse(b"\x1b[", true);
    parser.parse(b"A", false);
    let got: Vec<_> = std::iter::from_fn(|| parser.pop())
        .filter_map(crossterm_event)
        .collect();
    assert_eq!(got, vec![key(KeyCode::Up, KeyModifiers::NONE)]);
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
