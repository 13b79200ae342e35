//! The bans picker's lines and preview: the bans in force as the server last listed them
//! (`list_bans`, supervisors), filtered by what is typed; choosing one lifts it.

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
                let hay = format!("{} #{}", b.reason.to_lowercase(), b.visitor_id);
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(key, b)| PickItem {
                key,
                label: format!("#{} {}", b.visitor_id, line(&b.reason)),
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
        let by = self
            .operators
            .get(&b.operator_id)
            .map_or_else(|| format!("#{}", b.operator_id), |o| line(&o.display_name));
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
            title: format!(" #{} ", b.visitor_id),
            lines,
        })
    }

    /// A time as a local date and time.
    fn day(&self, at: frontdesk_protocol::Millis) -> String {
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
