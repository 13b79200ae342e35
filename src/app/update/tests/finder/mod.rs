//! The search across chats: one request at a time with old answers dropped, errors as a
//! line, and Enter on a hit opening its chat at the message — the list's chat in the focused
//! pane without taking it, any other fetched and shown read-only.

use frontdesk_protocol::search::{HitKind, SearchHit, SearchResults};
use frontdesk_protocol::transcript::Transcript;

use super::*;
use crate::app::KeyContext;

mod open_hit;

/// Types into the search screen (the picker's keys reach it as `picker_input`).
fn type_query(s: &mut State, text: &str) {
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

fn clear_query(s: &mut State) {
    act(
        s,
        Action::PickerInput(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char('u'),
            ctrl: true,
            ..Default::default()
        }),
    );
}

/// The one search request among `fx`: (serial, query).
fn asked(fx: &[Effect]) -> Option<(u64, String)> {
    match fx {
        [
            Effect::SearchChats {
                serial,
                query,
                limit,
            },
        ] => {
            assert_eq!(*limit, crate::app::state::HITS);
            Some((*serial, query.clone()))
        }
        [] => None,
        other => panic!("{other:?}"),
    }
}

fn hit(chat_id: i64, message_id: i64, snippet: &str, marks: Vec<[u32; 2]>) -> SearchHit {
    SearchHit {
        chat_id,
        message_id: Some(message_id),
        ts: 1_795_000_000_000,
        author: Author {
            role: Role::Visitor,
            operator_id: None,
            name: Some("Ольга".into()),
        },
        kind: HitKind::Text,
        snippet: snippet.into(),
        marks,
    }
}

fn answer(s: &mut State, serial: u64, hits: Vec<SearchHit>) -> Vec<Effect> {
    let found = SearchResults {
        hits,
        indexed_up_to: 1_000,
    };
    update(
        s,
        Event::ChatsFound {
            serial,
            result: Ok(Box::new(found)),
        },
    )
}

/// `ready()` with chat 1 (waiting) holding 40 messages, "Я заказал диван" the 5th.
fn with_history() -> State {
    let mut s = ready();
    for i in 0..40 {
        let text = if i == 4 {
            "Я заказал диван".to_owned()
        } else {
            format!("строка {i}")
        };
        let m = visitor_msg(100 + i, 1, 11 + i as u64, &text);
        update(
            &mut s,
            event(11 + i as u64, EventBody::MessagePosted { message: m }),
        );
    }
    s
}

/// The search screen asked for «заказ» and answered with `hits`.
fn found(s: &mut State, hits: Vec<SearchHit>) {
    act(s, Action::SearchChats);
    type_query(s, "заказ");
    let (serial, _) = asked(&act(s, Action::PickerAccept)).expect("asked");
    assert!(answer(s, serial, hits).is_empty());
}

#[test]
fn enter_asks_and_the_picker_keys_drive_the_screen() {
    let mut s = ready();
    assert!(act(&mut s, Action::SearchChats).is_empty());
    assert!(s.finder.open);
    assert_eq!(s.key_context(), KeyContext::Picker);
    assert_eq!(asked(&act(&mut s, Action::PickerAccept)), None, "blank");
    type_query(&mut s, "заказ");
    let fx = act(&mut s, Action::PickerAccept);
    assert_eq!(asked(&fx), Some((1, "заказ".into())));
    // Typing reached the query only: the reply box and the list stay as they were.
    assert!(s.compose.lines().join("").is_empty());
    act(&mut s, Action::PickerClose);
    assert!(!s.finder.open);
    assert_eq!(s.key_context(), KeyContext::List);
}

#[test]
fn one_request_at_a_time_and_an_answer_for_an_old_query_is_dropped() {
    let mut s = ready();
    act(&mut s, Action::SearchChats);
    type_query(&mut s, "заказ");
    assert_eq!(
        asked(&act(&mut s, Action::PickerAccept)),
        Some((1, "заказ".into()))
    );
    clear_query(&mut s);
    type_query(&mut s, "диван");
    assert_eq!(
        asked(&act(&mut s, Action::PickerAccept)),
        None,
        "one in flight"
    );
    // The answer for «заказ» comes: dropped, and «диван» asked for now.
    let old = vec![hit(1, 11, "Я заказал", vec![[2, 9]])];
    assert_eq!(asked(&answer(&mut s, 1, old)), Some((2, "диван".into())));
    assert_eq!(s.finder.shown, None);
    // An answer to no request on its way is dropped too.
    assert!(answer(&mut s, 1, vec![hit(1, 11, "x", vec![])]).is_empty());
    assert_eq!(s.finder.shown, None);
    assert!(answer(&mut s, 2, vec![hit(1, 12, "диван", vec![[0, 5]])]).is_empty());
    let shown = s.finder.shown.as_ref().expect("shown");
    assert_eq!((shown.query.as_str(), shown.hits.len()), ("диван", 1));
    assert!(s.finder.asked.is_none());
}

#[test]
fn an_error_or_nothing_found_is_a_line_and_the_screen_stays() {
    let mut s = ready();
    act(&mut s, Action::SearchChats);
    type_query(&mut s, "заказ");
    act(&mut s, Action::PickerAccept);
    let fx = update(
        &mut s,
        Event::ChatsFound {
            serial: 1,
            result: Err("cannot reach http://127.0.0.1:1".into()),
        },
    );
    assert!(fx.is_empty());
    assert!(s.finder.open);
    assert_eq!(
        s.finder.error.as_deref(),
        Some("cannot reach http://127.0.0.1:1")
    );
    // Enter again asks again; an empty answer is shown as nothing found, Enter asks again.
    let (serial, _) = asked(&act(&mut s, Action::PickerAccept)).expect("asked again");
    assert_eq!(s.finder.error, None);
    answer(&mut s, serial, Vec::new());
    assert!(s.finder.shown.as_ref().is_some_and(|f| f.hits.is_empty()));
    assert_eq!(
        asked(&act(&mut s, Action::PickerAccept)).map(|a| a.0),
        Some(3)
    );
}

#[test]
fn the_search_command_opens_the_screen_and_asks_at_once() {
    let mut s = ready();
    s.focus = Focus::Compose;
    type_text(&mut s, ":se");
    act(&mut s, Action::CompleteCanned);
    assert_eq!(s.compose.lines(), [":search "]);
    type_text(&mut s, "заказ диван");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        fx.iter().any(|e| *e
            == Effect::SearchChats {
                serial: 1,
                query: "заказ диван".into(),
                limit: crate::app::state::HITS,
            }),
        "{fx:?}"
    );
    assert!(s.finder.open);
    assert_eq!(s.finder.query, "заказ диван");
    assert!(s.compose.lines().join("").is_empty(), "not a draft");
    assert_eq!(s.key_context(), KeyContext::Picker);
}

#[test]
fn a_picker_opened_over_the_screen_takes_its_own_keys() {
    let mut s = ready();
    found(&mut s, vec![hit(1, 11, "заказ", vec![[0, 5]])]);
    act(&mut s, Action::CannedPicker);
    assert!(s.picker.is_some());
    act(&mut s, Action::PickerClose);
    assert!(s.picker.is_none(), "the picker closed");
    assert!(s.finder.open, "the search screen is still there");
    // The queue view takes the screen instead; ctrl-g again brings the search back as it was.
    act(&mut s, Action::ToggleQueue);
    assert!(s.queue.open && !s.finder.open);
    act(&mut s, Action::SearchChats);
    assert!(!s.queue.open && s.finder.open);
    assert_eq!(s.finder.shown.as_ref().map(|f| f.hits.len()), Some(1));
    // So does the statistics screen, and the search key takes it back from that one too:
    // one screen over the list at a time.
    act(&mut s, Action::ToggleStats);
    assert!(s.stats.open && !s.finder.open && !s.queue.open);
    act(&mut s, Action::SearchChats);
    assert!(!s.stats.open && s.finder.open);
}
