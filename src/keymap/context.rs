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
    /// The on-site view (f5) is open: its own keys, then the picker's (it moves, opens and
    /// closes with them), then global; unbound keys type its filter.
    Site,
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
    pub const ALL: [Self; 9] = [
        Self::Global,
        Self::List,
        Self::Compose,
        Self::Picker,
        Self::Site,
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
            Self::Site => "site",
            Self::Search => "search",
            Self::Stats => "stats",
            Self::Help => "help",
            Self::Confirm => "confirm",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Whether a letter bound nowhere is text here (typed, or a query, or the start of a
    /// reply from the list) rather than nothing.
    pub const fn letters_are_text(self) -> bool {
        matches!(
            self,
            Self::Compose | Self::Picker | Self::Site | Self::Search | Self::List
        )
    }

    /// The table consulted after this one's and before `global`'s, if any.
    pub const fn falls_back_to(self) -> Option<Self> {
        match self {
            Self::Site => Some(Self::Picker),
            _ => None,
        }
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}
