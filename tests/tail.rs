//! `frontdesk tail`, the real binary against a real server: ordered and sanitised lines, JSON
//! Lines, filters, history from `--since`, a closed pipe, signals, and resuming across a server
//! killed with SIGKILL and started again on the same database.

mod common;

use std::process::Stdio;

use common::{OPERATOR, PASSWORD, Setup, Visitor, WAIT};
use frontdesk::session::{self, Session};
use frontdesk_protocol::{OperatorRole, VisitorIn};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::time::Instant;

/// The console binary running `tail`, its stdout and stderr read line by line.
struct Tail {
    child: Child,
    out: mpsc::UnboundedReceiver<String>,
    err: mpsc::UnboundedReceiver<String>,
    /// Every stdout line read so far.
    lines: Vec<String>,
    /// Every stderr line read so far.
    notes: Vec<String>,
}

fn tail_command(data_dir: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.arg("tail")
        .args(args)
        // An error is one line, as a user sees it (a backtrace would follow it).
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("FRONTDESK_DATA_DIR", data_dir)
        .env("FRONTDESK_CONFIG_DIR", data_dir.join("config"))
        .env_remove("FRONTDESK_SERVER")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

fn lines_of(
    read: impl tokio::io::AsyncRead + Unpin + Send + 'static,
) -> mpsc::UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut lines = BufReader::new(read).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Tail {
    fn spawn(data_dir: &std::path::Path, args: &[&str]) -> Self {
        let mut child = tail_command(data_dir, args).spawn().expect("spawn tail");
        let out = lines_of(child.stdout.take().expect("stdout"));
        let err = lines_of(child.stderr.take().expect("stderr"));
        Self {
            child,
            out,
            err,
            lines: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Tail started and in sync with the live stream (it says so on stderr).
    async fn live(data_dir: &std::path::Path, args: &[&str]) -> Self {
        let mut tail = Self::spawn(data_dir, args);
        tail.note(|n| n.contains("live from seq")).await;
        tail
    }

    /// Waits for a stdout line matching `pred`; the lines before it are kept too.
    async fn line(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let line = tokio::time::timeout_at(deadline, self.out.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "no such line; got {:#?}\nnotes {:#?}",
                        self.lines, self.notes
                    )
                })
                .unwrap_or_else(|| {
                    panic!("tail ended; got {:#?}\nnotes {:#?}", self.lines, self.notes)
                });
            self.lines.push(line.clone());
            if pred(&line) {
                return line;
            }
        }
    }

    /// Waits for a stderr line matching `pred`.
    async fn note(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let note = tokio::time::timeout_at(deadline, self.err.recv())
                .await
                .unwrap_or_else(|_| panic!("no such note; got {:#?}", self.notes))
                .unwrap_or_else(|| panic!("tail ended; notes {:#?}", self.notes));
            self.notes.push(note.clone());
            if pred(&note) {
                return note;
            }
        }
    }

    fn json(&self) -> Vec<serde_json::Value> {
        self.lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.id().expect("running").to_string();
        let sent = std::process::Command::new("kill")
            .args([format!("-{sig}"), pid])
            .status()
            .expect("kill");
        assert!(sent.success());
    }

    async fn exit(&mut self) -> std::process::ExitStatus {
        tokio::time::timeout(WAIT, self.child.wait())
            .await
            .expect("tail exits")
            .expect("wait")
    }

    /// What is left on stderr once the process is gone.
    async fn rest_of_stderr(&mut self) -> String {
        while let Ok(Some(note)) = tokio::time::timeout(WAIT, self.err.recv()).await {
            self.notes.push(note);
        }
        self.notes.join("\n")
    }
}

/// `#905` in a human line.
fn seq_of(line: &str) -> u64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix('#')?.parse().ok())
        .unwrap_or_else(|| panic!("no seq in {line}"))
}

fn strictly_increasing(seqs: &[u64]) {
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "seqs not strictly increasing: {seqs:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn human_lines_are_ordered_carry_the_queue_and_show_hostile_text_as_marks() {
    let setup = Setup::start().await;
    let mut tail = Tail::live(&setup.data_dir(), &[]).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("Здравствуйте").await;
    visitor
        .say("m-1", "clear\x1b[2J now \u{202E}desrever\u{202C} end")
        .await;
    let hostile = tail.line(|l| l.contains("clear")).await;
    assert!(
        !hostile.contains('\x1b') && !hostile.contains('\u{202E}'),
        "{hostile:?}"
    );
    assert!(
        hostile.contains("clear␛[2J now ⟨U+202E⟩desrever⟨U+202C⟩ end"),
        "{hostile}"
    );
    assert!(hostile.contains("message_posted"), "{hostile}");
    assert!(hostile.contains("visitor=\"Ольга\""), "{hostile}");

    let created = tail
        .lines
        .iter()
        .find(|l| l.contains("chat_created"))
        .expect("a chat_created line")
        .clone();
    assert!(created.contains("waiting=1"), "{created}");
    let first = tail
        .lines
        .iter()
        .position(|l| l.contains("Здравствуйте"))
        .expect("the first message");
    assert!(
        tail.lines.iter().position(|l| l.contains("chat_created")) < Some(first),
        "{:#?}",
        tail.lines
    );
    strictly_increasing(&tail.lines.iter().map(|l| seq_of(l)).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_lines_have_the_documented_fields() {
    let setup = Setup::start().await;
    let mut tail = Tail::live(&setup.data_dir(), &["--json"]).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("Здравствуйте").await;
    visitor.say("m-1", "raw\x1b[2J text").await;
    tail.line(|l| l.contains("raw")).await;

    let lines = tail.json();
    let fields = [
        "v",
        "seq",
        "ts",
        "time",
        "kind",
        "chat_id",
        "department",
        "operator",
        "operator_ids",
        "visitor",
        "text",
        "waiting",
        "queue_changed",
        "event",
    ];
    for line in &lines {
        for field in fields {
            assert!(line.get(field).is_some(), "no {field} in {line}");
        }
        assert_eq!(line["v"], 1);
        assert_eq!(line["kind"], line["event"]["kind"], "{line}");
        assert!(
            line["time"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
    }
    strictly_increasing(
        &lines
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let created = lines
        .iter()
        .find(|l| l["kind"] == "chat_created")
        .expect("chat_created");
    assert_eq!(created["waiting"], 1);
    assert_eq!(created["queue_changed"], true);
    assert_eq!(created["visitor"], "Ольга");
    let last = lines.last().expect("a line");
    assert_eq!(last["kind"], "message_posted");
    assert_eq!(last["chat_id"], created["chat_id"]);
    assert_eq!(last["queue_changed"], false);
    // JSON keeps the visitor's text as it is, escaped by the encoder.
    assert_eq!(last["event"]["message"]["text"], "raw\x1b[2J text");
    assert!(tail.lines.last().is_some_and(|l| l.contains("\\u001b")));
}

async fn start_chat_in(visitor: &mut Visitor, id: &str, text: &str, department: &str) {
    let frame = VisitorIn::StartChat {
        id: id.into(),
        text: Some(text.into()),
        department: Some(department.into()),
    };
    visitor.command(frame, id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kind_and_department_filters() {
    let setup = Setup::start_with(|config| {
        let department = |key: &str| frontdesk_server::routing::Department {
            key: key.into(),
            title: key.into(),
            operators: vec![OPERATOR.into()],
        };
        config.routing.departments = vec![department("sales"), department("support")];
    })
    .await;
    let args = ["--kind", "chat_created", "--department", "sales"];
    let mut tail = Tail::live(&setup.data_dir(), &args).await;
    let mut kinds = Tail::live(&setup.data_dir(), &["--kind", "message_posted,chat_closed"]).await;
    let url = setup.server.http_url();
    let mut support = Visitor::join_named(&url, "Support Sam").await;
    start_chat_in(&mut support, "s-1", "printer on fire", "support").await;
    let mut sales = Visitor::join_named(&url, "Sales Sue").await;
    start_chat_in(&mut sales, "s-2", "price list please", "sales").await;

    // The stream is in order: once the sales chat is printed, the support one was passed over.
    let line = tail.line(|l| l.contains("Sales Sue")).await;
    assert!(
        line.contains("chat_created") && line.contains("dept=sales"),
        "{line}"
    );
    assert_eq!(tail.lines.len(), 1, "{:#?}", tail.lines);

    kinds.line(|l| l.contains("price list please")).await;
    assert!(
        kinds.lines.iter().all(|l| l.contains(" message_posted ")),
        "{:#?}",
        kinds.lines
    );
    assert!(kinds.lines.iter().any(|l| l.contains("printer on fire")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_tail_quietly_with_status_0() {
    let setup = Setup::start().await;
    let mut child = tail_command(&setup.data_dir(), &[]).spawn().expect("spawn");
    let mut err = lines_of(child.stderr.take().expect("stderr"));
    let deadline = Instant::now() + WAIT;
    while let Some(note) = tokio::time::timeout_at(deadline, err.recv())
        .await
        .expect("a note")
    {
        if note.contains("live from seq") {
            break;
        }
    }
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("one").await;
    // `| head -1`: read one line, then close the read end.
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    tokio::time::timeout(WAIT, out.read_line(&mut first))
        .await
        .expect("a line")
        .expect("read");
    assert!(first.contains('#'), "{first}");
    drop(out);
    // Tail notices at once, with no further event to write.
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("tail exits after the pipe closed")
        .expect("wait");
    let mut notes = Vec::new();
    while let Ok(Some(note)) = tokio::time::timeout(WAIT, err.recv()).await {
        notes.push(note);
    }
    assert!(status.success(), "{status:?} {notes:#?}");
    assert!(
        !notes
            .iter()
            .any(|n| n.contains("panicked") || n.contains("Broken pipe")),
        "{notes:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_and_sigterm_exit_0() {
    let setup = Setup::start().await;
    for sig in ["INT", "TERM"] {
        let mut tail = Tail::live(&setup.data_dir(), &[]).await;
        tail.signal(sig);
        let status = tail.exit().await;
        let notes = tail.rest_of_stderr().await;
        assert!(status.success(), "SIG{sig}: {status:?} {notes}");
        assert!(!notes.contains("panicked"), "{notes}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_session_or_a_refused_one_says_to_log_in() {
    let setup = Setup::start().await;
    let empty = setup.dir.path().join("nobody");
    let out = tail_command(&empty, &[]).output().await.expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("frontdesk login"), "{stderr}");

    frontdesk::net::rest::logout(&setup.server.http_url(), &setup.token)
        .await
        .expect("logout");
    let out = tokio::time::timeout(WAIT, tail_command(&setup.data_dir(), &[]).output())
        .await
        .expect("tail gives up on a refused session")
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("frontdesk login"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_a_seq_or_a_time_prints_history_then_goes_on_live() {
    let setup = Setup::start().await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("first").await;
    visitor.say("m-2", "second").await;
    visitor.say("m-3", "third").await;

    let mut all = Tail::spawn(&setup.data_dir(), &["--json", "--since", "0"]);
    all.line(|l| l.contains("third")).await;
    let history = all.json();
    assert_eq!(history[0]["seq"], 1, "{history:#?}");
    // History before tail's own snapshot: the queue is not known for it.
    assert!(
        history.iter().all(|l| l["waiting"].is_null()),
        "{history:#?}"
    );
    strictly_increasing(
        &history
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let message = |text: &str| {
        history
            .iter()
            .find(|l| l["event"]["message"]["text"] == text)
            .unwrap_or_else(|| panic!("no {text} in {history:#?}"))
            .clone()
    };
    // Live after the history.
    visitor.say("m-4", "fourth").await;
    all.line(|l| l.contains("fourth")).await;

    let first = message("first")["seq"].as_u64().expect("seq");
    let since = first.to_string();
    let mut from_seq = Tail::spawn(&setup.data_dir(), &["--json", "--since", &since]);
    from_seq.line(|l| l.contains("fourth")).await;
    let got = from_seq.json();
    assert_eq!(got[0]["seq"], first + 1, "{got:#?}");
    assert!(!from_seq.lines.iter().any(|l| l.contains("\"first\"")));

    // A moment: the first event at or after it comes first.
    let second = message("second");
    let at = second["ts"].as_i64().expect("ts");
    let want = history
        .iter()
        .find(|l| l["ts"].as_i64() >= Some(at))
        .expect("an event at that time");
    let time = jiff::Timestamp::from_millisecond(at)
        .expect("time")
        .to_string();
    let mut from_time = Tail::spawn(&setup.data_dir(), &["--json", "--since", &time]);
    from_time.line(|l| l.contains("fourth")).await;
    let got = from_time.json();
    assert_eq!(got[0]["seq"], want["seq"], "{time}: {got:#?}");
    assert!(
        got.iter()
            .any(|l| l["event"]["message"]["text"] == "second")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_older_than_the_replay_window_says_so_and_goes_on_live() {
    let setup = Setup::start_with(|config| config.storage.replay_window = 3).await;
    let url = setup.server.http_url();
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("first").await;
    for n in 2..=6 {
        visitor.say(&format!("m-{n}"), &format!("old {n}")).await;
    }
    let mut tail = Tail::spawn(&setup.data_dir(), &["--since", "1"]);
    let note = tail.note(|n| n.contains("replay window")).await;
    assert!(note.contains("not printed"), "{note}");
    tail.note(|n| n.contains("live from seq")).await;
    visitor.say("m-7", "new one").await;
    tail.line(|l| l.contains("new one")).await;
    assert!(
        !tail.lines.iter().any(|l| l.contains("old ")),
        "{:#?}",
        tail.lines
    );
}

/// Not a test of its own: with `TAIL_TEST_SERVE` set this process is a chat server on the
/// given database and address, so the resume test can kill it with SIGKILL like a crash.
#[test]
fn server_process() {
    let Ok(db) = std::env::var("TAIL_TEST_SERVE") else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let mut config = frontdesk_server::Config::local(db);
        if let Ok(listen) = std::env::var("TAIL_TEST_LISTEN") {
            config.listen = listen.parse().expect("address");
        }
        let server = frontdesk_server::start(config).await.expect("start");
        // Present from the first start on; a restart finds it in the database.
        let _ = server
            .add_operator(OPERATOR, "Анна", PASSWORD, OperatorRole::Operator)
            .await;
        println!("LISTENING {}", server.http_url());
        std::future::pending::<()>().await;
    });
}

/// Starts [`server_process`] as a child process; returns it and its URL.
async fn serve(db: &std::path::Path, listen: &str) -> (Child, String) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "server_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TAIL_TEST_SERVE", db)
        .env("TAIL_TEST_LISTEN", listen)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the server");
    let mut out = lines_of(child.stdout.take().expect("stdout"));
    let deadline = Instant::now() + WAIT;
    loop {
        let line = tokio::time::timeout_at(deadline, out.recv())
            .await
            .expect("the server says where it listens")
            .expect("the server is running");
        // The test harness writes `test server_process ... ` before it on the same line.
        if let Some((_, url)) = line.split_once("LISTENING ") {
            return (child, url.to_owned());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_across_a_server_killed_and_restarted_without_losing_or_repeating() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db.sqlite");
    let data = dir.path().join("data");
    let (mut server, url) = serve(&db, "127.0.0.1:0").await;
    let listen = url.trim_start_matches("http://").to_owned();
    let answer = frontdesk::net::rest::login(&url, OPERATOR, PASSWORD)
        .await
        .expect("login");
    let stored = Session {
        server: url.clone(),
        operator: OPERATOR.into(),
        token: answer.token,
    };
    session::save(&data, &stored).expect("session");

    let mut tail = Tail::live(&data, &["--json"]).await;
    let mut visitor = Visitor::join_named(&url, "Ольга").await;
    visitor.start_chat("m0").await;
    for n in 1..=3 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    tail.line(|l| l.contains("\"m3\"")).await;
    // Committed (acknowledged), maybe not yet printed when the server dies.
    for n in 4..=6 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    server.kill().await.expect("SIGKILL");
    tail.note(|n| n.contains("connection lost")).await;

    // The same database on the same address; written before tail is back.
    let (_server, again) = serve(&db, &listen).await;
    assert_eq!(again, url);
    let (mut visitor, _) = Visitor::join(&url, Some(visitor.token.clone())).await;
    for n in 7..=9 {
        visitor.say(&format!("id-{n}"), &format!("m{n}")).await;
    }
    tail.line(|l| l.contains("\"m9\"")).await;

    let lines = tail.json();
    strictly_increasing(
        &lines
            .iter()
            .filter_map(|l| l["seq"].as_u64())
            .collect::<Vec<_>>(),
    );
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| l["event"]["message"]["author"]["role"] == "visitor")
        .filter_map(|l| l["event"]["message"]["text"].as_str())
        .collect();
    let want: Vec<String> = (0..=9).map(|n| format!("m{n}")).collect();
    assert_eq!(texts, want, "{:#?}", tail.lines);
    let syncs = tail
        .notes
        .iter()
        .filter(|n| n.contains("live from seq"))
        .count();
    assert_eq!(syncs, 1, "resumed, not started over: {:#?}", tail.notes);
}
