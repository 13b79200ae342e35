//! Words of "On the site now" (visitors on the site, invitations), in English and Russian.
//! `{n}` is filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct SiteLabels {
    /// The title; `{n}` visitors shown.
    pub title: &'static str,
    pub page: &'static str,
    pub on_page: &'static str,
    pub pages: &'static str,
    /// Referrer or search query.
    pub from: &'static str,
    pub city: &'static str,
    pub visits: &'static str,
    pub new: &'static str,
    pub returning: &'static str,
    /// Marks a visitor with an invitation pending.
    pub invited: &'static str,
    pub sort_on_site: &'static str,
    pub sort_on_page: &'static str,
    pub sort_visits: &'static str,
    /// Before the filter as typed.
    pub filter: &'static str,
    pub nobody: &'static str,
    /// Before the invitation being written.
    pub invite: &'static str,
    /// The keys of the view, in its last line; `{invite}` is `invite_key` with the key
    /// bound to `invite_visitor`, or nothing when none is.
    pub hint: &'static str,
    pub invite_key: &'static str,
    /// The keys while an invitation is written.
    pub invite_hint: &'static str,
    /// Told after an invitation went out.
    pub sent: &'static str,
    /// The card of the visitor under the cursor: labels before the values.
    pub card_name: &'static str,
    pub card_url: &'static str,
    pub card_referrer: &'static str,
    pub card_search: &'static str,
    pub card_language: &'static str,
    pub card_on_site: &'static str,
    /// The opened card (enter): the browser, the latest pages, and a value still asked for.
    pub card_browser: &'static str,
    pub card_trail: &'static str,
    pub card_asking: &'static str,
    /// A value the visitor's browser did not give.
    pub unknown: &'static str,
}

pub static SITE_EN: SiteLabels = SiteLabels {
    title: "On the site now: {n}",
    page: "Page",
    on_page: "On page",
    pages: "Pages",
    from: "From",
    city: "City",
    visits: "Visits",
    new: "new",
    returning: "returning",
    invited: "invited",
    sort_on_site: "sorted by time on site",
    sort_on_page: "sorted by time on page",
    sort_visits: "sorted by visits",
    filter: "Filter: ",
    nobody: "Nobody is on the site without a chat.",
    invite: "Invitation: ",
    hint: "type to filter · enter card{invite} · alt-enter sort · esc close",
    invite_key: " · {key} invite",
    invite_hint: "enter send · esc cancel",
    sent: "Invitation sent.",
    card_name: "Name: ",
    card_url: "Page: ",
    card_referrer: "Came from: ",
    card_search: "Searched for: ",
    card_language: "Language: ",
    card_on_site: "On the site: ",
    card_browser: "Browser: ",
    card_trail: "Latest pages:",
    card_asking: "…",
    unknown: "unknown",
};

pub static SITE_RU: SiteLabels = SiteLabels {
    title: "Сейчас на сайте: {n}",
    page: "Страница",
    on_page: "На ней",
    pages: "Стр.",
    from: "Откуда",
    city: "Город",
    visits: "Визиты",
    new: "новый",
    returning: "вернулся",
    invited: "приглашён",
    sort_on_site: "по времени на сайте",
    sort_on_page: "по времени на странице",
    sort_visits: "по числу визитов",
    filter: "Фильтр: ",
    nobody: "На сайте нет посетителей без чата.",
    invite: "Приглашение: ",
    hint: "печатайте для фильтра · enter карточка{invite} · alt-enter сортировка · esc закрыть",
    invite_key: " · {key} пригласить",
    invite_hint: "enter отправить · esc отмена",
    sent: "Приглашение отправлено.",
    card_name: "Имя: ",
    card_url: "Страница: ",
    card_referrer: "Источник: ",
    card_search: "Запрос: ",
    card_language: "Язык: ",
    card_on_site: "На сайте: ",
    card_browser: "Браузер: ",
    card_trail: "Последние страницы:",
    card_asking: "…",
    unknown: "неизвестно",
};
