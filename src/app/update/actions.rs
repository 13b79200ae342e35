//! Operator actions: selection, focus, opening, accepting, sending, closing, scrolling.
//! Pane actions and the mouse are in `panes.rs`.

use super::retarget::{keys_to_pane, open, retarget};
use super::shared::{
    accept, cannot_send, clamp_scroll, earlier_chats, fresh_compose, post, rewrap_open,
    toggle_focus,
};
use super::{compose, earlier, help, paging, panes, search};
use crate::app::geometry;
use crate::app::list;
use crate::app::{Action, Effect, Focus, State};

pub(super) fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = super::site::give_way(state, &action);
    effects.extend(dispatch(state, action));
    effects
}

fn dispatch(state: &mut State, action: Action) -> Vec<Effect> {
    // An error notice stays until the operator does something next.
    state.notice = None;
    if let Some(effects) = super::confirm::answer(state, &action) {
        return effects;
    }
    // The search screen first: it lets the queue view's and the statistics screen's keys
    // through after closing itself.
    if let Some(effects) = super::finder::apply(state, &action) {
        return effects;
    }
    if let Some(effects) = super::stats::apply(state, &action) {
        return effects;
    }
    if let Some(effects) = super::site::apply(state, &action) {
        return effects;
    }
    if let Some(effects) = super::queue::apply(state, &action) {
        return effects;
    }
    match action {
        Action::Quit => return super::confirm::quit(state),
        // Answers with nothing asked do nothing.
        Action::ConfirmYes | Action::ConfirmNo => {}
        // Taken by `queue::apply`, `finder::apply`, `stats::apply` and `site::apply` above
        // (an invitation outside the on-site view has nobody to go to).
        Action::ToggleQueue
        | Action::ToggleSite
        | Action::InviteVisitor
        | Action::SearchChats
        | Action::ToggleStats
        | Action::StatsPrevPeriod
        | Action::StatsNextPeriod
        | Action::StatsRefresh
        | Action::StatsOperators => {}
        Action::ToggleFocus => toggle_focus(state),
        Action::FocusList => {
            state.screen.help = false;
            state.focus = Focus::List;
        }
        Action::ToggleHelp
        | Action::CloseHelp
        | Action::HelpUp
        | Action::HelpDown
        | Action::HelpPageUp
        | Action::HelpPageDown
        | Action::HelpTop
        | Action::HelpBottom => help::apply(state, &action),
        Action::WheelAt { lines, .. } if state.screen.help => help::wheel(state, lines),
        Action::ToggleDoNotDisturb => state.alerts.toggle_dnd(),
        Action::ToggleCard => {
            // Shown, then (where it is only a strip) the whole card, then hidden.
            let strip = state.screen.card && !state.screen.card_whole && state.areas().card_strip;
            state.screen.card_whole = strip;
            state.screen.card = !state.screen.card || strip;
            // The dialog's width changed: re-wrap what is shown.
            rewrap_open(state);
            clamp_scroll(state);
            return earlier_chats(state);
        }
        Action::SelectNext => move_selection(state, 1),
        Action::SelectPrev => move_selection(state, -1),
        Action::SelectFirst => move_selection(state, isize::MIN),
        Action::SelectLast => select_last(state),
        Action::OpenSelected => return open_selected(state),
        Action::AcceptSelected => {
            if let Some(id) = state.selected {
                if state.offered_to_me(id).is_some() {
                    return super::handover::accept_offer(id);
                }
                return accept(state, id);
            }
        }
        Action::SendMessage => return send(state),
        Action::NextSuggestion => return super::writing::next_suggestion(state),
        Action::AddWord => return super::writing::add_word(state),
        Action::ComposeNewline => {
            state.compose.insert_newline();
            return compose::edited(state);
        }
        Action::OpenEditor => return compose::open_editor(state),
        Action::DeleteToLineStart => {
            state.compose.delete_line_by_head();
            return compose::edited(state);
        }
        Action::Undo => {
            state.compose.undo();
            return compose::edited(state);
        }
        Action::Redo => {
            state.compose.redo();
            return compose::edited(state);
        }
        Action::ComposeInput(input) if state.focus == Focus::Search => {
            search::input(state, &input);
        }
        Action::Paste(text) if state.focus == Focus::Search => search::paste(state, &text),
        // Typed or pasted while the list has the keys: the text goes to the focused pane's
        // reply box, which takes the keys from here on, instead of being lost.
        Action::ComposeInput(input) => {
            state.focus = Focus::Compose;
            state.compose.input(input);
            return compose::edited(state);
        }
        Action::Paste(text) => {
            state.focus = Focus::Compose;
            state.compose.insert_str(text.replace("\r\n", "\n"));
            return compose::edited(state);
        }
        Action::CloseChat => return super::confirm::ask_close(state),
        Action::ComposeNote => return super::commands::start(state, "note"),
        Action::ComposeTransfer => return super::commands::start(state, "transfer"),
        Action::ToggleAway => return super::commands::toggle_away(state),
        Action::NextWaiting => return super::next_waiting::apply(state),
        Action::GoOffline => {
            return super::commands::status(frontdesk_protocol::OperatorStatus::Offline);
        }
        Action::TakeChat => return super::handover::take(state),
        Action::ComposeWhisper => return super::commands::start(state, "whisper"),
        Action::OpenTeam => return super::team::open_room(state, crate::app::state::Room::Team),
        Action::PickColleague => return super::team::pick(state),
        Action::ComposeBan => return super::commands::start(state, "ban 1d"),
        Action::ListBans => return super::picker::ask_bans(state),
        Action::ExportChat => return super::export::ask(state),
        // The box keeps its draft: only `:save` typed there is used up.
        Action::SaveFile => return super::files::save(state),
        Action::ComposeDecline => return super::commands::start(state, "decline"),
        // Tab completes a `:command` first, then a `/shortcut`.
        Action::CompleteCanned => {
            return super::commands::complete(state)
                .unwrap_or_else(|| super::canned::apply(state, action));
        }
        Action::Canned(_) | Action::CannedPicker => return super::canned::apply(state, action),
        Action::PickerNext
        | Action::PickerPrev
        | Action::PickerAccept
        | Action::PickerInsert
        | Action::PickerClose
        | Action::PickerInput(_) => return super::picker::apply(state, action),
        Action::SplitVertical
        | Action::SplitHorizontal
        | Action::ClosePane
        | Action::CycleLayout
        | Action::FocusNextPane
        | Action::FocusPrevPane
        | Action::FocusPane(_)
        | Action::SwapPane
        | Action::WheelAt { .. } => return panes::apply(state, action),
        Action::SearchDialog
        | Action::SearchAccept
        | Action::SearchClear
        | Action::SearchNext
        | Action::SearchPrev => search::apply(state, &action),
        Action::EarlierNext | Action::EarlierPrev | Action::OpenEarlier => {
            return earlier::apply(state, &action);
        }
        Action::PageUp => return scroll(state, page(state)),
        Action::PageDown => return scroll(state, -page(state)),
        Action::HalfPageUp => return scroll(state, (page(state) / 2).max(1)),
        Action::HalfPageDown => return scroll(state, -(page(state) / 2).max(1)),
        Action::JumpToBottom => panes::jump_to_bottom(state),
        Action::ScrollDialog(lines) => return scroll(state, lines),
        Action::ClickAt { column, row } => return click(state, column, row),
    }
    Vec::new()
}

fn page(state: &State) -> i32 {
    i32::try_from(state.dialog_height().saturating_sub(1).max(1)).unwrap_or(i32::MAX)
}

fn scroll(state: &mut State, lines: i32) -> Vec<Effect> {
    paging::scroll(state, state.pane, lines)
}

fn move_selection(state: &mut State, delta: isize) {
    let order = list::order(state);
    if order.is_empty() {
        state.selected = None;
        return;
    }
    let current = state
        .selected
        .and_then(|id| order.iter().position(|&c| c == id));
    let next = match current {
        None => 0,
        Some(i) => i.saturating_add_signed(delta).min(order.len() - 1),
    };
    state.selected = Some(order[next]);
}

fn select_last(state: &mut State) {
    state.selected = list::order(state).last().copied();
}

fn open_selected(state: &mut State) -> Vec<Effect> {
    let Some(id) = state.selected else {
        return Vec::new();
    };
    let mut effects = open(state, id);
    // A supervisor reading a colleague's chat gets the box too: notes, whispers, `:take`.
    if state.reply_target().managed() == Some(id) {
        state.focus = Focus::Compose;
    }
    // A waiting chat, or a message left offline, is taken by opening it.
    if state
        .chats
        .get(&id)
        .is_some_and(|c| c.chat.status.is_untaken())
    {
        effects.extend(accept(state, id));
    }
    effects
}

fn send(state: &mut State) -> Vec<Effect> {
    // A `:command` runs instead of being sent.
    if let Some(effects) = super::commands::before_send(state) {
        return effects
            .into_iter()
            .chain(super::compose::edited(state))
            .collect();
    }
    // A `/shortcut` fires its reply; a canned reply with a gap left is not sent.
    if let Some(effects) = super::canned::before_send(state) {
        return effects;
    }
    let text = state.compose.lines().join("\n");
    // Strict mode holds a message that breaks a writing rule once (never a team line).
    let team = matches!(
        state.reply_target(),
        crate::app::state::ReplyTarget::Team { .. }
    );
    if !team && state.reply_target().writable().is_some() && super::writing::holds(state) {
        return Vec::new();
    }
    if let crate::app::state::ReplyTarget::Team { room } = state.reply_target() {
        let effects = super::team::send_line(state, room, &text);
        if !effects.is_empty() {
            state.compose = fresh_compose(state);
        }
        return effects;
    }
    let Some(chat_id) = state.reply_target().writable() else {
        // Nothing is sent, and the text stays in the box.
        if !text.trim().is_empty() {
            state.notice = Some(cannot_send(state));
        }
        return Vec::new();
    };
    let mut effects = post(state, chat_id, &text);
    if !effects.is_empty() {
        state.compose = fresh_compose(state);
        super::canned::after_send(state, chat_id);
    }
    effects.extend(super::compose::edited(state));
    effects
}

/// A click in a pane focuses it; in the list it selects the chat under the pointer.
fn click(state: &mut State, column: u16, row: u16) -> Vec<Effect> {
    let areas = state.areas();
    let at = ratatui::layout::Position::new(column, row);
    if state.screen.card && areas.card.contains(at) {
        return earlier::click(state, column, row);
    }
    if let Some(i) = state.pane_at(column, row) {
        let effects = retarget(state, |s| s.pane = i);
        keys_to_pane(state);
        return effects;
    }
    let list = areas.list;
    let inside = geometry::inner(list);
    let hit = column >= inside.x
        && column < inside.x + inside.width
        && row >= inside.y
        && row < inside.y + inside.height;
    if !hit {
        return Vec::new();
    }
    let height = usize::from(inside.height);
    match list::row_at(state, height, usize::from(row - inside.y)) {
        Some(list::Row::Chat(id)) => {
            state.selected = Some(id);
            state.focus = Focus::List;
        }
        Some(list::Row::Room(room)) => return super::team::open_room(state, room),
        _ => {}
    }
    Vec::new()
}
