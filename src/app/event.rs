//! Everything that can happen to the console, as seen by `update`.

use frontdesk_protocol::{Millis, OperatorOut};

use super::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Action(Action),
    /// The connection changed state.
    Connection(Connection),
    /// A frame from the server, in the order received.
    Frame(Box<OperatorOut>),
    /// The clock moved on (drives wait timers and the retry countdown).
    Tick {
        now: Millis,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The canned-reply library was read again after its files changed (the watcher).
    CannedLibrary(Box<crate::canned::Loaded>),
    /// A letter typed into the reply box is on screen: the draft's marks are found now. A
    /// typed letter (`Action::ComposeInput`) leaves the check to this event, which the loop
    /// sends once the box is drawn, so the letter does not wait for it.
    CheckDraft,
    /// The spelling dictionaries, loaded in the background at start (`None`: none could be
    /// read; the problem says why).
    Speller {
        speller: Option<std::sync::Arc<crate::writing::spell::Speller>>,
        problem: Option<String>,
    },
    /// Suggestions for the misspelt `word` found at byte `at` of the draft (asked with
    /// `Effect::Suggest`; they take a dictionary a while).
    Suggestions {
        at: usize,
        word: String,
        options: Vec<String>,
    },
    /// The terminal gained (`true`) or lost the focus (where it reports focus).
    TerminalFocus(bool),
    /// Desktop notifications cannot be shown (no session bus or no notification server).
    DesktopUnavailable,
    /// The external editor opened for `chat_id`'s draft has ended: the text it left, or why
    /// there is none.
    EditorDone {
        chat_id: i64,
        result: Result<String, EditorFailure>,
    },
    /// A transcript asked for by the export key, or why there is none.
    Transcript {
        chat_id: i64,
        result: Result<Box<frontdesk_protocol::transcript::Transcript>, String>,
    },
    /// The path typed after `:send ` as far as it completes (`None`: nothing matches).
    PathCompleted {
        typed: String,
        completed: Option<String>,
    },
    /// A file was uploaded (its name) or not (why).
    FileSent(Result<String, String>),
    /// A received file was saved (its path) or not (why).
    FileSaved(Result<String, String>),
    /// A transcript file was written (its path) or not (why).
    TranscriptSaved(Result<String, String>),
    /// The server's totals for today (queue view), or why they could not be read.
    Today(Result<Box<frontdesk_protocol::stats::Metrics>, String>),
    /// The answer to search request `serial`, or why there is none.
    ChatsFound {
        serial: u64,
        result: Result<Box<frontdesk_protocol::search::SearchResults>, String>,
    },
    /// A found chat fetched whole to open read-only, or why it could not be.
    FoundChat {
        chat_id: i64,
        result: Result<Box<frontdesk_protocol::transcript::Transcript>, String>,
    },
    /// The statistics screen's read number `ask` grouped `by`: the report, or why none came.
    Stats {
        ask: u64,
        by: frontdesk_protocol::stats::GroupBy,
        result: Result<Box<frontdesk_protocol::stats::StatsReport>, String>,
    },
    /// A page of the chats export `serial` lists, or why there is none.
    ExportPage {
        serial: u64,
        result: Result<Box<frontdesk_protocol::transcript::ChatList>, String>,
    },
    /// Transcript number `index` of export `serial`, or why there is none.
    ExportTranscript {
        serial: u64,
        index: usize,
        result: Result<Box<frontdesk_protocol::transcript::Transcript>, String>,
    },
    /// Export `serial`'s file is in place (its path), or writing it failed (why).
    ExportSaved {
        serial: u64,
        result: Result<String, String>,
    },
}

/// Why the external editor gave no text back; the draft is then kept as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorFailure {
    /// The program could not be started (`program` as configured).
    NotFound { program: String },
    /// It ended with a non-zero status (`None`: stopped by a signal).
    Failed { program: String, code: Option<i32> },
    /// The draft's file or the terminal hand-over failed.
    Io(String),
}

/// Connection state shown in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    /// Connected; the snapshot is still arriving, so the chats shown are not yet the server's.
    Syncing,
    /// Connected and in sync.
    Online,
    Offline {
        reason: String,
        retry_at: Millis,
    },
    /// The server refused our token; only a new login helps.
    AuthFailed,
}
