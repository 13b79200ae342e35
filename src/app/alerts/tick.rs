//! Time passing: repeated new-chat alerts, first-response warnings, and groups that are due.

use frontdesk_protocol::{ChatStatus, Millis};

use super::{Notifier, flush, item, last_visitor_text, upsert};
use crate::app::State;
use crate::notify::notice::Notice;
use crate::notify::rules::Kind;

/// Time passed: repeats, first-response warnings, and groups that are due.
pub fn on_tick(state: &mut State) -> Vec<Notice> {
    let mut n = Notifier::lift(state);
    let now = state.now;
    let waiting: Vec<(i64, Millis)> = state
        .chats
        .values()
        .filter(|c| c.chat.status == ChatStatus::Waiting)
        .map(|c| (c.chat.id, c.chat.created_at))
        .collect();
    n.alerted
        .retain(|id, _| waiting.iter().any(|(w, _)| w == id));
    n.warned.retain(|id| waiting.iter().any(|(w, _)| w == id));
    let repeat = Millis::from(n.rules.repeat_secs) * 1000;
    let overdue = Millis::from(n.rules.first_response_secs) * 1000;
    for (id, created) in waiting {
        // Another department's chat is theirs to hear about until it is open to all.
        if !state.queue_calls_me(id) {
            continue;
        }
        // Chats found waiting at start (snapshot) count as alerted now: the repeat covers them.
        let last = *n.alerted.entry(id).or_insert(now);
        if repeat > 0 && now - last >= repeat && n.wants(Kind::NewChat, state) {
            n.alerted.insert(id, now);
            let text = last_visitor_text(state, id).unwrap_or_default();
            if let Some(item) = item(state, id, text) {
                let g = n.groups.get(Kind::NewChat);
                upsert(g, item);
                g.repeat = true;
                // Nothing more is coming for a repeat: no need to settle.
                g.due = Some(now);
            }
        }
        if overdue > 0 && now - created >= overdue && n.warned.insert(id) {
            // Chats already overdue at start are marked warned without a warning.
            if now - created < overdue + 5_000 && n.wants(Kind::FirstResponse, state) {
                let text = last_visitor_text(state, id).unwrap_or_default();
                if let Some(item) = item(state, id, text) {
                    let g = n.groups.get(Kind::FirstResponse);
                    upsert(g, item);
                    g.due = Some(now);
                }
            }
        }
    }
    let mut out = Vec::new();
    for kind in Kind::ALL {
        flush(&mut n, state, kind, &mut out);
    }
    state.alerts = n;
    out
}
