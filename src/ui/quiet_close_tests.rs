//! A live chat whose visitor left closes by itself once quiet for the server's time
//! (`welcome`'s `close_after_left_secs`): its pane's title says when, counting from the latest
//! of the visitor leaving, the chat being taken on and its last message, and says nothing while
//! the visitor's words wait for an answer, a transfer is offered, or the server never closes so.

use frontdesk_protocol::{
    Author, ChatStatus, EventBody, Message, MessageKind, OperatorOut, Role, TransferOffer,
};

use super::tests::{T0, card_state};
use crate::app::{Action, Event, State, update};
use crate::i18n::{EN, RU, Strings};
use crate::ui::screen_test::{draw, presence, text, visitor_message};

const HALF_HOUR: i64 = 1_800_000;

/// Chat 7 taken by us at `T0`, our answer at `T0 + 10 s`, its visitor gone at `T0 + 60 s`.
fn answered_then_left(strings: &'static Strings, size: (u16, u16)) -> State {
    let mut s = card_state(strings, size, |_| {});
    s.quiet_close_after_ms = Some(HALF_HOUR);
    let me = s.my_id();
    if let Some(chat) = s.chats.get_mut(&7) {
        chat.chat.status = ChatStatus::Active;
        chat.chat.operator_id = me;
        chat.chat.accepted_at = Some(T0);
    }
    post(&mut s, 1, T0 + 10_000, MessageKind::Text);
    s.now = T0 + 60_000;
    presence(&mut s, 7, false, Some(T0 + 60_000));
    s
}

/// Our own message `id` of `kind` in chat 7 at `ts`.
fn post(s: &mut State, id: i64, ts: i64, kind: MessageKind) {
    let seq = s.last_seq.map_or(1, |last| last + 1);
    let message = Message {
        id,
        chat_id: 7,
        seq,
        ts,
        author: Author {
            role: Role::Operator,
            operator_id: s.my_id(),
            name: Some("Анна".into()),
        },
        kind,
        text: "Сейчас уточню и напишу.".into(),
        client_id: None,
        attachment: None,
    };
    let event = EventBody::MessagePosted { message };
    update(
        s,
        Event::Frame(Box::new(OperatorOut::Event { seq, ts, event })),
    );
}

/// `at` on the operator's clock, as the title writes a time of today.
fn clock(s: &State, at: i64) -> String {
    jiff::Timestamp::from_millisecond(at)
        .expect("time")
        .to_zoned(s.tz.clone())
        .strftime("%H:%M")
        .to_string()
}

fn closes(s: &State) -> Option<i64> {
    let after = s.quiet_close_after_ms?;
    s.chats[&7].closes_quietly_at(after, s.offers.contains_key(&7))
}

/// Wide, the title has room for all; at 80 columns the closing time stays and the e-mail
/// note goes first.
#[test]
fn the_title_says_when_a_quiet_chat_closes_in_both_languages_and_at_80_columns() {
    for (strings, size, said) in [
        (
            &RU,
            (160, 48),
            "нет на сайте с {left}: ответ уйдёт и на почту, чат закроется в {at}",
        ),
        (&RU, (80, 24), "нет на сайте с {left}, чат закроется в {at}"),
        (
            &EN,
            (160, 48),
            "left the site at {left}: answers by e-mail, closes at {at}",
        ),
        (&EN, (80, 24), "left the site at {left}, closes at {at}"),
    ] {
        let mut s = answered_then_left(strings, size);
        s.mail_answers = true;
        if let Some(chat) = s.chats.get_mut(&7) {
            chat.visitor.fields.email = Some("olga@example.ru".into());
        }
        if size.0 == 80 {
            // The strip, then the whole card, then hidden: the pane's title in sight.
            update(&mut s, Event::Action(Action::ToggleCard));
            update(&mut s, Event::Action(Action::ToggleCard));
        }
        let at = T0 + 60_000 + HALF_HOUR;
        assert_eq!(closes(&s), Some(at));
        let said = said
            .replace("{left}", &clock(&s, T0 + 60_000))
            .replace("{at}", &clock(&s, at));
        let screen = text(&draw(&s));
        assert!(screen.contains(&said), "{said}:\n{screen}");
    }
}

#[test]
fn the_time_counts_from_the_last_message_a_note_too_and_from_being_taken_on() {
    let mut s = answered_then_left(&RU, (160, 48));
    post(&mut s, 2, T0 + 120_000, MessageKind::Note);
    assert_eq!(closes(&s), Some(T0 + 120_000 + HALF_HOUR));
    // Handed over to us later still: from then.
    let event = EventBody::ChatTransferred {
        chat_id: 7,
        from_operator_id: 9,
        to_operator_id: s.my_id().expect("welcomed"),
        note: None,
    };
    let seq = s.last_seq.map_or(1, |last| last + 1);
    let ts = T0 + 300_000;
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event { seq, ts, event })),
    );
    assert_eq!(closes(&s), Some(ts + HALF_HOUR));
    let screen = text(&draw(&s));
    assert!(
        screen.contains(&format!("чат закроется в {}", clock(&s, ts + HALF_HOUR))),
        "{screen}"
    );
}

#[test]
fn nothing_is_said_while_the_chat_would_not_close() {
    // The visitor's words wait for an answer.
    let mut s = answered_then_left(&RU, (160, 48));
    let question = visitor_message(3, 7, 50, T0 + 30_000, "А доставка?");
    let posted = EventBody::MessagePosted { message: question };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 50,
            ts: T0 + 30_000,
            event: posted,
        })),
    );
    assert_eq!(closes(&s), None);
    assert!(!text(&draw(&s)).contains("закроется"));
    // A note after them does not answer them.
    post(&mut s, 4, T0 + 40_000, MessageKind::Note);
    assert_eq!(closes(&s), None);

    // A transfer offered.
    let mut s = answered_then_left(&RU, (160, 48));
    let me = s.my_id().expect("welcomed");
    s.offers.insert(
        7,
        TransferOffer {
            chat_id: 7,
            from_operator_id: me,
            to_operator_id: 9,
            note: None,
            created_at: T0,
        },
    );
    assert_eq!(closes(&s), None);

    // The server never closes chats so; the visitor came back; the time they left unknown.
    let mut s = answered_then_left(&RU, (160, 48));
    s.quiet_close_after_ms = None;
    assert!(!text(&draw(&s)).contains("закроется"));
    let mut s = answered_then_left(&RU, (160, 48));
    presence(&mut s, 7, true, None);
    assert_eq!(closes(&s), None);
    presence(&mut s, 7, false, None);
    assert_eq!(closes(&s), None);
}
