//! Every command and context described in both languages; the locale picks the language.

use super::*;
use crate::action::Command;
use crate::keymap::Context;
use strum::IntoEnumIterator;

#[test]
fn every_command_and_context_is_described_in_both_languages() {
    for strings in [&EN, &RU] {
        for command in Command::iter() {
            let text = strings.keys.command(command.name());
            assert!(
                text.is_some_and(|t| !t.is_empty()),
                "{}: no description of {}",
                strings.lang,
                command.name()
            );
        }
        for (name, _) in strings.keys.commands {
            assert!(
                Command::from_name(name).is_some(),
                "{}: stray {name}",
                strings.lang
            );
        }
        for context in Context::ALL {
            assert_ne!(
                strings.keys.context(context.name()),
                strings.keys.other_keys,
                "{}: no heading for {}",
                strings.lang,
                context.name()
            );
        }
    }
}

#[test]
fn russian_locales_pick_russian() {
    assert_eq!(for_locale(Some("ru_RU.UTF-8")), &RU);
    assert_eq!(for_locale(Some("RU")), &RU);
    assert_eq!(for_locale(Some("en_US.UTF-8")), &EN);
    assert_eq!(for_locale(Some("C")), &EN);
    assert_eq!(for_locale(None), &EN);
}

#[test]
fn russian_strings_make_no_gender_guess_with_bracketed_endings() {
    // «подключился(-ась)», «заблокировал(а)»: a name can be anyone's; the strings are worded
    // so that no ending depends on it.
    let source = include_str!("ru.rs");
    let guesses: Vec<&str> = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| {
            ["(а)", "(-а)", "(ась)", "(-ась)", "(ла)"]
                .iter()
                .any(|g| line.contains(g))
        })
        .collect();
    assert!(guesses.is_empty(), "{guesses:#?}");
    // Nor words that name a visitor or operator in the masculine.
    let masculine = ["подключился", "отошёл", "пришёл", "искал", "заблокировал "];
    for source in [
        include_str!("ru.rs"),
        include_str!("site.rs"),
        include_str!("queue.rs"),
        include_str!("keys_ru.rs"),
    ] {
        let found: Vec<&str> = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .filter(|line| {
                let line = line.to_lowercase();
                masculine.iter().any(|w| line.contains(w))
            })
            .collect();
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn numbers_take_the_languages_decimal_mark() {
    assert_eq!(EN.numbers.one_decimal(2.25), "2.2");
    assert_eq!(RU.numbers.one_decimal(2.25), "2,2");
    assert_eq!(RU.numbers.one_decimal(12.0), "12,0");
}
