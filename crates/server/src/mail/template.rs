//! The e-mail's subject and text from the `[mail]` templates.
//!
//! Placeholders: `{visitor_name}` (the name the visitor gave, empty if none), `{operator_name}`
//! (who answered; several names joined by ", "), `{answer}` (the operator's lines, a blank line
//! between two), `{question}` (the visitor's newest message before the answer: the offline
//! message, or a live chat's last words before its visitor left). Anything else in braces stays as
//! written. Values are put in one pass, so an answer that contains `{question}` stays as typed.

/// What a template may say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    pub visitor_name: String,
    pub operator_name: String,
    pub answer: String,
    pub question: String,
}

impl Values {
    fn get(&self, key: &str) -> Option<&str> {
        match key {
            "visitor_name" => Some(&self.visitor_name),
            "operator_name" => Some(&self.operator_name),
            "answer" => Some(&self.answer),
            "question" => Some(&self.question),
            _ => None,
        }
    }
}

/// The template with its placeholders filled.
pub fn render(template: &str, values: &Values) -> String {
    let mut out = String::with_capacity(template.len() + values.answer.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| values.get(&after[..close]).map(|value| (value, close)))
        {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Longest subject, in characters.
const MAX_SUBJECT_CHARS: usize = 200;

/// A subject line: one line whatever the values held (no header can be smuggled in), cut to a
/// sane length.
pub fn subject(template: &str, values: &Values) -> String {
    let one_line: String = render(template, values)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = one_line.split_whitespace().collect();
    words.join(" ").chars().take(MAX_SUBJECT_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            visitor_name: "Игорь".into(),
            operator_name: "Анна".into(),
            answer: "Перезвоним в 18:30. {question}".into(),
            question: "Перезвоните?".into(),
        }
    }

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        let text = render(
            "{visitor_name}, {answer} — {operator_name} {site} {",
            &values(),
        );
        assert_eq!(
            text,
            "Игорь, Перезвоним в 18:30. {question} — Анна {site} {"
        );
    }

    #[test]
    fn a_subject_is_one_line() {
        let v = Values {
            visitor_name: "Игорь\r\nBcc: all@example.com".into(),
            ..values()
        };
        assert_eq!(
            subject("Re: {visitor_name}\n", &v),
            "Re: Игорь Bcc: all@example.com"
        );
        let long = Values {
            visitor_name: "я".repeat(500),
            ..values()
        };
        assert_eq!(subject("{visitor_name}", &long).chars().count(), 200);
    }
}
