//! A visitor's rating of a closed chat is a line in its dialog, with their comment made safe.

use frontdesk_protocol::{ChatStatus, EventBody, Rating};

use super::*;
use crate::app::state::Who;

fn system_lines(s: &State, chat_id: i64) -> Vec<String> {
    let chat = &s.chats[&chat_id];
    chat.messages
        .iter()
        .filter(|e| e.who == Who::System)
        .map(|e| chat.text_of(e).to_owned())
        .collect()
}

#[test]
fn a_rating_is_a_line_in_the_chat_with_its_comment_made_safe() {
    let mut s = ready_with(vec![chat(2, ChatStatus::Closed, Some(ME), 500)]);
    let rated = |seq, rating, comment: Option<&str>| {
        event(
            seq,
            EventBody::ChatRated {
                chat_id: 2,
                rating,
                comment: comment.map(str::to_owned),
            },
        )
    };
    update(&mut s, rated(20, Rating::Good, None));
    update(&mut s, rated(21, Rating::Bad, Some("долго\u{1b}[2J ждала")));
    let lines = system_lines(&s, 2);
    assert_eq!(lines[0], "the visitor rated the chat: good");
    assert!(
        lines[1].starts_with("the visitor rated the chat: bad: «долго"),
        "{lines:?}"
    );
    assert!(lines[1].ends_with(" ждала»"), "{lines:?}");
    assert!(!lines[1].contains('\u{1b}'), "{lines:?}");
    // A chat this console does not hold is left alone.
    update(
        &mut s,
        event(
            22,
            EventBody::ChatRated {
                chat_id: 99,
                rating: Rating::Good,
                comment: None,
            },
        ),
    );
    assert!(!s.chats.contains_key(&99));
}
