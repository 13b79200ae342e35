//! The on-site list follows the committed events the hub hands over: page views, profile
//! changes, chats opening (a message left offline too, once taken in) and closing.

use frontdesk_protocol::EventBody;

use super::Site;
use super::row::{MAX_LINK, MAX_TEXT, bounded, bounded_opt, refresh_profile};
use crate::referrer;

impl Site {
    /// A committed event: page views, profile changes, chats opening (created, or a message
    /// left offline taken in) and closing. `visitor_id`: the visitor the event's frame goes to.
    pub fn apply(&self, event: &EventBody, visitor_id: Option<i64>) {
        let relevant = matches!(
            event,
            EventBody::PageViewed { .. }
                | EventBody::VisitorUpdated { .. }
                | EventBody::ChatCreated { .. }
                | EventBody::ChatAccepted { .. }
                | EventBody::ChatClosed { .. }
        );
        if !relevant {
            return;
        }
        let mut state = self.lock();
        let state = &mut *state;
        let changed = match event {
            EventBody::PageViewed { visitor_id, page } => {
                let Some(entry) = state.visitors.get_mut(visitor_id) else {
                    return;
                };
                let row = &mut entry.row;
                row.url = Some(bounded(&page.url, MAX_LINK));
                row.title = bounded_opt(page.title.as_deref(), MAX_TEXT);
                row.page_since = page.ts;
                row.pages = row.pages.saturating_add(1);
                // As the store keeps it: the referrer and search of the first external page.
                if let Some(from) = page
                    .referrer
                    .as_deref()
                    .filter(|r| !referrer::same_site(r, &page.url))
                {
                    row.referrer = Some(bounded(from, MAX_LINK));
                    if page.search_query.is_some() {
                        row.search_query = bounded_opt(page.search_query.as_deref(), MAX_TEXT);
                    }
                }
                entry.auto.page_opened(page.ts);
                let idle = !entry.auto.done && !row.chatting && entry.invitation.is_none();
                if idle {
                    state.deadlines.page_opened(&state.rules, row, page.ts);
                }
                *visitor_id
            }
            EventBody::VisitorUpdated { visitor } => {
                let Some(entry) = state.visitors.get_mut(&visitor.id) else {
                    return;
                };
                refresh_profile(&mut entry.row, visitor);
                visitor.id
            }
            EventBody::ChatCreated { chat, visitor } => {
                let Some(entry) = state.visitors.get_mut(&visitor.id) else {
                    return;
                };
                // An offline message is no conversation: the visitor is still free to invite.
                if chat.status.is_open() {
                    entry.chat_id = Some(chat.id);
                    entry.row.chatting = true;
                    refresh_profile(&mut entry.row, visitor);
                    // Answered (or made moot by a chat of their own).
                    entry.invitation = None;
                    entry.row.invited = false;
                    state.chats.insert(chat.id, visitor.id);
                } else {
                    refresh_profile(&mut entry.row, visitor);
                }
                visitor.id
            }
            // A chat not known here became live: a message left offline, taken in (a waiting
            // chat was known from its creation, or its visitor's leave was told already).
            EventBody::ChatAccepted { chat_id, .. } => {
                let Some(visitor_id) = visitor_id.filter(|_| !state.chats.contains_key(chat_id))
                else {
                    return;
                };
                let Some(entry) = state.visitors.get_mut(&visitor_id) else {
                    state.taken_while_away.push(*chat_id);
                    return;
                };
                // On the site: their widget opens the chat, and their leave will be told.
                entry.chat_id = Some(*chat_id);
                entry.row.chatting = true;
                state.chats.insert(*chat_id, visitor_id);
                visitor_id
            }
            EventBody::ChatClosed { chat_id, .. } => {
                let Some(visitor_id) = state.chats.remove(chat_id) else {
                    return;
                };
                if let Some(entry) = state.visitors.get_mut(&visitor_id) {
                    entry.chat_id = None;
                    entry.row.chatting = false;
                }
                visitor_id
            }
            _ => return,
        };
        state.dirty.insert(changed);
    }
}
