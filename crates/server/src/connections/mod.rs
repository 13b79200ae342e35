//! Who may hold a connection. Every open connection holds an open file; without caps a crowd
//! of slow or idle sockets uses them all up and the server stops accepting anyone.
//!
//! [`Admission`] counts connections open in total and per client address. `serve.rs` admits
//! each accepted TCP connection (a refused one is closed at once) and hands its [`Slot`] to
//! the connection, which gives it back when its socket closes, WebSocket or not. Behind a
//! proxy every connection comes from the proxy, so the per-address count moves to the
//! requests, by the forwarded address (`routes::client_slot`). `open_files.rs` raises the
//! open-file limit and keeps the total cap below it.

mod counted;
pub mod open_files;
mod refusals;
mod serve;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

pub use serve::{Serving, serve};

use crate::config::ConnectionLimits;
use refusals::RefusalLog;

/// Which cap a refused connection or request hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Total,
    Address,
}

/// The connection counts, shared by the accept loop and the request layer.
pub struct Admission {
    max_total: usize,
    max_per_address: usize,
    total: AtomicUsize,
    per_address: Mutex<HashMap<IpAddr, usize>>,
    refusals: RefusalLog,
}

/// A place taken by one connection (or one proxied request); given back on drop.
pub struct Slot {
    admission: Arc<Admission>,
    counts_total: bool,
    address: Option<IpAddr>,
}

impl Admission {
    pub fn new(max_total: usize, max_per_address: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total: max_total.max(1),
            max_per_address: max_per_address.max(1),
            total: AtomicUsize::new(0),
            per_address: Mutex::new(HashMap::new()),
            refusals: RefusalLog::default(),
        })
    }

    /// The configured caps, the total lowered to fit in the open-file limit (raised first
    /// as far as it goes).
    pub fn within_open_files(limits: &ConnectionLimits) -> Arc<Self> {
        let max_total = open_files::connection_cap(limits.max_open, open_files::raise());
        tracing::info!(
            "at most {max_total} connections open at once, {} per client address",
            limits.max_per_address
        );
        Self::new(max_total, limits.max_per_address)
    }

    pub fn max_per_address(&self) -> usize {
        self.max_per_address
    }

    /// Admits an accepted TCP connection; `address` is counted too unless a proxy forwards
    /// the real client's (then it is `None`).
    pub fn connection(self: &Arc<Self>, address: Option<IpAddr>) -> Result<Slot, Refusal> {
        let taken = self.total.fetch_add(1, Ordering::AcqRel);
        if taken >= self.max_total {
            self.total.fetch_sub(1, Ordering::AcqRel);
            return self.refuse(Refusal::Total);
        }
        // From here the slot gives the total back on drop, also when the address is refused.
        let mut slot = Slot {
            admission: self.clone(),
            counts_total: true,
            address: None,
        };
        if let Some(ip) = address {
            slot.address = Some(self.take_address(ip)?);
        }
        Ok(slot)
    }

    /// Admits one request a proxy forwarded for `address` (its connection is already counted
    /// in the total).
    pub fn client(self: &Arc<Self>, address: IpAddr) -> Result<Slot, Refusal> {
        let key = self.take_address(address)?;
        Ok(Slot {
            admission: self.clone(),
            counts_total: false,
            address: Some(key),
        })
    }

    fn take_address(&self, ip: IpAddr) -> Result<IpAddr, Refusal> {
        // One IPv6 subscriber's /64 counts as one address, as the rate limits count it.
        let key = crate::limits::network_of(ip);
        let mut counts = self
            .per_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(key).or_insert(0);
        if *count >= self.max_per_address {
            drop(counts);
            return self.refuse(Refusal::Address);
        }
        *count += 1;
        Ok(key)
    }

    fn refuse<T>(&self, refusal: Refusal) -> Result<T, Refusal> {
        self.refusals
            .note(refusal, self.max_total, self.max_per_address);
        Err(refusal)
    }

    /// Logs refusals not yet reported (called now and then, so a burst is summed up once).
    pub fn report_refusals(&self) {
        self.refusals.flush(self.max_total, self.max_per_address);
    }

    fn give_back(&self, slot: &Slot) {
        if let Some(key) = slot.address {
            let mut counts = self
                .per_address
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // Addresses with nothing open are forgotten, so the map stays as small as the crowd.
            if let Entry::Occupied(mut count) = counts.entry(key) {
                *count.get_mut() -= 1;
                if *count.get() == 0 {
                    count.remove();
                }
            }
        }
        if slot.counts_total {
            self.total.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.admission.give_back(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_giving_back() {
        let admission = Admission::new(3, 2);
        let a = IpAddr::from([192, 0, 2, 1]);
        let b = IpAddr::from([192, 0, 2, 2]);
        let first = admission.connection(Some(a)).unwrap();
        let _second = admission.connection(Some(a)).unwrap();
        assert_eq!(admission.connection(Some(a)).err(), Some(Refusal::Address));
        let _third = admission.connection(Some(b)).unwrap();
        assert_eq!(admission.connection(Some(b)).err(), Some(Refusal::Total));
        drop(first);
        let _again = admission.connection(Some(a)).unwrap();
        assert_eq!(admission.connection(None).err(), Some(Refusal::Total));
    }

    #[test]
    fn a_refused_address_gives_its_total_place_back() {
        let admission = Admission::new(10, 1);
        let a = IpAddr::from([192, 0, 2, 1]);
        let _held = admission.connection(Some(a)).unwrap();
        for _ in 0..20 {
            assert!(admission.connection(Some(a)).is_err());
        }
        assert_eq!(admission.total.load(Ordering::Acquire), 1);
    }

    #[test]
    fn one_ipv6_network_counts_as_one_address() {
        let admission = Admission::new(10, 1);
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_network: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other_network: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        let _held = admission.client(one).unwrap();
        assert!(admission.client(same_network).is_err());
        assert!(admission.client(other_network).is_ok());
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        let _v4 = admission.client(IpAddr::from([192, 0, 2, 7])).unwrap();
        assert!(admission.client(mapped).is_err());
    }
}
