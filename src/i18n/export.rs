//! Words of exported transcripts and of `frontdesk export`, in English and Russian.
//! `{id}`, `{n}`, `{path}`, `{word}`, `{what}`, `{done}`, `{total}`, `{max}` and `{why}` are
//! filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct ExportLabels {
    /// A transcript's first line, before the visitor's name.
    pub chat: &'static str,
    pub started: &'static str,
    pub closed: &'static str,
    /// The header's line for the visitor's rating: good, bad.
    pub rated: [&'static str; 2],
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
    /// `:export`: a word that is none of the kinds (`{word}`).
    pub bad_word: &'static str,
    /// `:export`: a word meant as a period that is not a good one (`{word}`).
    pub bad_period: &'static str,
    /// `:export`: a second word of one kind (`{word}`).
    pub twice: &'static str,
    /// `:export`: a department or operator (`{word}`) without a period.
    pub no_period: &'static str,
    /// `:export` while one runs (`{done}`, `{total}`).
    pub busy: &'static str,
    /// `:export cancel` stopped the running one.
    pub cancelled: &'static str,
    /// `:export cancel` with none running.
    pub not_running: &'static str,
    /// The status line while the chats are listed (`{what}`, `{n}` so far).
    pub listing: &'static str,
    /// The status line while transcripts are fetched (`{what}`, `{done}`, `{total}`).
    pub progress: &'static str,
    /// The file is complete (`{n}` chats, `{path}`).
    pub done: &'static str,
    /// Added to `done` when there were more chats than one export takes (`{max}`).
    pub cut: &'static str,
    /// The export failed (`{what}`, `{why}`); no file was left.
    pub set_failed: &'static str,
    /// F8 on the search screen with no hits shown.
    pub no_hits: &'static str,
}

pub static EXPORT_EN: ExportLabels = ExportLabels {
    chat: "Chat",
    started: "started",
    closed: "closed",
    rated: ["Rated by the visitor: good", "Rated by the visitor: bad"],
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
    bad_word: "`{word}` is not a period (7d, 24h, 2026-12-01, 2026-12-01..2026-12-08), a department, an operator or a format (text, jsonl, csv)",
    bad_period: "`{word}`: not a period: use 7d, 24h, 2026-12-01 or 2026-12-01..2026-12-08 (ending after it starts)",
    twice: "`{word}`: one period, one department, one operator and one format at most",
    no_period: "a department or operator needs a period: :export 7d {word}",
    busy: "an export is running ({done}/{total} chats); :export cancel stops it",
    cancelled: "export cancelled: no file written",
    not_running: "no export is running",
    listing: "export {what}: listing chats… {n}",
    progress: "export {what}: {done}/{total} chats",
    done: "{n} chats → {path}",
    cut: " (only the first {max}: narrow the period)",
    set_failed: "export {what} failed, no file written: {why}",
    no_hits: "no found chats to export: search first",
};

pub static EXPORT_RU: ExportLabels = ExportLabels {
    chat: "Чат",
    started: "начат",
    closed: "закрыт",
    rated: ["Оценка посетителя: хорошо", "Оценка посетителя: плохо"],
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
    bad_word: "`{word}` — не период (7d, 24h, 2026-12-01, 2026-12-01..2026-12-08), не отдел, не оператор и не формат (text, jsonl, csv)",
    bad_period: "`{word}`: не период: укажите 7d, 24h, 2026-12-01 или 2026-12-01..2026-12-08 (конец позже начала)",
    twice: "`{word}`: не больше одного периода, отдела, оператора и формата",
    no_period: "для отдела или оператора нужен период: :export 7d {word}",
    busy: "выгрузка уже идёт ({done}/{total} чатов); :export cancel остановит её",
    cancelled: "выгрузка отменена: файл не записан",
    not_running: "выгрузка не идёт",
    listing: "выгрузка {what}: список чатов… {n}",
    progress: "выгрузка {what}: {done}/{total} чатов",
    done: "чатов: {n} → {path}",
    cut: " (только первые {max}: сузьте период)",
    set_failed: "выгрузка {what} не удалась, файл не записан: {why}",
    no_hits: "нечего выгружать: сначала найдите чаты",
};
