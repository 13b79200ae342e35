//! What a socket answers a client with: `error` and `ack` frames in the socket's own frame
//! type (`VisitorOut` or `OperatorOut`, both [`Replies`]), and commands whose answer comes
//! once the writer has committed them.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use frontdesk_protocol::{ErrorCode, Replies, encode};
use futures_util::stream::FuturesOrdered;
use serde::Serialize;

use super::AppState;
use crate::store::{Ack, Cmd, OpError, ReadError, Reply};

/// Answers still being worked on (writer commands, history reads), sent in arrival order.
pub type Pending = FuturesOrdered<Pin<Box<dyn Future<Output = String> + Send>>>;

/// An `error` frame.
pub fn error_frame<F: Replies + Serialize>(
    id: Option<String>,
    code: ErrorCode,
    message: impl Into<String>,
) -> String {
    encode(&F::error(id, code, message.into(), None, None))
}

/// The `error` frame for a refused command, with its case when the store named one.
pub fn refused_frame<F: Replies + Serialize>(id: String, e: OpError) -> String {
    encode(&F::error(
        Some(id),
        e.code,
        e.message,
        e.retry_after_ms,
        e.reason,
    ))
}

/// A `rate_limited` error frame saying how long to wait.
pub fn rate_limited_frame<F: Replies + Serialize>(
    id: Option<String>,
    message: String,
    wait: Duration,
) -> String {
    encode(&F::error(
        id,
        ErrorCode::RateLimited,
        message,
        Some(wait_ms(wait)),
        None,
    ))
}

/// A wait in whole milliseconds, at least one (zero would read as "try now").
pub fn wait_ms(wait: Duration) -> u64 {
    u64::try_from(wait.as_millis()).unwrap_or(u64::MAX).max(1)
}

/// The `error` frame for a read that failed (logged; the client is told only that it did).
pub fn read_failed<F: Replies + Serialize>(id: String, error: ReadError) -> String {
    refused_frame::<F>(id, OpError::from(error))
}

/// The `ack` frame for a committed command.
pub fn ack_frame<F: Replies + Serialize>(id: String, ack: Ack) -> String {
    encode(&F::ack(id, ack.seq, ack.chat_id, ack.message_id))
}

/// Queues a command for the writer; its answer (an ack or an error frame) joins `pending`.
pub fn submit<F: Replies + Serialize>(
    pending: &mut Pending,
    app: &Arc<AppState>,
    client_id: String,
    cmd: Cmd,
) {
    let app = app.clone();
    pending.push_back(Box::pin(async move {
        let answer = app.store.run(cmd).await;
        // The command may have been stored on this very task (the writer's leader is the
        // caller when the connection is free), so its events were published a moment ago and
        // still wait in this socket's queue. Yielding once lets the socket's loop pass them on
        // first: a client reads a command's events before its ack.
        tokio::task::yield_now().await;
        answer_frame::<F>(client_id, answer)
    }));
}

/// The `ack` or `error` frame for the writer's answer to a command.
pub fn answer_frame<F: Replies + Serialize>(
    client_id: String,
    answer: Result<Reply, OpError>,
) -> String {
    match answer {
        Ok(Reply::Ack(ack)) => ack_frame::<F>(client_id, ack),
        Ok(_) => error_frame::<F>(Some(client_id), ErrorCode::Internal, "unexpected answer"),
        Err(e) => refused_frame::<F>(client_id, e),
    }
}
