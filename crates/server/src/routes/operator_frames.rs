//! What an operator's frame asks for, after `hello`: answered at once (ping, typing,
//! viewing), read (history, bans, the site card), or handed to the writer as a command.

use std::sync::Arc;

use frontdesk_protocol::{ErrorCode, OperatorIn, OperatorInfo, OperatorOut, decode, encode};

use super::AppState;
use super::answers::{Pending, ack_frame, error_frame, submit};
use super::operator_reads;
use super::socket::{already_said_hello, check_ban, check_text, read_command};
use crate::site::invite;
use crate::store::{Ack, BanRequest, ClientCommand, Cmd, InviteRequest, OperatorAction};

/// Handles one text frame. Quick answers come back at once; commands go to `pending`;
/// `watch_site` is left in `watch` for the loop, which owns the subscription.
pub(super) async fn handle(
    app: &Arc<AppState>,
    operator: &OperatorInfo,
    text: &str,
    pending: &mut Pending,
    watch: &mut Option<bool>,
) -> Option<String> {
    let limits = &app.config.limits;
    let (frame, hash) = match read_command::<_, OperatorOut>(text, limits, decode::<OperatorIn>) {
        Ok(read) => read,
        Err(refused) => return Some(refused),
    };
    let (client_id, action) = match frame {
        OperatorIn::Hello { .. } => return Some(already_said_hello::<OperatorOut>()),
        OperatorIn::Ping => return Some(encode(&OperatorOut::Pong)),
        OperatorIn::Typing { chat_id, typing } => {
            operator_reads::typing(app, operator, chat_id, typing).await;
            return None;
        }
        OperatorIn::Viewing { chat_id } => {
            app.hub.set_viewing(operator.id, chat_id);
            return None;
        }
        // Every operator may watch: the list shows what a chat's visitor card shows anyway.
        OperatorIn::WatchSite { on } => {
            *watch = Some(on);
            return None;
        }
        OperatorIn::Invite {
            id,
            visitor_id,
            text,
        } => {
            if let Err((code, message)) = check_text(&text, limits) {
                return Some(error_frame::<OperatorOut>(Some(id), code, message));
            }
            let request = InviteRequest {
                operator_id: Some(operator.id),
                visitor_id,
                text,
                rule: None,
                client_id: Some(id.clone()),
                period_ms: None,
            };
            let app = app.clone();
            pending.push_back(Box::pin(async move {
                match invite::send(&app.hub, &app.store, request).await {
                    Ok(_) => ack_frame::<OperatorOut>(id, Ack::default()),
                    Err(e) => error_frame::<OperatorOut>(Some(id), e.code, e.message),
                }
            }));
            return None;
        }
        OperatorIn::SiteCard { id, visitor_id } => {
            operator_reads::site_card(app, id, visitor_id, pending);
            return None;
        }
        OperatorIn::History {
            id,
            chat_id,
            before,
            limit,
        } => {
            operator_reads::history(app, operator, id, chat_id, before, limit, pending);
            return None;
        }
        OperatorIn::TeamHistory {
            id,
            with_operator,
            before,
            limit,
        } => {
            operator_reads::team_history(app, operator, id, with_operator, before, limit, pending);
            return None;
        }
        OperatorIn::VisitorChats {
            id,
            visitor_id,
            before,
            limit,
        } => {
            operator_reads::visitor_chats(app, operator, id, visitor_id, before, limit, pending);
            return None;
        }
        OperatorIn::Accept { id, chat_id } => (id, OperatorAction::Accept(chat_id)),
        OperatorIn::Message { id, text, .. }
        | OperatorIn::Note { id, text, .. }
        | OperatorIn::Whisper { id, text, .. }
        | OperatorIn::TeamMessage { id, text, .. }
            if check_text(&text, limits).is_err() =>
        {
            let (code, message) = check_text(&text, limits).err()?;
            return Some(error_frame::<OperatorOut>(Some(id), code, message));
        }
        // A transfer's note becomes a note in the chat: the same bound (a blank one is none).
        OperatorIn::Transfer {
            id,
            note: Some(text),
            ..
        }
        | OperatorIn::TransferToDepartment {
            id,
            note: Some(text),
            ..
        } if !text.trim().is_empty() && check_text(&text, limits).is_err() => {
            let (code, message) = check_text(&text, limits).err()?;
            return Some(error_frame::<OperatorOut>(Some(id), code, message));
        }
        OperatorIn::Message { id, chat_id, text } => {
            // Sending ends typing. The visitor's widget reads that from the message itself;
            // colleagues, who may never get the message (a plain operator does not read a
            // colleague's chat), are told, or they would see this operator typing for seconds.
            operator_reads::stopped_typing(app, operator, chat_id);
            (
                id,
                OperatorAction::Message {
                    chat_id,
                    text,
                    note: false,
                },
            )
        }
        OperatorIn::Note { id, chat_id, text } => (
            id,
            OperatorAction::Message {
                chat_id,
                text,
                note: true,
            },
        ),
        OperatorIn::Transfer {
            id,
            chat_id,
            to_operator,
            note,
        } => (
            id,
            OperatorAction::Transfer {
                chat_id,
                to: to_operator,
                note,
            },
        ),
        OperatorIn::TransferToDepartment {
            id,
            chat_id,
            department,
            note,
        } => (
            id,
            OperatorAction::TransferToDepartment {
                chat_id,
                department,
                note,
            },
        ),
        OperatorIn::AcceptTransfer { id, chat_id } => (id, OperatorAction::AcceptTransfer(chat_id)),
        OperatorIn::DeclineTransfer {
            id,
            chat_id,
            reason,
        } => (id, OperatorAction::DeclineTransfer { chat_id, reason }),
        OperatorIn::Close { id, chat_id } => (id, OperatorAction::Close(chat_id)),
        OperatorIn::SetStatus { id, status } => (id, OperatorAction::SetStatus(status)),
        OperatorIn::Ban {
            id,
            chat_id,
            duration_secs,
            reason,
            by_ip,
        } => {
            if let Err(message) = check_ban(duration_secs, &reason) {
                return Some(error_frame::<OperatorOut>(
                    Some(id),
                    ErrorCode::InvalidFrame,
                    message,
                ));
            }
            let request = BanRequest {
                chat_id,
                duration_secs,
                reason,
                by_ip,
            };
            (id, OperatorAction::Ban(request))
        }
        // Supervisors only, on an active chat: the writer checks both.
        OperatorIn::Whisper { id, chat_id, text } => {
            (id, OperatorAction::Whisper { chat_id, text })
        }
        OperatorIn::TeamMessage {
            id,
            to_operator,
            text,
        } => (
            id,
            OperatorAction::TeamMessage {
                to: to_operator,
                text,
            },
        ),
        OperatorIn::Unban { id, ban_id } => (id, OperatorAction::Unban(ban_id)),
        OperatorIn::ListBans { id, before } => {
            return operator_reads::bans(app, operator, id, before, pending);
        }
    };
    let command = Cmd::Operator(ClientCommand {
        actor_id: operator.id,
        client_id: client_id.clone(),
        body_hash: hash,
        action,
    });
    submit::<OperatorOut>(pending, app, client_id, command);
    None
}
