//! Keymap tests: key names, the shipped files, merging, errors with file and line, lookup
//! with contexts and sequences, and the action list in docs/configuration.md.

mod files;
mod keys;
mod layout;
mod table;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Context, KeyCombo, Keymap, Loaded, from_user};
use crate::app::Action;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

fn user(text: &str) -> Loaded {
    from_user(Some(("keymap.toml", text)))
}

/// The table the console had built in before keymap files, kept here as the reference.
fn old_builtin() -> Vec<(Context, KeyCombo, Action)> {
    use KeyCode::{Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up};
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let k = KeyCombo::new;
    let (g, l, c) = (Context::Global, Context::List, Context::Compose);
    vec![
        (g, k(Char('c'), ctrl), Action::Quit),
        (g, k(Char('q'), ctrl), Action::Quit),
        (g, k(Char('w'), ctrl), Action::CloseChat),
        (g, k(Char('i'), alt), Action::ComposeNote),
        (g, k(Char('t'), alt), Action::ComposeTransfer),
        (g, k(Char('a'), alt), Action::ToggleAway),
        (g, k(Char('k'), alt), Action::TakeChat),
        (g, k(Char('j'), alt), Action::NextWaiting),
        (g, k(Char('u'), alt), Action::ComposeBan),
        (g, k(Char('r'), alt), Action::ComposeDecline),
        // Whispers and the team chat (issue 14).
        (g, k(Char('f'), alt), Action::ComposeWhisper),
        (g, k(Char('l'), alt), Action::OpenTeam),
        (g, k(Char('c'), alt), Action::PickColleague),
        (g, k(F(4), none), Action::GoOffline),
        (g, k(F(6), none), Action::ListBans),
        // The queue view (issue 15).
        (g, k(F(7), none), Action::ToggleQueue),
        // On the site now (issue 16).
        (g, k(F(5), none), Action::ToggleSite),
        (g, k(F(8), none), Action::ExportChat),
        (g, k(Char('s'), ctrl), Action::SaveFile),
        // The statistics screen (issue 15).
        (g, k(F(9), none), Action::ToggleStats),
        (g, k(Tab, none), Action::ToggleFocus),
        (g, k(F(1), none), Action::ToggleHelp),
        (g, k(F(2), none), Action::ToggleCard),
        (g, k(Char('r'), ctrl), Action::CannedPicker),
        // Do-not-disturb (issue 5).
        (g, k(Char('d'), alt), Action::ToggleDoNotDisturb),
        (g, k(PageUp, none), Action::PageUp),
        (g, k(PageDown, none), Action::PageDown),
        (g, k(End, ctrl), Action::JumpToBottom),
        // Panes (issue 3), added after the table moved to keymap files.
        (g, k(Char('v'), alt), Action::SplitVertical),
        (g, k(Char('h'), alt), Action::SplitHorizontal),
        (g, k(Char('x'), alt), Action::ClosePane),
        (g, k(F(3), none), Action::CycleLayout),
        (g, k(Char('n'), alt), Action::FocusNextPane),
        (g, k(Char('p'), alt), Action::FocusPrevPane),
        (g, k(Char('s'), alt), Action::SwapPane),
        (g, k(Char('1'), alt), Action::FocusPane(1)),
        (g, k(Char('2'), alt), Action::FocusPane(2)),
        (g, k(Char('3'), alt), Action::FocusPane(3)),
        (g, k(Char('4'), alt), Action::FocusPane(4)),
        // Dialog search and earlier chats (issue 3).
        (g, k(Char('f'), ctrl), Action::SearchDialog),
        (g, k(Char('n'), ctrl), Action::SearchNext),
        (g, k(Char('p'), ctrl), Action::SearchPrev),
        // Search across chats (issue 15).
        (g, k(Char('g'), ctrl), Action::SearchChats),
        (g, k(Down, alt), Action::EarlierNext),
        (g, k(Up, alt), Action::EarlierPrev),
        (g, k(Char('o'), alt), Action::OpenEarlier),
        (l, k(Up, none), Action::SelectPrev),
        (l, k(Down, none), Action::SelectNext),
        (l, k(Char('k'), none), Action::SelectPrev),
        (l, k(Char('j'), none), Action::SelectNext),
        // Home and End go to the list's ends (once End scrolled the dialog, as Ctrl-End does).
        (l, k(Home, none), Action::SelectFirst),
        (l, k(End, none), Action::SelectLast),
        (l, k(Enter, none), Action::OpenSelected),
        (l, k(Char('a'), none), Action::AcceptSelected),
        (l, k(Char('v'), none), Action::ToggleCard),
        (l, k(Char('?'), none), Action::ToggleHelp),
        (l, k(Char('/'), none), Action::SearchDialog),
        (l, k(Esc, none), Action::FocusList),
        (c, k(Enter, none), Action::SendMessage),
        (c, k(Tab, none), Action::CompleteCanned),
        (c, k(Enter, KeyModifiers::ALT), Action::ComposeNewline),
        (c, k(Char('e'), alt), Action::OpenEditor),
        (c, k(Char(';'), alt), Action::NextSuggestion),
        (c, k(Char('\''), alt), Action::AddWord),
        (c, k(Char('u'), ctrl), Action::DeleteToLineStart),
        (c, k(Char('z'), ctrl), Action::Undo),
        (c, k(Char('z'), alt), Action::Redo),
        (c, k(Esc, none), Action::FocusList),
        (Context::Picker, k(Up, none), Action::PickerPrev),
        (Context::Picker, k(Down, none), Action::PickerNext),
        (Context::Picker, k(Char('k'), ctrl), Action::PickerPrev),
        (Context::Picker, k(Char('j'), ctrl), Action::PickerNext),
        (Context::Picker, k(Char('p'), ctrl), Action::PickerPrev),
        (Context::Picker, k(Char('n'), ctrl), Action::PickerNext),
        (Context::Picker, k(Enter, none), Action::PickerAccept),
        (Context::Picker, k(Enter, alt), Action::PickerInsert),
        (Context::Picker, k(Esc, none), Action::PickerClose),
        (Context::Site, k(Char('i'), alt), Action::InviteVisitor),
        (Context::Search, k(Enter, none), Action::SearchAccept),
        (Context::Search, k(Esc, none), Action::SearchClear),
        // The statistics screen (issue 15).
        (Context::Stats, k(Char('['), none), Action::StatsPrevPeriod),
        (Context::Stats, k(Char(']'), none), Action::StatsNextPeriod),
        (Context::Stats, k(Left, none), Action::StatsPrevPeriod),
        (Context::Stats, k(Right, none), Action::StatsNextPeriod),
        (Context::Stats, k(Char('к'), none), Action::StatsRefresh),
        (Context::Stats, k(Char('r'), none), Action::StatsRefresh),
        (Context::Stats, k(Char('щ'), none), Action::StatsOperators),
        (Context::Stats, k(Char('o'), none), Action::StatsOperators),
        (Context::Stats, k(Tab, none), Action::StatsOperators),
        (Context::Stats, k(Char('q'), none), Action::ToggleStats),
        (Context::Stats, k(Esc, none), Action::ToggleStats),
        // Scrolling the help overlay (issue 3).
        (Context::Help, k(Up, none), Action::HelpUp),
        (Context::Help, k(Down, none), Action::HelpDown),
        (Context::Help, k(Char('k'), none), Action::HelpUp),
        (Context::Help, k(Char('j'), none), Action::HelpDown),
        (Context::Help, k(PageUp, none), Action::HelpPageUp),
        (Context::Help, k(PageDown, none), Action::HelpPageDown),
        (Context::Help, k(Char(' '), none), Action::HelpPageDown),
        (Context::Help, k(Home, none), Action::HelpTop),
        (Context::Help, k(End, none), Action::HelpBottom),
        (Context::Help, k(Char('?'), none), Action::CloseHelp),
        (Context::Help, k(Esc, none), Action::CloseHelp),
        (Context::Help, k(Char('q'), none), Action::CloseHelp),
        (Context::Confirm, k(Char('y'), none), Action::ConfirmYes),
        (Context::Confirm, k(Char('н'), none), Action::ConfirmYes),
        (Context::Confirm, k(Char('n'), none), Action::ConfirmNo),
        (Context::Confirm, k(Char('т'), none), Action::ConfirmNo),
        (Context::Confirm, k(Esc, none), Action::ConfirmNo),
    ]
}

/// Every binding of a keymap, as `(context, keys, action)`.
fn all(keymap: &Keymap) -> Vec<(Context, Vec<KeyCombo>, Action)> {
    Context::ALL
        .into_iter()
        .flat_map(|c| {
            keymap
                .table(c)
                .iter()
                .map(move |(k, a)| (c, k.to_vec(), a.clone()))
        })
        .collect()
}

#[test]
fn default_toml_reproduces_the_old_builtin_table() {
    let keymap = Keymap::builtin();
    let mut old: Vec<_> = old_builtin()
        .into_iter()
        .map(|(c, k, a)| (c, vec![k], a))
        .collect();
    // The one default sequence, the shell's ctrl-x ctrl-e, comes right before alt-e.
    let ctrl = |c| KeyCombo::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let at = old
        .iter()
        .position(|(_, _, a)| *a == Action::OpenEditor)
        .expect("alt-e");
    old.insert(
        at,
        (
            Context::Compose,
            vec![ctrl('x'), ctrl('e')],
            Action::OpenEditor,
        ),
    );
    assert_eq!(all(&keymap), old);
}

#[test]
fn shipped_files_parse_without_errors() {
    let mut errors = Vec::new();
    let default = super::parse_file("default.toml", super::DEFAULT_TOML, &mut errors);
    let vim = super::parse_file("vim.toml", super::VIM_TOML, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(default.preset.is_none() && vim.preset.is_none());
    assert!(!vim.entries.is_empty());
    let loaded = user("preset = \"vim\"\n");
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let mut k = loaded.keymap;
    // vim keeps the defaults it does not touch.
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    assert_eq!(k.press(ch('G'), Context::List), Some(Action::SelectLast));
    assert_eq!(k.press(ch('о'), Context::List), Some(Action::SelectNext));
    let ctrl_e = key(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(
        k.press(ctrl_e, Context::List),
        Some(Action::ScrollDialog(-1))
    );
}

#[test]
fn modes_and_globals() {
    let mut k = Keymap::builtin();
    let none = KeyModifiers::NONE;
    let enter = key(KeyCode::Enter, none);
    assert_eq!(k.press(enter, Context::List), Some(Action::OpenSelected));
    assert_eq!(k.press(enter, Context::Compose), Some(Action::SendMessage));
    let alt_enter = key(KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(
        k.press(alt_enter, Context::Compose),
        Some(Action::ComposeNewline)
    );
    let ctrl_q = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(k.press(ctrl_q, Context::Compose), Some(Action::Quit));
    let shift_q = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(k.press(shift_q, Context::List), Some(Action::ToggleHelp));
}

#[test]
fn letters_are_text_in_compose_and_commands_in_list() {
    let mut k = Keymap::builtin();
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    assert!(matches!(
        k.press(ch('j'), Context::Compose),
        Some(Action::ComposeInput(_))
    ));
    // A letter the list does not use is text: `update` takes it to the reply box.
    assert!(matches!(
        k.press(ch('x'), Context::List),
        Some(Action::ComposeInput(_))
    ));
    // Keys with Ctrl or Alt that nothing binds do nothing.
    let ctrl_x = key(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(k.press(ctrl_x, Context::List), None);
}

#[test]
fn the_search_prompt_types_letters_and_keeps_its_keys() {
    let mut k = Keymap::builtin();
    for c in ['j', '/', 'n', 'П'] {
        assert!(matches!(
            k.press(ch(c), Context::Search),
            Some(Action::ComposeInput(_))
        ));
    }
    let enter = key(KeyCode::Enter, KeyModifiers::NONE);
    let esc = key(KeyCode::Esc, KeyModifiers::NONE);
    let ctrl_n = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(k.press(enter, Context::Search), Some(Action::SearchAccept));
    assert_eq!(k.press(esc, Context::Search), Some(Action::SearchClear));
    assert_eq!(k.press(ctrl_n, Context::Search), Some(Action::SearchNext));
    assert_eq!(k.press(ch('/'), Context::List), Some(Action::SearchDialog));
    assert_eq!(
        Context::from(crate::app::state::KeyContext::Search),
        Context::Search
    );
}

#[test]
fn context_table_wins_over_global() {
    let mut k =
        user("[keymap.global]\n\"x\" = \"quit\"\n[keymap.list]\n\"x\" = \"close_chat\"\n").keymap;
    assert_eq!(k.press(ch('x'), Context::List), Some(Action::CloseChat));
    // compose has no "x": global applies there.
    assert_eq!(k.press(ch('x'), Context::Compose), Some(Action::Quit));
}

#[test]
fn the_site_view_has_its_own_keys_then_the_pickers_then_global() {
    let mut k = Keymap::builtin();
    let alt_i = key(KeyCode::Char('i'), KeyModifiers::ALT);
    assert_eq!(k.press(alt_i, Context::Site), Some(Action::InviteVisitor));
    // In the canned-reply picker alt-i is not an invitation: it is global's note again.
    assert_eq!(k.press(alt_i, Context::Picker), Some(Action::ComposeNote));
    // The view moves and closes with the picker's keys, and letters filter it.
    let up = key(KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(k.press(up, Context::Site), Some(Action::PickerPrev));
    let esc = key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(k.press(esc, Context::Site), Some(Action::PickerClose));
    assert!(matches!(
        k.press(ch('m'), Context::Site),
        Some(Action::PickerInput(_))
    ));
    let f9 = key(KeyCode::F(9), KeyModifiers::NONE);
    assert_eq!(k.press(f9, Context::Site), Some(Action::ToggleStats));
}

#[test]
fn sequences_wait_complete_cancel_and_fall_back() {
    let mut k =
        user("[keymap.list]\n\"g g\" = \"select_first\"\n\"g e\" = \"select_last\"\n").keymap;
    assert_eq!(k.press(ch('g'), Context::List), None);
    let hint = k.pending_help().expect("pending");
    assert_eq!(hint.typed, "g");
    let next: Vec<_> = hint.next.iter().map(|b| b.keys[0].as_str()).collect();
    assert_eq!(next, ["g", "e"]);
    assert_eq!(k.press(ch('g'), Context::List), Some(Action::SelectFirst));
    assert!(k.pending().is_none());
    // Esc cancels without acting.
    assert_eq!(k.press(ch('g'), Context::List), None);
    let esc = key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(k.press(esc, Context::List), None);
    assert!(k.pending_help().is_none());
    // A key that continues nothing cancels and counts on its own.
    assert_eq!(k.press(ch('g'), Context::List), None);
    assert_eq!(k.press(ch('j'), Context::List), Some(Action::SelectNext));
    // ...and one bound nowhere leaves nothing half-typed behind.
    assert_eq!(k.press(ch('g'), Context::List), None);
    assert!(matches!(
        k.press(ch('ё'), Context::List),
        Some(Action::ComposeInput(_))
    ));
    assert!(k.pending().is_none());
    // A change of focus drops the half-typed sequence.
    assert_eq!(k.press(ch('g'), Context::List), None);
    assert!(matches!(
        k.press(ch('g'), Context::Compose),
        Some(Action::ComposeInput(_))
    ));
}
