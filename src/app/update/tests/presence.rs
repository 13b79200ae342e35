//! Whether a chat's visitor is on the site: presence events as the chat's mark and its
//! dialog's lines.

use super::*;

/// The visitor closes the site and comes back: the chat's dialog says each once, at the time
/// it happened; a list after a resume marks the chat without a line.
#[test]
fn leaving_and_coming_back_are_lines_in_the_dialog_once_each() {
    let mut s = ready();
    let presence = |seq: u64, ts: i64, on_site: bool, left_at: Option<i64>| {
        frame(OperatorOut::Event {
            seq,
            ts,
            event: frontdesk_protocol::EventBody::VisitorPresence {
                chat_id: 2,
                on_site,
                left_at,
            },
        })
    };
    let lines = |s: &State| -> Vec<(i64, String)> {
        let chat = &s.chats[&2];
        chat.messages
            .iter()
            .filter(|e| e.who == Who::System)
            .map(|e| (e.ts, chat.text_of(e).to_owned()))
            .collect()
    };
    let left = 1_795_000_100_000;
    // The leave is told after the linger: its line is at when the visitor left.
    update(&mut s, presence(100, left + 10_000, false, Some(left)));
    update(&mut s, presence(101, left + 10_000, false, Some(left)));
    assert_eq!(lines(&s), [(left, "the visitor left the site".to_owned())]);
    // A return replayed a while later is at the event's time, not the console's.
    update(&mut s, Event::Tick { now: left + 90_000 });
    update(&mut s, presence(102, left + 60_000, true, None));
    update(&mut s, presence(103, left + 60_000, true, None));
    assert_eq!(
        lines(&s),
        [
            (left, "the visitor left the site".to_owned()),
            (left + 60_000, "the visitor is back on the site".to_owned())
        ]
    );
    let away = OperatorOut::VisitorsAway {
        chats: vec![frontdesk_protocol::AwayChat {
            chat_id: 2,
            left_at: None,
        }],
    };
    update(&mut s, frame(away));
    assert!(s.chats[&2].visitor_gone());
    assert_eq!(lines(&s).len(), 2, "the list is the state, not news");
}

/// A resume replays the visitor's comings and goings onto what the console knew: its welcome
/// keeps who was away (a return comes as an event). A new snapshot's welcome starts afresh.
#[test]
fn a_resume_keeps_who_was_away_and_a_snapshot_forgets_it() {
    let mut s = ready();
    let welcome = |resumed: bool| {
        frame(OperatorOut::Welcome {
            operator: me(),
            head_seq: 20,
            resumed,
            max_message_chars: None,
            mail_answers: false,
            form_labels: Default::default(),
            close_after_left_secs: None,
        })
    };
    let left = frame(OperatorOut::Event {
        seq: 11,
        ts: 1_795_000_100_000,
        event: frontdesk_protocol::EventBody::VisitorPresence {
            chat_id: 2,
            on_site: false,
            left_at: Some(1_795_000_090_000),
        },
    });
    update(&mut s, left);
    assert!(s.chats[&2].visitor_gone());
    update(&mut s, welcome(true));
    assert!(s.chats[&2].visitor_gone(), "kept over a resume");
    update(&mut s, welcome(false));
    assert!(
        !s.chats[&2].visitor_gone(),
        "a snapshot's list says it again"
    );
}

/// A leave is told after the visitor's linger, or after the chat was taken in: lines written
/// meanwhile are already in the dialog. The leave's line then comes at the news's time, and
/// says when they left when that was another minute, so the dialog reads in time order (a
/// regression: `16:24 Анна в чате` was followed by `16:23 посетитель закрыл сайт`).
#[test]
fn a_leave_told_after_later_lines_keeps_the_dialog_in_time_order() {
    // At :20 seconds of a minute.
    let left = 1_795_000_100_000;
    for (answered, told, words) in [
        (
            left + 20_000,
            left + 90_000,
            "the visitor left the site at {time}",
        ),
        (left + 10_000, left + 30_000, "the visitor left the site"),
    ] {
        let s = answered_then_told_left(answered, told, left);
        let chat = &s.chats[&2];
        let last = chat.messages.last().expect("a line");
        let expected = words.replace("{time}", &s.clock_time(left));
        assert_eq!((last.ts, chat.text_of(last)), (told, expected.as_str()));
        assert!(
            chat.messages.windows(2).all(|w| w[0].ts <= w[1].ts),
            "the dialog's lines in time order"
        );
    }
}

/// A leave told on a later day than it happened (a message left overnight, taken in the
/// morning) says the day it left too, not a bare time that reads as today's.
#[test]
fn a_leave_told_the_next_day_says_which_day() {
    // 23:40 UTC on 6 December 2026, told at 09:05 the next morning.
    let left = 1_796_600_400_000;
    let answered = left + 9 * 3_600_000 + 25 * 60_000;
    let s = answered_then_told_left(answered, answered, left);
    let chat = &s.chats[&2];
    let last = chat.messages.last().expect("a line");
    assert_eq!(
        chat.text_of(last),
        "the visitor left the site at 06.12 23:40"
    );
}

/// Chat 2 answered by this console's operator at `answered`, then the news at `told` that its
/// visitor left the site at `left`.
fn answered_then_told_left(answered: i64, told: i64, left: i64) -> State {
    let mut s = ready();
    let mut answer = visitor_msg(7, 2, 11, "Сейчас уточню");
    answer.ts = answered;
    answer.author = Author {
        role: Role::Operator,
        operator_id: Some(ME),
        name: Some("Анна".into()),
    };
    update(
        &mut s,
        event(11, EventBody::MessagePosted { message: answer }),
    );
    update(
        &mut s,
        frame(OperatorOut::Event {
            seq: 12,
            ts: told,
            event: EventBody::VisitorPresence {
                chat_id: 2,
                on_site: false,
                left_at: Some(left),
            },
        }),
    );
    s
}
