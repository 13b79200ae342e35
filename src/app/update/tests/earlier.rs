//! Earlier conversations: picked in the card by keys or a click, opened read-only in the
//! focused pane, loaded page by page, never written to.

use frontdesk_protocol::ChatSummary;

use super::*;

/// My chat 2 open (visitor 20) with the card shown, listing chats 2, 7 and 5 of the visitor.
fn with_earlier() -> State {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let fx = act(&mut s, Action::ToggleCard);
    assert!(
        matches!(
            fx.as_slice(),
            [Effect::Send(OperatorIn::VisitorChats {
                visitor_id: 20,
                ..
            })]
        ),
        "{fx:?}"
    );
    let chats = vec![
        summary(2, ChatStatus::Active),
        summary(7, ChatStatus::Closed),
        summary(5, ChatStatus::Closed),
    ];
    update(
        &mut s,
        frame(OperatorOut::VisitorChats {
            id: "vc".into(),
            visitor_id: 20,
            chats,
            more: false,
        }),
    );
    s
}

fn summary(id: i64, status: ChatStatus) -> ChatSummary {
    ChatSummary {
        chat: Chat {
            id,
            visitor_id: 20,
            status,
            operator_id: Some(ME),
            department: None,
            created_at: 1_790_000_000_000 + id,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        messages: 3,
        preview: Some(format!("preview {id}")),
        operator_name: None,
        rating: None,
    }
}

/// The one `history` request among the effects: (chat, before).
fn history(fx: &[Effect]) -> Option<(i64, Option<i64>)> {
    let asks: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::History {
                chat_id,
                before,
                limit,
                ..
            }) => {
                assert_eq!(*limit, 50);
                Some((*chat_id, *before))
            }
            _ => None,
        })
        .collect();
    assert!(asks.len() <= 1, "{fx:?}");
    asks.first().copied()
}

/// The answer to the pending `history` request of `chat_id`: messages `ids`, oldest first.
fn page(s: &mut State, chat_id: i64, ids: std::ops::Range<i64>, more: bool) {
    let id = s
        .pending
        .iter()
        .find(|(_, p)| matches!(p, PendingCommand::History { chat_id: c, .. } if *c == chat_id))
        .map(|(id, _)| id.clone())
        .expect("a history request is pending");
    let messages = ids
        .map(|i| visitor_msg(i, chat_id, 0, &format!("old {i}")))
        .collect();
    update(
        s,
        frame(OperatorOut::History {
            id,
            chat_id,
            messages,
            more,
        }),
    );
}

use crate::app::state::PendingCommand;

#[test]
fn open_earlier_shows_the_newest_listed_read_only_and_asks_for_its_last_page() {
    let mut s = with_earlier();
    let fx = act(&mut s, Action::OpenEarlier);
    assert_eq!(history(&fx), Some((7, None)));
    assert_eq!((s.panes[0].chat, s.panes[0].earlier), (None, Some(7)));
    assert!(s.focused_read_only());
    assert!(!s.shows(2), "the live chat is back in the list only");
    assert_eq!(s.open_id(), None);
    // The card still shows the visitor, and lists the live chat and the other earlier one.
    let listed: Vec<i64> = s.earlier_listed().iter().map(|c| c.chat.id).collect();
    assert_eq!(listed, [2, 5]);
    page(&mut s, 7, 100..103, false);
    let view = &s.archive[&7];
    let texts: Vec<&str> = view.messages.iter().map(|e| view.text_of(e)).collect();
    assert_eq!(texts, ["old 100", "old 101", "old 102"]);
    assert!(s.pending.is_empty());
    // Opening the live chat from the card goes back to it, writable.
    act(&mut s, Action::OpenEarlier);
    assert_eq!(s.open_id(), Some(2));
    assert!(
        s.archive.is_empty(),
        "an earlier chat no pane shows is let go"
    );
}

#[test]
fn keys_move_the_pick_round_the_card_list() {
    let mut s = with_earlier();
    let mut picks = Vec::new();
    for next in [true, true, true, false] {
        act(
            &mut s,
            if next {
                Action::EarlierNext
            } else {
                Action::EarlierPrev
            },
        );
        picks.push(s.earlier_pick);
    }
    assert_eq!(picks, [Some(7), Some(5), Some(7), Some(5)]);
    let fx = act(&mut s, Action::OpenEarlier);
    assert_eq!(history(&fx), Some((5, None)));
    // The live chat in a second pane; opening 5 from there focuses the pane showing it.
    act(&mut s, Action::SplitVertical);
    assert_eq!((s.pane, s.open_id()), (1, Some(2)));
    s.earlier_pick = Some(5);
    let fx = act(&mut s, Action::OpenEarlier);
    assert_eq!(history(&fx), None);
    assert_eq!((s.pane, s.panes[0].earlier), (0, Some(5)));
}

#[test]
fn picking_with_the_card_hidden_shows_it_first() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let fx = act(&mut s, Action::EarlierNext);
    assert!(s.screen.card);
    assert!(matches!(
        fx.as_slice(),
        [Effect::Send(OperatorIn::VisitorChats { .. })]
    ));
    assert_eq!(s.earlier_pick, None);
    s.screen.card = false;
    let fx = act(&mut s, Action::OpenEarlier);
    assert!(
        s.screen.card,
        "nothing listed yet: the card opens to list them"
    );
    assert!(matches!(
        fx.as_slice(),
        [Effect::Send(OperatorIn::VisitorChats { .. })]
    ));
}

#[test]
fn the_read_only_pane_refuses_a_reply_with_a_notice() {
    let mut s = with_earlier();
    act(&mut s, Action::OpenEarlier);
    s.focus = Focus::Compose;
    type_text(&mut s, "ответ");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::Message { .. }))),
        "{fx:?}"
    );
    assert_eq!(
        s.notice.as_deref(),
        Some(crate::i18n::EN.search.read_only_notice)
    );
    assert_eq!(s.compose.lines(), ["ответ"], "the text is kept");
    assert!(act(&mut s, Action::CloseChat).is_empty());
}

#[test]
fn scrolling_to_the_top_asks_for_the_next_older_page_once() {
    let mut s = with_earlier();
    act(&mut s, Action::OpenEarlier);
    page(&mut s, 7, 100..150, true);
    assert_eq!(s.archive[&7].total_rows(), 50);
    assert!(
        history(&act(&mut s, Action::PageUp)).is_none(),
        "not at the top yet"
    );
    let fx = act(&mut s, Action::ScrollDialog(1000));
    assert_eq!(history(&fx), Some((7, Some(100))));
    assert!(
        history(&act(&mut s, Action::PageUp)).is_none(),
        "one request at a time"
    );

    // The page arrives: the rows in view stay where they were.
    let scroll = s.dialog_scroll();
    let top = s.archive[&7].total_rows() - scroll - s.dialog_height();
    let shown = s.archive[&7].text(top).to_owned();
    page(&mut s, 7, 70..100, false);
    let view = &s.archive[&7];
    assert_eq!(view.total_rows(), 80);
    assert_eq!(s.dialog_scroll(), scroll);
    let top = view.total_rows() - scroll - s.dialog_height();
    assert_eq!(view.text(top), shown);
    assert!(!view.more_before);
    // No more pages: the top asks for nothing.
    assert!(history(&act(&mut s, Action::ScrollDialog(1000))).is_none());
    // Search works there too.
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "OLD 7");
    let hits = s.archive[&7].search.as_ref().map(|x| x.hits.len());
    assert_eq!(hits, Some(10));
}

#[test]
fn a_failed_request_can_be_asked_again() {
    let mut s = with_earlier();
    act(&mut s, Action::OpenEarlier);
    let id = s.pending.keys().next().cloned().expect("pending");
    update(
        &mut s,
        frame(OperatorOut::Error {
            id: Some(id),
            code: frontdesk_protocol::ErrorCode::NotFound,
            message: "busy".into(),
            retry_after_ms: None,
            reason: None,
        }),
    );
    assert!(s.pending.is_empty());
    assert_eq!(history(&act(&mut s, Action::PageUp)), Some((7, None)));
}

#[test]
fn a_late_page_for_a_closed_pane_is_dropped() {
    let mut s = with_earlier();
    act(&mut s, Action::OpenEarlier);
    act(&mut s, Action::ClosePane);
    assert!(s.archive.is_empty());
    page(&mut s, 7, 1..3, false);
    assert!(s.archive.is_empty() && s.pending.is_empty());
}

#[test]
fn an_earlier_chat_still_open_opens_live() {
    let mut s = with_earlier();
    // Chat 1 (waiting) listed for the visitor: it is a live chat.
    let list = s.earlier.get_mut(&20).expect("listed");
    list.insert(0, summary(1, ChatStatus::Waiting));
    s.earlier_pick = Some(1);
    act(&mut s, Action::OpenEarlier);
    assert_eq!((s.open_id(), s.panes[0].earlier), (Some(1), None));
}

#[test]
fn a_click_on_a_card_entry_opens_it() {
    let mut s = with_earlier();
    // At 80x24 the card is a strip above the dialog: one earlier chat at a time.
    assert_eq!(s.earlier_rows().map(|r| r.shown.len()), Some(1));
    // Wide enough for the card beside the dialog: both are listed.
    update(
        &mut s,
        Event::Resize {
            width: 160,
            height: 48,
        },
    );
    let rows = s.earlier_rows().expect("the card lists earlier chats");
    assert_eq!(rows.shown.len(), 2);
    let (x, y) = (rows.area.x + 2, rows.area.y + 2);
    // The header row is not an entry.
    assert_eq!(s.earlier_at(x, rows.area.y), None);
    let fx = act(&mut s, Action::ClickAt { column: x, row: y });
    assert_eq!(history(&fx), Some((5, None)));
    assert_eq!(s.panes[0].earlier, Some(5));
}

#[test]
fn a_closed_chat_also_in_the_list_opens_read_only_and_gets_its_pages() {
    let mut s = with_earlier();
    // Chat 7 closed today: the snapshot's list holds it too.
    let mut closed = chat(7, ChatStatus::Closed, Some(ME), 100);
    closed.visitor = visitor(20, Some("Ольга"));
    update(
        &mut s,
        event(
            11,
            EventBody::ChatCreated {
                chat: closed.chat,
                visitor: closed.visitor,
            },
        ),
    );
    s.earlier_pick = Some(7);
    act(&mut s, Action::OpenEarlier);
    assert_eq!(s.panes[0].earlier, Some(7));
    page(&mut s, 7, 90..92, true);
    assert_eq!(s.archive[&7].messages.len(), 2);
    assert!(
        s.chats[&7].messages.is_empty(),
        "the list's copy is left alone"
    );
}

#[test]
fn a_live_chat_scrolled_to_its_top_loads_older_pages_too() {
    let mut s = ready();
    let mut mine = chat(2, ChatStatus::Active, Some(ME), 500);
    mine.messages = (200..260).map(|i| visitor_msg(i, 2, 1, "recent")).collect();
    update(
        &mut s,
        frame(OperatorOut::snapshot(20, vec![mine], vec![me()])),
    );
    act(&mut s, Action::SelectFirst);
    act(&mut s, Action::OpenSelected);
    assert!(history(&act(&mut s, Action::PageUp)).is_none());
    let fx = act(&mut s, Action::ScrollDialog(1000));
    assert_eq!(history(&fx), Some((2, Some(200))));
    let scroll = s.dialog_scroll();
    page(&mut s, 2, 180..200, false);
    assert_eq!(s.chats[&2].total_rows(), 80);
    assert_eq!(s.chats[&2].text(0), "old 180");
    assert_eq!(s.dialog_scroll(), scroll, "the view stays");
    assert!(history(&act(&mut s, Action::ScrollDialog(1000))).is_none());
    // A chat that began while we watched has nothing older.
    let new = chat(9, ChatStatus::Waiting, None, 900);
    update(
        &mut s,
        event(
            21,
            EventBody::ChatCreated {
                chat: new.chat,
                visitor: new.visitor,
            },
        ),
    );
    assert!(!s.chats[&9].more_before);
}
