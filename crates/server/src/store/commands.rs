//! What the writer can be asked to do ([`Cmd`]), the client commands inside it (with their
//! actor and id, stored once), and what it answers ([`Reply`]).

use frontdesk_protocol::{Millis, OperatorRole, OperatorStatus, PrechatFields};

use super::quiet_close::QuietClose;
use super::{Ack, BanRequest, InviteRequest, Invited, MailOutcome, NewFile, VisitorIdentity};
use super::{chat_facts, prune};

/// Who sends a command, for idempotency scoping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Visitor(i64),
    Operator(i64),
}

impl Actor {
    pub(super) fn key(self) -> String {
        match self {
            Self::Visitor(id) => format!("v:{id}"),
            Self::Operator(id) => format!("o:{id}"),
        }
    }
}

/// A command with an id from a client: stored once, answered the same way every time.
#[derive(Debug, Clone)]
pub struct ClientCommand<A> {
    pub actor_id: i64,
    pub client_id: String,
    /// Hash of the command's canonical encoding: same id + other body = conflict.
    pub body_hash: String,
    pub action: A,
}

#[derive(Debug, Clone)]
pub enum VisitorAction {
    PageView {
        url: String,
        title: Option<String>,
        referrer: Option<String>,
        search_query: Option<String>,
    },
    Prechat(PrechatFields),
    StartChat {
        text: Option<String>,
        department: Option<String>,
    },
    Message(String),
    /// A file received from the visitor (`routes/files.rs`), posted as a message of their
    /// open chat, or of a new one.
    File(NewFile),
    Close,
    Offline {
        text: String,
        name: Option<String>,
        email: Option<String>,
    },
    /// The visitor closed their pending invitation (its id).
    DismissInvitation(i64),
    /// The site's customer this visitor is, its hash already verified (`identify`).
    Identify(String),
    /// The visitor's rating of a closed chat of theirs, its comment bounded.
    Rate {
        chat_id: i64,
        rating: frontdesk_protocol::Rating,
        comment: Option<String>,
    },
    /// The visitor has seen their chat up to this message (`seen`).
    Seen(i64),
}

#[derive(Debug, Clone)]
pub enum OperatorAction {
    Accept(i64),
    Message {
        chat_id: i64,
        text: String,
        note: bool,
    },
    /// A file received from the operator, posted as their answer in the chat (as `Message`).
    File {
        chat_id: i64,
        file: NewFile,
    },
    /// A supervisor's line for the chat's operator only.
    Whisper {
        chat_id: i64,
        text: String,
    },
    /// A line of the team room (`to` none) or to one colleague.
    TeamMessage {
        to: Option<i64>,
        text: String,
    },
    Transfer {
        chat_id: i64,
        to: i64,
        note: Option<String>,
    },
    /// Back to the queue for a department (its key, as typed).
    TransferToDepartment {
        chat_id: i64,
        department: String,
        note: Option<String>,
    },
    /// Take a chat offered to me.
    AcceptTransfer(i64),
    /// Turn an offered chat down.
    DeclineTransfer {
        chat_id: i64,
        reason: Option<String>,
    },
    Close(i64),
    SetStatus(OperatorStatus),
    Ban(BanRequest),
    /// Lift a ban (its id).
    Unban(i64),
}

/// Everything the writer can be asked to do.
#[derive(Debug, Clone)]
pub enum Cmd {
    VisitorHello {
        token: Option<String>,
        site: Option<String>,
        language: Option<String>,
        user_agent: Option<String>,
        ip: Option<String>,
        city: Option<String>,
        region: Option<String>,
        /// `false`: a token we do not know is refused (`not_found`) instead of becoming a
        /// new identity, so the socket can rate-limit new identities first.
        may_create: bool,
    },
    Visitor(ClientCommand<VisitorAction>),
    Operator(ClientCommand<OperatorAction>),
    /// An operator's first socket connected or last one closed.
    Presence {
        operator_id: i64,
        status: OperatorStatus,
        /// The operator has gone (offline past the grace, `[presence] release_chats`): their
        /// active chats go back to the queue (`release.rs`).
        release_chats: bool,
    },
    CreateSession {
        operator_id: i64,
        token_hash: String,
        expires_at: Millis,
    },
    DeleteSession {
        token_hash: String,
    },
    /// At start-up: nobody is connected yet, whatever the last run left behind. Answers
    /// [`Reply::Holding`]: the operators who still have active chats.
    ResetPresence,
    /// Deletes visitors unseen since `seen_before` who never chatted, among the `window`
    /// visitor rows after `after_id` (see `expiry.rs`).
    ExpireVisitors {
        after_id: i64,
        window: u32,
        seen_before: Millis,
    },
    /// Deletes the events no one reads past the replay window, and old command ids, a
    /// window of each (see `prune.rs`).
    Prune(prune::Order),
    AddOperator {
        name: String,
        display_name: String,
        password_hash: String,
        role: OperatorRole,
    },
    /// The command line's account changes (`accounts.rs`): a new password, the account
    /// disabled or enabled, another role or display name; each finds the account by its login
    /// name.
    SetOperatorPassword {
        name: String,
        password_hash: String,
    },
    SetOperatorDisabled {
        name: String,
        disabled: bool,
    },
    SetOperatorRole {
        name: String,
        role: OperatorRole,
    },
    SetOperatorDisplayName {
        name: String,
        display_name: String,
    },
    /// An account changed since the last roster pass (`roster.rs`): consoles are told of it
    /// as it is now.
    TellAccount {
        operator_id: i64,
    },
    /// Every second: department chats past `[routing] fallback_secs` open to everyone.
    RouteTick,
    /// Every second: chats quiet since their visitor left close, a window of them a pass
    /// (`[presence] close_after_left_secs`, `quiet_close.rs`).
    CloseQuiet(QuietClose),
    /// Summary rows of finished chats and their watermark (`chat_facts.rs`).
    StoreChatFacts(Box<chat_facts::FactsBatch>),
    /// The mailer tried e-mail `mail_id` (`mail_outbox.rs`).
    MailOutcome {
        mail_id: i64,
        outcome: MailOutcome,
    },
    /// An invitation to chat for a visitor on the site (`invitations.rs`).
    Invite(Box<InviteRequest>),
    /// The visitor left the site: their pending invitation lapses.
    LapseInvitation {
        visitor_id: i64,
    },
    /// The visitor of open chat `chat_id` left the site at `left_at` or came back (`None`):
    /// while gone, operators' answers there also go by e-mail (`mail_outbox.rs`).
    VisitorGone {
        chat_id: i64,
        left_at: Option<Millis>,
    },
    /// Open chat `chat_id` became live while its visitor was away (`presence.rs`).
    VisitorAwayWhenTaken {
        chat_id: i64,
    },
}

impl Cmd {
    /// A `hello` from a visitor the server does not know yet, with nothing said about them
    /// (the store's tests and benchmarks).
    pub fn new_visitor_hello() -> Self {
        Self::VisitorHello {
            token: None,
            site: None,
            language: None,
            user_agent: None,
            ip: None,
            city: None,
            region: None,
            may_create: true,
        }
    }

    /// A client's command, with the id it may send again (`commands`).
    pub(super) fn has_client_id(&self) -> bool {
        matches!(self, Self::Visitor(_) | Self::Operator(_))
    }

    /// Whether the command may hold the connection for long (many rows at once), so it is
    /// never run on a runtime thread, where sockets would wait behind it.
    pub(super) fn may_take_long(&self) -> bool {
        matches!(
            self,
            Self::ResetPresence
                | Self::ExpireVisitors { .. }
                | Self::Prune(_)
                | Self::StoreChatFacts(_)
        )
    }

    /// Whether the command may change who waits or who has room, so the automatic routing
    /// modes should look at the queue after its batch.
    pub(super) fn may_route(&self) -> bool {
        match self {
            Self::Visitor(c) => matches!(
                c.action,
                VisitorAction::StartChat { .. }
                    | VisitorAction::Message(_)
                    | VisitorAction::File(_)
                    | VisitorAction::Close
            ),
            Self::Operator(c) => !matches!(c.action, OperatorAction::Message { .. }),
            Self::Presence { .. } | Self::RouteTick | Self::CloseQuiet(_) => true,
            _ => false,
        }
    }
}

/// The writer's answer to a [`Cmd`].
#[derive(Debug, Clone)]
pub enum Reply {
    Ack(Ack),
    Visitor(VisitorIdentity),
    Id(i64),
    Done,
    Invited(Invited),
    /// A visitor sweep: the last id looked at (`None`: the table's end) and how many went.
    Swept {
        last_id: Option<i64>,
        deleted: u64,
    },
    /// A prune step (`prune.rs`).
    Pruned(prune::Pruned),
    /// Operators with active chats (`ResetPresence`), by id.
    Holding(Vec<i64>),
}
