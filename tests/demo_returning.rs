//! The demo's returning visitor: her earlier chat, held by a colleague, reads as a real
//! conversation when opened from her card, and she comes back a week later as a second visit.

use std::collections::HashMap;
use std::time::Duration;

use frontdesk::demo::DemoArgs;
use frontdesk::demo::scenario::{self, Turn};
use frontdesk_protocol::{
    ChatStatus, EventBody, MessageKind, OperatorIn, OperatorOut, Role, encode,
};
use futures_util::SinkExt;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message as WsMessage;

use crate::demo::{demo_with_operator, next_frame};

/// The returning visitor comes back with an earlier chat; opened from her card it must read
/// as a real conversation: her lines and a colleague's answers, as the scenario has them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_returning_visitors_earlier_chat_has_a_colleagues_answers() {
    let scenarios = scenario::all().unwrap();
    let returning_at = scenarios
        .iter()
        .position(|s| !s.earlier.is_empty())
        .expect("a scenario with an earlier chat");
    let expected: Vec<(Role, String)> = scenarios[returning_at]
        .earlier
        .iter()
        .map(|turn| match turn {
            Turn::Visitor(text) => (Role::Visitor, text.clone()),
            Turn::Operator(text) => (Role::Operator, text.clone()),
        })
        .collect();
    let first_line = expected[0].1.clone();
    // Visitors are started in scenario order and arrive at most 0.12 s apart at top speed.
    let args = DemoArgs {
        visitors: returning_at + 1,
        speed: 100.0,
        no_console: true,
    };
    let (demo, mut ws) = demo_with_operator(&args).await;

    // Find the earlier chat by its first line, then wait until it is closed.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut me = None;
    let mut earlier: Option<i64> = None;
    let mut visitors: HashMap<i64, i64> = HashMap::new(); // chat → visitor
    let mut closed = false;
    while !closed {
        match next_frame(&mut ws, deadline, "the earlier chat to close").await {
            OperatorOut::Welcome { operator, .. } => me = Some(operator.id),
            OperatorOut::Snapshot { chats, .. } => {
                for c in chats {
                    visitors.insert(c.chat.id, c.chat.visitor_id);
                    if c.messages.iter().any(|m| m.text == first_line) {
                        earlier = Some(c.chat.id);
                        closed = c.chat.status == ChatStatus::Closed;
                    }
                }
            }
            OperatorOut::Event { event, .. } => match event {
                EventBody::ChatCreated { chat, .. } => {
                    visitors.insert(chat.id, chat.visitor_id);
                }
                EventBody::MessagePosted { message }
                    if message.author.role == Role::Visitor && message.text == first_line =>
                {
                    earlier = Some(message.chat_id);
                }
                EventBody::ChatClosed { chat_id, .. } => closed = earlier == Some(chat_id),
                _ => {}
            },
            OperatorOut::Error { code, message, .. } => panic!("{code}: {message}"),
            _ => {}
        }
    }
    let chat_id = earlier.unwrap();

    // Read it the way the console does when the operator opens it from the visitor card.
    let history = OperatorIn::History {
        id: "earlier".into(),
        chat_id,
        before: None,
        limit: 100,
    };
    ws.send(WsMessage::text(encode(&history))).await.unwrap();
    let messages = loop {
        match next_frame(&mut ws, deadline, "the earlier chat's history").await {
            OperatorOut::History { id, messages, .. } if id == "earlier" => break messages,
            OperatorOut::Error { code, message, .. } => panic!("{code}: {message}"),
            _ => {}
        }
    };
    let said: Vec<(Role, String)> = messages
        .iter()
        .filter(|m| m.author.role != Role::System && m.kind == MessageKind::Text)
        .map(|m| (m.author.role, m.text.clone()))
        .collect();
    assert_eq!(said, expected, "the earlier chat as stored");
    assert!(
        said.iter().any(|(role, _)| *role == Role::Operator),
        "no operator answers in the earlier chat: {said:?}"
    );
    for m in messages.iter().filter(|m| m.author.role == Role::Operator) {
        assert_ne!(
            m.author.operator_id, me,
            "the colleague answered, not the console's operator"
        );
        assert!(m.author.name.is_some(), "the colleague has a name");
    }

    // She comes back as a returning visitor: her next page starts a second visit, told to
    // the consoles (the card said «first visit · 2 chats» when both chats were one visit).
    let her = visitors[&chat_id];
    loop {
        let frame = next_frame(&mut ws, deadline, "her return as a second visit").await;
        if let OperatorOut::Event {
            event: EventBody::VisitorUpdated { visitor },
            ..
        } = frame
            && visitor.id == her
            && visitor.visits > 1
        {
            assert_eq!(visitor.visits, 2, "{visitor:?}");
            break;
        }
    }
    // …and her earlier chat reads as last week's, as her words say.
    let again = OperatorIn::History {
        id: "again".into(),
        chat_id,
        before: None,
        limit: 100,
    };
    ws.send(WsMessage::text(encode(&again))).await.unwrap();
    let now = frontdesk_server::store::now_ms();
    loop {
        match next_frame(&mut ws, deadline, "the earlier chat's history again").await {
            OperatorOut::History { id, messages, .. } if id == "again" => {
                let days = |ts: i64| (now - ts) / (24 * 60 * 60 * 1000);
                assert!(
                    messages.iter().all(|m| days(m.ts) == 7),
                    "{:?}",
                    messages.iter().map(|m| m.ts).collect::<Vec<_>>()
                );
                break;
            }
            OperatorOut::Error { code, message, .. } => panic!("{code}: {message}"),
            _ => {}
        }
    }
    demo.shutdown().await.unwrap();
}
