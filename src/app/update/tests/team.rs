//! The operators' own chat: `:team` and `:dm` open a pane and send, lines count unread and
//! alert like a visitor's message (never my own), our pending line is matched by its client
//! id, and `team_recent` / `team_history` fill the conversations.

use frontdesk_protocol::{
    EventBody, OperatorIn, OperatorInfo, OperatorOut, OperatorRole, TeamMessage,
};

use super::*;
use crate::app::state::Room;
use crate::notify::Notice;

const BORIS: i64 = 4;

fn team() -> State {
    let mut s = ready();
    let boris = OperatorInfo::new(BORIS, "boris", "Борис", OperatorRole::Operator);
    s.operators.insert(BORIS, boris);
    s
}

fn line(id: i64, from: i64, to: Option<i64>, text: &str) -> TeamMessage {
    TeamMessage {
        id,
        seq: 100 + u64::try_from(id).unwrap_or(0),
        ts: 1_795_000_000_000,
        from_operator_id: from,
        from_name: if from == ME {
            "Анна"
        } else {
            "Борис\x1b[31m"
        }
        .into(),
        to_operator_id: to,
        text: text.into(),
        client_id: None,
    }
}

fn posted(s: &mut State, seq: u64, m: TeamMessage) -> Vec<Effect> {
    update(s, event(seq, EventBody::TeamMessagePosted { message: m }))
}

fn run(s: &mut State, text: &str) -> Vec<Effect> {
    s.focus = Focus::Compose;
    type_text(s, text);
    act(s, Action::SendMessage)
}

/// Alerts that go out once the group has settled.
fn alerts_after_settling(s: &mut State) -> Vec<Notice> {
    let now = s.now + 5_000;
    update(s, Event::Tick { now })
        .into_iter()
        .filter_map(|e| match e {
            Effect::Notify(n) => Some(n),
            _ => None,
        })
        .collect()
}

#[test]
fn a_colleagues_team_line_counts_unread_and_alerts() {
    let mut s = team();
    posted(&mut s, 11, line(1, BORIS, None, "Кто знает про акцию?"));
    let room = &s.team.rooms[&Room::Team];
    assert_eq!(room.unread, 1);
    assert_eq!(room.text(0), "Кто знает про акцию?");
    // The colleague's name is sanitized like a visitor's.
    assert!(!room.author(&room.messages[0]).contains('\x1b'));
    assert_eq!(s.team_unread(), 1);
    assert!(crate::app::alerts::title(&s).contains('1'));
    let alerts = alerts_after_settling(&mut s);
    let [Notice::Show(alert)] = alerts.as_slice() else {
        panic!("{alerts:?}");
    };
    assert_eq!(alert.kind, crate::notify::rules::Kind::Message);
    assert!(
        alert.body.contains("акцию") || alert.summary.contains("акцию"),
        "{alert:?}"
    );
    // A one-to-one line goes to its own conversation.
    posted(&mut s, 12, line(2, BORIS, Some(ME), "Возьмёшь VIP?"));
    assert_eq!(s.team.rooms[&Room::With(BORIS)].unread, 1);
    assert!(crate::app::list::rows(&s).contains(&crate::app::list::Row::Room(Room::With(BORIS))));
}

#[test]
fn my_own_line_is_neither_unread_nor_alerted_and_replaces_its_pending_copy() {
    let mut s = team();
    let fx = run(&mut s, ":team всем привет");
    let sent: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::TeamMessage {
                id,
                to_operator,
                text,
            }) => Some((id.clone(), *to_operator, text.clone())),
            _ => None,
        })
        .collect();
    let [(id, None, text)] = sent.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(text, "всем привет");
    assert_eq!(s.pane_room(s.pane), Some(Room::Team));
    assert_eq!(s.compose.lines().join(""), "");
    let room = &s.team.rooms[&Room::Team];
    assert_eq!(room.messages.len(), 1);
    assert_eq!(room.messages[0].delivery, Delivery::Pending);
    // The stored copy comes back with our client id: one line, stored, nothing unread.
    let mut mine = line(7, ME, None, "всем привет");
    mine.client_id = Some(id.clone());
    // Looking elsewhere, so only "it is mine" keeps it quiet.
    act(&mut s, Action::ClosePane);
    posted(&mut s, 11, mine);
    let room = &s.team.rooms[&Room::Team];
    assert_eq!(room.messages.len(), 1);
    assert_eq!(room.messages[0].delivery, Delivery::Stored);
    assert_eq!(room.unread, 0);
    assert!(alerts_after_settling(&mut s).is_empty());
}

#[test]
fn a_line_in_the_room_i_look_at_is_not_unread_nor_alerted() {
    let mut s = team();
    act(&mut s, Action::OpenTeam);
    assert_eq!(s.pane_room(s.pane), Some(Room::Team));
    posted(&mut s, 11, line(1, BORIS, None, "привет"));
    assert_eq!(s.team.rooms[&Room::Team].unread, 0);
    assert!(alerts_after_settling(&mut s).is_empty());
}

#[test]
fn dm_opens_the_one_to_one_chat_and_tab_completes_the_colleague() {
    let mut s = team();
    s.focus = Focus::Compose;
    type_text(&mut s, ":dm bo");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(s.compose.lines().join(""), ":dm boris ");
    type_text(&mut s, "обед?");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        fx.iter().any(|e| matches!(
            e,
            Effect::Send(OperatorIn::TeamMessage { to_operator: Some(BORIS), text, .. }) if text == "обед?"
        )),
        "{fx:?}"
    );
    assert_eq!(s.pane_room(s.pane), Some(Room::With(BORIS)));
    // Enter in the pane sends to the same colleague.
    let fx = run(&mut s, "ок");
    assert!(matches!(
        fx.as_slice(),
        [Effect::Send(OperatorIn::TeamMessage {
            to_operator: Some(BORIS),
            ..
        })]
    ));
    // Myself: said so in words about writing, not about taking a chat.
    let fx = run(&mut s, ":dm anna hi");
    assert!(fx.is_empty());
    assert_eq!(s.notice.as_deref(), Some("that is you: name a colleague"));
    s.compose = crate::app::update::shared::fresh_compose(&s);
    // An unknown colleague: a notice, the line kept.
    let fx = run(&mut s, ":dm nobody hi");
    assert!(fx.is_empty());
    assert!(s.notice.is_some());
    assert_eq!(s.compose.lines().join(""), ":dm nobody hi");
}

#[test]
fn a_team_draft_stays_with_its_room() {
    let mut s = team();
    act(&mut s, Action::OpenTeam);
    type_text(&mut s, "черновик");
    s.selected = Some(2);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    assert_eq!(s.compose.lines().join(""), "");
    act(&mut s, Action::OpenTeam);
    assert_eq!(s.compose.lines().join(""), "черновик");
}

#[test]
fn recent_lines_fill_the_rooms_and_history_pages_back() {
    let mut s = team();
    update(
        &mut s,
        frame(OperatorOut::TeamRecent {
            messages: vec![
                line(10, BORIS, None, "десять"),
                line(11, ME, Some(BORIS), "одиннадцать"),
            ],
        }),
    );
    // What came with the snapshot is not news.
    assert_eq!(s.team_unread(), 0);
    assert!(alerts_after_settling(&mut s).is_empty());
    assert_eq!(s.team.rooms[&Room::With(BORIS)].messages.len(), 1);
    let fx = act(&mut s, Action::OpenTeam);
    assert!(
        fx.iter()
            .all(|e| !matches!(e, Effect::Send(OperatorIn::TeamHistory { .. })))
    );
    // Scrolled to the top: the page before line 10.
    let fx = act(&mut s, Action::PageUp);
    let [
        Effect::Send(OperatorIn::TeamHistory {
            id,
            with_operator: None,
            before: Some(10),
            ..
        }),
    ] = fx.as_slice()
    else {
        panic!("{fx:?}");
    };
    update(
        &mut s,
        frame(OperatorOut::TeamHistory {
            id: id.clone(),
            with_operator: None,
            messages: vec![line(8, BORIS, None, "восемь"), line(9, ME, None, "девять")],
            more: false,
        }),
    );
    let room = &s.team.rooms[&Room::Team];
    let texts: Vec<&str> = (0..room.messages.len()).map(|i| room.text(i)).collect();
    assert_eq!(texts, ["восемь", "девять", "десять"]);
    assert!(!room.more_before);
    assert!(act(&mut s, Action::PageUp).is_empty());
}

#[test]
fn the_colleague_picker_opens_a_one_to_one_chat() {
    let mut s = team();
    act(&mut s, Action::PickColleague);
    let items = s.picker_items();
    assert_eq!(items.len(), 2, "{items:?}");
    for c in "бор".chars() {
        act(
            &mut s,
            Action::PickerInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
        );
    }
    act(&mut s, Action::PickerAccept);
    assert_eq!(s.pane_room(s.pane), Some(Room::With(BORIS)));
}
