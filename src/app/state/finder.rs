//! The search across chats (`search_chats`, `:search`): a screen over the list and panes with
//! a query, the server's hits newest first, and the hit under the cursor. One request at a
//! time: a query asked for while another is on its way waits for that one's answer, which is
//! then dropped as old. Enter on a hit opens its chat at the message (`update/jump.rs`).

use frontdesk_protocol::search::SearchHit;

use super::State;

/// Hits asked for per search (the server gives 100 at most).
pub const HITS: u32 = 50;

/// The search screen and what it last found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finder {
    pub open: bool,
    /// As typed.
    pub query: String,
    /// The request on its way, if one is.
    pub asked: Option<Asked>,
    /// A query asked for while `asked` was on its way: sent when that answer comes.
    pub next: Option<String>,
    /// The number of the last request sent.
    pub serial: u64,
    /// The hits shown and the query they answer.
    pub shown: Option<Found>,
    /// Why the last search or opening failed (raw: drawing sanitizes it).
    pub error: Option<String>,
    /// Index into the shown hits.
    pub selected: usize,
    /// A found chat being opened at a message (`update/jump.rs`).
    pub jump: Option<Jump>,
}

/// A search request on its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub serial: u64,
    pub query: String,
}

/// A search's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub query: String,
    pub hits: Vec<SearchHit>,
    /// The newest message id in the server's index.
    pub indexed_up_to: i64,
}

/// Where a found chat is to be shown: its message, marked by the in-dialog search for
/// `word` (the hit word as the snippet has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub chat_id: i64,
    /// `None`: a visitor hit (the chat opens at its newest message).
    pub message_id: Option<i64>,
    pub word: String,
    /// The chat is being fetched to open read-only (the console does not hold it).
    pub fetching: bool,
}

impl Finder {
    /// The hit under the cursor.
    pub fn selected_hit(&self) -> Option<&SearchHit> {
        let hits = &self.shown.as_ref()?.hits;
        hits.get(self.selected.min(hits.len().saturating_sub(1)))
    }
}

impl State {
    /// Whether the console holds a message newer than the search index has taken in: then
    /// the newest messages may not be found yet.
    pub fn finder_lags(&self) -> bool {
        let Some(found) = &self.finder.shown else {
            return false;
        };
        self.chats
            .values()
            .filter_map(|c| c.messages.iter().rev().find_map(|e| e.id()))
            .any(|id| id > found.indexed_up_to)
    }
}

/// The first hit word of `hit`'s snippet (what the in-dialog search then looks for), else
/// the query's first word.
pub fn hit_word(hit: &SearchHit, query: &str) -> String {
    let chars: Vec<char> = hit.snippet.chars().collect();
    hit.marks
        .iter()
        .find_map(|&[start, end]| {
            let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
            (start < end && end <= chars.len()).then(|| chars[start..end].iter().collect())
        })
        .unwrap_or_else(|| query.split_whitespace().next().unwrap_or("").to_owned())
}
