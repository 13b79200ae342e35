//! One focus, and it decides where text goes: picking a pane hands it the keys, text typed in
//! the list is kept, a hotkey never answers a chat other than the one shown focused, and a
//! chat that cannot be answered keeps the text instead of showing a failed message.

use frontdesk_protocol::{ChatStatus, OperatorIn, OperatorOut};

use super::panes::two_panes;
use super::*;
use crate::canned::library::parse_files;

fn sent_to(effects: &[Effect]) -> Vec<(i64, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::Message { chat_id, text, .. }) => {
                Some((*chat_id, text.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn focusing_a_pane_gives_it_the_keys_and_the_list_follows() {
    let mut s = two_panes();
    s.focus = Focus::List;
    act(&mut s, Action::FocusPane(1));
    assert_eq!((s.pane, s.focus, s.selected), (0, Focus::Compose, Some(2)));
    // An empty pane leaves the keys in the list, where Enter opens into it.
    act(&mut s, Action::SplitVertical);
    assert_eq!((s.open_id(), s.focus), (None, Focus::List));
    act(&mut s, Action::FocusPrevPane);
    assert_eq!((s.pane, s.focus, s.selected), (1, Focus::Compose, Some(1)));
}

#[test]
fn text_typed_in_the_list_lands_in_the_focused_panes_box() {
    let mut s = two_panes();
    act(&mut s, Action::FocusPane(1));
    s.focus = Focus::List;
    type_text(&mut s, "Да");
    assert_eq!(s.focus, Focus::Compose);
    assert_eq!(s.compose.lines().join("\n"), "Да");
    let fx = act(&mut s, Action::SendMessage);
    assert_eq!(sent_to(&fx), [(2, "Да".to_owned())]);
    // A paste in the list too.
    s.focus = Focus::List;
    act(&mut s, Action::Paste("адрес".into()));
    assert_eq!(
        (s.focus, s.compose.lines().join("")),
        (Focus::Compose, "адрес".into())
    );
}

#[test]
fn text_typed_with_no_chat_open_comes_along_into_the_next_chat() {
    let mut s = ready();
    type_text(&mut s, "Здравствуйте");
    assert_eq!(s.open_id(), None);
    let fx = act(&mut s, Action::SendMessage);
    assert!(sent_to(&fx).is_empty());
    assert!(s.notice.is_some(), "says why nothing was sent");
    assert_eq!(s.compose.lines().join(""), "Здравствуйте", "kept");
    s.focus = Focus::List;
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    assert_eq!(
        s.compose.lines().join(""),
        "Здравствуйте",
        "still there, unsent"
    );
}

#[test]
fn a_hotkey_with_another_chat_selected_in_the_list_answers_nobody() {
    let mut s = two_panes();
    s.canned.library = parse_files(&[(
        "bye.md".into(),
        "+++\nid = \"bye\"\ntitle = \"bye\"\nlang = \"en\"\nsend = true\n+++\nBye!\n".into(),
    )])
    .library;
    act(&mut s, Action::FocusPane(1));
    // The operator goes back to the list and moves to chat 1 (shown in pane 2).
    s.focus = Focus::List;
    s.selected = Some(1);
    let fx = act(&mut s, Action::Canned("bye".into()));
    assert!(sent_to(&fx).is_empty(), "{fx:?}");
    let notice = s.notice.clone().unwrap_or_default();
    assert!(notice.contains("Ольга"), "{notice}");
    // With the list's selection on the chat in the focused pane, it fires there.
    s.selected = Some(2);
    let fx = act(&mut s, Action::Canned("bye".into()));
    assert_eq!(sent_to(&fx), [(2, "Bye!".to_owned())]);
}

#[test]
fn another_operators_or_a_closed_chat_keeps_the_text_and_shows_no_failed_line() {
    let mut s = ready();
    update(
        &mut s,
        frame(OperatorOut::snapshot(
            11,
            vec![
                chat(5, ChatStatus::Active, Some(ME + 1), 100),
                chat(6, ChatStatus::Closed, Some(ME), 50),
            ],
            vec![me()],
        )),
    );
    for id in [5, 6] {
        s.selected = Some(id);
        act(&mut s, Action::OpenSelected);
        type_text(&mut s, "hello");
        let before = s.chats[&id].messages.len();
        let fx = act(&mut s, Action::SendMessage);
        assert!(sent_to(&fx).is_empty(), "chat {id}: {fx:?}");
        assert_eq!(s.chats[&id].messages.len(), before, "no line added");
        assert!(!s.chats[&id].preview().contains("hello"), "not the preview");
        assert_eq!(s.compose.lines().join(""), "hello", "text kept");
        assert!(s.notice.is_some());
        s.compose = ratatui_textarea::TextArea::default();
    }
}
