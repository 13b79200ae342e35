//! Alert decisions, the pure core: events and the clock (`state.now`) in, [`Notice`]s out. `app::update`
//! calls [`on_signal`] after applying a server event and [`on_tick`] when time passes; nothing
//! here does I/O.
//!
//! Grouping: each kind has one group. An event marks its group due `settle_ms` later; when due,
//! the group becomes one notification that replaces the group's previous one (same id), so a
//! burst reads "5 new messages from 3 visitors" instead of flooding. New-chat and
//! first-response groups mirror the queue (chats leave them when accepted, and the
//! notification is withdrawn when none is left); message and transfer groups start over after
//! `group_secs` without news.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use frontdesk_protocol::{ChatStatus, Millis};

use super::State;

pub use tick::on_tick;

use items::{item, last_visitor_text, snippet_of, upsert};

use crate::notify::notice::{Alert, HookEvent, Notice, Signal};
use crate::notify::rules::{Channel, Kind, NotificationsConfig, Osc};
use crate::notify::text::{self, Item};

#[derive(Debug, Clone, Default)]
struct Group {
    items: Vec<Item>,
    /// When the next notification goes out.
    due: Option<Millis>,
    /// A notification of this group is up (the next one replaces it).
    shown: bool,
    /// Until then a new event updates the shown notification (message, transfer).
    open_until: Millis,
    repeat: bool,
    /// A chat joined the group since it was last shown (a new-chat alert rings for it).
    grew: bool,
}

impl Group {
    /// Nothing pending and the window over: the next event starts a new notification.
    fn expire(&mut self, now: Millis) {
        if self.due.is_none() && now >= self.open_until {
            self.items.clear();
            self.shown = false;
        }
    }
}

/// One group a kind, found by the kind's place in [`Kind::ALL`]: looked at for every
/// message of a flood, where a map hashed the kind each time.
#[derive(Debug, Clone, Default)]
struct Groups([Group; Kind::ALL.len()]);

impl Groups {
    fn get(&mut self, kind: Kind) -> &mut Group {
        &mut self.0[kind as usize]
    }
}

/// Alert state: the rules, do-not-disturb, terminal focus and the groups.
#[derive(Debug, Clone, Default)]
pub struct Notifier {
    /// Shared, so the notifier lifted out for an event ([`Notifier::lift`]) leaves a copy of
    /// the rules behind without building a rule set.
    pub rules: Arc<NotificationsConfig>,
    pub dnd: bool,
    /// As the terminal reports it; `None` until it does (then it counts as focused).
    pub terminal_focused: Option<bool>,
    groups: Groups,
    /// Waiting chats: when they were last alerted (repeat until accepted).
    alerted: HashMap<i64, Millis>,
    /// Waiting chats already warned about the first-response time.
    warned: HashSet<i64>,
}

impl Notifier {
    pub fn new(rules: NotificationsConfig) -> Self {
        Self {
            dnd: rules.do_not_disturb,
            rules: Arc::new(rules),
            ..Self::default()
        }
    }

    /// Takes the notifier out of `state` while the rest of the state is read beside it (one
    /// `&mut` for it, one `&` for everything else; put it back when done). What stays behind
    /// has the same rules, switches and focus, and no groups: nothing is allocated, where
    /// `mem::take` built a default rule set on every message of a flood.
    fn lift(state: &mut State) -> Self {
        let stand_in = Self {
            rules: Arc::clone(&state.alerts.rules),
            dnd: state.alerts.dnd,
            terminal_focused: state.alerts.terminal_focused,
            groups: Groups::default(),
            alerted: HashMap::new(),
            warned: HashSet::new(),
        };
        std::mem::replace(&mut state.alerts, stand_in)
    }

    /// The earliest time a group is due, for the loop's timer.
    pub fn next_due(&self) -> Option<Millis> {
        self.groups.0.iter().filter_map(|g| g.due).min()
    }

    pub fn toggle_dnd(&mut self) {
        self.dnd = !self.dnd;
        if self.dnd {
            // What was about to go out stays quiet too, and is not brought up afterwards.
            for (kind, g) in Kind::ALL.into_iter().zip(&mut self.groups.0) {
                g.due = None;
                if kind.is_burst() {
                    g.items.clear();
                }
            }
        }
    }

    /// Do-not-disturb, quiet hours or everything off.
    pub fn silenced(&self, now: Millis, tz: &jiff::tz::TimeZone) -> bool {
        !self.rules.enabled || self.dnd || self.in_quiet_hours(now, tz)
    }

    pub fn in_quiet_hours(&self, now: Millis, tz: &jiff::tz::TimeZone) -> bool {
        let Some(quiet) = self.rules.quiet_hours else {
            return false;
        };
        jiff::Timestamp::from_millisecond(now)
            .is_ok_and(|t| quiet.contains(t.to_zoned(tz.clone()).time()))
    }

    fn wants(&self, kind: Kind, state: &State) -> bool {
        self.rules.rule(kind).enabled && !self.silenced(state.now, &state.tz)
    }

    fn mark(&mut self, kind: Kind, now: Millis) {
        let settle = Millis::from(self.rules.settle_ms);
        let g = self.groups.get(kind);
        g.due.get_or_insert(now + settle);
    }
}

/// Applies a server event that was just applied to `state`.
pub fn on_signal(state: &mut State, signal: Signal) -> Vec<Notice> {
    let mut n = Notifier::lift(state);
    let now = state.now;
    match signal {
        Signal::ChatCreated { chat_id } => {
            n.alerted.insert(chat_id, now);
            if n.wants(Kind::NewChat, state)
                && state.queue_calls_me(chat_id)
                && let Some(item) = item(state, chat_id, String::new())
            {
                upsert(n.groups.get(Kind::NewChat), item);
                n.mark(Kind::NewChat, now);
            }
        }
        Signal::VisitorMessage { chat_id } => {
            let chat = state.chats.get(&chat_id);
            let waiting = chat.is_some_and(|c| c.chat.status == ChatStatus::Waiting);
            let mine = chat.is_some_and(|c| {
                c.chat.status == ChatStatus::Active && c.chat.operator_id == state.my_id()
            });
            if waiting && state.queue_calls_me(chat_id) && n.wants(Kind::NewChat, state) {
                n.alerted.insert(chat_id, now);
                let g = n.groups.get(Kind::NewChat);
                if !g.items.iter().any(|i| i.chat_id == chat_id)
                    && let Some(item) = item(state, chat_id, String::new())
                {
                    g.items.push(item);
                    g.grew = true;
                }
                n.mark(Kind::NewChat, now);
            } else if mine && !looking_at(&n, state, chat_id) && n.wants(Kind::Message, state) {
                let g = burst(&mut n, Kind::Message, now);
                match g.items.iter_mut().find(|i| i.chat_id == chat_id) {
                    Some(counted) => counted.messages += 1,
                    None => g.items.extend(item(state, chat_id, String::new())),
                }
                n.mark(Kind::Message, now);
            }
        }
        Signal::Transferred { chat_id, to, note } => {
            if Some(to) == state.my_id()
                && !looking_at(&n, state, chat_id)
                && n.wants(Kind::Transfer, state)
            {
                let note = note.as_deref().map(snippet_of);
                let text = note.or_else(|| last_visitor_text(state, chat_id));
                if let Some(item) = item(state, chat_id, text.unwrap_or_default()) {
                    burst(&mut n, Kind::Transfer, now).items.push(item);
                    n.mark(Kind::Transfer, now);
                }
            }
        }
        Signal::TeamLine {
            from,
            to,
            from_name,
            text,
        } => team::line(&mut n, state, from, to, &from_name, &text),
        Signal::Accepted {
            chat_id,
            by,
            routed,
        } => {
            settle(&mut n, chat_id, now);
            // Routing gave it to me while I look elsewhere.
            if routed
                && Some(by) == state.my_id()
                && !looking_at(&n, state, chat_id)
                && n.wants(Kind::Transfer, state)
                && let Some(item) = item(
                    state,
                    chat_id,
                    last_visitor_text(state, chat_id).unwrap_or_default(),
                )
            {
                burst(&mut n, Kind::Transfer, now).items.push(item);
                n.mark(Kind::Transfer, now);
            }
        }
        Signal::Settled { chat_id } => settle(&mut n, chat_id, now),
        Signal::RatedBad { chat_id, comment } => {
            // The operator who had the chat hears of it; a supervisor reading along does not.
            let mine = state.chats.get(&chat_id).is_some_and(|c| {
                c.chat.operator_id.is_some() && c.chat.operator_id == state.my_id()
            });
            if mine && !looking_at(&n, state, chat_id) && n.wants(Kind::BadRating, state) {
                let comment = comment.as_deref().map(snippet_of).unwrap_or_default();
                if let Some(item) = item(state, chat_id, comment) {
                    let g = burst(&mut n, Kind::BadRating, now);
                    // Rated again: the newest rating's words replace the last ones.
                    g.items.retain(|i| i.chat_id != chat_id);
                    g.items.push(item);
                    n.mark(Kind::BadRating, now);
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

/// The chat left the queue: its new-chat and first-response alerts go (or lose it) at once.
fn settle(n: &mut Notifier, chat_id: i64, now: Millis) {
    n.alerted.remove(&chat_id);
    n.warned.remove(&chat_id);
    for kind in [Kind::NewChat, Kind::FirstResponse] {
        let g = n.groups.get(kind);
        if g.items.iter().any(|i| i.chat_id == chat_id) {
            // Due at once: the notification loses this chat (or goes away).
            g.due = Some(now);
        }
    }
}

/// Sends the group of `kind` if it is due; forgets a message group that went quiet.
fn flush(n: &mut Notifier, state: &State, kind: Kind, out: &mut Vec<Notice>) {
    let now = state.now;
    let g = n.groups.get(kind);
    if g.due.is_none_or(|due| now < due) {
        if kind.is_burst() {
            g.expire(now);
        }
        return;
    }
    let silenced = n.silenced(now, &state.tz);
    let rule = n.rules.rule(kind);
    let channels = channels(&n.rules, &rule.channels);
    // The chat being looked at drops out of message and transfer groups.
    let looked_at = state.open_id().filter(|id| looking_at(n, state, *id));
    let g = n.groups.get(kind);
    g.due = None;
    let repeat = std::mem::take(&mut g.repeat);
    let grew = std::mem::take(&mut g.grew);
    g.items.retain(|i| match kind {
        Kind::NewChat | Kind::FirstResponse => state
            .chats
            .get(&i.chat_id)
            .is_some_and(|c| c.chat.status == ChatStatus::Waiting),
        Kind::Message | Kind::Transfer | Kind::BadRating => Some(i.chat_id) != looked_at,
    });
    // Names and the newest words are read now, not on every message of a burst.
    for i in &mut g.items {
        if let Some(chat) = state.chats.get(&i.chat_id) {
            i.name = text::clip(&chat.label, text::NAME_MAX);
        }
        if matches!(kind, Kind::NewChat | Kind::Message | Kind::FirstResponse)
            && let Some(newest) = last_visitor_text(state, i.chat_id)
        {
            i.text = newest;
        }
    }
    if g.items.is_empty() {
        if std::mem::take(&mut g.shown) {
            out.push(Notice::Withdraw(kind));
        }
        return;
    }
    // A group already shown is updated in place while messages keep coming; the bell and
    // the terminal's own notification said so once (in a flood they rang twice a second).
    // Messages in waiting chats update the new-chat alert the same way. A chat joining the
    // queue, a repeat, a transfer or a warning always rings.
    let update = match kind {
        Kind::Message => true,
        Kind::NewChat => !grew && !repeat,
        Kind::Transfer | Kind::FirstResponse | Kind::BadRating => false,
    };
    let channels: Vec<Channel> = if update && g.shown {
        channels
            .into_iter()
            .filter(|c| !matches!(c, Channel::Bell | Channel::Osc))
            .collect()
    } else {
        channels
    };
    if silenced || !rule.enabled || channels.is_empty() {
        return;
    }
    let (summary, body) = text::compose(
        state.strings.notify,
        kind,
        &g.items,
        repeat,
        n.rules.first_response_secs,
    );
    let alert = Alert {
        kind,
        replace: g.shown,
        urgency: rule.urgency,
        expire_ms: rule.expire_ms,
        channels,
        event: HookEvent {
            kind,
            repeat,
            at: now,
            summary: summary.clone(),
            body: body.clone(),
            chats: g.items.clone(),
        },
        summary,
        body,
    };
    g.shown = true;
    g.open_until = now + Millis::from(n.rules.group_secs) * 1000;
    out.push(Notice::Show(alert));
}

/// A message or transfer group, started over when its notification went quiet.
fn burst(n: &mut Notifier, kind: Kind, now: Millis) -> &mut Group {
    let g = n.groups.get(kind);
    g.expire(now);
    g
}

/// The kind's channels that are switched on overall.
fn channels(rules: &NotificationsConfig, wanted: &[Channel]) -> Vec<Channel> {
    wanted
        .iter()
        .copied()
        .filter(|c| match c {
            Channel::Desktop => true,
            Channel::Bell => rules.bell,
            Channel::Osc => rules.osc != Osc::Off,
            Channel::Hook => !rules.hook.is_empty(),
        })
        .collect()
}

/// The operator is looking at `chat_id`: in the focused pane, with the terminal focused.
fn looking_at(n: &Notifier, state: &State, chat_id: i64) -> bool {
    n.rules.only_when_not_looking
        && n.terminal_focused != Some(false)
        && state.open_id() == Some(chat_id)
}

mod items;
mod team;
mod tick;
mod title;

pub use title::title;

#[cfg(test)]
mod tests;
