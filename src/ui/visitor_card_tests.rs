//! The visitor card as drawn: one city, labelled with where it came from, and the visit count
//! in words that agree with each other.

use frontdesk_protocol::{Chat, ChatState, ChatStatus, OperatorOut, PrechatFields, VisitorProfile};

use super::counted;
use crate::app::{Action, Event, State, update};
use crate::i18n::{EN, RU, Strings};
use crate::ui::screen_test::{draw, presence, welcome};

const T0: i64 = 1_795_000_000_000;

/// The card's rows as text, for a visitor with this profile (visitor 47, chat 7, open).
fn card(strings: &'static Strings, change: impl FnOnce(&mut VisitorProfile)) -> Vec<String> {
    card_rows(&card_state(strings, (160, 48), change))
}

/// The console at `size` with the card open on a visitor with this profile.
fn card_state(
    strings: &'static Strings,
    (width, height): (u16, u16),
    change: impl FnOnce(&mut VisitorProfile),
) -> State {
    let mut s = State::new(strings, "anna".into(), None);
    update(&mut s, Event::Resize { width, height });
    welcome(&mut s, 5);
    let mut visitor = VisitorProfile {
        id: 47,
        fields: PrechatFields {
            name: Some("Ольга".into()),
            ..PrechatFields::default()
        },
        visits: 1,
        chats: 1,
        ..VisitorProfile::default()
    };
    change(&mut visitor);
    let chat = ChatState {
        chat: Chat {
            id: 7,
            visitor_id: 47,
            status: ChatStatus::Waiting,
            operator_id: None,
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
        },
        visitor,
        messages: Vec::new(),
        mail: None,
    };
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::Snapshot {
            seq: 5,
            chats: vec![chat],
            operators: vec![],
        })),
    );
    update(&mut s, Event::Action(Action::OpenSelected));
    update(&mut s, Event::Action(Action::ToggleCard));
    s
}

/// The card's rows as drawn, without its border and blank rows.
fn card_rows(s: &State) -> Vec<String> {
    let buf = draw(s);
    let area = s.areas().card;
    (area.y + 1..area.bottom() - 1)
        .map(|y| {
            let row: String = (area.x + 1..area.right() - 1)
                .map(|x| buf[(x, y)].symbol())
                .collect();
            row.trim_end().to_owned()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// The rows that name a city, under any label.
fn city_rows(rows: &[String]) -> Vec<&str> {
    rows.iter()
        .map(String::as_str)
        .filter(|r| {
            let r = r.to_lowercase();
            r.starts_with("city") || r.starts_with("город") || r.contains("казань")
        })
        .collect()
}

fn form_city(v: &mut VisitorProfile, key: &str, city: &str) {
    v.fields.extra.insert(key.into(), city.into());
}

#[test]
fn a_city_from_the_form_is_the_card_city_labelled_so() {
    let rows = card(&EN, |v| form_city(v, "city", "Казань"));
    assert_eq!(
        city_rows(&rows),
        ["City: Казань (from the form)"],
        "{rows:#?}"
    );
    let rows = card(&RU, |v| form_city(v, "Город", "Казань"));
    assert_eq!(city_rows(&rows), ["Город: Казань (из формы)"], "{rows:#?}");
}

#[test]
fn the_city_by_ip_comes_first_and_the_forms_only_when_it_differs() {
    let same = card(&EN, |v| {
        v.city = Some("Казань".into());
        v.region = Some("Татарстан".into());
        form_city(v, "city", "казань ");
    });
    assert_eq!(
        city_rows(&same),
        ["City: Казань, Татарстан (by IP)"],
        "{same:#?}"
    );
    let other = card(&EN, |v| {
        v.city = Some("Москва".into());
        form_city(v, "city", "Казань");
    });
    // One City line, wrapped at the card's width.
    assert_eq!(city_rows(&other).len(), 1, "{other:#?}");
    assert!(
        other
            .join(" ")
            .contains("City: Москва (by IP) · Казань (from the form)"),
        "{other:#?}"
    );
}

#[test]
fn an_unknown_city_says_so_once() {
    let rows = card(&EN, |_| {});
    assert_eq!(city_rows(&rows), ["City: unknown"], "{rows:#?}");
}

#[test]
fn the_visit_line_agrees_with_itself() {
    let first = card(&EN, |_| {});
    assert!(first.contains(&"first visit".to_owned()), "{first:#?}");
    let second_chat = card(&EN, |v| v.chats = 2);
    assert!(
        second_chat.contains(&"first visit · 2 chats".to_owned()),
        "two chats in one visit is not returning: {second_chat:#?}"
    );
    let back = card(&RU, |v| {
        v.visits = 2;
        v.chats = 2;
    });
    assert!(
        back.contains(&"↻ вернулся · 2 визита · 2 чата".to_owned()),
        "{back:#?}"
    );
}

#[test]
fn visits_and_chats_take_the_plural_form_of_the_number() {
    let (ru, en) = (RU.card, EN.card);
    let forms: Vec<_> = [1, 3, 5, 11, 21, 22, 25]
        .map(|n| counted(ru, &ru.visits, n))
        .to_vec();
    assert_eq!(
        forms,
        [
            "визит",
            "визита",
            "визитов",
            "визитов",
            "визит",
            "визита",
            "визитов"
        ]
    );
    assert_eq!(counted(ru, &ru.chats, 2), "чата");
    assert_eq!(counted(en, &en.visits, 1), "visit");
    assert_eq!(counted(en, &en.chats, 2), "chats");
}

/// A visitor as the demo's form and browser tell it: everything known but the referrer.
fn told_everything(v: &mut VisitorProfile) {
    v.fields.email = Some("olga.k@example.ru".into());
    v.fields.phone = Some("+7 900 123-45-67".into());
    v.fields.department = Some("Продажи".into());
    v.search_query = Some("чайник стеклянный".into());
    v.language = Some("ru-RU".into());
    v.city = Some("Казань".into());
    v.user_agent = Some(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
         Chrome/140.0.0.0 Safari/537.36"
            .into(),
    );
}

#[test]
fn at_80x24_the_strip_shows_the_form_packed_and_leaves_out_what_is_not_known() {
    let s = card_state(&EN, (80, 24), told_everything);
    assert!(
        s.areas().card_strip,
        "80 columns set the card above the dialog"
    );
    let rows = card_rows(&s);
    let width = usize::from(s.areas().card.width - 2);
    assert_eq!(rows[0], "Ольга · first visit", "{rows:#?}");
    assert_eq!(
        rows[1], "E-mail: olga.k@example.ru · Phone: +7 900 123-45-67",
        "how to reach the visitor comes first: {rows:#?}"
    );
    let all = rows.join("\n");
    for shown in [
        "City: Казань (by IP)",
        "Department: Продажи",
        "Searched for: чайник стеклянный",
    ] {
        assert!(all.contains(shown), "{shown}: {rows:#?}");
    }
    assert!(
        !all.contains("unknown"),
        "no row is spent on what is not known: {rows:#?}"
    );
    assert!(
        rows.iter().filter(|r| r.contains(" · ")).count() >= 3,
        "short values share rows: {rows:#?}"
    );
    assert!(
        rows.iter()
            .all(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) <= width),
        "{rows:#?}"
    );
    // The same visitor beside the dialog still shows every field, unknown ones said so.
    let wide = card(&EN, told_everything);
    assert!(
        wide.contains(&"Came from: direct visit".to_owned()),
        "{wide:#?}"
    );
}

#[test]
fn a_value_sharing_the_strip_row_keeps_its_own_style() {
    let s = card_state(&EN, (80, 24), |v| {
        v.visits = 3;
        v.chats = 2;
    });
    let buf = draw(&s);
    let area = s.areas().card;
    let row = area.y + 1;
    let style_of = |text: &str| {
        let line: Vec<_> = (area.x + 1..area.right() - 1).collect();
        let mut at = None;
        let symbols: String = line.iter().map(|&x| buf[(x, row)].symbol()).collect();
        if let Some(byte) = symbols.find(text) {
            let column = symbols[..byte].chars().count();
            at = Some(buf[(line[column], row)].style());
        }
        at.unwrap_or_else(|| panic!("{text} on the first row: {symbols}"))
    };
    assert_ne!(
        style_of("Ольга"),
        style_of("↻ returning"),
        "the visit count is drawn as beside the dialog, not in the name's style"
    );
}

/// The server says the visitor of a live chat left the site: the pane's title says so and the
/// card's page is their last one; back on the site, both undone.
#[test]
fn a_visitor_who_left_the_site_is_shown_gone_in_the_title_and_card() {
    let mut s = card_state(&RU, (80, 24), |v| {
        v.pages = vec![frontdesk_protocol::PageView {
            url: "https://shop.example/delivery".into(),
            title: Some("Доставка".into()),
            referrer: None,
            search_query: None,
            ts: T0,
        }];
    });
    let screen = |s: &State| crate::ui::screen_test::text(&draw(s));
    let before = screen(&s);
    assert!(before.contains("Сейчас на странице"), "{before}");
    assert!(!before.contains("нет на сайте"), "{before}");

    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[7]),
    };
    update(&mut s, Event::Frame(Box::new(away)));
    let gone = screen(&s);
    assert!(gone.contains("Ольга · нет на сайте"), "{gone}");
    assert!(
        gone.contains("Последняя страница") && !gone.contains("Сейчас на странице"),
        "{gone}"
    );

    presence(&mut s, 7, true, None);
    let back = screen(&s);
    assert!(
        back.contains("Сейчас на странице") && !back.contains("Ольга · нет на сайте"),
        "{back}"
    );
    // Coming back is news in the dialog; the list that said she was away was not.
    assert!(
        !back.contains("посетитель закрыл сайт") && back.contains("посетитель снова на сайте"),
        "{back}"
    );

    // Closed, the chat is no longer live: its title says nothing of the site.
    presence(&mut s, 7, false, None);
    if let Some(chat) = s.chats.get_mut(&7) {
        chat.chat.status = ChatStatus::Closed;
    }
    assert!(!screen(&s).contains("нет на сайте"));
}

/// A title longer than its border (the visitor gone and the chat offered to a colleague, at
/// 80 columns) ends in «…» at the corner instead of a word cut off unmarked.
#[test]
fn a_pane_title_too_long_for_its_border_is_cut_with_a_mark() {
    let mut s = card_state(&RU, (80, 24), |_| {});
    update(&mut s, Event::Action(Action::ToggleCard));
    let me = s.my_id().expect("welcomed");
    s.operators.insert(
        9,
        frontdesk_protocol::OperatorInfo::new(
            9,
            "maria",
            "Мария",
            frontdesk_protocol::OperatorRole::Operator,
        ),
    );
    s.offers.insert(
        7,
        frontdesk_protocol::TransferOffer {
            chat_id: 7,
            from_operator_id: me,
            to_operator_id: 9,
            note: None,
            created_at: T0,
        },
    );
    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[7]),
    };
    update(&mut s, Event::Frame(Box::new(away)));
    let screen = crate::ui::screen_test::text(&draw(&s));
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("Ольга · нет на сайте"), "{top}");
    assert!(top.ends_with("…┐"), "{top}");
}

/// Where the server mails answers and the visitor gave an e-mail, the pane says the answer
/// goes there too; without either, it only says they left.
#[test]
fn a_gone_visitors_pane_says_when_the_answer_goes_by_e_mail() {
    let title = |mail_answers: bool, email: Option<&str>| {
        let mut s = card_state(&RU, (80, 24), |v| v.fields.email = email.map(str::to_owned));
        s.mail_answers = mail_answers;
        let away = OperatorOut::VisitorsAway {
            chats: crate::ui::screen_test::away(&[7]),
        };
        update(&mut s, Event::Frame(Box::new(away)));
        crate::ui::screen_test::text(&draw(&s))
    };
    let mailed = "нет на сайте: ответ уйдёт и на почту";
    let screen = title(true, Some("olga@example.ru"));
    assert!(screen.contains(mailed), "{screen}");
    for (mail_answers, email) in [
        (false, Some("olga@example.ru")),
        (true, None),
        (true, Some(" ")),
    ] {
        let screen = title(mail_answers, email);
        assert!(
            screen.contains("нет на сайте") && !screen.contains(mailed),
            "{mail_answers} {email:?}: {screen}"
        );
    }
}

/// When the server knows the time the visitor left, the title says it (on the operator's
/// clock; with the date on another day), and at 80 columns the e-mail note comes first.
#[test]
fn a_gone_visitors_pane_says_since_when_as_room_allows() {
    let left = T0 + 30_000;
    let title = |size: (u16, u16), mail: bool, now: i64| {
        let mut s = card_state(&RU, size, |v| {
            v.fields.email = Some("olga@example.ru".into())
        });
        s.mail_answers = mail;
        s.now = now;
        presence(&mut s, 7, false, Some(left));
        let clock = |pattern: &str| {
            jiff::Timestamp::from_millisecond(left)
                .expect("time")
                .to_zoned(s.tz.clone())
                .strftime(pattern)
                .to_string()
        };
        let (hm, dated) = (clock("%H:%M"), clock("%d.%m %H:%M"));
        (crate::ui::screen_test::text(&draw(&s)), hm, dated)
    };
    let (wide, hm, _) = title((160, 48), true, left + 60_000);
    assert!(
        wide.contains(&format!("нет на сайте с {hm}: ответ уйдёт и на почту")),
        "{wide}"
    );
    let (narrow, hm, _) = title((80, 24), true, left + 60_000);
    assert!(
        narrow.contains("нет на сайте: ответ уйдёт и на почту"),
        "{narrow}"
    );
    let title_row = narrow
        .lines()
        .find(|l| l.contains("Ольга · нет"))
        .unwrap_or("");
    assert!(!title_row.contains(&hm), "{narrow}");
    let (narrow, hm, _) = title((80, 24), false, left + 60_000);
    // The response cue follows after one blank, as every part of the title does.
    assert!(
        narrow.contains(&format!("нет на сайте с {hm} · опоздание")),
        "{narrow}"
    );
    let (next_day, _, dated) = title((160, 48), false, left + 86_400_000);
    assert!(
        next_day.contains(&format!("нет на сайте с {dated}")),
        "{next_day}"
    );
}

/// A message left offline, once taken in, is a live chat whose visitor is gone: its pane says
/// so (with the e-mail note: the offline form's address gets the answers), its card shows the
/// last page. Not taken yet, its section of the list says it all. Taken in while the visitor
/// is on the site (the server says nothing then), the card shows the page they are on.
#[test]
fn a_taken_offline_message_says_its_visitor_is_not_on_the_site() {
    let mut s = card_state(&RU, (160, 48), |v| {
        v.fields.email = Some("igor@example.ru".into());
    });
    s.mail_answers = true;
    let status = |s: &mut State, status| {
        if let Some(chat) = s.chats.get_mut(&7) {
            chat.left_offline = true;
            chat.chat.status = status;
        }
    };
    status(&mut s, ChatStatus::Active);
    let here = crate::ui::screen_test::text(&draw(&s));
    assert!(
        here.contains("Сейчас на странице") && !here.contains("нет на сайте"),
        "{here}"
    );
    let away = OperatorOut::VisitorsAway {
        chats: crate::ui::screen_test::away(&[7]),
    };
    update(&mut s, Event::Frame(Box::new(away)));
    let screen = crate::ui::screen_test::text(&draw(&s));
    assert!(
        screen.contains("нет на сайте: ответ уйдёт и на почту")
            && screen.contains("Последняя страница"),
        "{screen}"
    );
    status(&mut s, ChatStatus::Offline);
    let screen = crate::ui::screen_test::text(&draw(&s));
    assert!(
        !screen.contains("нет на сайте") && screen.contains("Последняя страница"),
        "{screen}"
    );
}
