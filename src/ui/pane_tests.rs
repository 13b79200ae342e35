//! Panes on screen at 80x24 and 160x48: one, two and four dialogs, each with its title and
//! its own messages, and the focused pane's border highlighted (bold without colour).

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, Message, MessageKind, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};
use ratatui::style::{Color, Modifier};

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, text};

const NAMES: [&str; 4] = ["Ольга", "Борис", "Carla", "Dmitri"];

fn chat(id: i64) -> ChatState {
    let name = NAMES[usize::try_from(id - 1).unwrap_or(0)];
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 1_795_000_000_000 + id,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: Some(name.into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        vec![Message {
            id: id * 100,
            chat_id: id,
            seq: 1,
            ts: 1_795_000_000_000,
            author: Author {
                role: Role::Visitor,
                operator_id: None,
                name: None,
            },
            kind: MessageKind::Text,
            text: format!("hello from {name}"),
            client_id: None,
            attachment: None,
        }],
    )
}

/// Four active chats; `panes` of them open, the last one opened focused.
fn state(width: u16, height: u16, panes: usize) -> State {
    state_in(&crate::i18n::EN, width, height, panes)
}

/// [`state`] with the console's words in another language.
fn state_in(
    strings: &'static crate::i18n::Strings,
    width: u16,
    height: u16,
    panes: usize,
) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    let operator = OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    let act = |s: &mut State, a| update(s, Event::Action(a));
    update(&mut s, Event::Resize { width, height });
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(operator.clone(), 5))),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(
            5,
            (1..=4).map(chat).collect(),
            vec![operator],
        ))),
    );
    act(&mut s, Action::SelectFirst);
    act(&mut s, Action::OpenSelected);
    for _ in 1..panes {
        act(&mut s, Action::SelectNext);
        act(&mut s, Action::SplitVertical);
    }
    s
}

/// Every chat in a pane shows its title (numbered when there are several) and its message.
fn check(s: &State, screen: &str) {
    for (i, pane) in s.panes.iter().enumerate() {
        let id = pane.chat.expect("each pane shows a chat");
        let name = NAMES[usize::try_from(id - 1).unwrap_or(0)];
        let title = if s.panes.len() > 1 {
            format!("{} {name}", i + 1)
        } else {
            name.to_owned()
        };
        assert!(screen.contains(&title), "no title {title:?} in\n{screen}");
        assert!(
            screen.contains(&format!("hello from {name}")),
            "no message of {name} in\n{screen}"
        );
    }
}

#[test]
fn one_two_and_four_panes_at_both_sizes() {
    for (w, h) in [(80, 24), (160, 48)] {
        for n in [1, 2, 4] {
            let s = state(w, h, n);
            assert_eq!(s.panes.len(), n);
            check(&s, &text(&draw(&s)));
        }
    }
}

#[test]
fn the_focused_pane_is_highlighted_with_and_without_colour() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = state(w, h, 4);
        s.focus = crate::app::Focus::Compose;
        update(&mut s, Event::Action(Action::FocusPane(2)));
        let rects = s.pane_rects();
        let buf = draw(&s);
        // Bottom-left corner of each pane: only pane 2's is highlighted.
        for (i, r) in rects.iter().enumerate() {
            let corner = &buf[(r.x, r.y + r.height - 1)];
            assert_eq!(
                corner.fg == Color::Cyan,
                i == 1,
                "pane {} at {w}x{h}",
                i + 1
            );
        }
        let title = &buf[(rects[1].x + 1, rects[1].y)];
        assert_eq!(title.symbol(), "2");
        assert!(title.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
        s.screen.no_color = true;
        let buf = draw(&s);
        let corner = |i: usize| &buf[(rects[i].x, rects[i].y + rects[i].height - 1)];
        assert!(corner(1).modifier.contains(Modifier::BOLD));
        assert!(!corner(0).modifier.contains(Modifier::BOLD));
        assert!(buf.content().iter().all(|c| c.fg == Color::Reset));
    }
}

#[test]
fn an_empty_pane_shows_the_hint() {
    let mut s = state(80, 24, 1);
    update(&mut s, Event::Action(Action::SplitHorizontal));
    // The selected chat is the one already shown: the new pane is empty.
    let screen = text(&draw(&s));
    assert!(
        screen.contains("2 ") && screen.contains("No chat open"),
        "{screen}"
    );
}

/// A message into chat `chat_id`: the visitor's (`op` `None`) or an operator's, with a name.
pub(super) fn posted(
    chat_id: i64,
    op: Option<i64>,
    name: &str,
    kind: MessageKind,
    text: &str,
) -> Event {
    let message = Message {
        id: 1_000 + chat_id,
        chat_id,
        seq: 10,
        ts: 1_795_000_000_000,
        author: Author {
            role: if op.is_some() {
                Role::Operator
            } else {
                Role::Visitor
            },
            operator_id: op,
            name: Some(name.into()),
        },
        kind,
        text: text.into(),
        client_id: None,
        attachment: None,
    };
    Event::Frame(Box::new(OperatorOut::Event {
        seq: 10,
        ts: message.ts,
        event: frontdesk_protocol::EventBody::MessagePosted { message },
    }))
}

/// Regression: the time and a long author name took more than half a narrow pane, the first
/// row was wrapped for less and the renderer cut it ("Здр" shown, "авствуйте!" lost).
#[test]
fn every_word_shows_however_wide_the_prefix() {
    let text_ru = "Здравствуйте! Есть ли доставка в Казань? 🚚";
    let messages = [
        (
            None,
            "Ольга Александровна Смирнова-Петрова",
            MessageKind::Text,
        ),
        (Some(3), "Анна", MessageKind::Text),
        (Some(7), "Игорь Владимирович", MessageKind::Note),
    ];
    for (w, h, n) in [(80, 24, 2), (80, 24, 4), (160, 48, 4)] {
        for (op, name, kind) in messages {
            let mut s = state(w, h, n);
            let id = s.open_id().expect("a chat in the focused pane");
            update(&mut s, posted(id, op, name, kind, text_ru));
            // The pane alone: the list shows the same words in its preview.
            let r = s.pane_rects()[s.pane];
            let buf = draw(&s);
            let screen: String = (r.y..r.y + r.height)
                .map(|y| {
                    let row: String = (r.x..r.x + r.width).map(|x| buf[(x, y)].symbol()).collect();
                    row + "\n"
                })
                .collect();
            for word in text_ru.split(' ') {
                assert!(
                    screen.contains(word),
                    "{word:?} of {name}'s message lost at {w}x{h} with {n} panes:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn a_colleague_typing_in_the_chat_is_said_in_its_pane_only() {
    let mut s = state(160, 48, 2);
    s.operators.insert(
        7,
        OperatorInfo::new(7, "boris", "Борис", OperatorRole::Operator),
    );
    let shown = s.panes[0].chat.expect("pane 1 shows a chat");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::OperatorTyping {
            chat_id: shown,
            operator_id: 7,
            typing: true,
        })),
    );
    let screen = text(&draw(&s));
    assert_eq!(screen.matches("✎ Борис typing").count(), 1, "{screen}");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::OperatorTyping {
            chat_id: shown,
            operator_id: 7,
            typing: false,
        })),
    );
    assert!(!text(&draw(&s)).contains("Борис typing"));
}

/// Where `needle` starts on screen, as a cell.
fn cell_at<'a>(buf: &'a ratatui::buffer::Buffer, needle: &str) -> &'a ratatui::buffer::Cell {
    crate::ui::screen_test::cells(buf, needle)[0]
}

#[test]
fn an_internal_note_is_labelled_and_styled_unlike_a_reply_with_or_without_colour() {
    for (no_color, strings, tag) in [
        (false, &crate::i18n::EN, "[note]"),
        (true, &crate::i18n::RU, "[заметка]"),
    ] {
        let mut s = state_in(strings, 160, 48, 1);
        s.screen.no_color = no_color;
        let shown = s.panes[0].chat.expect("a chat");
        for (id, kind, text) in [
            (900, MessageKind::Note, "refund approved"),
            (901, MessageKind::Text, "we will refund you"),
        ] {
            let message = Message {
                id,
                chat_id: shown,
                seq: 6,
                ts: 1_795_000_000_000,
                author: Author {
                    role: Role::Operator,
                    operator_id: Some(3),
                    name: Some("Анна".into()),
                },
                kind,
                text: text.into(),
                client_id: None,
                attachment: None,
            };
            update(
                &mut s,
                Event::Frame(Box::new(OperatorOut::Event {
                    seq: u64::try_from(id).unwrap_or(0),
                    ts: 1_795_000_000_000,
                    event: frontdesk_protocol::EventBody::MessagePosted { message },
                })),
            );
        }
        let buf = draw(&s);
        let screen = text(&buf);
        let labelled = format!("Анна {tag}: refund approved");
        assert!(screen.contains(&labelled), "{screen}");
        // Rows are wrapped for the label as long as it is in this language.
        let chat = &s.chats[&shown];
        let note = chat
            .messages
            .iter()
            .find(|e| chat.text_of(e) == "refund approved");
        let drawn =
            "10:13  ✓ ".chars().count() + labelled.chars().count() - "refund approved".len();
        assert_eq!(note.map(|e| chat.prefix_width(e)), Some(drawn));
        assert!(screen.contains("Анна: we will refund you"), "{screen}");
        let note = cell_at(&buf, "refund approved");
        let reply = cell_at(&buf, "we will refund you");
        assert!(
            note.modifier.contains(Modifier::ITALIC),
            "no_color {no_color}"
        );
        assert!(
            !reply.modifier.contains(Modifier::ITALIC),
            "no_color {no_color}"
        );
        if !no_color {
            assert_eq!(note.fg, Color::Yellow);
        }
    }
}

#[test]
fn a_pane_names_the_colleagues_who_have_its_chat_open_too() {
    let mut s = state(160, 48, 2);
    s.operators.insert(
        7,
        OperatorInfo::new(7, "boris", "Борис", OperatorRole::Operator),
    );
    let shown = s.panes[1].chat.expect("pane 2 shows a chat");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::OperatorViewing {
            operator_id: 7,
            chat_id: Some(shown),
        })),
    );
    let screen = text(&draw(&s));
    let line = screen
        .lines()
        .find(|l| l.contains("also open: Борис"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("2 "), "on pane 2's title: {line}");
    assert_eq!(screen.matches("also open").count(), 1, "{screen}");
}

#[test]
fn a_chat_i_offered_says_to_whom_until_they_answer_and_whether_they_are_here() {
    let mut s = state(160, 48, 1);
    s.operators.insert(
        7,
        OperatorInfo::new(7, "boris", "Борис", OperatorRole::Operator),
    );
    let shown = s.panes[0].chat.expect("a chat");
    let offer = |s: &mut State, seq| {
        update(
            s,
            Event::Frame(Box::new(OperatorOut::Event {
                seq,
                ts: 1_795_000_000_000,
                event: frontdesk_protocol::EventBody::ChatTransferOffered {
                    chat_id: shown,
                    from_operator_id: 3,
                    to_operator_id: 7,
                    note: None,
                },
            })),
        );
    };
    offer(&mut s, 6);
    let screen = text(&draw(&s));
    assert!(
        screen.contains("offered to Борис: waiting for an answer"),
        "{screen}"
    );
    if let Some(boris) = s.operators.get_mut(&7) {
        boris.status = OperatorStatus::Away;
    }
    let screen = text(&draw(&s));
    assert!(screen.contains("offered to Борис (not here)"), "{screen}");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 7,
            ts: 1_795_000_000_000,
            event: frontdesk_protocol::EventBody::ChatTransferDeclined {
                chat_id: shown,
                operator_id: 7,
                reason: None,
            },
        })),
    );
    assert!(!text(&draw(&s)).contains("offered to"), "answered: gone");
}
