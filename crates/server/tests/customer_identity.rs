//! A site vouches for its logged-in customer (`identify`): the hash is checked against the
//! server's `[identity] secret`, and a customer verified in two browsers is one customer on
//! the card — visits and chats counted together, the chats of both listed, and the widget's
//! history of both. Anything not vouched for is refused and nothing stored. Real server,
//! sockets and SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, visitor_id};
use frontdesk_protocol::{
    ErrorCode, EventBody, OperatorIn, OperatorOut, VisitorIn, VisitorOut, VisitorProfile,
};
use frontdesk_server::config::IdentityConfig;

const SECRET: &str = "0123456789abcdef0123456789abcdef-test-only";

fn signer() -> IdentityConfig {
    IdentityConfig {
        secret: SECRET.into(),
    }
}

async fn server_with_secret() -> TestServer {
    TestServer::start_with(|c| {
        c.identity.secret = SECRET.into();
        c.limits.raise_rates(10_000);
    })
    .await
}

fn identify(id: &str, customer_id: &str, hash: &str) -> VisitorIn {
    VisitorIn::Identify {
        id: id.into(),
        customer_id: customer_id.into(),
        hash: hash.into(),
    }
}

/// Sends `identify` for `customer_id` with a correct hash; the answer.
async fn vouch(v: &mut Visitor, id: &str, customer_id: &str) -> VisitorOut {
    let frame = identify(id, customer_id, &signer().sign(customer_id));
    v.send_and_ack(id, frame).await
}

fn code(answer: &VisitorOut) -> Option<ErrorCode> {
    match answer {
        VisitorOut::Ack { .. } => None,
        VisitorOut::Error { code, .. } => Some(*code),
        other => panic!("not an answer: {other:?}"),
    }
}

async fn customer_of(server: &TestServer, visitor_id: i64) -> Option<String> {
    let mut db = server.db().await;
    let c = sqlx::query_scalar("SELECT customer_id FROM visitors WHERE id = ?")
        .bind(visitor_id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    sqlx::Connection::close(db).await.unwrap();
    c
}

async fn operator(server: &TestServer) -> Operator {
    let token = server.operator_token("anna").await;
    Operator::in_sync(server, &token).await.0
}

/// The visitor as the next `visitor_updated` about `id` shows them.
async fn updated(op: &mut Operator, id: i64) -> VisitorProfile {
    op.until(|f| match f {
        OperatorOut::Event {
            event: EventBody::VisitorUpdated { visitor },
            ..
        } if visitor.id == id => Some(visitor.clone()),
        _ => None,
    })
    .await
}

/// What the widget would show of the visitor's earlier messages (`history`).
async fn history_of(v: &mut Visitor) -> Vec<frontdesk_protocol::Message> {
    v.send(&VisitorIn::History {
        id: "h".into(),
        before: None,
        limit: 10,
    })
    .await;
    v.until(|f| match f {
        VisitorOut::History { messages, .. } => Some(messages.clone()),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn a_customer_verified_in_two_browsers_is_one_customer_on_the_card() {
    let server = server_with_secret().await;
    let mut op = operator(&server).await;

    // At home: verified, a chat, gone.
    let (mut home, welcome) = Visitor::join(&server, None).await;
    let home_id = visitor_id(&welcome);
    assert_eq!(code(&vouch(&mut home, "i1", "shop-42").await), None);
    assert_eq!(
        updated(&mut op, home_id).await.customer_id.as_deref(),
        Some("shop-42")
    );
    assert!(matches!(
        home.say("m1", "Где мой заказ A-1043?").await,
        VisitorOut::Ack { .. }
    ));
    let close = VisitorIn::CloseChat { id: "c1".into() };
    assert!(matches!(
        home.send_and_ack("c1", close).await,
        VisitorOut::Ack { .. }
    ));

    // At work, another browser: a new visitor until the site vouches for her.
    let (mut work, welcome) = Visitor::join(&server, None).await;
    let work_id = visitor_id(&welcome);
    assert_ne!(work_id, home_id);
    assert_eq!(code(&vouch(&mut work, "i2", "shop-42").await), None);
    let card = updated(&mut op, work_id).await;
    assert_eq!(card.customer_id.as_deref(), Some("shop-42"));
    assert_eq!((card.visits, card.chats), (2, 1), "{card:?}");

    // Her chat from home is listed on the card of the browser at work…
    op.send(&OperatorIn::VisitorChats {
        id: "earlier".into(),
        visitor_id: work_id,
        before: None,
        limit: 10,
    })
    .await;
    let listed = op
        .until(|f| match f {
            OperatorOut::VisitorChats { id, chats, .. } if id == "earlier" => Some(chats.clone()),
            _ => None,
        })
        .await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].chat.visitor_id, home_id);

    // …and the widget at work shows her what she wrote at home.
    let history = history_of(&mut work).await;
    assert!(
        history.iter().any(|m| m.text == "Где мой заказ A-1043?"),
        "{history:?}"
    );

    // A visitor nobody vouched for sees only their own.
    let (mut stranger, welcome) = Visitor::join(&server, None).await;
    let theirs = history_of(&mut stranger).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    assert_eq!(customer_of(&server, visitor_id(&welcome)).await, None);
    server.server.shutdown().await;
}

#[tokio::test]
async fn what_the_site_did_not_vouch_for_is_refused_and_nothing_stored() {
    let server = server_with_secret().await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);

    let other_secret = IdentityConfig {
        secret: "another secret of the right length, 32+".into(),
    };
    let forged = identify("f1", "shop-42", &other_secret.sign("shop-42"));
    assert_eq!(
        code(&v.send_and_ack("f1", forged).await),
        Some(ErrorCode::Unauthorized)
    );
    // Someone else's hash does not open another id.
    let borrowed = identify("f2", "shop-43", &signer().sign("shop-42"));
    assert_eq!(
        code(&v.send_and_ack("f2", borrowed).await),
        Some(ErrorCode::Unauthorized)
    );
    for (n, bad_id) in ["", &"7".repeat(129), "shop\u{1b}[2J42"]
        .into_iter()
        .enumerate()
    {
        let frame = identify(&format!("b{n}"), bad_id, &signer().sign(bad_id));
        assert_eq!(
            code(&v.send_and_ack(&format!("b{n}"), frame).await),
            Some(ErrorCode::InvalidFrame),
            "{bad_id:?}"
        );
    }
    assert_eq!(customer_of(&server, id).await, None);
    // The longest id taken is taken.
    let longest = "7".repeat(128);
    assert_eq!(code(&vouch(&mut v, "ok", &longest).await), None);
    assert_eq!(customer_of(&server, id).await, Some(longest));
    server.server.shutdown().await;

    // A server with no secret verifies nobody.
    let server = TestServer::start().await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    assert_eq!(
        code(&vouch(&mut v, "i1", "shop-42").await),
        Some(ErrorCode::Forbidden)
    );
    assert_eq!(customer_of(&server, visitor_id(&welcome)).await, None);
    server.server.shutdown().await;
}

#[tokio::test]
async fn hashes_cannot_be_tried_faster_than_any_command() {
    let server = TestServer::start_with(|c| c.identity.secret = SECRET.into()).await;
    let (mut v, _) = Visitor::join(&server, None).await;
    let limit = frontdesk_server::config::Limits::default().visitor_messages_per_sec as usize;
    let wrong = "0".repeat(64);
    for n in 0..limit * 3 {
        v.send(&identify(&format!("g{n}"), "shop-42", &wrong)).await;
    }
    let answers = v.frames_within(std::time::Duration::from_millis(500)).await;
    let limited = answers
        .iter()
        .filter(|f| {
            matches!(
                f,
                VisitorOut::Error {
                    code: ErrorCode::RateLimited,
                    ..
                }
            )
        })
        .count();
    assert!(limited >= limit, "{answers:?}");
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_visitor_stays_the_customer_it_was_verified_as() {
    let server = server_with_secret().await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    assert_eq!(code(&vouch(&mut v, "i1", "shop-42").await), None);
    // Again the same: nothing to do.
    assert_eq!(code(&vouch(&mut v, "i2", "shop-42").await), None);
    // Another customer at this browser is a new visitor (the widget starts one), not this.
    assert_eq!(
        code(&vouch(&mut v, "i3", "shop-43").await),
        Some(ErrorCode::InvalidState)
    );
    assert_eq!(
        customer_of(&server, visitor_id(&welcome)).await.as_deref(),
        Some("shop-42")
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_customer_links_so_many_browsers_and_lets_the_oldest_go() {
    let server = server_with_secret().await;
    let mut ids = Vec::new();
    for n in 0..21 {
        let (mut v, welcome) = Visitor::join(&server, None).await;
        ids.push(visitor_id(&welcome));
        assert_eq!(
            code(&vouch(&mut v, &format!("i{n}"), "shop-42").await),
            None
        );
        // In order of last sign of life, a millisecond apart at least.
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let mut db = server.db().await;
    let linked: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM visitors WHERE customer_id = 'shop-42' ORDER BY id")
            .fetch_all(&mut db)
            .await
            .unwrap();
    sqlx::Connection::close(db).await.unwrap();
    assert_eq!(
        linked,
        ids[1..],
        "the first browser let go, the newest 20 kept"
    );
    server.server.shutdown().await;
}

/// Verified in a second browser while a chat is open in the first: the console showing that
/// chat's card hears the new count at once.
#[tokio::test]
async fn an_open_chats_card_hears_of_the_customers_new_browser() {
    let server = server_with_secret().await;
    let mut op = operator(&server).await;
    let (mut home, welcome) = Visitor::join(&server, None).await;
    let home_id = visitor_id(&welcome);
    assert_eq!(code(&vouch(&mut home, "i1", "shop-42").await), None);
    assert!(matches!(
        home.say("m1", "Где мой заказ?").await,
        VisitorOut::Ack { .. }
    ));
    let (mut work, _) = Visitor::join(&server, None).await;
    assert_eq!(code(&vouch(&mut work, "i2", "shop-42").await), None);
    let card = op
        .until(|f| match f {
            OperatorOut::Event {
                event: EventBody::VisitorUpdated { visitor },
                ..
            } if visitor.id == home_id && visitor.visits == 2 => Some(visitor.clone()),
            _ => None,
        })
        .await;
    assert_eq!(card.customer_id.as_deref(), Some("shop-42"));
    server.server.shutdown().await;
}
