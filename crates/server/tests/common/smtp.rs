//! A real SMTP server for the e-mail tests: Debian's aiosmtpd (`scripts/test` installs
//! `python3-aiosmtpd`), storing every mail it receives as a file of a Maildir. Stopped on drop.
//! Received mails are read back with Python's own `email` package, so encoded headers and
//! bodies are decoded by a real MIME parser.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Python that has aiosmtpd (the first `python3` on PATH may be another one).
const PYTHON: &str = "/usr/bin/python3";

pub struct SmtpSink {
    pub port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

/// A mail as the sink received it, decoded.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Mail {
    pub from: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpSink {
    /// Starts the sink on `port` and waits until it accepts connections.
    pub async fn start(port: u16) -> Self {
        Self::start_with(port, &[]).await
    }

    /// [`SmtpSink::start`] with more options for aiosmtpd, e.g. `--tlscert`/`--tlskey`
    /// (STARTTLS) or `--smtpscert`/`--smtpskey` (TLS from the first byte).
    pub async fn start_with(port: u16, options: &[&std::ffi::OsStr]) -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut command = Command::new(PYTHON);
        command
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(options)
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mbox"));
        Self::run(port, command, dir).await
    }

    /// An SMTP server that refuses every recipient for good (`550 5.1.1`), as a server does
    /// for a mailbox that does not exist. It stores nothing.
    pub async fn rejecting(port: u16) -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::write(dir.path().join("rejecting.py"), REJECTING).expect("the handler");
        let mut command = Command::new(PYTHON);
        command
            .env("PYTHONPATH", dir.path())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "rejecting.Rejecting"]);
        Self::run(port, command, dir).await
    }

    /// A sink that requires AUTH (PLAIN or LOGIN) as `login` / `password`, over plain SMTP
    /// (as a relay on the same machine may), through aiosmtpd's own authenticator hook.
    pub async fn with_auth(port: u16, login: &str, password: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let script = dir.path().join("auth_sink.py");
        std::fs::write(&script, AUTH_SINK).expect("the script");
        let mut command = Command::new(PYTHON);
        command
            .arg(&script)
            .arg(port.to_string())
            .arg(dir.path().join("mbox"))
            .args([login, password]);
        Self::run(port, command, dir).await
    }

    async fn run(port: u16, mut command: Command, dir: tempfile::TempDir) -> Self {
        // Its log goes to a file (a pipe nobody reads could fill up and stop it).
        let log = dir.path().join("aiosmtpd.log");
        let child = command
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("the log file"))
            .spawn()
            .unwrap_or_else(|e| panic!("{PYTHON} -m aiosmtpd could not start ({e}): run scripts/test, which installs python3-aiosmtpd"));
        let mut sink = Self { port, child, dir };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return sink;
            }
            if let Ok(Some(status)) = sink.child.try_wait() {
                let err = std::fs::read_to_string(&log).unwrap_or_default();
                panic!(
                    "aiosmtpd exited ({status}): {err}\n(scripts/test installs python3-aiosmtpd)"
                );
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen on {port} within 15 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn new_dir(&self) -> PathBuf {
        self.dir.path().join("mbox").join("new")
    }

    /// The mails received so far, decoded, in no particular order.
    pub fn mails(&self) -> Vec<Mail> {
        let Ok(entries) = std::fs::read_dir(self.new_dir()) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .map(|e| decode(&e.path()))
            .collect()
    }

    /// Waits until at least `n` mails arrived (10 s at most); returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                Instant::now() < deadline,
                "{n} mail(s) expected, {} arrived",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An aiosmtpd handler refusing every recipient.
const REJECTING: &str = r#"
class Rejecting:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return '550 5.1.1 No such user here'
"#;

/// aiosmtpd with a Maildir handler and an authenticator for one login, until killed.
const AUTH_SINK: &str = r#"
import sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

port, mbox, login, password = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()

def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == login and auth_data.password == password
    # handled=False: aiosmtpd itself answers a failure (535), else it says nothing at all.
    return AuthResult(success=ok, handled=False)

controller = Controller(Mailbox(mbox), hostname='127.0.0.1', port=port, authenticator=authenticator,
                        auth_required=True, auth_require_tls=False)
controller.start()
threading.Event().wait()
"#;

/// Python's `email` package reads the stored mail; its headers and text come back as JSON.
const DECODE: &str = r#"
import email, email.policy, json, sys
with open(sys.argv[1], 'rb') as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
print(json.dumps({
    'from': str(m['From']), 'to': str(m['To']),
    'reply_to': str(m['Reply-To']) if m['Reply-To'] else None,
    'subject': str(m['Subject']), 'text': m.get_content(),
}))
"#;

fn decode(path: &std::path::Path) -> Mail {
    let out = Command::new(PYTHON)
        .args(["-c", DECODE])
        .arg(path)
        .output()
        .expect("python3 reads the mail");
    assert!(
        out.status.success(),
        "decoding {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the decoded mail as JSON")
}
