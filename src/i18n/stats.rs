//! Words of the statistics screen (totals, charts, the operators' table, key hints), in
//! English and Russian. `{error}` and `{max}` are filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct StatsLabels {
    pub title: &'static str,
    /// Added to the title for a plain operator: the server counts their departments only.
    pub limited: &'static str,
    /// The periods the screen cycles through: today, the last 7 and the last 30 days.
    pub today: &'static str,
    pub week: &'static str,
    pub month: &'static str,
    /// No answer yet for the period shown.
    pub loading: &'static str,
    /// The server's answer was an error, or none came (`{error}`).
    pub failed: &'static str,
    pub chats: &'static str,
    pub answered: &'static str,
    pub missed: &'static str,
    /// Closed chats whose visitor's last word got no answer.
    pub unanswered: &'static str,
    /// Live chats whose visitor left the site before any answer.
    pub left_waiting: &'static str,
    /// The visitors' ratings: good/bad and the share good.
    pub rated: &'static str,
    pub offline_messages: &'static str,
    pub median: &'static str,
    pub p90: &'static str,
    /// The share of answered chats answered within 60 s.
    pub within_60s: &'static str,
    pub response_avg: &'static str,
    pub duration_avg: &'static str,
    /// Messages from visitors and from operators, one cell: `212/245`.
    pub messages: &'static str,
    /// The chart of chats per hour of day (`{max}`: its tallest bar).
    pub by_hour: &'static str,
    /// The chart of first response times.
    pub first_response: &'static str,
    /// The bars of the first response chart, one per bucket of the protocol's edges.
    pub buckets: [&'static str; 7],
    /// The sparkline of the median first response per hour (`{max}`: its tallest).
    pub median_by_hour: &'static str,
    pub operators: &'static str,
    pub operator: &'static str,
    /// The table's column of the median first response.
    pub median_short: &'static str,
    pub online: &'static str,
    pub per_hour: &'static str,
    /// Chats no operator took (the server's `""` row).
    pub nobody: &'static str,
    /// The status bar's hints while the screen is open.
    pub hint_prev: &'static str,
    pub hint_next: &'static str,
    pub hint_refresh: &'static str,
    pub hint_close: &'static str,
    /// The frame's title names the key of `stats_operators` with these: to the table, and
    /// back to the charts (the status bar's hints give way first at 80 columns).
    pub hint_operators: &'static str,
    pub hint_charts: &'static str,
}

pub static STATS_EN: StatsLabels = StatsLabels {
    title: "Statistics",
    limited: "your departments",
    today: "Today",
    week: "Last 7 days",
    month: "Last 30 days",
    loading: "loading…",
    failed: "Could not load the statistics: {error}",
    chats: "Chats",
    answered: "Answered",
    missed: "Missed",
    unanswered: "Last word unanswered",
    left_waiting: "Left before an answer",
    rated: "Rated good/bad",
    offline_messages: "Offline messages",
    median: "1st response median",
    p90: "1st response p90",
    within_60s: "Answered in 60 s",
    response_avg: "Average response",
    duration_avg: "Average duration",
    messages: "Messages in/out",
    by_hour: "Chats by hour (top {max})",
    first_response: "First response",
    buckets: ["≤15s", "≤30s", "≤45s", "≤60s", "≤2m", "≤5m", ">5m"],
    median_by_hour: "Median first response by hour (top {max})",
    operators: "Operators",
    operator: "Operator",
    median_short: "1st resp.",
    online: "Online",
    per_hour: "Per hour",
    nobody: "(nobody)",
    hint_prev: "prev period",
    hint_next: "next period",
    hint_refresh: "refresh",
    hint_close: "close",
    hint_operators: "operators",
    hint_charts: "charts",
};

pub static STATS_RU: StatsLabels = StatsLabels {
    title: "Статистика",
    limited: "ваши отделы",
    today: "Сегодня",
    week: "За 7 дней",
    month: "За 30 дней",
    loading: "загрузка…",
    failed: "Не удалось загрузить статистику: {error}",
    chats: "Чатов",
    answered: "Отвечено",
    missed: "Пропущено",
    unanswered: "Посл. слово без ответа",
    left_waiting: "Ушли, не дождавшись",
    rated: "Оценки хор/плох",
    offline_messages: "Офлайн-сообщений",
    median: "1-й ответ, медиана",
    p90: "1-й ответ, p90",
    within_60s: "Ответ за 60 с",
    response_avg: "Ответ в среднем",
    duration_avg: "Длительность ср.",
    messages: "Сообщ. вх./исх.",
    by_hour: "Чаты по часам (макс. {max})",
    first_response: "Первый ответ",
    buckets: ["≤15с", "≤30с", "≤45с", "≤60с", "≤2м", "≤5м", ">5м"],
    median_by_hour: "Медиана первого ответа по часам (макс. {max})",
    operators: "Операторы",
    operator: "Оператор",
    median_short: "1-й ответ",
    online: "В сети",
    per_hour: "В час",
    nobody: "(без оператора)",
    hint_prev: "пред. период",
    hint_next: "след. период",
    hint_refresh: "обновить",
    hint_close: "закрыть",
    hint_operators: "операторы",
    hint_charts: "графики",
};
