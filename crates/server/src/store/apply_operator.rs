//! What operator commands do to the database, and the events they leave.

use frontdesk_protocol::{
    Author, Chat, ChatStatus, ErrorCode, ErrorReason, EventBody, MessageKind, OperatorInfo,
    OperatorRole, OperatorStatus, Role, SystemEvent,
};

use rusqlite::params;

use super::emit::{Refs, Tx};
use super::{Ack, NewFile, OpError, OperatorAction};
use super::{bans, lifecycle, mail_outbox, routing, team, transfers};
use super::{rows, sql, writer_rows};

pub fn action(
    tx: &mut Tx<'_>,
    operator_id: i64,
    client_id: &str,
    action: &OperatorAction,
) -> Result<Ack, OpError> {
    let me = writer_rows::operator(tx.conn, operator_id)?
        .ok_or_else(|| OpError::new(ErrorCode::Unauthorized, "this operator account is gone"))?;
    match action {
        OperatorAction::Accept(chat_id) => {
            let chat = chat(tx, *chat_id)?;
            match chat.status {
                ChatStatus::Waiting | ChatStatus::Offline => {
                    routing::may_take(tx, &chat, &me)?;
                    let seq = accept(tx, &chat, &me, false)?;
                    Ok(ack(seq, chat.id, None))
                }
                ChatStatus::Active if chat.operator_id == Some(me.id) => {
                    Ok(ack(None, chat.id, None))
                }
                ChatStatus::Active => Err(OpError::new(
                    ErrorCode::InvalidState,
                    format!("chat {} was already accepted by another operator", chat.id),
                )
                .because(ErrorReason::ChatTaken)),
                ChatStatus::Closed => Err(closed(&chat)),
            }
        }
        OperatorAction::Message {
            chat_id,
            text,
            note,
        } => answer(tx, &me, *chat_id, text, *note, None, client_id),
        OperatorAction::File { chat_id, file } => {
            answer(tx, &me, *chat_id, &file.name, false, Some(file), client_id)
        }
        OperatorAction::Transfer { chat_id, to, note } => {
            let chat = transferable(tx, &me, *chat_id)?;
            let target = writer_rows::operator(tx.conn, *to)?
                .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no operator {to}")))?;
            // Taking a chat over is not an offer: it is mine at once.
            let offering = target.id != me.id;
            if offering {
                // Recorded before the note is posted, so the colleague reads the note too.
                transfers::record_offer(tx, &chat, &me, &target, note.as_deref())?;
            }
            if let Some(note) = note.as_deref().filter(|n| !n.trim().is_empty()) {
                post(tx, &chat, &me, note, true, client_id)?;
            }
            let seq = if offering {
                transfers::announce_offer(tx, &chat, &me, &target, note.clone())?
            } else {
                transfers::hand_over(tx, &chat, &me, &target, note.clone())?
            };
            Ok(ack(Some(seq), chat.id, None))
        }
        OperatorAction::TransferToDepartment {
            chat_id,
            department,
            note,
        } => {
            let chat = transferable(tx, &me, *chat_id)?;
            if let Some(note) = note.as_deref().filter(|n| !n.trim().is_empty()) {
                post(tx, &chat, &me, note, true, client_id)?;
            }
            let seq = transfers::to_department(tx, &chat, &me, department, note.clone())?;
            Ok(ack(Some(seq), chat.id, None))
        }
        OperatorAction::Whisper { chat_id, text } => whisper(tx, &me, *chat_id, text, client_id),
        OperatorAction::TeamMessage { to, text } => team::post(tx, &me, *to, text, client_id),
        OperatorAction::AcceptTransfer(chat_id) => transfers::accept(tx, &me, *chat_id),
        OperatorAction::DeclineTransfer { chat_id, reason } => {
            transfers::decline(tx, &me, *chat_id, reason.clone())
        }
        OperatorAction::Close(chat_id) => {
            let chat = chat(tx, *chat_id)?;
            if chat.status == ChatStatus::Closed {
                return Err(closed(&chat));
            }
            if chat.status == ChatStatus::Active {
                may_act(&me, &chat)?;
            }
            let seq = lifecycle::close(tx, &chat, lifecycle::ClosedBy::Operator(&me))?;
            Ok(ack(Some(seq), chat.id, None))
        }
        OperatorAction::Ban(request) => bans::ban(tx, &me, request),
        OperatorAction::Unban(ban_id) => bans::unban(tx, &me, *ban_id),
        OperatorAction::SetStatus(status) => {
            let seq = set_status(tx, me.id, *status)?;
            Ok(Ack {
                seq,
                ..Ack::default()
            })
        }
    }
}

/// Stores a status change; no event when nothing changes.
pub fn set_status(
    tx: &mut Tx<'_>,
    operator_id: i64,
    status: OperatorStatus,
) -> Result<Option<u64>, OpError> {
    let new = rows::operator_status_str(status);
    let changed = sql::exec(
        tx.conn,
        "UPDATE operators SET status = ?, status_since = ? WHERE id = ? AND status != ?",
        params![new, tx.now, operator_id, new],
    )?;
    if changed == 0 {
        return Ok(None);
    }
    // Colleagues' consoles that have not met this operator (added since their snapshot)
    // learn who they are from the event.
    let operator = super::writer_rows::operator(tx.conn, operator_id)?;
    let seq = tx.emit(
        EventBody::OperatorStatusChanged {
            operator_id,
            status,
            operator,
        },
        Refs {
            operator_id: Some(operator_id),
            ..Refs::default()
        },
        None,
    )?;
    Ok(Some(seq))
}

/// Nobody is connected when the server starts, whatever an earlier run recorded.
pub fn reset_presence(tx: &mut Tx<'_>) -> Result<(), OpError> {
    let ids: Vec<i64> = sql::all(
        tx.conn,
        "SELECT id FROM operators WHERE status != 'offline'",
        [],
        |r| r.get(0),
    )?;
    for id in ids {
        set_status(tx, id, OperatorStatus::Offline)?;
    }
    Ok(())
}

pub(super) fn ack(seq: Option<u64>, chat_id: i64, message_id: Option<i64>) -> Ack {
    Ack {
        seq,
        chat_id: Some(chat_id),
        message_id,
    }
}

pub(super) fn refs(chat: &Chat, operator_id: Option<i64>) -> Refs {
    Refs {
        chat_id: Some(chat.id),
        visitor_id: Some(chat.visitor_id),
        operator_id,
    }
}

pub(super) fn chat(tx: &mut Tx<'_>, id: i64) -> Result<Chat, OpError> {
    writer_rows::chat(tx.conn, id)?
        .ok_or_else(|| OpError::new(ErrorCode::NotFound, format!("no chat {id}")))
}

/// An open chat `me` may hand on: nobody's yet, or (when active) mine or, for a supervisor,
/// anyone's.
fn transferable(tx: &mut Tx<'_>, me: &OperatorInfo, chat_id: i64) -> Result<Chat, OpError> {
    let chat = chat(tx, chat_id)?;
    match chat.status {
        ChatStatus::Closed => return Err(closed(&chat)),
        ChatStatus::Offline => {
            return Err(OpError::new(
                ErrorCode::InvalidState,
                format!("chat {} is a message left offline: take it first", chat.id),
            )
            .because(ErrorReason::LeftMessage));
        }
        ChatStatus::Waiting | ChatStatus::Active => {}
    }
    if chat.status == ChatStatus::Active {
        may_act(me, &chat)?;
    }
    Ok(chat)
}

/// Only the assigned operator or a supervisor may act on an active chat.
fn may_act(me: &OperatorInfo, chat: &Chat) -> Result<(), OpError> {
    if chat.operator_id == Some(me.id) || me.role == OperatorRole::Supervisor {
        Ok(())
    } else {
        Err(not_yours(chat))
    }
}

/// A command for a chat that is closed.
fn closed(chat: &Chat) -> OpError {
    OpError::new(
        ErrorCode::InvalidState,
        format!("chat {} is closed", chat.id),
    )
    .because(ErrorReason::ChatClosed)
}

/// A command for another operator's chat, from one who is no supervisor.
pub(super) fn not_yours(chat: &Chat) -> OpError {
    OpError::new(
        ErrorCode::Forbidden,
        format!("chat {} belongs to another operator", chat.id),
    )
    .because(ErrorReason::NotYourChat)
}

/// Takes a waiting chat or an offline message: it becomes `me`'s active chat.
pub(super) fn accept(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    routed: bool,
) -> Result<Option<u64>, OpError> {
    tx.conn
        .prepare_cached(
            "UPDATE chats SET status = 'active', operator_id = ?1, accepted_at = ?2, held_at = ?2
             WHERE id = ?3 AND status IN ('waiting', 'offline')",
        )?
        .execute(params![me.id, tx.now, chat.id])
        .map_err(|e| {
            // An offline message whose visitor has started a live chat since: one open chat
            // per visitor, and that one is where they are now.
            if sql::is_unique_violation(&e) {
                OpError::new(
                    ErrorCode::InvalidState,
                    format!(
                        "chat {}: this visitor has another open chat now; answer there",
                        chat.id
                    ),
                )
                .because(ErrorReason::VisitorMovedOn)
            } else {
                e.into()
            }
        })?;
    let system = lifecycle::system_line(tx, chat, SystemEvent::Joined, Some(&me.display_name));
    let seq = tx.emit(
        EventBody::ChatAccepted {
            chat_id: chat.id,
            operator_id: me.id,
            operator_name: me.display_name.clone(),
            routed,
        },
        refs(chat, Some(me.id)),
        Some(system),
    )?;
    Ok(Some(seq))
}

/// A supervisor's whisper to the operator of an active chat.
fn whisper(
    tx: &mut Tx<'_>,
    me: &OperatorInfo,
    chat_id: i64,
    text: &str,
    client_id: &str,
) -> Result<Ack, OpError> {
    if me.role != OperatorRole::Supervisor {
        return Err(
            OpError::new(ErrorCode::Forbidden, "only a supervisor may whisper")
                .because(ErrorReason::SupervisorOnly),
        );
    }
    let chat = chat(tx, chat_id)?;
    if chat.status != ChatStatus::Active {
        return Err(OpError::new(
            ErrorCode::InvalidState,
            format!(
                "chat {} is not active: a whisper needs an operator to read it",
                chat.id
            ),
        )
        .because(ErrorReason::NobodyToWhisperTo));
    }
    let author = Author {
        role: Role::Operator,
        operator_id: Some(me.id),
        name: Some(me.display_name.clone()),
    };
    let (seq, message_id) = lifecycle::post(
        tx,
        &chat,
        author,
        MessageKind::Whisper,
        text,
        client_id,
        None,
    )?;
    Ok(ack(Some(seq), chat.id, Some(message_id)))
}

/// A line (or a file) into a chat: answering a waiting chat takes it; someone else's chat
/// needs a supervisor.
fn answer(
    tx: &mut Tx<'_>,
    me: &OperatorInfo,
    chat_id: i64,
    text: &str,
    note: bool,
    file: Option<&NewFile>,
    client_id: &str,
) -> Result<Ack, OpError> {
    let mut chat = chat(tx, chat_id)?;
    if chat.status == ChatStatus::Closed {
        return Err(closed(&chat));
    }
    if chat.status.is_untaken() {
        // Answering a waiting chat or an offline message takes it. A note does not:
        // any operator may leave one ("regular customer") for whoever takes it.
        if !note {
            routing::may_take(tx, &chat, me)?;
            accept(tx, &chat, me, false)?;
            // The answer is posted in the chat as it is now: mine, read by me.
            chat.status = ChatStatus::Active;
            chat.operator_id = Some(me.id);
        }
    } else {
        // Someone else's chat needs a supervisor, for notes too: a note shows in the
        // assignee's dialog as the team's word, so a colleague could otherwise plant
        // instructions ("refund approved") in a conversation that is not theirs.
        may_act(me, &chat)?;
    }
    let (seq, message_id) = post_with(tx, &chat, me, text, note, file, client_id)?;
    Ok(ack(Some(seq), chat.id, Some(message_id)))
}

fn post(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    text: &str,
    note: bool,
    client_id: &str,
) -> Result<(u64, i64), OpError> {
    post_with(tx, chat, me, text, note, None, client_id)
}

fn post_with(
    tx: &mut Tx<'_>,
    chat: &Chat,
    me: &OperatorInfo,
    text: &str,
    note: bool,
    file: Option<&NewFile>,
    client_id: &str,
) -> Result<(u64, i64), OpError> {
    if !note {
        sql::exec(
            tx.conn,
            "UPDATE chats SET first_response_at = COALESCE(first_response_at, ?) WHERE id = ?",
            params![tx.now, chat.id],
        )?;
    }
    let author = Author {
        role: Role::Operator,
        operator_id: Some(me.id),
        name: Some(me.display_name.clone()),
    };
    let kind = if note {
        MessageKind::Note
    } else {
        MessageKind::Text
    };
    let (seq, message_id) = lifecycle::post(tx, chat, author, kind, text, client_id, file)?;
    if !note && file.is_none() {
        // Queued with the answer: an acknowledged answer has its e-mail waiting. A file is
        // not mailed: it waits in the dialog (docs/offline.md).
        mail_outbox::queue(tx, chat, message_id)?;
    }
    Ok((seq, message_id))
}
