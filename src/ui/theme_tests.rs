//! A theme's colours reach the screen, and `NO_COLOR` still wins over them.

use frontdesk_protocol::{Chat, ChatState, ChatStatus, OperatorOut};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::app::state::Delivery;
use crate::app::{Event, State, update};
use crate::theme_file::{Role, from_text};
use crate::ui::Theme;
use crate::ui::screen_test::{draw, welcome};

const T0: i64 = 1_795_000_000_000;

/// A waiting chat whose visitor has waited 50 s (the warning colour), themed by `theme`.
fn state(theme: &str) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    let loaded = from_text("theme.toml", theme);
    assert_eq!(loaded.errors, []);
    s.screen.palette = loaded.palette;
    welcome(&mut s, 1);
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
        frontdesk_protocol::VisitorProfile {
            id: 47,
            ..Default::default()
        },
        Vec::new(),
    );
    update(
        &mut s,
        Event::Frame(Box::new(OperatorOut::snapshot(1, vec![chat], vec![]))),
    );
    update(&mut s, Event::Tick { now: T0 + 50_000 });
    s
}

fn cell_of<'a>(buf: &'a Buffer, needle: &str) -> &'a ratatui::buffer::Cell {
    crate::ui::screen_test::cells(buf, needle)[0]
}

#[test]
fn a_themed_colour_reaches_the_buffer() {
    let s = state("wait_warning = { fg = \"#af5f00\", bg = 230, modifiers = [\"underlined\"] }\n");
    let buf = draw(&s);
    let timer = cell_of(&buf, "0:50");
    assert_eq!(timer.fg, Color::Rgb(0xaf, 0x5f, 0x00));
    assert_eq!(timer.bg, Color::Indexed(230));
    assert!(timer.modifier.contains(Modifier::UNDERLINED));
    // A role the file does not name keeps its built-in colour: the focused list border.
    assert_eq!(buf[(0, 0)].fg, Color::Cyan);
}

#[test]
fn no_color_wins_over_the_theme() {
    let mut s = state("wait_warning = \"#af5f00\"\nstatus_bar = { bg = \"blue\" }\nborder = 33\n");
    s.screen.no_color = true;
    let buf = draw(&s);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    // The colourless warning is bold.
    assert!(cell_of(&buf, "0:50").modifier.contains(Modifier::BOLD));
}

#[test]
fn every_role_method_reads_its_role_from_the_palette() {
    let mut palette = crate::theme_file::Palette::default();
    for (i, role) in Role::ALL.iter().enumerate() {
        palette.set(
            *role,
            ratatui::style::Style::new().fg(Color::Indexed(u8::try_from(i).expect("few"))),
        );
    }
    let t = Theme::with_palette(&palette, false);
    let by_method = [
        t.header(),
        t.dim(),
        t.selected(),
        t.border(),
        t.focused_border(),
        t.focused_title(),
        t.wait_ok(),
        t.wait_warning(),
        t.wait_alarm(),
        t.unread(),
        t.visitor(),
        t.operator(),
        t.note(),
        t.whisper(),
        t.system(),
        t.delivery(Delivery::Pending),
        t.delivery(Delivery::Stored),
        t.delivery_seen(),
        t.delivery(Delivery::Failed),
        t.online(),
        t.connecting(),
        t.offline(),
        t.status_bar(),
        t.cursor(),
        t.search_hit(),
        t.search_current(),
    ];
    assert_eq!(by_method.len(), Role::COUNT);
    for (i, (style, role)) in by_method.iter().zip(Role::ALL).enumerate() {
        assert_eq!(
            style.fg,
            Some(Color::Indexed(u8::try_from(i).expect("few"))),
            "{}",
            role.name()
        );
    }
    // Without colour, the palette is not consulted at all.
    let plain = Theme::with_palette(&palette, true);
    assert_eq!(plain.visitor().fg, None);
    assert_eq!(plain.delivery(Delivery::Failed).fg, None);
}
