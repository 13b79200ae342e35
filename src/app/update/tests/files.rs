//! Files in the dialog: a file message shows as one safe label line, and `:save` asks for the
//! chat's newest file to be saved in the downloads folder, or says there is none.

use std::path::PathBuf;

use frontdesk_protocol::Attachment;

use super::*;

fn open() -> State {
    let mut s = ready();
    s.drafts_file = Some((PathBuf::from("/data"), "srv".into()));
    act(&mut s, Action::SelectNext);
    act(&mut s, Action::OpenSelected);
    assert_eq!(s.open_id(), Some(2));
    s
}

fn file_msg(id: i64, name: &str) -> Message {
    let mut m = visitor_msg(id, 2, 10 + id as u64, name);
    m.attachment = Some(Attachment {
        id: 100 + id,
        name: name.into(),
        size: 245_760,
        mime: "image/png".into(),
    });
    m
}

fn run(s: &mut State, line: &str) -> Vec<Effect> {
    type_text(s, line);
    act(s, Action::SendMessage)
}

#[test]
fn a_files_size_is_written_in_the_consoles_language() {
    let mut s = open();
    s.strings = &crate::i18n::RU;
    let message = file_msg(1, "чек.png");
    update(&mut s, event(11, EventBody::MessagePosted { message }));
    let chat = &s.chats[&2];
    let label = chat.text_of(chat.messages.last().expect("the file line"));
    assert!(label.ends_with(" · 240 КБ · image/png"), "{label}");
}

#[test]
fn save_asks_for_the_newest_file_of_the_open_chat() {
    let mut s = open();
    assert!(run(&mut s, ":save").is_empty());
    assert_eq!(s.notice.as_deref(), Some("no file in this chat to save"));

    for (seq, m) in [
        (11, file_msg(1, "first.png")),
        (12, file_msg(2, "../../.bashrc\u{1b}[2J")),
    ] {
        update(&mut s, event(seq, EventBody::MessagePosted { message: m }));
    }
    let chat = &s.chats[&2];
    let label = chat.text_of(chat.messages.last().expect("the file line"));
    assert!(label.starts_with("\u{1F4CE} ../../.bashrc"), "{label}");
    assert!(label.ends_with(" · 240 KB · image/png"), "{label}");
    assert!(
        !label.contains('\u{1b}'),
        "escape sequences never reach the screen: {label:?}"
    );

    let effects = run(&mut s, ":save");
    let [
        Effect::SaveFile {
            file,
            data_dir,
            downloads_dir,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(file.id, 102, "the newest file");
    assert_eq!(data_dir, &PathBuf::from("/data"));
    assert_eq!(downloads_dir, &PathBuf::new(), "none configured");
    assert!(
        s.compose.lines().join("").is_empty(),
        "the command left the box"
    );

    update(
        &mut s,
        Event::FileSaved(Ok("/home/anna/Downloads/bashrc".into())),
    );
    assert_eq!(
        s.notice.as_deref(),
        Some("saved to /home/anna/Downloads/bashrc (not opened)")
    );
    update(&mut s, Event::FileSaved(Err("no space left".into())));
    assert_eq!(
        s.notice.as_deref(),
        Some("the file was not saved: no space left")
    );
}

#[test]
fn tab_after_send_asks_the_runtime_and_a_stale_answer_is_dropped() {
    let mut s = open();
    type_text(&mut s, ":send ~/Doc");
    let effects = act(&mut s, Action::CompleteCanned);
    assert_eq!(
        effects,
        vec![Effect::CompletePath {
            typed: "~/Doc".into()
        }]
    );
    update(
        &mut s,
        Event::PathCompleted {
            typed: "~/Doc".into(),
            completed: Some("~/Documents/".into()),
        },
    );
    assert_eq!(s.compose.lines().join("\n"), ":send ~/Documents/");
    // Typed on meanwhile: the old answer does not overwrite the box.
    update(
        &mut s,
        Event::PathCompleted {
            typed: "~/Doc".into(),
            completed: Some("~/Docs/".into()),
        },
    );
    assert_eq!(s.compose.lines().join("\n"), ":send ~/Documents/");
}

#[test]
fn save_file_key_saves_the_focused_chats_newest_file_never_another_chats() {
    let mut s = open();
    s.downloads_dir = PathBuf::from("~/Chats");
    type_text(&mut s, "a reply in progress");
    let in_chat_1 = |id: i64, name: &str| {
        let mut m = file_msg(id, name);
        m.chat_id = 1;
        m
    };
    // Only the other chat has a file: nothing to save here.
    update(
        &mut s,
        event(
            11,
            EventBody::MessagePosted {
                message: in_chat_1(1, "other.png"),
            },
        ),
    );
    assert!(act(&mut s, Action::SaveFile).is_empty());
    assert_eq!(s.notice.as_deref(), Some("no file in this chat to save"));

    for (seq, m) in [
        (12, file_msg(2, "mine.png")),
        (13, in_chat_1(3, "newer-elsewhere.png")),
    ] {
        update(&mut s, event(seq, EventBody::MessagePosted { message: m }));
    }
    let effects = act(&mut s, Action::SaveFile);
    let [
        Effect::SaveFile {
            file,
            downloads_dir,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!((file.id, file.name.as_str()), (102, "mine.png"));
    assert_eq!(downloads_dir, &PathBuf::from("~/Chats"), "as configured");
    assert_eq!(s.notice.as_deref(), Some("saving mine.png…"));
    assert_eq!(
        s.compose.lines().join("\n"),
        "a reply in progress",
        "the draft stays"
    );
}
