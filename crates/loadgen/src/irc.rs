//! The peer's side of the terminal run: a private ngircd (Debian's `ngircd`) on 127.0.0.1 and
//! one flooding client that writes the same messages at the same rate into its channels as
//! the visitors write into the console's chats, so irssi is measured under the same flood.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;
use tokio::process::{Child, Command};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How long ngircd and the flooder's registration may take.
const STARTUP: Duration = Duration::from_secs(10);
/// Prefix of every flood line (the console's messages start with `lg:`).
const TAG: &str = "irc:";

/// A running ngircd, killed when dropped.
pub struct IrcServer {
    pub port: u16,
    /// ngircd's own process (not a shell around it): its CPU is the peer server's figure.
    pub pid: Option<u32>,
    _child: Child,
}

impl IrcServer {
    /// Starts ngircd with a config in `dir`: local only, no DNS, ident or PAM, and no flood
    /// penalties (the flood is the point).
    pub async fn start(dir: &Path) -> anyhow::Result<Self> {
        let port = free_port()?;
        let config = dir.join("ngircd.conf");
        std::fs::write(
            &config,
            format!(
                "[Global]\nName = bench.irc\nInfo = bench\nListen = 127.0.0.1\nPorts = {port}\n\
                 MotdPhrase = \"bench\"\n\
                 [Limits]\nMaxPenaltyTime = 0\nMaxConnectionsIP = 0\nPingTimeout = 600\n\
                 PongTimeout = 600\n\
                 [Options]\nDNS = no\nIdent = no\nPAM = no\n"
            ),
        )?;
        // Debian puts it in /usr/sbin, which is not on every user's PATH.
        let bin = if Path::new("/usr/sbin/ngircd").exists() {
            "/usr/sbin/ngircd"
        } else {
            "ngircd"
        };
        let child = Command::new(bin)
            .arg("--nodaemon")
            .arg("--config")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("starting ngircd (is it installed? scripts/test installs it)")?;
        let server = Self {
            port,
            pid: child.id(),
            _child: child,
        };
        let until = Instant::now() + STARTUP;
        while TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            if Instant::now() > until {
                bail!("ngircd did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(server)
    }
}

/// The name of channel `i` of the run (irssi joins them, the flooder writes to them).
pub fn channel(i: usize) -> String {
    format!("#fd{}", i + 1)
}

/// The flood line of message `seq` starts with this, and no other line does.
pub fn marker(seq: usize) -> String {
    format!("{TAG}{seq}:")
}

/// A registered client that has joined the run's channels.
pub struct Flooder {
    write: OwnedWriteHalf,
    reader: JoinHandle<()>,
}

impl Flooder {
    pub async fn connect(port: u16, channels: usize) -> anyhow::Result<Self> {
        let stream = TcpStream::connect(("127.0.0.1", port)).await?;
        stream.set_nodelay(true)?;
        let (read, mut write) = stream.into_split();
        let joins: Vec<String> = (0..channels).map(channel).collect();
        write
            .write_all(
                format!(
                    "NICK flooder\r\nUSER flooder 0 * :flood\r\nJOIN {}\r\n",
                    joins.join(",")
                )
                .as_bytes(),
            )
            .await?;
        let mut lines = BufReader::new(read).lines();
        // Registered and in the last channel: its end of NAMES (366) arrives.
        let last = channel(channels.saturating_sub(1));
        tokio::time::timeout(STARTUP, async {
            while let Some(line) = lines.next_line().await? {
                if line.contains(" 366 ") && line.contains(&last) {
                    return Ok(());
                }
            }
            bail!("ngircd closed the flooder's connection")
        })
        .await
        .context("the flooder did not join its channels")??;
        let ping_lines = tokio::spawn(async move {
            // Nothing is answered: ngircd's ping timeout is longer than a run.
            while let Ok(Some(_)) = lines.next_line().await {}
        });
        Ok(Self {
            write,
            reader: ping_lines,
        })
    }

    /// Sends `count` lines of `chars` characters, line `n` at `start + n / rate` (open loop,
    /// as the visitors send), line `n` to channel `(count - 1 - n) mod channels` so the last
    /// one goes to the first channel, the one irssi shows. Returns when the last line went.
    pub fn flood(
        mut self,
        count: usize,
        rate: u32,
        channels: usize,
        chars: usize,
        start: Instant,
    ) -> JoinHandle<anyhow::Result<Option<Instant>>> {
        tokio::spawn(async move {
            let mut last = None;
            let rate = f64::from(rate.max(1));
            for n in 0..count {
                tokio::time::sleep_until(start + Duration::from_secs_f64(n as f64 / rate)).await;
                let head = format!(
                    "{}{} {}",
                    marker(n),
                    start.elapsed().as_nanos(),
                    "Здравствуйте! Подскажите, есть ли доставка в Казань?"
                );
                let text = crate::ledger::padded(head, chars);
                let to = channel((count - 1 - n) % channels.max(1));
                self.write
                    .write_all(format!("PRIVMSG {to} :{text}\r\n").as_bytes())
                    .await?;
                last = Some(Instant::now());
            }
            self.reader.abort();
            Ok(last)
        })
    }
}

/// A port nobody listens on now (bound and let go; a race with another program is unlikely
/// on a bench machine and fails loudly).
fn free_port() -> anyhow::Result<u16> {
    let socket = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(socket.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The peer's flood as irssi gets it: a client in the first channel receives every line
    /// the flooder sent there, each of the asked length, and the flood's last line is among
    /// them (it always goes to the first channel, the one irssi shows).
    #[tokio::test]
    async fn the_flood_reaches_a_client_in_the_first_channel_and_ends_there() {
        let dir = tempfile::tempdir().unwrap();
        let server = IrcServer::start(dir.path())
            .await
            .expect("ngircd must be installed (scripts/test installs it)");
        // The pid whose CPU the run reports is ngircd's own.
        let pid = server.pid.expect("ngircd's pid");
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap();
        assert_eq!(comm.trim(), "ngircd");
        assert!(crate::target::process_cpu_ms(pid).is_some());
        let reader = TcpStream::connect(("127.0.0.1", server.port))
            .await
            .unwrap();
        let (read, mut write) = reader.into_split();
        write
            .write_all(b"NICK probe\r\nUSER probe 0 * :probe\r\nJOIN #fd1\r\n")
            .await
            .unwrap();
        let mut lines = BufReader::new(read).lines();
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.contains(" 366 ") {
                break;
            }
        }
        let flooder = Flooder::connect(server.port, 2).await.unwrap();
        let count = 9;
        let sent = flooder
            .flood(count, 1_000, 2, 100, Instant::now())
            .await
            .unwrap()
            .unwrap();
        assert!(sent.is_some(), "the last line's send time is known");
        let mut got = Vec::new();
        tokio::time::timeout(STARTUP, async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some((_, text)) = line.split_once("PRIVMSG #fd1 :") {
                    got.push(text.to_owned());
                    if text.starts_with(&marker(count - 1)) {
                        break;
                    }
                }
            }
        })
        .await
        .expect("the last line arrives");
        // Lines 0, 2, 4, 6, 8 go to #fd1 ((count - 1 - n) mod 2 == 0), the rest to #fd2.
        let seqs: Vec<&str> = got.iter().map(|t| t.split(':').nth(1).unwrap()).collect();
        assert_eq!(seqs, ["0", "2", "4", "6", "8"]);
        assert!(got.iter().all(|t| t.chars().count() == 100), "{got:?}");
    }
}
