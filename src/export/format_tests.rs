use frontdesk_protocol::{Author, Chat, ChatStatus, PrechatFields, VisitorProfile};

use super::*;
use crate::i18n::{EXPORT_EN, EXPORT_RU};

fn message(id: i64, role: Role, name: &str, kind: MessageKind, text: &str) -> Message {
    Message {
        id,
        chat_id: 7,
        seq: 900 + id as u64,
        // 2026-12-01 09:00:00 UTC plus a minute a message.
        ts: 1_796_115_600_000 + id * 60_000,
        author: Author {
            role,
            operator_id: (role == Role::Operator).then_some(3),
            name: Some(name.into()),
        },
        kind,
        text: text.into(),
        client_id: None,
        attachment: None,
    }
}

fn transcript() -> Transcript {
    Transcript {
        chat: Chat {
            id: 7,
            visitor_id: 42,
            status: ChatStatus::Closed,
            operator_id: Some(3),
            department: Some("sales".into()),
            created_at: 1_796_115_600_000,
            accepted_at: Some(1_796_115_630_000),
            closed_at: Some(1_796_116_200_000),
            queued_at: None,
        },
        visitor: VisitorProfile {
            id: 42,
            fields: PrechatFields {
                name: Some("Ольга\u{202e}".into()),
                email: Some("olga@example.ru".into()),
                ..PrechatFields::default()
            },
            pages: Vec::new(),
            referrer: None,
            search_query: None,
            user_agent: None,
            language: None,
            city: None,
            region: None,
            customer_id: None,
            visits: 1,
            chats: 1,
            first_seen: 0,
            last_seen: 0,
        },
        messages: vec![
            message(
                1,
                Role::Visitor,
                "Ольга",
                MessageKind::Text,
                "=HYPERLINK(\"x\")\x1b[2J",
            ),
            message(
                2,
                Role::Operator,
                "Анна",
                MessageKind::Text,
                "Сейчас проверю,\nминуту",
            ),
            message(
                3,
                Role::Operator,
                "Анна",
                MessageKind::Note,
                "постоянный клиент",
            ),
        ],
        truncated: false,
        rating: None,
        rating_comment: None,
    }
}

fn as_string(f: impl FnOnce(&mut Vec<u8>) -> anyhow::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).expect("writes");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn text_reads_like_a_dialog_in_the_given_zone_and_language() {
    let t = transcript();
    // Moscow time, without needing the system time zone database.
    let moscow = TimeZone::fixed(jiff::tz::offset(3));
    let ru = as_string(|o| text(&t, o, &moscow, &EXPORT_RU));
    let lines: Vec<&str> = ru.lines().collect();
    // The bidi override in the name is shown as a mark, never passed to the terminal.
    assert_eq!(lines[0], "Чат #7 · Ольга⟨U+202E⟩ <olga@example.ru> · sales");
    assert_eq!(lines[1], "начат 2026-12-01 12:00 · закрыт 2026-12-01 12:10");
    assert_eq!(lines[3], "[12:01:00] Ольга: =HYPERLINK(\"x\")␛[2J");
    assert_eq!(lines[4], "[12:02:00] Анна: Сейчас проверю,");
    assert_eq!(lines[5], "           минуту");
    assert_eq!(lines[6], "[12:03:00] (заметка) Анна: постоянный клиент");
    assert!(!ru.contains('\x1b') && !ru.contains('\u{202e}'));

    let en = as_string(|o| text(&t, o, &TimeZone::UTC, &EXPORT_EN));
    assert!(en.starts_with("Chat #7 · "), "{en}");
    assert!(
        en.contains("started 2026-12-01 09:00 · closed 2026-12-01 09:10"),
        "{en}"
    );
    assert!(
        en.contains("[09:03:00] (note) Анна: постоянный клиент"),
        "{en}"
    );
}

#[test]
fn json_lines_keep_the_text_as_stored_one_message_a_line() {
    let out = as_string(|o| jsonl(&transcript(), o));
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["text"], "=HYPERLINK(\"x\")\x1b[2J");
    assert_eq!(rows[0]["time"], "2026-12-01T09:01:00Z");
    assert_eq!(rows[0]["author_role"], "visitor");
    assert_eq!(rows[2]["kind"], "note");
    assert_eq!(rows[1]["department"], "sales");
    assert_eq!(rows[1]["visitor_email"], "olga@example.ru");
    // The raw escape byte travels JSON-escaped, not raw.
    assert!(!out.contains('\x1b'));
}

#[test]
fn csv_has_a_header_quotes_newlines_and_defuses_formulas() {
    let t = transcript();
    let out = as_string(|o| {
        csv(&t, o, true)?;
        csv(&t, o, false)
    });
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "chat_id");
    assert!(header.contains(&"text".to_owned()));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 6, "two transcripts, one header");
    let text_at = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    assert_eq!(&rows[0][text_at], "'=HYPERLINK(\"x\")\x1b[2J");
    assert_eq!(&rows[1][text_at], "Сейчас проверю,\nминуту");
}

/// The visitor's rating goes into the text's header (its comment made safe) and into every
/// row of JSON Lines and CSV; an unrated chat has none.
#[test]
fn the_visitors_rating_is_in_every_format() {
    let unrated = as_string(|o| text(&transcript(), o, &TimeZone::UTC, &EXPORT_RU));
    assert!(!unrated.contains("Оценка"), "{unrated}");
    let t = Transcript {
        rating: Some(frontdesk_protocol::Rating::Bad),
        rating_comment: Some("долго\u{1b}[2J".into()),
        ..transcript()
    };
    let ru = as_string(|o| text(&t, o, &TimeZone::UTC, &EXPORT_RU));
    assert_eq!(
        ru.lines().nth(2),
        Some("Оценка посетителя: плохо: «долго␛[2J»"),
        "{ru}"
    );
    let rows: Vec<serde_json::Value> = as_string(|o| jsonl(&t, o))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.iter().all(|r| r["chat_rating"] == "bad"), "{rows:?}");
    let csv_text = as_string(|o| csv(&t, o, true));
    assert!(
        csv_text.lines().next().unwrap().ends_with(",chat_rating"),
        "{csv_text}"
    );
    assert!(
        csv_text.lines().nth(1).unwrap().ends_with(",bad"),
        "{csv_text}"
    );
}
