//! Words of the queue view (waiting chats, operators, today's totals), in English and
//! Russian. `{n}` is filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct QueueLabels {
    pub title: &'static str,
    /// Added to the title for a plain operator's view.
    pub limited: &'static str,
    pub waiting: &'static str,
    pub visitor: &'static str,
    pub department: &'static str,
    pub operator: &'static str,
    pub waited: &'static str,
    /// The countdown to the first response target.
    pub target: &'static str,
    /// A chat in no department.
    pub common: &'static str,
    /// A chat nobody has taken yet, in the operator column.
    pub queued: &'static str,
    pub nobody_waits: &'static str,
    /// Chats that do not fit (`{n}`).
    pub more: &'static str,
    pub operators: &'static str,
    pub status: &'static str,
    /// Time in the status.
    pub since: &'static str,
    pub chats: &'static str,
    pub online: &'static str,
    pub away: &'static str,
    pub offline: &'static str,
    /// A plain operator pressed Enter on a colleague's chat.
    pub not_yours: &'static str,
    /// Today's totals (`{chats}`, `{answered}`, `{missed}`, `{median}`; `{left}`: the next
    /// words, or nothing).
    pub today: &'static str,
    /// Put for `{left}` where the width allows: visitors who left before any answer (`{n}`).
    pub left_waiting: &'static str,
}

pub static QUEUE_EN: QueueLabels = QueueLabels {
    title: "Queue",
    limited: "your departments, read-only",
    waiting: "Waiting for an answer",
    visitor: "Visitor",
    department: "Department",
    operator: "Operator",
    waited: "Waits",
    target: "Target",
    common: "common",
    queued: "in queue",
    nobody_waits: "Nobody is waiting.",
    more: "… {n} more",
    operators: "Operators",
    status: "Status",
    since: "For",
    chats: "Chats",
    online: "online",
    away: "away",
    offline: "offline",
    not_yours: "Only supervisors open colleagues' chats from the queue.",
    today: "Today: {chats} chats · {answered} answered · {missed} missed{left} · median first response {median}",
    left_waiting: " · {n} left waiting",
};

pub static QUEUE_RU: QueueLabels = QueueLabels {
    title: "Очередь",
    limited: "ваши отделы, только просмотр",
    waiting: "Ждут ответа",
    visitor: "Посетитель",
    department: "Отдел",
    operator: "Оператор",
    waited: "Ждёт",
    target: "До цели",
    common: "общая",
    queued: "в очереди",
    nobody_waits: "Никто не ждёт.",
    more: "… ещё {n}",
    operators: "Операторы",
    status: "Статус",
    since: "Сколько",
    chats: "Чаты",
    online: "на месте",
    // Not «отошёл»: the same word for every operator, whoever it is (and it fits the column).
    away: "перерыв",
    offline: "не в сети",
    not_yours: "Чаты коллег из очереди открывают только старшие.",
    today: "Сегодня: чатов {chats} · отвечено {answered} · пропущено {missed}{left} · медиана первого ответа {median}",
    left_waiting: " · ушли, не дождавшись: {n}",
};
