//! The run's results: a serialisable report and its plain-text rendering.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use hdrhistogram::Histogram;
use serde::Serialize;

use crate::ledger::Tally;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub setup: Setup,
    pub messages: Tally,
    /// Load messages an operator received twice.
    pub duplicates: u64,
    pub throughput: Throughput,
    /// Visitor sends a message → its `ack` arrives (the message is stored).
    pub ack_latency: Latency,
    /// Visitor sends a message → an operator receives its `message_posted` event; one sample
    /// per message per operator.
    pub delivery_latency: Latency,
    /// Error frames and dropped sockets, by code.
    pub errors: BTreeMap<String, u64>,
    pub idle: IdleReport,
    pub server_rss_bytes: RssReport,
    pub cpu: CpuReport,
    /// With `--console`: keystroke to screen in tmux, the console beside irssi.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys: Option<crate::keys::KeysReport>,
    /// The hostile visitors' pings (`--flood-visitors`).
    pub flood: crate::flood::FloodReport,
}

#[derive(Debug, Clone, Serialize)]
pub struct Setup {
    pub idle_visitors: usize,
    pub active_visitors: usize,
    pub operators: usize,
    pub rate: u32,
    pub duration_secs: u64,
    /// Page views per second over the idle visitors.
    pub page_views: u32,
    /// Live drafts per second from each active visitor.
    pub typing: u32,
}

/// The server's CPU time over the sending window (from /proc; `None` without a server pid),
/// and what that is per stored message and per page view sent.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CpuReport {
    pub server_ms: Option<u64>,
    pub page_views_sent: u64,
    /// Live drafts the active visitors sent (`--typing`).
    pub typing_sent: u64,
    pub per_message_us: Option<f64>,
    pub per_page_view_us: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Throughput {
    /// Messages sent per second over the sending window.
    pub offered_per_sec: f64,
    /// Messages acknowledged per second, from the start to the last ack.
    pub stored_per_sec: f64,
}

/// Percentiles in microseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub samples: u64,
    pub p50_us: u64,
    pub p90_us: u64,
    pub p95_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
}

impl Latency {
    pub fn of(hist: &Histogram<u64>) -> Self {
        Self {
            samples: hist.len(),
            p50_us: hist.value_at_quantile(0.50),
            p90_us: hist.value_at_quantile(0.90),
            p95_us: hist.value_at_quantile(0.95),
            p99_us: hist.value_at_quantile(0.99),
            max_us: hist.max(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct IdleReport {
    pub opened: usize,
    pub failed: usize,
    /// Server RSS growth divided by the sockets opened.
    pub bytes_per_socket: Option<u64>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RssReport {
    pub at_start: Option<u64>,
    pub before_idle: Option<u64>,
    pub after_idle: Option<u64>,
    pub at_end: Option<u64>,
}

impl Report {
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let s = &self.setup;
        let m = &self.messages;
        let typing = if s.typing > 0 {
            format!(", {} live drafts/s from each active visitor", s.typing)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "setup: {} idle + {} active visitors, {} operators, {} msg/s and {} page views/s{typing} for {} s",
            s.idle_visitors, s.active_visitors, s.operators, s.rate, s.page_views, s.duration_secs
        );
        // With `--operators 0` (a terminal run) only the console sees the messages.
        let seen = if self.setup.operators == 0 {
            "no operator socket of its own".to_owned()
        } else {
            format!("seen by every operator {}", m.delivered_to_all)
        };
        let _ = writeln!(
            out,
            "messages: planned {}, sent {}, stored (acked) {}, {seen}, lost {}, unacked {}, \
             duplicates {}",
            m.planned, m.sent, m.acked, m.lost, m.unacked, self.duplicates
        );
        let t = &self.throughput;
        let _ = writeln!(
            out,
            "throughput: offered {:.0} msg/s, stored {:.0} msg/s",
            t.offered_per_sec, t.stored_per_sec
        );
        let _ = writeln!(
            out,
            "{:<32}{:>8}{:>10}{:>10}{:>10}{:>10}{:>10}",
            "latency (ms)", "n", "p50", "p90", "p95", "p99", "max"
        );
        let mut rows = vec![
            ("visitor -> ack (stored)", &self.ack_latency),
            ("visitor -> operator", &self.delivery_latency),
        ];
        if let Some(keys) = &self.keys {
            rows.push(("key -> console, idle", &keys.idle.console));
            rows.push(("key -> irssi, idle", &keys.idle.irssi));
            rows.push(("key -> console, during flood", &keys.flood.console));
            rows.push(("key -> irssi, during flood", &keys.flood.irssi));
        }
        for (name, l) in rows {
            let ms = |us: u64| us as f64 / 1000.0;
            let _ = writeln!(
                out,
                "{name:<32}{:>8}{:>10.2}{:>10.2}{:>10.2}{:>10.2}{:>10.2}",
                l.samples,
                ms(l.p50_us),
                ms(l.p90_us),
                ms(l.p95_us),
                ms(l.p99_us),
                ms(l.max_us)
            );
        }
        if let Some(keys) = &self.keys {
            let peer = |v: String| {
                if keys.peer_flooded {
                    v
                } else {
                    "not flooded (--peer-idle)".to_owned()
                }
            };
            let ms =
                |v: Option<f64>| v.map_or_else(|| "not seen".to_owned(), |v| format!("{v:.1} ms"));
            let _ = writeln!(
                out,
                "terminal run ({} console panes): last message sent -> on screen: console {}, irssi {}",
                keys.panes,
                ms(keys.last_shown_ms.console),
                peer(ms(keys.last_shown_ms.irssi))
            );
            let _ = writeln!(
                out,
                "CPU per 1,000 messages, flood start -> last message on screen: console {}, irssi {}",
                ms(keys.cpu_per_1000_ms.console),
                peer(ms(keys.cpu_per_1000_ms.irssi))
            );
            let us =
                |v: Option<f64>| v.map_or_else(|| "unknown".to_owned(), |v| format!("{v:.0} µs"));
            let _ = writeln!(
                out,
                "server CPU per message, the same window: frontdesk-server {}, ngircd {} (relays only: stores and acknowledges nothing)",
                us(keys.server_cpu_per_message_us.console),
                peer(us(keys.server_cpu_per_message_us.irssi))
            );
        }
        if self.idle.opened + self.idle.failed > 0 {
            let per = self.idle.bytes_per_socket.map_or_else(
                || "unknown (no server pid)".to_owned(),
                |b| format!("{b} bytes"),
            );
            let _ = writeln!(
                out,
                "idle sockets: {} open, {} failed, server memory per socket {per}",
                self.idle.opened, self.idle.failed
            );
        }
        let c = &self.cpu;
        if let Some(ms) = c.server_ms {
            let per = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.0} µs"));
            let _ = writeln!(
                out,
                "server CPU while sending: {ms} ms; per stored message {}; {} page views, per page view {}; {} typing frames",
                per(c.per_message_us),
                c.page_views_sent,
                per(c.per_page_view_us),
                c.typing_sent
            );
        }
        let r = &self.server_rss_bytes;
        let mib = |b: Option<u64>| {
            b.map_or_else(
                || "?".to_owned(),
                |b| format!("{:.1}", b as f64 / 1048576.0),
            )
        };
        let _ = writeln!(
            out,
            "server RSS (MiB): start {}, before idle {}, after idle {}, end {}",
            mib(r.at_start),
            mib(r.before_idle),
            mib(r.after_idle),
            mib(r.at_end)
        );
        let f = &self.flood;
        if f.visitors > 0 {
            let _ = writeln!(
                out,
                "hostile visitors: {} sent {} pings as fast as their sockets took them, {} answered ({:.1} a second each)",
                f.visitors, f.pings_sent, f.pongs, f.answered_per_visitor_sec
            );
        }
        if !self.errors.is_empty() {
            let list: Vec<String> = self
                .errors
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = writeln!(out, "errors: {}", list.join(", "));
        }
        out
    }
}
