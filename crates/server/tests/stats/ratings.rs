//! A visitor rates a closed chat of theirs (`rate_chat`): the chat's operator hears it, a new
//! rating replaces the old, and statistics count the chat's last rating, whether the chat is
//! already summed up (`chat_facts`, written before it was rated) or not. Real sockets and file.

use std::time::Duration;

use frontdesk_protocol::stats::StatsReport;
use frontdesk_protocol::{
    ErrorCode, EventBody, OperatorIn, OperatorOut, OperatorRole, Rating, VisitorIn, VisitorOut,
};

use super::get;
use crate::common::{Operator, TestServer, Visitor};

fn rate(id: &str, chat_id: i64, rating: Rating, comment: Option<&str>) -> VisitorIn {
    VisitorIn::RateChat {
        id: id.into(),
        chat_id,
        rating,
        comment: comment.map(str::to_owned),
    }
}

fn refused(answer: &VisitorOut) -> Option<ErrorCode> {
    match answer {
        VisitorOut::Ack { .. } => None,
        VisitorOut::Error { code, .. } => Some(*code),
        other => panic!("{other:?}"),
    }
}

/// A chat of `v` answered by `op` and closed by the visitor; its id.
async fn answered_chat(v: &mut Visitor, op: &mut Operator, n: usize) -> i64 {
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = v.say(&format!("s{n}"), "Здравствуйте!").await
    else {
        panic!("no chat")
    };
    op.send(&OperatorIn::Accept {
        id: format!("a{n}"),
        chat_id,
    })
    .await;
    op.answer(&format!("a{n}")).await.unwrap();
    op.send(&OperatorIn::Message {
        id: format!("m{n}"),
        chat_id,
        text: "Добрый день!".into(),
    })
    .await;
    op.answer(&format!("m{n}")).await.unwrap();
    let close = VisitorIn::CloseChat {
        id: format!("c{n}"),
    };
    assert!(!refused_to(v, &format!("c{n}"), close).await, "closed");
    chat_id
}

/// Sends `frame`; whether it was refused.
async fn refused_to(v: &mut Visitor, id: &str, frame: VisitorIn) -> bool {
    refused(&v.send_and_ack(id, frame).await).is_some()
}

/// The period's good and bad ratings, as a supervisor reads them (an operator sees only their
/// departments' chats, and these are in the common queue).
async fn totals(server: &TestServer, lead: &str, began: i64) -> (u64, u64) {
    let (status, body) = get(server, lead, &format!("/api/stats?since={began}")).await;
    assert_eq!(status, 200, "{body}");
    let report: StatsReport = serde_json::from_value(body).unwrap();
    (report.total.rated_good, report.total.rated_bad)
}

/// Anna, an operator in sync (her token too), and a supervisor's token for the numbers.
async fn staffed(server: &TestServer) -> (String, Operator, String) {
    let token = server
        .operator_token_as("anna", "Анна", OperatorRole::Operator)
        .await;
    let (anna, _) = Operator::in_sync(server, &token).await;
    let lead = server
        .operator_token_as("lead", "Ирина", OperatorRole::Supervisor)
        .await;
    (token, anna, lead)
}

#[tokio::test]
async fn a_visitor_rates_a_closed_chat_and_the_operator_hears_it() {
    let server = TestServer::start_with(|c| c.limits.raise_rates(10_000)).await;
    let began = frontdesk_server::store::now_ms() - 1000;
    let (token, mut anna, lead) = staffed(&server).await;
    let (mut olga, welcome) = Visitor::join(&server, None).await;
    let olga_id = crate::common::visitor_id(&welcome);

    // Not while it is open.
    let VisitorOut::Ack {
        chat_id: Some(open),
        ..
    } = olga.say("s0", "Есть доставка в Казань?").await
    else {
        panic!("no chat")
    };
    let early = olga
        .send_and_ack("r0", rate("r0", open, Rating::Good, None))
        .await;
    assert_eq!(refused(&early), Some(ErrorCode::InvalidState));
    assert!(!refused_to(&mut olga, "c0", VisitorIn::CloseChat { id: "c0".into() }).await);

    let chat = answered_chat(&mut olga, &mut anna, 1).await;
    let comment = format!("  Спасибо, всё понятно {}", "!".repeat(600));
    assert!(
        !refused_to(
            &mut olga,
            "r1",
            rate("r1", chat, Rating::Good, Some(&comment))
        )
        .await
    );
    let (rating, said) = anna
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::ChatRated {
                        chat_id,
                        rating,
                        comment,
                    },
                ..
            } if *chat_id == chat => Some((*rating, comment.clone())),
            _ => None,
        })
        .await;
    assert_eq!(rating, Rating::Good);
    let said = said.expect("the comment");
    assert!(
        said.starts_with("Спасибо, всё понятно"),
        "trimmed: {said:?}"
    );
    assert!(
        said.chars().count() <= 500,
        "bounded: {}",
        said.chars().count()
    );

    // Another visitor cannot rate her chat; a blank comment is none.
    let (mut stranger, _) = Visitor::join(&server, None).await;
    let theirs = stranger
        .send_and_ack("x", rate("x", chat, Rating::Bad, None))
        .await;
    assert_eq!(refused(&theirs), Some(ErrorCode::NotFound));
    assert_eq!(totals(&server, &lead, began).await, (1, 0));

    // She thinks again: the new rating replaces the old.
    assert!(!refused_to(&mut olga, "r2", rate("r2", chat, Rating::Bad, Some("  "))).await);
    let blank = anna
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::ChatRated {
                        rating: Rating::Bad,
                        comment,
                        ..
                    },
                ..
            } => Some(comment.clone()),
            _ => None,
        })
        .await;
    assert_eq!(blank, None);
    assert_eq!(totals(&server, &lead, began).await, (0, 1));
    // Her card's earlier chats say it too.
    anna.send(&OperatorIn::VisitorChats {
        id: "vc".into(),
        visitor_id: olga_id,
        before: None,
        limit: 10,
    })
    .await;
    let listed = anna
        .until(|f| match f {
            OperatorOut::VisitorChats { id, chats, .. } if id == "vc" => Some(chats.clone()),
            _ => None,
        })
        .await;
    let ratings: Vec<_> = listed.iter().map(|c| (c.chat.id, c.rating)).collect();
    assert_eq!(ratings, [(chat, Some(Rating::Bad)), (open, None)]);
    // And its transcript (for export) carries the rating with what she first said.
    let (status, body) = get(&server, &token, &format!("/api/chats/{chat}/transcript")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rating"], "bad", "{body}");
    assert!(
        body.get("rating_comment").is_none(),
        "the blank comment replaced it: {body}"
    );

    // She may change her mind, not rate without end: five ratings a chat.
    for n in 3..=5 {
        let id = format!("r{n}");
        assert!(!refused_to(&mut olga, &id, rate(&id, chat, Rating::Good, None)).await);
    }
    let sixth = olga
        .send_and_ack("r6", rate("r6", chat, Rating::Bad, None))
        .await;
    assert_eq!(refused(&sixth), Some(ErrorCode::InvalidState));
    assert_eq!(
        totals(&server, &lead, began).await,
        (1, 0),
        "the fifth stands"
    );
    server.server.shutdown().await;
}

/// A chat summed up as it closed and rated afterwards counts its rating all the same.
#[tokio::test]
async fn a_rating_after_the_summary_still_counts() {
    let server = TestServer::start_with(|c| {
        c.limits.raise_rates(10_000);
        c.storage.checkpoint_interval_ms = 50;
    })
    .await;
    let began = frontdesk_server::store::now_ms() - 1000;
    let (_, mut anna, lead) = staffed(&server).await;
    let (mut olga, _) = Visitor::join(&server, None).await;
    let chat = answered_chat(&mut olga, &mut anna, 1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let mut db = server.db().await;
        let summed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chat_facts WHERE chat_id = ?")
            .bind(chat)
            .fetch_one(&mut db)
            .await
            .unwrap();
        sqlx::Connection::close(db).await.unwrap();
        if summed == 1 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never summed up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!refused_to(&mut olga, "r1", rate("r1", chat, Rating::Good, None)).await);
    assert_eq!(totals(&server, &lead, began).await, (1, 0));
    server.server.shutdown().await;
}
