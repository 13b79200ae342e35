//! Named things the operator can do, and the registry that names them.
//!
//! [`Action`] is what `update` handles. [`Command`] is its field-less twin (derived with
//! `strum`): the snake_case names keymap files use, with a one-line description per language
//! and what arguments a binding takes ([`Command::info`]). The match there is exhaustive, so a
//! new action cannot ship without a name and a description. Actions that carry input from the
//! terminal (`click_at`, `compose_input`, `paste`) are internal: they exist in the registry but
//! a keymap cannot bind them. `scroll_dialog` is bindable with a number of lines as `args`,
//! `focus_pane` with a pane number (1–4).
//!
//! [`KeyHelp`] is the live bindings as plain data, set by the loop from the keymap, so the help
//! overlay and the which-key hint can be drawn from `&State` alone.

use strum::{EnumDiscriminants, EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

/// One operator intention.
#[derive(Debug, Clone, PartialEq, Eq, EnumDiscriminants)]
#[strum_discriminants(
    name(Command),
    vis(pub),
    derive(Hash, EnumIter, EnumString, IntoStaticStr),
    strum(serialize_all = "snake_case"),
    doc = "The name of an [`Action`] without its data: what a keymap file binds."
)]
pub enum Action {
    Quit,
    /// Switch focus between the chat list and the compose box.
    ToggleFocus,
    /// Back to the list (and close the help overlay).
    FocusList,
    SelectNext,
    SelectPrev,
    /// Select the first chat of the list.
    SelectFirst,
    /// Select the last chat of the list.
    SelectLast,
    /// Show the selected chat in the dialog; accept it if it is waiting.
    OpenSelected,
    /// Take the selected waiting chat without opening it.
    AcceptSelected,
    /// Send the compose box's text into the open chat.
    SendMessage,
    ComposeNewline,
    /// End the open chat.
    CloseChat,
    ToggleHelp,
    /// Show or hide the visitor card beside the dialog.
    ToggleCard,
    PageUp,
    PageDown,
    /// Scroll the dialog half a page back in time.
    HalfPageUp,
    /// Scroll the dialog half a page forward in time.
    HalfPageDown,
    /// Straight to the newest message of the focused pane.
    JumpToBottom,
    /// Scroll the dialog by lines: positive is back in time.
    ScrollDialog(i32),
    /// Add a pane beside the others (two panes: side by side).
    SplitVertical,
    /// Add a pane below (two panes: stacked).
    SplitHorizontal,
    /// Remove the focused pane (the last one is emptied instead).
    ClosePane,
    /// 1 → 2 side by side → 2 stacked → 3 → 4 → 1 panes.
    CycleLayout,
    FocusNextPane,
    FocusPrevPane,
    /// Focus pane 1–4.
    FocusPane(u8),
    /// Show the list's selected chat in the focused pane.
    SwapPane,
    /// A mouse click on a screen cell (the list selects the chat under it, a pane is focused).
    ClickAt {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell: scrolls the pane under it by `lines`.
    WheelAt {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// Text editing inside the compose box.
    ComposeInput(ratatui_textarea::Input),
    /// Pasted text (bracketed paste), inserted as is so its newlines do not send.
    Paste(String),
}

/// What a binding of a command looks like in a keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// `"key" = "name"`.
    None,
    /// `"key" = { command = "name", args = 3 }`: a whole number of lines (may be negative).
    Lines,
    /// `"key" = { command = "name", args = 2 }`: a pane number, 1 to 4.
    Pane,
    /// Produced by the terminal (mouse, typing, paste); not bindable.
    Internal,
}

/// A registry entry: description in English and Russian, and the binding form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandInfo {
    pub en: &'static str,
    pub ru: &'static str,
    pub args: Args,
}

const fn info(en: &'static str, ru: &'static str) -> CommandInfo {
    CommandInfo {
        en,
        ru,
        args: Args::None,
    }
}

const fn internal(en: &'static str, ru: &'static str) -> CommandInfo {
    CommandInfo {
        en,
        ru,
        args: Args::Internal,
    }
}

impl Command {
    /// The snake_case name used in keymap files.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// A command by its keymap name (internal ones too; check [`CommandInfo::args`]).
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// Every command a keymap may bind, in registry order.
    pub fn bindable() -> impl Iterator<Item = Self> {
        Self::iter().filter(|c| c.info().args != Args::Internal)
    }

    pub fn info(self) -> CommandInfo {
        match self {
            Self::Quit => info("quit the console", "выйти из консоли"),
            Self::ToggleFocus => info("switch between list and reply", "список ↔ ответ"),
            Self::FocusList => info("back to the chat list", "назад к списку чатов"),
            Self::SelectNext => info("select the next chat", "следующий чат"),
            Self::SelectPrev => info("select the previous chat", "предыдущий чат"),
            Self::SelectFirst => info("select the first chat", "первый чат"),
            Self::SelectLast => info("select the last chat", "последний чат"),
            Self::OpenSelected => info(
                "open (accepts a waiting chat)",
                "открыть (принять ожидающий)",
            ),
            Self::AcceptSelected => info("accept the selected chat", "принять выбранный чат"),
            Self::SendMessage => info("send the reply", "отправить ответ"),
            Self::ComposeNewline => info("new line in the reply", "новая строка в ответе"),
            Self::CloseChat => info("close the open chat", "закрыть открытый чат"),
            Self::ToggleHelp => info("show or hide this help", "показать или скрыть справку"),
            Self::ToggleCard => info(
                "show or hide the visitor card",
                "показать или скрыть карточку посетителя",
            ),
            Self::PageUp => info("dialog: one page back", "диалог: страница назад"),
            Self::PageDown => info("dialog: one page forward", "диалог: страница вперёд"),
            Self::HalfPageUp => info("dialog: half a page back", "диалог: полстраницы назад"),
            Self::HalfPageDown => info("dialog: half a page forward", "диалог: полстраницы вперёд"),
            Self::JumpToBottom => info(
                "dialog: to the newest message",
                "диалог: к последнему сообщению",
            ),
            Self::ScrollDialog => CommandInfo {
                en: "dialog: scroll N lines (+ back)",
                ru: "диалог: N строк (+ назад)",
                args: Args::Lines,
            },
            Self::SplitVertical => info("new pane side by side", "новая панель сбоку"),
            Self::SplitHorizontal => info("new pane below", "новая панель снизу"),
            Self::ClosePane => info("close the focused pane", "закрыть текущую панель"),
            Self::CycleLayout => info(
                "panes: 1, 2 side by side, 2 stacked, 3, 4",
                "панели: 1, 2 рядом, 2 стопкой, 3, 4",
            ),
            Self::FocusNextPane => info("focus the next pane", "следующая панель"),
            Self::FocusPrevPane => info("focus the previous pane", "предыдущая панель"),
            Self::FocusPane => CommandInfo {
                en: "focus pane N",
                ru: "перейти на панель N",
                args: Args::Pane,
            },
            Self::SwapPane => info(
                "show the selected chat in the focused pane",
                "показать выбранный чат в текущей панели",
            ),
            Self::ClickAt => internal("mouse click", "щелчок мыши"),
            Self::WheelAt => internal("mouse wheel", "колесо мыши"),
            Self::ComposeInput => internal("typing in the reply box", "ввод текста ответа"),
            Self::Paste => internal("pasted text", "вставка текста"),
        }
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
            Self::CloseChat => Action::CloseChat,
            Self::ToggleHelp => Action::ToggleHelp,
            Self::ToggleCard => Action::ToggleCard,
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
            Self::ClickAt | Self::WheelAt | Self::ComposeInput | Self::Paste => {
                return Err(format!("`{}` is internal and cannot be bound", self.name()));
            }
        };
        match args {
            Some(_) => Err(format!("`{}` takes no `args`", self.name())),
            None => Ok(plain),
        }
    }
}

impl Action {
    pub fn command(&self) -> Command {
        self.into()
    }

    /// The `args` a keymap file gives this action, if it takes any.
    pub fn args(&self) -> Option<i64> {
        match self {
            Self::ScrollDialog(lines) => Some(i64::from(*lines)),
            Self::FocusPane(n) => Some(i64::from(*n)),
            _ => None,
        }
    }
}

/// Keys of one binding, spelled as in keymap files (`"ctrl-c"`, `"g g"`), with its action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    /// Every key (or sequence) bound to the same action in this context.
    pub keys: Vec<String>,
    pub action: Action,
}

/// The bindings of one keymap context (`global`, `list`, `compose`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextKeys {
    pub name: &'static str,
    pub bindings: Vec<KeyBinding>,
}

/// A multi-key sequence in progress: what was typed and what may follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKeys {
    pub typed: String,
    /// The rest of each sequence that starts with `typed`.
    pub next: Vec<KeyBinding>,
}

/// The live keymap as plain data, for the help overlay and the which-key hint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyHelp {
    pub contexts: Vec<ContextKeys>,
    pub pending: Option<PendingKeys>,
}
