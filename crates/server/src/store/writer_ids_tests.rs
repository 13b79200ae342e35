//! Command ids sent again: the first run of a batch does not look them up (`Ids::OnInsert`),
//! so a repeat is refused by the ids' unique index and the batch runs again with lookups.
//! Whatever the batch, a repeat gets its first answer and nothing is stored twice.

use super::*;
use crate::store::Ack;

fn ack(reply: Result<Reply, OpError>) -> Ack {
    match reply {
        Ok(Reply::Ack(ack)) => ack,
        other => panic!("not acknowledged: {other:?}"),
    }
}

fn close(visitor: i64, id: &str) -> Cmd {
    Cmd::Visitor(ClientCommand {
        actor_id: visitor,
        client_id: id.into(),
        body_hash: "close".into(),
        action: VisitorAction::Close,
    })
}

fn rows(dir: &tempfile::TempDir, sql: &str) -> i64 {
    let file = rusqlite::Connection::open(dir.path().join("frontdesk.db")).unwrap();
    file.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_repeat_alone_gets_its_first_answer_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store(&dir).await;
    let visitor = new_visitor(&store.writer).await;
    let first = ack(store.writer.run(message(visitor, 1)).await);
    assert_eq!(ack(store.writer.run(message(visitor, 1)).await), first);
    // A command that would be refused if it ran again (the chat is closed by then) is
    // answered from memory all the same.
    let closed = ack(store.writer.run(close(visitor, "c1")).await);
    assert_eq!(ack(store.writer.run(close(visitor, "c1")).await), closed);
    // The same id for another command is a conflict, not its first answer.
    let other = Cmd::Visitor(ClientCommand {
        actor_id: visitor,
        client_id: "m1".into(),
        body_hash: "another".into(),
        action: VisitorAction::Message("another".into()),
    });
    let refused = store.writer.run(other).await.err().map(|e| e.code);
    assert_eq!(refused, Some(ErrorCode::Conflict));
    store.close().await;
    assert_eq!(rows(&dir, "SELECT COUNT(*) FROM messages"), 1);
    assert_eq!(rows(&dir, "SELECT COUNT(*) FROM commands"), 2);
}

#[tokio::test]
async fn a_repeat_among_new_commands_leaves_them_stored_once_in_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (store, batches) = paused_store(&dir, 5).await;
    let visitor = new_visitor(&store.writer).await;
    let first = ack(store.writer.run(message(visitor, 1)).await);
    let head = *batches.lock().unwrap().last().unwrap().last().unwrap();
    let (again, second, third) = tokio::join!(
        store.writer.run(message(visitor, 2)),
        store.writer.run(message(visitor, 1)),
        store.writer.run(message(visitor, 3)),
    );
    assert_eq!(ack(second), first, "the repeat's first answer");
    assert!(ack(again).seq.is_some() && ack(third).seq.is_some());
    assert_eq!(
        batches.lock().unwrap().last().cloned(),
        Some(vec![head + 1, head + 2]),
        "the two new messages in one commit, right after the head"
    );
    store.close().await;
    assert_eq!(rows(&dir, "SELECT COUNT(*) FROM messages"), 3);
}
