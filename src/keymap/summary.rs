//! The live bindings as plain data ([`KeyHelp`] parts) for the help overlay and the which-key
//! hint: keys in their canonical spelling, grouped by action within each context.

use super::Keymap;
use super::context::Context;
use super::key::display_sequence;
use crate::action::{ContextKeys, KeyBinding, KeyHelp, PendingKeys};

impl Keymap {
    /// Every non-empty context, bindings grouped by action in the order they first appear.
    pub fn help(&self) -> KeyHelp {
        let contexts = Context::ALL
            .into_iter()
            .filter_map(|context| {
                let mut bindings: Vec<KeyBinding> = Vec::new();
                for (keys, action) in self.table(context).iter() {
                    let keys = display_sequence(keys);
                    match bindings.iter_mut().find(|b| b.action == *action) {
                        Some(b) => b.keys.push(keys),
                        None => bindings.push(KeyBinding {
                            keys: vec![keys],
                            action: action.clone(),
                        }),
                    }
                }
                (!bindings.is_empty()).then_some(ContextKeys {
                    name: context.name(),
                    bindings,
                })
            })
            .collect();
        KeyHelp {
            contexts,
            pending: self.pending_help(),
        }
    }

    /// While a sequence is half typed: what was typed and how each candidate continues.
    pub fn pending_help(&self) -> Option<PendingKeys> {
        let (typed, context) = self.pending()?;
        let mut next = Vec::new();
        for table in [context, Context::Global] {
            for (keys, action) in self.table(table).iter() {
                if keys.len() > typed.len() && keys.starts_with(typed) {
                    next.push(KeyBinding {
                        keys: vec![display_sequence(&keys[typed.len()..])],
                        action: action.clone(),
                    });
                }
            }
            if !next.is_empty() {
                break;
            }
        }
        Some(PendingKeys {
            typed: display_sequence(typed),
            next,
        })
    }
}
