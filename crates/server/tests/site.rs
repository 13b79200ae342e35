//! The on-site list and invitations, over real sockets: a watching console sees visitors
//! arrive, navigate and leave; a manual invitation reaches the visitor once and their answer
//! opens a chat already with the inviter; a dismissal is recorded; an automatic rule fires
//! once per period and only while someone is online; hits and conversions are counted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{Operator, TestServer, Visitor, posted, visitor_id};
use frontdesk_protocol::rest::InvitationStats;
use frontdesk_protocol::{
    ErrorCode, OperatorIn, OperatorOut, OperatorRole, Role, SiteVisitor, VisitorIn, VisitorOut,
};
use frontdesk_server::site::rules::InvitationRule;

/// Where the tests' visitors come from: a search for red shoes.
const FROM_SEARCH: Option<&str> = Some("https://www.google.com/search?q=red+shoes");

async fn server() -> TestServer {
    TestServer::start_with(|c| {
        c.site.linger_secs = 0;
        c.invitations.rules = vec![InvitationRule {
            name: "cart".into(),
            text: "Помочь с заказом?".into(),
            url: "https://shop.example/cart*".into(),
            seconds_on_page: 1,
            ..InvitationRule::default()
        }];
    })
    .await
}

async fn watch(op: &mut Operator) -> Vec<SiteVisitor> {
    op.send(&OperatorIn::WatchSite { on: true }).await;
    let mut rows = Vec::new();
    loop {
        match op.recv().await {
            OperatorOut::SitePart { visitors } => rows.extend(visitors),
            OperatorOut::SiteList { visitors } => {
                rows.extend(visitors);
                return rows;
            }
            _ => {}
        }
    }
}

/// The next change for `visitor`: its new row, or `None` when it left.
async fn change_of(op: &mut Operator, visitor: i64) -> Option<SiteVisitor> {
    op.until(|f| match f {
        OperatorOut::SiteVisitors { upsert, leave } => {
            if leave.contains(&visitor) {
                return Some(None);
            }
            upsert
                .iter()
                .rev()
                .find(|r| r.visitor_id == visitor)
                .map(|r| Some(r.clone()))
        }
        _ => None,
    })
    .await
}

#[tokio::test]
async fn a_watching_operator_sees_visitors_arrive_navigate_and_leave() {
    let server = server().await;
    let token = server.operator_token("anna").await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    assert!(watch(&mut op).await.is_empty());

    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);
    v.open_page("p1", "https://shop.example/", FROM_SEARCH)
        .await;
    let row = loop {
        let row = change_of(&mut op, id).await.expect("listed");
        if row.url.is_some() {
            break row;
        }
    };
    assert_eq!(row.url.as_deref(), Some("https://shop.example/"));
    assert_eq!(row.pages, 1);
    assert_eq!(row.search_query.as_deref(), Some("red shoes"));
    assert!(!row.returning && !row.chatting);

    v.open_page("p2", "https://shop.example/shoes", FROM_SEARCH)
        .await;
    let row = change_of(&mut op, id).await.expect("still listed");
    assert_eq!(row.url.as_deref(), Some("https://shop.example/shoes"));
    assert_eq!(
        row.title.as_deref(),
        Some("title of https://shop.example/shoes")
    );
    assert_eq!(row.pages, 2);

    // A second console starting to watch now gets the visitor in its list.
    let (mut other, _) = Operator::in_sync(&server, &token).await;
    let listed = watch(&mut other).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].url.as_deref(), Some("https://shop.example/shoes"));

    // Chatting shows; the last socket closing (no linger here) is a leave.
    let _ = v.say("m1", "Здравствуйте").await;
    let row = change_of(&mut op, id).await.expect("listed");
    assert!(row.chatting && !row.returning, "{row:?}");
    drop(v);
    assert_eq!(change_of(&mut op, id).await, None);

    // Stopped watching: no more changes.
    other.send(&OperatorIn::WatchSite { on: false }).await;
    let (mut v2, welcome) = Visitor::join(&server, None).await;
    let id2 = visitor_id(&welcome);
    v2.open_page("p1", "https://shop.example/", FROM_SEARCH)
        .await;
    let seen = other.frames_within(Duration::from_millis(1500)).await;
    let told = |f: &OperatorOut| match f {
        OperatorOut::SiteVisitors { upsert, .. } => upsert.iter().any(|r| r.visitor_id == id2),
        _ => false,
    };
    assert!(!seen.iter().any(told), "{seen:?}");
    // The console that still watches is told.
    assert!(change_of(&mut op, id2).await.is_some());
}

/// Invitations a visitor socket received within `wait`.
async fn invitations(v: &mut Visitor, wait: Duration) -> Vec<(i64, String, String)> {
    v.frames_within(wait)
        .await
        .into_iter()
        .filter_map(|frame| match frame {
            VisitorOut::Invitation {
                invitation_id,
                text,
                operator_name,
            } => Some((invitation_id, text, operator_name)),
            _ => None,
        })
        .collect()
}

async fn invite(op: &mut Operator, id: &str, visitor: i64, text: &str) -> Result<(), ErrorCode> {
    op.send(&OperatorIn::Invite {
        id: id.into(),
        visitor_id: visitor,
        text: text.into(),
    })
    .await;
    op.answer(id).await.map_err(|(code, _)| code)
}

async fn stats(server: &TestServer, token: &str) -> InvitationStats {
    get_json(server, token, "/api/invitations/stats").await
}

/// A supervisor's GET of `path`, which must succeed, as JSON.
async fn get_json<T: serde::de::DeserializeOwned>(
    server: &TestServer,
    token: &str,
    path: &str,
) -> T {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", server.server.http_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    res.json().await.unwrap()
}

#[tokio::test]
async fn an_invitation_reaches_the_visitor_once_and_the_answer_is_the_inviters_chat() {
    let server = server().await;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Supervisor)
        .await;
    let (mut op, anna) = Operator::in_sync(&server, &token).await;

    assert_eq!(
        invite(&mut op, "i0", 999, "Hello").await,
        Err(ErrorCode::NotFound),
        "nobody by that id is on the site"
    );
    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);
    v.open_page("p1", "https://shop.example/", FROM_SEARCH)
        .await;

    invite(&mut op, "i1", id, "Подсказать размер?")
        .await
        .unwrap();
    // The same command again stores and shows nothing new.
    invite(&mut op, "i1", id, "Подсказать размер?")
        .await
        .unwrap();
    let got = invitations(&mut v, Duration::from_millis(1500)).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "Подсказать размер?");
    assert_eq!(got[0].2, "Анна");
    assert_eq!(
        invite(&mut op, "i2", id, "Ещё раз").await,
        Err(ErrorCode::InvalidState),
        "one pending at a time"
    );

    // The answer opens a chat that is already Anna's, her invitation first.
    let answer = v.say("m1", "Да, 42-й").await;
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = answer
    else {
        panic!("{answer:?}");
    };
    let (accepted, _) = op.hears_accepted(chat_id).await;
    assert_eq!(accepted, anna);
    let first = op.until(|f| posted(f).map(|(_, m)| m)).await;
    assert_eq!(first.text, "Подсказать размер?");
    assert_eq!(first.author.role, Role::Operator);
    assert_eq!(first.author.operator_id, Some(anna));
    let second = op.until(|f| posted(f).map(|(_, m)| m)).await;
    assert_eq!(second.text, "Да, 42-й");
    assert_eq!(
        invite(&mut op, "i3", id, "Ещё").await,
        Err(ErrorCode::InvalidState),
        "a chatting visitor is not invited"
    );

    let counts = stats(&server, &token).await;
    let manual = counts.rules.iter().find(|r| r.rule.is_none()).unwrap();
    assert_eq!((manual.hits, manual.conversions), (1, 1));

    // The invitation is no answer: closed without a reply, the chat counts as missed, not
    // as answered at once.
    let closed = v
        .send_and_ack("c1", VisitorIn::CloseChat { id: "c1".into() })
        .await;
    assert!(matches!(closed, VisitorOut::Ack { .. }), "{closed:?}");
    let report: frontdesk_protocol::stats::StatsReport =
        get_json(&server, &token, "/api/stats?since=0").await;
    let t = &report.total;
    assert_eq!(
        (t.chats_started, t.chats_answered, t.chats_missed),
        (1, 0, 1),
        "{t:?}"
    );
    assert_eq!(
        (t.messages_from_visitors, t.messages_from_operators),
        (1, 0)
    );
    assert_eq!(t.first_response_median_ms, None);
}

#[tokio::test]
async fn a_dismissed_invitation_is_recorded_and_frees_the_visitor() {
    let server = server().await;
    let token = server
        .operator_token_as("boss", "Борис", OperatorRole::Supervisor)
        .await;
    let (mut op, _) = Operator::in_sync(&server, &token).await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);
    v.open_page("p1", "https://shop.example/", FROM_SEARCH)
        .await;
    invite(&mut op, "i1", id, "Вам помочь?").await.unwrap();
    let (invitation, ..) = invitations(&mut v, Duration::from_millis(800)).await[0].clone();

    v.send(&VisitorIn::DismissInvitation {
        id: "d1".into(),
        invitation_id: invitation,
    })
    .await;
    v.until(|f| matches!(f, VisitorOut::Ack { id, .. } if id == "d1").then_some(()))
        .await;
    // Dismissing again: nothing pending by that id.
    v.send(&VisitorIn::DismissInvitation {
        id: "d2".into(),
        invitation_id: invitation,
    })
    .await;
    let refused = v
        .until(|f| match f {
            VisitorOut::Error {
                id: Some(i), code, ..
            } if i == "d2" => Some(*code),
            _ => None,
        })
        .await;
    assert_eq!(refused, ErrorCode::NotFound);

    invite(&mut op, "i2", id, "А сейчас?").await.unwrap();
    let counts = stats(&server, &token).await;
    let manual = counts.rules.iter().find(|r| r.rule.is_none()).unwrap();
    assert_eq!(
        (manual.hits, manual.dismissed, manual.conversions),
        (2, 1, 0)
    );

    // A plain operator may not read the counts.
    let plain = server.operator_token("olga").await;
    let res = reqwest::Client::new()
        .get(format!(
            "{}/api/invitations/stats",
            server.server.http_url()
        ))
        .bearer_auth(plain)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn a_rule_fires_once_per_period_and_only_while_someone_is_online() {
    let server = server().await;
    let token = server
        .operator_token_as("vera", "Вера", OperatorRole::Supervisor)
        .await;
    let (mut v, welcome) = Visitor::join(&server, None).await;
    let id = visitor_id(&welcome);

    // Nobody online: the cart page's second passes, nothing is sent.
    v.open_page("p1", "https://shop.example/cart", FROM_SEARCH)
        .await;
    assert!(
        invitations(&mut v, Duration::from_millis(2500))
            .await
            .is_empty()
    );

    let (_op, _) = Operator::in_sync(&server, &token).await;
    // Not the cart: the rule does not match.
    v.open_page("p2", "https://shop.example/", FROM_SEARCH)
        .await;
    assert!(
        invitations(&mut v, Duration::from_millis(2000))
            .await
            .is_empty()
    );
    v.open_page("p3", "https://shop.example/cart?step=1", FROM_SEARCH)
        .await;
    let got = invitations(&mut v, Duration::from_millis(3000)).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "Помочь с заказом?");
    assert_eq!(got[0].2, "Вера");
    v.send(&VisitorIn::DismissInvitation {
        id: "d1".into(),
        invitation_id: got[0].0,
    })
    .await;

    // The same visitor back on the cart in a new tab: within the period, no second one.
    drop(v);
    let (mut v, _) = Visitor::join(&server, welcome_token(&welcome)).await;
    v.open_page("p4", "https://shop.example/cart", FROM_SEARCH)
        .await;
    assert!(
        invitations(&mut v, Duration::from_millis(2500))
            .await
            .is_empty()
    );

    let counts = stats(&server, &token).await;
    let cart = counts
        .rules
        .iter()
        .find(|r| r.rule.as_deref() == Some("cart"))
        .unwrap();
    assert_eq!((cart.hits, cart.conversions, cart.dismissed), (1, 0, 1));
    let _ = id;
}

fn welcome_token(welcome: &VisitorOut) -> Option<String> {
    match welcome {
        VisitorOut::Welcome { token, .. } => Some(token.clone()),
        _ => None,
    }
}
