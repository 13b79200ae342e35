//! REST reads the console makes beside its socket: today's totals for the queue view
//! (`GET /api/stats` from the start of the operator's day), a period's statistics for the
//! statistics screen (one read per grouping), a chat's transcript for the export key, the
//! search across chats (`GET /api/search`) with the found chat it opens, and the pages of
//! chats (`GET /api/chats`) and transcripts of a set exported by `:export`. Each runs in a
//! task of its own, so a slow answer never holds the socket; the answer comes back to the loop
//! as [`NetEvent::Read`]. The server answers within read rights.

use frontdesk_protocol::Millis;
use frontdesk_protocol::search::SearchResults;
use frontdesk_protocol::stats::{GroupBy, Metrics, StatsReport};
use frontdesk_protocol::transcript::{ChatList, Transcript};
use tokio::sync::mpsc;

use super::NetEvent;
use super::rest::{ChatFilter, get_json, query_value};

/// What the loop asks to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideRead {
    /// The totals since `since` (ms), days and hours in zone `tz`.
    Today {
        since: Millis,
        tz: String,
    },
    /// `GET /api/stats` for `[since, until)` grouped `by`, days and hours in zone `tz`; `ask`
    /// comes back with the answer so a stale one can be told apart.
    Stats {
        ask: u64,
        by: GroupBy,
        since: Millis,
        until: Millis,
        tz: String,
    },
    Transcript {
        chat_id: i64,
    },
    /// The file at `path` uploaded into chat `chat_id`.
    SendFile {
        chat_id: i64,
        path: std::path::PathBuf,
    },
    /// A chat's file, saved as a new file in `dir` (`downloads::save_new`).
    SaveFile {
        file: frontdesk_protocol::Attachment,
        dir: std::path::PathBuf,
    },
    /// Search request `serial`: at most `limit` hits for `query`.
    Search {
        serial: u64,
        query: String,
        limit: u32,
    },
    /// A found chat whole (its transcript), to show read-only.
    FoundChat {
        chat_id: i64,
    },
    /// A page of the chats of `filter` after chat `after`, for export `serial`.
    ChatPage {
        serial: u64,
        filter: ChatFilter,
        after: i64,
    },
    /// Transcript number `index` of export `serial`.
    ExportTranscript {
        serial: u64,
        index: usize,
        chat_id: i64,
    },
}

/// What came back, or why nothing did.
#[derive(Debug, Clone, PartialEq)]
pub enum SideAnswer {
    Today(Result<Box<Metrics>, String>),
    /// Where a file was saved, or why it was not.
    FileSaved(Result<String, String>),
    /// The name a file was sent under, or why it was not.
    FileSent(Result<String, String>),
    Stats {
        ask: u64,
        by: GroupBy,
        result: Result<Box<StatsReport>, String>,
    },
    Transcript {
        chat_id: i64,
        result: Result<Box<Transcript>, String>,
    },
    Search {
        serial: u64,
        result: Result<Box<SearchResults>, String>,
    },
    FoundChat {
        chat_id: i64,
        result: Result<Box<Transcript>, String>,
    },
    ChatPage {
        serial: u64,
        result: Result<Box<ChatList>, String>,
    },
    ExportTranscript {
        serial: u64,
        index: usize,
        result: Result<Box<Transcript>, String>,
    },
}

/// Where the REST calls go: the server's http(s) base and the session token.
#[derive(Debug, Clone)]
pub struct Rest {
    pub base: String,
    pub token: String,
}

impl Rest {
    /// Reads `what` in a task; the answer is sent on `events`.
    pub fn read(&self, what: SideRead, events: mpsc::Sender<NetEvent>) {
        let rest = self.clone();
        tokio::spawn(async move {
            let answer = match what {
                SideRead::Today { since, tz } => {
                    let path = format!("/api/stats?since={since}&tz={}", query_value(&tz));
                    let read = rest.get::<StatsReport>(&path).await;
                    SideAnswer::Today(read.map(|r| Box::new(r.total)))
                }
                SideRead::Stats {
                    ask,
                    by,
                    since,
                    until,
                    tz,
                } => {
                    let path = format!(
                        "/api/stats?since={since}&until={until}&by={}&tz={}",
                        by.as_str(),
                        query_value(&tz)
                    );
                    let result = rest.get::<StatsReport>(&path).await.map(Box::new);
                    SideAnswer::Stats { ask, by, result }
                }
                SideRead::Transcript { chat_id } => {
                    let path = format!("/api/chats/{chat_id}/transcript");
                    let result = rest.get::<Transcript>(&path).await.map(Box::new);
                    SideAnswer::Transcript { chat_id, result }
                }
                SideRead::SendFile { chat_id, path } => {
                    let result = super::rest::upload_file(&rest.base, &rest.token, chat_id, &path)
                        .await
                        .map(|up| up.attachment.name)
                        .map_err(|e| {
                            tracing::warn!(error = format!("{e:#}"), "a file upload failed");
                            super::rest::brief(&e)
                        });
                    SideAnswer::FileSent(result)
                }
                SideRead::SaveFile { file, dir } => {
                    SideAnswer::FileSaved(rest.save_file(file, dir).await)
                }
                SideRead::Search {
                    serial,
                    query,
                    limit,
                } => {
                    let path = format!("/api/search?q={}&limit={limit}", query_value(&query));
                    let result = rest.get::<SearchResults>(&path).await.map(Box::new);
                    SideAnswer::Search { serial, result }
                }
                SideRead::FoundChat { chat_id } => {
                    let path = format!("/api/chats/{chat_id}/transcript");
                    let result = rest.get::<Transcript>(&path).await.map(Box::new);
                    SideAnswer::FoundChat { chat_id, result }
                }
                SideRead::ChatPage {
                    serial,
                    filter,
                    after,
                } => {
                    let path = filter.page_path(after);
                    let result = rest.get::<ChatList>(&path).await.map(Box::new);
                    SideAnswer::ChatPage { serial, result }
                }
                SideRead::ExportTranscript {
                    serial,
                    index,
                    chat_id,
                } => {
                    let path = format!("/api/chats/{chat_id}/transcript");
                    let result = rest.get::<Transcript>(&path).await.map(Box::new);
                    SideAnswer::ExportTranscript {
                        serial,
                        index,
                        result,
                    }
                }
            };
            let _ = events.send(NetEvent::Read(answer)).await;
        });
    }

    /// Downloads a file and writes it as a new file in `dir`; the bytes are never opened.
    async fn save_file(
        &self,
        file: frontdesk_protocol::Attachment,
        dir: std::path::PathBuf,
    ) -> Result<String, String> {
        let path = format!("/api/files/{}", file.id);
        let bytes = super::rest::get_bytes(&self.base, &self.token, &path)
            .await
            .map_err(|e| {
                tracing::warn!(error = format!("{e:#}"), path, "a file download failed");
                super::rest::brief(&e)
            })?;
        let saved = tokio::task::spawn_blocking(move || {
            crate::downloads::save_new(&dir, &file.name, &bytes)
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
        Ok(saved.display().to_string())
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        get_json(&self.base, &self.token, path).await.map_err(|e| {
            tracing::warn!(error = format!("{e:#}"), path, "a REST read failed");
            super::rest::brief(&e)
        })
    }
}

/// `ws://host[/prefix]/ws/operator` → `http://host[/prefix]` (`wss` → `https`).
pub fn rest_base(ws_url: &str) -> String {
    let base = ws_url.trim_end_matches("/ws/operator");
    match base.split_once("://") {
        Some(("wss", rest)) => format!("https://{rest}"),
        Some((_, rest)) => format!("http://{rest}"),
        None => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rest_base_comes_from_the_socket_url() {
        assert_eq!(
            super::rest_base("ws://127.0.0.1:8080/ws/operator"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            super::rest_base("wss://chat.example/desk/ws/operator"),
            "https://chat.example/desk"
        );
    }
}
