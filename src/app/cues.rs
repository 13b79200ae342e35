//! Cues for the operators' standards in the focused dialog, derived from the state on demand:
//! the countdown to the one-minute answer, how often the visitor's name has been used (two or
//! three times a dialog reads as attentive, more as a script), the language the visitor
//! writes in, and the canned reply worth offering right now (a greeting, or "one moment"
//! before a silence grows long). Pure; drawn by `ui/`, acted on by `update/`.

use frontdesk_protocol::Millis;

use super::State;
use super::state::{ChatView, Who};

/// How close a visitor's wait is to the answer standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Ok,
    Warning,
    Alarm,
}

/// The time left to answer the visitor's unanswered words (negative: late by that much).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerDue {
    pub left_ms: Millis,
    pub urgency: Urgency,
}

/// After this long without a word from the operator, "one moment" is offered.
pub const SILENCE_MS: Millis = 30_000;

/// Messages read to tell the visitor's language.
const LANGUAGE_SAMPLE: usize = 5;

/// The countdown for `chat`: while the visitor waits for a word (a waiting chat since it
/// started, an active one since its first unanswered message), against the queue's targets.
pub fn answer_due(state: &State, chat: &ChatView) -> Option<AnswerDue> {
    let waited = (state.now - chat.live_wait_since()?).max(0);
    let targets = state.queue.targets;
    let urgency = if waited >= targets.breach_after_ms {
        Urgency::Alarm
    } else if waited >= targets.warn_after_ms {
        Urgency::Warning
    } else {
        Urgency::Ok
    };
    Some(AnswerDue {
        left_ms: targets.breach_after_ms - waited,
        urgency,
    })
}

/// How many operator messages in the dialog (notes and whispers aside) use the visitor's
/// name, in any grammatical case. `None` when the visitor gave no name.
///
/// A word counts when it is the name's stem followed by nothing, a case ending or an English
/// possessive — never a word that only holds the stem («Анна» is not in «данные», «Ира» not in
/// «выбираете») nor a longer name that starts with it («Ирина» is not «Ира»). The stem of a
/// Cyrillic name is the name without a last vowel, «й» or «ь» (at least two letters stay):
/// «Анна» → «Анн» counts «Анна», «Анны», «Анне», «Анну», «Анной»; «Игорь» → «Игор» counts
/// «Игоря», «Игорем». The endings are the case endings in `CASE_ENDINGS`. A name in
/// Latin letters is counted as written or with `'s` («Olga», «Olga's»).
pub fn name_uses(chat: &ChatView) -> Option<usize> {
    let name = chat
        .visitor
        .fields
        .name
        .as_deref()?
        .split_whitespace()
        .next()?;
    let name = NameForms::of(name)?;
    let said = chat
        .messages
        .iter()
        .filter(|e| {
            matches!(
                e.who,
                Who::Operator {
                    note: false,
                    whisper: false,
                    ..
                }
            )
        })
        .filter(|e| name.used_in(chat.text_of(e)))
        .count();
    Some(said)
}

/// The endings a Russian name takes in its cases (after the stem of [`NameForms`]).
/// «й» and «ь» give back the letter the stem dropped: «Сергей», «Игорь» as written.
const CASE_ENDINGS: [&str; 20] = [
    "", "а", "я", "ы", "и", "е", "у", "ю", "о", "ой", "ей", "ёй", "ою", "ею", "ом", "ем", "ём",
    "ью", "ь", "й",
];

/// The letters a Cyrillic name's stem drops.
const STEM_DROPS: [char; 8] = ['а', 'я', 'о', 'е', 'ы', 'и', 'й', 'ь'];

/// A name's stem, lowercase, and whether its case endings are Russian ones.
struct NameForms {
    stem: String,
    russian: bool,
}

impl NameForms {
    /// The forms of `name`'s first word («Анна-Мария» is called «Анна»).
    fn of(name: &str) -> Option<Self> {
        let lower = words(name).next()?;
        let russian = lower.chars().any(|c| matches!(c, 'а'..='я' | 'ё'));
        let mut stem = lower;
        if russian
            && stem.chars().count() > 2
            && stem.chars().last().is_some_and(|c| STEM_DROPS.contains(&c))
        {
            stem.pop();
        }
        Some(Self { stem, russian })
    }

    /// Whether a word of `text` is the name in some form.
    fn used_in(&self, text: &str) -> bool {
        words(text).any(|word| self.is_form(&word))
    }

    fn is_form(&self, word: &str) -> bool {
        let Some(rest) = word.strip_prefix(self.stem.as_str()) else {
            return false;
        };
        if self.russian {
            CASE_ENDINGS.contains(&rest)
        } else {
            matches!(rest, "" | "'s" | "’s")
        }
    }
}

/// The words of `text`, lowercase: runs of letters with inner apostrophes (`olga's`).
fn words(text: &str) -> impl Iterator<Item = String> {
    text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .map(|word| word.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|word| !word.is_empty())
}

/// The language the visitor writes in, from the alphabet of their latest messages: `en` for
/// Latin letters, `ru` for Cyrillic; `None` before they wrote a letter.
pub fn written_language(chat: &ChatView) -> Option<&'static str> {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    let theirs = chat.messages.iter().rev().filter(|e| e.who == Who::Visitor);
    for entry in theirs.take(LANGUAGE_SAMPLE) {
        for c in chat.text_of(entry).chars() {
            match c {
                'a'..='z' | 'A'..='Z' => latin += 1,
                'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => cyrillic += 1,
                _ => {}
            }
        }
    }
    match (latin, cyrillic) {
        (0, 0) => None,
        (l, c) if l > c => Some("en"),
        _ => Some("ru"),
    }
}

/// Why a reply is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Nobody has answered yet: greet at once (a visitor who came back, to the site or to the
    /// chat, gets the welcome back).
    Greeting,
    WelcomeBack,
    /// The visitor's words have waited [`SILENCE_MS`] after the dialog began: say you are on it.
    OneMoment,
}

impl Offer {
    /// The shipped reply's id.
    pub fn reply_id(self) -> &'static str {
        match self {
            Self::Greeting => "greeting",
            Self::WelcomeBack => "welcome_back",
            Self::OneMoment => "one_moment",
        }
    }
}

/// The reply worth offering in the focused chat now, and its index in the library, in the
/// visitor's language first: only for a chat the operator may answer, with the reply box
/// empty (typing is the operator's own choice and hides the offer).
pub fn offer(state: &State) -> Option<(Offer, usize)> {
    let chat_id = state.reply_target().writable()?;
    if !state.compose.lines().iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let chat = state.chats.get(&chat_id)?;
    let answered = chat.messages.iter().any(|e| {
        matches!(
            e.who,
            Who::Operator {
                note: false,
                whisper: false,
                ..
            }
        )
    });
    let offer = if !answered {
        // Back on the site, or back in the chat: someone who talked to us before is welcomed
        // back, not greeted as new (a second chat of the same visit counts too).
        if chat.visitor.visits > 1 || chat.visitor.chats > 1 {
            Offer::WelcomeBack
        } else {
            Offer::Greeting
        }
    } else {
        let waited = state.now - chat.awaiting_since?;
        if waited < SILENCE_MS {
            return None;
        }
        Offer::OneMoment
    };
    let langs = state.canned_langs();
    let index = state
        .canned
        .library
        .choose_index(offer.reply_id(), &langs)?;
    Some((offer, index))
}

#[cfg(test)]
#[path = "cues_tests.rs"]
mod tests;
