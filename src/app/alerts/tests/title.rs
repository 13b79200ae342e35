//! The terminal title's words: counts of waiting chats and my unread messages, nothing else.

use frontdesk_protocol::{Chat, ChatState, ChatStatus, PrechatFields, VisitorProfile};

use crate::app::State;
use crate::app::alerts::title;
use crate::app::state::ChatView;

fn chat(id: i64, status: ChatStatus, operator: Option<i64>, unread: u32) -> ChatView {
    let mut view = ChatView::new(
        ChatState::new(
            Chat {
                id,
                visitor_id: id,
                status,
                operator_id: operator,
                department: None,
                created_at: 0,
                accepted_at: None,
                closed_at: None,
                queued_at: None,
            },
            VisitorProfile {
                id,
                fields: PrechatFields {
                    name: Some("\x1b]2;Mallory\x07".into()),
                    ..PrechatFields::default()
                },
                ..VisitorProfile::default()
            },
            Vec::new(),
        ),
        None,
        &crate::i18n::EN,
    );
    view.unread = unread;
    view
}

#[test]
fn the_title_counts_waiting_chats_and_my_unread_messages_only() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    assert_eq!(title(&s), "Frontdesk");
    s.me = Some(frontdesk_protocol::OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: frontdesk_protocol::OperatorRole::Operator,
        status: frontdesk_protocol::OperatorStatus::Online,
        status_since: None,
    });
    s.chats.insert(1, chat(1, ChatStatus::Waiting, None, 0));
    s.chats.insert(2, chat(2, ChatStatus::Waiting, None, 0));
    s.chats.insert(3, chat(3, ChatStatus::Active, Some(3), 4));
    s.chats.insert(4, chat(4, ChatStatus::Active, Some(9), 7));
    assert_eq!(title(&s), "(2 waiting, 4 unread) Frontdesk");
    s.strings = &crate::i18n::RU;
    assert_eq!(title(&s), "(ждут: 2, непрочитанных: 4) Frontdesk");
}
