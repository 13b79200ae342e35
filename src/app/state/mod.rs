//! The console's whole state: plain data, owned by the loop, changed only by `update`.

mod bans;
mod canned;
mod chat;
#[cfg(test)]
mod chat_days_tests;
mod chat_merge;
mod chat_quiet;
mod chat_rows;
mod chat_seen;
#[cfg(test)]
mod chat_tests;
mod chat_visitor;
mod chat_wait;
mod compose_box;
mod confirm;
mod days;
mod departments;
mod earlier;
mod entry;
mod export_set;
mod finder;
mod hits;
mod invariants;
mod key_context;
mod label;
mod link;
mod mail;
mod me;
mod panes;
mod picker;
mod queue;
mod rows;
mod saved;
mod site;
mod stats;
mod target;
mod team;
mod texts;
mod writing;

use std::collections::{BTreeMap, HashMap};

use frontdesk_protocol::{Millis, OperatorInfo, Seq};
use ratatui_textarea::TextArea;

pub use canned::CannedState;
pub use chat::{COLLEAGUE_TYPING_MS, ChatView};
pub use chat_wait::Away;
pub use compose_box::{char_columns, new_compose, rows as compose_rows};
pub use confirm::Confirm;
pub use days::{Calendar, DayOf, clock_time_seen};
pub use earlier::EarlierRows;
pub use entry::{Delivery, Entry, NewEntry, Who};
pub use export_set::{AT_ONCE, ExportJob, ExportSet, MAX_EXPORT};
pub use finder::{Asked, Finder, Found, HITS, Jump, hit_word};
pub use key_context::KeyContext;
pub use label::{cut_to_width, visitor_label};
pub use link::Failures;
pub use panes::{GUTTER, Pane};
pub use picker::{PickFrom, PickItem, Picker, Preview, Shade};
pub use queue::{QueueState, Targets, Today};
pub use saved::SavedLayout;
pub use site::{CardDetails, SiteCard, SiteSort, SiteView};
pub use stats::{Answer, StatsPeriod, StatsState};
pub use target::ReplyTarget;
pub use team::{Room, TeamState, room_of_key, room_view, team_entry};
pub use writing::{Cycle, WritingState};

use super::Connection;
use super::geometry::{self, Areas, Layout};
use crate::i18n::Strings;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Compose,
    /// The search prompt of the focused pane; keys go back to `State::search_back` after.
    Search,
}

/// A command sent and not yet answered, so its `ack`/`error` can be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingCommand {
    Message {
        chat_id: i64,
    },
    Accept {
        chat_id: i64,
    },
    Close {
        chat_id: i64,
    },
    /// A page of messages asked for: before message `before`, or the newest (`None`). The
    /// same page is asked for once at a time; an older page and the newest may both be on
    /// their way (scrolled to the top as the chat came back with messages this console missed).
    History {
        chat_id: i64,
        before: Option<i64>,
    },
    /// A line of the team chat sent, not yet stored.
    TeamLine {
        room: Room,
    },
    /// A page of older team lines asked for (one at a time per room).
    TeamHistory {
        room: Room,
    },
    /// The bans in force asked for; the answer opens the bans picker.
    ListBans,
    /// An invitation sent from the on-site view; its ack says it went out.
    Invite,
}

/// How long the operator has been idle, for going away by itself (`update/away.rs`).
#[derive(Debug, Clone, Default)]
pub struct Idle {
    /// Idle this long an online operator is set away; 0: never (`[status] away_after_mins`).
    pub away_after_ms: Millis,
    /// The last key, click or paste (0 until the first tick).
    pub last_input: Millis,
    /// The console set the away itself, so the next key sets online again.
    pub auto_away: bool,
}

/// What only the screen needs: its size, the overlays shown and how it is coloured. Nothing
/// about chats depends on it; `update` changes it on resize and on the keys that toggle it.
#[derive(Debug, Clone)]
pub struct Screen {
    pub width: u16,
    pub height: u16,
    /// The help overlay is open.
    pub help: bool,
    /// The first help row shown when the overlay does not fit (`app::help`).
    pub help_scroll: usize,
    /// The visitor card is shown beside the dialog.
    pub card: bool,
    /// On a narrow screen, the card fills the dialog area (the second `toggle_card`).
    pub card_whole: bool,
    /// `NO_COLOR` is set: draw with bold/dim/reverse only.
    pub no_color: bool,
    /// Styles per role: the built-in ones with `theme.toml` laid over (unused under `NO_COLOR`).
    pub palette: crate::theme_file::Palette,
}

impl Default for Screen {
    fn default() -> Self {
        Self {
            width: 80,
            height: 24,
            help: false,
            help_scroll: 0,
            card: false,
            card_whole: false,
            no_color: false,
            palette: crate::theme_file::Palette::default(),
        }
    }
}

#[derive(Debug)]
pub struct State {
    pub strings: &'static Strings,
    /// Time zone for message times (the system's; UTC in tests).
    pub tz: jiff::tz::TimeZone,
    pub now: Millis,
    /// Today's bounds in `tz`, remembered: the dialog asks for today's date per message.
    days: DayOf,
    /// What only drawing needs: size, overlays, colours.
    pub screen: Screen,
    pub connection: Connection,
    /// Connections lost in a row before getting in sync (told in the status bar).
    pub failures: Failures,
    /// Login name we connected as, shown until `welcome` tells the display name.
    pub operator_name: String,
    pub me: Option<OperatorInfo>,
    pub operators: HashMap<i64, OperatorInfo>,
    /// Display names of colleagues disabled meanwhile (`operator_disabled`), still named where
    /// their earlier doings show: their chats, threads and bans.
    pub former_operators: HashMap<i64, String>,
    /// Seq of the last event (or snapshot) applied.
    pub last_seq: Option<Seq>,
    /// Chats of a snapshot still arriving (`snapshot_part` frames) and its seq.
    pub snapshot_parts: Option<(Seq, Vec<frontdesk_protocol::ChatState>)>,
    /// The longest message the server stores, as its `welcome` said (older servers do not).
    pub max_message_chars: Option<usize>,
    /// The server mails answers (`welcome`): a chat whose visitor left and gave an e-mail
    /// gets them there too, and the pane says so.
    pub mail_answers: bool,
    /// The labels the site gives its own pre-chat fields, by key (`welcome`).
    pub form_labels: BTreeMap<String, String>,
    /// A chat quiet this long since its visitor left closes by itself (`welcome`; `None`: never).
    pub quiet_close_after_ms: Option<Millis>,
    pub chats: BTreeMap<i64, ChatView>,
    pub selected: Option<i64>,
    /// The dialog panes, `layout.count()` of them (never none), and the focused one's index.
    pub panes: Vec<Pane>,
    pub pane: usize,
    pub layout: Layout,
    /// The arrangement of the last run, put back when the first snapshot arrives.
    pub restore: Option<SavedLayout>,
    pub focus: Focus,
    /// Where keys go when the search prompt closes.
    pub search_back: Focus,
    /// Earlier conversations open read-only in a pane, by chat id (dropped with their pane).
    pub archive: HashMap<i64, ChatView>,
    /// The earlier conversation picked in the card's list (keys move it, `open_earlier` opens).
    pub earlier_pick: Option<i64>,
    /// The yes/no question on screen, if any (keys go to the `confirm` keymap context).
    pub confirm: Option<Confirm>,
    /// Each visitor's conversations as last listed by the server, newest first (card).
    pub earlier: HashMap<i64, Vec<frontdesk_protocol::ChatSummary>>,
    /// The live key bindings (help overlay) and a pending key sequence (which-key hint).
    pub keys: crate::action::KeyHelp,
    /// The one reply box, for the focused pane's chat.
    pub compose: TextArea<'static>,
    /// Unsent text of chats other than the focused pane's.
    pub drafts: HashMap<i64, String>,
    /// Where drafts are kept between runs (data dir, server) and what was written last;
    /// `None`: not kept (tests).
    pub drafts_file: Option<(std::path::PathBuf, String)>,
    /// `[files] downloads_dir` of config.toml as written (empty: not set); the runtime
    /// decides the folder (`downloads::chosen_dir`).
    pub downloads_dir: std::path::PathBuf,
    pub drafts_saved: std::collections::BTreeMap<i64, String>,
    /// When the drafts were last compared with `drafts_saved` (at most once a second).
    pub drafts_checked_at: Millis,
    /// The chat we last told "typing" and when; `None` once we said we stopped.
    pub typing_sent: Option<(i64, Millis)>,
    pub banner: Option<String>,
    /// The last error worth telling the operator (sanitized).
    pub notice: Option<String>,
    /// No desktop notification server answered (the other alert channels still work).
    pub desktop_unavailable: bool,
    /// Alert rules, do-not-disturb and what is about to be notified (`crate::notify`).
    pub alerts: crate::app::alerts::Notifier,
    pub pending: HashMap<String, PendingCommand>,
    /// Canned replies: the library, use counts.
    pub canned: CannedState,
    /// The picker over the screen, while it is open (`picker.rs`).
    pub picker: Option<Picker>,
    pub idle: Idle,
    /// The chat each colleague's console shows focused, by operator (only operators the
    /// console knows, never us: as long as the team at most).
    pub viewing: HashMap<i64, i64>,
    /// The operators' own chat: the team room and one-to-one chats (`team.rs`).
    pub team: TeamState,
    /// The bans in force as the server last listed them (at most a page), for the picker.
    pub bans: Vec<frontdesk_protocol::Ban>,
    /// Chats offered from one operator to another, not yet taken or turned down, by chat.
    pub offers: HashMap<i64, frontdesk_protocol::TransferOffer>,
    /// The server's departments, as it last sent them (a handful: its config).
    pub departments: Vec<frontdesk_protocol::DepartmentInfo>,
    /// `[routing] max_chats` on the server: active chats an operator may hold (`None`: no cap).
    pub max_chats: Option<u32>,
    /// The queue view (`app::queue` derives its rows).
    pub queue: QueueState,
    /// "On the site now" (`app::site` derives its rows).
    pub site: SiteView,
    /// The search across chats (`finder.rs`).
    pub finder: Finder,
    /// The statistics screen (`app::stats` derives what it draws).
    pub stats: StatsState,
    /// The set of chats being exported into one file (`export_set.rs`).
    pub export_set: ExportSet,
    /// The standards assistant's view of the reply box (`writing.rs`).
    pub writing: WritingState,
    /// Own messages not yet stored, kept across a resync until the snapshot arrives.
    pub(crate) stash: Vec<(i64, NewEntry)>,
    /// What each pane showed when rows were last wrapped (chat, earlier chat): a chat that
    /// leaves its pane drops its wrapped rows.
    pub(crate) wrapped: Vec<(Option<i64>, Option<i64>, Option<Room>)>,
}

impl State {
    pub fn new(strings: &'static Strings, operator_name: String, banner: Option<String>) -> Self {
        let compose = new_compose(strings);
        Self {
            strings,
            tz: jiff::tz::TimeZone::UTC,
            now: 0,
            days: DayOf::default(),
            screen: Screen::default(),
            connection: Connection::Connecting,
            failures: Failures::default(),
            operator_name,
            me: None,
            operators: HashMap::new(),
            former_operators: HashMap::new(),
            last_seq: None,
            snapshot_parts: None,
            max_message_chars: None,
            mail_answers: false,
            quiet_close_after_ms: None,
            form_labels: BTreeMap::new(),
            chats: BTreeMap::new(),
            selected: None,
            panes: vec![Pane::default()],
            pane: 0,
            layout: Layout::One,
            restore: None,
            focus: Focus::List,
            search_back: Focus::List,
            archive: HashMap::new(),
            earlier_pick: None,
            confirm: None,
            earlier: HashMap::new(),
            keys: crate::action::KeyHelp::default(),
            compose,
            drafts: HashMap::new(),
            drafts_file: None,
            downloads_dir: std::path::PathBuf::new(),
            drafts_saved: std::collections::BTreeMap::new(),
            drafts_checked_at: 0,
            typing_sent: None,
            banner,
            notice: None,
            desktop_unavailable: false,
            alerts: crate::app::alerts::Notifier::default(),
            pending: HashMap::new(),
            canned: CannedState::default(),
            picker: None,
            idle: Idle::default(),
            viewing: HashMap::new(),
            bans: Vec::new(),
            team: TeamState::default(),
            offers: HashMap::new(),
            departments: Vec::new(),
            max_chats: None,
            queue: QueueState::default(),
            site: SiteView::default(),
            finder: Finder::default(),
            stats: StatsState::default(),
            export_set: ExportSet::default(),
            writing: WritingState::default(),
            stash: Vec::new(),
            wrapped: Vec::new(),
        }
    }

    pub fn areas(&self) -> Areas {
        let rows = compose_box::box_rows(
            self.compose.lines(),
            geometry::compose_width(self.screen.width),
        );
        geometry::areas(
            self.screen.width,
            self.screen.height,
            rows,
            match (self.screen.card, self.screen.card_whole) {
                (false, _) => geometry::Card::Hidden,
                (true, false) => geometry::Card::Shown,
                (true, true) => geometry::Card::Whole,
            },
        )
    }

    /// Today's date on the operator's clock (the Unix epoch's for a clock out of range).
    pub fn today(&self) -> jiff::civil::Date {
        self.days
            .date(&self.tz, self.now)
            .unwrap_or(jiff::civil::date(1970, 1, 1))
    }

    /// `millis` as the operator's clock time (`14:05`).
    pub fn clock_time(&self, millis: i64) -> String {
        clock_time(&self.tz, millis)
    }

    /// Every unsent draft by chat, the reply box's included: what `drafts.toml` keeps.
    pub fn all_drafts(&self) -> std::collections::BTreeMap<i64, String> {
        let mut all: std::collections::BTreeMap<i64, String> = self
            .drafts
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        let boxed = self.compose.lines().join("\n");
        if let Some(id) = self.open_id().filter(|_| !boxed.trim().is_empty()) {
            all.insert(id, boxed);
        }
        all
    }
}

/// `millis` as clock time in `tz` (`14:05`).
pub fn clock_time(tz: &jiff::tz::TimeZone, millis: i64) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map(|t| t.to_zoned(tz.clone()).strftime("%H:%M").to_string())
        .unwrap_or_default()
}
