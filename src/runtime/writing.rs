//! The standards assistant's edges: the rules file read at start, the spelling dictionaries
//! loaded on a thread of their own (a Russian dictionary takes a while) and handed to the loop
//! as `Event::Speller`, and words added from the console appended to the operator's list.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::app::Event;
use crate::config::WritingConfig;
use crate::writing::rules_file::{self, Rules};
use crate::writing::spell::{Speller, load_dictionary};

/// The operator's own words, one per line, in the config folder.
pub const OWN_WORDS: &str = "words.txt";

/// The rules in force: the shipped ones with `writing.toml` over them; a broken file is
/// reported and the shipped rules are used.
pub fn rules(config_dir: Option<&Path>) -> (Rules, Option<String>) {
    match config_dir.map(rules_file::load) {
        Some(Ok(rules)) => (rules, None),
        Some(Err(e)) => (Rules::default(), Some(e.to_string())),
        None => (Rules::default(), None),
    }
}

/// Where the loop hears from the writing assistant's threads, and the sender they use.
pub struct Runtime {
    pub events: UnboundedReceiver<Event>,
    pub tx: UnboundedSender<Event>,
    /// The operator's own words (`words.txt` in the config folder): read at start, and where
    /// "add word" appends; `None` without a config folder.
    pub own_words: Option<PathBuf>,
}

/// Starts loading the dictionaries; `Event::Speller` arrives when done (with what could not
/// be read, if anything).
pub fn load(config: &WritingConfig, config_dir: Option<&Path>) -> Runtime {
    let (tx, events) = unbounded_channel();
    let own_words = config_dir.map(|d| d.join(OWN_WORDS));
    let runtime = Runtime {
        events,
        tx: tx.clone(),
        own_words: own_words.clone(),
    };
    if !config.spelling {
        return runtime;
    }
    let dir = config.dictionaries.clone();
    let team = config_dir
        .filter(|_| !config.team_words.as_os_str().is_empty())
        .map(|d| d.join(&config.team_words));
    let failed = tx.clone();
    let spawned = super::low_priority::spawn("dictionaries", move || {
        let (speller, problem) = speller(&dir, own_words.as_deref(), team.as_deref());
        // The loop is gone when this fails: nothing left to tell.
        let _ = tx.send(Event::Speller { speller, problem });
    });
    if let Err(e) = spawned {
        let problem = format!("could not start loading dictionaries: {e}");
        let _ = failed.send(Event::Speller {
            speller: None,
            problem: Some(problem),
        });
    }
    runtime
}

/// Both dictionaries of `dir` with the word lists, and what could not be read: a missing
/// dictionary, or a team list that is configured but missing or unreadable (the operator's own
/// list is missing until the first word is added).
fn speller(
    dir: &Path,
    own_words: Option<&Path>,
    team_words: Option<&Path>,
) -> (Option<Arc<Speller>>, Option<String>) {
    let started = std::time::Instant::now();
    let mut problems = Vec::new();
    let mut load = |name| {
        load_dictionary(dir, name)
            .map_err(|e| problems.push(e.to_string()))
            .ok()
    };
    let (ru, en) = (load("ru_RU"), load("en_US"));
    if ru.is_none() && en.is_none() {
        return (None, Some(problems.join("; ")));
    }
    let mut speller = Speller::new(ru, en);
    let lists = own_words
        .map(|p| (p, false))
        .into_iter()
        .chain(team_words.map(|p| (p, true)));
    for (list, required) in lists {
        match std::fs::read_to_string(list) {
            Ok(text) => speller.add_known(&text),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => problems.push(format!("{}: {e}", list.display())),
        }
    }
    tracing::info!(elapsed = ?started.elapsed(), "spelling dictionaries loaded");
    let problem = (!problems.is_empty()).then(|| problems.join("; "));
    (Some(Arc::new(speller)), problem)
}

/// Suggestions for a misspelt word, on a thread of their own (a Russian dictionary takes a
/// good part of a second); the answer goes to the loop through `tx`.
pub fn suggest(
    tx: UnboundedSender<Event>,
    speller: Arc<Speller>,
    at: usize,
    word: String,
    capital: bool,
) {
    // At the loop's priority: the operator asked and waits for the answer.
    let spawned = std::thread::Builder::new()
        .name("suggestions".into())
        .spawn(move || {
            let options = speller.suggest_text(&word, capital, SUGGESTIONS);
            // The loop is gone when this fails: nothing left to tell.
            let _ = tx.send(Event::Suggestions { at, word, options });
        });
    if let Err(e) = spawned {
        tracing::warn!("could not look for suggestions: {e}");
    }
}

/// Suggestions offered for a misspelt word.
const SUGGESTIONS: usize = 5;

/// Appends a word to the operator's list `own_words` (its folder created when missing); a
/// failure is only logged.
pub fn add_word(own_words: Option<&Path>, word: &str) {
    let Some(path) = own_words else {
        tracing::warn!("no config folder: «{word}» is known for this run only");
        return;
    };
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        // One word a line: a word never carries a line break (the draft's words do not).
        writeln!(file, "{}", word.replace(['\n', '\r'], " "))
    };
    if let Err(e) = write() {
        tracing::warn!("could not add «{word}» to {}: {e}", path.display());
    }
}

#[cfg(test)]
#[path = "tests/writing.rs"]
mod tests;
