//! The visitor socket: origin check, hello (identity), then the visitor's own chat only.
//!
//! Visitor frames never name a chat: every command acts on the visitor's own open chat, so
//! one visitor's token cannot reach another's conversation by construction.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use frontdesk_protocol::{
    ErrorCode, OperatorOut, OperatorStatus, PrechatFields, Seq, VisitorIn, VisitorLimits,
    VisitorOut, encode,
};
use futures_util::StreamExt;
use tokio::time::Instant;

use super::AppState;
use super::answers::{self, Pending, error_frame, rate_limited_frame, read_failed, submit};
use super::client_ip::client_ip;
use super::client_slot::{ClientSlot, holding};
use super::socket::{
    self, BINARY_REFUSED, Heartbeat, Incoming, MAX_EXTRA_FIELDS, MAX_FIELD_CHARS, MAX_TITLE_CHARS,
    MAX_URL_CHARS, already_said_hello, bound, bound_opt, check_text, close, incoming, read_command,
    send,
};
use super::visitor_hello;
use crate::hub::VisitorPush;
use crate::limits::Scope;
use crate::store::{ClientCommand, Cmd, VisitorAction, VisitorIdentity};
use crate::visitor_queue::VisitorQueue;

/// How many messages of the open chat the welcome carries.
const WELCOME_MESSAGES: u32 = 200;
/// Typing frames closer together than this are dropped (the widget throttles anyway).
const TYPING_GAP: Duration = Duration::from_millis(100);

/// Who connected, from the HTTP upgrade request.
struct Peer {
    ip: IpAddr,
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
    if let Some(pending) = app
        .hub
        .site
        .connected(&profile, open_chat, crate::store::now_ms())
    {
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
    loop {
        tokio::select! {
            biased;
            _ = shutdown.changed() => {
                close(socket, 1001, "server shutting down").await;
                return Ok(());
            }
            push = pushes.next() => match push {
                Some(push) => {
                    if !deliver(socket, &push, seen).await? {
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
                // so the visitor sees its own message before the acknowledgement.
                while let Some(push) = pushes.try_next() {
                    if !deliver(socket, &push, seen).await? {
                        return Ok(());
                    }
                }
                send(socket, &answer).await?;
            }
            // Back-pressure: while the visitor's own answers pile up (a fast sender on a
            // slow link), its frames wait in TCP rather than queue without end here.
            message = socket.recv(), if pushes.may_read(pending.len()) => {
                heartbeat.heard();
                match incoming(socket, message).await {
                    Incoming::Text(text) => {
                        let reply = Box::pin(handle(app, peer, visitor_id, text.as_str(), &mut pending, &mut last_typing)).await;
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
        }
    }
}

async fn handle(
    app: &Arc<AppState>,
    peer: &Peer,
    visitor_id: i64,
    text: &str,
    pending: &mut Pending,
    last_typing: &mut Option<Instant>,
) -> Option<String> {
    let limits = &app.config.limits;
    let (frame, hash) = match read_command::<VisitorIn, VisitorOut>(text, limits) {
        Ok(read) => read,
        Err(refused) => return Some(refused),
    };
    let (client_id, action) = match frame {
        VisitorIn::Hello { .. } => return Some(already_said_hello::<VisitorOut>()),
        VisitorIn::Ping => return Some(encode(&VisitorOut::Pong)),
        VisitorIn::Typing { draft } => {
            if last_typing.is_none_or(|t| t.elapsed() >= TYPING_GAP) {
                *last_typing = Some(Instant::now());
                // The draft goes where the chat's messages go (`store/audience.rs`).
                if let Ok(Some((chat_id, readers))) = app.store.open_chat_readers(visitor_id).await
                {
                    let draft = bound(&draft, limits.max_message_chars);
                    let frame = encode(&OperatorOut::VisitorTyping { chat_id, draft });
                    app.hub.to_readers(readers, frame);
                }
            }
            return None;
        }
        VisitorIn::History { id, before, limit } => {
            let app = app.clone();
            pending.push_back(Box::pin(async move {
                match app.store.visitor_history(visitor_id, before, limit).await {
                    Ok((messages, more)) => encode(&VisitorOut::History { id, messages, more }),
                    Err(e) => read_failed::<VisitorOut>(id, e),
                }
            }));
            return None;
        }
        VisitorIn::PageView {
            id,
            url,
            title,
            referrer,
            search_query,
        } => (
            id,
            VisitorAction::PageView {
                url: bound(&url, MAX_URL_CHARS),
                title: bound_opt(title.as_deref(), MAX_TITLE_CHARS),
                referrer: bound_opt(referrer.as_deref(), MAX_URL_CHARS),
                search_query: bound_opt(search_query.as_deref(), MAX_TITLE_CHARS),
            },
        ),
        VisitorIn::Prechat { id, fields } => (id, VisitorAction::Prechat(bound_fields(fields))),
        VisitorIn::StartChat {
            id,
            text,
            department,
        } => {
            if let Some(t) = text.as_deref().filter(|t| !t.trim().is_empty())
                && let Err((code, message)) = check_text(t, limits)
            {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            let department = bound_opt(department.as_deref(), MAX_TITLE_CHARS);
            (id, VisitorAction::StartChat { text, department })
        }
        VisitorIn::Message { id, text } => {
            if let Err((code, message)) = check_text(&text, limits) {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            (id, VisitorAction::Message(text))
        }
        VisitorIn::CloseChat { id } => (id, VisitorAction::Close),
        VisitorIn::DismissInvitation { id, invitation_id } => {
            (id, VisitorAction::DismissInvitation(invitation_id))
        }
        VisitorIn::OfflineMessage {
            id,
            text,
            name,
            email,
        } => {
            if let Err((code, message)) = check_text(&text, limits) {
                return Some(error_frame::<VisitorOut>(Some(id), code, message));
            }
            let name = bound_opt(name.as_deref(), MAX_FIELD_CHARS);
            let email = bound_opt(email.as_deref(), MAX_FIELD_CHARS);
            (id, VisitorAction::Offline { text, name, email })
        }
    };
    // Only commands count against the rate: pings and typing are cheap and not stored.
    if let Err((scope, wait)) = app.limits.check(visitor_id, peer.ip) {
        let message = match scope {
            Scope::Visitor => format!(
                "too many messages: at most {} per second; wait a moment",
                limits.visitor_messages_per_sec
            ),
            Scope::Address => format!(
                "too many messages from your network: at most {} per second; wait a moment",
                limits.ip_messages_per_sec
            ),
        };
        return Some(rate_limited_frame::<VisitorOut>(
            Some(client_id),
            message,
            wait,
        ));
    }
    let dismiss = matches!(action, VisitorAction::DismissInvitation(_));
    let command = Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: client_id.clone(),
        body_hash: hash,
        action,
    });
    if dismiss {
        // The on-site list shows the invitation gone once it is recorded.
        let app = app.clone();
        pending.push_back(Box::pin(async move {
            let answer = app.store.run(command).await;
            if answer.is_ok() {
                app.hub.site.invitation_closed(visitor_id);
            }
            answers::answer_frame::<VisitorOut>(client_id, answer)
        }));
        return None;
    }
    submit::<VisitorOut>(pending, app, client_id, command);
    None
}

/// Writes a pushed frame the welcome did not carry; `false` when it closed the socket (a ban).
async fn deliver(
    socket: &mut WebSocket,
    push: &VisitorPush,
    seen: Seq,
) -> Result<bool, axum::Error> {
    if push.seq.is_none_or(|s| s > seen) {
        send(socket, &push.frame).await?;
    }
    if push.close {
        close(socket, 1008, "banned").await;
        return Ok(false);
    }
    Ok(true)
}

/// Bounds every pre-chat field and the number of site-defined ones.
fn bound_fields(fields: PrechatFields) -> PrechatFields {
    PrechatFields {
        name: bound_opt(fields.name.as_deref(), MAX_FIELD_CHARS),
        email: bound_opt(fields.email.as_deref(), MAX_FIELD_CHARS),
        phone: bound_opt(fields.phone.as_deref(), MAX_FIELD_CHARS),
        department: bound_opt(fields.department.as_deref(), MAX_FIELD_CHARS),
        extra: fields
            .extra
            .into_iter()
            .take(MAX_EXTRA_FIELDS)
            .map(|(k, v)| (bound(&k, 64), bound(&v, MAX_FIELD_CHARS)))
            .collect(),
    }
}
