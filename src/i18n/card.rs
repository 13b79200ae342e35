//! The visitor card's words (`ui/visitor_card.rs`); their Russian and English values are in
//! `ru.rs` and `en.rs` with the rest of the console's.

use super::Plural;

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
    /// Before the site's own id of a customer it vouched for (`identify`), marked verified.
    pub customer: &'static str,
    /// An earlier chat's rating by its visitor, in its row: good, bad.
    pub rated: [&'static str; 2],
    pub department: &'static str,
    pub now_on: &'static str,
    /// Instead of `now_on` where the visitor is not there: a message left, a closed chat.
    pub last_page: &'static str,
    /// In a live chat's pane title: the server says the visitor has left the site.
    pub left_site: &'static str,
    /// The same with the time they left (`{time}`: `14:05`, or `05.12 14:05` another day).
    pub left_site_at: &'static str,
    /// After either, when the server will also mail answers to the e-mail the visitor gave.
    pub by_mail_too: &'static str,
    /// After those, when the chat will close by itself if nobody writes (`{time}` as above).
    pub closes_at: &'static str,
    pub trail: &'static str,
    pub referrer: &'static str,
    pub direct: &'static str,
    pub search: &'static str,
    pub place: &'static str,
    /// Where the city shown came from: the visitor's IP address (the proxy's geo headers), or
    /// the pre-chat form.
    pub city_by_ip: &'static str,
    pub city_from_form: &'static str,
    pub browser: &'static str,
    pub language: &'static str,
    pub chat_started: &'static str,
    pub earlier: &'static str,
    /// The same heading when a listed chat is newer than the one shown (an old chat opened).
    pub other_chats: &'static str,
    /// In the strip's title: the key (`{key}`) that shows the whole card.
    pub whole_card: &'static str,
    /// In the whole card's title: the key (`{key}`) that hides it.
    pub hide_card: &'static str,
}
