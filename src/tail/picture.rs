//! What tail knows of the chats, so each line can name its department, operator and visitor
//! and carry the queue's length: the snapshot, kept up to date by the events after it.

use std::collections::{BTreeSet, HashMap, VecDeque};

use frontdesk_protocol::{
    ChatState, ChatStatus, EventBody, FormerOperator, OperatorInfo, Seq, VisitorProfile,
};

/// Closed chats remembered for late events about them (a ban after the close); older ones are
/// forgotten so a tail that runs for weeks does not grow without end.
const CLOSED_KEPT: usize = 2_000;

#[derive(Debug, Clone)]
struct ChatFacts {
    visitor_id: i64,
    status: ChatStatus,
    department: Option<String>,
    operator_id: Option<i64>,
}

/// The facts one event's line needs, looked up or learnt from the event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub chat_id: Option<i64>,
    pub department: Option<String>,
    /// The chat's operator after the event (its operator before a close).
    pub chat_operator: Option<i64>,
    pub visitor: Option<String>,
    /// Chats waiting after the event; `None` while the queue is not known (history from
    /// before the snapshot tail started from).
    pub waiting: Option<usize>,
    /// The event put a chat in the queue or took one out.
    pub queue_changed: bool,
}

#[derive(Debug, Default)]
pub struct Picture {
    chats: HashMap<i64, ChatFacts>,
    closed: VecDeque<i64>,
    names: HashMap<i64, String>,
    operators: HashMap<i64, String>,
    waiting: BTreeSet<i64>,
    /// The queue is exact for events after this seq: the snapshot's.
    base: Option<Seq>,
    /// The event being applied put a chat in the queue or took one out.
    moved: bool,
}

impl Picture {
    /// Starts over from a snapshot taken at `seq`.
    pub fn reset(&mut self, seq: Seq, chats: Vec<ChatState>, operators: &[OperatorInfo]) {
        *self = Self::default();
        self.base = Some(seq);
        for op in operators {
            self.operators.insert(op.id, op.name.clone());
        }
        for state in chats {
            self.learn_visitor(&state.visitor);
            let chat = state.chat;
            self.set_status(chat.id, chat.status);
            self.chats.insert(
                chat.id,
                ChatFacts {
                    visitor_id: chat.visitor_id,
                    status: chat.status,
                    department: chat.department,
                    operator_id: chat.operator_id,
                },
            );
        }
    }

    /// Disabled colleagues, named where their chats and bans show in the lines to come.
    pub fn remember_former(&mut self, former: &[FormerOperator]) {
        for op in former {
            self.operators.insert(op.id, op.name.clone());
        }
    }

    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// An operator's login name, when known.
    pub fn login(&self, operator_id: i64) -> Option<&str> {
        self.operators.get(&operator_id).map(String::as_str)
    }

    /// Takes in one event and says what its line shows. Events at or before the snapshot
    /// only teach names and departments: the snapshot already holds their effect.
    pub fn apply(&mut self, seq: Seq, event: &EventBody) -> Facts {
        let live = self.base.is_some_and(|base| seq > base);
        self.moved = false;
        self.learn(event);
        if live {
            self.change(event);
        }
        let chat_id = chat_of(event);
        let chat = chat_id.and_then(|id| self.chats.get(&id));
        Facts {
            chat_id,
            department: department_of(event).or_else(|| chat.and_then(|c| c.department.clone())),
            chat_operator: chat.and_then(|c| c.operator_id),
            visitor: chat
                .and_then(|c| self.names.get(&c.visitor_id))
                .or_else(|| visitor_of(event).and_then(|id| self.names.get(&id)))
                .cloned(),
            waiting: live.then_some(self.waiting.len()),
            queue_changed: live && self.moved,
        }
    }

    /// Names and chats an event tells of, whether or not it is older than the snapshot.
    fn learn(&mut self, event: &EventBody) {
        match event {
            EventBody::ChatCreated { chat, visitor } => {
                self.learn_visitor(visitor);
                self.chats.entry(chat.id).or_insert_with(|| ChatFacts {
                    visitor_id: chat.visitor_id,
                    status: chat.status,
                    department: chat.department.clone(),
                    operator_id: chat.operator_id,
                });
            }
            EventBody::VisitorUpdated { visitor } => self.learn_visitor(visitor),
            // A colleague added since the snapshot, or renamed: their login from the event.
            EventBody::OperatorStatusChanged {
                operator: Some(op), ..
            }
            | EventBody::OperatorChanged { operator: op } => {
                self.operators.insert(op.id, op.name.clone());
            }
            EventBody::ChatAccepted {
                operator_id,
                operator_name,
                ..
            } => {
                // A display name stands in until a snapshot gives the login.
                self.operators
                    .entry(*operator_id)
                    .or_insert_with(|| operator_name.clone());
            }
            _ => {}
        }
    }

    /// What an event after the snapshot does to the chats and the queue.
    fn change(&mut self, event: &EventBody) {
        match event {
            EventBody::ChatCreated { chat, .. } => self.set_status(chat.id, chat.status),
            EventBody::ChatAccepted {
                chat_id,
                operator_id,
                ..
            } => {
                self.set_operator(*chat_id, Some(*operator_id));
                self.set_status(*chat_id, ChatStatus::Active);
            }
            EventBody::ChatTransferred {
                chat_id,
                to_operator_id,
                ..
            } => self.set_operator(*chat_id, Some(*to_operator_id)),
            EventBody::ChatRequeued {
                chat_id,
                department,
                ..
            } => {
                self.set_operator(*chat_id, None);
                if let Some(chat) = self.chats.get_mut(chat_id) {
                    chat.department = Some(department.clone());
                }
                self.set_status(*chat_id, ChatStatus::Waiting);
            }
            EventBody::ChatReleased { chat_id, .. } => {
                self.set_operator(*chat_id, None);
                self.set_status(*chat_id, ChatStatus::Waiting);
            }
            EventBody::ChatClosed { chat_id, .. } => self.set_status(*chat_id, ChatStatus::Closed),
            _ => {}
        }
    }

    fn set_operator(&mut self, chat_id: i64, operator_id: Option<i64>) {
        if let Some(chat) = self.chats.get_mut(&chat_id) {
            chat.operator_id = operator_id;
        }
    }

    fn set_status(&mut self, chat_id: i64, status: ChatStatus) {
        self.moved |= if status == ChatStatus::Waiting {
            self.waiting.insert(chat_id)
        } else {
            self.waiting.remove(&chat_id)
        };
        let Some(chat) = self.chats.get_mut(&chat_id) else {
            return;
        };
        let was = std::mem::replace(&mut chat.status, status);
        if status == ChatStatus::Closed && was != ChatStatus::Closed {
            self.closed.push_back(chat_id);
            while self.closed.len() > CLOSED_KEPT {
                if let Some(old) = self.closed.pop_front() {
                    self.chats.remove(&old);
                }
            }
        }
    }

    fn learn_visitor(&mut self, visitor: &VisitorProfile) {
        if let Some(name) = visitor.fields.name.as_ref().filter(|n| !n.is_empty()) {
            self.names.insert(visitor.id, name.clone());
        }
    }
}

/// The chat an event is about.
pub fn chat_of(event: &EventBody) -> Option<i64> {
    match event {
        EventBody::ChatCreated { chat, .. } => Some(chat.id),
        EventBody::MessagePosted { message } => Some(message.chat_id),
        EventBody::ChatAccepted { chat_id, .. }
        | EventBody::ChatTransferOffered { chat_id, .. }
        | EventBody::ChatRequeued { chat_id, .. }
        | EventBody::ChatReleased { chat_id, .. }
        | EventBody::ChatTransferDeclined { chat_id, .. }
        | EventBody::ChatTransferred { chat_id, .. }
        | EventBody::ChatClosed { chat_id, .. }
        | EventBody::ChatUnclaimed { chat_id, .. }
        | EventBody::ChatRated { chat_id, .. }
        | EventBody::ChatSeen { chat_id, .. }
        | EventBody::VisitorPresence { chat_id, .. } => Some(*chat_id),
        EventBody::VisitorBanned { ban } => ban.chat_id,
        EventBody::MailState { mail } => Some(mail.chat_id),
        _ => None,
    }
}

/// A department the event itself names (the chat's is looked up otherwise).
fn department_of(event: &EventBody) -> Option<String> {
    match event {
        EventBody::ChatRequeued { department, .. }
        | EventBody::ChatUnclaimed { department, .. } => Some(department.clone()),
        EventBody::ChatCreated { chat, .. } => chat.department.clone(),
        _ => None,
    }
}

/// The visitor an event names outside of a chat.
fn visitor_of(event: &EventBody) -> Option<i64> {
    match event {
        EventBody::PageViewed { visitor_id, .. }
        | EventBody::VisitorUnbanned { visitor_id, .. } => Some(*visitor_id),
        EventBody::VisitorUpdated { visitor } => Some(visitor.id),
        EventBody::VisitorBanned { ban } => Some(ban.visitor_id),
        _ => None,
    }
}
