//! Words of `frontdesk stats --format table` (the default), in English and Russian. CSV and
//! JSON keep the server's field names, for scripts.

#[derive(Debug, PartialEq, Eq)]
pub struct StatsTableWords {
    /// The metric columns, in the order of `stats_cli/columns.rs`.
    pub metrics: [&'static str; 22],
    /// The first column: grouped by operator, department, hour, weekday.
    pub by: [&'static str; 4],
    pub total: &'static str,
    /// Groups without an operator or a department.
    pub nobody: &'static str,
    pub no_department: &'static str,
    /// Monday first, as the server's `mon` … `sun`.
    pub weekdays: [&'static str; 7],
    /// The staffing table's columns.
    pub staffing: [&'static str; 8],
    /// An hour with fewer operators online than needed.
    pub short: &'static str,
    /// Durations: milliseconds, seconds, minutes, hours.
    pub units: [&'static str; 4],
}

pub static STATS_TABLE_EN: StatsTableWords = StatsTableWords {
    metrics: [
        "chats",
        "answered",
        "missed",
        "1st med",
        "1st p90",
        "≤60s",
        "≤60s %",
        "reply avg",
        "length avg",
        "length med",
        "msgs in",
        "msgs out",
        "offline",
        "off answered",
        "off answer med",
        "online h",
        "away h",
        "chats/h",
        "unanswered",
        "left waiting",
        "rated good",
        "rated bad",
    ],
    by: ["operator", "department", "hour", "weekday"],
    total: "Total",
    nobody: "(nobody)",
    no_department: "(no department)",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    staffing: [
        "hour", "samples", "chats/h", "handling", "slots", "needed", "online", "short",
    ],
    short: "SHORT",
    units: ["ms", "s", "m", "h"],
};

pub static STATS_TABLE_RU: StatsTableWords = StatsTableWords {
    metrics: [
        "чатов",
        "отвечено",
        "пропущено",
        "1-й мед",
        "1-й p90",
        "≤60с",
        "≤60с %",
        "ответ ср",
        "длит ср",
        "длит мед",
        "сообщ вх",
        "сообщ исх",
        "без опер",
        "без опер отв",
        "без опер мед",
        "в сети ч",
        "отошёл ч",
        "чатов/ч",
        "без ответа",
        "ушли",
        "оценка хор",
        "оценка плох",
    ],
    by: ["оператор", "отдел", "час", "день"],
    total: "Итого",
    nobody: "(никто)",
    no_department: "(без отдела)",
    weekdays: ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
    staffing: [
        "час",
        "замеров",
        "чатов/ч",
        "обработка",
        "мест",
        "нужно",
        "в сети",
        "мало",
    ],
    short: "МАЛО",
    units: ["мс", "с", "м", "ч"],
};
