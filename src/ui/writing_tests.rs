//! The writing assistant's styles on screen: a misspelt word underlined (red with colours,
//! plain underline under `NO_COLOR`), a rule hit underlined yellow, the pane's countdown and the
//! name count changing colour, and the border saying the dictionaries are loading.

use std::sync::{Arc, LazyLock};

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, Millis, PrechatFields, Role,
    VisitorProfile,
};
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use crate::app::{Event, State, update};
use crate::ui::screen_test::{cells, draw, open_for_reply, welcome};
use crate::writing::spell::Speller;

const NOW: Millis = 1_795_000_100_000;

static SPELLER: LazyLock<Arc<Speller>> =
    LazyLock::new(|| Arc::new(crate::writing::spell::tests::speller()));

fn message(id: i64, role: Role, text: &str, ts: Millis) -> Message {
    Message {
        id,
        chat_id: 7,
        seq: u64::try_from(id).expect("small"),
        ts,
        author: Author {
            role,
            operator_id: (role == Role::Operator).then_some(3),
            name: None,
        },
        kind: MessageKind::Text,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

/// My active chat 7 with Ольга and `messages`, open and focused, the reply box focused.
fn state(messages: Vec<Message>, no_color: bool) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.screen.no_color = no_color;
    welcome(&mut s, 1);
    let chat = ChatState::new(
        Chat {
            id: 7,
            visitor_id: 70,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: NOW - 200_000,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 70,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        messages,
    );
    open_for_reply(&mut s, chat, 120, 30);
    s.now = NOW;
    s
}

fn all_underlined_in(cells: &[&Cell], fg: Color) -> bool {
    cells
        .iter()
        .all(|c| c.modifier.contains(Modifier::UNDERLINED) && c.fg == fg)
}

fn typed(no_color: bool, draft: &str) -> State {
    let mut s = state(Vec::new(), no_color);
    update(
        &mut s,
        Event::Speller {
            speller: Some(SPELLER.clone()),
            problem: None,
        },
    );
    s.compose.insert_str(draft);
    update(&mut s, Event::Tick { now: NOW });
    s
}

#[test]
fn a_misspelt_word_is_underlined_red_and_a_rule_hit_yellow() {
    let s = typed(false, "Здраствуйте, щас проверю.");
    let buf = draw(&s);
    let misspelt = cells(&buf, "Здраствуйте");
    assert!(all_underlined_in(&misspelt, Color::Red), "{misspelt:?}");
    let slang = cells(&buf, "щас");
    assert!(all_underlined_in(&slang, Color::Yellow), "{slang:?}");
    // A right word keeps the plain style.
    let right = cells(&buf, "проверю");
    assert!(
        right
            .iter()
            .all(|c| !c.modifier.contains(Modifier::UNDERLINED)),
        "{right:?}"
    );
}

#[test]
fn without_colours_a_misspelt_word_is_a_plain_underline() {
    let s = typed(true, "Здраствуйте, щас проверю.");
    let buf = draw(&s);
    let misspelt = cells(&buf, "Здраствуйте");
    assert!(all_underlined_in(&misspelt, Color::Reset), "{misspelt:?}");
    let slang = cells(&buf, "щас");
    assert!(all_underlined_in(&slang, Color::Reset), "{slang:?}");
}

#[test]
fn the_answer_countdown_turns_yellow_then_red() {
    let asked = |ago: Millis| {
        state(
            vec![message(1, Role::Visitor, "Есть доставка?", NOW - ago)],
            false,
        )
    };
    let s = asked(10_000);
    let buf = draw(&s);
    let ok = cells(&buf, "answer in 0:50");
    assert!(ok.iter().all(|c| c.fg == Color::Reset), "{ok:?}");
    let s = asked(50_000);
    let buf = draw(&s);
    let warning = cells(&buf, "answer in 0:10");
    assert!(warning.iter().all(|c| c.fg == Color::Yellow), "{warning:?}");
    let s = asked(70_000);
    let buf = draw(&s);
    let alarm = cells(&buf, "late by 0:10");
    assert!(
        alarm
            .iter()
            .all(|c| c.fg == Color::Red && c.modifier.contains(Modifier::BOLD)),
        "{alarm:?}"
    );
}

#[test]
fn the_name_count_is_dim_then_green_then_yellow() {
    let said = |times: i64| {
        let mut messages = vec![message(1, Role::Visitor, "Здравствуйте!", NOW - 90_000)];
        messages.extend((0..times).map(|i| {
            message(
                i + 2,
                Role::Operator,
                "Ольга, уточню.",
                NOW - 80_000 + i * 1_000,
            )
        }));
        state(messages, false)
    };
    for (times, colour) in [
        (1, Color::DarkGray),
        (2, Color::Green),
        (3, Color::Green),
        (4, Color::Yellow),
    ] {
        let s = said(times);
        let buf = draw(&s);
        let count = cells(&buf, &format!("name ×{times} of 2–3"));
        assert!(count.iter().all(|c| c.fg == colour), "{times}: {count:?}");
    }
}

#[test]
fn the_border_says_the_dictionaries_are_loading_until_they_are_in() {
    let mut s = state(vec![message(1, Role::Operator, "Добрый день!", NOW)], false);
    s.writing.loading = true;
    let buf = draw(&s);
    let loading = cells(&buf, "dictionaries loading…");
    assert!(
        loading.iter().all(|c| c.fg == Color::DarkGray),
        "{loading:?}"
    );
    update(
        &mut s,
        Event::Speller {
            speller: Some(SPELLER.clone()),
            problem: None,
        },
    );
    let screen = crate::ui::screen_test::text(&draw(&s));
    assert!(!screen.contains("dictionaries loading"), "{screen}");
}

/// A long draft wraps over several rows of the box: each mark is underlined where its word is
/// drawn, also after wide characters and on the last rows, and no other cell is (the rows no
/// mark reaches are skipped, the others mapped cell by cell).
#[test]
fn marks_in_a_long_wrapped_draft_are_underlined_where_their_words_are_drawn() {
    let draft = "Здраствуйте, Ольга! Спасибо за ожидание 你好 🙂 Я проверила заказ, он уже \
                 собран на складе и будет передан в доставку завтра утром, курьер позвонит \
                 заранее, щас уточню время доставки для вас. Если вам удобнее забрать заказ \
                 самостоятельно, могу оформить самовывоз 你好 🙂 из пункта на проспекте, \
                 подскажите пожалуста, как удобнее.";
    let s = typed(false, draft);
    let buf = draw(&s);
    let misspelt = ["Здраствуйте", "пожалуста"];
    for word in misspelt {
        let at = cells(&buf, word);
        assert!(
            !at.is_empty() && all_underlined_in(&at, Color::Red),
            "{word}: {at:?}"
        );
    }
    // Slang, and the polite «вас» and «вам» written lowercase: rule hits.
    for word in ["щас", "вас", "вам"] {
        let at = cells(&buf, word);
        assert!(all_underlined_in(&at, Color::Yellow), "{word}: {at:?}");
    }
    let underlined = buf
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .count();
    let marked: usize = ["Здраствуйте", "пожалуста", "щас", "вас", "вам"]
        .iter()
        .map(|w| w.chars().count())
        .sum();
    assert_eq!(underlined, marked, "only the marked words' cells");
    let rows = crate::ui::screen_test::text(&buf)
        .lines()
        .filter(|l| l.contains("пожалуста") || l.contains("Здраствуйте") || l.contains("щас"))
        .count();
    assert_eq!(rows, 3, "the marks are on three rows of the wrapped draft");
    assert!(s.writing.marks.len() == 5, "{:?}", s.writing.marks);
}
