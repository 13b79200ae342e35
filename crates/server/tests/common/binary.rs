//! The real `frontdesk-server` binary, spawned: `operator …` commands and `serve` on a free
//! port, as an administrator and a service manager run them.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// The real `frontdesk-server --database DB operator ARGS…`, `stdin` written to it (a password).
pub fn operator_command(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"))
        .arg("--database")
        .arg(db)
        .arg("operator")
        .args(args)
        .env("FRONTDESK_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The real `frontdesk-server --database DB serve` on a free port, its log (at `log` level) to
/// `stderr`; returns it and its base URL.
pub fn serve_database(db: &Path, log: &str, stderr: Stdio) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"))
        .arg("--database")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("FRONTDESK_LOG", log)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("the server binary starts");
    let url = listening_url(&mut child);
    (child, url)
}

/// Starts the real `frontdesk-server serve` binary with `config`; returns it and its base URL.
pub fn spawn_serve(config: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk-server"))
        .args(["--config", config.to_str().expect("a UTF-8 path"), "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let url = listening_url(&mut child);
    (child, url)
}

/// The base URL a spawned `frontdesk-server serve` prints as its first line of stdout
/// ("listening on http://…"); takes the child's stdout to read it.
pub fn listening_url(child: &mut Child) -> String {
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout piped"))
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned()
}
