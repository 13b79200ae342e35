//! The export key: the focused pane's chat (live or an earlier one) fetched whole from the
//! server, written as a text transcript into the data dir's `exports/` folder.

use frontdesk_protocol::transcript::Transcript;
use jiff::Timestamp;

use crate::app::{Effect, State};
use crate::sanitize::{Mode, sanitize};

/// The folder under the data dir that transcripts go to.
pub const FOLDER: &str = "exports";

pub fn ask(state: &mut State) -> Vec<Effect> {
    let pane = state.panes.get(state.pane);
    match pane.and_then(|p| p.chat.or(p.earlier)) {
        Some(chat_id) => vec![Effect::FetchTranscript { chat_id }],
        None => {
            state.notice = Some(state.strings.export.no_chat.to_owned());
            Vec::new()
        }
    }
}

pub fn arrived(
    state: &mut State,
    chat_id: i64,
    result: Result<Box<Transcript>, String>,
) -> Vec<Effect> {
    let words = state.strings.export;
    let transcript = match result {
        Ok(t) => t,
        Err(why) => return failed(state, &why),
    };
    let Some((data_dir, _)) = &state.drafts_file else {
        return failed(state, "no data folder");
    };
    let mut text = Vec::new();
    if let Err(e) = crate::export::write_text(&transcript, &mut text, &state.tz, words) {
        return failed(state, &e.to_string());
    }
    // The name is ours (chat number and time), never the visitor's.
    let stamp = Timestamp::from_millisecond(state.now)
        .map(|t| {
            t.to_zoned(state.tz.clone())
                .strftime("%Y%m%d-%H%M%S")
                .to_string()
        })
        .unwrap_or_default();
    let path = data_dir
        .join(FOLDER)
        .join(format!("chat-{chat_id}-{stamp}.txt"));
    vec![Effect::SaveTranscript {
        path,
        text: String::from_utf8_lossy(&text).into_owned(),
    }]
}

pub fn saved(state: &mut State, result: Result<String, String>) -> Vec<Effect> {
    match result {
        Ok(path) => {
            let path = sanitize(&path, Mode::line(300));
            state.notice = Some(state.strings.export.written.replace("{path}", &path));
            Vec::new()
        }
        Err(why) => failed(state, &why),
    }
}

fn failed(state: &mut State, why: &str) -> Vec<Effect> {
    let why = sanitize(why, Mode::line(200));
    state.notice = Some(state.strings.export.failed.replace("{why}", &why));
    Vec::new()
}
