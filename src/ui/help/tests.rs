//! The help overlay at 80x24 (one column, paged) and 160x64 (two columns), from live
//! bindings, and the which-key hint.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use crate::action::Command;
use crate::app::{Action, Event, State, update};
use crate::keymap::{Context, from_user};
use crate::ui::screen_test::{draw, text};

fn state_with(user: &str, width: u16, height: u16) -> State {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), Some("demo banner".into()));
    update(&mut s, Event::Resize { width, height });
    let loaded = from_user(Some(("keymap.toml", user)));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    s.keys = loaded.keymap.help();
    update(&mut s, Event::Action(Action::ToggleHelp));
    assert!(s.screen.help);
    s
}

/// Every screen from the top, paging down until the overlay stops moving.
fn pages(s: &mut State) -> Vec<String> {
    let mut screens = vec![text(&draw(s))];
    for _ in 0..20 {
        let before = s.screen.help_scroll;
        update(s, Event::Action(Action::HelpPageDown));
        if s.screen.help_scroll == before {
            return screens;
        }
        screens.push(text(&draw(s)));
    }
    panic!("paging never reached the end");
}

fn on_some_page(screens: &[String], needle: &str) -> bool {
    screens.iter().any(|screen| screen.contains(needle))
}

#[test]
fn a_long_keymap_pages_at_80x24_and_every_binding_is_reachable() {
    let mut s = state_with("preset = \"vim\"\n", 80, 24);
    let screens = pages(&mut s);
    assert!(screens.len() >= 3, "{} pages", screens.len());
    let pages = screens.len();
    let first = &screens[0];
    assert!(first.contains(&format!("page 1/{pages}")), "{first}");
    assert!(first.contains("more below ↓ (pgdn)"), "{first}");
    let last = screens.last().expect("a page");
    assert!(last.contains(&format!("page {pages}/{pages}")), "{last}");
    assert!(!last.contains("more below"), "{last}");
    assert!(last.contains("demo banner"), "{last}");
    for context in &s.keys.contexts {
        let header = crate::i18n::EN.keys.context(context.name);
        assert!(on_some_page(&screens, header), "{header}");
        for b in &context.bindings {
            if b.action.command() == Command::FocusPane {
                continue;
            }
            let row = format!(
                "{}  {}",
                b.keys.join(", "),
                crate::app::help::describe(&s, b)
            );
            assert!(on_some_page(&screens, &row), "{row} is on no page");
        }
    }
    assert!(on_some_page(&screens, "alt-1…alt-4  go to pane 1…4"));
}

#[test]
fn overlay_shows_a_user_rebound_key_with_its_description() {
    let mut s = state_with(
        "[keymap.list]\n\"ctrl-n\" = \"select_next\"\n\"j\" = \"noop\"\n",
        80,
        24,
    );
    let screens = pages(&mut s);
    for needle in [
        "Chat list",
        "down, ctrl-n  select the next chat",
        "up, k  select the previous chat",
        "ctrl-c, ctrl-q  quit the console",
        "alt-enter  new line in the reply",
        "down, j  help: one line down",
        "demo banner",
    ] {
        assert!(on_some_page(&screens, needle), "{needle}: {screens:#?}");
    }
    assert!(!on_some_page(&screens, "down, j, ctrl-n"), "j is unbound");
}

#[test]
fn lines_up_and_down_and_the_ends() {
    let mut s = state_with("", 80, 24);
    update(&mut s, Event::Action(Action::HelpDown));
    let one_down = text(&draw(&s));
    // The first row (the global header) scrolled away; the second is now on top.
    let top_row = one_down.lines().nth(1).expect("first row");
    assert!(
        top_row.contains("ctrl-c, ctrl-q  quit the console"),
        "{one_down}"
    );
    update(&mut s, Event::Action(Action::HelpBottom));
    let end = text(&draw(&s));
    assert!(
        end.contains("This help") && end.contains("demo banner"),
        "{end}"
    );
    update(&mut s, Event::Action(Action::HelpTop));
    assert!(text(&draw(&s)).contains("Everywhere"));
}

#[test]
fn a_page_that_starts_inside_a_context_names_it_on_the_top_border() {
    let mut s = state_with("", 80, 24);
    update(&mut s, Event::Action(Action::HelpDown));
    let screen = text(&draw(&s));
    let top = screen.lines().next().expect("top border");
    assert!(top.starts_with("┌Keys─ Everywhere … "), "{top}");
    update(&mut s, Event::Action(Action::HelpTop));
    let top = text(&draw(&s)).lines().next().expect("top").to_owned();
    assert!(!top.contains("Everywhere"), "{top}");
}

#[test]
fn two_columns_at_160x64_without_paging() {
    // The built-in keymap fitted at 160x48 until the reply box's own editing keys joined it,
    // and at 160x56 until the signs did.
    let s = state_with("", 160, 64);
    let screen = text(&draw(&s));
    for needle in [
        "Everywhere",
        "This help",
        "ctrl-c, ctrl-q  quit the console",
        "show the selected chat in the focused pane",
        "demo banner",
    ] {
        assert!(screen.contains(needle), "{needle}: {screen}");
    }
    assert!(
        !screen.contains("more below") && !screen.contains("page 1/1"),
        "{screen}"
    );
    // The second column starts in the right half.
    let line = screen
        .lines()
        .find(|l| l.contains("Search in the dialog"))
        .expect("search header");
    let column = line
        .find("Search in")
        .map(|b| line[..b].chars().count())
        .expect("the header");
    assert!(column > 70, "{screen}");
}

#[test]
fn the_vim_preset_pages_in_two_columns_at_160x48_and_at_120x24() {
    // It fitted on one screen at 160x48 until the statistics screen's keys (a context of
    // their own and f9) made the help six lines longer: the yes/no questions go to page 2.
    let mut s = state_with("preset = \"vim\"\n", 160, 48);
    let screens = pages(&mut s);
    assert_eq!(screens.len(), 2, "{screens:#?}");
    assert!(
        screens[0].contains("ctrl-w w, ctrl-w ctrl-w  focus the next pane"),
        "{}",
        screens[0]
    );
    assert!(on_some_page(&screens, "demo banner"));
    assert!(on_some_page(&screens, "Statistics screen"));
    let mut s = state_with("preset = \"vim\"\n", 120, 24);
    let screens = pages(&mut s);
    // Three pages since the queue view and the export key joined the global keys.
    assert_eq!(screens.len(), 3, "{screens:#?}");
    assert!(
        screens[0].contains("page 1/3 · more below ↓ (pgdn)"),
        "{}",
        screens[0]
    );
    // Two columns side by side on one row: the global table and, right of it, more rows.
    let row = screens[0].lines().nth(2).expect("row 2");
    assert!(row.contains("quit the console"), "{row}");
    let right: String = row.chars().skip(60).collect();
    assert!(
        right.trim_matches(|c| c == ' ' || c == '│').len() > 3,
        "{row}"
    );
    assert!(screens[1].contains("page 2/3"), "{}", screens[1]);
    assert!(screens[2].contains("page 3/3") && screens[2].contains("demo banner"));
}

#[test]
fn a_short_keymap_sits_in_a_box() {
    let mut s = state_with("", 80, 40);
    s.keys.contexts.retain(|c| c.name == "list");
    let screen = text(&draw(&s));
    assert!(screen.contains("Chat list"), "{screen}");
    assert!(!screen.contains("page 1/"), "{screen}");
}

#[test]
fn overlay_without_colour() {
    let mut s = state_with("preset = \"vim\"\n", 80, 24);
    s.screen.no_color = true;
    let buf = draw(&s);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    assert!(text(&buf).contains("quit the console"));
}

#[test]
fn russian_page_line() {
    let mut s = state_with("", 80, 24);
    s.strings = &crate::i18n::RU;
    let screen = text(&draw(&s));
    assert!(screen.contains("стр. 1/"), "{screen}");
    assert!(screen.contains("ещё ниже ↓ (pgdn)"), "{screen}");
    assert!(screen.contains("выйти из консоли"), "{screen}");
}

#[test]
fn which_key_hint_for_a_pending_sequence() {
    let mut s = state_with("preset = \"vim\"\n", 80, 24);
    s.screen.help = false;
    let mut keymap = from_user(Some(("keymap.toml", "preset = \"vim\"\n"))).keymap;
    let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(keymap.press(g, Context::List), None);
    s.keys.pending = keymap.pending_help();
    let screen = text(&draw(&s));
    assert!(screen.contains("g …"), "{screen}");
    assert!(screen.contains("g  select the first chat"), "{screen}");
}

/// The help ends with the signs the screens use, explained in the operator's language, after
/// every key.
#[test]
fn the_help_ends_with_the_signs_in_the_operators_language() {
    for (strings, heading, read) in [
        (
            &crate::i18n::EN,
            "Signs on the screen",
            "seen by the visitor",
        ),
        (&crate::i18n::RU, "Значки на экране", "посетитель видел его"),
    ] {
        let mut s = state_with("", 80, 24);
        s.strings = strings;
        let screens = pages(&mut s);
        let last = screens.last().expect("a page");
        assert!(last.contains(heading), "{last}");
        let row = last.lines().find(|l| l.contains(read));
        assert!(row.is_some_and(|r| r.contains("✓✓")), "{last}");
        assert_eq!(strings.keys.signs.len(), crate::i18n::EN.keys.signs.len());
        // Every sign's words whole at 80 columns.
        for (_, what) in strings.keys.signs {
            assert!(last.contains(what), "{what}: {last}");
        }
    }
}
