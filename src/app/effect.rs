//! What `update` asks the outside world to do.

use frontdesk_protocol::OperatorIn;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Hand a command to the network task (queued while offline, resent until acknowledged).
    Send(OperatorIn),
    /// Lend the terminal to `$VISUAL`/`$EDITOR` with `text` (the chat's draft); the outcome
    /// comes back as `Event::EditorDone`.
    OpenEditor {
        chat_id: i64,
        text: String,
    },
    /// Tell the operator (desktop, bell, OSC, hook) or take a desktop notification down.
    Notify(crate::notify::Notice),
    /// Keep the canned replies' use counts (written off the loop).
    SaveCannedUsage {
        path: std::path::PathBuf,
        usage: crate::canned::usage::Usage,
    },
    /// Keep the unsent drafts in the data dir, for `server`.
    SaveDrafts {
        data_dir: std::path::PathBuf,
        server: String,
        drafts: std::collections::BTreeMap<i64, String>,
    },
    /// Fetch a file of a chat (`GET /api/files/{id}`) and save it as a new file in the
    /// downloads folder (found from `downloads_dir` as configured, else from `data_dir`); the
    /// outcome comes back as `Event::FileSaved`.
    SaveFile {
        file: frontdesk_protocol::Attachment,
        data_dir: std::path::PathBuf,
        downloads_dir: std::path::PathBuf,
    },
    /// Complete the path typed after `:send ` from the file system; the answer comes back as
    /// `Event::PathCompleted`.
    CompletePath {
        typed: String,
    },
    /// Upload the file at `path` (as typed: `~` not yet expanded) into chat `chat_id`
    /// (`POST /api/files`); the outcome comes back as `Event::FileSent`.
    SendFile {
        chat_id: i64,
        path: String,
    },
    /// Fetch chat `chat_id`'s transcript over REST; it comes back as `Event::Transcript`.
    FetchTranscript {
        chat_id: i64,
    },
    /// Write a transcript file (creating its folder); the outcome comes back as
    /// `Event::TranscriptSaved`.
    SaveTranscript {
        path: std::path::PathBuf,
        text: String,
    },
    /// Ask the server for the totals since `since` (the start of the operator's day in zone
    /// `tz`); the answer comes back as `Event::Today`.
    FetchToday {
        since: frontdesk_protocol::Millis,
        tz: String,
    },
    /// Search every chat the operator may read for `query` (request `serial`, at most
    /// `limit` hits); the answer comes back as `Event::ChatsFound`.
    SearchChats {
        serial: u64,
        query: String,
        limit: u32,
    },
    /// Fetch found chat `chat_id` whole, to show it read-only; it comes back as
    /// `Event::FoundChat`.
    FetchFoundChat {
        chat_id: i64,
    },
    /// Ask the server for the statistics of `[since, until)` grouped `by`, in zone `tz`
    /// (one effect per grouping; they run side by side). The answer comes back as
    /// `Event::Stats` with the same `ask`.
    FetchStats {
        ask: u64,
        by: frontdesk_protocol::stats::GroupBy,
        since: frontdesk_protocol::Millis,
        until: frontdesk_protocol::Millis,
        tz: String,
    },
    /// List the page after chat `after` of the chats of `filter`, for export `serial`; it
    /// comes back as `Event::ExportPage`.
    ListForExport {
        serial: u64,
        filter: crate::export::ChatFilter,
        after: i64,
    },
    /// Fetch the transcript of chat `chat_id`, number `index` of export `serial`; it comes
    /// back as `Event::ExportTranscript`.
    FetchForExport {
        serial: u64,
        index: usize,
        chat_id: i64,
    },
    /// Append `bytes` to export `serial`'s temporary file (created, private, when `create`).
    /// Only a failure comes back, as `Event::ExportSaved`, and the file is then removed.
    AppendExport {
        serial: u64,
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        create: bool,
    },
    /// The complete temporary file `temp` becomes `path` (or `path-2`…, never over another
    /// file); the outcome comes back as `Event::ExportSaved`.
    FinishExport {
        serial: u64,
        temp: std::path::PathBuf,
        path: std::path::PathBuf,
    },
    /// Remove what a failed or cancelled export left (nothing, if it left nothing).
    DiscardExport {
        path: std::path::PathBuf,
    },
    Quit,
    /// Add a word to the operator's own word list (`words.txt` in the config folder).
    AddWord {
        word: String,
    },
    /// Find suggestions for `word` (at byte `at` of the draft) off the loop; they come back
    /// as `Event::Suggestions`.
    Suggest {
        speller: std::sync::Arc<crate::writing::spell::Speller>,
        at: usize,
        word: String,
        /// The word starts a sentence: its corrections start with a capital.
        capital: bool,
    },
}
