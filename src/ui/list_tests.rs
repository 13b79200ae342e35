//! The chat list: every chat whose last word is the visitor's shows how long they have waited,
//! in the queue's colours; messages left offline have a section of their own.

use frontdesk_protocol::{
    Author, ChatState, ChatStatus, EventBody, Message, MessageKind, OperatorOut, Role,
};
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::app::{Event, State, update};
use crate::ui::screen_test::{draw, presence, text, welcome};

const T0: i64 = 1_795_000_000_000;
const ME: i64 = 3;

fn chat(id: i64, status: ChatStatus, operator: Option<i64>, name: &str) -> ChatState {
    ChatState::new(
        frontdesk_protocol::Chat {
            id,
            visitor_id: 40 + id,
            status,
            operator_id: operator,
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        frontdesk_protocol::VisitorProfile {
            id: 40 + id,
            fields: frontdesk_protocol::PrechatFields {
                name: Some(name.into()),
                ..Default::default()
            },
            ..Default::default()
        },
        Vec::new(),
    )
}

fn message(id: i64, chat_id: i64, ts: i64, role: Role, text: &str) -> Message {
    Message {
        id,
        chat_id,
        seq: 10 + u64::try_from(id).unwrap_or(0),
        ts,
        author: Author {
            role,
            operator_id: (role == Role::Operator).then_some(ME),
            name: None,
        },
        kind: MessageKind::Text,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

fn post(s: &mut State, m: Message) {
    let seq = m.seq;
    update(
        s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq,
            ts: m.ts,
            event: EventBody::MessagePosted { message: m },
        })),
    );
}

fn state(chats: Vec<ChatState>) -> State {
    state_in(&crate::i18n::EN, chats)
}

fn state_in(strings: &'static crate::i18n::Strings, chats: Vec<ChatState>) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    welcome(&mut s, 5);
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(5, chats, vec![]))),
    );
    s
}

/// The list row of `name` (the first line of its entry).
fn row_of(buf: &Buffer, name: &str) -> (u16, String) {
    let screen = text(buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(name))
        .unwrap_or_else(|| panic!("{name} in\n{screen}"));
    (
        u16::try_from(y).unwrap_or(0),
        line.chars().take(26).collect(),
    )
}

fn colour_of(buf: &Buffer, y: u16, needle: &str, line: &str) -> Color {
    let x = line
        .find(needle)
        .map(|b| line[..b].chars().count())
        .unwrap_or(0);
    buf[(u16::try_from(x).unwrap_or(0), y)].fg
}

#[test]
fn a_mine_chat_whose_visitor_spoke_last_shows_the_wait() {
    let mut s = state(vec![chat(2, ChatStatus::Active, Some(ME), "Мария")]);
    post(&mut s, message(1, 2, T0, Role::Visitor, "Здравствуйте"));
    post(
        &mut s,
        message(2, 2, T0 + 1_000, Role::Operator, "Добрый день!"),
    );
    update(&mut s, Event::Tick { now: T0 + 10_000 });
    let (_, line) = row_of(&draw(&s), "Мария");
    assert!(!line.contains("0:"), "answered: no timer in {line:?}");

    // «Вы ещё здесь?» sits unanswered: the wait counts from it, and turns to warning, then alarm.
    post(
        &mut s,
        message(3, 2, T0 + 20_000, Role::Visitor, "Вы ещё здесь?"),
    );
    post(&mut s, message(4, 2, T0 + 30_000, Role::Visitor, "Алло?"));
    update(&mut s, Event::Tick { now: T0 + 70_000 });
    assert!(s.has_running_timers());
    let buf = draw(&s);
    let (y, line) = row_of(&buf, "Мария");
    assert!(line.contains("0:50"), "{line:?}");
    assert_eq!(colour_of(&buf, y, "0:50", &line), Color::Yellow);
    update(&mut s, Event::Tick { now: T0 + 81_000 });
    let buf = draw(&s);
    let (y, line) = row_of(&buf, "Мария");
    assert_eq!(colour_of(&buf, y, "1:01", &line), Color::Red, "{line:?}");

    // An answer stops it.
    post(
        &mut s,
        message(5, 2, T0 + 82_000, Role::Operator, "Да, я здесь"),
    );
    let (_, line) = row_of(&draw(&s), "Мария");
    assert!(!line.contains(':'), "{line:?}");
}

#[test]
fn messages_left_offline_have_their_section_and_their_wait() {
    let mut offline = chat(5, ChatStatus::Offline, None, "Ирина");
    offline
        .messages
        .push(message(1, 5, T0, Role::Visitor, "Перезвоните мне"));
    let mut s = state(vec![offline, chat(6, ChatStatus::Closed, Some(ME), "Олег")]);
    update(&mut s, Event::Tick { now: T0 + 125_000 });
    let screen = text(&draw(&s));
    let section = screen.find("Left a message (1)").expect(&screen);
    let closed = screen.find("Closed (1)").expect(&screen);
    assert!(section < closed, "{screen}");
    let (_, line) = row_of(&draw(&s), "Ирина");
    assert!(line.contains("2:05"), "{line:?}");
}

/// A message left on Friday evening has waited days by Monday: days and hours read at a glance
/// where hours, minutes and seconds (`62:13:05`) would not; under a day the clock form stays.
#[test]
fn a_wait_of_days_reads_in_days_and_hours() {
    let left = |strings| {
        let mut offline = chat(5, ChatStatus::Offline, None, "Ирина");
        offline
            .messages
            .push(message(1, 5, T0, Role::Visitor, "Перезвоните мне"));
        state_in(strings, vec![offline])
    };
    let hour = 3_600_000;
    let mut s = left(&crate::i18n::EN);
    update(
        &mut s,
        Event::Tick {
            now: T0 + 23 * hour + 59 * 60_000 + 59_000,
        },
    );
    assert!(row_of(&draw(&s), "Ирина").1.contains("23:59:59"));
    update(
        &mut s,
        Event::Tick {
            now: T0 + 62 * hour + 13 * 60_000,
        },
    );
    let (_, line) = row_of(&draw(&s), "Ирина");
    assert!(line.contains(" 2d 14h"), "{line:?}");
    let mut s = left(&crate::i18n::RU);
    update(
        &mut s,
        Event::Tick {
            now: T0 + 24 * hour,
        },
    );
    let (_, line) = row_of(&draw(&s), "Ирина");
    assert!(line.contains(" 1д 0ч"), "{line:?}");
}

/// Until the first snapshot is complete nobody knows how many wait: the list and the status
/// bar say so instead of showing a quiet "0".
#[test]
fn before_the_first_snapshot_the_queue_is_not_shown_as_empty() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    welcome(&mut s, 5);
    let screen = text(&draw(&s));
    assert!(screen.contains("Waiting (…)"), "{screen}");
    assert!(screen.contains("waiting … · mine …"), "{screen}");
    let s = state(Vec::new());
    let screen = text(&draw(&s));
    assert!(screen.contains("Waiting (0)"), "{screen}");
    assert!(screen.contains("waiting 0 · mine 0"), "{screen}");
}

/// A chat whose visitor left the site is greyed in the list; the others keep their colour.
#[test]
fn a_visitor_who_left_the_site_is_greyed_in_the_list() {
    let mut s = state(vec![
        chat(1, ChatStatus::Waiting, None, "Ольга"),
        chat(2, ChatStatus::Active, Some(ME), "Мария"),
        chat(3, ChatStatus::Active, Some(ME), "Пётр"),
    ]);
    let name_colour = |s: &State, name: &str| {
        let buf = draw(s);
        let (y, line) = row_of(&buf, name);
        colour_of(&buf, y, name, &line)
    };
    let here = name_colour(&s, "Мария");
    let dim = crate::ui::Theme::new(false).dim().fg.unwrap_or_default();
    assert_ne!(here, dim);
    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[2]),
    };
    update(&mut s, Event::Frame(Box::new(away)));
    assert_eq!(name_colour(&s, "Мария"), dim);
    assert_eq!(name_colour(&s, "Пётр"), here);
    // A resume starts the list afresh: Мария is back, Пётр gone.
    welcome(&mut s, 5);
    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[3]),
    };
    update(&mut s, Event::Frame(Box::new(away)));
    assert_eq!(name_colour(&s, "Мария"), here);
    assert_eq!(name_colour(&s, "Пётр"), dim);
    // Пётр writes: whoever writes is on the site.
    post(&mut s, message(1, 3, T0 + 5_000, Role::Visitor, "Я тут"));
    assert_eq!(name_colour(&s, "Пётр"), here);
    // A frame about a chat the console does not hold changes nothing.
    presence(&mut s, 99, false, None);
    assert!(!s.chats.contains_key(&99));
}

/// A name longer than its row reads as cut, and the wait beside it stays whole.
#[test]
fn a_long_name_ends_in_an_ellipsis_before_the_wait() {
    let mut waiting = chat(5, ChatStatus::Waiting, None, "Александра Константиновна");
    waiting
        .messages
        .push(message(1, 5, T0, Role::Visitor, "Здравствуйте"));
    let mut s = state(vec![waiting]);
    update(&mut s, Event::Tick { now: T0 + 65_000 });
    let (_, line) = row_of(&draw(&s), "Александра");
    assert!(line.contains("…") && line.contains("1:05"), "{line:?}");
}

/// A chat back in the queue after an operator answered in it waits since its last line (going
/// back, here the answer), not since it started: its visitor had the one-minute answer.
#[test]
fn a_chat_back_in_the_queue_waits_since_it_went_back_not_since_it_started() {
    let mut back = chat(7, ChatStatus::Waiting, None, "Пётр");
    back.messages = vec![
        message(1, 7, T0, Role::Visitor, "Где мой заказ?"),
        message(2, 7, T0 + 200_000, Role::Operator, "Сейчас уточню."),
    ];
    let mut told = chat(9, ChatStatus::Waiting, None, "Олег");
    told.messages = vec![
        message(3, 9, T0, Role::Visitor, "Есть самовывоз?"),
        message(4, 9, T0 + 200_000, Role::Operator, "Сейчас уточню."),
    ];
    told.chat.queued_at = Some(T0 + 220_000);
    let mut s = state(vec![back, chat(8, ChatStatus::Waiting, None, "Вера"), told]);
    update(&mut s, Event::Tick { now: T0 + 230_000 });
    let buf = draw(&s);
    let (_, line) = row_of(&buf, "Пётр");
    assert!(line.contains("0:30"), "{line:?}");
    let (_, line) = row_of(&buf, "Олег");
    assert!(
        line.contains("0:10"),
        "since the server says it went back, {line:?}"
    );
    let (_, line) = row_of(&buf, "Вера");
    assert!(
        line.contains("3:50"),
        "never answered: since it started, {line:?}"
    );
}
