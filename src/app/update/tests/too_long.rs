//! A reply longer than the server stores is kept in the box with a notice, never sent to be
//! refused; the limit is the one the server's `welcome` named.

use super::*;

/// `ready()` from a server that stores at most `max` characters a message.
fn limited(max: u32) -> State {
    let mut s = ready();
    update(
        &mut s,
        frame(OperatorOut::Welcome {
            operator: me(),
            head_seq: 10,
            resumed: true,
            max_message_chars: Some(max),
            mail_answers: false,
            form_labels: Default::default(),
            close_after_left_secs: None,
        }),
    );
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    s
}

#[test]
fn a_reply_over_the_limit_stays_in_the_box_and_one_at_it_goes() {
    let mut s = limited(10);
    type_text(&mut s, "Ёлки-палки!");
    assert_eq!(
        act(&mut s, Action::SendMessage),
        [],
        "eleven characters: not sent"
    );
    assert_eq!(s.compose.lines(), ["Ёлки-палки!"]);
    assert_eq!(
        s.notice.as_deref(),
        Some(
            "not sent: 11 characters, the server takes at most 10; shorten it or send it in parts"
        )
    );
    assert!(s.chats[&2].messages.is_empty(), "nothing shown as sent");
    act(
        &mut s,
        Action::ComposeInput(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Backspace,
            ..Default::default()
        }),
    );
    let sent = act(&mut s, Action::SendMessage);
    assert!(
        matches!(&sent[..], [Effect::Send(OperatorIn::Message { text, .. }), ..] if text == "Ёлки-палки"),
        "ten characters go: {sent:?}"
    );
}

#[test]
fn a_note_over_the_limit_stays_too() {
    let mut s = limited(10);
    type_text(&mut s, ":note это заметка длиннее десяти");
    assert_eq!(act(&mut s, Action::SendMessage), []);
    assert_eq!(s.compose.lines(), [":note это заметка длиннее десяти"]);
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("at most 10"))
    );
}

#[test]
fn without_a_limit_from_the_server_the_server_decides() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, &"ж".repeat(50));
    assert!(!act(&mut s, Action::SendMessage).is_empty());
}
