//! Which table of the keymap takes a key: one answer, read from the state, so overlays and
//! questions stack in one place instead of being checked one by one where keys arrive.

use super::{Focus, State};
use crate::keymap::Context;

/// What has the keys, as the keymap knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    List,
    Compose,
    /// The search prompt of the focused pane.
    Search,
    /// The statistics screen.
    Stats,
    /// The picker (canned replies, …), over everything but help.
    Picker,
    /// The on-site view (f5).
    Site,
    /// The help overlay, over everything.
    Help,
    /// A yes/no question; keys that do not answer it go to what is beneath.
    Confirm,
}

impl State {
    /// Where a key goes first: a waiting question, then what is beneath it.
    pub fn key_context(&self) -> KeyContext {
        if self.confirm.is_some() {
            KeyContext::Confirm
        } else {
            self.key_context_beneath()
        }
    }

    /// Where a key goes when no question takes it: the help overlay, the picker or the search
    /// across chats, the statistics screen, the list under the queue view, then the focus.
    pub fn key_context_beneath(&self) -> KeyContext {
        if self.screen.help {
            KeyContext::Help
        } else if self.picker.is_some() || self.finder.open {
            // The search across chats moves, opens and closes with the picker's keys.
            KeyContext::Picker
        } else if self.site.open {
            // Its own keys (invite), then the picker's: typing filters, or writes the
            // invitation.
            KeyContext::Site
        } else if self.stats.open {
            KeyContext::Stats
        } else if self.queue.open {
            // The queue view moves and opens with the list's keys (`update/queue.rs`).
            KeyContext::List
        } else {
            match self.focus {
                Focus::List => KeyContext::List,
                Focus::Compose => KeyContext::Compose,
                Focus::Search => KeyContext::Search,
            }
        }
    }
}

/// The keymap table a context reads.
impl From<KeyContext> for Context {
    fn from(context: KeyContext) -> Self {
        match context {
            KeyContext::List => Self::List,
            KeyContext::Compose => Self::Compose,
            KeyContext::Search => Self::Search,
            KeyContext::Stats => Self::Stats,
            KeyContext::Picker => Self::Picker,
            KeyContext::Site => Self::Site,
            KeyContext::Help => Self::Help,
            KeyContext::Confirm => Self::Confirm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Confirm;

    #[test]
    fn a_question_over_help_over_the_picker_over_the_focus() {
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        assert_eq!(s.key_context(), KeyContext::List);
        s.focus = Focus::Compose;
        assert_eq!(s.key_context(), KeyContext::Compose);
        s.site.open = true;
        assert_eq!(s.key_context(), KeyContext::Site);
        s.picker = Some(crate::app::state::Picker::default());
        assert_eq!(
            s.key_context(),
            KeyContext::Picker,
            "a canned reply for an invitation"
        );
        s.screen.help = true;
        assert_eq!(s.key_context(), KeyContext::Help);
        s.confirm = Some(Confirm::Quit);
        assert_eq!(s.key_context(), KeyContext::Confirm);
        assert_eq!(s.key_context_beneath(), KeyContext::Help);
    }
}
