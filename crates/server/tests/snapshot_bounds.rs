//! The operator snapshot stays bounded whatever visitors write: a visitor flooding chats with
//! the longest messages allowed cannot make a fresh console's snapshot fail, every snapshot
//! frame stays small, an opened chat still pages back to its first message, and only the
//! newest closed chats come along. Real server, real sockets, default frame limits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Operator, TestServer, Visitor, WAIT};
use frontdesk_protocol::{ChatState, OperatorIn, OperatorOut, VisitorIn, VisitorOut, decode};
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

/// Far below the 4 MiB a server socket may buffer for one frame, and below any client's limit.
const FRAME_CEILING: usize = 128 * 1024;

/// A server whose rate limits let one visitor write fast (frame and message limits stay at
/// their defaults).
async fn fast_server() -> TestServer {
    TestServer::start_with(|c| c.limits.raise_rates(10_000)).await
}

/// The longest message allowed, in 4-byte characters: `n` first, so each differs.
fn long_text(n: usize) -> String {
    let head = format!("{n:04} ");
    let chars = 4000 - head.chars().count();
    format!("{head}{}", "😀".repeat(chars))
}

/// A new visitor writes `messages` messages made by `text`; returns the chat id.
async fn write_chat(
    server: &TestServer,
    messages: usize,
    text: impl Fn(usize) -> String,
) -> (Visitor, i64) {
    let (mut visitor, _) = Visitor::join(server, None).await;
    let chat = write(&mut visitor, "m", messages, text).await;
    (visitor, chat)
}

/// Writes `messages` messages, ten at a time without waiting (reading the answers between, as
/// a visitor who stops reading is disconnected); returns the chat id from the acks.
async fn write(
    visitor: &mut Visitor,
    prefix: &str,
    messages: usize,
    text: impl Fn(usize) -> String,
) -> i64 {
    let mut chat = None;
    for from in (0..messages).step_by(10) {
        let to = messages.min(from + 10);
        for n in from..to {
            let id = format!("{prefix}-{n}");
            visitor
                .send(&VisitorIn::Message { id, text: text(n) })
                .await;
        }
        let mut acked = from;
        while acked < to {
            match visitor.recv().await {
                VisitorOut::Ack { chat_id, .. } => {
                    chat = chat.or(chat_id);
                    acked += 1;
                }
                VisitorOut::Error { message, .. } => panic!("refused: {message}"),
                _ => {}
            }
        }
    }
    chat.expect("a chat id in the acks")
}

/// What a fresh console receives up to a complete snapshot.
struct Received {
    seq: u64,
    chats: Vec<ChatState>,
    frames: Vec<usize>,
}

/// Says hello without `since` and reads every frame up to the complete snapshot, keeping the
/// size of each snapshot frame.
async fn snapshot(server: &TestServer, token: &str) -> (Operator, Received) {
    let mut op = Operator::join(server, token, None).await;
    let mut got = Received {
        seq: 0,
        chats: Vec::new(),
        frames: Vec::new(),
    };
    loop {
        let next = tokio::time::timeout(WAIT, op.ws.next())
            .await
            .expect("a frame in time");
        let text = match next {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("the socket ended before the snapshot was complete: {other:?}"),
        };
        match decode::<OperatorOut>(text.as_str()).unwrap() {
            OperatorOut::SnapshotPart { seq, chats } => {
                assert!(
                    got.seq == 0 || got.seq == seq,
                    "parts of different snapshots"
                );
                got.seq = seq;
                got.frames.push(text.len());
                got.chats.extend(chats);
            }
            OperatorOut::Snapshot { seq, chats, .. } => {
                assert!(got.seq == 0 || got.seq == seq, "parts of another snapshot");
                got.seq = seq;
                got.frames.push(text.len());
                got.chats.extend(chats);
                return (op, got);
            }
            OperatorOut::Welcome { .. } => {}
            other => panic!("unexpected before the snapshot: {other:?}"),
        }
    }
}

/// The socket still answers: not closed after the snapshot.
async fn still_open(op: &mut Operator) {
    op.send(&OperatorIn::Ping).await;
    op.until(|f| matches!(f, OperatorOut::Pong).then_some(()))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_long_messages_leaves_every_snapshot_frame_small() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let mut chats = Vec::new();
    for _ in 0..3 {
        chats.push(write_chat(&server, 100, long_text).await.1);
    }

    let (mut op, got) = snapshot(&server, &token).await;
    for size in &got.frames {
        assert!(*size <= FRAME_CEILING, "a snapshot frame of {size} bytes");
    }
    for id in &chats {
        let chat = got.chats.iter().find(|c| c.chat.id == *id);
        let chat = chat.unwrap_or_else(|| panic!("chat {id} missing from the snapshot"));
        // The newest message is always carried: the list shows it.
        assert_eq!(
            chat.messages.last().map(|m| m.text.clone()),
            Some(long_text(99))
        );
    }
    still_open(&mut op).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_opened_chat_pages_back_to_its_first_message() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let mut chats = Vec::new();
    for _ in 0..3 {
        chats.push(write_chat(&server, 100, long_text).await.1);
    }
    let (mut op, got) = snapshot(&server, &token).await;
    let chat = got.chats.iter().find(|c| c.chat.id == chats[1]).unwrap();
    let mut texts: Vec<String> = chat.messages.iter().map(|m| m.text.clone()).collect();
    let mut before = chat.messages.first().map(|m| m.id);
    // Page back the way the console does, 50 at a time, until the server says there is no more.
    for page in 0.. {
        assert!(page < 10, "paging did not end");
        op.send(&OperatorIn::History {
            id: format!("h-{page}"),
            chat_id: chats[1],
            before,
            limit: 50,
        })
        .await;
        let (messages, more) = op
            .until(|f| match f {
                OperatorOut::History { messages, more, .. } => Some((messages.clone(), *more)),
                _ => None,
            })
            .await;
        before = messages.first().map(|m| m.id);
        let older = messages.into_iter().map(|m| m.text);
        texts.splice(0..0, older);
        if !more {
            break;
        }
    }
    let want: Vec<String> = (0..100).map(long_text).collect();
    assert_eq!(texts.len(), want.len());
    assert!(
        texts == want,
        "the pages do not join up into the whole chat"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_newest_closed_chats_come_along() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let mut closed = Vec::new();
    // One visitor: a message after the last chat closed starts the next one.
    let (mut visitor, _) = Visitor::join(&server, None).await;
    for n in 0..55 {
        let chat = write(&mut visitor, &format!("q{n}"), 1, |_| format!("вопрос {n}")).await;
        let id = format!("close-{n}");
        visitor.send(&VisitorIn::CloseChat { id: id.clone() }).await;
        visitor
            .until(|f| matches!(f, VisitorOut::Ack { id: i, .. } if *i == id).then_some(()))
            .await;
        closed.push(chat);
    }
    let (_open_visitor, open) = write_chat(&server, 1, |_| "ещё открыт".into()).await;

    let (_op, got) = snapshot(&server, &token).await;
    let mut ids: Vec<i64> = got.chats.iter().map(|c| c.chat.id).collect();
    ids.sort_unstable();
    let mut want = closed[closed.len() - 50..].to_vec();
    want.push(open);
    assert_eq!(ids, want, "the open chat and the 50 newest closed ones");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_snapshot_comes_in_several_frames_each_chat_once() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let mut chats = Vec::new();
    // 12 chats of four 4,000-character messages: ~200 KB in all, more than one frame holds.
    for _ in 0..12 {
        let (_, id) = write_chat(&server, 4, |n| format!("{n} {}", "ж".repeat(3990))).await;
        chats.push(id);
    }
    let (mut op, got) = snapshot(&server, &token).await;
    assert!(got.frames.len() >= 3, "frames: {:?}", got.frames);
    let mut ids: Vec<i64> = got.chats.iter().map(|c| c.chat.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, chats);
    for chat in &got.chats {
        assert_eq!(chat.messages.len(), 2, "16 KiB of text: the two newest");
    }
    still_open(&mut op).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_resuming_after_the_flood_gets_every_message() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let (op, got) = snapshot(&server, &token).await;
    drop(op);
    for _ in 0..3 {
        write_chat(&server, 100, long_text).await;
    }
    // Replayed from the database after `since`, event by event, each a frame of its own.
    let mut op = Operator::join(&server, &token, Some(got.seq)).await;
    let mut posted = 0;
    while posted < 300 {
        let next = tokio::time::timeout(WAIT, op.ws.next())
            .await
            .expect("in time");
        let Some(Ok(Message::Text(text))) = next else {
            panic!("the socket ended during the replay: {next:?}");
        };
        assert!(
            text.len() <= FRAME_CEILING,
            "a frame of {} bytes",
            text.len()
        );
        match decode::<OperatorOut>(text.as_str()).unwrap() {
            OperatorOut::Welcome { resumed, .. } => assert!(resumed),
            f if common::posted(&f).is_some() => posted += 1,
            _ => {}
        }
    }
    still_open(&mut op).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_chat_carries_its_visitor_with_the_latest_pages_in_order() {
    let server = fast_server().await;
    let token = server.operator_token("anna").await;
    let (mut visitor, _) = Visitor::join(&server, None).await;
    for n in 0..25 {
        let id = format!("p-{n}");
        let page = VisitorIn::PageView {
            id: id.clone(),
            url: format!("https://shop.example/{n}"),
            title: None,
            referrer: None,
            search_query: None,
        };
        visitor.send(&page).await;
        visitor
            .until(|f| matches!(f, VisitorOut::Ack { id: i, .. } if *i == id).then_some(()))
            .await;
    }
    // The same visitor's closed chat and open one: both carry the profile.
    let closed = write(&mut visitor, "a", 1, |_| "первый".into()).await;
    visitor.send(&VisitorIn::CloseChat { id: "c".into() }).await;
    visitor
        .until(|f| matches!(f, VisitorOut::Ack { id, .. } if id == "c").then_some(()))
        .await;
    let open = write(&mut visitor, "b", 1, |_| "второй".into()).await;

    let (_op, got) = snapshot(&server, &token).await;
    let want: Vec<String> = (5..25)
        .map(|n| format!("https://shop.example/{n}"))
        .collect();
    for id in [closed, open] {
        let chat = got.chats.iter().find(|c| c.chat.id == id).unwrap();
        let urls: Vec<String> = chat.visitor.pages.iter().map(|p| p.url.clone()).collect();
        assert_eq!(urls, want, "chat {id}");
        assert_eq!(chat.messages.len(), 1, "chat {id}");
    }
}
