//! The command line outside the TUI: `login --password-stdin` stores a private session file,
//! `logout` removes it, a refused session without a terminal tells how to log in, and a
//! mistake is one line on stderr, never a stack trace.

use crate::common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use common::{OPERATOR, PASSWORD, Setup};

fn frontdesk(setup: &Setup) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.env("FRONTDESK_DATA_DIR", setup.data_dir())
        .env("FRONTDESK_CONFIG_DIR", setup.config_dir())
        .env_remove("FRONTDESK_SERVER")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// `login` to `url` as the test operator, the password on stdin.
fn login_args(url: &str) -> [&str; 6] {
    [
        "login",
        "--server",
        url,
        "--user",
        OPERATOR,
        "--password-stdin",
    ]
}

fn run(mut cmd: Command, stdin: &str) -> std::process::Output {
    let mut child = cmd.spawn().expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_with_password_stdin_then_logout() {
    let setup = Setup::start().await;
    frontdesk::session::remove(&setup.data_dir()).expect("clean start");
    let url = setup.server.http_url();

    let mut cmd = frontdesk(&setup);
    cmd.args(login_args(&url));
    let out = tokio::task::spawn_blocking(move || run(cmd, &format!("{PASSWORD}\n")))
        .await
        .expect("join");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let session = frontdesk::session::load(&setup.data_dir()).expect("session stored");
    assert_eq!(session.operator, OPERATOR);
    assert_eq!(session.server, url);
    let path = frontdesk::session::path(&setup.data_dir());
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let mut cmd = frontdesk(&setup);
    cmd.args([
        "login",
        "--server",
        &url,
        "--user",
        OPERATOR,
        "--password-stdin",
    ]);
    let out = tokio::task::spawn_blocking(move || run(cmd, "wrong\n"))
        .await
        .expect("join");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("login refused"));

    let mut cmd = frontdesk(&setup);
    cmd.arg("logout");
    let out = tokio::task::spawn_blocking(move || run(cmd, ""))
        .await
        .expect("join");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!path.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_session_without_a_terminal_says_how_to_log_in() {
    let setup = Setup::start().await;
    let url = setup.server.http_url();
    frontdesk::session::save(
        &setup.data_dir(),
        &frontdesk::session::Session {
            server: url.clone(),
            operator: OPERATOR.into(),
            token: "not-a-valid-token".into(),
        },
    )
    .expect("save");
    let mut cmd = frontdesk(&setup);
    cmd.args(["--server", &url]);
    let out = tokio::task::spawn_blocking(move || run(cmd, ""))
        .await
        .expect("join");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("frontdesk login"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "nothing drawn: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// `frontdesk login` itself where no terminal can ask for the password (a script that forgot
/// `--password-stdin`): it says what to add, not «not logged in: run `frontdesk login`».
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_without_a_terminal_asks_for_password_stdin() {
    let setup = Setup::start().await;
    let url = setup.server.http_url();
    let mut cmd = frontdesk(&setup);
    cmd.args(["login", "--server", &url, "--user", OPERATOR]);
    let piped = format!("{PASSWORD}\n");
    let out = tokio::task::spawn_blocking(move || run(cmd, &piped))
        .await
        .expect("join");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--password-stdin"), "{stderr}");
    assert!(!stderr.contains("run `frontdesk login"), "{stderr}");
}

/// Started where there is no terminal at all (a service, a cron job, `setsid` with pipes):
/// one sentence that says so, nothing drawn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_the_console_says_it_needs_one() {
    let setup = Setup::start().await;
    let cmd = frontdesk(&setup);
    // `setsid` leaves the controlling terminal behind, so not even /dev/tty is there.
    let program = cmd.get_program().to_owned();
    let mut detached = Command::new("setsid");
    // `-w`: wait for it, had setsid to fork to leave the process group.
    detached
        .arg("-w")
        .arg(program)
        .args(["--server", &setup.server.http_url()])
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env_remove("FRONTDESK_SERVER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = tokio::task::spawn_blocking(move || run(detached, ""))
        .await
        .expect("join");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the console needs a terminal"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing drawn");
}

/// An error reported on a stderr that is gone (the terminal closed, a pipe whose reader left)
/// still ends with the failure status, not a panic (101): nothing on the way out may print
/// with `eprintln!` (see `tui::TerminalGuard`'s `Drop` for the one that did).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_on_a_closed_stderr_is_a_failure_not_a_panic() {
    let setup = Setup::start().await;
    frontdesk::session::remove(&setup.data_dir()).expect("clean start");
    let mut cmd = frontdesk(&setup);
    // Not logged in: `stats` fails at once with an error for stderr.
    cmd.args(["--server", &setup.server.http_url(), "stats"]);
    let status = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().expect("spawn");
        drop(child.stderr.take());
        drop(child.stdin.take());
        child.wait().expect("wait")
    })
    .await
    .expect("join");
    assert_eq!(status.code(), Some(1), "{status:?}");
}

/// A user's mistake (here: export before logging in) is one line on stderr saying what to do,
/// and exit code 1: no stack trace, even with `RUST_BACKTRACE` set as a developer's shell may.
#[test]
fn a_mistake_is_one_line() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["export", "--since", "1h"])
        .env("FRONTDESK_DATA_DIR", data.path())
        .env("FRONTDESK_CONFIG_DIR", data.path().join("config"))
        .env_remove("FRONTDESK_SERVER")
        .env("RUST_BACKTRACE", "1")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run frontdesk");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("Error: not logged in") && lines[0].contains("frontdesk login"),
        "{stderr}"
    );
}

/// With the terminal in Russian the command line speaks Russian too: logging in and out, a
/// refused login, a server that does not answer, and what to do when not logged in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_speaks_the_terminals_language() {
    let setup = Setup::start().await;
    frontdesk::session::remove(&setup.data_dir()).expect("clean start");
    let url = setup.server.http_url();
    let russian = |args: &[&str]| {
        let mut cmd = frontdesk(&setup);
        cmd.env("LANG", "ru_RU.UTF-8").args(args);
        cmd
    };
    let export = russian(&["export", "--since", "1h"]);
    let out = tokio::task::spawn_blocking(move || run(export, ""))
        .await
        .expect("join");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("вход не выполнен"), "{stderr}");

    let login = russian(&login_args(&url));
    let out = tokio::task::spawn_blocking(move || run(login, &format!("{PASSWORD}\n")))
        .await
        .expect("join");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("Вход выполнен: "), "{stdout}");
    // A refused login and a server that does not answer, said in Russian too.
    let wrong = russian(&login_args(&url));
    let out = tokio::task::spawn_blocking(move || run(wrong, "wrong\n"))
        .await
        .expect("join");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "Ошибка: вход отклонён: неверное имя или пароль",
        "{stderr}"
    );
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", listener.local_addr().expect("addr"))
    };
    let nobody = russian(&login_args(&closed));
    let out = tokio::task::spawn_blocking(move || run(nobody, "secret\n"))
        .await
        .expect("join");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("Ошибка: нет связи с {closed}: ")),
        "{stderr}"
    );
    // A time that is none, for `tail` and `export`: the forms that work, in Russian.
    for args in [
        &["tail", "--since", "вчера"][..],
        &["export", "--since", "вчера"][..],
    ] {
        let cmd = russian(args);
        let out = tokio::task::spawn_blocking(move || run(cmd, ""))
            .await
            .expect("join");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("Ошибка: ")
                && stderr.contains("вчера")
                && stderr.contains("давность"),
            "{args:?}: {stderr}"
        );
    }
    let logout = russian(&["logout"]);
    let out = tokio::task::spawn_blocking(move || run(logout, ""))
        .await
        .expect("join");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Выход выполнен."
    );
}

/// Logins held back after failures say for how long, from the server's `Retry-After`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_back_login_says_how_long_to_wait() {
    let setup = Setup::start().await;
    let url = setup.server.http_url();
    for attempt in 0..30 {
        let mut cmd = frontdesk(&setup);
        cmd.args(login_args(&url));
        let out = tokio::task::spawn_blocking(move || run(cmd, "wrong\n"))
            .await
            .expect("join");
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        if stderr == "Error: login refused: wrong name or password" {
            continue;
        }
        let secs = stderr
            .strip_prefix("Error: login refused: too many failed attempts; try again in ")
            .and_then(|rest| rest.strip_suffix(" s"))
            .unwrap_or_else(|| panic!("attempt {attempt}: {stderr}"));
        assert!(secs.parse::<u64>().is_ok_and(|s| s >= 1), "{stderr}");
        return;
    }
    panic!("30 wrong passwords and never held back");
}
