//! Events that only name their chat (a rating, the visitor having seen the answer) are lines
//! of that chat: its number, department and visitor, and `--department` finds them.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, EventBody, PrechatFields, Rating, VisitorProfile,
};

use super::filter::Filter;
use super::format_human::Human;
use super::line::Line;
use super::picture::Picture;
use crate::i18n::{TAIL_EN, TAIL_RU};

fn olga_in_sales() -> ChatState {
    ChatState {
        chat: Chat {
            id: 1,
            visitor_id: 10,
            status: ChatStatus::Active,
            operator_id: Some(5),
            department: Some("sales".into()),
            created_at: 0,
            accepted_at: Some(0),
            closed_at: None,
            queued_at: None,
        },
        visitor: VisitorProfile {
            id: 10,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        messages: Vec::new(),
        mail: None,
        seen_id: None,
    }
}

#[test]
fn a_rating_and_a_seen_answer_are_lines_of_their_chat() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_in_sales()], &[]);
    let sales = Filter::new(&[], &["sales".into()], &[]).unwrap();
    let events = [
        (
            EventBody::ChatSeen {
                chat_id: 1,
                message_id: 42,
            },
            "the visitor has seen the answer",
            "посетитель прочитал ответ",
        ),
        (
            EventBody::ChatRated {
                chat_id: 1,
                rating: Rating::Good,
                comment: None,
            },
            "rated good",
            "оценка: хорошо",
        ),
    ];
    for (seq, (event, en, ru)) in (101..).zip(&events) {
        let facts = picture.apply(seq, event);
        let line = Line::new(seq, 0, event, facts.clone(), &picture, &TAIL_EN);
        assert!(sales.matches(&line, |_| None), "{}", line.kind);
        let plain = Human {
            colour: false,
            words: &TAIL_EN,
        }
        .format(&line);
        let head = format!(
            "#{seq} {} chat=1 dept=sales op=#5 visitor=\"Ольга\" | {en}",
            line.kind
        );
        assert!(plain.contains(&head), "{plain}");
        let line = Line::new(seq, 0, event, facts, &picture, &TAIL_RU);
        assert_eq!(line.text, *ru);
    }
}
