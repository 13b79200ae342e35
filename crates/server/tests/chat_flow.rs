//! End to end over real sockets: a visitor chats, an operator answers; idempotency,
//! conflicts, one open chat per visitor, isolation between visitors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{
    ChatStatus, ErrorCode, EventBody, OperatorIn, OperatorOut, PrechatFields, SystemEvent,
    VisitorIn, VisitorOut,
};

#[tokio::test]
async fn visitor_and_operator_talk() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let mut op = Operator::join(&server, &token, None).await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;

    let (mut visitor, _) = Visitor::join(&server, None).await;
    visitor
        .send(&VisitorIn::PageView {
            id: "p1".into(),
            url: "https://shop.example/kettles".into(),
            title: Some("Чайники".into()),
            referrer: Some("https://www.google.com/search?q=kettle+price".into()),
            search_query: None,
        })
        .await;
    visitor
        .send(&VisitorIn::Prechat {
            id: "f1".into(),
            fields: PrechatFields {
                name: Some("Ольга".into()),
                email: Some("olga@example.ru".into()),
                ..PrechatFields::default()
            },
        })
        .await;
    let ack = visitor.say("m1", "Здравствуйте! Есть доставка?").await;
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = ack
    else {
        panic!("{ack:?}")
    };

    // The operator sees the page view with the search query, the chat and the message.
    let page = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::PageViewed { page, .. },
                ..
            } => Some(page.clone()),
            _ => None,
        })
        .await;
    assert_eq!(page.search_query.as_deref(), Some("kettle price"));
    let visitor_profile = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { chat, visitor },
                ..
            } => {
                assert_eq!(chat.status, ChatStatus::Waiting);
                Some(visitor.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(visitor_profile.fields.name.as_deref(), Some("Ольга"));
    assert_eq!(
        visitor_profile.pages.last().map(|p| p.url.as_str()),
        Some("https://shop.example/kettles")
    );
    let (_, message) = op.until(posted).await;
    assert_eq!(message.text, "Здравствуйте! Есть доставка?");
    assert_eq!(message.author.name.as_deref(), Some("Ольга"));

    op.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id,
    })
    .await;
    op.until(|f| matches!(f, OperatorOut::Ack { id, .. } if id == "a1").then_some(()))
        .await;
    let joined = visitor
        .until(|f| match f {
            VisitorOut::System {
                event: SystemEvent::Joined,
                operator_name,
                ..
            } => operator_name.clone(),
            _ => None,
        })
        .await;
    assert_eq!(joined, "anna display");

    op.send(&OperatorIn::Message {
        id: "r1".into(),
        chat_id,
        text: "Да, доставляем по всей России.".into(),
    })
    .await;
    let reply = visitor
        .until(|f| match f {
            VisitorOut::Message { message }
                if message.author.role == frontdesk_protocol::Role::Operator =>
            {
                Some(message.clone())
            }
            _ => None,
        })
        .await;
    assert_eq!(reply.text, "Да, доставляем по всей России.");

    // Notes never reach the visitor; the next visitor-visible frame is the close.
    op.send(&OperatorIn::Note {
        id: "n1".into(),
        chat_id,
        text: "VIP".into(),
    })
    .await;
    op.send(&OperatorIn::Close {
        id: "c1".into(),
        chat_id,
    })
    .await;
    let after = visitor
        .until(|f| match f {
            VisitorOut::Message { message } => Some(message.text.clone()),
            VisitorOut::System {
                event: SystemEvent::Closed,
                ..
            } => Some("<closed>".into()),
            _ => None,
        })
        .await;
    assert_eq!(after, "<closed>", "the note leaked to the visitor");
    server.server.shutdown().await;
}

#[tokio::test]
async fn same_id_three_times_stores_once_and_other_body_conflicts() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    let first = visitor.say("dup", "one message").await;
    let second = visitor.say("dup", "one message").await;
    let third = visitor.say("dup", "one message").await;
    assert!(matches!(first, VisitorOut::Ack { .. }));
    assert_eq!(first, second);
    assert_eq!(first, third);
    let conflict = visitor.say("dup", "another body").await;
    assert!(
        matches!(
            conflict,
            VisitorOut::Error {
                code: ErrorCode::Conflict,
                ..
            }
        ),
        "{conflict:?}"
    );

    let mut op = Operator::join(&server, &token, None).await;
    let chats = op
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => Some(chats.clone()),
            _ => None,
        })
        .await;
    assert_eq!(chats.len(), 1);
    let texts: Vec<_> = chats[0].messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["one message"]);
    server.server.shutdown().await;
}

#[tokio::test]
async fn simultaneous_start_chat_gives_one_chat() {
    let server = TestServer::start().await;
    let (mut a, welcome) = Visitor::join(&server, None).await;
    let VisitorOut::Welcome { token, .. } = welcome else {
        unreachable!()
    };
    let (mut b, _) = Visitor::join(&server, Some(token)).await;
    // Two tabs of the same visitor press "start chat" at once.
    let start = |id: &str| VisitorIn::StartChat {
        id: id.into(),
        text: None,
        department: None,
    };
    a.send(&start("s-a")).await;
    b.send(&start("s-b")).await;
    let chat_of = |id: &'static str| {
        move |f: &VisitorOut| match f {
            VisitorOut::Ack { id: i, chat_id, .. } if i == id => *chat_id,
            _ => None,
        }
    };
    let chat_a = a.until(chat_of("s-a")).await;
    let chat_b = b.until(chat_of("s-b")).await;
    assert_eq!(chat_a, chat_b);
    server.server.shutdown().await;
}

#[tokio::test]
async fn visitors_are_isolated() {
    let server = TestServer::start().await;
    let (mut alice, _) = Visitor::join(&server, None).await;
    alice.say("a1", "secret order A-1043").await;

    // A forged token gets a fresh identity, not Alice's.
    let (mut mallory, welcome) = Visitor::join(&server, Some("0".repeat(64))).await;
    let VisitorOut::Welcome {
        chat_id, messages, ..
    } = &welcome
    else {
        unreachable!()
    };
    assert!(chat_id.is_none() && messages.is_empty(), "{welcome:?}");
    mallory
        .send(&VisitorIn::History {
            id: "h".into(),
            before: None,
            limit: 50,
        })
        .await;
    let history = mallory
        .until(|f| match f {
            VisitorOut::History { messages, .. } => Some(messages.clone()),
            _ => None,
        })
        .await;
    assert!(
        history.is_empty(),
        "another visitor's history leaked: {history:?}"
    );
    // Closing "a chat" only ever means one's own, and Mallory has none.
    mallory.send(&VisitorIn::CloseChat { id: "x".into() }).await;
    let refused = mallory.recv().await;
    assert!(
        matches!(
            refused,
            VisitorOut::Error {
                code: ErrorCode::InvalidState,
                ..
            }
        ),
        "{refused:?}"
    );
    // Mallory writing opens Mallory's own chat; Alice sees none of it. Alice's next message
    // comes back to her own socket after every frame stored before it, so whatever reaches
    // her until then is all Mallory's message could have caused.
    let ack = mallory.say("m1", "hello?").await;
    alice
        .send(&VisitorIn::Message {
            id: "a2".into(),
            text: "anyone?".into(),
        })
        .await;
    loop {
        match alice.recv().await {
            VisitorOut::Message { message } if message.text == "anyone?" => break,
            VisitorOut::Message { message } => {
                panic!("Alice received {message:?} after {ack:?}")
            }
            _ => {}
        }
    }
    server.server.shutdown().await;
}

#[tokio::test]
async fn operator_lists_a_visitors_earlier_chats_page_by_page() {
    let server = TestServer::start().await;
    let token = server.operator_token("anna").await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    visitor.say("m1", "Где мой заказ A-1043?").await;
    let mut op = Operator::join(&server, &token, None).await;
    let (chat_id, visitor_id) = op
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => {
                Some((chats[0].chat.id, chats[0].chat.visitor_id))
            }
            _ => None,
        })
        .await;
    op.send(&OperatorIn::Message {
        id: "r".into(),
        chat_id,
        text: "Уже в пути.".into(),
    })
    .await;
    op.send(&OperatorIn::Close {
        id: "c".into(),
        chat_id,
    })
    .await;
    op.until(|f| matches!(f, OperatorOut::Ack { id, .. } if id == "c").then_some(()))
        .await;
    visitor.say("m2", "And one more question").await;

    let page = |before: Option<i64>| OperatorIn::VisitorChats {
        id: format!("p{before:?}"),
        visitor_id,
        before,
        limit: 1,
    };
    op.send(&page(None)).await;
    let (newest, more) = op
        .until(|f| match f {
            OperatorOut::VisitorChats { chats, more, .. } => Some((chats.clone(), *more)),
            _ => None,
        })
        .await;
    assert_eq!(newest.len(), 1);
    assert!(more);
    assert_eq!(newest[0].preview.as_deref(), Some("And one more question"));
    op.send(&page(Some(newest[0].chat.id))).await;
    let (older, more) = op
        .until(|f| match f {
            OperatorOut::VisitorChats { chats, more, .. } => Some((chats.clone(), *more)),
            _ => None,
        })
        .await;
    assert!(!more);
    assert_eq!(older[0].chat.id, chat_id);
    assert_eq!(older[0].chat.status, ChatStatus::Closed);
    assert_eq!(older[0].messages, 2);
    assert_eq!(older[0].preview.as_deref(), Some("Где мой заказ A-1043?"));
    assert_eq!(older[0].operator_name.as_deref(), Some("anna display"));
    server.server.shutdown().await;
}

/// A visitor connecting through a proxy that adds geo headers (or forging them).
async fn visitor_with_geo_headers(server: &TestServer) -> common::Visitor {
    let url = server.url("/ws/visitor");
    let mut req =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(url)
            .unwrap();
    let headers = req.headers_mut();
    headers.insert("X-Geo-City", axum_header("Казань"));
    headers.insert("X-Geo-Region", axum_header("Татарстан"));
    let (ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
    let mut v = common::Visitor {
        ws,
        _dir: std::marker::PhantomData,
    };
    v.send(&VisitorIn::Hello {
        token: None,
        site: None,
        language: None,
    })
    .await;
    v.recv().await;
    v
}

/// Proxies send UTF-8 city names as raw header bytes.
fn axum_header(text: &str) -> tokio_tungstenite::tungstenite::http::HeaderValue {
    tokio_tungstenite::tungstenite::http::HeaderValue::from_bytes(text.as_bytes()).unwrap()
}

async fn city_seen_by_operator(server: &TestServer) -> (Option<String>, Option<String>) {
    let token = server.operator_token("anna").await;
    let mut op = Operator::join(server, &token, None).await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    let mut visitor = visitor_with_geo_headers(server).await;
    visitor.say("m", "Добрый день").await;
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::ChatCreated { visitor, .. },
            ..
        } => Some((visitor.city.clone(), visitor.region.clone())),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn city_and_region_come_from_configured_proxy_headers_only() {
    let trusting = TestServer::start_with(|c| {
        c.proxy.city = Some("X-Geo-City".into());
        c.proxy.region = Some("X-Geo-Region".into());
    })
    .await;
    assert_eq!(
        city_seen_by_operator(&trusting).await,
        (Some("Казань".into()), Some("Татарстан".into()))
    );
    trusting.server.shutdown().await;

    // Without a proxy configured, the same headers are a visitor's forgery and are ignored.
    let plain = TestServer::start().await;
    assert_eq!(city_seen_by_operator(&plain).await, (None, None));
    plain.server.shutdown().await;
}
