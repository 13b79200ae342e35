//! Test support for console integration tests: a real server in-process, a logged-in session
//! in a temporary data dir, a visitor over a real WebSocket, and the real binary in a pty.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used)]

mod visitor;

pub use visitor::Visitor;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use frontdesk::session::{self, Session};
use frontdesk_protocol::OperatorRole;
use frontdesk_server::{Config, RunningServer};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use tokio::time::Instant;

pub const WAIT: Duration = Duration::from_secs(10);
pub const OPERATOR: &str = "anna";
pub const PASSWORD: &str = "pw-секрет";

/// A server on 127.0.0.1 with its database and the console's data and config dirs, all in
/// one temporary directory.
pub struct Setup {
    pub server: RunningServer,
    pub dir: tempfile::TempDir,
    pub token: String,
}

impl Setup {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// [`Setup::start`] with the server's config changed by `tweak` first.
    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::local(dir.path().join("db.sqlite"));
        tweak(&mut config);
        let server = frontdesk_server::start(config).await.unwrap();
        server
            .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
            .await
            .unwrap();
        let answer = frontdesk::net::rest::login(&server.http_url(), OPERATOR, PASSWORD)
            .await
            .unwrap();
        let setup = Self {
            server,
            dir,
            token: answer.token,
        };
        session::save(
            &setup.data_dir(),
            &Session {
                server: setup.server.http_url(),
                operator: OPERATOR.into(),
                token: setup.token.clone(),
            },
        )
        .unwrap();
        setup
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("db.sqlite")
    }

    pub fn console(&self) -> Console {
        self.console_sized(24, 80)
    }

    /// The console in a pty of `rows` x `cols`.
    pub fn console_sized(&self, rows: u16, cols: u16) -> Console {
        self.console_with_env((rows, cols), &[])
    }

    /// The console in a pty of `size` (rows, cols), with extra environment variables.
    pub fn console_with_env(&self, size: (u16, u16), env: &[(&str, &str)]) -> Console {
        Console::spawn_with_env(
            &self.server.http_url(),
            &self.data_dir(),
            &self.config_dir(),
            size,
            env,
        )
    }
}

/// The real `frontdesk` binary in an 80x24 pty, its screen kept by a vt100 parser and every
/// byte it wrote kept for inspection.
///
/// The screen is read as the bytes come, so a frame can be caught half written (a heading
/// drawn, the rows under it not yet). Tests see the screen as it stood at the end of the last
/// whole frame — every frame, and the reply box drawn alone, ends by hiding the cursor — or,
/// once the console has written nothing for [`SETTLED`], as it stands (an editor's screen, a
/// restored terminal).
pub struct Console {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    settled: Arc<Mutex<Settled>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// How every frame of the console ends: the cursor hidden (ratatui's draw; `screen.rs` for
/// the reply box drawn alone).
const FRAME_END: &[u8] = b"\x1b[?25l";
/// Written nothing for this long: the screen is as it stands.
const SETTLED: Duration = Duration::from_millis(60);

/// The screen at the end of the last whole frame, and when the console last wrote.
struct Settled {
    frame: Option<vt100::Screen>,
    last_byte: std::time::Instant,
}

impl Console {
    pub fn spawn(server_url: &str, data_dir: &Path, config_dir: &Path) -> Self {
        Self::spawn_sized(server_url, data_dir, config_dir, 24, 80)
    }

    /// The console in a pty of `rows` x `cols`.
    pub fn spawn_sized(
        server_url: &str,
        data_dir: &Path,
        config_dir: &Path,
        rows: u16,
        cols: u16,
    ) -> Self {
        Self::spawn_with_env(server_url, data_dir, config_dir, (rows, cols), &[])
    }

    /// The console in a pty of `size` (rows, cols), with extra environment variables.
    pub fn spawn_with_env(
        server_url: &str,
        data_dir: &Path,
        config_dir: &Path,
        (rows, cols): (u16, u16),
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.args(["--server", server_url]);
        cmd.env("FRONTDESK_DATA_DIR", data_dir);
        cmd.env("FRONTDESK_CONFIG_DIR", config_dir);
        cmd.env("FRONTDESK_LOG", "debug");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(data_dir.parent().unwrap_or(data_dir));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let settled = Arc::new(Mutex::new(Settled {
            frame: None,
            last_byte: std::time::Instant::now(),
        }));
        let (p, r, f) = (parser.clone(), raw.clone(), settled.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = p.lock().unwrap();
                parser.process(&buf[..n]);
                let mut raw = r.lock().unwrap();
                raw.extend_from_slice(&buf[..n]);
                let mut settled = f.lock().unwrap();
                settled.last_byte = std::time::Instant::now();
                if raw.ends_with(FRAME_END) {
                    settled.frame = Some(parser.screen().clone());
                }
            }
        });
        Self {
            child,
            writer,
            parser,
            settled,
            raw,
            _master: pair.master,
        }
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.whole_screen().contents()
    }

    /// The screen at the end of the last whole frame, or as it stands once the console has
    /// been quiet for [`SETTLED`].
    fn whole_screen(&self) -> vt100::Screen {
        let parser = self.parser.lock().unwrap();
        let settled = self.settled.lock().unwrap();
        match &settled.frame {
            Some(frame) if settled.last_byte.elapsed() < SETTLED => frame.clone(),
            _ => parser.screen().clone(),
        }
    }

    /// The screen cell where `text` first shows (for colour checks).
    pub fn cell_of(&self, text: &str) -> Option<vt100::Cell> {
        let screen = self.whole_screen();
        let screen = &screen;
        let (rows, cols) = screen.size();
        (0..rows).find_map(|row| {
            let line = screen.contents_between(row, 0, row, cols);
            let byte = line.find(text)?;
            // Columns, not bytes: the screen's text before it is one column per character.
            let col = u16::try_from(line[..byte].chars().count()).ok()?;
            screen.cell(row, col).cloned()
        })
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls the screen until `pred` holds; panics with the screen after [`WAIT`].
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub async fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text)).await
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Waits for the process to end; panics after [`WAIT`].
    pub async fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the console did not exit; screen:\n{}",
                self.screen()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Ctrl-Q, answering yes if the console asks (it does while chats are open or drafts
    /// unsent), then waits for the process to end.
    pub async fn quit(&mut self) -> portable_pty::ExitStatus {
        self.keys("\x11");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            // The answer keys: on a narrow status bar the question itself may be cut away.
            if self.screen().contains("y quit") {
                self.keys("y");
                return self.wait_exit().await;
            }
            assert!(
                Instant::now() < deadline,
                "the console did not quit; screen:\n{}",
                self.screen()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Polls the bytes written until they hold `needle`; panics after [`WAIT`].
    pub async fn wait_raw(&self, needle: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + WAIT;
        loop {
            let raw = self.raw();
            if contains(&raw, needle) {
                return raw;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {:?}; screen:\n{}",
                String::from_utf8_lossy(needle),
                self.screen()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until the reader has seen the terminal restored (or panics after [`WAIT`]).
    pub async fn wait_restored(&self) -> Vec<u8> {
        let deadline = Instant::now() + WAIT;
        loop {
            let raw = self.raw();
            if left_alternate_screen(&raw) {
                return raw;
            }
            assert!(Instant::now() < deadline, "terminal not restored");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The last alternate-screen switch in the output is the one that leaves it.
pub fn left_alternate_screen(raw: &[u8]) -> bool {
    let enter = find_last(raw, b"\x1b[?1049h");
    let leave = find_last(raw, b"\x1b[?1049l");
    matches!((enter, leave), (Some(e), Some(l)) if l > e)
}

pub fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Runs a command of the console binary off the async runtime: (success, stdout, stderr).
pub async fn run_cli(mut cmd: std::process::Command) -> (bool, String, String) {
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
