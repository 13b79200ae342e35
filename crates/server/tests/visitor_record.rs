//! What the visitor card is built from, stored and read back: visits counted as the visitor
//! comes back, and an earlier chat's history with the operator's answers. Real server, real
//! sockets, and the real SQLite file, where "half an hour passes" by moving the visitor's
//! `last_seen` back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    ChatStatus, EventBody, OperatorIn, OperatorOut, Role, VisitorIn, VisitorOut, VisitorProfile,
};
use sqlx::Connection;

const MIN: i64 = 60_000;

/// Makes the visitor's last sign of life `minutes` older, as if that much time had passed.
async fn time_passes(server: &TestServer, visitor_id: i64, minutes: i64) {
    let mut db = server.db().await;
    let moved = sqlx::query("UPDATE visitors SET last_seen = last_seen - ? WHERE id = ?")
        .bind(minutes * MIN)
        .bind(visitor_id)
        .execute(&mut db)
        .await
        .unwrap()
        .rows_affected();
    assert_eq!(moved, 1);
    db.close().await.unwrap();
}

/// The visitor's last sign of life as stored.
async fn last_seen(server: &TestServer, visitor_id: i64) -> i64 {
    let mut db = server.db().await;
    let seen = sqlx::query_scalar("SELECT last_seen FROM visitors WHERE id = ?")
        .bind(visitor_id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    seen
}

/// Joins; returns the visitor, its token and id.
async fn arrive(server: &TestServer, token: Option<String>) -> (Visitor, String, i64) {
    let (v, welcome) = Visitor::join(server, token).await;
    let VisitorOut::Welcome {
        token, visitor_id, ..
    } = welcome
    else {
        unreachable!()
    };
    (v, token, visitor_id)
}

/// A chat started with `text` and ended by the visitor.
async fn chat_and_leave(v: &mut Visitor, id: &str, text: &str) {
    assert!(matches!(v.say(id, text).await, VisitorOut::Ack { .. }));
    let close = format!("{id}-close");
    v.send(&VisitorIn::CloseChat { id: close.clone() }).await;
    v.until(|f| matches!(f, VisitorOut::Ack { id, .. } if *id == close).then_some(()))
        .await;
}

async fn operator(server: &TestServer) -> Operator {
    let token = server.operator_token("anna").await;
    let mut op = Operator::join(server, &token, None).await;
    op.until(|f| matches!(f, OperatorOut::Snapshot { .. }).then_some(()))
        .await;
    op
}

/// The visitor as the next `chat_created` or `visitor_updated` event shows them.
async fn profile_event(op: &mut Operator) -> VisitorProfile {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::ChatCreated { visitor, .. } | EventBody::VisitorUpdated { visitor },
            ..
        } => Some(visitor.clone()),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn coming_back_after_half_an_hour_is_a_new_visit_and_consoles_hear_of_it() {
    let server = TestServer::start().await;
    let mut op = operator(&server).await;
    let (mut v, token, visitor_id) = arrive(&server, None).await;
    chat_and_leave(&mut v, "m1", "Блендер Vita 300 есть?").await;
    assert_eq!(profile_event(&mut op).await.visits, 1);
    drop(v);

    time_passes(&server, visitor_id, 31).await;
    let (_v, _, again) = arrive(&server, Some(token)).await;
    assert_eq!(again, visitor_id);
    // Consoles showing this visitor's earlier chat learn of the new visit at once.
    let seen = profile_event(&mut op).await;
    assert_eq!((seen.id, seen.visits, seen.chats), (visitor_id, 2, 1));
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_tab_left_open_and_used_again_later_is_a_new_visit() {
    let server = TestServer::start().await;
    let mut op = operator(&server).await;
    let (mut v, _, visitor_id) = arrive(&server, None).await;
    chat_and_leave(&mut v, "m1", "Блендер Vita 300 есть?").await;
    profile_event(&mut op).await;

    // The page stays open overnight (the socket too); the visitor writes again.
    time_passes(&server, visitor_id, 12 * 60).await;
    v.say("m2", "Здравствуйте, это снова я").await;
    let seen = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::ChatCreated { visitor, .. },
                ..
            } => Some(visitor.clone()),
            _ => None,
        })
        .await;
    assert_eq!((seen.visits, seen.chats), (2, 2), "{seen:?}");
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_chatting_visitor_is_written_down_as_seen_at_most_once_a_minute() {
    let server = TestServer::start().await;
    let (mut v, _, visitor_id) = arrive(&server, None).await;
    v.say("m1", "Здравствуйте").await;
    time_passes(&server, visitor_id, 2).await;
    let before = last_seen(&server, visitor_id).await;
    v.say("m2", "Есть доставка в Истру?").await;
    let seen = last_seen(&server, visitor_id).await;
    assert!(
        seen >= before + 2 * MIN,
        "two quiet minutes: written again ({before} -> {seen})"
    );
    // Moments later (in another millisecond) the row is left alone.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    v.say("m3", "И сколько стоит?").await;
    assert_eq!(last_seen(&server, visitor_id).await, seen);
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_long_conversation_is_one_visit() {
    let server = TestServer::start().await;
    let (mut v, token, visitor_id) = arrive(&server, None).await;
    v.say("m1", "Подскажите по доставке").await;
    // Twenty minutes into the chat the visitor is still writing…
    time_passes(&server, visitor_id, 20).await;
    v.say("m2", "А в Истру тоже?").await;
    // …and reloads the page fifteen minutes after that message.
    time_passes(&server, visitor_id, 15).await;
    drop(v);
    let (_v, _, _) = arrive(&server, Some(token)).await;

    let token = server.operator_token("anna").await;
    let mut op = Operator::join(&server, &token, None).await;
    let visits = op
        .until(|f| match f {
            OperatorOut::Snapshot { chats, .. } => Some(chats[0].visitor.visits),
            _ => None,
        })
        .await;
    assert_eq!(visits, 1, "active 15 minutes ago: the same visit");
    server.server.shutdown().await;
}

#[tokio::test]
async fn an_earlier_chats_history_holds_the_operators_answers() {
    let server = TestServer::start().await;
    let mut op = operator(&server).await;
    let (mut v, _, visitor_id) = arrive(&server, None).await;
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = v.say("m1", "Блендер Vita 300 есть?").await
    else {
        panic!("no chat")
    };
    op.send(&OperatorIn::Message {
        id: "r1".into(),
        chat_id,
        text: "Есть, четыре штуки.".into(),
    })
    .await;
    v.until(|f| {
        matches!(f, VisitorOut::Message { message } if message.author.role == Role::Operator)
            .then_some(())
    })
    .await;
    v.send(&VisitorIn::CloseChat { id: "c1".into() }).await;
    v.say("m2", "Снова я").await;

    op.send(&OperatorIn::History {
        id: "h".into(),
        chat_id,
        before: None,
        limit: 50,
    })
    .await;
    let lines = op
        .until(|f| match f {
            OperatorOut::History { messages, .. } => Some(
                messages
                    .iter()
                    .map(|m| (m.author.role, m.text.clone()))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .await;
    assert_eq!(
        lines,
        [
            (Role::Visitor, "Блендер Vita 300 есть?".to_owned()),
            (Role::Operator, "Есть, четыре штуки.".to_owned()),
        ]
    );
    op.send(&OperatorIn::VisitorChats {
        id: "vc".into(),
        visitor_id,
        before: None,
        limit: 10,
    })
    .await;
    let earlier = op
        .until(|f| match f {
            OperatorOut::VisitorChats { chats, .. } => Some(chats.clone()),
            _ => None,
        })
        .await;
    let first = earlier.iter().find(|c| c.chat.id == chat_id).unwrap();
    assert_eq!(first.chat.status, ChatStatus::Closed);
    assert_eq!(first.messages, 2);
    server.server.shutdown().await;
}

/// A visitor who keeps browsing (or a script sending page views at the command rate, for
/// days) grows the stored trail by a bounded amount: the newest pages are kept, as many as the
/// server keeps, and the card still shows the newest in order.
#[tokio::test]
async fn the_stored_page_trail_keeps_the_newest_pages_only() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let (mut v, _, visitor_id) = arrive(&server, None).await;
    let kept = frontdesk_server::PAGES_KEPT;
    let views = kept + 30;
    for n in 0..views {
        v.send(&VisitorIn::PageView {
            id: format!("p-{n}"),
            url: format!("https://shop.example/catalog/{n}"),
            title: None,
            referrer: None,
            search_query: None,
        })
        .await;
    }
    let last = format!("p-{}", views - 1);
    v.until(|f| matches!(f, VisitorOut::Ack { id, .. } if *id == last).then_some(()))
        .await;
    let mut db = server.db().await;
    let urls: Vec<String> =
        sqlx::query_scalar("SELECT url FROM page_views WHERE visitor_id = ? ORDER BY id")
            .bind(visitor_id)
            .fetch_all(&mut db)
            .await
            .unwrap();
    db.close().await.unwrap();
    let newest: Vec<String> = (views - kept..views)
        .map(|n| format!("https://shop.example/catalog/{n}"))
        .collect();
    assert_eq!(urls, newest);
    server.server.shutdown().await;
}

/// One form bounds its own fields; many forms must not add up to more than one may hold.
#[tokio::test]
async fn the_sites_own_fields_stay_bounded_over_many_forms() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let (mut v, _, visitor_id) = arrive(&server, None).await;
    let forms = 10;
    for form in 0..forms {
        let extra = (0..19)
            .map(|n| (format!("f{form}-{n}"), "x".repeat(400)))
            .chain([("order".to_owned(), format!("A-{form}"))])
            .collect();
        v.send(&VisitorIn::Prechat {
            id: format!("p-{form}"),
            fields: frontdesk_protocol::PrechatFields {
                extra,
                ..Default::default()
            },
        })
        .await;
    }
    let last = format!("p-{}", forms - 1);
    v.until(|f| matches!(f, VisitorOut::Ack { id, .. } if *id == last).then_some(()))
        .await;
    let mut db = server.db().await;
    let stored: String = sqlx::query_scalar("SELECT extra_fields FROM visitors WHERE id = ?")
        .bind(visitor_id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
    let stored: std::collections::BTreeMap<String, String> = serde_json::from_str(&stored).unwrap();
    assert!(
        stored.len() <= 20,
        "{} fields kept for one visitor",
        stored.len()
    );
    // A field the visitor already has is updated, whatever the others.
    assert_eq!(
        stored.get("order").map(String::as_str),
        Some("A-9"),
        "{stored:?}"
    );
    server.server.shutdown().await;
}
