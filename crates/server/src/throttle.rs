//! Login throttle: a few free failures per account name and per client address, then waits
//! that double with each further failure. While either waits, logins are refused without
//! checking the password, so guessing costs the guesser time and the server nothing.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::LoginLimits;
use crate::limits::network_of;

/// Account names are kept to this many characters as keys, bounding each entry.
const MAX_KEY_CHARS: usize = 64;

#[derive(Debug)]
struct Entry {
    failures: u32,
    last: Instant,
    /// No attempt is checked before this.
    until: Instant,
}

#[derive(Default)]
struct Tables {
    accounts: HashMap<String, Entry>,
    addresses: HashMap<IpAddr, Entry>,
}

pub struct LoginThrottle {
    limits: LoginLimits,
    tables: Mutex<Tables>,
}

/// An attempt let through, already counted as a failure: guesses sent in parallel count
/// before any of them is checked. [`LoginThrottle::succeeded`] takes it back.
#[derive(Debug)]
pub struct Attempt {
    account: String,
    address: IpAddr,
    /// Failures of the account counting this one, for the log.
    pub failures: u32,
    /// The wait this attempt imposes on the next one if its password is wrong.
    pub wait: Option<Duration>,
}

fn wait_since(until: Instant, now: Instant) -> Option<Duration> {
    (until > now).then(|| until - now)
}

impl LoginThrottle {
    pub fn new(limits: &LoginLimits) -> Self {
        Self {
            limits: limits.clone(),
            tables: Mutex::new(Tables::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tables> {
        // A panic elsewhere cannot leave the counters half-written; keep using them.
        self.tables
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The wait after `failures` failures with `free` of them free.
    fn backoff(&self, failures: u32, free: u32) -> Option<Duration> {
        let over = failures.checked_sub(free)?.checked_sub(1)?;
        let first = self.limits.backoff_first_secs.max(1);
        let secs = first
            .saturating_mul(1u64 << over.min(32))
            .min(self.limits.backoff_max_secs.max(first));
        Some(Duration::from_secs(secs))
    }

    /// `Err(wait)` while the account or the address must wait; otherwise the attempt, counted.
    pub fn begin(&self, account: &str, ip: IpAddr) -> Result<Attempt, Duration> {
        let now = Instant::now();
        let account: String = account.chars().take(MAX_KEY_CHARS).collect();
        let address = network_of(ip);
        let mut tables = self.lock();
        let waits = [
            tables.accounts.get(&account).map(|e| e.until),
            tables.addresses.get(&address).map(|e| e.until),
        ];
        if let Some(wait) = waits
            .into_iter()
            .flatten()
            .filter_map(|u| wait_since(u, now))
            .max()
        {
            return Err(wait);
        }
        let limits = &self.limits;
        let (failures, account_wait) = self.count(
            &mut tables.accounts,
            account.clone(),
            now,
            limits.free_failures_per_account,
        );
        let (_, address_wait) = self.count(
            &mut tables.addresses,
            address,
            now,
            limits.free_failures_per_ip,
        );
        Ok(Attempt {
            account,
            address,
            failures,
            wait: account_wait.max(address_wait),
        })
    }

    fn count<K: Eq + Hash>(
        &self,
        table: &mut HashMap<K, Entry>,
        key: K,
        now: Instant,
        free: u32,
    ) -> (u32, Option<Duration>) {
        let entry = table.entry(key).or_insert(Entry {
            failures: 0,
            last: now,
            until: now,
        });
        entry.failures = entry.failures.saturating_add(1);
        entry.last = now;
        let wait = self.backoff(entry.failures, free);
        if let Some(wait) = wait {
            entry.until = now + wait;
        }
        (entry.failures, wait)
    }

    /// The password was right: the account's failures are forgotten, and this attempt no
    /// longer counts against the address. Other failures from the address still do: one
    /// good account must not wash an address guessing at others clean.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut tables = self.lock();
        tables.accounts.remove(&attempt.account);
        if let Some(entry) = tables.addresses.get_mut(&attempt.address) {
            entry.failures = entry.failures.saturating_sub(1);
            if entry.failures <= self.limits.free_failures_per_ip {
                entry.until = Instant::now();
            }
        }
    }

    /// Drops entries nobody has failed on for `forget_after_secs` (bounds memory).
    pub fn forget_idle(&self) {
        let now = Instant::now();
        let idle = Duration::from_secs(self.limits.forget_after_secs);
        let keep = |e: &Entry| e.until > now || now.duration_since(e.last) < idle;
        let mut tables = self.lock();
        tables.accounts.retain(|_, e| keep(e));
        tables.addresses.retain(|_, e| keep(e));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let tables = self.lock();
        tables.accounts.len() + tables.addresses.len()
    }
}

/// An account name as it may appear in the log: no control, bidi or zero-width characters
/// (a name could otherwise forge log lines or colour the terminal reading them), and short.
pub fn loggable(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(MAX_KEY_CHARS)
        .map(|c| {
            if c.is_control() || is_invisible(c) {
                '?'
            } else {
                c
            }
        })
        .collect();
    if name.chars().nth(MAX_KEY_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(free: u32) -> LoginLimits {
        LoginLimits {
            free_failures_per_account: free,
            free_failures_per_ip: 100,
            backoff_first_secs: 1,
            backoff_max_secs: 8,
            forget_after_secs: 0,
        }
    }

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn waits_double_up_to_the_cap() {
        let t = LoginThrottle::new(&limits(2));
        let waits: Vec<_> = (1..=7)
            .map(|n| t.backoff(n, 2).map(|d| d.as_secs()))
            .collect();
        assert_eq!(
            waits,
            [None, None, Some(1), Some(2), Some(4), Some(8), Some(8)]
        );
    }

    #[test]
    fn parallel_guesses_count_before_any_is_checked() {
        let t = LoginThrottle::new(&limits(2));
        let a = t.begin("anna", IP).expect("first");
        let b = t.begin("anna", IP).expect("second");
        let c = t
            .begin("anna", IP)
            .expect("third: the one that starts the wait");
        assert_eq!(c.wait, Some(Duration::from_secs(1)));
        assert!(t.begin("anna", IP).is_err(), "the fourth waits");
        assert!(t.begin("boris", IP).is_ok(), "another account does not");
        drop((a, b));
        t.succeeded(c);
        assert!(
            t.begin("anna", IP).is_ok(),
            "a success forgets the account's count"
        );
    }

    #[test]
    fn idle_entries_are_forgotten() {
        let t = LoginThrottle::new(&limits(5));
        let _ = t.begin("anna", IP);
        assert_eq!(t.len(), 2);
        t.forget_idle();
        assert_eq!(t.len(), 0);
    }

    #[test]
    fn names_are_made_safe_for_the_log() {
        assert_eq!(loggable("x\nINFO forged\u{1b}[31m"), "x?INFO forged?[31m");
        assert_eq!(loggable("evil\u{202e}gnp"), "evil?gnp");
        assert_eq!(
            loggable(&"a".repeat(100)).chars().count(),
            MAX_KEY_CHARS + 1
        );
    }
}
