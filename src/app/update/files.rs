//! `:send PATH`: a file from this machine into the focused chat, as the operator's answer.
//! `:save`: the newest file of the focused pane's chat, fetched and saved as a new file in
//! the downloads folder under a cleaned name (`downloads/`), never opened or run.

use crate::app::{Effect, State};
use crate::sanitize::{Mode, sanitize};

pub fn save(state: &mut State) -> Vec<Effect> {
    let words = state.strings.commands;
    let newest = state
        .panes
        .get(state.pane)
        .and_then(|p| p.chat)
        .and_then(|id| state.chats.get(&id))
        .and_then(|chat| chat.files.values().next_back().cloned());
    let (Some(file), Some((data_dir, _))) = (newest, &state.drafts_file) else {
        state.notice = Some(words.no_file.to_owned());
        return Vec::new();
    };
    let name = sanitize(&file.name, Mode::line(80));
    state.notice = Some(words.file_saving.replace("{name}", &name));
    vec![Effect::SaveFile {
        file,
        data_dir: data_dir.clone(),
        downloads_dir: state.downloads_dir.clone(),
    }]
}

pub fn saved(state: &mut State, result: Result<String, String>) -> Vec<Effect> {
    let words = state.strings.commands;
    state.notice = Some(match result {
        Ok(path) => words
            .file_saved
            .replace("{path}", &sanitize(&path, Mode::line(300))),
        Err(why) => words
            .file_failed
            .replace("{why}", &sanitize(&why, Mode::line(200))),
    });
    Vec::new()
}

pub fn send(state: &mut State, path: &str) -> Vec<Effect> {
    let words = state.strings.commands;
    if path.is_empty() {
        state.notice = Some(words.send_usage.to_owned());
        return Vec::new();
    }
    let Some(chat_id) = state.open_id() else {
        state.notice = Some(words.no_file.to_owned());
        return Vec::new();
    };
    let name = sanitize(path, Mode::line(120));
    state.notice = Some(words.file_sending.replace("{name}", &name));
    vec![Effect::SendFile {
        chat_id,
        path: path.to_owned(),
    }]
}

pub fn sent(state: &mut State, result: Result<String, String>) -> Vec<Effect> {
    let words = state.strings.commands;
    state.notice = Some(match result {
        Ok(name) => words
            .file_sent
            .replace("{name}", &sanitize(&name, Mode::line(120))),
        Err(why) => words
            .send_failed
            .replace("{why}", &sanitize(&why, Mode::line(200))),
    });
    Vec::new()
}

/// A completion of the path after `:send `, kept only if the box still holds what was typed.
pub fn completed(state: &mut State, typed: &str, completed: Option<String>) -> Vec<Effect> {
    let asked = format!(":send {typed}");
    if let Some(done) = completed
        && state.compose.lines().join("\n") == asked
    {
        state.compose = super::shared::compose_holding(state, format!(":send {done}"));
    }
    Vec::new()
}
