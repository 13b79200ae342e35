//! What an operator socket reads beyond the live stream, within read rights: a chat's history
//! (`forbidden` for a colleague's active chat, see `store/audience.rs`), a visitor's earlier
//! chats, the bans in force (supervisors only), the team chat's pages and its recent lines
//! after each snapshot; and typing, which reaches the visitor only from
//! the chat's own operator (a supervisor looking on shows nothing).

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, OperatorInfo, OperatorOut, OperatorRole, VisitorOut, encode};

use super::AppState;
use super::answers::{Pending, error_frame, read_failed};
use crate::hub::VisitorPush;
use crate::store::{ReadError, Reader};

/// Queues the answer to `history`.
pub fn history(
    app: &Arc<AppState>,
    operator: &OperatorInfo,
    id: String,
    chat_id: i64,
    before: Option<i64>,
    limit: u32,
    pending: &mut Pending,
) {
    let (app, reader) = (app.clone(), Reader::from(operator));
    pending.push_back(Box::pin(async move {
        match app.store.chat_history(reader, chat_id, before, limit).await {
            Ok(Some((messages, more))) => encode(&OperatorOut::History {
                id,
                chat_id,
                messages,
                more,
            }),
            Ok(None) => error_frame::<OperatorOut>(
                Some(id),
                ErrorCode::Forbidden,
                format!("chat {chat_id} is a colleague's: only they and supervisors read it"),
            ),
            Err(e) => read_failed::<OperatorOut>(id, e),
        }
    }));
}

/// Queues the answer to `visitor_chats`: a page of the visitor's chats the reader may read.
pub fn visitor_chats(
    app: &Arc<AppState>,
    operator: &OperatorInfo,
    id: String,
    visitor_id: i64,
    before: Option<i64>,
    limit: u32,
    pending: &mut Pending,
) {
    let (app, reader) = (app.clone(), Reader::from(operator));
    let read = async move {
        app.store
            .visitor_chats(reader, visitor_id, before, limit)
            .await
    };
    queue(pending, id, read, move |id, (chats, more)| {
        OperatorOut::VisitorChats {
            id,
            visitor_id,
            chats,
            more,
        }
    });
}

/// Queues the answer to `site_card`: the browser and page trail of a visitor on the on-site
/// list, which every operator may watch; `not_found` for anyone not on it.
pub fn site_card(app: &Arc<AppState>, id: String, visitor_id: i64, pending: &mut Pending) {
    if !app.hub.site.listed(visitor_id) {
        let message = format!("visitor {visitor_id} is not on the site");
        pending.push_back(Box::pin(std::future::ready(error_frame::<OperatorOut>(
            Some(id),
            ErrorCode::NotFound,
            message,
        ))));
        return;
    }
    let app = app.clone();
    pending.push_back(Box::pin(async move {
        match app.store.visitor_profile(visitor_id).await {
            Ok(Some(profile)) => {
                let (user_agent, pages) = crate::site::row::card(profile);
                encode(&OperatorOut::SiteCard {
                    id,
                    visitor_id,
                    user_agent,
                    pages,
                })
            }
            Ok(None) => error_frame::<OperatorOut>(
                Some(id),
                ErrorCode::NotFound,
                format!("visitor {visitor_id} is not known"),
            ),
            Err(e) => read_failed::<OperatorOut>(id, e),
        }
    }));
}

/// Queues the answer to `list_bans`, or answers at once that only a supervisor may list them.
pub fn bans(
    app: &Arc<AppState>,
    operator: &OperatorInfo,
    id: String,
    before: Option<i64>,
    pending: &mut Pending,
) -> Option<String> {
    if operator.role != OperatorRole::Supervisor {
        let message = "only a supervisor may list bans";
        return Some(error_frame::<OperatorOut>(
            Some(id),
            ErrorCode::Forbidden,
            message,
        ));
    }
    let app = app.clone();
    let read = async move { app.store.bans_in_force(before).await };
    queue(pending, id, read, |id, (bans, more)| OperatorOut::Bans {
        id,
        bans,
        more,
    });
    None
}

/// Queues the answer to `team_history`.
pub fn team_history(
    app: &Arc<AppState>,
    operator: &OperatorInfo,
    id: String,
    with_operator: Option<i64>,
    before: Option<i64>,
    limit: u32,
    pending: &mut Pending,
) {
    let (app, me) = (app.clone(), operator.id);
    let read = async move {
        app.store
            .team_history(me, with_operator, before, limit)
            .await
    };
    queue(pending, id, read, move |id, (messages, more)| {
        OperatorOut::TeamHistory {
            id,
            with_operator,
            messages,
            more,
        }
    });
}

/// Queues a read whose answer is one frame, or the read's error for request `id`.
fn queue<T, R>(
    pending: &mut Pending,
    id: String,
    read: R,
    answer: impl FnOnce(String, T) -> OperatorOut + Send + 'static,
) where
    R: Future<Output = Result<T, ReadError>> + Send + 'static,
{
    pending.push_back(Box::pin(async move {
        match read.await {
            Ok(found) => encode(&answer(id, found)),
            Err(e) => read_failed::<OperatorOut>(id, e),
        }
    }));
}

/// The `team_recent` frame for a console that just got its snapshot.
pub async fn team_recent(app: &AppState, operator: &OperatorInfo) -> String {
    let messages = app
        .store
        .team_recent(operator.id)
        .await
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "recent team lines not read");
            Vec::new()
        });
    encode(&OperatorOut::TeamRecent { messages })
}

/// Tells the other operators that this operator stopped typing in a chat (they sent it).
pub fn stopped_typing(app: &AppState, operator: &OperatorInfo, chat_id: i64) {
    app.hub.to_operators(encode(&OperatorOut::OperatorTyping {
        chat_id,
        operator_id: operator.id,
        typing: false,
    }));
}

/// Tells the other operators that this operator is typing in a chat, and the chat's visitor
/// too when this operator is the one the chat is with.
pub async fn typing(app: &AppState, operator: &OperatorInfo, chat_id: i64, typing: bool) {
    if let Ok(Some((visitor_id, Some(assignee)))) = app.store.chat_parties(chat_id).await
        && assignee == operator.id
    {
        let frame = encode(&VisitorOut::Typing {
            chat_id,
            typing,
            operator_name: Some(operator.display_name.clone()),
        });
        app.hub.push_visitor(
            visitor_id,
            Arc::new(VisitorPush {
                seq: None,
                frame: Arc::from(frame),
                close: false,
            }),
        );
    }
    app.hub.to_operators(encode(&OperatorOut::OperatorTyping {
        chat_id,
        operator_id: operator.id,
        typing,
    }));
}
