//! Stored events applied to the console's state: chats created, accepted, offered,
//! transferred and closed, messages posted, pages viewed, statuses changed.

use frontdesk_protocol::{ChatStatus, EventBody, Message, Millis, Role};

use super::shared::rewrap_open;
use crate::app::State;
use crate::app::state::{ChatView, NewEntry};
use crate::sanitize::{Mode, sanitize};

/// Pages of a visitor's trail kept (the server sends the latest 20 with a profile).
const PAGE_TRAIL: usize = 50;

pub(super) fn apply_event(state: &mut State, ts: Millis, event: EventBody) {
    let s = state.strings;
    match event {
        EventBody::ChatCreated { chat, visitor } => {
            let id = chat.id;
            let view = ChatView::new(
                frontdesk_protocol::ChatState::new(chat, visitor, Vec::new()),
                state.my_id(),
                s,
            );
            state.chats.insert(id, view);
            if state.selected.is_none() {
                state.selected = Some(id);
            }
        }
        EventBody::VisitorUpdated { visitor } => {
            for chat in state.chats.values_mut() {
                if chat.visitor.id == visitor.id {
                    chat.set_visitor(visitor.clone(), s.visitor);
                }
            }
        }
        EventBody::PageViewed { visitor_id, page } => {
            for chat in state.chats.values_mut() {
                if chat.visitor.id == visitor_id {
                    chat.visitor.pages.push(page.clone());
                    // A visitor clicking around all day must not grow memory without end.
                    let extra = chat.visitor.pages.len().saturating_sub(PAGE_TRAIL);
                    chat.visitor.pages.drain(..extra);
                }
            }
        }
        EventBody::ChatAccepted {
            chat_id,
            operator_id,
            operator_name,
            ..
        } => {
            let mine = state.my_id() == Some(operator_id);
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.chat.status = ChatStatus::Active;
                chat.chat.operator_id = Some(operator_id);
                chat.chat.accepted_at = Some(ts);
                chat.held_at = Some(ts);
                // A colleague's now: what waits for an answer waits for theirs.
                if !mine {
                    chat.unread = 0;
                }
                let name = sanitize(&operator_name, Mode::NAME);
                chat.push(NewEntry::system(ts, format!("{name} {}", s.joined)));
            }
        }
        EventBody::MessagePosted { message } => message_posted(state, message),
        EventBody::ChatTransferOffered {
            chat_id,
            from_operator_id,
            to_operator_id,
            note,
        } => {
            state.offers.insert(
                chat_id,
                frontdesk_protocol::TransferOffer {
                    chat_id,
                    from_operator_id,
                    to_operator_id,
                    note,
                    created_at: ts,
                },
            );
        }
        EventBody::ChatTransferDeclined {
            chat_id,
            operator_id,
            reason,
        } => {
            let offer = state.offers.remove(&chat_id);
            // The one who offered it hears who said no, and why.
            if offer.is_some_and(|o| Some(o.from_operator_id) == state.my_id()) {
                let who = state.operator_label(operator_id);
                let why = reason.map(|r| format!(": {}", sanitize(&r, Mode::line(200))));
                state.notice = Some(format!(
                    "{}{}",
                    s.commands.declined.replace("{name}", &who),
                    why.unwrap_or_default()
                ));
            }
        }
        EventBody::ChatTransferred {
            chat_id,
            to_operator_id,
            ..
        } => {
            state.offers.remove(&chat_id);
            let to = state.operator_label(to_operator_id);
            let mine = state.my_id() == Some(to_operator_id);
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.chat.operator_id = Some(to_operator_id);
                chat.held_at = Some(ts);
                if !mine {
                    chat.unread = 0;
                }
                chat.push(NewEntry::system(ts, format!("{} → {to}", s.transferred)));
            }
        }
        EventBody::ChatRequeued {
            chat_id,
            department,
            ..
        } => {
            let to = sanitize(state.department_title(&department), Mode::NAME).into_owned();
            if let Some(chat) = back_in_queue(state, chat_id, ts) {
                chat.chat.department = Some(department);
                chat.open_to_all = false;
                chat.push(NewEntry::system(ts, format!("{} → {to}", s.transferred)));
            }
        }
        EventBody::ChatReleased {
            chat_id,
            operator_id,
        } => {
            let line = s
                .released
                .replace("{name}", &state.operator_label(operator_id));
            if let Some(chat) = back_in_queue(state, chat_id, ts) {
                chat.push(NewEntry::system(ts, line));
            }
        }
        EventBody::ChatClosed { chat_id, by, .. } => {
            state.offers.remove(&chat_id);
            // A question to close it has nothing left to ask.
            if state.confirm == Some(crate::app::Confirm::Close { chat_id }) {
                state.confirm = None;
            }
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.chat.status = ChatStatus::Closed;
                chat.chat.closed_at = Some(ts);
                chat.draft = None;
                let line = match by {
                    Role::System => s.chat_closed_quiet,
                    Role::Visitor | Role::Operator => s.chat_closed,
                };
                chat.push(NewEntry::system(ts, line.to_owned()));
            }
        }
        EventBody::ChatSeen {
            chat_id,
            message_id,
        } => {
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.seen_id = chat.seen_id.max(Some(message_id));
            }
        }
        EventBody::ChatRated {
            chat_id,
            rating,
            comment,
        } => {
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                let said = rating.pick(s.rated);
                let line = match comment {
                    Some(c) => format!("{said}: «{}»", sanitize(&c, Mode::line(500))),
                    None => said.to_owned(),
                };
                chat.push(NewEntry::system(ts, line));
            }
        }
        EventBody::OperatorStatusChanged {
            operator_id,
            status,
            operator,
        } => {
            // A colleague added since our snapshot is listed from here on.
            if let Some(info) = operator {
                state.operators.insert(operator_id, info);
            }
            // The event's time is when the status changed (the queue view's time in status).
            if let Some(op) = state.operators.get_mut(&operator_id) {
                op.status = status;
                op.status_since = Some(ts);
            }
            if let Some(me) = state.me.as_mut().filter(|m| m.id == operator_id) {
                me.status = status;
                me.status_since = Some(ts);
            }
        }
        // Accounts changed from the server's command line: a colleague renamed, given
        // another role or enabled again is listed as they are now; a disabled one no longer
        // (as in a fresh snapshot), so no transfer or message goes their way.
        EventBody::OperatorChanged { operator } => {
            state.former_operators.remove(&operator.id);
            state.operators.insert(operator.id, operator);
        }
        EventBody::OperatorDisabled { operator_id } => {
            if let Some(gone) = state.operators.remove(&operator_id) {
                state
                    .former_operators
                    .insert(operator_id, gone.display_name);
            }
        }
        // The chat a ban was made in says so (it closes through `chat_closed`); lifting one
        // is for the bans picker.
        EventBody::VisitorBanned { ban } => {
            let by = state.operator_label(ban.operator_id);
            let line = s
                .visitor_banned
                .replace("{until}", &state.day(ban.until))
                .replace("{by}", &by)
                .replace("{reason}", &sanitize(&ban.reason, Mode::line(200)));
            if let Some(chat) = ban.chat_id.and_then(|id| state.chats.get_mut(&id)) {
                chat.push(NewEntry::system(ts, line));
            }
        }
        EventBody::VisitorUnbanned { .. } => {}
        EventBody::TeamMessagePosted { message } => super::team::add_line(state, &message, true),
        EventBody::ChatUnclaimed { chat_id, .. } => {
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.open_to_all = true;
            }
        }
        EventBody::MailState { mail } => {
            if let Some(chat) = state.chats.get_mut(&mail.chat_id) {
                chat.set_mail(mail);
            }
        }
        EventBody::VisitorPresence {
            chat_id,
            on_site,
            left_at,
        } => super::presence::visitor_presence(state, chat_id, ts, on_site, left_at),
    }
    rewrap_open(state);
}

/// Chat `chat_id` waits in the queue again from `ts` (requeued or released): no operator, no
/// offer of it. The chat, when this console holds it.
fn back_in_queue(state: &mut State, chat_id: i64, ts: Millis) -> Option<&mut ChatView> {
    state.offers.remove(&chat_id);
    let chat = state.chats.get_mut(&chat_id)?;
    chat.chat.status = ChatStatus::Waiting;
    chat.chat.operator_id = None;
    chat.chat.accepted_at = None;
    chat.chat.queued_at = Some(ts);
    Some(chat)
}

fn message_posted(state: &mut State, message: Message) {
    let my_id = state.my_id();
    let units = state.strings.numbers;
    let shown = state.shows(message.chat_id);
    let Some(chat) = state.chats.get_mut(&message.chat_id) else {
        return;
    };
    if chat.has_message(message.id) {
        return;
    }
    let entry = NewEntry::from_message(&message, my_id, &chat.label, units);
    // Our own message comes back with its client id: replace the pending copy in place so
    // it never shows twice.
    let own = message.author.role == Role::Operator
        && my_id.is_some_and(|me| message.author.operator_id == Some(me));
    if own
        && let Some(cid) = message.client_id.as_deref()
        && let Some(i) = chat.find_client(cid)
        && chat.messages[i].is_own()
    {
        chat.replace(i, entry);
        return;
    }
    let from_visitor = message.author.role == Role::Visitor;
    if from_visitor {
        chat.draft = None;
        // Whoever writes is on the site, whatever frame said otherwise before.
        chat.visitor_away = None;
        // Unread counts what waits for me: a colleague's chat waits for their answer (a
        // supervisor reads it there), not for mine.
        let colleagues = chat.chat.operator_id.is_some_and(|op| Some(op) != my_id);
        if !shown && !colleagues {
            chat.unread += 1;
        }
    }
    let rows_before = chat.total_rows();
    chat.push(entry);
    let added = chat.total_rows() - rows_before;
    // The whole visitor card covers the panes: the visitor's new words bring them back (the
    // card stays, as the strip), rather than wait unseen in a chat that counts as read.
    if from_visitor && shown && state.screen.card_whole {
        state.screen.card_whole = false;
    }
    // A pane scrolled back keeps showing the same lines, and counts what arrived below.
    for pane in &mut state.panes {
        if pane.chat == Some(message.chat_id) && pane.scroll > 0 {
            pane.scroll += added;
            pane.new_below += 1;
        }
    }
}
