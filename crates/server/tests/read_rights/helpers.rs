//! Operators, chats and answers for the read-rights tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{Operator, TestServer, Visitor, posted};
use frontdesk_protocol::{
    ChatState, ErrorCode, EventBody, Message, OperatorIn, OperatorOut, OperatorRole,
    OperatorStatus, VisitorOut,
};

pub async fn operator(
    server: &TestServer,
    name: &str,
    role: OperatorRole,
) -> (Operator, i64, String) {
    let token = server.operator_token_as(name, name, role).await;
    let (op, id) = Operator::in_sync(server, &token).await;
    (op, id, token)
}

/// A visitor who wrote once, and the chat that waits.
pub async fn waiting_chat(server: &TestServer, first: &str) -> (Visitor, i64) {
    let (mut v, _) = Visitor::join(server, None).await;
    let VisitorOut::Ack {
        chat_id: Some(chat_id),
        ..
    } = v.say("v1", first).await
    else {
        panic!("no chat")
    };
    (v, chat_id)
}

pub async fn command(op: &mut Operator, frame: OperatorIn) -> Result<(), ErrorCode> {
    let id = match &frame {
        OperatorIn::Accept { id, .. }
        | OperatorIn::Message { id, .. }
        | OperatorIn::Note { id, .. }
        | OperatorIn::Whisper { id, .. }
        | OperatorIn::Transfer { id, .. }
        | OperatorIn::SetStatus { id, .. }
        | OperatorIn::Close { id, .. } => id.clone(),
        other => panic!("not a command here: {other:?}"),
    };
    op.send(&frame).await;
    op.answer(&id).await.map_err(|(code, _)| code)
}

pub fn say(id: &str, chat_id: i64, text: &str) -> OperatorIn {
    OperatorIn::Message {
        id: id.into(),
        chat_id,
        text: text.into(),
    }
}

pub fn whisper(id: &str, chat_id: i64, text: &str) -> OperatorIn {
    OperatorIn::Whisper {
        id: id.into(),
        chat_id,
        text: text.into(),
    }
}

pub fn status(id: &str, status: OperatorStatus) -> OperatorIn {
    OperatorIn::SetStatus {
        id: id.into(),
        status,
    }
}

/// The `history` answer for `chat_id`: its texts, or the error code.
pub async fn history(op: &mut Operator, chat_id: i64) -> Result<Vec<Message>, ErrorCode> {
    op.send(&OperatorIn::History {
        id: "h".into(),
        chat_id,
        before: None,
        limit: 50,
    })
    .await;
    op.until(|f| match f {
        OperatorOut::History { id, messages, .. } if id == "h" => Some(Ok(messages.clone())),
        OperatorOut::Error {
            id: Some(id), code, ..
        } if id == "h" => Some(Err(*code)),
        _ => None,
    })
    .await
}

pub fn texts(messages: &[Message]) -> Vec<&str> {
    messages.iter().map(|m| m.text.as_str()).collect()
}

/// The chat `chat_id` in the snapshot a new socket of `token` gets.
pub async fn in_snapshot(server: &TestServer, token: &str, chat_id: i64) -> ChatState {
    let mut op = Operator::join(server, token, None).await;
    op.until(|f| match f {
        OperatorOut::Snapshot { chats, .. } | OperatorOut::SnapshotPart { chats, .. } => {
            chats.iter().find(|c| c.chat.id == chat_id).cloned()
        }
        _ => None,
    })
    .await
}

/// Texts of the messages of `chat_id` among `frames`.
pub fn posted_in(frames: &[OperatorOut], chat_id: i64) -> Vec<String> {
    frames
        .iter()
        .filter_map(posted)
        .filter(|(_, m)| m.chat_id == chat_id)
        .map(|(_, m)| m.text)
        .collect()
}

pub fn is_status_of(f: &OperatorOut, operator: i64, wanted: OperatorStatus) -> bool {
    matches!(f, OperatorOut::Event {
        event: EventBody::OperatorStatusChanged { operator_id, status, .. }, ..
    } if *operator_id == operator && *status == wanted)
}
