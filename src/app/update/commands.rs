//! `:commands` at the start of the reply box, for keyboard people: `:note <text>`,
//! `:transfer <colleague or department> [note]`, `:accept` / `:decline [why]` (a chat a colleague offers),
//! `:take` (a supervisor takes a colleague's chat over; these four hand chats over, `handover.rs`),
//! `:ban [ip] <period> <reason>`, `:bans` (supervisors list and lift them), `:close` (`:close
//! bye` sends the farewell reply first), `:away`, `:online`, `:offline`, `:search <words>`
//! (the search across chats, asked at once), `:export [period] [department|operator]
//! [format]` (transcripts into a file, `export_set.rs`), `:save` (the chat's newest file into
//! the downloads folder, `files.rs`), `:send PATH` (a file into the chat, `files.rs`).
//!
//! A command word typed in the Russian layout (`:тщеу`) is the command in its keys' places
//! (`:note`). The prefix is `:`, which no canned `/shortcut` can clash with. A first line that starts with
//! `:` and a letter is always a command, never text, so a mistyped `:ntoe` cannot reach the
//! visitor: an unknown word is held back with a notice and the box keeps it. A colon followed by
//! anything else (`:)`, `: so`) is plain text, and `::` sends a line that starts with one colon.

use frontdesk_protocol::{MessageKind, OperatorIn, OperatorInfo, OperatorStatus};

use super::handover;
use super::shared::{fresh_compose, new_command_id, post_as};
use crate::app::{Effect, Focus, State};
use crate::sanitize::{Mode, sanitize};

/// Every command, in the order Tab offers them.
pub(super) const NAMES: [&str; 18] = [
    "note", "whisper", "transfer", "accept", "decline", "take", "ban", "bans", "close", "team",
    "dm", "away", "online", "offline", "search", "export", "save", "send",
];

/// Whether a draft starting with `first_line` is a `:command` (a letter after the colon), not
/// text such as `:)` or `::`, which sends one colon.
pub(super) fn is_command(first_line: &str) -> bool {
    first_line
        .strip_prefix(':')
        .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
}

/// A command line split into its word and the rest, if the box holds one.
fn typed(state: &State) -> Option<(String, String)> {
    let text = state.compose.lines().join("\n");
    if !is_command(&text) {
        return None;
    }
    let rest = &text[1..];
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    Some((in_latin(word.to_lowercase()), args.trim().to_owned()))
}

/// A command word typed with the keyboard in the Russian layout (`:тщеу` for `:note`) as the
/// command it spells in place; any other word as it is.
fn in_latin(word: String) -> String {
    if NAMES.contains(&word.as_str()) {
        return word;
    }
    let latin: Option<String> = word.chars().map(crate::keymap::latin_twin).collect();
    match latin {
        Some(latin) if NAMES.contains(&latin.as_str()) => latin,
        _ => word,
    }
}

/// Before Enter sends the box: a `:command` runs instead (`Some`), `::` loses one colon and
/// sends as usual (`None`).
pub(super) fn before_send(state: &mut State) -> Option<Vec<Effect>> {
    if state.compose.lines().first()?.starts_with("::") {
        let text = state.compose.lines().join("\n");
        state.compose = super::shared::compose_holding(state, &text[1..]);
        return None;
    }
    let (word, args) = typed(state)?;
    let l = state.strings.commands;
    let effects = match word.as_str() {
        "note" if args.is_empty() => {
            state.notice = Some(l.note_empty.to_owned());
            return Some(Vec::new());
        }
        "note" => in_open_chat(state, |s, chat_id| {
            post_as(s, chat_id, &args, MessageKind::Note)
        }),
        "whisper" => match whisper(state, &args) {
            Ok(effects) => effects,
            Err(notice) => {
                state.notice = Some(notice);
                return Some(Vec::new());
            }
        },
        "team" | "dm" => {
            // The box is emptied first: the command is not a draft of the chat it leaves.
            state.compose = fresh_compose(state);
            let effects = super::team::command(state, &word, &args);
            if state.notice.is_some() {
                // Refused (an unknown colleague…): the line comes back to be corrected.
                state.compose.insert_str(format!(":{word} {args}"));
            }
            return Some(effects);
        }
        "transfer" => in_open_chat(state, |s, chat_id| handover::transfer(s, chat_id, &args)),
        "take" => handover::take(state),
        "accept" | "decline" => {
            let Some(chat_id) = state
                .open_id()
                .filter(|id| state.offered_to_me(*id).is_some())
            else {
                state.notice = Some(state.strings.commands.not_offered.to_owned());
                return Some(Vec::new());
            };
            if word == "accept" {
                handover::accept_offer(chat_id)
            } else {
                handover::decline_offer(chat_id, &args)
            }
        }
        "ban" => in_open_chat(state, |s, chat_id| ban(s, chat_id, &args)),
        "bans" => super::picker::ask_bans(state),
        "close" if args == "bye" => in_open_chat(state, farewell_and_close),
        "close" => {
            state.compose = fresh_compose(state);
            return Some(super::confirm::ask_close(state));
        }
        "away" => status(OperatorStatus::Away),
        "online" => status(OperatorStatus::Online),
        "offline" => status(OperatorStatus::Offline),
        "search" => {
            // The box is emptied: the words are the screen's query now, not a draft.
            state.compose = fresh_compose(state);
            return Some(super::finder::open(state, Some(&args)));
        }
        "send" => {
            state.compose = fresh_compose(state);
            return Some(super::files::send(state, &args));
        }
        "save" => {
            state.compose = fresh_compose(state);
            return Some(super::files::save(state));
        }
        "export" => {
            // Refused (a word that is no filter…) or busy: the line stays, to be corrected
            // or sent again.
            let (effects, done) = super::export_set::command(state, &args);
            if done {
                state.compose = fresh_compose(state);
            }
            return Some(effects);
        }
        _ => {
            let word = sanitize(&word, Mode::line(40));
            let names: Vec<String> = NAMES.iter().map(|n| format!(":{n}")).collect();
            let unknown = l.unknown.replace("{names}", &names.join(", "));
            state.notice = Some(unknown.replace("{word}", &word));
            return Some(Vec::new());
        }
    };
    if !effects.is_empty() {
        state.compose = fresh_compose(state);
    }
    Some(effects)
}

/// Runs `act` on the chat the reply box writes to; says why not when there is none.
fn in_open_chat(
    state: &mut State,
    act: impl FnOnce(&mut State, i64) -> Vec<Effect>,
) -> Vec<Effect> {
    match state.reply_target().managed() {
        Some(chat_id) => act(state, chat_id),
        None => {
            state.notice = Some(super::shared::cannot_send(state));
            Vec::new()
        }
    }
}

/// `:whisper <text>`: a supervisor's word to the focused chat's assignee alone, inside the
/// dialog. A plain operator, a blank text or a chat nobody has taken get a notice, the box
/// keeps its text, and nothing is sent.
fn whisper(state: &mut State, text: &str) -> Result<Vec<Effect>, String> {
    let t = state.strings.team;
    if !state.is_supervisor() {
        return Err(t.whisper_supervisors.to_owned());
    }
    if text.is_empty() {
        return Err(t.whisper_empty.to_owned());
    }
    let Some(chat_id) = state.reply_target().managed() else {
        return Err(super::shared::cannot_send(state));
    };
    let taken = state.chats.get(&chat_id).is_some_and(|c| {
        c.chat.status == frontdesk_protocol::ChatStatus::Active && c.chat.operator_id.is_some()
    });
    if !taken {
        return Err(t.whisper_not_active.to_owned());
    }
    Ok(post_as(state, chat_id, text, MessageKind::Whisper))
}

/// The canned reply every farewell comes from (`canned_replies/*/closing.md`).
const FAREWELL: &str = "closing";

/// `:close bye`: the farewell reply goes out, then the chat closes without asking (the words
/// say it). A farewell that cannot go out as it is (a gap to fill, or none in the library)
/// lands in the box or is named, and the chat stays open.
fn farewell_and_close(state: &mut State, chat_id: i64) -> Vec<Effect> {
    let langs = state.canned_langs();
    let Some(index) = state.canned.library.choose_index(FAREWELL, &langs) else {
        state.notice = Some(format!("{}: {FAREWELL}", state.strings.canned.unknown));
        return Vec::new();
    };
    state.compose = fresh_compose(state);
    let mut effects = super::canned::fire(state, index, false);
    let sent = effects.iter().any(
        |e| matches!(e, Effect::Send(OperatorIn::Message { chat_id: c, .. }) if *c == chat_id),
    );
    if sent {
        effects.extend(super::confirm::close(state, chat_id));
    }
    effects
}

/// `:ban 1d spam` bans the focused chat's visitor for a period with a reason; `:ban ip 1d spam`
/// also bans their address. The server closes the chat and bounds period and reason.
fn ban(state: &mut State, chat_id: i64, args: &str) -> Vec<Effect> {
    let (by_ip, args) = match args.strip_prefix("ip ") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, args),
    };
    let (period, reason) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let (Some(duration_secs), false) = (period_secs(period), reason.trim().is_empty()) else {
        state.notice = Some(state.strings.commands.ban_usage.to_owned());
        return Vec::new();
    };
    vec![Effect::Send(OperatorIn::Ban {
        id: new_command_id(),
        chat_id,
        duration_secs,
        reason: reason.trim().to_owned(),
        by_ip,
    })]
}

/// `30m`, `12h`, `1d`, `2w` in seconds.
fn period_secs(period: &str) -> Option<u32> {
    let unit = period.chars().last()?;
    let n: u32 = period[..period.len() - unit.len_utf8()].parse().ok()?;
    let per = match unit {
        'm' | 'м' => 60,
        'h' | 'ч' => 3_600,
        'd' | 'д' => 86_400,
        'w' | 'н' => 604_800,
        _ => return None,
    };
    n.checked_mul(per)
}

pub(super) fn status(status: OperatorStatus) -> Vec<Effect> {
    vec![Effect::Send(OperatorIn::SetStatus {
        id: new_command_id(),
        status,
    })]
}

/// `toggle_away`: away when online, online otherwise.
pub(super) fn toggle_away(state: &State) -> Vec<Effect> {
    let now = state.me.as_ref().map(|m| m.status);
    let next = match now {
        Some(OperatorStatus::Online) | None => OperatorStatus::Away,
        Some(_) => OperatorStatus::Online,
    };
    status(next)
}

/// `compose_note` / `compose_transfer`: the command started in the reply box, the draft kept
/// after it. A transfer names the colleague first: with a draft kept as its note, the cursor
/// waits in a gap of its own before the note (`:transfer ▏ note`), where Tab completes.
pub(super) fn start(state: &mut State, word: &str) -> Vec<Effect> {
    let draft = state.compose.lines().join("\n");
    // Over another `:command`, only its word is replaced: the words after it stay.
    let words = match typed(state) {
        Some(_) => draft
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest),
        None => draft.as_str(),
    };
    let words = words.trim();
    if word == "transfer" && !words.is_empty() {
        state.compose = super::shared::compose_holding(state, format!(":{word}  {words}"));
        let gap = u16::try_from(word.chars().count() + 2).unwrap_or(u16::MAX);
        state
            .compose
            .move_cursor(ratatui_textarea::CursorMove::Jump(0, gap));
    } else {
        state.compose = super::shared::compose_holding(state, format!(":{word} {words}"));
    }
    state.focus = Focus::Compose;
    Vec::new()
}

/// Tab on a `:` line: the command word (typed in either layout), then (after `:transfer ` or
/// `:dm `) a colleague by the start of their login or display name, as Enter would resolve it
/// (completed to the login, which has no spaces), or a department; (after `:send `) a path.
/// Where Tab completes and nothing matches, it says so and keeps the keys in the box: the
/// operator meant to complete, and the next key must not land in the chat list. `None` when
/// the box holds no command to complete (Tab then moves focus as always).
pub(super) fn complete(state: &mut State) -> Option<Vec<Effect>> {
    let line = state.compose.lines().first()?.clone();
    let rest = line.strip_prefix(':')?;
    let (done, typed) = match rest.split_once(' ') {
        // `:)` and `::` are text, not a command being typed.
        None if !rest.is_empty() && !rest.starts_with(char::is_alphabetic) => return None,
        None => (command_word(rest).map(|n| format!(":{n} ")), rest),
        // The name before a note (`:transfer ма asked for a refund`) completes in place.
        Some((word @ ("transfer" | "dm"), args)) => {
            let (who, note) = args.split_once(' ').unwrap_or((args, ""));
            let found = colleague_login(state, who).or_else(|| {
                (word == "transfer")
                    .then(|| super::departments::complete(state, who))
                    .flatten()
            });
            let note = note.trim_start();
            (found.map(|name| format!(":{word} {name} {note}")), who)
        }
        Some(("export", args)) => (
            super::export_set::complete(state, args).map(|args| format!(":export {args} ")),
            args,
        ),
        // The file system is the runtime's: it answers with `Event::PathCompleted`.
        Some(("send", path)) => {
            return Some(vec![Effect::CompletePath {
                typed: path.to_owned(),
            }]);
        }
        Some(_) => return None,
    };
    let Some(done) = done else {
        let typed = sanitize(typed, Mode::line(40));
        state.notice = Some(
            state
                .strings
                .commands
                .nothing_to_complete
                .replace("{typed}", &typed),
        );
        return Some(Vec::new());
    };
    state.compose = super::shared::compose_holding(state, done);
    Some(Vec::new())
}

/// The first command name `typed` starts, in the Latin layout or the Russian one (`:тщ`).
fn command_word(typed: &str) -> Option<&'static str> {
    let typed = typed.to_lowercase();
    let latin: Option<String> = typed.chars().map(crate::keymap::latin_twin).collect();
    [Some(typed), latin]
        .into_iter()
        .flatten()
        .find_map(|t| NAMES.iter().copied().find(|n| n.starts_with(&t)))
}

/// The login of the first colleague (not me) whose login or display name starts with `who`.
fn colleague_login(state: &State, who: &str) -> Option<String> {
    let who = who.to_lowercase();
    let mut others: Vec<&OperatorInfo> = state
        .operators
        .values()
        .filter(|op| Some(op.id) != state.my_id())
        .collect();
    others.sort_by_key(|op| op.id);
    let starts = |name: &str| name.to_lowercase().starts_with(&who);
    others
        .iter()
        .find(|op| starts(&op.name))
        .or_else(|| others.iter().find(|op| starts(&op.display_name)))
        .map(|op| op.name.clone())
}
