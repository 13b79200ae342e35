//! The registry: each command's keymap name, what arguments a binding of it takes, and the
//! action it names. Descriptions are with the other strings, in `i18n/keys_*.rs`.

use strum::IntoEnumIterator;

use super::{Action, Command};

/// What a binding of a command looks like in a keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// `"key" = "name"`.
    None,
    /// `"key" = { command = "name", args = 3 }`: a whole number of lines (may be negative).
    Lines,
    /// `"key" = { command = "name", args = 2 }`: a pane number, 1 to 4.
    Pane,
    /// `"key" = { command = "name", args = "greeting" }`: a canned reply id.
    Text,
    /// Produced by the terminal (mouse, typing, paste); not bindable.
    Internal,
}

impl Command {
    /// The snake_case name used in keymap files.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// A command by its keymap name (internal ones too; check [`Command::args`]).
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// Every command a keymap may bind, in registry order.
    pub fn bindable() -> impl Iterator<Item = Self> {
        Self::iter().filter(|c| c.args() != Args::Internal)
    }

    /// What a binding of this command looks like in a keymap file.
    pub fn args(self) -> Args {
        match self {
            Self::ScrollDialog => Args::Lines,
            Self::FocusPane => Args::Pane,
            Self::Canned => Args::Text,
            Self::ClickAt
            | Self::WheelAt
            | Self::ComposeInput
            | Self::Paste
            | Self::PickerInput => Args::Internal,
            _ => Args::None,
        }
    }

    /// What the command does, in the interface's language (`i18n/keys_*.rs`).
    pub fn description(self, strings: &crate::i18n::Strings) -> &'static str {
        strings.keys.command(self.name()).unwrap_or_default()
    }

    /// The action this command names, given its `args` from a keymap file.
    pub fn action(self, args: Option<i64>) -> Result<Action, String> {
        let plain = match self {
            Self::Quit => Action::Quit,
            Self::ToggleFocus => Action::ToggleFocus,
            Self::FocusList => Action::FocusList,
            Self::SelectNext => Action::SelectNext,
            Self::SelectPrev => Action::SelectPrev,
            Self::SelectFirst => Action::SelectFirst,
            Self::SelectLast => Action::SelectLast,
            Self::OpenSelected => Action::OpenSelected,
            Self::AcceptSelected => Action::AcceptSelected,
            Self::SendMessage => Action::SendMessage,
            Self::ComposeNewline => Action::ComposeNewline,
            Self::OpenEditor => Action::OpenEditor,
            Self::DeleteToLineStart => Action::DeleteToLineStart,
            Self::Undo => Action::Undo,
            Self::Redo => Action::Redo,
            Self::NextSuggestion => Action::NextSuggestion,
            Self::AddWord => Action::AddWord,
            Self::CloseChat => Action::CloseChat,
            Self::ComposeNote => Action::ComposeNote,
            Self::ComposeTransfer => Action::ComposeTransfer,
            Self::ToggleAway => Action::ToggleAway,
            Self::NextWaiting => Action::NextWaiting,
            Self::GoOffline => Action::GoOffline,
            Self::TakeChat => Action::TakeChat,
            Self::ComposeWhisper => Action::ComposeWhisper,
            Self::OpenTeam => Action::OpenTeam,
            Self::PickColleague => Action::PickColleague,
            Self::ToggleQueue => Action::ToggleQueue,
            Self::ToggleSite => Action::ToggleSite,
            Self::InviteVisitor => Action::InviteVisitor,
            Self::ToggleStats => Action::ToggleStats,
            Self::StatsPrevPeriod => Action::StatsPrevPeriod,
            Self::StatsNextPeriod => Action::StatsNextPeriod,
            Self::StatsRefresh => Action::StatsRefresh,
            Self::StatsOperators => Action::StatsOperators,
            Self::ComposeBan => Action::ComposeBan,
            Self::ListBans => Action::ListBans,
            Self::ExportChat => Action::ExportChat,
            Self::SaveFile => Action::SaveFile,
            Self::ComposeDecline => Action::ComposeDecline,
            Self::ToggleHelp => Action::ToggleHelp,
            Self::ConfirmYes => Action::ConfirmYes,
            Self::ConfirmNo => Action::ConfirmNo,
            Self::HelpUp => Action::HelpUp,
            Self::HelpDown => Action::HelpDown,
            Self::HelpPageUp => Action::HelpPageUp,
            Self::HelpPageDown => Action::HelpPageDown,
            Self::HelpTop => Action::HelpTop,
            Self::HelpBottom => Action::HelpBottom,
            Self::CloseHelp => Action::CloseHelp,
            Self::ToggleCard => Action::ToggleCard,
            Self::ToggleDoNotDisturb => Action::ToggleDoNotDisturb,
            Self::PageUp => Action::PageUp,
            Self::PageDown => Action::PageDown,
            Self::HalfPageUp => Action::HalfPageUp,
            Self::HalfPageDown => Action::HalfPageDown,
            Self::JumpToBottom => Action::JumpToBottom,
            Self::ScrollDialog => {
                let lines = args.ok_or("`scroll_dialog` needs `args`, a number of lines")?;
                let lines = i32::try_from(lines).map_err(|_| "`args` is out of range")?;
                return Ok(Action::ScrollDialog(lines));
            }
            Self::SplitVertical => Action::SplitVertical,
            Self::SplitHorizontal => Action::SplitHorizontal,
            Self::ClosePane => Action::ClosePane,
            Self::CycleLayout => Action::CycleLayout,
            Self::FocusNextPane => Action::FocusNextPane,
            Self::FocusPrevPane => Action::FocusPrevPane,
            Self::FocusPane => {
                let n = args.ok_or("`focus_pane` needs `args`, a pane number 1–4")?;
                return match u8::try_from(n) {
                    Ok(n @ 1..=4) => Ok(Action::FocusPane(n)),
                    _ => Err("`focus_pane` takes a pane number 1–4".into()),
                };
            }
            Self::SwapPane => Action::SwapPane,
            Self::SearchDialog => Action::SearchDialog,
            Self::SearchAccept => Action::SearchAccept,
            Self::SearchClear => Action::SearchClear,
            Self::SearchNext => Action::SearchNext,
            Self::SearchPrev => Action::SearchPrev,
            Self::SearchChats => Action::SearchChats,
            Self::EarlierNext => Action::EarlierNext,
            Self::EarlierPrev => Action::EarlierPrev,
            Self::OpenEarlier => Action::OpenEarlier,
            Self::Canned => {
                return Err("`canned` needs `args`, a reply id in quotes".into());
            }
            Self::CannedPicker => Action::CannedPicker,
            Self::CompleteCanned => Action::CompleteCanned,
            Self::PickerNext => Action::PickerNext,
            Self::PickerPrev => Action::PickerPrev,
            Self::PickerAccept => Action::PickerAccept,
            Self::PickerInsert => Action::PickerInsert,
            Self::PickerClose => Action::PickerClose,
            Self::ClickAt
            | Self::WheelAt
            | Self::ComposeInput
            | Self::Paste
            | Self::PickerInput => {
                return Err(format!("`{}` is internal and cannot be bound", self.name()));
            }
        };
        match args {
            Some(_) => Err(format!("`{}` takes no `args`", self.name())),
            None => Ok(plain),
        }
    }
}

impl Command {
    /// The action this command names with a text `args` (only `canned` takes one).
    pub fn action_text(self, text: &str) -> Result<Action, String> {
        match self {
            Self::Canned if is_name(text) => Ok(Action::Canned(text.to_owned())),
            Self::Canned => Err(format!("`{text}` is not a reply id")),
            _ => Err(format!("`{}` takes no text `args`", self.name())),
        }
    }
}

/// Reply ids, shortcuts and language codes: one word of letters, digits, `-` and `_`.
pub fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}
