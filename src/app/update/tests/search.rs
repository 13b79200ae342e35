//! Search within a dialog: the prompt, live hits, Enter and Esc, jumping from hit to hit with
//! the pane scrolled to it, new messages while searching.

use super::*;

/// My chat 2 open in the only pane (the reply box focused), holding `texts` as visitor lines.
fn open_with(texts: &[&str]) -> State {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    for (i, text) in texts.iter().enumerate() {
        post(&mut s, 11 + i as u64, text);
    }
    s
}

fn post(s: &mut State, seq: u64, text: &str) {
    let m = visitor_msg(i64::try_from(seq).unwrap_or(0), 2, seq, text);
    update(s, event(seq, EventBody::MessagePosted { message: m }));
}

fn search(s: &State) -> Option<&crate::app::search::Search> {
    s.chats[&2].search.as_ref()
}

fn position(s: &State) -> Option<(usize, usize)> {
    search(s).and_then(|x| x.position())
}

fn backspace(s: &mut State) {
    act(
        s,
        Action::ComposeInput(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Backspace,
            ..Default::default()
        }),
    );
}

#[test]
fn typing_finds_hits_at_once_in_any_case() {
    let mut s = open_with(&["Привет!", "как дела", "ПРИВЕТ ещё раз", "привет-привет"]);
    assert_eq!(s.focus, Focus::Compose);
    act(&mut s, Action::SearchDialog);
    assert_eq!(s.focus, Focus::Search);
    type_text(&mut s, "прив");
    assert_eq!(search(&s).map(|x| x.hits.len()), Some(4));
    assert_eq!(position(&s), Some((1, 4)), "the newest hit is current");
    assert_eq!(s.compose.lines(), [""], "the reply box got nothing");
    type_text(&mut s, "ЕТ ещё");
    assert_eq!(search(&s).map(|x| x.hits.len()), Some(1));
    type_text(&mut s, "x");
    assert_eq!(search(&s).map(|x| x.hits.len()), Some(0));
    assert_eq!(position(&s), None);
    backspace(&mut s);
    assert_eq!(search(&s).map(|x| x.query.as_str()), Some("привЕТ ещё"));
    assert_eq!(search(&s).map(|x| x.hits.len()), Some(1));
    act(&mut s, Action::Paste("\nпривет".into()));
    assert_eq!(
        search(&s).map(|x| x.query.as_str()),
        Some("привЕТ ещё привет")
    );
}

#[test]
fn enter_keeps_the_hits_and_gives_the_keys_back() {
    let mut s = open_with(&["да", "нет"]);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "да");
    act(&mut s, Action::SearchAccept);
    assert_eq!(s.focus, Focus::Compose);
    assert_eq!(position(&s), Some((1, 1)));
    // Keys typed now go to the reply again.
    type_text(&mut s, "ok");
    assert_eq!(s.compose.lines(), ["ok"]);
    // From the list, the prompt returns to the list; an empty query leaves no search.
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SearchDialog);
    for _ in 0..2 {
        backspace(&mut s);
    }
    act(&mut s, Action::SearchAccept);
    assert_eq!((s.focus, search(&s)), (Focus::List, None));
}

#[test]
fn esc_clears_the_search() {
    let mut s = open_with(&["да"]);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "да");
    act(&mut s, Action::SearchClear);
    assert_eq!((s.focus, search(&s)), (Focus::Compose, None));
    // Tab out of the prompt keeps the search and moves on as Tab does.
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "да");
    act(&mut s, Action::ToggleFocus);
    assert_eq!(s.focus, Focus::List);
    assert!(search(&s).is_some());
}

#[test]
fn next_goes_back_in_time_and_both_wrap_round() {
    let mut s = open_with(&["один", "два", "один", "три", "один"]);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "один");
    act(&mut s, Action::SearchAccept);
    let mut seen = vec![position(&s)];
    for _ in 0..3 {
        act(&mut s, Action::SearchNext);
        seen.push(position(&s));
    }
    act(&mut s, Action::SearchPrev);
    seen.push(position(&s));
    let want = [(1, 3), (2, 3), (3, 3), (1, 3), (3, 3)].map(Some);
    assert_eq!(seen, want);
    let current = search(&s).and_then(|x| x.current_hit()).map(|h| h.entry);
    assert_eq!(current, Some(0), "3/3 is the oldest message");
}

/// The focused pane's rows in view, as (first, last) rows counted up from the newest.
fn in_view(s: &State, below: usize) -> bool {
    let scroll = s.dialog_scroll();
    below >= scroll && below < scroll + s.dialog_height()
}

#[test]
fn a_jump_scrolls_the_hit_into_view_and_back() {
    let mut texts: Vec<String> = (0..100).map(|i| format!("строка {i}")).collect();
    texts[5] = "тут иголка".into();
    texts[95] = "и тут Иголка".into();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut s = open_with(&refs);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "иголка");
    assert_eq!(position(&s), Some((1, 2)));
    assert_eq!(s.dialog_scroll(), 0, "the newest hit is already in view");
    act(&mut s, Action::SearchNext);
    // Message 5 is 94 rows up from the newest (one row each).
    assert!(s.dialog_scroll() > 0);
    assert!(in_view(&s, 94), "scroll {}", s.dialog_scroll());
    let far = s.dialog_scroll();
    act(&mut s, Action::SearchNext);
    assert!(in_view(&s, 4));
    assert!(s.dialog_scroll() < far);
    assert_eq!(s.panes[0].new_below, 0);
}

#[test]
fn typing_lands_on_the_nearest_hit_above_the_view() {
    let mut texts: Vec<String> = (0..100).map(|i| format!("строка {i}")).collect();
    for i in [10, 40, 90] {
        texts[i] = format!("пингвин {i}");
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut s = open_with(&refs);
    // Back so the bottom row of the view is message 50.
    act(&mut s, Action::ScrollDialog(49));
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "пингвин");
    assert_eq!(position(&s), Some((2, 3)), "message 40, not the newest");
    assert_eq!(s.dialog_scroll(), 49, "it is in view: no jump");
}

#[test]
fn a_new_message_is_searched_alone_and_the_current_hit_stays() {
    let mut s = open_with(&["заказ", "ok", "заказ 2"]);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "заказ");
    act(&mut s, Action::SearchNext);
    assert_eq!(position(&s), Some((2, 2)));
    post(&mut s, 20, "ещё ЗАКАЗ");
    assert_eq!(position(&s), Some((3, 3)), "same hit, one more below it");
    post(&mut s, 21, "nothing");
    assert_eq!(position(&s), Some((3, 3)));
}

#[test]
fn another_pane_takes_the_focus_and_the_prompt_closes() {
    let mut s = open_with(&["да"]);
    act(&mut s, Action::SelectPrev);
    act(&mut s, Action::SplitVertical);
    act(&mut s, Action::FocusPane(1));
    s.focus = Focus::List;
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "да");
    act(&mut s, Action::FocusPane(2));
    // The prompt closed; pane 2 shows a chat, so its reply box takes the keys.
    assert_eq!(s.focus, Focus::Compose);
    // The search stays with its chat.
    assert_eq!(position(&s), Some((1, 1)));
    // An empty pane has nothing to search.
    act(&mut s, Action::ClosePane);
    act(&mut s, Action::SplitVertical);
    act(&mut s, Action::SplitVertical);
    assert_eq!(s.open_id(), None);
    act(&mut s, Action::SearchDialog);
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn a_snapshot_keeps_the_query() {
    let mut s = open_with(&["да"]);
    act(&mut s, Action::SearchDialog);
    type_text(&mut s, "да");
    act(&mut s, Action::SearchAccept);
    let mut chat2 = chat(2, ChatStatus::Active, Some(ME), 500);
    chat2.messages = vec![visitor_msg(11, 2, 11, "да"), visitor_msg(12, 2, 12, "Да!")];
    update(
        &mut s,
        frame(OperatorOut::snapshot(30, vec![chat2], vec![me()])),
    );
    assert_eq!(search(&s).map(|x| x.hits.len()), Some(2));
}
