//! An empty pane's hint: how to open a chat, or, with nothing to answer, that a chat will
//! come.

use frontdesk_protocol::OperatorOut;

use crate::app::{Event, State, update};
use crate::ui::screen_test::{draw, our_chat, text, welcome};

/// With nothing to answer the empty pane says a chat will come, not to pick one.
#[test]
fn with_nobody_waiting_the_empty_pane_says_a_chat_will_come() {
    for (strings, says) in [
        (&crate::i18n::EN, "Nobody is waiting for an answer"),
        (&crate::i18n::RU, "Никто не ждёт ответа"),
    ] {
        let mut s = State::new(strings, "anna".into(), None);
        update(
            &mut s,
            Event::Resize {
                width: 80,
                height: 24,
            },
        );
        let before = text(&draw(&s));
        assert!(
            !before.contains(says),
            "nothing known before the snapshot: {before}"
        );
        welcome(&mut s, 5);
        let snapshot =
            |seq, chats| Event::Frame(Box::new(OperatorOut::snapshot(seq, chats, Vec::new())));
        update(&mut s, snapshot(5, Vec::new()));
        let screen = text(&draw(&s));
        assert!(screen.contains(says), "{screen}");
        // A chat of ours makes it the hint to open one again.
        update(&mut s, snapshot(6, vec![our_chat(1)]));
        let screen = text(&draw(&s));
        assert!(!screen.contains(says), "{screen}");
    }
}
