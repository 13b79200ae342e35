//! Operator actions: selection, focus, opening, accepting, sending, scrolling, clicks.

use super::*;

#[test]
fn select_moves_within_bounds() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    assert_eq!(s.selected, Some(2));
    act(&mut s, Action::SelectNext);
    assert_eq!(s.selected, Some(2));
    act(&mut s, Action::SelectPrev);
    act(&mut s, Action::SelectPrev);
    assert_eq!(s.selected, Some(1));
}

#[test]
fn focus_toggles_and_escape_returns_to_list() {
    let mut s = ready();
    assert_eq!(s.focus, Focus::List);
    act(&mut s, Action::ToggleFocus);
    assert_eq!(s.focus, Focus::Compose);
    act(&mut s, Action::FocusList);
    assert_eq!(s.focus, Focus::List);
    act(&mut s, Action::ToggleHelp);
    assert!(s.screen.help);
    act(&mut s, Action::FocusList);
    assert!(!s.screen.help);
}

#[test]
fn opening_a_waiting_chat_accepts_it_once() {
    let mut s = ready();
    let fx = act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(1));
    assert_eq!(s.focus, Focus::Compose);
    // Colleagues are told what we look at, then the chat is taken.
    let [
        Effect::Send(OperatorIn::Viewing { chat_id: Some(1) }),
        Effect::Send(OperatorIn::Accept { chat_id: 1, .. }),
    ] = fx.as_slice()
    else {
        panic!("expected viewing and one accept, got {fx:?}");
    };
    // A second press while the accept is in flight sends nothing more.
    assert!(act(&mut s, Action::AcceptSelected).is_empty());
}

#[test]
fn accept_only_waiting_chats() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    assert!(act(&mut s, Action::AcceptSelected).is_empty());
    let fx = act(&mut s, Action::OpenSelected);
    assert_eq!(
        fx,
        [Effect::Send(OperatorIn::Viewing { chat_id: Some(2) })],
        "opening my active chat only says we look at it"
    );
    assert_eq!(s.open_id(), Some(2));
}

#[test]
fn empty_compose_sends_nothing() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "   ");
    assert!(act(&mut s, Action::SendMessage).is_empty());
}

#[test]
fn scroll_pages_and_clamps() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    for i in 0..100 {
        let m = visitor_msg(i + 1, 2, 11 + i as u64, "line");
        update(
            &mut s,
            event(11 + i as u64, EventBody::MessagePosted { message: m }),
        );
    }
    assert_eq!(s.chats[&2].total_rows(), 100);
    act(&mut s, Action::PageUp);
    assert_eq!(s.dialog_scroll(), s.dialog_height() - 1);
    act(&mut s, Action::ScrollDialog(1000));
    assert_eq!(s.dialog_scroll(), 100 - s.dialog_height());
    act(&mut s, Action::PageDown);
    act(&mut s, Action::ScrollDialog(-1000));
    assert_eq!(s.dialog_scroll(), 0);
}

#[test]
fn resize_rewraps_open_chat() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let long = "слово ".repeat(40);
    let m = visitor_msg(1, 2, 11, &long);
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    let wide = s.chats[&2].total_rows();
    update(
        &mut s,
        Event::Resize {
            width: 40,
            height: 24,
        },
    );
    assert!(s.chats[&2].total_rows() > wide);
    assert_eq!(s.chats[&2].wrapped_width(), s.dialog_width());
}

#[test]
fn close_sends_for_open_chat_only() {
    let mut s = ready();
    assert!(act(&mut s, Action::CloseChat).is_empty());
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    // Ctrl-W asks first; nothing is sent until the operator says yes.
    assert!(act(&mut s, Action::CloseChat).is_empty());
    assert_eq!(s.confirm, Some(crate::app::Confirm::Close { chat_id: 2 }));
    assert!(s.confirm_question().is_some_and(|q| q.contains("Ольга")));
    let fx = act(&mut s, Action::ConfirmYes);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Send(OperatorIn::Close { chat_id: 2, .. })]
    ));
    update(
        &mut s,
        event(
            11,
            EventBody::ChatClosed {
                chat_id: 2,
                by: Role::Operator,
                operator_id: Some(ME),
            },
        ),
    );
    assert_eq!(s.chats[&2].chat.status, ChatStatus::Closed);
    assert!(act(&mut s, Action::CloseChat).is_empty());
}

/// A chat the server closed (quiet since its visitor left) says why in its dialog, what the
/// operator was typing there stays in the box, and a question to close it goes.
#[test]
fn a_chat_the_server_closed_says_why_and_keeps_the_typed_text() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "Заказ уже в пути");
    let closed = |by| EventBody::ChatClosed {
        chat_id: 2,
        by,
        operator_id: None,
    };
    // The operator was about to close it themselves: the question goes with the chat.
    act(&mut s, Action::CloseChat);
    assert!(s.confirm.is_some());
    update(&mut s, event(11, closed(Role::System)));
    assert_eq!(s.confirm, None);
    let chat = &s.chats[&2];
    assert_eq!(chat.chat.status, ChatStatus::Closed);
    let last = chat.messages.last().map(|e| chat.text_of(e));
    assert_eq!(last, Some(crate::i18n::EN.chat_closed_quiet));
    assert_eq!(s.compose.lines().join("\n"), "Заказ уже в пути");
    // Closed by the visitor: the plain line.
    let mut s = ready();
    update(&mut s, event(11, closed(Role::Visitor)));
    let chat = &s.chats[&2];
    let last = chat.messages.last().map(|e| chat.text_of(e));
    assert_eq!(last, Some(crate::i18n::EN.chat_closed));
}

/// Closing on the visitor's unanswered words says so in the question; once answered it asks
/// plainly.
#[test]
fn closing_a_chat_whose_visitor_waits_says_it_goes_unanswered() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let m = visitor_msg(1, 2, 11, "Когда доставка?");
    update(&mut s, event(11, EventBody::MessagePosted { message: m }));
    act(&mut s, Action::CloseChat);
    let asked = s.confirm_question().unwrap_or_default();
    assert!(asked.contains("Ольга unanswered?"), "{asked}");
    act(&mut s, Action::ConfirmNo);
    let mut answer = visitor_msg(2, 2, 12, "Завтра.");
    answer.author = frontdesk_protocol::Author {
        role: Role::Operator,
        operator_id: Some(ME),
        name: Some("Анна".into()),
    };
    update(
        &mut s,
        event(12, EventBody::MessagePosted { message: answer }),
    );
    act(&mut s, Action::CloseChat);
    let asked = s.confirm_question().unwrap_or_default();
    assert!(asked.starts_with("Close the chat with Ольга?"), "{asked}");
}

#[test]
fn click_selects_the_chat_under_the_pointer() {
    let mut s = ready();
    // Row 0 is the border, row 1 "Waiting", rows 2-3 chat 1, row 4 "Mine", rows 5-6 chat 2.
    act(&mut s, Action::ClickAt { column: 3, row: 5 });
    assert_eq!(s.selected, Some(2));
    act(&mut s, Action::ClickAt { column: 3, row: 2 });
    assert_eq!(s.selected, Some(1));
    act(&mut s, Action::ClickAt { column: 70, row: 5 });
    assert_eq!(
        s.selected,
        Some(1),
        "clicks outside the list change nothing"
    );
}

#[test]
fn quit_asks_to_quit() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    assert_eq!(
        act(&mut s, Action::Quit),
        vec![Effect::Quit],
        "nothing open"
    );
    // With a chat of mine open, it asks once; n (or any other key) keeps working.
    let mut s = ready();
    assert!(act(&mut s, Action::Quit).is_empty());
    assert_eq!(s.confirm, Some(crate::app::Confirm::Quit));
    assert!(act(&mut s, Action::ConfirmNo).is_empty());
    assert_eq!(s.confirm, None);
    // The same key again says yes, as does y.
    act(&mut s, Action::Quit);
    assert_eq!(act(&mut s, Action::Quit), vec![Effect::Quit]);
    act(&mut s, Action::Quit);
    assert_eq!(act(&mut s, Action::ConfirmYes), vec![Effect::Quit]);
}

#[test]
fn an_unrelated_action_answers_no_and_still_happens() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    act(&mut s, Action::CloseChat);
    act(&mut s, Action::FocusList);
    assert_eq!((s.confirm, s.focus), (None, Focus::List));
    // Nothing was closed: Ctrl-W once more only asks again.
    assert!(act(&mut s, Action::CloseChat).is_empty());
}

#[test]
fn quitting_with_a_draft_asks_and_counts_it() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.drafts.insert(9, "half a reply".into());
    assert!(act(&mut s, Action::Quit).is_empty());
    let q = s.confirm_question().unwrap_or_default();
    assert!(q.contains("drafts: 1"), "{q}");
}

#[test]
fn alt_enter_newline_and_paste_keep_lines_in_one_message() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "строка 1");
    act(&mut s, Action::ComposeNewline);
    act(&mut s, Action::Paste("строка 2\r\nстрока 3".into()));
    let fx = act(&mut s, Action::SendMessage);
    let [Effect::Send(OperatorIn::Message { text, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(text, "строка 1\nстрока 2\nстрока 3");
}

#[test]
fn next_action_clears_the_notice() {
    let mut s = ready();
    s.notice = Some("chat 7 was already accepted".into());
    act(&mut s, Action::SelectNext);
    assert_eq!(s.notice, None);
}

/// Home and End in the chat list go to its first and last chat, as in any list; the dialog's
/// newest message stays on Ctrl-End.
#[test]
fn home_and_end_in_the_list_select_the_first_and_last_chat() {
    use crate::keymap::{Context, Keymap};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut k = Keymap::builtin();
    let mut s = ready();
    let mut press = |s: &mut State, code, modifiers| {
        let action = k.press(KeyEvent::new(code, modifiers), Context::List);
        if let Some(a) = action.clone() {
            act(s, a);
        }
        action
    };
    let order = crate::app::list::order(&s);
    let (first, last) = (order[0], *order.last().expect("chats"));
    assert_ne!(first, last);
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(s.selected, Some(last));
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(s.selected, Some(first));
    assert_eq!(
        press(&mut s, KeyCode::End, KeyModifiers::CONTROL),
        Some(Action::JumpToBottom)
    );
}
