//! Chat state changes that both visitors and operators cause, written once.

use frontdesk_protocol::{
    Author, Chat, EventBody, Message, MessageKind, OperatorInfo, Role, Seq, SystemEvent, VisitorOut,
};

use rusqlite::params;
use std::sync::Arc;

use super::audience::{self, Audience};
use super::emit::{Refs, Tx, message_posted_payload, visitor_message_frame};
use super::files::NewFile;
use super::{OpError, sql};

/// The line the visitor's widget shows for a change in the chat.
pub fn system_line(
    tx: &Tx<'_>,
    chat: &Chat,
    event: SystemEvent,
    operator_name: Option<&str>,
) -> (i64, VisitorOut) {
    (
        chat.visitor_id,
        VisitorOut::System {
            chat_id: chat.id,
            ts: tx.now,
            event,
            operator_name: operator_name.map(str::to_owned),
        },
    )
}

/// Who closes a chat.
#[derive(Debug, Clone, Copy)]
pub enum ClosedBy<'a> {
    Visitor,
    Operator(&'a OperatorInfo),
    /// The server, for a chat gone quiet after its visitor left (`quiet_close.rs`).
    Server,
}

/// Closes `chat`.
pub fn close(tx: &mut Tx<'_>, chat: &Chat, by: ClosedBy<'_>) -> Result<Seq, OpError> {
    let (role, operator) = match by {
        ClosedBy::Visitor => (Role::Visitor, None),
        ClosedBy::Operator(op) => (Role::Operator, Some(op)),
        ClosedBy::Server => (Role::System, None),
    };
    sql::exec(
        tx.conn,
        "UPDATE chats SET status = 'closed', closed_at = ? WHERE id = ?",
        params![tx.now, chat.id],
    )?;
    // A closed chat is offered to nobody.
    super::transfers::drop_offer(tx.conn, chat.id)?;
    let line = system_line(
        tx,
        chat,
        SystemEvent::Closed,
        operator.map(|op| op.display_name.as_str()),
    );
    tx.emit(
        EventBody::ChatClosed {
            chat_id: chat.id,
            by: role,
            operator_id: operator.map(|op| op.id),
        },
        Refs {
            chat_id: Some(chat.id),
            visitor_id: Some(chat.visitor_id),
            operator_id: operator.map(|op| op.id),
        },
        Some(line),
    )
}

/// Stores one message (of any author); run for every message, so kept cheap (see
/// `plan_tests.rs`).
pub(super) const INSERT_MESSAGE: &str = "INSERT INTO messages
     (chat_id, seq, ts, author_role, operator_id, kind, body, client_id, for_operator_id,
      attachment_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Stores a message (an internal note, a whisper) in `chat` as it is now, and its event; the
/// visitor's socket gets only text. Operators who may read the chat get it (`audience.rs`); a
/// whisper only the chat's operator and supervisors. A file comes with its `attachments` row
/// (its name is the message's text). Returns (seq, message id).
pub fn post(
    tx: &mut Tx<'_>,
    chat: &Chat,
    author: Author,
    kind: MessageKind,
    text: &str,
    client_id: &str,
    file: Option<&NewFile>,
) -> Result<(Seq, i64), OpError> {
    let (audience, for_operator) = match kind {
        MessageKind::Whisper => (
            Audience::Only {
                operators: chat.operator_id.into_iter().collect(),
                supervisors: true,
            },
            chat.operator_id,
        ),
        MessageKind::Text | MessageKind::Note => (audience::of_chat_now(tx.conn, chat)?, None),
    };
    let attachment = match file {
        Some(file) => Some(super::files::insert(tx, chat.id, file)?),
        None => None,
    };
    let seq = tx.alloc_seq();
    let role = match author.role {
        Role::Visitor => "visitor",
        Role::Operator => "operator",
        Role::System => "system",
    };
    let message_id: i64 = sql::insert(
        tx.conn,
        INSERT_MESSAGE,
        params![
            chat.id,
            sql::seq_column(seq),
            tx.now,
            role,
            author.operator_id,
            super::rows::message_kind_str(kind),
            text,
            client_id,
            for_operator,
            attachment.as_ref().map(|a| a.id)
        ],
    )?;
    let refs = Refs {
        chat_id: Some(chat.id),
        visitor_id: Some(chat.visitor_id),
        operator_id: author.operator_id.or(chat.operator_id),
    };
    let message = Message {
        id: message_id,
        chat_id: chat.id,
        seq,
        ts: tx.now,
        author,
        kind,
        text: text.to_owned(),
        client_id: Some(client_id.to_owned()),
        attachment,
    };
    // Encoded once for the event and the visitor's frame (`emit.rs`).
    let json = serde_json::to_string(&message).map_err(OpError::json)?;
    // Notes and whispers stay among operators.
    let for_visitor = kind
        .for_visitor()
        .then(|| (chat.visitor_id, Arc::from(visitor_message_frame(&json))));
    let body = EventBody::MessagePosted { message };
    tx.emit_encoded(
        seq,
        body,
        message_posted_payload(&json),
        refs,
        audience,
        for_visitor,
    )?;
    Ok((seq, message_id))
}
