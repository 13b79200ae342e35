//! Whose numbers a reader may see: a supervisor sees everything; a plain operator sees the
//! chats of the departments they belong to (`[[routing.departments]]` lists them by login
//! name) and the presence of those departments' operators. Chats without a department (the
//! common queue) are a supervisor's view only.

use std::collections::BTreeSet;

use frontdesk_protocol::{OperatorInfo, OperatorRole};

use crate::routing::RoutingConfig;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Department keys.
    Departments(BTreeSet<String>),
}

impl Scope {
    pub fn of(reader: &OperatorInfo, routing: &RoutingConfig) -> Self {
        if reader.role == OperatorRole::Supervisor {
            return Self::All;
        }
        Self::Departments(departments_of(&reader.name, routing).into_iter().collect())
    }

    pub fn sees_department(&self, department: Option<&str>) -> bool {
        match self {
            Self::All => true,
            Self::Departments(keys) => department.is_some_and(|d| keys.contains(d)),
        }
    }

    /// An operator is seen when they are in a department the reader sees.
    pub fn sees_operator(&self, login: &str, routing: &RoutingConfig) -> bool {
        match self {
            Self::All => true,
            Self::Departments(_) => departments_of(login, routing)
                .iter()
                .any(|d| self.sees_department(Some(d))),
        }
    }
}

/// The department keys an operator belongs to.
pub fn departments_of(login: &str, routing: &RoutingConfig) -> Vec<String> {
    routing
        .departments
        .iter()
        .filter(|d| d.operators.iter().any(|l| l == login))
        .map(|d| d.key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::Department;
    use frontdesk_protocol::OperatorStatus;

    fn reader(name: &str, role: OperatorRole) -> OperatorInfo {
        OperatorInfo {
            id: 1,
            name: name.to_owned(),
            display_name: name.to_owned(),
            role,
            status: OperatorStatus::Online,
            status_since: None,
        }
    }

    fn routing() -> RoutingConfig {
        let dep = |key: &str, ops: &[&str]| Department {
            key: key.to_owned(),
            title: String::new(),
            operators: ops.iter().map(|s| (*s).to_owned()).collect(),
        };
        RoutingConfig {
            departments: vec![dep("sales", &["anna"]), dep("support", &["boris"])],
            ..RoutingConfig::default()
        }
    }

    #[test]
    fn a_plain_operator_sees_their_departments_only() {
        let scope = Scope::of(&reader("anna", OperatorRole::Operator), &routing());
        assert!(scope.sees_department(Some("sales")));
        assert!(!scope.sees_department(Some("support")));
        assert!(!scope.sees_department(None));
        assert!(scope.sees_operator("anna", &routing()));
        assert!(!scope.sees_operator("boris", &routing()));
    }

    #[test]
    fn a_supervisor_sees_all() {
        let scope = Scope::of(&reader("irina", OperatorRole::Supervisor), &routing());
        assert_eq!(scope, Scope::All);
        assert!(scope.sees_department(None) && scope.sees_operator("boris", &routing()));
    }
}
