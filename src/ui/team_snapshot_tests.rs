//! Screens of whispers and the team chat as text snapshots (insta), 80x24, built only through
//! `update` with protocol frames at a fixed time in UTC: a dialog where a supervisor's
//! whisper, a note and replies stand side by side, the team room in its pane with the Team
//! section of the list, and a plain operator's pane on a colleague's chat (and on one offered
//! to them).

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, EventBody, Message, MessageKind, OperatorInfo,
    OperatorOut, OperatorRole, PrechatFields, Role, TeamMessage, VisitorProfile,
};

use super::screen_test::{draw, text, welcome};
use crate::app::{Action, Event, State, update};

const NOW: i64 = 1_795_000_000_000;
const MIN: i64 = 60_000;
const ME: i64 = 3;
const BORIS: i64 = 4;
const IRINA: i64 = 1;

fn msg(id: i64, chat_id: i64, who: Option<(i64, &str)>, kind: MessageKind, text: &str) -> Message {
    Message {
        id,
        chat_id,
        seq: u64::try_from(id).expect("positive"),
        ts: NOW - (20 - id) * MIN,
        author: Author {
            role: if who.is_some() {
                Role::Operator
            } else {
                Role::Visitor
            },
            operator_id: who.map(|w| w.0),
            name: who.map(|w| w.1.to_owned()),
        },
        kind,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

fn chat(id: i64, name: &str, op: i64, messages: Vec<Message>) -> ChatState {
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status: ChatStatus::Active,
            operator_id: Some(op),
            department: None,
            created_at: NOW - 30 * MIN,
            accepted_at: Some(NOW - 29 * MIN),
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
        messages,
    )
}

/// Logged in as Анна with chats `chats`, Борис and Ирина (a supervisor) known.
fn state(strings: &'static crate::i18n::Strings, chats: Vec<ChatState>) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    s.now = NOW;
    update(
        &mut s,
        Event::Resize {
            width: 80,
            height: 24,
        },
    );
    welcome(&mut s, 10);
    let me = OperatorInfo::new(ME, "anna", "Анна", OperatorRole::Operator);
    let boris = OperatorInfo::new(BORIS, "boris", "Борис", OperatorRole::Operator);
    let irina = OperatorInfo::new(IRINA, "irina", "Ирина", OperatorRole::Supervisor);
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(
            10,
            chats,
            vec![me, boris, irina],
        ))),
    );
    s
}

fn open(s: &mut State, id: i64) {
    s.selected = Some(id);
    update(s, Event::Action(Action::OpenSelected));
}

#[test]
fn en_80x24_whisper_beside_a_note_and_replies() {
    use MessageKind::{Note, Text, Whisper};
    let lines = vec![
        msg(1, 7, None, Text, "Is there a discount for a second order?"),
        msg(
            2,
            7,
            Some((ME, "Анна")),
            Text,
            "Let me check for you, one moment.",
        ),
        msg(
            3,
            7,
            Some((BORIS, "Борис")),
            Note,
            "She ordered twice last month.",
        ),
        msg(
            4,
            7,
            Some((IRINA, "Ирина")),
            Whisper,
            "Offer the 10% coupon, it's approved.",
        ),
        msg(5, 7, None, Text, "Thanks!"),
    ];
    let mut s = state(&crate::i18n::EN, vec![chat(7, "Olga", ME, lines)]);
    open(&mut s, 7);
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_80x24_team_room() {
    let mut s = state(&crate::i18n::RU, Vec::new());
    let line = |id: i64, from: i64, name: &str, to: Option<i64>, text: &str| TeamMessage {
        id,
        seq: 10 + u64::try_from(id).expect("positive"),
        ts: NOW - (10 - id) * MIN,
        from_operator_id: from,
        from_name: name.into(),
        to_operator_id: to,
        text: text.into(),
        client_id: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::TeamRecent {
            messages: vec![
                line(
                    1,
                    BORIS,
                    "Борис",
                    None,
                    "Кто-нибудь знает про акцию на доставку?",
                ),
                line(2, ME, "Анна", None, "До конца недели, от 3000 ₽ бесплатно."),
                line(
                    3,
                    BORIS,
                    "Борис",
                    Some(ME),
                    "Спасибо! Возьмёшь VIP после обеда?",
                ),
            ],
        })),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 20,
            ts: NOW,
            event: EventBody::TeamMessagePosted {
                message: line(4, IRINA, "Ирина", None, "Летучка в 15:00."),
            },
        })),
    );
    update(&mut s, Event::Action(Action::OpenTeam));
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn ru_80x24_a_colleagues_chat_for_a_plain_operator() {
    let mut s = state(&crate::i18n::RU, vec![chat(8, "Пётр", BORIS, Vec::new())]);
    open(&mut s, 8);
    insta::assert_snapshot!(text(&draw(&s)));
}

/// A colleague's chat offered to me is one I read: no line saying only supervisors do.
#[test]
fn a_colleagues_chat_offered_to_me_has_no_supervisors_only_line() {
    let mut s = state(&crate::i18n::RU, vec![chat(8, "Пётр", BORIS, Vec::new())]);
    open(&mut s, 8);
    let line = "Его читают только";
    assert!(text(&draw(&s)).contains(line));
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 11,
            ts: NOW,
            event: EventBody::ChatTransferOffered {
                chat_id: 8,
                from_operator_id: BORIS,
                to_operator_id: ME,
                note: Some("возврат, заказ 2211".into()),
            },
        })),
    );
    let screen = text(&draw(&s));
    assert!(!screen.contains(line), "{screen}");
}

/// A colleague disabled on the server keeps their name on the chat they held: the line says
/// whose chat it is, not a bare number.
#[test]
fn a_chat_of_a_colleague_disabled_since_says_whose_it_is() {
    let mut s = state(&crate::i18n::EN, vec![chat(8, "Пётр", BORIS, Vec::new())]);
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 11,
            ts: NOW,
            event: EventBody::OperatorDisabled { operator_id: BORIS },
        })),
    );
    open(&mut s, 8);
    let screen = text(&draw(&s));
    assert!(screen.contains("This is Борис's chat."), "{screen}");
}
