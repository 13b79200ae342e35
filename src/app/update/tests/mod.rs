//! Table-style tests from (State, Event) to (State, Effects), with shared fixtures.

mod actions;
mod away;
mod bans;
mod colleagues;
mod commands;
mod compose;
mod departments;
mod earlier;
mod editor;
mod export_set;
mod export_words;
mod files;
mod finder;
mod focus;
mod frames;
mod help;
mod missed;
mod next_waiting;
mod offers;
mod panes;
mod presence;
mod queue;
mod ratings;
mod search;
mod snapshot;
mod stats;
mod team;
mod too_long;
mod whisper;
mod writing;
mod writing_names;

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, EventBody, Message, OperatorIn, OperatorInfo, OperatorOut,
    OperatorRole, OperatorStatus, PrechatFields, Role, VisitorProfile,
};

use crate::app::state::{Delivery, Who};
use crate::app::{Action, Effect, Event, Focus, State, update};

pub(super) const ME: i64 = 3;

pub(super) fn me() -> OperatorInfo {
    OperatorInfo {
        id: ME,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    }
}

pub(super) fn visitor(id: i64, name: Option<&str>) -> VisitorProfile {
    VisitorProfile {
        id,
        fields: PrechatFields {
            name: name.map(str::to_owned),
            ..PrechatFields::default()
        },
        ..VisitorProfile::default()
    }
}

pub(super) fn chat(
    id: i64,
    status: ChatStatus,
    operator: Option<i64>,
    created_at: i64,
) -> ChatState {
    ChatState::new(
        Chat {
            id,
            visitor_id: id * 10,
            status,
            operator_id: operator,
            department: None,
            created_at,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        visitor(id * 10, Some("Ольга")),
        Vec::new(),
    )
}

pub(super) fn visitor_msg(id: i64, chat_id: i64, seq: u64, text: &str) -> Message {
    crate::ui::screen_test::visitor_message(id, chat_id, seq, 1_795_000_000_000, text)
}

pub(super) fn frame(f: OperatorOut) -> Event {
    Event::Frame(Box::new(f))
}

pub(super) fn event(seq: u64, body: EventBody) -> Event {
    frame(OperatorOut::Event {
        seq,
        ts: 1_795_000_000_000,
        event: body,
    })
}

/// A state that got `welcome` and a snapshot with a waiting chat 1 and my active chat 2.
pub(super) fn ready() -> State {
    ready_with(vec![
        chat(1, ChatStatus::Waiting, None, 1000),
        chat(2, ChatStatus::Active, Some(ME), 500),
    ])
}

/// A state that got `welcome` and a snapshot of `chats`.
pub(super) fn ready_with(chats: Vec<ChatState>) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    update(&mut s, frame(OperatorOut::welcome(me(), 10)));
    update(&mut s, frame(OperatorOut::snapshot(10, chats, vec![me()])));
    s
}

/// Applies an action as the loop does: a typed letter is drawn, then checked.
pub(super) fn act(s: &mut State, a: Action) -> Vec<Effect> {
    let typed = matches!(a, Action::ComposeInput(_));
    let effects = update(s, Event::Action(a));
    if typed {
        assert_eq!(update(s, Event::CheckDraft), [], "a check has no effects");
    }
    effects
}

pub(super) fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        act(
            s,
            Action::ComposeInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
        );
    }
}

pub(super) fn send_reply(s: &mut State, text: &str) -> String {
    act(s, Action::SelectNext);
    act(s, Action::OpenSelected);
    type_text(s, text);
    let fx = act(s, Action::SendMessage);
    let [
        Effect::Send(OperatorIn::Message {
            id,
            chat_id: 2,
            text: sent,
        }),
    ] = fx.as_slice()
    else {
        panic!("expected a message, got {fx:?}");
    };
    assert_eq!(sent, text);
    id.clone()
}
