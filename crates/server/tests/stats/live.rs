//! A history made over real WebSockets, read back at once: the server's own events (presence,
//! chat created, messages, closes) are what the numbers come from.

use frontdesk_protocol::stats::StatsReport;
use frontdesk_protocol::{OperatorIn, OperatorRole, VisitorIn, VisitorOut};

use super::{get, sales_and_support};
use crate::common::presence::presence_of;
use crate::common::{Operator, TestServer, Visitor};

/// Sends `frame` and waits for its ack; the chat it names.
async fn acked(v: &mut Visitor, id: &str, frame: VisitorIn) -> Option<i64> {
    v.send(&frame).await;
    v.until(|f| match f {
        VisitorOut::Ack { id: i, chat_id, .. } if i == id => Some(*chat_id),
        VisitorOut::Error { id: Some(i), .. } if i == id => panic!("{f:?}"),
        _ => None,
    })
    .await
}

fn start(id: &str, text: &str) -> VisitorIn {
    VisitorIn::StartChat {
        id: id.into(),
        text: Some(text.into()),
        department: Some("sales".into()),
    }
}

#[tokio::test]
async fn answered_missed_and_unanswered_over_real_sockets() {
    let server = TestServer::start_with(sales_and_support).await;
    let began = frontdesk_server::store::now_ms() - 1000;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut anna, _) = Operator::in_sync(&server, &token).await;

    let (mut olga, _) = Visitor::join(&server, None).await;
    let chat = acked(&mut olga, "s1", start("s1", "Здравствуйте!"))
        .await
        .unwrap();
    anna.send(&OperatorIn::Accept {
        id: "a1".into(),
        chat_id: chat,
    })
    .await;
    anna.answer("a1").await.unwrap();
    anna.send(&OperatorIn::Message {
        id: "m1".into(),
        chat_id: chat,
        text: "Добрый день!".into(),
    })
    .await;
    anna.answer("m1").await.unwrap();
    // Olga's last word gets no reply before she closes.
    olga.say("v2", "Спасибо, до свидания").await;
    acked(&mut olga, "c1", VisitorIn::CloseChat { id: "c1".into() }).await;

    // Pavel gives up before anyone answers: missed.
    let (mut pavel, _) = Visitor::join(&server, None).await;
    acked(&mut pavel, "s2", start("s2", "Есть кто-нибудь?")).await;
    acked(&mut pavel, "c2", VisitorIn::CloseChat { id: "c2".into() }).await;

    let (status, body) = get(&server, &token, &format!("/api/stats?since={began}")).await;
    assert_eq!(status, 200, "{body}");
    let report: StatsReport = serde_json::from_value(body).unwrap();
    let elapsed = frontdesk_server::store::now_ms() - began;
    let t = &report.total;
    assert_eq!(
        (t.chats_started, t.chats_answered, t.chats_missed),
        (2, 1, 1)
    );
    assert_eq!(
        (t.messages_from_visitors, t.messages_from_operators),
        (3, 1)
    );
    assert_eq!(
        t.last_message_unanswered, 2,
        "Olga's thanks and Pavel's question"
    );
    let first = t.first_response_median_ms.unwrap();
    assert!((0..=elapsed).contains(&first), "{first} of {elapsed}");
    assert_eq!(t.first_response_within_60s, 1);
    assert!(t.online_ms > 0 && t.online_ms <= elapsed, "{}", t.online_ms);
    // Pavel's chat was nobody's: it has a row of its own, last.
    let rows: Vec<_> = report
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.label.as_str()))
        .collect();
    assert_eq!(rows, [("anna", "Анна"), ("", "(nobody)")]);
    assert_eq!(report.groups[1].metrics.chats_missed, 1);
}

/// Who left the site before an answer is counted once, whatever came after (here, coming
/// back for the answer); who left after the answer is not.
#[tokio::test]
async fn visitors_who_left_before_an_answer_over_real_sockets() {
    let server = TestServer::start_with(|c| {
        sales_and_support(c);
        c.site.linger_secs = 0;
    })
    .await;
    let began = frontdesk_server::store::now_ms() - 1000;
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (mut anna, _) = Operator::in_sync(&server, &token).await;

    // Olga asks and closes the site before anyone answers; she comes back for the answer.
    let (mut olga, welcome) = Visitor::join(&server, None).await;
    let VisitorOut::Welcome {
        token: olga_token, ..
    } = welcome
    else {
        unreachable!()
    };
    let olga_chat = acked(&mut olga, "s1", start("s1", "Доставляете в Казань?"))
        .await
        .unwrap();
    drop(olga);
    assert!(!presence_of(&mut anna, olga_chat).await);
    let (_olga, _) = Visitor::join(&server, Some(olga_token)).await;
    anna.send(&OperatorIn::Message {
        id: "m1".into(),
        chat_id: olga_chat,
        text: "Да, за два дня.".into(),
    })
    .await;
    anna.answer("m1").await.unwrap();

    // Pavel gets his answer and then leaves: not left waiting.
    let (mut pavel, _) = Visitor::join(&server, None).await;
    let pavel_chat = acked(&mut pavel, "s2", start("s2", "Есть самовары?"))
        .await
        .unwrap();
    anna.send(&OperatorIn::Message {
        id: "m2".into(),
        chat_id: pavel_chat,
        text: "Есть, три модели.".into(),
    })
    .await;
    anna.answer("m2").await.unwrap();
    drop(pavel);
    assert!(!presence_of(&mut anna, pavel_chat).await);

    let (status, body) = get(&server, &token, &format!("/api/stats?since={began}")).await;
    assert_eq!(status, 200, "{body}");
    let report: StatsReport = serde_json::from_value(body).unwrap();
    assert_eq!(report.total.chats_started, 2);
    assert_eq!(report.total.chats_left_waiting, 1, "Olga only");
}
