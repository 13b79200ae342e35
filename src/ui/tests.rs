//! Screen tests on a fixed 80x24 `TestBackend`: content, styles that carry meaning, NO_COLOR.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, EventBody, Message, OperatorOut, PrechatFields, VisitorProfile,
};
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::app::{Action, Event, State, update};
use crate::ui::screen_test::{draw, draw_at, text, visitor_message, welcome};

const T0: i64 = 1_795_000_000_000;

fn waiting_chat(id: i64) -> ChatState {
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status: ChatStatus::Waiting,
            operator_id: None,
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: Some("Ольга".into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        Vec::new(),
    )
}

fn message(id: i64, text: &str) -> Message {
    visitor_message(id, 7, 10 + u64::try_from(id).unwrap_or(0), T0, text)
}

fn state() -> State {
    let mut s = State::new(
        &crate::i18n::EN,
        "anna".into(),
        Some("widget: http://x".into()),
    );
    s.keys = crate::keymap::Keymap::builtin().help();
    // The console's clock at the chat's time, as in a live console.
    s.now = T0;
    welcome(&mut s, 5);
    let mut chat = waiting_chat(7);
    chat.messages
        .push(message(1, "Здравствуйте! Есть ли доставка в Казань?"));
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(5, vec![chat], vec![]))),
    );
    s
}

fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let screen = text(buf);
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return Some((u16::try_from(x).ok()?, u16::try_from(y).ok()?));
        }
    }
    None
}

#[test]
fn list_shows_waiting_chat_with_timer_turning_warning() {
    let mut s = state();
    update(&mut s, Event::Tick { now: T0 + 50_000 });
    let buf = draw(&s);
    let screen = text(&buf);
    assert!(screen.contains("Waiting (1)"), "{screen}");
    assert!(screen.contains("Ольга"), "{screen}");
    assert!(screen.contains("Здравствуйте!"), "preview: {screen}");
    let (x, y) = find(&buf, "0:50").expect("timer");
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
    update(&mut s, Event::Tick { now: T0 + 61_000 });
    let buf = draw(&s);
    let (x, y) = find(&buf, "1:01").expect("timer");
    assert_eq!(buf[(x, y)].fg, Color::Red);
}

#[test]
fn no_color_draws_without_colours() {
    let mut s = state();
    s.screen.no_color = true;
    update(&mut s, Event::Tick { now: T0 + 61_000 });
    let buf = draw(&s);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    assert!(text(&buf).contains("1:01"));
}

#[test]
fn dialog_shows_messages_pending_then_stored() {
    let mut s = state();
    update(&mut s, Event::Action(Action::OpenSelected));
    for c in "Да, доставляем".chars() {
        update(
            &mut s,
            Event::Action(Action::ComposeInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Char(c),
                ..Default::default()
            })),
        );
    }
    let fx = update(&mut s, Event::Action(Action::SendMessage));
    let screen = text(&draw(&s));
    assert!(
        screen.contains(" Ольга: Здравствуйте! Есть ли доставка"),
        "{screen}"
    );
    assert!(screen.contains("… Анна: Да, доставляем"), "{screen}");
    let [crate::app::Effect::Send(frontdesk_protocol::OperatorIn::Message { id, .. })] =
        fx.as_slice()
    else {
        panic!("{fx:?}");
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Ack {
            id: id.clone(),
            seq: None,
            chat_id: Some(7),
            message_id: Some(2),
        })),
    );
    let screen = text(&draw(&s));
    assert!(screen.contains("✓ Анна: Да, доставляем"), "{screen}");
    assert!(screen.contains("widget: http://x"), "banner: {screen}");
}

#[test]
fn wide_text_stays_inside_the_dialog_and_only_the_tail_is_drawn() {
    let mut s = state();
    update(&mut s, Event::Action(Action::OpenSelected));
    for i in 0..2000 {
        let text = if i == 1999 {
            "最後のメッセージ 日本語のテキストがとても長い場合でも正しく折り返されるべきです 👨‍👩‍👧 конец".to_owned()
        } else {
            format!("сообщение номер {i}")
        };
        update(
            &mut s,
            Event::Frame(Box::new(OperatorOut::Event {
                seq: 100 + i,
                ts: T0,
                event: EventBody::MessagePosted {
                    message: message(i64::try_from(i).unwrap_or(0) + 10, &text),
                },
            })),
        );
    }
    let buf = draw(&s);
    let screen = text(&buf);
    assert!(screen.contains("конец"), "{screen}");
    assert!(screen.contains("сообщение номер 1998"), "{screen}");
    assert!(!screen.contains("сообщение номер 1 "), "{screen}");
    // The dialog's right border is intact on every row: nothing overflowed it.
    for y in 1..s.areas().dialog.height - 1 {
        assert_eq!(buf[(79, y)].symbol(), "│", "row {y}: {screen}");
    }
}

#[test]
fn typing_preview_and_help_overlay() {
    let mut s = state();
    update(&mut s, Event::Action(Action::OpenSelected));
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::VisitorTyping {
            chat_id: 7,
            draft: "А оплата при получ".into(),
        })),
    );
    let screen = text(&draw(&s));
    assert!(
        screen.contains("✎ Ольга typing: А оплата при получ"),
        "{screen}"
    );
    update(&mut s, Event::Action(Action::ToggleHelp));
    let screen = text(&draw(&s));
    assert!(screen.contains("Keys"), "{screen}");
    assert!(screen.contains("close the open chat"), "{screen}");
}

#[test]
fn offline_countdown_in_status_bar() {
    let mut s = state();
    s.now = T0;
    update(
        &mut s,
        Event::Connection(crate::app::Connection::Offline {
            reason: "refused".into(),
            retry_at: T0 + 4_200,
        }),
    );
    let screen = text(&draw(&s));
    assert!(screen.contains("offline, retry in 5s"), "{screen}");
    // In Russian the unit is a Russian one too.
    s.strings = &crate::i18n::RU;
    let screen = text(&draw(&s));
    assert!(screen.contains("нет связи, повтор через 5 с"), "{screen}");
}

#[test]
fn visitor_card_shows_who_and_where_with_hostile_text_neutralised() {
    let mut s = state();
    update(
        &mut s,
        Event::Resize {
            width: 160,
            height: 48,
        },
    );
    update(&mut s, Event::Action(Action::OpenSelected));
    let mut profile = s.open_chat().expect("open chat").visitor.clone();
    profile.user_agent = Some(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
         Chrome/140.0.0.0 Safari/537.36"
            .into(),
    );
    profile.search_query = Some("чайник купить".into());
    profile.visits = 3;
    profile.chats = 2;
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 6,
            ts: T0,
            event: EventBody::VisitorUpdated { visitor: profile },
        })),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Event {
            seq: 7,
            ts: T0 + 60_000,
            event: EventBody::PageViewed {
                visitor_id: 47,
                page: frontdesk_protocol::PageView {
                    url: "https://shop.example/kettles".into(),
                    title: Some("Чайники\u{1b}[2J".into()),
                    referrer: None,
                    search_query: None,
                    ts: T0 + 60_000,
                },
            },
        })),
    );
    let asked = update(&mut s, Event::Action(Action::ToggleCard));
    let Some(crate::app::Effect::Send(frontdesk_protocol::OperatorIn::VisitorChats {
        id,
        visitor_id: 47,
        ..
    })) = asked.first()
    else {
        panic!("opening the card asks for earlier chats: {asked:?}")
    };
    let mut earlier = waiting_chat(3).chat;
    earlier.status = ChatStatus::Closed;
    let mut rated = waiting_chat(2).chat;
    rated.status = ChatStatus::Closed;
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::VisitorChats {
            id: id.clone(),
            visitor_id: 47,
            chats: vec![
                frontdesk_protocol::ChatSummary {
                    chat: earlier,
                    messages: 14,
                    preview: Some("Где мой заказ?\u{202e}".into()),
                    operator_name: Some("Анна".into()),
                    rating: None,
                },
                frontdesk_protocol::ChatSummary {
                    chat: rated,
                    messages: 3,
                    preview: Some("Верните деньги".into()),
                    operator_name: Some("Анна".into()),
                    rating: Some(frontdesk_protocol::Rating::Bad),
                },
            ],
            more: false,
        })),
    );
    let screen = text(&draw_at(&s, 160, 48));
    for expected in [
        "Visitor",
        "returning · 3 visits · 2 chats",
        "Now on",
        "Чайники␛[2J",
        "https://shop.example/kettles",
        "Searched for: чайник купить",
        "City: unknown",
        "Browser: Chrome 140 · Windows 10/11",
        "Earlier chats",
        "(14) Где мой",
        "⟨U+202E⟩",
        // What the visitor thought of a chat, before their words in it.
        "(3) bad · Верните деньги",
    ] {
        assert!(
            screen.contains(expected),
            "missing {expected:?} in\n{screen}"
        );
    }
    // A closed chat's visitor is not on the site because of it: the page is the last one.
    if let Some(chat) = s.chats.values_mut().find(|c| c.visitor.id == 47) {
        chat.chat.status = ChatStatus::Closed;
    }
    let screen = text(&draw_at(&s, 160, 48));
    assert!(
        screen.contains("Last page") && !screen.contains("Now on"),
        "{screen}"
    );
    // Hidden again with the same action; the dialog gets its width back.
    let with_card = s.dialog_width();
    update(&mut s, Event::Action(Action::ToggleCard));
    assert!(s.dialog_width() > with_card);
    assert!(!text(&draw_at(&s, 160, 48)).contains("Last page"));
}

/// The demo's shop address is the status bar's first news, before the note that desktop
/// notifications are off; at 80 columns hints that do not fit are left out whole.
#[test]
fn the_banner_comes_before_the_desktop_note_and_hints_are_whole() {
    let mut s = state();
    s.banner = Some("demo shop: http://127.0.0.1:41234/demo".into());
    s.connection = crate::app::Connection::Online;
    update(&mut s, Event::DesktopUnavailable);
    let buf = draw_at(&s, 80, 24);
    let bottom = text(&buf).lines().last().unwrap_or_default().to_owned();
    assert!(
        bottom.contains("demo shop: http://127.0.0.1:41234/demo"),
        "{bottom}"
    );
    // Wider, the note shows too, after the banner.
    update(
        &mut s,
        Event::Resize {
            width: 160,
            height: 24,
        },
    );
    let buf = draw_at(&s, 160, 24);
    let bottom = text(&buf).lines().last().unwrap_or_default().to_owned();
    let banner = bottom.find("demo shop").expect("banner");
    let note = bottom.find("desktop notifications").expect("note");
    assert!(banner < note, "{bottom}");
    // Every hint shown is whole: each ends before a separator or the end of the line.
    let hints = crate::ui::hints::items(&s);
    for width in [60u16, 80, 100] {
        update(&mut s, Event::Resize { width, height: 24 });
        let buf = draw_at(&s, width, 24);
        let line = text(&buf)
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_owned();
        // Connection and name, then the counts, then banner, note and hints.
        let rest = line.split('│').skip(2).map(str::trim);
        let hinted = rest.filter(|p| !p.starts_with("demo shop") && !p.starts_with("desktop"));
        for piece in hinted.flat_map(|p| p.split(" · ")).map(str::trim) {
            assert!(
                hints.iter().any(|h| h == piece),
                "{width}: {piece:?} in {line}"
            );
        }
    }
}

/// At 80x24 the visitor card is a strip above the dialog: both are on screen at once.
#[test]
fn at_80x24_the_card_leaves_the_dialog_in_view() {
    let mut s = state();
    s.selected = Some(7);
    update(&mut s, Event::Action(Action::OpenSelected));
    update(&mut s, Event::Action(Action::ToggleCard));
    let screen = text(&draw_at(&s, 80, 24));
    assert!(
        screen.contains("Здравствуйте! Есть ли доставка"),
        "{screen}"
    );
    assert!(screen.contains("first visit"), "{screen}");
}
