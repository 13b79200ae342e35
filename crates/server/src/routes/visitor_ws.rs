//! The visitor socket: origin check, hello (identity), then the visitor's own chat only.
//!
//! Visitor frames never name a chat: every command acts on the visitor's own open chat, so
//! one visitor's token cannot reach another's conversation by construction.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Extension;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use frontdesk_protocol::{
    ErrorCode, OperatorStatus, Seq, VisitorIn, VisitorLimits, VisitorOut, encode,
};
use futures_util::{FutureExt, StreamExt};
use tokio::time::Instant;

use super::AppState;
use super::answers::{Pending, error_frame};
use super::client_ip::client_ip;
use super::client_slot::{ClientSlot, holding};
use super::frame_pace::FramePace;
use super::socket::{
    self, BINARY_REFUSED, Heartbeat, Incoming, MAX_FIELD_CHARS, MAX_TITLE_CHARS, bound, bound_opt,
    close, feed, flush, incoming, send,
};
use super::{visitor_frames, visitor_hello};
use crate::hub::VisitorPush;
use crate::store::{Cmd, VisitorIdentity};
use crate::visitor_queue::VisitorQueue;

/// How many messages of the open chat the welcome carries.
const WELCOME_MESSAGES: u32 = 200;

/// Who connected, from the HTTP upgrade request.
pub(super) struct Peer {
    pub(super) ip: IpAddr,
    user_agent: Option<String>,
    city: Option<String>,
    region: Option<String>,
    origin_refused: Option<String>,
}

/// A header's text; proxies send UTF-8 city names as raw bytes, which `to_str` refuses.
fn header_text(headers: &HeaderMap, name: Option<&str>) -> Option<String> {
    let value = headers.get(name?)?;
    let text = String::from_utf8_lossy(value.as_bytes());
    let text = text.trim();
    (!text.is_empty()).then(|| bound(text, MAX_TITLE_CHARS))
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    State(app): State<Arc<AppState>>,
    slot: Option<Extension<ClientSlot>>,
) -> Response {
    let allowed = &app.config.limits.allowed_origins;
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    // Browsers always send Origin; a page on another site is refused. Clients without one
    // (scripts, the demo's simulated visitors) could forge it anyway.
    let origin_refused = origin
        .filter(|o| !allowed.is_empty() && !allowed.iter().any(|a| a == o))
        .map(str::to_owned);
    let proxy = &app.config.proxy;
    let peer = Peer {
        ip: client_ip(&headers, proxy, addr),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| bound(ua, MAX_FIELD_CHARS)),
        city: header_text(&headers, proxy.city.as_deref()),
        region: header_text(&headers, proxy.region.as_deref()),
        origin_refused,
    };
    socket::sized(ws, &app.config.limits)
        .on_upgrade(move |socket| holding(slot, session(socket, app, peer)))
}

async fn session(mut socket: WebSocket, app: Arc<AppState>, mut peer: Peer) {
    if let Some(origin) = &peer.origin_refused {
        let msg = format!("chat is not enabled for pages on {origin}");
        let _ = send(
            &mut socket,
            &error_frame::<VisitorOut>(None, ErrorCode::OriginNotAllowed, msg),
        )
        .await;
        return close(&mut socket, 1008, "origin not allowed").await;
    }
    let hello =
        socket::read_hello::<_, VisitorOut, _>(&mut socket, &app.config.connections, |frame| {
            match frame {
                VisitorIn::Hello {
                    token,
                    site,
                    language,
                } => Some((token, site, language)),
                _ => None,
            }
        });
    let Some((token, site, language)) = Box::pin(hello).await else {
        return;
    };
    let hello = Cmd::VisitorHello {
        token: token.map(|t| bound(&t, 128)),
        site: bound_opt(site.as_deref(), MAX_TITLE_CHARS),
        language: bound_opt(language.as_deref(), 35),
        // Only the database needs it; an idle socket should not carry it.
        user_agent: peer.user_agent.take(),
        ip: Some(peer.ip.to_string()),
        city: peer.city.take(),
        region: peer.region.take(),
        may_create: false,
    };
    // Large, one-off futures are boxed: the session future lives as long as the socket, and
    // its size is that of its largest state.
    let identity = match Box::pin(visitor_hello::identify(&app, peer.ip, hello)).await {
        Ok(identity) => identity,
        Err(refused) => {
            let _ = send(&mut socket, &refused.frame).await;
            return close(&mut socket, refused.close_code, refused.reason).await;
        }
    };
    let visitor_id = identity.visitor_id;
    let pushes = app.hub.register_visitor(visitor_id);
    // On the site now: listed before the first frame is read, so no page view is missed.
    let on_site = join_site(&app, &identity, &pushes).await;
    if let Err(e) = Box::pin(serve(&mut socket, &app, &peer, identity, &pushes)).await {
        tracing::debug!(visitor = visitor_id, error = %e, "visitor socket ended");
    }
    if on_site {
        app.hub
            .site
            .disconnected(visitor_id, crate::store::now_ms());
    }
    app.hub.unregister_visitor(visitor_id, &pushes);
}

/// Lists the visitor on the site, and queues their pending invitation for this socket too.
/// `false` when their profile could not be read (the chat works; the list misses them).
async fn join_site(app: &AppState, identity: &VisitorIdentity, pushes: &VisitorQueue) -> bool {
    let profile = match app.store.visitor_profile(identity.visitor_id).await {
        Ok(Some(profile)) => profile,
        Ok(None) => return false,
        Err(e) => {
            tracing::warn!(visitor = identity.visitor_id, error = %e, "could not read the visitor for the site list");
            return false;
        }
    };
    let open_chat = identity.open_chat.map(|c| c.0);
    let joined = app
        .hub
        .site
        .connected(&profile, open_chat, crate::store::now_ms());
    // Told before the socket's first frame is read: consoles hear they are back before
    // anything they write.
    if let Some(chat_id) = joined.came_back {
        crate::site::announce::presence(&app.store, chat_id, None).await;
    }
    if let Some(pending) = joined.invitation {
        let _ = pushes.push(crate::site::invite::frame(
            pending.id,
            pending.text,
            &pending.operator_name,
        ));
    }
    true
}

async fn serve(
    socket: &mut WebSocket,
    app: &Arc<AppState>,
    peer: &Peer,
    identity: VisitorIdentity,
    pushes: &VisitorQueue,
) -> anyhow::Result<()> {
    let visitor_id = identity.visitor_id;
    // Registered before this read: pushes up to `seen` are already in the welcome.
    let seen: Seq = app.hub.head();
    let messages = match identity.open_chat {
        Some((chat_id, _)) => {
            app.store
                .visitor_chat_messages(chat_id, WELCOME_MESSAGES)
                .await?
        }
        None => Vec::new(),
    };
    let limits = &app.config.limits;
    let team = app.hub.operators_status();
    send(
        socket,
        &encode(&VisitorOut::Welcome {
            visitor_id,
            token: identity.token,
            chat_id: identity.open_chat.map(|c| c.0),
            chat_status: identity.open_chat.map(|c| c.1),
            messages,
            operators_online: team == OperatorStatus::Online,
            operators_status: Some(team),
            limits: VisitorLimits {
                max_message_chars: u32::try_from(limits.max_message_chars).unwrap_or(u32::MAX),
                max_frame_bytes: u32::try_from(limits.max_frame_bytes).unwrap_or(u32::MAX),
            },
        }),
    )
    .await?;

    let mut shutdown = app.shutdown.clone();
    let mut pending = Pending::new();
    let mut heartbeat = Heartbeat::new(&app.config.limits);
    let mut last_typing: Option<Instant> = None;
    let mut pace = FramePace::new(app.config.limits.visitor_frames_per_sec);
    loop {
        let paused_until = pace.paused_until();
        tokio::select! {
            biased;
            _ = shutdown.changed() => {
                close(socket, 1001, "server shutting down").await;
                return Ok(());
            }
            push = pushes.next() => match push {
                Some(push) => {
                    // While a command of this socket waits for its answer, a push waits in the
                    // write buffer for it: the answer comes a moment later (the writer
                    // publishes a command's events just before it answers) and takes the push
                    // along, so a message's echo and its ack leave in one write.
                    let write = if pending.is_empty() { Write::Now } else { Write::Buffered };
                    if !deliver(socket, &push, seen, write).await? {
                        return Ok(());
                    }
                }
                // Dropped by the hub as too slow: the visitor reconnects and gets the state.
                None => {
                    close(socket, 1013, "too slow; reconnect").await;
                    return Ok(());
                }
            },
            Some(answer) = pending.next(), if !pending.is_empty() => {
                // The writer queued the command's events before it answered: they go first,
                // so the visitor sees its own message before the acknowledgement. All of
                // them leave in one write (the echo and the ack of a message: one packet),
                // and so do the answers of the same commit that are ready by now: a visitor
                // typing quickly has several messages in one commit.
                let mut answer = Some(answer);
                while let Some(ready) = answer.take() {
                    while let Some(push) = pushes.try_next() {
                        if !deliver(socket, &push, seen, Write::Buffered).await? {
                            return Ok(());
                        }
                    }
                    feed(socket, &ready).await?;
                    answer = pending.next().now_or_never().flatten();
                }
                flush(socket).await?;
            }
            // Back-pressure: while the visitor's own answers pile up (a fast sender on a
            // slow link), its frames wait in TCP rather than queue without end here.
            message = socket.recv(), if pushes.may_read(pending.len()) && paused_until.is_none() => {
                pace.read_one();
                heartbeat.heard();
                match incoming(socket, message).await {
                    Incoming::Text(text) => {
                        let reply = Box::pin(visitor_frames::handle(app, peer, visitor_id, text.as_str(), &mut pending, &mut last_typing)).await;
                        if let Some(reply) = reply {
                            send(socket, &reply).await?;
                        }
                    }
                    Incoming::Binary => {
                        send(socket, &error_frame::<VisitorOut>(None, ErrorCode::InvalidFrame, BINARY_REFUSED)).await?;
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
            // Past its frame rate the socket waits here, unread (`frame_pace.rs`).
            () = tokio::time::sleep_until(paused_until.unwrap_or_else(Instant::now)), if paused_until.is_some() => {
                pace.resume();
            }
        }
    }
}

/// Whether a frame goes out at once or waits in the socket's buffer for the next send.
#[derive(Clone, Copy)]
enum Write {
    Now,
    Buffered,
}

/// Writes a pushed frame the welcome did not carry; `false` when it closed the socket (a ban).
async fn deliver(
    socket: &mut WebSocket,
    push: &VisitorPush,
    seen: Seq,
    write: Write,
) -> Result<bool, axum::Error> {
    if push.seq.is_none_or(|s| s > seen) {
        match write {
            Write::Now => send(socket, &push.frame).await?,
            Write::Buffered => feed(socket, &push.frame).await?,
        }
    }
    if push.close {
        close(socket, 1008, "banned").await;
        return Ok(false);
    }
    Ok(true)
}
