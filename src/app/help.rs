//! The help overlay as plain data: its rows, generated from the live bindings in
//! `State::keys` and described in the interface's language, and how they lie at a terminal
//! size ([`View`]). `update` uses the view to stop scrolling at the end, `ui::help` to draw.

use super::Action;
use super::State;
use crate::action::{Command, KeyBinding};

/// Widest the overlay's box gets when every row fits on the screen.
pub const ONE_COLUMN_WIDTH: u16 = 72;
/// Narrowest a column may get: the overlay flows into two columns only when both are this
/// wide, so descriptions are not cut to a few words on an 80-column terminal.
const MIN_COLUMN_WIDTH: u16 = 56;

/// One row: a context header, a binding, or plain text (the banner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Header(String),
    Binding { keys: String, what: String },
    Text(String),
}

/// What a binding does, in the operator's words: a canned reply by its title ("send
/// “Greeting”"), a pane by its number, a scroll by its direction.
pub fn describe(state: &State, binding: &KeyBinding) -> String {
    let texts = state.strings.keys;
    match &binding.action {
        Action::Canned(id) => canned(state, id),
        Action::FocusPane(n) => texts.focus_pane.replace("{n}", &n.to_string()),
        Action::ScrollDialog(n) => {
            let phrase = if *n >= 0 {
                texts.scroll_back
            } else {
                texts.scroll_forward
            };
            phrase.replace("{n}", &n.unsigned_abs().to_string())
        }
        action => action.command().description(state.strings).to_owned(),
    }
}

/// "send «Greeting»" or "insert «Out of stock…»" for canned reply `id`, titled in the
/// interface's language when the library has it so.
fn canned(state: &State, id: &str) -> String {
    let texts = state.strings.keys;
    let library = &state.canned.library;
    let reply = library
        .choose_index(id, &[state.strings.lang])
        .and_then(|i| library.replies.get(i));
    let Some(reply) = reply else {
        return texts.canned_unknown.replace("{id}", id);
    };
    let title = crate::sanitize::sanitize(&reply.title, crate::sanitize::Mode::line(60));
    let phrase = if reply.send && reply.detail.is_none() {
        texts.canned_send
    } else {
        texts.canned_insert
    };
    phrase.replace("{title}", &title)
}

/// Every row of the overlay: each context's header and bindings, the signs the screens use,
/// then the banner.
pub fn rows(state: &State) -> Vec<Row> {
    let mut rows = Vec::new();
    for context in &state.keys.contexts {
        rows.push(Row::Header(
            state.strings.keys.context(context.name).to_owned(),
        ));
        let mut i = 0;
        while i < context.bindings.len() {
            let b = &context.bindings[i];
            // `focus_pane` bound to 1, 2, 3, 4 in a row takes one line: "alt-1…alt-4".
            let run = context.bindings[i..]
                .iter()
                .take_while(|n| n.action.command() == Command::FocusPane)
                .count();
            if run >= 3 {
                let last = &context.bindings[i + run - 1];
                let (first_n, last_n) = (b.action.args(), last.action.args());
                let (first_n, last_n) = (first_n.unwrap_or(1), last_n.unwrap_or(4));
                let what = state
                    .strings
                    .keys
                    .focus_panes
                    .replace("{first}", &first_n.to_string())
                    .replace("{last}", &last_n.to_string());
                rows.push(Row::Binding {
                    keys: format!("{}…{}", b.keys.join(", "), last.keys.join(", ")),
                    what,
                });
                i += run;
                continue;
            }
            rows.push(Row::Binding {
                keys: b.keys.join(", "),
                what: describe(state, b),
            });
            i += 1;
        }
        if context.name == "compose" {
            rows.extend(editing_rows(state));
        }
    }
    let keys = state.strings.keys;
    rows.push(Row::Header(keys.signs_heading.to_owned()));
    rows.extend(keys.signs.iter().map(|(sign, what)| Row::Binding {
        keys: (*sign).to_owned(),
        what: (*what).to_owned(),
    }));
    if let Some(banner) = &state.banner {
        rows.push(Row::Text(banner.clone()));
    }
    rows
}

/// The reply box's own editing keys (ctrl-a, ctrl-k, …) that reach it: those no binding of
/// the reply box or of every context takes, as a key or as a sequence's first key.
fn editing_rows(state: &State) -> Vec<Row> {
    let taken = |key: &str| {
        state
            .keys
            .contexts
            .iter()
            .filter(|c| c.name == "compose" || c.name == "global")
            .flat_map(|c| &c.bindings)
            .flat_map(|b| &b.keys)
            .any(|k| k == key || k.strip_prefix(key).is_some_and(|r| r.starts_with(' ')))
    };
    state
        .strings
        .keys
        .editing
        .iter()
        .filter(|(key, _)| !taken(key))
        .map(|(key, what)| Row::Binding {
            keys: (*key).to_owned(),
            what: (*what).to_owned(),
        })
        .collect()
}

/// How the rows lie on a screen: in a box when they fit, else over the whole screen in one
/// or two columns, `page()` rows at a time from the scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Every row fits: a centred box, nothing to scroll.
    pub fits: bool,
    pub columns: usize,
    /// Rows in one column.
    pub per_column: usize,
    pub rows: usize,
}

impl View {
    /// The layout of `rows` rows on a `width` x `height` terminal (borders included).
    pub fn new(width: u16, height: u16, rows: usize) -> Self {
        let inner_height = usize::from(height.saturating_sub(2)).max(1);
        if rows <= inner_height {
            return Self {
                fits: true,
                columns: 1,
                per_column: rows,
                rows,
            };
        }
        let two = width.saturating_sub(2) > MIN_COLUMN_WIDTH * 2;
        Self {
            fits: false,
            columns: if two { 2 } else { 1 },
            per_column: inner_height,
            rows,
        }
    }

    /// The layout for the state's terminal size and bindings.
    pub fn of(state: &State) -> Self {
        Self::new(state.screen.width, state.screen.height, rows(state).len())
    }

    /// Rows shown at once.
    pub fn page(&self) -> usize {
        (self.columns * self.per_column).max(1)
    }

    /// The scroll position that shows the last row at the end of the page.
    pub fn max_scroll(&self) -> usize {
        self.rows.saturating_sub(self.page())
    }

    /// "page p of n" for a scroll position: the last page once the end is in view.
    pub fn page_of(&self, scroll: usize) -> (usize, usize) {
        let pages = self.rows.div_ceil(self.page()).max(1);
        let scroll = scroll.min(self.max_scroll());
        if scroll == self.max_scroll() {
            return (pages, pages);
        }
        (scroll / self.page() + 1, pages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help with the built-in keymap and the shipped replies' hotkeys bound.
    fn rows_in(strings: &'static crate::i18n::Strings) -> Vec<Row> {
        let mut s = State::new(strings, "anna".into(), None);
        let mut keymap = crate::keymap::Keymap::builtin();
        let loaded =
            crate::canned::library::bind_hotkeys(&mut keymap, crate::canned::library::load(None));
        s.canned.library = loaded.library;
        s.keys = keymap.help();
        rows(&s)
    }

    fn text(rows: &[Row]) -> String {
        rows.iter()
            .map(|r| match r {
                Row::Header(h) | Row::Text(h) => h.clone(),
                Row::Binding { keys, what } => format!("{keys}  {what}"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn help_speaks_the_operators_language() {
        for (strings, greeting, heading) in [
            (&crate::i18n::EN, "alt-g  send «Greeting»", "Chat list"),
            (
                &crate::i18n::RU,
                "alt-g  отправить «Приветствие",
                "Список чатов",
            ),
        ] {
            let help = text(&rows_in(strings));
            assert!(help.contains(greeting), "{help}");
            assert!(help.contains(heading), "{help}");
            for jargon in ["[keymap.", "`", "args", "$VISUAL", "[greeting]", " id "] {
                assert!(!help.contains(jargon), "{jargon:?} in\n{help}");
            }
        }
    }

    #[test]
    fn the_reply_boxs_own_keys_are_listed_unless_a_binding_takes_them() {
        let help = text(&rows_in(&crate::i18n::EN));
        let compose = help
            .split("Reply box")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .expect("a reply box section");
        for row in [
            "ctrl-u  delete the line back",
            "ctrl-k  delete to the line's end",
        ] {
            assert!(compose.contains(row), "{row:?} in\n{compose}");
        }
        let loaded = crate::keymap::from_user(Some((
            "keymap.toml",
            "[keymap.compose]\n\"ctrl-k\" = \"send_message\"\n[keymap.global]\n\"ctrl-a s\" = \"quit\"\n",
        )));
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        s.keys = loaded.keymap.help();
        let help = text(&rows(&s));
        assert!(!help.contains("ctrl-k  delete to"), "{help}");
        assert!(!help.contains("ctrl-a  to the line's start"), "{help}");
        assert!(help.contains("ctrl-e  to the line's end"), "{help}");
    }
}
