//! The help overlay as plain data: its rows, generated from the live bindings in
//! `State::keys` and described in the interface's language, and how they lie at a terminal
//! size ([`View`]). `update` uses the view to stop scrolling at the end, `ui::help` to draw.

use super::State;
use super::action::{Command, KeyBinding};

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

/// Whether the interface speaks Russian (descriptions come from the registry per language).
pub fn russian(state: &State) -> bool {
    std::ptr::eq(state.strings, &crate::i18n::RU)
}

/// What a binding does, with its `args` when it has any.
pub fn describe(binding: &KeyBinding, russian: bool) -> String {
    let info = binding.action.command().info();
    let what = if russian { info.ru } else { info.en };
    match (binding.action.args(), binding.action.text_arg()) {
        (Some(n), _) => format!("{what} [{n}]"),
        (None, Some(text)) => format!("{what} [{text}]"),
        (None, None) => what.to_owned(),
    }
}

/// Every row of the overlay: each context's header and bindings, then the banner.
pub fn rows(state: &State) -> Vec<Row> {
    let russian = russian(state);
    let mut rows = Vec::new();
    for context in &state.keys.contexts {
        rows.push(Row::Header(format!("[keymap.{}]", context.name)));
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
                let info = Command::FocusPane.info();
                rows.push(Row::Binding {
                    keys: format!("{}…{}", b.keys.join(", "), last.keys.join(", ")),
                    what: (if russian { info.ru } else { info.en }).to_owned(),
                });
                i += run;
                continue;
            }
            rows.push(Row::Binding {
                keys: b.keys.join(", "),
                what: describe(b, russian),
            });
            i += 1;
        }
    }
    if let Some(banner) = &state.banner {
        rows.push(Row::Text(banner.clone()));
    }
    rows
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
        Self::new(state.width, state.height, rows(state).len())
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
