//! The standards assistant behind the reply box: spelling (`spell.rs`) and the team's writing
//! rules (`rules.rs`, settings in `rules_file.rs`) over the words of a draft (`words.rs`).
//! Pure: loading files is the console's edge (`runtime/`), drawing is `ui/`.

pub mod rules;
pub mod rules_file;
pub mod spell;
pub mod words;

use std::ops::Range;

use rules::Rule;
use rules_file::Rules;
use spell::Speller;

/// What is wrong at a place in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No dictionary knows the word; suggestions are asked for when wanted (they cost more).
    Misspelt,
    /// The visitor's or the operator's own name without its capital (`ольга`): the console
    /// knows the name, so the fix is given.
    NameCapital,
    Rule(Rule),
}

/// One marked place of the draft, as byte offsets into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub problem: Problem,
    /// The rule's replacement, when it has one.
    pub instead: Option<String>,
    /// A misspelt word that starts a sentence: it is asked about, and fixed, with a capital.
    pub starts_sentence: bool,
}

/// Every mark of `text`: rule hits, and misspelt words no rule hit covers whole (a rule's
/// hit on the word says more; one on its last letter, about the message's end, does not), in
/// order of position. A sentence's first word whose capital alone would still be misspelt
/// (`здраствуйте`) is marked misspelt: the capital offered would fix half of it. Without a
/// speller (the dictionaries are still loading, or missing) only the rules.
pub fn check(speller: Option<&Speller>, rules: &Rules, text: &str) -> Vec<Mark> {
    let words = words::words(text);
    let mut marks: Vec<Mark> = rules::check_words(rules, text, &words)
        .into_iter()
        .map(|hit| {
            let misspelt = hit.rule == Rule::SentenceCapital
                && speller.is_some_and(|s| {
                    let capital = hit.instead.as_deref().unwrap_or_default();
                    words::words(capital)
                        .first()
                        .is_some_and(|w| !s.is_correct(w))
                });
            if misspelt {
                Mark {
                    range: hit.range,
                    problem: Problem::Misspelt,
                    instead: None,
                    starts_sentence: true,
                }
            } else {
                Mark {
                    range: hit.range,
                    problem: Problem::Rule(hit.rule),
                    instead: hit.instead,
                    starts_sentence: false,
                }
            }
        })
        .collect();
    if let Some(speller) = speller {
        for word in words {
            let covered = marks
                .iter()
                .any(|m| m.range.start <= word.range.start && word.range.end <= m.range.end);
            if !covered && !speller.is_correct(&word) {
                marks.push(Mark {
                    range: word.range,
                    problem: Problem::Misspelt,
                    instead: None,
                    starts_sentence: false,
                });
            }
        }
        marks.sort_by_key(|m| m.range.start);
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_spelling_together_one_mark_per_place() {
        let speller = spell::tests::speller();
        let text = "Здраствуйте! щас проверю ваш заказ";
        let marks = check(Some(&speller), &Rules::default(), text);
        let shown: Vec<(&str, Problem)> = marks
            .iter()
            .map(|m| (&text[m.range.clone()], m.problem))
            .collect();
        assert_eq!(
            shown,
            [
                ("Здраствуйте", Problem::Misspelt),
                ("щас", Problem::Rule(Rule::Slang)),
                ("ваш", Problem::Rule(Rule::PoliteYou)),
                ("з", Problem::Rule(Rule::EndPunctuation)),
            ]
        );
        // Before the dictionaries are in, the rules alone.
        assert_eq!(check(None, &Rules::default(), text).len(), 3);
    }
}
