//! Whispers and read rights: a whisper is its own kind of line, only supervisors send one, a
//! supervisor's plain line in a colleague's chat stays in the box, nothing tells the visitor
//! we type in a chat that is not ours, and a chat offered to me has its history asked for.

use frontdesk_protocol::{
    Author, ChatStatus, EventBody, Message, MessageKind, OperatorIn, OperatorInfo, OperatorOut,
    OperatorRole, TransferOffer,
};

use super::*;
use crate::app::state::ReplyTarget;

const BORIS: i64 = 4;

/// `ready()` plus Boris's active chat 5, and me a supervisor when `supervisor`.
fn with_colleague_chat(supervisor: bool) -> State {
    let mut s = ready();
    if supervisor && let Some(me) = s.me.as_mut() {
        me.role = OperatorRole::Supervisor;
    }
    let boris = OperatorInfo::new(BORIS, "boris", "Борис", OperatorRole::Operator);
    s.operators.insert(BORIS, boris);
    update(
        &mut s,
        event(
            11,
            EventBody::ChatCreated {
                chat: chat(5, ChatStatus::Active, Some(BORIS), 2000).chat,
                visitor: visitor(50, Some("Пётр")),
            },
        ),
    );
    s
}

/// Shows chat `id` in the focused pane.
fn open_chat(s: &mut State, id: i64) {
    s.selected = Some(id);
    act(s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(id));
}

fn run(s: &mut State, line: &str) -> Vec<Effect> {
    s.focus = Focus::Compose;
    type_text(s, line);
    act(s, Action::SendMessage)
}

fn box_text(s: &State) -> String {
    s.compose.lines().join("\n")
}

fn whisper_msg(id: i64, chat_id: i64, text: &str) -> Message {
    Message {
        id,
        chat_id,
        seq: 20,
        ts: 1_795_000_000_000,
        author: Author {
            role: Role::Operator,
            operator_id: Some(1),
            name: Some("Ирина".into()),
        },
        kind: MessageKind::Whisper,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

#[test]
fn a_whisper_in_my_chat_is_a_whisper_line_not_a_reply_or_a_note() {
    let mut s = ready();
    update(
        &mut s,
        event(
            12,
            EventBody::MessagePosted {
                message: visitor_msg(30, 2, 12, "Есть скидка?"),
            },
        ),
    );
    update(
        &mut s,
        event(
            13,
            EventBody::MessagePosted {
                message: whisper_msg(31, 2, "Offer the 10% coupon"),
            },
        ),
    );
    let chat = &s.chats[&2];
    let last = chat.messages.last().expect("the whisper");
    assert_eq!(
        last.who,
        Who::Operator {
            own: false,
            note: false,
            whisper: true
        }
    );
    assert_eq!(chat.text_of(last), "Offer the 10% coupon");
    // A whisper answers nobody: the visitor still waits.
    assert!(chat.awaiting_since.is_some());
    // Its first row leaves room for the author and the label drawn before it.
    assert_eq!(
        chat.prefix_width(last),
        6 + "Ирина".chars().count() + 1 + "[whisper]".len() + 2
    );
}

#[test]
fn a_supervisor_whispers_into_a_colleagues_chat() {
    let mut s = with_colleague_chat(true);
    open_chat(&mut s, 5);
    let fx = run(&mut s, ":whisper offer the coupon");
    let [Effect::Send(OperatorIn::Whisper { chat_id, text, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!((*chat_id, text.as_str()), (5, "offer the coupon"));
    assert_eq!(box_text(&s), "");
    let last = s.chats[&5].messages.last().expect("pending whisper");
    assert!(matches!(
        last.who,
        Who::Operator {
            whisper: true,
            own: true,
            ..
        }
    ));
    assert_eq!(last.delivery, Delivery::Pending);
}

#[test]
fn a_plain_operator_cannot_whisper_and_keeps_the_text() {
    let mut s = ready();
    open_chat(&mut s, 2);
    let fx = run(&mut s, ":whisper hello");
    assert!(fx.iter().all(|e| !matches!(e, Effect::Send(_))), "{fx:?}");
    assert_eq!(box_text(&s), ":whisper hello");
    assert_eq!(
        s.notice.as_deref(),
        Some(crate::i18n::EN.team.whisper_supervisors)
    );
    // The key starts one all the same; sending it says the same.
    assert!(act(&mut s, Action::ComposeWhisper).is_empty());
}

#[test]
fn a_supervisors_plain_line_in_a_colleagues_chat_stays_with_a_notice() {
    let mut s = with_colleague_chat(true);
    open_chat(&mut s, 5);
    assert!(matches!(
        s.reply_target(),
        ReplyTarget::Supervising {
            id: 5,
            colleague: BORIS,
            ..
        }
    ));
    let fx = run(&mut s, "Здравствуйте!");
    assert!(fx.iter().all(|e| !matches!(e, Effect::Send(_))), "{fx:?}");
    assert_eq!(box_text(&s), "Здравствуйте!");
    let notice = s.notice.clone().expect("a notice");
    for offer in [":take", ":whisper", ":note", "Борис"] {
        assert!(notice.contains(offer), "{notice}");
    }
    // A note still goes in: colleagues read it.
    act(&mut s, Action::ComposeNote);
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::Note { chat_id: 5, .. }), ..]
        ),
        "{fx:?}"
    );
}

#[test]
fn no_typing_signal_for_a_chat_that_is_not_mine() {
    for supervisor in [true, false] {
        let mut s = with_colleague_chat(supervisor);
        open_chat(&mut s, 5);
        s.focus = Focus::Compose;
        let mut sent = Vec::new();
        for c in "Добрый день".chars() {
            sent.extend(act(
                &mut s,
                Action::ComposeInput(ratatui_textarea::Input {
                    key: ratatui_textarea::Key::Char(c),
                    ..Default::default()
                }),
            ));
        }
        assert!(
            !sent
                .iter()
                .any(|e| matches!(e, Effect::Send(OperatorIn::Typing { .. }))),
            "supervisor {supervisor}: {sent:?}"
        );
    }
    // My own chat still hears it.
    let mut s = ready();
    open_chat(&mut s, 2);
    s.focus = Compose;
    let fx = act(
        &mut s,
        Action::ComposeInput(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char('a'),
            ..Default::default()
        }),
    );
    assert!(matches!(
        fx.as_slice(),
        [Effect::Send(OperatorIn::Typing {
            chat_id: 2,
            typing: true
        })]
    ));
}

use Focus::Compose;

#[test]
fn a_chat_offered_to_me_has_its_history_asked_for() {
    let mut s = with_colleague_chat(false);
    let fx = update(
        &mut s,
        event(
            12,
            EventBody::ChatTransferOffered {
                chat_id: 5,
                from_operator_id: BORIS,
                to_operator_id: ME,
                note: None,
            },
        ),
    );
    let history: Vec<_> = fx
        .iter()
        .filter(|e| matches!(e, Effect::Send(OperatorIn::History { chat_id: 5, .. })))
        .collect();
    assert_eq!(history.len(), 1, "{fx:?}");
    // The list of offers after a snapshot asks for none twice.
    let fx = update(
        &mut s,
        frame(OperatorOut::TransferOffers {
            offers: vec![TransferOffer {
                chat_id: 5,
                from_operator_id: BORIS,
                to_operator_id: ME,
                note: None,
                created_at: 0,
            }],
        }),
    );
    assert!(fx.is_empty(), "{fx:?}");
}

#[test]
fn an_offer_to_a_colleague_asks_for_nothing() {
    let mut s = with_colleague_chat(false);
    let fx = update(
        &mut s,
        event(
            12,
            EventBody::ChatTransferOffered {
                chat_id: 5,
                from_operator_id: BORIS,
                to_operator_id: 9,
                note: None,
            },
        ),
    );
    assert!(fx.is_empty(), "{fx:?}");
}
