//! The writer's leading: every queued command is answered, a burst queued behind a busy
//! connection shares one commit, long commands are left for the blocking pool, and a batch
//! that panicked leaves the connection clean for the next one. Real SQLite files. The commit
//! window is `writer_window_tests.rs`'s, repeated command ids `writer_ids_tests.rs`'s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Mutex as StdMutex;

use super::*;
use crate::config::StorageConfig;
use crate::store::{ClientCommand, Store, VisitorAction};

/// A writer's state without a connection, for what it decides before touching one.
fn unconnected(routing_passes: bool, max_batch: usize) -> Shared {
    Shared {
        queue: Mutex::new(Queue::default()),
        conn: Mutex::new(None),
        lead_on_runtime: true,
        routing_passes,
        max_batch,
        commit_window: Duration::ZERO,
        last_commit: Mutex::new(None),
        flush_due: AtomicBool::new(false),
    }
}

/// A store on a fresh file whose commit sink records each batch's event `seq`s.
async fn store(dir: &tempfile::TempDir) -> (Store, Arc<StdMutex<Vec<Vec<u64>>>>) {
    store_with(dir, StorageConfig::default()).await
}

async fn store_with(
    dir: &tempfile::TempDir,
    storage: StorageConfig,
) -> (Store, Arc<StdMutex<Vec<Vec<u64>>>>) {
    let batches = Arc::new(StdMutex::new(Vec::new()));
    let sink: CommitSink = {
        let batches = batches.clone();
        Arc::new(move |events: Vec<Arc<StoredEvent>>| {
            batches
                .lock()
                .unwrap()
                .push(events.iter().map(|e| e.seq).collect());
        })
    };
    let store = Store::open(
        &dir.path().join("frontdesk.db"),
        &storage,
        &RoutingConfig::default(),
        None,
        Default::default(),
        sink,
    )
    .await
    .unwrap();
    (store, batches)
}

fn message(visitor_id: i64, n: usize) -> Cmd {
    Cmd::Visitor(ClientCommand {
        actor_id: visitor_id,
        client_id: format!("m{n}"),
        body_hash: format!("h{n}"),
        action: VisitorAction::Message(format!("message {n}")),
    })
}

/// Waits until `done` holds (what other tasks do is seen by polling).
async fn until(done: impl Fn() -> bool) {
    while !done() {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
}

async fn new_visitor(writer: &Writer) -> i64 {
    match writer.run(Cmd::new_visitor_hello()).await.unwrap() {
        Reply::Visitor(identity) => identity.visitor_id,
        other => panic!("a hello answers with an identity, not {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_from_many_tasks_are_all_stored_in_seq_order() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = store(&dir).await;
    let mut visitors = Vec::new();
    for _ in 0..20 {
        visitors.push(new_visitor(&store.writer).await);
    }
    let tasks: Vec<_> = visitors
        .iter()
        .flat_map(|&v| (0..10).map(move |n| (v, n)))
        .map(|(v, n)| {
            let writer = store.writer.clone();
            tokio::spawn(async move { writer.run(message(v, n)).await })
        })
        .collect();
    for task in tasks {
        assert!(matches!(task.await.unwrap(), Ok(Reply::Ack(_))));
    }
    // 20 chats opened (chat_created + its first message) and 180 more messages.
    let seqs: Vec<u64> = batches.lock().unwrap().concat();
    assert_eq!(seqs, (1..=220).collect::<Vec<u64>>());
    store.close().await;
}

// The test holds the connection's lock across awaits on purpose: it plays a leader in a batch.
#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_behind_a_busy_connection_shares_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = store(&dir).await;
    let visitor = new_visitor(&store.writer).await;
    let shared = store.writer.shared.clone();
    // A leader in the middle of a batch: everyone who comes now finds the connection busy.
    let busy = shared.conn.lock().unwrap();
    let tasks: Vec<_> = (0..30)
        .map(|n| {
            let writer = store.writer.clone();
            tokio::spawn(async move { writer.run(message(visitor, n)).await })
        })
        .collect();
    until(|| shared.lock_queue().jobs.len() == 30).await;
    drop(busy);
    // What a leader does after its batch: the queue is still there, so it leads again.
    tokio::task::spawn_blocking({
        let shared = shared.clone();
        move || shared.lead(false)
    })
    .await
    .unwrap();
    for task in tasks {
        assert!(matches!(task.await.unwrap(), Ok(Reply::Ack(_))));
    }
    let batches = batches.lock().unwrap().clone();
    assert_eq!(batches.len(), 1, "one commit for the burst: {batches:?}");
    assert_eq!(batches[0].len(), 31, "chat_created and 30 messages");
    store.close().await;
}

#[test]
fn a_runtime_thread_leaves_long_commands_to_the_blocking_pool() {
    let shared = unconnected(false, 512);
    let expire = Cmd::ExpireVisitors {
        after_id: 0,
        window: 100,
        seen_before: 0,
    };
    assert!(expire.may_take_long() && !Cmd::new_visitor_hello().may_take_long());
    for cmd in [Cmd::new_visitor_hello(), expire, Cmd::new_visitor_hello()] {
        shared
            .lock_queue()
            .jobs
            .push_back((cmd, oneshot::channel().0));
    }
    let on_runtime = shared.take_batch(true).unwrap();
    assert_eq!(on_runtime.len(), 1, "only the hello before the expiry");
    assert!(
        shared.take_batch(true).is_none(),
        "the expiry is not for a runtime thread"
    );
    let off_runtime = shared.take_batch(false).unwrap();
    assert!(matches!(off_runtime[0].0, Cmd::ExpireVisitors { .. }));
    assert_eq!(off_runtime.len(), 2);
}

#[test]
fn with_automatic_routing_a_command_that_may_route_is_led_off_the_runtime() {
    let shared = unconnected(true, 512);
    // A message may open a chat, which the routing pass then gives out to the team.
    assert!(!shared.for_runtime(&message(1, 1)) && shared.for_runtime(&Cmd::new_visitor_hello()));
    for cmd in [Cmd::new_visitor_hello(), message(1, 1)] {
        shared
            .lock_queue()
            .jobs
            .push_back((cmd, oneshot::channel().0));
    }
    assert_eq!(shared.take_batch(true).map(|b| b.len()), Some(1));
    assert!(shared.take_batch(true).is_none());
    assert_eq!(shared.take_batch(false).map(|b| b.len()), Some(1));
}

#[test]
fn max_batch_bounds_a_batch() {
    let shared = unconnected(false, 2);
    for _ in 0..5 {
        shared
            .lock_queue()
            .jobs
            .push_back((Cmd::new_visitor_hello(), oneshot::channel().0));
    }
    let sizes: Vec<usize> =
        std::iter::from_fn(|| shared.take_batch(true).map(|b| b.len())).collect();
    assert_eq!(sizes, [2, 2, 1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_that_panicked_leaves_the_connection_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store(&dir).await;
    let visitor = new_visitor(&store.writer).await;
    assert!(store.writer.run(message(visitor, 1)).await.is_ok());
    let shared = store.writer.shared.clone();
    // A batch panics halfway: its transaction is open, with an event row and `seq` taken.
    let panicked = std::thread::spawn({
        let shared = shared.clone();
        move || {
            let mut guard = shared.conn.lock().unwrap();
            let state = guard.as_mut().unwrap();
            state.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            state
                .conn
                .execute(
                    "INSERT INTO events (seq, ts, kind, payload) VALUES (99, 0, 'x', '{}')",
                    [],
                )
                .unwrap();
            state.head = 99;
            panic!("a bug in a batch");
        }
    })
    .join();
    assert!(panicked.is_err() && shared.conn.is_poisoned());
    // The next command is stored, numbered after the last committed event.
    let Ok(Reply::Ack(ack)) = store.writer.run(message(visitor, 2)).await else {
        panic!("the writer goes on after a panicked batch");
    };
    assert_eq!(
        ack.seq,
        Some(3),
        "chat_created 1, message 2, this message 3"
    );
    assert!(!shared.conn.is_poisoned());
    let rows: i64 = {
        let guard = shared.lock_conn();
        let state = guard.as_ref().unwrap();
        state
            .conn
            .query_row("SELECT COUNT(*) FROM events WHERE seq = 99", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(rows, 0, "the panicked batch's row was rolled back");
    store.close().await;
}

// As above: the test holds the connection's lock across awaits to play a busy leader.
#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_close_commands_are_refused_and_nothing_queued_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = store(&dir).await;
    let visitor = new_visitor(&store.writer).await;
    let shared = store.writer.shared.clone();
    let busy = shared.conn.lock().unwrap();
    let queued = tokio::spawn({
        let writer = store.writer.clone();
        async move { writer.run(message(visitor, 1)).await }
    });
    until(|| !shared.lock_queue().jobs.is_empty()).await;
    let closing = tokio::spawn({
        let writer = store.writer.clone();
        async move { writer.close().await }
    });
    until(|| shared.lock_queue().closed).await;
    drop(busy);
    closing.await.unwrap();
    assert!(
        matches!(queued.await.unwrap(), Ok(Reply::Ack(_))),
        "queued before close: stored"
    );
    assert_eq!(batches.lock().unwrap().concat(), [1, 2]);
    let refused = store.writer.run(message(visitor, 2)).await;
    assert!(refused.is_err(), "after close nothing is stored");
    assert!(
        shared.conn.lock().unwrap().is_none(),
        "the connection is closed"
    );
}

/// A store whose writer holds commands `window_ms` after a commit, on paused time: the
/// window's timer fires when everything else waits, so no test depends on the machine's speed.
async fn paused_store(
    dir: &tempfile::TempDir,
    window_ms: u64,
) -> (Store, Arc<StdMutex<Vec<Vec<u64>>>>) {
    let storage = StorageConfig {
        commit_window_ms: window_ms,
        ..StorageConfig::default()
    };
    let opened = store_with(dir, storage).await;
    tokio::time::pause();
    opened
}

/// A batch runs without savepoints; one with a refused command in it runs again, each command
/// in its own savepoint. Either way the others are stored once, with no gap in `seq`, and the
/// refused command's id stays free.
#[tokio::test]
async fn a_refusal_among_several_commands_leaves_the_others_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = paused_store(&dir, 5).await;
    let alice = new_visitor(&store.writer).await;
    let bob = new_visitor(&store.writer).await;
    assert!(matches!(
        store.writer.run(message(alice, 1)).await,
        Ok(Reply::Ack(_))
    ));
    let head = *batches.lock().unwrap().last().unwrap().last().unwrap();
    // Bob has no chat: closing one is refused, between two messages of Alice's.
    let close = |client_id: &str| {
        Cmd::Visitor(ClientCommand {
            actor_id: bob,
            client_id: client_id.into(),
            body_hash: "close".into(),
            action: VisitorAction::Close,
        })
    };
    let (second, refused, third) = tokio::join!(
        store.writer.run(message(alice, 2)),
        store.writer.run(close("x")),
        store.writer.run(message(alice, 3)),
    );
    assert!(matches!(second, Ok(Reply::Ack(_))) && matches!(third, Ok(Reply::Ack(_))));
    assert_eq!(refused.err().map(|e| e.code), Some(ErrorCode::InvalidState));
    assert_eq!(
        batches.lock().unwrap().last().cloned(),
        Some(vec![head + 1, head + 2]),
        "both messages in one commit, right after the head"
    );
    // The refused id was not remembered: used again for a command that works, it works.
    let reused = Cmd::Visitor(ClientCommand {
        actor_id: bob,
        client_id: "x".into(),
        body_hash: "hello".into(),
        action: VisitorAction::Message("hello".into()),
    });
    assert!(matches!(store.writer.run(reused).await, Ok(Reply::Ack(_))));
    store.close().await;
    // Read from the file itself: sqlx's pool keeps timeouts, which paused time would fire.
    let file = rusqlite::Connection::open(dir.path().join("frontdesk.db")).unwrap();
    let bodies = crate::store::test_store::texts(&file, "SELECT body FROM messages ORDER BY id");
    assert_eq!(bodies, ["message 1", "message 2", "message 3", "hello"]);
}

/// `tokio::test`'s runtime has one thread, as with `workers = 1`: the restart, which waits for
/// the disk, must not run on it, and the commands around it are all stored.
#[tokio::test]
async fn a_wal_restart_runs_off_the_runtime_and_commands_go_on_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = store(&dir).await;
    let visitor = new_visitor(&store.writer).await;
    let runtime_thread = std::thread::current().id();
    store.wal_full.store(true, Ordering::Release);
    for n in 1..=3 {
        assert!(matches!(
            store.writer.run(message(visitor, n)).await,
            Ok(Reply::Ack(_))
        ));
    }
    until(|| !store.wal_full.load(Ordering::Acquire)).await;
    let threads = WAL_RESTART_THREADS.lock().unwrap().clone();
    assert_eq!(threads.len(), 1, "one restart for one request");
    assert_ne!(threads[0], runtime_thread, "the restart ran on the runtime");
    let stored: usize = batches.lock().unwrap().iter().map(Vec::len).sum();
    assert_eq!(stored, 4, "chat_created and three messages");
    store.close().await;
}

#[path = "writer_ids_tests.rs"]
mod ids;
#[path = "writer_window_tests.rs"]
mod window;
