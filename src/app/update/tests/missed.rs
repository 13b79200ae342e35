//! A colleague's chat reaches a plain operator without its messages. When it comes back to the
//! queue (requeued, or released as its operator went offline) or is offered to them, the
//! newest page is asked for and merged in by time — between the lines already shown, not
//! before them — and pages before it follow until it meets what was held.

use frontdesk_protocol::{Author, ChatStatus, EventBody, Message, OperatorIn, OperatorOut};

use super::*;
use crate::app::state::PendingCommand;

const T: i64 = 1_795_000_000_000;
const BORIS: i64 = 4;

fn said(id: i64, ts: i64, by_boris: bool, text: &str) -> Message {
    let mut m = visitor_msg(id, 5, 0, text);
    m.ts = ts;
    if by_boris {
        m.author = Author {
            role: Role::Operator,
            operator_id: Some(BORIS),
            name: Some("Борис".into()),
        };
    }
    m
}

fn at(seq: u64, ts: i64, event: EventBody) -> Event {
    frame(OperatorOut::Event { seq, ts, event })
}

/// The `history` asks among `fx`: (chat, before).
fn asked(fx: &[Effect]) -> Vec<(i64, Option<i64>)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::History {
                chat_id, before, ..
            }) => Some((*chat_id, *before)),
            _ => None,
        })
        .collect()
}

fn answer(s: &mut State, messages: Vec<Message>, more: bool) -> Vec<Effect> {
    let id = s
        .pending
        .keys()
        .next()
        .cloned()
        .expect("a history request pending");
    update(
        s,
        frame(OperatorOut::History {
            id,
            chat_id: 5,
            messages,
            more,
        }),
    )
}

/// Boris went offline: chat 5 is back in the queue.
fn released(s: &mut State) -> Vec<Effect> {
    update(
        s,
        at(
            12,
            T + 9_000,
            EventBody::ChatReleased {
                chat_id: 5,
                operator_id: BORIS,
            },
        ),
    )
}

/// Chat 5 as this console saw it: the visitor's question while it waited, then Boris took it.
fn taken_by_boris() -> State {
    let mut waiting = chat(5, ChatStatus::Waiting, None, T);
    waiting.messages = vec![said(100, T, false, "Где мой заказ?")];
    let mut s = ready_with(vec![waiting]);
    s.operators.insert(
        BORIS,
        OperatorInfo::new(BORIS, "boris", "Борис", OperatorRole::Operator),
    );
    update(
        &mut s,
        at(
            11,
            T + 1_000,
            EventBody::ChatAccepted {
                chat_id: 5,
                operator_id: BORIS,
                operator_name: "Борис".into(),
                routed: false,
            },
        ),
    );
    s
}

#[test]
fn a_released_chat_gets_what_its_operator_and_visitor_said_in_its_place() {
    let mut s = taken_by_boris();
    let fx = released(&mut s);
    assert_eq!(asked(&fx), [(5, None)], "the newest page");
    let fx = answer(
        &mut s,
        vec![
            said(100, T, false, "Где мой заказ?"),
            said(140, T + 2_000, true, "Сейчас уточню."),
            said(170, T + 3_000, false, "Спасибо, жду."),
        ],
        false,
    );
    assert!(asked(&fx).is_empty(), "the page met what was held");
    let view = &s.chats[&5];
    let lines: Vec<&str> = view.messages.iter().map(|e| view.text_of(e)).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], "Где мой заказ?");
    assert!(
        lines[1].contains("Борис"),
        "his joining, in its place: {lines:?}"
    );
    assert_eq!(
        lines[2..],
        [
            "Сейчас уточню.",
            "Спасибо, жду.",
            "back in the queue: Борис went offline"
        ]
    );
    assert_eq!(
        view.awaiting_since,
        Some(T + 3_000),
        "the visitor's last words wait for an answer"
    );
}

#[test]
fn a_long_gap_is_filled_page_by_page_until_it_meets_what_was_held() {
    let mut s = taken_by_boris();
    update(
        &mut s,
        at(
            12,
            T + 99_000,
            EventBody::ChatRequeued {
                chat_id: 5,
                from_operator_id: BORIS,
                department: "billing".into(),
                note: None,
            },
        ),
    );
    let page = |ids: std::ops::Range<i64>| {
        ids.map(|id| said(id, T + id * 100, id % 2 == 0, &format!("строка {id}")))
            .collect::<Vec<_>>()
    };
    let fx = answer(&mut s, page(160..210), true);
    assert_eq!(
        asked(&fx),
        [(5, Some(160))],
        "the gap goes on below the page"
    );
    let mut older = page(110..160);
    older.insert(0, said(100, T, false, "Где мой заказ?"));
    let fx = answer(&mut s, older, true);
    assert!(asked(&fx).is_empty(), "met the held question: {fx:?}");
    let view = &s.chats[&5];
    let ids: Vec<i64> = view.messages.iter().filter_map(|e| e.id()).collect();
    assert_eq!(ids, (100..101).chain(110..210).collect::<Vec<_>>());
    assert!(
        view.more_before,
        "older pages may still be asked for by scrolling"
    );
}

#[test]
fn an_older_page_on_its_way_does_not_keep_the_missed_messages_from_being_asked_for() {
    let mut s = taken_by_boris();
    // The operator scrolled to the top of the chat: a page before the held question is asked.
    s.pending.insert(
        "older".into(),
        PendingCommand::History {
            chat_id: 5,
            before: Some(100),
        },
    );
    let fx = released(&mut s);
    assert_eq!(asked(&fx), [(5, None)], "the newest page all the same");
}
