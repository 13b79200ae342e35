//! Operator presence follows consoles with a grace period: a console that drops and comes back
//! within it changes nothing for colleagues or visitors; one that stays away is offline after it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor};
use frontdesk_protocol::{EventBody, OperatorIn, OperatorOut, OperatorStatus, VisitorOut};

/// The next status change of operator `id` that `watcher` hears.
async fn next_status(watcher: &mut Operator, id: i64) -> OperatorStatus {
    watcher
        .until(|f| match f {
            OperatorOut::Event {
                event:
                    EventBody::OperatorStatusChanged {
                        operator_id,
                        status,
                        ..
                    },
                ..
            } if *operator_id == id => Some(*status),
            _ => None,
        })
        .await
}

#[tokio::test]
async fn a_console_back_within_the_grace_period_was_never_offline() {
    let server = TestServer::start_with(|c| c.presence.offline_grace_secs = 600).await;
    let (mut watcher, _) = Operator::in_sync(&server, &server.operator_token("lead").await).await;
    let token = server.operator_token("vera").await;
    let (vera, vera_id) = Operator::in_sync(&server, &token).await;
    assert_eq!(
        next_status(&mut watcher, vera_id).await,
        OperatorStatus::Online
    );
    drop(vera);
    let (mut vera, _) = Operator::in_sync(&server, &token).await;
    // Vera's next stored status is the one she sets now: no offline (or online) in between.
    vera.send(&OperatorIn::SetStatus {
        id: "away".into(),
        status: OperatorStatus::Away,
    })
    .await;
    assert_eq!(
        next_status(&mut watcher, vera_id).await,
        OperatorStatus::Away
    );
    server.server.shutdown().await;
}

#[tokio::test]
async fn a_console_that_stays_away_is_offline_after_the_grace_period() {
    let server = TestServer::start_with(|c| c.presence.offline_grace_secs = 1).await;
    let token = server.operator_token("vera").await;
    let (vera, vera_id) = Operator::in_sync(&server, &token).await;
    let (mut visitor, welcome) = Visitor::join(&server, None).await;
    assert!(
        matches!(
            welcome,
            VisitorOut::Welcome {
                operators_online: true,
                ..
            }
        ),
        "{welcome:?}"
    );
    let (mut watcher, _) = Operator::in_sync(&server, &server.operator_token("lead").await).await;
    drop(vera);
    assert_eq!(
        next_status(&mut watcher, vera_id).await,
        OperatorStatus::Offline
    );
    drop(watcher);
    // With the watcher gone too (after its own grace), the widget is told nobody is there.
    visitor
        .until(|f| match f {
            VisitorOut::Presence {
                operators_online, ..
            } => (!operators_online).then_some(()),
            _ => None,
        })
        .await;
    server.server.shutdown().await;
}

#[tokio::test]
async fn welcome_and_snapshot_say_the_operator_is_online_once_connected() {
    // Regression: `welcome` carried the status read before this socket made the operator
    // online, so a console showed itself as offline while it worked.
    let server = TestServer::start().await;
    let token = server.operator_token("vera").await;
    let mut op = Operator::join(&server, &token, None).await;
    let welcomed = op
        .until(|f| match f {
            OperatorOut::Welcome { operator, .. } => Some(operator.status),
            _ => None,
        })
        .await;
    assert_eq!(welcomed, frontdesk_protocol::OperatorStatus::Online);
    let listed = op
        .until(|f| match f {
            OperatorOut::Snapshot { operators, .. } => operators
                .iter()
                .find(|o| o.name == "vera")
                .map(|o| o.status),
            _ => None,
        })
        .await;
    assert_eq!(listed, frontdesk_protocol::OperatorStatus::Online);
    server.server.shutdown().await;
}

/// The next `presence` a visitor gets: (`operators_online`, `operators_status`).
async fn next_presence(visitor: &mut Visitor) -> (bool, Option<OperatorStatus>) {
    visitor
        .until(|f| match f {
            VisitorOut::Presence {
                operators_online,
                operators_status,
            } => Some((*operators_online, *operators_status)),
            _ => None,
        })
        .await
}

async fn set_status(op: &mut Operator, id: &str, status: OperatorStatus) {
    op.send(&OperatorIn::SetStatus {
        id: id.into(),
        status,
    })
    .await;
    op.until(|f| matches!(f, OperatorOut::Ack { id: i, .. } if i == id).then_some(()))
        .await;
}

#[tokio::test]
async fn visitors_are_told_online_then_away_then_offline() {
    use OperatorStatus::{Away, Offline, Online};
    let server = TestServer::start_with(|c| c.presence.offline_grace_secs = 0).await;
    let (mut visitor, welcome) = Visitor::join(&server, None).await;
    let VisitorOut::Welcome {
        operators_online: false,
        operators_status: Some(Offline),
        ..
    } = welcome
    else {
        panic!("nobody is there yet: {welcome:?}");
    };

    let (mut vera, _) = Operator::in_sync(&server, &server.operator_token("vera").await).await;
    assert_eq!(next_presence(&mut visitor).await, (true, Some(Online)));
    set_status(&mut vera, "s-1", Away).await;
    assert_eq!(next_presence(&mut visitor).await, (false, Some(Away)));
    // A visitor arriving now is told the same in its welcome.
    let (_, welcome) = Visitor::join(&server, None).await;
    assert!(
        matches!(
            welcome,
            VisitorOut::Welcome {
                operators_online: false,
                operators_status: Some(Away),
                ..
            }
        ),
        "{welcome:?}"
    );
    set_status(&mut vera, "s-2", Online).await;
    assert_eq!(next_presence(&mut visitor).await, (true, Some(Online)));

    // The best status wins: with a colleague online, Vera going away changes nothing for
    // visitors; when he leaves, the team is away; when she leaves too, nobody is there.
    let (lead, _) = Operator::in_sync(&server, &server.operator_token("lead").await).await;
    set_status(&mut vera, "s-3", Away).await;
    drop(lead);
    assert_eq!(next_presence(&mut visitor).await, (false, Some(Away)));
    drop(vera);
    assert_eq!(next_presence(&mut visitor).await, (false, Some(Offline)));
    server.server.shutdown().await;
}
