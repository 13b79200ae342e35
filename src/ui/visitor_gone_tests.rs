//! A live chat whose visitor left the site, as its pane and card show it: gone in the title
//! (since when, and whether the answer also goes by e-mail, as room allows), the card's last
//! page; and a title too long for its border cut with a mark.

use frontdesk_protocol::{ChatStatus, OperatorOut};

use super::tests::{T0, card_state};
use crate::app::{Action, Event, State, update};
use crate::i18n::RU;
use crate::ui::screen_test::{draw, presence};

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
    // The strip, then the whole card, then hidden: the pane's title in sight.
    update(&mut s, Event::Action(Action::ToggleCard));
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
