//! Enter on a hit: a chat of the list opens in the focused pane at the message without being
//! taken; any other is fetched and shown read-only, dropped when nobody waits for it any more,
//! and paged back when the message is older than the loaded ones.

use super::*;

#[test]
fn a_hit_in_a_chat_of_the_list_opens_it_at_the_message_without_taking_it() {
    let mut s = with_history();
    found(
        &mut s,
        vec![
            hit(2, 999, "заказ 1043", vec![[0, 5]]),
            hit(1, 104, "Я заказал диван", vec![[2, 9]]),
        ],
    );
    act(&mut s, Action::PickerNext);
    let fx = act(&mut s, Action::PickerAccept);
    assert!(!s.finder.open);
    assert_eq!(s.open_id(), Some(1));
    assert_eq!(s.selected, Some(1));
    assert!(
        !fx.iter().any(|e| matches!(
            e,
            Effect::Send(OperatorIn::Accept { .. } | OperatorIn::Message { .. })
        )),
        "nothing is taken or sent: {fx:?}"
    );
    assert_eq!(s.chats[&1].chat.status, ChatStatus::Waiting);
    // The message is marked by the dialog's search for the hit word, and in view.
    let view = &s.chats[&1];
    let search = view.search.as_ref().expect("marked");
    assert_eq!(search.query, "заказал");
    let current = search.current_hit().expect("current");
    assert_eq!(view.messages[current.entry].id(), Some(104));
    let below = view.rows_below(current);
    let pane = s.panes[s.pane];
    assert!(
        below >= pane.scroll && below < pane.scroll + s.dialog_height(),
        "{below} in {pane:?}"
    );
    assert!(s.finder.jump.is_none());
}

#[test]
fn a_chat_the_console_does_not_hold_is_fetched_and_shown_read_only_at_the_message() {
    let mut s = ready();
    found(
        &mut s,
        vec![hit(77, 701, "Я \u{202E}заказал диван", vec![[3, 10]])],
    );
    let fx = act(&mut s, Action::PickerAccept);
    assert_eq!(fx, [Effect::FetchFoundChat { chat_id: 77 }]);
    assert!(s.finder.open, "the screen says it is opening");
    let mut transcript = chat(77, ChatStatus::Closed, Some(4), 100);
    transcript.messages = (0..30)
        .map(|i| visitor_msg(680 + i, 77, 0, &format!("старое {i}")))
        .collect();
    transcript.messages[21] = visitor_msg(701, 77, 0, "Я \u{202E}заказал диван");
    let transcript = Transcript {
        chat: transcript.chat,
        visitor: transcript.visitor,
        messages: transcript.messages,
        truncated: false,
        rating: None,
        rating_comment: None,
    };
    let fx = update(
        &mut s,
        Event::FoundChat {
            chat_id: 77,
            result: Ok(Box::new(transcript)),
        },
    );
    assert!(!s.finder.open);
    assert_eq!(
        (s.panes[s.pane].chat, s.panes[s.pane].earlier),
        (None, Some(77))
    );
    assert!(s.focused_read_only());
    assert!(
        fx.iter()
            .all(|e| matches!(e, Effect::Send(OperatorIn::Viewing { chat_id: None }))),
        "{fx:?}"
    );
    let view = &s.archive[&77];
    let current = view
        .search
        .as_ref()
        .and_then(|x| x.current_hit())
        .expect("marked");
    assert_eq!(view.messages[current.entry].id(), Some(701));
    assert_eq!(
        &view.text(current.entry)[current.start..current.end],
        "заказал"
    );
    // Nothing typed there reaches anyone.
    s.focus = Focus::Compose;
    type_text(&mut s, "ответ");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::Message { .. })))
    );
}

#[test]
fn a_fetched_chat_nobody_waits_for_any_more_is_dropped() {
    let mut s = ready();
    found(&mut s, vec![hit(77, 701, "заказал", vec![[0, 7]])]);
    act(&mut s, Action::PickerAccept);
    act(&mut s, Action::PickerClose);
    let t = chat(77, ChatStatus::Closed, None, 100);
    let transcript = Transcript {
        chat: t.chat,
        visitor: t.visitor,
        messages: Vec::new(),
        truncated: false,
        rating: None,
        rating_comment: None,
    };
    let fx = update(
        &mut s,
        Event::FoundChat {
            chat_id: 77,
            result: Ok(Box::new(transcript)),
        },
    );
    assert!(fx.is_empty());
    assert!(s.archive.is_empty());
    assert_eq!(s.panes[0].earlier, None);
    // A failed fetch is a line on the screen.
    act(&mut s, Action::SearchChats);
    act(&mut s, Action::PickerAccept);
    update(
        &mut s,
        Event::FoundChat {
            chat_id: 77,
            result: Err("not found".into()),
        },
    );
    assert!(s.finder.open);
    assert_eq!(s.finder.error.as_deref(), Some("not found"));
}

#[test]
fn a_message_older_than_the_loaded_ones_is_paged_in_then_marked() {
    let mut s = ready();
    s.chats.get_mut(&2).expect("chat 2").more_before = true;
    for i in 0..3 {
        let m = visitor_msg(300 + i, 2, 11 + i as u64, &format!("новое {i}"));
        update(
            &mut s,
            event(11 + i as u64, EventBody::MessagePosted { message: m }),
        );
    }
    found(&mut s, vec![hit(2, 120, "заказ 1043", vec![[0, 5]])]);
    let fx = act(&mut s, Action::PickerAccept);
    assert_eq!(s.open_id(), Some(2));
    let id = fx
        .iter()
        .find_map(|e| match e {
            Effect::Send(OperatorIn::History {
                id,
                chat_id: 2,
                before: Some(300),
                ..
            }) => Some(id.clone()),
            _ => None,
        })
        .expect("an older page asked for");
    assert!(s.finder.jump.is_some());
    let messages = (110..130)
        .map(|i| {
            let text = if i == 120 {
                "заказ 1043".into()
            } else {
                format!("old {i}")
            };
            visitor_msg(i, 2, 0, &text)
        })
        .collect();
    update(
        &mut s,
        frame(OperatorOut::History {
            id,
            chat_id: 2,
            messages,
            more: true,
        }),
    );
    assert!(s.finder.jump.is_none());
    let view = &s.chats[&2];
    let current = view
        .search
        .as_ref()
        .and_then(|x| x.current_hit())
        .expect("marked");
    assert_eq!(view.messages[current.entry].id(), Some(120));
}
