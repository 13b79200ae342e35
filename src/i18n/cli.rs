//! What the command line says outside the console: logging in and out, the stored session,
//! and `frontdesk autostart`, in English and Russian. `{server}`, `{name}`, `{stored}`,
//! `{why}`, `{path}` and `{runs}` are filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct CliWords {
    pub operator_prompt: &'static str,
    pub password_prompt: &'static str,
    pub logged_in: &'static str,
    /// `logout` with no stored session.
    pub not_logged_in: &'static str,
    pub logged_out: &'static str,
    pub logout_unconfirmed: &'static str,
    pub session_expired: &'static str,
    /// A command that runs without prompts found no session, or one for another server.
    pub login_first: &'static str,
    pub login_elsewhere: &'static str,
    /// `login` without a terminal and without `--password-stdin`.
    pub login_needs_terminal: &'static str,
    /// `frontdesk login` run with no terminal to ask for the password on.
    pub password_needs_terminal: &'static str,
    pub autostart_on: &'static str,
    pub autostart_removed: &'static str,
    pub autostart_none: &'static str,
    pub autostart_status_on: &'static str,
    pub autostart_status_off: &'static str,
    /// Before a failure's line on stderr.
    pub error: &'static str,
    /// The server did not answer at all (`{server}`); the system's reason follows.
    pub unreachable: &'static str,
    /// The server refused the stored session during a command (`{server}`).
    pub session_over: &'static str,
    pub wrong_password: &'static str,
    /// Logins held back after failures (`{secs}`).
    pub too_many_logins: &'static str,
    /// Any other refused login (`{why}`: the server's words or the HTTP status).
    pub login_refused: &'static str,
    /// `--since`/`--until` of `export` and `stats` that is no time (`{text}`), with the forms.
    pub not_a_time: &'static str,
    /// A period whose start (`{since}`) is after its end.
    pub period_backwards: &'static str,
    /// `tail --since` that is neither a seq nor a time (`{text}`).
    pub bad_since: &'static str,
    /// `stats --tz` naming no zone (`{tz}`).
    pub bad_zone: &'static str,
}

pub static CLI_EN: CliWords = CliWords {
    operator_prompt: "Operator name: ",
    password_prompt: "Password: ",
    logged_in: "Logged in to {server} as {name}",
    not_logged_in: "Not logged in.",
    logged_out: "Logged out.",
    logout_unconfirmed: "The server did not confirm the logout ({why}); the session is forgotten anyway.",
    session_expired: "The stored session has expired.",
    login_first: "not logged in: run `frontdesk login --server URL --user NAME` first",
    login_elsewhere: "not logged in to {server} (the stored session is for {stored}): run `frontdesk login --server {server}`",
    login_needs_terminal: "not logged in to {server}: run `frontdesk login --server {server} --user NAME` (add --password-stdin for scripts)",
    password_needs_terminal: "no terminal to ask for the password: add --user NAME --password-stdin and give the password on standard input",
    autostart_on: "on: {path} opens the console at login",
    autostart_removed: "off: removed {path}",
    autostart_none: "off: there was no {path}",
    autostart_status_on: "on: {path} runs {runs}",
    autostart_status_off: "off",
    error: "Error",
    unreachable: "cannot reach {server}",
    session_over: "the session has expired: run `frontdesk login --server {server}`",
    wrong_password: "login refused: wrong name or password",
    too_many_logins: "login refused: too many failed attempts; try again in {secs} s",
    login_refused: "login refused: {why}",
    not_a_time: "`{text}` is not a time: use 2026-12-01, \"2026-12-01 14:30\", an RFC 3339 time or an age such as 90s, 30m, 24h or 7d",
    period_backwards: "`{since}` is after the period's end",
    bad_since: "--since `{text}`: expected a seq number, a date (2026-03-01), a date and time (\"2026-03-01 09:00\"), an RFC 3339 time (2026-03-01T09:00:00Z) or an age such as 90s, 30m, 1h, 2d",
    bad_zone: "`{tz}` is not a time zone: use an IANA name such as Europe/Moscow or UTC",
};

pub static CLI_RU: CliWords = CliWords {
    operator_prompt: "Имя оператора: ",
    password_prompt: "Пароль: ",
    logged_in: "Вход выполнен: {server}, оператор {name}",
    not_logged_in: "Вход не был выполнен.",
    logged_out: "Выход выполнен.",
    logout_unconfirmed: "Сервер не подтвердил выход ({why}); сеанс всё равно забыт.",
    session_expired: "Сохранённый сеанс истёк.",
    login_first: "вход не выполнен: сначала запустите `frontdesk login --server URL --user ИМЯ`",
    login_elsewhere: "вход на {server} не выполнен (сохранённый сеанс — для {stored}): запустите `frontdesk login --server {server}`",
    login_needs_terminal: "вход на {server} не выполнен: запустите `frontdesk login --server {server} --user ИМЯ` (для скриптов добавьте --password-stdin)",
    password_needs_terminal: "нет терминала, чтобы спросить пароль: добавьте --user ИМЯ --password-stdin и передайте пароль на стандартный ввод",
    autostart_on: "включено: {path} откроет консоль при входе в систему",
    autostart_removed: "выключено: {path} удалён",
    autostart_none: "выключено: {path} и не было",
    autostart_status_on: "включено: {path} запускает {runs}",
    autostart_status_off: "выключено",
    error: "Ошибка",
    unreachable: "нет связи с {server}",
    session_over: "сеанс истёк: запустите `frontdesk login --server {server}`",
    wrong_password: "вход отклонён: неверное имя или пароль",
    too_many_logins: "вход отклонён: слишком много неудачных попыток; повторите через {secs} с",
    login_refused: "вход отклонён: {why}",
    not_a_time: "`{text}` — не время: укажите 2026-12-01, \"2026-12-01 14:30\", время RFC 3339 или давность: 90s, 30m, 24h, 7d",
    period_backwards: "`{since}` позже конца периода",
    bad_since: "--since `{text}`: нужен номер события, дата (2026-03-01), дата и время (\"2026-03-01 09:00\"), время RFC 3339 (2026-03-01T09:00:00Z) или давность: 90s, 30m, 1h, 2d",
    bad_zone: "`{tz}` — неизвестный часовой пояс: укажите имя IANA, например Europe/Moscow или UTC",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn all(w: &CliWords) -> [&'static str; 26] {
        [
            w.operator_prompt,
            w.password_prompt,
            w.logged_in,
            w.not_logged_in,
            w.logged_out,
            w.logout_unconfirmed,
            w.session_expired,
            w.login_first,
            w.login_elsewhere,
            w.login_needs_terminal,
            w.password_needs_terminal,
            w.autostart_on,
            w.autostart_removed,
            w.autostart_none,
            w.autostart_status_on,
            w.autostart_status_off,
            w.error,
            w.unreachable,
            w.session_over,
            w.wrong_password,
            w.too_many_logins,
            w.login_refused,
            w.not_a_time,
            w.period_backwards,
            w.bad_since,
            w.bad_zone,
        ]
    }

    /// The `{…}` names a line fills in, in order.
    fn holes(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn both_languages_fill_in_the_same_names() {
        for (en, ru) in all(&CLI_EN).into_iter().zip(all(&CLI_RU)) {
            let (mut a, mut b) = (holes(en), holes(ru));
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{en} / {ru}");
            assert!(!ru.is_empty() && !en.is_empty());
        }
    }
}
