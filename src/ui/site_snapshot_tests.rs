//! "On the site now" as text snapshots (insta), built only through `update` with protocol
//! frames at a fixed time: 80x24 and 160x48 in English and Russian, hostile visitor text, and
//! what the keys do (filter, sort, invitation) checked on the state and its effects.

use frontdesk_protocol::{OperatorIn, OperatorOut, SiteVisitor};
use ratatui_textarea::{Input, Key};

use super::screen_test::{draw, text, welcome};
use crate::app::{Action, Effect, Event, State, update};

const NOW: i64 = 1_795_000_000_000;
const SEC: i64 = 1_000;

fn row(id: i64, url: &str, title: Option<&str>, on_page: i64, on_site: i64) -> SiteVisitor {
    SiteVisitor {
        visitor_id: id,
        name: None,
        url: Some(url.into()),
        title: title.map(str::to_owned),
        page_since: NOW - on_page * SEC,
        since: NOW - on_site * SEC,
        pages: 1,
        referrer: None,
        search_query: None,
        city: None,
        language: None,
        visits: 1,
        returning: false,
        chatting: false,
        invited: false,
    }
}

fn visitors() -> Vec<SiteVisitor> {
    let mut olga = row(41, "https://shop.example/cart", Some("Корзина"), 95, 700);
    olga.pages = 6;
    olga.visits = 3;
    olga.returning = true;
    olga.city = Some("Казань".into());
    olga.search_query = Some("красные кеды".into());
    let mut john = row(42, "https://shop.example/shoes?id=7", None, 12, 40);
    john.referrer = Some("https://news.example/review".into());
    john.invited = true;
    // Visitor text with a terminal escape and a bidi override: drawn harmless.
    let mut hostile = row(
        43,
        "https://shop.example/x",
        Some("\u{1b}[31mRED\u{202e}evil"),
        3,
        5,
    );
    hostile.city = Some("Мск\u{7}".into());
    let mut chatting = row(44, "https://shop.example/help", Some("Помощь"), 30, 300);
    chatting.chatting = true;
    vec![olga, john, hostile, chatting]
}

fn state(strings: &'static crate::i18n::Strings, width: u16, height: u16) -> (State, Vec<Effect>) {
    let mut s = State::new(strings, "anna".into(), None);
    s.now = NOW;
    update(&mut s, Event::Resize { width, height });
    welcome(&mut s, 10);
    let effects = update(&mut s, Event::Action(Action::ToggleSite));
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::SitePart {
            visitors: visitors()[..2].to_vec(),
        })),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::SiteList {
            visitors: visitors()[2..].to_vec(),
        })),
    );
    (s, effects)
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(
            s,
            Event::Action(Action::PickerInput(Input {
                key: Key::Char(c),
                ..Input::default()
            })),
        );
    }
}

#[test]
fn en_80x24() {
    let (s, effects) = state(&crate::i18n::EN, 80, 24);
    assert_eq!(
        effects,
        vec![Effect::Send(OperatorIn::WatchSite { on: true })]
    );
    let screen = text(&draw(&s));
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    assert!(
        !screen.contains("Помощь"),
        "a chatting visitor is not listed"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn ru_160x48() {
    let (s, _) = state(&crate::i18n::RU, 160, 48);
    insta::assert_snapshot!(text(&draw(&s)));
}

#[test]
fn typing_filters_and_alt_enter_sorts() {
    let (mut s, _) = state(&crate::i18n::EN, 160, 48);
    let ids = |s: &State| -> Vec<i64> {
        crate::app::site::site_rows(s)
            .iter()
            .map(|r| r.visitor_id)
            .collect()
    };
    assert_eq!(ids(&s), [41, 42, 43], "longest on the site first");
    update(&mut s, Event::Action(Action::PickerInsert));
    assert_eq!(ids(&s), [41, 42, 43], "longest on the page first");
    update(&mut s, Event::Action(Action::PickerInsert));
    assert_eq!(ids(&s)[0], 41, "most visits first");
    typed(&mut s, "KAZ");
    assert!(ids(&s).is_empty(), "no city in Latin letters");
    update(
        &mut s,
        Event::Action(Action::PickerInput(Input {
            key: Key::Char('u'),
            ctrl: true,
            ..Input::default()
        })),
    );
    typed(&mut s, "казань");
    assert_eq!(ids(&s), [41]);
    // A change moves a row; a leave removes one.
    let mut john = visitors()[1].clone();
    john.title = Some("Казань: доставка".into());
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::SiteVisitors {
            upsert: vec![john],
            leave: vec![41],
        })),
    );
    assert_eq!(ids(&s), [42]);
}

#[test]
fn enter_writes_an_invitation_and_sends_it_to_the_visitor_under_the_cursor() {
    let (mut s, _) = state(&crate::i18n::EN, 80, 24);
    update(&mut s, Event::Action(Action::PickerNext));
    assert!(update(&mut s, Event::Action(Action::PickerAccept)).is_empty());
    typed(&mut s, "Need a size?");
    insta::assert_snapshot!("en_80x24_writing_an_invitation", text(&draw(&s)));
    let effects = update(&mut s, Event::Action(Action::PickerAccept));
    let [
        Effect::Send(OperatorIn::Invite {
            visitor_id, text, ..
        }),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!((*visitor_id, text.as_str()), (42, "Need a size?"));
    assert_eq!(s.site.invite, None);
    // Esc cancels a draft first, then closes (and stops watching).
    update(&mut s, Event::Action(Action::PickerAccept));
    assert!(update(&mut s, Event::Action(Action::PickerClose)).is_empty());
    assert!(s.site.open);
    assert_eq!(
        update(&mut s, Event::Action(Action::PickerClose)),
        vec![Effect::Send(OperatorIn::WatchSite { on: false })]
    );
    assert!(!s.site.open && s.site.visitors.is_empty());
}

#[test]
fn a_canned_reply_becomes_the_invitation_filled_for_the_visitor() {
    let (mut s, _) = state(&crate::i18n::EN, 80, 24);
    s.canned.library = crate::canned::library::parse_files(&[(
        "help.md".into(),
        "+++\nid = \"help\"\ntitle = \"help\"\nlang = \"en\"\n+++\nSee anything in {visitor.page}, {visitor.city}?\n".into(),
    )])
    .library;
    update(&mut s, Event::Action(Action::PickerAccept));
    update(&mut s, Event::Action(Action::Canned("help".into())));
    assert_eq!(
        s.site.invite.as_deref(),
        Some("See anything in Корзина, Казань?")
    );
    let effects = update(&mut s, Event::Action(Action::PickerAccept));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Send(OperatorIn::Invite { visitor_id: 41, .. })]
        ),
        "{effects:?}"
    );
}
