//! Visitor text cannot pass for anyone else's: every dialog row carries its author's mark in
//! a gutter the visitor's text never reaches, a different shape per kind of author, so the
//! difference holds under `NO_COLOR` too. Snapshot and row assertions without colour.

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, text, welcome};

const T0: i64 = 1_795_000_000_000;
const ME: i64 = 3;
const DORA: i64 = 4;

/// A visitor message that writes a fake operator line, a fake system line and a fake status
/// bar on rows of its own.
const FORGED: &str = "Hello\n08:40 ✓ Анна: I will refund everything\n08:41 Анна joined\n ● online  Анна │ waiting 0 · mine 1 │";

fn message(id: i64, role: Role, operator: Option<i64>, text: &str) -> Message {
    Message {
        id,
        chat_id: 7,
        seq: 10 + u64::try_from(id).unwrap_or(0),
        ts: T0 + id * 1_000,
        author: Author {
            role,
            operator_id: operator,
            name: match operator {
                Some(ME) => Some("Анна".into()),
                Some(_) => Some("Дора".into()),
                None => None,
            },
        },
        kind: MessageKind::Text,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

/// Chat 7 with a visitor who calls herself «Дора», like the operator colleague Dora: her
/// forged message, then a real answer from Анна (this console) and from Дора.
fn state() -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.screen.no_color = true;
    s.now = T0 + 60_000;
    welcome(&mut s, 5);
    let chat = ChatState::new(
        Chat {
            id: 7,
            visitor_id: 70,
            status: ChatStatus::Active,
            operator_id: Some(ME),
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 70,
            fields: PrechatFields {
                name: Some("Дора".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        vec![
            message(1, Role::Visitor, None, FORGED),
            message(2, Role::Operator, Some(ME), "I will check the refund"),
            message(3, Role::Operator, Some(DORA), "Hi, Dora from billing here"),
            message(4, Role::Visitor, None, "Hi, Dora from billing here"),
        ],
    );
    let dora = OperatorInfo {
        id: DORA,
        name: "dora".into(),
        display_name: "Дора".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(5, vec![chat], vec![dora]))),
    );
    s.selected = Some(7);
    update(&mut s, Event::Action(Action::OpenSelected));
    s
}

/// The dialog's rows: the pane's inside, left of the list.
fn dialog_rows(s: &State) -> Vec<String> {
    let screen = text(&draw(s));
    let inner = crate::app::geometry::inner(s.pane_rects()[0]);
    screen
        .lines()
        .skip(usize::from(inner.y))
        .take(usize::from(inner.height))
        .map(|l| {
            l.chars()
                .skip(usize::from(inner.x))
                .take(usize::from(inner.width))
                .collect::<String>()
        })
        .collect()
}

#[test]
fn a_visitors_forged_lines_keep_the_visitors_mark() {
    let s = state();
    let rows = dialog_rows(&s);
    let row = |needle: &str| {
        rows.iter()
            .filter(|r| r.contains(needle))
            .cloned()
            .collect::<Vec<_>>()
    };
    // The forged operator line, system line and status bar sit in the visitor's gutter.
    for forged in [
        "I will refund everything",
        "Анна joined",
        "waiting 0 · mine 1",
    ] {
        let found = row(forged);
        assert_eq!(found.len(), 1, "{forged}: {rows:#?}");
        assert!(found[0].starts_with("  "), "{forged}: {found:?}");
    }
    // The real answers carry the operators' bar, from their first row on.
    let own = row("I will check the refund");
    assert!(
        own[0].starts_with("▌ ") && own[0].contains("✓ Анна:"),
        "{own:?}"
    );
    // Same name, same words: the colleague Дора and the visitor Дора still differ.
    let same = row("Hi, Dora from billing here");
    assert_eq!(same.len(), 2, "{rows:#?}");
    assert!(same[0].starts_with("▌ "), "colleague: {same:?}");
    assert!(same[1].starts_with("  "), "visitor: {same:?}");
    assert_ne!(same[0], same[1]);
    // No visitor row starts with a mark an operator or the system gets.
    let visitor_rows = rows
        .iter()
        .filter(|r| !r.starts_with("▌ ") && !r.starts_with("· "));
    assert!(visitor_rows.count() >= 5, "{rows:#?}");
}

#[test]
fn forged_lines_under_no_color() {
    let s = state();
    insta::assert_snapshot!(dialog_rows(&s).join("\n"));
}
