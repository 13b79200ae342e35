//! The bans picker, the generic picker's second use: `list_bans` asks the server, its answer
//! opens the picker, typing filters, Enter lifts the ban under the cursor.

use frontdesk_protocol::{Ban, OperatorIn, OperatorOut};

use super::*;
use crate::app::state::PickFrom;

fn ban(id: i64, visitor_id: i64, reason: &str) -> Ban {
    Ban {
        id,
        visitor_id,
        chat_id: None,
        by_ip: id == 2,
        reason: reason.into(),
        operator_id: ME,
        created_at: 1_795_000_000_000,
        until: 1_795_086_400_000,
    }
}

fn listed(s: &mut State, id: &str) {
    update(
        s,
        frame(OperatorOut::Bans {
            id: id.into(),
            bans: vec![ban(1, 41, "спам ссылками"), ban(2, 42, "оскорбления")],
            more: false,
        }),
    );
}

/// The preview of the ban at `key`, its lines run together.
fn preview_text(s: &State, key: usize) -> String {
    let preview = s.picker_preview(key).expect("preview");
    preview
        .lines
        .iter()
        .flatten()
        .map(|(t, _)| t.as_str())
        .collect()
}

#[test]
fn the_answer_to_our_question_opens_the_picker_and_enter_lifts_one() {
    let mut s = ready();
    let fx = act(&mut s, Action::ListBans);
    let [Effect::Send(OperatorIn::ListBans { id, before: None })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    listed(&mut s, &id.clone());
    assert_eq!(s.picker.as_ref().map(|p| p.from), Some(PickFrom::Ban));
    let labels: Vec<String> = s.picker_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["#41 спам ссылками", "#42 оскорбления"]);

    type_in_picker(&mut s, "оскорб");
    let text = preview_text(&s, s.picker_choice().expect("one left"));
    assert!(text.contains("address is banned too"), "{text}");

    let fx = act(&mut s, Action::PickerAccept);
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::Unban { ban_id: 2, .. })]
        ),
        "{fx:?}"
    );
    assert!(s.picker.is_none());
    assert_eq!(s.bans.len(), 1, "the lifted ban left the list");
}

#[test]
fn bans_we_did_not_ask_for_open_nothing() {
    let mut s = ready();
    listed(&mut s, "someone-else");
    assert!(s.picker.is_none());
    assert!(s.bans.is_empty());
}

fn type_in_picker(s: &mut State, text: &str) {
    for c in text.chars() {
        act(
            s,
            Action::PickerInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
        );
    }
}

/// A visitor the console holds a chat of is named beside their number, and found by name.
#[test]
fn a_known_visitor_is_named_and_found_by_name() {
    let mut s = ready();
    let fx = act(&mut s, Action::ListBans);
    let [Effect::Send(OperatorIn::ListBans { id, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    update(
        &mut s,
        frame(OperatorOut::Bans {
            id: id.clone(),
            bans: vec![ban(1, 20, "спам"), ban(3, 99, "грубость")],
            more: false,
        }),
    );
    let labels: Vec<String> = s.picker_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, ["Ольга #20 спам", "#99 грубость"]);
    type_in_picker(&mut s, "ольга");
    let preview = s
        .picker_preview(s.picker_choice().expect("one left"))
        .expect("preview");
    assert_eq!(preview.title, " Ольга #20 ");
}

/// A ban made in a chat leaves a line in its dialog: until when, by whom and why, the visitor's
/// words made harmless.
#[test]
fn the_chat_a_ban_was_made_in_says_so() {
    let mut s = ready();
    let mut b = ban(5, 20, "спам\x1b[2J ссылками");
    b.chat_id = Some(2);
    update(
        &mut s,
        event(11, frontdesk_protocol::EventBody::VisitorBanned { ban: b }),
    );
    let chat = &s.chats[&2];
    let last = chat.text(chat.messages.len() - 1);
    assert!(
        last.starts_with("visitor banned until ") && last.ends_with("by Анна: спам␛[2J ссылками"),
        "{last}"
    );
}

/// A ban made by a colleague disabled since names them in its preview, as their chats do.
#[test]
fn a_ban_by_a_colleague_disabled_since_names_them() {
    let mut s = ready();
    s.operators.insert(
        4,
        OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator),
    );
    update(
        &mut s,
        event(12, EventBody::OperatorDisabled { operator_id: 4 }),
    );
    let fx = act(&mut s, Action::ListBans);
    let [Effect::Send(OperatorIn::ListBans { id, .. })] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    let by_boris = Ban {
        operator_id: 4,
        ..ban(1, 41, "спам ссылками")
    };
    update(
        &mut s,
        frame(OperatorOut::Bans {
            id: id.clone(),
            bans: vec![by_boris],
            more: false,
        }),
    );
    let text = preview_text(&s, 0);
    assert!(text.contains("banned by Борис,"), "{text}");
}
