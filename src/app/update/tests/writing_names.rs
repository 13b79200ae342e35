//! The standards assistant with what the console knows better than a dictionary: the
//! visitor's and the operator's names, and a sentence's first word misspelt beyond its
//! capital.

use super::type_text;
use super::writing::{draft, marked, suggest, writing};
use crate::app::State;
use crate::writing::Problem;
use crate::writing::rules::Rule;

/// My chat 2 open with the visitor named `name`, the dictionaries in.
fn visitor_named(name: &str) -> State {
    let mut s = writing();
    if let Some(chat) = s.chats.get_mut(&2) {
        chat.visitor.fields.name = Some(name.into());
    }
    s
}

#[test]
fn the_visitors_and_my_own_names_are_never_misspelt() {
    let mut s = writing();
    if let Some(chat) = s.chats.get_mut(&2) {
        chat.visitor.fields.name = Some("Ксюша Зайцефф".into());
    }
    type_text(&mut s, "Ксюша Зайцефф, Анна ответит, пожалуста.");
    assert_eq!(marked(&s), [("пожалуста".to_owned(), Problem::Misspelt)]);
}

#[test]
fn a_name_written_lowercase_is_marked_and_the_key_gives_its_capital() {
    let mut s = visitor_named("Ксюша Зайцефф");
    type_text(&mut s, "Добрый день, ксюша зайцефф. Анна на связи.");
    assert_eq!(
        marked(&s),
        [
            ("ксюша".to_owned(), Problem::NameCapital),
            ("зайцефф".to_owned(), Problem::NameCapital),
        ]
    );
    let mark = &s.writing.marks[0];
    assert_eq!(mark.instead.as_deref(), Some("Ксюша"));
    // The suggestion key at the word puts the capital in.
    s.compose
        .move_cursor(ratatui_textarea::CursorMove::Jump(0, 14));
    suggest(&mut s);
    assert_eq!(draft(&s), "Добрый день, Ксюша зайцефф. Анна на связи.");
    assert_eq!(marked(&s), [("зайцефф".to_owned(), Problem::NameCapital)]);
    // A name the dictionary knows as a word is that word: «вера» is faith.
    let mut s = visitor_named("Вера");
    type_text(&mut s, "Спасибо, вера в нас важна.");
    assert_eq!(marked(&s), []);
}

#[test]
fn a_sentence_opening_misspelt_beyond_its_capital_gets_the_whole_fix() {
    let mut s = writing();
    type_text(&mut s, "здраствуйте, проверю заказ. добрый день.");
    assert_eq!(
        marked(&s),
        [
            ("здраствуйте".to_owned(), Problem::Misspelt),
            ("добрый".to_owned(), Problem::Rule(Rule::SentenceCapital)),
        ]
    );
    assert!(s.writing.marks[0].starts_sentence);
    s.compose
        .move_cursor(ratatui_textarea::CursorMove::Jump(0, 3));
    suggest(&mut s);
    assert_eq!(
        draft(&s),
        "Здравствуйте, проверю заказ. добрый день.",
        "the dictionary's fix with the sentence's capital"
    );
    // The visitor's name opening a sentence: the name's capital, whatever the dictionary says.
    let mut s = visitor_named("Priya Shah");
    type_text(&mut s, "priya, the order is on its way.");
    assert_eq!(marked(&s), [("priya".to_owned(), Problem::NameCapital)]);
}

#[test]
fn a_word_of_my_own_opening_a_sentence_still_wants_its_capital() {
    let mut s = writing();
    s.writing.added.insert("фронтдеск".into());
    type_text(&mut s, "фронтдеск уже работает. Фронтдеск удобен.");
    assert_eq!(
        marked(&s),
        [("фронтдеск".to_owned(), Problem::Rule(Rule::SentenceCapital))]
    );
    assert_eq!(s.writing.marks[0].instead.as_deref(), Some("Фронтдеск"));
}
