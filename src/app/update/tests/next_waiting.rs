//! `next_waiting` (Alt-J): to the operator's chat waiting longest for an answer, round; with
//! none of theirs waiting, the queue's longest wait selected but not taken.

use frontdesk_protocol::{ChatStatus, EventBody, OperatorIn};

use super::{ME, act, chat, event, ready_with, visitor_msg};
use crate::app::{Action, Effect, Focus, State, update};

/// Logged in with chats 1 (waiting since 1000), 2 and 3 (mine), 4 (a colleague's).
fn desk() -> State {
    ready_with(vec![
        chat(1, ChatStatus::Waiting, None, 1000),
        chat(2, ChatStatus::Active, Some(ME), 500),
        chat(3, ChatStatus::Active, Some(ME), 600),
        chat(4, ChatStatus::Active, Some(ME + 1), 100),
    ])
}

/// The visitor of chat `chat_id` writes at `ts`.
fn visitor_writes(s: &mut State, seq: u64, chat_id: i64, ts: i64) {
    let mut m = visitor_msg(i64::try_from(seq).unwrap_or(0), chat_id, seq, "Вы тут?");
    m.ts = ts;
    update(s, event(seq, EventBody::MessagePosted { message: m }));
}

fn accepted(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::Send(OperatorIn::Accept { .. })))
}

#[test]
fn goes_to_the_longest_wait_of_mine_then_the_next_round() {
    let mut s = desk();
    // Chat 3's visitor has waited since 2000, chat 2's since 3000; the colleague's chat 4
    // waits longer still but is not ours.
    visitor_writes(&mut s, 11, 3, 2000);
    visitor_writes(&mut s, 12, 2, 3000);
    visitor_writes(&mut s, 13, 4, 1500);
    let effects = act(&mut s, Action::NextWaiting);
    assert_eq!((s.open_id(), s.focus), (Some(3), Focus::Compose));
    assert!(!accepted(&effects));
    act(&mut s, Action::NextWaiting);
    assert_eq!(s.open_id(), Some(2));
    act(&mut s, Action::NextWaiting);
    assert_eq!(s.open_id(), Some(3), "round again");
    assert_eq!(s.selected, Some(3), "the list follows");
}

#[test]
fn with_none_of_mine_waiting_the_queue_is_only_selected() {
    let mut s = desk();
    let effects = act(&mut s, Action::NextWaiting);
    assert!(effects.is_empty() && !accepted(&effects), "{effects:?}");
    assert_eq!(
        (s.selected, s.focus, s.open_id()),
        (Some(1), Focus::List, None)
    );
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("Enter takes the queue's longest wait")),
        "{:?}",
        s.notice
    );
    // Nobody waiting at all: said so.
    update(
        &mut s,
        event(
            14,
            EventBody::ChatClosed {
                chat_id: 1,
                by: frontdesk_protocol::Role::Visitor,
                operator_id: None,
            },
        ),
    );
    act(&mut s, Action::NextWaiting);
    assert_eq!(s.notice.as_deref(), Some("Nobody waits for an answer."));
}

#[test]
fn a_draft_stays_with_its_chat_across_the_jump() {
    let mut s = desk();
    visitor_writes(&mut s, 11, 3, 2000);
    visitor_writes(&mut s, 12, 2, 3000);
    act(&mut s, Action::NextWaiting);
    super::type_text(&mut s, "Минутку");
    act(&mut s, Action::NextWaiting);
    assert_eq!(
        (s.open_id(), s.compose.lines().join("")),
        (Some(2), String::new())
    );
    act(&mut s, Action::NextWaiting);
    assert_eq!(s.compose.lines().join(""), "Минутку");
}
