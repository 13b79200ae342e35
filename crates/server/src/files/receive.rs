//! An upload's body to disk: streamed into a temporary file while it is hashed (SHA-256)
//! and counted, its kind decided from the first bytes, then renamed into its place by hash.
//!
//! Memory stays at a few chunks whatever the file's size: one writer per upload runs on one
//! blocking thread from start to end (`write_hashed`) and takes the body's chunks as they
//! are, with at most [`QUEUED_CHUNKS`] waiting for it, so a slow disk holds the socket back
//! instead of buffering. (Writing each chunk through `tokio::fs` copied it into a buffer of
//! its own and handed it to whichever blocking thread was free.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::kind::{Kinds, SNIFF_BYTES};

/// Chunks received and not yet written: one waits while the writer writes another.
const QUEUED_CHUNKS: usize = 1;

/// A file now stored under its hash.
#[derive(Debug, Clone)]
pub struct Received {
    /// SHA-256 of the bytes, hex: the stored file's name.
    pub sha256: String,
    pub size: u64,
    pub mime: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the file is larger than {max} bytes")]
    TooLarge { max: u64 },
    #[error("{0}")]
    NotAllowed(String),
    #[error("the upload stopped before its end: {0}")]
    Body(String),
    #[error("no data for {0:?}; the upload was abandoned")]
    Stalled(Duration),
    #[error("the server could not store the file: {0}")]
    Io(#[from] std::io::Error),
}

/// The limits one upload is received under.
pub struct Rules<'a> {
    pub max_bytes: u64,
    pub kinds: &'a Kinds,
    /// Longest wait for the next piece of the body.
    pub idle: Duration,
}

/// Where a stored file's bytes are: `<dir>/<first 2 hex>/<hex>`. `None` for anything but a
/// SHA-256 in hex, so a name from elsewhere can never point outside `dir`.
pub fn stored_path(dir: &Path, sha256: &str) -> Option<PathBuf> {
    let valid = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    valid.then(|| dir.join(&sha256[..2]).join(sha256))
}

/// What the writer is handed.
enum Piece {
    Data(Bytes),
    /// The body is complete and accepted: make the file durable. A writer whose channel
    /// closes without it stops there (the upload was refused or broke off).
    End,
}

/// Receives `body` into `dir`; nothing is left behind when it is refused.
pub async fn receive<S, E>(
    dir: &Path,
    placing: &tokio::sync::Mutex<()>,
    body: S,
    rules: &Rules<'_>,
) -> Result<Received, Refused>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let temp_dir = dir.join("tmp");
    tokio::fs::create_dir_all(&temp_dir).await?;
    let temp = Temp(temp_dir.join(crate::auth::new_token()));
    let file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp.0)
        .await?
        .into_std()
        .await;
    let (pieces, queued) = mpsc::channel(QUEUED_CHUNKS);
    let writer = tokio::task::spawn_blocking(move || write_hashed(file, queued));
    let read = read_body(body, rules, &pieces).await;
    if read.is_ok() {
        // A writer gone already has its error to give below.
        let _ = pieces.send(Piece::End).await;
    }
    drop(pieces);
    // Awaited on every path: the writer has closed the file before `temp` removes it.
    let written = writer
        .await
        .map_err(|e| Refused::Io(std::io::Error::other(e)))?;
    let (mime, size, sha256) = match (read, written) {
        (Ok((mime, size)), Ok(sha256)) => (mime, size, sha256),
        // The writer stopped first (a full disk): its error rather than the closed channel.
        (Err(Refused::Io(_)) | Ok(_), Err(e)) => return Err(e.into()),
        (Err(refused), _) => return Err(refused),
    };
    let path = stored_path(dir, &sha256)
        .ok_or_else(|| Refused::Io(std::io::Error::other("a SHA-256 is 64 hex digits")))?;
    if let Some(parent) = path.parent() {
        tokio::fs::create_dir_all(parent).await?;
    }
    // Same bytes as a stored file: the new copy takes its place, so the file is as new as
    // this upload and the sweep of unkept files (`orphans.rs`, which holds `placing` while it
    // decides) leaves it to the command that will name it.
    let _placing = placing.lock().await;
    tokio::fs::rename(&temp.0, &path).await?;
    Ok(Received { sha256, size, mime })
}

/// Reads the body to its end within the rules, handing each chunk to the writer; the kind
/// and the size.
async fn read_body<S, E>(
    mut body: S,
    rules: &Rules<'_>,
    writer: &mpsc::Sender<Piece>,
) -> Result<(&'static str, u64), Refused>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut mime = None;
    let mut size: u64 = 0;
    loop {
        let next = tokio::time::timeout(rules.idle, body.next())
            .await
            .map_err(|_| Refused::Stalled(rules.idle))?;
        let Some(chunk) = next else { break };
        let chunk = chunk.map_err(|e| Refused::Body(e.to_string()))?;
        size += chunk.len() as u64;
        if size > rules.max_bytes {
            return Err(Refused::TooLarge {
                max: rules.max_bytes,
            });
        }
        if mime.is_none() {
            let wanted = SNIFF_BYTES - head.len();
            head.extend_from_slice(&chunk[..chunk.len().min(wanted)]);
            // Decided as soon as enough is here: a refused kind is not read to its end.
            if head.len() == SNIFF_BYTES {
                mime = Some(rules.kinds.check(&head).map_err(Refused::NotAllowed)?);
            }
        }
        if writer.send(Piece::Data(chunk)).await.is_err() {
            return Err(Refused::Io(std::io::Error::other(
                "the file writer stopped",
            )));
        }
    }
    let mime = match mime {
        Some(mime) => mime,
        None => rules.kinds.check(&head).map_err(Refused::NotAllowed)?,
    };
    Ok((mime, size))
}

/// The writer: writes and hashes every chunk in order on this one thread, and at `End`
/// makes the file durable (on disk before the message that names it is committed). Returns
/// the SHA-256 in hex.
fn write_hashed(
    mut file: std::fs::File,
    mut pieces: mpsc::Receiver<Piece>,
) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    while let Some(piece) = pieces.blocking_recv() {
        match piece {
            Piece::Data(chunk) => {
                hasher.update(&chunk);
                file.write_all(&chunk)?;
            }
            Piece::End => {
                file.sync_all()?;
                return Ok(crate::auth::hex(&hasher.finalize()));
            }
        }
    }
    Err(std::io::Error::other("the upload ended before its end"))
}

/// The temporary file, removed unless it was renamed into place.
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        // Gone already after a rename; any other failure only leaves a file in `tmp/`.
        let _ = std::fs::remove_file(&self.0);
    }
}
