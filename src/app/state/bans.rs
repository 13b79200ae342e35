//! The bans picker's lines and preview: the bans in force as the server last listed them
//! (`list_bans`, supervisors), filtered by what is typed; choosing one lifts it. A visitor
//! the console knows a chat of is named as the list names them, beside their number.

use frontdesk_protocol::Ban;

use super::State;
use super::picker::{PickItem, Preview, Shade};
use crate::sanitize::{Mode, sanitize};

impl State {
    /// Bans whose reason or visitor matches every word typed, newest first.
    pub(super) fn ban_pick_items(&self, query: &str) -> Vec<PickItem> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.bans
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                let hay = format!(
                    "{} {} #{}",
                    b.reason.to_lowercase(),
                    self.banned_name(b).unwrap_or_default().to_lowercase(),
                    b.visitor_id
                );
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(key, b)| PickItem {
                key,
                label: format!("{} {}", self.banned_who(b), line(&b.reason)),
                hint: format!(
                    "  {} {}",
                    self.strings.commands.bans_until,
                    self.day(b.until)
                ),
            })
            .collect()
    }

    /// Who banned, why, until when, and whether the address is banned too.
    pub(super) fn ban_preview(&self, key: usize) -> Option<Preview> {
        let b: &Ban = self.bans.get(key)?;
        let l = self.strings.commands;
        // A colleague disabled since keeps their name here, as everywhere their doings show.
        let by = self.operator_label(b.operator_id);
        let mut lines = vec![
            vec![(sanitize(&b.reason, Mode::TEXT).into_owned(), Shade::Plain)],
            Vec::new(),
            vec![(
                format!("{} {by}, {}", l.bans_by, self.day(b.created_at)),
                Shade::Dim,
            )],
            vec![(
                format!("{} {}", l.bans_until, self.day(b.until)),
                Shade::Dim,
            )],
        ];
        if b.by_ip {
            lines.push(vec![(l.bans_by_ip.to_owned(), Shade::Marked)]);
        }
        Some(Preview {
            title: format!(" {} ", self.banned_who(b)),
            lines,
        })
    }

    /// The banned visitor's name as the chat list shows it, from the chat the ban was made in
    /// or any chat of theirs the console holds.
    fn banned_name(&self, b: &Ban) -> Option<&str> {
        let chat = b.chat_id.and_then(|id| self.chats.get(&id)).or_else(|| {
            self.chats
                .values()
                .find(|c| c.chat.visitor_id == b.visitor_id)
        })?;
        Some(chat.label.as_str())
    }

    /// "James #3", "Visitor #3" for one who gave no name, or "#3" for a visitor the console
    /// holds no chat of.
    fn banned_who(&self, b: &Ban) -> String {
        let number = format!("#{}", b.visitor_id);
        match self.banned_name(b) {
            Some(name) if name.ends_with(&number) => name.to_owned(),
            Some(name) => format!("{name} {number}"),
            None => number,
        }
    }

    /// A time as a local date and time.
    pub(crate) fn day(&self, at: frontdesk_protocol::Millis) -> String {
        jiff::Timestamp::from_millisecond(at)
            .map(|t| {
                t.to_zoned(self.tz.clone())
                    .strftime("%d.%m.%Y %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }
}

fn line(text: &str) -> String {
    sanitize(text, Mode::line(120)).into_owned()
}
