//! The search across chats as text snapshots (insta), built only through `update` at a fixed
//! time in UTC: hits of every kind at 80x24 in English and Russian, the styles under NO_COLOR
//! written out as modifiers, an error and nothing found; and the hit words still styled on the
//! right characters after a control and a direction mark before them.

use frontdesk_protocol::search::{HitKind, SearchHit, SearchResults};
use frontdesk_protocol::{Author, Role};
use ratatui::style::Modifier;

use super::screen_test::{draw, styled, text, welcome};
use crate::app::{Action, Event, State, update};

const NOW: i64 = 1_795_000_000_000;
const MIN: i64 = 60_000;

fn act(s: &mut State, a: Action) {
    update(s, Event::Action(a));
}

fn hit(
    chat_id: i64,
    ago_mins: i64,
    (role, name): (Role, Option<&str>),
    kind: HitKind,
    snippet: &str,
    marks: Vec<[u32; 2]>,
) -> SearchHit {
    SearchHit {
        chat_id,
        message_id: (kind != HitKind::Visitor).then_some(chat_id * 10),
        ts: NOW - ago_mins * MIN,
        author: Author {
            role,
            operator_id: None,
            name: name.map(str::to_owned),
        },
        kind,
        snippet: snippet.into(),
        marks,
    }
}

fn hits() -> Vec<SearchHit> {
    vec![
        hit(
            812,
            3,
            (Role::Visitor, Some("Ольга")),
            HitKind::Text,
            "Я \u{202E}заказал\x1b[2J диван, где он?",
            vec![[3, 10]],
        ),
        hit(
            790,
            95,
            (Role::Operator, Some("Анна")),
            HitKind::Note,
            "заказ 1043 ушёл со склада",
            vec![[0, 5]],
        ),
        hit(
            788,
            60 * 26,
            (Role::Operator, Some("Вера")),
            HitKind::Whisper,
            "проверь заказ клиента",
            vec![[8, 13]],
        ),
        hit(
            700,
            60 * 24 * 9,
            (Role::Visitor, None),
            HitKind::Visitor,
            "Заказов Иван <ivan@example.ru>",
            vec![[0, 7]],
        ),
        hit(
            650,
            60 * 24 * 30,
            (Role::Visitor, Some("Пётр")),
            HitKind::Text,
            &format!(
                "{} и только потом про заказ, который не пришёл",
                "очень длинное начало сообщения".repeat(3)
            ),
            vec![[110, 115]],
        ),
    ]
}

/// Logged in as Анна at 80x24, the search screen open with «заказ» typed.
fn state(strings: &'static crate::i18n::Strings) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    s.now = NOW;
    update(
        &mut s,
        Event::Resize {
            width: 80,
            height: 24,
        },
    );
    welcome(&mut s, 10);
    act(&mut s, Action::SearchChats);
    for c in "заказ".chars() {
        act(
            &mut s,
            Action::PickerInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            }),
        );
    }
    s
}

/// [`state`] with `hits` found for «заказ», the cursor on the second.
fn answered(strings: &'static crate::i18n::Strings, hits: Vec<SearchHit>) -> State {
    let mut s = state(strings);
    found(&mut s, hits);
    act(&mut s, Action::PickerNext);
    s
}

/// The query asked, and `hits` the server's answer (indexed up to message 5,000).
fn found(s: &mut State, hits: Vec<SearchHit>) {
    act(s, Action::PickerAccept);
    update(
        s,
        Event::ChatsFound {
            serial: 1,
            result: Ok(Box::new(SearchResults {
                hits,
                indexed_up_to: 5_000,
            })),
        },
    );
}

#[test]
fn en_80x24_hits_of_every_kind() {
    insta::assert_snapshot!(text(&draw(&answered(&crate::i18n::EN, hits()))));
}

#[test]
fn ru_80x24_hits_of_every_kind() {
    insta::assert_snapshot!(text(&draw(&answered(&crate::i18n::RU, hits()))));
}

#[test]
fn en_80x24_no_color_styles() {
    let mut s = answered(&crate::i18n::EN, hits());
    s.screen.no_color = true;
    let buf = draw(&s);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    insta::assert_snapshot!(styled(&buf));
}

#[test]
fn en_80x24_before_asking_nothing_found_and_an_error() {
    let s = state(&crate::i18n::EN);
    insta::assert_snapshot!("before_asking", text(&draw(&s)));
    let s = answered(&crate::i18n::EN, Vec::new());
    insta::assert_snapshot!("nothing_found", text(&draw(&s)));
    let mut s = state(&crate::i18n::EN);
    act(&mut s, Action::PickerAccept);
    update(
        &mut s,
        Event::ChatsFound {
            serial: 1,
            result: Err("cannot reach http://127.0.0.1:9\x1b[31m".into()),
        },
    );
    insta::assert_snapshot!("failed", text(&draw(&s)));
}

#[test]
fn the_hit_word_is_styled_on_its_own_characters_after_a_control_and_a_bidi_mark() {
    let mut s = answered(&crate::i18n::EN, hits());
    s.screen.no_color = true;
    let buf = draw(&s);
    let screen = text(&buf);
    let row = screen
        .lines()
        .position(|l| l.contains("⟨U+202E⟩заказал␛[2J диван"))
        .expect("the snippet, made safe");
    let line: Vec<(String, Modifier)> = (0..buf.area.width)
        .map(|x| {
            let cell = &buf[(x, u16::try_from(row).expect("row"))];
            (cell.symbol().to_owned(), cell.modifier)
        })
        .collect();
    let marked: String = line
        .iter()
        .filter(|(_, m)| m.contains(Modifier::REVERSED | Modifier::BOLD))
        .map(|(c, _)| c.as_str())
        .collect();
    assert_eq!(marked, "заказал");
    assert!(!screen.contains('\x1b'));
}

#[test]
fn nothing_overflows_at_small_sizes() {
    for (width, height) in [(20, 6), (40, 10), (60, 12), (80, 24)] {
        let mut s = answered(&crate::i18n::RU, hits());
        update(&mut s, Event::Resize { width, height });
        let screen = text(&draw(&s));
        assert_eq!(screen.lines().count(), usize::from(height));
    }
}

/// A snippet longer than its row ends in «…» at the edge, so a cut message reads as cut.
#[test]
fn a_snippet_cut_at_the_edge_ends_in_a_mark() {
    let long = "Добрый день. Две недели назад купил у Вас чайник, заказ A-2087. Сегодня он \
                начал протекать снизу, на столе лужа.";
    let s = answered(
        &crate::i18n::RU,
        vec![hit(
            4,
            3,
            (Role::Visitor, Some("Сергей")),
            HitKind::Text,
            long,
            vec![[42, 48]],
        )],
    );
    let screen = text(&draw(&s));
    let row = screen
        .lines()
        .find(|l| l.contains("Добрый день"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.ends_with("…│"), "{row}");
}

/// The note that the newest messages may not be indexed yet comes only where the line has
/// room for it whole; the count or «nothing found» before it is never cut for it.
#[test]
fn the_index_lag_note_comes_whole_or_not_at_all() {
    for (width, with_note) in [(80, false), (160, true)] {
        let mut s = state(&crate::i18n::EN);
        let mut chat = super::screen_test::our_chat(1);
        chat.messages.push(frontdesk_protocol::Message {
            id: 6_000,
            chat_id: 1,
            seq: 9,
            ts: NOW,
            author: Author {
                role: Role::Visitor,
                operator_id: None,
                name: None,
            },
            kind: frontdesk_protocol::MessageKind::Text,
            text: "новый заказ".into(),
            client_id: None,
            attachment: None,
        });
        update(
            &mut s,
            Event::Frame(Box::new(frontdesk_protocol::OperatorOut::snapshot(
                10,
                vec![chat],
                Vec::new(),
            ))),
        );
        update(&mut s, Event::Resize { width, height: 24 });
        found(&mut s, Vec::new());
        assert!(s.finder_lags());
        let screen = text(&draw(&s));
        let line = screen
            .lines()
            .find(|l| l.contains("Nothing found for «заказ»."))
            .unwrap_or_else(|| panic!("{screen}"));
        assert_eq!(line.contains("the last few seconds'"), with_note, "{line}");
        assert_eq!(line.contains("may not be found yet"), with_note, "{line}");
        assert!(!line.contains('…'), "{line}");
    }
}
