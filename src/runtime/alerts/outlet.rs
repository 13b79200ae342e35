//! The loop's side of alerts: it takes the [`Notice`]s `update` returns and sends each down its
//! channels (desktop thread, hook task, bell and OSC on the terminal), and keeps the terminal
//! title showing the unread count. Nothing here blocks.

use std::io::Write;

use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

use super::desktop::{Desktop, Report};
use super::hook::Hook;
use super::terminal;
use crate::notify::notice::Notice;
use crate::notify::rules::{Channel, NotificationsConfig, Osc};

pub struct Outlet {
    desktop: Option<Desktop>,
    reports: Option<UnboundedReceiver<Report>>,
    hook: Option<Hook>,
    osc: Osc,
    /// The title is ours to set (and to give back at the end).
    title: bool,
    last_title: Option<String>,
    term: Box<dyn Write + Send>,
}

impl std::fmt::Debug for Outlet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outlet")
            .field("desktop", &self.desktop)
            .field("title", &self.last_title)
            .finish_non_exhaustive()
    }
}

impl Outlet {
    /// Starts the desktop thread (unless alerts are off) and writes terminal channels to
    /// `term` (the real terminal: stdout).
    pub fn start(rules: &NotificationsConfig, term: Box<dyn Write + Send>) -> Self {
        let (tx, rx) = unbounded_channel();
        let desktop = if rules.enabled {
            Desktop::spawn(tx)
                .inspect_err(|e| tracing::error!("no desktop notification thread: {e}"))
                .ok()
        } else {
            None
        };
        Self {
            desktop,
            reports: Some(rx),
            hook: Hook::new(&rules.hook, rules.hook_timeout_secs),
            osc: rules.osc,
            title: rules.title,
            last_title: None,
            term,
        }
    }

    /// No channels at all (scripted loops in tests).
    pub fn disabled() -> Self {
        Self {
            desktop: None,
            reports: None,
            hook: None,
            osc: Osc::Off,
            title: false,
            last_title: None,
            term: Box::new(std::io::sink()),
        }
    }

    pub fn deliver(&mut self, notice: Notice) {
        let alert = match notice {
            Notice::Withdraw(kind) => {
                if let Some(d) = &mut self.desktop {
                    d.withdraw(kind);
                }
                return;
            }
            Notice::Show(alert) => alert,
        };
        let mut bytes = Vec::new();
        for channel in &alert.channels {
            match channel {
                Channel::Bell => bytes.extend_from_slice(terminal::BELL),
                Channel::Osc => {
                    bytes.extend(
                        terminal::osc(self.osc, &alert.summary, &alert.body).unwrap_or_default(),
                    );
                }
                Channel::Hook => {
                    if let Some(hook) = &self.hook {
                        hook.run(&alert.event);
                    }
                }
                Channel::Desktop => {}
            }
        }
        self.write(&bytes);
        if alert.channels.contains(&Channel::Desktop)
            && let Some(d) = &mut self.desktop
        {
            d.show(alert);
        }
    }

    /// Sets the title (`app::alerts::title`) when its text changed.
    pub fn update_title(&mut self, text: &str) {
        if !self.title || self.last_title.as_deref() == Some(text) {
            return;
        }
        let mut bytes = Vec::new();
        if self.last_title.is_none() {
            bytes.extend_from_slice(terminal::PUSH_TITLE);
        }
        bytes.extend(terminal::title(text));
        self.write(&bytes);
        self.last_title = Some(text.to_owned());
    }

    /// The next report of the desktop thread; never, when there is none to come.
    pub async fn report(&mut self) -> Report {
        match &mut self.reports {
            Some(rx) => match rx.recv().await {
                Some(report) => report,
                None => {
                    self.reports = None;
                    std::future::pending().await
                }
            },
            None => std::future::pending().await,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if let Err(e) = self.term.write_all(bytes).and_then(|()| self.term.flush()) {
            tracing::warn!("terminal alert not written: {e}");
        }
    }
}

impl Drop for Outlet {
    /// Gives the terminal its own title back.
    fn drop(&mut self) {
        if self.last_title.take().is_some() {
            self.write(terminal::POP_TITLE);
        }
    }
}
