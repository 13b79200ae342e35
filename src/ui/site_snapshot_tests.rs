//! "On the site now" as text snapshots (insta), built only through `update` with protocol
//! frames at a fixed time: 80x24 and 160x48 in English and Russian, hostile visitor text, and
//! what the keys do (filter, sort, the opened card, invitation) checked on the state and its
//! effects.

use frontdesk_protocol::{OperatorIn, OperatorOut, PageView, SiteVisitor};
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
    john.referrer = Some("https://www.news.example/review?from=mail".into());
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
    // The hint line names the keys as bound.
    s.keys = crate::keymap::Keymap::builtin().help();
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

/// At 80 columns the Russian hints do not all fit: whole ones leave, "esc закрыть" stays.
#[test]
fn ru_80x24() {
    let (s, _) = state(&crate::i18n::RU, 80, 24);
    let screen = text(&draw(&s));
    assert!(screen.contains("esc закрыть") && !screen.contains("сортиров"));
    insta::assert_snapshot!(screen);
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
fn alt_i_writes_an_invitation_and_enter_sends_it_to_the_visitor_under_the_cursor() {
    let (mut s, _) = state(&crate::i18n::EN, 80, 24);
    update(&mut s, Event::Action(Action::PickerNext));
    assert!(update(&mut s, Event::Action(Action::InviteVisitor)).is_empty());
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
    update(&mut s, Event::Action(Action::InviteVisitor));
    assert_eq!(s.site.invite.as_deref(), Some(""));
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
    update(&mut s, Event::Action(Action::InviteVisitor));
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

fn page(url: &str, title: Option<&str>, ago_secs: i64) -> PageView {
    PageView {
        url: url.into(),
        title: title.map(str::to_owned),
        referrer: None,
        search_query: None,
        ts: NOW - ago_secs * SEC,
    }
}

fn card_answer(visitor_id: i64, user_agent: &str, pages: Vec<PageView>) -> Event {
    Event::Frame(Box::new(OperatorOut::SiteCard {
        id: "card".into(),
        visitor_id,
        user_agent: Some(user_agent.into()),
        pages,
    }))
}

const CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// The card's request for `visitor_id`, the one effect expected.
fn asks_card(effects: &[Effect], visitor_id: i64) {
    assert!(
        matches!(
            effects,
            [Effect::Send(OperatorIn::SiteCard { visitor_id: v, .. })] if *v == visitor_id
        ),
        "{effects:?}"
    );
}

#[test]
fn enter_opens_the_card_with_the_browser_and_the_latest_pages() {
    let (mut s, _) = state(&crate::i18n::EN, 80, 24);
    assert!(!text(&draw(&s)).contains("Browser:"), "not opened yet");
    asks_card(&update(&mut s, Event::Action(Action::PickerAccept)), 41);
    assert!(
        text(&draw(&s)).contains("Browser: …"),
        "asked, not answered"
    );
    let pages = vec![
        page("https://shop.example/", Some("Обувь"), 700),
        page(
            "https://shop.example/red",
            Some("\u{1b}[2JКеды\u{202e}"),
            400,
        ),
        page("https://shop.example/cart", Some("Корзина"), 95),
    ];
    update(&mut s, card_answer(41, CHROME, pages));
    let screen = text(&draw(&s));
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    insta::assert_snapshot!("en_80x24_card", screen);
    // Enter again asks nothing more; the card follows the cursor, and an answer about the
    // visitor it left is not shown on the next one.
    assert!(update(&mut s, Event::Action(Action::PickerAccept)).is_empty());
    asks_card(&update(&mut s, Event::Action(Action::PickerNext)), 42);
    update(&mut s, card_answer(41, "Stale/1.0", Vec::new()));
    let screen = text(&draw(&s));
    assert!(
        screen.contains("Browser: …") && !screen.contains("Stale"),
        "{screen}"
    );
    update(
        &mut s,
        card_answer(
            42,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
            vec![page("https://shop.example/shoes?id=7", None, 12)],
        ),
    );
    let screen = text(&draw(&s));
    assert!(screen.contains("Safari"), "{screen}");
    assert!(
        screen.contains("https://shop.example/shoes?id=7"),
        "{screen}"
    );
    // Esc closes the card first, then the view.
    assert!(update(&mut s, Event::Action(Action::PickerClose)).is_empty());
    assert!(s.site.open && s.site.card.is_none());
    assert_eq!(
        update(&mut s, Event::Action(Action::PickerClose)),
        vec![Effect::Send(OperatorIn::WatchSite { on: false })]
    );
}

#[test]
fn ru_160x48_card() {
    let (mut s, _) = state(&crate::i18n::RU, 160, 48);
    asks_card(&update(&mut s, Event::Action(Action::PickerAccept)), 41);
    let pages = (0..25)
        .map(|i| page(&format!("https://shop.example/p{i}"), None, 900 - i * 30))
        .collect();
    update(&mut s, card_answer(41, CHROME, pages));
    let screen = text(&draw(&s));
    assert!(
        screen.contains("p24") && !screen.contains("p18"),
        "six newest"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn a_reconnect_watches_again_and_asks_for_the_open_card_again() {
    let (mut s, _) = state(&crate::i18n::EN, 80, 24);
    asks_card(&update(&mut s, Event::Action(Action::PickerAccept)), 41);
    welcome(&mut s, 20);
    let effects = update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(20, Vec::new(), Vec::new()))),
    );
    let sent: Vec<&OperatorIn> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(frame) => Some(frame),
            _ => None,
        })
        .collect();
    assert!(
        sent.contains(&&OperatorIn::WatchSite { on: true }),
        "{sent:?}"
    );
    assert!(
        sent.iter()
            .any(|f| matches!(f, OperatorIn::SiteCard { visitor_id: 41, .. })),
        "{sent:?}"
    );
}

#[test]
fn another_screen_closes_the_view_and_stops_its_feed() {
    for other in [
        Action::ToggleStats,
        Action::ToggleQueue,
        Action::SearchChats,
    ] {
        let (mut s, _) = state(&crate::i18n::EN, 80, 24);
        assert!(s.site.open);
        let effects = update(&mut s, Event::Action(other.clone()));
        assert!(
            effects.contains(&Effect::Send(OperatorIn::WatchSite { on: false })),
            "{other:?}: {effects:?}"
        );
        assert!(!s.site.open, "{other:?}");
        assert!(s.stats.open || s.queue.open || s.finder.open, "{other:?}");
    }
}

#[test]
fn the_from_column_names_the_referring_site() {
    use super::site::referrer_site;
    assert_eq!(referrer_site("https://duckduckgo.com/"), "duckduckgo.com");
    assert_eq!(
        referrer_site("https://www.google.com/search?q=x"),
        "google.com"
    );
    assert_eq!(
        referrer_site("http://user@mail.example:8080#top"),
        "mail.example:8080"
    );
    // Not an address: shown as it came (sanitized when drawn).
    assert_eq!(referrer_site("android-app://x"), "x");
    assert_eq!(referrer_site("bookmark"), "bookmark");
    assert_eq!(referrer_site("https://"), "https://");
}

#[test]
fn a_page_without_a_title_is_named_by_its_path() {
    use super::site::page_path;
    assert_eq!(page_path("https://shop.example/shoes?id=7"), "/shoes?id=7");
    assert_eq!(page_path("https://shop.example"), "/");
    assert_eq!(page_path("https://shop.example?utm=x"), "?utm=x");
    assert_eq!(page_path("about:blank"), "about:blank");
}
