//! The draft's round trip through the external editor: what goes out, where the text comes
//! back to, and what a failure leaves.

use frontdesk_protocol::OperatorIn;

use super::{act, ready, type_text};
use crate::app::{Action, EditorFailure, Effect, Event, State, update};

/// Chat 2 (mine) open in the focused pane with `draft` typed.
fn mine_open_with(draft: &str) -> State {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    type_text(&mut s, draft);
    s
}

fn done(s: &mut State, chat_id: i64, result: Result<&str, EditorFailure>) -> Vec<Effect> {
    let result = result.map(str::to_owned);
    update(s, Event::EditorDone { chat_id, result })
}

fn compose_text(s: &State) -> String {
    s.compose.lines().join("\n")
}

#[test]
fn the_editor_gets_the_focused_chats_draft_and_nothing_else() {
    let mut s = mine_open_with("Первая строка");
    act(&mut s, Action::ComposeNewline);
    type_text(&mut s, "вторая");
    let effects = act(&mut s, Action::OpenEditor);
    assert_eq!(
        effects,
        [Effect::OpenEditor {
            chat_id: 2,
            text: "Первая строка\nвторая".into()
        }]
    );
    assert_eq!(
        compose_text(&s),
        "Первая строка\nвторая",
        "unchanged until it returns"
    );

    let mut nothing_open = ready();
    assert_eq!(act(&mut nothing_open, Action::OpenEditor), []);
}

#[test]
fn the_edit_becomes_the_draft_and_enter_sends_it() {
    // Written from scratch in the editor: the visitor hears we are typing.
    let mut s = mine_open_with("");
    act(&mut s, Action::OpenEditor);
    let effects = done(&mut s, 2, Ok("Hello\nwe ship to Kazan.\r\nBye\n"));
    assert_eq!(compose_text(&s), "Hello\nwe ship to Kazan.\nBye");
    assert!(
        effects.contains(&Effect::Send(OperatorIn::Typing {
            chat_id: 2,
            typing: true
        })),
        "{effects:?}"
    );
    let sent = act(&mut s, Action::SendMessage);
    assert!(
        matches!(sent.as_slice(), [Effect::Send(OperatorIn::Message { chat_id: 2, text, .. })]
            if text == "Hello\nwe ship to Kazan.\nBye"),
        "{sent:?}"
    );
}

#[test]
fn only_one_trailing_newline_is_dropped() {
    let mut s = mine_open_with("x");
    done(&mut s, 2, Ok("a\n\n"));
    assert_eq!(s.compose.lines(), ["a", ""]);
    done(&mut s, 2, Ok(""));
    assert_eq!(compose_text(&s), "", "emptied in the editor: emptied here");
}

#[test]
fn the_edit_goes_to_its_own_chat_even_if_the_focus_moved() {
    let mut s = mine_open_with("draft for two");
    act(&mut s, Action::OpenEditor);
    // Meanwhile the focused pane shows chat 1.
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectPrev);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(1));
    type_text(&mut s, "for one");

    done(&mut s, 2, Ok("edited for two\n"));
    assert_eq!(compose_text(&s), "for one", "chat 1's box is untouched");
    assert_eq!(s.drafts.get(&2).map(String::as_str), Some("edited for two"));
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    assert_eq!(compose_text(&s), "edited for two");
}

#[test]
fn a_failed_editor_keeps_the_draft_and_says_why() {
    let cases = [
        (
            EditorFailure::NotFound {
                program: "nvim".into(),
            },
            "editor not found: nvim — the draft is unchanged",
        ),
        (
            EditorFailure::Failed {
                program: "vim".into(),
                code: Some(1),
            },
            "editor exited with code 1 (vim) — the draft is unchanged",
        ),
        (
            EditorFailure::Failed {
                program: "vim".into(),
                code: None,
            },
            "editor stopped by a signal (vim) — the draft is unchanged",
        ),
        (
            EditorFailure::NotFound {
                program: "vi\u{1b}[2J".into(),
            },
            "editor not found: vi␛[2J — the draft is unchanged",
        ),
    ];
    for (failure, notice) in cases {
        let mut s = mine_open_with("keep me");
        act(&mut s, Action::OpenEditor);
        let effects = done(&mut s, 2, Err(failure));
        assert_eq!(effects, []);
        assert_eq!(compose_text(&s), "keep me");
        assert_eq!(s.notice.as_deref(), Some(notice));
    }
}

#[test]
fn the_notice_speaks_russian_too() {
    let mut s = mine_open_with("черновик");
    s.strings = &crate::i18n::RU;
    done(&mut s, 2, Err(EditorFailure::Io("no space left".into())));
    assert_eq!(
        s.notice.as_deref(),
        Some("редактор: no space left — черновик не изменён")
    );
    assert_eq!(compose_text(&s), "черновик");
}
