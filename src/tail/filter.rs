//! `--kind`, `--department`, `--operator`: which lines are printed. Each option may repeat
//! or hold a comma list; a line must match every option given (any of its values).

use frontdesk_protocol::EventBody;
use strum::VariantNames;

use super::line::Line;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown event kind `{0}`; the kinds are: {kinds}", kinds = EventBody::VARIANTS.join(", "))]
pub struct UnknownKind(pub String);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    kinds: Vec<String>,
    departments: Vec<String>,
    operators: Vec<String>,
}

impl Filter {
    /// Builds the filter; a kind the protocol does not have is refused (a typo would
    /// otherwise print nothing, forever).
    pub fn new(
        kinds: &[String],
        departments: &[String],
        operators: &[String],
    ) -> Result<Self, UnknownKind> {
        let kinds = split(kinds);
        if let Some(bad) = kinds
            .iter()
            .find(|k| !EventBody::VARIANTS.contains(&k.as_str()))
        {
            return Err(UnknownKind(bad.clone()));
        }
        Ok(Self {
            kinds,
            departments: split(departments),
            operators: split(operators),
        })
    }

    /// Whether `line` is printed; `login` names an operator id.
    pub fn matches<'a>(&self, line: &Line, login: impl Fn(i64) -> Option<&'a str>) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|k| k == line.kind);
        let department_ok = self.departments.is_empty()
            || line
                .facts
                .department
                .as_ref()
                .is_some_and(|d| self.departments.contains(d));
        let operator_ok = self.operators.is_empty()
            || line
                .operator_ids
                .iter()
                .filter_map(|id| login(*id))
                .any(|l| self.operators.iter().any(|o| o == l));
        kind_ok && department_ok && operator_ok
    }
}

/// `["a,b", "c"]` → `["a", "b", "c"]`, blanks dropped.
fn split(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tail::picture::Facts;

    fn owned(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    fn line<'a>(event: &'a EventBody, department: Option<&str>, ids: Vec<i64>) -> Line<'a> {
        Line {
            seq: 1,
            ts: 0,
            kind: event.kind(),
            facts: Facts {
                department: department.map(str::to_owned),
                ..Facts::default()
            },
            operator: None,
            operator_ids: ids,
            text: String::new(),
            event,
        }
    }

    #[test]
    fn unknown_kinds_are_refused_with_the_list() {
        let err = Filter::new(&owned(&["chat_created,chat_typo"]), &[], &[]).unwrap_err();
        assert_eq!(err, UnknownKind("chat_typo".into()));
        assert!(err.to_string().contains("message_posted"));
    }

    #[test]
    fn every_option_must_match_any_of_its_values() {
        let event = EventBody::ChatUnclaimed {
            chat_id: 9,
            department: "sales".into(),
        };
        let login = |id: i64| match id {
            3 => Some("anna"),
            5 => Some("boris"),
            _ => None,
        };
        let sales = line(&event, Some("sales"), vec![5]);
        let none = Filter::default();
        assert!(none.matches(&sales, login));
        let f = Filter::new(
            &owned(&["chat_created", "chat_unclaimed"]),
            &owned(&["billing,sales"]),
            &[],
        )
        .expect("filter");
        assert!(f.matches(&sales, login));
        assert!(!f.matches(&line(&event, Some("support"), vec![]), login));
        assert!(!f.matches(&line(&event, None, vec![]), login));
        let anna = Filter::new(&[], &[], &owned(&["anna"])).expect("filter");
        assert!(!anna.matches(&sales, login));
        assert!(anna.matches(&line(&event, None, vec![5, 3]), login));
        let kinds = Filter::new(&owned(&["message_posted"]), &[], &[]).expect("filter");
        assert!(!kinds.matches(&sales, login));
    }
}
