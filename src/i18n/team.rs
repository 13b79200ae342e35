//! Words of whispers, read rights and the operators' own chat (team room and one-to-one
//! chats), in English and Russian. `{name}` and `{word}` are filled in.

/// Whispers, supervision and the team chat.
#[derive(Debug, PartialEq, Eq)]
pub struct TeamLabels {
    /// The label of a whisper in a dialog, said in words so it holds without colour.
    pub whisper_tag: &'static str,
    /// The label of an internal note in a dialog, likewise.
    pub note_tag: &'static str,
    /// `:whisper` with nothing after it.
    pub whisper_empty: &'static str,
    /// `:whisper` from a plain operator: nothing is sent.
    pub whisper_supervisors: &'static str,
    /// `:whisper` where the chat has no assignee to hear it.
    pub whisper_not_active: &'static str,
    /// A plain operator's pane on a colleague's chat (`{name}`: the colleague).
    pub others_chat: &'static str,
    /// A supervisor's plain line in a colleague's chat, kept in the box (`{name}`).
    pub supervising_notice: &'static str,
    /// The reply box's title over a colleague's chat a supervisor reads.
    pub supervising_title: &'static str,
    /// The team room's name: list section, pane title.
    pub room: &'static str,
    /// A one-to-one chat's pane title (`{name}`: the colleague).
    pub with: &'static str,
    /// `:dm` without a colleague.
    pub dm_usage: &'static str,
    /// `:dm` naming yourself.
    pub dm_yourself: &'static str,
    /// The colleague picker's title and hint.
    pub pick_title: &'static str,
    pub pick_hint: &'static str,
    /// No colleague to pick.
    pub pick_none: &'static str,
    /// The reply box's title over a team pane (`{name}`: room or colleague).
    pub to: &'static str,
    /// The team room or a colleague wrote (alert line's name, `{name}`).
    pub alert_name: &'static str,
    /// An empty team pane.
    pub empty: &'static str,
}

pub static TEAM_EN: TeamLabels = TeamLabels {
    whisper_tag: "[whisper]",
    note_tag: "[note]",
    whisper_empty: "write the whisper after :whisper",
    whisper_supervisors: "only supervisors whisper: nothing was sent (your text is kept)",
    whisper_not_active: "a whisper needs a chat someone has taken",
    others_chat: "This is {name}'s chat. Only supervisors read it: its messages do not come to this console.",
    supervising_notice: "{name}'s chat: nothing was sent (your text is kept). :take takes it over, :whisper tells {name} alone, :note tells colleagues",
    supervising_title: "supervising: :take, :whisper, :note",
    room: "Team",
    with: "Team · {name}",
    dm_usage: "say whom: :dm <colleague> [text]",
    dm_yourself: "that is you: name a colleague",
    pick_title: "Write to a colleague",
    pick_hint: "type to filter · Enter open the chat · Esc close",
    pick_none: "No colleagues yet.",
    to: "Write to",
    alert_name: "Team · {name}",
    empty: "No lines yet. Write below: Enter sends.",
};

pub static TEAM_RU: TeamLabels = TeamLabels {
    whisper_tag: "[шёпот]",
    note_tag: "[заметка]",
    whisper_empty: "напишите шёпот после :whisper",
    whisper_supervisors: "шептать могут только старшие: ничего не отправлено (текст сохранён)",
    whisper_not_active: "шептать можно только в чат, который кто-то взял",
    others_chat: "Это чат оператора {name}. Его читают только старшие: сообщения в эту консоль не приходят.",
    supervising_notice: "чат оператора {name}: ничего не отправлено (текст сохранён). :take — забрать себе, :whisper — шепнуть {name}, :note — заметка для коллег",
    supervising_title: "наблюдение: :take, :whisper, :note",
    room: "Команда",
    with: "Команда · {name}",
    dm_usage: "кому: :dm <коллега> [текст]",
    dm_yourself: "это вы: укажите коллегу",
    pick_title: "Написать коллеге",
    pick_hint: "печатайте для фильтра · Enter открыть чат · Esc закрыть",
    pick_none: "Коллег пока нет.",
    to: "Кому:",
    alert_name: "Команда · {name}",
    empty: "Пока ни строчки. Пишите ниже: Enter отправляет.",
};
