//! The console's whole state: plain data, owned by the loop, changed only by `update`.

mod chat;
mod panes;
mod saved;

use std::collections::{BTreeMap, HashMap};

use frontdesk_protocol::{Millis, OperatorInfo, Seq};
use ratatui_textarea::TextArea;

pub use chat::{ChatView, Delivery, Entry, Who, cut_to_width, visitor_label};
pub use panes::Pane;
pub use saved::SavedLayout;

use super::Connection;
use super::geometry::{self, Areas, Layout};
use crate::i18n::Strings;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Compose,
}

/// A command sent and not yet answered, so its `ack`/`error` can be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingCommand {
    Message { chat_id: i64 },
    Accept { chat_id: i64 },
    Close { chat_id: i64 },
}

#[derive(Debug)]
pub struct State {
    pub strings: &'static Strings,
    /// Time zone for message times (the system's; UTC in tests).
    pub tz: jiff::tz::TimeZone,
    pub now: Millis,
    pub width: u16,
    pub height: u16,
    pub connection: Connection,
    /// Login name we connected as, shown until `welcome` tells the display name.
    pub operator_name: String,
    pub me: Option<OperatorInfo>,
    pub operators: HashMap<i64, OperatorInfo>,
    /// Seq of the last event (or snapshot) applied.
    pub last_seq: Option<Seq>,
    pub chats: BTreeMap<i64, ChatView>,
    pub selected: Option<i64>,
    /// The dialog panes, `layout.count()` of them (never none), and the focused one's index.
    pub panes: Vec<Pane>,
    pub pane: usize,
    pub layout: Layout,
    /// The arrangement of the last run, put back when the first snapshot arrives.
    pub restore: Option<SavedLayout>,
    pub focus: Focus,
    pub help: bool,
    /// The visitor card is shown beside the dialog.
    pub card: bool,
    /// Each visitor's conversations as last listed by the server, newest first (card).
    pub earlier: HashMap<i64, Vec<frontdesk_protocol::ChatSummary>>,
    /// The live key bindings (help overlay) and a pending key sequence (which-key hint).
    pub keys: super::action::KeyHelp,
    /// The one reply box, for the focused pane's chat.
    pub compose: TextArea<'static>,
    /// Unsent text of chats other than the focused pane's.
    pub drafts: HashMap<i64, String>,
    /// The chat we last told "typing" and when; `None` once we said we stopped.
    pub typing_sent: Option<(i64, Millis)>,
    pub banner: Option<String>,
    /// `NO_COLOR` is set: draw with bold/dim/reverse only.
    pub no_color: bool,
    /// The last error worth telling the operator (sanitized).
    pub notice: Option<String>,
    pub pending: HashMap<String, PendingCommand>,
    /// Own messages not yet stored, kept across a resync until the snapshot arrives.
    pub(crate) stash: Vec<(i64, Entry)>,
}

impl State {
    pub fn new(strings: &'static Strings, operator_name: String, banner: Option<String>) -> Self {
        let mut compose = TextArea::default();
        compose.set_placeholder_text(strings.compose_placeholder);
        Self {
            strings,
            tz: jiff::tz::TimeZone::UTC,
            now: 0,
            width: 80,
            height: 24,
            connection: Connection::Connecting,
            operator_name,
            me: None,
            operators: HashMap::new(),
            last_seq: None,
            chats: BTreeMap::new(),
            selected: None,
            panes: vec![Pane::default()],
            pane: 0,
            layout: Layout::One,
            restore: None,
            focus: Focus::List,
            help: false,
            card: false,
            earlier: HashMap::new(),
            keys: super::action::KeyHelp::default(),
            compose,
            drafts: HashMap::new(),
            typing_sent: None,
            banner,
            no_color: false,
            notice: None,
            pending: HashMap::new(),
            stash: Vec::new(),
        }
    }

    pub fn areas(&self) -> Areas {
        geometry::areas(
            self.width,
            self.height,
            self.compose.lines().len(),
            self.card,
        )
    }

    pub fn my_id(&self) -> Option<i64> {
        self.me.as_ref().map(|m| m.id)
    }

    pub fn my_name(&self) -> &str {
        self.me
            .as_ref()
            .map_or(self.operator_name.as_str(), |m| m.display_name.as_str())
    }

    /// Whether a redraw each second shows something new (wait timers, retry countdown).
    pub fn has_running_timers(&self) -> bool {
        matches!(self.connection, Connection::Offline { .. })
            || self
                .chats
                .values()
                .any(|c| c.chat.status == frontdesk_protocol::ChatStatus::Waiting)
    }
}
