//! Panes: split, close, cycle, focus, swap, per-pane scroll, mouse, and unfocused panes
//! that keep living.

use super::*;
use crate::app::geometry::Layout;

fn chats(s: &State) -> Vec<Option<i64>> {
    s.panes.iter().map(|p| p.chat).collect()
}

/// Chat 2 open in pane 1, chat 1 (selected) in pane 2, pane 2 focused.
pub(super) fn two_panes() -> State {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    act(&mut s, Action::SelectPrev);
    act(&mut s, Action::SplitVertical);
    s
}

fn post(s: &mut State, seq: u64, chat_id: i64, text: &str) {
    let m = visitor_msg(i64::try_from(seq).unwrap_or(0), chat_id, seq, text);
    update(s, event(seq, EventBody::MessagePosted { message: m }));
}

#[test]
fn split_opens_the_selected_chat_then_empty_panes_up_to_four() {
    let mut s = two_panes();
    assert_eq!(s.layout, Layout::Columns);
    assert_eq!(chats(&s), [Some(2), Some(1)]);
    assert_eq!((s.pane, s.open_id()), (1, Some(1)));
    // Chat 1 is already shown: the next split stays empty (a hint is drawn).
    act(&mut s, Action::SplitHorizontal);
    assert_eq!(
        (s.layout, chats(&s)),
        (Layout::Three, vec![Some(2), Some(1), None])
    );
    assert_eq!(s.open_id(), None);
    act(&mut s, Action::SplitHorizontal);
    act(&mut s, Action::SplitHorizontal);
    assert_eq!((s.layout, s.panes.len(), s.pane), (Layout::Four, 4, 3));

    let mut stacked = ready();
    act(&mut stacked, Action::SplitHorizontal);
    assert_eq!(stacked.layout, Layout::Rows);
    assert_eq!(chats(&stacked), [None, Some(1)]);
}

#[test]
fn close_removes_the_focused_pane_and_empties_the_last() {
    let mut s = two_panes();
    act(&mut s, Action::SplitVertical);
    act(&mut s, Action::FocusPane(2));
    act(&mut s, Action::ClosePane);
    assert_eq!(
        (s.layout, chats(&s)),
        (Layout::Columns, vec![Some(2), None])
    );
    assert_eq!(s.pane, 1);
    act(&mut s, Action::ClosePane);
    assert_eq!(
        (s.layout, chats(&s), s.pane),
        (Layout::One, vec![Some(2)], 0)
    );
    act(&mut s, Action::ClosePane);
    assert_eq!(chats(&s), [None]);
}

#[test]
fn cycle_goes_round_and_keeps_the_focused_chat() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    act(&mut s, Action::SelectPrev);
    let mut seen = Vec::new();
    for _ in 0..5 {
        act(&mut s, Action::CycleLayout);
        seen.push((s.layout, s.panes.len()));
    }
    assert_eq!(
        seen,
        [
            (Layout::Columns, 2),
            (Layout::Rows, 2),
            (Layout::Three, 3),
            (Layout::Four, 4),
            (Layout::One, 1),
        ]
    );
    assert_eq!(chats(&s), [Some(2)], "the focused pane survives");
}

#[test]
fn focus_moves_next_prev_and_by_number_and_the_draft_follows() {
    let mut s = two_panes();
    act(&mut s, Action::SplitVertical);
    act(&mut s, Action::FocusPane(1));
    assert_eq!((s.pane, s.open_id()), (0, Some(2)));
    type_text(&mut s, "half");
    act(&mut s, Action::FocusNextPane);
    assert_eq!((s.pane, s.open_id()), (1, Some(1)));
    assert_eq!(s.compose.lines().join(""), "", "chat 1 has its own box");
    act(&mut s, Action::FocusPrevPane);
    act(&mut s, Action::FocusPrevPane);
    assert_eq!(s.pane, 2, "wraps round");
    act(&mut s, Action::FocusNextPane);
    assert_eq!(s.pane, 0);
    assert_eq!(s.compose.lines().join(""), "half");
    act(&mut s, Action::FocusPane(4));
    assert_eq!(s.pane, 0, "no fourth pane");
}

#[test]
fn swap_shows_the_selected_chat_here_or_trades_panes() {
    let mut s = two_panes();
    act(&mut s, Action::FocusPane(1));
    // The operator picks chat 1 in the list; it is in pane 2: the panes trade.
    s.selected = Some(1);
    act(&mut s, Action::SwapPane);
    assert_eq!(chats(&s), [Some(1), Some(2)]);
    assert_eq!(s.open_id(), Some(1));
    // Enter on a chat shown elsewhere focuses that pane rather than showing it twice.
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!((s.pane, chats(&s)), (1, vec![Some(1), Some(2)]));
}

#[test]
fn each_pane_scrolls_on_its_own_and_the_wheel_picks_the_pane_under_it() {
    let mut s = two_panes();
    for i in 0..60 {
        post(&mut s, 11 + 2 * i, 2, "two");
        post(&mut s, 12 + 2 * i, 1, "one");
    }
    act(&mut s, Action::FocusPane(1));
    act(&mut s, Action::PageUp);
    assert_eq!(s.panes[0].scroll, s.pane_height(0) - 1);
    assert_eq!(s.panes[1].scroll, 0);
    let right = s.pane_rects()[1];
    act(
        &mut s,
        Action::WheelAt {
            column: right.x + 2,
            row: right.y + 2,
            lines: 3,
        },
    );
    assert_eq!(s.panes[1].scroll, 3);
    assert_eq!(s.pane, 0, "the wheel does not move the focus");
    act(&mut s, Action::ScrollDialog(-1000));
    assert_eq!((s.panes[0].scroll, s.panes[1].scroll), (0, 3));
}

#[test]
fn a_click_in_a_pane_focuses_it() {
    let mut s = two_panes();
    let left = s.pane_rects()[0];
    act(
        &mut s,
        Action::ClickAt {
            column: left.x + 1,
            row: left.y + 1,
        },
    );
    assert_eq!((s.pane, s.open_id()), (0, Some(2)));
}

#[test]
fn unfocused_panes_get_messages_and_typing_without_unread() {
    let mut s = two_panes();
    act(&mut s, Action::FocusPane(1));
    post(&mut s, 11, 1, "в другой панели");
    update(
        &mut s,
        frame(OperatorOut::VisitorTyping {
            chat_id: 1,
            draft: "ещё".into(),
        }),
    );
    let chat = &s.chats[&1];
    assert_eq!(
        chat.messages.last().map(|e| chat.text_of(e)),
        Some("в другой панели")
    );
    assert_eq!(chat.unread, 0, "visible in a pane");
    assert_eq!(chat.draft.as_deref(), Some("ещё"));
    assert_eq!(
        chat.wrapped_width(),
        s.pane_width(1),
        "wrapped to its own pane"
    );
    act(&mut s, Action::FocusPane(2));
    act(&mut s, Action::ClosePane);
    // Chat 1 is on no pane any more: a new message counts as unread.
    assert!(!s.shows(1));
    // Only shown chats keep wrapped rows: memory for a thousand chats in the list.
    assert_eq!(s.chats[&1].total_rows(), 0);
    post(&mut s, 12, 1, "unseen");
    assert_eq!(s.chats[&1].unread, 1);
    assert_eq!(s.chats[&1].wrapped_width(), 0);
}

#[test]
fn scrolled_back_view_stays_put_and_counts_new_messages_below() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    for i in 0..60 {
        post(&mut s, 100 + i, 2, &format!("line {i}"));
    }
    act(&mut s, Action::PageUp);
    let scrolled = s.panes[s.pane].scroll;
    assert!(scrolled > 0);
    post(&mut s, 200, 2, "a new one");
    post(&mut s, 201, 2, "and another");
    let pane = s.panes[s.pane];
    assert_eq!(pane.new_below, 2);
    assert_eq!(pane.scroll, scrolled + 2, "the same lines stay in view");
    act(&mut s, Action::JumpToBottom);
    let pane = s.panes[s.pane];
    assert_eq!((pane.scroll, pane.new_below), (0, 0));
    // At the bottom, new messages simply show: nothing is "below".
    post(&mut s, 202, 2, "live");
    assert_eq!(s.panes[s.pane].new_below, 0);
}

#[test]
fn the_last_runs_layout_comes_back_with_the_first_snapshot() {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    s.restore = Some(crate::app::state::SavedLayout {
        layout: Layout::Four,
        panes: vec![Some(2), Some(99), Some(1), None],
        focused: 2,
        card: true,
    });
    update(
        &mut s,
        frame(OperatorOut::snapshot(
            10,
            vec![
                chat(1, ChatStatus::Waiting, None, 1000),
                chat(2, ChatStatus::Active, Some(ME), 500),
            ],
            vec![me()],
        )),
    );
    assert_eq!(s.layout, Layout::Four);
    assert_eq!(
        chats(&s),
        [Some(2), None, Some(1), None],
        "chat 99 is gone: empty pane"
    );
    assert_eq!(s.pane, 2);
    assert!(s.screen.card);
    assert!(s.restore.is_none(), "applied once");
    assert_eq!(s.saved_layout().panes, [Some(2), None, Some(1), None]);
}
