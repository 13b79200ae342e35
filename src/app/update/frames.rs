//! Frames from the server: the snapshot, the event stream, acknowledgements and drafts.

use std::collections::BTreeMap;

use frontdesk_protocol::{Millis, OperatorOut, Seq};

use super::shared::rewrap_open;
use crate::app::state::{Away, ChatView, PendingCommand};
use crate::app::{Effect, State};
use crate::sanitize::{Mode, sanitize};

/// Applies `frame`; what it asks for besides (a further page of history) comes back.
pub(super) fn apply(state: &mut State, frame: OperatorOut) -> Vec<Effect> {
    match frame {
        OperatorOut::Welcome {
            operator,
            max_message_chars,
            mail_answers,
            resumed,
            form_labels,
            close_after_left_secs,
            ..
        } => {
            state.max_message_chars = max_message_chars.map(|n| n as usize);
            state.quiet_close_after_ms = close_after_left_secs
                .map(|secs| Millis::try_from(secs.saturating_mul(1000)).unwrap_or(Millis::MAX));
            state.mail_answers = mail_answers;
            state.form_labels = form_labels;
            // After a snapshot who is off the site comes again (`visitors_away`); a resume
            // replays the changes (`visitor_presence` events) onto what the console knew, and
            // the list then adds those a server start left without an event.
            if !resumed {
                for chat in state.chats.values_mut() {
                    chat.visitor_away = None;
                }
            }
            state.operators.insert(operator.id, operator.clone());
            state.me = Some(operator);
            // A new connection: parts of a snapshot the last one did not finish are void, and
            // the on-site list comes again once the view asks.
            state.snapshot_parts = None;
            state.site.visitors.clear();
            state.site.parts.clear();
        }
        OperatorOut::Resync { .. } => {
            // Our picture is stale beyond repair; keep only what we still owe the server.
            stash_pending(state);
            state.chats.clear();
            state.last_seq = None;
        }
        OperatorOut::SnapshotPart { seq, chats } => {
            // Held until the `snapshot` that completes it: the chats are applied together.
            match &mut state.snapshot_parts {
                Some((held, parts)) if *held == seq => parts.extend(chats),
                parts => *parts = Some((seq, chats)),
            }
        }
        OperatorOut::Snapshot {
            seq,
            mut chats,
            operators,
            former_operators,
        } => {
            if let Some((held, mut parts)) = state.snapshot_parts.take()
                && held == seq
            {
                parts.append(&mut chats);
                chats = parts;
            }
            snapshot(state, seq, chats, operators, former_operators);
        }
        OperatorOut::Event { seq, ts, event } => {
            // Belt and braces: the server sends each event once, but never apply one twice.
            if state.last_seq.is_some_and(|last| seq <= last) {
                return Vec::new();
            }
            state.last_seq = Some(seq);
            super::events::apply_event(state, ts, event);
        }
        OperatorOut::Ack { id, message_id, .. } => match state.pending.remove(&id) {
            Some(PendingCommand::Message { chat_id }) => {
                if let Some(chat) = state.chats.get_mut(&chat_id)
                    && let Some(i) = chat.find_client(&id)
                {
                    chat.ack(i, message_id);
                }
            }
            Some(PendingCommand::TeamLine { room }) => {
                super::team::answered(state, room, &id, true, message_id);
            }
            Some(PendingCommand::Invite) => {
                state.notice = Some(state.strings.site.sent.to_owned());
            }
            _ => {}
        },
        OperatorOut::Error {
            id,
            code,
            message,
            reason,
            ..
        } => {
            // The server's words are English with ids: kept for the log; the operator reads
            // the console's own sentence when the server named the case.
            tracing::info!(?id, %code, %message, "the server refused");
            let words = reason.as_ref().and_then(|r| state.strings.refusals.text(r));
            let why = sanitize(words.as_deref().unwrap_or(&message), Mode::line(200)).into_owned();
            // Our text refused comes back to be written again; the notice says so.
            let text_back = match id.as_ref().and_then(|id| state.pending.remove(id)) {
                Some(PendingCommand::Message { chat_id }) => {
                    refused(state, chat_id, id.as_deref().unwrap_or_default());
                    true
                }
                Some(PendingCommand::TeamLine { room }) => {
                    super::team::answered(
                        state,
                        room,
                        id.as_deref().unwrap_or_default(),
                        false,
                        None,
                    );
                    true
                }
                _ => false,
            };
            state.notice = Some(if text_back {
                state.strings.reply.refused.replace("{why}", &why)
            } else {
                why
            });
        }
        OperatorOut::VisitorTyping { chat_id, draft } => {
            if let Some(chat) = state.chats.get_mut(&chat_id) {
                chat.draft = (!draft.trim().is_empty())
                    .then(|| sanitize(&draft, Mode::line(500)).into_owned());
            }
        }
        // Each frame adds to what the console knows (a snapshot's `welcome` cleared it).
        OperatorOut::VisitorsAway { chats } => {
            for away in chats {
                if let Some(chat) = state.chats.get_mut(&away.chat_id) {
                    chat.visitor_away = Some(Away {
                        since: away.left_at,
                    });
                }
            }
        }
        OperatorOut::History {
            id,
            chat_id,
            messages,
            more,
        } => {
            state.pending.remove(&id);
            return super::paging::history_arrived(state, chat_id, &messages, more);
        }
        OperatorOut::VisitorChats {
            visitor_id, chats, ..
        } => {
            state.earlier.insert(visitor_id, chats);
        }
        OperatorOut::OperatorTyping {
            chat_id,
            operator_id,
            typing,
        } => colleague_typing(state, chat_id, operator_id, typing),
        OperatorOut::OperatorViewing {
            operator_id,
            chat_id,
        } => {
            let colleague =
                Some(operator_id) != state.my_id() && state.operators.contains_key(&operator_id);
            match chat_id {
                Some(chat_id) if colleague => {
                    state.viewing.insert(operator_id, chat_id);
                }
                _ => {
                    state.viewing.remove(&operator_id);
                }
            }
        }
        OperatorOut::Bans { id, bans, .. } => super::picker::bans_listed(state, &id, bans),
        OperatorOut::SitePart { visitors } => super::site::part(state, visitors),
        OperatorOut::SiteList { visitors } => super::site::list(state, visitors),
        OperatorOut::SiteVisitors { upsert, leave } => {
            super::site::changes(state, upsert, &leave);
        }
        OperatorOut::SiteCard {
            visitor_id,
            user_agent,
            pages,
            ..
        } => super::site::card_answered(state, visitor_id, user_agent, pages),
        OperatorOut::Departments {
            departments,
            max_chats,
        } => {
            state.departments = departments;
            state.max_chats = max_chats;
        }
        OperatorOut::TransferOffers { offers } => {
            state.offers = offers.into_iter().map(|o| (o.chat_id, o)).collect();
        }
        OperatorOut::TeamHistory {
            id,
            with_operator,
            messages,
            more,
        } => super::team::history(state, &id, with_operator, &messages, more),
        OperatorOut::TeamRecent { messages } => super::team::recent(state, &messages),
        // A burst paused: the loop draws at once (`run.rs`); nothing changes here.
        OperatorOut::Pong | OperatorOut::Quiet => {}
    }
    Vec::new()
}

/// Our message `id` in chat `chat_id` was refused (a colleague took the chat meanwhile, …):
/// the words come back to be sent again or kept, unless something new is being written there.
fn refused(state: &mut State, chat_id: i64, id: &str) {
    let Some(chat) = state.chats.get_mut(&chat_id) else {
        return;
    };
    let Some(i) = chat.find_client(id) else {
        return;
    };
    let text = chat.owned(i).map(|e| e.text);
    chat.fail(i);
    if let Some(text) = text {
        draft_back(state, chat_id, text);
    }
}

/// A colleague started or stopped typing in a chat: kept per operator, never ours, only for
/// operators the console knows (so the list stays as short as the team).
fn colleague_typing(state: &mut State, chat_id: i64, operator_id: i64, typing: bool) {
    if Some(operator_id) == state.my_id() || !state.operators.contains_key(&operator_id) {
        return;
    }
    let now = state.now;
    if let Some(chat) = state.chats.get_mut(&chat_id) {
        chat.colleagues_typing.retain(|(id, _)| *id != operator_id);
        if typing {
            chat.colleagues_typing.push((operator_id, now));
        }
    }
}

/// A refused message's text, back where the operator writes to that chat: the reply box when
/// it shows the chat, else the chat's kept draft; after anything already written there, which
/// it never replaces.
fn draft_back(state: &mut State, chat_id: i64, text: String) {
    if state.open_id() == Some(chat_id) {
        super::shared::give_back(&mut state.compose, &text);
    } else {
        super::shared::keep_in_draft(state.drafts.entry(chat_id).or_default(), text);
    }
}

fn stash_pending(state: &mut State) {
    for (id, chat) in &state.chats {
        for entry in chat.pending_own().filter_map(|i| chat.owned(i)) {
            state.stash.push((*id, entry));
        }
    }
}

fn snapshot(
    state: &mut State,
    seq: Seq,
    chats: Vec<frontdesk_protocol::ChatState>,
    operators: Vec<frontdesk_protocol::OperatorInfo>,
    former_operators: Vec<frontdesk_protocol::FormerOperator>,
) {
    stash_pending(state);
    let my_id = state.my_id();
    let unread: BTreeMap<i64, u32> = state.chats.iter().map(|(k, c)| (*k, c.unread)).collect();
    // Taken since it was seen as an offline message: the snapshot says only "active".
    let left_offline: Vec<i64> = state
        .chats
        .iter()
        .filter_map(|(k, c)| c.left_offline.then_some(*k))
        .collect();
    let searches = searches(state);
    // Our messages the snapshot holds stored already (a chat keeps client ids only while
    // they are pending, so they are taken from the frames).
    let stored: std::collections::HashSet<(i64, String)> = chats
        .iter()
        .flat_map(|c| &c.messages)
        .filter_map(|m| Some((m.chat_id, m.client_id.clone()?)))
        .collect();
    state.chats = chats
        .into_iter()
        .map(|c| (c.chat.id, ChatView::new(c, my_id, state.strings)))
        .collect();
    for (id, chat) in &mut state.chats {
        chat.unread = unread.get(id).copied().unwrap_or(0);
        chat.left_offline |= left_offline.contains(id);
        if let Some(query) = searches.get(id) {
            chat.set_search(query);
        }
    }
    // Re-add our unacknowledged messages the snapshot does not hold yet: the net task resends
    // them, and their event will replace these copies.
    for (chat_id, entry) in std::mem::take(&mut state.stash) {
        let known = entry.client_id.as_ref().is_some_and(|c| {
            stored.contains(&(chat_id, c.clone()))
                || state
                    .chats
                    .get(&chat_id)
                    .and_then(|v| v.find_client(c))
                    .is_some()
        });
        if !known && let Some(chat) = state.chats.get_mut(&chat_id) {
            chat.push(entry);
        }
    }
    state.operators = operators.into_iter().map(|o| (o.id, o)).collect();
    // Disabled colleagues keep their names where their chats, notes and bans show.
    state.former_operators = former_operators
        .into_iter()
        .map(|o| (o.id, o.display_name))
        .collect();
    // The snapshot is newer than `welcome`: our own status as it stands now.
    if let Some(me) = state.me.as_mut()
        && let Some(now) = state.operators.get(&me.id)
    {
        me.status = now.status;
    }
    state.last_seq = Some(seq);
    if let Some(saved) = state.restore.take() {
        let before = state.open_id();
        state.apply_saved(saved);
        // The focused chat's draft from the last run goes back into the reply box.
        super::compose::switch_drafts(state, before, state.open_id());
    }
    // Drafts of chats the server no longer shows are let go.
    let chats = &state.chats;
    state.drafts.retain(|id, _| chats.contains_key(id));
    for pane in &mut state.panes {
        if pane.chat.is_some_and(|id| !state.chats.contains_key(&id)) {
            *pane = crate::app::state::Pane::default();
        }
    }
    if state
        .selected
        .is_some_and(|id| !state.chats.contains_key(&id))
    {
        state.selected = None;
    }
    if state.selected.is_none() {
        state.selected = crate::app::list::order(state).first().copied();
    }
    rewrap_open(state);
}

/// The chats' search queries, searched again in a fresh snapshot.
fn searches(state: &State) -> BTreeMap<i64, String> {
    let queries = state.chats.iter().filter_map(|(id, c)| {
        let search = c.search.as_ref()?;
        Some((*id, search.query.clone()))
    });
    queries.collect()
}
