//! Frames on the operator WebSocket (`/ws/operator`), both ways, and the stored events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::EventBody;
use crate::replies::with_replies;
use crate::visitor::default_page;
use crate::{
    Ban, ChatState, ChatSummary, DepartmentInfo, FormerOperator, Message, Millis, OperatorInfo,
    OperatorStatus, PageView, Seq, SiteVisitor, TeamMessage, TransferOffer,
};

/// Operator → server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OperatorIn {
    /// First frame: the session token from `POST /api/login`, and the last event `seq` this
    /// client has applied. Without `since` the server sends a full `snapshot`.
    Hello {
        token: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<Seq>,
        /// During a burst, live events may wait up to this many milliseconds to travel
        /// together (at most 100). Absent: each event goes at once.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pack_ms: Option<u32>,
    },
    /// Take a waiting chat.
    Accept {
        id: String,
        chat_id: i64,
    },
    /// A message to the visitor.
    Message {
        id: String,
        chat_id: i64,
        text: String,
    },
    /// An internal note on the chat, seen by operators only.
    Note {
        id: String,
        chat_id: i64,
        text: String,
    },
    /// Hand the chat to a colleague with a note so the visitor need not repeat the story.
    Transfer {
        id: String,
        chat_id: i64,
        to_operator: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Put the chat back in the queue for a department, with a note: its operators take it
    /// (or routing gives it to one) as a new waiting chat, and the visitor is told.
    TransferToDepartment {
        id: String,
        chat_id: i64,
        department: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Take a chat a colleague offered (`chat_transfer_offered` to me): it becomes mine and
    /// the visitor is told who helps now.
    AcceptTransfer {
        id: String,
        chat_id: i64,
    },
    /// Turn an offered chat down: it stays with the colleague who offered it, who is told why.
    DeclineTransfer {
        id: String,
        chat_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// End the chat.
    Close {
        id: String,
        chat_id: i64,
    },
    SetStatus {
        id: String,
        status: OperatorStatus,
    },
    /// The operator is typing in this chat (or stopped). Not stored.
    Typing {
        chat_id: i64,
        typing: bool,
    },
    /// The chat this operator's console shows focused now (`null`: none). Not stored; told
    /// to colleagues so two people never answer one visitor at once.
    Viewing {
        #[serde(default)]
        chat_id: Option<i64>,
    },
    /// Earlier messages of a chat, page by page.
    History {
        id: String,
        chat_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<i64>,
        #[serde(default = "default_page")]
        limit: u32,
    },
    /// A visitor's conversations, newest first, page by page (`before` is a chat id).
    VisitorChats {
        id: String,
        visitor_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<i64>,
        #[serde(default = "default_page")]
        limit: u32,
    },
    /// Ban the visitor of this chat for `duration_secs` (one minute to a year), by token
    /// and, with `by_ip`, by network address. Their open chats are closed.
    Ban {
        id: String,
        chat_id: i64,
        duration_secs: u32,
        reason: String,
        #[serde(default)]
        by_ip: bool,
    },
    /// Lift a ban before it ends (supervisors).
    Unban {
        id: String,
        ban_id: i64,
    },
    /// The bans in force, newest first, page by page (`before` is a ban id; supervisors).
    ListBans {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<i64>,
    },
    /// A line only the chat's assignee (and supervisors) see, inside the dialog (supervisors).
    Whisper {
        id: String,
        chat_id: i64,
        text: String,
    },
    /// A line in the operators' own chat: to one colleague, or (no `to_operator`) the team room.
    TeamMessage {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_operator: Option<i64>,
        text: String,
    },
    /// Earlier lines of the team room (no `with_operator`) or of the one-to-one chat with a
    /// colleague, page by page (`before` is a team message id).
    TeamHistory {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        with_operator: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<i64>,
        #[serde(default = "default_page")]
        limit: u32,
    },
    /// Start (`on`) or stop watching the visitors on the site now: `site_part`s and a
    /// `site_list`, then `site_visitors` changes until `on: false` or the socket closes.
    WatchSite {
        on: bool,
    },
    /// Invite a visitor on the site (not chatting, no invitation pending) to chat: the widget
    /// shows `text` as a message from this operator; the visitor's answer opens a chat that is
    /// already this operator's.
    Invite {
        id: String,
        visitor_id: i64,
        text: String,
    },
    /// What the on-site list leaves out of a visitor on the site now, for the view's card:
    /// their browser and latest pages. Answered with `site_card`.
    SiteCard {
        id: String,
        visitor_id: i64,
    },
    Ping,
}

// Frames are decoded and handled one at a time, never kept in bulk, so the size of the largest
// variant costs nothing worth an indirection.
with_replies! {
/// Server → operator; with `ack` and `error` (see `replies.rs`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OperatorOut {
    /// Answer to `hello`. `head_seq` is the newest stored event at that moment.
    Welcome {
        operator: OperatorInfo,
        head_seq: Seq,
        /// True when the server will replay events after `since` instead of a snapshot.
        resumed: bool,
        /// The longest message text the server stores, in characters: a console keeps a longer
        /// reply in its box instead of sending it to be refused. Absent from older servers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_message_chars: Option<u32>,
        /// The server sends answers by e-mail (`[mail]` set up): to an offline message's
        /// address, and to a live chat's visitor gone from the site who gave one. Absent
        /// (`false`) from older servers.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        mail_answers: bool,
        /// The labels the site gives its own pre-chat fields (`extra`), by key: a console shows
        /// «Номер заказа: A-1043» rather than «order: A-1043». Absent: none labelled.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        form_labels: BTreeMap<String, String>,
        /// An active chat closes by itself once quiet this long since its visitor left
        /// (`[presence] close_after_left_secs`; the rule in protocol.md). Absent: chats never
        /// close so (or an older server).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        close_after_left_secs: Option<u64>,
    },
    /// `since` is older than the server keeps for replay (or newer than it has): drop local
    /// state; a `snapshot` follows.
    Resync {
        reason: String,
        oldest_seq: Seq,
    },
    /// Part of a snapshot too large for one frame: some of its chats, as of `seq`. The
    /// `snapshot` frame that ends it carries the rest; apply them all together.
    SnapshotPart {
        seq: Seq,
        chats: Vec<ChatState>,
    },
    /// The current picture, complete with any `snapshot_part` frames before it: open chats,
    /// the newest chats closed in the last day, operators. Events with `seq` above `seq` follow.
    Snapshot {
        seq: Seq,
        chats: Vec<ChatState>,
        operators: Vec<OperatorInfo>,
        /// Disabled accounts, only to name them where their chats, notes and bans show: they
        /// take no chats, transfers or messages, so `operators` leaves them out.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        former_operators: Vec<FormerOperator>,
    },
    /// One stored event, in `seq` order, each exactly once per connection.
    Event {
        seq: Seq,
        ts: Millis,
        event: EventBody,
    },
    /// A visitor's live draft in a chat (empty: stopped typing). Not stored; visitor text.
    VisitorTyping {
        chat_id: i64,
        draft: String,
    },
    /// A colleague is typing in a chat.
    OperatorTyping {
        chat_id: i64,
        operator_id: i64,
        typing: bool,
    },
    /// The chat a colleague's console shows focused (`null`: none, or they left). Sent when
    /// it changes, and for every colleague right after the snapshot.
    OperatorViewing {
        operator_id: i64,
        #[serde(default)]
        chat_id: Option<i64>,
    },
    History {
        id: String,
        chat_id: i64,
        messages: Vec<Message>,
        more: bool,
    },
    /// Answer to `visitor_chats`. Open a listed chat read-only with `history`.
    VisitorChats {
        id: String,
        visitor_id: i64,
        chats: Vec<ChatSummary>,
        more: bool,
    },
    /// Chats offered from one operator to another and not yet taken or turned down: sent
    /// right after each snapshot (changes come as `chat_transfer_offered`, `chat_transferred`,
    /// `chat_transfer_declined` and `chat_closed` events).
    TransferOffers {
        offers: Vec<TransferOffer>,
    },
    /// Answer to `list_bans`: bans in force, newest first.
    Bans {
        id: String,
        bans: Vec<Ban>,
        more: bool,
    },
    /// The departments and who is in them: sent right after each snapshot (before
    /// `transfer_offers`); empty when the server has none.
    Departments {
        departments: Vec<DepartmentInfo>,
        /// `[routing] max_chats`: active chats an operator may hold; absent when uncapped.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_chats: Option<u32>,
    },
    /// Answer to `team_history`, oldest first.
    TeamHistory {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        with_operator: Option<i64>,
        messages: Vec<TeamMessage>,
        more: bool,
    },
    /// The newest lines of the team room and of this operator's one-to-one chats, oldest
    /// first: sent right after each snapshot (new ones come as `team_message_posted`).
    TeamRecent {
        messages: Vec<TeamMessage>,
    },
    /// Part of the on-site list too large for one frame; the `site_list` that ends it carries
    /// the rest. Replace the whole list with them all.
    SitePart { visitors: Vec<SiteVisitor> },
    /// The visitors on the site now (with any `site_part`s before it), after `watch_site`.
    SiteList { visitors: Vec<SiteVisitor> },
    /// Changes to the on-site list, at most every half second: the latest state of each
    /// visitor that changed, and the visitors who left.
    SiteVisitors {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        upsert: Vec<SiteVisitor>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        leave: Vec<i64>,
    },
    /// Open chats (waiting or active) whose visitor is not on the site now: no widget open
    /// past `[site] linger_secs`, or not connected since the server started. Right after each
    /// snapshot and after a resume's `welcome` (with the replay), in one frame or more (at
    /// most 1,000 chats each; one empty frame when there are none). After a snapshot every
    /// open chat no such frame lists has its visitor on the site; after a resume the frames
    /// only add to what the console knew. Changes come as `visitor_presence` events.
    VisitorsAway { chats: Vec<AwayChat> },
    /// Answer to `site_card`: the visitor's user agent and their latest pages, oldest first.
    SiteCard {
        id: String,
        visitor_id: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_agent: Option<String>,
        pages: Vec<PageView>,
    },
    Pong,
    /// A packed burst of live events has paused (only to a client that asked for `pack_ms`):
    /// everything that came is written, nothing more for a while. A client holding its screen
    /// back during the burst draws now instead of waiting to be sure.
    Quiet,
}
}

/// An open chat whose visitor is not on the site (`visitors_away`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwayChat {
    pub chat_id: i64,
    /// When the visitor's last tab closed; for one away since before the server last started,
    /// their last sign of life it had stored. Absent when it does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_at: Option<Millis>,
}

impl OperatorOut {
    /// A `welcome` for a fresh socket that says nothing beyond who the operator is and the
    /// newest `seq`: every optional field absent, as the oldest server sends it.
    pub fn welcome(operator: OperatorInfo, head_seq: Seq) -> Self {
        Self::Welcome {
            operator,
            head_seq,
            resumed: false,
            max_message_chars: None,
            mail_answers: false,
            form_labels: BTreeMap::new(),
            close_after_left_secs: None,
        }
    }

    /// A `snapshot` of these chats and operators, with no disabled accounts to name.
    pub fn snapshot(seq: Seq, chats: Vec<ChatState>, operators: Vec<OperatorInfo>) -> Self {
        Self::Snapshot {
            seq,
            chats,
            operators,
            former_operators: Vec::new(),
        }
    }
}
