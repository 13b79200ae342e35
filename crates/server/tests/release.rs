//! An operator who goes offline (the grace passed with no console) hands their chats back:
//! every console hears `chat_released`, the visitor a `released` line, an offer of the chat is
//! withdrawn, and in an automatic routing mode the chat goes to a colleague in the same commit.
//! Going offline by hand with the console open (`set_status`) keeps them; `[presence]
//! release_chats = false` keeps them too. After a restart, a holder who does not connect within
//! the grace hands theirs back as well.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorOut, OperatorStatus, SystemEvent, VisitorOut,
};
use frontdesk_server::routing::{RoutingConfig, RoutingMode};

async fn server(release_chats: bool, mode: RoutingMode) -> TestServer {
    TestServer::start_with(|c| {
        c.presence.offline_grace_secs = 0;
        c.presence.release_chats = release_chats;
        c.routing = RoutingConfig {
            mode,
            ..RoutingConfig::default()
        };
    })
    .await
}

/// A visitor with a chat: the socket and the chat's id.
async fn chat(server: &TestServer, text: &str) -> (Visitor, i64) {
    let (mut visitor, _) = Visitor::join(server, None).await;
    let chat_id = visitor.start_chat("start", text).await;
    (visitor, chat_id)
}

async fn accept(op: &mut Operator, id: &str, chat_id: i64) {
    op.send(&OperatorIn::Accept {
        id: id.into(),
        chat_id,
    })
    .await;
    op.answer(id).await.unwrap();
}

/// Waits until `watcher` hears operator `id` go offline.
async fn hears_offline(watcher: &mut Operator, id: i64) {
    watcher
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::OperatorStatusChanged {
                        operator_id,
                        status: OperatorStatus::Offline,
                        ..
                    },
                ..
            } if *operator_id == id => Some(()),
            _ => None,
        })
        .await;
}

/// The next chat released that `watcher` hears, with whose it was.
async fn next_released(watcher: &mut Operator) -> (i64, i64) {
    watcher
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::ChatReleased {
                        chat_id,
                        operator_id,
                    },
                ..
            } => Some((*chat_id, *operator_id)),
            _ => None,
        })
        .await
}

/// (status, operator) of chat `id`, and whether an offer of it is open, as stored.
async fn stored(server: &TestServer, id: i64) -> (String, Option<i64>, bool) {
    let mut db = server.db().await;
    let (status, operator): (String, Option<i64>) =
        sqlx::query_as("SELECT status, operator_id FROM chats WHERE id = ?")
            .bind(id)
            .fetch_one(&mut db)
            .await
            .unwrap();
    let offers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM transfer_offers WHERE chat_id = ?")
        .bind(id)
        .fetch_one(&mut db)
        .await
        .unwrap();
    (status, operator, offers > 0)
}

#[tokio::test]
async fn an_operator_gone_offline_hands_their_chats_back_to_the_queue() {
    let server = server(true, RoutingMode::Manual).await;
    let (mut lead, lead_id) =
        Operator::in_sync(&server, &server.operator_token("lead").await).await;
    let (mut vera, vera_id) =
        Operator::in_sync(&server, &server.operator_token("vera").await).await;
    let (mut first, first_chat) = chat(&server, "Где мой заказ?").await;
    let (_second, second_chat) = chat(&server, "Нужен счёт для юрлица").await;
    accept(&mut vera, "a-1", first_chat).await;
    accept(&mut vera, "a-2", second_chat).await;
    vera.send(&OperatorIn::Transfer {
        id: "t-1".into(),
        chat_id: second_chat,
        to_operator: lead_id,
        note: Some("Счёт: реквизиты в чате".into()),
    })
    .await;
    vera.answer("t-1").await.unwrap();

    // Offline by hand with the console open (invisible): her chats stay hers.
    vera.send(&OperatorIn::SetStatus {
        id: "s-1".into(),
        status: OperatorStatus::Offline,
    })
    .await;
    vera.answer("s-1").await.unwrap();
    hears_offline(&mut lead, vera_id).await;
    assert_eq!(
        stored(&server, first_chat).await,
        ("active".into(), Some(vera_id), false)
    );

    // Her console goes: both chats wait again, oldest first, the offer withdrawn.
    drop(vera);
    assert_eq!(next_released(&mut lead).await, (first_chat, vera_id));
    assert_eq!(next_released(&mut lead).await, (second_chat, vera_id));
    for id in [first_chat, second_chat] {
        assert_eq!(stored(&server, id).await, ("waiting".into(), None, false));
    }
    let line = first
        .until(|f| match f {
            VisitorOut::System {
                chat_id,
                event: SystemEvent::Released,
                operator_name,
                ..
            } => Some((*chat_id, operator_name.clone())),
            _ => None,
        })
        .await;
    assert_eq!(line, (first_chat, None));

    // Anyone may take it now; the visitor is told who.
    accept(&mut lead, "a-3", first_chat).await;
    let joined = first
        .until(|f| match f {
            VisitorOut::System {
                event: SystemEvent::Joined,
                operator_name,
                ..
            } => Some(operator_name.clone()),
            _ => None,
        })
        .await;
    assert_eq!(joined.as_deref(), Some("lead display"));
    server.server.shutdown().await;
}

#[tokio::test]
async fn with_routing_a_released_chat_goes_to_a_colleague_at_once() {
    let server = server(true, RoutingMode::LeastLoaded).await;
    let (mut anna, anna_id) =
        Operator::in_sync(&server, &server.operator_token("anna").await).await;
    let (mut visitor, chat_id) = chat(&server, "Не проходит оплата").await;
    let (holder, _) = anna.hears_accepted(chat_id).await;
    assert_eq!(holder, anna_id, "the only one online gets it");
    let (mut boris, boris_id) =
        Operator::in_sync(&server, &server.operator_token("boris").await).await;
    drop(anna);
    assert_eq!(next_released(&mut boris).await, (chat_id, anna_id));
    assert_eq!(boris.hears_accepted(chat_id).await, (boris_id, true));
    assert_eq!(
        stored(&server, chat_id).await,
        ("active".into(), Some(boris_id), false)
    );
    // The visitor (anna's `joined` may have come before the start's acknowledgement): the
    // chat was released, then boris joined.
    let mut lines = Vec::new();
    while lines.last() != Some(&(SystemEvent::Joined, Some("boris display".to_owned()))) {
        let line = visitor
            .until(|f| match f {
                VisitorOut::System {
                    event,
                    operator_name,
                    ..
                } => Some((*event, operator_name.clone())),
                _ => None,
            })
            .await;
        if line != (SystemEvent::Joined, Some("anna display".into())) {
            lines.push(line);
        }
    }
    lines.retain(|(event, _)| *event != SystemEvent::Started);
    assert_eq!(
        lines,
        [
            (SystemEvent::Released, None),
            (SystemEvent::Joined, Some("boris display".into())),
        ]
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn with_release_off_an_operator_gone_offline_keeps_their_chats() {
    let server = server(false, RoutingMode::Manual).await;
    let (mut lead, _) = Operator::in_sync(&server, &server.operator_token("lead").await).await;
    let (mut vera, vera_id) =
        Operator::in_sync(&server, &server.operator_token("vera").await).await;
    let (_visitor, chat_id) = chat(&server, "Здравствуйте").await;
    accept(&mut vera, "a-1", chat_id).await;
    drop(vera);
    // Going offline and releasing are one commit: once the status is heard, nothing follows.
    hears_offline(&mut lead, vera_id).await;
    assert_eq!(
        stored(&server, chat_id).await,
        ("active".into(), Some(vera_id), false)
    );
    server.server.shutdown().await;
}

/// After a restart nobody is connected: an operator who had chats and stays away past the
/// grace hands them back; one who comes back in time keeps theirs.
#[tokio::test]
async fn after_a_restart_only_an_operator_who_stays_away_hands_their_chats_back() {
    let config = |c: &mut frontdesk_server::Config| {
        c.presence.offline_grace_secs = 2;
        c.presence.release_chats = true;
    };
    let first = TestServer::start_with(config).await;
    // Boris first: the lower id, looked at first, so a wrong release of his would come first.
    let boris_token = first.operator_token("boris").await;
    let vera_token = first.operator_token("vera").await;
    let (mut boris, boris_id) = Operator::in_sync(&first, &boris_token).await;
    let (mut vera, vera_id) = Operator::in_sync(&first, &vera_token).await;
    let (_asks, veras_chat) = chat(&first, "Где мой заказ?").await;
    let (_pays, boris_chat) = chat(&first, "Нужен счёт для юрлица").await;
    accept(&mut vera, "a-1", veras_chat).await;
    accept(&mut boris, "a-2", boris_chat).await;

    let server = first.restart_with(config).await;
    let (mut boris, _) = Operator::in_sync(&server, &boris_token).await;
    let (_new, new_chat) = chat(&server, "А самовывоз есть?").await;
    assert_eq!(next_released(&mut boris).await, (veras_chat, vera_id));
    assert_eq!(
        stored(&server, veras_chat).await,
        ("waiting".into(), None, false)
    );
    assert_eq!(
        stored(&server, boris_chat).await,
        ("active".into(), Some(boris_id), false)
    );

    // A console that connects now is told when her chat went back, so its wait counts from
    // then; of a chat waiting since it started, or taken, nothing is said.
    let chats = snapshot_chats(&server, &boris_token).await;
    let queued_at = |id: i64| {
        chats
            .iter()
            .find(|c| c.id == id)
            .expect("in the snapshot")
            .queued_at
    };
    let mut db = server.db().await;
    let went_back: i64 = sqlx::query_scalar("SELECT queued_at FROM chats WHERE id = ?")
        .bind(veras_chat)
        .fetch_one(&mut db)
        .await
        .unwrap();
    let veras = chats.iter().find(|c| c.id == veras_chat).unwrap();
    assert!(went_back > veras.created_at);
    assert_eq!(queued_at(veras_chat), Some(went_back));
    assert_eq!(queued_at(new_chat), None);
    assert_eq!(queued_at(boris_chat), None);
    server.server.shutdown().await;
}

/// The chats of a snapshot a console connecting with `token` gets.
async fn snapshot_chats(server: &TestServer, token: &str) -> Vec<frontdesk_protocol::Chat> {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| match f {
        OperatorOut::Snapshot { chats, .. } => Some(chats.iter().map(|c| c.chat.clone()).collect()),
        _ => None,
    })
    .await
}
