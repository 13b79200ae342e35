//! What a console gets right after its snapshot (or, resuming, after `welcome`): the
//! departments, and after a snapshot the open transfer offers and the team chat's recent
//! lines; then the open chats whose visitor has left the site, and who looks at which chat.
//! Changes to each come live afterwards.

use axum::extract::ws::WebSocket;
use frontdesk_protocol::{OperatorInfo, OperatorOut, encode};

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
    // Whose visitor is gone from the site, also after a resume: presence is not replayed.
    let live = app.store.live_chats().await.unwrap_or_else(|e| {
        tracing::error!(error = %e, "open chats not read for presence");
        Vec::new()
    });
    let chats = app.hub.site.away(live);
    send(socket, &encode(&OperatorOut::VisitorsAway { chats })).await?;
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
