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
    /// Edit the focused pane's draft in `$VISUAL`/`$EDITOR`; the result becomes the draft.
    OpenEditor,
    /// End the open chat.
    CloseChat,
    ToggleHelp,
    /// Help overlay open: scroll one line back / forward, a page, to the top or the end.
    HelpUp,
    HelpDown,
    HelpPageUp,
    HelpPageDown,
    HelpTop,
    HelpBottom,
    /// Close the help overlay (keys go back where they went before).
    CloseHelp,
    /// Show or hide the visitor card beside the dialog.
    ToggleCard,
    /// Silence every alert (desktop, bell, OSC, hook) until pressed again.
    ToggleDoNotDisturb,
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
    /// Open the search prompt of the focused pane's dialog.
    SearchDialog,
    /// Close the search prompt, keeping the search and its highlighted hits.
    SearchAccept,
    /// Clear the focused dialog's search (and close the prompt).
    SearchClear,
    /// Jump to the next hit back in time (wraps round to the newest).
    SearchNext,
    /// Jump to the next hit forward in time (wraps round to the oldest).
    SearchPrev,
    /// Pick the next of the visitor's earlier conversations in the card (shows the card).
    EarlierNext,
    /// Pick the previous of the visitor's earlier conversations in the card.
    EarlierPrev,
    /// Open the picked earlier conversation (the newest if none is picked) read-only in the
    /// focused pane.
    OpenEarlier,
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
    /// Fire canned reply `id` into the open chat (insert, or send when the reply says so).
    Canned(String),
    /// Open the canned-reply picker.
    CannedPicker,
    /// Complete the `/shortcut` typed in the reply box; without one, switch focus.
    CompleteCanned,
    PickerNext,
    PickerPrev,
    /// Fire the picked reply as its file says (insert, or send at once).
    PickerAccept,
    /// Put the picked reply in the reply box for editing, even a send-at-once one.
    PickerInsert,
    PickerClose,
    /// Typing into the picker's query.
    PickerInput(ratatui_textarea::Input),
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
    /// `"key" = { command = "name", args = "greeting" }`: a canned reply id.
    Text,
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
            Self::OpenEditor => info(
                "edit the reply in $VISUAL/$EDITOR",
                "редактировать ответ в $VISUAL/$EDITOR",
            ),
            Self::CloseChat => info("close the open chat", "закрыть открытый чат"),
            Self::ToggleHelp => info("show or hide this help", "показать или скрыть справку"),
            Self::HelpUp => info("help: one line up", "справка: строка вверх"),
            Self::HelpDown => info("help: one line down", "справка: строка вниз"),
            Self::HelpPageUp => info("help: one page up", "справка: страница вверх"),
            Self::HelpPageDown => info("help: one page down", "справка: страница вниз"),
            Self::HelpTop => info("help: to the top", "справка: в начало"),
            Self::HelpBottom => info("help: to the end", "справка: в конец"),
            Self::CloseHelp => info("close this help", "закрыть справку"),
            Self::ToggleCard => info(
                "show or hide the visitor card",
                "показать или скрыть карточку посетителя",
            ),
            Self::ToggleDoNotDisturb => info(
                "alerts: do not disturb on/off",
                "оповещения: не беспокоить вкл/выкл",
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
            Self::SearchDialog => info("search in the dialog", "поиск в диалоге"),
            Self::SearchAccept => info(
                "search: keep the hits, close the prompt",
                "поиск: оставить найденное, закрыть строку",
            ),
            Self::SearchClear => info("search: clear", "поиск: сбросить"),
            Self::SearchNext => info("search: next hit back in time", "поиск: следующее (раньше)"),
            Self::SearchPrev => info(
                "search: previous hit (forward in time)",
                "поиск: предыдущее (позже)",
            ),
            Self::EarlierNext => info(
                "card: pick the next earlier chat",
                "карточка: следующий прошлый чат",
            ),
            Self::EarlierPrev => info(
                "card: pick the previous earlier chat",
                "карточка: предыдущий прошлый чат",
            ),
            Self::OpenEarlier => info(
                "open the picked earlier chat read-only",
                "открыть выбранный прошлый чат (только чтение)",
            ),
            Self::ClickAt => internal("mouse click", "щелчок мыши"),
            Self::WheelAt => internal("mouse wheel", "колесо мыши"),
            Self::ComposeInput => internal("typing in the reply box", "ввод текста ответа"),
            Self::Paste => internal("pasted text", "вставка текста"),
            Self::Canned => CommandInfo {
                en: "fire a canned reply (its id in `args`)",
                ru: "шаблон ответа (его id в `args`)",
                args: Args::Text,
            },
            Self::CannedPicker => info("find a canned reply", "найти шаблон ответа"),
            Self::CompleteCanned => info(
                "complete a /shortcut (else: list ↔ reply)",
                "дополнить /шаблон (иначе: список ↔ ответ)",
            ),
            Self::PickerNext => info("picker: next reply", "выбор шаблона: следующий"),
            Self::PickerPrev => info("picker: previous reply", "выбор шаблона: предыдущий"),
            Self::PickerAccept => info(
                "picker: use the reply (insert or send)",
                "выбор шаблона: применить (вставить или отправить)",
            ),
            Self::PickerInsert => info(
                "picker: insert for editing, never send",
                "выбор шаблона: вставить для правки, не отправляя",
            ),
            Self::PickerClose => info("picker: close", "выбор шаблона: закрыть"),
            Self::PickerInput => internal("typing in the picker", "ввод в поиске шаблона"),
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
            Self::OpenEditor => Action::OpenEditor,
            Self::CloseChat => Action::CloseChat,
            Self::ToggleHelp => Action::ToggleHelp,
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
            Self::Canned if crate::canned::format::is_name(text) => {
                Ok(Action::Canned(text.to_owned()))
            }
            Self::Canned => Err(format!("`{text}` is not a reply id")),
            _ => Err(format!("`{}` takes no text `args`", self.name())),
        }
    }
}

impl Action {
    pub fn command(&self) -> Command {
        self.into()
    }

    /// The text `args` a keymap file gives this action (a canned reply's id).
    pub fn text_arg(&self) -> Option<&str> {
        match self {
            Self::Canned(id) => Some(id),
            _ => None,
        }
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
