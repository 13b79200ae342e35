//! The reply box around edits: drafts kept per chat, the "operator is typing" signal,
//! throttled so the server hears about it every few seconds rather than on every key, and the
//! draft's round trip through an external editor.

use frontdesk_protocol::{Millis, OperatorIn};

use crate::app::{EditorFailure, Effect, State};
use crate::i18n::Strings;
use crate::sanitize::{Mode, sanitize};

/// Least time between two "typing" signals for the same chat.
pub const TYPING_EVERY_MS: i64 = 2_000;

/// After an edit: tells the chat's visitor we are typing, at most every [`TYPING_EVERY_MS`].
pub fn edited(state: &mut State) -> Vec<Effect> {
    // Only a chat we may answer hears that we type.
    let Some(chat_id) = state.reply_target().writable() else {
        return stopped(state);
    };
    let empty = state.compose.lines().iter().all(|l| l.trim().is_empty());
    // A `:command` (a note, a transfer…) is not a reply coming: the visitor hears nothing.
    let command = state
        .compose
        .lines()
        .first()
        .is_some_and(|l| l.starts_with(':'));
    if empty || command {
        return stopped(state);
    }
    let due = match state.typing_sent {
        Some((chat, at)) => chat != chat_id || state.now - at >= TYPING_EVERY_MS,
        None => true,
    };
    if !due {
        return Vec::new();
    }
    // Typing moved to another chat: that one hears we stopped.
    let mut effects = match state.typing_sent {
        Some((chat, _)) if chat != chat_id => stopped(state),
        _ => Vec::new(),
    };
    state.typing_sent = Some((chat_id, state.now));
    effects.push(Effect::Send(OperatorIn::Typing {
        chat_id,
        typing: true,
    }));
    effects
}

/// The operator stopped typing (sent, cleared the box, or went to another chat).
pub fn stopped(state: &mut State) -> Vec<Effect> {
    match state.typing_sent.take() {
        Some((chat_id, _)) => vec![Effect::Send(OperatorIn::Typing {
            chat_id,
            typing: false,
        })],
        None => Vec::new(),
    }
}

/// Switching the focused pane's chat: the box's text stays with the chat it was written for.
/// Text typed while no chat was shown belongs to none: it comes along into the next chat's
/// box (after that chat's own draft), unsent, so nothing typed is lost.
pub fn switch_drafts(state: &mut State, from: Option<i64>, to: Option<i64>) {
    if from == to {
        return;
    }
    let text = state.compose.lines().join("\n");
    let blank = text.trim().is_empty();
    let mut carried = None;
    match from {
        Some(from) if blank => {
            state.drafts.remove(&from);
        }
        Some(from) => {
            state.drafts.insert(from, text);
        }
        None if !blank && to.is_some() => carried = Some(text),
        None => {}
    }
    let mut next = to.and_then(|to| state.drafts.remove(&to));
    if let Some(carried) = carried {
        next = Some(match next {
            Some(own) => format!("{own}\n{carried}"),
            None => carried,
        });
    }
    state.compose = super::shared::compose_holding(state, next.unwrap_or_default());
}

/// How often the drafts are compared with what was written last. Ticks come more often
/// (alert timers tick too), and each write waits for the disk.
pub const DRAFTS_EVERY_MS: Millis = 1_000;

/// Drafts changed since they were last written: write them (checked once a second on a tick,
/// so typing costs nothing and a crash loses at most a second or two).
pub fn keep_drafts(state: &mut State) -> Option<Effect> {
    let (data_dir, server) = state.drafts_file.clone()?;
    if state.now.saturating_sub(state.drafts_checked_at) < DRAFTS_EVERY_MS {
        return None;
    }
    state.drafts_checked_at = state.now;
    let drafts = state.all_drafts();
    if drafts == state.drafts_saved {
        return None;
    }
    state.drafts_saved.clone_from(&drafts);
    Some(Effect::SaveDrafts {
        data_dir,
        server,
        drafts,
    })
}

/// Asks the loop to open the focused pane's draft in the external editor. Only the operator's
/// own draft goes there, never visitor text.
pub fn open_editor(state: &State) -> Vec<Effect> {
    let Some(chat_id) = state.open_id() else {
        return Vec::new();
    };
    let text = state.compose.lines().join("\n");
    vec![Effect::OpenEditor { chat_id, text }]
}

/// The editor ended: its text becomes the draft of the chat it was opened for, wherever that
/// chat is now. A failure leaves the draft alone and says why.
pub fn editor_done(
    state: &mut State,
    chat_id: i64,
    result: Result<String, EditorFailure>,
) -> Vec<Effect> {
    let text = match result {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(failure) => {
            state.notice = Some(editor_notice(state.strings, &failure));
            return Vec::new();
        }
    };
    // Editors end the file with a newline; the reply does not.
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if state.open_id() == Some(chat_id) {
        state.compose = super::shared::compose_holding(state, text);
        // The box may have grown: keep the dialog's scroll within range.
        super::shared::clamp_scroll(state);
        return edited(state);
    }
    if text.trim().is_empty() {
        state.drafts.remove(&chat_id);
    } else {
        state.drafts.insert(chat_id, text.to_owned());
    }
    Vec::new()
}

fn editor_notice(strings: &Strings, failure: &EditorFailure) -> String {
    let t = strings.editor;
    let clean = |s: &str| sanitize(s, Mode::line(120)).into_owned();
    let what = match failure {
        EditorFailure::NotFound { program } => format!("{}: {}", t.not_found, clean(program)),
        EditorFailure::Failed {
            program,
            code: Some(code),
        } => format!("{} {code} ({})", t.failed, clean(program)),
        EditorFailure::Failed {
            program,
            code: None,
        } => format!("{} ({})", t.killed, clean(program)),
        EditorFailure::Io(error) => format!("{}: {}", t.error, clean(error)),
    };
    format!("{what} — {}", t.kept)
}
