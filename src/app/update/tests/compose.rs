//! Drafts per chat and the throttled "typing" signal.

use frontdesk_protocol::OperatorIn;

use super::{act, ready, type_text};
use crate::app::update::compose::TYPING_EVERY_MS;
use crate::app::{Action, Effect, Event, update};

fn typing_signals(effects: &[Effect]) -> Vec<(i64, bool)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(OperatorIn::Typing { chat_id, typing }) => Some((*chat_id, *typing)),
            _ => None,
        })
        .collect()
}

fn key(s: &mut crate::app::State, c: char) -> Vec<Effect> {
    act(
        s,
        Action::ComposeInput(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ..Default::default()
        }),
    )
}

#[test]
fn typing_is_signalled_once_per_interval_not_per_key() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let mut signals = Vec::new();
    for c in "Здравствуйте".chars() {
        signals.extend(typing_signals(&key(&mut s, c)));
    }
    assert_eq!(signals, [(2, true)], "one signal for a burst of keys");
    let later = s.now + TYPING_EVERY_MS;
    update(&mut s, Event::Tick { now: later });
    assert_eq!(
        typing_signals(&key(&mut s, '!')),
        [(2, true)],
        "again after the interval"
    );
    // Emptying the box says we stopped.
    let mut stop = Vec::new();
    for _ in 0.."Здравствуйте!".chars().count() {
        stop.extend(typing_signals(&act(
            &mut s,
            Action::ComposeInput(ratatui_textarea::Input {
                key: ratatui_textarea::Key::Backspace,
                ..Default::default()
            }),
        )));
    }
    assert_eq!(stop, [(2, false)]);
}

#[test]
fn drafts_stay_with_their_chat() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let chat_a = s.open_id().expect("open");
    type_text(&mut s, "half a reply");
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectPrev);
    let switch = act(&mut s, Action::OpenSelected);
    assert_ne!(s.open_id(), Some(chat_a));
    assert!(
        typing_signals(&switch).contains(&(chat_a, false)),
        "leaving a chat mid-reply says we stopped typing there: {switch:?}"
    );
    assert_eq!(
        s.compose.lines().join("\n"),
        "",
        "the other chat starts empty"
    );
    type_text(&mut s, "другой");
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(chat_a));
    assert_eq!(s.compose.lines().join("\n"), "half a reply");
}

fn drafts_saved(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveDrafts { drafts, .. } => Some(drafts.values().cloned().collect()),
            _ => None,
        })
        .collect()
}

#[test]
fn drafts_are_written_at_most_once_a_second_however_often_it_ticks() {
    use crate::app::update::compose::DRAFTS_EVERY_MS;
    let mut s = ready();
    s.drafts_file = Some((std::path::PathBuf::from("/data"), "srv".into()));
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let start = s.now + DRAFTS_EVERY_MS;
    key(&mut s, 'Д');
    let first = update(&mut s, Event::Tick { now: start });
    assert_eq!(drafts_saved(&first), ["Д"]);
    // An alert timer ticks 400 ms later, the draft has changed: not yet.
    key(&mut s, 'а');
    let soon = update(&mut s, Event::Tick { now: start + 400 });
    assert!(drafts_saved(&soon).is_empty());
    // A second after the last check it is written; unchanged, it is not written again.
    let next = update(
        &mut s,
        Event::Tick {
            now: start + DRAFTS_EVERY_MS,
        },
    );
    assert_eq!(drafts_saved(&next), ["Да"]);
    let same = update(
        &mut s,
        Event::Tick {
            now: start + 2 * DRAFTS_EVERY_MS,
        },
    );
    assert!(drafts_saved(&same).is_empty());
}

fn draft(s: &crate::app::State) -> String {
    s.compose.lines().join("\n")
}

#[test]
fn ctrl_u_deletes_back_to_the_line_start_and_undo_brings_it_back() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "Добрый день");
    act(&mut s, Action::ComposeNewline);
    type_text(&mut s, "не то");
    act(&mut s, Action::DeleteToLineStart);
    assert_eq!(draft(&s), "Добрый день\n", "only the line the cursor is on");
    // At a line's start it joins the line above, so held down it empties the whole box.
    act(&mut s, Action::DeleteToLineStart);
    act(&mut s, Action::DeleteToLineStart);
    assert_eq!(draft(&s), "");
    for _ in 0..3 {
        act(&mut s, Action::Undo);
    }
    assert_eq!(draft(&s), "Добрый день\nне то");
    act(&mut s, Action::Redo);
    assert_eq!(draft(&s), "Добрый день\n");
}

#[test]
fn undo_never_takes_out_a_draft_brought_back() {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "half a reply");
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectPrev);
    act(&mut s, Action::OpenSelected);
    act(&mut s, Action::FocusList);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(draft(&s), "half a reply");
    act(&mut s, Action::Undo);
    assert_eq!(
        draft(&s),
        "half a reply",
        "the kept draft is where undo starts"
    );
    // Nor does it reach into the chat seen before: typing and undoing stays in this box.
    type_text(&mut s, "!");
    act(&mut s, Action::Undo);
    act(&mut s, Action::Undo);
    assert_eq!(draft(&s), "half a reply");
}

/// The editing keys the docs promise, pressed through the keymap the console starts with (the
/// shipped replies' hotkeys bound too): the shell's keys the box answers
/// (`docs/configuration.md`, "Editing the reply").
#[test]
fn the_reply_box_edits_with_a_shells_keys() {
    use crate::keymap::{Context, Keymap};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut keymap = Keymap::builtin();
    crate::canned::library::bind_hotkeys(&mut keymap, crate::canned::library::load(None));
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    let (ctrl, alt, none) = (KeyModifiers::CONTROL, KeyModifiers::ALT, KeyModifiers::NONE);
    let mut press = |s: &mut crate::app::State, keys: &[(KeyCode, KeyModifiers)]| {
        for &(code, modifiers) in keys {
            let action = keymap.press(KeyEvent::new(code, modifiers), Context::Compose);
            act(s, action.expect("every key here does something"));
        }
    };
    let c = KeyCode::Char;
    type_text(&mut s, "one two three");
    press(&mut s, &[(KeyCode::Backspace, alt)]);
    assert_eq!(draft(&s), "one two ", "alt-backspace: a word back");
    press(&mut s, &[(c('a'), ctrl), (c('x'), none)]);
    assert_eq!(draft(&s), "xone two ", "ctrl-a: the line's start");
    press(&mut s, &[(c('e'), ctrl), (c('y'), none)]);
    assert_eq!(draft(&s), "xone two y", "ctrl-e: its end");
    press(
        &mut s,
        &[(KeyCode::Left, ctrl), (KeyCode::Left, ctrl), (c('k'), ctrl)],
    );
    assert_eq!(
        draft(&s),
        "xone ",
        "ctrl-left by words, ctrl-k deletes to the end"
    );
    press(&mut s, &[(c('y'), ctrl)]);
    assert_eq!(draft(&s), "xone two y", "ctrl-y puts it back");
    press(
        &mut s,
        &[(KeyCode::Left, ctrl), (c('b'), ctrl), (c('u'), ctrl)],
    );
    assert_eq!(
        draft(&s),
        " y",
        "ctrl-b a letter back, ctrl-u deletes to the start"
    );
    press(&mut s, &[(c('z'), ctrl)]);
    assert_eq!(draft(&s), "xone two y", "ctrl-z undoes");
    press(&mut s, &[(c('z'), alt)]);
    assert_eq!(draft(&s), " y", "alt-z redoes");
}
