//! When a chat's answer countdown runs and from when: an offline message taken in, a chat
//! back in the queue after it was answered.

use super::*;

#[test]
fn an_offline_message_taken_in_runs_no_countdown_until_the_visitor_writes_again() {
    // Left overnight, taken in the morning: the visitor is not there waiting live.
    let mut s = state(
        1,
        vec![message(
            1,
            Role::Visitor,
            MessageKind::Text,
            "Перезвоните после 18:00",
            NOW - 9 * 3_600_000,
        )],
    );
    if let Some(chat) = s.chats.get_mut(&7) {
        chat.left_offline = true;
        chat.chat.accepted_at = Some(NOW - 10_000);
    }
    assert_eq!(answer_due(&s, chat(&s)), None);
    assert!(
        crate::app::queue::chat_rows(&s).is_empty(),
        "nobody waits in the queue view"
    );
    // Back on the site, the visitor writes: now someone waits.
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 11,
            ts: NOW - 5_000,
            event: frontdesk_protocol::EventBody::MessagePosted {
                message: message(2, Role::Visitor, MessageKind::Text, "Я здесь", NOW - 5_000),
            },
        })),
    );
    assert_eq!(answer_due(&s, chat(&s)).map(|d| d.left_ms), Some(55_000));
    assert_eq!(crate::app::queue::chat_rows(&s)[0].waited, 5_000);
}

/// A chat back in the queue after it was someone's: the one-minute answer was given, so it
/// counts from the visitor's unanswered words, or with none from its last line — not from its
/// start, as a chat never answered does (two minutes ago here).
#[test]
fn a_chat_back_in_the_queue_counts_from_unanswered_words_or_its_last_line() {
    let question = message(
        1,
        Role::Visitor,
        MessageKind::Text,
        "Где мой заказ?",
        NOW - 50_000,
    );
    let answer = message(
        2,
        Role::Operator,
        MessageKind::Text,
        "Сейчас уточню.",
        NOW - 40_000,
    );
    let waiting = |messages: Vec<Message>| {
        let mut s = state(1, messages);
        s.chats.get_mut(&7).expect("chat 7").chat.status = ChatStatus::Waiting;
        s
    };
    let left = |s: &State| answer_due(s, chat(s)).map(|d| d.left_ms);
    let mut s = waiting(vec![question.clone(), answer.clone()]);
    assert_eq!(left(&s), Some(20_000), "since the answer");
    // The server says when it went back (a snapshot holds no line for that).
    s.chats.get_mut(&7).expect("chat 7").chat.queued_at = Some(NOW - 5_000);
    assert_eq!(left(&s), Some(55_000), "since it went back");

    let again = message(
        3,
        Role::Visitor,
        MessageKind::Text,
        "Ну что там?",
        NOW - 10_000,
    );
    let s = waiting(vec![question.clone(), answer, again]);
    assert_eq!(left(&s), Some(50_000), "since the words not answered yet");

    let s = waiting(vec![question]);
    assert_eq!(left(&s), Some(-60_000), "never answered: since it started");
}
