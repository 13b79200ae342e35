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
