//! Events that only name their chat (a rating, the visitor having seen the answer) are lines
//! of that chat: its number, department and visitor, and `--department` finds them. A colleague
//! added since the snapshot is named by login from their status event, so `--operator` finds
//! them, and so are their account changes.

use frontdesk_protocol::{
    EventBody, FormerOperator, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus, Rating,
    Role,
};

use super::filter::Filter;
use super::follow::{Flow, Follower, Format};
use super::format_human::Human;
use super::line::Line;
use super::picture::Picture;
use super::tests::olga_waiting_in_sales;
use crate::i18n::{TAIL_EN, TAIL_RU};

#[test]
fn a_rating_and_a_seen_answer_are_lines_of_their_chat() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[]);
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
            "#{seq} {} chat=1 dept=sales visitor=\"Ольга\" | {en}",
            line.kind
        );
        assert!(plain.contains(&head), "{plain}");
        let line = Line::new(seq, 0, event, facts, &picture, &TAIL_RU);
        assert_eq!(line.text, *ru);
    }
}

#[test]
fn a_colleague_added_since_the_snapshot_is_named_by_login() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[]);
    let vera = OperatorInfo::new(9, "vera", "Вера", OperatorRole::Operator);
    let online = EventBody::OperatorStatusChanged {
        operator_id: 9,
        status: OperatorStatus::Online,
        operator: Some(vera),
    };
    let facts = picture.apply(101, &online);
    let line = Line::new(101, 0, &online, facts, &picture, &TAIL_EN);
    let filter = Filter::new(&[], &[], &["vera".into()]).unwrap();
    assert!(filter.matches(&line, |id| picture.login(id)));
    let plain = Human {
        colour: false,
        words: &TAIL_EN,
    }
    .format(&line);
    assert!(plain.contains("op=vera"), "{plain}");
}

/// An account changed on the server is a line of that operator: named by login (the new
/// login's own event names them), in the tail's language, and found by `--operator`.
#[test]
fn an_account_changed_or_disabled_is_a_line_of_its_operator() {
    let mut picture = Picture::default();
    picture.reset(100, vec![olga_waiting_in_sales()], &[]);
    let vera = OperatorInfo::new(9, "vera", "Вера Орлова", OperatorRole::Supervisor);
    let events = [
        (
            EventBody::OperatorChanged { operator: vera },
            "account: shown as Вера Орлова, supervisor",
            "учётная запись: для посетителей Вера Орлова, старший",
        ),
        (
            EventBody::OperatorDisabled { operator_id: 9 },
            "account disabled",
            "учётная запись отключена",
        ),
    ];
    let filter = Filter::new(&[], &[], &["vera".into()]).unwrap();
    for (seq, (event, en, ru)) in (101..).zip(&events) {
        let facts = picture.apply(seq, event);
        let line = Line::new(seq, 0, event, facts.clone(), &picture, &TAIL_EN);
        assert!(
            filter.matches(&line, |id| picture.login(id)),
            "{}",
            line.kind
        );
        let plain = Human {
            colour: false,
            words: &TAIL_EN,
        }
        .format(&line);
        assert!(plain.contains(&format!("op=vera | {en}")), "{plain}");
        assert_eq!(
            Line::new(seq, 0, event, facts, &picture, &TAIL_RU).text,
            *ru
        );
    }
}

/// A tail started after a colleague was disabled names them by login from the snapshot's
/// former operators: the chat they close is a line of theirs, and `--operator` finds it.
#[test]
fn a_colleague_disabled_before_the_tail_started_is_named_from_the_snapshot() {
    let filter = Filter::new(&[], &[], &["boris".into()]).unwrap();
    let human = Format::Human(Human {
        colour: false,
        words: &TAIL_EN,
    });
    let mut printed = Vec::new();
    let mut follower = Follower::new(None, filter, human, &mut printed);
    let mut snapshot = OperatorOut::snapshot(100, vec![olga_waiting_in_sales()], Vec::new());
    if let OperatorOut::Snapshot {
        former_operators, ..
    } = &mut snapshot
    {
        former_operators.push(FormerOperator {
            id: 4,
            name: "boris".into(),
            display_name: "Борис".into(),
        });
    }
    let closed = OperatorOut::Event {
        seq: 101,
        ts: 0,
        event: EventBody::ChatClosed {
            chat_id: 1,
            by: Role::Operator,
            operator_id: Some(4),
        },
    };
    for frame in [snapshot, closed] {
        assert_eq!(follower.on_frame(frame).unwrap(), Flow::Go);
    }
    drop(follower);
    let printed = String::from_utf8(printed).unwrap();
    assert!(printed.contains("op=boris"), "{printed}");
}
