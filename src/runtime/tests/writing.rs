//! The writing assistant's start on real files: a `[writing] dictionaries` folder holding a
//! small Hunspell pair of each language is what the console checks with, the team's word list
//! is accepted, a word added from the console is known at the next start, and whatever could
//! not be read comes back as the problem the console shows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::*;
use crate::app::{Event, State, update};
use crate::writing::Problem;

/// Russian with one affix class (`заказ`, `заказа`, `заказом`), English with two words.
fn write_dictionaries(dir: &Path, with_russian: bool) {
    std::fs::create_dir_all(dir).unwrap();
    if with_russian {
        std::fs::write(
            dir.join("ru_RU.aff"),
            "SET UTF-8\nSFX A Y 2\nSFX A 0 а .\nSFX A 0 ом .\n",
        )
        .unwrap();
        std::fs::write(dir.join("ru_RU.dic"), "3\nзаказ/A\nготов\nспасибо\n").unwrap();
    }
    std::fs::write(dir.join("en_US.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(dir.join("en_US.dic"), "2\norder\nready\n").unwrap();
}

fn config(dictionaries: &Path, team_words: &str) -> WritingConfig {
    WritingConfig {
        spelling: true,
        dictionaries: dictionaries.to_path_buf(),
        team_words: team_words.into(),
    }
}

/// Starts the loader and waits for what its thread sends.
fn start(config: &WritingConfig, config_dir: &Path) -> (Runtime, Event) {
    let mut runtime = load(config, Some(config_dir));
    let event = runtime.events.blocking_recv().expect("the loader answers");
    (runtime, event)
}

/// The misspelt words of `draft` as the console marks them once the loader's event is in.
fn misspelt(event: Event, draft: &str) -> Vec<String> {
    let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
    update(&mut s, event);
    s.compose.insert_str(draft);
    update(&mut s, Event::Tick { now: 1 });
    let text = s.writing.text();
    s.writing
        .marks
        .iter()
        .filter(|m| m.problem == Problem::Misspelt)
        .map(|m| text[m.range.clone()].to_owned())
        .collect()
}

#[test]
fn the_configured_folder_team_words_and_added_words_are_used_at_start() {
    let root = tempfile::tempdir().unwrap();
    let dicts = root.path().join("dicts");
    let config_dir = root.path().join("config");
    write_dictionaries(&dicts, true);
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(config_dir.join("team.txt"), "# products\nФронтдеск\n").unwrap();
    let config = config(&dicts, "team.txt");

    let (runtime, event) = start(&config, &config_dir);
    let Event::Speller { speller, problem } = &event else {
        panic!("{event:?}");
    };
    assert_eq!(problem, &None);
    assert!(speller.is_some());
    // The folder's dictionaries, affixes and all, and the team's product name.
    let draft = "Заказом Фронтдеск готов, ordr ready, заказь Зайцефф.";
    assert_eq!(misspelt(event, draft), ["ordr", "заказь", "Зайцефф"]);

    // "Add word" writes the operator's list; the next start reads it back.
    assert_eq!(runtime.own_words, Some(config_dir.join(OWN_WORDS)));
    add_word(runtime.own_words.as_deref(), "Зайцефф");
    assert_eq!(
        std::fs::read_to_string(config_dir.join(OWN_WORDS)).unwrap(),
        "Зайцефф\n"
    );
    let (_, event) = start(&config, &config_dir);
    assert_eq!(misspelt(event, draft), ["ordr", "заказь"]);
}

#[test]
fn what_could_not_be_read_comes_back_as_the_problem() {
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().join("config");
    std::fs::create_dir_all(&config_dir).unwrap();

    // A folder without ru_RU: English is checked, Russian is not, and the problem names it.
    let english_only = root.path().join("english");
    write_dictionaries(&english_only, false);
    let (_, event) = start(&config(&english_only, ""), &config_dir);
    let Event::Speller { speller, problem } = &event else {
        panic!("{event:?}");
    };
    assert!(speller.is_some());
    assert!(
        problem.as_deref().is_some_and(|p| p.contains("ru_RU")),
        "{problem:?}"
    );
    assert_eq!(misspelt(event, "Заказь, ordr."), ["ordr"]);

    // No dictionary at all: no speller, and why.
    let empty = root.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (_, event) = start(&config(&empty, ""), &config_dir);
    let Event::Speller { speller, problem } = &event else {
        panic!("{event:?}");
    };
    assert!(speller.is_none());
    let problem = problem.as_deref().unwrap_or_default();
    assert!(
        problem.contains("ru_RU") && problem.contains("en_US"),
        "{problem}"
    );

    // A configured team list that is missing is reported, not ignored; spelling still works.
    let dicts = root.path().join("dicts");
    write_dictionaries(&dicts, true);
    let (_, event) = start(&config(&dicts, "products.txt"), &config_dir);
    let Event::Speller { speller, problem } = &event else {
        panic!("{event:?}");
    };
    assert!(speller.is_some());
    assert!(
        problem
            .as_deref()
            .is_some_and(|p| p.contains("products.txt")),
        "{problem:?}"
    );
    // Unreadable (a folder where the file should be) is reported the same way.
    std::fs::create_dir_all(config_dir.join("folder.txt")).unwrap();
    let (_, event) = start(&config(&dicts, "folder.txt"), &config_dir);
    let Event::Speller { problem, .. } = &event else {
        panic!("{event:?}");
    };
    assert!(
        problem.as_deref().is_some_and(|p| p.contains("folder.txt")),
        "{problem:?}"
    );
    // The operator's own list is missing until a word is added: that is no problem.
    assert!(!config_dir.join(OWN_WORDS).exists());
    let (_, event) = start(&config(&dicts, ""), &config_dir);
    assert!(
        matches!(event, Event::Speller { problem: None, .. }),
        "{event:?}"
    );
}
