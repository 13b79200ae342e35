//! `:export`'s words in the reply box (refused ones keep the line, alone it is the export key,
//! Tab completes them) and F8 on the search screen (the chats of the hits, once each).

use std::path::PathBuf;

use frontdesk_protocol::search::{HitKind, SearchHit};

use super::export_set::{NOW, box_text, exporting, fetched, line};
use super::*;
use crate::app::state::Found;

#[test]
fn bad_words_keep_the_line_and_say_why() {
    let mut s = exporting();
    for (text, says) in [
        (":export 7d mars", "`mars` is not a period"),
        (":export sales", "needs a period"),
        (":export 7d csv csv", "`csv`: one period"),
    ] {
        assert!(line(&mut s, text).is_empty(), "{text}");
        assert!(
            s.notice.as_deref().unwrap().contains(says),
            "{text}: {:?}",
            s.notice
        );
        assert_eq!(box_text(&s), text);
        assert_eq!(s.export_set.job, None);
    }
}

#[test]
fn alone_it_is_the_export_key_and_with_a_format_the_focused_chat_in_it() {
    let mut s = exporting();
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    assert_eq!(
        line(&mut s, ":export"),
        [Effect::FetchTranscript { chat_id: 2 }]
    );
    let fx = line(&mut s, ":export jsonl");
    assert_eq!(
        fx,
        [Effect::FetchForExport {
            serial: 1,
            index: 0,
            chat_id: 2
        }]
    );
    let job = s.export_set.job.as_ref().expect("running");
    assert_eq!(
        job.path,
        PathBuf::from("/data/exports/chat-2-20261210-120000.jsonl")
    );
}

#[test]
fn tab_completes_the_command_formats_departments_and_logins() {
    let mut s = exporting();
    for (typed, done) in [
        (":exp", ":export "),
        (":export 7d sa", ":export 7d sales "),
        (":export 7d sales c", ":export 7d sales csv "),
        (":export 24h BO", ":export 24h boris "),
        (":export j", ":export jsonl "),
        (":export 7d su", ":export 7d support "),
    ] {
        s.compose = crate::app::state::new_compose(s.strings);
        s.compose.insert_str(typed);
        s.focus = Focus::Compose;
        act(&mut s, Action::CompleteCanned);
        assert_eq!(box_text(&s), done, "{typed}");
    }
}

fn hit(chat_id: i64) -> SearchHit {
    SearchHit {
        chat_id,
        message_id: Some(chat_id * 100),
        ts: NOW,
        author: frontdesk_protocol::Author {
            role: Role::Visitor,
            operator_id: None,
            name: None,
        },
        kind: HitKind::Text,
        snippet: "заказ".into(),
        marks: Vec::new(),
    }
}

#[test]
fn the_export_key_on_the_search_screen_exports_the_hits_chats_once_each() {
    let mut s = exporting();
    act(&mut s, Action::SearchChats);
    assert!(act(&mut s, Action::ExportChat).is_empty());
    assert_eq!(
        s.notice.as_deref(),
        Some("no found chats to export: search first")
    );
    s.finder.shown = Some(Found {
        query: "мой заказ".into(),
        hits: vec![hit(77), hit(78), hit(77)],
        indexed_up_to: 0,
    });
    let fx = act(&mut s, Action::ExportChat);
    assert_eq!(fetched(&fx), [(0, 77), (1, 78)]);
    assert!(s.finder.open, "the screen stays");
    let job = s.export_set.job.as_ref().expect("running");
    assert_eq!(
        job.path,
        PathBuf::from("/data/exports/search-мой-заказ-20261210-120000.txt")
    );
}
