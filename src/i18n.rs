//! UI strings in English and Russian, chosen from `LC_ALL` / `LC_MESSAGES` / `LANG`.

/// Every word the console shows. One static table per language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
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
    pub chat_started: &'static str,
    pub transferred: &'static str,
    pub typing: &'static str,
    pub no_chat_open: &'static str,
    pub compose_title: &'static str,
    pub compose_placeholder: &'static str,
    pub connecting: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
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
}

/// The canned-reply picker, the `/shortcut` popup and their notices.
#[derive(Debug, PartialEq, Eq)]
pub struct CannedLabels {
    pub title: &'static str,
    pub nothing: &'static str,
    pub preview: &'static str,
    /// Marks a reply that goes out at once.
    pub sends: &'static str,
    /// Before the detailed part in the preview.
    pub then: &'static str,
    pub hint: &'static str,
    /// Followed by the reply id.
    pub unknown: &'static str,
    pub no_chat: &'static str,
    /// Followed by the placeholder.
    pub fill_gap: &'static str,
}

pub static CANNED_EN: CannedLabels = CannedLabels {
    title: "Canned replies",
    nothing: "nothing matches",
    preview: "Preview",
    sends: "sends at once",
    then: "then, in the reply box:",
    hint: "↑↓ choose · Enter use · Alt-Enter edit first · Esc close",
    unknown: "no such canned reply",
    no_chat: "open a chat first",
    fill_gap: "fill in the gap first:",
};

pub static CANNED_RU: CannedLabels = CannedLabels {
    title: "Шаблоны ответов",
    nothing: "ничего не найдено",
    preview: "Предпросмотр",
    sends: "отправляется сразу",
    then: "затем в поле ответа:",
    hint: "↑↓ выбрать · Enter применить · Alt-Enter сначала править · Esc закрыть",
    unknown: "нет такого шаблона ответа",
    no_chat: "сначала откройте чат",
    fill_gap: "сначала заполните пропуск:",
};

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

pub static EDITOR_EN: EditorLabels = EditorLabels {
    not_found: "editor not found",
    failed: "editor exited with code",
    killed: "editor stopped by a signal",
    error: "editor",
    kept: "the draft is unchanged",
};

pub static EDITOR_RU: EditorLabels = EditorLabels {
    not_found: "редактор не найден",
    failed: "редактор завершился с кодом",
    killed: "редактор остановлен сигналом",
    error: "редактор",
    kept: "черновик не изменён",
};

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
    pub title_waiting: &'static str,
    pub title_unread: &'static str,
    pub do_not_disturb: &'static str,
    pub quiet_hours: &'static str,
    pub desktop_unavailable: &'static str,
}

pub static NOTIFY_EN: NotifyLabels = NotifyLabels {
    plural: Plural::English,
    new_chat: "New chat: {name}",
    still_waiting: "Still waiting: {name}",
    new_chats: ["{n} chat waiting", "{n} chats waiting", "{n} chats waiting"],
    wants_to_chat: "wants to chat",
    message_from: "Message from {name}",
    messages_one_visitor: [
        "{name}: {n} new message",
        "{name}: {n} new messages",
        "{name}: {n} new messages",
    ],
    messages: [
        "{n} new message from {who}",
        "{n} new messages from {who}",
        "{n} new messages from {who}",
    ],
    visitors: ["{m} visitor", "{m} visitors", "{m} visitors"],
    transfer: "Chat transferred to you: {name}",
    transfers: [
        "{n} chat transferred to you",
        "{n} chats transferred to you",
        "{n} chats transferred to you",
    ],
    overdue: "No answer for {secs} s: {name}",
    overdues: [
        "{n} chat without an answer for {secs} s",
        "{n} chats without an answer for {secs} s",
        "{n} chats without an answer for {secs} s",
    ],
    title_waiting: "{n} waiting",
    title_unread: "{n} unread",
    do_not_disturb: "do not disturb",
    quiet_hours: "quiet hours",
    desktop_unavailable: "desktop notifications unavailable",
};

pub static NOTIFY_RU: NotifyLabels = NotifyLabels {
    plural: Plural::Russian,
    new_chat: "Новый чат: {name}",
    still_waiting: "Всё ещё ждёт: {name}",
    new_chats: ["{n} чат ждёт", "{n} чата ждут", "{n} чатов ждут"],
    wants_to_chat: "хочет начать чат",
    message_from: "Сообщение: {name}",
    messages_one_visitor: [
        "{name}: {n} новое сообщение",
        "{name}: {n} новых сообщения",
        "{name}: {n} новых сообщений",
    ],
    messages: [
        "{n} новое сообщение от {who}",
        "{n} новых сообщения от {who}",
        "{n} новых сообщений от {who}",
    ],
    visitors: ["{m} посетителя", "{m} посетителей", "{m} посетителей"],
    transfer: "Вам передан чат: {name}",
    transfers: [
        "Вам передан {n} чат",
        "Вам передано {n} чата",
        "Вам передано {n} чатов",
    ],
    overdue: "Нет ответа {secs} с: {name}",
    overdues: [
        "{n} чат без ответа {secs} с",
        "{n} чата без ответа {secs} с",
        "{n} чатов без ответа {secs} с",
    ],
    title_waiting: "ждут: {n}",
    title_unread: "непрочитанных: {n}",
    do_not_disturb: "не беспокоить",
    quiet_hours: "тихие часы",
    desktop_unavailable: "уведомления рабочего стола недоступны",
};

/// Labels of the visitor card.
#[derive(Debug, PartialEq, Eq)]
pub struct CardLabels {
    pub title: &'static str,
    pub no_chat: &'static str,
    pub unknown: &'static str,
    pub returning: &'static str,
    pub new_visitor: &'static str,
    /// Counted words: one, few, many (the language's plural rule picks).
    pub visits: [&'static str; 3],
    pub chats: [&'static str; 3],
    pub plural: Plural,
    pub email: &'static str,
    pub phone: &'static str,
    pub department: &'static str,
    pub now_on: &'static str,
    pub trail: &'static str,
    pub referrer: &'static str,
    pub direct: &'static str,
    pub search: &'static str,
    pub place: &'static str,
    pub browser: &'static str,
    pub language: &'static str,
    pub chat_started: &'static str,
    pub earlier: &'static str,
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

pub static HELP_EN: HelpLabels = HelpLabels {
    page: "page",
    more_below: "more below ↓",
    open: "open",
    accept: "accept",
    reply: "reply",
    close: "close",
    help: "help",
    quit: "quit",
    send: "send",
    newline: "newline",
    list: "list",
    type_to_search: "type to search",
    keep: "keep",
    clear: "clear",
    next_hit: "next hit",
    prev_hit: "previous hit",
};

pub static HELP_RU: HelpLabels = HelpLabels {
    page: "стр.",
    more_below: "ещё ниже ↓",
    open: "открыть",
    accept: "принять",
    reply: "ответ",
    close: "закрыть",
    help: "справка",
    quit: "выход",
    send: "отправить",
    newline: "строка",
    list: "список",
    type_to_search: "введите текст",
    keep: "оставить",
    clear: "сбросить",
    next_hit: "следующее",
    prev_hit: "предыдущее",
};

/// Words of the dialog search and of earlier conversations opened read-only.
#[derive(Debug, PartialEq, Eq)]
pub struct SearchLabels {
    pub no_matches: &'static str,
    /// In a pane's title, before the chat's date.
    pub read_only: &'static str,
    pub read_only_notice: &'static str,
    pub loading: &'static str,
}

pub static SEARCH_EN: SearchLabels = SearchLabels {
    no_matches: "no matches",
    read_only: "read-only",
    read_only_notice: "earlier chat: read-only, not sent",
    loading: "loading earlier messages…",
};

pub static SEARCH_RU: SearchLabels = SearchLabels {
    no_matches: "нет совпадений",
    read_only: "только чтение",
    read_only_notice: "прошлый чат: только чтение, не отправлено",
    loading: "загрузка ранних сообщений…",
};

pub static CARD_EN: CardLabels = CardLabels {
    title: "Visitor",
    no_chat: "No chat open.",
    unknown: "unknown",
    returning: "returning",
    new_visitor: "first visit",
    plural: Plural::English,
    visits: ["visit", "visits", "visits"],
    chats: ["chat", "chats", "chats"],
    email: "E-mail",
    phone: "Phone",
    department: "Department",
    now_on: "Now on",
    trail: "Before that",
    referrer: "Came from",
    direct: "direct visit",
    search: "Searched for",
    place: "City",
    browser: "Browser",
    language: "Language",
    chat_started: "Chat started",
    earlier: "Earlier chats (messages)",
};

pub static CARD_RU: CardLabels = CardLabels {
    title: "Посетитель",
    no_chat: "Чат не открыт.",
    unknown: "неизвестно",
    returning: "вернулся",
    new_visitor: "первый визит",
    plural: Plural::Russian,
    visits: ["визит", "визита", "визитов"],
    chats: ["чат", "чата", "чатов"],
    email: "E-mail",
    phone: "Телефон",
    department: "Отдел",
    now_on: "Сейчас на странице",
    trail: "До этого",
    referrer: "Пришёл с",
    direct: "прямой заход",
    search: "Искал",
    place: "Город",
    browser: "Браузер",
    language: "Язык",
    chat_started: "Чат начат",
    earlier: "Прошлые чаты (сообщений)",
};

pub static EN: Strings = Strings {
    waiting: "Waiting",
    mine: "Mine",
    others: "Others",
    closed: "Closed",
    chats: "Chats",
    visitor: "Visitor",
    you: "You",
    system: "system",
    joined: "joined",
    chat_closed: "chat closed",
    chat_started: "chat started",
    transferred: "transferred",
    typing: "typing",
    no_chat_open: "No chat open. Pick one on the left and press Enter.",
    compose_title: "Reply",
    compose_placeholder: "Type a reply: Enter sends, Alt-Enter new line, Esc back",
    connecting: "connecting",
    online: "online",
    offline: "offline",
    retry_in: "retry in",
    auth_failed: "session expired: run `frontdesk login`",
    help_title: "Keys",
    help: &HELP_EN,
    waiting_short: "waiting",
    mine_short: "mine",
    earlier_hidden: "earlier messages",
    failed: "failed",
    card: &CARD_EN,
    new_below: "new below",
    search: &SEARCH_EN,
    editor: &EDITOR_EN,
    notify: &NOTIFY_EN,
    canned: &CANNED_EN,
};

pub static RU: Strings = Strings {
    waiting: "Ожидают",
    mine: "Мои",
    others: "У коллег",
    closed: "Закрытые",
    chats: "Чаты",
    visitor: "Посетитель",
    you: "Вы",
    system: "система",
    joined: "подключился(-ась)",
    chat_closed: "чат закрыт",
    chat_started: "чат начат",
    transferred: "передан",
    typing: "печатает",
    no_chat_open: "Чат не открыт. Выберите слева и нажмите Enter.",
    compose_title: "Ответ",
    compose_placeholder: "Ответ: Enter отправить, Alt-Enter новая строка, Esc назад",
    connecting: "подключение",
    online: "в сети",
    offline: "нет связи",
    retry_in: "повтор через",
    auth_failed: "сессия истекла: выполните `frontdesk login`",
    help_title: "Клавиши",
    help: &HELP_RU,
    waiting_short: "ждут",
    mine_short: "мои",
    earlier_hidden: "ранние сообщения",
    failed: "ошибка",
    card: &CARD_RU,
    new_below: "новых ниже",
    search: &SEARCH_RU,
    editor: &EDITOR_RU,
    notify: &NOTIFY_RU,
    canned: &CANNED_RU,
};

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
mod tests {
    use super::*;

    #[test]
    fn russian_locales_pick_russian() {
        assert_eq!(for_locale(Some("ru_RU.UTF-8")), &RU);
        assert_eq!(for_locale(Some("RU")), &RU);
        assert_eq!(for_locale(Some("en_US.UTF-8")), &EN);
        assert_eq!(for_locale(Some("C")), &EN);
        assert_eq!(for_locale(None), &EN);
    }
}

/// Which plural rule a language's counted phrases follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    English,
    Russian,
}

impl Plural {
    /// The index of the form for `n`: 0 one, 1 few, 2 many.
    pub fn form(self, n: usize) -> usize {
        match self {
            Self::English => plural_en(n),
            Self::Russian => plural_ru(n),
        }
    }
}

/// English plural forms: one, other, other.
pub fn plural_en(n: usize) -> usize {
    usize::from(n != 1)
}

/// Russian plural forms: one (1, 21, …), few (2–4, 22–24, …), many.
pub fn plural_ru(n: usize) -> usize {
    let (d10, d100) = (n % 10, n % 100);
    if d10 == 1 && d100 != 11 {
        0
    } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
        1
    } else {
        2
    }
}
