//! `update(&mut State, Event) -> Vec<Effect>`: the only place state changes.

mod actions;
mod away;
mod canned;
mod commands;
mod compose;
mod confirm;
mod departments;
mod earlier;
mod events;
mod export;
mod export_set;
mod files;
mod finder;
mod frames;
mod handover;
mod help;
mod jump;
mod next_waiting;
mod paging;
mod panes;
mod picker;
mod presence;
mod queue;
mod retarget;
mod search;
mod shared;
mod site;
mod stats;
mod team;
#[cfg(test)]
mod tests;
mod writing;

use super::{Action, Effect, Event, State};
use crate::notify;
use shared::{clamp_scroll, rewrap_open};

/// Applies one event. Pure apart from minting command ids: no I/O, no awaiting. In debug
/// builds the state's invariants (`state/invariants.rs`) are checked after each event.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    // The standards check costs a typed letter as much as drawing it: a letter is applied
    // unchecked, and the loop sends `CheckDraft` once it is on screen. Anything else finds
    // the marks current, before it acts (it may read them) and after.
    let checked = !matches!(event, Event::Action(Action::ComposeInput(_)));
    if checked {
        writing::refresh(state);
    }
    let effects = apply(state, event);
    if checked {
        writing::refresh(state);
    }
    debug_assert_eq!(state.broken_invariant(), None, "after an event");
    effects
}

fn apply(state: &mut State, event: Event) -> Vec<Effect> {
    match event {
        Event::Action(action) => {
            let mut effects = away::touched(state);
            effects.extend(actions::apply(state, action));
            effects
        }
        Event::Frame(frame) => {
            let signal = notify::Signal::from_frame(&frame);
            let complete = matches!(*frame, frontdesk_protocol::OperatorOut::Snapshot { .. });
            let offered: Vec<i64> = state.offers.keys().copied().collect();
            let requeued = paging::requeued(&frame);
            let mut effects = frames::apply(state, *frame);
            if let Some(s) = signal {
                effects.extend(alerts(crate::app::alerts::on_signal(state, s)));
            }
            effects.extend(paging::read_offered(state, &offered));
            // Back in the queue, the chat is anyone's to read, but what was said while a
            // colleague had it never reached this console: ask for it, as for an offered chat.
            if let Some(chat_id) = requeued {
                effects.extend(paging::request_newest(state, chat_id));
            }
            // A found chat being opened at a message not loaded yet.
            effects.extend(jump::follow(state));
            // A (re)connected console tells colleagues again what it looks at.
            if complete && let Some(chat_id) = state.open_id() {
                effects.push(Effect::Send(frontdesk_protocol::OperatorIn::Viewing {
                    chat_id: Some(chat_id),
                }));
            }
            // A new connection watches nothing: the open on-site view asks again.
            if complete && state.site.open {
                effects.push(Effect::Send(frontdesk_protocol::OperatorIn::WatchSite {
                    on: true,
                }));
                effects.extend(site::ask_card(state));
            }
            effects
        }
        Event::Connection(connection) => {
            state.failures.note(&connection);
            state.connection = connection;
            Vec::new()
        }
        Event::Tick { now } => {
            state.now = now;
            // Past midnight the first line held of a dialog shows its date.
            rewrap_open(state);
            let mut effects = alerts(crate::app::alerts::on_tick(state));
            effects.extend(compose::keep_drafts(state));
            effects.extend(away::tick(state));
            effects.extend(queue::tick(state));
            effects.extend(stats::tick(state));
            effects
        }
        Event::Today(answer) => {
            queue::today(state, answer);
            Vec::new()
        }
        Event::Stats { ask, by, result } => {
            stats::answer(state, ask, by, result);
            Vec::new()
        }
        Event::TerminalFocus(focused) => {
            state.alerts.terminal_focused = Some(focused);
            Vec::new()
        }
        Event::DesktopUnavailable => {
            // Shown in the status bar where there is room (after the banner: the demo's shop
            // address matters more); the bell, title and OSC channels carry on.
            state.desktop_unavailable = true;
            Vec::new()
        }
        Event::Resize { width, height } => {
            state.screen.width = width;
            state.screen.height = height;
            rewrap_open(state);
            clamp_scroll(state);
            Vec::new()
        }
        Event::EditorDone { chat_id, result } => compose::editor_done(state, chat_id, result),
        Event::Transcript { chat_id, result } => export::arrived(state, chat_id, result),
        Event::TranscriptSaved(result) => export::saved(state, result),
        Event::FileSaved(result) => files::saved(state, result),
        Event::FileSent(result) => files::sent(state, result),
        Event::PathCompleted { typed, completed } => files::completed(state, &typed, completed),
        Event::ChatsFound { serial, result } => finder::answered(state, serial, result),
        Event::FoundChat { chat_id, result } => jump::arrived(state, chat_id, result),
        Event::ExportPage { serial, result } => export_set::page(state, serial, result),
        Event::ExportTranscript {
            serial,
            index,
            result,
        } => export_set::transcript(state, serial, index, result),
        Event::ExportSaved { serial, result } => export_set::saved(state, serial, result),
        // `update` checks the draft around every event but a typed letter.
        Event::CheckDraft => Vec::new(),
        Event::Speller { speller, problem } => {
            writing::loaded(state, speller, problem);
            Vec::new()
        }
        Event::Suggestions { at, word, options } => writing::suggestions(state, at, word, options),
        Event::CannedLibrary(loaded) => {
            canned::library(state, *loaded);
            Vec::new()
        }
    }
}

fn alerts(notices: Vec<notify::Notice>) -> Vec<Effect> {
    notices.into_iter().map(Effect::Notify).collect()
}
