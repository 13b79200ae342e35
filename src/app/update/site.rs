//! "On the site now": opened and closed by `toggle_site` (esc closes it too), watched on the
//! server while open (`watch_site`), the list kept from its frames. While it is open the
//! picker's keys drive it: moving, typing filters, alt-enter changes the sort, Enter opens
//! the card of the visitor under the cursor (their browser and pages asked with
//! `site_card`), `invite_visitor` starts an invitation to them and Enter sends it.

use frontdesk_protocol::{OperatorIn, SiteVisitor};
use ratatui_textarea::{Input, Key};

use super::shared::new_command_id;
use crate::app::site::{site_cursor, site_rows};
use crate::app::state::{CardDetails, PendingCommand, SiteCard};
use crate::app::{Action, Effect, State};

/// Longest filter and invitation kept (characters; the server takes 4000 for the text).
const MAX_FILTER: usize = 100;
const MAX_INVITE: usize = 1000;

/// Applies `action` if the view takes it. `None`: the action is not the view's.
pub(super) fn apply(state: &mut State, action: &Action) -> Option<Vec<Effect>> {
    match action {
        Action::ToggleSite if state.site.open => Some(close(state)),
        Action::ToggleSite => Some(open(state)),
        _ if !state.site.open || state.picker.is_some() => None,
        Action::PickerNext => Some(step(state, 1)),
        Action::PickerPrev => Some(step(state, -1)),
        Action::PickerInsert => {
            state.site.sort = state.site.sort.next();
            Some(Vec::new())
        }
        Action::PickerAccept if state.site.invite.is_some() => Some(send_invite(state)),
        Action::PickerAccept => Some(open_card(state)),
        Action::InviteVisitor => {
            start_invite(state);
            Some(Vec::new())
        }
        Action::PickerClose | Action::FocusList if state.site.invite.is_some() => {
            state.site.invite = None;
            Some(Vec::new())
        }
        Action::PickerClose | Action::FocusList if state.site.card.is_some() => {
            state.site.card = None;
            Some(Vec::new())
        }
        Action::PickerClose | Action::FocusList => Some(close(state)),
        Action::PickerInput(input) => {
            edit(state, input);
            Some(follow_card(state))
        }
        // What the view hides takes no typing or clicks.
        Action::ComposeInput(_)
        | Action::Paste(_)
        | Action::CloseChat
        | Action::ClickAt { .. }
        | Action::WheelAt { .. } => Some(Vec::new()),
        _ => None,
    }
}

/// Another screen taking over closes the view first, and stops its feed from the server;
/// that screen's own handler then takes the action.
pub(super) fn give_way(state: &mut State, action: &Action) -> Vec<Effect> {
    match action {
        Action::ToggleQueue | Action::ToggleStats | Action::SearchChats if state.site.open => {
            close(state)
        }
        _ => Vec::new(),
    }
}

fn open(state: &mut State) -> Vec<Effect> {
    state.site.open = true;
    state.queue.open = false;
    state.stats.open = false;
    state.finder.open = false;
    vec![Effect::Send(OperatorIn::WatchSite { on: true })]
}

fn close(state: &mut State) -> Vec<Effect> {
    let site = &mut state.site;
    site.open = false;
    site.invite = None;
    site.card = None;
    // Not watched, not kept: the next opening gets the list as it is then.
    site.visitors.clear();
    site.parts.clear();
    vec![Effect::Send(OperatorIn::WatchSite { on: false })]
}

fn step(state: &mut State, delta: isize) -> Vec<Effect> {
    let rows = site_rows(state);
    if let Some(at) = site_cursor(state, &rows) {
        let to = at.saturating_add_signed(delta).min(rows.len() - 1);
        state.site.cursor = Some(rows[to].visitor_id);
    }
    follow_card(state)
}

/// An open card follows the cursor (moved, or its row filtered away).
fn follow_card(state: &mut State) -> Vec<Effect> {
    let rows = site_rows(state);
    let under = site_cursor(state, &rows).map(|i| rows[i].visitor_id);
    match &state.site.card {
        Some(card) if under.is_some_and(|id| id != card.visitor_id) => open_card(state),
        _ => Vec::new(),
    }
}

/// The visitor under the cursor, which the cursor then holds on to.
fn under_cursor(state: &mut State) -> Option<i64> {
    let rows = site_rows(state);
    let visitor_id = site_cursor(state, &rows).map(|i| rows[i].visitor_id)?;
    state.site.cursor = Some(visitor_id);
    Some(visitor_id)
}

/// Enter: the card of the visitor under the cursor, with their browser and pages asked for.
fn open_card(state: &mut State) -> Vec<Effect> {
    let Some(visitor_id) = under_cursor(state) else {
        return Vec::new();
    };
    if state
        .site
        .card
        .as_ref()
        .is_some_and(|card| card.visitor_id == visitor_id && card.details.is_some())
    {
        return Vec::new();
    }
    state.site.card = Some(SiteCard {
        visitor_id,
        details: None,
    });
    ask_card(state)
}

/// The request for the open card's details (also after a reconnect).
pub(super) fn ask_card(state: &State) -> Vec<Effect> {
    match &state.site.card {
        Some(card) if state.site.open => vec![Effect::Send(OperatorIn::SiteCard {
            id: new_command_id(),
            visitor_id: card.visitor_id,
        })],
        _ => Vec::new(),
    }
}

/// A `site_card` answer: kept when the card still shows that visitor.
pub(super) fn card_answered(
    state: &mut State,
    visitor_id: i64,
    user_agent: Option<String>,
    pages: Vec<frontdesk_protocol::PageView>,
) {
    if let Some(card) = state
        .site
        .card
        .as_mut()
        .filter(|card| card.visitor_id == visitor_id)
    {
        card.details = Some(CardDetails { user_agent, pages });
    }
}

/// `invite_visitor`: start writing an invitation to the visitor under the cursor.
fn start_invite(state: &mut State) {
    if state.site.invite.is_none() && under_cursor(state).is_some() {
        state.site.invite = Some(String::new());
    }
}

/// Enter while an invitation is written: send it to the visitor under the cursor.
fn send_invite(state: &mut State) -> Vec<Effect> {
    let Some(visitor_id) = under_cursor(state) else {
        return Vec::new();
    };
    let Some(text) = state.site.invite.take() else {
        return Vec::new();
    };
    let text = text.trim().to_owned();
    if text.is_empty() {
        state.site.invite = Some(String::new());
        return Vec::new();
    }
    let id = new_command_id();
    state.pending.insert(id.clone(), PendingCommand::Invite);
    vec![Effect::Send(OperatorIn::Invite {
        id,
        visitor_id,
        text,
    })]
}

/// Typing edits the invitation being written, else the filter: characters, Backspace,
/// Ctrl-U clears.
fn edit(state: &mut State, input: &Input) {
    let (text, max) = match state.site.invite.as_mut() {
        Some(text) => (text, MAX_INVITE),
        None => (&mut state.site.filter, MAX_FILTER),
    };
    match input.key {
        Key::Char('u') if input.ctrl => text.clear(),
        Key::Char(c) if !input.ctrl && !input.alt && text.chars().count() < max => text.push(c),
        Key::Backspace => {
            text.pop();
        }
        _ => {}
    }
}

/// A `site_part`: held until the `site_list` that completes it.
pub(super) fn part(state: &mut State, visitors: Vec<SiteVisitor>) {
    state.site.parts.extend(visitors);
}

/// A `site_list` (after its parts): the list as it is now.
pub(super) fn list(state: &mut State, visitors: Vec<SiteVisitor>) {
    let mut all = std::mem::take(&mut state.site.parts);
    all.extend(visitors);
    state.site.visitors = all.into_iter().map(|v| (v.visitor_id, v)).collect();
}

/// `site_visitors`: the latest rows of those who changed, and who left.
pub(super) fn changes(state: &mut State, upsert: Vec<SiteVisitor>, leave: &[i64]) {
    // Changes for a view closed meanwhile are not kept.
    if !state.site.open {
        return;
    }
    for v in upsert {
        state.site.visitors.insert(v.visitor_id, v);
    }
    for id in leave {
        state.site.visitors.remove(id);
    }
}

/// A canned reply chosen while an invitation is written: filled for the visitor under the
/// cursor (name, city, page as the row knows them) and put in as the invitation's text.
pub(super) fn canned(state: &mut State, index: usize) {
    let rows = site_rows(state);
    let Some(row) = site_cursor(state, &rows).map(|i| rows[i]) else {
        return;
    };
    let visitor = frontdesk_protocol::VisitorProfile {
        id: row.visitor_id,
        fields: frontdesk_protocol::PrechatFields {
            name: row.name.clone(),
            ..frontdesk_protocol::PrechatFields::default()
        },
        city: row.city.clone(),
        pages: row
            .url
            .iter()
            .map(|url| frontdesk_protocol::PageView {
                url: url.clone(),
                title: row.title.clone(),
                referrer: None,
                search_query: None,
                ts: row.page_since,
            })
            .collect(),
        ..frontdesk_protocol::VisitorProfile::default()
    };
    let values = crate::canned::fill::Values::for_visitor(
        Some(&visitor),
        state.my_name(),
        &state.canned.company,
    );
    let Some(reply) = state.canned.library.replies.get(index) else {
        return;
    };
    let text = crate::canned::fill::fill(&reply.body, &values).text;
    state.site.invite = Some(text.chars().take(MAX_INVITE).collect());
}
