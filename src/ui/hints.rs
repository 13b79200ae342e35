//! The status bar's key hints, from the live bindings in `State::keys`: for a few actions
//! of the focused context, the key that does them there (its own table first, then a
//! `global` key it does not take over), so a key the operator rebound shows as bound.

use crate::action::{Command, ContextKeys};
use crate::app::{Focus, State};

/// "Enter open · a accept · … · ^Q quit" for the focus; actions bound to no key are left out.
#[cfg(test)]
pub fn line(state: &State) -> String {
    items(state).join(" · ")
}

/// The hints one by one, most useful first, so the status bar can drop whole ones.
pub fn items(state: &State) -> Vec<String> {
    let w = state.strings.help;
    let s = state.strings.stats;
    let (context, lead, wanted) = match state.focus {
        // The statistics screen has the keys while it is open.
        _ if state.stats.open => (
            "stats",
            None,
            vec![
                (Command::StatsPrevPeriod, s.hint_prev),
                (Command::StatsNextPeriod, s.hint_next),
                (Command::StatsRefresh, s.hint_refresh),
                (Command::ToggleStats, s.hint_close),
            ],
        ),
        Focus::List => (
            "list",
            None,
            vec![
                (Command::OpenSelected, w.open),
                (Command::AcceptSelected, w.accept),
                (Command::ToggleFocus, w.reply),
                (Command::CloseChat, w.close),
                (Command::ToggleHelp, w.help),
                (Command::Quit, w.quit),
            ],
        ),
        Focus::Compose => (
            "compose",
            None,
            vec![
                (Command::SendMessage, w.send),
                (Command::ComposeNewline, w.newline),
                (Command::FocusList, w.list),
                (Command::Quit, w.quit),
            ],
        ),
        Focus::Search => (
            "search",
            Some(w.type_to_search),
            vec![
                (Command::SearchAccept, w.keep),
                (Command::SearchClear, w.clear),
                (Command::SearchNext, w.next_hit),
                (Command::SearchPrev, w.prev_hit),
            ],
        ),
    };
    let hints = wanted.into_iter().filter_map(|(command, word)| {
        key_for(state, context, command).map(|key| format!("{} {word}", short(&key)))
    });
    lead.map(str::to_owned).into_iter().chain(hints).collect()
}

/// The key (spelled as in keymap files) that runs `command` in `context`: the last one bound
/// there (a key the operator added comes after the defaults), else the last `global` one
/// that the context's own table does not take (the same key, or a sequence starting with it).
pub(super) fn key_for(state: &State, context: &str, command: Command) -> Option<String> {
    let find = |name: &str| state.keys.contexts.iter().find(|c| c.name == name);
    let own = find(context);
    let last = |c: &ContextKeys| -> Vec<String> {
        c.bindings
            .iter()
            .filter(|b| b.action.command() == command)
            .flat_map(|b| b.keys.iter().cloned())
            .collect()
    };
    if let Some(key) = own.and_then(|c| last(c).pop()) {
        return Some(key);
    }
    let taken = |key: &str| {
        own.is_some_and(|c| {
            c.bindings.iter().flat_map(|b| &b.keys).any(|k| {
                k == key
                    || k.strip_prefix(key)
                        .is_some_and(|rest| rest.starts_with(' '))
            })
        })
    };
    last(find("global")?).into_iter().rev().find(|k| !taken(k))
}

/// The key for `command` in `context` as the status bar shows it (`Alt-;`), if bound.
pub(super) fn shown_key(state: &State, context: &str, command: Command) -> Option<String> {
    key_for(state, context, command).map(|k| short(&k))
}

/// A key as the status bar shows it: `ctrl-q` is `^Q`, `alt-enter` is `Alt-Enter`.
fn short(keys: &str) -> String {
    keys.split(' ')
        .map(short_combo)
        .collect::<Vec<_>>()
        .join(" ")
}

fn short_combo(combo: &str) -> String {
    let (mut ctrl, mut alt, mut shift) = (false, false, false);
    let mut rest = combo;
    // "ctrl--" is ctrl and "-": stop once one character is left.
    while rest.chars().count() > 1 {
        if let Some(r) = rest.strip_prefix("ctrl-") {
            (ctrl, rest) = (true, r);
        } else if let Some(r) = rest.strip_prefix("alt-") {
            (alt, rest) = (true, r);
        } else if let Some(r) = rest.strip_prefix("shift-") {
            (shift, rest) = (true, r);
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    if let (Some(c), None, true, false, false) = (chars.next(), chars.next(), ctrl, alt, shift) {
        return format!("^{}", c.to_uppercase());
    }
    let name = match rest {
        "enter" => "Enter",
        "esc" => "Esc",
        "tab" => "Tab",
        "space" => "Space",
        "backspace" => "Backspace",
        "del" => "Del",
        "ins" => "Ins",
        "home" => "Home",
        "end" => "End",
        "pgup" => "PgUp",
        "pgdn" => "PgDn",
        "up" => "↑",
        "down" => "↓",
        "left" => "←",
        "right" => "→",
        other => other,
    };
    let name = match name.strip_prefix('f') {
        Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => format!("F{n}"),
        _ => name.to_owned(),
    };
    let mut out = String::new();
    for (on, prefix) in [(ctrl, "Ctrl-"), (alt, "Alt-"), (shift, "Shift-")] {
        if on {
            out.push_str(prefix);
        }
    }
    out + &name
}

#[cfg(test)]
mod tests;
