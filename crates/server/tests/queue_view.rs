//! What the console's queue view needs from the server, over real sockets: since when each
//! operator has had their status (in the snapshot, and as the status event's time) and the
//! routing cap in the `departments` frame.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer};
use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus,
};

/// The operators of the next snapshot a fresh socket of `token` gets.
async fn snapshot_operators(server: &TestServer, token: &str) -> Vec<OperatorInfo> {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| match f {
        OperatorOut::Snapshot { operators, .. } => Some(operators.clone()),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn status_since_follows_each_change_and_comes_in_the_snapshot() {
    let server = TestServer::start().await;
    let anna = server.operator_token("anna").await;
    let boris = server.operator_token("boris").await;
    let (mut a, _) = Operator::in_sync(&server, &anna).await;
    let (mut b, boris_id) = Operator::in_sync(&server, &boris).await;
    // Boris came online: Anna sees the event, and its time is the status's start.
    let online_at = a
        .until(|f| match f {
            OperatorOut::Event {
                ts,
                event:
                    EventBody::OperatorStatusChanged {
                        operator_id,
                        status: OperatorStatus::Online,
                        ..
                    },
                ..
            } if *operator_id == boris_id => Some(*ts),
            _ => None,
        })
        .await;
    b.send(&OperatorIn::SetStatus {
        id: "away-1".into(),
        status: OperatorStatus::Away,
    })
    .await;
    b.answer("away-1").await.expect("away");
    let away_at = a
        .until(|f| match f {
            OperatorOut::Event {
                ts,
                event:
                    EventBody::OperatorStatusChanged {
                        operator_id,
                        status: OperatorStatus::Away,
                        ..
                    },
                ..
            } if *operator_id == boris_id => Some(*ts),
            _ => None,
        })
        .await;
    assert!(away_at >= online_at);
    let operators = snapshot_operators(&server, &anna).await;
    let boris_row = operators.iter().find(|o| o.id == boris_id).expect("boris");
    assert_eq!(boris_row.status, OperatorStatus::Away);
    assert_eq!(boris_row.status_since, Some(away_at));
    // Setting the same status again changes nothing, the start included.
    b.send(&OperatorIn::SetStatus {
        id: "away-2".into(),
        status: OperatorStatus::Away,
    })
    .await;
    b.answer("away-2").await.expect("away again");
    let operators = snapshot_operators(&server, &anna).await;
    let boris_row = operators.iter().find(|o| o.id == boris_id).expect("boris");
    assert_eq!(boris_row.status_since, Some(away_at));
}

/// The `departments` frame after the snapshot of a console of `token`.
async fn departments_frame(server: &TestServer, token: &str) -> OperatorOut {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| matches!(f, OperatorOut::Departments { .. }).then(|| f.clone()))
        .await
}

#[tokio::test]
async fn the_departments_frame_carries_the_cap_when_there_is_one() {
    let capped = TestServer::start_with(|c| c.routing.max_chats = 3).await;
    let token = capped.operator_token("anna").await;
    let OperatorOut::Departments { max_chats, .. } = departments_frame(&capped, &token).await
    else {
        unreachable!()
    };
    assert_eq!(max_chats, Some(3));

    let open = TestServer::start().await;
    let token = open.operator_token("anna").await;
    let frame = departments_frame(&open, &token).await;
    assert_eq!(
        frame,
        OperatorOut::Departments {
            departments: vec![],
            max_chats: None
        }
    );
    // No cap: the field is left out, so an older console parses the frame as before.
    let text = frontdesk_protocol::encode(&frame);
    assert!(!text.contains("max_chats"), "{text}");
}

/// A colleague whose account was added after our snapshot comes with their first status
/// event, named, so the queue view and transfers can list them without a new snapshot.
#[tokio::test]
async fn a_colleague_added_while_we_are_connected_is_named_by_their_status_event() {
    let server = TestServer::start().await;
    let anna = server.operator_token("anna").await;
    let (mut a, _) = Operator::in_sync(&server, &anna).await;
    let boris = server
        .operator_token_as("boris", "Борис", OperatorRole::Operator)
        .await;
    let (_b, boris_id) = Operator::in_sync(&server, &boris).await;
    let told = a
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::OperatorStatusChanged {
                        operator_id,
                        operator,
                        ..
                    },
                ..
            } if *operator_id == boris_id => Some(operator.clone()),
            _ => None,
        })
        .await
        .expect("the operator with the event");
    assert_eq!(
        (told.name.as_str(), told.display_name.as_str()),
        ("boris", "Борис")
    );
    assert_eq!(
        (told.role, told.status),
        (OperatorRole::Operator, OperatorStatus::Online)
    );
}
