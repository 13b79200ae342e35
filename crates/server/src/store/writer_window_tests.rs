//! The commit window: under load, commands that come within it share the commit after it; a
//! command after a quiet spell is committed at once; without a window each is committed as it
//! comes. Time is paused, so no test depends on the machine's speed.

use super::*;

/// Messages 1 and 2 of `visitor`, sent at the same moment; both are acknowledged.
async fn send_two_together(writer: &Writer, visitor: i64) {
    let (first, second) = tokio::join!(
        writer.run(message(visitor, 1)),
        writer.run(message(visitor, 2))
    );
    assert!(matches!(first, Ok(Reply::Ack(_))) && matches!(second, Ok(Reply::Ack(_))));
}

#[tokio::test]
async fn under_load_commands_within_the_window_share_one_commit_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = paused_store(&dir, 5).await;
    let visitor = new_visitor(&store.writer).await;
    let committed = Instant::now();
    send_two_together(&store.writer, visitor).await;
    assert!(
        committed.elapsed() >= Duration::from_millis(5),
        "held until the window ended: {:?}",
        committed.elapsed()
    );
    let batches = batches.lock().unwrap().clone();
    assert_eq!(
        batches.last().map(Vec::len),
        Some(3),
        "chat_created and both messages in one commit: {batches:?}"
    );
    store.close().await;
}

#[tokio::test]
async fn a_command_after_a_quiet_spell_is_committed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = paused_store(&dir, 5).await;
    let visitor = new_visitor(&store.writer).await;
    tokio::time::sleep(Duration::from_millis(6)).await;
    let sent = Instant::now();
    assert!(matches!(
        store.writer.run(message(visitor, 1)).await,
        Ok(Reply::Ack(_))
    ));
    assert_eq!(sent.elapsed(), Duration::ZERO, "nothing waited");
    assert_eq!(batches.lock().unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn without_a_window_each_command_is_committed_as_it_comes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = paused_store(&dir, 0).await;
    let visitor = new_visitor(&store.writer).await;
    let sent = Instant::now();
    send_two_together(&store.writer, visitor).await;
    assert_eq!(sent.elapsed(), Duration::ZERO);
    let sizes: Vec<usize> = batches.lock().unwrap().iter().map(Vec::len).collect();
    assert_eq!(
        sizes,
        [2, 1],
        "chat_created with the first message, then the second"
    );
    store.close().await;
}

/// A long command is led from the blocking pool. Quick commands that queue while it commits
/// go back to the runtime and share the window's next commit there; a pool leader that kept
/// taking them would commit each as it came (no window) and answer each across threads.
#[tokio::test]
async fn quick_commands_queued_behind_a_long_one_go_back_to_the_runtime() {
    use std::sync::OnceLock;
    use std::sync::atomic::AtomicI64;
    use std::thread::ThreadId;

    let dir = tempfile::tempdir().unwrap();
    let runtime = std::thread::current().id();
    let writer: Arc<OnceLock<Writer>> = Arc::default();
    let visitor = Arc::new(AtomicI64::new(0));
    let queued: Arc<StdMutex<Option<oneshot::Receiver<Answer>>>> = Arc::default();
    let committed_on: Arc<StdMutex<Vec<ThreadId>>> = Arc::default();
    let sink: CommitSink = {
        let (writer, visitor) = (writer.clone(), visitor.clone());
        let (queued, committed_on) = (queued.clone(), committed_on.clone());
        Arc::new(move |_events: Vec<Arc<StoredEvent>>| {
            let here = std::thread::current().id();
            committed_on.lock().unwrap().push(here);
            // The first batch off the runtime: a visitor's message arrives while it commits.
            let mut queued = queued.lock().unwrap();
            if here != runtime && queued.is_none() {
                let (reply, answer) = oneshot::channel();
                let message = message(visitor.load(Ordering::Acquire), 1);
                let writer = writer.get().unwrap();
                writer.shared.lock_queue().jobs.push_back((message, reply));
                *queued = Some(answer);
            }
        })
    };
    let storage = crate::config::StorageConfig {
        commit_window_ms: 5,
        ..crate::config::StorageConfig::default()
    };
    let path = dir.path().join("frontdesk.db");
    let routing = RoutingConfig::default();
    let store = Store::open(&path, &storage, &routing, None, Default::default(), sink)
        .await
        .unwrap();
    writer.set(store.writer.clone()).ok().unwrap();
    visitor.store(new_visitor(&store.writer).await, Ordering::Release);
    let add = Cmd::AddOperator {
        name: "vera".into(),
        display_name: "Вера".into(),
        password_hash: "-".into(),
        role: frontdesk_protocol::OperatorRole::Operator,
    };
    let Ok(Reply::Id(operator_id)) = store.writer.run(add).await else {
        panic!("the operator was not added");
    };
    let online = Cmd::Presence {
        operator_id,
        status: frontdesk_protocol::OperatorStatus::Online,
        release_chats: false,
    };
    store.writer.run(online).await.unwrap();

    // Led from the pool (it may take long); its event puts Vera offline.
    store.writer.run(Cmd::ResetPresence).await.unwrap();
    let answer = queued
        .lock()
        .unwrap()
        .take()
        .expect("queued during the pool's commit");
    assert!(matches!(answer.await, Ok(Ok(Reply::Ack(_)))));
    let threads = committed_on.lock().unwrap().clone();
    assert_eq!(
        threads.iter().filter(|t| **t != runtime).count(),
        1,
        "only the long command's batch is the pool's"
    );
    assert_eq!(
        threads.last(),
        Some(&runtime),
        "the message went back to the runtime"
    );
    store.close().await;
}
