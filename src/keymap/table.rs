//! The bindings of one context, in file order, and how a later file's entry replaces them.

use std::collections::HashSet;

use super::key::KeyCombo;
use crate::action::Action;

/// What a key sequence means in one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    Bound(&'a Action),
    /// The keys start one or more longer sequences.
    Prefix,
    Unbound,
}

/// Bindings of one context. A small vector: the order (that of the files) is the order the
/// help overlay shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    entries: Vec<(Vec<KeyCombo>, Action)>,
    /// The first key of every entry. Most keys pressed are text that no table binds, and a
    /// letter typed goes through two tables before it reaches the reply box: one look here
    /// says "unbound" where scanning every entry twice (exact, then prefix) took a good part
    /// of a key's way to the screen (docs/benchmarks.md, "The terminal's turn after the echo").
    firsts: HashSet<KeyCombo>,
}

impl Table {
    pub fn iter(&self) -> impl Iterator<Item = (&[KeyCombo], &Action)> {
        self.entries.iter().map(|(k, a)| (k.as_slice(), a))
    }

    pub fn get(&self, keys: &[KeyCombo]) -> Option<&Action> {
        self.entries.iter().find(|(k, _)| k == keys).map(|(_, a)| a)
    }

    pub fn lookup(&self, keys: &[KeyCombo]) -> Lookup<'_> {
        if let Some(first) = keys.first()
            && !self.firsts.contains(first)
        {
            return Lookup::Unbound;
        }
        if let Some(action) = self.get(keys) {
            return Lookup::Bound(action);
        }
        if self.entries.iter().any(|(k, _)| k.starts_with(keys)) {
            return Lookup::Prefix;
        }
        Lookup::Unbound
    }

    /// Merges one entry over what is there, key by key. A binding replaces the same keys in
    /// place and drops bindings it would shadow or be shadowed by (`g` against `g g`); `None`
    /// (`"noop"`) removes the keys and every sequence that starts with them.
    pub fn set(&mut self, keys: &[KeyCombo], action: Option<Action>) {
        match action {
            None => self.entries.retain(|(k, _)| !k.starts_with(keys)),
            Some(action) => {
                let clash = |k: &Vec<KeyCombo>| {
                    k.as_slice() != keys && (k.starts_with(keys) || keys.starts_with(k))
                };
                self.entries.retain(|(k, _)| !clash(k));
                match self.entries.iter_mut().find(|(k, _)| k == keys) {
                    Some(slot) => slot.1 = action,
                    None => self.entries.push((keys.to_vec(), action)),
                }
            }
        }
        self.firsts = self
            .entries
            .iter()
            .filter_map(|(k, _)| k.first())
            .copied()
            .collect();
    }
}
