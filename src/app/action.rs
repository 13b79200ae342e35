//! Named things the operator can do. Keys map onto these (see `keymap`); `update` never sees
//! raw keys except text typed into the compose box.

/// One operator intention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Switch focus between the chat list and the compose box.
    ToggleFocus,
    /// Back to the list (and close the help overlay).
    FocusList,
    SelectNext,
    SelectPrev,
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
    PageUp,
    PageDown,
    /// Scroll the dialog by lines: positive is back in time.
    ScrollDialog(i32),
    /// A mouse click on a screen cell (the list selects the chat under it).
    ClickAt {
        column: u16,
        row: u16,
    },
    /// Text editing inside the compose box.
    ComposeInput(ratatui_textarea::Input),
    /// Pasted text (bracketed paste), inserted as is so its newlines do not send.
    Paste(String),
}
