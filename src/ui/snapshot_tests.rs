//! Whole-screen text snapshots (insta) at 80x24 and 160x48 with one, two and four panes, the
//! visitor card, and Cyrillic, emoji and CJK text. The state is built only through `update`
//! with protocol frames, at a fixed time in UTC with fixed ids, so the screens are stable.
//! After a deliberate change to the drawing, accept the new screens with
//! `INSTA_UPDATE=always cargo test --workspace --locked --lib -- ui::snapshot_tests` and read
//! the `.snap` diffs before committing them. Colours are not in the text: the style asserts
//! live in `tests.rs`, `pane_tests.rs` and `theme_tests.rs`.

use frontdesk_protocol::{
    Author, Chat, ChatState, ChatStatus, ChatSummary, Message, MessageKind, OperatorIn,
    OperatorInfo, OperatorOut, OperatorRole, PageView, PrechatFields, Role, VisitorProfile,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::{Action, Effect, Event, State, update};

/// "Now" in every snapshot; messages are a few minutes older.
const NOW: i64 = 1_795_000_000_000;
const MIN: i64 = 60_000;
const ME: i64 = 3;

fn operator(id: i64, name: &str, display: &str) -> OperatorInfo {
    OperatorInfo::new(id, name, display, OperatorRole::Operator)
}

/// One line of a chat: who wrote (`None`: the visitor), minutes before now, text.
type Line = (Option<i64>, i64, &'static str);

fn chat(
    id: i64,
    name: Option<&str>,
    status: ChatStatus,
    op: Option<i64>,
    lines: &[Line],
) -> ChatState {
    let created_at = NOW - 20 * MIN + id * 1000;
    let messages = lines
        .iter()
        .enumerate()
        .map(|(i, (who, ago, text))| {
            let n = i64::try_from(i).expect("few lines");
            Message {
                id: id * 100 + n,
                chat_id: id,
                seq: u64::try_from(id * 100 + n).expect("positive"),
                ts: NOW - ago * MIN,
                author: Author {
                    role: if who.is_some() {
                        Role::Operator
                    } else {
                        Role::Visitor
                    },
                    operator_id: *who,
                    name: who.map(|id| if id == ME { "Анна" } else { "Игорь" }.to_owned()),
                },
                kind: MessageKind::Text,
                text: (*text).into(),
                client_id: None,
                attachment: None,
            }
        })
        .collect();
    ChatState::new(
        Chat {
            id,
            visitor_id: 40 + id,
            status,
            operator_id: op,
            department: None,
            created_at,
            accepted_at: op.map(|_| created_at + 5_000),
            closed_at: (status == ChatStatus::Closed).then_some(NOW - 2 * MIN),
            queued_at: None,
        },
        VisitorProfile {
            id: 40 + id,
            fields: PrechatFields {
                name: name.map(str::to_owned),
                ..PrechatFields::default()
            },
            first_seen: created_at,
            last_seen: NOW,
            visits: 1,
            chats: 1,
            ..VisitorProfile::default()
        },
        messages,
    )
}

/// Ольга, the visitor whose card is shown: pre-chat fields, pages, place and browser.
fn olga() -> ChatState {
    let mut c = chat(
        1,
        Some("Ольга Смирнова"),
        ChatStatus::Active,
        Some(ME),
        &[
            (None, 9, "Здравствуйте! Есть ли доставка в Казань? 🚚"),
            (Some(ME), 8, "Добрый день! Да, доставляем за 2–3 дня 👍"),
            (
                None,
                6,
                "Отлично 😊 А чайник «Ромашка» 1,7 л есть в наличии? \
                 Хочу заказать два, один в подарок маме 🎁",
            ),
            (Some(ME), 5, "Есть, на складе 12 штук."),
        ],
    );
    let v = &mut c.visitor;
    v.fields.email = Some("olga@example.ru".into());
    v.fields.phone = Some("+7 900 123-45-67".into());
    v.fields.department = Some("Продажи".into());
    v.referrer = Some("https://yandex.ru/search/?text=чайник".into());
    v.search_query = Some("чайник купить казань".into());
    v.city = Some("Казань".into());
    v.region = Some("Татарстан".into());
    v.language = Some("ru-RU".into());
    v.user_agent = Some(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
         Chrome/140.0.0.0 Safari/537.36"
            .into(),
    );
    v.visits = 3;
    v.chats = 2;
    v.pages = [
        (12, "https://shop.example/", "Магазин «Уют»"),
        (10, "https://shop.example/kettles", "Чайники"),
        (
            4,
            "https://shop.example/kettles/romashka",
            "Чайник «Ромашка» 1,7 л",
        ),
    ]
    .iter()
    .map(|(ago, url, title)| PageView {
        url: (*url).into(),
        title: Some((*title).into()),
        referrer: None,
        search_query: None,
        ts: NOW - ago * MIN,
    })
    .collect();
    c
}

fn chats() -> Vec<ChatState> {
    vec![
        olga(),
        chat(
            2,
            Some("王芳"),
            ChatStatus::Active,
            Some(ME),
            &[
                (None, 7, "你好！我想买一个电水壶，可以寄到上海吗？"),
                (Some(ME), 6, "Hello! Yes, we ship to Shanghai in 7–10 days."),
                (None, 3, "太好了 👨‍👩‍👧 谢谢！"),
            ],
        ),
        chat(
            3,
            Some("Carla"),
            ChatStatus::Active,
            Some(ME),
            &[(None, 4, "Hi! Do you have the 1.7 l kettle in white? ☕")],
        ),
        chat(
            4,
            Some("Дмитрий"),
            ChatStatus::Active,
            Some(ME),
            &[(None, 2, "Добрый вечер 🙂 Где мой заказ №48213?")],
        ),
        waiting(
            chat(
                5,
                Some("Борис"),
                ChatStatus::Waiting,
                None,
                &[(None, 1, "Можно оформить возврат без чека?")],
            ),
            62_000,
        ),
        waiting(
            chat(
                6,
                None,
                ChatStatus::Waiting,
                None,
                &[(None, 0, "Привет 👋")],
            ),
            50_000,
        ),
        chat(
            7,
            Some("Екатерина"),
            ChatStatus::Active,
            Some(4),
            &[(None, 3, "Спасибо, всё получила!")],
        ),
        chat(
            8,
            Some("Ivan"),
            ChatStatus::Closed,
            Some(ME),
            &[(None, 15, "Thanks, bye!")],
        ),
    ]
}

/// A waiting chat created `waited` ms ago: past the alarm (60 s) or the warning (45 s).
fn waiting(mut c: ChatState, waited: i64) -> ChatState {
    c.chat.created_at = NOW - waited;
    c
}

fn act(s: &mut State, a: Action) -> Vec<Effect> {
    update(s, Event::Action(a))
}

/// Selects chat `id` in the list with the list's own keys.
fn select(s: &mut State, id: i64) {
    act(s, Action::SelectFirst);
    for _ in 0..s.chats.len() {
        if s.selected == Some(id) {
            return;
        }
        act(s, Action::SelectNext);
    }
    assert_eq!(s.selected, Some(id), "chat {id} is not in the list");
}

/// Logged in, eight chats, `open` of them in panes (the first opened in pane 1).
pub(super) fn state(
    strings: &'static crate::i18n::Strings,
    width: u16,
    height: u16,
    open: &[i64],
) -> State {
    let mut s = State::new(
        strings,
        "anna".into(),
        Some("widget: http://127.0.0.1:8080/demo".into()),
    );
    s.keys = crate::keymap::Keymap::builtin().help();
    s.now = NOW;
    update(&mut s, Event::Resize { width, height });
    update(&mut s, Event::Connection(crate::app::Connection::Online));
    let me = operator(ME, "anna", "Анна");
    let colleague = operator(4, "igor", "Игорь");
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::welcome(me.clone(), 900))),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(
            900,
            chats(),
            vec![me, colleague],
        ))),
    );
    for (i, id) in open.iter().enumerate() {
        select(&mut s, *id);
        if i == 0 {
            act(&mut s, Action::OpenSelected);
        } else {
            act(&mut s, Action::SplitVertical);
        }
    }
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::VisitorTyping {
            chat_id: 1,
            draft: "А можно забрать самовывозом?".into(),
        })),
    );
    update(&mut s, Event::Tick { now: NOW });
    s
}

/// Opens the card on the focused pane's visitor and answers its request for earlier chats.
pub(super) fn show_card(s: &mut State) {
    let asked = act(s, Action::ToggleCard);
    let Some(Effect::Send(OperatorIn::VisitorChats { id, visitor_id, .. })) = asked.first() else {
        panic!("opening the card asks for earlier chats: {asked:?}");
    };
    let mut earlier = chat(90, None, ChatStatus::Closed, Some(ME), &[]).chat;
    earlier.created_at = NOW - 30 * 24 * 60 * MIN;
    update(
        s,
        Event::Frame(Box::new(OperatorOut::VisitorChats {
            id: id.clone(),
            visitor_id: *visitor_id,
            chats: vec![ChatSummary {
                chat: earlier,
                messages: 14,
                preview: Some("Где мой заказ? Уже неделю жду 📦".into()),
                operator_name: Some("Анна".into()),
                rating: None,
            }],
            more: false,
        })),
    );
}

/// The drawn screen, after checking that no wide character spilled over a border.
fn screen(s: &State) -> TestBackend {
    let mut terminal =
        Terminal::new(TestBackend::new(s.screen.width, s.screen.height)).expect("terminal");
    terminal.draw(|f| super::render(s, f)).expect("draw");
    let buf = terminal.backend().buffer();
    let areas = s.areas();
    let mut boxes = vec![areas.list, areas.compose];
    if s.screen.card {
        boxes.push(areas.card);
    }
    if areas.card != areas.dialog {
        boxes.extend(s.pane_rects());
    }
    for r in boxes {
        for y in r.y + 1..r.bottom() - 1 {
            for x in [r.x, r.right() - 1] {
                assert_eq!(buf[(x, y)].symbol(), "│", "border at {x},{y} of {r:?}");
            }
        }
    }
    terminal.backend().clone()
}

/// The focused pane's chat is the last opened; the list keeps its selection.
fn check_panes(s: &State, open: &[i64]) {
    let shown: Vec<_> = s.panes.iter().filter_map(|p| p.chat).collect();
    assert_eq!(shown, open);
}

#[test]
fn en_80x24_one_pane() {
    let s = state(&crate::i18n::EN, 80, 24, &[1]);
    check_panes(&s, &[1]);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn en_80x24_two_panes() {
    let s = state(&crate::i18n::EN, 80, 24, &[1, 2]);
    check_panes(&s, &[1, 2]);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn en_80x24_four_panes() {
    let s = state(&crate::i18n::EN, 80, 24, &[1, 2, 3, 4]);
    check_panes(&s, &[1, 2, 3, 4]);
    insta::assert_snapshot!(screen(&s));
}

/// On a narrow screen the card covers the dialog.
#[test]
fn en_80x24_card() {
    let mut s = state(&crate::i18n::EN, 80, 24, &[1]);
    show_card(&mut s);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn ru_80x24_two_panes() {
    let s = state(&crate::i18n::RU, 80, 24, &[2, 1]);
    check_panes(&s, &[2, 1]);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn en_160x48_one_pane_with_card() {
    let mut s = state(&crate::i18n::EN, 160, 48, &[1]);
    show_card(&mut s);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn en_160x48_two_panes() {
    let s = state(&crate::i18n::EN, 160, 48, &[1, 2]);
    check_panes(&s, &[1, 2]);
    insta::assert_snapshot!(screen(&s));
}

#[test]
fn ru_160x48_four_panes_with_card() {
    let mut s = state(&crate::i18n::RU, 160, 48, &[2, 3, 4, 1]);
    check_panes(&s, &[2, 3, 4, 1]);
    show_card(&mut s);
    insta::assert_snapshot!(screen(&s));
}
