//! Keymap contexts: the `[keymap.<name>]` tables. A key is looked up in the table of the
//! current context first, then in `global`.

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Consulted after the current context's table, wherever the focus is.
    Global,
    /// The chat list has the focus.
    List,
    /// The reply box has the focus; unbound keys are typed text.
    Compose,
    /// The picker is open; unbound keys type its query.
    Picker,
    /// The dialog's search prompt is open; unbound keys type the query.
    Search,
    /// The statistics screen is open: its period and refresh keys; other keys bound nowhere
    /// do nothing.
    Stats,
    /// The help overlay is open: its scrolling keys; other keys bound nowhere do nothing.
    Help,
    /// A yes/no question before work is lost; any other key answers no and then does its job.
    Confirm,
}

impl Context {
    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Self; 8] = [
        Self::Global,
        Self::List,
        Self::Compose,
        Self::Picker,
        Self::Search,
        Self::Stats,
        Self::Help,
        Self::Confirm,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::List => "list",
            Self::Compose => "compose",
            Self::Picker => "picker",
            Self::Search => "search",
            Self::Stats => "stats",
            Self::Help => "help",
            Self::Confirm => "confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}
