//! `--json`: one JSON object per line, schema `v` 1 (docs/tail.md). Every key is always
//! present (`null` when unknown) so `jq` filters need no guards; text is escaped by serde.

use frontdesk_protocol::EventBody;
use serde::Serialize;

use super::line::{Line, TEXT_CHARS};

/// Bumped when a field changes meaning or goes away; new fields keep the version.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct JsonLine<'a> {
    v: u32,
    seq: u64,
    ts: i64,
    time: String,
    kind: &'a str,
    chat_id: Option<i64>,
    department: Option<&'a str>,
    operator: Option<&'a str>,
    operator_ids: &'a [i64],
    visitor: Option<&'a str>,
    text: String,
    waiting: Option<usize>,
    queue_changed: bool,
    event: &'a EventBody,
}

pub fn format(line: &Line) -> String {
    let facts = &line.facts;
    let json = JsonLine {
        v: SCHEMA,
        seq: line.seq,
        ts: line.ts,
        time: jiff::Timestamp::from_millisecond(line.ts)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        kind: line.kind,
        chat_id: facts.chat_id,
        department: facts.department.as_deref(),
        operator: line.operator.as_deref(),
        operator_ids: &line.operator_ids,
        visitor: facts.visitor.as_deref(),
        text: cut(&line.text),
        waiting: facts.waiting,
        queue_changed: facts.queue_changed,
        event: line.event,
    };
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string(&json).unwrap_or_default()
}

/// At most [`TEXT_CHARS`] characters, `…` marking a cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(TEXT_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
