//! A table's lookup against a plain scan of its entries, after every kind of change.

use crossterm::event::{KeyCode, KeyModifiers};

use super::super::KeyCombo;
use super::super::table::{Lookup, Table};
use crate::app::Action;

/// What `lookup` must say, found the slow way: every entry looked at.
fn scanned<'a>(table: &'a Table, keys: &[KeyCombo]) -> Lookup<'a> {
    if let Some((_, action)) = table.iter().find(|(k, _)| *k == keys) {
        return Lookup::Bound(action);
    }
    if table.iter().any(|(k, _)| k.starts_with(keys)) {
        return Lookup::Prefix;
    }
    Lookup::Unbound
}

fn letter(i: usize) -> KeyCombo {
    KeyCombo::new(KeyCode::Char(['a', 'b', 'c', 'd'][i]), KeyModifiers::NONE)
}

/// Every sequence of one to three of the four letters.
fn all_sequences() -> Vec<Vec<KeyCombo>> {
    let mut out: Vec<Vec<KeyCombo>> = (0..4).map(|i| vec![letter(i)]).collect();
    for _ in 0..2 {
        let longer: Vec<Vec<KeyCombo>> = out
            .iter()
            .filter(|s| s.len() == out.last().map_or(0, Vec::len))
            .flat_map(|s| {
                (0..4).map(move |i| {
                    let mut s = s.clone();
                    s.push(letter(i));
                    s
                })
            })
            .collect();
        out.extend(longer);
    }
    out
}

#[test]
fn lookup_agrees_with_a_scan_after_bindings_replacements_and_removals() {
    let sequences = all_sequences();
    assert_eq!(sequences.len(), 4 + 16 + 64);
    let actions = [Action::Quit, Action::ToggleFocus, Action::SelectNext];
    let mut rng = fastrand::Rng::with_seed(18);
    for _ in 0..50 {
        let mut table = Table::default();
        for _ in 0..12 {
            let keys = &sequences[rng.usize(..sequences.len())];
            // One change in four removes (`noop`), the rest bind or rebind.
            let action = (rng.usize(..4) > 0).then(|| actions[rng.usize(..actions.len())].clone());
            table.set(keys, action);
            for probe in &sequences {
                assert_eq!(table.lookup(probe), scanned(&table, probe), "{probe:?}");
            }
        }
    }
}

#[test]
fn a_key_no_entry_starts_with_is_unbound_and_a_removed_one_is_unbound_again() {
    let mut table = Table::default();
    let (a, b) = (letter(0), letter(1));
    assert_eq!(table.lookup(&[a]), Lookup::Unbound);
    table.set(&[a, b], Some(Action::Quit));
    assert_eq!(table.lookup(&[a]), Lookup::Prefix);
    assert_eq!(table.lookup(&[b]), Lookup::Unbound);
    assert_eq!(table.lookup(&[a, b]), Lookup::Bound(&Action::Quit));
    table.set(&[a], None);
    assert_eq!(table.lookup(&[a]), Lookup::Unbound);
    assert_eq!(table.lookup(&[a, b]), Lookup::Unbound);
}
