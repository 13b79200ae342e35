//! The registry: each command's keymap name, its description in English and Russian, and what
//! arguments a binding of it takes.

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
                "open the chat (takes it if it waits)",
                "открыть чат (взять, если ждёт)",
            ),
            Self::AcceptSelected => info("accept the selected chat", "принять выбранный чат"),
            Self::SendMessage => info("send the reply", "отправить ответ"),
            Self::ComposeNewline => info("new line in the reply", "новая строка в ответе"),
            Self::OpenEditor => info(
                "write the reply in your text editor",
                "написать ответ во внешнем редакторе",
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
            Self::ConfirmYes => info("yes: close / quit as asked", "да: закрыть / выйти"),
            Self::ConfirmNo => info("no: keep working", "нет: остаться"),
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
                en: "scroll the dialog by a few lines",
                ru: "прокрутить диалог на несколько строк",
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
                en: "go to pane by number",
                ru: "перейти на панель по номеру",
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
            Self::SearchNext => info("search: next match, older", "поиск: следующее, раньше"),
            Self::SearchPrev => info("search: previous match, newer", "поиск: предыдущее, позже"),
            Self::EarlierNext => info(
                "visitor card: next earlier chat",
                "карточка: следующий прошлый чат",
            ),
            Self::EarlierPrev => info(
                "visitor card: previous earlier chat",
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
                en: "send or insert a canned reply",
                ru: "отправить или вставить шаблон ответа",
                args: Args::Text,
            },
            Self::CannedPicker => info("find a canned reply", "найти шаблон ответа"),
            Self::CompleteCanned => info(
                "complete the /shortcut typed, or list ↔ reply",
                "дополнить набранный /шаблон, или список ↔ ответ",
            ),
            Self::PickerNext => info("canned replies: next", "шаблоны: следующий"),
            Self::PickerPrev => info("canned replies: previous", "шаблоны: предыдущий"),
            Self::PickerAccept => info(
                "canned replies: use it (insert or send)",
                "шаблоны: применить (вставить или отправить)",
            ),
            Self::PickerInsert => info(
                "canned replies: insert to edit, never send",
                "шаблоны: вставить для правки, не отправляя",
            ),
            Self::PickerClose => info("canned replies: close", "шаблоны: закрыть"),
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
