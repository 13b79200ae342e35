//! The standards assistant in the reply box: marks follow the draft, the suggestion key fixes
//! and cycles, a word added is unmarked and kept, strict mode holds a message once. With
//! Debian's dictionaries (the test command installs them).

use std::sync::{Arc, LazyLock};

use frontdesk_protocol::OperatorIn;

use super::{act, ready, type_text};
use crate::app::{Action, Effect, Event, State, update};
use crate::writing::rules::Rule;
use crate::writing::spell::{DEFAULT_DIR, Speller, load_dictionary};
use crate::writing::{Mark, Problem};

static SPELLER: LazyLock<Arc<Speller>> = LazyLock::new(|| {
    let dir = std::path::Path::new(DEFAULT_DIR);
    let load = |name| load_dictionary(dir, name).expect("hunspell-ru and hunspell-en-us");
    Arc::new(Speller::new(Some(load("ru_RU")), Some(load("en_US"))))
});

/// My chat 2 open, the dictionaries in.
pub(super) fn writing() -> State {
    let mut s = ready();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    update(
        &mut s,
        Event::Speller {
            speller: Some(SPELLER.clone()),
            problem: None,
        },
    );
    s
}

pub(super) fn marked(s: &State) -> Vec<(String, Problem)> {
    let text = s.writing.text();
    s.writing
        .marks
        .iter()
        .map(|m: &Mark| (text[m.range.clone()].to_owned(), m.problem))
        .collect()
}

/// The suggestion key, with the dictionary's answer fed back as the runtime would.
pub(super) fn suggest(s: &mut State) {
    for effect in act(s, Action::NextSuggestion) {
        if let Effect::Suggest {
            speller,
            at,
            word,
            capital,
        } = effect
        {
            let options = speller.suggest_text(&word, capital, 5);
            update(s, Event::Suggestions { at, word, options });
        }
    }
}

pub(super) fn draft(s: &State) -> String {
    s.compose.lines().join("\n")
}

#[test]
fn a_typed_letter_is_checked_after_it_is_drawn() {
    let mut s = writing();
    type_text(&mut s, "щас");
    assert_eq!(marked(&s), [("щас".to_owned(), Problem::Rule(Rule::Slang))]);
    // The letter alone, as the loop applies it before drawing: the draft is ahead of its
    // marks, and the word it changed is not underlined on a guess.
    let typed = Event::Action(Action::ComposeInput(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char('ж'),
        ..Default::default()
    }));
    assert!(update(&mut s, typed).is_empty());
    assert_eq!(draft(&s), "щасж");
    assert_eq!(s.writing.marks_for(s.compose.lines()).count(), 0);
    // Then the check the loop sends once the letter is on screen.
    assert_eq!(update(&mut s, Event::CheckDraft), []);
    assert_eq!(s.writing.checked, s.compose.lines());
    assert!(
        !marked(&s)
            .iter()
            .any(|(_, p)| *p == Problem::Rule(Rule::Slang))
    );
    // Anything else checks first: an action that reads the marks never reads stale ones.
    let typed = Event::Action(Action::ComposeInput(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Backspace,
        ..Default::default()
    }));
    update(&mut s, typed);
    let now = s.now;
    update(&mut s, Event::Tick { now });
    assert_eq!(marked(&s), [("щас".to_owned(), Problem::Rule(Rule::Slang))]);
}

#[test]
fn marks_follow_the_draft_as_it_is_typed() {
    let mut s = writing();
    type_text(&mut s, "Здраствуйте, щас проверю.");
    assert_eq!(
        marked(&s),
        [
            ("Здраствуйте".to_owned(), Problem::Misspelt),
            ("щас".to_owned(), Problem::Rule(Rule::Slang)),
        ]
    );
    // Rules work before the dictionaries are in; spelling joins when they arrive.
    let mut early = ready();
    act(&mut early, Action::SelectNext);
    act(&mut early, Action::SelectNext);
    act(&mut early, Action::OpenSelected);
    type_text(&mut early, "Здраствуйте, щас проверю.");
    assert_eq!(
        marked(&early),
        [("щас".to_owned(), Problem::Rule(Rule::Slang))]
    );
}

#[test]
fn the_suggestion_key_fixes_the_word_at_the_cursor_and_cycles() {
    let mut s = writing();
    type_text(&mut s, "Здравствуйте! Пожалуста");
    suggest(&mut s);
    assert_eq!(draft(&s), "Здравствуйте! Пожалуйста");
    assert!(marked(&s).iter().all(|(w, _)| w != "Пожалуйста"));
    // Again: the next suggestion, and at last the word as it was.
    let mut seen = vec![draft(&s)];
    for _ in 0..8 {
        suggest(&mut s);
        seen.push(draft(&s));
        if draft(&s) == "Здравствуйте! Пожалуста" {
            break;
        }
    }
    assert_eq!(
        seen.last().map(String::as_str),
        Some("Здравствуйте! Пожалуста"),
        "{seen:?}"
    );
    assert!(seen.len() > 2, "more than one suggestion: {seen:?}");
}

#[test]
fn suggestions_that_come_after_the_word_changed_are_dropped() {
    let mut s = writing();
    type_text(&mut s, "Пожалуста");
    let effects = act(&mut s, Action::NextSuggestion);
    let [Effect::Suggest { at, word, .. }] = effects.as_slice() else {
        panic!("asked off the loop: {effects:?}");
    };
    assert_eq!((*at, word.as_str()), (0, "Пожалуста"));
    // The operator types on before the answer: the word is no longer what was asked about.
    s.compose = crate::app::state::new_compose(s.strings);
    type_text(&mut s, "Спасибо");
    update(
        &mut s,
        Event::Suggestions {
            at: 0,
            word: "Пожалуста".into(),
            options: vec!["Пожалуйста".into()],
        },
    );
    assert_eq!(draft(&s), "Спасибо");
}

#[test]
fn a_rule_with_a_replacement_is_fixed_by_the_same_key() {
    let mut s = writing();
    type_text(&mut s, "Я не знаю");
    act(&mut s, Action::NextSuggestion);
    assert_eq!(draft(&s), "Я уточню и вернусь с ответом");
}

#[test]
fn a_shortcut_typed_in_the_russian_layout_is_not_misspelt() {
    let mut s = writing();
    let file = "+++\nid = \"hi\"\ntitle = \"Hi\"\nlang = \"en\"\nshortcut = \"hello\"\n+++\nHi\n";
    s.canned.library =
        crate::canned::library::parse_files(&[("hi.md".into(), file.into())]).library;
    type_text(&mut s, ".руддщ");
    assert_eq!(marked(&s), []);
    // Letters that spell no shortcut are words, and checked.
    type_text(&mut s, "ы");
    assert_eq!(marked(&s), [("руддщы".to_owned(), Problem::Misspelt)]);
}

#[test]
fn a_command_line_is_not_checked_but_text_starting_with_a_colon_is() {
    let mut s = writing();
    type_text(&mut s, ":transfer Мар клиент хочит возврат");
    assert_eq!(marked(&s), []);
    let mut s = writing();
    type_text(&mut s, ":) Спасибо, пожалуста");
    assert_eq!(marked(&s), [("пожалуста".to_owned(), Problem::Misspelt)]);
}

#[test]
fn an_added_word_is_unmarked_and_kept_for_next_time() {
    let mut s = writing();
    type_text(&mut s, "Фронтдеск");
    assert_eq!(marked(&s), [("Фронтдеск".to_owned(), Problem::Misspelt)]);
    let fx = act(&mut s, Action::AddWord);
    assert!(
        fx.contains(&Effect::AddWord {
            word: "Фронтдеск".into()
        }),
        "{fx:?}"
    );
    assert!(marked(&s).iter().all(|(_, p)| *p != Problem::Misspelt));
}

#[test]
fn enter_sends_at_once_unless_strict_mode_which_asks_once() {
    let mut s = writing();
    type_text(&mut s, "щас проверю");
    let sent = |fx: &[Effect]| {
        fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::Message { .. })))
    };
    assert!(
        sent(&act(&mut s, Action::SendMessage)),
        "never blocking by default"
    );

    let mut s = writing();
    s.writing.rules.strict = true;
    type_text(&mut s, "щас проверю");
    assert!(!sent(&act(&mut s, Action::SendMessage)), "held once");
    assert!(
        s.notice.as_deref().is_some_and(|n| n.contains("slang")),
        "{:?}",
        s.notice
    );
    assert_eq!(draft(&s), "щас проверю", "nothing lost");
    assert!(
        sent(&act(&mut s, Action::SendMessage)),
        "Enter again sends it"
    );
    // A clean message is never held.
    type_text(&mut s, "Сейчас проверю.");
    assert!(sent(&act(&mut s, Action::SendMessage)));
}

/// A key the reply box's editor takes (arrows, Home, End).
fn press(s: &mut State, key: ratatui_textarea::Key) {
    act(
        s,
        Action::ComposeInput(ratatui_textarea::Input {
            key,
            ..Default::default()
        }),
    );
}

#[test]
fn a_missing_full_stop_waits_while_the_operator_types_at_the_end() {
    use ratatui_textarea::Key;
    let mut s = writing();
    s.focus = crate::app::Focus::Compose;
    // Typing at the end of an unfinished draft: no mark, no reason under the box.
    type_text(&mut s, "Доставим завтра");
    assert_eq!(marked(&s), []);
    type_text(&mut s, " ");
    assert_eq!(marked(&s), [], "a blank after the cursor is still the end");
    press(&mut s, Key::Backspace);
    // The cursor leaves the end: the last letter is marked and its reason shown.
    press(&mut s, Key::Left);
    assert_eq!(
        marked(&s),
        [("а".to_owned(), Problem::Rule(Rule::EndPunctuation))]
    );
    assert_eq!(
        s.writing
            .mark_at(s.writing.text().len() - 1)
            .map(|m| m.problem),
        Some(Problem::Rule(Rule::EndPunctuation))
    );
    // Back at the end, quiet again; other rules are never held back.
    press(&mut s, Key::End);
    assert_eq!(marked(&s), []);
    type_text(&mut s, " щас");
    assert_eq!(marked(&s), [("щас".to_owned(), Problem::Rule(Rule::Slang))]);
    // Finished with a full stop, nothing is left to wait for.
    press(&mut s, Key::Home);
    assert_eq!(
        marked(&s),
        [
            ("щас".to_owned(), Problem::Rule(Rule::Slang)),
            ("с".to_owned(), Problem::Rule(Rule::EndPunctuation)),
        ]
    );
}

#[test]
fn strict_mode_still_asks_about_the_full_stop_on_sending() {
    let mut s = writing();
    s.writing.rules.strict = true;
    type_text(&mut s, "Доставим завтра");
    assert_eq!(marked(&s), [], "quiet while typing");
    let fx = act(&mut s, Action::SendMessage);
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::Send(OperatorIn::Message { .. }))),
        "held: {fx:?}"
    );
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains(s.strings.writing.end_punctuation)),
        "{:?}",
        s.notice
    );
}

/// A log writer into shared memory, to read what the console logged.
#[derive(Clone, Default)]
struct Log(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log")).into_owned()
    }
}

/// The loader's answer delivered, with what the console logged meanwhile.
fn deliver(s: &mut State, speller: Option<Arc<Speller>>, problem: &str) -> String {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        update(
            s,
            Event::Speller {
                speller,
                problem: Some(problem.to_owned()),
            },
        )
    });
    log.text()
}

#[test]
fn loading_then_a_failure_is_said_once_in_both_languages_and_logged() {
    let mut s = ready();
    s.writing.loading = true;
    let why = "/dicts/ru_RU.aff: No such file or directory (os error 2)";
    let logged = deliver(&mut s, None, why);
    assert!(!s.writing.loading, "loading is over");
    assert_eq!(
        s.notice.as_deref(),
        Some(
            "Spell checking is off (the writing rules still work): \
             /dicts/ru_RU.aff: No such file or directory (os error 2)"
        )
    );
    assert!(
        logged.contains("spell checking is off") && logged.contains(why),
        "{logged}"
    );
    // Said once: the next key clears it, and nothing brings it back.
    act(&mut s, Action::SelectNext);
    assert_eq!(s.notice, None);
    act(&mut s, Action::SelectNext);
    assert_eq!(s.notice, None);
    // The rules work without the dictionaries.
    act(&mut s, Action::OpenSelected);
    type_text(&mut s, "щас");
    assert_eq!(marked(&s), [("щас".to_owned(), Problem::Rule(Rule::Slang))]);

    // In Russian; and a partial failure (one dictionary, a team list) says so.
    let mut s = ready();
    s.strings = &crate::i18n::RU;
    s.writing.loading = true;
    let logged = deliver(
        &mut s,
        Some(SPELLER.clone()),
        "/cfg/team.txt: Permission denied",
    );
    assert_eq!(
        s.notice.as_deref(),
        Some("Проверка орфографии работает не полностью: /cfg/team.txt: Permission denied")
    );
    assert!(logged.contains("/cfg/team.txt"), "{logged}");
    assert!(s.writing.speller.is_some());
}
