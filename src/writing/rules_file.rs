//! The writing rules as settings: the shipped `writing/rules.toml`, and the operator's
//! `writing.toml` over it (rules switched one by one, lists added). Pure: the caller reads the
//! file.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The shipped rules (`writing/rules.toml`).
pub const DEFAULT_TOML: &str = include_str!("../../writing/rules.toml");

/// Which rules are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Switches {
    pub sentence_capital: bool,
    pub capital_i: bool,
    pub end_punctuation: bool,
    pub polite_you: bool,
    pub banned_phrases: bool,
    pub slang: bool,
    pub all_caps: bool,
    pub repeated_punctuation: bool,
    pub team_phrases: bool,
}

impl Default for Switches {
    fn default() -> Self {
        Self {
            sentence_capital: true,
            capital_i: true,
            end_punctuation: true,
            polite_you: true,
            banned_phrases: true,
            slang: true,
            all_caps: true,
            repeated_punctuation: true,
            team_phrases: true,
        }
    }
}

/// A phrase to avoid and, when there is one, what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub phrase: String,
    #[serde(default)]
    pub instead: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Abbreviations {
    #[serde(default)]
    words: Vec<String>,
}

/// One file as written; every part optional, so a user file may hold only what it changes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    strict: Option<bool>,
    rules: Option<toml::Table>,
    #[serde(default)]
    banned: Vec<Phrase>,
    #[serde(default)]
    slang: Vec<Phrase>,
    #[serde(default)]
    team: Vec<Phrase>,
    #[serde(default)]
    abbreviations: Abbreviations,
}

/// The rules in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub on: Switches,
    /// Enter asks once before sending a message that breaks a rule.
    pub strict: bool,
    pub banned: Vec<Phrase>,
    pub slang: Vec<Phrase>,
    pub team: Vec<Phrase>,
    /// Uppercase words that are not shouting.
    pub abbreviations: HashSet<String>,
}

impl Default for Rules {
    fn default() -> Self {
        parse_over(None, DEFAULT_TOML).expect("the shipped writing rules parse")
    }
}

/// A user file that could not be used, with what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RulesError(String);

impl Rules {
    /// The shipped rules with the user's file `text` over them.
    pub fn with_user_file(text: &str) -> Result<Self, RulesError> {
        parse_over(Some(Self::default()), text)
    }
}

/// The operator's file in the config folder.
pub const USER_FILE: &str = "writing.toml";

/// The shipped rules with `<config_dir>/writing.toml` over them, when there is one.
pub fn load(config_dir: &std::path::Path) -> Result<Rules, RulesError> {
    let path = config_dir.join(USER_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Rules::with_user_file(&text)
            .map_err(|e| RulesError(format!("{}: {}", path.display(), e.0))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Rules::default()),
        Err(e) => Err(RulesError(format!("{}: {e}", path.display()))),
    }
}

fn parse_over(base: Option<Rules>, text: &str) -> Result<Rules, RulesError> {
    let file: File = toml::from_str(text).map_err(|e| RulesError(e.to_string()))?;
    let mut rules = base.unwrap_or(Rules {
        on: Switches::default(),
        strict: false,
        banned: Vec::new(),
        slang: Vec::new(),
        team: Vec::new(),
        abbreviations: HashSet::new(),
    });
    if let Some(strict) = file.strict {
        rules.strict = strict;
    }
    if let Some(table) = file.rules {
        // Switches named in the file change; the rest keep their value.
        let mut merged = toml::Table::try_from(rules.on).map_err(|e| RulesError(e.to_string()))?;
        for (name, value) in table {
            if !merged.contains_key(&name) {
                return Err(RulesError(format!("unknown rule `{name}` in [rules]")));
            }
            merged.insert(name, value);
        }
        rules.on = merged
            .try_into()
            .map_err(|e: toml::de::Error| RulesError(e.to_string()))?;
    }
    rules.banned.extend(file.banned);
    rules.slang.extend(file.slang);
    rules.team.extend(file.team);
    rules
        .abbreviations
        .extend(file.abbreviations.words.iter().map(|w| w.to_uppercase()));
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_are_all_on_with_lists() {
        let rules = Rules::default();
        assert_eq!(rules.on, Switches::default());
        assert!(!rules.strict);
        assert!(rules.banned.iter().any(|p| p.phrase == "не знаю"));
        assert!(rules.slang.iter().any(|p| p.phrase == "щас"));
        assert!(rules.abbreviations.contains("ИНН"));
    }

    #[test]
    fn a_user_file_switches_rules_and_adds_to_lists() {
        let rules = Rules::with_user_file(
            "strict = true\n[rules]\nslang = false\n[[team]]\nphrase = \"дорогой клиент\"\n\
             instead = \"по имени\"\n[abbreviations]\nwords = [\"crm\"]\n",
        )
        .expect("parses");
        assert!(rules.strict);
        assert!(!rules.on.slang);
        assert!(rules.on.all_caps, "the others stay on");
        assert_eq!(rules.team.len(), 1);
        assert!(rules.abbreviations.contains("CRM"));
        assert!(
            rules.banned.iter().any(|p| p.phrase == "не знаю"),
            "shipped kept"
        );
    }

    #[test]
    fn a_misspelt_rule_is_an_error_that_names_it() {
        let err = Rules::with_user_file("[rules]\nslagn = false\n").expect_err("refused");
        assert!(err.to_string().contains("slagn"), "{err}");
    }
}
