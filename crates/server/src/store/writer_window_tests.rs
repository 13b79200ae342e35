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
