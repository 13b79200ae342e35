//! A set of chats exported into one file: `:export [period] [department] [operator]
//! [format]` (the words: `export/words.rs`), `:export cancel`, and F8 on the search screen
//! (the chats of the hits shown). The chats are listed a page at a time, their transcripts
//! fetched [`AT_ONCE`] at a time and written in list order into a temporary file in the data
//! dir's `exports/`, which takes its name only once complete. One export at a time: another
//! `:export` meanwhile says how far the running one is.

use frontdesk_protocol::transcript::{ChatList, Transcript};
use jiff::Timestamp;

use super::export::FOLDER;
use crate::app::state::{AT_ONCE, ExportJob, MAX_EXPORT};
use crate::app::{Effect, State};
use crate::export::{ChatFilter, Format, Known, Writer};
use crate::sanitize::{Mode, sanitize};

/// `:export …`; `true` when the line did its work (the box is emptied then), `false` when it
/// was refused or an export is running.
pub(super) fn command(state: &mut State, args: &str) -> (Vec<Effect>, bool) {
    let words = state.strings.export;
    if args.trim().eq_ignore_ascii_case("cancel") {
        return (cancel(state), true);
    }
    if busy(state) {
        return (Vec::new(), false);
    }
    let now = Timestamp::from_millisecond(state.now).unwrap_or(Timestamp::UNIX_EPOCH);
    let asked = match crate::export::parse_words(args, &known(state), now, &state.tz, words) {
        Ok(asked) => asked,
        Err(why) => return (say(state, &why), false),
    };
    let focused = state
        .panes
        .get(state.pane)
        .and_then(|p| p.chat.or(p.earlier));
    let effects = match (asked.filter, asked.format, focused) {
        (None, None | Some(Format::Text), _) => super::export::ask(state),
        (None, Some(format), Some(id)) => {
            start(state, &format!("chat-{id}"), "", None, vec![id], format)
        }
        (None, Some(_), None) => say(state, words.no_chat),
        (Some(filter), format, _) => start(
            state,
            "chats",
            &asked.label,
            Some(filter),
            Vec::new(),
            format.unwrap_or(Format::Text),
        ),
    };
    let started = state.notice.is_none();
    (effects, started)
}

/// F8 on the search screen: the chats of the hits shown, each once, as text.
pub(super) fn hits(state: &mut State) -> Vec<Effect> {
    if busy(state) {
        return Vec::new();
    }
    let Some(found) = &state.finder.shown else {
        return say(state, state.strings.export.no_hits);
    };
    let mut ids: Vec<i64> = Vec::new();
    for hit in &found.hits {
        if !ids.contains(&hit.chat_id) {
            ids.push(hit.chat_id);
        }
    }
    if ids.is_empty() {
        return say(state, state.strings.export.no_hits);
    }
    let query = found.query.clone();
    start(state, "search", &query, None, ids, Format::Text)
}

/// Tab after `:export `: the last word completed to a format, a department key, an
/// operator's login or `cancel`; the words before it kept.
pub(super) fn complete(state: &State, args: &str) -> Option<String> {
    let (head, last) = match args.rsplit_once(' ') {
        Some((head, last)) => (format!("{head} "), last),
        None => (String::new(), args),
    };
    if last.is_empty() {
        return None;
    }
    let last = last.to_lowercase();
    let known = known(state);
    Format::WORDS
        .iter()
        .map(|w| (*w).to_owned())
        .chain(known.departments)
        .chain(known.operators)
        .chain(std::iter::once("cancel".to_owned()))
        .find(|w| w.to_lowercase().starts_with(&last))
        .map(|w| format!("{head}{w}"))
}

/// A page of the listed chats arrived.
pub(super) fn page(
    state: &mut State,
    serial: u64,
    result: Result<Box<ChatList>, String>,
) -> Vec<Effect> {
    let Some(job) = running(state, serial) else {
        return Vec::new();
    };
    let list = match result {
        Ok(list) => list,
        Err(why) => return fail(state, &why),
    };
    job.ids.extend(list.chats.iter().map(|c| c.chat.id));
    if job.ids.len() > MAX_EXPORT || (job.ids.len() == MAX_EXPORT && list.next_after.is_some()) {
        job.ids.truncate(MAX_EXPORT);
        job.cut = true;
    }
    if let (Some(after), false) = (list.next_after, job.cut)
        && let Some(filter) = job.listing.clone()
    {
        return vec![Effect::ListForExport {
            serial,
            filter,
            after,
        }];
    }
    job.listing = None;
    if job.ids.is_empty() {
        state.export_set.job = None;
        return say(state, state.strings.export.none_found);
    }
    fetch_more(state)
}

/// Transcript number `index` arrived: it and those waiting behind it are written, more are
/// asked for, and after the last the file is put in place.
pub(super) fn transcript(
    state: &mut State,
    serial: u64,
    index: usize,
    result: Result<Box<Transcript>, String>,
) -> Vec<Effect> {
    let (tz, words) = (state.tz.clone(), state.strings.export);
    let Some(job) = running(state, serial) else {
        return Vec::new();
    };
    let chat_id = job.ids.get(index).copied().unwrap_or_default();
    match result {
        Ok(t) => {
            job.ahead.insert(index, t);
        }
        Err(why) => return fail(state, &format!("#{chat_id}: {why}")),
    }
    let before = job.done();
    let mut bytes = Vec::new();
    while let Some(t) = job.ahead.remove(&job.done()) {
        if let Err(e) = job.writer.write(&t, &mut bytes, &tz, words) {
            return fail(state, &e.to_string());
        }
    }
    let create = before == 0;
    let mut effects = Vec::new();
    if job.done() > before {
        effects.push(Effect::AppendExport {
            serial,
            path: job.temp.clone(),
            bytes,
            create,
        });
    }
    if job.done() == job.ids.len() {
        job.saving = true;
        effects.push(Effect::FinishExport {
            serial,
            temp: job.temp.clone(),
            path: job.path.clone(),
        });
        return effects;
    }
    effects.extend(fetch_more(state));
    effects
}

/// The file is in place (or could not be written).
pub(super) fn saved(state: &mut State, serial: u64, result: Result<String, String>) -> Vec<Effect> {
    if running(state, serial).is_none() {
        return Vec::new();
    }
    let path = match result {
        Ok(path) => path,
        Err(why) => return fail(state, &why),
    };
    let Some(job) = state.export_set.job.take() else {
        return Vec::new();
    };
    let words = state.strings.export;
    // Shown from the data dir on: `exports/chats-7d-….csv`.
    let name = std::path::Path::new(&path)
        .file_name()
        .map_or(path.clone(), |n| {
            format!("{FOLDER}/{}", n.to_string_lossy())
        });
    let mut text = words
        .done
        .replace("{n}", &job.ids.len().to_string())
        .replace("{path}", &name);
    if job.cut {
        text.push_str(&words.cut.replace("{max}", &MAX_EXPORT.to_string()));
    }
    say(state, &text)
}

/// `:export cancel`: the running export stops and its temporary file goes; answers still on
/// their way are dropped as old. One being put in place is let finish.
fn cancel(state: &mut State) -> Vec<Effect> {
    let words = state.strings.export;
    match state.export_set.job.take_if(|j| !j.saving) {
        Some(job) => {
            state.notice = Some(words.cancelled.to_owned());
            vec![Effect::DiscardExport { path: job.temp }]
        }
        None if state.export_set.job.is_some() => {
            busy(state);
            Vec::new()
        }
        None => say(state, words.not_running),
    }
}

/// Whether an export is running; if so, the notice says how far it is.
fn busy(state: &mut State) -> bool {
    let Some(job) = &state.export_set.job else {
        return false;
    };
    let text = state
        .strings
        .export
        .busy
        .replace("{done}", &job.done().to_string())
        .replace("{total}", &job.ids.len().to_string());
    state.notice = Some(text);
    true
}

/// Starts an export of `ids`, or of the chats `listing` lists, named `prefix-label-time`.
fn start(
    state: &mut State,
    prefix: &str,
    label: &str,
    listing: Option<ChatFilter>,
    ids: Vec<i64>,
    format: Format,
) -> Vec<Effect> {
    let Some((data_dir, _)) = &state.drafts_file else {
        return say(state, "no data folder");
    };
    let stamp = Timestamp::from_millisecond(state.now)
        .map(|t| {
            let zoned = t.to_zoned(state.tz.clone());
            zoned.strftime("%Y%m%d-%H%M%S").to_string()
        })
        .unwrap_or_default();
    let name = file_name(prefix, label, &stamp, format.extension());
    let folder = data_dir.join(FOLDER);
    state.export_set.serial += 1;
    let serial = state.export_set.serial;
    let first_page = listing.clone().map(|filter| Effect::ListForExport {
        serial,
        filter,
        after: 0,
    });
    state.export_set.job = Some(ExportJob {
        what: if label.is_empty() { prefix } else { label }.to_owned(),
        listing,
        ids,
        cut: false,
        asked: 0,
        writer: Writer::new(format),
        ahead: Default::default(),
        temp: folder.join(format!(".{name}.part")),
        path: folder.join(name),
        saving: false,
    });
    match first_page {
        Some(effect) => vec![effect],
        None => fetch_more(state),
    }
}

/// `prefix-label-stamp.ext` with the label's words joined by `-` and everything but letters,
/// digits, `-`, `_` and `.` made `_` (a typed word never names a folder or hides the file).
fn file_name(prefix: &str, label: &str, stamp: &str, ext: &str) -> String {
    let label: String = label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .map(|c| match c {
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') => c,
            _ => '_',
        })
        .take(60)
        .collect();
    let label = label.trim_start_matches('.');
    let parts: Vec<&str> = [prefix, label, stamp]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    format!("{}.{ext}", parts.join("-"))
}

/// Asks for more transcripts while fewer than [`AT_ONCE`] are on their way or waiting.
fn fetch_more(state: &mut State) -> Vec<Effect> {
    let serial = state.export_set.serial;
    let Some(job) = running(state, serial) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    while job.asked < job.ids.len() && job.asked < job.done() + AT_ONCE {
        effects.push(Effect::FetchForExport {
            serial,
            index: job.asked,
            chat_id: job.ids[job.asked],
        });
        job.asked += 1;
    }
    effects
}

/// The running export, if `serial` is its number.
fn running(state: &mut State, serial: u64) -> Option<&mut ExportJob> {
    let current = state.export_set.serial == serial;
    state.export_set.job.as_mut().filter(|_| current)
}

/// The export stops with a clear line, and its temporary file goes.
fn fail(state: &mut State, why: &str) -> Vec<Effect> {
    let Some(job) = state.export_set.job.take() else {
        return Vec::new();
    };
    let words = state.strings.export;
    let text = words
        .set_failed
        .replace("{what}", &job.what)
        .replace("{why}", why);
    say(state, &text);
    vec![Effect::DiscardExport { path: job.temp }]
}

/// The department keys and logins the console knows, for the words and Tab.
fn known(state: &State) -> Known {
    let mut operators: Vec<_> = state.operators.values().collect();
    operators.sort_by_key(|op| op.id);
    let mut logins: Vec<String> = operators.iter().map(|op| op.name.clone()).collect();
    if let Some(me) = &state.me
        && !logins.contains(&me.name)
    {
        logins.push(me.name.clone());
    }
    Known {
        departments: state.departments.iter().map(|d| d.key.clone()).collect(),
        operators: logins,
    }
}

/// A line on the status bar, made safe (typed words and server answers go into it).
fn say(state: &mut State, text: &str) -> Vec<Effect> {
    state.notice = Some(sanitize(text, Mode::line(300)).into_owned());
    Vec::new()
}
