//! A dialog across days, drawn: the line that starts a day shows its date before its time
//! (`app/state/days.rs`), in the operator's zone, and the console's clock passing midnight
//! dates the first line by itself.

use frontdesk_protocol::Message;

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, open_for_reply, our_chat, text, visitor_message, welcome};

fn moscow_ms(text: &str) -> i64 {
    text.parse::<jiff::civil::DateTime>()
        .expect("time")
        .to_zoned(jiff::tz::TimeZone::get("Europe/Moscow").expect("zone"))
        .expect("zoned")
        .timestamp()
        .as_millisecond()
}

fn from_visitor(id: i64, time: &str, text: &str) -> Message {
    let seq = 10 + u64::try_from(id).unwrap_or(0);
    visitor_message(id, 7, seq, moscow_ms(time), text)
}

/// Operator 3 in Moscow at `now`, with chat 7 holding `messages` open for a reply.
fn console_at(now: &str, messages: Vec<Message>) -> State {
    let mut s = State::new(&crate::i18n::RU, "anna".into(), None);
    s.tz = jiff::tz::TimeZone::get("Europe/Moscow").expect("zone");
    s.now = moscow_ms(now);
    welcome(&mut s, 1);
    let mut chat = our_chat(7);
    chat.visitor.fields.name = Some("Игорь".into());
    chat.chat.created_at = messages.first().map_or(s.now, |m| m.ts);
    chat.messages = messages;
    open_for_reply(&mut s, chat, 100, 24);
    s
}

#[test]
fn an_answer_next_morning_shows_both_days() {
    let mut s = console_at(
        "2026-12-07 09:10",
        vec![
            from_visitor(1, "2026-12-06 23:40", "Чайник на 1 литр есть?"),
            from_visitor(2, "2026-12-06 23:42", "Отвечу утром"),
        ],
    );
    for c in "Доброе утро! Есть.".chars() {
        update(
            &mut s,
            Event::Action(Action::ComposeInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            })),
        );
    }
    update(&mut s, Event::Action(Action::SendMessage));
    let screen = text(&draw(&s));
    assert!(screen.contains("  06.12 23:40 Игорь: Чайник"), "{screen}");
    assert!(screen.contains("  23:42 Игорь: Отвечу утром"), "{screen}");
    assert!(
        screen.contains("▌ 07.12 09:10  … Анна: Доброе утро! Есть."),
        "{screen}"
    );
}

#[test]
fn midnight_dates_the_first_line_of_a_dialog_left_open() {
    let mut s = console_at(
        "2026-12-07 23:55",
        vec![from_visitor(1, "2026-12-07 23:50", "Вы ещё работаете?")],
    );
    let before = text(&draw(&s));
    assert!(before.contains("  23:50 Игорь: Вы ещё"), "{before}");
    update(
        &mut s,
        Event::Tick {
            now: moscow_ms("2026-12-08 00:00:01"),
        },
    );
    let after = text(&draw(&s));
    assert!(after.contains("  07.12 23:50 Игорь: Вы ещё"), "{after}");
}
