//! Words of the standards assistant in the reply box (`src/writing/`), in English and
//! Russian: why a place is marked, and the status line around it. `{word}` and `{instead}` are
//! filled in.

use crate::writing::rules::Rule;

#[derive(Debug, PartialEq, Eq)]
pub struct WritingLabels {
    pub misspelt: &'static str,
    /// The visitor's or the operator's own name written lowercase.
    pub name_capital: &'static str,
    pub no_suggestions: &'static str,
    pub sentence_capital: &'static str,
    pub capital_i: &'static str,
    pub end_punctuation: &'static str,
    pub polite_you: &'static str,
    pub banned_phrase: &'static str,
    pub slang: &'static str,
    pub all_caps: &'static str,
    pub repeated_punctuation: &'static str,
    pub team_phrase: &'static str,
    /// Suggestions asked of the dictionary.
    pub looking: &'static str,
    /// The suggestion key found no mark at the cursor.
    pub nothing_here: &'static str,
    /// A word went into the operator's own list (`{word}`).
    pub added: &'static str,
    /// Strict mode held a message (`{why}`).
    pub strict_asks: &'static str,
    /// Shown on the reply box's border while the dictionaries load.
    pub loading: &'static str,
    /// No dictionary could be read (`{why}`); the rules still work.
    pub spelling_off: &'static str,
    /// Spelling works, without a dictionary or a word list that could not be read (`{why}`).
    pub spelling_partly: &'static str,
    /// The pane's countdown to the one-minute answer (`{time}`), and once it has passed.
    pub answer_in: &'static str,
    pub late_by: &'static str,
    /// How often the visitor's name was used (`{n}`), against the goal of two or three.
    pub name_uses: &'static str,
    /// A reply offered in an empty reply box (`{key}`, `{title}`).
    pub offer: &'static str,
}

impl WritingLabels {
    /// Why a place breaks `rule`.
    pub fn reason(&self, rule: Rule) -> &'static str {
        match rule {
            Rule::SentenceCapital => self.sentence_capital,
            Rule::CapitalI => self.capital_i,
            Rule::EndPunctuation => self.end_punctuation,
            Rule::PoliteYou => self.polite_you,
            Rule::BannedPhrase => self.banned_phrase,
            Rule::Slang => self.slang,
            Rule::AllCaps => self.all_caps,
            Rule::RepeatedPunctuation => self.repeated_punctuation,
            Rule::TeamPhrase => self.team_phrase,
        }
    }
}

pub static WRITING_EN: WritingLabels = WritingLabels {
    misspelt: "not in the dictionary",
    name_capital: "a name starts with a capital letter",
    no_suggestions: "no suggestions",
    sentence_capital: "a sentence starts with a capital letter",
    capital_i: "the pronoun I is a capital letter",
    end_punctuation: "end the message with a full stop, ? or !",
    polite_you: "write the polite «Вы» with a capital",
    banned_phrase: "leaves the visitor with nothing",
    slang: "slang or a chat abbreviation",
    all_caps: "capitals read as shouting",
    repeated_punctuation: "one mark is enough",
    team_phrase: "the team avoids this phrase",
    looking: "Looking for suggestions…",
    nothing_here: "No marked word at the cursor.",
    added: "«{word}» added to your words.",
    strict_asks: "The message breaks a rule: {why}. Enter again sends it as it is.",
    loading: "dictionaries loading…",
    spelling_off: "Spell checking is off (the writing rules still work): {why}",
    spelling_partly: "Spell checking works in part: {why}",
    answer_in: "answer in {time}",
    late_by: "late by {time}",
    name_uses: "name ×{n} of 2–3",
    offer: "{key} puts in: {title}",
};

pub static WRITING_RU: WritingLabels = WritingLabels {
    misspelt: "нет в словаре",
    name_capital: "имя пишется с заглавной буквы",
    no_suggestions: "вариантов нет",
    sentence_capital: "предложение начинается с заглавной буквы",
    capital_i: "английское местоимение I пишется с заглавной",
    end_punctuation: "в конце сообщения нужна точка, ? или !",
    polite_you: "вежливое «Вы» пишется с заглавной",
    banned_phrase: "посетитель останется без ответа",
    slang: "сленг или сокращение",
    all_caps: "заглавные буквы читаются как крик",
    repeated_punctuation: "достаточно одного знака",
    team_phrase: "команда не использует эту фразу",
    looking: "Ищу варианты…",
    nothing_here: "У курсора нет отмеченного слова.",
    added: "«{word}» добавлено в ваш словарь.",
    strict_asks: "Сообщение нарушает правило: {why}. Enter ещё раз отправит его как есть.",
    loading: "словари загружаются…",
    spelling_off: "Проверка орфографии выключена (правила письма работают): {why}",
    spelling_partly: "Проверка орфографии работает не полностью: {why}",
    answer_in: "ответить за {time}",
    late_by: "опоздание {time}",
    name_uses: "имя ×{n} из 2–3",
    offer: "{key} вставит: {title}",
};
