//! Words of the search across chats (`search_chats`, `:search`), in English and Russian.
//! `{n}`, `{query}`, `{id}` and `{why}` are filled in.

#[derive(Debug, PartialEq, Eq)]
pub struct FinderLabels {
    pub title: &'static str,
    /// Before anything was asked.
    pub intro: &'static str,
    pub searching: &'static str,
    /// Hits listed (`{n}`, `{query}`).
    pub found: &'static str,
    pub nothing: &'static str,
    /// The server did not answer or refused (`{why}`).
    pub failed: &'static str,
    /// A chat the console does not hold is being fetched to open read-only (`{id}`).
    pub opening: &'static str,
    /// Added when the console holds messages newer than the index.
    pub lag: &'static str,
    pub hint: &'static str,
    /// The kinds of hits.
    pub message: &'static str,
    pub note: &'static str,
    pub whisper: &'static str,
    pub visitor: &'static str,
    /// The author of a hit the server names no one for.
    pub operator: &'static str,
    /// The found message is older than what the chat holds loaded (very long chats).
    pub not_loaded: &'static str,
}

pub static FINDER_EN: FinderLabels = FinderLabels {
    title: "Search all chats",
    intro: "Type words and press Enter to search every chat you may read.",
    searching: "Searching…",
    found: "{n} found for «{query}», newest first",
    nothing: "Nothing found for «{query}».",
    failed: "Search failed: {why}",
    opening: "Opening chat #{id}…",
    lag: "the last few seconds' messages may not be found yet",
    hint: "Enter search / open · ↑↓ choose · Alt-Enter again · F8 export · Esc close",
    message: "message",
    note: "note",
    whisper: "whisper",
    visitor: "visitor",
    operator: "operator",
    not_loaded: "The found message was not among the chat's loaded messages.",
};

pub static FINDER_RU: FinderLabels = FinderLabels {
    title: "Поиск по всем чатам",
    intro: "Введите слова и Enter: поиск по всем доступным вам чатам.",
    searching: "Ищу…",
    found: "Найдено по «{query}»: {n}, сначала новые",
    nothing: "По «{query}» ничего не найдено.",
    failed: "Поиск не удался: {why}",
    opening: "Открываю чат №{id}…",
    lag: "сообщения последних секунд могут ещё не находиться",
    hint: "Enter искать/открыть · ↑↓ выбор · Alt-Enter снова · F8 выгрузка · Esc закрыть",
    message: "сообщение",
    note: "заметка",
    whisper: "шёпот",
    visitor: "посетитель",
    operator: "оператор",
    not_loaded: "Найденного сообщения нет среди загруженных сообщений чата.",
};
