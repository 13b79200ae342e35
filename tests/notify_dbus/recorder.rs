//! The test's own D-Bus session bus (`dbus-daemon`) and a notification server on it that
//! records every call it gets.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use zbus::OwnedVariant;

/// A session bus of our own; killed when dropped.
pub struct Bus {
    child: Child,
    pub address: String,
}

impl Bus {
    pub fn start() -> Self {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is needed for this test (Debian: apt-get install dbus-daemon)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the bus address");
        let address = line.trim().to_owned();
        assert!(address.starts_with("unix:"), "{address:?}");
        Self { child, address }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One call the notification server received.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Notify {
        app: String,
        replaces: u32,
        id: u32,
        summary: String,
        body: String,
        urgency: Option<u8>,
        timeout: i32,
    },
    Close(u32),
}

pub type Log = Arc<Mutex<Vec<Call>>>;

pub struct Recorder {
    pub log: Log,
    pub next: u32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &mut self,
        app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        hints: HashMap<String, OwnedVariant>,
        expire_timeout: i32,
    ) -> u32 {
        let id = if replaces_id == 0 {
            self.next += 1;
            self.next
        } else {
            replaces_id
        };
        let urgency = hints.get("urgency").and_then(|v| u8::try_from(v).ok());
        self.log.lock().expect("log").push(Call::Notify {
            app: app_name,
            replaces: replaces_id,
            id,
            summary,
            body,
            urgency,
            timeout: expire_timeout,
        });
        id
    }

    fn close_notification(&mut self, id: u32) {
        self.log.lock().expect("log").push(Call::Close(id));
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "recorder".into(),
            "frontdesk tests".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}
