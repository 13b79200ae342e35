//! What is always true of a [`State`] between two events, and where each rule is kept. `update`
//! checks them all after every event in debug builds (every test, the pty scenarios included),
//! so a change that breaks one fails loudly in the test that reaches it.
//!
//! 1. There is at least one pane, exactly as many as the layout has, and the focused index
//!    points at one of them (`update/panes.rs`: split, close; `saved.rs` when a layout comes
//!    back).
//! 2. A live chat is shown in at most one pane, since each is wrapped to its pane's width
//!    (`State::show`, which focuses the pane that already shows a chat).
//! 3. A pane shows a live chat, an earlier one or a team conversation, never two (a team
//!    conversation in one pane at most, and kept in `team.rooms`), and every earlier one it shows
//!    is kept in `archive`; `archive` holds nothing no pane shows (`update/earlier.rs` opens,
//!    `update/panes.rs` drops with the pane).
//! 4. Once a snapshot is applied, the chat selected in the list is one the console knows
//!    (`update/frames.rs` re-selects when a snapshot drops it). Between a `resync` and its
//!    snapshot the chats are gone but selection and panes stay, so the screen comes back as
//!    it was.
//! 5. The reply box holds the focused pane's draft, so `drafts` never keeps that chat's
//!    (`update/retarget.rs` swaps the two whenever the focused chat changes).
//! 6. Typing goes to the search prompt only while the focused pane has a search open
//!    (`update/search.rs`).

use super::{Focus, State};

impl State {
    /// The first rule above that does not hold, if any, said in words.
    pub fn broken_invariant(&self) -> Option<String> {
        if self.panes.is_empty() || self.panes.len() != self.layout.count() {
            return Some(format!(
                "{} panes for layout {:?}",
                self.panes.len(),
                self.layout
            ));
        }
        if self.pane >= self.panes.len() {
            return Some(format!(
                "focused pane {} of {}",
                self.pane,
                self.panes.len()
            ));
        }
        for (i, pane) in self.panes.iter().enumerate() {
            if pane.chat.is_some() && pane.earlier.is_some() {
                return Some(format!("pane {i} shows a live and an earlier chat"));
            }
            if pane.team.is_some() && (pane.chat.is_some() || pane.earlier.is_some()) {
                return Some(format!("pane {i} shows a team conversation and a chat"));
            }
            if let Some(room) = pane.team
                && (self.panes[..i].iter().any(|p| p.team == Some(room))
                    || !self.team.rooms.contains_key(&room))
            {
                return Some(format!(
                    "team conversation {room:?} shown twice or not kept"
                ));
            }
            if let Some(id) = pane.chat
                && self.panes[..i].iter().any(|p| p.chat == Some(id))
            {
                return Some(format!("chat {id} shown in two panes"));
            }
            if let Some(id) = pane.earlier
                && !self.archive.contains_key(&id)
            {
                return Some(format!("pane {i} shows earlier chat {id} not kept"));
            }
        }
        if let Some(id) = self
            .archive
            .keys()
            .find(|id| !self.panes.iter().any(|p| p.earlier == Some(**id)))
        {
            return Some(format!("earlier chat {id} kept but shown nowhere"));
        }
        if let Some(id) = self.selected
            && self.last_seq.is_some()
            && !self.chats.contains_key(&id)
        {
            return Some(format!("selected chat {id} is unknown"));
        }
        if let Some(id) = self.open_id()
            && self.drafts.contains_key(&id)
        {
            return Some(format!("chat {id} has a draft and the reply box"));
        }
        if let Some(room) = self.pane_room(self.pane)
            && self.team.drafts.contains_key(&room)
        {
            return Some(format!(
                "team conversation {room:?} has a draft and the reply box"
            ));
        }
        if self.focus == Focus::Search && self.focused_view().is_none_or(|c| c.search.is_none()) {
            return Some("search focus without a search".to_owned());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Pane, State};
    use crate::app::geometry::Layout;

    fn two_panes() -> State {
        let mut s = State::new(&crate::i18n::EN, "anna".into(), None);
        s.layout = Layout::Columns;
        s.panes = vec![Pane::new(None), Pane::new(None)];
        s
    }

    #[test]
    fn a_fresh_state_keeps_every_rule() {
        assert_eq!(
            State::new(&crate::i18n::EN, "a".into(), None).broken_invariant(),
            None
        );
        assert_eq!(two_panes().broken_invariant(), None);
    }

    #[test]
    fn each_broken_rule_is_named() {
        let mut s = two_panes();
        s.panes.pop();
        assert_eq!(
            s.broken_invariant().as_deref(),
            Some("1 panes for layout Columns")
        );

        let mut s = two_panes();
        s.pane = 2;
        assert_eq!(s.broken_invariant().as_deref(), Some("focused pane 2 of 2"));

        let mut s = two_panes();
        s.panes = vec![Pane::new(Some(7)), Pane::new(Some(7))];
        assert_eq!(
            s.broken_invariant().as_deref(),
            Some("chat 7 shown in two panes")
        );

        let mut s = two_panes();
        s.panes[1] = Pane::read_only(3);
        assert_eq!(
            s.broken_invariant().as_deref(),
            Some("pane 1 shows earlier chat 3 not kept")
        );

        let mut s = two_panes();
        s.selected = Some(9);
        assert_eq!(s.broken_invariant(), None, "before any snapshot");
        s.last_seq = Some(1);
        assert_eq!(
            s.broken_invariant().as_deref(),
            Some("selected chat 9 is unknown")
        );

        let mut s = two_panes();
        s.focus = super::Focus::Search;
        assert_eq!(
            s.broken_invariant().as_deref(),
            Some("search focus without a search")
        );
    }
}
