//! What a console gets right after its snapshot (or, resuming, after `welcome`): the
//! departments, and after a snapshot the open transfer offers and the team chat's recent
//! lines; then the open chats whose visitor has left the site, and who looks at which chat.
//! Changes to each come live afterwards.

use axum::extract::ws::WebSocket;
use frontdesk_protocol::{AwayChat, OperatorInfo, OperatorOut, encode};

use super::AppState;
use super::operator_reads;
use super::socket::send;

pub async fn after_sync(
    socket: &mut WebSocket,
    app: &AppState,
    operator: &OperatorInfo,
    resumed: bool,
) -> anyhow::Result<()> {
    let departments = app
        .store
        .departments(&app.config.routing)
        .await
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "departments not read");
            Vec::new()
        });
    // The cap comes with them, so consoles can show each operator's load against it.
    let max_chats = Some(app.config.routing.max_chats).filter(|&cap| cap > 0);
    let frame = OperatorOut::Departments {
        departments,
        max_chats,
    };
    send(socket, &encode(&frame)).await?;
    // Offers not yet taken or turned down, so a console that just synced sees them too.
    if !resumed {
        let offers = app.store.transfer_offers().await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "transfer offers not read");
            Vec::new()
        });
        send(socket, &encode(&OperatorOut::TransferOffers { offers })).await?;
        send(socket, &operator_reads::team_recent(app, operator).await).await?;
    }
    // Whose visitor is gone from the site, also after a resume: a server start marks every
    // open chat's visitor gone without an event (their widgets come back within seconds,
    // each with an event), so a resume's replay does not tell it all.
    let live = app.store.live_chats().await.unwrap_or_else(|e| {
        tracing::error!(error = %e, "open chats not read for presence");
        Vec::new()
    });
    for frame in away_frames(&app.hub.site.away(live)) {
        send(socket, &frame).await?;
    }
    // Who looks at which chat now; changes come as they happen.
    for (operator_id, chat_id) in app.hub.viewing() {
        let frame = OperatorOut::OperatorViewing {
            operator_id,
            chat_id: Some(chat_id),
        };
        send(socket, &encode(&frame)).await?;
    }
    Ok(())
}

/// Away chats a `visitors_away` frame lists at most: about 45 KiB of JSON, within the
/// snapshot's frame size however many chats are open.
const AWAY_PER_FRAME: usize = 1_000;

/// The away list in frames of at most [`AWAY_PER_FRAME`] chats; one (empty) frame when none.
fn away_frames(chats: &[AwayChat]) -> Vec<String> {
    if chats.is_empty() {
        return vec![encode(&OperatorOut::VisitorsAway { chats: Vec::new() })];
    }
    chats
        .chunks(AWAY_PER_FRAME)
        .map(|part| {
            encode(&OperatorOut::VisitorsAway {
                chats: part.to_vec(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any number of open chats goes in frames the snapshot's size allows, none left out.
    #[test]
    fn the_away_list_comes_in_frames_of_bounded_size() {
        let chats: Vec<AwayChat> = (0..4_321)
            .map(|i| AwayChat {
                chat_id: i64::MAX - i,
                left_at: Some(i64::MAX - i),
            })
            .collect();
        let frames = away_frames(&chats);
        assert_eq!(frames.len(), 5);
        assert!(
            frames
                .iter()
                .all(|f| f.len() <= super::super::snapshot::FRAME_BYTES),
            "{:?}",
            frames.iter().map(String::len).collect::<Vec<_>>()
        );
        let listed: usize = frames
            .iter()
            .map(|f| match frontdesk_protocol::decode::<OperatorOut>(f) {
                Ok(OperatorOut::VisitorsAway { chats }) => chats.len(),
                other => panic!("{other:?}"),
            })
            .sum();
        assert_eq!(listed, chats.len());
        assert_eq!(away_frames(&[]).len(), 1, "an empty list is said too");
    }
}
