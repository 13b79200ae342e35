//! In-process fan-out: committed events to operator sockets, frames to visitor sockets,
//! typing (not stored) both ways, and operator presence.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use frontdesk_protocol::{OperatorStatus, Seq, VisitorOut, encode};
use tokio::sync::broadcast;

use crate::config::PresenceConfig;
use crate::site::Site;
use crate::store::{Audience, Cmd, Store, StoredEvent};
use crate::visitor_queue::VisitorQueue;

/// How many events a slow operator socket may fall behind before it catches up from the
/// database instead.
const EVENT_BUFFER: usize = 8192;
/// Frames queued for one visitor socket; a visitor that does not read is disconnected and
/// gets the current state on reconnect.
const VISITOR_QUEUE: usize = 64;

/// A frame for a visitor socket, with the event `seq` it came from (if stored).
#[derive(Debug, Clone)]
pub struct VisitorPush {
    pub seq: Option<Seq>,
    pub frame: Arc<str>,
    /// The last frame: the socket closes after it (a ban).
    pub close: bool,
}

/// A frame for operator sockets that is not stored (typing, viewing), and who may read it.
#[derive(Debug)]
pub struct Ephemeral {
    pub audience: Audience,
    pub frame: String,
}

/// Open sockets of each visitor.
type VisitorSockets = HashMap<i64, Vec<Arc<VisitorQueue>>>;

pub struct Hub {
    events: broadcast::Sender<Arc<StoredEvent>>,
    ephemeral: broadcast::Sender<Arc<Ephemeral>>,
    visitors: Mutex<VisitorSockets>,
    head: AtomicU64,
    statuses: Mutex<HashMap<i64, OperatorStatus>>,
    /// The best status among operators (`rank`): what visitors are told.
    team: AtomicU8,
    /// Open sockets per operator; held across the presence write so connects and disconnects
    /// of one operator are stored in the order they happened.
    connections: tokio::sync::Mutex<HashMap<i64, Presence>>,
    /// The chat each operator's console shows focused (the last one told wins).
    viewing: Mutex<HashMap<i64, i64>>,
    /// Who is on the site now (`site/`), fed with the committed events.
    pub site: Site,
}

/// One operator's consoles, as presence sees them.
#[derive(Debug, Default)]
struct Presence {
    sockets: u32,
    /// Bumped on every connect and last disconnect: a grace timer that wakes to another
    /// generation knows the operator came back meanwhile.
    generation: u64,
}

impl Default for Hub {
    fn default() -> Self {
        Self {
            events: broadcast::channel(EVENT_BUFFER).0,
            ephemeral: broadcast::channel(1024).0,
            visitors: Mutex::default(),
            head: AtomicU64::new(0),
            statuses: Mutex::default(),
            team: AtomicU8::new(rank(OperatorStatus::Offline)),
            connections: tokio::sync::Mutex::default(),
            viewing: Mutex::default(),
            site: Site::default(),
        }
    }
}

impl Hub {
    /// The newest event handed to sockets.
    pub fn head(&self) -> Seq {
        self.head.load(Ordering::Acquire)
    }

    pub fn set_head(&self, seq: Seq) {
        self.head.fetch_max(seq, Ordering::AcqRel);
    }

    pub fn any_operator_online(&self) -> bool {
        self.operators_status() == OperatorStatus::Online
    }

    /// Online if any operator is, else away if any is, else offline.
    pub fn operators_status(&self) -> OperatorStatus {
        unrank(self.team.load(Ordering::Acquire))
    }

    pub fn subscribe_events(&self) -> broadcast::Receiver<Arc<StoredEvent>> {
        self.events.subscribe()
    }

    pub fn subscribe_ephemeral(&self) -> broadcast::Receiver<Arc<Ephemeral>> {
        self.ephemeral.subscribe()
    }

    /// Called by the writer after each commit, with that batch's events in `seq` order.
    pub fn publish(&self, events: Vec<Arc<StoredEvent>>) {
        for event in events {
            if let frontdesk_protocol::EventBody::OperatorStatusChanged {
                operator_id,
                status,
                ..
            } = event.body
            {
                self.note_status(operator_id, status);
            }
            let visitor = event.for_visitor.as_ref().map(|(id, _)| *id);
            self.site.apply(&event.body, visitor);
            // A ban's frame is the last its visitor's sockets carry.
            let close = matches!(
                event.body,
                frontdesk_protocol::EventBody::VisitorBanned { .. }
            );
            if let Some((visitor_id, frame)) = &event.for_visitor {
                self.push_visitor(
                    *visitor_id,
                    Arc::new(VisitorPush {
                        seq: Some(event.seq),
                        frame: frame.clone(),
                        close,
                    }),
                );
            }
            self.set_head(event.seq);
            // No receivers is fine: no operator is connected.
            let _ = self.events.send(event);
        }
    }

    /// A frame for every operator socket that is not stored (typing).
    pub fn to_operators(&self, frame: String) {
        self.to_readers(Audience::Everyone, frame);
    }

    /// A frame that is not stored for the operator sockets `audience` admits (a visitor's
    /// draft goes where the chat's messages go).
    pub fn to_readers(&self, audience: Audience, frame: String) {
        let _ = self.ephemeral.send(Arc::new(Ephemeral { audience, frame }));
    }

    /// Operator `operator_id` now looks at `chat_id` (or at none): kept, and told to all.
    pub fn set_viewing(&self, operator_id: i64, chat_id: Option<i64>) {
        {
            let mut viewing = self.viewing.lock().unwrap_or_else(PoisonError::into_inner);
            let before = match chat_id {
                Some(id) => viewing.insert(operator_id, id),
                None => viewing.remove(&operator_id),
            };
            if before == chat_id {
                return;
            }
        }
        self.to_operators(encode(&frontdesk_protocol::OperatorOut::OperatorViewing {
            operator_id,
            chat_id,
        }));
    }

    /// What every operator looks at now, for a console that just got its snapshot.
    pub fn viewing(&self) -> Vec<(i64, i64)> {
        let viewing = self.viewing.lock().unwrap_or_else(PoisonError::into_inner);
        viewing.iter().map(|(o, c)| (*o, *c)).collect()
    }

    pub fn register_visitor(&self, visitor_id: i64) -> Arc<VisitorQueue> {
        let queue = Arc::new(VisitorQueue::new(VISITOR_QUEUE));
        self.visitor_map()
            .entry(visitor_id)
            .or_default()
            .push(queue.clone());
        queue
    }

    pub fn unregister_visitor(&self, visitor_id: i64, queue: &Arc<VisitorQueue>) {
        let mut map = self.visitor_map();
        if let Some(queues) = map.get_mut(&visitor_id) {
            queues.retain(|q| !Arc::ptr_eq(q, queue));
            if queues.is_empty() {
                map.remove(&visitor_id);
            }
        }
    }

    /// Sends to every socket of one visitor; drops sockets whose queue is full.
    pub fn push_visitor(&self, visitor_id: i64, push: Arc<VisitorPush>) {
        let mut map = self.visitor_map();
        if let Some(conns) = map.get_mut(&visitor_id) {
            conns.retain(|queue| queue.push(push.clone()));
            if conns.is_empty() {
                map.remove(&visitor_id);
            }
        }
    }

    fn visitor_map(&self) -> std::sync::MutexGuard<'_, VisitorSockets> {
        self.visitors.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn note_status(&self, operator_id: i64, status: OperatorStatus) {
        let team = {
            let mut statuses = self.statuses.lock().unwrap_or_else(PoisonError::into_inner);
            statuses.insert(operator_id, status);
            statuses.values().map(|s| rank(*s)).max().unwrap_or(0)
        };
        if self.team.swap(team, Ordering::AcqRel) != team {
            let status = unrank(team);
            let push = Arc::new(VisitorPush {
                seq: None,
                frame: Arc::from(encode(&VisitorOut::Presence {
                    operators_online: status == OperatorStatus::Online,
                    operators_status: Some(status),
                })),
                close: false,
            });
            let visitor_ids: Vec<i64> = self.visitor_map().keys().copied().collect();
            for id in visitor_ids {
                self.push_visitor(id, push.clone());
            }
        }
    }

    /// An operator socket opened: the first one makes the operator online, unless they never
    /// went offline (back within the grace period: their status stays as it was).
    pub async fn operator_connected(&self, store: &Store, operator_id: i64) {
        let mut conns = self.connections.lock().await;
        let known = conns.contains_key(&operator_id);
        let p = conns.entry(operator_id).or_default();
        p.sockets += 1;
        p.generation += 1;
        if !known {
            self.store_presence(store, operator_id, OperatorStatus::Online, false)
                .await;
        }
    }

    /// An operator socket closed: after the last one the operator is offline once the grace
    /// has passed without a new socket (at once for a zero grace), and then hands their chats
    /// back when `release_chats` says so.
    pub async fn operator_disconnected(
        self: &Arc<Self>,
        store: &Store,
        operator_id: i64,
        presence: &PresenceConfig,
    ) {
        let grace = std::time::Duration::from_secs(presence.offline_grace_secs);
        let release = presence.release_chats;
        let mut conns = self.connections.lock().await;
        let p = conns.entry(operator_id).or_default();
        p.sockets = p.sockets.saturating_sub(1);
        if p.sockets > 0 {
            return;
        }
        // No console left: nobody looks at anything for this operator, grace or not.
        self.set_viewing(operator_id, None);
        if grace.is_zero() {
            conns.remove(&operator_id);
            self.store_presence(store, operator_id, OperatorStatus::Offline, release)
                .await;
            return;
        }
        p.generation += 1;
        let generation = p.generation;
        let (hub, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            let mut conns = hub.connections.lock().await;
            let still_gone = conns
                .get(&operator_id)
                .is_some_and(|p| p.sockets == 0 && p.generation == generation);
            if still_gone {
                conns.remove(&operator_id);
                hub.store_presence(&store, operator_id, OperatorStatus::Offline, release)
                    .await;
            }
        });
    }

    /// After a restart nobody is connected, yet `holders` still have active chats: each gets
    /// the grace a closed console gets, and one who has not connected by its end hands their
    /// chats back as if their console had closed then (when `release_chats` says so). One
    /// who connected meanwhile is left to their own sockets (and their own grace timer).
    /// (Not an entry in `connections` per holder with the usual timer: an entry means "still
    /// present" to [`Hub::operator_connected`], which would then leave them offline.)
    pub fn release_absent_after_restart(
        self: &Arc<Self>,
        store: &Store,
        holders: Vec<i64>,
        presence: &PresenceConfig,
    ) {
        if !presence.release_chats || holders.is_empty() {
            return;
        }
        let grace = std::time::Duration::from_secs(presence.offline_grace_secs);
        let (hub, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            for operator_id in holders {
                let conns = hub.connections.lock().await;
                if !conns.contains_key(&operator_id) {
                    hub.store_presence(&store, operator_id, OperatorStatus::Offline, true)
                        .await;
                }
            }
        });
    }

    /// Stores a `Cmd::Presence`; `release_chats` with offline only.
    async fn store_presence(
        &self,
        store: &Store,
        operator_id: i64,
        status: OperatorStatus,
        release_chats: bool,
    ) {
        let presence = Cmd::Presence {
            operator_id,
            status,
            release_chats,
        };
        if let Err(e) = store.run(presence).await {
            tracing::warn!(operator_id, error = %e, "could not store operator presence");
        }
    }
}

/// Orders statuses for the team's presence: the best one present wins.
fn rank(status: OperatorStatus) -> u8 {
    match status {
        OperatorStatus::Online => 2,
        OperatorStatus::Away => 1,
        OperatorStatus::Offline => 0,
    }
}

fn unrank(rank: u8) -> OperatorStatus {
    match rank {
        2 => OperatorStatus::Online,
        1 => OperatorStatus::Away,
        _ => OperatorStatus::Offline,
    }
}
