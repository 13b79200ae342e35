//! An empty pane's hint: how to open a chat, or, with nothing to answer, that a chat will
//! come.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus,
    VisitorProfile,
};

use crate::app::{Event, State, update};
use crate::ui::screen_test::{draw, text};

/// A chat of operator 3 (anna), active.
fn ours_waiting() -> ChatState {
    ChatState {
        chat: Chat {
            id: 1,
            visitor_id: 41,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 1_795_000_000_000,
            accepted_at: None,
            closed_at: None,
        },
        visitor: VisitorProfile {
            id: 41,
            ..VisitorProfile::default()
        },
        messages: Vec::new(),
        mail: None,
    }
}

/// With nothing to answer the empty pane says a chat will come, not to pick one.
#[test]
fn with_nobody_waiting_the_empty_pane_says_a_chat_will_come() {
    for (strings, says) in [
        (&crate::i18n::EN, "Nobody is waiting for an answer"),
        (&crate::i18n::RU, "Никто не ждёт ответа"),
    ] {
        let mut s = State::new(strings, "anna".into(), None);
        update(
            &mut s,
            Event::Resize {
                width: 80,
                height: 24,
            },
        );
        let before = text(&draw(&s));
        assert!(
            !before.contains(says),
            "nothing known before the snapshot: {before}"
        );
        update(
            &mut s,
            Event::Frame(Box::new(OperatorOut::Welcome {
                operator: OperatorInfo {
                    id: 3,
                    name: "anna".into(),
                    display_name: "Анна".into(),
                    role: OperatorRole::Operator,
                    status: OperatorStatus::Online,
                    status_since: None,
                },
                head_seq: 5,
                resumed: false,
                max_message_chars: None,
                mail_answers: false,
            })),
        );
        update(
            &mut s,
            Event::Frame(Box::new(OperatorOut::Snapshot {
                seq: 5,
                chats: Vec::new(),
                operators: Vec::new(),
            })),
        );
        let screen = text(&draw(&s));
        assert!(screen.contains(says), "{screen}");
        // A chat of ours makes it the hint to open one again.
        update(
            &mut s,
            Event::Frame(Box::new(OperatorOut::Snapshot {
                seq: 6,
                chats: vec![ours_waiting()],
                operators: Vec::new(),
            })),
        );
        let screen = text(&draw(&s));
        assert!(!screen.contains(says), "{screen}");
    }
}
