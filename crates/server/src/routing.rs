//! Who may take a waiting chat, and who gets one without asking: departments, the routing
//! mode, the cap on chats per operator and the fallback that opens a department's waiting
//! chat to everyone. The settings are `[routing]`; the queries that apply them are
//! `store/routing.rs`.

use serde::{Deserialize, Serialize};

/// How a new chat finds its operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingMode {
    /// Chats wait in the queue until an operator takes one (first come, first served).
    #[default]
    Manual,
    /// Each new chat goes to the online operator who got one longest ago.
    RoundRobin,
    /// Each new chat goes to the online operator with the fewest active chats.
    LeastLoaded,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoutingConfig {
    pub mode: RoutingMode,
    /// Most active chats an operator may hold (taken or given); 0: no limit.
    pub max_chats: u32,
    /// Seconds a department's waiting chat is kept for that department's operators before
    /// any online operator may take it (and routing looks beyond the department). 0: at once.
    pub fallback_secs: u64,
    pub departments: Vec<Department>,
}

impl Default for RoutingConfig {
    fn default() -> Self {
        Self {
            mode: RoutingMode::Manual,
            max_chats: 0,
            fallback_secs: 60,
            departments: Vec::new(),
        }
    }
}

/// A group of operators a chat can be meant for ("sales", "support").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Department {
    /// Short name used in commands and stored with chats, e.g. `sales`.
    pub key: String,
    /// Shown to visitors in the pre-chat form and to operators, e.g. `Отдел продаж`.
    pub title: String,
    /// Login names of its operators; an operator may be in several departments.
    pub operators: Vec<String>,
}

impl RoutingConfig {
    /// Refuses settings that cannot work: blank or repeated keys.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for d in &self.departments {
            let key = d.key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(format!(
                    "[routing] department key {:?} must be one word",
                    d.key
                ));
            }
            if !seen.insert(key.to_lowercase()) {
                return Err(format!("[routing] department {key:?} is listed twice"));
            }
        }
        Ok(())
    }

    /// Routing gives chats out by itself.
    pub fn automatic(&self) -> bool {
        self.mode != RoutingMode::Manual
    }

    /// The department a visitor's choice names, by key or title in any case; `None` (the
    /// common queue) for anything else, so a forged choice cannot invent a department.
    pub fn department_for(&self, choice: &str) -> Option<&Department> {
        let choice = choice.trim().to_lowercase();
        self.departments
            .iter()
            .find(|d| d.key.to_lowercase() == choice || d.title.to_lowercase() == choice)
    }

    pub fn department(&self, key: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.key == key)
    }

    /// Operator `login` belongs to department `key`.
    pub fn is_member(&self, key: &str, login: &str) -> bool {
        self.department(key)
            .is_some_and(|d| d.operators.iter().any(|o| o == login))
    }

    pub fn fallback_ms(&self) -> i64 {
        i64::try_from(self.fallback_secs.saturating_mul(1000)).unwrap_or(i64::MAX)
    }
}

impl Department {
    /// What the visitor and the operators read: the title, or the key when there is none.
    pub fn shown_name(&self) -> &str {
        if self.title.trim().is_empty() {
            &self.key
        } else {
            &self.title
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> RoutingConfig {
        RoutingConfig {
            departments: vec![
                Department {
                    key: "sales".into(),
                    title: "Отдел продаж".into(),
                    operators: vec!["anna".into()],
                },
                Department {
                    key: "support".into(),
                    title: String::new(),
                    operators: vec!["boris".into(), "anna".into()],
                },
            ],
            ..RoutingConfig::default()
        }
    }

    #[test]
    fn a_choice_names_a_department_by_key_or_title_in_any_case() {
        let c = config();
        assert_eq!(c.department_for("SALES").unwrap().key, "sales");
        assert_eq!(c.department_for(" отдел продаж ").unwrap().key, "sales");
        assert!(c.department_for("billing").is_none());
        assert_eq!(c.department("support").unwrap().shown_name(), "support");
    }

    #[test]
    fn membership_and_checks() {
        let c = config();
        assert!(c.is_member("support", "anna"));
        assert!(!c.is_member("sales", "boris"));
        assert!(c.check().is_ok());
        let mut twice = config();
        twice.departments[1].key = "Sales".into();
        assert!(twice.check().unwrap_err().contains("twice"));
        let mut blank = config();
        blank.departments[0].key = "a b".into();
        assert!(blank.check().is_err());
    }
}
