//! Placeholders: `{visitor.name}`, `{visitor.page}`, `{operator.name}`, `{company}` and
//! `{visitor.<form field>}`, filled from the open chat; `{fill.<what>}` is never filled. A placeholder without a value stays in
//! the text as a *gap*: the reply then lands in the reply box with the gap selected, and a
//! reply that still holds one is never sent (see [`first_gap`]).
//!
//! Values mostly come from visitors: each goes through [`crate::sanitize`] as one line, and
//! braces become parentheses so a value can never look like a gap itself.

use std::collections::BTreeMap;

use frontdesk_protocol::VisitorProfile;

use crate::sanitize::{Mode, sanitize};

/// Longest value put into a reply.
const VALUE_CHARS: usize = 200;

/// Placeholder values by name (`visitor.name` → "Анна").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, String>);

impl Values {
    /// Sets a value, made safe and kept to one line; an empty value counts as missing.
    pub fn set(&mut self, name: &str, value: &str) {
        let clean = sanitize(value, Mode::line(VALUE_CHARS))
            .replace('{', "(")
            .replace('}', ")");
        let clean = clean.trim();
        if clean.is_empty() {
            self.0.remove(name);
        } else {
            self.0.insert(name.to_owned(), clean.to_owned());
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// What the chat's visitor, the operator and the config tell about this conversation.
    pub fn for_visitor(visitor: Option<&VisitorProfile>, operator: &str, company: &str) -> Self {
        let mut values = Self::default();
        values.set("operator.name", operator);
        values.set("company", company);
        let Some(v) = visitor else {
            return values;
        };
        let fields = [
            ("name", &v.fields.name),
            ("email", &v.fields.email),
            ("phone", &v.fields.phone),
            ("department", &v.fields.department),
            ("city", &v.city),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                values.set(&format!("visitor.{key}"), value);
            }
        }
        for (key, value) in &v.fields.extra {
            values.set(&format!("visitor.{key}"), value);
        }
        if let Some(page) = v.pages.last() {
            values.set("visitor.url", &page.url);
            let title = page.title.as_deref().filter(|t| !t.trim().is_empty());
            values.set("visitor.page", title.unwrap_or(&page.url));
        }
        values
    }
}

/// A placeholder in a text: its name and where it is (line, and char columns end-exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub name: String,
    pub row: usize,
    pub start: usize,
    pub end: usize,
}

/// Every `{name}` of `text`, where a name is letters, digits, `.`, `-` and `_`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (row, line) in text.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '{' {
                let len = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
                    .count();
                if len > 0 && chars.get(i + 1 + len) == Some(&'}') {
                    let name: String = chars[i + 1..i + 1 + len].iter().collect();
                    out.push(Token {
                        name,
                        row,
                        start: i,
                        end: i + len + 2,
                    });
                    i += len + 2;
                    continue;
                }
            }
            i += 1;
        }
    }
    out
}

/// Whether a placeholder name is one the console knows: `company`, `operator.name`,
/// `visitor.` and a field key, or `fill.` and a word (never filled: always left for the
/// operator, e.g. `{fill.date}`).
pub fn is_known(name: &str) -> bool {
    let key = name
        .strip_prefix("visitor.")
        .or_else(|| name.strip_prefix("fill."));
    match key {
        Some(key) => crate::canned::format::is_name(key),
        None => matches!(name, "company" | "operator.name"),
    }
}

/// A reply text with its placeholders filled; `gaps` are the ones left for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    pub gaps: Vec<Token>,
}

/// Fills every placeholder that has a value; the others stay as they are, as gaps.
pub fn fill(template: &str, values: &Values) -> Filled {
    let mut text = String::with_capacity(template.len());
    for (row, line) in template.split('\n').enumerate() {
        if row > 0 {
            text.push('\n');
        }
        let mut rest = line.chars();
        let mut column = 0;
        for token in tokens(line) {
            text.extend(rest.by_ref().take(token.start - column));
            let original: String = rest.by_ref().take(token.end - token.start).collect();
            column = token.end;
            match values.get(&token.name) {
                Some(value) => text.push_str(value),
                None => text.push_str(&original),
            }
        }
        text.extend(rest);
    }
    // Values hold no braces, so every token left is a gap.
    let gaps = tokens(&text);
    Filled { text, gaps }
}

/// The first placeholder the console knows still in `text`: such text must not be sent.
pub fn first_gap(text: &str) -> Option<Token> {
    tokens(text).into_iter().find(|t| is_known(&t.name))
}

#[cfg(test)]
#[path = "tests/fill.rs"]
mod tests;
