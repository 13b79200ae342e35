//! Desktop notifications through notify-rust, on a thread of their own: D-Bus calls block,
//! and a slow or missing notification server must never delay a keystroke. The loop hands
//! requests over a small bounded channel with `try_send`; when it is full the request is
//! dropped and counted. The thread first asks the server who it is: with no session bus (SSH,
//! headless) or no server on it, it reports once and the other channels carry on alone.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use notify_rust::{Notification, NotificationHandle, Timeout};
use tokio::sync::mpsc::UnboundedSender;

use crate::notify::notice::Alert;
use crate::notify::rules::{Kind, Urgency};

/// Requests waiting for the thread; more are dropped.
const QUEUE: usize = 16;
/// The name notification servers show and group by.
const APP_NAME: &str = "Frontdesk";

/// What the thread tells the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// No session bus or no notification server: why, for the log.
    Unavailable(String),
}

enum Request {
    Show(Box<Alert>),
    Withdraw(Kind),
}

/// The loop's end of the sender thread.
#[derive(Debug)]
pub struct Desktop {
    tx: SyncSender<Request>,
    /// Requests dropped because the thread was behind (or gone).
    pub dropped: u64,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Show(a) => write!(f, "Show({:?})", a.kind),
            Self::Withdraw(k) => write!(f, "Withdraw({k:?})"),
        }
    }
}

impl Desktop {
    /// Starts the thread; `report` hears about an unusable bus.
    pub fn spawn(report: UnboundedSender<Report>) -> std::io::Result<Self> {
        let (tx, rx) = sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("notify-desktop".into())
            .spawn(move || run(&rx, &report))?;
        Ok(Self { tx, dropped: 0 })
    }

    pub fn show(&mut self, alert: Alert) {
        self.send(Request::Show(Box::new(alert)));
    }

    pub fn withdraw(&mut self, kind: Kind) {
        self.send(Request::Withdraw(kind));
    }

    fn send(&mut self, request: Request) {
        match self.tx.try_send(request) {
            Ok(()) => {}
            Err(TrySendError::Full(r)) => {
                self.dropped += 1;
                tracing::warn!(
                    dropped = self.dropped,
                    "desktop notifications behind: {r:?} dropped"
                );
            }
            // The thread found no bus and ended; it has said so once.
            Err(TrySendError::Disconnected(_)) => self.dropped += 1,
        }
    }
}

fn run(rx: &Receiver<Request>, report: &UnboundedSender<Report>) {
    match notify_rust::get_server_information() {
        Ok(info) => tracing::info!(server = %info.name, "desktop notifications through D-Bus"),
        Err(e) => {
            tracing::warn!("desktop notifications unavailable: {e}");
            let _ = report.send(Report::Unavailable(e.to_string()));
            return;
        }
    }
    // The last notification of each kind, so the next one can replace it or take it down.
    let mut shown: HashMap<Kind, NotificationHandle> = HashMap::new();
    while let Ok(request) = rx.recv() {
        match request {
            Request::Show(alert) => {
                let previous = shown.get(&alert.kind).filter(|_| alert.replace);
                match build(&alert, previous.map(NotificationHandle::id)).show() {
                    Ok(handle) => {
                        shown.insert(alert.kind, handle);
                    }
                    Err(e) => tracing::warn!("desktop notification failed: {e}"),
                }
            }
            Request::Withdraw(kind) => {
                if let Some(handle) = shown.remove(&kind) {
                    handle.close();
                }
            }
        }
    }
}

fn build(alert: &Alert, replaces: Option<u32>) -> Notification {
    let mut n = Notification::new();
    n.appname(APP_NAME)
        .summary(&alert.summary)
        .body(&escape_markup(&alert.body))
        .icon(match alert.kind {
            Kind::NewChat | Kind::Transfer => "mail-message-new",
            Kind::Message => "mail-unread",
            Kind::FirstResponse => "appointment-soon",
            Kind::BadRating => "dialog-warning",
        })
        .hint(notify_rust::Hint::Category(
            match alert.kind {
                Kind::Message => "im.received",
                _ => "im",
            }
            .into(),
        ))
        .urgency(match alert.urgency {
            Urgency::Low => notify_rust::Urgency::Low,
            Urgency::Normal => notify_rust::Urgency::Normal,
            Urgency::Critical => notify_rust::Urgency::Critical,
        })
        .timeout(match alert.expire_ms {
            0 => Timeout::Never,
            ms => Timeout::Milliseconds(ms),
        });
    if let Some(id) = replaces {
        n.id(id);
    }
    n
}

/// Bodies may be read as markup by the server: visitor text must not become tags or links.
fn escape_markup(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
