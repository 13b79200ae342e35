//! A set of chats exported into one file (`:export 7d sales csv`, F8 on the search screen):
//! the chats listed a page at a time, their transcripts fetched a few at once and written in
//! list order into a temporary file, which becomes the export's file only once complete
//! (`update/export_set.rs`). One export at a time.

use std::collections::BTreeMap;
use std::path::PathBuf;

use frontdesk_protocol::transcript::Transcript;

use crate::export::{ChatFilter, Writer};

/// Most chats one export takes; a longer set is cut and the result says so.
pub const MAX_EXPORT: usize = 5_000;
/// Transcripts asked for and not yet written, at most (also what waits out of order).
pub const AT_ONCE: usize = 4;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSet {
    /// The number of the last export started: answers about an older one are dropped.
    pub serial: u64,
    /// The export running, if one is.
    pub job: Option<ExportJob>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJob {
    /// What the status line calls it: the words as typed (`7d sales`), raw.
    pub what: String,
    /// The period and names, while the chats are still being listed.
    pub listing: Option<ChatFilter>,
    /// The chats to write, in order (at most [`MAX_EXPORT`]).
    pub ids: Vec<i64>,
    /// More chats matched than [`MAX_EXPORT`].
    pub cut: bool,
    /// Transcripts asked for: `ids[..asked]`.
    pub asked: usize,
    /// The format, and how many transcripts are written (`ids[..writer.written]`).
    pub writer: Writer,
    /// Transcripts that came before an earlier one, by index into `ids`.
    pub ahead: BTreeMap<usize, Box<Transcript>>,
    /// Where the file grows, and the name it gets when complete.
    pub temp: PathBuf,
    pub path: PathBuf,
    /// Everything is written: the file is being put in place.
    pub saving: bool,
}

impl ExportJob {
    /// Transcripts written so far.
    pub fn done(&self) -> usize {
        self.writer.written
    }
}
