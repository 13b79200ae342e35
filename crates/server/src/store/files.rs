//! Files in chats: the `attachments` row written with its message, and the reads that decide
//! who may fetch one. The bytes themselves live on disk (`crate::files`), never in here.

use frontdesk_protocol::{Attachment, ErrorCode};

use super::audience::{self, Reader};
use super::emit::Tx;
use super::{OpError, ReadError, Store, rows};
use crate::auth::hash_token;

/// A received file, stored on disk, waiting for its message.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// The sender's name for it (text only, never a path).
    pub name: String,
    /// SHA-256 of the bytes, hex: where the bytes are.
    pub storage_name: String,
    /// The kind read from the bytes.
    pub mime: String,
    pub size: u64,
}

/// Who asks for a file.
#[derive(Debug, Clone, Copy)]
pub enum FileReader {
    Operator(Reader),
    Visitor(i64),
}

/// A file someone may fetch, and where its bytes are.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub attachment: Attachment,
    pub storage_name: String,
}

#[derive(Debug)]
pub enum FileRead {
    Found(StoredFile),
    /// No such file, or (for a visitor) one of somebody else's chats: they are not told which.
    NotFound,
    /// An operator without read rights on the file's chat.
    Forbidden,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    chat_id: i64,
    file_name: String,
    storage_name: String,
    mime: String,
    size: i64,
}

impl Store {
    /// The visitor a widget token names (tokens are stored only as hashes).
    pub async fn visitor_by_token(&self, token: &str) -> Result<Option<i64>, ReadError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM visitors WHERE token_hash = ?")
                .bind(hash_token(token))
                .fetch_optional(&self.readers)
                .await?,
        )
    }

    /// Whether an attachment names the stored file `sha256` (see `files/orphans.rs`).
    pub async fn file_kept(&self, sha256: &str) -> Result<bool, ReadError> {
        Ok(
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM attachments WHERE storage_name = ?)")
                .bind(sha256)
                .fetch_one(&self.readers)
                .await?,
        )
    }

    /// The file a (committed) message carries.
    pub async fn message_attachment(
        &self,
        message_id: i64,
    ) -> Result<Option<Attachment>, ReadError> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT a.id, a.chat_id, a.file_name, a.storage_name, a.mime, a.size
             FROM messages m JOIN attachments a ON a.id = m.attachment_id WHERE m.id = ?",
        )
        .bind(message_id)
        .fetch_optional(&self.readers)
        .await?;
        Ok(row.map(|r| attachment(r).attachment))
    }

    /// File `id` if `who` may read it: the visitor of its chat, or an operator who may read
    /// the chat (`audience::may_read`, the rule of history and transcripts).
    pub async fn file_for(&self, who: FileReader, id: i64) -> Result<FileRead, ReadError> {
        let mut conn = self.readers.acquire().await?;
        let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, chat_id, file_name, storage_name, mime, size FROM attachments WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(FileRead::NotFound);
        };
        let Some(chat) = rows::chat(&mut tx, row.chat_id).await? else {
            return Ok(FileRead::NotFound);
        };
        let allowed = match who {
            FileReader::Visitor(visitor_id) => {
                if chat.visitor_id != visitor_id {
                    return Ok(FileRead::NotFound);
                }
                true
            }
            FileReader::Operator(reader) => {
                let offered = audience::offered_to(&mut tx, chat.id).await?;
                audience::may_read(reader, &chat, offered)
            }
        };
        tx.commit().await?;
        if !allowed {
            return Ok(FileRead::Forbidden);
        }
        Ok(FileRead::Found(attachment(row)))
    }
}

fn attachment(row: Row) -> StoredFile {
    StoredFile {
        attachment: Attachment {
            id: row.id,
            name: row.file_name,
            size: u64::try_from(row.size).unwrap_or_default(),
            mime: row.mime,
        },
        storage_name: row.storage_name,
    }
}

/// Writes the `attachments` row of a file posted in `chat_id`, in the command's transaction.
pub fn insert(tx: &mut Tx<'_>, chat_id: i64, file: &NewFile) -> Result<Attachment, OpError> {
    let size = i64::try_from(file.size)
        .map_err(|_| OpError::new(ErrorCode::FileTooLarge, "the file is too large"))?;
    let id: i64 = super::sql::insert(
        tx.conn,
        "INSERT INTO attachments (chat_id, file_name, storage_name, mime, size, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        rusqlite::params![
            chat_id,
            file.name,
            file.storage_name,
            file.mime,
            size,
            tx.now
        ],
    )?;
    Ok(Attachment {
        id,
        name: file.name.clone(),
        size: file.size,
        mime: file.mime.clone(),
    })
}
