//! The visitor card as drawn: one city, labelled with where it came from, and the visit count
//! in words that agree with each other.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, MessageKind, OperatorOut, PrechatFields, VisitorProfile,
};

use super::counted;
use crate::app::{Action, Event, State, update};
use crate::i18n::{EN, RU, Strings};
use crate::ui::screen_test::{draw, welcome, welcome_labelling};

pub(super) const T0: i64 = 1_795_000_000_000;

/// The card's rows as text, for a visitor with this profile (visitor 47, chat 7, open).
fn card(strings: &'static Strings, change: impl FnOnce(&mut VisitorProfile)) -> Vec<String> {
    card_rows(&card_state(strings, (160, 48), change))
}

/// The console at `size` with the card open on a visitor with this profile.
pub(super) fn card_state(
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
    let chat = ChatState::new(
        Chat {
            id: 7,
            visitor_id: 47,
            status: ChatStatus::Waiting,
            operator_id: None,
            department: None,
            created_at: T0,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        visitor,
        Vec::new(),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(5, vec![chat], vec![]))),
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

/// The card's title row as drawn.
fn card_title(s: &State) -> String {
    let buf = draw(s);
    let area = s.areas().card;
    (area.x..area.right())
        .map(|x| buf[(x, area.y)].symbol())
        .collect()
}

#[test]
fn on_a_narrow_screen_the_key_again_shows_the_whole_card_then_hides_it() {
    let mut s = card_state(&EN, (80, 24), |v| {
        v.fields.email = Some("olga@example.ru".into());
        v.user_agent =
            Some("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0".into());
    });
    s.keys = crate::keymap::Keymap::builtin().help();
    // First a strip: what is not known is left out, and the title says how to see all.
    assert!(s.areas().card_strip);
    assert!(
        card_title(&s).contains("Visitor · F2 all of it"),
        "{}",
        card_title(&s)
    );
    assert!(!card_rows(&s).iter().any(|r| r.contains("Phone")));
    // Again: the whole dialog area, every field with its label, the reply box kept.
    let reply_box = s.areas().compose;
    update(&mut s, Event::Action(Action::ToggleCard));
    let areas = s.areas();
    assert!(!areas.card_strip);
    assert_eq!(areas.dialog.height, 0);
    assert_eq!(areas.compose, reply_box);
    assert_eq!(areas.card.bottom(), reply_box.y);
    assert!(card_title(&s).contains("Visitor · F2 back to the dialog"));
    // Where the hint does not fit whole, the title is the card's name alone.
    update(
        &mut s,
        Event::Resize {
            width: 46,
            height: 16,
        },
    );
    assert_eq!(
        card_title(&s).trim_matches(|c| c == '┌' || c == '─' || c == '┐'),
        "Visitor"
    );
    update(
        &mut s,
        Event::Resize {
            width: 80,
            height: 24,
        },
    );
    let rows = card_rows(&s);
    assert!(
        rows.iter().any(|r| r.starts_with("Browser: Firefox")),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r == "Phone: unknown"), "{rows:?}");
    // Scrolling a dialog with no rows on screen is harmless.
    update(&mut s, Event::Action(Action::PageUp));
    update(&mut s, Event::Action(Action::PageDown));
    // The visitor writes: the dialog comes back to show it, the card a strip again.
    let text = "Алло, Вы здесь?";
    let said = crate::ui::pane_tests::posted(7, None, "Ольга", MessageKind::Text, text);
    update(&mut s, said);
    assert!(s.screen.card && s.areas().card_strip);
    assert!(crate::ui::screen_test::text(&draw(&s)).contains(text));
    update(&mut s, Event::Action(Action::ToggleCard));
    assert_eq!(s.areas().dialog.height, 0, "the key shows all of it again");
    // And again: hidden, the dialog back.
    update(&mut s, Event::Action(Action::ToggleCard));
    assert!(!s.screen.card && !s.screen.card_whole);
    assert_eq!(s.areas().card, ratatui::layout::Rect::default());
    assert!(s.areas().dialog.height > 10);

    // Beside the dialog there is nothing more to show: the key shows and hides it.
    let mut s = card_state(&EN, (160, 48), |_| {});
    s.keys = crate::keymap::Keymap::builtin().help();
    assert!(!s.areas().card_strip);
    assert_eq!(
        card_title(&s).trim_matches(|c| c == '┌' || c == '─' || c == '┐'),
        "Visitor"
    );
    update(&mut s, Event::Action(Action::ToggleCard));
    assert!(!s.screen.card);
}

#[test]
fn the_sites_own_fields_go_under_the_labels_its_form_gives_them() {
    let order = |v: &mut VisitorProfile| {
        v.fields.extra.insert("order".into(), "A-1043".into());
        v.fields.extra.insert("coupon".into(), "WINTER".into());
    };
    let mut wide = card_state(&RU, (160, 48), order);
    let mut strip = card_state(&RU, (80, 24), order);
    for s in [&mut wide, &mut strip] {
        assert!(
            card_rows(s).join("\n").contains("order: A-1043"),
            "an older server names no labels: the key stands"
        );
        welcome_labelling(s, 5, &[("order", "Номер заказа")]);
        let all = card_rows(s).join("\n");
        assert!(all.contains("Номер заказа: A-1043"), "{all}");
        assert!(!all.contains("order:"), "{all}");
        assert!(all.contains("coupon: WINTER"), "unlabelled: {all}");
    }
}

#[test]
fn a_customer_the_site_vouched_for_is_named_by_its_id_and_marked() {
    let unverified = card_state(&RU, (160, 48), |_| {});
    assert!(
        !card_rows(&unverified).join("\n").contains("Клиент сайта"),
        "nobody vouched: no customer row"
    );
    let verified = |v: &mut VisitorProfile| v.customer_id = Some("shop-42\u{202e}x".into());
    for s in [
        card_state(&RU, (160, 48), verified),
        card_state(&RU, (80, 24), verified),
    ] {
        let all = card_rows(&s).join("\n");
        // The id still passes the sanitizer: the bidi override shows as a mark.
        assert!(all.contains("Клиент сайта: shop-42"), "{all}");
        assert!(all.contains('✓'), "{all}");
        assert!(!all.contains('\u{202e}'), "{all}");
    }
}
