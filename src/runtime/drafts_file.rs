//! `drafts.toml` in the data dir: unsent replies kept between runs, for the server they were
//! written on (chat ids mean nothing on another). Written when the drafts change (checked
//! once a second, so a crash loses at most a second of typing) and when the console stops.
//!
//! While the console runs, a thread of its own writes them ([`crate::runtime::latest`]): a
//! save waits for `fsync`, and on the loop's thread keys typed meanwhile waited with it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE_NAME: &str = "drafts.toml";
/// Most drafts kept, and most characters of one: the file stays small whatever is typed.
const MAX_DRAFTS: usize = 500;
const MAX_CHARS: usize = 20_000;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    server: String,
    #[serde(default, rename = "draft")]
    drafts: Vec<Draft>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Draft {
    chat: i64,
    text: String,
}

/// The drafts kept for `server`; none when the file is missing, unreadable (logged) or was
/// written for another server.
pub fn load(data_dir: &Path, server: &str) -> BTreeMap<i64, String> {
    let Ok(text) = std::fs::read_to_string(data_dir.join(FILE_NAME)) else {
        return BTreeMap::new();
    };
    let file: File = match toml::from_str(&text) {
        Ok(file) => file,
        Err(e) => {
            tracing::warn!("ignoring unreadable {FILE_NAME}: {e}");
            return BTreeMap::new();
        }
    };
    if file.server != server {
        return BTreeMap::new();
    }
    file.drafts
        .into_iter()
        .take(MAX_DRAFTS)
        .map(|d| (d.chat, bounded(&d.text)))
        .collect()
}

pub fn save(data_dir: &Path, server: &str, drafts: &BTreeMap<i64, String>) {
    let file = File {
        server: server.to_owned(),
        drafts: drafts
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .take(MAX_DRAFTS)
            .map(|(&chat, text)| Draft {
                chat,
                text: bounded(text),
            })
            .collect(),
    };
    let result = toml::to_string(&file)
        .map_err(anyhow::Error::from)
        .and_then(|text| crate::session::write_private(data_dir, FILE_NAME, &text));
    if let Err(e) = result {
        tracing::warn!("could not save {FILE_NAME}: {e:#}");
    }
}

/// One save for the loop's writer thread ([`crate::runtime::latest::Latest`]): the data dir,
/// the server, the drafts.
pub type Job = (PathBuf, String, BTreeMap<i64, String>);

pub fn save_job((data_dir, server, drafts): Job) {
    save(&data_dir, &server, &drafts);
}

fn bounded(text: &str) -> String {
    text.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_per_server_and_a_broken_file_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = "http://127.0.0.1:8080";
        assert!(load(dir.path(), server).is_empty());
        let drafts = BTreeMap::from([
            (7, "Добрый день!\nВторая строка \"в кавычках\"".to_owned()),
            (9, "  ".to_owned()),
        ]);
        save(dir.path(), server, &drafts);
        let back = load(dir.path(), server);
        assert_eq!(back.len(), 1, "a blank draft is not kept");
        assert_eq!(back[&7], drafts[&7]);
        assert!(load(dir.path(), "http://elsewhere").is_empty());
        std::fs::write(dir.path().join(FILE_NAME), "server = 5").expect("write");
        assert!(load(dir.path(), server).is_empty());
    }
}
