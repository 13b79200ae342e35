//! The standards assistant around the reply box: marks found again whenever the draft
//! changes, a key that replaces the marked word at the cursor and cycles through the
//! suggestions, adding a word to the operator's own list, and strict mode's one question.

use std::sync::Arc;

use crate::app::state::Cycle;
use crate::app::{Effect, State};
use crate::writing::rules::Rule;
use crate::writing::spell::Speller;
use crate::writing::{Problem, check};

/// After every event: the marks of the draft as it stands (a quick look when neither it nor
/// whether the cursor is at its end has changed). Editing elsewhere ends a cycle of
/// suggestions. While the cursor is at the draft's end the operator is still typing: the
/// message's missing end punctuation is not marked (nor its reason shown) until the cursor
/// leaves the end; strict mode still asks about it on sending (`holds`).
pub(super) fn refresh(state: &mut State) {
    let lines = state.compose.lines();
    let ratatui_textarea::DataCursor(row, col) = state.compose.cursor();
    let at_end = only_blanks_after(lines, row, col);
    if lines == state.writing.checked.as_slice() && at_end == state.writing.typing_at_end {
        return;
    }
    state.writing.checked = lines.to_vec();
    state.writing.typing_at_end = at_end;
    let text = state.writing.text();
    // The visitor's and our own names are right whatever the dictionaries say.
    let visitor = state
        .open_chat()
        .and_then(|c| c.visitor.fields.name.as_deref())
        .unwrap_or_default();
    let names: Vec<String> = visitor
        .split_whitespace()
        .chain(state.my_name().split_whitespace())
        .map(|n| {
            n.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    // A shortcut typed in the Russian layout (`.руддщ`) is keys, not words; a `:command` line
    // (a note, a transfer, a ban's reason) is never read by the visitor, and its words are
    // logins, paths and departments.
    let shortcut = state.typed_shortcut().is_some()
        || lines
            .first()
            .is_some_and(|l| super::commands::is_command(l));
    let w = &mut state.writing;
    w.marks = check(w.speller.as_deref(), &w.rules, &text);
    if shortcut {
        w.marks.clear();
    }
    w.marks.retain_mut(|m| match m.problem {
        Problem::Rule(Rule::EndPunctuation) => !at_end,
        Problem::Rule(_) | Problem::NameCapital => true,
        Problem::Misspelt => {
            let word = &text[m.range.clone()];
            let lower = word.to_lowercase();
            if w.added.contains(&lower) {
                // A word of the operator's own that starts a sentence still wants its capital.
                if !m.starts_sentence {
                    return false;
                }
                m.problem = Problem::Rule(Rule::SentenceCapital);
                m.instead = Some(crate::writing::words::with_capital(word));
                m.starts_sentence = false;
            }
            if !names.contains(&lower) {
                return true;
            }
            // A name is right as a name is written: with its capital.
            if word.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            m.problem = Problem::NameCapital;
            m.instead = Some(crate::writing::words::with_capital(word));
            true
        }
    });
    if w.cycle
        .as_ref()
        .is_some_and(|c| text.get(c.range.clone()) != c.options.get(c.shown).map(String::as_str))
    {
        w.cycle = None;
    }
}

/// Whether nothing but blanks follows the cursor at (`row`, `col` in characters).
fn only_blanks_after(lines: &[String], row: usize, col: usize) -> bool {
    let Some(line) = lines.get(row) else {
        return true;
    };
    line.chars().skip(col).all(char::is_whitespace)
        && lines[row + 1..]
            .iter()
            .all(|l| l.chars().all(char::is_whitespace))
}

/// The dictionaries are in (or could not be read): the draft is checked again. What could
/// not be read is said once on the status line, and logged.
pub(super) fn loaded(state: &mut State, speller: Option<Arc<Speller>>, problem: Option<String>) {
    state.writing.loading = false;
    if let Some(problem) = problem {
        let t = state.strings.writing;
        if speller.is_some() {
            tracing::warn!("spell checking works in part: {problem}");
            state.notice = Some(t.spelling_partly.replace("{why}", &problem));
        } else {
            tracing::warn!("spell checking is off: {problem}");
            state.notice = Some(t.spelling_off.replace("{why}", &problem));
        }
    }
    state.writing.speller = speller;
    state.writing.checked.clear();
    refresh(state);
}

/// The cursor as a byte offset into the draft (the marks are refreshed after every event, so
/// the checked lines are the box's).
fn cursor_offset(state: &State) -> usize {
    let ratatui_textarea::DataCursor(row, col) = state.compose.cursor();
    state.writing.offset(row, col)
}

/// A byte offset of the draft as (row, column in characters).
fn position(lines: &[String], offset: usize) -> (u16, u16) {
    let mut left = offset;
    for (row, line) in lines.iter().enumerate() {
        if left <= line.len() {
            let col = line[..left].chars().count();
            return (to_u16(row), to_u16(col));
        }
        left -= line.len() + 1;
    }
    (to_u16(lines.len().saturating_sub(1)), u16::MAX)
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Puts `with` in place of the draft's `range`; the cursor ends after it.
fn replace(state: &mut State, range: std::ops::Range<usize>, with: &str) {
    let text = state.writing.text();
    let chars = text[range.clone()].chars().count();
    let (row, col) = position(&state.writing.checked, range.start);
    state
        .compose
        .move_cursor(ratatui_textarea::CursorMove::Jump(row, col));
    state.compose.delete_str(chars);
    state.compose.insert_str(with);
}

/// The suggestion key: the reply offered for an empty box goes in; the marked place at the
/// cursor gets its first replacement, and pressed again the next one (the original comes back
/// last).
pub(super) fn next_suggestion(state: &mut State) -> Vec<Effect> {
    // An empty box with a reply offered (`app::cues`): the key puts it in, never sends it.
    if let Some((_, index)) = crate::app::cues::offer(state) {
        return super::canned::fire(state, index, true);
    }
    let at = cursor_offset(state);
    if let Some(cycle) = state.writing.cycle.clone()
        && (cycle.range.start..=cycle.range.end).contains(&at)
    {
        let shown = (cycle.shown + 1) % cycle.options.len();
        let with = cycle.options[shown].clone();
        replace(state, cycle.range.clone(), &with);
        refresh(state);
        state.writing.cycle = Some(Cycle {
            range: cycle.range.start..cycle.range.start + with.len(),
            options: cycle.options,
            shown,
        });
        return super::compose::edited(state);
    }
    let Some(mark) = state.writing.mark_at(at).cloned() else {
        state.notice = Some(state.strings.writing.nothing_here.to_owned());
        return Vec::new();
    };
    let text = state.writing.text();
    let original = text[mark.range.clone()].to_owned();
    match (&mark.problem, &mark.instead) {
        (_, Some(instead)) => {
            let options = vec![instead.clone()];
            start_cycle(state, mark.range.start, &original, options)
        }
        // A dictionary takes a while to suggest: asked off the loop, put in when it answers.
        (Problem::Misspelt, None) => {
            let Some(speller) = state.writing.speller.clone() else {
                return Vec::new();
            };
            let asked = (mark.range.start, original.clone());
            if state.writing.asking.as_ref() == Some(&asked) {
                return Vec::new();
            }
            state.writing.asking = Some(asked);
            state.notice = Some(state.strings.writing.looking.to_owned());
            vec![Effect::Suggest {
                speller,
                at: mark.range.start,
                word: original,
                capital: mark.starts_sentence,
            }]
        }
        (Problem::Rule(_) | Problem::NameCapital, None) => {
            state.notice = Some(state.strings.writing.no_suggestions.to_owned());
            Vec::new()
        }
    }
}

/// The dictionary's suggestions for a word asked about: put in when the word is still where
/// it was (the operator may have typed on meanwhile; then they are dropped).
pub(super) fn suggestions(
    state: &mut State,
    at: usize,
    word: String,
    options: Vec<String>,
) -> Vec<Effect> {
    if state.writing.asking.as_ref() != Some(&(at, word.clone())) {
        return Vec::new();
    }
    state.writing.asking = None;
    state.notice = None;
    let text = state.writing.text();
    if text.get(at..at + word.len()) != Some(word.as_str()) {
        return Vec::new();
    }
    if options.is_empty() {
        state.notice = Some(state.strings.writing.no_suggestions.to_owned());
        return Vec::new();
    }
    start_cycle(state, at, &word, options)
}

/// Puts the first of `options` in place of `original` at byte `at`, the original kept last
/// for the cycle to come back to.
fn start_cycle(
    state: &mut State,
    at: usize,
    original: &str,
    mut options: Vec<String>,
) -> Vec<Effect> {
    options.push(original.to_owned());
    let with = options[0].clone();
    replace(state, at..at + original.len(), &with);
    refresh(state);
    state.writing.cycle = Some(Cycle {
        range: at..at + with.len(),
        options,
        shown: 0,
    });
    super::compose::edited(state)
}

/// The misspelt word at the cursor goes into the operator's own list: unmarked now, and
/// known on every later start.
pub(super) fn add_word(state: &mut State) -> Vec<Effect> {
    let at = cursor_offset(state);
    let text = state.writing.text();
    let Some(mark) = state
        .writing
        .mark_at(at)
        .filter(|m| m.problem == Problem::Misspelt)
    else {
        state.notice = Some(state.strings.writing.nothing_here.to_owned());
        return Vec::new();
    };
    let word = text[mark.range.clone()].to_owned();
    state.writing.added.insert(word.to_lowercase());
    state.writing.checked.clear();
    refresh(state);
    state.notice = Some(state.strings.writing.added.replace("{word}", &word));
    vec![Effect::AddWord { word }]
}

/// Strict mode: a draft that breaks a rule is held once, with the reason on the status bar;
/// Enter again sends it as it is. `true`: hold it now. Every rule counts here, the end
/// punctuation too (only marking it waits for the cursor to leave the draft's end).
pub(super) fn holds(state: &mut State) -> bool {
    let w = &state.writing;
    if !w.rules.strict || w.asked.as_deref() == Some(w.checked.as_slice()) {
        return false;
    }
    let Some(hit) = crate::writing::rules::check(&w.rules, &w.text())
        .into_iter()
        .next()
    else {
        return false;
    };
    let reason = state.strings.writing.reason(hit.rule);
    state.writing.asked = Some(state.writing.checked.clone());
    state.notice = Some(state.strings.writing.strict_asks.replace("{why}", reason));
    true
}
