//! A snapshot in several frames is applied as one, and only once complete; the connection
//! reads as in sync only then.

use frontdesk_protocol::{ChatStatus, OperatorOut};

use super::{ME, chat, frame, me, ready, visitor_msg};
use crate::app::{Action, Connection, Event, update};

fn welcome() -> Event {
    frame(OperatorOut::welcome(me(), 20))
}

fn ids(s: &crate::app::State) -> Vec<i64> {
    s.chats.keys().copied().collect()
}

#[test]
fn parts_wait_for_the_snapshot_that_completes_them_and_apply_with_it() {
    let mut s = ready();
    // My chat 2 is open in the pane.
    update(&mut s, Event::Action(Action::SelectNext));
    update(&mut s, Event::Action(Action::OpenSelected));
    assert_eq!(s.open_id(), Some(2));

    update(&mut s, welcome());
    let mut two = chat(2, ChatStatus::Active, Some(ME), 500);
    two.messages.push(visitor_msg(7, 2, 15, "всё ещё здесь"));
    update(
        &mut s,
        frame(OperatorOut::SnapshotPart {
            seq: 20,
            chats: vec![two],
        }),
    );
    update(
        &mut s,
        frame(OperatorOut::SnapshotPart {
            seq: 20,
            chats: vec![chat(3, ChatStatus::Waiting, None, 900)],
        }),
    );
    // Nothing changes while parts arrive: the old picture stays whole.
    assert_eq!(ids(&s), [1, 2]);
    assert_eq!(s.last_seq, Some(10));

    update(
        &mut s,
        frame(OperatorOut::snapshot(
            20,
            vec![chat(4, ChatStatus::Waiting, None, 950)],
            vec![me()],
        )),
    );
    assert_eq!(ids(&s), [2, 3, 4]);
    assert_eq!(s.last_seq, Some(20));
    assert_eq!(s.snapshot_parts, None);
    // A chat that came in a part is as good as one in the last frame: its pane stays.
    assert_eq!(s.open_id(), Some(2));
    assert_eq!(s.chats[&2].text(0), "всё ещё здесь");
}

#[test]
fn parts_of_a_snapshot_cut_off_by_a_reconnect_are_dropped() {
    let mut s = ready();
    update(&mut s, welcome());
    update(
        &mut s,
        frame(OperatorOut::SnapshotPart {
            seq: 20,
            chats: vec![chat(5, ChatStatus::Waiting, None, 900)],
        }),
    );
    // The connection dropped; the next one starts over with a snapshot at another seq.
    update(&mut s, welcome());
    update(
        &mut s,
        frame(OperatorOut::snapshot(
            30,
            vec![chat(6, ChatStatus::Waiting, None, 950)],
            vec![me()],
        )),
    );
    assert_eq!(ids(&s), [6]);
}

#[test]
fn failures_before_getting_in_sync_add_up_and_clear_once_in_sync() {
    let mut s = ready();
    for reason in ["connection reset", "connection closed"] {
        update(&mut s, Event::Connection(Connection::Connecting));
        update(&mut s, Event::Connection(Connection::Syncing));
        let lost = Connection::Offline {
            reason: reason.into(),
            retry_at: 0,
        };
        update(&mut s, Event::Connection(lost));
    }
    assert_eq!(s.failures.repeated(), Some((2, "connection closed")));
    update(&mut s, Event::Connection(Connection::Syncing));
    assert_eq!(s.failures.repeated(), Some((2, "connection closed")));
    update(&mut s, Event::Connection(Connection::Online));
    assert_eq!(s.failures.repeated(), None);
}
