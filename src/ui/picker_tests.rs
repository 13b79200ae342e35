//! The picker and the `/shortcut` popup on screen: ranked titles, the preview filled for the
//! open chat with its gap marked, narrow and wide layouts, and hostile text kept harmless.

use frontdesk_protocol::{
    Chat, ChatState, ChatStatus, OperatorInfo, OperatorOut, OperatorRole, OperatorStatus,
    PrechatFields, VisitorProfile,
};
use ratatui::style::Modifier;
use ratatui_textarea::{Input, Key};

use crate::app::{Action, Event, Focus, State, update};
use crate::canned::library::parse_files;
use crate::ui::screen_test::{draw, text};

fn reply(id: &str, title: &str, body: &str) -> (String, String) {
    let text = format!("+++\nid = \"{id}\"\ntitle = \"{title}\"\nlang = \"en\"\n+++\n{body}\n");
    (format!("{id}.md"), text)
}

/// One open chat with a visitor called `name`, and a small library.
fn state(width: u16, height: u16, name: &str) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    let me = OperatorInfo {
        id: 3,
        name: "anna".into(),
        display_name: "Анна".into(),
        role: OperatorRole::Operator,
        status: OperatorStatus::Online,
        status_since: None,
    };
    let chat = ChatState::new(
        Chat {
            id: 1,
            visitor_id: 9,
            status: ChatStatus::Active,
            operator_id: Some(3),
            department: None,
            created_at: 1_795_000_000_000,
            accepted_at: None,
            closed_at: None,
            queued_at: None,
        },
        VisitorProfile {
            id: 9,
            fields: PrechatFields {
                name: Some(name.into()),
                ..PrechatFields::default()
            },
            ..VisitorProfile::default()
        },
        Vec::new(),
    );
    update(&mut s, Event::Resize { width, height });
    let frame = |f| Event::Frame(Box::new(f));
    update(&mut s, frame(OperatorOut::welcome(me.clone(), 1)));
    update(
        &mut s,
        frame(OperatorOut::snapshot(1, vec![chat], vec![me])),
    );
    update(&mut s, Event::Action(Action::SelectFirst));
    update(&mut s, Event::Action(Action::OpenSelected));
    s.canned.library = parse_files(&[
        reply(
            "hi",
            "Greeting",
            "Hello, {visitor.name}! I am {operator.name}.",
        ),
        reply(
            "late",
            "Parcel is late",
            "Your parcel comes on {fill.date}.",
        ),
    ])
    .library;
    s
}

fn search(s: &mut State, query: &str) {
    update(s, Event::Action(Action::CannedPicker));
    for c in query.chars() {
        let input = Input {
            key: Key::Char(c),
            ..Default::default()
        };
        update(s, Event::Action(Action::PickerInput(input)));
    }
}

#[test]
fn the_picker_lists_matches_and_previews_the_filled_reply() {
    for (width, height) in [(100, 30), (60, 24)] {
        let mut s = state(width, height, "Ольга");
        search(&mut s, "greet");
        let screen = text(&draw(&s));
        assert!(screen.contains("Canned replies"), "{screen}");
        assert!(screen.contains("> greet"), "{screen}");
        assert!(screen.contains("Greeting  /hi · en"), "{screen}");
        assert!(!screen.contains("Parcel is late"), "only matches: {screen}");
        assert!(
            screen.contains("Hello, Ольга! I am Анна."),
            "{width}: {screen}"
        );
    }
}

/// The picker's title names where a reply goes as the reply box does; over a closed chat,
/// that it is closed (it said «no chat open» while the chat was on screen).
#[test]
fn the_picker_says_why_a_closed_chat_gets_no_reply() {
    let mut s = state(100, 30, "Ольга");
    search(&mut s, "");
    assert!(text(&draw(&s)).contains("Canned replies → Ольга "));
    update(&mut s, Event::Action(Action::PickerClose));
    if let Some(chat) = s.chats.get_mut(&1) {
        chat.chat.status = ChatStatus::Closed;
    }
    search(&mut s, "");
    let screen = text(&draw(&s));
    assert!(screen.contains("→ Ольга · chat closed "), "{screen}");
    assert!(!screen.contains("no chat open"), "{screen}");
}

#[test]
fn a_gap_is_marked_in_the_preview_and_nothing_matching_says_so() {
    let mut s = state(100, 30, "Ольга");
    search(&mut s, "parcel");
    let buf = draw(&s);
    let screen = text(&buf);
    let row = screen
        .lines()
        .position(|l| l.contains("{fill.date}"))
        .expect("the gap is shown");
    let col = screen
        .lines()
        .nth(row)
        .and_then(|l| l.find("{fill.date}"))
        .expect("col");
    let x =
        u16::try_from(screen.lines().nth(row).expect("row")[..col].chars().count()).expect("fits");
    let y = u16::try_from(row).expect("fits");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "{screen}"
    );
    search(&mut s, "zzzz");
    assert!(text(&draw(&s)).contains("nothing matches"));
}

#[test]
fn the_preview_says_a_reply_goes_at_once_only_without_gaps_left() {
    let mut s = state(100, 30, "Ольга");
    let file = |id: &str, body: &str| {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"{id}\"\nlang = \"en\"\nsend = true\n+++\n{body}\n"
        );
        (format!("{id}.md"), text)
    };
    s.canned.library = parse_files(&[
        file("named", "Hello, {visitor.name}!"),
        file("priced", "Delivery takes {fill.days}."),
    ])
    .library;
    search(&mut s, "named");
    let screen = text(&draw(&s));
    assert!(screen.contains("(sends at once)"), "{screen}");
    assert!(screen.contains("/named · en ⏎"), "{screen}");
    search(&mut s, "priced");
    let screen = text(&draw(&s));
    assert!(screen.contains("(fill in the gaps first)"), "{screen}");
    assert!(!screen.contains("sends at once"), "{screen}");
    assert!(
        !screen.contains("/priced · en ⏎"),
        "no mark in the list either: {screen}"
    );
    // A visitor who gave no name leaves `{visitor.name}` a gap: that reply waits too.
    let library = s.canned.library.clone();
    let mut s = state(100, 30, "");
    s.canned.library = library;
    search(&mut s, "named");
    let screen = text(&draw(&s));
    assert!(screen.contains("(fill in the gaps first)"), "{screen}");
    assert!(screen.contains("/named · en"), "{screen}");
    assert!(!screen.contains("/named · en ⏎"), "{screen}");
}

#[test]
fn a_hostile_visitor_name_reaches_the_preview_harmless() {
    let mut s = state(100, 30, "Eve\x1b]52;c;SGVsbG8=\x07\u{202E}");
    search(&mut s, "greet");
    let screen = text(&draw(&s));
    assert!(
        screen.contains("Hello, Eve␛]52;c;SGVsbG8=␇⟨U+202E⟩!"),
        "{screen}"
    );
}

#[test]
fn the_slash_popup_lists_shortcuts_above_the_reply_box() {
    let mut s = state(80, 24, "Ольга");
    s.focus = Focus::Compose;
    for c in "/".chars() {
        let input = Input {
            key: Key::Char(c),
            ..Default::default()
        };
        update(&mut s, Event::Action(Action::ComposeInput(input)));
    }
    let screen = text(&draw(&s));
    assert!(screen.contains("/hi  Greeting"), "{screen}");
    assert!(screen.contains("/late  Parcel is late"), "{screen}");
    // A title longer than the box reads as cut.
    s.canned.library = parse_files(&[reply(
        "where",
        "Where is my order: its status, the carrier and the tracking number",
        "Soon.",
    )])
    .library;
    let screen = text(&draw(&s));
    let row = screen
        .lines()
        .find(|l| l.contains("/where"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("…│"), "{row}");
}

#[test]
fn the_bans_picker_draws_through_the_same_box_with_hostile_reasons_made_harmless() {
    let mut s = state(100, 30, "Ольга");
    s.bans = vec![frontdesk_protocol::Ban {
        id: 5,
        visitor_id: 77,
        chat_id: None,
        by_ip: false,
        reason: "spam\x1b[2J links".into(),
        operator_id: 3,
        created_at: 1_795_000_000_000,
        until: 1_795_086_400_000,
    }];
    s.picker = Some(crate::app::state::Picker::new(
        crate::app::state::PickFrom::Ban,
    ));
    let screen = text(&draw(&s));
    assert!(screen.contains("Bans in force"), "{screen}");
    assert!(screen.contains("#77 spam␛[2J links"), "{screen}");
    assert!(screen.contains("banned by Анна"), "{screen}");
    assert!(screen.contains("Enter lift the ban"), "{screen}");
}

/// On a small screen a reply's title longer than the list, and the preview's heading longer
/// than its box, end in «…» where they are cut.
#[test]
fn rows_and_the_preview_heading_cut_on_a_small_screen_end_in_a_mark() {
    let mut s = state(80, 24, "Ольга");
    // The Russian heading is the longer one.
    s.strings = &crate::i18n::RU;
    s.canned.library = parse_files(&[reply(
        "where",
        "Where is my order: its status and the tracking number",
        "It goes out on {fill.date}, tracking number {fill.number}.",
    )])
    .library;
    search(&mut s, "where");
    let screen = text(&draw(&s));
    let row = screen
        .lines()
        .find(|l| l.contains("Where is my order"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("…┌") || row.contains("…│"), "{row}");
    let heading = screen
        .lines()
        .find(|l| l.contains("Предпросмотр"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(heading.contains('…'), "{heading}");
}
