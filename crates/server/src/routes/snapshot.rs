//! Sends the operator snapshot in frames of about [`FRAME_BYTES`]: `snapshot_part` frames as
//! they fill, then the `snapshot` that completes it (with the last chats and the operators).
//! One huge frame once made the socket's write fail and locked every console out; small frames
//! also let the first one leave while later chats are still being read.

use axum::extract::ws::WebSocket;
use frontdesk_protocol::{PROTOCOL_VERSION, Seq};
use tokio::sync::mpsc;

use super::AppState;
use super::socket::send;
use crate::store::{Reader, SnapshotItem as Item};

/// Chats are packed into a frame until it would pass this size; a chat larger on its own
/// (the per-chat budgets keep it far below the socket's limits) goes alone.
pub const FRAME_BYTES: usize = 64 * 1024;
/// Room kept in a frame for what surrounds the chats (`v`, `type`, `seq`).
const ENVELOPE: usize = 128;

/// Sends the snapshot as `reader` may read it; returns its `seq`.
pub async fn send_snapshot(
    socket: &mut WebSocket,
    app: &AppState,
    reader: Reader,
) -> anyhow::Result<Seq> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let store = app.store.clone();
    let reading = tokio::spawn(async move { store.read_snapshot(reader, tx).await });
    let mut frames: Option<Frames> = None;
    while let Some(item) = rx.recv().await {
        match (item, frames.as_mut()) {
            (Item::Seq(seq), None) => frames = Some(Frames::new(seq)),
            (Item::Chat(chat), Some(f)) => {
                if let Some(part) = f.add(&chat) {
                    send(socket, &part).await?;
                }
            }
            (Item::Operators { operators, former }, Some(f)) => {
                send(socket, &f.finish(&operators, former.as_deref())).await?;
                return Ok(f.seq);
            }
            (item, _) => anyhow::bail!("snapshot read out of order: {item:?}"),
        }
    }
    // The reading ended before the operators: it failed.
    reading.await??;
    anyhow::bail!("the snapshot reading stopped early")
}

/// Chats (as JSON) gathered into frames.
struct Frames {
    seq: Seq,
    /// The chats of the frame being filled, comma-separated.
    chats: String,
}

impl Frames {
    fn new(seq: Seq) -> Self {
        Self {
            seq,
            chats: String::new(),
        }
    }

    /// Adds a chat; returns a full `snapshot_part` frame when this chat starts a new one.
    fn add(&mut self, chat: &str) -> Option<String> {
        let full =
            !self.chats.is_empty() && self.chats.len() + 1 + chat.len() + ENVELOPE > FRAME_BYTES;
        let part = full.then(|| {
            let chats = std::mem::take(&mut self.chats);
            format!(
                r#"{{"v":{PROTOCOL_VERSION},"type":"snapshot_part","seq":{},"chats":[{chats}]}}"#,
                self.seq
            )
        });
        if !self.chats.is_empty() {
            self.chats.push(',');
        }
        self.chats.push_str(chat);
        part
    }

    /// The `snapshot` frame that ends it all: the remaining chats, the operators and the
    /// former ones (absent when there are none, as the protocol writes it).
    fn finish(&mut self, operators: &str, former: Option<&str>) -> String {
        let chats = std::mem::take(&mut self.chats);
        let former = former
            .map(|f| format!(r#","former_operators":{f}"#))
            .unwrap_or_default();
        format!(
            r#"{{"v":{PROTOCOL_VERSION},"type":"snapshot","seq":{},"chats":[{chats}],"operators":{operators}{former}}}"#,
            self.seq
        )
    }
}

#[cfg(test)]
mod tests {
    use frontdesk_protocol::{
        Chat, ChatState, ChatStatus, FormerOperator, OperatorInfo, OperatorOut, VisitorProfile,
        decode, encode,
    };

    use super::*;

    fn chat(id: i64, filler: usize) -> ChatState {
        ChatState::new(
            Chat {
                id,
                visitor_id: id,
                status: ChatStatus::Waiting,
                operator_id: None,
                department: Some("x".repeat(filler)),
                created_at: 1,
                accepted_at: None,
                closed_at: None,
                queued_at: None,
            },
            VisitorProfile::default(),
            Vec::new(),
        )
    }

    /// The frames written by hand are the protocol's frames, in its canonical form.
    fn parse(frame: &str) -> OperatorOut {
        let parsed: OperatorOut = decode(frame).expect("a valid frame");
        let again: serde_json::Value = serde_json::from_str(&encode(&parsed)).unwrap();
        assert_eq!(
            again,
            serde_json::from_str::<serde_json::Value>(frame).unwrap()
        );
        parsed
    }

    #[test]
    fn chats_fill_frames_up_to_the_budget_and_the_snapshot_ends_them() {
        let mut frames = Frames::new(77);
        let mut sent = Vec::new();
        // 10 chats of ~20 KiB: three fit a frame.
        for id in 1..=10 {
            let json = serde_json::to_string(&chat(id, 20 * 1024)).unwrap();
            sent.extend(frames.add(&json));
        }
        let operators = vec![OperatorInfo {
            id: 3,
            name: "anna".into(),
            display_name: "Анна".into(),
            role: Default::default(),
            status: Default::default(),
            status_since: None,
        }];
        let former = vec![FormerOperator {
            id: 4,
            name: "boris".into(),
            display_name: "Борис".into(),
        }];
        let former_json = serde_json::to_string(&former).unwrap();
        sent.push(frames.finish(
            &serde_json::to_string(&operators).unwrap(),
            Some(&former_json),
        ));
        assert_eq!(sent.len(), 4);
        let mut ids = Vec::new();
        for (i, text) in sent.iter().enumerate() {
            assert!(text.len() <= FRAME_BYTES, "frame {i}: {} bytes", text.len());
            match parse(text) {
                OperatorOut::SnapshotPart { seq, chats } if i < 3 => {
                    assert_eq!(seq, 77);
                    ids.extend(chats.iter().map(|c| c.chat.id));
                }
                OperatorOut::Snapshot {
                    seq,
                    chats,
                    operators: ops,
                    former_operators,
                } if i == 3 => {
                    assert_eq!((seq, &ops, &former_operators), (77, &operators, &former));
                    ids.extend(chats.iter().map(|c| c.chat.id));
                }
                other => panic!("frame {i}: {other:?}"),
            }
        }
        assert_eq!(ids, (1..=10).collect::<Vec<_>>());
    }

    #[test]
    fn a_chat_larger_than_a_frame_goes_alone_and_an_empty_snapshot_is_one_frame() {
        let mut frames = Frames::new(5);
        let big = serde_json::to_string(&chat(1, FRAME_BYTES)).unwrap();
        assert_eq!(frames.add(&big), None);
        let part = frames.add(&serde_json::to_string(&chat(2, 10)).unwrap());
        let Some(OperatorOut::SnapshotPart { chats, .. }) = part.as_deref().map(parse) else {
            panic!("{part:?}");
        };
        assert_eq!(chats.len(), 1);
        let empty = Frames::new(5).finish("[]", None);
        assert_eq!(parse(&empty), OperatorOut::snapshot(5, vec![], vec![]));
    }
}
