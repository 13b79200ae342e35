//! The queue of frames waiting for one visitor socket.
//!
//! Tens of thousands of visitor sockets sit idle most of the time, so the queue costs ~100
//! bytes until used (a tokio mpsc channel allocates its first 32-slot block up front). It is
//! bounded: a socket that stops reading is closed rather than buffering without end.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

use crate::hub::VisitorPush;

pub struct VisitorQueue {
    items: Mutex<VecDeque<Arc<VisitorPush>>>,
    ready: Notify,
    closed: AtomicBool,
    capacity: usize,
}

impl VisitorQueue {
    pub fn new(capacity: usize) -> Self {
        Self {
            items: Mutex::new(VecDeque::new()),
            ready: Notify::new(),
            closed: AtomicBool::new(false),
            capacity,
        }
    }

    /// Queues a frame; `false` (and the queue closes) when it is full or already closed.
    pub fn push(&self, push: Arc<VisitorPush>) -> bool {
        let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        if self.closed.load(Ordering::Acquire) || items.len() >= self.capacity {
            self.closed.store(true, Ordering::Release);
            drop(items);
            self.ready.notify_one();
            return false;
        }
        items.push_back(push);
        drop(items);
        self.ready.notify_one();
        true
    }

    /// Frames waiting to be written.
    fn len(&self) -> usize {
        self.items
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether the socket may read the visitor's next frame: its own commands and their
    /// echoes are what fills the queue, so a socket at half of it stops reading (TCP then
    /// slows the sender) instead of overflowing and being cut off.
    pub fn may_read(&self, in_flight: usize) -> bool {
        self.len() + in_flight < self.capacity / 2
    }

    /// The next frame if one is queued now; never waits.
    pub fn try_next(&self) -> Option<Arc<VisitorPush>> {
        let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        if self.closed.load(Ordering::Acquire) {
            return None;
        }
        items.pop_front()
    }

    /// The next frame; `None` once the queue was closed and emptied of nothing more to say.
    pub async fn next(&self) -> Option<Arc<VisitorPush>> {
        loop {
            {
                let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
                if self.closed.load(Ordering::Acquire) {
                    return None;
                }
                if let Some(item) = items.pop_front() {
                    return Some(item);
                }
            }
            // A push between the check above and this wait leaves a permit: nothing is missed.
            self.ready.notified().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(n: u64) -> Arc<VisitorPush> {
        Arc::new(VisitorPush {
            seq: Some(n),
            frame: Arc::from(n.to_string()),
            close: false,
        })
    }

    #[tokio::test]
    async fn in_order_then_closed_when_full() {
        let q = Arc::new(VisitorQueue::new(2));
        assert!(q.push(push(1)));
        assert!(q.push(push(2)));
        assert_eq!(q.next().await.and_then(|p| p.seq), Some(1));
        assert!(q.push(push(3)));
        assert!(!q.push(push(4)), "third frame in a queue of two");
        assert!(q.next().await.is_none(), "a closed queue ends the socket");
    }

    #[tokio::test]
    async fn reading_stops_at_half_the_queue_counting_commands_in_flight() {
        let q = VisitorQueue::new(8);
        assert!(q.may_read(3));
        assert!(!q.may_read(4));
        assert!(q.push(push(1)) && q.push(push(2)));
        assert!(q.may_read(1));
        assert!(!q.may_read(2));
        assert_eq!(q.next().await.and_then(|p| p.seq), Some(1));
        assert!(q.may_read(2));
    }

    #[tokio::test]
    async fn wakes_a_waiting_reader() {
        let q = Arc::new(VisitorQueue::new(4));
        let reader = tokio::spawn({
            let q = q.clone();
            async move { q.next().await.and_then(|p| p.seq) }
        });
        tokio::task::yield_now().await;
        assert!(q.push(push(7)));
        assert_eq!(reader.await.ok().flatten(), Some(7));
    }

    #[test]
    fn try_next_takes_what_is_queued_without_waiting() {
        let q = VisitorQueue::new(2);
        assert!(q.try_next().is_none());
        assert!(q.push(push(1)) && q.push(push(2)));
        assert_eq!(q.try_next().and_then(|p| p.seq), Some(1));
        assert_eq!(q.try_next().and_then(|p| p.seq), Some(2));
        assert!(q.try_next().is_none());
        assert!(q.push(push(3)) && q.push(push(4)) && !q.push(push(5)));
        assert!(q.try_next().is_none(), "a closed queue hands out nothing");
    }
}
