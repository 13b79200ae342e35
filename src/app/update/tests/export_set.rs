//! `:export`: the pages are listed, transcripts fetched four at a time and written in list
//! order into a temporary file that is named only when complete; one export at a time,
//! `:export cancel`, clear failures, the bound. The words and F8 on the search screen are in
//! `export_words.rs`.

use std::path::PathBuf;

use frontdesk_protocol::transcript::{ChatList, Transcript};
use frontdesk_protocol::{ChatSummary, DepartmentInfo};

use super::*;
use crate::app::state::MAX_EXPORT;
use crate::export::ChatFilter;

/// 2026-12-10 12:00:00 UTC.
pub(super) const NOW: i64 = 1_796_904_000_000;
const DAY: i64 = 86_400_000;
const TEMP: &str = "/data/exports/.chats-7d-sales-20261210-120000.csv.part";
const FILE: &str = "/data/exports/chats-7d-sales-20261210-120000.csv";

/// `ready()` with colleague boris, departments sales and support, a data dir and a clock.
pub(super) fn exporting() -> State {
    let mut s = ready();
    let boris = OperatorInfo::new(4, "boris", "Борис", OperatorRole::Operator);
    s.operators.insert(boris.id, boris);
    let department = |key: &str| DepartmentInfo {
        key: key.into(),
        title: key.to_uppercase(),
        operator_ids: vec![],
    };
    update(
        &mut s,
        frame(OperatorOut::Departments {
            departments: vec![department("sales"), department("support")],
            max_chats: None,
        }),
    );
    s.drafts_file = Some((PathBuf::from("/data"), "srv".into()));
    s.now = NOW;
    s
}

/// `text` in the reply box, then Enter.
pub(super) fn line(s: &mut State, text: &str) -> Vec<Effect> {
    s.compose = crate::app::state::new_compose(s.strings);
    s.compose.insert_str(text);
    s.focus = Focus::Compose;
    act(s, Action::SendMessage)
}

pub(super) fn box_text(s: &State) -> String {
    s.compose.lines().join("\n")
}

fn summary(id: i64) -> ChatSummary {
    ChatSummary {
        chat: chat(id, ChatStatus::Closed, Some(ME), NOW - DAY).chat,
        messages: 1,
        preview: None,
        operator_name: None,
        rating: None,
    }
}

fn page(s: &mut State, serial: u64, ids: &[i64], next_after: Option<i64>) -> Vec<Effect> {
    let list = ChatList {
        chats: ids.iter().map(|id| summary(*id)).collect(),
        next_after,
    };
    update(
        s,
        Event::ExportPage {
            serial,
            result: Ok(Box::new(list)),
        },
    )
}

fn transcript(id: i64) -> Box<Transcript> {
    let mut c = chat(id, ChatStatus::Closed, Some(ME), NOW - DAY);
    c.chat.department = Some("sales".into());
    Box::new(Transcript {
        chat: c.chat,
        visitor: c.visitor,
        messages: vec![visitor_msg(id * 100, id, 1, &format!("вопрос {id}"))],
        truncated: false,
        rating: None,
        rating_comment: None,
    })
}

fn arrive(s: &mut State, serial: u64, index: usize, id: i64) -> Vec<Effect> {
    let result = Ok(transcript(id));
    update(
        s,
        Event::ExportTranscript {
            serial,
            index,
            result,
        },
    )
}

/// The chats asked for among `fx`, by index.
pub(super) fn fetched(fx: &[Effect]) -> Vec<(usize, i64)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::FetchForExport { index, chat_id, .. } => Some((*index, *chat_id)),
            _ => None,
        })
        .collect()
}

/// The bytes appended among `fx`, and whether the first append creates the file.
fn appended(fx: &[Effect]) -> Option<(Vec<u8>, bool)> {
    fx.iter().find_map(|e| match e {
        Effect::AppendExport {
            path,
            bytes,
            create,
            ..
        } => {
            assert_eq!(path, &PathBuf::from(TEMP));
            Some((bytes.clone(), *create))
        }
        _ => None,
    })
}

#[test]
fn a_period_and_department_are_listed_fetched_four_at_once_and_written_in_order() {
    let mut s = exporting();
    let fx = line(&mut s, ":export 7d sales csv");
    let filter = ChatFilter {
        since: NOW - 7 * DAY,
        until: NOW + 1,
        department: Some("sales".into()),
        operator: None,
    };
    assert_eq!(
        fx,
        [Effect::ListForExport {
            serial: 1,
            filter: filter.clone(),
            after: 0
        }]
    );
    assert_eq!(box_text(&s), "", "the line did its work");
    assert_eq!(s.notice, None);
    // Two pages: the second asked after the first's last chat.
    let fx = page(&mut s, 1, &[11, 12, 13], Some(13));
    assert_eq!(
        fx,
        [Effect::ListForExport {
            serial: 1,
            filter,
            after: 13
        }]
    );
    let fx = page(&mut s, 1, &[14, 15, 16], None);
    assert_eq!(fetched(&fx), [(0, 11), (1, 12), (2, 13), (3, 14)]);

    // The second comes first: it waits, nothing is written, nothing more asked.
    assert!(arrive(&mut s, 1, 1, 12).is_empty());
    let fx = arrive(&mut s, 1, 0, 11);
    let (mut file, create) = appended(&fx).expect("the first two written");
    assert!(create);
    assert_eq!(fetched(&fx), [(4, 15), (5, 16)]);
    for (index, id) in [(3, 14), (2, 13), (5, 16)] {
        let fx = arrive(&mut s, 1, index, id);
        if let Some((bytes, create)) = appended(&fx) {
            assert!(!create);
            file.extend(bytes);
        }
        assert!(fx.iter().all(|e| !matches!(e, Effect::FinishExport { .. })));
    }
    let fx = arrive(&mut s, 1, 4, 15);
    file.extend(appended(&fx).expect("the last two").0);
    assert_eq!(
        fx.last(),
        Some(&Effect::FinishExport {
            serial: 1,
            temp: TEMP.into(),
            path: FILE.into()
        })
    );

    // One CSV: a header, then the chats in the list's order.
    let mut reader = csv::Reader::from_reader(file.as_slice());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("a row")[0].to_owned())
        .collect();
    assert_eq!(ids, ["11", "12", "13", "14", "15", "16"]);

    let fx = update(
        &mut s,
        Event::ExportSaved {
            serial: 1,
            result: Ok(FILE.into()),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(
        s.notice.as_deref(),
        Some("6 chats → exports/chats-7d-sales-20261210-120000.csv")
    );
    assert_eq!(s.export_set.job, None);
}

#[test]
fn one_export_at_a_time_and_cancel_discards_it_and_drops_late_answers() {
    let mut s = exporting();
    line(&mut s, ":export 24h anna jsonl");
    page(&mut s, 1, &[11, 12], None);
    let fx = line(&mut s, ":export 7d");
    assert!(fx.is_empty());
    assert_eq!(
        s.notice.as_deref(),
        Some("an export is running (0/2 chats); :export cancel stops it")
    );
    assert_eq!(box_text(&s), ":export 7d", "kept to send again");

    let fx = line(&mut s, ":export cancel");
    let temp = "/data/exports/.chats-24h-anna-20261210-120000.jsonl.part";
    assert_eq!(fx, [Effect::DiscardExport { path: temp.into() }]);
    assert_eq!(
        s.notice.as_deref(),
        Some("export cancelled: no file written")
    );
    assert!(arrive(&mut s, 1, 0, 11).is_empty(), "an old answer");
    assert_eq!(s.export_set.job, None);
    line(&mut s, ":export cancel");
    assert_eq!(s.notice.as_deref(), Some("no export is running"));
    // The next export is a new one.
    assert!(matches!(
        line(&mut s, ":export 7d").as_slice(),
        [Effect::ListForExport { serial: 2, .. }]
    ));
}

#[test]
fn a_failure_is_one_clear_line_and_leaves_no_file() {
    let mut s = exporting();
    line(&mut s, ":export 7d sales csv");
    page(&mut s, 1, &[11, 12], None);
    let fx = update(
        &mut s,
        Event::ExportTranscript {
            serial: 1,
            index: 1,
            result: Err("chat 12 is a colleague's".into()),
        },
    );
    assert_eq!(fx, [Effect::DiscardExport { path: TEMP.into() }]);
    assert_eq!(
        s.notice.as_deref(),
        Some("export 7d sales failed, no file written: #12: chat 12 is a colleague's")
    );
    assert!(arrive(&mut s, 1, 0, 11).is_empty());

    // Writing the file fails: the same.
    line(&mut s, ":export 7d sales csv");
    page(&mut s, 2, &[11], None);
    arrive(&mut s, 2, 0, 11);
    let fx = update(
        &mut s,
        Event::ExportSaved {
            serial: 2,
            result: Err("No space left on device".into()),
        },
    );
    assert_eq!(fx, [Effect::DiscardExport { path: TEMP.into() }]);
    assert!(
        s.notice
            .as_deref()
            .unwrap()
            .ends_with("No space left on device")
    );

    // The server refuses the list, or nothing matches.
    line(&mut s, ":export 7d");
    let fx = update(
        &mut s,
        Event::ExportPage {
            serial: 3,
            result: Err("the session has expired".into()),
        },
    );
    assert!(matches!(fx.as_slice(), [Effect::DiscardExport { .. }]));
    assert!(
        s.notice
            .as_deref()
            .unwrap()
            .contains("the session has expired")
    );
    line(&mut s, ":export 7d");
    assert!(page(&mut s, 4, &[], None).is_empty());
    assert_eq!(s.notice.as_deref(), Some("no chats match"));
    assert_eq!(s.export_set.job, None);
}

#[test]
fn a_set_longer_than_the_bound_is_cut_and_the_result_says_so() {
    let mut s = exporting();
    line(&mut s, ":export 30d");
    let mut next = 0;
    let mut fx = Vec::new();
    while next < 6_000 {
        let ids: Vec<i64> = (next + 1..=next + 500).collect();
        fx = page(&mut s, 1, &ids, Some(next + 500));
        next += 500;
        if !matches!(fx.as_slice(), [Effect::ListForExport { .. }]) {
            break;
        }
    }
    assert_eq!(next as usize, MAX_EXPORT, "no page asked past the bound");
    assert_eq!(fetched(&fx).len(), 4);
    let job = s.export_set.job.as_ref().expect("running");
    assert!(job.cut);
    assert_eq!(job.ids.len(), MAX_EXPORT);
    let path = "/data/exports/chats-30d-20261210-120000.txt";
    update(
        &mut s,
        Event::ExportSaved {
            serial: 1,
            result: Ok(path.into()),
        },
    );
    assert_eq!(
        s.notice.as_deref(),
        Some(
            "5000 chats → exports/chats-30d-20261210-120000.txt (only the first 5000: narrow the period)"
        )
    );
}
