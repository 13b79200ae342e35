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

use strum::{EnumDiscriminants, EnumIter, EnumString, IntoStaticStr};

mod registry;

pub use registry::{Args, is_name};

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
    /// Delete the reply box's line from the cursor back to its start (readline's `ctrl-u`).
    DeleteToLineStart,
    /// Take back the reply box's last edit.
    Undo,
    /// Do again what [`Action::Undo`] took back.
    Redo,
    /// Put the first suggestion in place of the marked word at the cursor; again, the next.
    NextSuggestion,
    /// Add the misspelt word at the cursor to your own words.
    AddWord,
    /// End the open chat.
    CloseChat,
    /// Start an internal note in the reply box (`:note `), seen by operators only.
    ComposeNote,
    /// Start a transfer in the reply box (`:transfer `, Tab completes the colleague).
    ComposeTransfer,
    /// Away ↔ online: colleagues and the widget see it.
    ToggleAway,
    /// To the operator's chat that waits longest for an answer; again, the next one.
    NextWaiting,
    /// Offline (invisible): colleagues and the widget see nobody here (`:offline`); a status
    /// key or command brings you back.
    GoOffline,
    /// Start a ban of the focused chat's visitor in the reply box (`:ban 1d `).
    ComposeBan,
    /// The bans in force in the picker; Enter lifts one (supervisors).
    ListBans,
    /// Save the focused chat's transcript as a text file in the data dir's `exports/`.
    ExportChat,
    /// Save the focused chat's newest received file in the downloads folder (`:save`).
    SaveFile,
    /// Start turning down the chat offered to me in the reply box (`:decline `).
    ComposeDecline,
    /// Take the focused chat: accept it if it waits, take it over from a colleague
    /// (supervisors).
    TakeChat,
    /// Start a whisper in the reply box (`:whisper `): a supervisor's word to the chat's
    /// assignee alone.
    ComposeWhisper,
    /// Open the operators' team room in the focused pane.
    OpenTeam,
    /// Pick the team room or a colleague to write to (a one-to-one chat).
    PickColleague,
    /// Show or hide the queue view: waiting chats by wait, operators and their load.
    ToggleQueue,
    /// Show or hide "On the site now": visitors on the site who are not chatting, to invite.
    ToggleSite,
    /// On the site now: start an invitation to the visitor under the cursor.
    InviteVisitor,
    /// Show or hide the statistics screen: a period's totals, charts and operators.
    ToggleStats,
    /// Statistics screen: the period before / after the one shown (today, 7 days, 30 days).
    StatsPrevPeriod,
    StatsNextPeriod,
    /// Statistics screen: ask the server again now.
    StatsRefresh,
    /// Statistics screen: the operators' table on the whole screen, or back to the charts
    /// (at 80×24 the charts leave the table no room).
    StatsOperators,
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
    /// A question is asked before work is lost (closing a chat, quitting): yes, do it.
    ConfirmYes,
    /// No: nothing happens.
    ConfirmNo,
    /// Show the visitor card beside the dialog (a strip above it on a narrow screen, where
    /// the key again shows the whole card in the dialog's place), or hide it.
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
    /// Open the search across every chat the operator may read (the server's index); Enter
    /// on a hit shows that chat at that message in the focused pane.
    SearchChats,
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
