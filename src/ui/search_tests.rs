//! Search and earlier chats on screen: hits highlighted (the current one apart) in the focused
//! pane only, with and without colour; the count or "no matches" in the title; the prompt on
//! the bottom border; an earlier chat's read-only title; the card's pickable list.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, ChatSummary, Message, OperatorInfo, OperatorOut, OperatorRole,
    OperatorStatus, PrechatFields, VisitorProfile,
};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, text};

const T0: i64 = 1_795_000_000_000;

fn message(id: i64, chat_id: i64, text: &str) -> Message {
    crate::ui::screen_test::visitor_message(id, chat_id, 1, T0, text)
}

fn chat(id: i64, texts: &[&str]) -> ChatState {
    ChatState::new(
        Chat {
            id,
            visitor_id: 40,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 40,
            visits: 3,
            chats: 3,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        texts
            .iter()
            .zip(1..)
            .map(|(t, i)| message(id * 100 + i, id, t))
            .collect(),
    )
}

fn act(s: &mut State, a: Action) -> Vec<crate::app::Effect> {
    update(s, Event::Action(a))
}

/// Chat 1 (and chat 2, if given) open, the first one focused.
fn state(strings: &'static crate::i18n::Strings, one: &[&str], two: Option<&[&str]>) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    let me = OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(me.clone(), 5))),
    );
    let mut chats = vec![chat(1, one)];
    chats.extend(two.map(|t| chat(2, t)));
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(5, chats, vec![me]))),
    );
    act(&mut s, Action::SelectFirst);
    act(&mut s, Action::OpenSelected);
    if two.is_some() {
        act(&mut s, Action::SelectNext);
        act(&mut s, Action::SplitVertical);
        act(&mut s, Action::FocusPane(1));
    }
    s
}

fn search(s: &mut State, query: &str) {
    act(s, Action::SearchDialog);
    act(s, Action::Paste(query.into()));
}

/// The cells showing `word` on the row that holds `row_text`.
fn cells<'a>(buf: &'a Buffer, row_text: &str, word: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let screen = text(buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(row_text))
        .unwrap_or_else(|| panic!("no row with {row_text:?} in\n{screen}"));
    let before = &line[..line.find(row_text).expect("found") + row_text.find(word).expect("word")];
    let x = crate::app::wrap::width(before);
    let y = u16::try_from(y).expect("row");
    (0..word.chars().count())
        .map(|i| &buf[(u16::try_from(x + i).expect("column"), y)])
        .collect()
}

#[test]
fn every_hit_is_highlighted_and_the_current_one_apart() {
    let mut s = state(
        &crate::i18n::EN,
        &["Привет, Ольга", "как дела?", "ПРИВЕТ ещё раз"],
        None,
    );
    search(&mut s, "привет");
    let buf = draw(&s);
    let screen = text(&buf);
    assert!(screen.contains("Ольга · 1/2"), "{screen}");
    let current = cells(&buf, "ПРИВЕТ ещё раз", "ПРИВЕТ");
    let other = cells(&buf, "Привет, Ольга", "Привет");
    let plain = cells(&buf, "ПРИВЕТ ещё раз", "ещё");
    assert!(
        current.iter().all(|c| c.bg == Color::LightRed),
        "{current:?}"
    );
    assert!(other.iter().all(|c| c.bg == Color::Yellow), "{other:?}");
    assert!(plain.iter().all(|c| c.bg == Color::Reset));

    act(&mut s, Action::SearchNext);
    let buf = draw(&s);
    assert!(text(&buf).contains("Ольга · 2/2"));
    assert!(
        cells(&buf, "Привет, Ольга", "Привет")
            .iter()
            .all(|c| c.bg == Color::LightRed)
    );

    s.screen.no_color = true;
    let buf = draw(&s);
    let current = cells(&buf, "Привет, Ольга", "Привет");
    let other = cells(&buf, "ПРИВЕТ ещё раз", "ПРИВЕТ");
    assert!(
        current
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(
        other
            .iter()
            .all(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
    assert!(
        other
            .iter()
            .all(|c| !c.modifier.contains(Modifier::REVERSED))
    );
    assert!(
        buf.content()
            .iter()
            .all(|c| c.bg == Color::Reset && c.fg == Color::Reset)
    );
}

#[test]
fn no_matches_says_so_in_either_language() {
    for (strings, words) in [
        (&crate::i18n::EN, "no matches"),
        (&crate::i18n::RU, "нет совпадений"),
    ] {
        let mut s = state(strings, &["да"], None);
        search(&mut s, "нет");
        let screen = text(&draw(&s));
        assert!(screen.contains(words), "{screen}");
    }
}

#[test]
fn the_prompt_sits_on_the_bottom_border_while_open() {
    let mut s = state(&crate::i18n::EN, &["да"], None);
    search(&mut s, "д\u{1b}[2J");
    let r = s.pane_rects()[0];
    let screen = text(&draw(&s));
    let bottom = screen
        .lines()
        .nth(usize::from(r.y + r.height - 1))
        .expect("row");
    assert!(
        bottom.contains(" /д [2J"),
        "one line, no control in {bottom:?}"
    );
    act(&mut s, Action::SearchAccept);
    let screen = text(&draw(&s));
    assert!(!screen.contains(" /д"), "{screen}");
}

#[test]
fn only_the_focused_pane_shows_hits() {
    let mut s = state(&crate::i18n::EN, &["заказ один"], Some(&["заказ два"]));
    search(&mut s, "заказ");
    act(&mut s, Action::SearchAccept);
    act(&mut s, Action::FocusPane(2));
    search(&mut s, "заказ");
    let buf = draw(&s);
    assert!(
        cells(&buf, "заказ один", "заказ")
            .iter()
            .all(|c| c.bg == Color::Reset)
    );
    assert!(
        cells(&buf, "заказ два", "заказ")
            .iter()
            .all(|c| c.bg == Color::LightRed)
    );
}

#[test]
fn an_earlier_chat_is_titled_read_only_and_the_card_lists_the_others() {
    let mut s = state(&crate::i18n::EN, &["снова я"], None);
    update(
        &mut s,
        Event::Resize {
            width: 120,
            height: 30,
        },
    );
    act(&mut s, Action::ToggleCard);
    let summary = |id: i64, preview: &str| ChatSummary {
        chat: Chat {
            id,
            visitor_id: 40,
            status: ChatStatus::Closed,
            operator_id: Some(3),
            department: None,
            created_at: 1_790_000_000_000 + id,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        messages: 2,
        preview: Some(preview.into()),
        operator_name: None,
        rating: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::VisitorChats {
            id: "vc".into(),
            visitor_id: 40,
            chats: vec![
                ChatSummary {
                    chat: chat(1, &[]).chat,
                    ..summary(1, "снова я")
                },
                summary(7, "Где мой заказ?"),
                summary(5, "Есть доставка?"),
            ],
            more: false,
        })),
    );
    act(&mut s, Action::EarlierNext);
    act(&mut s, Action::EarlierNext);
    let buf = draw(&s);
    let picked = cells(&buf, "Есть доставка?", "Есть");
    assert!(
        picked
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(text(&buf).contains("Earlier chats"));

    let fx = act(&mut s, Action::OpenEarlier);
    let Some(crate::app::Effect::Send(frontdesk_protocol::OperatorIn::History { id, .. })) =
        fx.last()
    else {
        panic!("a history request: {fx:?}");
    };
    let screen = text(&draw(&s));
    assert!(screen.contains("loading earlier messages"), "{screen}");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::History {
            id: id.clone(),
            chat_id: 5,
            messages: vec![message(50, 5, "Есть доставка в Казань?")],
            more: false,
        })),
    );
    let screen = text(&draw(&s));
    assert!(screen.contains("Ольга · read-only 21.09.2026"), "{screen}");
    assert!(screen.contains("Есть доставка в Казань?"), "{screen}");
    // The card now lists the live chat and the other earlier one, not the one shown.
    assert!(screen.contains("Где мой заказ?"), "{screen}");
    assert!(!screen.contains("Есть доставка?"), "{screen}");
    // Later chats among them: the heading does not call them earlier.
    assert!(
        screen.contains("Other chats") && !screen.contains("Earlier chats"),
        "{screen}"
    );
}
