//! UI strings in English and Russian, chosen from `LC_ALL` / `LC_MESSAGES` / `LANG`.

mod card;
mod cli;
mod en;
mod export;
mod finder;
mod keys_en;
mod keys_ru;
mod mail;
mod numbers;
mod queue;
mod refusals;
mod ru;
mod site;
mod stats;
mod stats_table;
mod tail;
mod team;
mod writing;

mod plural;
pub use plural::{Plural, plural_en, plural_ru};

pub use card::CardLabels;
pub use cli::{CLI_EN, CLI_RU, CliWords};
pub use en::*;
pub use export::{EXPORT_EN, EXPORT_RU, ExportLabels};
pub use finder::{FINDER_EN, FINDER_RU, FinderLabels};
pub use keys_en::KEYS_EN;
pub use keys_ru::KEYS_RU;
pub use mail::{MAIL_EN, MAIL_RU, MailLabels};
pub use numbers::{NUMBERS_EN, NUMBERS_RU, Numbers};
pub use queue::{QUEUE_EN, QUEUE_RU, QueueLabels};
pub use refusals::{REFUSALS_EN, REFUSALS_RU, RefusalLabels};
pub use ru::*;
pub use site::{SITE_EN, SITE_RU, SiteLabels};
pub use stats::{STATS_EN, STATS_RU, StatsLabels};
pub use stats_table::{STATS_TABLE_EN, STATS_TABLE_RU, StatsTableWords};
pub use tail::{TAIL_EN, TAIL_RU, TailWords};
pub use team::{TEAM_EN, TEAM_RU, TeamLabels};
pub use writing::{WRITING_EN, WRITING_RU, WritingLabels};

/// Every word the console shows. One static table per language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// The language's code, as canned reply files name it (`ru`, `en`).
    pub lang: &'static str,
    /// What keys do (help overlay, hints).
    pub keys: &'static KeyTexts,
    pub waiting: &'static str,
    pub mine: &'static str,
    pub others: &'static str,
    pub closed: &'static str,
    pub chats: &'static str,
    pub visitor: &'static str,
    pub you: &'static str,
    pub system: &'static str,
    pub joined: &'static str,
    pub chat_closed: &'static str,
    /// The server closed the chat: quiet since its visitor left the site.
    pub chat_closed_quiet: &'static str,
    /// The dialog's line for the visitor's rating of a closed chat: good, bad.
    pub rated: [&'static str; 2],
    /// The dialog's line for a ban made in it (`{until}`, `{by}`, `{reason}`).
    pub visitor_banned: &'static str,
    pub chat_started: &'static str,
    pub transferred: &'static str,
    /// The dialog's line when the chat's operator (`{name}`) went offline holding it and it
    /// waits in the queue again.
    pub released: &'static str,
    /// Dialog lines when the server says the visitor closed the site, and came back.
    pub visitor_left: &'static str,
    /// The same told after later lines (`{time}`: `14:05`), so the dialog stays in time order.
    pub visitor_left_at: &'static str,
    /// A duration of a day or more, in days and hours (`2д 14ч`): the units after the numbers.
    pub day_hour: [&'static str; 2],
    pub visitor_back: &'static str,
    pub typing: &'static str,
    pub no_chat_open: &'static str,
    /// An empty pane while no chat waits for an answer (none waiting, left or of ours).
    pub nobody_waiting: &'static str,
    pub compose_placeholder: &'static str,
    pub connecting: &'static str,
    pub online: &'static str,
    /// Connected, the chats still arriving.
    pub syncing: &'static str,
    /// Before the count and the reason of connections lost in a row.
    pub failed_attempts: &'static str,
    pub offline: &'static str,
    /// When the console tries the server again (`{secs}`).
    /// When the console tries the server again (`{secs}`).
    pub retry_in: &'static str,
    pub auth_failed: &'static str,
    pub help_title: &'static str,
    pub help: &'static HelpLabels,
    pub waiting_short: &'static str,
    pub mine_short: &'static str,
    pub earlier_hidden: &'static str,
    pub failed: &'static str,
    pub card: &'static CardLabels,
    /// After a count: messages that arrived while the dialog was scrolled back.
    pub new_below: &'static str,
    pub search: &'static SearchLabels,
    pub editor: &'static EditorLabels,
    pub notify: &'static NotifyLabels,
    pub canned: &'static CannedLabels,
    pub reply: &'static ReplyLabels,
    pub commands: &'static CommandLabels,
    pub team: &'static TeamLabels,
    pub writing: &'static WritingLabels,
    pub export: &'static ExportLabels,
    pub queue: &'static QueueLabels,
    pub site: &'static SiteLabels,
    pub finder: &'static FinderLabels,
    pub stats: &'static StatsLabels,
    /// `frontdesk tail`'s words for people.
    pub tail: &'static TailWords,
    /// The command line's own lines: login, logout, the session, autostart.
    pub cli: &'static CliWords,
    /// `frontdesk stats`' table.
    pub stats_table: &'static StatsTableWords,
    /// The e-mail copy of an answer to an offline message.
    pub mail: &'static MailLabels,
    /// Why the server refused a command, in the console's words.
    pub refusals: &'static RefusalLabels,
    /// A file's size units and the decimal mark.
    pub numbers: &'static Numbers,
}

/// Where a reply goes and why it cannot: the reply box's title, refusals, `/` lines, and the
/// one-key confirmations before work is lost. `{name}`, `{open}`, `{selected}`, `{word}`,
/// `{chats}` and `{drafts}` are filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct ReplyLabels {
    /// Before the visitor's name in the reply box's title.
    pub to: &'static str,
    pub no_chat_title: &'static str,
    pub read_only_title: &'static str,
    /// After the name of a closed chat.
    pub closed_title: &'static str,
    /// After the name of another operator's chat.
    pub others_title: &'static str,
    pub no_chat_notice: &'static str,
    pub closed_notice: &'static str,
    pub others_notice: &'static str,
    pub hotkey_elsewhere: &'static str,
    /// On the list's border while it has the keys and several panes are shown.
    pub enter_opens_in: &'static str,
    pub slash_unknown: &'static str,
    /// A reply longer than the server stores (`{chars}`, `{max}`): kept in the box.
    pub too_long: &'static str,
    /// The server refused a sent message (`{why}`, its words); the text is back in the box.
    pub refused: &'static str,
    pub confirm_close: &'static str,
    /// [`ReplyLabels::confirm_close`] when the visitor's last words have no answer yet.
    pub confirm_close_unanswered: &'static str,
    /// The answer keys after a close question: kept on screen when the question is cut.
    pub confirm_close_keys: &'static str,
    /// `next_waiting` found none of the operator's chats waiting, but the queue's (selected).
    pub jump_queue: &'static str,
    /// `next_waiting` found nobody waiting at all.
    pub jump_nothing: &'static str,
    pub confirm_quit: &'static str,
    pub confirm_quit_keys: &'static str,
    /// The list's section of messages left while nobody was online.
    pub left_message: &'static str,
}

/// The canned-reply picker, the `/shortcut` popup and their notices.
#[derive(Debug, PartialEq, Eq)]
pub struct CannedLabels {
    pub title: &'static str,
    pub nothing: &'static str,
    pub preview: &'static str,
    /// Marks a reply that goes out at once.
    pub sends: &'static str,
    /// Marks one that would, but waits in the reply box for its gaps first.
    pub fill_first: &'static str,
    /// Before the detailed part in the preview.
    pub then: &'static str,
    pub hint: &'static str,
    /// Followed by the reply id.
    pub unknown: &'static str,
    pub no_chat: &'static str,
    /// Followed by the placeholder.
    pub fill_gap: &'static str,
}

/// Notices when `$VISUAL`/`$EDITOR` gave nothing back.
#[derive(Debug, PartialEq, Eq)]
pub struct EditorLabels {
    pub not_found: &'static str,
    /// Followed by the exit code.
    pub failed: &'static str,
    pub killed: &'static str,
    pub error: &'static str,
    pub kept: &'static str,
}

/// Words of alerts (desktop notifications, terminal title, status bar). `{name}` is the
/// visitor, `{n}` a count, `{who}` the visitors, `{secs}` the first-response time. Counted
/// phrases come in three forms picked by `plural`: one, few, many (English: one, other, other).
#[derive(Debug, PartialEq, Eq)]
pub struct NotifyLabels {
    pub plural: Plural,
    pub new_chat: &'static str,
    pub still_waiting: &'static str,
    pub new_chats: [&'static str; 3],
    pub wants_to_chat: &'static str,
    pub message_from: &'static str,
    pub messages_one_visitor: [&'static str; 3],
    pub messages: [&'static str; 3],
    pub visitors: [&'static str; 3],
    pub transfer: &'static str,
    pub transfers: [&'static str; 3],
    pub overdue: &'static str,
    pub overdues: [&'static str; 3],
    /// A visitor rated my chat as bad; the body is their comment or `no_comment`.
    pub bad_rating: &'static str,
    pub bad_ratings: [&'static str; 3],
    pub no_comment: &'static str,
    pub title_waiting: &'static str,
    pub title_unread: &'static str,
    pub do_not_disturb: &'static str,
    pub quiet_hours: &'static str,
    pub desktop_unavailable: &'static str,
}

/// The `:commands` of the reply box and the operator's own status. `{word}`, `{name}` and
/// `{names}` are filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct CommandLabels {
    pub unknown: &'static str,
    /// `:save` in a chat without files.
    pub no_file: &'static str,
    /// `:save` started (`{name}`).
    pub file_saving: &'static str,
    /// The file is saved (`{path}`); it is never opened.
    pub file_saved: &'static str,
    /// It could not be (`{why}`).
    pub file_failed: &'static str,
    /// `:send` started (`{name}`), done (`{name}`), failed (`{why}`).
    pub file_sending: &'static str,
    pub file_sent: &'static str,
    pub send_failed: &'static str,
    /// `:send` without a path.
    pub send_usage: &'static str,
    pub note_empty: &'static str,
    pub transfer_usage: &'static str,
    pub ban_usage: &'static str,
    pub no_colleague: &'static str,
    /// Tab on a `:` line found nothing that starts with `{typed}`.
    pub nothing_to_complete: &'static str,
    pub ambiguous: &'static str,
    pub to_yourself: &'static str,
    pub status_away: &'static str,
    pub status_offline: &'static str,
    /// In a pane's title: colleagues whose consoles show this chat too.
    pub also_here: &'static str,
    /// In the status bar: colleagues online and away (`{online}`, `{away}`).
    pub team: &'static str,
    /// Added to `team` when some are away.
    pub team_away: &'static str,
    /// A colleague turned my transfer down (`{name}`).
    pub declined: &'static str,
    /// `:accept` / `:decline` where no chat is offered to me.
    pub not_offered: &'static str,
    /// In a pane's title: the chat is offered to me (`{name}`: who offers it).
    pub offered: &'static str,
    /// In a pane's title: I offered the chat (`{name}`: to whom) and wait for an answer.
    pub offering: &'static str,
    /// The same while that colleague is away or offline (the chat stays mine meanwhile).
    pub offering_absent: &'static str,
    /// After `:transfer` to a colleague who is away or offline (`{name}`).
    pub transfer_absent: &'static str,
    /// In the status bar: how many chats are offered to me (`{n}`).
    pub offers: &'static str,
    pub bans_title: &'static str,
    pub bans_hint: &'static str,
    pub bans_none: &'static str,
    pub bans_until: &'static str,
    pub bans_by: &'static str,
    pub bans_by_ip: &'static str,
}

/// What keys do: command descriptions by keymap name, context headings, and phrases for
/// bindings with arguments (`{n}`, `{first}`, `{last}`, `{title}`, `{id}` are filled in).
#[derive(Debug, PartialEq, Eq)]
pub struct KeyTexts {
    pub commands: &'static [(&'static str, &'static str)],
    pub contexts: &'static [(&'static str, &'static str)],
    /// The heading of a context without one of its own.
    pub other_keys: &'static str,
    pub focus_pane: &'static str,
    pub focus_panes: &'static str,
    pub scroll_back: &'static str,
    pub scroll_forward: &'static str,
    pub canned_send: &'static str,
    pub canned_insert: &'static str,
    pub canned_unknown: &'static str,
    /// The reply box's own editing keys, by their canonical name, that the help lists under
    /// the reply box when no binding takes them (`app::help`).
    pub editing: &'static [(&'static str, &'static str)],
    /// The help's last section: the marks the screens use, each with what it means.
    pub signs_heading: &'static str,
    pub signs: &'static [(&'static str, &'static str)],
}

impl KeyTexts {
    /// The description of the command named `name` in keymap files.
    pub fn command(&self, name: &str) -> Option<&'static str> {
        lookup(self.commands, name)
    }

    /// The heading of keymap context `name`.
    pub fn context(&self, name: &str) -> &'static str {
        lookup(self.contexts, name).unwrap_or(self.other_keys)
    }
}

fn lookup(table: &[(&'static str, &'static str)], name: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The help overlay's page line, and the words of the status bar's key hints: each follows
/// the key bound to it in the live keymap (`ui::hints`), so a rebound key shows as it is.
#[derive(Debug, PartialEq, Eq)]
pub struct HelpLabels {
    /// Before "1/3".
    pub page: &'static str,
    pub more_below: &'static str,
    pub open: &'static str,
    pub accept: &'static str,
    pub reply: &'static str,
    pub close: &'static str,
    pub help: &'static str,
    pub quit: &'static str,
    pub send: &'static str,
    pub newline: &'static str,
    pub list: &'static str,
    /// First in the search prompt's hints, without a key.
    pub type_to_search: &'static str,
    pub keep: &'static str,
    pub clear: &'static str,
    pub next_hit: &'static str,
    pub prev_hit: &'static str,
}

/// Words of the dialog search and of earlier conversations opened read-only.
#[derive(Debug, PartialEq, Eq)]
pub struct SearchLabels {
    pub no_matches: &'static str,
    /// In a pane's title, before the chat's date.
    pub read_only: &'static str,
    pub read_only_notice: &'static str,
    pub loading: &'static str,
}

/// Picks the table the way gettext does: the first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`.
pub fn detect() -> &'static Strings {
    let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    let locale = var("LC_ALL")
        .or_else(|| var("LC_MESSAGES"))
        .or_else(|| var("LANG"));
    for_locale(locale.as_deref())
}

pub fn for_locale(locale: Option<&str>) -> &'static Strings {
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("ru") => &RU,
        _ => &EN,
    }
}

#[cfg(test)]
mod tests;
