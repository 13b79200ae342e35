//! "On the site now": who has the widget open, where they are, and whether they chat or have
//! an invitation pending. Kept in memory only (it is the present, not history): built from
//! visitor sockets coming and going and from the committed events the hub hands over.
//!
//! A visitor with several tabs counts once. A page load closes the tab's socket and opens
//! another, so a visitor whose last socket closed stays listed for a few seconds before
//! leaving (`[site] linger_secs`): a stay on the site is not cut by every click.
//!
//! Operators who watch get the list once (`frames::list`) and then the changes, coalesced: a
//! timer ([`Site::tick`], every [`TICK_MS`]) sends the latest state of every visitor that
//! changed since the last tick, encoded once for every watcher.

pub mod announce;
mod events;
pub mod frames;
pub mod invite;
pub(crate) mod row;
pub mod rules;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use frontdesk_protocol::{AwayChat, Millis, SiteVisitor, VisitorProfile};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use row::{MAX_LINK, MAX_TEXT, bounded_opt, refresh_profile};
use rules::{Deadlines, InvitationRule, InvitationsConfig};

/// `[site]`: the on-site list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Seconds a visitor whose last widget socket closed stays listed: loading the next page
    /// closes the tab's socket and opens another.
    pub linger_secs: u64,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self { linger_secs: 10 }
    }
}

/// An automatic invitation that came due: for whom, which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoInvite {
    pub visitor_id: i64,
    pub rule: String,
    pub text: String,
}

/// What a tick leaves to do with the store.
#[derive(Debug, Default)]
pub struct Tick {
    /// Visitors who left with an invitation pending.
    pub lapsed: Vec<i64>,
    pub invite: Vec<AutoInvite>,
    /// Open chats whose visitor left the site since the last tick, with when their last tab
    /// closed: for every console (`visitor_presence`; coming back is told at once).
    pub left: Vec<(i64, Millis)>,
    /// Chats that became live while their visitor was away (a message left offline, taken
    /// in): away since their last stored sign of life, unless already said.
    pub taken_while_away: Vec<i64>,
}

/// How often changes go out to watchers (and rules are looked at).
pub const TICK_MS: u64 = 500;
/// Ticks of changes a watcher may fall behind before it is sent the whole list again.
const CHANGE_BUFFER: usize = 64;

/// An invitation shown to a visitor and not yet answered, dismissed or lapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingInvitation {
    pub id: i64,
    pub text: String,
    pub operator_name: String,
}

/// One visitor on the site.
#[derive(Debug)]
struct Entry {
    sockets: u32,
    /// When the last socket closed; `None` while one is open.
    gone_at: Option<Millis>,
    row: SiteVisitor,
    /// The open chat, if any (to notice its close).
    chat_id: Option<i64>,
    invitation: Option<PendingInvitation>,
    /// Automatic invitations: the rule state of this visitor (see `rules.rs`).
    auto: rules::VisitorRules,
}

#[derive(Debug, Default)]
struct State {
    visitors: HashMap<i64, Entry>,
    /// Open chat → its visitor, for `chat_closed`.
    chats: HashMap<i64, i64>,
    /// Visitors changed or gone since the last tick (ordered: frames are reproducible).
    dirty: BTreeSet<i64>,
    linger_ms: Millis,
    rules: Vec<InvitationRule>,
    deadlines: Deadlines,
    /// For the next tick's `taken_while_away`; one per chat taken in, drained every tick.
    taken_while_away: Vec<i64>,
}

/// Changes of one tick, already encoded.
pub type Changes = Arc<Vec<String>>;

pub struct Site {
    state: Mutex<State>,
    changes: broadcast::Sender<Changes>,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            state: Mutex::new(State {
                linger_ms: 10_000,
                ..State::default()
            }),
            changes: broadcast::channel(CHANGE_BUFFER).0,
        }
    }
}

/// A visitor's socket joined the site: what it should show, what consoles should hear.
#[derive(Debug, Default)]
pub struct Joined {
    /// Their pending invitation, for this socket too.
    pub invitation: Option<PendingInvitation>,
    /// Their open chat, when they had left the site (or the server restarted since).
    pub came_back: Option<i64>,
}

/// What a new watcher starts from: its subscription and the list as of that moment.
pub struct Watch {
    pub changes: broadcast::Receiver<Changes>,
    pub list: Vec<String>,
}

impl Site {
    /// Takes the settings (at start; the defaults until then: 10 s linger, no rules).
    pub fn configure(&self, site: &SiteConfig, invitations: &InvitationsConfig) {
        let mut state = self.lock();
        state.linger_ms = Millis::try_from(site.linger_secs.saturating_mul(1000)).unwrap_or(0);
        state.rules = invitations.rules.clone();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A visitor socket is open (after `welcome`). Returns the pending invitation, which the
    /// new socket should show too, and the open chat whose visitor is back on the site.
    pub fn connected(
        &self,
        profile: &VisitorProfile,
        open_chat: Option<i64>,
        now: Millis,
    ) -> Joined {
        let mut state = self.lock();
        let id = profile.id;
        // Not listed: they had left (or the server started since), so every console counted
        // them away from this chat.
        let came_back = open_chat.filter(|_| !state.visitors.contains_key(&id));
        if let Some(chat_id) = open_chat {
            state.chats.insert(chat_id, id);
        }
        let entry = state.visitors.entry(id).or_insert_with(|| Entry {
            sockets: 0,
            gone_at: None,
            row: row::new(id, now),
            chat_id: None,
            invitation: None,
            auto: rules::VisitorRules::default(),
        });
        entry.sockets += 1;
        entry.gone_at = None;
        entry.chat_id = open_chat;
        entry.row.chatting = open_chat.is_some();
        refresh_profile(&mut entry.row, profile);
        if entry.row.referrer.is_none() {
            entry.row.referrer = bounded_opt(profile.referrer.as_deref(), MAX_LINK);
        }
        if entry.row.search_query.is_none() {
            entry.row.search_query = bounded_opt(profile.search_query.as_deref(), MAX_TEXT);
        }
        let invitation = entry.invitation.clone();
        state.dirty.insert(id);
        Joined {
            invitation,
            came_back,
        }
    }

    /// A visitor socket closed; the last one starts the linger.
    pub fn disconnected(&self, visitor_id: i64, now: Millis) {
        let mut state = self.lock();
        if let Some(entry) = state.visitors.get_mut(&visitor_id) {
            entry.sockets = entry.sockets.saturating_sub(1);
            if entry.sockets == 0 {
                entry.gone_at = Some(now);
            }
        }
    }

    /// The visitor's state for an invitation: `None` when not on the site.
    pub fn presence(&self, visitor_id: i64) -> Option<(bool, bool)> {
        let state = self.lock();
        let entry = state.visitors.get(&visitor_id)?;
        (entry.sockets > 0).then_some((entry.row.chatting, entry.invitation.is_some()))
    }

    /// Whether the visitor is on the list (lingering after their last tab counts).
    pub fn listed(&self, visitor_id: i64) -> bool {
        self.lock().visitors.contains_key(&visitor_id)
    }

    /// An invitation was stored and is being shown.
    pub fn invited(&self, visitor_id: i64, invitation: PendingInvitation) {
        let mut state = self.lock();
        if let Some(entry) = state.visitors.get_mut(&visitor_id) {
            entry.invitation = Some(invitation);
            entry.row.invited = true;
            state.dirty.insert(visitor_id);
        }
    }

    /// The visitor dismissed their invitation.
    pub fn invitation_closed(&self, visitor_id: i64) {
        let mut state = self.lock();
        if let Some(entry) = state.visitors.get_mut(&visitor_id) {
            entry.invitation = None;
            entry.row.invited = false;
            state.dirty.insert(visitor_id);
        }
    }

    /// Subscribes a watcher and reads the list in one step, so no change falls between.
    pub fn watch(&self) -> Watch {
        let state = self.lock();
        let changes = self.changes.subscribe();
        let mut rows: Vec<SiteVisitor> = state.visitors.values().map(|e| e.row.clone()).collect();
        rows.sort_by_key(|r| r.visitor_id);
        drop(state);
        Watch {
            changes,
            list: frames::list(rows),
        }
    }

    /// Every [`TICK_MS`]: visitors gone longer than the linger leave, the changes since the
    /// last tick go to watchers, and automatic invitations that came due are handed back
    /// (`online`: whether some operator is online now).
    pub fn tick(&self, now: Millis, online: bool) -> Tick {
        let mut state = self.lock();
        let state = &mut *state;
        let mut out = Tick {
            taken_while_away: std::mem::take(&mut state.taken_while_away),
            ..Tick::default()
        };
        let mut leave = Vec::new();
        let linger = state.linger_ms;
        state.visitors.retain(|id, entry| {
            let stays = entry.gone_at.is_none_or(|at| now - at < linger);
            if !stays {
                if entry.invitation.is_some() {
                    out.lapsed.push(*id);
                }
                if let (Some(chat_id), Some(at)) = (entry.chat_id, entry.gone_at) {
                    state.chats.remove(&chat_id);
                    out.left.push((chat_id, at));
                }
                leave.push(*id);
            }
            stays
        });
        for id in &leave {
            state.dirty.remove(id);
        }
        leave.sort_unstable();
        let bound = 2 * state.visitors.len() * state.rules.len() + 1024;
        if state.deadlines.len() > bound {
            let visitors = &state.visitors;
            state.deadlines.compact(|id, page| {
                visitors
                    .get(&id)
                    .is_some_and(|e| e.auto.page_since == Some(page))
            });
        }
        for (visitor_id, index, page) in state.deadlines.due(now) {
            let (Some(entry), Some(rule)) =
                (state.visitors.get_mut(&visitor_id), state.rules.get(index))
            else {
                continue;
            };
            let ready = entry.sockets > 0
                && entry.auto.page_since == Some(page)
                && !entry.auto.done
                && !entry.row.chatting
                && entry.invitation.is_none()
                && (online || !rule.only_when_online)
                && rule.matches(&entry.row);
            if ready {
                // One try per stay: the writer also keeps `once_per_hours` across stays.
                entry.auto.done = true;
                out.invite.push(AutoInvite {
                    visitor_id,
                    rule: rule.name.clone(),
                    text: rule.text.clone(),
                });
            }
        }
        let dirty = std::mem::take(&mut state.dirty);
        let upsert: Vec<SiteVisitor> = dirty
            .iter()
            .filter_map(|id| state.visitors.get(id).map(|e| e.row.clone()))
            .collect();
        // Sent under the lock: a watcher subscribing meanwhile reads the list after these.
        let frames = frames::changes(upsert, leave);
        if !frames.is_empty() {
            // No receivers is fine: nobody watches.
            let _ = self.changes.send(Arc::new(frames));
        }
        out
    }

    /// Of open chats `(chat, visitor, when they left)`, those whose visitor is not on the
    /// site now, with that time.
    pub fn away(
        &self,
        chats: impl IntoIterator<Item = (i64, i64, Option<Millis>)>,
    ) -> Vec<AwayChat> {
        let state = self.lock();
        chats
            .into_iter()
            .filter(|(_, visitor, _)| !state.visitors.contains_key(visitor))
            .map(|(chat_id, _, left_at)| AwayChat { chat_id, left_at })
            .collect()
    }

    /// How many visitors are listed (for tests and logs).
    pub fn len(&self) -> usize {
        self.lock().visitors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
