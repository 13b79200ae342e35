//! Scenario files: what one simulated visitor does in `frontdesk demo`.
//!
//! A scenario is a TOML file in `demo/scenarios/`, embedded into the binary. The format:
//!
//! ```toml
//! language = "ru-RU"               # browser language sent in `hello`
//! user_agent = "Mozilla/5.0 …"     # optional; sent with the WebSocket upgrade
//! department = "sales"             # optional; sent with `start_chat`
//! patience_secs = 90               # optional; how long to wait for an answer (default 90)
//! nudge = "Вы здесь?"              # optional; sent once when patience runs out
//! leaves_after_secs = 60           # optional; after the nudge, closes the site when nobody
//!                                  # answers this long, and opens it again `back_after_secs`
//!                                  # (default 60) later: goes on if answered meanwhile
//! goodbye = "Спасибо!"             # optional; the answer to the operator's last message
//! rating = "good"                  # optional; "good" or "bad": how the visitor rates the
//! rating_comment = "…"             # chat once it is closed, with an optional comment
//!
//! [prechat]                        # the pre-chat form; every field optional
//! name = "Ольга"
//! email = "olga@example.ru"
//! phone = "+7 900 000-00-00"
//! [prechat.extra]                  # the site's own fields
//! city = "Казань"
//!
//! [[pages]]                        # pages opened before the chat, in order
//! url = "https://shop.example/"
//! title = "Главная"                # optional
//! referrer = "https://yandex.ru/search/?text=…"   # optional
//! search_query = "…"               # optional
//!
//! [[lines]]                        # what the visitor writes; the first line opens the chat
//! text = "Здравствуйте! …"
//! [[lines]]
//! text = "…"
//! after = "reply"                  # "reply" (default): answer after an operator's message;
//!                                  # "pause": follow up on one's own after a short pause
//! page = { url = "…", title = "…" }  # optional: open this page before writing
//!
//! [[earlier]]                      # optional: a chat held and closed before this visit, so
//! visitor = "Здравствуйте! …"      # the visitor comes back with history. Each turn is one
//! [[earlier]]                      # line, `visitor = "…"` or `operator = "…"`; the visitor
//! operator = "Добрый день! …"      # opens the chat, the demo's colleague answers in it
//! ```
//!
//! Every pause is divided by the demo's `--speed`.
//!
//! `*_left_overnight.toml` are not visitors of the rotation: the demo leaves the one in the
//! console's language as an offline message (the pre-chat name and e-mail, the first line)
//! before the console opens, so "Left a message" is never empty.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The shipped scenarios, Russian and English alternating so any two visitors in a row
/// speak both languages.
const FILES: [(&str, &str); 8] = [
    (
        "ru_delivery_kazan",
        include_str!("../../demo/scenarios/ru_delivery_kazan.toml"),
    ),
    (
        "en_out_of_stock",
        include_str!("../../demo/scenarios/en_out_of_stock.toml"),
    ),
    (
        "ru_defective_kettle",
        include_str!("../../demo/scenarios/ru_defective_kettle.toml"),
    ),
    (
        "en_b2b_office",
        include_str!("../../demo/scenarios/en_b2b_office.toml"),
    ),
    (
        "ru_returning_order",
        include_str!("../../demo/scenarios/ru_returning_order.toml"),
    ),
    (
        "en_cash_on_delivery",
        include_str!("../../demo/scenarios/en_cash_on_delivery.toml"),
    ),
    (
        "ru_rude_courier",
        include_str!("../../demo/scenarios/ru_rude_courier.toml"),
    ),
    (
        "en_return_size",
        include_str!("../../demo/scenarios/en_return_size.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The file's stem; filled in after parsing.
    #[serde(skip)]
    pub name: String,
    pub language: String,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default = "default_patience")]
    pub patience_secs: u64,
    #[serde(default)]
    pub nudge: Option<String>,
    #[serde(default)]
    pub leaves_after_secs: Option<u64>,
    #[serde(default = "default_back_after")]
    pub back_after_secs: u64,
    #[serde(default)]
    pub goodbye: Option<String>,
    #[serde(default)]
    pub rating: Option<frontdesk_protocol::Rating>,
    #[serde(default)]
    pub rating_comment: Option<String>,
    #[serde(default)]
    pub earlier: Vec<Turn>,
    #[serde(default)]
    pub prechat: Prechat,
    #[serde(default)]
    pub pages: Vec<Page>,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prechat {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub department: Option<String>,
    #[serde(default)]
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub url: String,
    pub title: Option<String>,
    pub referrer: Option<String>,
    pub search_query: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub text: String,
    #[serde(default)]
    pub after: After,
    pub page: Option<Page>,
}

/// One line of an earlier chat, by who says it. The operator's lines are the demo colleague's
/// (see `colleague.rs`), so the chat reads as the real conversation it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Turn {
    Visitor(String),
    Operator(String),
}

/// What a line waits for before the visitor starts typing it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum After {
    /// An operator's message.
    #[default]
    Reply,
    /// Only a short pause: a follow-up to the visitor's own previous line.
    Pause,
}

fn default_patience() -> u64 {
    90
}

fn default_back_after() -> u64 {
    60
}

impl Scenario {
    pub fn parse(name: &str, text: &str) -> anyhow::Result<Self> {
        let mut scenario: Self =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("scenario {name}: {e}"))?;
        anyhow::ensure!(!scenario.lines.is_empty(), "scenario {name} has no lines");
        // The visitor's `start_chat` carries the first line, so the visitor speaks first.
        anyhow::ensure!(
            matches!(scenario.earlier.first(), None | Some(Turn::Visitor(_))),
            "scenario {name}: an earlier chat starts with the visitor's line"
        );
        scenario.name = name.to_owned();
        Ok(scenario)
    }

    pub fn is_russian(&self) -> bool {
        self.language.starts_with("ru")
    }
}

/// The messages left while nobody was online, Russian and English.
const LEFT_OVERNIGHT: [(&str, &str); 2] = [
    (
        "ru_left_overnight",
        include_str!("../../demo/scenarios/ru_left_overnight.toml"),
    ),
    (
        "en_left_overnight",
        include_str!("../../demo/scenarios/en_left_overnight.toml"),
    ),
];

/// The message left overnight in Russian (`russian`) or English.
pub fn left_overnight(russian: bool) -> anyhow::Result<Scenario> {
    let (name, text) = LEFT_OVERNIGHT[usize::from(!russian)];
    Scenario::parse(name, text)
}

/// All shipped scenarios, in the order visitors use them.
pub fn all() -> anyhow::Result<Vec<Scenario>> {
    FILES
        .iter()
        .map(|(name, text)| Scenario::parse(name, text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text a scenario sends, the visitor's and the earlier chat's operator's.
    fn texts(s: &Scenario) -> Vec<&str> {
        let lines = s.lines.iter().map(|l| l.text.as_str());
        let extra = (s.nudge.iter().chain(&s.goodbye).chain(&s.rating_comment)).map(String::as_str);
        let earlier = s.earlier.iter().map(|t| match t {
            Turn::Visitor(text) | Turn::Operator(text) => text.as_str(),
        });
        lines.chain(extra).chain(earlier).collect()
    }

    #[test]
    fn shipped_scenarios_parse_and_are_balanced() {
        let all = all().unwrap();
        assert!(all.len() >= 6);
        let ru = all.iter().filter(|s| s.is_russian()).count();
        assert_eq!(ru * 2, all.len(), "half Russian, half English");
        // The first two visitors must speak both languages.
        assert_ne!(all[0].is_russian(), all[1].is_russian());
    }

    #[test]
    fn the_messages_left_overnight_parse_in_their_languages_with_an_address() {
        for russian in [true, false] {
            let s = left_overnight(russian).unwrap();
            assert_eq!(s.is_russian(), russian, "{}", s.name);
            assert!(
                s.prechat.name.is_some() && s.prechat.email.is_some(),
                "{}",
                s.name
            );
            assert!(s.earlier.is_empty() && s.lines.len() == 1, "{}", s.name);
        }
    }

    #[test]
    fn second_line_waits_for_the_operator() {
        // The demo test relies on it: a visitor answers only after the operator writes.
        for s in all().unwrap() {
            if let Some(line) = s.lines.get(1) {
                assert_eq!(line.after, After::Reply, "{}", s.name);
            }
        }
    }

    #[test]
    fn russian_text_uses_the_polite_capitalised_you() {
        const LOWER: [&str; 15] = [
            "вы",
            "вас",
            "вам",
            "вами",
            "ваш",
            "ваша",
            "ваше",
            "ваши",
            "вашего",
            "вашей",
            "вашему",
            "вашим",
            "вашими",
            "вашу",
            "ваших",
        ];
        let mut russian: Vec<Scenario> = all().unwrap();
        russian.push(left_overnight(true).unwrap());
        for s in russian.iter().filter(|s| s.is_russian()) {
            for text in texts(s) {
                for word in text.split(|c: char| !c.is_alphabetic()) {
                    assert!(
                        !LOWER.contains(&word),
                        "{}: lowercase «{word}» in «{text}»",
                        s.name
                    );
                }
            }
        }
    }

    #[test]
    fn earlier_chats_are_conversations_the_visitor_opens() {
        let all = all().unwrap();
        let returning: Vec<_> = all.iter().filter(|s| !s.earlier.is_empty()).collect();
        assert!(!returning.is_empty(), "some visitor comes back");
        for s in returning {
            let answered = s.earlier.iter().any(|t| matches!(t, Turn::Operator(_)));
            assert!(answered, "{}: the earlier chat has answers", s.name);
        }
        let opened_by_operator = "language = \"ru\"\n[[earlier]]\noperator = \"Добрый день!\"\n\
                                  [[lines]]\ntext = \"hi\"";
        let err = Scenario::parse("x", opened_by_operator).unwrap_err();
        assert!(err.to_string().contains("starts with the visitor"), "{err}");
        let both_in_one_turn = "language = \"ru\"\n[[earlier]]\nvisitor = \"a\"\noperator = \"b\"\n\
                                [[lines]]\ntext = \"hi\"";
        let err = Scenario::parse("x", both_in_one_turn).unwrap_err();
        assert!(err.to_string().contains("exactly 1 element"), "{err}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = Scenario::parse(
            "x",
            "language = \"en\"\ncolour = 1\n[[lines]]\ntext = \"hi\"",
        );
        assert!(err.is_err());
    }
}
