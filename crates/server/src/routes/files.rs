//! Files in chats over HTTP: `POST /api/files?chat=ID` (an operator, Bearer),
//! `POST /api/visitor/files` (the widget, `Authorization: Visitor <token>`) and
//! `GET /api/files/{id}` (either, within read rights). The body of an upload is the file's
//! raw bytes, its name in `X-File-Name` (percent-encoded UTF-8).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontdesk_protocol::ErrorCode;
use frontdesk_protocol::rest::FileUploaded;
use serde::Deserialize;

use super::AppState;
use super::bearer::Authed;
use super::client_ip::client_ip;
use super::files_http::{self as edge, Asker};
use super::rest::ApiError;
use crate::files::receive::{self, Rules};
use crate::files::{Busy, names};
use crate::store::{
    ClientCommand, Cmd, FileRead, FileReader, NewFile, OperatorAction, Reader, Reply, VisitorAction,
};

/// The header with the file's name.
pub const FILE_NAME_HEADER: &str = "x-file-name";

#[derive(Debug, Deserialize)]
pub struct ChatParam {
    chat: i64,
}

/// `POST /api/files?chat=ID`: the operator's file, posted as their answer in the chat (so
/// it takes a waiting chat, and someone else's needs a supervisor, as a message does).
pub async fn operator_upload(
    State(app): State<Arc<AppState>>,
    Authed(me): Authed,
    query: Result<Query<ChatParam>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<FileUploaded>, ApiError> {
    let Query(ChatParam { chat }) = query.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidFrame,
            e.body_text(),
        )
    })?;
    let uploaded = upload(&app, &headers, body, None, |file| OperatorAction::File {
        chat_id: chat,
        file,
    })
    .await?;
    let cmd = |action| {
        Cmd::Operator(ClientCommand {
            actor_id: me.id,
            client_id: client_id(),
            body_hash: String::new(),
            action,
        })
    };
    post(&app, cmd(uploaded)).await.map(Json)
}

/// `POST /api/visitor/files`: the visitor's file, into their open chat or a new one (as a
/// `message` would).
pub async fn visitor_upload(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let origin = match edge::origin(&app, &headers) {
        Ok(origin) => origin,
        Err(e) => return e.into_response(),
    };
    let answer = async {
        let visitor_id = edge::visitor(&app, edge::visitor_token(&headers)?).await?;
        // An upload is a message too: it counts against the visitor's and address's rate.
        let ip = client_ip(&headers, &app.config.proxy, peer);
        if app.limits.check(visitor_id, ip).is_err() {
            return Err(busy(Busy::Visitor(std::time::Duration::from_secs(1))));
        }
        let action = upload(&app, &headers, body, Some(visitor_id), VisitorAction::File).await?;
        let cmd = Cmd::Visitor(ClientCommand {
            actor_id: visitor_id,
            client_id: client_id(),
            body_hash: String::new(),
            action,
        });
        post(&app, cmd).await
    }
    .await;
    edge::with_cors(
        match answer {
            Ok(done) => Json(done).into_response(),
            Err(e) => e.into_response(),
        },
        origin,
    )
}

/// Receives the body to disk within the bounds, and makes the writer's action for it.
async fn upload<A>(
    app: &AppState,
    headers: &HeaderMap,
    body: Body,
    visitor: Option<i64>,
    action: impl FnOnce(NewFile) -> A,
) -> Result<A, ApiError> {
    let uploads = &app.uploads;
    // Refused before a byte is read when the size is announced.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > uploads.max_bytes) {
        return Err(edge::too_large(uploads.max_bytes));
    }
    let _permit = uploads.begin(visitor).map_err(busy)?;
    let name = names::from_header(headers.get(FILE_NAME_HEADER).and_then(|v| v.to_str().ok()));
    let rules = Rules {
        max_bytes: uploads.max_bytes,
        kinds: &uploads.kinds,
        idle: uploads.idle,
    };
    let received = receive::receive(
        &uploads.dir,
        &uploads.placing,
        body.into_data_stream(),
        &rules,
    )
    .await
    .map_err(edge::refused)?;
    Ok(action(NewFile {
        name,
        storage_name: received.sha256,
        mime: received.mime.to_owned(),
        size: received.size,
    }))
}

/// Stores the file's message (acknowledged = committed) and says what was posted.
async fn post(app: &AppState, cmd: Cmd) -> Result<FileUploaded, ApiError> {
    let Reply::Ack(ack) = app.store.run(cmd).await.map_err(edge::op_refused)? else {
        return Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "unexpected answer from the writer",
        ));
    };
    let (Some(chat_id), Some(message_id), Some(seq)) = (ack.chat_id, ack.message_id, ack.seq)
    else {
        return Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "the file's message was not posted",
        ));
    };
    let attachment = app
        .store
        .message_attachment(message_id)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "the file's message has no file",
            )
        })?;
    Ok(FileUploaded {
        chat_id,
        message_id,
        seq,
        attachment,
    })
}

/// Each upload is its own command (the bytes are not in the command id's body hash).
fn client_id() -> String {
    format!("file-{}", &crate::auth::new_token()[..24])
}

fn busy(why: Busy) -> ApiError {
    let message = match why {
        Busy::Disk => {
            return ApiError::new(
                StatusCode::INSUFFICIENT_STORAGE,
                ErrorCode::Internal,
                "the server has no room for files now; please describe it in words",
            );
        }
        Busy::Server => "the server is receiving too many files at once; try again shortly".into(),
        Busy::Visitor(wait) => format!(
            "too many files sent; try again in {} s",
            wait.as_secs().max(1)
        ),
    };
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        message,
    )
}

/// `GET /api/files/{id}`: the bytes as a download that never renders in the server's origin.
pub async fn download(
    State(app): State<Arc<AppState>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let origin = match edge::origin(&app, &headers) {
        Ok(origin) => origin,
        Err(e) => return e.into_response(),
    };
    let answer = match send_file(&app, &headers, id).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    };
    edge::with_cors(answer, origin)
}

async fn send_file(app: &AppState, headers: &HeaderMap, id: i64) -> Result<Response, ApiError> {
    let reader = match edge::asker(app, headers).await? {
        Asker::Operator(me) => FileReader::Operator(Reader::from(&me)),
        Asker::Visitor(visitor_id) => FileReader::Visitor(visitor_id),
    };
    let file = match app.store.file_for(reader, id).await? {
        FileRead::Found(file) => file,
        FileRead::NotFound => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                format!("no file {id}"),
            ));
        }
        FileRead::Forbidden => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                format!("file {id} is in a colleague's chat; only they and supervisors read it"),
            ));
        }
    };
    let opened = match receive::stored_path(&app.uploads.dir, &file.storage_name) {
        Some(path) => tokio::fs::File::open(path).await.ok(),
        None => None,
    };
    let Some(opened) = opened else {
        tracing::error!(file = id, "a stored file is missing from the files folder");
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("file {id} is no longer stored"),
        ));
    };
    let mime = HeaderValue::from_str(&file.attachment.mime)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&names::content_disposition(&file.attachment.name))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            // Opened by itself anyway, it runs nothing and loads nothing.
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("sandbox; default-src 'none'"),
            ),
            (
                header::CONTENT_LENGTH,
                HeaderValue::from(file.attachment.size),
            ),
        ],
        Body::from_stream(chunks(opened)),
    )
        .into_response())
}

/// A file as a stream of 64 KiB pieces: memory stays flat for any size.
fn chunks(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<axum::body::Bytes>> {
    use tokio::io::AsyncReadExt;
    futures_util::stream::try_unfold(file, |mut file| async move {
        let mut buf = vec![0u8; 64 * 1024];
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.truncate(n);
        Ok(Some((axum::body::Bytes::from(buf), file)))
    })
}
