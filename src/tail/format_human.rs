//! The default format: one line per event for a person at a terminal (or grep), every piece
//! of visitor text through the console's sanitiser so it cannot drive the terminal.

use std::fmt::Write as _;

use crate::sanitize::{Mode, sanitize};

use super::line::{Line, TEXT_CHARS};

const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

#[derive(Debug, Clone, Copy)]
pub struct Human {
    pub colour: bool,
    /// The words after ` | ` (`LC_ALL` / `LC_MESSAGES` / `LANG`, as the console).
    pub words: &'static crate::i18n::TailWords,
}

impl Human {
    /// `2026-12-03 18:40:02 #905 message_posted chat=7 dept=sales op=anna visitor="Ольга" | Ольга: Здравствуйте!`,
    /// with `waiting=N` before the text on lines that change the queue.
    pub fn format(&self, line: &Line) -> String {
        let mut out = String::with_capacity(160);
        let _ = write!(out, "{} ", local_time(line.ts));
        self.paint(&mut out, DIM, &format!("#{}", line.seq));
        out.push(' ');
        self.paint(&mut out, kind_colour(line.kind), line.kind);
        let facts = &line.facts;
        if let Some(id) = facts.chat_id {
            let _ = write!(out, " chat={id}");
        }
        if let Some(department) = &facts.department {
            let _ = write!(out, " dept={}", sanitize(department, Mode::line(64)));
        }
        if let Some(operator) = &line.operator {
            let _ = write!(out, " op={}", sanitize(operator, Mode::line(64)));
        }
        if let Some(visitor) = &facts.visitor {
            let _ = write!(out, " visitor=\"{}\"", sanitize(visitor, Mode::line(64)));
        }
        if let Some(waiting) = facts.waiting.filter(|_| facts.queue_changed) {
            out.push(' ');
            self.paint(&mut out, BOLD, &format!("waiting={waiting}"));
        }
        let _ = write!(out, " | {}", sanitize(&line.text, Mode::line(TEXT_CHARS)));
        out
    }

    fn paint(&self, out: &mut String, colour: &str, text: &str) {
        if self.colour {
            let _ = write!(out, "{colour}{text}{RESET}");
        } else {
            out.push_str(text);
        }
    }
}

/// Queue changes stand out; messages are easy to pick out; the rest stays plain.
fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "chat_created" | "chat_requeued" | "chat_released" | "chat_unclaimed" => YELLOW,
        "message_posted" | "team_message_posted" => CYAN,
        "page_viewed" | "visitor_updated" | "operator_status_changed" => DIM,
        _ => "",
    }
}

/// The event's time in the local time zone, to the second.
pub fn local_time(ts: i64) -> String {
    jiff::Timestamp::from_millisecond(ts)
        .map(|t| {
            t.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| ts.to_string())
}
