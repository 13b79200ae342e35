//! Transcripts as files: readable text, JSON Lines and CSV. Pure: bytes in, bytes out.
//!
//! Text is for people and may be printed to a terminal, so visitor-controlled strings go
//! through the sanitiser. JSON Lines and CSV keep the text as stored (JSON escapes it; CSV
//! quotes it), except that a CSV cell that a spreadsheet would run as a formula is defused.

use std::io::Write;

use frontdesk_protocol::transcript::Transcript;
use frontdesk_protocol::{Message, MessageKind, Rating, Role};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::i18n::ExportLabels;
use crate::sanitize::{Mode, sanitize};

/// One row of JSON Lines and CSV: a message with what it needs to stand alone. The field
/// names and their order are the documented schema (docs/export.md); add, never rename.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub chat_id: i64,
    pub message_id: i64,
    pub seq: u64,
    /// RFC 3339, UTC.
    pub time: String,
    pub author_role: &'static str,
    pub author_name: &'a str,
    pub kind: &'static str,
    pub text: &'a str,
    pub visitor_name: &'a str,
    pub visitor_email: &'a str,
    pub department: &'a str,
    /// The chat's rating by its visitor: `good`, `bad`, or empty.
    pub chat_rating: &'static str,
}

fn role(r: Role) -> &'static str {
    match r {
        Role::Visitor => "visitor",
        Role::Operator => "operator",
        Role::System => "system",
    }
}

fn kind(k: MessageKind) -> &'static str {
    match k {
        MessageKind::Text => "text",
        MessageKind::Note => "note",
        MessageKind::Whisper => "whisper",
    }
}

fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| t.to_string())
}

fn rows(t: &Transcript) -> impl Iterator<Item = Row<'_>> {
    let fields = &t.visitor.fields;
    t.messages.iter().map(move |m| Row {
        chat_id: t.chat.id,
        message_id: m.id,
        seq: m.seq,
        time: utc(m.ts),
        author_role: role(m.author.role),
        author_name: m.author.name.as_deref().unwrap_or(""),
        kind: kind(m.kind),
        text: &m.text,
        visitor_name: fields.name.as_deref().unwrap_or(""),
        visitor_email: fields.email.as_deref().unwrap_or(""),
        department: t.chat.department.as_deref().unwrap_or(""),
        chat_rating: t.rating.map_or("", Rating::as_str),
    })
}

pub fn jsonl(t: &Transcript, out: &mut impl Write) -> anyhow::Result<()> {
    for row in rows(t) {
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// CSV rows of one transcript; `header` for the first transcript of a file.
pub fn csv(t: &Transcript, out: &mut impl Write, header: bool) -> anyhow::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(header)
        .from_writer(out);
    for row in rows(t) {
        let text = defused(row.text);
        let author = defused(row.author_name);
        let visitor = defused(row.visitor_name);
        writer.serialize(Row {
            text: &text,
            author_name: &author,
            visitor_name: &visitor,
            ..row
        })?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell starting with `=`, `+`, `-`, `@` (or a tab or CR) is a formula to a spreadsheet: a
/// visitor could make an operator's export run one. A leading `'` makes it text.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A transcript for reading: a header with the chat's facts, then one line per message.
pub fn text(
    t: &Transcript,
    out: &mut impl Write,
    tz: &TimeZone,
    words: &ExportLabels,
) -> anyhow::Result<()> {
    let local = |ms: i64| {
        Timestamp::from_millisecond(ms)
            .map(|ts| {
                ts.to_zoned(tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let fields = &t.visitor.fields;
    let visitor = sanitize(fields.name.as_deref().unwrap_or(words.no_name), Mode::NAME);
    let mut title = format!("{} #{} · {visitor}", words.chat, t.chat.id);
    if let Some(email) = &fields.email {
        title.push_str(&format!(" <{}>", sanitize(email, Mode::NAME)));
    }
    if let Some(dept) = &t.chat.department {
        title.push_str(&format!(" · {dept}"));
    }
    writeln!(out, "{title}")?;
    let mut when = format!("{} {}", words.started, local(t.chat.created_at));
    if let Some(closed) = t.chat.closed_at {
        when.push_str(&format!(" · {} {}", words.closed, local(closed)));
    }
    writeln!(out, "{when}")?;
    if let Some(rating) = t.rating {
        let mut rated = rating.pick(words.rated).to_owned();
        if let Some(comment) = &t.rating_comment {
            rated.push_str(&format!(": «{}»", sanitize(comment, Mode::line(500))));
        }
        writeln!(out, "{rated}")?;
    }
    writeln!(out)?;
    for m in &t.messages {
        line(m, out, tz, words)?;
    }
    if t.truncated {
        writeln!(out, "{}", words.truncated)?;
    }
    writeln!(out)?;
    Ok(())
}

fn line(
    m: &Message,
    out: &mut impl Write,
    tz: &TimeZone,
    words: &ExportLabels,
) -> anyhow::Result<()> {
    let time = Timestamp::from_millisecond(m.ts)
        .map(|ts| ts.to_zoned(tz.clone()).strftime("%H:%M:%S").to_string())
        .unwrap_or_default();
    let who = sanitize(
        m.author.name.as_deref().unwrap_or(role(m.author.role)),
        Mode::NAME,
    );
    let tag = match m.kind {
        MessageKind::Text => String::new(),
        MessageKind::Note => format!("{} ", words.note),
        MessageKind::Whisper => format!("{} ", words.whisper),
    };
    let body = sanitize(&m.text, Mode::TEXT);
    // Continuation lines are indented under the text, so each message stays one block.
    let body = body.replace('\n', "\n           ");
    writeln!(out, "[{time}] {tag}{who}: {body}")?;
    Ok(())
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
