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
