//! Test data shared by the console benchmarks: realistic chats and messages, and a logged-in
//! state at a given terminal size.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod proc;

use frontdesk::app::{Action, Event, State, update};
use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, OperatorInfo, OperatorOut,
    OperatorRole, PageView, PrechatFields, Role, VisitorProfile,
};

pub const T0: i64 = 1_795_000_000_000;

pub fn message(chat_id: i64, id: i64) -> Message {
    let visitor = id % 2 == 0;
    Message {
        id,
        chat_id,
        seq: u64::try_from(id).unwrap(),
        ts: T0 + id * 1000,
        author: Author {
            role: if visitor {
                Role::Visitor
            } else {
                Role::Operator
            },
            operator_id: (!visitor).then_some(3),
            name: Some(if visitor { "Ольга" } else { "Анна" }.into()),
        },
        kind: MessageKind::Text,
        text: format!(
            "Сообщение {id}: здравствуйте, подскажите, пожалуйста, сроки доставки в Казань 🚚 — 東京も?"
        ),
        client_id: None,
        attachment: None,
    }
}

/// A fresh console state at `width`x`height`, logged in as operator 3 ("Анна").
pub fn logged_in(width: u16, height: u16) -> State {
    let mut s = State::new(&frontdesk::i18n::EN, "anna".into(), None);
    // The zone as the console reads it: one from the system costs more to compare than UTC.
    s.tz = jiff::tz::TimeZone::system();
    s.now = T0;
    update(&mut s, Event::Resize { width, height });
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(
            OperatorInfo::new(3, "anna", "Анна", OperatorRole::Operator),
            1,
        ))),
    );
    s
}

pub fn chat(id: i64, messages: i64) -> ChatState {
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: T0,
            accepted_at: Some(T0),
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                email: Some("olga@example.ru".into()),
                ..PrechatFields::default()
            },
            pages: (0..20)
                .map(|i| PageView {
                    url: format!("https://shop.example/catalog/{i}"),
                    title: Some(format!("Каталог {i}")),
                    referrer: None,
                    search_query: None,
                    ts: T0 + i,
                })
                .collect(),
            visits: 3,
            chats: 2,
            ..VisitorProfile::default()
        },
        (1..=messages).map(|i| message(id, i)).collect(),
    )
}

/// A 160x48 console holding `chats`, the first four open in four panes.
pub fn four_panes(chats: Vec<ChatState>) -> State {
    let mut s = logged_in(160, 48);
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(1, chats, vec![]))),
    );
    update(&mut s, Event::Action(Action::SelectNext));
    update(&mut s, Event::Action(Action::OpenSelected));
    for _ in 0..3 {
        update(&mut s, Event::Action(Action::SelectNext));
        update(&mut s, Event::Action(Action::SplitVertical));
    }
    s
}
