//! The collision guard in the console: colleagues typing in a chat are shown while fresh, and
//! a message the server refused (a colleague took the chat meanwhile) comes back as the draft.

use frontdesk_protocol::{ErrorCode, OperatorInfo, OperatorOut, OperatorRole};

use super::*;

fn boris() -> OperatorInfo {
    OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator)
}

fn typing(chat_id: i64, operator_id: i64, typing: bool) -> Event {
    frame(OperatorOut::OperatorTyping {
        chat_id,
        operator_id,
        typing,
    })
}

/// The server refuses our message `id` (a colleague took the chat meanwhile, …).
fn refuse(s: &mut State, id: String, why: &str) {
    update(
        s,
        frame(OperatorOut::Error {
            id: Some(id),
            code: ErrorCode::Forbidden,
            message: why.into(),
            retry_after_ms: None,
            reason: None,
        }),
    );
}

#[test]
fn a_colleague_typing_shows_while_fresh_and_goes_when_they_stop() {
    let mut s = ready();
    s.operators.insert(4, boris());
    s.now = 1_000;
    update(&mut s, typing(1, 4, true));
    update(&mut s, typing(1, 4, true));
    let typing_in = |s: &State| s.chats[&1].typing_colleagues(s.now).collect::<Vec<_>>();
    assert_eq!(typing_in(&s), [4], "once, however often it is said");
    s.now += crate::app::state::COLLEAGUE_TYPING_MS;
    assert!(
        typing_in(&s).is_empty(),
        "a console that went silent stops showing"
    );
    update(&mut s, typing(1, 4, true));
    update(&mut s, typing(1, 4, false));
    assert!(typing_in(&s).is_empty());
}

#[test]
fn my_own_typing_and_unknown_operators_are_not_kept() {
    let mut s = ready();
    update(&mut s, typing(1, ME, true));
    update(&mut s, typing(1, 99, true));
    assert!(s.chats[&1].colleagues_typing.is_empty());
}

#[test]
fn a_refused_message_comes_back_to_the_empty_reply_box() {
    let mut s = ready();
    let id = send_reply(&mut s, "Сейчас проверю наличие");
    assert_eq!(s.compose.lines().join(""), "");
    refuse(&mut s, id, "chat 2 is Борис's");
    assert_eq!(s.compose.lines().join(""), "Сейчас проверю наличие");
    assert_eq!(
        s.chats[&2].messages[0].delivery,
        crate::app::state::Delivery::Failed
    );
}

#[test]
fn a_refused_message_comes_back_after_what_is_being_written_and_the_cursor_stays() {
    let mut s = ready();
    let id = send_reply(&mut s, "first");
    type_text(&mut s, "second, half");
    // The operator went back a word to change it.
    for _ in 0..4 {
        act(
            &mut s,
            Action::ComposeInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Left,
                ..Default::default()
            }),
        );
    }
    refuse(&mut s, id, "taken");
    assert_eq!(
        s.compose.lines(),
        ["second, half", "first"],
        "neither is lost"
    );
    type_text(&mut s, "x");
    assert_eq!(
        s.compose.lines(),
        ["second, xhalf", "first"],
        "the next letter lands where the operator was typing"
    );
}

#[test]
fn a_refused_message_for_a_chat_not_shown_joins_its_kept_draft() {
    let mut s = ready();
    let id = send_reply(&mut s, "first");
    // Another chat is opened; the refused chat keeps a draft of its own.
    s.drafts.insert(2, "a draft".into());
    s.panes[s.pane].chat = None;
    refuse(&mut s, id, "taken");
    assert_eq!(s.drafts[&2], "a draft\nfirst");
}

#[test]
fn which_chat_colleagues_look_at_is_kept_for_known_colleagues_only() {
    let mut s = ready();
    s.operators.insert(4, boris());
    let viewing = |operator_id, chat_id| {
        frame(OperatorOut::OperatorViewing {
            operator_id,
            chat_id,
        })
    };
    update(&mut s, viewing(4, Some(2)));
    update(&mut s, viewing(ME, Some(2)));
    update(&mut s, viewing(99, Some(2)));
    assert_eq!(s.viewing, [(4, 2)].into_iter().collect());
    update(&mut s, viewing(4, None));
    assert!(s.viewing.is_empty());
}

#[test]
fn a_snapshot_tells_colleagues_again_what_the_focused_pane_shows() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let fx = update(
        &mut s,
        frame(OperatorOut::snapshot(
            20,
            vec![chat(
                2,
                frontdesk_protocol::ChatStatus::Active,
                Some(ME),
                500,
            )],
            vec![me()],
        )),
    );
    assert!(
        fx.contains(&Effect::Send(frontdesk_protocol::OperatorIn::Viewing {
            chat_id: Some(2)
        })),
        "{fx:?}"
    );
}
