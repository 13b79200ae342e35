//! The operator socket: hello + resume (snapshot, replay or resync), then live events and
//! commands. Commands run concurrently with event delivery; their answers keep their order.

use std::sync::Arc;

use axum::Extension;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use frontdesk_protocol::{
    ErrorCode, ErrorReason, OperatorIn, OperatorInfo, OperatorOut, Replies, Seq, encode,
};
use futures_util::StreamExt;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

use super::AppState;
use super::after_sync::after_sync;
use super::answers::{Pending, error_frame};
use super::client_slot::{ClientSlot, holding};
use super::live::{self, catch_up};
use super::operator_frames;
use super::packer::{self, Packer, Wake};
use super::snapshot::send_snapshot;
use super::socket::{self, BINARY_REFUSED, Heartbeat, Incoming, close, incoming, send};
use crate::auth::hash_token;
use crate::site::Changes;
use crate::store::Reader;

/// `?watch=true`: a connection that only watches (`frontdesk tail`) and does not count for
/// presence, so a lead watching the desk is not shown online to visitors or given chats.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SocketQuery {
    #[serde(default)]
    watch: bool,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(app): State<Arc<AppState>>,
    Query(query): Query<SocketQuery>,
    slot: Option<Extension<ClientSlot>>,
) -> Response {
    // Operator sockets are few: a write buffer lets a packed burst of events go out in one
    // write (see `live`), where visitor sockets write each frame at once.
    socket::sized(ws, &app.config.limits)
        .write_buffer_size(64 * 1024)
        .on_upgrade(move |socket| holding(slot, session(socket, app, query.watch)))
}

async fn session(mut socket: WebSocket, app: Arc<AppState>, watch: bool) {
    let hello =
        socket::read_hello::<_, OperatorOut, _>(&mut socket, &app.config.connections, |frame| {
            match frame {
                OperatorIn::Hello {
                    token,
                    since,
                    pack_ms,
                } => Some((token, since, packer::pack_gap(pack_ms))),
                _ => None,
            }
        });
    let Some((token, since, pack)) = hello.await else {
        return;
    };
    let session = hash_token(&token);
    let operator = match app.store.session_operator(&session).await {
        Ok(Some(op)) => op,
        Ok(None) => {
            let _ = send(
                &mut socket,
                &error_frame::<OperatorOut>(
                    None,
                    ErrorCode::Unauthorized,
                    "unknown or expired session token; log in again",
                ),
            )
            .await;
            return close(&mut socket, 1008, "unauthorized").await;
        }
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            let _ = send(
                &mut socket,
                &error_frame::<OperatorOut>(None, ErrorCode::Internal, "try again"),
            )
            .await;
            return close(&mut socket, 1011, "internal error").await;
        }
    };
    let id = operator.id;
    if !watch {
        app.hub.operator_connected(&app.store, id).await;
    }
    // Connecting may have just made the operator online: `welcome` tells the status as it is
    // now, not as it was read before.
    let mut operator = operator;
    if let Ok(Some(now)) = app.store.session_operator(&session).await {
        operator.status = now.status;
    }
    if let Err(e) = serve(&mut socket, &app, operator, &session, since, pack).await {
        tracing::debug!(operator = id, error = %e, "operator socket ended");
    }
    if !watch {
        app.hub
            .operator_disconnected(&app.store, id, &app.config.presence)
            .await;
    }
}

/// How often an open socket looks whether its session still stands — ended by a logout
/// elsewhere, a new password or a disabled account (`frontdesk-server operator …`, possibly
/// from another process), or expired — and whether the account's role and display name are
/// still those the socket started with (its read rights, the name its lines go under).
const SESSION_CHECK: std::time::Duration = std::time::Duration::from_secs(5);

/// When a socket first looks: after one period and a part of another that the session's hash
/// picks, so sockets opened together (consoles coming back after a restart) do not all look
/// at the same moment, every time.
fn first_check(session: &str) -> std::time::Duration {
    let spread = session
        .get(..4)
        .and_then(|hex| u16::from_str_radix(hex, 16).ok())
        .unwrap_or(0);
    SESSION_CHECK + SESSION_CHECK.mul_f64(f64::from(spread) / 65_536.0)
}

/// The `error` before a socket whose session ended closes (1008).
fn session_ended() -> String {
    encode(&OperatorOut::error(
        None,
        ErrorCode::Unauthorized,
        "the session ended (logged out, a new password, the account disabled, or expired); \
         log in again"
            .to_owned(),
        None,
        Some(ErrorReason::SessionEnded),
    ))
}

/// Whether the account changed since the socket started in a way the socket cannot follow.
fn account_changed(now: &OperatorInfo, then: &OperatorInfo) -> bool {
    now.role != then.role || now.display_name != then.display_name
}

async fn serve(
    socket: &mut WebSocket,
    app: &Arc<AppState>,
    operator: OperatorInfo,
    session: &str,
    since: Option<Seq>,
    pack: std::time::Duration,
) -> anyhow::Result<()> {
    // Subscribe before reading the database: nothing can fall between the two.
    let mut events = app.hub.subscribe_events();
    let mut ephemeral = app.hub.subscribe_ephemeral();
    let head = app.hub.head();
    let oldest = head.saturating_sub(app.config.storage.replay_window);
    let resumable = since.filter(|s| *s <= head && *s >= oldest);
    send(
        socket,
        &encode(&OperatorOut::Welcome {
            operator: operator.clone(),
            head_seq: head,
            resumed: resumable.is_some(),
            max_message_chars: u32::try_from(app.config.limits.max_message_chars).ok(),
            mail_answers: app.config.mail.enabled(),
            form_labels: app.config.widget.prechat.own_labels(),
            close_after_left_secs: Some(app.config.presence.close_after_left_secs)
                .filter(|secs| *secs > 0),
        }),
    )
    .await?;
    let resumed = resumable.is_some();
    // What this socket may read: decided per event by a comparison (`store/audience.rs`).
    let reader = Reader::from(&operator);
    let mut last_sent = match (since, resumable) {
        (_, Some(s)) => {
            let mut last = s;
            catch_up(socket, app, reader, &mut last).await?;
            last
        }
        (Some(s), None) => {
            let reason = if s > head {
                format!(
                    "since {s} is newer than the newest event {head}; the server's data was replaced"
                )
            } else {
                format!(
                    "since {s} is older than the replay window (oldest kept: {})",
                    oldest + 1
                )
            };
            send(
                socket,
                &encode(&OperatorOut::Resync {
                    reason,
                    oldest_seq: oldest + 1,
                }),
            )
            .await?;
            send_snapshot(socket, app, reader).await?
        }
        (None, None) => send_snapshot(socket, app, reader).await?,
    };
    after_sync(socket, app, &operator, resumed).await?;

    let mut shutdown = app.shutdown.clone();
    let mut pending = Pending::new();
    let mut heartbeat = Heartbeat::new(&app.config.limits);
    let mut packer = Packer::new(Instant::now(), pack);
    // Changes to the on-site list, while this console watches it.
    let mut site: Option<broadcast::Receiver<Changes>> = None;
    let mut session_check = tokio::time::interval_at(
        tokio::time::Instant::now() + first_check(session),
        SESSION_CHECK,
    );
    // A socket held up (a large snapshot to a slow link) looks once, not once per tick missed.
    session_check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            biased;
            _ = shutdown.changed() => {
                close(socket, 1001, "server shutting down").await;
                return Ok(());
            }
            _ = session_check.tick() => match app.store.session_operator(session).await {
                Ok(None) => {
                    send(socket, &session_ended()).await?;
                    close(socket, 1008, "session ended").await;
                    return Ok(());
                }
                // The client connects again to get the account as it is now.
                Ok(Some(now)) if account_changed(&now, &operator) => {
                    close(socket, 1012, "account changed; connect again").await;
                    return Ok(());
                }
                _ => {}
            },
            event = events.recv(), if packer.ready(Instant::now()) => {
                if !live::deliver(socket, app, reader, &mut events, event, &mut last_sent, &mut packer).await? {
                    return Ok(());
                }
            }
            () = packer.wait(), if !packer.ready(Instant::now()) => {
                // A held burst that paused goes out now (its `quiet` after it), or, with
                // nothing held, the `quiet` frame alone.
                let commit_due = app.store.commit_due();
                if packer.woke(events.len(), commit_due, Instant::now()) == Wake::Quiet {
                    send(socket, &encode(&OperatorOut::Quiet)).await?;
                }
            }
            frame = ephemeral.recv() => match frame {
                Ok(frame) if frame.audience.admits(reader) => send(socket, &frame.frame).await?,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return Ok(()),
            },
            Some(answer) = pending.next(), if !pending.is_empty() => send(socket, &answer).await?,
            changes = next_site_change(&mut site) => match changes {
                Ok(frames) => {
                    for frame in frames.iter() {
                        send(socket, frame).await?;
                    }
                }
                // Fell behind: the whole list again is as good as the changes missed.
                Err(RecvError::Lagged(_)) => site = Some(watch_site(socket, app).await?),
                Err(RecvError::Closed) => site = None,
            },
            message = socket.recv() => {
                heartbeat.heard();
                match incoming(socket, message).await {
                    Incoming::Text(text) => {
                        let mut watch = None;
                        if let Some(reply) = operator_frames::handle(app, &operator, text.as_str(), &mut pending, &mut watch).await {
                            send(socket, &reply).await?;
                        }
                        match watch {
                            Some(true) => site = Some(watch_site(socket, app).await?),
                            Some(false) => site = None,
                            None => {}
                        }
                    }
                    Incoming::Binary => {
                        send(socket, &error_frame::<OperatorOut>(None, ErrorCode::InvalidFrame, BINARY_REFUSED)).await?;
                    }
                    Incoming::Control => {}
                    Incoming::Closed => return Ok(()),
                }
            }
            () = heartbeat.tick() => {
                if !heartbeat.beat(socket).await? {
                    return Ok(());
                }
            }
        }
    }
}

/// Subscribes to the on-site list's changes and sends the list as of that moment.
async fn watch_site(
    socket: &mut WebSocket,
    app: &AppState,
) -> anyhow::Result<broadcast::Receiver<Changes>> {
    let watch = app.hub.site.watch();
    for frame in &watch.list {
        send(socket, frame).await?;
    }
    Ok(watch.changes)
}

/// The next tick of on-site changes; never, while the console does not watch.
async fn next_site_change(
    site: &mut Option<broadcast::Receiver<Changes>>,
) -> Result<Changes, RecvError> {
    match site {
        Some(changes) => changes.recv().await,
        None => std::future::pending().await,
    }
}
