//! The REST reads beside the socket as the loop sees them: the effects that ask for one, and
//! the event each answer becomes. The reads themselves run in the net task
//! (`net/side_reads.rs`).

use crate::app::{Effect, Event};
use crate::net::{SideAnswer, SideRead};

/// The read `effect` asks for, if it asks for one.
pub fn asked(effect: &Effect) -> Option<SideRead> {
    Some(match effect {
        Effect::FetchTranscript { chat_id } => SideRead::Transcript { chat_id: *chat_id },
        Effect::SendFile { chat_id, path } => SideRead::SendFile {
            chat_id: *chat_id,
            path: expand_home(path),
        },
        Effect::SaveFile {
            file,
            data_dir,
            downloads_dir,
        } => SideRead::SaveFile {
            file: file.clone(),
            dir: download_dir(downloads_dir, data_dir),
        },
        Effect::FetchToday { since, tz } => SideRead::Today {
            since: *since,
            tz: tz.clone(),
        },
        Effect::SearchChats {
            serial,
            query,
            limit,
        } => SideRead::Search {
            serial: *serial,
            query: query.clone(),
            limit: *limit,
        },
        Effect::FetchFoundChat { chat_id } => SideRead::FoundChat { chat_id: *chat_id },
        Effect::FetchStats {
            ask,
            by,
            since,
            until,
            tz,
        } => SideRead::Stats {
            ask: *ask,
            by: *by,
            since: *since,
            until: *until,
            tz: tz.clone(),
        },
        Effect::ListForExport {
            serial,
            filter,
            after,
        } => SideRead::ChatPage {
            serial: *serial,
            filter: filter.clone(),
            after: *after,
        },
        Effect::FetchForExport {
            serial,
            index,
            chat_id,
        } => SideRead::ExportTranscript {
            serial: *serial,
            index: *index,
            chat_id: *chat_id,
        },
        _ => return None,
    })
}

/// Where received files go: `FRONTDESK_DOWNLOAD_DIR` when set, else `[files] downloads_dir`
/// (`configured`), else the user's downloads folder, else `downloads` in the data folder.
fn download_dir(configured: &std::path::Path, data_dir: &std::path::Path) -> std::path::PathBuf {
    let env = std::env::var_os("FRONTDESK_DOWNLOAD_DIR").map(std::path::PathBuf::from);
    let base = directories::BaseDirs::new();
    let home = base.as_ref().map(directories::BaseDirs::home_dir);
    let chosen = crate::downloads::chosen_dir(env, configured, home);
    crate::downloads::download_dir(chosen.as_deref(), data_dir)
}

/// `~/x` as `$HOME/x`; any other path as typed.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(base)) => base.home_dir().join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// The event an answer becomes.
pub fn answered(answer: SideAnswer) -> Event {
    match answer {
        SideAnswer::Today(answer) => Event::Today(answer),
        SideAnswer::Transcript { chat_id, result } => Event::Transcript { chat_id, result },
        SideAnswer::FileSaved(result) => Event::FileSaved(result),
        SideAnswer::FileSent(result) => Event::FileSent(result),
        SideAnswer::Search { serial, result } => Event::ChatsFound { serial, result },
        SideAnswer::FoundChat { chat_id, result } => Event::FoundChat { chat_id, result },
        SideAnswer::Stats { ask, by, result } => Event::Stats { ask, by, result },
        SideAnswer::ChatPage { serial, result } => Event::ExportPage { serial, result },
        SideAnswer::ExportTranscript {
            serial,
            index,
            result,
        } => Event::ExportTranscript {
            serial,
            index,
            result,
        },
    }
}
