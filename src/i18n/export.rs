//! Words of exported transcripts and of `frontdesk export`, in English and Russian.
//! `{id}`, `{n}` and `{path}` are filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct ExportLabels {
    /// A transcript's first line, before the visitor's name.
    pub chat: &'static str,
    pub started: &'static str,
    pub closed: &'static str,
    /// Before a note's author, and a whisper's.
    pub note: &'static str,
    pub whisper: &'static str,
    /// In place of a missing visitor name.
    pub no_name: &'static str,
    /// After the last line of a chat holding more than a transcript carries.
    pub truncated: &'static str,
    /// `frontdesk export` with neither `--chat` nor a period.
    pub nothing_asked: &'static str,
    /// No chat matched the period and filters.
    pub none_found: &'static str,
    /// `--mail` for a visitor who left no e-mail address (`{id}`: the chat).
    pub no_email: &'static str,
    /// `--mail` without `[export] mail_hook` in config.toml.
    pub no_mail_hook: &'static str,
    /// The hook ran and exited 0 (`{id}`).
    pub mailed: &'static str,
    /// The console's export key wrote a file (`{path}`).
    pub written: &'static str,
    /// The console's export key failed (`{why}`): nothing was written.
    pub failed: &'static str,
    /// The export key with no chat (or only a team room) in the focused pane.
    pub no_chat: &'static str,
}

pub static EXPORT_EN: ExportLabels = ExportLabels {
    chat: "Chat",
    started: "started",
    closed: "closed",
    note: "(note)",
    whisper: "(whisper)",
    no_name: "visitor",
    truncated: "… more messages than one transcript holds",
    nothing_asked: "name chats with --chat ID, or a period with --since (and --until)",
    none_found: "no chats match",
    no_email: "chat {id}: the visitor left no e-mail address",
    no_mail_hook: "no mail hook: set [export] mail_hook in config.toml (see docs/export.md)",
    mailed: "chat {id}: transcript handed to the mail hook",
    written: "transcript saved: {path}",
    failed: "transcript not saved: {why}",
    no_chat: "no chat in this pane to save",
};

pub static EXPORT_RU: ExportLabels = ExportLabels {
    chat: "Чат",
    started: "начат",
    closed: "закрыт",
    note: "(заметка)",
    whisper: "(шёпот)",
    no_name: "посетитель",
    truncated: "… сообщений больше, чем помещается в одну выгрузку",
    nothing_asked: "укажите чаты (--chat ID) или период (--since и --until)",
    none_found: "подходящих чатов нет",
    no_email: "чат {id}: посетитель не оставил адрес почты",
    no_mail_hook: "нет обработчика почты: задайте [export] mail_hook в config.toml (см. docs/export.md)",
    mailed: "чат {id}: выгрузка передана обработчику почты",
    written: "выгрузка сохранена: {path}",
    failed: "выгрузка не сохранена: {why}",
    no_chat: "в этой панели нет чата для выгрузки",
};
