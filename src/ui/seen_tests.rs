//! Our answers the visitor has had on their screen read `✓✓`, the others `✓`: from the
//! snapshot's `seen_id`, raised by `chat_seen` and never lowered; a note is never "seen".

use frontdesk_protocol::{Author, EventBody, Message, MessageKind, OperatorOut, Role};
use ratatui::style::Color;

use crate::app::{Event, State, update};
use crate::ui::screen_test::{
    cells, draw, open_for_reply, our_chat, text, visitor_message, welcome,
};

fn ours(id: i64, kind: MessageKind, text: &str) -> Message {
    Message {
        author: Author {
            role: Role::Operator,
            operator_id: Some(3),
            name: Some("Анна".into()),
        },
        kind,
        ..visitor_message(id, 7, 10 + id.unsigned_abs(), 60_000 * id, text)
    }
}

/// Chat 7: a question, our greeting, our note, our answer; the visitor has seen the greeting.
fn console(no_color: bool) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.screen.no_color = no_color;
    welcome(&mut s, 1);
    let mut chat = our_chat(7);
    chat.messages = vec![
        visitor_message(1, 7, 11, 60_000, "Is it in stock?"),
        ours(2, MessageKind::Text, "Hello!"),
        ours(3, MessageKind::Note, "ask the warehouse"),
        ours(4, MessageKind::Text, "Yes, twelve of them."),
    ];
    chat.seen_id = Some(2);
    open_for_reply(&mut s, chat, 100, 24);
    s
}

fn seen(s: &mut State, message_id: i64) {
    let seq = s.last_seq.map_or(1, |last| last + 1);
    let event = EventBody::ChatSeen {
        chat_id: 7,
        message_id,
    };
    update(
        s,
        Event::Frame(Box::new(OperatorOut::Event { seq, ts: 0, event })),
    );
}

#[test]
fn answers_the_visitor_has_seen_read_two_ticks() {
    let mut s = console(false);
    let screen = text(&draw(&s));
    assert!(screen.contains("✓✓ Анна: Hello!"), "{screen}");
    assert!(screen.contains("  ✓ Анна: Yes, twelve"), "{screen}");
    seen(&mut s, 4);
    let buf = draw(&s);
    let screen = text(&buf);
    assert!(screen.contains("✓✓ Анна: Yes, twelve"), "{screen}");
    // A note never reaches the visitor, whatever they have seen.
    assert!(
        screen.contains("  ✓ Анна [note]: ask the warehouse"),
        "{screen}"
    );
    assert_eq!(cells(&buf, "✓✓ Анна: Yes")[0].fg, Color::LightBlue);
    // An older mark arriving late does not take the ticks back.
    seen(&mut s, 2);
    let screen = text(&draw(&s));
    assert!(screen.contains("✓✓ Анна: Yes, twelve"), "{screen}");
}

#[test]
fn without_colour_the_two_ticks_still_tell_seen_from_stored() {
    let s = console(true);
    let buf = draw(&s);
    let screen = text(&buf);
    assert!(screen.contains("✓✓ Анна: Hello!"), "{screen}");
    assert!(screen.contains("  ✓ Анна: Yes, twelve"), "{screen}");
    assert_eq!(cells(&buf, "✓✓ Анна: Hello")[0].fg, Color::Reset);
}

/// The list row of chat 7 (its name line; its visitor has no name nor id).
fn list_row(s: &State) -> String {
    let screen = text(&draw(s));
    let row = screen.lines().find(|l| l.contains("▌Visitor #0"));
    let row = row.unwrap_or_else(|| panic!("{screen}"));
    // The list's column alone, without the dialog beside it.
    row.split("││").next().unwrap_or(row).to_owned()
}

#[test]
fn the_list_marks_a_chat_whose_newest_answer_was_read() {
    let mut s = console(false);
    assert!(!list_row(&s).contains('✓'), "{}", list_row(&s));
    seen(&mut s, 4);
    assert!(list_row(&s).ends_with(" ✓✓"), "{}", list_row(&s));
    // The visitor writes again: the wait for our answer takes the place.
    let seq = s.last_seq.map_or(1, |last| last + 1);
    let now = s.now;
    let message = visitor_message(5, 7, seq, now, "And the price?");
    let event = EventBody::MessagePosted { message };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq,
            ts: now,
            event,
        })),
    );
    let row = list_row(&s);
    assert!(!row.contains('✓') && row.contains("0:00"), "{row}");
}
