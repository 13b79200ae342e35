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
    pub hint_list: &'static str,
    pub hint_compose: &'static str,
    pub waiting_short: &'static str,
    pub mine_short: &'static str,
    pub earlier_hidden: &'static str,
    pub failed: &'static str,
    pub card: &'static CardLabels,
    /// After a count: messages that arrived while the dialog was scrolled back.
    pub new_below: &'static str,
}

/// Labels of the visitor card.
#[derive(Debug, PartialEq, Eq)]
pub struct CardLabels {
    pub title: &'static str,
    pub no_chat: &'static str,
    pub unknown: &'static str,
    pub returning: &'static str,
    pub new_visitor: &'static str,
    pub visits: &'static str,
    pub chats: &'static str,
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

pub static CARD_EN: CardLabels = CardLabels {
    title: "Visitor",
    no_chat: "No chat open.",
    unknown: "unknown",
    returning: "returning",
    new_visitor: "first visit",
    visits: "visits",
    chats: "chats",
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
    visits: "визитов",
    chats: "чатов",
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
    hint_list: "Enter open · a accept · Tab reply · ^W close · ? help · ^Q quit",
    hint_compose: "Enter send · Alt-Enter newline · Esc list · ^Q quit",
    waiting_short: "waiting",
    mine_short: "mine",
    earlier_hidden: "earlier messages",
    failed: "failed",
    card: &CARD_EN,
    new_below: "new below",
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
    hint_list: "Enter открыть · a принять · Tab ответ · ^W закрыть · ? справка · ^Q выход",
    hint_compose: "Enter отправить · Alt-Enter строка · Esc список · ^Q выход",
    waiting_short: "ждут",
    mine_short: "мои",
    earlier_hidden: "ранние сообщения",
    failed: "ошибка",
    card: &CARD_RU,
    new_below: "новых ниже",
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
